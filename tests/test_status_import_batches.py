"""A status import reads, checks and writes its rows a batch at a time, and still writes all or nothing.

Two rows a batch here, so a file of a few rows is read in several, as a month of ten thousand is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from portfolio.database import make_engine
from portfolio.models import AuditEntry, StatusReport
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

HEADER = "code,scope,finance,resources,schedule,dependencies,benefits"


def row(code: str, rating: str = "green", last: str = "green") -> str:
    return f"{code}," + ",".join([rating] * 5 + [last])


def write(name: str, *lines: str) -> str:
    Path(name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def stored(db_url: str, period: str) -> int:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            query = select(func.count()).select_from(StatusReport).where(StatusReport.period == period)
            return session.exec(query).one()
    finally:
        engine.dispose()


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    import portfolio.importers.status_files

    monkeypatch.setattr(portfolio.importers.status_files, "BATCH", 2)


@pytest.fixture
def reg(migrated):  # type: ignore[no-untyped-def]
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    for number, code in enumerate(("IAM2", "NAC", "RAF", "SMB"), start=1):
        ok(migrated("project", "add", code, f"Project {code}", "--program", "HIS2", "--number", f"1.{number}"))
    return migrated


def test_a_bad_row_in_a_later_batch_writes_nothing_of_the_earlier_ones(reg, db_url: str) -> None:
    name = write("month.csv", HEADER, row("HIS2"), row("IAM2"), row("NAC"), row("RAF"), row("SMB", last="blå"))
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == (
        "Error: month.csv: 1 problem, nothing imported\n"
        "line 6, column benefits: 'blå' is not a rating; use green, yellow, red or na\n"
    )
    assert stored(db_url, "2024-01") == 0
    broken = write("broken.csv", HEADER, row("HIS2"), row("IAM2"), row("NAC"), "RAF,green")
    result = fails(reg("status", "import", broken, "--period", "2024-01"))
    assert result.stderr == "Error: broken.csv: line 5 has 2 fields, the header has 7\n"
    assert stored(db_url, "2024-01") == 0
    ok(reg("status", "import", write("good.csv", HEADER, row("HIS2"), row("IAM2"), row("NAC")), "--period", "2024-01"))
    assert stored(db_url, "2024-01") == 3


def test_a_code_given_again_in_a_later_batch_or_file_is_named_with_where_it_was_first(reg, db_url: str) -> None:
    name = write("month.csv", HEADER, row("IAM2"), row("NAC"), row("RAF"), row("IAM2", "red"))
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert "line 5, column code: IAM2 already given on line 2" in result.stderr
    first = write("kari.csv", HEADER, row("IAM2"))
    second = write("ola.csv", HEADER, row("NAC"), row("RAF"), row("IAM2"))
    result = fails(reg("status", "import", first, second, "--period", "2024-01"))
    assert "line 4, column code: IAM2 is also in kari.csv" in result.stderr
    assert result.stderr.endswith("nothing was written from the 2 files\n")
    assert stored(db_url, "2024-01") == 0


def test_problems_of_every_batch_are_listed_in_line_order(reg, db_url: str) -> None:
    """A batch's version problems are found after its rows are read; the list is still by line."""
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "red"))
    name = write(
        "late.csv",
        "code,version,scope,finance,resources,schedule,dependencies,benefits",
        "IAM2,0,green,green,green,green,green,green",  # 2: IAM2 has version 1 now
        "NAC,0,green,purple,green,green,green,green",  # 3: a bad rating
        "RAF,x,green,green,green,green,green,green",  # 4: not a version
        "SMB,0,green,green,green,green,green,",  # 5: empty rating
    )
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: late.csv: 4 problems, nothing imported"
    assert [line.split(",")[0] for line in lines[1:]] == ["line 2", "line 3", "line 4", "line 5"]
    assert lines[1].startswith("line 2, column version: the status of IAM2 for 2024-01 was changed by")
    assert stored(db_url, "2024-01") == 1


