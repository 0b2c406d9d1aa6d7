"""The plugin loads like any installed one; its models and its migration agree."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect

from portfolio.testing import (
    build_cli,
    current_revisions,
    downgrade,
    expected_heads,
    full_metadata,
    is_current,
    load_plugins,
    make_engine,
    ok,
    upgrade,
)

TABLES = {
    "services_support_month",
    "services_order",
    "services_order_hours",
    "services_operations_month",
    "services_readiness_event",
    "services_text",
}


def test_the_plugin_is_installed_and_listed(portfolio_cli):
    output = ok(portfolio_cli("plugins")).output
    assert "services" in output and "portfolio-services" in output
    sections = ok(portfolio_cli("report", "sections")).output
    assert "Tjenester/produksjon" in sections


def test_models_and_migration_agree(portfolio_db_url):
    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    upgrade(engine, host)
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, full_metadata(host))
    engine.dispose()
    assert diff == []


def test_downgrade_removes_the_tables_and_upgrade_restores_them(portfolio_db_url):
    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    upgrade(engine, host)
    downgrade(engine, host, "base")
    assert not TABLES & set(inspect(engine).get_table_names())
    upgrade(engine, host)
    assert is_current(current_revisions(engine), host)
    assert "services_0001" in expected_heads(host)
    engine.dispose()


def test_help_does_not_import_the_database_layer():
    probe = (
        "import sys\n"
        "from portfolio.cli import main\n"
        "try:\n    main(['service', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'babel', 'dateutil')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "Usage: portfolio service" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_a_json_backup_round_trip_keeps_the_services_tables(portfolio_demo, tmp_path, section):
    before = section(portfolio_demo)
    dump = tmp_path / "backup.json"
    ok(portfolio_demo("db", "backup", str(dump), "--format", "json"))
    fresh = f"sqlite:///{tmp_path / 'restored.db'}"

    def run(*args):
        return CliRunner().invoke(build_cli(), ["--db", fresh, *args])

    ok(run("db", "restore", str(dump)))
    assert section(run) == before
