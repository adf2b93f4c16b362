"""Errors the services raise: each carries a message code and renders in tr, es or en."""

from __future__ import annotations

from typing import Any

from herald.services.messages import Term, render


class GovernanceError(Exception):
    """A business rule said no. ``code`` is stable; ``message(lang)`` is for people."""

    def __init__(self, code: str, **args: Any) -> None:
        self.code = code
        self.args_ = args
        super().__init__(render(code, None, **args))

    def message(self, lang: str | None = None) -> str:
        return render(self.code, lang, **self.args_)


class NotFoundError(GovernanceError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__("not_found", what=Term(what), key=key)


class AlreadyExistsError(GovernanceError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__("already_exists", what=Term(what), key=key)


class InvalidInputError(GovernanceError):
    """``what`` names the field (a term); ``detail`` is a term or the offending value."""

    def __init__(self, what: str, detail: str) -> None:
        super().__init__("invalid", what=Term(what), detail=detail)


class ForbiddenError(GovernanceError):
    """The acting person lacks the role, grant or standing for this."""


class InvalidTransitionError(GovernanceError):
    def __init__(self, state: str, action: str) -> None:
        super().__init__("invalid_transition", state=state, action=action)


class BlockedError(GovernanceError):
    def __init__(self, count: int) -> None:
        super().__init__("blocked", count=count)


class ContentChangedError(GovernanceError):
    def __init__(self) -> None:
        super().__init__("content_changed")


class ConcurrentUpdateError(GovernanceError):
    def __init__(self) -> None:
        super().__init__("concurrent_update")


class WeakPasswordError(GovernanceError):
    """The new password is refused; ``problems`` say why (the strength checker's words)."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__("weak_password", detail=" ".join(problems))
        self.problems = problems
