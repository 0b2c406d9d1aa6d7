"""Reading percentages, counts, months and the [plugins.hr] settings strictly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from portfolio.api import Period, PortfolioError, Settings
from portfolio.testing import load_settings
from portfolio_hr.config import DEFAULT_BREACH_TYPES, HrConfig, load_config
from portfolio_hr.months import chart_months, runs, trailing_months
from portfolio_hr.values import not_in_future, parse_count, parse_month, parse_percent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6,05", "6.05"),
        ("6.05", "6.05"),
        ("6,05 %", "6.05"),
        ("5%", "5"),
        ("0", "0"),
        ("100", "100"),
        ("6,500", "6.5"),
    ],
)
def test_percentages_as_people_write_them(text: str, value: str) -> None:
    assert parse_percent(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("100,01", "'100,01' is above 100; a percentage is between 0 and 100"),
        ("-0,5", "'-0,5' is below 0; a percentage is between 0 and 100"),
        ("6,051", "'6,051' has more than 2 decimals"),
        ("", "empty; a number is needed"),
        ("seks", "'seks' is not a number"),
        ("1.000,5", "ambiguous"),
    ],
)
def test_bad_percentages_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_percent(text)


def test_counts_are_whole_and_not_negative() -> None:
    assert parse_count("12") == 12
    assert parse_count("0") == 0
    with pytest.raises(ValueError, match="negative"):
        parse_count("-1")
    with pytest.raises(ValueError, match="not a whole number"):
        parse_count("1,5")


def test_months_later_than_the_current_one_are_refused() -> None:
    today = dt.date(2024, 2, 29)
    assert not_in_future(Period(2024, 2), today) == Period(2024, 2)
    assert parse_month("2023-12", today) == Period(2023, 12)
    with pytest.raises(ValueError, match="2024-03 is in the future; the latest month allowed is 2024-02"):
        parse_month("2024-03", today)
    with pytest.raises(ValueError, match="is not a month"):
        parse_month("mars", today)


def test_january_charts_the_previous_year_other_months_the_year_so_far() -> None:
    assert chart_months(Period(2024, 1)) == Period(2023, 1).range_to(Period(2023, 12))
    assert chart_months(Period(2024, 5)) == Period(2024, 1).range_to(Period(2024, 5))
    assert trailing_months(Period(2024, 1), 4) == [
        Period(2023, 10),
        Period(2023, 11),
        Period(2023, 12),
        Period(2024, 1),
    ]


def test_runs_of_consecutive_months() -> None:
    months = [Period(2023, m) for m in (1, 2, 3, 9, 11, 12)]
    assert runs(months) == [
        (Period(2023, 1), Period(2023, 3)),
        (Period(2023, 9), Period(2023, 9)),
        (Period(2023, 11), Period(2023, 12)),
    ]


def test_defaults_are_neutral() -> None:
    config = load_config(Settings())
    assert config == HrConfig()
    assert config.organisation is None
    assert (config.target_total, config.target_short_term, config.target_long_term) == (None, None, None)
    assert config.aml_months == 4 and config.blank_zero_cells is False
    assert [k.nb for k in config.breach_types] == [
        "Samlet tid pr. dag",
        "AML timer pr. uke",
        "AML timer pr. 4 uker",
        "Søndager på rad",
        "Ukentlig arbeidsfri",
        "Samlet tid pr. uke",
    ]
    assert config.breach_type("ukentlig ARBEIDSFRI") == DEFAULT_BREACH_TYPES[4]
    assert config.breach_type("Consecutive Sundays").key == "sundays_in_row"


def test_the_demo_settings_are_the_seeds() -> None:
    from portfolio_hr.demo import DEMO_SETTINGS

    config = load_config(Settings(plugins={"hr": DEMO_SETTINGS}))
    assert config.organisation == "Helse Nord IKT"
    assert (config.target_total, config.target_short_term, config.target_long_term) == (
        5,
        Decimal("2.5"),
        Decimal("2.5"),
    )
    assert config.aml_months == 4 and config.blank_zero_cells is True
    assert config.breach_types == DEFAULT_BREACH_TYPES


def _config(tmp_path: Path, body: str) -> HrConfig:
    path = tmp_path / "portfolio.toml"
    path.write_text("[plugins.hr]\n" + body, encoding="utf-8")
    return load_config(load_settings(path))


def test_settings_are_read(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        'organisation = "Sykehuset"\ntarget_total = "4,5"\ntarget_short_term = 2\naml_months = 6\n'
        'blank_zero_cells = false\nbreach_types = [{key = "overtime", nb = "Overtid"}]\n',
    )
    assert config.organisation == "Sykehuset"
    assert config.target_total == Decimal("4.5") and config.target_short_term == 2
    assert config.target_long_term is None  # not set: no target
    assert config.aml_months == 6 and config.blank_zero_cells is False
    assert [(k.key, k.nb, k.en) for k in config.breach_types] == [("overtime", "Overtid", "Overtid")]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("targets = 5\n", "unknown setting 'targets'; allowed: organisation, target_total"),
        ("target_total = 101\n", "target_total 101 must be between 0 and 100"),
        ("target_long_term = -1\n", "target_long_term -1 must be between 0 and 100"),
        ('target_short_term = "mye"\n', "target_short_term 'mye' is not a number"),
        ("aml_months = 0\n", "aml_months '0' must be a whole number 1-24"),
        ('blank_zero_cells = "yes"\n', "blank_zero_cells must be true or false"),
        ('organisation = ""\n', "organisation must be a non-empty text"),
        ("breach_types = []\n", "breach_types must be a non-empty list"),
        ('breach_types = [{key = "Over Time", nb = "x"}]\n', "key 'Over Time' must be lower-case"),
        ('breach_types = [{nb = "x"}]\n', "breach type 1 needs key and nb"),
        (
            'breach_types = [{key = "a", nb = "Overtid"}, {key = "b", nb = "overtid"}]\n',
            "repeat the key or label 'overtid'",
        ),
    ],
)
def test_bad_settings_name_the_key(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(PortfolioError, match=message):
        _config(tmp_path, body)
