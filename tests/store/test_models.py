from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from herald.store.enums import AccountKind, Capability, Role
from herald.store.models import Account, AccountGrant, Organisation, Person
from herald.store.types import utcnow


def _org(factory: sessionmaker[Session]) -> tuple[int, int]:
    with factory.begin() as s:
        org = Organisation(name="Acme")
        s.add(org)
        s.flush()
        person = Person(org_id=org.id, email="a@acme.test", name="A", role=Role.VIEWER)
        s.add(person)
        s.flush()
        return org.id, person.id


def test_version_column_refuses_a_stale_write(factory: sessionmaker[Session]) -> None:
    _, person_id = _org(factory)
    with factory() as first, factory() as second:
        a = first.get_one(Person, person_id)
        b = second.get_one(Person, person_id)
        a.role = Role.APPROVER
        first.commit()
        b.role = Role.ADMIN
        # PostgreSQL: the UPDATE matches no row (version moved on). SQLite: the write on a
        # stale snapshot is refused outright. Either way the second write does not land.
        with pytest.raises((StaleDataError, OperationalError)):
            second.commit()
    with factory() as s:
        person = s.get_one(Person, person_id)
        assert (person.role, person.version) == (Role.APPROVER, 2)


def test_datetimes_come_back_aware_utc(factory: sessionmaker[Session]) -> None:
    org_id, _ = _org(factory)
    with factory() as s:
        created = s.get_one(Organisation, org_id).created_at
    assert created.tzinfo is not None
    assert created.utcoffset() is not None
    assert abs((utcnow() - created).total_seconds()) < 3600


def test_personal_account_needs_an_owner(factory: sessionmaker[Session]) -> None:
    org_id, _ = _org(factory)
    with pytest.raises(IntegrityError), factory.begin() as s:
        s.add(Account(org_id=org_id, kind=AccountKind.PERSONAL, network="x", handle="h",
                      display_name="H"))  # fmt: skip


def test_grant_names_a_person_or_a_team_not_both(factory: sessionmaker[Session]) -> None:
    org_id, _person_id = _org(factory)
    with factory.begin() as s:
        account = Account(org_id=org_id, kind=AccountKind.BRAND, network="x", handle="h",
                          display_name="H")  # fmt: skip
        s.add(account)
        s.flush()
        account_id = account.id
    with pytest.raises(IntegrityError), factory.begin() as s:
        s.add(AccountGrant(account_id=account_id, capability=Capability.DRAFT))


def test_enum_columns_refuse_unknown_values(factory: sessionmaker[Session]) -> None:
    from sqlalchemy import text

    org_id, _ = _org(factory)
    with pytest.raises(IntegrityError), factory.begin() as s:
        s.execute(
            text(
                "INSERT INTO people (org_id, email, name, role, lang, active, created_at, version)"
                " VALUES (:org, 'b@acme.test', 'B', 'emperor', 'en', true, CURRENT_TIMESTAMP, 1)"
            ),
            {"org": org_id},
        )
