"""A DocMap export as DocMap writes it (Norwegian columns, dates with a time, extra columns),
read through the shipped `docmap` profile; the report's counts are checked against counts made
here from the file, without the importer's code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from portfolio.testing import fails, ok, table_rows

EXPORT = Path(__file__).parent.parent / "examples" / "docmap-eksport-tid.csv"
TABLES = ("deviations_deviation", "deviations_import")
OWN = "Helse Nord IKT"


def day(text: str) -> dt.date | None:
    """'31.01.2024 14:32' or '2024-01-17T08:21:40' -> the day, as a person reads it."""
    if not text:
        return None
    if "T" in text:
        return dt.date.fromisoformat(text.split("T")[0])
    d, m, y = text.split()[0].split(".")
    return dt.date(int(y), int(m), int(d))


def counted_by_hand(on: dt.date) -> tuple[int, int]:
    """(own, trusts) open on ``on`` at the own organisation's place."""
    own = trusts = 0
    for row in EXPORT.read_text(encoding="utf-8").splitlines()[2:]:
        _id, _title, place, handler, opened, closed, *_rest = row.split(";")
        start, end = day(opened), day(closed)
        assert start is not None
        if place == OWN and start <= on and (end is None or end >= on):
            own, trusts = (own + 1, trusts) if handler == OWN else (own, trusts + 1)
    return own, trusts


def test_a_docmap_export_with_date_times_gives_the_counts_made_by_hand(
    portfolio_migrated, own_organisation, section
) -> None:
    result = ok(portfolio_migrated("deviation", "import", str(EXPORT), "--exported", "2024-02-01"))
    assert "Imported 7 deviations from docmap-eksport-tid.csv: 7 new" in result.stdout
    assert "ignored columns this import does not read: Status, Alvorlighetsgrad" in result.stderr
    listed = json.loads(ok(portfolio_migrated("deviation", "list", "--on", "2024-02-01", "--format", "json")).stdout)
    by_id = {row["id"]: row for row in listed}
    assert (by_id["DM-2024-1019"]["opened"], by_id["DM-2024-1019"]["closed"]) == ("2024-01-17", "2024-01-29")
    assert by_id["DM-2024-1032"]["opened"] == "2024-01-31"
    counts = next(b for b in section(portfolio_migrated)["blocks"] if b["type"] == "table")
    own, trusts, total = counts["rows"]
    # the last column is the day after the report's month: 1 February 2024
    expected_own, expected_trusts = counted_by_hand(dt.date(2024, 2, 1))
    assert (own["cells"][-1], trusts["cells"][-1], total["cells"][-1]) == (
        expected_own,
        expected_trusts,
        expected_own + expected_trusts,
    )
    expected_own, expected_trusts = counted_by_hand(dt.date(2024, 1, 1))
    assert (own["cells"][-2], trusts["cells"][-2]) == (expected_own, expected_trusts)


def test_dates_with_a_time_are_read_without_a_profile_too(portfolio_migrated, tmp_path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "id;title;place;handler;opened;closed;category\n"
        "DM-1;Treghet;HN IKT;HN IKT;31.01.2024 14:32;2024-02-02T08:00:00;Drift\n",
        encoding="utf-8",
    )
    ok(portfolio_migrated("deviation", "import", str(path), "--exported", "2024-02-03"))
    shown = json.loads(ok(portfolio_migrated("deviation", "show", "DM-1", "--format", "json")).stdout)
    assert (shown["opened"], shown["closed"]) == ("2024-01-31", "2024-02-02")


@pytest.mark.parametrize(
    ("opened", "message"),
    [
        ("31.01.2024 25:61", "line 3, column Opprettet: '31.01.2024 25:61' is not a time of day"),
        ("2024-02-30 10:00", "line 3, column Opprettet: '2024-02-30 10:00' is not a date in the calendar"),
        ("01/02/24", "line 3, column Opprettet: '01/02/24' is not a date as this export writes them (day first"),
    ],
)
def test_a_bad_date_is_named_by_file_line_and_column_and_nothing_is_written(
    portfolio_migrated, portfolio_db_url, tmp_path, opened, message
) -> None:
    path = tmp_path / "docmap.csv"
    path.write_text(
        "Avviksnr;Tittel;Hendelsessted;Behandles av;Opprettet;Lukket;Kategori\n"
        "DM-1;Treghet;HN IKT;HN IKT;31.01.2024 14:32;;Drift\n"
        f"DM-2;Feil;HN IKT;UNN;{opened};;Drift\n",
        encoding="utf-8",
    )
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(portfolio_migrated("deviation", "import", str(path), "--profile", "docmap"))
    assert result.output.startswith(f"Error: {path}: 1 problem, nothing imported\n{message}"), result.output
    assert table_rows(portfolio_db_url, TABLES) == before


def test_strict_columns_and_a_profile_for_another_import_are_refused(portfolio_migrated, portfolio_db_url) -> None:
    before = table_rows(portfolio_db_url, TABLES)
    strict = fails(portfolio_migrated("deviation", "import", str(EXPORT), "--strict-columns"))
    assert strict.output == (
        f"Error: {EXPORT}: unknown column 'Status'; allowed: id, title, place, handler, opened, closed, category "
        "(profile 'docmap'; list it under ignore to drop it)\n"
    )
    other = fails(portfolio_migrated("deviation", "import", str(EXPORT), "--profile", "deviations"))
    assert other.output == f"Error: {EXPORT}: line 1 names profile 'docmap', but --profile says 'deviations'\n"
    assert table_rows(portfolio_db_url, TABLES) == before