def test_a_stale_version_names_who_stored_the_status_and_when(reg) -> None:
    """The version check reads who and when from the batch's stored statuses, as status set does from its report."""
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "red", user="kari"))
    name = write(
        "stale.csv", "code,version,scope,finance,resources,schedule,dependencies,benefits", "IAM2,0" + ",green" * 6
    )
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert re.search(
        r"line 2, column version: the status of IAM2 for 2024-01 was changed by kari at "
        r"\d{4}-\d\d-\d\d \d\d:\d\d UTC since you read it \(version 0, now 1\)",
        result.stderr,
    ), result.stderr


def test_one_import_in_several_batches_has_one_audit_time(reg, db_url: str) -> None:
    name = write("month.csv", HEADER, row("HIS2"), row("IAM2"), row("NAC"), row("RAF"), row("SMB"))
    ok(reg("status", "import", name, "--period", "2024-01"))
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            times = session.exec(select(AuditEntry.at).where(AuditEntry.period == "2024-01").distinct()).all()
    finally:
        engine.dispose()
    assert len(times) == 1
    assert stored(db_url, "2024-01") == 5


def test_a_long_list_of_changes_is_cut_and_says_where_to_see_them_all(
    reg, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    import portfolio.importers.status_files

    monkeypatch.setattr(portfolio.importers.status_files, "LISTED_CHANGES", 2)
    january = write("jan.csv", HEADER, row("HIS2"), row("IAM2"), row("NAC"), row("RAF"), row("SMB"))
    ok(reg("status", "import", january, "--period", "2024-01"))
    february = write("feb.csv", HEADER, row("HIS2"), row("IAM2", "red"), row("NAC", "red"), row("RAF", "red"))
    result = ok(reg("status", "import", february, "--period", "2024-02"))
    assert result.stdout.splitlines() == [
        "feb.csv: 4 statuses for 2024-02 against 2024-01: 0 new, 3 changed, 1 unchanged",
        "  IAM2: scope green → red, finance green → red, resources green → red, "
        "schedule green → red, dependencies green → red",
        "  NAC: scope green → red, finance green → red, resources green → red, "
        "schedule green → red, dependencies green → red",
        "  and 1 more changed: 'portfolio report diff 2024-01 2024-02 --kind rating' lists them all",
        "Imported 4 statuses for 2024-02 from feb.csv.",
    ]
    diff = ok(reg("report", "diff", "2024-01", "2024-02", "--kind", "rating", "--format", "csv")).stdout
    assert "rating,RAF,scope,green,red" in diff and "rating,HIS2" not in diff


def test_the_month_is_read_from_the_lines_above_the_header(reg) -> None:
    """The rows are read after the month is known, so a '# period:' line below the header is not read."""
    below = write("below.csv", HEADER, "# period: 2024-02", row("IAM2"))
    result = fails(reg("status", "import", below))
    assert result.stderr == "Error: the files do not say which month they are for; give --period YYYY-MM\n"
    above = write("above.csv", "# period: 2024-02", HEADER, row("IAM2"))
    assert "Imported 1 status for 2024-02 from above.csv." in ok(reg("status", "import", above)).stdout


def test_a_workbook_is_read_in_batches_too(reg, tmp_path: Path, db_url: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["# period: 2024-01"])
    sheet.append(HEADER.split(","))
    for code in ("HIS2", "IAM2", "NAC", "RAF"):
        sheet.append([code, *["green"] * 6])
    sheet.append(["SMB", *["green"] * 6, "", "stray"])
    book.save(tmp_path / "month.xlsx")
    result = fails(reg("status", "import", "month.xlsx"))
    assert result.stderr == "Error: month.xlsx: row 7 has a value beyond the last column ('stray')\n"
    assert stored(db_url, "2024-01") == 0
    sheet.delete_rows(7)
    book.save(tmp_path / "month.xlsx")
    assert "Imported 4 statuses for 2024-01 from month.xlsx." in ok(reg("status", "import", "month.xlsx")).stdout
