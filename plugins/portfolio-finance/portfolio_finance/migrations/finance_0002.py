"""finance: per-project budget and actual to date, and per-project tolerance

Revision ID: finance_0002
Revises: finance_0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision = "finance_0002"
down_revision = "finance_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "finance_project_budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", AutoString(length=7), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("budget_ore", sa.BigInteger(), nullable=False),
        sa.Column("actual_ore", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_finance_project_budget_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finance_project_budget")),
        sa.UniqueConstraint("period", "project_id", name="uq_finance_project_budget_period_project_id"),
    )
    op.create_index(
        op.f("ix_finance_project_budget_project_id"), "finance_project_budget", ["project_id"], unique=False
    )
    op.create_table(
        "finance_project_tolerance",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("percent", sa.Numeric(6, 2), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_finance_project_tolerance_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_finance_project_tolerance")),
    )


def downgrade() -> None:
    op.drop_table("finance_project_tolerance")
    op.drop_index(op.f("ix_finance_project_budget_project_id"), table_name="finance_project_budget")
    op.drop_table("finance_project_budget")
