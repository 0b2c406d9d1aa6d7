"""Numbers and dates as exports write them: read exactly, or refused with a reason."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portfolio.parsing import Conventions, parse_date, parse_decimal, parse_int, parse_month, scaled_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 137 600", Decimal("1137600")),
        ("1\u00a0137\u00a0600", Decimal("1137600")),
        ("-3 109", Decimal("-3109")),
        ("\u22123 109", Decimal("-3109")),
        ("- 240", Decimal("-240")),
        ("0,8", Decimal("0.8")),
        ("0.8", Decimal("0.8")),
        ("91712", Decimal("91712")),
        ("+12,50", Decimal("12.50")),
        (" 17 820 ", Decimal("17820")),
    ],
)
def test_numbers_are_read_exactly(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.137.600", "ambiguous"),
        ("1,137,600", "ambiguous"),
        ("1.137,60", "ambiguous"),
        ("1 13 600", "not a number"),
        ("12 3456", "not a number"),
        ("abc", "not a number"),
        ("1e5", "not a number"),
        ("", "empty"),
        ("4,4 mill", "not a number"),
    ],
)
def test_unclear_numbers_are_refused(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_decimal(text)


def test_whole_numbers():
    assert parse_int("12 044") == 12044
    with pytest.raises(ValueError, match="not a whole number"):
        parse_int("0,5")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_every_grouped_integer_reads_back(value):
    grouped = f"{value:,}".replace(",", " ")
    assert parse_decimal(grouped) == value


@pytest.mark.parametrize(
    ("text", "day"),
    [("2024-01-31", dt.date(2024, 1, 31)), ("31.01.2024", dt.date(2024, 1, 31)), ("1.2.2024", dt.date(2024, 2, 1))],
)
def test_dates(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("01/02/2024", "ambiguous"),
        ("31.01.24", "ambiguous"),
        ("31.02.2024", "not a date in the calendar"),
        ("2024-13-01", "not a date in the calendar"),
        ("januar", "not a date"),
    ],
)
def test_unclear_dates_are_refused(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2024-01", "2024-01"),
        ("2024-1", "2024-01"),
        ("01.2024", "2024-01"),
        ("1/2024", "2024-01"),
        ("12-2023", "2023-12"),
        ("januar 2024", "2024-01"),
        ("Jan 2024", "2024-01"),
        ("jan. 2024", "2024-01"),
        ("Desember  2023", "2023-12"),
        ("October 2023", "2023-10"),
        ("mai 2024", "2024-05"),
    ],
)
def test_parse_month_reads_months_as_exports_write_them(text: str, month: str) -> None:
    assert str(parse_month(text)) == month


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("13.2024", "'13.2024' is not a month: month must be 01-12"),
        ("2024-13", "'2024-13' is not a month: month must be 01-12"),
        ("01.24", "'01.24' is not a month; write 2024-01, 01.2024 or januar 2024"),
        ("smarch 2024", "'smarch 2024' is not a month; write 2024-01, 01.2024 or januar 2024"),
        ("01.１２０２４", "has digits other than 0-9"),
    ],
)
def test_parse_month_refuses_what_it_cannot_read_for_certain(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_month(text)


NUMBER_FORMS = st.sampled_from(
    [
        Conventions(decimal="comma", thousands="space", brackets=True),
        Conventions(decimal="point", thousands="comma"),
        Conventions(decimal="comma", thousands="dot"),
        Conventions(decimal="either", thousands="nbsp"),
    ]
)


@given(
    NUMBER_FORMS,
    st.integers(min_value=-(10**9), max_value=10**9),
    st.sampled_from(["", "5", "25", "125", "2500"]),
    st.sampled_from([1, 100, 100_000]),
    st.booleans(),
)
def test_scaled_int_reads_what_parse_decimal_reads(conventions, whole, fraction, scale, bracketed):
    """The fast reader an import of many rows uses gives what parse_decimal gives, times the
    scale, or None (the caller then takes the long way); it never gives another number."""
    group = {"space": " ", "nbsp": "\u00a0", "comma": ",", "dot": "."}[conventions.thousands]
    mark = "," if conventions.decimal in ("comma", "either") else "."
    digits = f"{abs(whole):,}".replace(",", group)
    text = digits + (mark + fraction if fraction else "")
    if whole < 0:
        text = f"({text})" if bracketed and conventions.brackets else f"-{text}"
    exact = parse_decimal(text, conventions) * scale
    read = scaled_int(text, conventions, scale)
    if exact == exact.to_integral_value():
        assert read in (None, int(exact))
        if scale % 10 ** len(fraction) == 0 or not fraction.rstrip("0"):
            assert read == int(exact), (text, scale)
    else:
        assert read is None
