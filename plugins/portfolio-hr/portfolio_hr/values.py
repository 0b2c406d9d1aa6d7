"""Reading the plugin's values strictly, in one place for the CSV importers and the commands.

Each function returns the value or raises ValueError with a message that names the bad text
and what is allowed; the caller adds where it came from (a line and column, an option).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from portfolio.api import Period, parse_decimal, parse_int
from portfolio.api import parse_month as read_month

MAX_DECIMALS = 2  # the columns are NUMERIC(5, 2)


def parse_percent(text: str) -> Decimal:
    """'6,05', '6.05 %' or '6' -> Decimal('6.05'); between 0 and 100, at most two decimals."""
    cleaned = str(text).strip()
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
    value = parse_decimal(cleaned)
    if value < 0:
        raise ValueError(f"'{text}' is below 0; a percentage is between 0 and 100")
    if value > 100:
        raise ValueError(f"'{text}' is above 100; a percentage is between 0 and 100")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise ValueError(f"'{text}' has more than {MAX_DECIMALS} decimals")
    return value


def parse_count(text: str) -> int:
    """A number of breaches: a whole number, 0 or more; an empty cell is refused here."""
    value = parse_int(text)
    if value < 0:
        raise ValueError(f"'{text}' is negative; a number of breaches is 0 or more")
    return value


def not_in_future(period: Period, today: dt.date | None = None) -> Period:
    """Refuse a month later than the current one: figures for it cannot exist yet."""
    current = Period.of(today or dt.date.today())
    if period > current:
        raise ValueError(f"{period} is in the future; the latest month allowed is {current}")
    return period


def parse_month(text: str, today: dt.date | None = None) -> Period:
    """A month ('2024-01', also '01.2024' or 'januar 2024' as exports write it) not in the future."""
    return not_in_future(read_month(text), today)
