"""Races between real processes, on SQLite and PostgreSQL: nothing acknowledged is lost, nothing is
written into a month after its close was acknowledged, no duplicates, no traceback, every backup
restorable and consistent.

Each case forks its writers from one process (tests/workers/race.py) that start at the same
moment and run the real CLI, each with its own connections. Trials and sizes are small so the
whole file runs in well under two minutes on two cores for both backends; the figures are in
docs/team.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.helpers import fails, ok

ROOT = Path(__file__).parent.parent
WORKER = ROOT / "tests" / "workers" / "race.py"
DIMENSIONS = ("scope", "finance", "resources", "schedule", "dependencies", "benefits")
RACE_TIMEOUT = 90  # seconds for one race; none comes near it


def race(db_url: str, jobs: list[list[tuple[str, ...]]]) -> list[dict[str, Any]]:
    """Run each job (a user and its commands) in a process of its own, all started together."""
    payload = [[["--db", db_url, "--as", user, *args] for user, *args in job] for job in jobs]
    done = subprocess.run(
        [sys.executable, str(WORKER)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=RACE_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == sum(len(job) for job in jobs)
    for result in results:
        assert result["crash"] is None, result
        assert "Traceback" not in result["stdout"] + result["stderr"], result
        assert result["exit"] in (0, 1), result
    return results


def query(db_url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


def add_projects(db_url: str, count: int) -> list[str]:
    """Projects P1..Pcount, written straight into the table (setting up is not under test)."""
    codes = [f"P{n}" for n in range(1, count + 1)]
    engine = create_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO project (code, name, active, position) VALUES (:code, :name, :active, :position)"),
                [{"code": c, "name": f"Prosjekt {c}", "active": True, "position": n} for n, c in enumerate(codes)],
            )
    finally:
        engine.dispose()
    return codes


def _objects(n: int) -> list[tuple[str, ...]]:
    """Writer n's change to the status, the risk, the measure and the narrative."""
    return [
        (f"w{n}", "status", "set", "P1", "--period", "2024-01", "--scope", "yellow", "--comment", f"s{n}"),
        (f"w{n}", "risk", "edit", "1", "--description", f"r{n}"),
        (f"w{n}", "measure", "edit", "1", "--text", f"m{n}"),
        (f"w{n}", "narrative", "set", "--period", "2024-01", "--text", f"n{n}"),
    ]


@pytest.mark.parametrize("writers", [8, 32])
def test_writers_on_one_status_risk_measure_and_narrative_lose_nothing(migrated, db_url, writers):
    add_projects(db_url, 1)
    ok(migrated("status", "set", "P1", "--period", "2024-01", "--scope", "green"))
    ok(migrated("risk", "add", "P1", "Risiko", "--probability", "2", "--consequence", "3", "--period", "2024-01"))
    ok(migrated("measure", "add", "1", "Tiltak"))
    ok(migrated("narrative", "set", "--period", "2024-01", "--text", "Start."))
    jobs = [_objects(n) for n in range(writers)]  # each writer changes all four
    results = race(db_url, jobs)
    # no write asked for a version check, so every one of them is carried out (retried if it must)
    assert [r for r in results if r["exit"] != 0] == []
    acknowledged = {(r["args"][4], r["args"][3]) for r in results}  # (command group, user)
    fields = {
        "status_report": ("status comment", "SELECT comment FROM status_report"),
        "risk": ("risk 1 description", "SELECT description FROM risk"),
        "measure": ("measure 1 text", "SELECT text FROM measure"),
        "narrative": ("portfolio text", "SELECT text FROM narrative"),
    }
    for table, (field, stored) in fields.items():
        rows = query(db_url, stored)
        assert len(rows) == 1, f"{table}: {len(rows)} rows, duplicates"
        trail = query(
            db_url,
            'SELECT "user", new_value FROM audit_log WHERE table_name = :t AND field = :f ORDER BY id',
            t=table,
            f=field,
        )
        written = {user: value for user, value in trail if user.startswith("w")}
        group = {"status_report": "status", "risk": "risk", "measure": "measure", "narrative": "narrative"}[table]
        expected = {user: f"{group[0]}{user[1:]}" for g, user in acknowledged if g == group}
        # every acknowledged write is in the trail, as its user, with its value
        assert expected and written == expected
        # and the stored value is the last one committed: no acknowledged write was lost under another
        assert rows[0][0] == trail[-1][1]


