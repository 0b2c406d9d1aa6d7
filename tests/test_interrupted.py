"""A process killed in the middle of an import leaves the database as it was before."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, insert, select

from portfolio.database import make_engine
from portfolio.models import Project, StatusReport
from tests.helpers import ok

ROWS = 6000


def test_killed_import_leaves_nothing_behind(migrated, db_url, tmp_path: Path):
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(
            insert(Project),
            [{"code": f"P{n}", "name": f"Prosjekt {n}", "active": True, "position": n} for n in range(ROWS)],
        )
    csv_file = tmp_path / "big.csv"
    lines = ["code,scope,finance,resources,schedule,dependencies,benefits"]
    lines += [f"P{n},green,yellow,red,na,green,green" for n in range(ROWS)]
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    process = subprocess.Popen(
        [sys.executable, "-m", "portfolio", "--db", db_url, "status", "import", str(csv_file), "--period", "2024-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    writing = _wait_until_writing(db_url, process)
    still_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert writing and still_running, "the import finished before it could be interrupted; raise ROWS"

    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(StatusReport)).scalar() == 0
    engine.dispose()
    # the database is not left locked: the next writer gets straight in
    ok(migrated("status", "set", "P1", "--period", "2024-01", "--scope", "green"))


def _wait_until_writing(db_url: str, process: subprocess.Popen, limit: float = 60.0) -> bool:
    """Poll until the import holds its write transaction open, so the kill lands mid-write."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if _writer_active(db_url):
            return True
        time.sleep(0.005)
    return False


def _writer_active(db_url: str) -> bool:
    if db_url.startswith("sqlite"):
        import sqlite3

        connection = sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:  # "database is locked": the import holds the write lock
            return True
        finally:
            connection.close()
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            count = connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    "WHERE c.relname = 'status_report' AND l.mode = 'RowExclusiveLock' "
                    "AND l.pid <> pg_backend_pid()"
                )
            ).scalar()
        return bool(count)
    finally:
        engine.dispose()
