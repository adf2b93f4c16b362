"""Rules compiled for scanning: one class per rule type, all built once per policy.

A compiled rule answers two questions on every scan: does it apply in this context, and
where in the text does it fire. It returns :class:`Hit` values in original-text offsets;
the scanner turns them into findings (message, severity, verdict).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import regex

from herald.detectors.base import Detection, Detector
from herald.policy.regex_guard import SCAN_TIMEOUT_S
from herald.text.document import Document, Span
from herald.text.fold import fold_term
from herald.text.lexicon import TermMatcher
from herald.types import (
    LANGUAGES,
    OTHER_LANGUAGE,
    AccountType,
    Category,
    Explanation,
    ScanContext,
    Scope,
    Severity,
)


class RuleTimeoutError(Exception):
    """A user pattern exceeded its time bound on this text."""


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    explanation: Explanation
    score: float = 1.0
    fix: str | None = None
    fix_span: tuple[int, int] | None = None
    entity: str | None = None
    message_args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What every rule has, whatever its type."""

    id: str
    type: str
    category: Category
    severity: Severity | Mapping[AccountType, Severity]
    messages: Mapping[str, str]
    languages: frozenset[str]
    scope: Scope = Scope.TEXT
    account_types: frozenset[AccountType] | None = None
    industries: frozenset[str] | None = None
    author_roles: frozenset[str] | None = None
    not_author_roles: frozenset[str] | None = None
    exceptions: tuple[str, ...] = ()
    clause: str | None = None
    description: str | None = None

    def severity_for(self, account_type: AccountType) -> Severity | None:
        """The severity for this account type; None if the rule is silent for it."""
        if isinstance(self.severity, Severity):
            return self.severity
        return self.severity.get(account_type)

    def message(self, lang: str) -> str:
        for candidate in (lang, "en", *self.messages):
            text = self.messages.get(candidate)
            if text is not None:
                return text
        return self.id


class CompiledRule(ABC):
    __slots__ = ("_exceptions", "meta")

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta
        self._exceptions = TermMatcher(meta.exceptions, inflect=False) if meta.exceptions else None

    def applies(self, lang: str, ctx: ScanContext, industry: str | None, role: str | None) -> bool:
        """Whether the rule runs here; ``industry`` and ``role`` come folded (once per scan)."""
        m = self.meta
        if lang != OTHER_LANGUAGE and lang not in m.languages:
            return False
        if m.severity_for(ctx.account_type) is None:
            return False
        if m.account_types is not None and ctx.account_type not in m.account_types:
            return False
        if m.industries is not None and (industry is None or industry not in m.industries):
            return False
        if m.author_roles is not None and role not in m.author_roles:
            return False
        return not (m.not_author_roles is not None and role in m.not_author_roles)

    def run(self, doc: Document, ctx: ScanContext) -> list[Hit]:
        hits = list(self.find(doc, ctx))
        if not hits:
            return hits
        if self.meta.scope is not Scope.TEXT:
            spans = _scope_spans(doc, self.meta.scope)
            hits = [h for h in hits if any(s.start <= h.start and h.end <= s.end for s in spans)]
        if self._exceptions is not None and hits:
            excepted = [
                doc.to_original(m.start, m.end)
                for m in self._exceptions.finditer(doc.folded.folded)
            ]
            hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in excepted)]
        return hits

    @abstractmethod
    def find(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]: ...


def _scope_spans(doc: Document, scope: Scope) -> tuple[Span, ...]:
    if scope is Scope.LINKS:
        return doc.links
    if scope is Scope.HASHTAGS:
        return doc.hashtags
    return doc.mentions


def terms_by_language(
    values: Mapping[str, list[str]] | list[str],
) -> dict[str, list[str]]:
    """Terms given flat apply to every language; 'other' texts get every language's terms."""
    if isinstance(values, list):
        by_lang = {lang: list(values) for lang in LANGUAGES}
    else:
        by_lang = {lang: list(values.get(lang, [])) for lang in LANGUAGES}
    by_lang[OTHER_LANGUAGE] = [t for terms in by_lang.values() for t in terms]
    return by_lang


class _TermIndex:
    """A TermMatcher per language, built lazily: most packs only see one or two languages."""

    __slots__ = ("_inflect", "_matchers", "_obfuscated", "_terms")

    def __init__(self, terms: dict[str, list[str]], *, inflect: bool, obfuscated: bool) -> None:
        self._terms = terms
        self._inflect = inflect
        self._obfuscated = obfuscated
        self._matchers: dict[str, TermMatcher] = {}

    def matcher(self, lang: str) -> TermMatcher:
        matcher = self._matchers.get(lang)
        if matcher is None:
            matcher = TermMatcher(
                self._terms.get(lang, ()),
                inflect=self._inflect and lang == "tr",
                obfuscated=self._obfuscated,
            )
            self._matchers[lang] = matcher
        return matcher

    def build_all(self) -> None:
        for lang in self._terms:
            self.matcher(lang)


