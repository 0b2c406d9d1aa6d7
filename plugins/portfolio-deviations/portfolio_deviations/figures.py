"""The figures of one month's section, as data: what the report draws and what a closed month keeps.

Both the section builder and the closed-month guard use this, so "what the report shows" has
one definition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from portfolio.api import Period
from portfolio_deviations.config import DeviationSettings
from portfolio_deviations.counting import DateCount, counts, oldest_open, window_dates


@dataclass(frozen=True)
class OpenDeviation:
    """One line of the oldest-open table."""

    external_id: str
    title: str
    handler: str
    category: str | None
    opened: dt.date
    age_days: int


@dataclass(frozen=True)
class SectionFigures:
    """The counts the deviations section shows for a month."""

    period: Period
    as_of: dt.date  # the window's last date: the first day after the period
    counts: tuple[DateCount, ...]
    oldest: tuple[OpenDeviation, ...]


def section_figures(session: Session, period: Period, cfg: DeviationSettings) -> SectionFigures:
    days = window_dates(period, cfg.months, cfg.extra_dates)
    as_of = days[-1]
    oldest = tuple(
        OpenDeviation(
            row.external_id,
            row.title,
            row.handler,
            row.category,
            row.opened,
            (as_of - row.opened).days,
        )
        for row in oldest_open(session, as_of, cfg, cfg.oldest)
    )
    return SectionFigures(period, as_of, tuple(counts(session, days, cfg)), oldest)
