"""The report commands: sections, output files, strictness, reproducibility, assessment, check."""

from __future__ import annotations

import json
import types

import pytest

from portfolio import hookimpl
from portfolio.report.blocks import Paragraph
from portfolio.report.sections import SectionSpec
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

BUILD = ("report", "build", "--period", "2024-01")


def _plugin(**hooks):
    return types.SimpleNamespace(**{name: hookimpl(function) for name, function in hooks.items()})


def _section(key, build, order=25):
    return SectionSpec(key, {"nb": f"Seksjon {key}", "en": f"Section {key}"}, build, order)


def test_report_sections_lists_the_core_sections_in_order(migrated):
    rows = json.loads(ok(migrated("report", "sections", "--format", "json")).stdout)
    assert [(r["number"], r["key"], r["plugin"]) for r in rows] == [(1, "assessment", "core"), (2, "portfolio", "core")]


def test_a_plugin_section_is_placed_by_its_order(migrated):
    plugin = _plugin(portfolio_report_sections=lambda: [_section("extra", lambda ctx: [Paragraph.of("Hei")])])
    rows = json.loads(ok(migrated("report", "sections", "--format", "json", plugins=[("extra", plugin)])).stdout)
    assert [r["key"] for r in rows] == ["assessment", "extra", "portfolio"]
    out = ok(migrated(*BUILD, "--format", "md", plugins=[("extra", plugin)])).stdout
    assert "## 2. Seksjon extra" in out and "\nHei\n" in out and "## 3. Status for prosjektporteføljen" in out


def test_configured_order_wins(migrated, tmp_path):
    (tmp_path / "portfolio.toml").write_text('[report]\nsections = ["portfolio", "assessment"]\n')
    rows = json.loads(ok(migrated("report", "sections", "--format", "json")).stdout)
    assert [r["key"] for r in rows] == ["portfolio", "assessment"]


def test_a_failing_section_is_left_out_and_named_or_fails_with_strict(migrated):
    def broken(ctx):
        raise ValueError("no figures for 2024-01")

    plugin = _plugin(portfolio_report_sections=lambda: [_section("ledger", broken)])
    result = ok(migrated(*BUILD, "--format", "md", plugins=[("ledger", plugin)]))
    assert "ledger (ledger): ValueError: no figures for 2024-01" in result.stdout
    assert "## 2. Status for prosjektporteføljen" in result.stdout
    assert "plugin 'ledger' failed in section 'ledger': ValueError: no figures for 2024-01" in result.stderr
    strict = fails(migrated(*BUILD, "--strict", plugins=[("ledger", plugin)]))
    assert "Error: plugin 'ledger' failed in section 'ledger': ValueError: no figures for 2024-01" in strict.stderr


def test_a_section_without_both_titles_is_refused(migrated):
    spec = SectionSpec("half", {"nb": "Bare bokmål"}, lambda ctx: [])
    plugin = _plugin(portfolio_report_sections=lambda: [spec])
    result = ok(migrated("report", "sections", plugins=[("half", plugin)]))
    assert "half" not in result.stdout
    assert "section 'half' has no title in en" in result.stderr


def test_output_file_is_not_overwritten_without_force(demo, tmp_path):
    target = tmp_path / "rapport.html"
    ok(demo(*BUILD, "--format", "html", "-o", str(target)))
    first = target.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>")
    refused = fails(demo(*BUILD, "--format", "md", "-o", str(target)))
    assert f"{target} exists; use --force to replace it" in refused.stderr
    assert target.read_text(encoding="utf-8") == first
    ok(demo(*BUILD, "--format", "md", "-o", str(target), "--force"))
    assert target.read_text(encoding="utf-8").startswith("# Virksomhetsrapport")
    missing = fails(demo(*BUILD, "-o", str(tmp_path / "nowhere" / "r.md")))
    assert "folder" in missing.stderr and "does not exist" in missing.stderr
    assert not list(tmp_path.glob(".rapport.html.*"))  # no temporary file left behind


