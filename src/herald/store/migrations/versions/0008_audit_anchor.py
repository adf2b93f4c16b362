"""Audit anchor: each organisation row keeps its audit entry count and last entry hash,
so deleting entries (and the chain head) cannot make a log verify.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_GENESIS = "0" * 64


def upgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("audit_count", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("audit_hash", sa.String(length=64), nullable=False, server_default=_GENESIS)
        )
    # Anchor the entries already written.
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT org_id, COUNT(*), MAX(seq) FROM audit_log WHERE org_id IS NOT NULL GROUP BY org_id"
        )
    ).all()
    for org_id, count, last_seq in rows:
        last_hash = bind.execute(
            sa.text("SELECT hash FROM audit_log WHERE seq = :seq"), {"seq": last_seq}
        ).scalar_one()
        bind.execute(
            sa.text("UPDATE organisations SET audit_count = :c, audit_hash = :h WHERE id = :id"),
            {"c": count, "h": last_hash, "id": org_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("audit_hash")
        batch.drop_column("audit_count")
