"""A closed month's report cannot change: refuse writes that would change its deviation figures.

Records and snapshots belong to no single month, but every month's section counts them. So a
write is checked by its effect: the figures of every closed month are computed before and after
the change (in the same transaction), and any difference refuses the whole change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlmodel import Session, col, select

from portfolio.api import ClosedPeriodError, Period, ReportingPeriod, reopen_hint
from portfolio_deviations.config import DeviationSettings
from portfolio_deviations.figures import SectionFigures, section_figures

T = TypeVar("T")


def closed_figures(session: Session, cfg: DeviationSettings) -> dict[Period, SectionFigures]:
    rows = session.exec(select(ReportingPeriod).where(col(ReportingPeriod.closed).is_(True))).all()
    periods = sorted(Period.parse(row.period) for row in rows)
    return {period: section_figures(session, period, cfg) for period in periods}


def _difference(before: SectionFigures, after: SectionFigures) -> str:
    for old, new in zip(before.counts, after.counts, strict=True):
        if old != new:
            return (
                f"the open count on {old.day.isoformat()} would change from {_total(old.total)} to {_total(new.total)}"
                if old.total != new.total
                else f"the split of the open count on {old.day.isoformat()} would change"
            )
    return f"its list of the oldest open deviations on {before.as_of.isoformat()} would change"


def _total(value: int | None) -> str:
    return "none" if value is None else str(value)


def keeping_closed_months(session: Session, cfg: DeviationSettings, change: Callable[[], T]) -> T:
    """Run ``change`` and raise if it alters what a closed month's section shows."""
    before = closed_figures(session, cfg)
    result = change()
    session.flush()
    if before:
        after = closed_figures(session, cfg)
        for period, figures in before.items():
            if after[period] != figures:
                raise ClosedPeriodError(
                    f"period {period} is closed and {_difference(figures, after[period])}; "
                    f"nothing was written ({reopen_hint(period)})"
                )
    return result
