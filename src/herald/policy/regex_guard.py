"""User-supplied regular expressions: compile them safely and bound their running time.

A policy author can write a pattern that backtracks catastrophically (``(a+)+$``) and
freezes every scan. Two defences, both needed:

1. at load time, a structural check rejects a quantified group whose body can itself
   repeat (nested quantifiers), and a probe runs the pattern on adversarial inputs under
   a short time limit;
2. at scan time every user pattern runs with a timeout, so a pattern that slips through
   costs one rule, not the scan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from herald.policy.messages import ProblemArg, render

LOAD_PROBE_TIMEOUT_S = 0.05
SCAN_TIMEOUT_S = 0.02
MAX_PATTERN_LENGTH = 2_000

_PROBES = (
    "a" * 40 + "!",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n" * 4,
    "1" * 40 + "x",
    " " * 40 + "x",
    "ab" * 40 + "!",
    "x" * 5_000,
)


_MAX_OWN_PROBES = 16


def _probes_from(pattern: str) -> list[str]:
    """Runs of the pattern's own letters and digits followed by a mismatch: the input that
    makes alternations like ``(b|bb)+$`` backtrack exponentially, which the fixed probes
    (built from 'a', '1', ' ') do not reach."""
    own = sorted({ch for ch in pattern if ch.isalnum()})[:_MAX_OWN_PROBES]
    return [ch * 40 + "\x00" for ch in own]


@dataclass(frozen=True, slots=True)
class RegexProblem:
    code: str
    """A key of ``herald.policy.messages.MESSAGES``."""
    args: dict[str, ProblemArg] = field(default_factory=dict, hash=False)
    offset: int | None = None

    @property
    def message(self) -> str:
        """In English."""
        return render(self.code, self.args)


def _strip_classes_and_escapes(pattern: str) -> str:
    """Replace escapes and character classes by a plain atom so nesting is easy to see."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append("x")
            i += 2
            continue
        if ch == "[":
            j = i + 1
            if j < len(pattern) and pattern[j] == "^":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append("x")
            i = j + 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


_UNBOUNDED_AT_END = regex.compile(r"(?:\*|\+|\{\d+,\})\??$")
_UNBOUNDED_AT_START = regex.compile(r"\*|\+|\{\d+,\}")


def has_nested_quantifier(pattern: str) -> bool:
    """True for an unboundedly repeated group whose body ends in an unbounded repetition.

    That is the shape of the classic exponential cases, ``(a+)+``, ``(x*)*``,
    ``(\\w+)*$``: the engine can split a run of characters between the inner and the
    outer repetition in exponentially many ways. A delimiter after the inner repetition
    (``(\\w+\\.)+``) removes the ambiguity and is accepted.
    """
    simple = _strip_classes_and_escapes(pattern)
    starts: list[int] = []
    for i, ch in enumerate(simple):
        if ch == "(":
            starts.append(i)
        elif ch == ")" and starts:
            body = simple[starts.pop() + 1 : i]
            if _UNBOUNDED_AT_END.search(body) and _UNBOUNDED_AT_START.match(simple, i + 1):
                return True
    return False


def compile_user_pattern(
    pattern: str, *, case_sensitive: bool
) -> regex.Pattern[str] | RegexProblem:
    """Compile ``pattern`` or say plainly why it cannot be used."""
    if not pattern:
        return RegexProblem("regex_empty")
    if len(pattern) > MAX_PATTERN_LENGTH:
        return RegexProblem("regex_too_long", {"limit": MAX_PATTERN_LENGTH})
    flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as exc:
        # regex.error carries msg and pos like re.error, but its stubs do not say so.
        reason = getattr(exc, "msg", str(exc))
        return RegexProblem("regex_invalid", {"reason": str(reason)}, getattr(exc, "pos", None))
    if compiled.fullmatch("") is not None:
        return RegexProblem("regex_matches_empty")
    if has_nested_quantifier(pattern):
        return RegexProblem("regex_nested")
    for probe in (*_PROBES, *_probes_from(pattern)):
        try:
            compiled.search(probe, timeout=LOAD_PROBE_TIMEOUT_S)
        except TimeoutError:
            return RegexProblem("regex_slow")
    return compiled
