"""The plugin's tables: deviation records, the imports they came from, entered counts, and text.

Records are the quality system's own rows, keyed by its id, so a later export updates them.
Snapshots are counts a person entered for dates the records cannot answer (before the export
covers them); a snapshot for a date is shown instead of the computed count.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from portfolio.api import PERIOD_LENGTH, dated_rows

EXTERNAL_ID_LENGTH = 64


class DeviationImport(SQLModel, table=True):
    """One imported export file: when it was taken, by whom it was loaded, what it changed."""

    __tablename__ = "deviations_import"

    id: int | None = Field(default=None, primary_key=True)
    source: str
    exported_on: dt.date
    imported_at: dt.datetime
    imported_by: str
    rows: int
    created: int
    updated: int


class Deviation(SQLModel, table=True):
    """One deviation as the quality system exported it; ``closed`` is empty while it is open."""

    __tablename__ = "deviations_deviation"
    __table_args__ = (
        CheckConstraint("closed IS NULL OR closed >= opened", name="closed_after_opened"),
        # open counts are taken on the first day of the next month: a deviation closed after
        # that day is open in the month's report, one opened after it is not in it
        {"info": dated_rows("opened", "closed", days_after=1)},
    )

    id: int | None = Field(default=None, primary_key=True)
    external_id: str = Field(max_length=EXTERNAL_ID_LENGTH, unique=True)
    title: str
    place: str
    handler: str
    opened: dt.date = Field(index=True)
    closed: dt.date | None = None
    category: str | None = None
    import_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("deviations_import.id"), nullable=True),
    )


class DeviationSnapshot(SQLModel, table=True):
    """An open count entered by hand for one date, optionally split by who is handling them."""

    __tablename__ = "deviations_snapshot"
    __table_args__ = (
        CheckConstraint("total >= 0", name="total_not_negative"),
        CheckConstraint(
            "(own IS NULL AND trusts IS NULL) OR (own >= 0 AND trusts >= 0 AND own + trusts = total)",
            name="split_adds_up",
        ),
        {"info": dated_rows("day", days_after=1)},
    )

    day: dt.date = Field(primary_key=True)
    total: int
    own: int | None = None
    trusts: int | None = None


class DeviationText(SQLModel, table=True):
    """The month's explanation of the figures, as the section prints it after the table."""

    __tablename__ = "deviations_text"

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    text: str


MODELS: tuple[type[SQLModel], ...] = (DeviationImport, Deviation, DeviationSnapshot, DeviationText)
