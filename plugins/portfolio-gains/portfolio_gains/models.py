"""The plugin's tables: benefits per project or program, and each month's realised value.

Both are keyed by month (``period``), so a month's report fingerprint reads them as the report
does: a benefit counts from its baseline month, a value in its own month.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from portfolio.api import PERIOD_LENGTH

KEY_LENGTH = 32
VALUE = Numeric(18, 4)


class GainsBenefit(SQLModel, table=True):
    """A benefit of one project or one program (exactly one of them): what is measured, by whom,
    the baseline value in its baseline month (``period``), the target value by the target date,
    and the unit."""

    __tablename__ = "gains_benefit"
    __table_args__ = (
        UniqueConstraint("project_id", "key", name="uq_gains_benefit_project_id_key"),
        UniqueConstraint("program_id", "key", name="uq_gains_benefit_program_id_key"),
        CheckConstraint("(project_id IS NULL) <> (program_id IS NULL)", name="one_subject"),
        CheckConstraint("target <> baseline", name="target_not_baseline"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("project.id", ondelete="CASCADE"), index=True)
    )
    program_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("program.id", ondelete="CASCADE"), index=True)
    )
    key: str = Field(max_length=KEY_LENGTH)
    measure: str
    owner: str
    unit: str = Field(max_length=32)
    baseline: Decimal = Field(sa_column=Column(VALUE, nullable=False))
    target: Decimal = Field(sa_column=Column(VALUE, nullable=False))
    target_date: dt.date
    period: str = Field(max_length=PERIOD_LENGTH)


class GainsValue(SQLModel, table=True):
    """A benefit's realised value as reported for one month."""

    __tablename__ = "gains_value"

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    benefit_id: int = Field(
        sa_column=Column(Integer, ForeignKey("gains_benefit.id", ondelete="CASCADE"), primary_key=True, nullable=False)
    )
    value: Decimal = Field(sa_column=Column(VALUE, nullable=False))


TABLES: tuple[type[SQLModel], ...] = (GainsBenefit, GainsValue)
