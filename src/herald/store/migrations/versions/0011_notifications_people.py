"""Notifications (in-app and an e-mail outbox) with per-person preferences, people's
profiles (time zone, a password to change) and one-time links (invitations, resets).

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def _person_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["person_id"], ["people.id"], name=op.f(f"fk_{table}_person_id_people"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=False),
        sa.Column("in_app", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("email_status", sa.String(length=16), nullable=False),
        sa.Column("email_attempts", sa.Integer(), nullable=False),
        sa.Column("email_error", sa.Text(), nullable=True),
        sa.Column("email_claimed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisations.id"],
            name=op.f("fk_notifications_org_id_organisations"),
            ondelete="CASCADE",
        ),
        _person_fk("notifications"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    op.create_index("ix_notifications_person_read", "notifications", ["person_id", "read_at"])
    op.create_table(
        "notification_preferences",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("in_app", sa.Boolean(), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        _person_fk("notification_preferences"),
        sa.PrimaryKeyConstraint("person_id", "kind", name=op.f("pk_notification_preferences")),
    )
    op.create_table(
        "person_profiles",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _person_fk("person_profiles"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_profiles")),
    )
    op.create_table(
        "person_links",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        _person_fk("person_links"),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_person_links")),
    )
    op.create_index(op.f("ix_person_links_person_id"), "person_links", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_person_links_person_id"), table_name="person_links")
    op.drop_table("person_links")
    op.drop_table("person_profiles")
    op.drop_table("notification_preferences")
    op.drop_index("ix_notifications_person_read", table_name="notifications")
    op.drop_table("notifications")
