"""Stored secrets of people and API clients: password hashes, TOTP, recovery codes, tokens.

Kept in their own tables, apart from the governance model, so that reading a person
never loads a secret by accident. Every write is one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    delete,
    func,
    insert,
    select,
    update,
)

from herald.security import api_tokens, passwords, totp
from herald.store.models import (
    api_tokens_table,
    credentials_table,
    org_security_table,
    web_sessions_table,
)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class TokenRecord:
    token_id: str
    person_id: int
    name: str
    scopes: tuple[str, ...]
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class SecondFactor:
    secret: str
    last_step: int | None
    recovery_hashes: tuple[str, ...]


def _sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8", "surrogatepass")).hexdigest()


def end_all_sessions(conn: Connection, person_id: int) -> int:
    """End every browser session of ``person_id`` inside the caller's transaction
    (deactivation, a new password, "sign out everywhere")."""
    return int(
        conn.execute(
            delete(web_sessions_table).where(web_sessions_table.c.person_id == person_id)
        ).rowcount
        or 0
    )


def store_password(conn: Connection, person_id: int, password: str) -> None:
    """Store a hash of ``password`` inside the caller's transaction (so that a change and its
    audit entry commit together); the caller has checked its strength. Every session of the
    person ends: whoever knew the old password is signed out."""
    end_all_sessions(conn, person_id)
    hashed = passwords.hash_password(password)
    changed = conn.execute(
        update(credentials_table)
        .where(credentials_table.c.person_id == person_id)
        .values(password_hash=hashed, updated_at=_now())
    ).rowcount
    if not changed:
        conn.execute(
            insert(credentials_table).values(
                person_id=person_id,
                password_hash=hashed,
                recovery_hashes=[],
                updated_at=_now(),
            )
        )


class CredentialStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine  # the schema comes from the store's migrations

    # -- passwords -------------------------------------------------------------------
    def set_password(self, person_id: int, password: str) -> None:
        """Store a hash of ``password``; the caller has checked its strength."""
        with self.engine.begin() as conn:
            store_password(conn, person_id, password)

    def check_password(self, person_id: int, password: str) -> bool:
        with self.engine.connect() as conn:
            stored = conn.execute(
                select(credentials_table.c.password_hash).where(
                    credentials_table.c.person_id == person_id
                )
            ).scalar_one_or_none()
        if stored is None:
            # Same work as a real check, so timing does not reveal who has a password.
            passwords.verify_password(_dummy_hash(), password)
            return False
        if not passwords.verify_password(stored, password):
            return False
        if passwords.needs_rehash(stored):
            self.set_password(person_id, password)
        return True

    # -- browser sessions ----------------------------------------------------------------
    def start_session(self, person_id: int, sid: str, max_age_s: int) -> None:
        """Record a signed-in session; its cookie counts only while this row exists."""
        now = _now()
        with self.engine.begin() as conn:
            conn.execute(delete(web_sessions_table).where(web_sessions_table.c.expires_at < now))
            conn.execute(
                insert(web_sessions_table).values(
                    sid_hash=_sid_hash(sid),
                    person_id=person_id,
                    created_at=now,
                    expires_at=now + timedelta(seconds=max_age_s),
                )
            )

    def session_active(self, sid: str, person_id: int) -> bool:
        with self.engine.connect() as conn:
            expires = conn.execute(
                select(web_sessions_table.c.expires_at).where(
                    web_sessions_table.c.sid_hash == _sid_hash(sid),
                    web_sessions_table.c.person_id == person_id,
                )
            ).scalar_one_or_none()
        return expires is not None and expires > _now()

    def end_session(self, sid: str) -> None:
        """Sign-out: the cookie of this session no longer works, wherever it was copied."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(web_sessions_table).where(web_sessions_table.c.sid_hash == _sid_hash(sid))
            )

    def end_sessions(self, person_id: int) -> int:
        """Sign ``person_id`` out everywhere; the number of sessions ended."""
        with self.engine.begin() as conn:
            return end_all_sessions(conn, person_id)

    def session_count(self, person_id: int) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count()).where(
                        web_sessions_table.c.person_id == person_id,
                        web_sessions_table.c.expires_at > _now(),
                    )
                ).scalar_one()
            )

    # -- two-factor ------------------------------------------------------------------
    def second_factor(self, person_id: int) -> SecondFactor | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(credentials_table).where(credentials_table.c.person_id == person_id)
            ).one_or_none()
        if row is None or not row.totp_secret:
            return None
        return SecondFactor(row.totp_secret, row.totp_last_step, tuple(row.recovery_hashes or ()))

    def enable_totp(
        self, person_id: int, secret: str, *, used_step: int | None = None
    ) -> list[str]:
        """Turn two-factor on; returns fresh recovery codes (shown once, stored hashed).

        ``used_step`` is the time step of the code typed at enrolment: it is recorded as used,
        so the same code cannot then be replayed to sign in.
        """
        codes = totp.generate_recovery_codes()
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(credentials_table)
                .where(credentials_table.c.person_id == person_id)
                .values(
                    totp_secret=secret,
                    totp_last_step=used_step,
                    recovery_hashes=[totp.hash_recovery_code(c) for c in codes],
                    updated_at=_now(),
                )
            ).rowcount
        if not changed:
            raise LookupError(f"person {person_id} has no password yet")
        return codes

    def disable_totp(self, person_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(credentials_table)
                .where(credentials_table.c.person_id == person_id)
                .values(totp_secret=None, totp_last_step=None, recovery_hashes=[])
            )

    def verify_second_factor(self, person_id: int, code: str, *, at: float | None = None) -> bool:
        """Accept a current TOTP code (once) or an unused recovery code (then spent)."""
        with self.engine.begin() as conn:
            row = conn.execute(
                select(credentials_table)
                .where(credentials_table.c.person_id == person_id)
                .with_for_update()
            ).one_or_none()
            if row is None or not row.totp_secret:
                return False
            step = totp.verify_code(row.totp_secret, code, last_used_step=row.totp_last_step, at=at)
            if step is not None:
                conn.execute(
                    update(credentials_table)
                    .where(credentials_table.c.person_id == person_id)
                    .values(totp_last_step=step)
                )
                return True
            hashes = list(row.recovery_hashes or ())
            used = totp.match_recovery_code(code, hashes)
            if used is None:
                return False
            hashes.remove(used)
            conn.execute(
                update(credentials_table)
                .where(credentials_table.c.person_id == person_id)
                .values(recovery_hashes=hashes)
            )
            return True

    # -- API tokens ------------------------------------------------------------------
    def issue_token(self, person_id: int, name: str, scopes: Sequence[str]) -> tuple[str, str]:
        """(token id, plaintext); the plaintext is never stored."""
        checked = api_tokens.check_scopes(tuple(scopes))
        issued = api_tokens.issue()
        with self.engine.begin() as conn:
            conn.execute(
                insert(api_tokens_table).values(
                    token_id=issued.token_id,
                    person_id=person_id,
                    name=name[:200],
                    scopes=list(checked),
                    secret_hash=issued.secret_hash,
                    created_at=_now(),
                )
            )
        return issued.token_id, issued.plaintext

    def resolve_token(self, plaintext: str) -> TokenRecord | None:
        parsed = api_tokens.parse(plaintext)
        if parsed is None:
            return None
        token_id, secret = parsed
        with self.engine.connect() as conn:
            row = conn.execute(
                select(api_tokens_table).where(api_tokens_table.c.token_id == token_id)
            ).one_or_none()
        if row is None or row.revoked_at is not None:
            return None
        if not api_tokens.secret_matches(secret, row.secret_hash):
            return None
        return _token_record(row)

    def tokens(self, person_id: int) -> list[TokenRecord]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(api_tokens_table)
                .where(api_tokens_table.c.person_id == person_id)
                .order_by(api_tokens_table.c.created_at)
            ).all()
        return [_token_record(r) for r in rows]

    def revoke_token(self, person_id: int, token_id: str) -> bool:
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(api_tokens_table)
                .where(
                    api_tokens_table.c.token_id == token_id,
                    api_tokens_table.c.person_id == person_id,
                    api_tokens_table.c.revoked_at.is_(None),
                )
                .values(revoked_at=_now())
            ).rowcount
        return bool(changed)

    # -- organisation rules ----------------------------------------------------------
    def requires_two_factor(self, org_id: int) -> bool:
        with self.engine.connect() as conn:
            value = conn.execute(
                select(org_security_table.c.require_two_factor).where(
                    org_security_table.c.org_id == org_id
                )
            ).scalar_one_or_none()
        return bool(value)

    def set_requires_two_factor(self, org_id: int, required: bool) -> None:
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(org_security_table)
                .where(org_security_table.c.org_id == org_id)
                .values(require_two_factor=int(required), updated_at=_now())
            ).rowcount
            if not changed:
                conn.execute(
                    insert(org_security_table).values(
                        org_id=org_id, require_two_factor=int(required), updated_at=_now()
                    )
                )

    def forget_person(self, person_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(api_tokens_table).where(api_tokens_table.c.person_id == person_id))
            end_all_sessions(conn, person_id)
            conn.execute(
                delete(credentials_table).where(credentials_table.c.person_id == person_id)
            )


def _token_record(row: Any) -> TokenRecord:
    return TokenRecord(
        token_id=row.token_id,
        person_id=row.person_id,
        name=row.name,
        scopes=tuple(row.scopes),
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )


@cache
def _dummy_hash() -> str:
    return passwords.hash_password("herald-timing-equaliser")
