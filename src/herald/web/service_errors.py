"""Turning a service's refusal into an API error or a message on the page."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from herald.services.errors import (
    AlreadyExistsError,
    BlockedError,
    ConcurrentUpdateError,
    ContentChangedError,
    ForbiddenError,
    GovernanceError,
    InvalidInputError,
    InvalidTransitionError,
    NotFoundError,
)
from herald.web.errors import ApiError
from herald.web.rendering import render

_STATUS: tuple[tuple[type[GovernanceError], int], ...] = (
    (NotFoundError, 404),
    (ForbiddenError, 403),
    (AlreadyExistsError, 409),
    (ConcurrentUpdateError, 409),
    (ContentChangedError, 409),
    (InvalidTransitionError, 409),
    (BlockedError, 409),
    (InvalidInputError, 422),
)


def status_for(error: GovernanceError) -> int:
    for kind, status in _STATUS:
        if isinstance(error, kind):
            return status
    return 400


def api_error(error: GovernanceError, lang: str) -> ApiError:
    details: dict[str, object] = {}
    what = error.args_.get("what")
    if isinstance(error, InvalidInputError) and isinstance(what, str):
        details["field"] = what
    return ApiError(status_for(error), error.code, error.message(lang), **details)


def refusal_page(request: Request, error: GovernanceError, status: int | None = None) -> Response:
    """The error page for a service's refusal, in the person's language (``status``: the
    route's own choice, else the one the refusal implies)."""
    code = status if status is not None else status_for(error)
    message = error.message(request.state.locale)
    return render(request, "error.html", {"title": str(code), "message": message}, status=code)
