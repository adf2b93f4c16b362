from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from herald.security import totp
from herald.security.credentials import CredentialStore
from herald.store.models import CREDENTIAL_TABLES, Base, web_sessions_table

NOW = 1_700_000_000.0


@pytest.fixture
def store() -> Iterator[CredentialStore]:
    engine = create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    Base.metadata.create_all(engine, tables=[*CREDENTIAL_TABLES, web_sessions_table])
    yield CredentialStore(engine)
    engine.dispose()


def test_password_is_checked_against_its_hash(store: CredentialStore) -> None:
    store.set_password(1, "kestane-vapur-limon-47")
    assert store.check_password(1, "kestane-vapur-limon-47")
    assert not store.check_password(1, "kestane-vapur-limon-48")
    assert not store.check_password(2, "kestane-vapur-limon-47")
    store.set_password(1, "yeni-parola-denizkızı-9")
    assert store.check_password(1, "yeni-parola-denizkızı-9")
    assert not store.check_password(1, "kestane-vapur-limon-47")


def test_totp_codes_work_once_and_recovery_codes_once(store: CredentialStore) -> None:
    store.set_password(1, "kestane-vapur-limon-47")
    secret = totp.new_secret()
    codes = store.enable_totp(1, secret)
    assert store.second_factor(1) is not None
    code = totp.current_code(secret, at=NOW)
    assert store.verify_second_factor(1, code, at=NOW)
    assert not store.verify_second_factor(1, code, at=NOW)  # replay
    assert store.verify_second_factor(1, codes[0], at=NOW)
    assert not store.verify_second_factor(1, codes[0], at=NOW)  # spent
    assert store.verify_second_factor(1, codes[1].upper(), at=NOW)
    store.disable_totp(1)
    assert store.second_factor(1) is None


def test_the_enrolment_code_cannot_be_replayed_to_sign_in(store: CredentialStore) -> None:
    store.set_password(1, "kestane-vapur-limon-47")
    secret = totp.new_secret()
    code = totp.current_code(secret, at=NOW)
    step = totp.verify_code(secret, code, at=NOW)
    assert step is not None
    store.enable_totp(1, secret, used_step=step)
    assert not store.verify_second_factor(1, code, at=NOW)  # typed at setup: already used
    later = totp.current_code(secret, at=NOW + 30)
    assert store.verify_second_factor(1, later, at=NOW + 30)


def test_totp_needs_a_password_first(store: CredentialStore) -> None:
    with pytest.raises(LookupError):
        store.enable_totp(9, totp.new_secret())


def test_tokens_resolve_until_revoked_and_are_stored_hashed(store: CredentialStore) -> None:
    token_id, plaintext = store.issue_token(1, "CI", ["scan", "posts:read"])
    record = store.resolve_token(plaintext)
    assert record is not None
    assert record.scopes == ("scan", "posts:read")
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("select secret_hash from herald_api_tokens").scalar_one()
    assert plaintext.split("_", 2)[2] not in stored
    assert store.resolve_token(plaintext + "x") is None
    assert not store.revoke_token(2, token_id)  # someone else's token
    assert store.revoke_token(1, token_id)
    assert store.resolve_token(plaintext) is None
    assert store.tokens(1)[0].revoked_at is not None


def test_organisation_can_require_two_factor(store: CredentialStore) -> None:
    assert not store.requires_two_factor(1)
    store.set_requires_two_factor(1, True)
    assert store.requires_two_factor(1)
    assert not store.requires_two_factor(2)
    store.set_requires_two_factor(1, False)
    assert not store.requires_two_factor(1)


def test_a_session_counts_only_while_its_row_exists(store: CredentialStore) -> None:
    assert not store.session_active("sid-a", 1)  # never started
    store.start_session(1, "sid-a", 3600)
    store.start_session(1, "sid-b", 3600)
    store.start_session(2, "sid-c", 3600)
    assert store.session_active("sid-a", 1)
    assert not store.session_active("sid-a", 2)  # a session belongs to one person
    store.end_session("sid-a")  # sign-out
    assert not store.session_active("sid-a", 1)
    assert store.session_active("sid-b", 1)
    assert store.end_sessions(1) == 1  # sign out everywhere
    assert not store.session_active("sid-b", 1)
    assert store.session_active("sid-c", 2)
    assert store.session_count(2) == 1


def test_expired_sessions_do_not_count(store: CredentialStore) -> None:
    store.start_session(1, "old", 0)
    assert not store.session_active("old", 1)
    assert store.session_count(1) == 0


def test_a_new_password_ends_every_session(store: CredentialStore) -> None:
    store.set_password(1, "kestane-vapur-limon-47")
    store.start_session(1, "sid-a", 3600)
    store.set_password(1, "yeni-parola-denizkızı-9")
    assert not store.session_active("sid-a", 1)
