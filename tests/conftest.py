"""The core's tests use the fixtures of ``portfolio.testing`` under short names.

Set PORTFOLIO_TEST_POSTGRES_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/portfolio_test)
to run every database test against PostgreSQL as well as SQLite.
"""

from __future__ import annotations

import pytest

from portfolio.testing import POSTGRES_ENV, Runner, postgres_schema_url

__all__ = ["POSTGRES_ENV", "Runner", "_postgres_schema_url"]
_postgres_schema_url = postgres_schema_url


@pytest.fixture(autouse=True)
def isolated_environment(portfolio_isolated):
    """No test reads the developer's config, database or plugin switches."""
    return portfolio_isolated


@pytest.fixture
def db_url(portfolio_db_url: str) -> str:
    return portfolio_db_url


@pytest.fixture
def run(portfolio_cli: Runner) -> Runner:
    return portfolio_cli


@pytest.fixture
def migrated(portfolio_migrated: Runner) -> Runner:
    return portfolio_migrated


@pytest.fixture
def demo(portfolio_demo: Runner) -> Runner:
    return portfolio_demo


@pytest.fixture
def core_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the core's built-in plugin: for tests of the core's own output, whatever is installed."""
    from importlib.metadata import entry_points

    names = sorted({entry_point.name for entry_point in entry_points(group="portfolio")})
    if names:
        monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", ",".join(names))
