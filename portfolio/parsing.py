"""Reading numbers and dates as people and their exports write them, strictly: a value is read
exactly or refused with the reason, never guessed.

Plugins' importers use these, so "1 137 600", "-3 109", "0,8" and "31.01.2024" mean the same
everywhere. An export that writes them its own way ("1.137.600,50", "(3 420)", "31/01/2024
14:32") is read with the ``Conventions`` its import profile states; without them the rules
below hold, and what they cannot read without guessing is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from portfolio.period import Period, PeriodError

DECIMAL_MARKS = ("either", "comma", "point")
THOUSANDS = ("space", "nbsp", "dot", "comma", "none")
DATE_ORDERS = ("either", "day-first", "iso")


@dataclass(frozen=True)
class Conventions:
    """How one export writes its numbers and dates; the defaults are the strict rules below.

    ``decimal``: the decimal mark, "comma", "point" or "either" (one mark of either kind).
    ``thousands``: what groups thousands: "space" (any space, also no-break and thin), "nbsp"
    (no-break spaces only), "dot", "comma" or "none". ``brackets``: "(3 420)" is -3420.
    ``dates``: "either" (ISO or 31.01.2024), "day-first" (also 31/01/2024 and 31-01-2024) or
    "iso" (2024-01-31 only). ``times``: a time after the date ("31.01.2024 14:32",
    "2024-01-31T14:32:05") is read (a date keeps only its day); False refuses it.
    """

    decimal: str = "either"
    thousands: str = "space"
    brackets: bool = False
    dates: str = "either"
    times: bool = True

    def __post_init__(self) -> None:
        for name, value, allowed in (
            ("decimal", self.decimal, DECIMAL_MARKS),
            ("thousands", self.thousands, THOUSANDS),
            ("dates", self.dates, DATE_ORDERS),
        ):
            if value not in allowed:
                raise ValueError(f"{name} '{value}' is not one of {', '.join(allowed)}")
        mark = {"dot": "point", "comma": "comma"}.get(self.thousands)
        if mark is not None and self.decimal in (mark, "either"):
            other = "comma" if mark == "point" else "point"
            raise ValueError(
                f"thousands '{self.thousands}' needs decimal = \"{other}\": one mark cannot both group and divide"
            )

    @property
    def plain_numbers(self) -> bool:
        """Numbers are read by the strict rules alone (the default decimal, thousands, brackets)."""
        return self.decimal == "either" and self.thousands == "space" and not self.brackets


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


def parse_decimal(text: str, conventions: Conventions | None = None) -> Decimal:
    """'1 137 600' -> 1137600, '-3 109' -> -3109, '0,8' and '0.8' -> 0.8.

    Spaces (also no-break and thin) group thousands; one comma or one point is the decimal
    mark. '1.137.600', '1,137,600' and '1.137,60' are refused: they read differently in
    Norwegian and English, so any reading would be a guess. With ``conventions`` (an export's
    profile) the marks are those it states, and "(3 420)" may be a negative number.
    """
    original = text
    cleaned = str(text).strip()
    digits_only = cleaned[1:] if cleaned[:1] == "-" else cleaned
    if digits_only.isascii() and digits_only.isdigit():  # the common case, as exports write it
        return Decimal(cleaned)
    ascii_digits(cleaned)
    if conventions is not None and not conventions.plain_numbers:
        fast = _fast_pattern(conventions).match(cleaned)  # the forms exports write, at once
        if fast is not None and (fast["open"] == "") == (fast["close"] == ""):
            digits = fast["int"].translate(_NO_GROUPS)
            sign = "-" if fast["open"] else fast["sign"]
            fraction = fast["frac"]
            return Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
        return _decimal_by(cleaned, original, conventions)
    if cleaned[:1] == "(" and cleaned[-1:] == ")":
        raise ValueError(
            f"'{original}' is not a number: brackets mean a negative number only with an import "
            "profile that has brackets = true"
        )
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


_SPACES = {"space": "\u0020\u00a0\u202f\u2009", "nbsp": "\u00a0\u202f"}
_MARK = {"comma": ",", "point": "."}
_GROUP_MARK = {"dot": ".", "comma": ","}


@lru_cache(maxsize=32)
def _number_pattern(conventions: Conventions) -> tuple[re.Pattern[str], str, str]:
    """The pattern of a number as ``conventions`` write it, its group mark and its decimal marks."""
    spaces = {"space": " ", "nbsp": "\u00a0"}
    group = _GROUP_MARK.get(conventions.thousands, spaces.get(conventions.thousands, ""))
    marks = _MARK.get(conventions.decimal, ",.")
    grouped = rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+|" if group else ""
    fraction = rf"(?:(?P<mark>[{re.escape(marks)}])(?P<frac>\d+))?"
    return re.compile(rf"^(?P<sign>[-+]?)(?P<int>{grouped}\d+){fraction}$"), group, marks


_NO_GROUPS = str.maketrans("", "", " .,\u00a0\u202f\u2009")


def _group_marks(conventions: Conventions) -> str:
    """The characters the fast pattern accepts between groups of thousands."""
    _pattern, group, _marks = _number_pattern(conventions)
    return _SPACES.get(conventions.thousands, group)


@lru_cache(maxsize=32)
def _fast_pattern(conventions: Conventions) -> re.Pattern[str]:
    """The plain forms of a number as ``conventions`` write it, brackets included; anything else
    (a minus sign other than '-', a sign before a space) goes the long way, to be read or refused."""
    _pattern, group, marks = _number_pattern(conventions)
    grouped = (
        rf"\d{{1,3}}(?:[{re.escape(_SPACES[conventions.thousands])}]\d{{3}})+|"
        if conventions.thousands in _SPACES
        else (rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+|" if group else "")
    )
    opening = r"(?P<open>\(?)" if conventions.brackets else r"(?P<open>)"
    closing = r"(?P<close>\)?)" if conventions.brackets else r"(?P<close>)"
    sign = r"(?P<sign>-?)" if not conventions.brackets else r"(?P<sign>(?:(?<!\()-)?)"
    return re.compile(rf"^{opening}{sign}(?P<int>{grouped}\d+)(?:[{re.escape(marks)}](?P<frac>\d+))?{closing}$")


def scaled_int(text: str, conventions: Conventions, scale: int) -> int | None:
    """``text`` as ``parse_decimal`` reads it, times ``scale`` (100 for øre), when that is a whole
    number and the text has one of the plain forms of ``conventions``; else None, and the caller
    reads it with ``parse_decimal`` (which reads it or says why not). For imports of many rows:
    no Decimal is made for the common case; :func:`scaled_int_reader` is the same, made once."""
    return scaled_int_reader(conventions, scale)(text)


@lru_cache(maxsize=64)
def scaled_int_reader(conventions: Conventions, scale: int) -> Callable[[str], int | None]:
    """:func:`scaled_int` for one convention and scale, with everything it needs bound once: an
    import of a year of ledger rows reads hundreds of thousands of amounts."""
    match = _fast_pattern(conventions).match
    group_marks = _group_marks(conventions)
    whole_ore, per_hundredth = scale % 100 == 0, scale // 100  # two decimals make whole units of the scale

    def read(text: str) -> int | None:
        fast = match(text)
        if fast is None:
            return None
        opened, sign, digits, fraction, closed = fast.groups()
        if (opened == "") != (closed == ""):
            return None
        if not digits.isdigit():
            for mark in group_marks:
                digits = digits.replace(mark, "")
        whole = int(digits) * scale
        if fraction:
            if len(fraction) == 2 and whole_ore:  # øre as written: the common case, no division
                whole += int(fraction) * per_hundredth
            else:
                part, rest = divmod(int(fraction) * scale, 10 ** len(fraction))
                if rest:
                    return None
                whole += part
        return -whole if opened or sign == "-" else whole

    return read


def _decimal_by(cleaned: str, original: str, conventions: Conventions) -> Decimal:
    """A number as an export's profile says it is written; anything else is refused with why."""
    negative = False
    if conventions.brackets and cleaned[:1] == "(" and cleaned[-1:] == ")":
        negative, cleaned = True, cleaned[1:-1].strip()
    elif cleaned[:1] == "(" and cleaned[-1:] == ")":
        raise ValueError(f"'{original}' is not a number: this export's profile does not say brackets mean negative")
    for minus in _MINUSES[1:]:
        cleaned = cleaned.replace(minus, "-")
    group_space = "\u00a0" if conventions.thousands == "nbsp" else " "
    for space in _SPACES.get(conventions.thousands, ""):
        cleaned = cleaned.replace(space, group_space)
    cleaned = re.sub(r"^([-+]) +", r"\1", cleaned)
    if not cleaned:
        raise ValueError("empty; a number is needed")
    pattern, group, _marks = _number_pattern(conventions)
    match = pattern.match(cleaned)
    if not match or (negative and match["sign"]):
        written = _describe(conventions)
        raise ValueError(f"'{original}' is not a number as this export writes them ({written})")
    digits = match["int"].replace(group, "") if group else match["int"]
    sign = "-" if negative else match["sign"]
    fraction = match["frac"]
    value = Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
    return value


