"""Which months a report shows: the sick-leave year of the charts and the AML table's window."""

from __future__ import annotations

from portfolio.api import Period


def chart_months(period: Period) -> list[Period]:
    """The months of the year up to ``period``; for January, the whole previous calendar year.

    A January report has one month of the new year, too little for a chart, so it shows the year
    that just ended, as the reference report does for 2023.
    """
    if period.month == 1:
        return Period(period.year - 1, 1).range_to(Period(period.year - 1, 12))
    return Period(period.year, 1).range_to(period)


def trailing_months(period: Period, count: int) -> list[Period]:
    """``count`` months ending at ``period``, oldest first."""
    return period.shift(-(count - 1)).range_to(period)


def runs(periods: list[Period]) -> list[tuple[Period, Period]]:
    """Consecutive months grouped into (first, last) pairs: Apr, May, Jun, Sep -> Apr-Jun, Sep."""
    result: list[tuple[Period, Period]] = []
    for period in sorted(periods):
        if result and result[-1][1].next() == period:
            result[-1] = (result[-1][0], period)
        else:
            result.append((period, period))
    return result
