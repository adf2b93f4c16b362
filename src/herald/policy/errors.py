"""Problems found in a policy pack, each with the place it was found and a stable code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from herald.policy.messages import DEFAULT_LANG, ProblemArg, render


class ProblemMessage(str):
    """A problem's English text that also speaks other languages: ``message("tr")``.

    It is a ``str`` so that code reading ``problem.message`` as English (the CLI, logs)
    keeps working, and callable so that readers of other languages get their own text.
    """

    code: str
    args: Mapping[str, ProblemArg]

    def __new__(cls, code: str, args: Mapping[str, ProblemArg]) -> ProblemMessage:
        message = super().__new__(cls, render(code, args, DEFAULT_LANG))
        message.code = code
        message.args = args
        return message

    def __call__(self, lang: str = DEFAULT_LANG) -> str:
        return render(self.code, self.args, lang)


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    """1-based; 0 when the problem is about the whole file."""
    column: int
    """1-based; 0 when unknown."""
    code: str
    """Stable identifier (``unknown_field``, ``regex_slow``...), a key of
    :data:`herald.policy.messages.MESSAGES`."""
    args: Mapping[str, ProblemArg] = field(default_factory=dict, hash=False)
    """What the message says about this case (the field's name, the allowed values...)."""

    @property
    def message(self) -> ProblemMessage:
        """English as a ``str``; ``problem.message(lang)`` for tr, es or en."""
        return ProblemMessage(self.code, self.args)

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class PolicyError(Exception):
    """A policy pack that cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))
