"""Fiscal years: year-to-date sums run from the fiscal year's first month, which is configurable.

A fiscal year is named by the calendar year it starts in and stored as its first month
('2024-01'); with the default start month (January) it is simply the calendar year.
"""

from __future__ import annotations

from functools import lru_cache

from portfolio.api import Period


@lru_cache(maxsize=256)  # asked for every row of an import
def year_start(period: Period, start_month: int) -> Period:
    """The first month of the fiscal year ``period`` belongs to."""
    year = period.year if period.month >= start_month else period.year - 1
    return Period(year, start_month)


def year_months(start: Period) -> list[Period]:
    """The twelve months of the fiscal year starting at ``start``."""
    return start.range_to(start.shift(11))


def year_label(start: Period) -> str:
    """'2024' for a calendar fiscal year, '2023/24' for one that starts in another month."""
    if start.month == 1:
        return str(start.year)
    return f"{start.year}/{(start.year + 1) % 100:02d}"


def describe(start: Period) -> str:
    """'fiscal year 2024 (2024-01..2024-12)', for error messages."""
    return f"fiscal year {year_label(start)} ({start}..{start.shift(11)})"
