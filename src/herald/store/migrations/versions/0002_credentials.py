"""Stored secrets: password hashes, second factors, API tokens, sign-in rules.

Databases made before this revision may already hold these tables (the web layer used
to create them itself); they are kept as they are.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _exists(name: str) -> bool:
    return name in sa.inspect(op.get_bind()).get_table_names()


def upgrade() -> None:
    if not _exists("herald_credentials"):
        op.create_table(
            "herald_credentials",
            sa.Column("person_id", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("password_hash", sa.String(length=256), nullable=False),
            sa.Column("totp_secret", sa.String(length=64), nullable=True),
            sa.Column("totp_last_step", sa.Integer(), nullable=True),
            sa.Column("recovery_hashes", sa.JSON(), nullable=False),
            sa.Column("sessions_after", sa.BigInteger(), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("person_id", name=op.f("pk_herald_credentials")),
        )
    if not _exists("herald_api_tokens"):
        op.create_table(
            "herald_api_tokens",
            sa.Column("token_id", sa.String(length=32), nullable=False),
            sa.Column("person_id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("scopes", sa.JSON(), nullable=False),
            sa.Column("secret_hash", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
            sa.PrimaryKeyConstraint("token_id", name=op.f("pk_herald_api_tokens")),
        )
        op.create_index(op.f("ix_herald_api_tokens_person_id"), "herald_api_tokens", ["person_id"])
    if not _exists("herald_org_security"):
        op.create_table(
            "herald_org_security",
            sa.Column("org_id", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("require_two_factor", sa.Integer(), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("org_id", name=op.f("pk_herald_org_security")),
        )


def downgrade() -> None:
    op.drop_table("herald_org_security")
    op.drop_index(op.f("ix_herald_api_tokens_person_id"), table_name="herald_api_tokens")
    op.drop_table("herald_api_tokens")
    op.drop_table("herald_credentials")
