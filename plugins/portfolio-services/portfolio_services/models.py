"""The plugin's tables. The schema itself is made only by the migration in migrations/."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from portfolio.api import PREVIOUS_YEAR, dated_rows

PERIOD_LENGTH = 7  # YYYY-MM
READINESS_MONTHS = 24  # the most months [plugins.services] months may show
REFERENCE_LENGTH = 32
SHARE = Numeric(5, 2)  # percent units, 0-100, two decimals
HOURS = Numeric(9, 2)


class SupportMonth(SQLModel, table=True):
    """The support desk's figures for one month; shares in percent units (45 means 45 %)."""

    __tablename__ = "services_support_month"
    __table_args__ = (
        CheckConstraint("contacts >= 0", name="contacts_not_negative"),
        CheckConstraint("phone_share BETWEEN 0 AND 100", name="phone_share_range"),
        CheckConstraint("answered_share BETWEEN 0 AND 100", name="answered_share_range"),
        CheckConstraint("first_line_share BETWEEN 0 AND 100", name="first_line_share_range"),
    )

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    contacts: int
    phone_share: Decimal = Field(sa_column=Column(SHARE, nullable=False))
    answered_share: Decimal = Field(sa_column=Column(SHARE, nullable=False))
    first_line_share: Decimal = Field(sa_column=Column(SHARE, nullable=False))


class ServiceOrder(SQLModel, table=True):
    """One order in New services, identified by the case system's reference."""

    __tablename__ = "services_order"
    __table_args__ = (
        # the category is one of [plugins.services] categories, checked by the plugin (services_0002)
        CheckConstraint("offer_sent IS NULL OR offer_sent >= received", name="offer_not_before_received"),
        CheckConstraint("delivered IS NULL OR delivered >= received", name="delivered_not_before_received"),
        # the key figures compare this year so far with last year: a report reads those dates
        {"info": dated_rows("received", "offer_sent", "delivered", since=PREVIOUS_YEAR)},
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=REFERENCE_LENGTH, unique=True)
    category: str = Field(max_length=16)
    title: str | None = None
    received: dt.date = Field(index=True)
    offer_sent: dt.date | None = Field(default=None, index=True)
    delivered: dt.date | None = Field(default=None, index=True)


class OrderHours(SQLModel, table=True):
    """Hours spent on one order on one day: the key figures count hours by the day worked."""

    __tablename__ = "services_order_hours"
    __table_args__ = (
        CheckConstraint("hours > 0", name="hours_positive"),
        {"info": dated_rows("work_date", since=PREVIOUS_YEAR)},
    )

    order_id: int = Field(
        sa_column=Column(Integer, ForeignKey("services_order.id", ondelete="CASCADE"), primary_key=True)
    )
    work_date: dt.date = Field(primary_key=True, index=True)
    hours: Decimal = Field(sa_column=Column(HOURS, nullable=False))


class OperationsMonth(SQLModel, table=True):
    """One month's registered incidents and changes (readiness events are rows of their own)."""

    __tablename__ = "services_operations_month"
    __table_args__ = (
        CheckConstraint("incidents >= 0", name="incidents_not_negative"),
        CheckConstraint("changes >= 0", name="changes_not_negative"),
    )

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    incidents: int
    changes: int


class ReadinessEvent(SQLModel, table=True):
    """An emergency readiness event: its day, level and what happened, so the report can name it."""

    __tablename__ = "services_readiness_event"
    __table_args__ = (
        CheckConstraint("level IN ('green', 'yellow', 'red')", name="level_value"),
        UniqueConstraint("event_date", "description", name="uq_services_readiness_event_day"),
        {"info": dated_rows("event_date", since=READINESS_MONTHS)},
    )

    id: int | None = Field(default=None, primary_key=True)
    event_date: dt.date = Field(index=True)
    level: str = Field(max_length=8)
    description: str


class ServicesText(SQLModel, table=True):
    """Free text for one part of the section in one month: what only a person can explain."""

    __tablename__ = "services_text"
    __table_args__ = (CheckConstraint("part IN ('intro', 'support', 'orders', 'incidents')", name="part_value"),)

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    part: str = Field(primary_key=True, max_length=16)
    text: str


SERVICES_TABLES = (
    SupportMonth,
    ServiceOrder,
    OrderHours,
    OperationsMonth,
    ReadinessEvent,
    ServicesText,
)
