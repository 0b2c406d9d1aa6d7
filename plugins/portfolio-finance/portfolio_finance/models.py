"""The finance plugin's tables. Amounts are whole øre in BIGINT columns: exact on every backend.

Keys of lines and investment items are the chart's keys from the configuration, not foreign
keys: the chart lives in portfolio.toml, so ``portfolio check`` reports stored keys it lacks.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, Integer, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

PERIOD_LENGTH = 7  # 'YYYY-MM', as the core stores months
CODE_LENGTH = 32  # keys of lines and items
TOPIC_LENGTH = 16


def _ore(nullable: bool = True) -> Column:
    return Column(BigInteger, nullable=nullable)


class FinanceFigure(SQLModel, table=True):
    """One line's month: actual and budget, and the year-end forecast entered that month.

    A row for a total (subtotal or result) holds what an import reported for it; the report
    computes totals from their lines and ``portfolio check`` compares the two.
    """

    __tablename__ = "finance_figure"
    __table_args__ = (
        UniqueConstraint("period", "line_key", name="uq_finance_figure_period_line_key"),
        CheckConstraint("unit IN (1, 1000)", name="unit"),
    )

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=PERIOD_LENGTH)
    line_key: str = Field(max_length=CODE_LENGTH)
    actual_ore: int | None = Field(default=None, sa_column=_ore())
    budget_ore: int | None = Field(default=None, sa_column=_ore())
    forecast_ore: int | None = Field(default=None, sa_column=_ore())
    unit: int = 1000  # the unit the amounts were given in: rounding tolerance of reported totals


class FinanceAnnualBudget(SQLModel, table=True):
    """A line's budget for a whole fiscal year (named by its first month, e.g. '2024-01')."""

    __tablename__ = "finance_annual_budget"
    __table_args__ = (
        UniqueConstraint("year_start", "line_key", name="uq_finance_annual_budget_year_start_line_key"),
        CheckConstraint("unit IN (1, 1000)", name="unit"),
    )

    id: int | None = Field(default=None, primary_key=True)
    year_start: str = Field(max_length=PERIOD_LENGTH)
    line_key: str = Field(max_length=CODE_LENGTH)
    amount_ore: int = Field(sa_column=_ore(nullable=False))
    unit: int = 1000


class FinanceText(SQLModel, table=True):
    """Free text for one topic of a month's section: the explanations only a person knows."""

    __tablename__ = "finance_text"
    __table_args__ = (UniqueConstraint("period", "topic", name="uq_finance_text_period_topic"),)

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=PERIOD_LENGTH)
    topic: str = Field(max_length=TOPIC_LENGTH)
    text: str


class FinanceInvestment(SQLModel, table=True):
    """A row of the project and investment budget as of a month: annual budget, accounts to date."""

    __tablename__ = "finance_investment"
    __table_args__ = (UniqueConstraint("period", "item_key", name="uq_finance_investment_period_item_key"),)

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=PERIOD_LENGTH)
    item_key: str = Field(max_length=CODE_LENGTH)
    annual_budget_ore: int = Field(sa_column=_ore(nullable=False))
    to_date_ore: int = Field(sa_column=_ore(nullable=False))


class FinanceLiquidity(SQLModel, table=True):
    """The credit line at a month's end: the fiscal year's opening balance, the closing balance
    and the limit. Balances are negative while the line is drawn, as the accounts show them."""

    __tablename__ = "finance_liquidity"

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    opening_ore: int = Field(sa_column=_ore(nullable=False))
    closing_ore: int = Field(sa_column=_ore(nullable=False))
    limit_ore: int = Field(sa_column=_ore(nullable=False))


class FinanceStaffing(SQLModel, table=True):
    """Full-time equivalents at a month's end and at the start of its fiscal year."""

    __tablename__ = "finance_staffing"

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    fte: Decimal = Field(sa_column=Column(Numeric(10, 2), nullable=False))
    fte_year_start: Decimal = Field(sa_column=Column(Numeric(10, 2), nullable=False))


class FinanceProjectBudget(SQLModel, table=True):
    """A project's budget and actual spend to the end of a month, from the accounts.

    The evidence rule compares them with the project's finance rating: green while spend to date
    is past budget to date by more than the project's tolerance does not add up.
    """

    __tablename__ = "finance_project_budget"
    __table_args__ = (UniqueConstraint("period", "project_id", name="uq_finance_project_budget_period_project_id"),)

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=PERIOD_LENGTH)
    project_id: int = Field(
        sa_column=Column(Integer, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    budget_ore: int = Field(sa_column=_ore(nullable=False))
    actual_ore: int = Field(sa_column=_ore(nullable=False))


class FinanceProjectTolerance(SQLModel, table=True):
    """How far, in percent of budget to date, a project may overspend before it contradicts green."""

    __tablename__ = "finance_project_tolerance"

    project_id: int = Field(sa_column=Column(Integer, ForeignKey("project.id", ondelete="CASCADE"), primary_key=True))
    percent: Decimal = Field(sa_column=Column(Numeric(6, 2), nullable=False))


FINANCE_TABLES: tuple[type[SQLModel], ...] = (
    FinanceFigure,
    FinanceAnnualBudget,
    FinanceText,
    FinanceInvestment,
    FinanceLiquidity,
    FinanceStaffing,
    FinanceProjectBudget,
    FinanceProjectTolerance,
)
