"""API errors: JSON with a stable ``code`` and a ``message``; validation errors name fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from starlette.exceptions import HTTPException as StarletteHTTPException

from herald.services.errors import NotFoundError
from herald.web.limits import BodyTooLargeError, too_large


class ApiError(Exception):
    """Raise from a handler to answer with ``{"error": {"code", "message", ...}}``."""

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def error_body(code: str, message: str, **details: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **details}}


_HTTP_CODES = {
    400: "invalid_body",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    # ('body', 'text') -> 'text'; ('query', 'lang') -> 'lang'; nested: 'targets.0.account'
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts) or "body"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def install_error_handlers(
    app: FastAPI, page_error: Callable[[Request, int], Response] | None = None
) -> None:
    """JSON errors under /api/; ``page_error`` renders the others as pages."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.code, exc.message, **exc.details), status_code=exc.status
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [
            {"field": _field(e.get("loc", ())), "message": str(e.get("msg", "invalid"))}
            for e in exc.errors()
        ]
        first = fields[0] if fields else {"field": "body", "message": "invalid"}
        return JSONResponse(
            error_body("validation_error", f"{first['field']}: {first['message']}", fields=fields),
            status_code=422,
        )

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Any:
        # A missing object, or another organisation's: the same answer, never a 500.
        if not is_api(request) and page_error is not None:
            return page_error(request, 404)
        return JSONResponse(error_body("not_found", exc.message("en")), status_code=404)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        limit = too_large(request.scope)
        if limit is not None:
            # However the reader reported it ("error parsing the body"): the body was too large.
            exc = BodyTooLargeError(limit)
        code = _HTTP_CODES.get(exc.status_code, "error")
        if not is_api(request) and page_error is not None:
            return page_error(request, exc.status_code)
        return JSONResponse(
            error_body(code, str(exc.detail)),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: str = PydanticField(description="A stable code, e.g. not_found, too_large")
    message: str = PydanticField(description="What went wrong, in the caller's language")


class ErrorBody(BaseModel):
    """Every error the API answers has this shape."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The body could not be read or the input is wrong"},
    401: {"model": ErrorBody, "description": "No valid session or API token"},
    403: {"model": ErrorBody, "description": "The token's scope or the caller's role forbids it"},
    404: {"model": ErrorBody, "description": "No such object in the caller's organisation"},
    409: {"model": ErrorBody, "description": "The object's state does not allow it now"},
    413: {"model": ErrorBody, "description": "The body is larger than HERALD_MAX_BODY_BYTES"},
    422: {"model": ErrorBody, "description": "A field is missing or invalid (fields lists them)"},
}
"""Documented on every API operation (the routers pass it as ``responses``)."""
