"""The milestones tables are made by the plugin's own Alembic branch and agree with the models."""

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

TABLES = {"milestones_milestone", "milestones_forecast"}


def test_models_and_migrations_agree_and_the_branch_goes_down_and_up(portfolio_db_url: str) -> None:
    assert_branch_schema(portfolio_db_url, "milestones", ("milestones_0001",), TABLES)


def test_database_refuses_bad_tolerances(portfolio_db_url: str) -> None:
    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    try:
        upgrade(engine, host)
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO project (id, code, name, active, position) VALUES (1, 'A', 'A', true, 0)")
            )
        columns = "project_id, key, name, baseline, period, tolerance_days, tolerance_percent"
        for values in (
            "1, 'M', 'M', '2024-06-30', '2024-01', -1, NULL",
            "1, 'M', 'M', '2024-06-30', '2024-01', NULL, 101",
            "1, 'M', 'M', '2024-06-30', '2024-01', 5, 10",
        ):
            with pytest.raises(IntegrityError), engine.begin() as connection:
                connection.execute(text(f"INSERT INTO milestones_milestone ({columns}) VALUES ({values})"))
    finally:
        engine.dispose()
