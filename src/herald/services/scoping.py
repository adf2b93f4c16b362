"""Organisation scoping: the one place a service query is narrowed to an organisation.

Every row that belongs to an organisation carries ``org_id``. Services read such rows
through :func:`owned_by` (a query) or :func:`get_owned` (one row by id), so a row of
another organisation is simply not there: never returned, never counted, and a request
for it looks exactly like a request for an id that does not exist.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from herald.services.errors import NotFoundError

MAX_ID = 2**31 - 1
"""Ids are INTEGER columns: 32-bit signed on PostgreSQL, so anything larger cannot exist
(and asking PostgreSQL for it would be an error, not an empty answer)."""


class OrgOwned(Protocol):
    org_id: Any
    """The owning organisation's id (a mapped column on the model class)."""


M = TypeVar("M", bound=OrgOwned)


def owned_by(model: type[M], org_id: int) -> Select[M]:
    """``SELECT model`` limited to the rows of organisation ``org_id``."""
    return select(model).where(model.org_id == org_id)


def get_owned(session: Session, model: type[M], ident: int, org_id: int, what: str) -> M:
    """Row ``ident`` of ``model`` if organisation ``org_id`` owns it.

    A row of another organisation raises the same :class:`NotFoundError` as a missing
    one, and so does an id outside the database's integer range.
    """
    if not 0 < ident <= MAX_ID:
        raise NotFoundError(what, ident)
    row = session.get(model, ident)
    if row is None or row.org_id != org_id:
        raise NotFoundError(what, ident)
    return row
