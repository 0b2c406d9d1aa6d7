"""Period: the one place a month is parsed, ordered and shifted."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portfolio.period import Period, PeriodError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01", Period(2024, 1)),
        ("2024-1", Period(2024, 1)),
        ("2024-12", Period(2024, 12)),
        ("  2023-07 ", Period(2023, 7)),
        ("1900-01", Period(1900, 1)),
        ("9998-12", Period(9998, 12)),
    ],
)
def test_parse_accepts_year_dash_month(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected


def test_parse_normalises_single_digit_month_to_two_digits() -> None:
    assert str(Period.parse("2024-1")) == "2024-01"


def test_parse_returns_a_period_unchanged() -> None:
    period = Period(2024, 3)
    assert Period.parse(period) is period  # type: ignore[arg-type]


def test_month_13_is_refused_with_reason() -> None:
    with pytest.raises(PeriodError) as info:
        Period.parse("2024-13")
    assert str(info.value) == "'2024-13' is not a month: month must be 01-12"


def test_month_00_is_refused() -> None:
    with pytest.raises(PeriodError, match="month must be 01-12"):
        Period.parse("2024-00")


def test_month_name_is_refused_with_example() -> None:
    with pytest.raises(PeriodError) as info:
        Period.parse("januar")
    assert str(info.value) == "'januar' is not a month; use YYYY-MM, for example 2024-01"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "2024",
        "2024-",
        "24-01",
        "2024/01",
        "2024-001",
        "01-2024",
        "2024-01-15",
        "2024-1a",
        "år-01",
    ],
)
def test_other_shapes_are_refused(text: str) -> None:
    with pytest.raises(PeriodError, match="is not a month; use YYYY-MM"):
        Period.parse(text)


@pytest.mark.parametrize("text", ["1899-12", "9999-01", "9999-12"])
def test_year_out_of_range_is_refused(text: str) -> None:
    # 9999-12: its following month cannot be represented, and the report reads it (issue 21)
    with pytest.raises(PeriodError, match=f"'{text}' is out of range: a month from 1900-01 to 9998-12"):
        Period.parse(text)


def test_period_error_is_a_value_error() -> None:
    assert issubclass(PeriodError, ValueError)


@pytest.mark.parametrize(("year", "month"), [(2024, 0), (2024, 13), (2024, -1)])
def test_constructor_checks_the_month(year: int, month: int) -> None:
    with pytest.raises(PeriodError, match=f"month {month} is not between 1 and 12"):
        Period(year, month)


def test_text_and_repr() -> None:
    assert str(Period(2024, 3)) == "2024-03"
    assert repr(Period(2024, 3)) == "Period('2024-03')"


def test_previous_crosses_the_year_boundary() -> None:
    assert Period(2024, 1).previous() == Period(2023, 12)
    assert Period(2024, 2).previous() == Period(2024, 1)


def test_next_crosses_the_year_boundary() -> None:
    assert Period(2023, 12).next() == Period(2024, 1)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2024-01", 0, "2024-01"),
        ("2024-01", -1, "2023-12"),
        ("2024-01", -12, "2023-01"),
        ("2024-01", -13, "2022-12"),
        ("2023-11", 2, "2024-01"),
        ("2023-12", 12, "2024-12"),
        ("2023-12", 13, "2025-01"),
        ("2024-06", 30, "2026-12"),
    ],
)
def test_shift(start: str, months: int, expected: str) -> None:
    assert str(Period.parse(start).shift(months)) == expected


def test_ordering_is_chronological_not_textual_of_input() -> None:
    periods = [Period.parse(t) for t in ("2024-10", "2024-2", "2023-12", "2024-01")]
    assert [str(p) for p in sorted(periods)] == ["2023-12", "2024-01", "2024-02", "2024-10"]
    assert Period(2023, 12) < Period(2024, 1)
    assert Period(2024, 1) >= Period(2024, 1)
    assert max(periods) == Period(2024, 10)


def test_periods_are_hashable_and_equal_by_value() -> None:
    assert {Period(2024, 1), Period.parse("2024-1"), Period.parse("2024-01")} == {Period(2024, 1)}


def test_comparison_with_other_types_is_not_supported() -> None:
    with pytest.raises(TypeError):
        _ = Period(2024, 1) < "2024-02"  # type: ignore[operator]
    assert Period(2024, 1) != "2024-01"


def test_first_and_last_day() -> None:
    assert Period(2024, 2).first_day == dt.date(2024, 2, 1)
    assert Period(2024, 2).last_day == dt.date(2024, 2, 29)  # leap year
    assert Period(2023, 2).last_day == dt.date(2023, 2, 28)
    assert Period(2023, 12).last_day == dt.date(2023, 12, 31)
    assert Period(2024, 4).last_day == dt.date(2024, 4, 30)


def test_of_a_date() -> None:
    assert Period.of(dt.date(2024, 1, 31)) == Period(2024, 1)


def test_current_is_todays_month() -> None:
    assert Period.current() == Period.of(dt.date.today())


def test_range_to_crosses_the_year() -> None:
    months = Period(2023, 11).range_to(Period(2024, 2))
    assert [str(p) for p in months] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert Period(2024, 1).range_to(Period(2024, 1)) == [Period(2024, 1)]
    assert Period(2024, 2).range_to(Period(2024, 1)) == []


def test_index_differences_count_months() -> None:
    assert Period(2024, 1).index - Period(2023, 12).index == 1
    assert Period.from_index(Period(2024, 1).index) == Period(2024, 1)


periods = st.builds(Period, st.integers(1901, 9998), st.integers(1, 12))


@given(periods, st.integers(-11, 11))
def test_shift_is_reversible(period: Period, months: int) -> None:
    assert period.shift(months).shift(-months) == period
    assert period.next().previous() == period


@given(periods)
def test_text_round_trips(period: Period) -> None:
    assert Period.parse(str(period)) == period
    assert Period.parse(f"{period.year}-{period.month}") == period
