"""Redaction: mask the personal data and credentials that the policy's detectors find.

    >>> from herald.redact import Redactor
    >>> Redactor().redact("Beni 0532 418 27 63'ten arayın", lang="tr").text
    "Beni [PHONE_NUMBER]'ten arayın"

Masks name the entity ("[PHONE_NUMBER]", "[TR_TC_KIMLIK]"), so a redacted post still
reads naturally, Turkish suffixes included. A reversible redaction numbers the masks
("[PHONE_NUMBER_1]") and returns the mapping back to the originals; it is produced only
when asked for, because the mapping is itself personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import regex

from herald.policy.loader import load_policy
from herald.policy.model import Policy
from herald.scan.scanner import Scanner
from herald.types import AccountType, Category, Finding, ScanContext

REDACTED_CATEGORIES: frozenset[Category] = frozenset({Category.PERSONAL_DATA, Category.CREDENTIALS})


@dataclass(frozen=True, slots=True)
class Redaction:
    """One masked value, in offsets of the ORIGINAL text."""

    start: int
    end: int
    entity: str
    rule_id: str
    original: str
    mask: str


@dataclass(frozen=True, slots=True)
class RedactedText:
    text: str
    redactions: tuple[Redaction, ...]
    mapping: Mapping[str, str] | None = field(default=None)
    """Mask -> original value; only for a reversible redaction."""
    lang: str = ""

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "text": self.text,
            "lang": self.lang,
            "redactions": [
                {"start": r.start, "end": r.end, "entity": r.entity, "rule_id": r.rule_id}
                for r in self.redactions
            ],
        }
        if self.mapping is not None:
            out["mapping"] = dict(self.mapping)
        return out


class Redactor:
    """Runs the policy's personal-data and credential rules and masks what they find.

    Every such rule counts whatever its severity or account type: redaction is about
    what the text contains, not about whether it may be posted.
    """

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        categories: Iterable[Category] = REDACTED_CATEGORIES,
    ) -> None:
        self._scanner = Scanner(policy if policy is not None else load_policy(None))
        self._categories = frozenset(categories)

    def redact(
        self, text: str, lang: str | None = None, *, reversible: bool = False
    ) -> RedactedText:
        """Mask personal data and credentials in ``text`` (raises InputError on bad input)."""
        if not text.strip():
            return RedactedText(text, (), {} if reversible else None, lang or "")
        found: list[Finding] = []
        lang_used = lang or ""
        # Rules may differ by account type (severity) but not by what they find; scanning
        # as a personal account as well catches rules limited to one of them.
        for account in (AccountType.BRAND, AccountType.PERSONAL):
            result = self._scanner.scan(text, ScanContext(lang=lang, account_type=account))
            lang_used = result.lang
            found.extend(f for f in result.findings if f.category in self._categories)
        chosen = _without_overlaps(found)
        return _apply(text, chosen, reversible=reversible, lang=lang_used)


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """The longest finding wins where findings overlap, then the most severe."""
    kept: list[Finding] = []
    ranked = sorted(findings, key=lambda f: (f.start - f.end, -f.severity.rank, f.start))
    for f in ranked:
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _apply(text: str, findings: list[Finding], *, reversible: bool, lang: str) -> RedactedText:
    out: list[str] = []
    redactions: list[Redaction] = []
    mapping: dict[str, str] = {}
    by_value: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    pos = 0
    for f in findings:
        entity = f.entity or f.category.value.upper()
        original = text[f.start : f.end]
        if reversible:
            mask = by_value.get((entity, original))
            if mask is None:
                counters[entity] = counters.get(entity, 0) + 1
                mask = f"[{entity}_{counters[entity]}]"
                by_value[(entity, original)] = mask
                mapping[mask] = original
        else:
            mask = f"[{entity}]"
        out.append(text[pos : f.start])
        out.append(mask)
        pos = f.end
        redactions.append(Redaction(f.start, f.end, entity, f.rule_id, original, mask))
    out.append(text[pos:])
    return RedactedText("".join(out), tuple(redactions), mapping if reversible else None, lang)


_MASK = regex.compile(r"\[[A-Z][A-Z0-9_]*_\d+\]")


def restore(text: str, mapping: Mapping[str, str]) -> str:
    """Undo a reversible redaction; masks missing from ``mapping`` stay as they are."""
    return _MASK.sub(lambda m: mapping.get(m.group(), m.group()), text)
