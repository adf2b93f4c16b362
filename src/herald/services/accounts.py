"""Brand accounts, personal accounts, and who may draft, publish or approve for each."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from herald.services import audit, teams
from herald.services.errors import (
    AlreadyExistsError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
)
from herald.services.messages import Term
from herald.services.permissions import ADMIN_ROLES, require_active, require_role
from herald.services.scoping import get_owned, owned_by
from herald.store.enums import AccountKind, Capability
from herald.store.models import Account, AccountGrant, Person, TeamMember

NETWORK_MAX = 64


def _clean(network: str, handle: str) -> tuple[str, str]:
    network, handle = network.strip().casefold(), handle.strip()
    if not network or len(network) > NETWORK_MAX or not network.replace("-", "").isalnum():
        raise InvalidInputError("network", repr(network))
    if not handle or any(c.isspace() for c in handle):
        raise InvalidInputError("handle", repr(handle))
    return network, handle


def _insert(session: Session, actor: Person, account: Account) -> Account:
    exists = session.scalar(
        select(Account.id).where(
            Account.org_id == account.org_id,
            Account.network == account.network,
            Account.handle == account.handle,
        )
    )
    if exists is not None:
        raise AlreadyExistsError("account", f"{account.network}:{account.handle}")
    session.add(account)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="account.added",
        subject_type="account",
        subject_id=account.id,
        data={
            "kind": account.kind.value,
            "network": account.network,
            "handle": account.handle,
            "owner_id": account.owner_id,
        },
    )
    return account


def add_brand_account(
    session: Session, actor: Person, network: str, handle: str, display_name: str = ""
) -> Account:
    require_role(actor, ADMIN_ROLES, "adding_brand_accounts")
    network, handle = _clean(network, handle)
    account = Account(
        org_id=actor.org_id,
        kind=AccountKind.BRAND,
        network=network,
        handle=handle,
        display_name=display_name.strip() or handle,
    )
    return _insert(session, actor, account)


def add_personal_account(
    session: Session,
    actor: Person,
    owner: Person,
    network: str,
    handle: str,
    display_name: str = "",
) -> Account:
    """An employee's own account for advocacy: the employee, or an admin, adds it."""
    require_active(actor)
    if owner.org_id != actor.org_id:
        raise NotFoundError("person", owner.email)
    if actor.id != owner.id and actor.role not in ADMIN_ROLES:
        raise ForbiddenError("forbidden", detail=Term("personal_owner_only"))
    network, handle = _clean(network, handle)
    account = Account(
        org_id=actor.org_id,
        kind=AccountKind.PERSONAL,
        network=network,
        handle=handle,
        display_name=display_name.strip() or owner.name,
        owner_id=owner.id,
    )
    return _insert(session, actor, account)


def get(session: Session, actor: Person, account_id: int) -> Account:
    return get_owned(session, Account, account_id, actor.org_id, "account")


def find(session: Session, actor: Person, ref: str) -> Account:
    """An account by ``network:handle``, or by handle alone when that is unambiguous."""
    network, _, handle = ref.rpartition(":")
    query = owned_by(Account, actor.org_id).where(Account.handle == handle)
    if network:
        query = query.where(Account.network == network.casefold())
    found = list(session.scalars(query.limit(2)))
    if len(found) != 1:
        raise NotFoundError("account", ref)
    return found[0]


def list_accounts(session: Session, actor: Person) -> list[Account]:
    return list(session.scalars(owned_by(Account, actor.org_id).order_by(Account.id)))


def grant(
    session: Session,
    actor: Person,
    account: Account,
    capability: Capability,
    *,
    person: Person | None = None,
    team_slug: str | None = None,
) -> AccountGrant:
    """Let one person or one team ``capability`` on ``account`` (idempotent)."""
    require_role(actor, ADMIN_ROLES, "granting")
    if account.org_id != actor.org_id:
        raise NotFoundError("account", account.id)
    if (person is None) == (team_slug is None):
        raise InvalidInputError("grant", Term("one_person_or_team"))
    team_id = teams.get(session, actor, team_slug).id if team_slug is not None else None
    if person is not None and person.org_id != actor.org_id:
        raise NotFoundError("person", person.email)
    person_id = person.id if person is not None else None
    existing = session.scalar(
        select(AccountGrant).where(
            AccountGrant.account_id == account.id,
            AccountGrant.capability == capability,
            AccountGrant.person_id.is_(None)
            if person_id is None
            else AccountGrant.person_id == person_id,
            AccountGrant.team_id.is_(None) if team_id is None else AccountGrant.team_id == team_id,
        )
    )
    if existing is not None:
        return existing
    row = AccountGrant(
        account_id=account.id, capability=capability, person_id=person_id, team_id=team_id
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="account.granted",
        subject_type="account",
        subject_id=account.id,
        data={
            "capability": capability.value,
            "person": person.email if person else None,
            "team": team_slug,
        },
    )
    return row


def revoke(session: Session, actor: Person, grant_row: AccountGrant) -> None:
    require_role(actor, ADMIN_ROLES, "revoking")
    account = get(session, actor, grant_row.account_id)
    session.delete(grant_row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="account.revoked",
        subject_type="account",
        subject_id=account.id,
        data={
            "capability": grant_row.capability.value,
            "person_id": grant_row.person_id,
            "team_id": grant_row.team_id,
        },
    )


def grants(session: Session, account: Account) -> list[AccountGrant]:
    return list(
        session.scalars(
            select(AccountGrant)
            .where(AccountGrant.account_id == account.id)
            .order_by(AccountGrant.id)
        )
    )


def holders(session: Session, account: Account, capability: Capability) -> set[int]:
    """Ids of active people granted ``capability`` on ``account`` directly or via a team."""
    rows = session.execute(
        select(AccountGrant.person_id, AccountGrant.team_id).where(
            AccountGrant.account_id == account.id, AccountGrant.capability == capability
        )
    ).all()
    people = {p for p, _ in rows if p is not None}
    active = set(
        session.scalars(select(Person.id).where(Person.id.in_(people), Person.active.is_(True)))
    )
    return active | teams.member_ids(session, [t for _, t in rows if t is not None])


def can(session: Session, person: Person, account: Account, capability: Capability) -> bool:
    """Owners and admins may do anything; a personal account's owner may draft and publish
    on it; everyone else needs a grant, to them or to one of their teams."""
    if not person.active or person.org_id != account.org_id:
        return False
    if person.role in ADMIN_ROLES:
        return True
    if (
        account.kind is AccountKind.PERSONAL
        and account.owner_id == person.id
        and capability is not Capability.APPROVE
    ):
        return True
    my_teams = select(TeamMember.team_id).where(TeamMember.person_id == person.id)
    hit = session.scalar(
        select(AccountGrant.id)
        .where(
            AccountGrant.account_id == account.id,
            AccountGrant.capability == capability,
            or_(AccountGrant.person_id == person.id, AccountGrant.team_id.in_(my_teams)),
        )
        .limit(1)
    )
    return hit is not None


def require(session: Session, person: Person, account: Account, capability: Capability) -> None:
    if not can(session, person, account, capability):
        raise ForbiddenError(
            "no_capability",
            capability=capability.value,
            account=f"{account.network}:{account.handle}",
        )
