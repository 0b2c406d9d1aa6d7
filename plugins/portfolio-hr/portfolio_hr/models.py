"""The plugin's tables: sick leave per month, AML breaches per type and month, free text per month.

Percentages are stored in percent units (6.05 means 6.05 %) as NUMERIC(5, 2), never as floats.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, Integer, Numeric
from sqlmodel import Field, SQLModel

from portfolio.api import PERIOD_LENGTH

PERCENT_FIELDS = ("total", "short_term", "long_term", "self_certified", "doctor_certified")
BREACH_TYPE_LENGTH = 64
PART_LENGTH = 32


def _range(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 0 AND 100", name=f"{column}_range")


class HrSickLeave(SQLModel, table=True):
    """One month's sick leave as a share of agreed working time; only ``total`` is required."""

    __tablename__ = "hr_sick_leave"
    __table_args__ = tuple(_range(name) for name in PERCENT_FIELDS)

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    total: Decimal = Field(sa_column=Column(Numeric(5, 2), nullable=False))
    short_term: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 2)))
    long_term: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 2)))
    self_certified: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 2)))
    doctor_certified: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 2)))
    # the possible working days behind the percentages, when the import had them (days files):
    # the year's average weighs each month by them (sick_leave_rule = "weighted")
    possible_days: Decimal | None = Field(default=None, sa_column=Column(Numeric(11, 2)))


class HrAmlBreach(SQLModel, table=True):
    """The number of breaches of one type in one month; a type without a row counts as zero."""

    __tablename__ = "hr_aml_breach"
    __table_args__ = (CheckConstraint("count >= 0", name="count_not_negative"),)

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    breach_type: str = Field(primary_key=True, max_length=BREACH_TYPE_LENGTH)
    count: int = Field(sa_column=Column(Integer, nullable=False))


class HrText(SQLModel, table=True):
    """A month's free text for one part of the section (see ``texts.PARTS``)."""

    __tablename__ = "hr_text"

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    part: str = Field(primary_key=True, max_length=PART_LENGTH)
    text: str


TABLES = [HrSickLeave, HrAmlBreach, HrText]
