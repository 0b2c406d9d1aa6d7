"""Migrations keep data: a database from the first schema upgrades intact; plugin branches migrate too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from portfolio.database import make_engine
from portfolio.plugins import load_plugins
from portfolio.schema import current_revisions, downgrade, full_metadata, is_current, upgrade
from tests.helpers import fails, ok
from tests.support import notes_plugin

FIXTURE = Path(__file__).parent / "fixtures" / "schema-0001.db"
NOTES = [("notes", notes_plugin)]


def test_a_database_from_the_first_schema_upgrades_with_its_data(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from portfolio.cli import build_cli

    copy = tmp_path / "old.db"
    shutil.copy(FIXTURE, copy)

    def run(*args):
        return CliRunner().invoke(build_cli(), ["--db", str(copy), *args])

    before = fails(run("status", "matrix", "--period", "2024-01"))
    assert "is not up to date; run 'portfolio db upgrade'" in before.stderr
    ok(run("db", "upgrade"))
    matrix = json.loads(ok(run("status", "matrix", "--period", "2024-01", "--format", "json")).stdout)
    assert len(matrix) == 22
    raf = matrix[0]
    assert raf["code"] == "RAF" and raf["dependencies_trend"] == "better"
    periods = json.loads(ok(run("period", "list", "--format", "json")).stdout)
    assert {p["period"]: p["closed"] for p in periods} == {"2023-12": True, "2024-01": False}
    assert "version 1" in ok(run("status", "show", "IAM2", "--period", "2024-01")).stdout
    risks = json.loads(ok(run("risk", "list", "--zone", "red", "--period", "2024-01", "--format", "json")).stdout)
    assert len(risks) == 7
    assert ok(run("assessment", "show", "--period", "2024-01")).stdout.startswith("Status for virksomheten")
    # the upgraded database is fully usable: a change is versioned and audited
    ok(run("status", "set", "IAM2", "--period", "2024-01", "--scope", "yellow", "--expect-version", "1"))
    history = json.loads(ok(run("history", "IAM2", "--format", "json")).stdout)
    assert history[-1]["field"] == "scope" and (history[-1]["old"], history[-1]["new"]) == ("green", "yellow")


def test_a_plugin_branch_is_migrated_with_the_core(run):
    ok(run("db", "upgrade", plugins=NOTES))
    current = ok(run("db", "current", plugins=NOTES)).stdout
    assert "notes_0001" in current and "0010_recovery_actions" in current and "up to date" in current
    ok(run("project", "add", "P1", "Prosjekt", plugins=NOTES))
    assert ok(run("notes", "add", "P1", "Første notat", "--amount", "12.50", plugins=NOTES)).stdout == "Added note.\n"


def test_a_database_without_a_plugins_tables_is_not_up_to_date(migrated):
    result = fails(migrated("project", "list", plugins=NOTES))
    assert "is not up to date; run 'portfolio db upgrade'" in result.stderr
    ok(migrated("db", "upgrade", plugins=NOTES))
    ok(migrated("project", "list", plugins=NOTES))


def test_plugin_models_and_migrations_agree_and_go_down_to_base(db_url):
    host = load_plugins(extra=NOTES)
    engine = make_engine(db_url)
    upgrade(engine, host)
    assert "notes_0001" in current_revisions(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), full_metadata(host))
    assert diff == []
    downgrade(engine, host, "base")
    assert current_revisions(engine) == set()
    upgrade(engine, host)
    assert is_current(current_revisions(engine), host)
    engine.dispose()


def test_a_database_from_a_newer_version_is_named_as_such(migrated, db_url):
    from sqlalchemy import text

    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999_future')"))
    engine.dispose()
    result = fails(migrated("project", "list"))
    assert "has revision 9999_future, which this installation does not know" in result.stderr
