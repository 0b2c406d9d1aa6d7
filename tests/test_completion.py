"""Shell completion (click's): codes, managers and months from the database; never an error."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio.cli import build_cli
from portfolio.period import Period
from tests.helpers import ok

pytestmark = pytest.mark.usefixtures("core_only")


def complete(db: str | None, *words: str) -> list[str]:
    """What bash would offer after ``portfolio WORDS`` (the last word is the one being completed)."""
    line = ["portfolio", *(["--db", db] if db else []), *words]
    env = {"_PORTFOLIO_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(line), "COMP_CWORD": str(len(line) - 1)}
    if words and words[-1] == "":
        env["COMP_WORDS"] += " "
    result = CliRunner().invoke(build_cli(), [], env=env, prog_name="portfolio")
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


@pytest.fixture
def reg(migrated, db_url: str):  # type: ignore[no-untyped-def]
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--owner", "Siv Sjef"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--manager", "Kari Nordmann"))
    ok(migrated("project", "add", "ITAM", "IT Asset Management", "--program", "HIS2", "--manager", "Kari Nordmann"))
    ok(migrated("project", "add", "RAF", "RAF", "--manager", "Ola Olsen"))
    ok(migrated("status", "set", "RAF", "--period", "2023-11", "--scope", "green"))
    ok(migrated("period", "close", "2023-12"))
    return db_url


def test_codes_managers_and_months_come_from_the_database(reg) -> None:
    assert complete(reg, "status", "show", "I") == ["IAM2", "ITAM"]
    assert complete(reg, "status", "set", "") == ["HIS2", "IAM2", "ITAM", "RAF"]  # projects and programs
    assert complete(reg, "project", "show", "") == ["IAM2", "ITAM", "RAF"]
    assert complete(reg, "status", "template", "--program", "") == ["HIS2"]
    assert complete(reg, "status", "missing", "--manager", "k") == ["Kari Nordmann"]
    assert complete(reg, "status", "template", "--manager", "") == ["Kari Nordmann", "Ola Olsen", "Siv Sjef"]
    now = Period.current()
    assert complete(reg, "status", "matrix", "--period", "2023") == ["2023-11", "2023-12"]
    assert complete(reg, "round", "--period", "") == sorted({"2023-11", "2023-12", str(now.previous()), str(now)})


def test_no_database_means_no_suggestions_and_no_error(tmp_path: Path) -> None:
    missing = f"sqlite:///{tmp_path / 'none.db'}"
    assert complete(missing, "status", "show", "") == []
    assert not (tmp_path / "none.db").exists()  # completion never creates the database
    (tmp_path / "empty.db").write_bytes(b"")
    assert complete(f"sqlite:///{tmp_path / 'empty.db'}", "status", "show", "") == []  # no tables
    assert complete("postgresql+psycopg://nobody@127.0.0.1:1/none", "project", "show", "") == []
    assert str(Period.current()) in complete(missing, "report", "build", "--period", "")


def test_the_shell_scripts_and_a_real_completion_are_quick(reg, tmp_path: Path) -> None:
    env = {**os.environ, "_PORTFOLIO_COMPLETE": "zsh_source"}
    script = subprocess.run([sys.executable, "-m", "portfolio"], env=env, capture_output=True, text=True, check=True)
    assert "#compdef portfolio" in script.stdout
    env = {**os.environ, "_PORTFOLIO_COMPLETE": "fish_source"}
    script = subprocess.run([sys.executable, "-m", "portfolio"], env=env, capture_output=True, text=True, check=True)
    assert "complete --no-files --command portfolio" in script.stdout
    env = {
        **os.environ,
        "_PORTFOLIO_COMPLETE": "bash_complete",
        "COMP_WORDS": f"portfolio --db {reg} status show R",
        "COMP_CWORD": "5",
    }
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "portfolio"], env=env, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    assert result.stdout == "plain,RAF\n"
    assert elapsed < 5  # generous for a loaded CI machine; about 0.3 s on a laptop
