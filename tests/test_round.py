"""``portfolio round`` and its hook ``portfolio_round_items``: the month at a glance."""

from __future__ import annotations

import json
import types
from importlib.metadata import entry_points

import pytest

from portfolio import hookimpl
from portfolio.period import Period
from tests.helpers import fails, ok

SECTION_PLUGINS = {
    "finance": ["income statement", "liquidity", "FTE"],
    "services": ["support desk", "incidents"],
    "hr": ["sick leave", "AML breaches"],
    "deviations": ["open deviations", "text"],
    "milestones": ["milestone forecasts"],
    "gains": ["benefit values"],
}


def state(run, *args: str) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(ok(run("round", *args, "--format", "json")).stdout)


def test_the_section_plugins_report_their_data_for_the_demo_month(demo) -> None:
    installed = {entry.name for entry in entry_points(group="portfolio")} & set(SECTION_PLUGINS)
    if not installed:
        pytest.skip("no section plugin installed")
    january = state(demo, "--period", "2024-01")
    names = {(item["plugin"], item["name"]) for item in january["plugin_data"]}
    assert names == {(plugin, name) for plugin in installed for name in SECTION_PLUGINS[plugin]}
    assert all(item["present"] for item in january["plugin_data"])
    assert (january["reported"], january["subjects"], january["can_close"]) == (22, 22, True)
    february = state(demo, "--period", "2024-02")
    assert not any(item["present"] for item in february["plugin_data"])
    assert all(item["detail"] for item in february["plugin_data"])  # what to do about it
    details = {(item["plugin"], item["name"]): item["detail"] for item in february["plugin_data"]}
    if "services" in installed:
        assert details["services", "support desk"].startswith("portfolio service record support --period 2024-02")
    assert february["reported"] == 0 and february["can_close"] is False
    assert february["checks"]["errors"] >= 22  # every status missing is an error finding


@pytest.mark.usefixtures("core_only")
def test_a_failing_or_wrong_round_items_hook_is_named_and_the_rest_still_shows(migrated) -> None:
    from portfolio.round_items import RoundItem

    @hookimpl
    def portfolio_round_items(session, period, app):
        raise RuntimeError("database gone")

    @hookimpl
    def wrong(period):
        return ["not an item"]

    @hookimpl
    def good(period):
        return [RoundItem("gains", True, f"figures for {period}")]

    plugins = [
        ("broken", types.SimpleNamespace(portfolio_round_items=portfolio_round_items)),
        ("sloppy", types.SimpleNamespace(portfolio_round_items=wrong)),
        ("fine", types.SimpleNamespace(portfolio_round_items=good)),
    ]
    result = ok(migrated("round", "--period", "2024-03", plugins=plugins))
    assert "plugin 'broken' failed in portfolio_round_items: RuntimeError: database gone" in result.stderr
    assert "plugin 'sloppy' failed in portfolio_round_items: TypeError: str is not a RoundItem" in result.stderr
    assert "    fine: gains  present  figures for 2024-03\n" in result.stdout


@pytest.mark.usefixtures("core_only")
def test_default_month_and_a_closed_month(migrated) -> None:
    assert state(migrated)["period"] == str(Period.current().previous())  # nothing recorded yet
    ok(migrated("project", "add", "SOLO", "Alene"))
    ok(migrated("status", "set", "SOLO", "--period", "2024-05", *_all("green")))
    assert state(migrated)["period"] == "2024-05"  # the latest with statuses
    ok(migrated("period", "close", "2024-05"))
    assert state(migrated)["period"] == "2024-06"  # the month after the last closed one
    closed = ok(migrated("round", "--period", "2024-05")).stdout
    assert closed.startswith("Round 2024-05 (closed by tester)\n  Statuses in                1 of 1\n")
    assert (
        "  Can be closed              already closed; reopen it with 'portfolio period open 2024-05 --reason \"...\"'\n"
    ) in closed


def _findings(run, command: str, period: str, plugins: list | None = None) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    """(severity, plugin, code, message) of every finding ``command`` gives for ``period``, sorted."""
    result = run(command, "--period", period, "--format", "json", plugins=plugins or [])
    assert result.exit_code in (0, 1), result.output  # check exits 1 on an error finding
    data = json.loads(result.stdout)
    rows = data["checks"]["findings"] if command == "round" else data
    return sorted((f["severity"], f["plugin"], f["code"], f["message"]) for f in rows)


@pytest.mark.parametrize("period", ["2024-01", "2024-02"])
def test_the_round_counts_exactly_the_findings_check_lists(demo, period: str) -> None:
    """Whatever plugins are installed: the evidence rules' findings (e.g. finance-overspend) too."""
    listed = _findings(demo, "check", period)
    counted = _findings(demo, "round", period)
    assert counted == listed
    table = ok(demo("round", "--period", period))
    errors = sum(1 for f in listed if f[0] == "error")
    warnings = sum(1 for f in listed if f[0] == "warning")
    assert f"  Checks                     {errors} error(s), {warnings} warning(s) (" in table.stdout


@pytest.mark.usefixtures("core_only")
def test_an_evidence_rule_s_finding_counts_in_the_round_and_can_stop_the_close(migrated) -> None:
    from portfolio.evidence import Evidence

    @hookimpl
    def portfolio_evidence(ctx):
        return [
            Evidence(
                "budget-blown",
                "SOLO",
                "finance",
                "green",
                "SOLO is green on finance, but spent twice its budget",
                severity="error",
            ),
            Evidence("late-delivery", "SOLO", "schedule", "green", "SOLO is green on schedule, but a delivery is late"),
        ]

    plugins = [("ledger", types.SimpleNamespace(portfolio_evidence=portfolio_evidence))]
    ok(migrated("project", "add", "SOLO", "Alene"))
    ok(migrated("status", "set", "SOLO", "--period", "2024-05", *_all("green")))
    round_json = json.loads(ok(migrated("round", "--period", "2024-05", "--format", "json", plugins=plugins)).stdout)
    assert (round_json["checks"]["errors"], round_json["checks"]["warnings"], round_json["can_close"]) == (1, 1, False)
    assert _findings(migrated, "round", "2024-05", plugins) == _findings(migrated, "check", "2024-05", plugins)
    table = ok(migrated("round", "--period", "2024-05", plugins=plugins)).stdout
    assert "  Checks                     1 error(s), 1 warning(s) (portfolio check --period 2024-05)\n" in table
    assert "    error: SOLO is green on finance, but spent twice its budget\n" in table
    assert "  Can be closed              no: 1 check error(s) first\n" in table


@pytest.mark.usefixtures("core_only")
def test_a_bad_month_is_a_usage_error(migrated) -> None:
    result = fails(migrated("round", "--period", "2024-13"), code=2)
    assert "'2024-13' is not a month" in result.stderr


def _all(rating: str) -> list[str]:
    keys = ["scope", "finance", "resources", "schedule", "dependencies", "benefits"]
    return [arg for key in keys for arg in (f"--{key}", rating)]
