"""finance: figures, annual budgets, free text, investments, liquidity, staffing

Revision ID: finance_0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision = "finance_0001"
down_revision = None
branch_labels = ("finance",)
depends_on = "0002_versions_audit"

PERIOD = AutoString(length=7)
KEY = AutoString(length=32)


def upgrade() -> None:
    op.create_table(
        "finance_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", PERIOD, nullable=False),
        sa.Column("line_key", KEY, nullable=False),
        sa.Column("actual_ore", sa.BigInteger(), nullable=True),
        sa.Column("budget_ore", sa.BigInteger(), nullable=True),
        sa.Column("forecast_ore", sa.BigInteger(), nullable=True),
        sa.Column("unit", sa.Integer(), nullable=False),
        sa.CheckConstraint("unit IN (1, 1000)", name=op.f("ck_finance_figure_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finance_figure")),
        sa.UniqueConstraint("period", "line_key", name="uq_finance_figure_period_line_key"),
    )
    op.create_table(
        "finance_annual_budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_start", PERIOD, nullable=False),
        sa.Column("line_key", KEY, nullable=False),
        sa.Column("amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.Integer(), nullable=False),
        sa.CheckConstraint("unit IN (1, 1000)", name=op.f("ck_finance_annual_budget_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finance_annual_budget")),
        sa.UniqueConstraint("year_start", "line_key", name="uq_finance_annual_budget_year_start_line_key"),
    )
    op.create_table(
        "finance_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", PERIOD, nullable=False),
        sa.Column("topic", AutoString(length=16), nullable=False),
        sa.Column("text", AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finance_text")),
        sa.UniqueConstraint("period", "topic", name="uq_finance_text_period_topic"),
    )
    op.create_table(
        "finance_investment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", PERIOD, nullable=False),
        sa.Column("item_key", KEY, nullable=False),
        sa.Column("annual_budget_ore", sa.BigInteger(), nullable=False),
        sa.Column("to_date_ore", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finance_investment")),
        sa.UniqueConstraint("period", "item_key", name="uq_finance_investment_period_item_key"),
    )
    op.create_table(
        "finance_liquidity",
        sa.Column("period", PERIOD, nullable=False),
        sa.Column("opening_ore", sa.BigInteger(), nullable=False),
        sa.Column("closing_ore", sa.BigInteger(), nullable=False),
        sa.Column("limit_ore", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_finance_liquidity")),
    )
    op.create_table(
        "finance_staffing",
        sa.Column("period", PERIOD, nullable=False),
        sa.Column("fte", sa.Numeric(10, 2), nullable=False),
        sa.Column("fte_year_start", sa.Numeric(10, 2), nullable=False),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_finance_staffing")),
    )


def downgrade() -> None:
    op.drop_table("finance_staffing")
    op.drop_table("finance_liquidity")
    op.drop_table("finance_investment")
    op.drop_table("finance_text")
    op.drop_table("finance_annual_budget")
    op.drop_table("finance_figure")
