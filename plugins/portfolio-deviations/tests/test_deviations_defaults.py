"""Neutral defaults: no own organisation, every place, no extra dates; the demo stores its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio.testing import fails, ok

EXPORT = """id,title,place,handler,opened,closed,category
OLD-1,Gammel sak,Sykehuset IKT,Sykehuset IKT,2022-01-10,,Drift
OLD-2,Gammel sak hos HF,Sykehuset IKT,Sykehuset Vest,2022-06-01,,Tilgangsstyring
ELSE-1,Hendelse i HF,Sykehuset Vest,Sykehuset IKT,2023-12-01,,Drift
"""


@pytest.fixture
def loaded(portfolio_migrated, portfolio_isolated: Path):
    path = portfolio_isolated / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    ok(portfolio_migrated("deviation", "import", str(path), "--exported", "2024-02-01"))
    return portfolio_migrated


def _blocks(found: dict, kind: str) -> list[dict]:
    return [b for b in found["blocks"] if b["type"] == kind]


def _text(block: dict) -> str:
    return "".join(run["text"] for run in block["runs"])


def test_without_settings_every_place_is_counted_as_a_total(loaded, section):
    found = section(loaded, lang="en")
    assert _text(_blocks(found, "paragraph")[0]) == (
        "The table below shows the number of open deviations, whatever the place of the event."
    )
    counts = _blocks(found, "table")[0]
    assert [c["label"] for c in counts["columns"][1:]] == [  # the window only: no extra date
        "1 Aug 2023",
        "1 Sept 2023",
        "1 Oct 2023",
        "1 Nov 2023",
        "1 Dec 2023",
        "1 Jan 2024",
        "1 Feb 2024",
    ]
    assert [row["cells"] for row in counts["rows"]] == [["Total", 2, 2, 2, 2, 3, 3, 3]]
    (trends,) = _blocks(found, "key_figures")
    assert [f["key"] for f in trends["figures"]] == ["deviations.open_total"]
    (chart,) = _blocks(found, "figure")
    assert [s["name"] for s in chart["series"]] == ["Total"]
    oldest = _blocks(found, "table")[1]
    assert [row["cells"][0] for row in oldest["rows"]] == ["OLD-1", "OLD-2", "ELSE-1"]


def test_a_place_without_an_organisation_counts_that_place(loaded, section, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\nplace = "Sykehuset IKT"\nmonths = 1\n', encoding="utf-8"
    )
    found = section(loaded, lang="en")
    assert _text(_blocks(found, "paragraph")[0]) == (
        "The table below shows the number of open deviations where the place of the event is Sykehuset IKT."
    )
    assert [row["cells"] for row in _blocks(found, "table")[0]["rows"]] == [["Total", 2]]


def test_the_organisation_splits_the_count(loaded, section, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\norganisation = "Sykehuset IKT"\nmonths = 1\n', encoding="utf-8"
    )
    found = section(loaded, lang="en")
    assert [row["cells"] for row in _blocks(found, "table")[0]["rows"]] == [
        ["Awaiting handling in Sykehuset IKT", 1],
        ["Awaiting handling in the health trusts", 1],
        ["Total", 2],
    ]


def test_own_and_trusts_need_an_organisation(loaded):
    out = fails(loaded("deviation", "list", "--handler", "own"))
    assert "--handler own needs the own organisation: set organisation in [plugins.deviations]" in out.output
    rows = json.loads(ok(loaded("deviation", "list", "--handler", "Sykehuset Vest", "--format", "json")).stdout)
    assert [row["id"] for row in rows] == ["OLD-2"]
    record = json.loads(ok(loaded("deviation", "show", "ELSE-1", "--format", "json")).stdout)
    assert record["handler_group"] is None and record["counted"] is True
    counts = json.loads(ok(loaded("deviation", "counts", "--period", "2024-01", "--format", "json")).stdout)
    assert (counts[-1]["own"], counts[-1]["trusts"], counts[-1]["total"]) == (None, None, 3)
    assert "Own organisation" in ok(loaded("deviation", "counts", "--period", "2024-01")).stdout


def test_snapshots_show_their_total_without_an_organisation(portfolio_migrated, section):
    ok(portfolio_migrated("deviation", "snapshot", "set", "2024-02-01", "--own", "2", "--trusts", "3"))
    counts = _blocks(section(portfolio_migrated, lang="en"), "table")[0]
    assert counts["rows"] == [{"cells": ["Total", None, None, None, None, None, None, 5], "bold": True}]


def test_the_demo_stores_the_reference_organisations_settings(portfolio_demo, portfolio_isolated):
    info = ok(portfolio_demo("info")).stdout
    assert "deviations: database" in info
    counts = json.loads(ok(portfolio_demo("deviation", "counts", "--period", "2024-01", "--format", "json")).stdout)
    assert counts[0]["date"] == "2023-04-01" and counts[0]["own"] == 112
    # portfolio.toml's table, when there is one, is the whole of the settings: the stored ones are not merged in
    (portfolio_isolated / "portfolio.toml").write_text("[plugins.deviations]\nmonths = 2\n", encoding="utf-8")
    assert "deviations: portfolio.toml" in ok(portfolio_demo("info")).stdout
    counts = json.loads(ok(portfolio_demo("deviation", "counts", "--period", "2024-01", "--format", "json")).stdout)
    # no organisation and no place: events at every place, as a total
    assert [(c["date"], c["own"], c["total"]) for c in counts] == [("2024-01-01", None, 234), ("2024-02-01", None, 263)]


def test_the_example_configuration_is_the_demos():
    import tomllib

    from portfolio_deviations.config import from_table
    from portfolio_deviations.demo_data import DEMO_SETTINGS

    example = Path(__file__).resolve().parent.parent / "examples" / "portfolio.toml"
    table = tomllib.loads(example.read_text(encoding="utf-8"))["plugins"]["deviations"]
    demo = from_table(DEMO_SETTINGS)
    assert from_table({k: v for k, v in table.items() if k != "columns"}) == demo
