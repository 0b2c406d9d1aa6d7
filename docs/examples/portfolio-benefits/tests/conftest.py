"""Every test runs isolated from the developer's own portfolio config and database."""

import pytest


@pytest.fixture(autouse=True)
def _isolated(portfolio_isolated):
    return portfolio_isolated
