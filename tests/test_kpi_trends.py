"""Key figures with a trend: up, down or flat within a dead band, good or bad, in every renderer.

The scenario: a plugin's section shows sick leave and incidents for three months; a dead band set
in portfolio.toml decides whether a small move is a trend.
"""

from __future__ import annotations

import json
import os
import re
import types
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from portfolio import hookimpl
from portfolio.config import load_settings
from portfolio.errors import PortfolioError
from portfolio.render import render
from portfolio.report.blocks import KeyFigures, Report, Section
from portfolio.report.kpi import DeadBand, kpi, parse_dead_band, trend_of, verdict_of
from portfolio.report.sections import SectionSpec
from tests.helpers import ok

pytestmark = pytest.mark.usefixtures("core_only")
SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "report.schema.json").read_text())

DEAD_BANDS = {"test.sick_leave": "0.05", "test.incidents": "2%"}  # the plugin's defaults, declared
SERIES = {  # month -> (sick leave %, incidents)
    "2024-01": (Decimal("6.8"), 850),
    "2024-02": (Decimal("6.9"), 1000),
    "2024-03": (Decimal("6.2"), 1010),
}


def _section(ctx):
    month, previous = str(ctx.period), str(ctx.period.previous())
    now, before = SERIES[month], SERIES.get(previous, (None, None))
    return [
        KeyFigures(
            (
                kpi(
                    "test.sick_leave",
                    "Sick leave",
                    now[0],
                    before[0],
                    good="down",
                    kind="percent",
                    settings=ctx.settings,
                    default_band=DEAD_BANDS["test.sick_leave"],
                ),
                kpi(
                    "test.incidents",
                    "Incidents",
                    now[1],
                    before[1],
                    good="down",
                    settings=ctx.settings,
                    default_band=DEAD_BANDS["test.incidents"],
                ),
            ),
            title="Trends",
        )
    ]


PLUGIN = types.SimpleNamespace(
    portfolio_report_sections=hookimpl(lambda: [SectionSpec("kpis", {"nb": "Tall", "en": "Figures"}, _section, 30)]),
    portfolio_dead_bands=hookimpl(lambda: DEAD_BANDS),
)


@pytest.fixture
def run(migrated, portfolio_register):
    portfolio_register("kpis", PLUGIN)
    return migrated


def _figures(run, month):
    data = json.loads(ok(run("report", "build", "--period", month, "--format", "json")).stdout)
    jsonschema.validate(data, SCHEMA)
    (section,) = [s for s in data["sections"] if s["key"] == "kpis"]
    return {f["key"]: (f["trend"], f["verdict"], f["previous"]) for f in section["blocks"][0]["figures"]}


def test_three_months_of_trends_with_the_plugins_default_dead_bands(run):
    assert _figures(run, "2024-01") == {"test.sick_leave": (None, None, None), "test.incidents": (None, None, None)}
    # February: sick leave +0.1 point (past 0.05), incidents +150 (past 2 %): both worse.
    assert _figures(run, "2024-02") == {
        "test.sick_leave": ("up", "bad", 6.8),
        "test.incidents": ("up", "bad", 850),
    }
    # March: sick leave down 0.7 points is good; incidents +10 is within 2 % of 1000: flat.
    assert _figures(run, "2024-03") == {
        "test.sick_leave": ("down", "good", 6.9),
        "test.incidents": ("flat", "neutral", 1000),
    }


def test_dead_bands_in_portfolio_toml_override_the_defaults(run, tmp_path, monkeypatch):
    config = tmp_path / "portfolio.toml"
    config.write_text('[report.dead_bands]\n"test.sick_leave" = 0.2\n"test.incidents" = "0.5%"\n', encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    assert _figures(run, "2024-02")["test.sick_leave"] == ("flat", "neutral", 6.8)  # 0.1 within 0.2
    assert _figures(run, "2024-03")["test.incidents"] == ("up", "bad", 1000)  # 10 past 0.5 % of 1000


def test_a_bad_dead_band_is_named(tmp_path, monkeypatch):
    config = tmp_path / "portfolio.toml"
    config.write_text('[report.dead_bands]\n"test.sick_leave" = "a lot"\n', encoding="utf-8")
    with pytest.raises(
        PortfolioError, match=re.escape("report.dead_bands.test.sick_leave = 'a lot' must be a number 0 or more")
    ):
        load_settings(config)
    config.write_text("[report]\ndead_bands = 3\n", encoding="utf-8")
    with pytest.raises(PortfolioError, match="must be a table"):
        load_settings(config)
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))  # the command line says it in one line
    from portfolio.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["report", "build", "--period", "2024-02"])
    assert stopped.value.code == 1


