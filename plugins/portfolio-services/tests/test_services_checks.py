"""``portfolio check`` names missing months and missed targets."""

from __future__ import annotations

from portfolio.testing import fails, ok


def test_the_demo_month_has_only_the_missed_target_as_information(portfolio_demo):
    output = ok(portfolio_demo("check", "--period", "2024-01")).output
    assert "services-below-target" in output
    assert "support desk 2024-01: 69 % resolved at the first line, below the target of 70 %" in output
    assert "services-support-missing" not in output and "services-incidents-missing" not in output


def test_a_month_without_figures_is_reported(portfolio_migrated):
    output = portfolio_migrated("check", "--period", "2024-02").output
    assert "no support-desk figures for 2024-02" in output
    assert "no incident figures for 2024-02" in output


def test_a_bad_configuration_is_an_error(portfolio_migrated, tmp_path, monkeypatch):
    config = tmp_path / "portfolio.toml"
    config.write_text("[plugins.services]\nanswered_target = 120\n", encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    result = fails(portfolio_migrated("check", "--period", "2024-01"))
    assert "answered_target = 120 must be a percentage 0-100" in result.output