class ExistenceRule(CompiledRule):
    __slots__ = ("_index", "_obfuscated")

    def __init__(
        self, meta: RuleMeta, terms: dict[str, list[str]], *, inflect: bool, obfuscated: bool
    ) -> None:
        super().__init__(meta)
        self._obfuscated = obfuscated
        self._index = _TermIndex(terms, inflect=inflect, obfuscated=obfuscated)
        self._index.build_all()

    def find(self, doc: Document, ctx: ScanContext) -> Iterator[Hit]:
        view = doc.deobfuscated if self._obfuscated else doc.folded.folded
        for m in self._index.matcher(doc.lang).finditer(view):
            start, end = doc.to_original(m.start, m.end)
            yield Hit(start, end, Explanation("term", pattern=m.term))


def _match_case(replacement: str, original: str, lang: str) -> str:
    """Give the replacement the capitalisation of what it replaces."""
    if not replacement or not original:
        return replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper() if lang != "tr" else replacement.replace("i", "İ").upper()
    if original[0].isupper():
        first = "İ" if (lang == "tr" and replacement[0] == "i") else replacement[0].upper()
        return first + replacement[1:]
    return replacement


class SubstitutionRule(CompiledRule):
    __slots__ = ("_index", "_swaps")

    def __init__(self, meta: RuleMeta, swaps: dict[str, dict[str, str]], *, inflect: bool) -> None:
        super().__init__(meta)
        self._swaps = {lang: {fold_term(k): v for k, v in m.items()} for lang, m in swaps.items()}
        terms = {lang: list(m) for lang, m in swaps.items()}
        self._index = _TermIndex(terms, inflect=inflect, obfuscated=False)
        self._index.build_all()

    def find(self, doc: Document, ctx: ScanContext) -> Iterator[Hit]:
        swaps = self._swaps.get(doc.lang, {})
        for m in self._index.matcher(doc.lang).finditer(doc.folded.folded):
            start, end = doc.to_original(m.start, m.end)
            stem_start, stem_end = doc.to_original(m.start, m.stem_end)
            written = doc.text[stem_start:stem_end]
            wanted = swaps.get(m.term, "")
            if written == wanted:  # already the preferred form ("NexoraPay" for "nexorapay")
                continue
            replacement = _match_case(wanted, written, doc.lang)
            suffix = doc.text[stem_end:end]
            yield Hit(
                start,
                end,
                Explanation("term", pattern=m.term),
                fix=replacement + suffix,
                message_args={"replacement": replacement},
            )


@dataclass(frozen=True, slots=True)
class CompiledMatcher:
    """The compiled form of a schema ``Matcher``: terms, patterns and hashtags."""

    terms: _TermIndex | None
    patterns: tuple[regex.Pattern[str], ...]
    hashtags: frozenset[str]

    def find(self, doc: Document) -> Iterator[tuple[int, int, str]]:
        """(start, end, what matched) for every occurrence, in original offsets."""
        if self.terms is not None:
            for m in self.terms.matcher(doc.lang).finditer(doc.folded.folded):
                start, end = doc.to_original(m.start, m.end)
                yield start, end, m.term
        for pattern in self.patterns:
            try:
                for pm in pattern.finditer(doc.text, timeout=SCAN_TIMEOUT_S):
                    if pm.end() > pm.start():
                        yield pm.start(), pm.end(), pattern.pattern
            except TimeoutError as exc:
                raise RuleTimeoutError(pattern.pattern) from exc
        if self.hashtags:
            for tag in doc.hashtags:
                if fold_term(tag.text[1:]) in self.hashtags:
                    yield tag.start, tag.end, tag.text


def compile_matcher(
    terms: Mapping[str, list[str]] | list[str],
    patterns: Iterable[regex.Pattern[str]],
    hashtags: Iterable[str],
) -> CompiledMatcher:
    per_lang = terms_by_language(terms)
    has_terms = any(per_lang.values())
    return CompiledMatcher(
        _TermIndex(per_lang, inflect=True, obfuscated=False) if has_terms else None,
        tuple(patterns),
        frozenset(fold_term(h.lstrip("#")) for h in hashtags),
    )


def _append_fix(doc: Document, text: str | None) -> tuple[str | None, tuple[int, int] | None]:
    if text is None:
        return None, None
    sep = "" if not doc.text or doc.text[-1].isspace() else "\n\n"
    return sep + text, (len(doc.text), len(doc.text))


