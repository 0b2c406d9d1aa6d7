"""Every test runs isolated from the developer's files, with the core and this plugin only."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

from portfolio.testing import ok


@pytest.fixture(autouse=True)
def isolated(portfolio_isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Other installed plugins are switched off: these tests are about this one."""
    others = sorted({e.name for e in entry_points(group="portfolio")} - {"services"})
    if others:
        monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", ",".join(others))
    return portfolio_isolated


@pytest.fixture
def reference_targets(isolated: Path) -> Path:
    """./portfolio.toml with the reference organisation's support-desk targets (the plugin's
    defaults set none): 70 % answered within one minute, 70 % resolved at the first line."""
    path = isolated / "portfolio.toml"
    path.write_text("[plugins.services]\nanswered_target = 70\nfirst_line_target = 70\n", encoding="utf-8")
    return path


@pytest.fixture
def section() -> Callable[..., dict[str, Any]]:
    """The services section of the JSON report: ``section(run, "2024-01", lang="en")``."""

    def build(run: Any, period: str = "2024-01", lang: str = "nb") -> dict[str, Any]:
        result = ok(
            run(
                "report",
                "build",
                "--period",
                period,
                "--format",
                "json",
                "--lang",
                lang,
                "--strict",
            )
        )
        report = json.loads(result.output)
        return next(s for s in report["sections"] if s["key"] == "services")

    return build


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a file in the test's folder and return its path."""

    def make(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return make
