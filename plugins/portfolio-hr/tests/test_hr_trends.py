"""Sick leave in its latest month against the month before, over three months: down is good."""

from __future__ import annotations

import json

import pytest

from portfolio.testing import Runner, ok

MONTHS = {"2024-02": ("6.0", "3.0", "3.0"), "2024-03": ("6.1", "3.5", "2.6"), "2024-04": ("5.5", "3.4", "2.1")}


def _trends(run: Runner, period: str, lang: str = "en") -> tuple[str, dict]:
    data = json.loads(ok(run("report", "build", "--period", period, "--format", "json", "--lang", lang)).stdout)
    (section,) = [s for s in data["sections"] if s["key"] == "hr"]
    (block,) = [b for b in section["blocks"] if b["type"] == "key_figures"]
    return block["title"], {f["key"]: (f["value"], f["previous"], f["trend"], f["verdict"]) for f in block["figures"]}


def _record(run: Runner) -> None:
    for month, (total, short, long) in MONTHS.items():
        ok(run("hr", "set", "sick-leave", "--period", month, "--total", total, "--short-term", short,
               "--long-term", long))  # fmt: skip


def test_three_months_of_sick_leave_trends(portfolio_migrated: Runner) -> None:
    _record(portfolio_migrated)
    title, first = _trends(portfolio_migrated, "2024-02")
    assert title == "Sick leave in February 2024 against the month before"
    assert first["hr.sick_leave.total"] == (6, None, None, None)
    assert _trends(portfolio_migrated, "2024-03")[1] == {
        "hr.sick_leave.total": (6.1, 6, "flat", "neutral"),  # 0.1 point: within the 0.2 dead band
        "hr.sick_leave.short_term": (3.5, 3, "up", "bad"),
        "hr.sick_leave.long_term": (2.6, 3, "down", "good"),
    }
    assert _trends(portfolio_migrated, "2024-04")[1] == {
        "hr.sick_leave.total": (5.5, 6.1, "down", "good"),
        "hr.sick_leave.short_term": (3.4, 3.5, "flat", "neutral"),
        "hr.sick_leave.long_term": (2.1, 2.6, "down", "good"),
    }


def test_a_late_month_compares_the_latest_figures_and_says_which(portfolio_migrated: Runner) -> None:
    _record(portfolio_migrated)
    title, trends = _trends(portfolio_migrated, "2024-06", lang="nb")  # May and June not entered yet
    assert title == "Sykefravær i april 2024 mot måneden før"
    assert trends["hr.sick_leave.total"][2:] == ("down", "good")


def test_a_configured_dead_band_wins(portfolio_migrated: Runner, tmp_path, monkeypatch) -> None:
    _record(portfolio_migrated)
    config = tmp_path / "portfolio.toml"
    config.write_text('[report.dead_bands]\n"hr.sick_leave.total" = 0.05\n', encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    assert _trends(portfolio_migrated, "2024-03")[1]["hr.sick_leave.total"][2:] == ("up", "bad")


def test_a_misspelt_dead_band_key_is_refused(portfolio_migrated: Runner, tmp_path, monkeypatch) -> None:
    """The band would otherwise be silently unused; the error lists the keys the hr plugin declares."""
    from portfolio.api import PortfolioError

    config = tmp_path / "portfolio.toml"
    config.write_text('[report.dead_bands]\n"hr.sick_leave.totl" = 5\n', encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    with pytest.raises(PortfolioError) as refused:
        portfolio_migrated("report", "build", "--period", "2024-03")
    message = str(refused.value)
    assert message.startswith(f"{config}: report.dead_bands: unknown key 'hr.sick_leave.totl'; allowed: ")
    allowed = message.rsplit("allowed: ", 1)[1].split(", ")
    assert {"hr.sick_leave.total", "hr.sick_leave.short_term", "hr.sick_leave.long_term"} <= set(allowed)
