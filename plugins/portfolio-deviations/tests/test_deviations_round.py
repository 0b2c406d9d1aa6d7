"""``portfolio round`` for deviations: the month-end count is in only from a fresh export or by hand."""

from __future__ import annotations

import json

from portfolio.testing import ok


def items(run, period: str) -> dict[str, tuple[bool, str]]:  # type: ignore[no-untyped-def]
    data = json.loads(ok(run("round", "--period", period, "--format", "json")).stdout)
    return {i["name"]: (i["present"], i["detail"]) for i in data["plugin_data"] if i["plugin"] == "deviations"}


def test_the_count_needs_an_export_made_after_the_months_end(portfolio_demo) -> None:
    january = items(portfolio_demo, "2024-01")
    assert january["open deviations"] == (True, "2024-02-01: from records exported 2024-02-01")
    assert january["text"] == (True, "")
    february = items(portfolio_demo, "2024-02")
    assert february["open deviations"] == (
        False,
        "2024-03-01: from records exported 2024-02-01; import a newer export",
    )
    assert february["text"] == (False, "portfolio deviation text set --period 2024-02 ...")
    ok(portfolio_demo("deviation", "snapshot", "set", "2024-03-01", "40"))
    assert items(portfolio_demo, "2024-02")["open deviations"] == (True, "2024-03-01: entered by hand")
