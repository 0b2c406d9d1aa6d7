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
    time.sleep(2.5)  # start-up, the file's checks, and well into the writing
    still_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert still_running, "the import finished before it could be interrupted; raise ROWS"

    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(StatusReport)).scalar() == 0
    engine.dispose()
    # the database is not left locked: the next writer gets straight in
    ok(migrated("status", "set", "P1", "--period", "2024-01", "--scope", "green"))
