"""The month's support-desk and incident figures against the month before, over three months."""

from __future__ import annotations

from portfolio.testing import ok

MONTHS = {  # month -> contacts, answered %, first line %, incidents
    "2024-01": (1000, "80", "70", 900),
    "2024-02": (1030, "75", "70,5", 700),
    "2024-03": (1200, "75,5", "72", 800),
}


def _record(run):
    for month, (contacts, answered, first_line, incidents) in MONTHS.items():
        ok(run("service", "record", "support", "--period", month, "--contacts", str(contacts), "--phone-share", "40",
               "--answered-share", answered, "--first-line-share", first_line))  # fmt: skip
        ok(run("service", "record", "incidents", "--period", month, "--incidents", str(incidents), "--changes", "1"))


def _trends(section):
    (block,) = [b for b in section["blocks"] if b["type"] == "key_figures" and b["title"].endswith("month before")]
    return {f["key"]: (f["value"], f["previous"], f["trend"], f["verdict"]) for f in block["figures"]}


def test_three_months_of_trends_with_the_default_dead_bands(portfolio_migrated, section):
    _record(portfolio_migrated)
    first = _trends(section(portfolio_migrated, "2024-01", lang="en"))
    assert {key: value[2] for key, value in first.items()} == dict.fromkeys(first, None)  # no month before
    assert _trends(section(portfolio_migrated, "2024-02", lang="en")) == {
        "services.contacts": (1030, 1000, "flat", "neutral"),  # +3 %, within 5 %
        "services.answered_share": (75, 80, "down", "bad"),
        "services.first_line_share": (70.5, 70, "flat", "neutral"),  # within one point
        "services.incidents": (700, 900, "down", "good"),
    }
    march = section(portfolio_migrated, "2024-03", lang="en")
    assert _trends(march) == {
        "services.contacts": (1200, 1030, "up", "neutral"),  # more contacts is neither good nor bad
        "services.answered_share": (75.5, 75, "flat", "neutral"),
        "services.first_line_share": (72, 70.5, "up", "good"),
        "services.incidents": (800, 700, "up", "bad"),  # +14 %, past 10 %
    }
    (block,) = [b for b in march["blocks"] if b["type"] == "key_figures"]
    assert block["title"] == "March 2024 against the month before"


def test_a_configured_dead_band_wins(portfolio_migrated, section, tmp_path, monkeypatch):
    _record(portfolio_migrated)
    config = tmp_path / "portfolio.toml"
    config.write_text('[report.dead_bands]\n"services.contacts" = 10\n"services.incidents" = "10%"\n')
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    trends = _trends(section(portfolio_migrated, "2024-02", lang="en"))
    assert trends["services.contacts"][2:] == ("up", "neutral")  # 30 more is past 10
    assert trends["services.incidents"][2:] == ("down", "good")  # 200 fewer is past 10 %
