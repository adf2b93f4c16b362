"""What anyone may load without signing in: the API documentation (vendored Swagger UI,
nothing from a CDN) and the icon."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

# No inline script or style: the app's Content-Security-Policy allows only its own files.
_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Herald API</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-spec-url="/api/v1/openapi.json"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    return HTMLResponse(_PAGE)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    """Browsers ask for /favicon.ico whatever the page says; answer with the SVG icon."""
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")
