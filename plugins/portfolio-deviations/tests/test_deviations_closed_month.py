"""Imports and snapshots dated inside a closed month are refused, whole; later dates are accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.testing import fails, ok, table_rows

TABLES = ("deviations_deviation", "deviations_import", "deviations_snapshot")
HEADER = "id,title,place,handler,opened,closed,category\n"
EXPORT = (
    HEADER
    + "OLD-1,Gammel sak,Helse Nord IKT,Helse Nord IKT,2022-01-10,,Drift\n"
    + "MAR-1,Lukket i mars,Helse Nord IKT,UNN,2024-01-10,2024-03-15,Drift\n"
    + "MAR-2,Ny i mars,Helse Nord IKT,UNN,2024-03-05,,Drift\n"
)


def refusal(day: str) -> str:
    return (
        f"Error: {day} is in period 2024-03, which is closed by alice; "
        "reopen it with 'portfolio period open 2024-03 --reason \"...\"'\n"
    )


def stored(db_url: str) -> dict[str, list[tuple]]:
    return table_rows(db_url, TABLES)


@pytest.fixture
def march(portfolio_migrated, tmp_path: Path, own_organisation):
    """An export with deviations opened and closed in March, a snapshot on 1 March; March closed."""
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8")
    ok(portfolio_migrated("deviation", "import", "export.csv", "--exported", "2024-02-20"))
    ok(portfolio_migrated("deviation", "snapshot", "set", "2024-03-01", "3"))
    ok(portfolio_migrated("period", "close", "2024-03", user="alice"))
    return portfolio_migrated


IMPORTS = {
    "opened in March": (HEADER + "NEW-1,Ny,Helse Nord IKT,UNN,2024-03-30,,Drift\n", "2024-04-05", "2024-03-30"),
    "closed in March": (
        HEADER + "NEW-1,Ny,Helse Nord IKT,UNN,2023-12-01,2024-03-02,Drift\n",
        "2024-04-05",
        "2024-03-02",
    ),
    "now closed in March": (
        EXPORT.replace("2022-01-10,,", "2022-01-10,2024-03-20,"),
        "2024-04-05",
        "2024-03-20",
    ),
    "no longer closed in March": (EXPORT.replace("2024-03-15", ""), "2024-04-05", "2024-03-15"),
    "export dated in March": (EXPORT, "2024-03-31", "2024-03-31"),
}


@pytest.mark.parametrize("case", list(IMPORTS), ids=list(IMPORTS))
def test_an_import_touching_a_closed_month_writes_nothing(march, portfolio_db_url, tmp_path, case):
    content, exported, day = IMPORTS[case]
    (tmp_path / "f.csv").write_text(content, encoding="utf-8")
    before = stored(portfolio_db_url)
    result = fails(march("deviation", "import", "f.csv", "--exported", exported))
    assert result.stderr == refusal(day)
    assert stored(portfolio_db_url) == before


@pytest.mark.parametrize(
    "args", [("set", "2024-03-15", "4"), ("set", "2024-03-01", "9"), ("remove", "2024-03-01")], ids=str
)
def test_a_snapshot_in_a_closed_month_is_refused(march, portfolio_db_url, args):
    before = stored(portfolio_db_url)
    assert fails(march("deviation", "snapshot", *args)).stderr == refusal(args[1])
    assert stored(portfolio_db_url) == before


def test_later_dates_are_accepted(march, portfolio_db_url, tmp_path):
    # the whole export again (rows of March unchanged) with a new row and a closing in April
    later = EXPORT.replace("2022-01-10,,", "2022-01-10,2024-04-10,") + "APR-1,Ny,Helse Nord IKT,UNN,2024-04-03,,Drift\n"
    (tmp_path / "f.csv").write_text(later, encoding="utf-8")
    ok(march("deviation", "import", "f.csv", "--exported", "2024-04-12"))
    ok(march("deviation", "snapshot", "set", "2024-04-15", "2"))
    rows = stored(portfolio_db_url)
    assert len(rows["deviations_deviation"]) == 4
    assert len(rows["deviations_import"]) == 2
    assert len(rows["deviations_snapshot"]) == 2