def test_report_is_reproducible_and_unchanged_by_closing(demo):
    first = ok(demo(*BUILD, "--format", "html")).stdout
    assert ok(demo(*BUILD, "--format", "html")).stdout == first
    ok(demo("period", "close", "2024-01"))
    assert ok(demo(*BUILD, "--format", "html")).stdout == first


def test_title_and_dates_follow_the_language(demo):
    assert ok(demo(*BUILD, "--format", "md")).stdout.startswith("# Virksomhetsrapport pr. 31. januar 2024\n")
    assert ok(demo(*BUILD, "--format", "md", "--lang", "en")).stdout.startswith(
        "# Monthly report as of 31 January 2024\n"
    )
    leap = ok(demo("report", "build", "--period", "2024-02", "--format", "json")).stdout
    assert json.loads(leap)["title"] == "Virksomhetsrapport pr. 29. februar 2024"


def test_names_with_html_are_escaped_in_the_report(migrated):
    ok(migrated("project", "add", "X1", '<script>alert(1)</script> "><img src=x onerror=alert(2)>'))
    ok(migrated("status", "set", "X1", "--period", "2024-01", "--scope", "green"))
    page = ok(migrated(*BUILD, "--format", "html")).stdout
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_assessment_set_show_and_closed_period(migrated, tmp_path):
    text = tmp_path / "vurdering.md"
    text.write_text("Status er *tilfredsstillende*.\n\n- Økonomi i balanse\n- Sykefravær over mål\n", encoding="utf-8")
    ok(migrated("assessment", "set", "--period", "2024-01", "--file", str(text)))
    assert ok(migrated("assessment", "show", "--period", "2024-01")).stdout.startswith("Status er *tilfredsstillende*.")
    html = ok(migrated(*BUILD, "--format", "html")).stdout
    assert "<p>Status er <em>tilfredsstillende</em>.</p>" in html
    assert "<li>Økonomi i balanse</li>" in html
    ok(migrated("period", "close", "2024-01"))
    refused = fails(migrated("assessment", "set", "--period", "2024-01", "--text", "Ny tekst"))
    assert "period 2024-01 is closed" in refused.stderr
    missing = fails(migrated("assessment", "show", "--period", "2023-12"))
    assert "no assessment for 2023-12" in missing.stderr


def test_check_finds_missing_statuses_and_red_risks_without_measures(migrated):
    ok(migrated("project", "add", "P1", "Prosjekt 1"))
    ok(migrated("project", "add", "P2", "Prosjekt 2"))
    ok(migrated("status", "set", "P1", "--period", "2024-01", "--scope", "green"))
    ok(migrated("risk", "add", "P1", "Alt kan gå galt", "-p", "5", "-c", "5", "--period", "2024-01"))
    result = migrated("check", "--period", "2024-01", "--format", "json")
    assert result.exit_code == 1
    findings = {(f["severity"], f["code"]) for f in json.loads(result.stdout)}
    assert findings == {
        ("error", "status-missing"),
        ("warning", "status-incomplete"),
        ("error", "red-risk-without-measure"),
        ("warning", "red-risk-without-owner"),  # added without --owner
    }
    assert "2 error(s) in 2024-01." in result.stderr


def test_check_reports_a_plugins_findings(migrated):
    from portfolio.findings import Finding

    plugin = _plugin(portfolio_checks=lambda period: [Finding("info", "hello", f"checked {period}")])
    rows = json.loads(ok(migrated("check", "--period", "2024-01", "--format", "json", plugins=[("hi", plugin)])).stdout)
    assert {"severity": "info", "plugin": "hi", "code": "hello", "message": "checked 2024-01"} in rows


def test_colour_is_kept_when_asked_for_and_never_otherwise(demo):
    coloured = ok(demo(*BUILD, "--color")).stdout
    assert "\x1b[32m●" in coloured
    assert "\x1b[" not in ok(demo(*BUILD)).stdout