def test_a_misspelt_dead_band_key_stops_every_command(run, tmp_path, monkeypatch):
    """A key no loaded plugin declares is refused, naming the file and the keys there are, not
    silently left unused (the band would never apply)."""
    config = tmp_path / "portfolio.toml"
    config.write_text('[report.dead_bands]\n"test.sick_leave" = 0.2\n"test.sick_leve" = 0.2\n', encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    expected = f"{config}: report.dead_bands: unknown key 'test.sick_leve'; allowed: test.incidents, test.sick_leave"
    for command in (["info"], ["report", "build", "--period", "2024-02"], ["--help"]):
        with pytest.raises(PortfolioError) as refused:
            run(*command)
        assert str(refused.value) == expected


def test_the_command_line_says_an_unknown_dead_band_key_in_one_line(tmp_path, monkeypatch, capsys):
    config = tmp_path / "portfolio.toml"
    config.write_text('[report.dead_bands]\n"test.sick_leave" = 0.2\n', encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    from portfolio.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["info"])  # only the core: no plugin declares a key figure
    assert stopped.value.code == 1
    assert capsys.readouterr().err == (
        f"Error: {config}: report.dead_bands: unknown key 'test.sick_leave'; "
        "allowed: none (no loaded plugin declares any)\n"
    )


def test_a_key_of_a_plugin_switched_off_is_let_be(tmp_path, monkeypatch):
    """PORTFOLIO_DISABLE_PLUGINS=benefits must not make the benefits plugin's bands an error."""
    from portfolio.cli import build_cli

    config = tmp_path / "portfolio.toml"
    config.write_text('[report.dead_bands]\n"benefits.realised" = "5%"\n', encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    with pytest.raises(PortfolioError, match=re.escape("unknown key 'benefits.realised'")):
        build_cli()
    switched_off = ",".join(filter(None, [os.environ.get("PORTFOLIO_DISABLE_PLUGINS"), "benefits"]))
    monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", switched_off)
    assert build_cli().settings.dead_bands["benefits.realised"] == DeadBand(Decimal(5), relative=True)


def test_every_renderer_shows_arrow_verdict_and_last_month(run):
    md = ok(run("report", "build", "--period", "2024-03", "--format", "md", "--lang", "en")).stdout
    assert "- Sick leave: **6.2%** ↓ better (last month: 6.9%)" in md
    assert "- Incidents: **1,010** → unchanged (last month: 1,000)" in md
    text = ok(run("report", "build", "--period", "2024-02", "--format", "terminal")).stdout.replace("\xa0", " ")
    assert "↑ dårligere (forrige måned: 6,8 %)" in text
    html = ok(run("report", "build", "--period", "2024-03", "--format", "html")).stdout.replace("\xa0", " ")
    assert '<span class="trend good">↓ bedre (forrige måned: 6,9 %)</span>' in html
    assert '<span class="trend neutral">→ uendret (forrige måned: 1 000)</span>' in html


def test_trend_rules():
    assert trend_of(5, None) is None
    assert trend_of(Decimal("5.3"), Decimal("5.2"), DeadBand(Decimal("0.1"))) == "flat"  # the band's edge is flat
    assert trend_of(Decimal("5.31"), Decimal("5.2"), DeadBand(Decimal("0.1"))) == "up"
    assert trend_of(95, 100, DeadBand(Decimal(5), relative=True)) == "flat"
    assert trend_of(94, 100, DeadBand(Decimal(5), relative=True)) == "down"
    assert verdict_of("down", "down") == "good" and verdict_of("up", "down") == "bad"
    assert verdict_of("up", None) == "neutral" and verdict_of("flat", "up") == "neutral"
    assert parse_dead_band("5%", "x") == DeadBand(Decimal(5), True) and parse_dead_band(0.5, "x").amount == Decimal(
        "0.5"
    )
    with pytest.raises(ValueError, match="x = -1"):
        parse_dead_band(-1, "x")


def test_a_figure_without_a_trend_renders_as_before():
    figure = kpi("k", "Plain", 3, None)
    report = Report("T", "2024-01", "en", (Section("s", 1, "S", (KeyFigures((figure,)),)),))
    assert "- Plain: **3**\n" in render(report, "md")
    assert "↑" not in render(report, "terminal") and "↓" not in render(report, "html")
