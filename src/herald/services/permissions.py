"""Who may administer what: role checks shared by every service."""

from __future__ import annotations

from herald.services.errors import ForbiddenError, GovernanceError
from herald.services.messages import Term
from herald.store.enums import Role
from herald.store.models import Person

ADMIN_ROLES = frozenset({Role.OWNER, Role.ADMIN})
POLICY_ROLES = frozenset({Role.OWNER, Role.ADMIN, Role.COMPLIANCE_OFFICER})
"""May activate policy versions and define approval workflows."""


def require_active(person: Person) -> None:
    if not person.active:
        raise GovernanceError("inactive", email=person.email)


def require_role(actor: Person, roles: frozenset[Role], what: str) -> None:
    require_active(actor)
    if actor.role not in roles:
        allowed = ", ".join(sorted(r.value for r in roles))
        raise ForbiddenError("role_needed", what=Term(what), roles=allowed)


def require_same_org(actor: Person, org_id: int) -> None:
    if actor.org_id != org_id:
        raise ForbiddenError("forbidden", detail=Term("another_org"))
