"""The application factory: settings, policy engine, sessions, languages, routes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from herald.security.csrf import CsrfTokens
from herald.security.throttle import SigninThrottle
from herald.web.errors import error_body, install_error_handlers, is_api
from herald.web.guards import (
    CsrfError,
    EnrolmentRequiredError,
    ForbiddenError,
    PasswordChangeRequiredError,
    SignInRequiredError,
)
from herald.web.i18n import pick_locale
from herald.web.limits import BodyLimit, format_size, limit_for, too_large
from herald.web.rendering import localizer, render
from herald.web.routes.ops import PATHS as OPS_PATHS
from herald.web.sessions import COOKIE_NAME, Session, SessionCodec
from herald.web.settings import Settings
from herald.web.signin_guard import SigninGuard
from herald.web.workspace import Workspace

STATIC_DIR = Path(__file__).parent / "static"

# Pages and API answers never load anything from elsewhere; no inline script at all.
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


_HSTS = "max-age=31536000; includeSubDomains"


def create_app(
    settings: Settings | None = None,
    *,
    workspace: Workspace | None = None,
) -> FastAPI:
    """The whole application; ``workspace`` defaults to the database in ``settings``."""
    settings = settings or Settings.from_env()
    settings.check()
    workspace = workspace or Workspace.open(settings.database_url)
    app = FastAPI(
        title="Herald",
        version="0.1.0",
        description="Social media policy as code: scan, approvals, audit.",
        docs_url=None,  # served by routes.public from vendored assets
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.workspace = workspace
    app.state.directory = workspace
    app.state.credentials = workspace.credentials
    app.state.on_signin = lambda person_id, client, method: workspace.record_security_event(
        person_id, "signed_in", method=method, client=client
    )
    app.state.on_security_event = workspace.record_security_event
    app.state.sessions = SessionCodec(settings.secret_key, settings.session_max_age_s)
    app.state.csrf = CsrfTokens(settings.secret_key)
    app.state.signin_guard = SigninGuard(
        SigninThrottle(workspace.engine, settings.secret_key),
        settings.secret_key,
        max_failures=settings.signin_max_failures,
        first_wait_s=settings.signin_first_wait_s,
        max_wait_s=settings.signin_max_wait_s,
        forget_s=settings.signin_forget_s,
        cookie_secure=settings.cookie_secure,
        email_for=workspace.email_for_person,
    )

    def page_error(request: Request, status: int) -> Response:
        fmt = localizer(request)
        if status == 404:
            title = fmt.gettext("Page not found")
            message = fmt.gettext("There is nothing at this address.")
        elif status == 413:
            title = fmt.gettext("Too large")
            message = fmt.gettext(
                "What you sent is larger than this server accepts (at most %(size)s).",
                size=format_size(limit_for(request.url.path, settings.max_body_bytes)),
            )
        else:
            title = fmt.gettext("Something went wrong")
            message = fmt.gettext("The request could not be handled.")
        return render(request, "error.html", {"title": title, "message": message}, status=status)

    install_error_handlers(app, page_error)

    @app.exception_handler(SignInRequiredError)
    async def to_signin(request: Request, exc: SignInRequiredError) -> Response:
        return RedirectResponse(f"/signin?next={quote(exc.next_path)}", status_code=303)

    @app.exception_handler(EnrolmentRequiredError)
    async def to_enrolment(request: Request, exc: EnrolmentRequiredError) -> Response:
        return RedirectResponse("/account/security", status_code=303)

    @app.exception_handler(PasswordChangeRequiredError)
    async def to_password_change(request: Request, exc: PasswordChangeRequiredError) -> Response:
        return RedirectResponse("/account/security#pw-h", status_code=303)

    @app.exception_handler(CsrfError)
    async def csrf_failed(request: Request, exc: CsrfError) -> Response:
        fmt = localizer(request)
        return render(
            request,
            "error.html",
            {
                "title": fmt.gettext("The form expired"),
                "message": fmt.gettext(
                    "For your safety the form could not be accepted. Go back, reload the page "
                    "and try again."
                ),
            },
            status=403,
        )

    @app.exception_handler(ForbiddenError)
    async def forbidden(request: Request, exc: ForbiddenError) -> Response:
        fmt = localizer(request)
        return render(
            request,
            "error.html",
            {
                "title": fmt.gettext("Not allowed"),
                "message": exc.message
                or fmt.gettext(
                    "Your role does not allow this. Ask an administrator if you need it."
                ),
            },
            status=403,
        )

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.middleware("http")
    async def session_and_language(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        codec: SessionCodec = app.state.sessions
        loaded = codec.loads(request.cookies.get(COOKIE_NAME))
        session = loaded or Session.anonymous()
        request.state.session = session
        request.state.person = None
        request.state.locale = pick_locale(
            session.locale, request.headers.get("accept-language"), settings.default_locale
        )
        try:
            response = await call_next(request)
        except Exception:
            # A body over the limit, read inside a task of this middleware, arrives as an
            # exception group: answer 413 in the surface's format, in the person's language.
            limit = too_large(request.scope)
            if limit is None:
                raise
            if is_api(request):
                response = JSONResponse(
                    error_body("too_large", f"the request body is larger than {limit} bytes"),
                    status_code=413,
                )
            else:
                response = page_error(request, 413)
        if settings.smtp is not None and request.method not in ("GET", "HEAD", "OPTIONS"):
            # A change may have written notifications: send their e-mails now it committed.
            await asyncio.to_thread(workspace.deliver_email, settings.smtp, settings.base_url)
        final: Session = request.state.session
        # A fresh anonymous session is only worth a cookie on a page (for its forms);
        # API clients and static files never get one they did not ask for.
        page = not request.url.path.startswith(("/static/", "/api/")) and (
            request.url.path not in OPS_PATHS
        )
        if final != loaded and (page or final is not session):
            response.set_cookie(
                COOKIE_NAME,
                codec.dumps(final),
                max_age=settings.session_max_age_s,
                httponly=True,
                secure=settings.cookie_secure,
                samesite="lax",
                path="/",
            )
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            # Pages and answers hold unpublished posts and fresh tokens: never kept by a
            # browser or a proxy (Back after sign-out shows nothing).
            response.headers["Cache-Control"] = "no-store"
        if settings.production:
            response.headers.setdefault("Strict-Transport-Security", _HSTS)
        response.headers.setdefault("Content-Language", request.state.locale)
        return response

    # Outside everything else: a body over the limit is refused before anything reads it.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)

    from herald.web.routes import ROUTERS

    for router in ROUTERS:
        app.include_router(router)
    return app
