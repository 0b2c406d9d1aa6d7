"""Open counts from records across month ends, against a count made by hand."""

from __future__ import annotations

import datetime as dt
import json

from portfolio.api import Period
from portfolio.testing import ok
from portfolio_deviations.counting import is_open_on, window_dates

D = dt.date

# Place Helse Nord IKT unless said otherwise. Dates in both ISO and Norwegian form.
RECORDS = """id,title,place,handler,opened,closed,category
A,Opened 31 Oct; closed 30 Nov,Helse Nord IKT,Helse Nord IKT,2023-10-31,2023-11-30,Drift
B,Opened on 1 Nov; still open,Helse Nord IKT,Helse Nord IKT,01.11.2023,,Drift
C,Opened 30 Nov; closed on 1 Dec itself,Helse Nord IKT,UNN,30.11.2023,01.12.2023,Drift
D,Opened 31 Dec; closed 31 Jan,Helse Nord IKT,Nordlandssykehuset,2023-12-31,2024-01-31,Endring
E,Opened 31 Jan; closed on 1 Feb itself,Helse Nord IKT,Helse Nord IKT,31.1.2024,1.2.2024,Endring
F,Opened on 1 Feb,Helse Nord IKT,Finnmarkssykehuset,2024-02-01,,Endring
G,Opened after the last date,Helse Nord IKT,Helse Nord IKT,2024-02-02,,Drift
H,Closed long before,Helse Nord IKT,Helse Nord IKT,2023-01-15,2023-10-31,Drift
I,Event elsewhere: never counted,UNN,Helse Nord IKT,2023-06-01,,Drift
J,Handler written in lower case,Helse Nord IKT,helse nord ikt,2023-06-01,,Drift
K,Opened and closed within December,Helse Nord IKT,UNN,2023-12-15,2023-12-20,Drift
"""

# The hand count: which records are open on each date, and the (own, trusts) it gives.
HAND = {
    D(2023, 11, 1): ({"A", "B", "J"}, (3, 0)),
    D(2023, 12, 1): ({"B", "C", "J"}, (2, 1)),
    D(2024, 1, 1): ({"B", "D", "J"}, (2, 1)),
    D(2024, 2, 1): ({"B", "E", "F", "J"}, (3, 1)),
}

CONFIG = """
[plugins.deviations]
organisation = "Helse Nord IKT"
months = 4
extra_dates = []
"""


def _parsed_records() -> list[tuple[str, str, D, D | None]]:
    from portfolio.api import parse_date

    rows = []
    for line in RECORDS.strip().splitlines()[1:]:
        cells = line.split(",")
        closed = parse_date(cells[5]) if cells[5] else None
        rows.append((cells[0], cells[2], parse_date(cells[4]), closed))
    return rows


def test_the_rule_gives_the_hand_count():
    for day, (expected, _split) in HAND.items():
        open_ids = {
            key
            for key, place, opened, closed in _parsed_records()
            if place == "Helse Nord IKT" and is_open_on(opened, closed, day)
        }
        assert open_ids == expected, day


def test_the_rule_at_the_edges():
    day = D(2024, 2, 1)
    assert is_open_on(day, None, day)  # opened on the day
    assert is_open_on(D(2024, 1, 1), day, day)  # closed on the day: not closed before it
    assert not is_open_on(D(2024, 1, 1), D(2024, 1, 31), day)  # closed the day before
    assert not is_open_on(D(2024, 2, 2), None, day)  # not yet opened


def test_counts_from_imported_records_match_the_hand_count(portfolio_migrated, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(CONFIG, encoding="utf-8")
    path = portfolio_isolated / "export.csv"
    path.write_text(RECORDS, encoding="utf-8")
    ok(portfolio_migrated("deviation", "import", str(path), "--exported", "2024-02-01"))
    out = ok(portfolio_migrated("deviation", "counts", "--period", "2024-01", "--format", "json"))
    rows = json.loads(out.stdout)
    assert [row["date"] for row in rows] == [day.isoformat() for day in HAND]
    for row in rows:
        _ids, (own, trusts) = HAND[D.fromisoformat(row["date"])]
        assert (row["own"], row["trusts"], row["total"], row["source"]) == (
            own,
            trusts,
            own + trusts,
            "records",
        )


def test_counts_on_a_window_crossing_the_year_and_february(portfolio_migrated, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(CONFIG, encoding="utf-8")
    path = portfolio_isolated / "export.csv"
    path.write_text(RECORDS, encoding="utf-8")
    ok(portfolio_migrated("deviation", "import", str(path), "--exported", "2024-03-01"))
    out = ok(portfolio_migrated("deviation", "counts", "--period", "2024-02", "--format", "json"))
    totals = {row["date"]: row["total"] for row in json.loads(out.stdout)}
    # 1 March: B, F, G and J are open (E closed on 1 Feb, before 1 March)
    assert totals == {"2023-12-01": 3, "2024-01-01": 3, "2024-02-01": 4, "2024-03-01": 4}


def test_window_ends_the_day_after_the_period():
    assert window_dates(Period(2024, 1), 7, [D(2023, 4, 1)]) == [
        D(2023, 4, 1),
        D(2023, 8, 1),
        D(2023, 9, 1),
        D(2023, 10, 1),
        D(2023, 11, 1),
        D(2023, 12, 1),
        D(2024, 1, 1),
        D(2024, 2, 1),
    ]
    assert window_dates(Period(2023, 12), 2) == [D(2023, 12, 1), D(2024, 1, 1)]


def test_extra_dates_inside_or_after_the_window_are_left_out():
    days = window_dates(Period(2023, 3), 2, [D(2023, 4, 1), D(2023, 3, 15), D(2022, 12, 1)])
    assert days == [D(2022, 12, 1), D(2023, 3, 1), D(2023, 4, 1)]