def _describe(conventions: Conventions) -> str:
    mark = {"comma": "decimal comma", "point": "decimal point"}.get(conventions.decimal, "decimal comma or point")
    group = {
        "space": "thousands grouped by spaces",
        "nbsp": "thousands grouped by no-break spaces",
        "dot": "thousands grouped by dots",
        "comma": "thousands grouped by commas",
        "none": "no thousands separator",
    }[conventions.thousands]
    example = {
        ("comma", "space"): "1 137 600,5",
        ("comma", "nbsp"): "1\u00a0137\u00a0600,5",
        ("comma", "dot"): "1.137.600,5",
        ("point", "comma"): "1,137,600.5",
        ("point", "space"): "1 137 600.5",
        ("point", "nbsp"): "1\u00a0137\u00a0600.5",
    }.get((conventions.decimal, conventions.thousands), "1137600,5" if conventions.decimal != "point" else "1137600.5")
    brackets = ", (3 420) for -3420" if conventions.brackets else ""
    return f"{mark}, {group}, e.g. {example}{brackets}"


DEFAULT_CONVENTIONS = Conventions()


def parse_int(text: str, conventions: Conventions | None = None) -> int:
    """A whole number, with the same grouping rules as :func:`parse_decimal`."""
    value = parse_decimal(text, conventions)
    if value != value.to_integral_value():
        raise ValueError(f"'{text}' is not a whole number")
    return int(value)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", flags=re.ASCII)
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", flags=re.ASCII)
_DAY_FIRST_DATE = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$", flags=re.ASCII)
# a time after the day: "14:32", "14:32:05", ISO's "T14:32:05.123+01:00" or "Z"
_TIME = re.compile(
    r"^(?P<day>[^\sT]+)(?:[T ]|\s+)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,6})?)?"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?$",
    flags=re.ASCII,
)


