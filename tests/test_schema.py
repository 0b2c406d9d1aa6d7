"""Migrations are the only source of the schema, and they agree with the models."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_mock_engine, inspect

from portfolio.database import make_engine
from portfolio.models import PARTIAL_INDEXES, Narrative
from portfolio.plugins import load_plugins
from portfolio.schema import current_revisions, downgrade, full_metadata, is_current, upgrade


def test_models_and_migrations_agree(db_url):
    host = load_plugins()
    engine = make_engine(db_url)
    upgrade(engine, host)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, full_metadata(host))
    engine.dispose()
    assert diff == []


def test_upgrade_to_head_and_down_to_base(db_url):
    host = load_plugins()
    engine = make_engine(db_url)
    upgrade(engine, host)
    assert is_current(current_revisions(engine), host)
    assert {"program", "project", "status_report", "status_rating", "risk", "measure"} <= set(
        inspect(engine).get_table_names()
    )
    downgrade(engine, host, "base")
    assert current_revisions(engine) == set()
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine, host)
    assert is_current(current_revisions(engine), host)
    engine.dispose()


def _condition(clause: object) -> str:
    """A partial index's condition as text, without the brackets PostgreSQL reflects it in."""
    return " ".join(str(clause).replace("(", " ").replace(")", " ").split())


def test_the_partial_indexes_conditions_agree_with_the_migrations(db_url):
    """Alembic's comparison does not look at an index's WHERE: checked here, on each dialect."""
    host = load_plugins()
    engine = make_engine(db_url)
    upgrade(engine, host)
    dialect = engine.dialect.name
    reflected = {index["name"]: index for index in inspect(engine).get_indexes("narrative")}
    engine.dispose()
    table = full_metadata(host).tables["narrative"]
    for name, condition in PARTIAL_INDEXES.items():
        model = next(index for index in table.indexes if index.name == name)
        assert _condition(model.dialect_options[dialect]["where"]) == condition
        assert _condition(reflected[name]["dialect_options"][f"{dialect}_where"]) == condition


def _created_statements(url: str) -> list[str]:
    """The DDL that creating the narrative table emits on ``url``'s dialect (nothing is run)."""
    statements: list[str] = []

    def emit(sql, *_args, **_kw):  # type: ignore[no-untyped-def]
        statements.append(str(sql.compile(dialect=engine.dialect)).strip())

    engine = create_mock_engine(url, emit)
    Narrative.__table__.create(engine)  # type: ignore[attr-defined]
    return statements


def test_create_all_gives_a_partial_index_its_condition_on_each_dialect():
    for url in ("sqlite://", "postgresql+psycopg://"):
        created = [s for s in _created_statements(url) if "INDEX uq_narrative_period_scope " in s]
        assert created == [
            "CREATE UNIQUE INDEX uq_narrative_period_scope ON narrative (period, scope) WHERE program_id IS NULL"
        ], url


def test_reading_a_sqlite_database_does_not_import_the_postgresql_dialect(tmp_path):
    """SQLAlchemy imports a dialect to check an option named for it; the models name none."""
    db = str(tmp_path / "read.db")
    subprocess.run([sys.executable, "-m", "portfolio", "--db", db, "db", "upgrade"], capture_output=True, check=True)
    code = (
        "import sys\nfrom portfolio.cli import main\n"
        f"try:\n    main(['--db', {db!r}, 'status', 'matrix', '--period', '2024-01'])\n"
        "except SystemExit as done:\n    assert not done.code, done.code\n"
        "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy.dialects.')), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = done.stderr.strip().splitlines()[-1]
    assert "sqlalchemy.dialects.sqlite" in loaded and "postgresql" not in loaded
