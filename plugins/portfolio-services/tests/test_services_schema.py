"""The plugin loads like any installed one; its models and its migration agree."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
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
    table_rows,
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
    assert "services_0002" in expected_heads(host)
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


def test_services_0002_keeps_orders_and_hours_and_lets_any_category_in(portfolio_db_url):
    """Dropping the category constraint copies services_order on SQLite: its rows and the hours
    that cascade from it survive the upgrade and the downgrade; back past services_0002 an order
    of a configured category is refused in one line, not lost."""
    from sqlalchemy import text

    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    upgrade(engine, host)
    downgrade(engine, host, "services_0001")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO services_order (id, reference, category, received) VALUES (1, 'NT-1', 'network', :d)"),
            {"d": dt.date(2024, 1, 2)},
        )
        connection.execute(
            text("INSERT INTO services_order_hours (order_id, work_date, hours) VALUES (1, :d, 7.5)"),
            {"d": dt.date(2024, 1, 5)},
        )
    kept = ("services_order", "services_order_hours")
    before = table_rows(portfolio_db_url, kept)
    upgrade(engine, host)
    assert table_rows(portfolio_db_url, kept) == before
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO services_order (id, reference, category, received) VALUES (2, 'NT-2', 'sikkerhet', :d)"),
            {"d": dt.date(2024, 1, 3)},
        )
    with pytest.raises(Exception, match="categories sikkerhet, which the previous schema does not allow"):
        downgrade(engine, host, "services_0001")
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM services_order WHERE id = 2"))
    downgrade(engine, host, "services_0001")
    assert table_rows(portfolio_db_url, kept) == before
    with pytest.raises(Exception, match=r"category_value|check constraint|CHECK"), engine.begin() as connection:
        connection.execute(
            text("INSERT INTO services_order (id, reference, category, received) VALUES (3, 'NT-3', 'x', :d)"),
            {"d": dt.date(2024, 1, 3)},
        )
    engine.dispose()
