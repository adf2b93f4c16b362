"""The inbox: incoming messages (stored before classification), cases, notes, replies.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime()


def upgrade() -> None:
    op.create_table(
        "inbox_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=64), nullable=False),
        sa.Column("thread_key", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("team", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", _utc(), nullable=False),
        sa.Column("sla_due_at", _utc(), nullable=True),
        sa.Column("first_response_at", _utc(), nullable=True),
        sa.Column("resolved_at", _utc(), nullable=True),
        sa.Column("escalated_at", _utc(), nullable=True),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["people.id"],
            name=op.f("fk_inbox_cases_assignee_id_people"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organisations.id"],
            name=op.f("fk_inbox_cases_org_id_organisations"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_cases")),
        sa.UniqueConstraint(
            "org_id", "network", "thread_key", name=op.f("uq_inbox_cases_org_id_network_thread_key")
        ),
    )  # fmt: skip
    op.create_index("ix_inbox_cases_org_status", "inbox_cases", ["org_id", "status"])
    op.create_table(
        "inbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=64), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("thread_key", sa.String(length=200), nullable=False),
        sa.Column("in_reply_to", sa.String(length=200), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("author_followers", sa.BigInteger(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("given_lang", sa.String(length=8), nullable=True),
        sa.Column("sent_at", _utc(), nullable=False),
        sa.Column("received_at", _utc(), nullable=False),
        sa.Column("classification", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("lang", sa.String(length=8), nullable=True),
        sa.Column("intent", sa.String(length=32), nullable=True),
        sa.Column("sentiment", sa.String(length=16), nullable=True),
        sa.Column("crisis_signal", sa.Boolean(), nullable=True),
        sa.Column("scam", sa.Boolean(), nullable=True),
        sa.Column("abusive", sa.Boolean(), nullable=True),
        sa.Column("team", sa.String(length=32), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("reply_topic", sa.String(length=64), nullable=True),
        sa.Column("rule_id", sa.String(length=100), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("hidden_reason", sa.Text(), nullable=True),
        sa.Column("signals", sa.JSON(), nullable=False),
        sa.Column("policy_version", sa.String(length=64), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["inbox_cases.id"],
            name=op.f("fk_inbox_messages_case_id_inbox_cases"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organisations.id"],
            name=op.f("fk_inbox_messages_org_id_organisations"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_messages")),
        sa.UniqueConstraint(
            "org_id", "network", "external_id",
            name=op.f("uq_inbox_messages_org_id_network_external_id"),
        ),
    )  # fmt: skip
    op.create_index(
        "ix_inbox_messages_org_classification", "inbox_messages", ["org_id", "classification"]
    )
    op.create_index(
        "ix_inbox_messages_org_thread", "inbox_messages", ["org_id", "network", "thread_key"]
    )
    op.create_table(
        "inbox_case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["people.id"],
            name=op.f("fk_inbox_case_notes_author_id_people"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["inbox_cases.id"],
            name=op.f("fk_inbox_case_notes_case_id_inbox_cases"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_case_notes")),
    )  # fmt: skip
    op.create_table(
        "inbox_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("library_id", sa.String(length=100), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"],
            name=op.f("fk_inbox_replies_account_id_accounts"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["people.id"],
            name=op.f("fk_inbox_replies_author_id_people"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["inbox_cases.id"],
            name=op.f("fk_inbox_replies_case_id_inbox_cases"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_replies")),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("inbox_replies")
    op.drop_table("inbox_case_notes")
    op.drop_index("ix_inbox_messages_org_thread", table_name="inbox_messages")
    op.drop_index("ix_inbox_messages_org_classification", table_name="inbox_messages")
    op.drop_table("inbox_messages")
    op.drop_index("ix_inbox_cases_org_status", table_name="inbox_cases")
    op.drop_table("inbox_cases")
