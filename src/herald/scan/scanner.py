"""The scan engine: text + context -> findings -> verdict. Pure, no I/O, no database."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from herald.policy.loader import load_policy
from herald.policy.model import Policy
from herald.policy.rules import CompiledRule, Hit, RuleTimeoutError
from herald.scan.errors import (
    EmptyTextError,
    InvalidTextError,
    TextTooLargeError,
    UnknownLanguageError,
)
from herald.text.document import Document
from herald.text.fold import fold_term
from herald.text.langid import detect_language
from herald.types import (
    LANGUAGES,
    OTHER_LANGUAGE,
    Category,
    Explanation,
    Finding,
    ScanContext,
    ScanResult,
    Severity,
    Verdict,
)

DEFAULT_MAX_BYTES = 100_000
SCAN_BUDGET_S = 0.5
COLD_BUDGET_FACTOR = 20
"""The first scan in a language loads that language's models and term lists on the way; it
gets this many budgets, so a slow disk or a busy machine does not block a clean post."""
"""Time the rules may take on one post; a single pattern is cut off sooner."""
SIGNALS = ("sentiment", "scam", "offensive")
_AUTO = {"", "auto"}


@cache
def default_policy() -> Policy:
    """The built-in default pack, loaded once per process."""
    return load_policy(None)


class _Placeholders(dict[str, str]):
    """Message placeholders; an unknown one is left as written rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _message(template: str, values: Mapping[str, str]) -> str:
    try:
        return template.format_map(_Placeholders(values))
    except (ValueError, IndexError, AttributeError):
        return template  # a malformed template still says something useful


class Scanner:
    """Checks texts against a policy. Build one per policy and reuse it: it is thread-safe
    (compiled rules hold no per-scan state), and what loads on first need (term-list
    expressions, language models, libraries a detector uses) stays loaded."""

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        categories: Iterable[Category] | None = None,
        budget_s: float = SCAN_BUDGET_S,
    ) -> None:
        """``categories`` narrows the scan to those rules (a secrets hook needs no tone model)."""
        self.policy = policy if policy is not None else default_policy()
        self.max_bytes = max_bytes
        wanted = None if categories is None else frozenset(categories)
        self._rules = tuple(
            r for r in self.policy.rules if wanted is None or r.meta.category in wanted
        )
        self.budget_s = budget_s
        """CPU time one post's rules may take; the rules left when it is spent block the post.
        Counted on this thread's CPU clock: waiting for a busy machine costs a rule nothing,
        a runaway rule is still stopped."""
        self._warm_languages: set[str] = set()

    def _check_size(self, text: str) -> None:
        # UTF-8 takes at most 4 bytes a character: most texts need no encoding to check.
        if len(text) * 4 > self.max_bytes:
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > self.max_bytes:
                raise TextTooLargeError(size, self.max_bytes)

    def resolve_language(self, text: str, requested: str | None) -> tuple[str, bool]:
        """The language to run rules in, and whether it was detected."""
        if requested is not None and requested.strip().lower() not in _AUTO:
            lang = requested.strip().lower()
            if lang not in (*LANGUAGES, OTHER_LANGUAGE):
                raise UnknownLanguageError(requested, (*LANGUAGES, OTHER_LANGUAGE))
            return lang, False
        fallback = self.policy.org.languages[0] if self.policy.org.languages else "en"
        return detect_language(text).language_or(fallback), True

    def scan(
        self, text: str, ctx: ScanContext | None = None, *, signals: Iterable[str] = ()
    ) -> ScanResult:
        """Check ``text``; raises :class:`~herald.scan.errors.InputError` for bad input."""
        ctx = ctx or ScanContext()
        wanted = tuple(dict.fromkeys(signals))
        unknown = [s for s in wanted if s not in SIGNALS]
        if unknown:
            raise ValueError(f"unknown signal(s) {', '.join(unknown)}; known: {', '.join(SIGNALS)}")
        if not isinstance(text, str):
            raise TypeError("text must be str; decode bytes with herald.scan.errors.decode_text")
        self._check_size(text)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate: not text any model can read
            raise InvalidTextError(f"lone surrogate at character {exc.start + 1}") from None
        if not text.strip():
            raise EmptyTextError()
        lang, detected = self.resolve_language(text, ctx.lang)
        message_lang = self._message_language(ctx.message_lang, lang)
        doc = Document(text, lang)
        # Folded once here rather than by every rule's condition check.
        industry = fold_term(ctx.industry or self.policy.org.industry or "") or None
        role = fold_term(ctx.author_role) if ctx.author_role else None
        findings: list[Finding] = []
        errors: list[str] = []
        cold = lang not in self._warm_languages
        deadline = time.thread_time() + self.budget_s * (COLD_BUDGET_FACTOR if cold else 1)
        for rule in self._rules:
            if not rule.applies(lang, ctx, industry, role):
                continue
            # Fail closed: a rule that cannot give an answer blocks the post, with the reason.
            if time.thread_time() > deadline:
                reason = "the scan ran out of its time budget before this rule"
            else:
                try:
                    hits = rule.run(doc, ctx)
                except RuleTimeoutError:
                    reason = "pattern exceeded its time limit on this text"
                except Exception as exc:  # any failure must block, not pass
                    reason = f"the rule failed: {type(exc).__name__}"
                else:
                    findings.extend(
                        self._finding(rule, hit, doc, ctx, message_lang) for hit in hits
                    )
                    continue
            errors.append(f"{rule.meta.id}: {reason}")
            findings.append(_rule_error(rule, reason, text))
            continue
        self._warm_languages.add(lang)
        findings = _dedupe(findings)
        out_signals: dict[str, Any] = {}
        if wanted:
            out_signals = _compute_signals(doc, wanted)
        return ScanResult(
            text=text,
            lang=lang,
            lang_detected=detected,
            findings=tuple(findings),
            verdict=Verdict.from_severities([f.severity for f in findings]),
            policy_version=self.policy.version,
            signals=out_signals,
            errors=tuple(errors),
        )

    def _message_language(self, requested: str | None, lang: str) -> str:
        if requested:
            code = requested.strip().lower()
            if code not in LANGUAGES:
                raise UnknownLanguageError(requested, LANGUAGES)
            return code
        if lang in LANGUAGES:
            return lang
        return self.policy.org.languages[0] if self.policy.org.languages else "en"

    @staticmethod
    def _finding(
        rule: CompiledRule, hit: Hit, doc: Document, ctx: ScanContext, message_lang: str
    ) -> Finding:
        meta = rule.meta
        severity = meta.severity_for(ctx.account_type)
        assert severity is not None  # applies() already checked it
        matched = doc.text[hit.start : hit.end]
        values = {
            "match": matched,
            "entity": hit.entity or "",
            "fix": (hit.fix or "").strip(),
            **hit.message_args,
        }
        return Finding(
            rule_id=meta.id,
            category=meta.category,
            severity=severity,
            start=hit.start,
            end=hit.end,
            text=matched,
            message=_message(meta.message(message_lang), values),
            explanation=hit.explanation,
            score=hit.score,
            fix=hit.fix,
            clause=meta.clause,
            entity=hit.entity,
            fix_span=hit.fix_span,
        )


