"""milestones: milestones per project and their forecast per month

Revision ID: milestones_0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision = "milestones_0001"
down_revision = None
branch_labels = ("milestones",)
depends_on = "0002_versions_audit"


def upgrade() -> None:
    op.create_table(
        "milestones_milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", AutoString(length=32), nullable=False),
        sa.Column("name", AutoString(), nullable=False),
        sa.Column("baseline", sa.Date(), nullable=False),
        sa.Column("period", AutoString(length=7), nullable=False),
        sa.Column("tolerance_days", sa.Integer(), nullable=True),
        sa.Column("tolerance_percent", sa.Numeric(5, 2), nullable=True),
        sa.CheckConstraint(
            "tolerance_days IS NULL OR tolerance_days >= 0", name=op.f("ck_milestones_milestone_tolerance_days_range")
        ),
        sa.CheckConstraint(
            "tolerance_percent IS NULL OR tolerance_percent BETWEEN 0 AND 100",
            name=op.f("ck_milestones_milestone_tolerance_percent_range"),
        ),
        sa.CheckConstraint(
            "tolerance_days IS NULL OR tolerance_percent IS NULL", name=op.f("ck_milestones_milestone_one_tolerance")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_milestones_milestone_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestones_milestone")),
        sa.UniqueConstraint("project_id", "key", name="uq_milestones_milestone_project_id_key"),
    )
    op.create_index(op.f("ix_milestones_milestone_project_id"), "milestones_milestone", ["project_id"], unique=False)
    op.create_table(
        "milestones_forecast",
        sa.Column("period", AutoString(length=7), nullable=False),
        sa.Column("milestone_id", sa.Integer(), nullable=False),
        sa.Column("forecast", sa.Date(), nullable=False),
        sa.Column("actual", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["milestone_id"],
            ["milestones_milestone.id"],
            name=op.f("fk_milestones_forecast_milestone_id_milestones_milestone"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("period", "milestone_id", name=op.f("pk_milestones_forecast")),
    )


def downgrade() -> None:
    op.drop_table("milestones_forecast")
    op.drop_index(op.f("ix_milestones_milestone_project_id"), table_name="milestones_milestone")
    op.drop_table("milestones_milestone")
