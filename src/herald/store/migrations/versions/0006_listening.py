"""Listening: mentions read, five-minute buckets, alerts and their deliveries.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "listening_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("query_id", sa.String(length=100), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("window_end", sa.DateTime(), nullable=False),
        sa.Column("observed", sa.Double(), nullable=False),
        sa.Column("expected", sa.Double(), nullable=False),
        sa.Column("z", sa.Double(), nullable=False),
        sa.Column("drivers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisations.id"],
            name=op.f("fk_listening_alerts_org_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listening_alerts")),
        sa.UniqueConstraint(
            "org_id",
            "query_id",
            "lang",
            "kind",
            "window_end",
            name=op.f("uq_listening_alerts_org_id_query_id_lang_kind_window_end"),
        ),
    )
    with op.batch_alter_table("listening_alerts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_listening_alerts_org_raised", ["org_id", "raised_at"], unique=False
        )

    op.create_table(
        "listening_buckets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("query_id", sa.String(length=100), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("bucket_start", sa.DateTime(), nullable=False),
        sa.Column("total", sa.Double(), nullable=False),
        sa.Column("raw", sa.Integer(), nullable=False),
        sa.Column("negative", sa.Double(), nullable=False),
        sa.Column("positive", sa.Double(), nullable=False),
        sa.Column("crisis", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisations.id"],
            name=op.f("fk_listening_buckets_org_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listening_buckets")),
        sa.UniqueConstraint(
            "org_id",
            "query_id",
            "lang",
            "bucket_start",
            name=op.f("uq_listening_buckets_org_id_query_id_lang_bucket_start"),
        ),
    )
    op.create_table(
        "listening_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=40), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("ts", sa.DateTime(), nullable=False),
        sa.Column("sentiment", sa.String(length=16), nullable=False),
        sa.Column("scam", sa.Boolean(), nullable=False),
        sa.Column("crisis", sa.Boolean(), nullable=False),
        sa.Column("weight", sa.Double(), nullable=False),
        sa.Column("queries", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisations.id"],
            name=op.f("fk_listening_mentions_org_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listening_mentions")),
        sa.UniqueConstraint(
            "org_id",
            "network",
            "external_id",
            name=op.f("uq_listening_mentions_org_id_network_external_id"),
        ),
    )
    with op.batch_alter_table("listening_mentions", schema=None) as batch_op:
        batch_op.create_index("ix_listening_mentions_org_ts", ["org_id", "ts"], unique=False)

    op.create_table(
        "listening_alert_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["listening_alerts.id"],
            name=op.f("fk_listening_alert_deliveries_alert_id_listening_alerts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listening_alert_deliveries")),
        sa.UniqueConstraint(
            "alert_id",
            "channel",
            "target",
            name=op.f("uq_listening_alert_deliveries_alert_id_channel_target"),
        ),
    )
    with op.batch_alter_table("listening_alert_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_listening_alert_deliveries_alert_id"), ["alert_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("listening_alert_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_listening_alert_deliveries_alert_id"))

    op.drop_table("listening_alert_deliveries")
    with op.batch_alter_table("listening_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_listening_mentions_org_ts")

    op.drop_table("listening_mentions")
    op.drop_table("listening_buckets")
    with op.batch_alter_table("listening_alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_listening_alerts_org_raised")

    op.drop_table("listening_alerts")
