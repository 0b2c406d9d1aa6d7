"""How a table whose rows carry dates, not a month, belongs to a month's report.

A period-keyed table says by its ``period`` column which month a row is data of. An order, an
event or a deviation says it by its dates instead, and a month's report reads such rows as they
stood at its end: an order delivered in March is not delivered in a January report. A plugin
declares this on its table (``__table_args__ = {"info": dated_rows(...)}``), and the report's
fingerprint then digests exactly the rows and dates a month's report can read, so a row added,
or a date set, after the month never makes that month's report stale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from portfolio.period import Period

INFO_KEY = "portfolio_dated_rows"
PREVIOUS_YEAR: Final = "previous-year"


@dataclass(frozen=True)
class DatedRows:
    """A table's date columns and the span of days a month's report reads them over.

    A row belongs to a month's report when any of ``columns`` lies in the span; a date after
    the span reads as not yet set. ``since`` is where the span starts: ``None`` for the first
    row ever, ``"previous-year"`` for 1 January of the year before the month, or a number of
    months counted back including the report's own. The span ends on the month's last day plus
    ``days_after`` (1 for counts taken on the first day of the next month).
    """

    columns: tuple[str, ...]
    since: int | Literal["previous-year"] | None = None
    days_after: int = 0

    def span(self, period: Period) -> tuple[dt.date | None, dt.date]:
        """The first and last day a report of ``period`` reads (the first None: no limit)."""
        end = period.last_day + dt.timedelta(days=self.days_after)
        if self.since is None:
            return None, end
        if isinstance(self.since, int):
            return period.shift(1 - self.since).first_day, end
        return dt.date(period.year - 1, 1, 1), end  # PREVIOUS_YEAR


def dated_rows(
    *columns: str, since: int | Literal["previous-year"] | None = None, days_after: int = 0
) -> dict[str, Any]:
    """The ``info`` of a table whose rows belong to months by ``columns``: see :class:`DatedRows`."""
    if not columns:
        raise ValueError("dated_rows needs at least one date column")
    if isinstance(since, int) and since < 1:
        raise ValueError(f"since={since}: give a number of months of at least 1")
    return {INFO_KEY: DatedRows(tuple(columns), since, days_after)}


def dated_rows_of(info: dict[str, Any]) -> DatedRows | None:
    """A table's declaration, when it has one."""
    declared = info.get(INFO_KEY)
    return declared if isinstance(declared, DatedRows) else None
