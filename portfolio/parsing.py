"""Reading numbers and dates as people and their exports write them, strictly: a value is read
exactly or refused with the reason, never guessed.

Plugins' importers use these, so "1 137 600", "-3 109", "0,8" and "31.01.2024" mean the same
everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

_GROUP_SPACES = "\u0020\u00a0\u202f\u2009"  # space, no-break, narrow no-break, thin
_MINUSES = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash (spreadsheet exports)
_NUMBER = re.compile(
    r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:[ ]\d{3})+|\d+)(?:(?P<mark>[.,])(?P<frac>\d+))?$", flags=re.ASCII
)


def ascii_digits(text: str) -> None:
    """Refuse digits other than 0-9 (Arabic-Indic '١٢٣', full-width '１２３'): Python would read
    them as numbers, but an export never writes them, so they are a mistake or a disguise."""
    if not text.isascii() and any(character.isdigit() and not character.isascii() for character in text):
        raise ValueError(f"'{text}' has digits other than 0-9; write the number with the digits 0-9")


def parse_decimal(text: str) -> Decimal:
    """'1 137 600' -> 1137600, '-3 109' -> -3109, '0,8' and '0.8' -> 0.8.

    Spaces (also no-break and thin) group thousands; one comma or one point is the decimal
    mark. '1.137.600', '1,137,600' and '1.137,60' are refused: they read differently in
    Norwegian and English, so any reading would be a guess.
    """
    original = text
    cleaned = str(text).strip()
    digits_only = cleaned[1:] if cleaned[:1] == "-" else cleaned
    if digits_only.isascii() and digits_only.isdigit():  # the common case, as exports write it
        return Decimal(cleaned)
    ascii_digits(cleaned)
    for space in _GROUP_SPACES:
        cleaned = cleaned.replace(space, " ")
    for minus in _MINUSES[1:]:
        cleaned = cleaned.replace(minus, "-")
    cleaned = re.sub(r"^([-+]) +", r"\1", cleaned)
    if not cleaned:
        raise ValueError("empty; a number is needed")
    if ("," in cleaned and "." in cleaned) or cleaned.count(",") + cleaned.count(".") > 1:
        raise ValueError(
            f"'{original}' is ambiguous: group thousands with spaces and use one decimal comma, e.g. 1 137 600,5"
        )
    match = _NUMBER.match(cleaned)
    if not match:
        raise ValueError(f"'{original}' is not a number; write e.g. 1 137 600, -3 109 or 0,8")
    digits = match["int"].replace(" ", "")
    fraction = match["frac"]
    try:
        value = Decimal(f"{match['sign']}{digits}.{fraction}" if fraction else f"{match['sign']}{digits}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValueError(f"'{original}' is not a number") from None
    return value


def parse_int(text: str) -> int:
    """A whole number, with the same grouping rules as :func:`parse_decimal`."""
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise ValueError(f"'{text}' is not a whole number")
    return int(value)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", flags=re.ASCII)
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", flags=re.ASCII)


def parse_date(text: str) -> dt.date:
    """'2024-01-31' (ISO) or '31.01.2024' / '31.1.2024' (Norwegian exports).

    Slashes ('01/02/2024') and two-digit years ('31.01.24') are refused: day and month, or the
    century, could be read two ways.
    """
    value = str(text).strip()
    ascii_digits(value)
    try:
        if _ISO_DATE.match(value):
            return dt.date.fromisoformat(value)
        match = _NORWEGIAN_DATE.match(value)
        if match:
            day, month, year = (int(group) for group in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the calendar") from None
    if "/" in value or re.match(r"^\d{1,2}\.\d{1,2}\.\d{2}$", value):
        raise ValueError(f"'{text}' is ambiguous; write YYYY-MM-DD or DD.MM.YYYY")
    raise ValueError(f"'{text}' is not a date; write YYYY-MM-DD or DD.MM.YYYY")
