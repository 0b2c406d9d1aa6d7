"""The reporting period: one calendar month, parsed in exactly one place."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache, total_ordering

_PATTERN = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
# The months a user may name. A report and the plugins also read the months around it (the month
# after, a fiscal year, up to 24 months back), so the last year allowed leaves a whole year of
# the calendar after it: 9999-12 could be named, but its following month could not be.
FIRST_YEAR, LAST_YEAR = 1900, 9998


class PeriodError(ValueError):
    """A text that is not a month in the form YYYY-MM."""


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """A calendar month such as 2024-01; ordered, hashable and stored as its ISO text."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"month {self.month} is not between 1 and 12")
        if not 1 <= self.year <= 9999:  # the calendar's (datetime's); a user's month is narrower (parse)
            raise PeriodError(f"year {self.year} is not between 1 and 9999")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read 'YYYY-MM' (also 'YYYY-M'); anything else is refused with a reason."""
        if isinstance(text, Period):
            return text
        return _parse_text(str(text))

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(day.year, day.month)

    @classmethod
    def current(cls) -> Period:
        return cls.of(dt.date.today())

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"Period('{self}')"

    def __hash__(self) -> int:  # plain arithmetic: imports hash a month several times per row
        return self.year * 12 + self.month

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)

    @property
    def index(self) -> int:
        """Months since year 0: differences between periods are plain subtraction."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Period:
        return cls(index // 12, index % 12 + 1)

    def shift(self, months: int) -> Period:
        return Period.from_index(self.index + months)

    def previous(self) -> Period:
        return self.shift(-1)

    def next(self) -> Period:
        return self.shift(1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def range_to(self, end: Period) -> list[Period]:
        """Every month from this one up to and including ``end``."""
        return [Period.from_index(i) for i in range(self.index, end.index + 1)]


# A large read parses the same few months tens of thousands of times (a period column a row), and
# a Period cannot change: each text is parsed once. A refused text raises every time.
@lru_cache(maxsize=1024)
def _parse_text(text: str) -> Period:
    match = _PATTERN.match(text)
    if not match:
        raise PeriodError(f"'{text}' is not a month; use YYYY-MM, for example 2024-01")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(f"'{text}' is not a month: month must be 01-12")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(
            f"'{text}' is out of range: a month from {FIRST_YEAR}-01 to {LAST_YEAR}-12 "
            "(a report also reads the year after it, up to 9999-12)"
        )
    return Period(year, month)
