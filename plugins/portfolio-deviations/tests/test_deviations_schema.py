"""The plugin's models and its migration agree; its branch goes up and down; it starts light."""

from __future__ import annotations

import json
import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from portfolio.testing import current_revisions, downgrade, full_metadata, load_plugins, make_engine, ok, upgrade

TABLES = {"deviations_deviation", "deviations_import", "deviations_snapshot", "deviations_text"}


def test_models_and_migrations_agree(portfolio_db_url):
    host = load_plugins()
    assert "deviations" in host.names()
    engine = make_engine(portfolio_db_url)
    upgrade(engine, host)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, full_metadata(host))
    engine.dispose()
    assert diff == []


def test_the_branch_goes_down_and_up_again(portfolio_db_url):
    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    upgrade(engine, host)
    assert set(inspect(engine).get_table_names()) >= TABLES
    assert "deviations_0001" in current_revisions(engine)
    downgrade(engine, host, "deviations@base")
    assert not TABLES & set(inspect(engine).get_table_names())
    assert "program" in inspect(engine).get_table_names()
    upgrade(engine, host)
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()


def test_the_plugin_is_listed_with_its_hooks(portfolio_cli):
    rows = json.loads(ok(portfolio_cli("plugins", "--format", "json")).stdout)
    (row,) = [r for r in rows if r["name"] == "deviations"]
    assert (row["source"], row["version"]) == ("portfolio-deviations", "0.1.0")
    assert set(row["hooks"]) == {
        "portfolio_checks",
        "portfolio_dead_bands",
        "portfolio_demo",
        "portfolio_import_kinds",
        "portfolio_import_profiles",
        "portfolio_locales",
        "portfolio_migrations",
        "portfolio_models",
        "portfolio_register_commands",
        "portfolio_report_sections",
        "portfolio_round_items",
    }


HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "babel", "tabulate")
PROBE = """
import json, sys
import portfolio_deviations.plugin
from portfolio.cli import main
try:
    main({args!r})
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def _heavy_after(args: list[str]) -> list[str]:
    code = PROBE.format(args=args, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_help_imports_no_database_or_report_code():
    assert _heavy_after(["--help"]) == []
    assert _heavy_after(["deviation", "--help"]) == []
    assert _heavy_after(["deviation", "snapshot", "--help"]) == []
