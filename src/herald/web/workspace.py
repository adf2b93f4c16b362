"""The web layer's door to the store and the services: transactions, callers, the policy.

Nothing here decides what a person may do; every rule is asked of ``herald.services``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from herald.scan.scanner import Scanner
from herald.security.credentials import CredentialStore
from herald.services import audit, mailer, notifications, people_lifecycle, policies
from herald.services.people import normalise_email
from herald.services.transaction import run_in_transaction
from herald.store.engine import make_engine, make_session_factory
from herald.store.migrate import upgrade
from herald.store.models import Organisation, Person
from herald.web.auth import Principal

T = TypeVar("T")

_WARM_UP_POSTS = (
    "Yeni şubemiz pazartesi günü Kadıköy'de açılıyor, herkesi bekleriz!",
    "Nuestra nueva oficina abre el lunes en Madrid. ¡Os esperamos!",
    "Our new branch opens on Monday in Istanbul. See you there!",
)

_POLICY_TTL_S = 2.0
"""How long a process trusts its idea of the active policy before asking the database
(another process, e.g. ``herald policy activate``, may have changed it)."""


class Workspace:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = make_session_factory(engine)
        self.credentials = CredentialStore(engine)
        self._scanners: dict[int, tuple[float, Scanner]] = {}
        self._lock = threading.Lock()

    @classmethod
    def open(cls, url: str) -> Workspace:
        """Connect and bring the schema up to date (creates a new database)."""
        engine = make_engine(url)
        upgrade(engine)
        return cls(engine)

    def read(self, work: Callable[[Session], T]) -> T:
        with self.sessions() as session:
            return work(session)

    def write(self, work: Callable[[Session], T]) -> T:
        """One transaction, retried when a concurrent writer won a race."""
        return run_in_transaction(self.sessions, work)

    @staticmethod
    def person(session: Session, principal: Principal) -> Person:
        return session.get_one(Person, principal.person_id)

    # -- who is calling ----------------------------------------------------------------
    def _principal(
        self,
        session: Session,
        person: Person,
        scopes: frozenset[str] | None = None,
        token_id: str | None = None,
    ) -> Principal:
        must_enrol = (
            token_id is None
            and self.credentials.requires_two_factor(person.org_id)
            and self.credentials.second_factor(person.id) is None
        )
        return Principal(
            person_id=person.id,
            org_id=person.org_id,
            name=person.name,
            email=person.email,
            role=person.role.value,
            lang=person.lang,
            scopes=scopes,
            token_id=token_id,
            must_enrol_2fa=must_enrol,
            must_change_password=token_id is None
            and people_lifecycle.must_change_password(session, person.id),
            time_zone=people_lifecycle.time_zone(session, person.id),
        )

    def principal_for_session(self, sid: str, person_id: int) -> Principal | None:
        if not self.credentials.session_active(sid, person_id):
            return None
        with self.sessions() as session:
            person = session.get(Person, person_id)
            if person is None or not person.active:
                return None
            return self._principal(session, person)

    def principal_for_token(self, plaintext: str) -> Principal | None:
        record = self.credentials.resolve_token(plaintext)
        if record is None:
            return None
        with self.sessions() as session:
            person = session.get(Person, record.person_id)
            if person is None or not person.active:
                return None
            return self._principal(session, person, frozenset(record.scopes), record.token_id)

    def person_id_for_email(self, email: str) -> int | None:
        try:
            normalised = normalise_email(email)
        except Exception:  # a malformed address is just an unknown one here
            return None
        with self.sessions() as session:
            return session.scalar(
                select(Person.id).where(Person.email == normalised, Person.active.is_(True))
            )

    def email_for_person(self, person_id: int) -> str | None:
        with self.sessions() as session:
            return session.scalar(select(Person.email).where(Person.id == person_id))

    def record_security_event(self, person_id: int, action: str, **data: object) -> None:
        """Sign-ins, second factors, password and token changes go to the audit log."""

        def work(session: Session) -> None:
            person = session.get_one(Person, person_id)
            audit.append(
                session,
                actor=person,
                action=f"security.{action}",
                subject_type="person",
                subject_id=person.id,
                data=dict(data),
            )

        self.write(work)

    # -- the policy in force -------------------------------------------------------------
    def scanner(self, org_id: int) -> Scanner:
        now = time.monotonic()
        with self._lock:
            cached = self._scanners.get(org_id)
        if cached is not None and now - cached[0] < _POLICY_TTL_S:
            return cached[1]
        with self.sessions() as session:
            version = policies.active_version(session, org_id)
            engine = policies.engine_for(version) if version is not None else Scanner()
        if not isinstance(engine, Scanner):  # the services return the engine's Scanner
            raise TypeError(f"unexpected policy engine {type(engine).__name__}")
        with self._lock:
            self._scanners[org_id] = (now, engine)
        return engine

    # -- e-mail ------------------------------------------------------------------------------
    def deliver_email(self, smtp: mailer.SmtpSettings | None, base_url: str) -> dict[str, int]:
        """Send the notification e-mails waiting in the outbox (nothing without SMTP)."""
        if smtp is None:
            return {"sent": 0, "failed": 0}
        return notifications.deliver_email(self.sessions, smtp, base_url)

    def warm_up(self) -> None:
        """Load the language and classifier models and every organisation's policy now, so
        the first check in the composer (in any language) is as fast as the next."""
        from herald.text.langid import warm_up

        warm_up()
        with self.sessions() as session:
            org_ids = list(session.scalars(select(Organisation.id)))
        for org_id in org_ids or [0]:
            scanner = self.scanner(org_id) if org_ids else Scanner()
            for sample in _WARM_UP_POSTS:
                scanner.scan(sample)

    def forget_policy_cache(self) -> None:
        with self._lock:
            self._scanners.clear()


def open_workspace(url: str | None = None) -> Workspace:
    return Workspace.open(url or "sqlite:///herald.db")
