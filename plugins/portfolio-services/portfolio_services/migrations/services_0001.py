"""services: support desk, New services orders and hours, operations, readiness events, texts

Revision ID: services_0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "services_0001"
down_revision = None
branch_labels = ("services",)
depends_on = "0002_versions_audit"


def upgrade() -> None:
    op.create_table(
        "services_support_month",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("contacts", sa.Integer(), nullable=False),
        sa.Column("phone_share", sa.Numeric(5, 2), nullable=False),
        sa.Column("answered_share", sa.Numeric(5, 2), nullable=False),
        sa.Column("first_line_share", sa.Numeric(5, 2), nullable=False),
        sa.CheckConstraint("contacts >= 0", name=op.f("ck_services_support_month_contacts_not_negative")),
        sa.CheckConstraint(
            "phone_share BETWEEN 0 AND 100",
            name=op.f("ck_services_support_month_phone_share_range"),
        ),
        sa.CheckConstraint(
            "answered_share BETWEEN 0 AND 100",
            name=op.f("ck_services_support_month_answered_share_range"),
        ),
        sa.CheckConstraint(
            "first_line_share BETWEEN 0 AND 100",
            name=op.f("ck_services_support_month_first_line_share_range"),
        ),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_services_support_month")),
    )
    op.create_table(
        "services_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("received", sa.Date(), nullable=False),
        sa.Column("offer_sent", sa.Date(), nullable=True),
        sa.Column("delivered", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "category IN ('new-service', 'advisory', 'network')",
            name=op.f("ck_services_order_category_value"),
        ),
        sa.CheckConstraint(
            "offer_sent IS NULL OR offer_sent >= received",
            name=op.f("ck_services_order_offer_not_before_received"),
        ),
        sa.CheckConstraint(
            "delivered IS NULL OR delivered >= received",
            name=op.f("ck_services_order_delivered_not_before_received"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services_order")),
        sa.UniqueConstraint("reference", name=op.f("uq_services_order_reference")),
    )
    with op.batch_alter_table("services_order", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_services_order_received"), ["received"], unique=False)
        batch_op.create_index(batch_op.f("ix_services_order_offer_sent"), ["offer_sent"], unique=False)
        batch_op.create_index(batch_op.f("ix_services_order_delivered"), ["delivered"], unique=False)

    op.create_table(
        "services_order_hours",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("work_date", sa.Date(), nullable=False),
        sa.Column("hours", sa.Numeric(9, 2), nullable=False),
        sa.CheckConstraint("hours > 0", name=op.f("ck_services_order_hours_hours_positive")),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["services_order.id"],
            name=op.f("fk_services_order_hours_order_id_services_order"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("order_id", "work_date", name=op.f("pk_services_order_hours")),
    )
    with op.batch_alter_table("services_order_hours", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_services_order_hours_work_date"), ["work_date"], unique=False)

    op.create_table(
        "services_operations_month",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("incidents", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.CheckConstraint("incidents >= 0", name=op.f("ck_services_operations_month_incidents_not_negative")),
        sa.CheckConstraint("changes >= 0", name=op.f("ck_services_operations_month_changes_not_negative")),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_services_operations_month")),
    )
    op.create_table(
        "services_readiness_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.CheckConstraint(
            "level IN ('green', 'yellow', 'red')",
            name=op.f("ck_services_readiness_event_level_value"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services_readiness_event")),
        sa.UniqueConstraint("event_date", "description", name="uq_services_readiness_event_day"),
    )
    with op.batch_alter_table("services_readiness_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_services_readiness_event_event_date"), ["event_date"], unique=False)

    op.create_table(
        "services_text",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("part", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.CheckConstraint(
            "part IN ('intro', 'support', 'orders', 'incidents')",
            name=op.f("ck_services_text_part_value"),
        ),
        sa.PrimaryKeyConstraint("period", "part", name=op.f("pk_services_text")),
    )


def downgrade() -> None:
    op.drop_table("services_text")
    with op.batch_alter_table("services_readiness_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_services_readiness_event_event_date"))
    op.drop_table("services_readiness_event")
    op.drop_table("services_operations_month")
    with op.batch_alter_table("services_order_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_services_order_hours_work_date"))
    op.drop_table("services_order_hours")
    with op.batch_alter_table("services_order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_services_order_delivered"))
        batch_op.drop_index(batch_op.f("ix_services_order_offer_sent"))
        batch_op.drop_index(batch_op.f("ix_services_order_received"))
    op.drop_table("services_order")
    op.drop_table("services_support_month")