def parse_date(text: str, conventions: Conventions | None = None) -> dt.date:
    """'2024-01-31' (ISO) or '31.01.2024' / '31.1.2024' (Norwegian exports).

    A time after the day ('31.01.2024 14:32', '2024-01-31T14:32:05') is read and dropped: the
    day is clear. Slashes ('01/02/2024') and two-digit years ('31.01.24') are refused: day and
    month, or the century, could be read two ways, unless an export's ``conventions`` say its
    dates are day-first (dates = "day-first").
    """
    return parse_datetime(text, conventions).date()


def parse_datetime(text: str, conventions: Conventions | None = None) -> dt.datetime:
    """A day with or without a time of day, as :func:`parse_date` reads it (midnight without one).

    A time zone written after the time ('Z', '+01:00') is accepted and dropped: exports give the
    local time of the system that wrote them.
    """
    rules = conventions or DEFAULT_CONVENTIONS
    value = str(text).strip()
    ascii_digits(value)
    day_text, clock = value, None
    timed = _TIME.match(value)
    if timed:
        if not rules.times:
            raise ValueError(f"'{text}' has a time of day; this export's dates have none (times = false)")
        day_text = timed["day"]
        clock = (int(timed["h"]), int(timed["m"]), int(timed["s"] or 0))
    day = _day(day_text, text, rules)
    if clock is None:
        return dt.datetime(day.year, day.month, day.day)
    try:
        return dt.datetime(day.year, day.month, day.day, *clock)
    except ValueError:
        raise ValueError(f"'{text}' is not a time of day (hours 0-23, minutes and seconds 0-59)") from None


