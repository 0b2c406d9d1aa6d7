"""The benchmarks' raw readers give the commands' own rows: a baseline that read less, or other
rows, would flatter the project. Each is compared with the command's CSV or JSON output, row for
row, on a small generated portfolio with the cases the rules distinguish (a program left to its
projects' roll-up, a justified override, an incomplete status, an owned red risk, an overdue
measure, a cancelled one, recovery actions past due and not)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.generate import generate
from benchmarks.raw_reads import (
    CHECK_HEADER,
    MATRIX_HEADER,
    RISK_HEADER,
    Reader,
    agreement,
    check_rows,
    matrix_rows,
    render_report,
    render_rows,
    report_rows_of,
    report_tables,
    risk_rows,
)
from portfolio.cli import build_cli
from tests.helpers import ok

PERIOD = "2024-01"


@pytest.fixture(scope="module")
def portfolio_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("bench") / "small.db"
    generate(f"sqlite:///{path}", 24, 7)
    connection = sqlite3.connect(path)
    with connection:
        # program 1 rates nothing of its own this month: the matrix shows its projects' roll-up
        connection.execute(
            "DELETE FROM status_rating WHERE report_id IN "
            "(SELECT id FROM status_report WHERE program_id = 1 AND period = ?)",
            (PERIOD,),
        )
        # program 2 overrides its projects with a reason; a project leaves two dimensions out
        connection.execute(
            "UPDATE status_report SET justification = 'Planned' WHERE program_id = 2 AND period = ?", (PERIOD,)
        )
        connection.execute(
            "UPDATE status_rating SET rating = 'green' WHERE report_id IN "
            "(SELECT id FROM status_report WHERE program_id = 2 AND period = ?)",
            (PERIOD,),
        )
        connection.execute(
            "DELETE FROM status_rating WHERE dimension IN ('scope', 'benefits') AND report_id = "
            "(SELECT id FROM status_report WHERE project_id = 5 AND period = ?)",
            (PERIOD,),
        )
        # every risk red this month; one owned, one with an overdue measure, one measure cancelled
        connection.execute("UPDATE risk_assessment SET probability = 5, consequence = 4 WHERE period = ?", (PERIOD,))
        connection.execute("UPDATE risk SET owner = 'Kari' WHERE id = 1")
        connection.execute("UPDATE measure SET due = '2024-01-15' WHERE id = 3")
        connection.execute("UPDATE measure SET status = 'cancelled' WHERE id = 5")
        connection.execute("UPDATE measure SET status = 'done' WHERE risk_id = 4")
        # recovery actions: one past due, one due after the month; the other yellow or red
        # ratings have none
        for project, due in ((3, "2024-01-10"), (4, "2024-02-20")):
            connection.execute(
                "UPDATE status_rating SET rating = 'red', action = 'Replan', action_owner = 'Ola', action_due = ? "
                "WHERE dimension = 'schedule' AND report_id = "
                "(SELECT id FROM status_report WHERE project_id = ? AND period = ?)",
                (due, project, PERIOD),
            )
    connection.close()
    return str(path)


def _command(db: str, *args: str, codes: tuple[int, ...] = (0,)) -> str:
    result = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{db}", *args])
    if codes == (0,):
        ok(result)
    assert result.exit_code in codes, result.output
    return result.stdout


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _text(rows: list[list[object]]) -> list[list[str]]:
    return [["" if value is None else str(value) for value in row] for row in rows]


def test_the_raw_matrix_gives_the_commands_rows(portfolio_db):
    ours = _csv(_command(portfolio_db, "status", "matrix", "--period", PERIOD, "--format", "csv"))
    raw = matrix_rows(Reader(portfolio_db), PERIOD)
    assert ours == [MATRIX_HEADER, *_text(raw)]
    assert any(row[0] == "program" and row[3] for row in raw)  # the rolled-up program has ratings


def test_the_raw_risk_list_gives_the_commands_rows(portfolio_db):
    ours = _csv(_command(portfolio_db, "risk", "list", "--period", PERIOD, "--format", "csv"))
    assert ours == [RISK_HEADER, *_text(risk_rows(Reader(portfolio_db), PERIOD))]
    assert len(ours) > 3


def test_the_raw_check_gives_the_cores_findings(portfolio_db, core_only):
    ours = _csv(_command(portfolio_db, "check", "--period", PERIOD, "--format", "csv", codes=(0, 1)))
    raw = check_rows(Reader(portfolio_db), PERIOD)
    assert ours == [CHECK_HEADER, *_text(raw)]
    codes = {row[2] for row in raw}
    wanted = {"status-incomplete", "program-rating-justified", "red-risk-measure-overdue", "recovery-action-past-due"}
    assert wanted | {"status-without-recovery-action"} <= codes, codes
    assert sum("recovery action for schedule" in row[3] for row in raw) == 1  # the one due after the month is not


def test_the_raw_report_gives_the_reports_big_tables(portfolio_db):
    report = json.loads(_command(portfolio_db, "report", "build", "--period", PERIOD, "--format", "json"))
    raw = report_tables(Reader(portfolio_db), PERIOD)
    assert report_rows_of(report) == raw
    assert raw["risks"] and len(raw["grid"]) == len(raw["matrix"]) > 24
    # the renderers show every row
    assert json.loads(render_report(raw, "json", "plain")) == raw
    for fmt in ("md", "html"):
        for renderer in ("plain", "tabulate"):
            shown = render_report(raw, fmt, renderer)
            assert all(row[0] in shown for row in raw["matrix"])
    plain = render_rows(matrix_rows(Reader(portfolio_db), PERIOD), MATRIX_HEADER, "plain")
    assert plain.count("\n") == len(raw["matrix"]) + 1


def test_the_raw_readers_agree_with_the_commands_on_the_demo(tmp_path, core_only):
    """The demo has a closed project and months before some projects start: the month's rules."""
    db = str(tmp_path / "demo.db")
    _command(db, "db", "upgrade")
    _command(db, "demo")
    outputs = {
        "matrix": _command(db, "status", "matrix", "--period", PERIOD, "--format", "csv"),
        "risks": _command(db, "risk", "list", "--period", PERIOD, "--format", "csv"),
        "check": _command(db, "check", "--period", PERIOD, "--format", "csv", codes=(0, 1)),
        "report": _command(db, "report", "build", "--period", PERIOD, "--format", "json"),
    }
    assert agreement(outputs, db, PERIOD) == dict.fromkeys(outputs, True)
    assert any(row[3] == "" for row in matrix_rows(Reader(db), "2023-01"))  # someone not yet rated


def test_the_stack_floor_opens_a_checked_read_session(portfolio_db, tmp_path):
    """benchmarks/stack_floor.py does what a read command does before its first row, the schema
    check included: on an up-to-date database it succeeds, on an empty one it stops as the
    commands stop, so it cannot have skipped the work it stands for."""
    import subprocess
    import sys

    def floor(url: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "benchmarks.stack_floor", url]
        root = Path(__file__).resolve().parent.parent
        return subprocess.run(command, capture_output=True, text=True, check=False, cwd=root)

    assert floor(portfolio_db).returncode == 0
    empty = floor(str(tmp_path / "empty.db"))
    assert empty.returncode != 0 and "portfolio db upgrade" in empty.stderr
