"""Database trouble gives one line and exit 1: no schema, a bad path, a foreign revision."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from portfolio import __version__
from portfolio.database import make_engine
from portfolio.schema import expected_heads
from tests.helpers import fails, ok

# The core's own behaviour, whatever plugins happen to be installed in the environment.
pytestmark = pytest.mark.usefixtures("core_only")

READ_COMMANDS = [
    ("project", "list"),
    ("program", "list"),
    ("status", "matrix", "--period", "2024-01"),
    ("status", "history", "IAM2"),
    ("risk", "list", "--period", "2024-01"),
    ("measure", "list"),
    ("period", "list"),
    ("narrative", "show", "--period", "2024-01"),
]
WRITE_COMMANDS = [
    ("program", "add", "HIS2", "Helhetlig"),
    ("project", "add", "IAM2", "IAM 2"),
    ("status", "set", "IAM2", "--period", "2024-01", "--scope", "green"),
    ("risk", "add", "IAM2", "Risiko", "-p", "1", "-c", "1", "--period", "2024-01"),
    ("period", "close", "2024-01"),
    ("narrative", "set", "--period", "2024-01", "--text", "x"),
]


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    from portfolio.cli import build_cli

    return CliRunner().invoke(build_cli(), list(args), env=env)


def single_error_line(result) -> str:  # type: ignore[no-untyped-def]
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize("command", READ_COMMANDS + WRITE_COMMANDS, ids=" ".join)
def test_database_never_upgraded(run, command: tuple[str, ...]) -> None:
    line = single_error_line(fails(run(*command)))
    assert "is not initialised" in line
    assert "run 'portfolio db upgrade' first" in line


def test_nothing_is_created_by_a_refused_command(run) -> None:
    fails(run("project", "add", "IAM2", "IAM 2"))
    assert "(not initialised)" in ok(run("db", "current")).stdout


def test_db_current_before_and_after_upgrade(run) -> None:
    heads = ", ".join(sorted(expected_heads(None)))
    lines = ok(run("db", "current")).stdout.splitlines()
    assert lines[0].startswith("database: ")
    assert lines[1:] == [
        "revision: (not initialised)",
        f"newest:   {heads}",
        "state:    run 'portfolio db upgrade'",
    ]

    assert ok(run("db", "upgrade")).stdout.startswith("Upgraded ")
    lines = ok(run("db", "current")).stdout.splitlines()
    assert lines[1:] == [f"revision: {heads}", f"newest:   {heads}", "state:    up to date"]
    assert ok(run("db", "upgrade")).stdout.endswith(f" is up to date ({heads}).\n")


def test_downgrade_to_base_and_upgrade_again(migrated) -> None:
    ok(migrated("project", "add", "IAM2", "IAM 2"))
    assert ok(migrated("db", "downgrade", "base", "--yes")).stdout == "Downgraded to base.\n"
    assert "(not initialised)" in ok(migrated("db", "current")).stdout
    assert "is not initialised" in fails(migrated("project", "list")).stderr
    ok(migrated("db", "upgrade"))
    assert "state:    up to date" in ok(migrated("db", "current")).stdout
    assert ok(migrated("project", "list")).stdout == "(none)\n"
    ok(migrated("project", "add", "IAM2", "IAM 2"))
    assert "IAM2" in ok(migrated("project", "list")).stdout


def test_downgrade_asks_first(migrated) -> None:
    ok(migrated("project", "add", "IAM2", "IAM 2"))
    result = migrated("db", "downgrade", "base", input="n\n")
    assert result.exit_code == 1
    assert "Downgrading can drop tables and their data. Continue?" in result.output
    assert "Aborted!" in result.stderr
    assert "Traceback (most recent call last)" not in result.output
    assert "IAM2" in ok(migrated("project", "list")).stdout
    ok(migrated("db", "downgrade", "base", input="y\n"))
    fails(migrated("project", "list"))


def test_revision_this_installation_does_not_know(migrated, db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    line = single_error_line(fails(migrated("project", "list")))
    assert "has revision 9999_future, which this installation does not know" in line
    assert "revision: 9999_future" in ok(migrated("db", "current")).stdout


# --- bad locations (SQLite files) -----------------------------------------------------------------


@pytest.mark.parametrize("command", [("project", "list"), ("db", "upgrade"), ("db", "current")], ids=" ".join)
def test_db_path_in_a_missing_folder(tmp_path: Path, command: tuple[str, ...]) -> None:
    path = tmp_path / "missing" / "portfolio.db"
    result = fails(invoke("--db", str(path), *command))
    assert result.stderr == f"Error: cannot open database {path}: folder {path.parent} does not exist\n"
    assert not path.parent.exists()


@pytest.mark.parametrize("command", [("project", "list"), ("db", "upgrade")], ids=" ".join)
def test_db_path_that_is_a_folder(tmp_path: Path, command: tuple[str, ...]) -> None:
    result = fails(invoke("--db", str(tmp_path), *command))
    assert result.stderr == f"Error: cannot open database {tmp_path}: it is a folder, not a file\n"


def test_db_path_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "p.db"
    result = fails(invoke("project", "list", env={"PORTFOLIO_DB": str(path)}))
    assert result.stderr == f"Error: cannot open database {path}: folder {path.parent} does not exist\n"


def test_relative_db_path_is_a_file_in_the_working_folder(tmp_path: Path) -> None:
    ok(invoke("--db", "local.db", "db", "upgrade"))
    assert (tmp_path / "local.db").is_file()
    assert ok(invoke("--db", "local.db", "project", "list")).stdout == "(none)\n"


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "junk.db").write_text("this is not a database, just some text " * 10, encoding="utf-8")
    line = single_error_line(fails(invoke("--db", "junk.db", "project", "list")))
    assert "file is not a database" in line


def test_url_without_a_driver() -> None:
    result = fails(invoke("--db", "nosuchdb://somewhere/x", "project", "list"))
    assert result.stderr == "Error: no driver for 'nosuchdb' in nosuchdb://somewhere/x\n"


def test_password_is_not_shown(tmp_path: Path) -> None:
    result = fails(invoke("--db", "nosuchdb://pmo:secret@somewhere/x", "project", "list"))
    assert "secret" not in result.output
    assert "pmo:***@somewhere" in result.stderr


# --- starting up ------------------------------------------------------------------------------


@pytest.mark.slow
def test_python_dash_m_portfolio_version(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "portfolio", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"portfolio, version {__version__}\n"
    assert completed.stderr == ""


def test_main_with_a_missing_config_file(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from portfolio.cli import main

    monkeypatch.setenv("PORTFOLIO_CONFIG", "/nonexistent/portfolio.toml")
    with pytest.raises(SystemExit) as info:
        main(["project", "list"])
    assert info.value.code == 1
    assert capsys.readouterr().err == (
        "Error: PORTFOLIO_CONFIG names '/nonexistent/portfolio.toml', which is not a file\n"
    )


def test_main_with_a_bad_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from portfolio.cli import main

    (tmp_path / "portfolio.toml").write_text('colour = "blue"\n', encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {tmp_path / 'portfolio.toml'}: unknown setting 'colour'; allowed: ")
    assert len(err.splitlines()) == 1


def test_reading_a_missing_sqlite_file_does_not_create_it(tmp_path):
    from click.testing import CliRunner

    from portfolio.cli import build_cli

    target = tmp_path / "nowhere.db"
    for args in (["project", "list"], ["db", "current"], ["info"]):
        result = CliRunner().invoke(build_cli(), ["--db", str(target), *args])
        assert result.exit_code in (0, 1), result.output
        assert "Traceback (most recent call last)" not in result.output
    assert not target.exists()
    assert "not initialised" in CliRunner().invoke(build_cli(), ["--db", str(target), "project", "list"]).stderr
