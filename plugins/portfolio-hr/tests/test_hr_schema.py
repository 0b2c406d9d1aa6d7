"""The hr tables are made by the plugin's own Alembic branch and agree with the models."""

from __future__ import annotations

from portfolio.testing import (
    assert_branch_schema,
    downgrade,
    load_plugins,
    make_engine,
    upgrade,
)

TABLES = {"hr_sick_leave", "hr_aml_breach", "hr_text"}


def test_models_and_migrations_agree_and_the_branch_goes_down_and_up(portfolio_db_url: str) -> None:
    assert_branch_schema(portfolio_db_url, "hr", ("hr_0001", "hr_0002"), TABLES)


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
