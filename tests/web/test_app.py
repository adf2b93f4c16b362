from pathlib import Path

from herald.store.models import Person
from web.conftest import Herald


def test_security_headers_forbid_foreign_code(herald: Herald) -> None:
    response = herald.client.get("/signin")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert "http" not in response.text.split("<body>")[0].replace("http-equiv", "")


def test_interface_language_follows_the_browser_then_the_users_choice(herald: Herald) -> None:
    page = herald.client.get("/signin", headers={"Accept-Language": "es-ES,es;q=0.9"})
    assert '<html lang="es">' in page.text
    assert page.headers["content-language"] == "es"
    token = herald.csrf()
    herald.client.post("/locale", data={"csrf_token": token, "locale": "tr", "next": "/signin"})
    page = herald.client.get("/signin", headers={"Accept-Language": "es-ES"})
    assert '<html lang="tr">' in page.text


def test_language_switch_needs_the_csrf_token(herald: Herald) -> None:
    response = herald.client.post("/locale", data={"locale": "tr"})
    assert response.status_code == 403


def test_unknown_pages_and_api_paths(herald: Herald) -> None:
    page = herald.client.get("/nowhere")
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"]
    api = herald.client.get("/api/v1/nowhere")
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"


def test_vendored_assets_are_served_locally(herald: Herald) -> None:
    assert herald.client.get("/static/vendor/htmx.min.js").status_code == 200
    assert herald.client.get("/static/composer.js").status_code == 200
    page = herald.client.get("/signin").text
    assert 'src="/static/vendor/htmx.min.js"' in page


def test_every_list_has_an_empty_state(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    assert 'class="empty"' in herald.client.get("/approvals").text
    assert 'class="empty"' in herald.client.get("/posts?state=published").text
    assert 'class="empty"' in herald.client.get("/compose").text


def test_api_answers_set_no_cookie(herald: Herald) -> None:
    response = herald.client.post("/api/v1/scan", json={"text": "hi"})
    assert response.status_code == 401
    assert "set-cookie" not in response.headers
    assert "set-cookie" in herald.client.get("/signin").headers


def test_api_docs_are_served_from_vendored_assets(herald: Herald) -> None:
    page = herald.client.get("/api/docs")
    assert page.status_code == 200
    assert 'src="/static/vendor/swagger-ui/swagger-ui-bundle.js"' in page.text
    assert "<script>" not in page.text  # no inline script: the CSP would block it
    assert "http" not in page.text.replace("http-equiv", "")
    for asset in (
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/api-docs.js",
        "/api/v1/openapi.json",
    ):
        assert herald.client.get(asset).status_code == 200, asset


def test_the_icon_is_served(herald: Herald) -> None:
    icon = herald.client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert 'rel="icon"' in herald.client.get("/signin").text


def test_vendored_files_match_their_recorded_digests() -> None:
    import hashlib

    from herald.web.app import STATIC_DIR

    vendor = STATIC_DIR / "vendor"
    for line in (vendor / "VERSIONS").read_text().splitlines():
        package, name, digest = line.split()
        path = next(p for p in vendor.rglob(Path(name).name))
        assert f"sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}" == digest, package


def test_pages_and_answers_are_never_cached(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    for path in ("/compose", "/posts", "/signin", "/api/v1/posts", "/no-such-page"):
        assert herald.client.get(path).headers["cache-control"] == "no-store", path
    assert "strict-transport-security" not in herald.client.get("/signin").headers


def test_production_sends_hsts(herald: Herald) -> None:
    from fastapi.testclient import TestClient

    from herald.web.app import create_app
    from herald.web.settings import Settings

    settings = Settings(environment="production", secret_key="s" * 64, cookie_secure=True)
    client = TestClient(create_app(settings, workspace=herald.workspace), base_url="https://t")
    response = client.get("/signin")
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")
    assert response.headers["cache-control"] == "no-store"


def test_warm_up_loads_every_organisations_policy(herald: Herald) -> None:
    herald.workspace.forget_policy_cache()
    herald.workspace.warm_up()
    org_id = herald.workspace.read(
        lambda s: (
            s.get_one(Person, herald.workspace.person_id_for_email("owner@acme.example")).org_id
        )
    )
    assert org_id in herald.workspace._scanners
