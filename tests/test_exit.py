"""The ``portfolio`` command ends without unloading every module, and loses nothing by it:
its exit code, everything it printed, what it stored and the database's log all stay as if it
had ended the slow way."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def portfolio(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, its output through pipes (block-buffered)."""
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args], capture_output=True, text=True, input=stdin, timeout=120
    )


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "exit.db"
    assert portfolio("--db", str(path), "db", "upgrade").returncode == 0
    return path


def test_what_a_command_stores_and_prints_survives_the_quick_exit(database):
    for n in range(3):
        added = portfolio("--db", str(database), "project", "add", f"P{n}", f"Project {n}")
        assert added.returncode == 0 and f"Added project P{n}." in added.stdout
    listed = portfolio("--db", str(database), "project", "list", "--format", "json")
    assert listed.returncode == 0
    assert [row["code"] for row in json.loads(listed.stdout)] == ["P0", "P1", "P2"]  # printed in full
    # the engine was disposed first: SQLite checkpointed its log and removed it
    assert not Path(f"{database}-wal").exists()


def test_a_long_report_is_printed_to_its_last_line(database):
    assert portfolio("--db", str(database), "demo").returncode == 0
    built = portfolio("--db", str(database), "report", "build", "--period", "2024-01", "--format", "md")
    assert built.returncode == 0 and len(built.stdout) > 8192  # more than one buffer's worth
    reference = subprocess.run(
        [sys.executable, "-c", "from portfolio.cli import main; main()", "--db", str(database), "report", "build",
         "--period", "2024-01", "--format", "md"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert built.stdout == reference.stdout  # the same bytes as an exit through SystemExit


def test_exit_codes_and_error_messages_are_kept(database):
    missing = portfolio("--db", str(database), "project", "show", "NOPE")
    assert missing.returncode == 1 and "no project 'NOPE'" in missing.stderr
    usage = portfolio("--db", str(database), "project", "list", "--bogus")
    assert usage.returncode == 2 and "No such option '--bogus'" in usage.stderr
    assert portfolio("--version").returncode == 0


def test_exit_at_once_ends_as_system_exit_would():
    code = (
        "import atexit, sys\n"
        "from portfolio.cli import exit_at_once\n"
        "atexit.register(lambda: print('exit handler ran'))\n"
        "sys.stdout.write('buffered, not yet flushed')\n"
        "exit_at_once(sys.argv[1] if sys.argv[1] == 'text' else int(sys.argv[1]))\n"
    )
    for given, status in (("0", 0), ("3", 3), ("text", 1)):
        done = subprocess.run([sys.executable, "-c", code, given], capture_output=True, text=True, timeout=60)
        assert done.returncode == status
        assert done.stdout == "buffered, not yet flushedexit handler ran\n"
    assert done.stderr == "text\n"


def test_under_a_profiler_the_command_exits_the_normal_way(tmp_path):
    """A profiler or a coverage tracer writes its results at the normal exit: there is one."""
    output = tmp_path / "run.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "portfolio", "--version"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and "portfolio, version" in done.stdout
    assert output.stat().st_size > 0
