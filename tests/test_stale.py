"""Stale and copied statuses: a project with no status this month, and one whose ratings and
comments have been the same for N months running, are check findings and notes in the report.

The scenario runs over three months; N comes from [checks] unchanged_months (default 3).
"""

from __future__ import annotations

import json

import pytest

from portfolio.config import load_settings
from portfolio.errors import PortfolioError
from tests.helpers import ok

pytestmark = pytest.mark.usefixtures("core_only")


@pytest.fixture
def three_months(migrated):  # type: ignore[no-untyped-def]
    run = migrated
    ok(run("project", "add", "A", "Alfa"))
    ok(run("project", "add", "B", "Beta"))
    ok(run("project", "add", "C", "Gamma"))
    for month in ("2024-01", "2024-02", "2024-03"):
        # A copies the same status forward every month, comments included
        ok(
            run(
                "status",
                "set",
                "A",
                "--period",
                month,
                "--scope",
                "green",
                "--finance",
                "yellow",
                "--finance-comment",
                "Avventer tilbud",
                "--comment",
                "Som før",
            )
        )
        # B keeps its ratings, but writes a new comment in March
        comment = "Ny leverandør valgt" if month == "2024-03" else "Som før"
        ok(run("status", "set", "B", "--period", month, "--scope", "green", "--comment", comment))
    # C reports January and February, then nothing in March
    ok(run("status", "set", "C", "--period", "2024-01", "--scope", "green"))
    ok(run("status", "set", "C", "--period", "2024-02", "--scope", "red"))
    return run


def findings(run, period: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    data = json.loads(run("check", "--period", period, "--format", "json").stdout)
    return [(f["code"], f["message"]) for f in data if f["code"] in ("status-unchanged", "status-missing")]


def notes(run, period: str) -> list[str]:  # type: ignore[no-untyped-def]
    out = ok(run("report", "build", "--period", period, "--format", "json", "--lang", "en")).stdout
    section = next(s for s in json.loads(out)["sections"] if s["key"] == "portfolio")
    return [b["text"] for b in section["blocks"] if b["type"] == "note"]


def test_a_status_copied_for_three_months_is_found_in_the_third(three_months):
    assert findings(three_months, "2024-02") == []  # two months alike are not yet three
    march = findings(three_months, "2024-03")
    assert (
        "status-unchanged",
        "project A reported the same ratings and comments in each of the 3 months from 2024-01 to 2024-03; "
        "copied forward?",
    ) in march
    # B changed its comment, so its status is not a copy
    assert not [m for code, m in march if code == "status-unchanged" and "project B" in m]


def test_a_project_without_a_status_is_found_and_named_in_the_report(three_months):
    assert ("status-missing", "project C has no status for 2024-03") in findings(three_months, "2024-03")
    assert notes(three_months, "2024-03")[:2] == [
        "No status reported for March 2024: Gamma.",
        "Ratings and comments unchanged for 3 months running: Alfa.",
    ]
    assert notes(three_months, "2024-02")[:1] != ["No status reported for February 2024: Gamma."]


def test_the_number_of_months_is_configured(three_months, tmp_path, monkeypatch):
    config = tmp_path / "portfolio.toml"
    config.write_text("[checks]\nunchanged_months = 2\n", encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    february = findings(three_months, "2024-02")
    assert [code for code, m in february if "project A" in m] == ["status-unchanged"]
    assert [code for code, m in february if "project B" in m] == ["status-unchanged"]  # same in Jan and Feb
    assert "Ratings and comments unchanged for 2 months running: Alfa, Beta." in notes(three_months, "2024-02")
    # C went from green to red: not a copy
    assert not [m for code, m in february if "project C" in m]


@pytest.mark.parametrize("value", ["1", "25", '"3"', "true"])
def test_a_bad_number_of_months_is_named(tmp_path, value):
    config = tmp_path / "portfolio.toml"
    config.write_text(f"[checks]\nunchanged_months = {value}\n", encoding="utf-8")
    with pytest.raises(PortfolioError) as caught:
        load_settings(config)
    assert str(caught.value).startswith(f"{config}: checks.unchanged_months must be a whole number from 2 to 24, not ")


def test_the_default_is_three_months(tmp_path):
    config = tmp_path / "portfolio.toml"
    config.write_text('lang = "en"\n', encoding="utf-8")
    assert load_settings(config).unchanged_months == 3


def window_rows() -> list[tuple]:
    """Three months of three projects: 1 the same each month (its rows in another order), 2 a
    comment changed in the last, 3 a recovery action's owner changed in the second; and a
    program's own status, which is never a project's."""
    import datetime as dt

    rows = []
    report_id = 0
    for month in ("2024-01", "2024-02", "2024-03"):
        for project, comment, owner in [
            (1, "Som før", "Kari"),
            (2, "Ny tekst" if month == "2024-03" else "Som før", "Kari"),
            (3, "Som før", "Ola" if month == "2024-02" else "Kari"),
        ]:
            report_id += 1
            ratings = [
                (report_id, month, project, None, comment, None, "scope", "green", None, None, None, None),
                (report_id, month, project, None, comment, None, "finance", "red", "Sprekk", "Kutt", owner,
                 dt.date(2024, 6, 30)),
            ]  # fmt: skip
            rows += ratings if month != "2024-02" else ratings[::-1]
        report_id += 1
        rows.append((report_id, month, None, 9, None, None, "scope", "green", None, None, None, None))
    return rows


@pytest.mark.parametrize("collide", [False, True])
def test_the_unchanged_projects_are_compared_in_full_not_by_hash_alone(collide, monkeypatch):
    import portfolio.services.status_window as window_module
    from portfolio.period import Period
    from portfolio.services.status_window import StatusScope, StatusWindow

    if collide:  # every month of every project hashes the same: only the full comparison tells
        monkeypatch.setattr(window_module, "hash", lambda value: 0, raising=False)
    window = StatusWindow(Period(2024, 3), StatusScope(months=3), window_rows())
    months = [Period(2024, 1), Period(2024, 2), Period(2024, 3)]
    assert window.unchanged(months) == {1}
    assert window.unchanged(months[:2]) == {1, 2}
    assert window.unchanged(months[1:]) == {1}  # 3 went back to Kari in March: not the same as February
    assert window.unchanged([Period(2023, 12), *months]) == set()  # nothing in the first month
