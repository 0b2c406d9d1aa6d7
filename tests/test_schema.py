"""Migrations are the only source of the schema, and they agree with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from portfolio.database import make_engine
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
