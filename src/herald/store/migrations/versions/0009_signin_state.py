"""Sign-in state in the database: server-side sessions, sign-in throttling counters,
approval rules (separation of duties), and one e-mail address per person.

E-mail addresses are rewritten to their NFKC + casefold form ("Admin@X", "ＡＤＭＩＮ@x"
and "admin@x" are one address) and made unique across the database. When two people
already share an address after normalisation, the upgrade stops and names them: an
administrator gives one of them another address, then runs the upgrade again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


class DuplicateEmailError(RuntimeError):
    """Two or more people share one e-mail address after normalisation."""


def _normalise(email: str) -> str:
    # The same rule as herald.services.people.normalise_email (kept here: a migration
    # must not change when the application code does).
    value = unicodedata.normalize("NFKC", email.strip())
    return unicodedata.normalize("NFKC", value.casefold())


def _unify_emails() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, org_id, email FROM people ORDER BY id")).all()
    groups: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for person_id, org_id, email in rows:
        groups[_normalise(email)].append((person_id, org_id, email))
    clashes = {k: v for k, v in groups.items() if len(v) > 1}
    if clashes:
        lines = [
            f"  {key}: "
            + ", ".join(f"person {pid} ({email!r}, organisation {org})" for pid, org, email in v)
            for key, v in sorted(clashes.items())
        ]
        raise DuplicateEmailError(
            "migration 0009 stopped: each e-mail address must belong to one person, but "
            f"{len(clashes)} address(es) belong to several:\n"
            + "\n".join(lines)
            + "\nGive all but one of each group another address (or remove them), "
            "then run the upgrade again. Nothing was changed."
        )
    for key, members in groups.items():
        person_id, _, email = members[0]
        if email != key:
            bind.execute(
                sa.text("UPDATE people SET email = :e WHERE id = :id"), {"e": key, "id": person_id}
            )


def upgrade() -> None:
    _unify_emails()
    op.create_index("uq_people_email_global", "people", ["email"], unique=True)
    op.create_table(
        "herald_web_sessions",
        sa.Column("sid_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sid_hash", name=op.f("pk_herald_web_sessions")),
    )
    op.create_index(op.f("ix_herald_web_sessions_person_id"), "herald_web_sessions", ["person_id"])
    op.create_table(
        "herald_signin_throttle",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_herald_signin_throttle")),
    )
    op.create_table(
        "herald_approval_rules",
        sa.Column("org_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("separation_of_duties", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_herald_approval_rules")),
    )
    # Revocation lives in herald_web_sessions now; the per-person cut-off is gone.
    with op.batch_alter_table("herald_credentials") as batch:
        batch.drop_column("sessions_after")


def downgrade() -> None:
    with op.batch_alter_table("herald_credentials") as batch:
        batch.add_column(
            sa.Column("sessions_after", sa.BigInteger(), nullable=False, server_default="0")
        )
    op.drop_table("herald_approval_rules")
    op.drop_table("herald_signin_throttle")
    op.drop_index(op.f("ix_herald_web_sessions_person_id"), table_name="herald_web_sessions")
    op.drop_table("herald_web_sessions")
    op.drop_index("uq_people_email_global", table_name="people")
