"""The hr plugin's tests run on an isolated environment with only the core and this plugin,
so another installed plugin's state cannot change what they see."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest

from portfolio.testing import Runner, ok

SEED = Path("/work/shared/seed/virksomhetsrapport-2024-01.txt")


@pytest.fixture(autouse=True)
def hr_only(portfolio_isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    others = sorted({ep.name for ep in entry_points(group="portfolio")} - {"hr"})
    if others:
        monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", ",".join(others))
    return portfolio_isolated


@pytest.fixture
def hr_demo(portfolio_migrated: Runner) -> Runner:
    """A database after 'portfolio demo', with the hr plugin's part loaded for certain."""
    result = ok(portfolio_migrated("demo"))
    assert "hr" in result.output, result.output
    return portfolio_migrated


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
