"""The report's work does not grow with the portfolio: the same number of SQL statements for
20 projects as for 200, and no full scan of the ratings table to read one month."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, event

from benchmarks.generate import generate
from portfolio.cli import build_cli
from tests.helpers import ok


def _statements(url: str, *args: str) -> int:
    count = 0

    def before(*_args, **_kwargs):
        nonlocal count
        count += 1

    event.listen(Engine, "before_cursor_execute", before)
    try:
        ok(CliRunner().invoke(build_cli(), ["--db", url, *args]))
    finally:
        event.remove(Engine, "before_cursor_execute", before)
    return count


@pytest.mark.parametrize(
    "command",
    [
        ("report", "build", "--period", "2024-01", "--format", "json"),
        ("status", "matrix", "--period", "2024-01"),
        ("risk", "list", "--zone", "red", "--period", "2024-01"),
        ("project", "list"),
        ("check", "--period", "2024-01"),
        ("round", "--period", "2024-01"),
        ("status", "missing", "--period", "2024-02"),
        ("status", "template", "--period", "2024-02", "-o", "template.xlsx", "--force"),
    ],
)
def test_statement_count_does_not_grow_with_the_portfolio(tmp_path, command):
    small, large = f"sqlite:///{tmp_path / 'small.db'}", f"sqlite:///{tmp_path / 'large.db'}"
    generate(small, 20, 3)
    generate(large, 200, 3)
    assert _statements(small, *command) == _statements(large, *command)


def test_one_month_of_ratings_is_read_through_indexes(tmp_path):
    path = tmp_path / "plan.db"
    generate(f"sqlite:///{path}", 50, 3)
    connection = sqlite3.connect(path)
    plan = connection.execute(
        """
        EXPLAIN QUERY PLAN
        SELECT r.project_id, r.program_id, r.period, s.dimension, s.rating
        FROM status_report r JOIN status_rating s ON s.report_id = r.id
        WHERE r.period IN ('2024-01', '2023-12')
        """
    ).fetchall()
    steps = [row[-1] for row in plan]
    assert not any(step.startswith("SCAN") and "status_rating" in step for step in steps), steps
    assert any(step.startswith("SEARCH r USING INDEX") for step in steps), steps
    history = connection.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM status_report WHERE project_id = 7 ORDER BY period"
    ).fetchall()
    assert not any(row[-1].startswith("SCAN status_report") for row in history), history


def test_importing_a_template_back_takes_the_same_statements_for_20_and_200_projects(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    counts = []
    for size in (20, 200):
        url = f"sqlite:///{tmp_path / f'{size}.db'}"
        generate(url, size, 3)
        ok(
            CliRunner().invoke(
                build_cli(), ["--db", url, "status", "template", "--period", "2024-02", "-o", f"{size}.csv"]
            )
        )
        counts.append(_statements(url, "status", "import", f"{size}.csv"))
    assert counts[0] == counts[1]
