"""Shared fixtures: every database test runs on SQLite and, when configured, on PostgreSQL.

Set PORTFOLIO_TEST_POSTGRES_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/portfolio_test)
to run the suite against PostgreSQL too; each test gets a schema of its own there.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

POSTGRES_ENV = "PORTFOLIO_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's config, database or plugin switches."""
    for name in ("PORTFOLIO_DB", "PORTFOLIO_CONFIG", "PORTFOLIO_DISABLE_PLUGINS", "PORTFOLIO_USER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.chdir(tmp_path)


def _postgres_schema_url(base: str, schema: str) -> str:
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a fresh schema on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'portfolio.db'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_schema_url(base, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


Runner = Callable[..., Result]


@pytest.fixture
def run(db_url: str) -> Runner:
    """Run the CLI in-process against the test database: ``run("project", "list")``."""

    def invoke(*args: str, input: str | None = None, user: str = "tester", plugins=()) -> Result:
        from portfolio.cli import build_cli

        cli = build_cli(extra_plugins=plugins)
        return CliRunner().invoke(cli, ["--db", db_url, "--as", user, *args], input=input, catch_exceptions=True)

    return invoke


@pytest.fixture
def migrated(run: Runner) -> Runner:
    """The CLI on a database that has been upgraded to the newest schema."""
    result = run("db", "upgrade")
    assert result.exit_code == 0, result.output
    return run


@pytest.fixture
def demo(migrated: Runner) -> Runner:
    """The CLI on a database holding the demo data set."""
    result = migrated("demo")
    assert result.exit_code == 0, result.output
    return migrated
