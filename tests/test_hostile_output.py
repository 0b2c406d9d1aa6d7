"""Issue 21, security and crashes: what hostile text and input do to what we write and print.

Each test uses the issue's own input: a project named ``=cmd|' /C calc'!A0`` with manager
``@SUM(1)``, an OSC 52 clipboard write in an imported comment, a password in a malformed URL,
amounts beyond 64 bits, a month at the end of the calendar, a million bad rows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from portfolio.safe_text import cell_text, csv_text, unquote_cell, visible
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

FORMULA_NAME = "=cmd|' /C calc'!A0"
FORMULA_MANAGER = "@SUM(1)"
OSC52 = "\x1b]52;c;aGFjaw==\x07"  # writes 'hack' to the clipboard of the terminal that obeys it
KEYS = ["scope", "finance", "resources", "schedule", "dependencies", "benefits"]


def _status_file(path: Path, code: str, comment: str, *, period: str | None = None) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["code", *KEYS, "comment"])
    writer.writerow([code, *["green"] * len(KEYS), comment])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def hostile(migrated, tmp_path: Path):  # type: ignore[no-untyped-def]
    ok(migrated("project", "add", "X1", FORMULA_NAME, "--manager", FORMULA_MANAGER))
    ok(migrated("project", "add", "X2", f"Evil{OSC52}name"))
    ok(
        migrated(
            "status", "import", str(_status_file(tmp_path / "in.csv", "X2", f"hi {OSC52} there")), "--period", "2024-01"
        )
    )
    return migrated


# -- 9. formulas in every spreadsheet file we write --------------------------------------------


def test_the_status_template_csv_keeps_formulas_text(hostile, tmp_path: Path) -> None:
    ok(hostile("status", "template", "--period", "2024-01", "-o", "t.csv"))
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = {row[0]: row for row in csv.reader(lines[6:])}
    assert rows["X1"][1:3] == ["'" + FORMULA_NAME, "'" + FORMULA_MANAGER]
    assert rows["X2"][1] == "Evil␛]52;c;aGFjaw==␇name"  # no control character in a file for Excel
    assert "\x1b" not in "".join(lines)


def test_the_status_template_xlsx_keeps_formulas_text_and_takes_control_characters(hostile, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ok(hostile("status", "template", "--period", "2024-01", "-o", "t.xlsx"))  # a control character crashed it
    sheet = load_workbook(tmp_path / "t.xlsx")["Statuses"]
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=7)}
    assert cells["X1"][1].value == FORMULA_NAME and cells["X1"][1].quotePrefix and cells["X1"][1].data_type == "s"
    assert cells["X1"][2].value == FORMULA_MANAGER and cells["X1"][2].quotePrefix
    assert cells["X2"][1].value == "Evil␛]52;c;aGFjaw==␇name"


def test_a_template_comes_back_with_its_formula_like_comment_as_written(migrated, tmp_path: Path) -> None:
    ok(migrated("project", "add", "X1", FORMULA_NAME, "--manager", FORMULA_MANAGER))
    ok(
        migrated(
            "status", "import", str(_status_file(tmp_path / "in.csv", "X1", "-5 % on budget")), "--period", "2024-01"
        )
    )
    ok(migrated("status", "template", "--period", "2024-01", "-o", "t.csv"))
    assert ",'-5 % on budget," in (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    ok(migrated("status", "import", "t.csv"))  # the apostrophe is ours: taken off on the way back
    shown = ok(migrated("status", "show", "X1", "--period", "2024-01")).stdout
    assert "-5 % on budget" in shown and "'-5" not in shown


def test_one_cell_rule_for_csv_and_workbooks() -> None:
    assert csv_text(FORMULA_NAME) == "'" + FORMULA_NAME
    assert csv_text("\tTab") == "'\tTab"
    assert csv_text("a\x1bb\r\nc") == "a␛b\r\nc"  # line ends stay in a cell; ESC is shown
    assert cell_text("\x00\x7f\x9b") == "␀␡\\u009b"
    assert unquote_cell(csv_text("=1+1")) == "=1+1" and unquote_cell("'quoted'") == "'quoted'"


# -- 10. control characters on a terminal and in text formats ----------------------------------


def test_visible_shows_every_control_character_and_keeps_our_colours() -> None:
    assert visible(f"hi {OSC52}") == "hi ␛]52;c;aGFjaw==␇"
    assert visible("a\tb\nc\r\nd\re") == "a\tb\nc\r\nd␍e"  # a lone carriage return could overwrite a line
    assert visible("\u202eevil\u2069 \x9b2J") == "\\u202eevil\\u2069 \\u009b2J"
    assert visible("\x1b[1mbold\x1b[0m \x1b[32mgreen\x1b[0m", colour=True) == "\x1b[1mbold\x1b[0m \x1b[32mgreen\x1b[0m"
    assert visible("\x1b[1mbold\x1b[0m") == "␛[1mbold␛[0m"
    assert visible("\x1b[8mhidden \x1b[2J", colour=True) == "␛[8mhidden ␛[2J"  # conceal, clear: not ours


@pytest.mark.parametrize(
    "command",
    [
        ("status", "show", "X2", "--period", "2024-01"),
        ("project", "list"),
        ("project", "show", "X2"),
        ("status", "matrix", "--period", "2024-01"),
        ("status", "matrix", "--period", "2024-01", "--color"),
        ("history", "X2"),
        ("report", "build", "--period", "2024-01"),
        ("report", "build", "--period", "2024-01", "--color"),
        ("report", "build", "--period", "2024-01", "--format", "md"),
        ("project", "list", "--format", "csv"),
    ],
)
def test_no_command_prints_a_control_character_raw(hostile, command) -> None:
    result = ok(hostile(*command))
    assert "\x07" not in result.output and "\x1b]" not in result.output
    assert "␛" in result.output and "␇" in result.output  # shown, as ␛]52;c;aGFjaw==␇ (Markdown escapes ] and =)


def test_an_error_message_quoting_the_bad_value_shows_it(migrated, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"code,{','.join(KEYS)}\nX9{OSC52},{','.join(['green'] * 6)}\n", encoding="utf-8")
    result = fails(migrated("status", "import", str(path), "--period", "2024-01"))
    assert "X9␛]52;c;aGFjaw==␇" in result.output and "\x1b" not in result.output


def test_the_markdown_report_written_to_a_file_shows_control_characters(hostile, tmp_path: Path) -> None:
    ok(hostile("report", "build", "--period", "2024-01", "--format", "md", "-o", "r.md"))
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Evil␛" in text and "\x1b" not in text and "\x07" not in text
