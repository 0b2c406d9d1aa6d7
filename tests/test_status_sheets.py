"""Plugin sheets in the status template (portfolio_status_sheets): written with the template, read
back by the import in its one transaction, and never dropped unseen."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import pytest

from portfolio import hookimpl
from portfolio.importers.status_sheets import SheetResult, StatusSheet
from portfolio.testing import table_rows
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

TABLES = ("program", "status_report", "status_rating")
RATINGS = ("--scope", "green", "--finance", "green", "--resources", "green", "--schedule", "green")


def note_plugin(key: str, *, broken_rows: bool = False, broken_store: bool = False) -> tuple[str, Any]:
    """A plugin whose sheet asks a number of project ALPHA and stores it as a program KEY<number>."""

    def rows(ctx: Any) -> list[tuple[str, None]]:
        if broken_rows:
            raise RuntimeError("rows broke")
        return [(code, None) for code in ctx.codes or () if code == "ALPHA"]

    def store(ctx: Any, sheet: Any) -> SheetResult:
        from portfolio.models import Program

        if broken_store:
            raise RuntimeError("store broke")
        problems = []
        for number, values in sheet.rows:
            if not values["number"].isdigit():
                problems.append(f"row {number}, column number: '{values['number']}' is not a whole number")
                continue
            ctx.session.add(Program(code=f"{key.upper()}{values['number']}", name=f"{key} for {ctx.period}"))
            ctx.session.flush()
        return SheetResult(len(sheet.rows), f"{len(sheet.rows)} numbers", tuple(problems))

    @hookimpl
    def portfolio_status_sheets() -> list[StatusSheet]:
        return [StatusSheet(key, key.title(), ("project", "number"), ("number",), rows=rows, store=store)]

    return key, types.SimpleNamespace(portfolio_status_sheets=portfolio_status_sheets)


@pytest.fixture
def alpha(migrated):  # type: ignore[no-untyped-def]
    ok(migrated("project", "add", "ALPHA", "Alfa"))
    ok(
        migrated(
            "status", "set", "ALPHA", "--period", "2024-01", *RATINGS, "--dependencies", "green", "--benefits", "na"
        )
    )
    return migrated


def fill(path: Path, number: str) -> None:
    text = path.read_text(encoding="utf-8-sig").replace("ALPHA,\n", f"ALPHA,{number}\n")
    path.write_text(text, encoding="utf-8-sig")


def test_every_sheet_is_stored_in_the_statuses_transaction_or_none(alpha, tmp_path: Path, db_url: str) -> None:
    plugins = [note_plugin("apples"), note_plugin("pears")]
    result = ok(alpha("status", "template", "--period", "2024-02", "-o", "feb.csv", plugins=plugins))
    assert "Wrote feb.apples.csv (1 row).\nWrote feb.pears.csv (1 row).\n" in result.stdout
    fill(tmp_path / "feb.apples.csv", "7")
    fill(tmp_path / "feb.pears.csv", "seven")
    before = table_rows(db_url, TABLES)
    result = fails(alpha("status", "import", "feb.csv", plugins=plugins))
    assert result.stderr == (
        "Error: feb.pears.csv: row 6, column number: 'seven' is not a whole number; nothing was written\n"
    )
    assert table_rows(db_url, TABLES) == before  # the apples' program and the status went back too
    text = (tmp_path / "feb.pears.csv").read_text(encoding="utf-8-sig").replace("seven", "8")
    (tmp_path / "feb.pears.csv").write_text(text, encoding="utf-8-sig")
    result = ok(alpha("status", "import", "feb.csv", plugins=plugins))
    assert "feb.apples.csv: 1 numbers for 2024-02\nfeb.pears.csv: 1 numbers for 2024-02\n" in result.stdout
    ok(alpha("program", "show", "APPLES7"))
    ok(alpha("program", "show", "PEARS8"))


def test_a_sheet_no_installed_plugin_reads_is_refused_not_lost(alpha, tmp_path: Path, db_url: str) -> None:
    ok(alpha("status", "template", "--period", "2024-02", "-o", "feb.xlsx", plugins=[note_plugin("apples")]))
    before = table_rows(db_url, TABLES)
    result = fails(alpha("status", "import", "feb.xlsx"))
    assert result.stderr == (
        "Error: feb.xlsx, sheet Apples: no installed plugin reads the sheet 'apples' (sheets read: none); "
        "install its plugin, or leave the file out\n"
    )
    assert table_rows(db_url, TABLES) == before


def test_a_plugin_failing_on_import_refuses_it_naming_the_plugin(alpha, tmp_path: Path, db_url: str) -> None:
    ok(alpha("status", "template", "--period", "2024-02", "-o", "feb.csv", plugins=[note_plugin("apples")]))
    fill(tmp_path / "feb.apples.csv", "7")
    before = table_rows(db_url, TABLES)
    result = fails(alpha("status", "import", "feb.csv", plugins=[note_plugin("apples", broken_store=True)]))
    assert "plugin 'apples' failed in status sheet 'apples': RuntimeError: store broke" in result.stderr
    assert "Traceback" not in result.output
    assert table_rows(db_url, TABLES) == before


def test_a_plugin_failing_on_the_template_leaves_its_sheet_out_with_a_warning(alpha, tmp_path: Path) -> None:
    plugins = [note_plugin("apples", broken_rows=True), note_plugin("pears")]
    result = ok(alpha("status", "template", "--period", "2024-02", "-o", "feb.csv", plugins=plugins))
    assert "plugin 'apples' failed in status sheet 'apples': RuntimeError: rows broke" in result.stderr
    assert not (tmp_path / "feb.apples.csv").exists() and (tmp_path / "feb.pears.csv").exists()


def test_a_sheet_without_rows_is_left_out(alpha, tmp_path: Path) -> None:
    ok(alpha("program", "add", "HIS2", "Program uten prosjekter", "--owner", "Siv"))
    result = ok(
        alpha(
            "status",
            "template",
            "--period",
            "2024-02",
            "--program",
            "HIS2",
            "-o",
            "his2.csv",
            plugins=[note_plugin("apples")],
        )
    )
    assert result.stdout == "Wrote his2.csv (program HIS2, 1 row).\n"
    assert sorted(p.name for p in tmp_path.glob("his2*")) == ["his2.csv"]


def test_a_sheet_file_that_exists_stops_the_template_before_any_file_is_written(alpha, tmp_path: Path) -> None:
    plugins = [note_plugin("apples")]
    (tmp_path / "feb.apples.csv").write_text("kept", encoding="utf-8")
    result = fails(alpha("status", "template", "--period", "2024-02", "-o", "feb.csv", plugins=plugins))
    assert "feb.apples.csv" in result.stderr and "(nothing was written)" in result.stderr
    assert not (tmp_path / "feb.csv").exists()
    assert (tmp_path / "feb.apples.csv").read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("Bad Key", "Title"), "status sheet key 'Bad Key' must be 1-32 lower-case letters"),
        (("ok", "Statuses"), "status sheet title 'Statuses' is the template's own sheet"),
        (("ok", "A/B"), "status sheet title 'A/B' must be 1-31 characters"),
    ],
)
def test_a_status_sheet_is_checked_when_made(arguments: tuple[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        StatusSheet(*arguments, ("a",), ("a",), rows=lambda ctx: [], store=lambda ctx, sheet: SheetResult())
    with pytest.raises(ValueError, match="editable column 'b' is not one of its columns"):
        StatusSheet("ok", "Ok", ("a",), ("b",), rows=lambda ctx: [], store=lambda ctx, sheet: SheetResult())
