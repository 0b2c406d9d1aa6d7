"""The plugin's tables: milestones per project, and each month's forecast (or actual) date.

Both are keyed by month (``period``), so a month's report fingerprint reads them as the report
does: a milestone counts from the month it was first reported in, a forecast in its own month.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from portfolio.api import PERIOD_LENGTH

KEY_LENGTH = 32


class MilestonesMilestone(SQLModel, table=True):
    """A project's milestone: a short key, a name, the baseline date and an optional tolerance.

    ``period`` is the first month the milestone is reported in; ``tolerance_days`` or
    ``tolerance_percent`` (of the remaining duration), at most one, override the configured default.
    """

    __tablename__ = "milestones_milestone"
    __table_args__ = (
        UniqueConstraint("project_id", "key", name="uq_milestones_milestone_project_id_key"),
        CheckConstraint("tolerance_days IS NULL OR tolerance_days >= 0", name="tolerance_days_range"),
        CheckConstraint(
            "tolerance_percent IS NULL OR tolerance_percent BETWEEN 0 AND 100", name="tolerance_percent_range"
        ),
        CheckConstraint("tolerance_days IS NULL OR tolerance_percent IS NULL", name="one_tolerance"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(
        sa_column=Column(Integer, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    key: str = Field(max_length=KEY_LENGTH)
    name: str
    baseline: dt.date
    period: str = Field(max_length=PERIOD_LENGTH)
    tolerance_days: int | None = Field(default=None)
    tolerance_percent: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 2)))


class MilestonesForecast(SQLModel, table=True):
    """A milestone's forecast date as reported for one month; ``actual`` once it is reached."""

    __tablename__ = "milestones_forecast"

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    milestone_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("milestones_milestone.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    forecast: dt.date
    actual: dt.date | None = None


TABLES: tuple[type[SQLModel], ...] = (MilestonesMilestone, MilestonesForecast)
