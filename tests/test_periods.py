"""Closing a month: every write that belongs to a closed month is refused, and nothing changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import fails, ok

# The core's own behaviour, whatever plugins happen to be installed in the environment.
pytestmark = pytest.mark.usefixtures("core_only")

HEADER = "code,scope,finance,resources,schedule,dependencies,benefits"
CLOSED = "Error: period 2024-01 is closed by alice; reopen it with 'portfolio period open 2024-01 --reason \"...\"'\n"


def as_json(result):  # type: ignore[no-untyped-def]
    return json.loads(ok(result).stdout)


@pytest.fixture
def month(migrated, tmp_path: Path):  # type: ignore[no-untyped-def]
    """January 2024 with a status, a risk and a text, closed by alice."""
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1"))
    ok(migrated("status", "set", "IAM2", "--period", "2024-01", "--scope", "green", "--comment", "Før"))
    ok(migrated("risk", "add", "IAM2", "Leverandør", "-p", "4", "-c", "5", "--period", "2024-01"))
    ok(migrated("narrative", "set", "--period", "2024-01", "--text", "Innledning"))
    (tmp_path / "jan.csv").write_text(f"{HEADER}\nIAM2,red,red,red,red,red,red\n", encoding="utf-8")
    (tmp_path / "text.md").write_text("Fra fil\n", encoding="utf-8")
    assert (
        ok(migrated("period", "close", "2024-01", user="alice")).stdout
        == "Closed 2024-01; its report is archived as version 1.\n"
    )
    return migrated


def snapshot(run) -> dict:  # type: ignore[no-untyped-def]
    """Everything a write into January could change."""
    return {
        "status": as_json(run("status", "history", "IAM2", "--format", "json")),
        "show": ok(run("status", "show", "IAM2", "--period", "2024-01")).stdout.splitlines()[1:],
        "program": as_json(run("status", "history", "HIS2", "--format", "json")),
        "risks": as_json(run("risk", "list", "--period", "2024-01", "--all", "--format", "json")),
        "risks_later": as_json(run("risk", "list", "--period", "2024-06", "--all", "--format", "json")),
        "narrative": as_json(run("narrative", "show", "--period", "2024-01", "--format", "json")),
        "periods": [
            (p["period"], p["statuses"], p["closed"], p["closed_by"])
            for p in as_json(run("period", "list", "--format", "json"))
        ],
    }


WRITES = {
    "status set": ("status", "set", "IAM2", "--period", "2024-01", "--scope", "red"),
    "status set comment": ("status", "set", "IAM2", "--period", "2024-01", "--comment", "Etter"),
    "program status set": ("status", "set", "HIS2", "--period", "2024-01", "--scope", "red"),
    "status import": ("status", "import", "jan.csv", "--period", "2024-01"),
    "risk add": ("risk", "add", "IAM2", "Ny risiko", "-p", "1", "-c", "1", "--period", "2024-01"),
    "risk assess": ("risk", "assess", "1", "--period", "2024-01", "-p", "1", "-c", "1"),
    "risk close": ("risk", "close", "1", "--period", "2024-01"),
    "narrative set": ("narrative", "set", "--period", "2024-01", "--text", "Ny tekst"),
    "narrative from file": ("narrative", "set", "--period", "2024-01", "--file", "text.md"),
    "narrative remove": ("narrative", "set", "--period", "2024-01", "--text", ""),
    "narrative program": (
        "narrative",
        "set",
        "--period",
        "2024-01",
        "--program",
        "HIS2",
        "--text",
        "x",
    ),
    "narrative standalone": (
        "narrative",
        "set",
        "--period",
        "2024-01",
        "--standalone",
        "--text",
        "x",
    ),
}


@pytest.mark.parametrize("write", list(WRITES.values()), ids=list(WRITES))
def test_a_write_into_a_closed_month_is_refused_until_it_is_reopened(month, write: tuple[str, ...]) -> None:
    before = snapshot(month)
    result = fails(month(*write))
    assert result.stderr == CLOSED
    assert result.stdout == ""
    assert snapshot(month) == before

    assert ok(month("period", "open", "2024-01", "--reason", "a late correction")).stdout == "Reopened 2024-01.\n"
    ok(month(*write))
    assert snapshot(month) != before


def test_the_refusal_gives_a_command_that_reopens_the_month(month) -> None:
    """The refusal's hint is typed as it stands, with the reason filled in: it must work."""
    import shlex

    hint = fails(month(*WRITES["status set"])).stderr.split("reopen it with ", 1)[1].strip()
    words = shlex.split(hint.strip("'").replace("...", "a late correction"))
    assert words[:2] == ["portfolio", "period"]
    assert ok(month(*words[1:])).stdout == "Reopened 2024-01.\n"
    ok(month(*WRITES["status set"]))


