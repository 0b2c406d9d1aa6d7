"""The plugin as the core sees it: listed, its section second, its migrations agreeing with its
models, its branch going down and up, backups carrying its tables, and a light ``--help``."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import inspect

from portfolio.testing import ok

FINANCE_TABLES = {
    "finance_figure",
    "finance_annual_budget",
    "finance_text",
    "finance_investment",
    "finance_liquidity",
    "finance_staffing",
}


def test_listed_with_its_hooks(portfolio_cli):
    plugins = json.loads(ok(portfolio_cli("plugins", "--format", "json")).stdout)
    (finance,) = [p for p in plugins if p["name"] == "finance"]
    assert finance["source"] == "portfolio-finance" and finance["version"] == "0.1.0"


def test_section_order_and_titles(portfolio_migrated):
    sections = json.loads(ok(portfolio_migrated("report", "sections", "--format", "json")).stdout)
    (finance,) = [s for s in sections if s["key"] == "finance"]
    assert (finance["order"], finance["title"], finance["plugin"]) == (20, "Økonomi", "finance")
    assert [s["key"] for s in sections][:2] == ["assessment", "finance"]


def test_models_and_migrations_agree(portfolio_migrated, portfolio_db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from portfolio.testing import full_metadata, load_plugins, make_engine

    engine = make_engine(portfolio_db_url)
    try:
        assert set(inspect(engine).get_table_names()) >= FINANCE_TABLES
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, full_metadata(load_plugins()))
    finally:
        engine.dispose()
    assert diff == []


def test_branch_goes_down_and_up(portfolio_demo, portfolio_db_url):
    from portfolio.testing import make_engine

    ok(portfolio_demo("db", "downgrade", "finance@base", "--yes"))
    engine = make_engine(portfolio_db_url)
    try:
        assert not FINANCE_TABLES & set(inspect(engine).get_table_names())
        assert "program" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    ok(portfolio_demo("db", "upgrade"))
    ok(portfolio_demo("demo"))
    assert "Resultatrapport 2024" in ok(portfolio_demo("finance", "show", "--period", "2024-01")).stdout


def test_backup_and_restore_carry_the_finance_tables(portfolio_demo, tmp_path):
    backup = tmp_path / "backup.json"
    ok(portfolio_demo("db", "backup", str(backup), "--format", "json"))
    dump = backup.read_text(encoding="utf-8")
    assert all(table in dump for table in FINANCE_TABLES)
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    ok(portfolio_demo("--db", target, "db", "upgrade"))
    ok(portfolio_demo("--db", target, "db", "restore", str(backup)))
    before = ok(portfolio_demo("finance", "show", "--period", "2024-01", "--format", "csv")).stdout
    after = ok(portfolio_demo("--db", target, "finance", "show", "--period", "2024-01", "--format", "csv")).stdout
    assert before == after


PROBE = """
import json, sys
from portfolio.cli import main
try:
    main({args!r})
except SystemExit:
    pass
heavy = ("sqlalchemy", "sqlmodel", "alembic", "babel", "tabulate", "openpyxl")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def test_help_stays_light():
    for args in (["--help"], ["finance", "--help"], ["finance", "import", "--help"]):
        done = subprocess.run(
            [sys.executable, "-c", PROBE.format(args=args)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(done.stderr.strip().splitlines()[-1]) == [], args
