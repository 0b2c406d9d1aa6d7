"""Backup and restore: nothing is lost, plugins' tables included, across backends."""

from __future__ import annotations

import json
import os
import uuid

import pytest
from click.testing import CliRunner

from portfolio.backup import dump
from portfolio.cli import build_cli
from portfolio.database import make_engine
from portfolio.plugins import load_plugins
from tests.conftest import POSTGRES_ENV, _postgres_schema_url
from tests.helpers import fails, ok
from tests.support import notes_plugin

NOTES = [("notes", notes_plugin)]


def _cli(url: str, *args: str):
    return CliRunner().invoke(build_cli(extra_plugins=NOTES), ["--db", url, *args])


def _contents(url: str) -> dict:
    engine = make_engine(url)
    try:
        data = dump(engine, load_plugins(extra=NOTES))
    finally:
        engine.dispose()
    return data


@pytest.fixture
def filled(db_url):
    for args in (
        ("db", "upgrade"),
        ("demo",),
        ("notes", "add", "NAC", "Notat med beløp", "--amount", "1137600.50"),
        ("status", "set", "IAM2", "--period", "2024-01", "--scope", "red", "--scope-comment", "Ny vurdering"),
        ("period", "close", "2023-12"),
    ):
        ok(_cli(db_url, *args))
    return db_url


@pytest.fixture
def empty_targets(tmp_path):
    """An empty SQLite file, and an empty PostgreSQL schema when a server is configured."""
    targets = {"sqlite": f"sqlite:///{tmp_path / 'restored.db'}"}
    base = os.environ.get(POSTGRES_ENV)
    schema = f"r_{uuid.uuid4().hex[:12]}"
    admin = None
    if base:
        from sqlalchemy import create_engine, text

        admin = create_engine(base)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        targets["postgresql"] = _postgres_schema_url(base, schema)
    yield targets
    if admin is not None:
        from sqlalchemy import text

        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_round_trip_loses_nothing(filled, empty_targets, tmp_path, fmt):
    if fmt == "sqlite" and not filled.startswith("sqlite"):
        refused = fails(_cli(filled, "db", "backup", str(tmp_path / "b.sqlite"), "--format", "sqlite"))
        assert "use --format json" in refused.stderr
        return
    backup = tmp_path / f"backup.{fmt}"
    ok(_cli(filled, "db", "backup", str(backup), "--format", fmt))
    original = _contents(filled)
    assert original["tables"]["test_note"]["rows"], "the plugin's table is in the backup"
    assert original["tables"]["audit_log"]["rows"]
    for name, target in empty_targets.items():
        result = ok(_cli(target, "db", "restore", str(backup)))
        assert "Restored" in result.stdout, name
        assert _contents(target) == original, name
        # the restored database takes new rows (PostgreSQL sequences were moved on)
        ok(_cli(target, "project", "add", "NEW1", "Nytt prosjekt"))
        ok(_cli(target, "notes", "add", "NEW1", "Etter gjenoppretting"))
        report = json.loads(ok(_cli(target, "report", "build", "--period", "2024-01", "--format", "json")).stdout)
        assert "portfolio" in [section["key"] for section in report["sections"]] and report["omitted"] == []


def test_restore_refuses_a_database_with_data(filled, tmp_path):
    backup = tmp_path / "backup.json"
    ok(_cli(filled, "db", "backup", str(backup), "--format", "json"))
    refused = fails(_cli(filled, "db", "restore", str(backup)))
    assert "is not empty" in refused.stderr and "restore needs an empty database" in refused.stderr


def test_backup_refuses_to_overwrite_and_bad_files_are_named(filled, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_text("keep")
    assert "exists; use --force" in fails(_cli(filled, "db", "backup", str(backup), "--format", "json")).stderr
    assert backup.read_text() == "keep"
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}')
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert "is not a portfolio dump" in fails(_cli(empty, "db", "restore", str(junk))).stderr
