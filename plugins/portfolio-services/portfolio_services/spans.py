"""The three spans the New services key figures compare, worked out with python-dateutil."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta


@dataclass(frozen=True)
class Span:
    """Every day from ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True)
class ComparisonSpans:
    """The spans a month's figures are compared over."""

    so_far_this_year: Span
    same_span_last_year: Span
    last_year: Span


def is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def same_day_last_year(day: dt.date) -> dt.date:
    """The same day a year earlier; a month's last day maps to that month's last day.

    So 29 February 2024 maps to 28 February 2023, and 28 February 2025 (a month end) to
    29 February 2024: a report for February compares whole Februaries.
    """
    if is_month_end(day):
        return day + relativedelta(years=-1, day=31)
    return day + relativedelta(years=-1)


def comparison_spans(as_of: dt.date) -> ComparisonSpans:
    """So far this year up to ``as_of``, the same span last year, and the whole of last year."""
    last_year = as_of.year - 1
    return ComparisonSpans(
        so_far_this_year=Span(dt.date(as_of.year, 1, 1), as_of),
        same_span_last_year=Span(dt.date(last_year, 1, 1), same_day_last_year(as_of)),
        last_year=Span(dt.date(last_year, 1, 1), dt.date(last_year, 12, 31)),
    )
