"""Policy quiz attempts, acknowledgement reminders, and the employee advocacy library.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def _owned(table: str) -> list[Any]:
    """id, org_id and person_id, as every table here has them."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        _fk(table, "org_id", "organisations", "CASCADE"),
    ]


def upgrade() -> None:
    op.create_table(
        "policy_quiz_attempts",
        *_owned("policy_quiz_attempts"),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("policy_version_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=True),
        sa.Column("correct", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        _fk("policy_quiz_attempts", "person_id", "people", "CASCADE"),
        _fk("policy_quiz_attempts", "policy_version_id", "policy_versions", "RESTRICT"),
    )
    op.create_index(
        "ix_policy_quiz_attempts_person_version",
        "policy_quiz_attempts",
        ["person_id", "policy_version_id"],
    )
    op.create_table(
        "acknowledgement_reminders",
        *_owned("acknowledgement_reminders"),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("policy_version_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=True),
        _fk("acknowledgement_reminders", "person_id", "people", "CASCADE"),
        _fk("acknowledgement_reminders", "policy_version_id", "policy_versions", "RESTRICT"),
        _fk("acknowledgement_reminders", "notification_id", "notifications", "SET NULL"),
    )
    op.create_index(
        "ix_acknowledgement_reminders_person_version",
        "acknowledgement_reminders",
        ["person_id", "policy_version_id"],
    )
    op.create_table(
        "advocacy_items",
        *_owned("advocacy_items"),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("networks", sa.JSON(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        _fk("advocacy_items", "created_by", "people", "SET NULL"),
    )
    op.create_table(
        "advocacy_shares",
        *_owned("advocacy_shares"),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("added", sa.JSON(), nullable=False),
        sa.Column("reach", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("advocacy_shares", "item_id", "advocacy_items", "CASCADE"),
        _fk("advocacy_shares", "person_id", "people", "CASCADE"),
        _fk("advocacy_shares", "account_id", "accounts", "CASCADE"),
    )
    op.create_index("ix_advocacy_shares_org_created", "advocacy_shares", ["org_id", "created_at"])


def downgrade() -> None:
    op.drop_table("advocacy_shares")
    op.drop_table("advocacy_items")
    op.drop_table("acknowledgement_reminders")
    op.drop_table("policy_quiz_attempts")
