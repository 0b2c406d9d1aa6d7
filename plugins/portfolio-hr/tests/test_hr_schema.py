"""The hr tables are made by the plugin's own Alembic branch and agree with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from portfolio.testing import (
    current_revisions,
    downgrade,
    ensure_current,
    full_metadata,
    load_plugins,
    make_engine,
    upgrade,
)

TABLES = {"hr_sick_leave", "hr_aml_breach", "hr_text"}


def test_models_and_migrations_agree(portfolio_db_url: str) -> None:
    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    try:
        upgrade(engine, host)
        assert "hr_0002" in current_revisions(engine)
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
        downgrade(engine, host, "hr@base")
        assert not TABLES & set(inspect(engine).get_table_names())
        assert "hr_0001" not in current_revisions(engine)
        upgrade(engine, host)
        assert "hr_0002" in current_revisions(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
        ensure_current(engine, host)  # the commands accept the database again
    finally:
        engine.dispose()


def test_database_refuses_out_of_range_values(portfolio_db_url: str) -> None:
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    try:
        upgrade(engine, host)
        for statement in (
            "INSERT INTO hr_sick_leave (period, total) VALUES ('2023-01', 100.5)",
            "INSERT INTO hr_sick_leave (period, total, long_term) VALUES ('2023-01', 5, -1)",
            "INSERT INTO hr_aml_breach (period, breach_type, count) VALUES ('2023-01', 'x', -1)",
        ):
            with pytest.raises(IntegrityError), engine.begin() as connection:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def test_hr_0002_keeps_the_months_stored_before_it(portfolio_db_url: str) -> None:
    from sqlalchemy import text

    from portfolio.testing import table_rows

    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    try:
        upgrade(engine, host)
        downgrade(engine, host, "hr_0001")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO hr_sick_leave (period, total, short_term) VALUES ('2023-01', 7.4, 2.9)")
            )
        before = table_rows(portfolio_db_url, ("hr_sick_leave",))
        upgrade(engine, host)
        after = table_rows(portfolio_db_url, ("hr_sick_leave",))
        assert after == {"hr_sick_leave": [(*row, None) for row in before["hr_sick_leave"]]}
        downgrade(engine, host, "hr_0001")
        assert table_rows(portfolio_db_url, ("hr_sick_leave",)) == before
    finally:
        engine.dispose()
