"""A fresh database without any configuration builds a clean report for any month: no default is
drawn from the reference organisation (its name, its dates, its chart of accounts, its targets).
The demo brings the reference organisation's settings itself, stored in the database."""

from __future__ import annotations

import json
from importlib.metadata import entry_points

import pytest

from tests.helpers import ok

# What only the reference organisation's settings (or data) would put in a report.
REFERENCE_ONLY = (
    "Helse Nord",
    "HN IKT",
    "2023-04-01",
    "1. apr. 2023",
    "1 Apr 2023",
    "apr. 23",
    "Apr 23",
    "SLA (tjenesteavtaler)",
    "Aktiverte lønnsutg",
    "FRESK",
    "RHF",
    "DRIFTSRESULTAT",
)
SECTION_PLUGINS = ("finance", "services", "hr", "deviations", "milestones", "gains")


def _installed() -> set[str]:
    return {entry_point.name for entry_point in entry_points(group="portfolio")}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_fresh_database_without_configuration_builds_a_clean_report(run, portfolio_isolated, lang):
    assert not (portfolio_isolated / "portfolio.toml").exists()
    ok(run("db", "upgrade"))
    for fmt in ("md", "json"):
        output = ok(run("report", "build", "--period", "2025-03", "--format", fmt, "--lang", lang)).stdout
        for text in REFERENCE_ONLY:
            assert text not in output, (fmt, text)
    report = json.loads(ok(run("report", "build", "--period", "2025-03", "--format", "json")).stdout)
    built = {section["key"] for section in report["sections"]}
    assert set(SECTION_PLUGINS) & _installed() <= built, report["omitted"]
    assert report["omitted"] == []


def test_every_plugins_settings_are_its_defaults_until_the_demo_stores_its_own(run):
    ok(run("db", "upgrade"))
    installed = [name for name in SECTION_PLUGINS if name in _installed()]
    info = json.loads(ok(run("info", "--format", "json")).stdout)
    assert all(f"{name}: defaults" in info["plugin_settings"] for name in installed), info["plugin_settings"]
    ok(run("demo"))
    info = json.loads(ok(run("info", "--format", "json")).stdout)
    assert all(f"{name}: database" in info["plugin_settings"] for name in installed), info["plugin_settings"]
    report = ok(run("report", "build", "--period", "2024-01", "--format", "md")).stdout
    if "deviations" in installed:
        assert "1. apr. 2023" in report and "Til behandling i Helse Nord IKT" in report
    if "finance" in installed:
        assert "SLA (tjenesteavtaler)" in report and "Oppkjøp anlegg RHF, inkl FRESK" in report
    if "hr" in installed:
        assert "Helse Nord IKT har et mål om at sykefraværet ikke skal overstige 5" in report
    if "services" in installed:
        assert "Under målet om 70" in report