def _status_file(path: Path, codes: list[str], rating: str, version: int | None) -> Path:
    header = ["code", *DIMENSIONS, "comment", *(["version"] if version is not None else [])]
    lines = [",".join(header)]
    for code in codes:
        lines.append(
            ",".join(
                [code, *([rating] * len(DIMENSIONS)), f"import {rating}", *([str(version)] * (version is not None))]
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


TRIALS = 3


def test_an_import_never_overwrites_a_confirmed_status_set_with_expect_version(migrated, db_url, tmp_path):
    codes = add_projects(db_url, 6)
    lost = 0
    for trial in range(TRIALS):
        month = f"2024-{trial + 1:02d}"
        ok(
            migrated(
                "status", "import", str(_status_file(tmp_path / "first.csv", codes, "green", None)), "--period", month
            )
        )
        version = query(db_url, "SELECT version FROM status_report WHERE period = :m LIMIT 1", m=month)[0][0]
        changed = _status_file(tmp_path / f"import-{trial}.csv", codes, "red", version)
        import_result, set_result = race(
            db_url,
            [
                [("importer", "status", "import", str(changed), "--period", month)],
                [
                    (
                        "editor",
                        "status",
                        "set",
                        "P1",
                        "--period",
                        month,
                        "--scope",
                        "yellow",
                        "--expect-version",
                        str(version),
                    )
                ],
            ],
        )
        scope = query(
            db_url,
            "SELECT r.rating FROM status_rating r JOIN status_report s ON s.id = r.report_id "
            "JOIN project p ON p.id = s.project_id WHERE p.code = 'P1' AND s.period = :m AND r.dimension = 'scope'",
            m=month,
        )[0][0]
        # both read the same version; at most one of them may have written
        assert not (import_result["exit"] == 0 and set_result["exit"] == 0), (import_result, set_result)
        if set_result["exit"] == 0:
            assert "Recorded" in set_result["stdout"]
            lost += scope != "yellow"
        if import_result["exit"] == 0:
            assert scope == "red"
        for refused in (r for r in (import_result, set_result) if r["exit"] != 0):
            assert "since you read it" in refused["stderr"] or "changed by" in refused["stderr"], refused
    assert lost == 0


def test_an_import_whose_checked_version_is_changed_before_it_writes_is_refused(
    migrated, db_url, tmp_path, monkeypatch
):
    """The race above made certain: a confirmed change commits between the import's version
    check and its write. (SQLite holds the whole database for the import, so no one can.)"""
    if not db_url.startswith("postgresql"):
        pytest.skip("on SQLite the import holds the database from its check to its commit")
    from portfolio.importers import status_files

    codes = add_projects(db_url, 3)
    ok(
        migrated(
            "status", "import", str(_status_file(tmp_path / "first.csv", codes, "green", None)), "--period", "2024-01"
        )
    )
    version = query(db_url, "SELECT version FROM status_report WHERE period = '2024-01' LIMIT 1")[0][0]
    real = status_files.replace_statuses

    def after_someone_else(session: Any, period: Any, rows: Any, **options: Any) -> int:
        monkeypatch.setattr(status_files, "replace_statuses", real)
        engine = create_engine(db_url)
        try:
            with engine.begin() as connection:  # another person's change, confirmed
                connection.execute(
                    text(
                        "UPDATE status_report SET version = version + 1, comment = 'theirs' "
                        "WHERE period = '2024-01' AND project_id = (SELECT id FROM project WHERE code = 'P1')"
                    )
                )
        finally:
            engine.dispose()
        return real(session, period, rows, **options)

    monkeypatch.setattr(status_files, "replace_statuses", after_someone_else)
    changed = _status_file(tmp_path / "changed.csv", codes, "red", version)
    refused = fails(migrated("status", "import", str(changed), "--period", "2024-01"))
    assert "since you read it" in refused.stderr
    assert query(db_url, "SELECT comment FROM status_report WHERE comment IS NOT NULL AND comment = 'theirs'") == [
        ("theirs",)
    ]


IMPORT_ROWS = 40


def test_an_import_racing_period_close_never_writes_into_the_closed_month(migrated, db_url, tmp_path):
    codes = add_projects(db_url, IMPORT_ROWS)
    outcomes = []
    for trial in range(3):
        month = f"2025-{trial + 1:02d}"
        ok(migrated("status", "set", "P1", "--period", month, "--scope", "green"))
        file = _status_file(tmp_path / f"close-{trial}.csv", codes, "yellow", None)
        import_result, close_result = race(
            db_url,
            [
                [("importer", "status", "import", str(file), "--period", month)],
                [("closer", "period", "close", month)],
            ],
        )
        assert close_result["exit"] == 0, close_result
        closed_at = query(
            db_url,
            "SELECT max(id) FROM audit_log WHERE table_name = 'reporting_period' AND row_key = :m "
            "AND field = 'closed' AND new_value = 'true'",
            m=month,
        )[0][0]
        later = query(
            db_url,
            "SELECT count(*) FROM audit_log WHERE period = :m AND table_name LIKE 'status%' AND id > :c",
            m=month,
            c=closed_at,
        )[0][0]
        assert later == 0, f"{later} changes written into {month} after its close"
        statuses = query(db_url, "SELECT count(*) FROM status_report WHERE period = :m", m=month)[0][0]
        if import_result["exit"] == 0:
            assert statuses == IMPORT_ROWS  # it committed before the close, which archived it
        else:
            assert "is closed" in import_result["stderr"], import_result
            assert statuses == 1
        outcomes.append(import_result["exit"])
    assert len(outcomes) == 3


def test_backups_taken_during_writes_are_consistent_and_restorable(migrated, db_url, tmp_path):
    add_projects(db_url, 3)
    writers = [
        [
            (
                f"w{n}",
                "risk",
                "add",
                f"P{n + 1}",
                f"Risiko {n}-{k}",
                "--probability",
                "3",
                "--consequence",
                "3",
                "--period",
                "2024-01",
            )
            for k in range(3)
        ]
        for n in range(3)
    ]
    backups = [tmp_path / f"backup-{k}.json" for k in range(3)]
    backer = [("backer", "db", "backup", str(path), "--format", "json") for path in backups]
    results = race(db_url, [*writers, backer])
    assert [r for r in results if r["exit"] != 0] == []
    for number, path in enumerate(backups):
        dump = json.loads(path.read_text(encoding="utf-8"))["tables"]
        risks = {str(row[0]) for row in dump["risk"]["rows"]}
        columns = dump["audit_log"]["columns"]
        audited = {
            row[columns.index("row_key")]
            for row in dump["audit_log"]["rows"]
            if row[columns.index("table_name")] == "risk" and row[columns.index("action")] == "insert"
        }
        assessed = {str(row[0]) for row in dump["risk_assessment"]["rows"]}
        assert risks == audited == assessed, f"backup {number} is not one moment of the database"
        target = f"sqlite:///{tmp_path / f'restored-{number}.db'}"
        ok(migrated("--db", target, "db", "restore", str(path)))
        restored = query(target, "SELECT count(*) FROM risk")[0][0]
        assert restored == len(risks)
