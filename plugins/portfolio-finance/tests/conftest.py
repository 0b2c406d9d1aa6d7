"""Every finance test runs isolated, with the finance plugin and the core only.

Other section plugins installed in the same environment are switched off, so these tests
exercise this plugin and nothing a neighbour's bug could break.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

PLUGIN = "finance"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(autouse=True)
def finance_only(portfolio_isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from importlib.metadata import entry_points

    others = sorted({ep.name for ep in entry_points(group="portfolio")} - {PLUGIN})
    if others:
        monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", ",".join(others))
    return portfolio_isolated


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def write_config(portfolio_isolated: Path) -> Callable[[str], Path]:
    """Write ./portfolio.toml for the test (the CLI reads it from the working directory)."""

    def write(text: str) -> Path:
        path = portfolio_isolated / "portfolio.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def reference_chart(write_config: Callable[[str], Path]) -> Callable[[str], Path]:
    """``reference_chart(extra="")``: ./portfolio.toml with the reference report's chart of lines and
    investment rows (examples/portfolio.toml; the plugin's default chart is a generic one), and
    ``extra`` keys of [plugins.finance] after them. Written once with no extra keys when the fixture
    is requested, so a test that only needs the chart just names it."""

    def write(extra: str = "") -> Path:
        return write_config((EXAMPLES / "portfolio.toml").read_text(encoding="utf-8") + extra)

    write()
    return write


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "figures.csv") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