class OccurrenceRule(CompiledRule):
    __slots__ = ("_fix", "_max", "_min", "_only_if", "_require")

    def __init__(
        self,
        meta: RuleMeta,
        require: CompiledMatcher,
        *,
        minimum: int,
        maximum: int | None,
        fix: Mapping[str, str] | None,
        only_if: CompiledMatcher | None,
    ) -> None:
        super().__init__(meta)
        self._require = require
        self._min = minimum
        self._max = maximum
        self._fix = dict(fix or {})
        self._only_if = only_if

    def find(self, doc: Document, ctx: ScanContext) -> Iterator[Hit]:
        trigger: tuple[int, int, str] | None = None
        if self._only_if is not None:
            trigger = next(iter(self._only_if.find(doc)), None)
            if trigger is None:
                return
        found = sorted(self._require.find(doc))
        if len(found) < self._min:
            fix, fix_span = _append_fix(doc, self._fix.get(doc.lang) or self._fix.get("en"))
            start, end = (trigger[0], trigger[1]) if trigger else (len(doc.text), len(doc.text))
            notes = (f"required at least {self._min}, found {len(found)}",)
            yield Hit(
                start,
                end,
                Explanation("occurrence", pattern=trigger[2] if trigger else None, notes=notes),
                fix=fix,
                fix_span=fix_span,
            )
        if self._max is not None and len(found) > self._max:
            for start, end, what in found[self._max :]:
                notes = (f"allowed at most {self._max}, found {len(found)}",)
                yield Hit(start, end, Explanation("occurrence", pattern=what, notes=notes), fix="")


class ConditionalRule(CompiledRule):
    __slots__ = ("_fix", "_if", "_then")

    def __init__(
        self,
        meta: RuleMeta,
        if_: CompiledMatcher,
        then: CompiledMatcher,
        fix: Mapping[str, str] | None,
    ) -> None:
        super().__init__(meta)
        self._if = if_
        self._then = then
        self._fix = dict(fix or {})

    def find(self, doc: Document, ctx: ScanContext) -> Iterator[Hit]:
        trigger = next(iter(self._if.find(doc)), None)
        if trigger is None or next(iter(self._then.find(doc)), None) is not None:
            return
        fix, fix_span = _append_fix(doc, self._fix.get(doc.lang) or self._fix.get("en"))
        yield Hit(
            trigger[0],
            trigger[1],
            Explanation("conditional", pattern=trigger[2]),
            fix=fix,
            fix_span=fix_span,
        )


class PatternRule(CompiledRule):
    __slots__ = ("_fix", "_patterns")

    def __init__(
        self, meta: RuleMeta, patterns: Mapping[str, regex.Pattern[str]], fix: str | None
    ) -> None:
        super().__init__(meta)
        self._patterns = dict(patterns)
        self._fix = fix

    def find(self, doc: Document, ctx: ScanContext) -> Iterator[Hit]:
        # "*" is a pattern for every language; "other" texts try the first one given.
        pattern = self._patterns.get(doc.lang) or self._patterns.get("*")
        if pattern is None and doc.lang == OTHER_LANGUAGE and self._patterns:
            pattern = next(iter(self._patterns.values()))
        if pattern is None:
            return
        try:
            for m in pattern.finditer(doc.text, timeout=SCAN_TIMEOUT_S):
                if m.end() == m.start():
                    continue
                fix = m.expand(self._fix) if self._fix is not None else None
                yield Hit(
                    m.start(), m.end(), Explanation("pattern", pattern=pattern.pattern), fix=fix
                )
        except TimeoutError as exc:
            raise RuleTimeoutError(pattern.pattern) from exc


class DetectorRule(CompiledRule):
    __slots__ = ("_detector", "_entities", "_min_score")

    def __init__(
        self,
        meta: RuleMeta,
        detector: Detector,
        *,
        entities: frozenset[str] | None,
        min_score: float,
    ) -> None:
        super().__init__(meta)
        self._detector = detector
        self._entities = entities
        self._min_score = min_score

    def applies(self, lang: str, ctx: ScanContext, industry: str | None, role: str | None) -> bool:
        supported = lang == OTHER_LANGUAGE or lang in self._detector.languages
        return supported and super().applies(lang, ctx, industry, role)

    def detections(self, doc: Document, ctx: ScanContext) -> tuple[Detection, ...]:
        """The detector's output for ``doc``, computed once however many rules use it."""
        found: tuple[Detection, ...] | None = doc.shared.get(self._detector)
        if found is None:
            found = doc.shared[self._detector] = tuple(self._detector.analyze(doc, ctx))
        return found

    def find(self, doc: Document, ctx: ScanContext) -> Iterator[Hit]:
        source = f"detector:{self._detector.name}"
        for d in self.detections(doc, ctx):
            if d.score < self._min_score:
                continue
            if self._entities is not None and d.entity not in self._entities:
                continue
            yield Hit(
                d.start,
                d.end,
                Explanation(
                    source,
                    pattern=d.pattern,
                    context_words=d.context_words,
                    validation=d.validation,
                    notes=d.notes,
                ),
                score=d.score,
                fix=d.fix,
                entity=d.entity,
                message_args=d.message_args,
            )
