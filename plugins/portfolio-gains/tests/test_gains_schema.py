"""The benefits (gains) tables are made by the plugin's own Alembic branch and agree with the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from portfolio.testing import (
    current_revisions,
    downgrade,
    ensure_current,
    full_metadata,
    load_plugins,
    make_engine,
    upgrade,
)

TABLES = {"gains_benefit", "gains_value"}


def test_models_and_migrations_agree(portfolio_db_url: str) -> None:
    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    try:
        upgrade(engine, host)
        assert "gains_0001" in current_revisions(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, full_metadata(host))
        assert diff == []
    finally:
        engine.dispose()


def test_branch_goes_down_and_up_again(portfolio_db_url: str) -> None:
    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    try:
        upgrade(engine, host)
        downgrade(engine, host, "gains@base")
        assert not TABLES & set(inspect(engine).get_table_names())
        upgrade(engine, host)
        assert "gains_0001" in current_revisions(engine)
        ensure_current(engine, host)
    finally:
        engine.dispose()


def test_database_refuses_a_benefit_of_two_subjects_or_none_or_one_that_moves_nothing(portfolio_db_url: str) -> None:
    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    try:
        upgrade(engine, host)
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO project (id, code, name, active, position) VALUES (1, 'A', 'A', true, 0)")
            )
            connection.execute(text("INSERT INTO program (id, code, name, active) VALUES (1, 'P', 'P', true)"))
        columns = "project_id, program_id, key, measure, owner, unit, baseline, target, target_date, period"
        for values in (
            "1, 1, 'B', 'm', 'o', 'u', 0, 1, '2024-12-31', '2024-01'",
            "NULL, NULL, 'B', 'm', 'o', 'u', 0, 1, '2024-12-31', '2024-01'",
            "1, NULL, 'B', 'm', 'o', 'u', 5, 5, '2024-12-31', '2024-01'",
        ):
            with pytest.raises(IntegrityError), engine.begin() as connection:
                connection.execute(text(f"INSERT INTO gains_benefit ({columns}) VALUES ({values})"))
    finally:
        engine.dispose()
