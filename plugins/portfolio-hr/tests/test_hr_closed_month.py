"""HR figures are kept per month: every import and set for a closed month is refused, whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.testing import Runner, fails, ok, table_rows

TABLES = ("hr_sick_leave", "hr_aml_breach", "hr_text")


def write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def stored(db_url: str) -> dict[str, list[tuple]]:
    return table_rows(db_url, TABLES)


@pytest.fixture
def march(portfolio_migrated: Runner) -> Runner:
    ok(portfolio_migrated("hr", "set", "sick-leave", "--period", "2024-02", "--total", "5"))
    ok(portfolio_migrated("period", "close", "2024-03", user="alice"))
    return portfolio_migrated


FILES = {
    "sick-leave": ("sick-leave", "period,total\n2024-04,6\n2024-03,6\n"),
    "aml rows": ("aml", "period,type,count\n2024-04,weekly_rest,1\n2024-03,weekly_rest,2\n"),
    "aml columns": ("aml", "type,2024-03,2024-04\nweekly_rest,1,2\n"),
}


@pytest.mark.parametrize("case", list(FILES), ids=list(FILES))
def test_an_import_with_a_closed_month_writes_nothing(march: Runner, portfolio_db_url: str, tmp_path: Path, case: str):
    kind, content = FILES[case]
    before = stored(portfolio_db_url)
    result = fails(march("hr", "import", kind, str(write(tmp_path, "f.csv", content))))
    assert "period 2024-03 is closed" in result.output
    assert stored(portfolio_db_url) == before


def test_sets_for_a_closed_month_are_refused_and_later_months_accepted(
    march: Runner, portfolio_db_url: str, tmp_path: Path
) -> None:
    before = stored(portfolio_db_url)
    closed = (
        "Error: period 2024-03 is closed by alice; reopen it with 'portfolio period open 2024-03 --reason \"...\"'\n"
    )
    assert fails(march("hr", "set", "sick-leave", "--period", "2024-03", "--total", "6")).stderr == closed
    assert fails(march("hr", "set", "aml", "--period", "2024-03", "--type", "weekly_rest", "--count", "1")).stderr == (
        closed
    )
    assert fails(march("hr", "set", "text", "--period", "2024-03", "--text", "Tekst")).stderr == closed
    assert stored(portfolio_db_url) == before
    ok(march("hr", "import", "sick-leave", str(write(tmp_path, "s.csv", "period,total\n2024-04,6\n"))))
    ok(march("hr", "import", "aml", str(write(tmp_path, "a.csv", "type,2024-04\nweekly_rest,1\n"))))
    ok(march("hr", "set", "text", "--period", "2024-04", "--text", "Tekst"))
    rows = stored(portfolio_db_url)
    assert len(rows["hr_sick_leave"]) == 2
    assert len(rows["hr_text"]) == 1
