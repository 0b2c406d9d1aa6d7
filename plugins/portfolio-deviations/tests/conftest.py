"""Every test runs isolated from the developer's config and database, with this plugin alone.

Other installed plugins are switched off so that these tests depend on the core and this
plugin only (their own suites cover them); the whole set together is covered by the core's
schema and startup tests.
"""

from __future__ import annotations

import json
from importlib.metadata import entry_points

import pytest

PLUGIN = "deviations"


@pytest.fixture(autouse=True)
def deviations_isolated(portfolio_isolated, monkeypatch: pytest.MonkeyPatch):
    others = sorted({ep.name for ep in entry_points(group="portfolio")} - {PLUGIN})
    if others:
        monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", ",".join(others))
    return portfolio_isolated


# The test data's own organisation, named explicitly: the plugin's defaults name none.
OWN_ORGANISATION = '[plugins.deviations]\norganisation = "Helse Nord IKT"\n'


@pytest.fixture
def own_organisation(portfolio_isolated):
    """./portfolio.toml naming the own organisation of the test data, Helse Nord IKT."""
    (portfolio_isolated / "portfolio.toml").write_text(OWN_ORGANISATION, encoding="utf-8")
    return portfolio_isolated


@pytest.fixture
def section():
    """``section(run, period, lang)``: the deviations section of the JSON report."""

    def build(run, period: str = "2024-01", lang: str = "nb") -> dict:
        from portfolio.testing import ok

        result = ok(run("report", "build", "--period", period, "--format", "json", "--lang", lang))
        report = json.loads(result.stdout)
        found = [s for s in report["sections"] if s["key"] == PLUGIN]
        assert found, f"no deviations section; omitted: {report['omitted']}"
        return found[0]

    return build