def _compute_signals(doc: Document, names: tuple[str, ...]) -> dict[str, Any]:
    # Imported on demand: the models load only for callers that ask for signals.
    from herald.nlp.signals import compute_signals

    return compute_signals(doc, names)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and span, ordered by position, then by severity; and one
    credential finding per span: "password = …" read both as a password in prose and as an
    assignment would tell the reviewer the same thing twice; a JWT read as a generic secret,
    or a connection string's password as an assignment, is the same leak too, so a generic
    credential finding that overlaps a specific one is dropped. (Other categories keep every rule: a look-alike
    domain and a credential-harvest link say different things.)"""
    credentials = [f for f in findings if f.category is Category.CREDENTIALS]
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for f in sorted(findings, key=lambda f: (f.start, -f.severity.rank, f.rule_id, f.end)):
        if f.rule_id in GENERIC_CREDENTIALS and any(
            g.start < f.end and f.start < g.end and g.rule_id in GENERIC_CREDENTIALS[f.rule_id]
            for g in credentials
        ):
            continue  # the JWT, password or connection string already says it
        rule = "credentials" if f.category is Category.CREDENTIALS else f.rule_id
        # Each rule that could not run keeps its own finding (they share one span).
        key = (rule, f.start, f.end, f.message if f.rule_id == RULE_ERROR else "")
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


RULE_ERROR = "rule_error"
_WHOLE = frozenset({"credentials.jwt", "credentials.connection-string", "credentials.private-key"})
GENERIC_CREDENTIALS: dict[str, frozenset[str]] = {
    "credentials.secret": _WHOLE
    | {"credentials.api-key", "credentials.password", "credentials.assigned-secret"},
    "credentials.assigned-secret": _WHOLE,
    "credentials.password": _WHOLE,
}
"""Credential rules that say less than others, and the rules whose overlapping finding wins."""


def _rule_error(rule: CompiledRule, reason: str, text: str) -> Finding:
    """A blocking finding for a rule that could not run: the post cannot pass unchecked."""
    return Finding(
        rule_id=RULE_ERROR,
        category=rule.meta.category,
        severity=Severity.BLOCK,
        start=0,
        end=len(text),
        text=text,
        message=f"{rule.meta.id}: {reason}",
        explanation=Explanation(source="rule_error", pattern=rule.meta.id, notes=(reason,)),
    )
