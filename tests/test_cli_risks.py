"""Risks and measures through the CLI: the register, monthly assessments, zones and the red list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import fails, ok

# The core's own behaviour, whatever plugins happen to be installed in the environment.
pytestmark = pytest.mark.usefixtures("core_only")


def as_json(result):  # type: ignore[no-untyped-def]
    return json.loads(ok(result).stdout)


def risk_list(run, period: str, *extra: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return as_json(run("risk", "list", "--period", period, "--format", "json", *extra))


def ids(run, period: str, *extra: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [row["id"] for row in risk_list(run, period, *extra)]


@pytest.fixture
def reg(migrated):  # type: ignore[no-untyped-def]
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1"))
    ok(migrated("project", "add", "NAC", "Nettverkstilgang", "--program", "HIS2", "--number", "1.2"))
    return migrated


@pytest.fixture
def risk(reg):  # type: ignore[no-untyped-def]
    """Risk 1 of IAM2, opened in January 2024 in the red zone (4 x 5)."""
    result = ok(
        reg(
            "risk",
            "add",
            "IAM2",
            "Leverandør forsinket",
            "-p",
            "4",
            "-c",
            "5",
            "--period",
            "2024-01",
            "--owner",
            "Kari",
        )
    )
    assert result.stdout == "Added risk 1 to IAM2 (red zone, score 20).\n"
    return reg


# --- risks --------------------------------------------------------------------------------------


def test_add_and_show(risk) -> None:
    data = as_json(risk("risk", "show", "1", "--period", "2024-01", "--format", "json"))
    assert data == {
        "id": 1,
        "project": "IAM2",
        "probability": 4,
        "consequence": 5,
        "score": 20,
        "zone": "red",
        "status": "open",
        "measures": 0,
        "description": "Leverandør forsinket",
        "owner": "Kari",
        "assessed": "2024-01",
        "residual_score": None,  # no residual assessed
        "version": 2,  # added, then assessed
        "measure_list": [],
    }
    table = ok(risk("risk", "show", "1", "--period", "2024-01")).stdout
    assert "Zone:        red\n" in table
    assert "Description: Leverandør forsinket\n" in table
    assert "Assessed:    2024-01\n" in table


def test_add_reports_the_zone(reg) -> None:
    for risk_id, (p, c, message) in enumerate(
        [
            ("3", "3", "yellow zone, score 9"),
            ("1", "1", "green zone, score 1"),
            ("5", "5", "red zone, score 25"),
        ],
        start=1,
    ):
        args = ("Risiko", "--probability", p, "--consequence", c, "--period", "2024-01")
        assert ok(reg("risk", "add", "NAC", *args)).stdout == f"Added risk {risk_id} to NAC ({message}).\n"


def test_probability_and_consequence_must_be_1_to_5(reg) -> None:
    for option, value in [("-p", "0"), ("-p", "6"), ("-c", "0"), ("-c", "6"), ("-p", "x")]:
        values = {"-p": "3", "-c": "3", option: value}
        args = ("-p", values["-p"], "-c", values["-c"], "--period", "2024-01")
        result = fails(reg("risk", "add", "IAM2", "Risiko", *args), 2)
        name = "'--probability' / '-p'" if option == "-p" else "'--consequence' / '-c'"
        assert f"Invalid value for {name}" in result.stderr
        if value != "x":
            assert f"{value} is not in the range 1<=x<=5" in result.stderr
    assert risk_list(reg, "2024-01", "--all") == []


def test_assess_out_of_scale(risk) -> None:
    result = fails(risk("risk", "assess", "1", "--period", "2024-02", "-p", "6", "-c", "1"), 2)
    assert "6 is not in the range 1<=x<=5" in result.stderr
    assert risk_list(risk, "2024-02")[0]["assessed"] == "2024-01"


def test_add_to_unknown_project(reg) -> None:
    result = fails(reg("risk", "add", "IAMM2", "Risiko", "-p", "1", "-c", "1", "--period", "2024-01"))
    assert result.stderr == "Error: no project 'IAMM2'; did you mean IAM2?\n"


def test_add_needs_a_description(reg) -> None:
    result = fails(reg("risk", "add", "IAM2", "  ", "-p", "1", "-c", "1", "--period", "2024-01"))
    assert result.stderr == "Error: a risk needs a description\n"
    assert risk_list(reg, "2024-01", "--all") == []


def test_closed_project_refuses_a_new_risk(reg) -> None:
    ok(reg("project", "close", "NAC"))
    result = fails(reg("risk", "add", "NAC", "Risiko", "-p", "5", "-c", "5", "--period", "2024-01"))
    assert result.stderr == "Error: project NAC is closed; reopen it before adding a risk\n"
    assert risk_list(reg, "2024-01", "--all") == []


def test_no_assessment_or_closing_before_the_risk_was_opened(risk) -> None:
    result = fails(risk("risk", "assess", "1", "--period", "2023-12", "-p", "1", "-c", "1"))
    assert result.stderr == "Error: risk 1 was opened in 2024-01; it cannot be assessed for 2023-12\n"
    result = fails(risk("risk", "close", "1", "--period", "2023-12"))
    assert result.stderr == "Error: risk 1 was opened in 2024-01; it cannot be closed in 2023-12\n"
    assert [(r["id"], r["status"], r["assessed"]) for r in risk_list(risk, "2024-01")] == [(1, "open", "2024-01")]
    ok(risk("risk", "close", "1", "--period", "2024-01"))
    assert ids(risk, "2024-01") == []


def test_unknown_risk(risk) -> None:
    message = "Error: no risk 9; 'portfolio risk list' shows their numbers\n"
    assert fails(risk("risk", "show", "9", "--period", "2024-01")).stderr == message
    assert fails(risk("risk", "assess", "9", "--period", "2024-01", "-p", "1", "-c", "1")).stderr == message
    assert fails(risk("risk", "close", "9", "--period", "2024-01")).stderr == message
    assert fails(risk("risk", "edit", "9", "--owner", "x")).stderr == message
    assert fails(risk("measure", "add", "9", "Tiltak")).stderr == message
    assert fails(risk("risk", "show", "x"), 2).exit_code == 2


def test_show_before_the_risk_was_opened(risk) -> None:
    assert fails(risk("risk", "show", "1", "--period", "2023-12")).stderr == (
        "Error: risk 1 was opened after 2023-12\n"
    )


def test_assess(risk) -> None:
    assert ok(risk("risk", "assess", "1", "--period", "2024-02", "-p", "1", "-c", "2")).stdout == (
        "Assessed risk 1 for 2024-02: green zone.\n"
    )
    data = as_json(risk("risk", "show", "1", "--period", "2024-02", "--format", "json"))
    assert (
        data["probability"],
        data["consequence"],
        data["score"],
        data["zone"],
        data["assessed"],
    ) == (
        1,
        2,
        2,
        "green",
        "2024-02",
    )
    # correcting the same month replaces its assessment
    ok(risk("risk", "assess", "1", "--period", "2024-02", "--probability", "3", "--consequence", "4"))
    data = as_json(risk("risk", "show", "1", "--period", "2024-02", "--format", "json"))
    assert (data["probability"], data["consequence"], data["zone"]) == (3, 4, "yellow")


def test_list_shows_the_month_as_it_was(risk) -> None:
    ok(risk("risk", "assess", "1", "--period", "2024-02", "-p", "1", "-c", "1"))
    # January: still red, with January's numbers
    red_january = risk_list(risk, "2024-01", "--zone", "red")
    assert [(r["id"], r["probability"], r["consequence"], r["zone"], r["assessed"]) for r in red_january] == [
        (1, 4, 5, "red", "2024-01")
    ]
    table = ok(risk("risk", "list", "--zone", "red", "--period", "2024-01")).stdout.splitlines()
    assert table[0].split() == [
        "Id",
        "Project",
        "P",
        "C",
        "Score",
        "Zone",
        "Status",
        "Measures",
        "Description",
    ]
    assert table[2].split() == [
        "1",
        "IAM2",
        "4",
        "5",
        "20",
        "red",
        "open",
        "0",
        "Leverandør",
        "forsinket",
    ]
    # February: green
    assert risk_list(risk, "2024-02", "--zone", "red") == []
    assert ok(risk("risk", "list", "--zone", "red", "--period", "2024-02")).stdout == "(none)\n"
    assert ids(risk, "2024-02", "--zone", "green") == [1]
    # a month without an assessment of its own shows the latest one before it
    march = risk_list(risk, "2024-03")
    assert (march[0]["zone"], march[0]["assessed"]) == ("green", "2024-02")
    # before it was opened it is not there at all
    assert risk_list(risk, "2023-12", "--all") == []


def test_list_json_has_raw_numbers(risk) -> None:
    row = risk_list(risk, "2024-01")[0]
    assert row == {
        "id": 1,
        "project": "IAM2",
        "probability": 4,
        "consequence": 5,
        "score": 20,
        "zone": "red",
        "status": "open",
        "measures": 0,
        "description": "Leverandør forsinket",
        "owner": "Kari",
        "assessed": "2024-01",
        "residual_probability": None,
        "residual_consequence": None,
        "residual_score": None,
    }
    for key in ("id", "probability", "consequence", "score", "measures"):
        assert type(row[key]) is int


def test_list_order_and_filters(risk) -> None:
    ok(risk("risk", "add", "NAC", "Middels", "-p", "3", "-c", "3", "--period", "2024-01"))  # 2, score 9
    ok(risk("risk", "add", "NAC", "Høy", "-p", "5", "-c", "5", "--period", "2024-01"))  # 3, score 25
    ok(risk("risk", "add", "IAM2", "Også 9", "-p", "3", "-c", "3", "--period", "2024-01"))  # 4, score 9
    assert ids(risk, "2024-01") == [3, 1, 2, 4]
    assert ids(risk, "2024-01", "--project", "NAC") == [3, 2]
    assert ids(risk, "2024-01", "--zone", "yellow") == [2, 4]
    assert ids(risk, "2024-01", "--zone", "red", "--project", "IAM2") == [1]
    assert fails(risk("risk", "list", "--period", "2024-01", "--project", "NACC")).stderr == (
        "Error: no project 'NACC'; did you mean NAC?\n"
    )
    assert (
        "'purple' is not one of 'green', 'yellow', 'red'"
        in fails(risk("risk", "list", "--period", "2024-01", "--zone", "purple"), 2).stderr
    )


def test_close_and_reopen(risk) -> None:
    ok(risk("risk", "assess", "1", "--period", "2024-02", "-p", "1", "-c", "1"))
    assert ok(risk("risk", "close", "1", "--period", "2024-03")).stdout == "Closed risk 1.\n"
    # gone from the month it was closed and every later one ...
    assert ids(risk, "2024-03") == []
    assert ids(risk, "2024-06") == []
    # ... still there, and open, in the months before
    assert [(r["id"], r["status"]) for r in risk_list(risk, "2024-02")] == [(1, "open")]
    assert ids(risk, "2024-01", "--zone", "red") == [1]
    # --all shows it, closed
    assert [(r["id"], r["status"]) for r in risk_list(risk, "2024-03", "--all")] == [(1, "closed")]
    assert as_json(risk("risk", "show", "1", "--period", "2024-04", "--format", "json"))["status"] == "closed"

    assert fails(risk("risk", "close", "1", "--period", "2024-04")).stderr == "Error: risk 1 is already closed\n"
    assert fails(risk("risk", "assess", "1", "--period", "2024-03", "-p", "2", "-c", "2")).stderr == (
        "Error: risk 1 is closed; reopen it to assess it\n"
    )
    assert ok(risk("risk", "reopen", "1")).stdout == "Reopened risk 1.\n"
    assert ids(risk, "2024-06") == [1]
    assert fails(risk("risk", "reopen", "1")).stderr == "Error: risk 1 is already open\n"
    ok(risk("risk", "assess", "1", "--period", "2024-03", "-p", "2", "-c", "2"))


def test_edit(risk) -> None:
    assert ok(risk("risk", "edit", "1", "--description", "Ny tekst", "--owner", "Ola")).stdout == "Updated risk 1.\n"
    row = risk_list(risk, "2024-01")[0]
    assert (row["description"], row["owner"]) == ("Ny tekst", "Ola")
    assert "nothing to change; give --description or --owner" in fails(risk("risk", "edit", "1"), 2).stderr
    assert fails(risk("risk", "edit", "1", "--description", " ")).stderr == "Error: a risk needs a description\n"
    assert risk_list(risk, "2024-01")[0]["description"] == "Ny tekst"


def test_configured_matrix_decides_the_zone(risk, tmp_path: Path) -> None:
    (tmp_path / "portfolio.toml").write_text(
        '[risk]\nmatrix = ["GGGGG", "GGGGG", "GGGGG", "GGGGG", "RGGGG"]\n', encoding="utf-8"
    )
    # risk 1 (4 x 5) is green under this matrix
    assert ids(risk, "2024-01", "--zone", "red") == []
    assert ids(risk, "2024-01", "--zone", "green") == [1]
    assert ok(risk("risk", "add", "NAC", "Liten", "-p", "1", "-c", "1", "--period", "2024-01")).stdout == (
        "Added risk 2 to NAC (red zone, score 1).\n"
    )
    assert ids(risk, "2024-01", "--zone", "red") == [2]


# --- measures -----------------------------------------------------------------------------------


def test_measure_add_list_show(risk) -> None:
    assert (
        ok(
            risk(
                "measure",
                "add",
                "1",
                "Koordinering med linjen",
                "--owner",
                "Programleder",
                "--due",
                "2024-03-01",
            )
        ).stdout
        == "Added measure 1 to risk 1.\n"
    )
    ok(risk("measure", "add", "1", "Ekstra ressurs", "--status", "in-progress"))
    data = as_json(risk("measure", "list", "--format", "json"))
    assert data == [
        {
            "id": 1,
            "risk": 1,
            "status": "open",
            "owner": "Programleder",
            "due": "2024-03-01",
            "text": "Koordinering med linjen",
        },
        {
            "id": 2,
            "risk": 1,
            "status": "in-progress",
            "owner": None,
            "due": None,
            "text": "Ekstra ressurs",
        },
    ]
    assert as_json(risk("measure", "show", "1", "--format", "json")) == {**data[0], "version": 1}
    table = ok(risk("measure", "show", "2")).stdout
    assert "Status:  in-progress\n" in table
    assert "Measure: Ekstra ressurs\n" in table
    # the risk counts and lists its measures
    assert risk_list(risk, "2024-01")[0]["measures"] == 2
    shown = ok(risk("risk", "show", "1", "--period", "2024-01")).stdout
    assert "  1) [1, open, due 2024-03-01] Koordinering med linjen\n" in shown
    assert "  2) [2, in-progress] Ekstra ressurs\n" in shown
    measure_list = as_json(risk("risk", "show", "1", "--period", "2024-01", "--format", "json"))["measure_list"]
    assert [m["id"] for m in measure_list] == [1, 2]


def test_measure_list_filters(risk) -> None:
    ok(risk("risk", "add", "NAC", "Annen", "-p", "2", "-c", "2", "--period", "2024-01"))
    ok(risk("measure", "add", "1", "A"))
    ok(risk("measure", "add", "2", "B", "--status", "done"))
    ok(risk("measure", "add", "1", "C", "--status", "done"))
    assert [m["text"] for m in as_json(risk("measure", "list", "--risk", "1", "--format", "json"))] == ["A", "C"]
    assert [m["text"] for m in as_json(risk("measure", "list", "--status", "done", "--format", "json"))] == [
        "C",
        "B",
    ]
    assert ok(risk("measure", "list", "--format", "csv")).stdout.splitlines()[0] == "id,risk,status,owner,due,text"
    assert fails(risk("measure", "list", "--risk", "7")).stderr == (
        "Error: no risk 7; 'portfolio risk list' shows their numbers\n"
    )


def test_measure_bad_input(risk) -> None:
    assert "'2024-02-30' is not a date" in fails(risk("measure", "add", "1", "X", "--due", "2024-02-30"), 2).stderr
    assert "'finished' is not one of" in fails(risk("measure", "add", "1", "X", "--status", "finished"), 2).stderr
    assert fails(risk("measure", "add", "1", " ")).stderr == "Error: a measure needs a text\n"
    assert as_json(risk("measure", "list", "--format", "json")) == []
    assert fails(risk("measure", "show", "3")).stderr == (
        "Error: no measure 3; 'portfolio measure list' shows their numbers\n"
    )


def test_measure_edit_and_close(risk) -> None:
    ok(risk("measure", "add", "1", "Tiltak", "--owner", "Per"))
    assert (
        ok(
            risk(
                "measure",
                "edit",
                "1",
                "--text",
                "Nytt tiltak",
                "--due",
                "2024-04-30",
                "--status",
                "in-progress",
            )
        ).stdout
        == "Updated measure 1.\n"
    )
    assert as_json(risk("measure", "show", "1", "--format", "json")) == {
        "id": 1,
        "risk": 1,
        "status": "in-progress",
        "owner": "Per",
        "due": "2024-04-30",
        "text": "Nytt tiltak",
        "version": 2,
    }
    assert "nothing to change" in fails(risk("measure", "edit", "1"), 2).stderr
    assert fails(risk("measure", "edit", "1", "--text", "")).stderr == "Error: a measure needs a text\n"
    assert fails(risk("measure", "edit", "4", "--owner", "x")).stderr == (
        "Error: no measure 4; 'portfolio measure list' shows their numbers\n"
    )
    assert ok(risk("measure", "close", "1")).stdout == "Measure 1 is done.\n"
    assert as_json(risk("measure", "show", "1", "--format", "json"))["status"] == "done"
    assert ok(risk("measure", "close", "1", "--status", "cancelled")).stdout == "Measure 1 is cancelled.\n"
    assert as_json(risk("measure", "show", "1", "--format", "json"))["text"] == "Nytt tiltak"
    assert (
        "'open' is not one of 'done', 'cancelled'" in fails(risk("measure", "close", "1", "--status", "open"), 2).stderr
    )
