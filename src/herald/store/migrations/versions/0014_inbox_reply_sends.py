"""Inbox replies going out: approval, idempotency key, attempts, network id.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox_reply_sends",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reply_id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("in_reply_to", sa.String(length=200), nullable=True),
        sa.Column("approval_reason", sa.String(length=64), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("network_id", sa.String(length=200), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reply_id"], ["inbox_replies.id"],
            name=op.f("fk_inbox_reply_sends_reply_id_inbox_replies"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organisations.id"],
            name=op.f("fk_inbox_reply_sends_org_id_organisations"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["people.id"],
            name=op.f("fk_inbox_reply_sends_decided_by_people"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_reply_sends")),
        sa.UniqueConstraint("reply_id", name=op.f("uq_inbox_reply_sends_reply_id")),
        sa.UniqueConstraint(
            "idempotency_key", name=op.f("uq_inbox_reply_sends_idempotency_key")
        ),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("inbox_reply_sends")