def _day(value: str, text: str, rules: Conventions) -> dt.date:
    try:
        iso = _ISO_DATE.match(value)
        if iso:
            year, month, day = (int(group) for group in iso.groups())
            return dt.date(year, month, day)
        if rules.dates == "iso":
            raise _NotADate()
        match = _DAY_FIRST_DATE.match(value) if rules.dates == "day-first" else _NORWEGIAN_DATE.match(value)
        if match:
            groups = match.groups()
            day, month, year = (int(groups[0]), int(groups[-2]), int(groups[-1]))
            return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the calendar") from None
    except _NotADate:
        raise ValueError(f"'{text}' is not a date as this export writes them (YYYY-MM-DD, dates = \"iso\")") from None
    if rules.dates == "day-first":
        raise ValueError(f"'{text}' is not a date as this export writes them (day first: DD.MM.YYYY or DD/MM/YYYY)")
    if "/" in value or re.match(r"^\d{1,2}\.\d{1,2}\.\d{2}$", value):
        raise ValueError(f"'{text}' is ambiguous; write YYYY-MM-DD or DD.MM.YYYY")
    raise ValueError(f"'{text}' is not a date; write YYYY-MM-DD or DD.MM.YYYY")


# month names as exports write them, Norwegian and English, full and short ("januar", "jan.", "mai")
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "january", "jan"),
            ("februar", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_YEAR = re.compile(r"^(\d{1,2})[./-](\d{4})$", flags=re.ASCII)
_NAMED_MONTH = re.compile(r"^([^\W\d_]+)\.?\s+(\d{4})$")


@lru_cache(maxsize=256)  # an export repeats the same twelve months on every row
def parse_month(text: str) -> Period:
    """A month as exports write it: '2024-01', '01.2024', '1/2024', 'januar 2024', 'Jan 2024'.

    The year has four digits, so none of these can be read two ways; the names are Norwegian or
    English, full or short. Anything else is refused with the forms that are understood.
    """
    value = " ".join(str(text).split())
    ascii_digits(value)
    try:
        return Period.parse(value)
    except PeriodError as exc:
        if re.match(r"^\d{4}-\d{1,2}$", value):
            raise ValueError(str(exc)) from None
    match = _MONTH_YEAR.match(value)
    named = None if match else _NAMED_MONTH.match(value)
    if match:
        month, year = int(match[1]), match[2]
    elif named and named[1].casefold() in _MONTH_NAMES:
        month, year = _MONTH_NAMES[named[1].casefold()], named[2]
    else:
        raise ValueError(f"'{text}' is not a month; write 2024-01, 01.2024 or januar 2024")
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a month: month must be 01-12")
    try:
        return Period.parse(f"{year}-{month:02d}")
    except PeriodError as exc:
        raise ValueError(str(exc)) from None


class _NotADate(Exception):
    """A date the export's conventions do not allow (internal to :func:`_day`)."""
