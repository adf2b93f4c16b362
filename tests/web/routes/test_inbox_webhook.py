"""The signed inbox webhook: accepted once, duplicates skipped, forgeries and bad bodies refused."""

from __future__ import annotations

import json
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from herald.connectors.webhook import sign
from herald.security.secrets_box import SecretsBox
from herald.services import accounts, connections
from herald.store.models import Connection, InboxMessage, Person
from web.conftest import Herald

SECRET = "w" * 32


def _connect(herald: Herald) -> int:
    box = SecretsBox(herald.client.app.state.settings.credential_keys)

    def work(session: Session) -> int:
        owner = session.scalars(select(Person).where(Person.email == "owner@acme.example")).one()
        account = next(a for a in accounts.list_accounts(session, owner) if a.network == "mastodon")
        settings = {"base_url": "http://127.0.0.1:9", "access_token": "t", "webhook_secret": SECRET}
        connections.connect(session, owner, box, account, settings)
        return session.scalars(select(Connection.id)).one()

    return herald.workspace.write(work)


def _post(herald: Herald, connection_id: int, body: bytes, secret: str = SECRET):  # type: ignore[no-untyped-def]
    stamp = str(int(time.time()))
    return herald.client.post(
        f"/api/v1/inbox/webhook/{connection_id}",
        content=body,
        headers={
            "X-Herald-Timestamp": stamp,
            "X-Herald-Signature": sign(secret.encode(), stamp, body),
            "Content-Type": "application/json",
        },
    )


def test_webhook_accepts_once_and_refuses_forgeries_and_malformed_bodies(herald: Herald) -> None:
    connection_id = _connect(herald)
    item = {
        "id": "wh-1",
        "author": "@cust",
        "text": "Mi tarjeta está bloqueada y no puedo pagar.",
        "ts": "2026-12-05T10:00:00+00:00",
    }
    body = json.dumps({"items": [item]}).encode()
    first = _post(herald, connection_id, body)
    assert first.status_code == 200, first.text
    assert first.json()["accepted"] == 1
    again = _post(herald, connection_id, body)
    assert again.json() == {"accepted": 0, "duplicates": 1, "classified": 0, "pending": 0}
    forged = _post(herald, connection_id, body, secret="x" * 32)
    assert forged.status_code == 401
    malformed = _post(herald, connection_id, b'{"items": [{"id": "x"}]}')
    assert malformed.status_code == 422
    assert malformed.json()["error"]["problems"]
    assert _post(herald, 999_999, body).status_code == 404
    count = herald.workspace.read(
        lambda s: s.scalar(select(func.count()).select_from(InboxMessage))
    )
    assert count == 1
