"""[plugins.services] in portfolio.toml: the defaults set no target, the demo stores the seed's;
every key can change them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portfolio.api import PortfolioError
from portfolio_services.config import ServicesConfig, load_config


def test_defaults_set_no_target():
    config = load_config({})
    assert config == ServicesConfig(7, None, None, Decimal(10))
    assert config.targets() == ()


def test_the_demo_settings_are_the_seeds():
    from portfolio_services.demo_data import DEMO_SETTINGS

    assert load_config(DEMO_SETTINGS) == ServicesConfig(7, Decimal(70), Decimal(70), Decimal(10))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"month": 7}, "unknown setting 'month'; allowed: months, answered_target"),
        ({"months": 0}, "months = 0 must be a whole number 1-24"),
        ({"months": "7"}, "months = '7' must be a whole number 1-24"),
        ({"first_line_target": -1}, "first_line_target = -1 must be a percentage 0-100"),
        ({"level_tolerance": "ten"}, "level_tolerance = 'ten' must be a percentage 0-100"),
        ({"answered_target": True}, "answered_target = True must be a percentage 0-100"),
        ({"answered_target": float("nan")}, "answered_target = nan must be a percentage 0-100"),
    ],
)
def test_bad_settings_are_named(raw, message):
    with pytest.raises(PortfolioError, match=message):
        load_config(raw)


def test_other_targets_and_window_change_the_section(portfolio_demo, section, tmp_path, monkeypatch):
    config = tmp_path / "portfolio.toml"
    config.write_text(
        "[plugins.services]\nmonths = 3\nanswered_target = 80\nfirst_line_target = 68.5\nlevel_tolerance = 0\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    services = section(portfolio_demo)
    support = next(b for b in services["blocks"] if b["type"] == "table")
    assert [c["key"] for c in support["columns"][1:]] == ["2023-11", "2023-12", "2024-01", "target"]
    assert support["columns"][1]["decimals"] == 1  # 68.5 must not print as 69
    assert [row["cells"][-1] for row in support["rows"]] == [None, None, 80, 68.5]
    note = next(b for b in services["blocks"] if b["type"] == "note")["text"]
    assert "Under målet om 80\u00a0% besvart innen ett minutt: januar 2024." in note
    assert "Under målet om 68,5\u00a0% løst i førstelinje: november 2023." in note
    figure = next(b for b in services["blocks"] if b["type"] == "figure")
    assert figure["target"] is None  # two different targets: no single target line
    bullets = next(b for b in services["blocks"] if b["type"] == "bullets")
    hours = "".join(run["text"] for run in bullets["items"][3])
    assert hours == "Timepådrag er under nivået for samme tidspunkt i 2023 (730/757)"