def test_other_months_stay_open(month) -> None:
    ok(month("status", "set", "IAM2", "--period", "2024-02", "--scope", "red"))
    ok(month("status", "import", "jan.csv", "--period", "2023-12"))
    ok(month("risk", "assess", "1", "--period", "2024-02", "-p", "1", "-c", "1"))
    ok(month("narrative", "set", "--period", "2024-02", "--text", "Februar"))
    # the closed month still reads as it was
    assert as_json(month("risk", "list", "--period", "2024-01", "--zone", "red", "--format", "json"))[0]["id"] == 1
    assert as_json(month("status", "show", "IAM2", "--period", "2024-01", "--format", "json"))[0]["rating"] == "green"


def test_reading_a_closed_month_works(month) -> None:
    ok(month("status", "matrix", "--period", "2024-01"))
    ok(month("status", "show", "IAM2", "--period", "2024-01"))
    ok(month("narrative", "show", "--period", "2024-01"))
    ok(month("risk", "list", "--period", "2024-01"))


def test_registry_changes_are_not_tied_to_a_month(month) -> None:
    ok(month("project", "edit", "IAM2", "--manager", "Kari"))
    ok(month("measure", "add", "1", "Tiltak"))
    ok(month("risk", "edit", "1", "--owner", "Ola"))


def test_period_list(month) -> None:
    ok(month("status", "set", "IAM2", "--period", "2023-12", "--scope", "green"))
    ok(month("status", "set", "HIS2", "--period", "2023-12", "--scope", "green"))
    ok(month("period", "close", "2024-03"))
    rows = as_json(month("period", "list", "--format", "json"))
    assert [(r["period"], r["statuses"], r["closed"], r["closed_by"]) for r in rows] == [
        ("2023-12", 2, False, None),
        ("2024-01", 1, True, "alice"),
        ("2024-03", 0, True, "tester"),
    ]
    assert rows[0]["closed_at"] is None
    assert rows[1]["closed_at"].startswith("20")  # an ISO timestamp
    table = ok(month("period", "list")).stdout.splitlines()
    assert table[0].split() == ["Period", "Statuses", "Closed", "Closed", "by", "Closed", "at"]
    assert table[2].split() == ["2023-12", "2", "no"]
    assert table[3].split()[:4] == ["2024-01", "1", "yes", "alice"]
    assert ok(month("period", "list", "--format", "csv")).stdout.splitlines()[0] == (
        "period,statuses,closed,closed_by,closed_at"
    )


def test_period_list_empty(migrated) -> None:
    assert ok(migrated("period", "list")).stdout == "(none)\n"


def test_reopened_month_is_listed_open(month) -> None:
    ok(month("period", "open", "2024-01", "--reason", "a late correction"))
    assert [
        (r["period"], r["closed"], r["closed_by"], r["closed_at"])
        for r in as_json(month("period", "list", "--format", "json"))
    ] == [("2024-01", False, None, None)]


def test_close_twice_and_open_an_open_month(month) -> None:
    assert fails(month("period", "close", "2024-01")).stderr == "Error: period 2024-01 is already closed\n"
    assert (
        fails(month("period", "open", "2024-02", "--reason", "a late correction")).stderr
        == "Error: period 2024-02 is not closed\n"
    )
    ok(month("period", "open", "2024-01", "--reason", "a late correction"))
    assert (
        fails(month("period", "open", "2024-01", "--reason", "a late correction")).stderr
        == "Error: period 2024-01 is not closed\n"
    )


def test_close_a_month_without_data(migrated) -> None:
    ok(migrated("period", "close", "2019-12"))
    ok(migrated("program", "add", "P", "P"))
    assert fails(migrated("status", "set", "P", "--period", "2019-12", "--scope", "green")).stderr == (
        "Error: period 2019-12 is closed by tester; reopen it with 'portfolio period open 2019-12 --reason \"...\"'\n"
    )


@pytest.mark.parametrize("command", ["close", "open"])
def test_bad_period_is_a_usage_error(migrated, command: str) -> None:
    result = fails(migrated("period", command, "2024-13"), 2)
    assert "'2024-13' is not a month: month must be 01-12" in result.stderr
    assert "'januar' is not a month" in fails(migrated("period", command, "januar"), 2).stderr
    assert as_json(migrated("period", "list", "--format", "json")) == []
