"""Connecting accounts: credentials encrypted, never shown, audited; cursor moves once."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from herald.connectors.base import Health, RateLimitState
from herald.connectors.mastodon import MastodonConnector
from herald.security.secrets_box import SecretsBox
from herald.services import accounts, connections, orgs
from herald.services.errors import ForbiddenError, InvalidInputError, NotFoundError
from herald.store.models import AuditEntry, Connection
from services.org_world import World

KEY = "k" * 40
BOX = SecretsBox([KEY])
TOKEN = "very-secret-token-value"
SETTINGS = {"base_url": "https://social.example", "access_token": TOKEN}


def _connect(factory: sessionmaker[Session], world: World, who: str = "owner") -> None:
    with factory.begin() as session:
        connections.connect(
            session, world.person(session, who), BOX, world.brand(session), SETTINGS
        )


def test_connect_stores_ciphertext_and_shows_only_setting_names(
    factory: sessionmaker[Session], world: World
) -> None:
    _connect(factory, world)
    with factory() as session:
        row = session.scalars(select(Connection)).one()
        assert TOKEN not in row.settings
        shown = connections.get(session, world.person(session, "admin"), world.brand(session))
        assert shown.setting_names == ("access_token", "base_url")
        assert TOKEN not in repr(shown)
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry is not None
        assert entry.action == "connection.connected"
        assert TOKEN not in entry.payload
        assert json.loads(entry.payload)["settings"] == ["access_token", "base_url"]


def test_the_connector_is_built_from_the_decrypted_settings(
    factory: sessionmaker[Session], world: World
) -> None:
    _connect(factory, world)
    with factory() as session:
        connector = connections.open_connector(session, BOX, world.brand_id)
    assert isinstance(connector, MastodonConnector)
    assert connector.base_url == "https://social.example"
    with factory() as session, pytest.raises(InvalidInputError):
        connections.open_connector(session, SecretsBox(["z" * 40]), world.brand_id)


def test_a_publisher_with_a_grant_may_connect_a_viewer_may_not(
    factory: sessionmaker[Session], world: World
) -> None:
    _connect(factory, world, "publisher")
    with pytest.raises(ForbiddenError):
        _connect(factory, world, "viewer")


def test_another_organisation_sees_nothing(factory: sessionmaker[Session], world: World) -> None:
    _connect(factory, world)
    with factory.begin() as session:
        _, stranger = orgs.create_organisation(session, "Other", "o@other.test", "Oz")
        brand = world.brand(session)
        with pytest.raises(NotFoundError):
            connections.get(session, stranger, brand)
        assert connections.list_connections(session, stranger) == []
        with pytest.raises(ForbiddenError):
            connections.connect(session, stranger, BOX, brand, SETTINGS)


def test_bad_settings_name_the_setting_and_store_nothing(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        owner, brand = world.person(session, "owner"), world.brand(session)
        with pytest.raises(InvalidInputError, match="access_token"):
            connections.connect(session, owner, BOX, brand, {"base_url": "https://x.example"})
        other = accounts.add_brand_account(session, owner, "myspace", "@acme")
        with pytest.raises(InvalidInputError, match="myspace"):
            connections.connect(session, owner, BOX, other, SETTINGS)
        session.rollback()
        assert session.scalars(select(Connection)).all() == []


def test_reconnecting_replaces_the_token_and_keeps_the_cursor(
    factory: sessionmaker[Session], world: World
) -> None:
    _connect(factory, world)
    with factory.begin() as session:
        assert connections.advance_cursor(session, world.brand_id, seen=None, cursor="41")
    with factory.begin() as session:
        owner, brand = world.person(session, "owner"), world.brand(session)
        connections.connect(session, owner, BOX, brand, {**SETTINGS, "access_token": "new-one"})
    with factory() as session:
        assert connections.open_connector(session, BOX, world.brand_id) is not None
        row = session.scalars(select(Connection)).one()
        assert BOX.decrypt(row.settings)["access_token"] == "new-one"
        assert row.cursor == "41"
        actions = session.scalars(select(AuditEntry.action)).all()
        assert actions.count("connection.reconnected") == 1


def test_a_duplicate_sync_does_not_move_the_cursor_twice(
    factory: sessionmaker[Session], world: World
) -> None:
    _connect(factory, world)
    limit = RateLimitState(limit=300, remaining=12)
    with factory.begin() as session:
        assert connections.advance_cursor(
            session, world.brand_id, seen=None, cursor="10", rate_limit=limit
        )
    with factory.begin() as session:
        # The same fetch delivered again: it saw no cursor, but the cursor has moved on.
        assert not connections.advance_cursor(session, world.brand_id, seen=None, cursor="10")
        assert connections.advance_cursor(session, world.brand_id, seen="10", cursor="20")
    with factory() as session:
        shown = connections.get(session, world.person(session, "owner"), world.brand(session))
    assert shown.cursor == "20"
    assert shown.rate_limit == limit
    assert shown.last_sync_at is not None


def test_health_is_recorded_and_shown(factory: sessionmaker[Session], world: World) -> None:
    _connect(factory, world)
    with factory.begin() as session:
        connections.record_health(session, world.brand_id, Health(False, "401 " + "x" * 900))
    with factory() as session:
        shown = connections.get(session, world.person(session, "owner"), world.brand(session))
    assert shown.health_ok is False
    assert len(shown.health_detail) == connections.MAX_HEALTH_DETAIL
    assert shown.token_age_s() >= 0


def test_key_rotation_moves_every_connection_to_the_new_key(
    factory: sessionmaker[Session], world: World
) -> None:
    _connect(factory, world)
    new = SecretsBox(["n" * 40, KEY])
    with factory.begin() as session:
        assert connections.rotate_keys(session, new) == 1
    with factory() as session:
        connector = connections.open_connector(session, SecretsBox(["n" * 40]), world.brand_id)
    assert isinstance(connector, MastodonConnector)


def test_disconnect_forgets_the_credentials(factory: sessionmaker[Session], world: World) -> None:
    _connect(factory, world)
    with factory.begin() as session:
        connections.disconnect(session, world.person(session, "owner"), world.brand(session))
    with factory() as session:
        assert session.scalars(select(Connection)).all() == []
        with pytest.raises(NotFoundError):
            connections.open_connector(session, BOX, world.brand_id)
        assert "connection.disconnected" in session.scalars(select(AuditEntry.action)).all()
