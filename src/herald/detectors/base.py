"""What a detector is: a named, typed, language-aware producer of candidate findings.

A detector knows *what* it found (entity, span, score, why); the policy rule that uses it
decides the category, severity and message. Each built-in detector lives in its own
module and registers itself with :func:`register`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import regex
from pydantic import BaseModel, ConfigDict

from herald.text.document import Document
from herald.text.fold import fold_term
from herald.types import LANGUAGES, Category, OrgSettings, ScanContext


class NoParams(BaseModel):
    """Parameters of a detector that takes none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True, slots=True)
class Detection:
    """A candidate finding, in original-text offsets."""

    entity: str
    start: int
    end: int
    score: float
    pattern: str | None = None
    validation: str | None = None
    context_words: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    fix: str | None = None
    message_args: Mapping[str, str] = field(default_factory=dict)
    """Extra placeholders for the rule's message, e.g. {'domain': 'nexora.com'}."""


class Detector(ABC):
    """Base class of every detector.

    Subclasses set ``name`` (the id used in policy packs), ``entities`` (stable finding
    types it may emit), ``category`` (the default category of its findings),
    ``languages`` (those it supports) and, if it takes parameters, ``Params`` (a pydantic
    model, validated when the policy loads). They are constructed once per loaded policy,
    so set-up that every post needs belongs in ``__init__``; ``analyze`` runs on every
    keystroke. What only some posts need (a library, a large expression) is loaded on
    first use instead: ``herald check`` builds the policy to check a single post.
    """

    name: ClassVar[str]
    entities: ClassVar[tuple[str, ...]]
    category: ClassVar[Category]
    languages: ClassVar[frozenset[str]] = frozenset(LANGUAGES)
    Params: ClassVar[type[BaseModel]] = NoParams

    def __init__(self, params: BaseModel, org: OrgSettings) -> None:
        self.params = params
        self.org = org

    @abstractmethod
    def analyze(self, doc: Document, ctx: ScanContext) -> Iterable[Detection]:
        """Candidate findings in ``doc``; must be pure and must not do I/O."""


_REGISTRY: dict[str, type[Detector]] = {}


def register(cls: type[Detector]) -> type[Detector]:
    """Class decorator: make a detector available to policy packs by its ``name``."""
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing is not cls:
        raise ValueError(f"detector name {cls.name!r} is already registered by {existing!r}")
    _REGISTRY[cls.name] = cls
    return cls


def registry() -> Mapping[str, type[Detector]]:
    """All registered detectors by name (built-ins are imported on first use)."""
    from herald.detectors import load_builtin

    load_builtin()
    return _REGISTRY


def build_detector(name: str, params: Mapping[str, Any], org: OrgSettings) -> Detector:
    """Instantiate a registered detector with validated parameters (raises KeyError)."""
    cls = registry()[name]
    return cls(cls.Params.model_validate(dict(params)), org)


class ContextWords:
    """Words that make a weak candidate more likely when they occur near it.

    Given per language; folded, so "TC Kimlik", "T.C. KİMLİK" and "tc kimlik" are one
    word. A word matches at a word start and may run on into a suffix ("kimlikte").
    Texts in another language use the words of every language.
    """

    __slots__ = ("_patterns", "_sources")

    def __init__(self, words: Mapping[str, Iterable[str]]) -> None:
        every = {fold_term(w) for ws in words.values() for w in ws}
        by_lang = {lang: {fold_term(w) for w in words.get(lang, ())} or every for lang in LANGUAGES}
        by_lang["other"] = every
        # Compiled on first use: detectors build these when imported, and most posts
        # never ask (a candidate comes first), so `herald check` would compile them all.
        self._sources: dict[str, str] = {
            lang: r"(?<![\p{L}\p{N}])(?:"
            + "|".join(regex.escape(w) for w in sorted(chosen, key=len, reverse=True))
            + ")"
            for lang, chosen in by_lang.items()
            if chosen
        }
        self._patterns: dict[str, regex.Pattern[str]] = {}

    def _pattern(self, lang: str) -> regex.Pattern[str] | None:
        pattern = self._patterns.get(lang)
        if pattern is None and lang in self._sources:
            pattern = self._patterns[lang] = regex.compile(self._sources[lang])
        return pattern

    def near(self, doc: Document, start: int, end: int, window: int = 48) -> tuple[str, ...]:
        """Context words within ``window`` characters around [start, end), in order."""
        pattern = self._pattern(doc.lang) or self._pattern("other")
        if pattern is None:
            return ()
        view = doc.folded.folded
        # A window is approximate by nature; the folded view's offsets are close enough.
        lo, hi = max(0, start - window), min(len(view), end + window)
        found = [
            m.group()
            for m in pattern.finditer(view, lo, hi)
            if m.end() <= start or m.start() >= end
        ]
        return tuple(dict.fromkeys(found))
