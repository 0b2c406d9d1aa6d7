"""Program roll-up: a program's dimension is the worst of its projects' unless the PMO rates it,
and a differing own rating is marked in the matrix with the justification the PMO entered.

The scenario runs over three months: January rolled up, February overridden with a reason,
March overridden without one.
"""

from __future__ import annotations

import json

import pytest

from portfolio.ratings import Rating
from portfolio.services.rollup import overrides, roll_up
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

ALL = ("--scope", "--finance", "--resources", "--schedule", "--dependencies", "--benefits")


def rate(run, code: str, period: str, letters: str, *extra: str):  # type: ignore[no-untyped-def]
    words = {"G": "green", "Y": "yellow", "R": "red", "N": "na"}
    args = [arg for flag, letter in zip(ALL, letters, strict=True) for arg in (flag, words[letter])]
    return ok(run("status", "set", code, "--period", period, *args, *extra))


def matrix_rows(run, period: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    rows = json.loads(ok(run("status", "matrix", "--period", period, "--format", "json")).stdout)
    return {row["code"]: row for row in rows}


def report_matrix(run, period: str) -> dict:  # type: ignore[no-untyped-def]
    report = json.loads(ok(run("report", "build", "--period", period, "--format", "json", "--lang", "en")).stdout)
    blocks = [b for s in report["sections"] for b in s["blocks"] if b["type"] == "status_matrix"]
    return blocks[0]


def findings(run, period: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    result = run("check", "--period", period, "--format", "json")
    return [(f["severity"], f["code"], f["message"]) for f in json.loads(result.stdout)]


@pytest.fixture
def three_months(migrated):  # type: ignore[no-untyped-def]
    run = migrated
    ok(run("program", "add", "PRG", "Programmet", "--number", "1"))
    ok(run("project", "add", "A", "Alfa", "--program", "PRG", "--number", "1.1"))
    ok(run("project", "add", "B", "Beta", "--program", "PRG", "--number", "1.2"))
    # January: no own program status; B is yellow on finance, A not assessed on benefits
    rate(run, "A", "2024-01", "GGGGGN")
    rate(run, "B", "2024-01", "GYGGGG")
    # February: A red on finance; the PMO rates the program green there, with a reason
    rate(run, "A", "2024-02", "GRGGGN")
    rate(run, "B", "2024-02", "GYGGGG")
    rate(run, "PRG", "2024-02", "GGGGGG", "--justify", "Reserven dekker overskridelsen i Alfa.")
    # March: the projects are unchanged; the program is rated yellow on schedule without a reason
    rate(run, "A", "2024-03", "GRGGGN")
    rate(run, "B", "2024-03", "GYGGGG")
    ok(run("status", "set", "PRG", "--period", "2024-03", "--finance", "red", "--schedule", "yellow"))
    return run


def test_roll_up_is_the_worst_rating_and_not_assessed_only_when_nobody_rated():
    assert roll_up([Rating.GREEN, Rating.YELLOW, None]) is Rating.YELLOW
    assert roll_up([Rating.GREEN, Rating.NA, Rating.RED]) is Rating.RED
    assert roll_up([Rating.NA, Rating.GREEN]) is Rating.GREEN
    assert roll_up([Rating.NA, None]) is Rating.NA
    assert roll_up([None, None]) is None
    assert roll_up([]) is None


def test_only_two_real_ratings_can_disagree():
    assert overrides(Rating.GREEN, Rating.RED)
    assert not overrides(Rating.RED, Rating.RED)
    assert not overrides(Rating.NA, Rating.RED)
    assert not overrides(Rating.GREEN, Rating.NA)
    assert not overrides(None, Rating.RED)


def test_a_program_without_its_own_status_shows_its_projects_roll_up(three_months):
    row = matrix_rows(three_months, "2024-01")["PRG"]
    assert [row[k] for k in ("scope", "finance", "benefits")] == ["green", "yellow", "green"]
    # no own status to compare with: nothing is marked, and nothing is missing
    assert report_matrix(three_months, "2024-01")["footnotes"] == []
    assert not [f for f in findings(three_months, "2024-01") if "PRG" in f[2]]


def test_an_own_rating_that_differs_is_marked_with_the_justification(three_months):
    row = matrix_rows(three_months, "2024-02")["PRG"]
    assert (row["finance"], row["finance_trend"]) == ("green", "better")  # own green after January's roll-up
    block = report_matrix(three_months, "2024-02")
    program = next(r for r in block["rows"] if r["code"] == "PRG")
    marks = [cell["mark"] for cell in program["cells"]]
    assert marks == [None, "1", None, None, None, None]  # only finance: the rest agree with the roll-up
    assert block["footnotes"] == [
        "Programmet: the programme's own rating differs from its projects' roll-up: "
        "Finance green (projects: red). Justification: Reserven dekker overskridelsen i Alfa."
    ]
    assert all(c["mark"] is None for r in block["rows"] if r["kind"] == "project" for c in r["cells"])
    assert ("info", "program-rating-justified") in [f[:2] for f in findings(three_months, "2024-02")]


def test_an_unjustified_difference_is_a_warning_and_says_so_in_the_report(three_months):
    row = matrix_rows(three_months, "2024-03")["PRG"]
    # the program's own March status rates finance and schedule; the rest of the month is rolled up
    assert [row[k] for k in ("scope", "finance", "schedule", "benefits")] == ["green", "red", "yellow", "green"]
    assert row["finance_trend"] == "worse" and row["schedule_trend"] == "worse"
    block = report_matrix(three_months, "2024-03")
    program = next(r for r in block["rows"] if r["code"] == "PRG")
    assert [cell["mark"] for cell in program["cells"]] == [None, None, None, "1", None, None]
    assert block["footnotes"][0].endswith("Schedule yellow (projects: green). No justification has been entered.")
    warnings = [f for f in findings(three_months, "2024-03") if f[0] == "warning" and f[1].startswith("program")]
    assert [f[1] for f in warnings] == ["program-rating-unjustified"]
    assert "PRG" in warnings[0][2] and "--justify" in warnings[0][2]


def test_the_justification_is_shown_kept_and_refused_for_a_project(three_months):
    run = three_months
    shown = ok(run("status", "show", "PRG", "--period", "2024-02")).stdout
    assert "Justification: Reserven dekker overskridelsen i Alfa." in shown
    # a later rating change keeps the reason
    ok(run("status", "set", "PRG", "--period", "2024-02", "--scope", "green"))
    assert "Justification: Reserven" in ok(run("status", "show", "PRG", "--period", "2024-02")).stdout
    result = fails(run("status", "set", "A", "--period", "2024-02", "--justify", "x"))
    assert result.stderr == "Error: A is a project; only a program's status has a justification (of its own ratings)\n"
    # the justification alone is enough to record
    ok(run("status", "set", "PRG", "--period", "2024-03", "--justify", "Planlagt forsinkelse."))
    block = report_matrix(run, "2024-03")
    assert block["footnotes"][0].endswith("Justification: Planlagt forsinkelse.")


def test_markers_and_footnotes_in_every_text_format(three_months):
    run = three_months
    terminal = ok(run("report", "build", "--period", "2024-02", "--lang", "en")).stdout
    assert "G ↗ [1]" in terminal and "[1] Programmet: the programme's own rating" in terminal
    markdown = ok(run("report", "build", "--period", "2024-02", "--format", "md", "--lang", "en")).stdout
    assert "<sup>1</sup> Programmet: the programme" in markdown
    html = ok(run("report", "build", "--period", "2024-02", "--format", "html", "--lang", "nb")).stdout
    assert '<sup class="mark"><a href="#matrix-portfolio-' in html
    assert "Begrunnelse: Reserven dekker overskridelsen i Alfa." in html
