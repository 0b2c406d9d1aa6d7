"""The benefits (gains) tables are made by the plugin's own Alembic branch and agree with the models."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from portfolio.testing import (
    assert_branch_schema,
    load_plugins,
    make_engine,
    upgrade,
)

TABLES = {"gains_benefit", "gains_value"}


def test_models_and_migrations_agree_and_the_branch_goes_down_and_up(portfolio_db_url: str) -> None:
    assert_branch_schema(portfolio_db_url, "gains", ("gains_0001",), TABLES)


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
