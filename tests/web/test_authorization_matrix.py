"""Every route of the application × every role × own and foreign organisation.

The routes come from the application's routers, so a new route without a rule in
``RULES`` fails this test until someone decides who may call it. Each call is made
the way a real client makes it (a page with its session cookie and CSRF token, the
JSON API with a token holding every scope), with a well-formed body where the route
takes one. A role the rule does not name must be refused (403; pages may also answer
400 with the reason on the page); nothing of the own organisation may reach a caller
from another organisation (a 2xx/3xx for an object of the own organisation, or any of
its text in the answer, is an escape). Today: 70 routes × 8 roles × 2 organisations =
1,120 calls, 0 escapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from herald.store.enums import Role
from web.authz_world import Caller, World, build_world, routes, sign_in_again
from web.conftest import Herald

ALL = frozenset(Role)
ADMIN = frozenset({Role.OWNER, Role.ADMIN})
POLICY = frozenset({Role.OWNER, Role.ADMIN, Role.COMPLIANCE_OFFICER})
ADVOCACY = frozenset({Role.OWNER, Role.ADMIN, Role.COMPLIANCE_OFFICER, Role.PUBLISHER})
WRITERS = frozenset({Role.OWNER, Role.ADMIN, Role.PUBLISHER, Role.CONTRIBUTOR})


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role] | None
    """Who may; None: public (answered without sign-in), checked for 5xx and leaks only."""
    body: dict[str, Any] | None = None
    """A well-formed body ({placeholders} filled from the world), so the role is what
    decides; None where the answer depends on a post's workflow state, which the
    approval tests cover: then only 5xx and leaks are checked."""


PACK = "herald: 1\nname: Matrix pack\nextends: herald:default\n"
RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/"): Rule(ALL, {}),
    ("POST", "/locale"): Rule(None),
    ("GET", "/signin"): Rule(None),
    ("POST", "/signin"): Rule(None),
    ("GET", "/signin/2fa"): Rule(None),
    ("POST", "/signin/2fa"): Rule(None),
    ("POST", "/signout"): Rule(ALL, {}),
    ("GET", "/password/forgot"): Rule(None),
    ("POST", "/password/forgot"): Rule(None),
    ("GET", "/password/reset/{token}"): Rule(None),
    ("POST", "/password/reset/{token}"): Rule(None),
    ("GET", "/invite/{token}"): Rule(None),
    ("POST", "/invite/{token}"): Rule(None),
    ("GET", "/policy"): Rule(ALL, {}),
    ("GET", "/policy/document"): Rule(ALL, {}),
    ("GET", "/policy/document.{fmt}"): Rule(ALL, {}),
    # The version acknowledged must be the one in force: state-dependent (services tests).
    ("POST", "/policy/acknowledge"): Rule(None),
    ("GET", "/policy/acknowledgements"): Rule(POLICY, {}),
    ("POST", "/policy/acknowledgements/remind"): Rule(POLICY, {}),
    ("GET", "/policy/quiz"): Rule(ALL, {}),
    ("POST", "/policy/quiz/start"): Rule(ALL, {"lang": "en"}),
    # Grading needs the caller's own open attempt: state-dependent (web and services tests).
    ("POST", "/policy/quiz"): Rule(None),
    ("GET", "/policy/changes"): Rule(ALL, {}),
    ("GET", "/advocacy"): Rule(ALL, {}),
    ("POST", "/advocacy/items"): Rule(
        ADVOCACY, {"title": "Matrix {role}", "text_en": "Our branches open at nine."}
    ),
    ("POST", "/advocacy/accounts"): Rule(ALL, {"network": "mastodon", "handle": "m-{role}"}),
    ("GET", "/advocacy/items/{item_id}"): Rule(ALL, {}),
    # Sharing needs the caller's own personal account: state-dependent (advocacy tests).
    ("POST", "/advocacy/items/{item_id}/share"): Rule(None),
    ("GET", "/advocacy/report"): Rule(ADVOCACY, {}),
    ("GET", "/api/docs"): Rule(None),
    ("GET", "/favicon.ico"): Rule(None),
    ("GET", "/healthz"): Rule(None),
    ("GET", "/readyz"): Rule(None),
    ("GET", "/metrics"): Rule(None),
    ("GET", "/account/security"): Rule(ALL, {}),
    ("POST", "/account/sessions/revoke"): Rule(ALL, {}),
    ("POST", "/account/password"): Rule(None),
    ("POST", "/account/time-zone"): Rule(ALL, {"time_zone": "Europe/Madrid"}),
    ("POST", "/account/security/totp"): Rule(None),
    ("POST", "/account/tokens"): Rule(ALL, {"name": "m", "scopes": "scan"}),
    ("POST", "/account/tokens/{token_id}/revoke"): Rule(ALL, {}),
    ("GET", "/compose"): Rule(ALL, {}),
    ("POST", "/compose"): Rule(WRITERS, {"text": "Hello from the matrix", "action": "draft"}),
    ("GET", "/posts"): Rule(ALL, {}),
    ("GET", "/posts/{post_id}"): Rule(ALL, {}),
    ("GET", "/posts/{post_id}/edit"): Rule(ALL, {}),
    ("POST", "/posts/{post_id}/edit"): Rule(None),
    ("POST", "/posts/{post_id}/decision"): Rule(None),
    ("POST", "/posts/{post_id}/override"): Rule(None),
    ("POST", "/posts/{post_id}/comment"): Rule(None),
    ("POST", "/posts/{post_id}/schedule"): Rule(None),
    ("POST", "/posts/{post_id}/transition"): Rule(None),
    ("GET", "/approvals"): Rule(ALL, {}),
    ("GET", "/notifications"): Rule(ALL, {}),
    # Only its recipient may open a notification (others: 404): covered by the page tests.
    ("POST", "/notifications/{notification_id}/open"): Rule(None),
    ("POST", "/notifications/read"): Rule(ALL, {}),
    ("POST", "/notifications/preferences"): Rule(ALL, {"in_app": "approved"}),
    ("GET", "/listening"): Rule(ALL, {}),
    ("GET", "/listening/q/{query_id}"): Rule(ALL, {}),
    ("GET", "/listening/editor"): Rule(ALL, {}),
    ("POST", "/listening/preview"): Rule(ALL, {"query": "acme OR sistem"}),
    ("GET", "/listening/alerts"): Rule(ALL, {}),
    ("GET", "/listening/alerts/{alert_id}"): Rule(ALL, {}),
    ("GET", "/settings"): Rule(ALL, {}),
    ("GET", "/settings/people"): Rule(ALL, {}),
    ("POST", "/settings/people"): Rule(
        ADMIN, {"email": "new-{role}@matrix.example", "name": "N", "role": "viewer"}
    ),
    ("POST", "/settings/people/{person_id}/role"): Rule(ADMIN, {"role": "viewer"}),
    ("POST", "/settings/people/invite"): Rule(
        ADMIN, {"email": "invite-{role}@matrix.example", "role": "viewer"}
    ),
    # Without confirm: the question page, no change.
    ("POST", "/settings/people/{person_id}/manage"): Rule(ADMIN, {"action": "reset_two_factor"}),
    ("GET", "/settings/teams"): Rule(ALL, {}),
    ("POST", "/settings/teams"): Rule(ADMIN, {"slug": "t-{role}", "name": "T"}),
    ("POST", "/settings/teams/{slug}/members"): Rule(ADMIN, {"person_id": "{person_id}"}),
    ("GET", "/settings/accounts"): Rule(ALL, {}),
    ("POST", "/settings/accounts"): Rule(ADMIN, {"network": "x", "handle": "h-{role}"}),
    ("POST", "/settings/accounts/{account_id}/grants"): Rule(None),
    ("POST", "/settings/accounts/{account_id}/workflow"): Rule(POLICY, {}),
    ("GET", "/settings/policy"): Rule(ALL, {}),
    ("POST", "/settings/policy"): Rule(POLICY, {"action": "validate", "source": PACK}),
    ("GET", "/settings/security"): Rule(ALL, {}),
    ("POST", "/settings/security"): Rule(ADMIN, {}),
    ("GET", "/connections"): Rule(ALL, {}),
    # Connecting needs the publish capability on the account (grants, not roles): the
    # connection tests cover who may; here only 5xx and leaks are checked.
    ("POST", "/connections/{account_id}"): Rule(None),
    ("POST", "/connections/{account_id}/test"): Rule(None),
    ("POST", "/connections/{account_id}/disconnect"): Rule(None),
    ("GET", "/publishing/calendar"): Rule(ALL, {}),
    ("GET", "/publishing/log"): Rule(ALL, {}),
    # Rescheduling depends on the post's state and the account's grants (services tests).
    ("POST", "/publishing/posts/{post_id}/reschedule"): Rule(None),
    ("POST", "/api/v1/scan"): Rule(ALL, {"text": "Hello"}),
    ("GET", "/api/v1/posts"): Rule(ALL, {}),
    ("POST", "/api/v1/posts"): Rule(WRITERS, {"text": "Hello from the matrix"}),
    ("GET", "/api/v1/posts/{post_id}"): Rule(ALL, {}),
    ("PATCH", "/api/v1/posts/{post_id}"): Rule(None),
    ("POST", "/api/v1/posts/{post_id}/submit"): Rule(None),
    ("POST", "/api/v1/posts/{post_id}/decisions"): Rule(None),
    ("POST", "/api/v1/posts/{post_id}/overrides"): Rule(None),
    ("GET", "/api/v1/approvals"): Rule(ALL, {}),
    ("GET", "/api/v1/accounts"): Rule(ALL, {}),
    ("POST", "/api/v1/accounts"): Rule(ADMIN, {"network": "x", "handle": "a-{role}"}),
    ("GET", "/api/v1/teams"): Rule(ALL, {}),
    ("POST", "/api/v1/teams"): Rule(ADMIN, {"slug": "a-{role}", "name": "T"}),
    ("GET", "/api/v1/people"): Rule(ALL, {}),
    ("POST", "/api/v1/people"): Rule(
        ADMIN, {"email": "api-{role}@matrix.example", "name": "N", "role": "viewer"}
    ),
    ("GET", "/api/v1/policy"): Rule(ALL, {}),
    ("POST", "/api/v1/policy/validate"): Rule(ALL, {"source": PACK}),
    ("POST", "/api/v1/policy/activate"): Rule(POLICY, {"source": PACK}),
    ("GET", "/api/v1/audit/export"): Rule(POLICY, {}),
    ("GET", "/api/v1/audit/verify"): Rule(POLICY, {}),
    # Signed by the sender, not signed in: checked for 5xx and leaks (tests/web/routes).
    ("POST", "/api/v1/inbox/webhook/{connection_id}"): Rule(None),
}
SESSION_ENDING = {"/signout", "/account/sessions/revoke"}


def _fill(value: Any, world: World, role: Role) -> Any:
    if isinstance(value, str):
        return value.format(**world.params, role=role.value.replace("_", "-"))
    return value


def _call(world: World, caller: Caller, method: str, path: str, rule: Rule) -> Any:
    url = path.format(**world.params)
    body = {k: _fill(v, world, caller.role) for k, v in (rule.body or {}).items()}
    if path.startswith("/api/"):
        headers = {"Authorization": f"Bearer {caller.token}"}
        json = body if method in ("POST", "PATCH") else None
        return caller.client.request(
            method, url, json=json, headers=headers, follow_redirects=False
        )
    data = {"csrf_token": caller.csrf, **body} if method == "POST" else None
    response = caller.client.request(method, url, data=data, follow_redirects=False)
    if path in SESSION_ENDING:
        sign_in_again(world, caller)
    return response


def test_every_route_every_role_own_and_foreign_organisation(herald: Herald) -> None:
    world = build_world(herald)
    every_route = routes(herald.client.app)
    unruled = [f"{m} {p}" for m, p in every_route if (m, p) not in RULES]
    assert unruled == [], "routes without an authorization rule: " + ", ".join(unruled)
    wrong: list[str] = []
    escapes: list[str] = []
    calls = 0
    for method, path in every_route:
        rule = RULES[(method, path)]
        refusal = {403} if path.startswith("/api/") else {400, 403}
        for role in Role:
            calls += 2
            own = _call(world, world.own[role], method, path, rule)
            where = f"{method} {path} as {role.value}"
            if own.status_code >= 500:
                wrong.append(f"{where}: {own.status_code}")
            elif rule.roles is not None and rule.body is not None:
                allowed = role in rule.roles
                if allowed and own.status_code in (401, 403, 422):
                    wrong.append(f"{where}: refused ({own.status_code})")
                if not allowed and own.status_code not in refusal:
                    wrong.append(f"{where}: not refused ({own.status_code})")
            foreign = _call(world, world.foreign[role], method, path, rule)
            if foreign.status_code >= 500:
                wrong.append(f"{where} (foreign): {foreign.status_code}")
            names_object = any(
                f"{{{p}}}" in path
                for p in (
                    "post_id",
                    "person_id",
                    "account_id",
                    "notification_id",
                    "alert_id",
                    "query_id",
                    "item_id",
                    "connection_id",
                )
            )
            if names_object and foreign.status_code < 400:
                escapes.append(f"{where} (foreign): {foreign.status_code}")
            leaked = [c for c in world.canaries if c in foreign.text]
            if leaked:
                escapes.append(f"{where} (foreign): shows {leaked}")
    assert calls == len(every_route) * len(Role) * 2
    assert escapes == [], f"{len(escapes)} escapes in {calls} calls: {escapes}"
    assert wrong == [], f"{len(wrong)} wrong answers in {calls} calls: {wrong}"
