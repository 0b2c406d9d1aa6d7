"""The benefits plugin (gains)'s tests run on an isolated environment with only the core and this
plugin, so another installed plugin's state cannot change what they see."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from portfolio.testing import Runner, ok


@pytest.fixture(autouse=True)
def gains_only(portfolio_isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    others = sorted({ep.name for ep in entry_points(group="portfolio")} - {"gains"})
    if others:
        monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", ",".join(others))
    return portfolio_isolated


@pytest.fixture
def write_config(portfolio_isolated: Path) -> Callable[[str], Path]:
    """Write ./portfolio.toml for the test (the CLI reads it from the working directory)."""

    def write(text: str) -> Path:
        path = portfolio_isolated / "portfolio.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def gains_demo(portfolio_migrated: Runner) -> Runner:
    """A database after 'portfolio demo', with the benefits plugin (gains)'s part loaded for certain."""
    result = ok(portfolio_migrated("demo"))
    assert "gains" in result.output, result.output
    return portfolio_migrated


@pytest.fixture
def project(portfolio_migrated: Runner) -> Runner:
    """One project, ALPHA, and nothing else."""
    ok(portfolio_migrated("project", "add", "ALPHA", "Alfa"))
    return portfolio_migrated


def add_benefit(run: Runner, subject: str = "ALPHA", key: str = "CALLS", period: str = "2024-01", **options: str):
    """A benefit: support calls per month from 1200 to 800 by the end of 2024, unless told otherwise."""
    values = {
        "measure": "Support calls per month",
        "owner": "Head of service desk",
        "unit": "calls",
        "baseline": "1200",
        "target": "800",
        "target-date": "2024-12-31",
        "period": period,
    } | options
    args = [item for name, value in values.items() for item in (f"--{name}", value)]
    return run("gain", "add", subject, key, *args)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def listing(run: Runner, period: str, *args: str) -> list[dict]:
    return json.loads(ok(run("gain", "list", "--period", period, "--format", "json", *args)).stdout)


def section(run: Runner, period: str, lang: str = "en") -> dict:
    report = json.loads(ok(run("report", "build", "--period", period, "--format", "json", "--lang", lang)).stdout)
    (found,) = [s for s in report["sections"] if s["key"] == "gains"]
    return found
