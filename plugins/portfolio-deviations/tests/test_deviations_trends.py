"""Open deviations on the table's last date against the month before, over three months."""

from __future__ import annotations

from portfolio.testing import ok

COUNTS = {  # the first of the month -> (own, trusts)
    "2024-01-01": (10, 5),
    "2024-02-01": (12, 5),
    "2024-03-01": (8, 4),
    "2024-04-01": (8, 5),
}


def _trends(found):
    (block,) = [b for b in found["blocks"] if b["type"] == "key_figures"]
    return block["title"], {f["key"]: (f["value"], f["previous"], f["trend"], f["verdict"]) for f in block["figures"]}


def test_three_months_of_open_deviations(portfolio_migrated, section, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\norganisation = "Helse Nord IKT"\nmonths = 2\n', encoding="utf-8"
    )
    for day, (own, trusts) in COUNTS.items():
        ok(portfolio_migrated("deviation", "snapshot", "set", day, "--own", str(own), "--trusts", str(trusts)))
    title, january = _trends(section(portfolio_migrated, "2024-01", lang="en"))
    assert title == "Open on 1 February 2024 against the month before"
    assert january == {
        "deviations.open_total": (17, 15, "flat", "neutral"),  # two more: within the dead band of 2
        "deviations.open_own": (12, 10, "up", "bad"),
    }
    assert _trends(section(portfolio_migrated, "2024-02", lang="en"))[1] == {
        "deviations.open_total": (12, 17, "down", "good"),
        "deviations.open_own": (8, 12, "down", "good"),
    }
    assert _trends(section(portfolio_migrated, "2024-03"))[1] == {
        "deviations.open_total": (13, 12, "flat", "neutral"),
        "deviations.open_own": (8, 8, "flat", "neutral"),
    }


def test_a_single_date_has_no_trend(portfolio_migrated, section, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        "[plugins.deviations]\nmonths = 1\nextra_dates = []\n", encoding="utf-8"
    )
    ok(portfolio_migrated("deviation", "snapshot", "set", "2024-02-01", "252"))
    _title, trends = _trends(section(portfolio_migrated, "2024-01", lang="en"))
    assert trends == {"deviations.open_total": (252, None, None, None)}  # no split: the total only
