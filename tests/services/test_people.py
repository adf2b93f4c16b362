from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from herald.services import audit, people
from herald.services.errors import AlreadyExistsError, ForbiddenError, InvalidInputError
from herald.store.enums import Role
from services.org_world import World


def test_admin_cannot_create_owners_or_admins(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        admin = world.person(s, "admin")
        with pytest.raises(ForbiddenError):
            people.add_person(s, admin, "boss@acme.test", "Boss", Role.OWNER)
        person = people.add_person(s, admin, "new@acme.test", "New", Role.APPROVER)
        with pytest.raises(ForbiddenError):
            people.change_role(s, admin, person, Role.ADMIN)


def test_role_changes_are_audited(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        owner, writer = world.person(s, "owner"), world.person(s, "writer")
        people.change_role(s, owner, writer, Role.PUBLISHER)
        entry = audit.history(s, "person", writer.id)[-1]
        assert entry.action == "person.role_changed"
        assert '"from":"contributor"' in entry.payload
        assert '"to":"publisher"' in entry.payload


def test_last_owner_stays(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        owner = world.person(s, "owner")
        with pytest.raises(ForbiddenError, match="last owner"):
            people.change_role(s, owner, owner, Role.ADMIN)
        with pytest.raises(ForbiddenError, match="last owner"):
            people.set_active(s, owner, owner, False)


def test_emails_are_validated_and_unique(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        owner = world.person(s, "owner")
        with pytest.raises(AlreadyExistsError):
            people.add_person(s, owner, "Writer@ACME.test", "Dup", Role.VIEWER)
        for bad in ("", "no-at-sign", "a b@acme.test", "a@nodot"):
            with pytest.raises(InvalidInputError):
                people.add_person(s, owner, bad, "Bad", Role.VIEWER)
        assert (
            people.get_by_email(s, world.org_id, " writer@Acme.Test ").id == world.people["writer"]
        )


def test_deactivated_people_cannot_act(factory: sessionmaker[Session], world: World) -> None:
    from herald.services.errors import GovernanceError

    with factory.begin() as s:
        owner, admin = world.person(s, "owner"), world.person(s, "admin")
        people.set_active(s, owner, admin, False)
        with pytest.raises(GovernanceError, match="deactivated"):
            people.add_person(s, admin, "z@acme.test", "Z", Role.VIEWER)


def test_refusals_are_worded_in_each_language(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as s:
        writer = world.person(s, "writer")
        with pytest.raises(ForbiddenError) as caught:
            people.add_person(s, writer, "x@acme.test", "X", Role.VIEWER)
    assert "managing people" in caught.value.message("en")
    assert "kişileri yönetmek" in caught.value.message("tr")
    assert "gestionar personas" in caught.value.message("es")
    with factory.begin() as s, pytest.raises(InvalidInputError) as bad:
        people.add_person(s, world.person(s, "owner"), "nope", "X", Role.VIEWER)
    assert bad.value.message("tr").startswith("Geçersiz e-posta adresi")
    assert bad.value.message("es").startswith("Valor no válido para dirección de correo")


def test_one_address_is_one_person_across_organisations(
    factory: sessionmaker[Session], world: World
) -> None:
    from herald.services import orgs

    with factory.begin() as s, pytest.raises(AlreadyExistsError):
        orgs.create_organisation(s, "Other", "ＷＲＩＴＥＲ@acme.test", "Someone")
    with factory.begin() as s:
        _, other_owner = orgs.create_organisation(s, "Other", "boss@other.test", "Boss")
        with pytest.raises(AlreadyExistsError):
            people.add_person(s, other_owner, "writer@ACME.test", "Dup", Role.VIEWER)
        added = people.add_person(s, other_owner, "ﬁona@other.test", "Fiona", Role.VIEWER)
        assert added.email == "fiona@other.test"  # the ligature folded by NFKC
