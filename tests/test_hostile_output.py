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


def test_the_quick_check_for_plain_text_agrees_with_the_full_rule() -> None:
    """``visible`` first looks for any control character at all; every character the rule shows
    (and a few it keeps) gives the same text as the regular expression alone."""
    from portfolio import safe_text

    special = [chr(code) for code in [*range(0x00, 0x21), *range(0x7F, 0xA1), 0xAD, *range(0x2028, 0x2030)]]
    special += [chr(code) for code in range(0x2066, 0x206A)] + ["\u200b", "\ufeff", "\u3000", "é", "✓", "🙂"]
    texts = [f"a{char}b" for char in special] + [f"{char}\n{char}\r\n\t" for char in special]
    texts += ["plain\ntext\twith tabs\n", "line\r\nend\r", "\x1b[1mbold\x1b[0m", "\x1b]52;c;x\x07", ""]
    for text in texts:
        for colour in (False, True):
            pattern = safe_text._pattern(safe_text._TERMINAL_COLOUR if colour else safe_text._TERMINAL)
            assert visible(text, colour=colour) == pattern.sub(safe_text._replace, text), repr(text)


def test_visible_passes_a_text_without_controls_as_it_is_and_finds_every_one_alone() -> None:
    """The quick look for any control character must not miss one the full rules would show."""
    plain = "line\tone\r\nline two – ø ●\n"
    assert visible(plain) is plain and visible(plain, colour=True) is plain
    for code in [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        character = chr(code)
        if character in "\t\n":
            continue
        assert visible(f"a{character}b") != f"a{character}b", hex(code)
        assert visible(f"a{character}b", colour=True) != f"a{character}b", hex(code)


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


@pytest.mark.parametrize(
    "command",
    [("report", "build", "--period", "2024-01", "--color"), ("status", "matrix", "--period", "2024-01", "--color")],
)
def test_colour_codes_in_the_data_are_shown_even_when_colour_is_on(migrated, command) -> None:
    """With colour on, the renderer's own colour codes pass; the same codes in a name do not."""
    ok(migrated("project", "add", "X3", "Red\x1b[31mtext\x1b[8mhidden\x1b[0m"))
    ok(migrated("status", "set", "X3", "--period", "2024-01", *[f"--{key}=green" for key in KEYS]))
    output = ok(migrated(*command)).output
    assert "Red␛[31mtext␛[8mhidden␛[0m" in output
    assert "\x1b[8m" not in output


def test_an_error_message_quoting_the_bad_value_shows_it(migrated, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"code,{','.join(KEYS)}\nX9{OSC52},{','.join(['green'] * 6)}\n", encoding="utf-8")
    result = fails(migrated("status", "import", str(path), "--period", "2024-01"))
    assert "X9␛]52;c;aGFjaw==␇" in result.output and "\x1b" not in result.output


def test_the_markdown_report_written_to_a_file_shows_control_characters(hostile, tmp_path: Path) -> None:
    ok(hostile("report", "build", "--period", "2024-01", "--format", "md", "-o", "r.md"))
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Evil␛" in text and "\x1b" not in text and "\x07" not in text


# -- 12. one line, never a traceback --------------------------------------------------------------

TOO_LARGE = "Error: a number is too large for the database: whole numbers from -9223372036854775808"


def _one_line(result, code: int = 1) -> str:  # type: ignore[no-untyped-def]
    fails(result, code)
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("Error: "), result.output
    return lines[-1]


def test_finance_amounts_beyond_64_bits_are_refused_with_the_range(migrated, tmp_path: Path) -> None:
    limit = "from -92 233 720 368 547 758 to 92 233 720 368 547 758 kr are stored"
    huge = "1" + "0" * 30  # the 1e30, written out: '1e30' itself is not a number here
    line = _one_line(
        migrated("finance", "set", "--period", "2024-01", "--line", "grants", "--actual", huge, "--unit", "kr")
    )
    assert line == f"Error: '{huge}' is too large: amounts {limit}"
    refused = fails(
        migrated("finance", "set", "--period", "2024-01", "--line", "grants", "--actual", "1e30", "--unit", "kr"), 2
    )
    assert "'1e30' is not a number" in refused.output
    path = tmp_path / "f.csv"
    path.write_text(
        f"period;line;actual\n2024-01;grants;{huge}\n2024-01;sales;١٢٣\n2024-02;sales;１２３\n", encoding="utf-8"
    )
    result = fails(migrated("finance", "import", str(path), "--unit", "kr"))
    assert f"line 2, column actual: '{huge}' is too large: amounts {limit}" in result.output
    # 15: digits other than 0-9 (Arabic-Indic, full-width) are refused by the one number parser
    assert "line 3, column actual: '١٢٣' has digits other than 0-9" in result.output
    assert "line 4, column actual: '１２３' has digits other than 0-9" in result.output


def test_an_id_beyond_64_bits_is_one_line(migrated) -> None:
    assert _one_line(migrated("risk", "show", "99999999999999999999")).startswith(TOO_LARGE)


@pytest.mark.parametrize(
    "command",
    [
        ("report", "build", "--period", "2024-01", "--format", "md", "-o", "out.md"),
        ("project", "list", "--format", "csv", "-o", "out.csv"),
        ("status", "template", "--period", "2024-01", "-o", "out.csv"),
        ("db", "backup", "out.db"),
    ],
)
def test_a_folder_that_cannot_be_written_is_one_line(hostile, monkeypatch, tmp_path: Path, command) -> None:
    import tempfile

    def refused(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")  # as a folder of another user (tests run as root)

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    if command[:2] == ("db", "backup") and "postgresql" in str(hostile("info").output):
        command = (*command, "--format", "json")
    line = _one_line(hostile(*command))
    assert (
        line
        == f"Error: cannot write {command[command.index('-o') + 1] if '-o' in command else 'out.db'}: Permission denied"
    )
    assert not (tmp_path / "out.md").exists() and not (tmp_path / "out.csv").exists()


def test_db_upgrade_refuses_a_database_of_a_newer_installation_in_one_line(migrated, db_url: str) -> None:
    from sqlalchemy import text

    from portfolio.database import make_engine

    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future' WHERE version_num LIKE '00%'"))
    engine.dispose()
    line = _one_line(migrated("db", "upgrade"))
    assert "has revision 9999_future, which this installation does not know" in line
    assert "has revision 9999_future" in _one_line(migrated("db", "upgrade", "nonsense"))


@pytest.mark.parametrize(
    "command",
    [
        ("report", "build", "--period", "9999-12", "--format", "xlsx", "-o", "r.xlsx"),
        ("report", "build", "--period", "9999-12", "--format", "md"),
        ("report", "build", "--period", "9999-12", "--format", "pdf", "-o", "r.pdf"),
        ("deviation", "counts", "--period", "9999-12"),
    ],
)
def test_a_month_whose_next_month_cannot_be_represented_is_refused(migrated, command) -> None:
    result = fails(migrated(*command), 2)
    assert "'9999-12' is out of range: a month from 1900-01 to 9998-12" in result.output


def test_the_first_month_of_the_range_builds_every_section(migrated, tmp_path: Path) -> None:
    result = ok(migrated("report", "build", "--period", "1900-01", "--format", "md"))
    assert "warning" not in result.stderr and "⚠" not in result.stdout  # no section dropped
    ok(migrated("report", "build", "--period", "1900-01", "--format", "xlsx", "-o", "r.xlsx"))  # zip times: 1980-2107
    for period in ("1900-01", "9998-12", "2108-01"):
        ok(migrated("deviation", "counts", "--period", period))


@pytest.mark.parametrize("period", ["9998-12", "2108-01"])
@pytest.mark.parametrize("command", [("report", "build"), ("status", "matrix"), ("round",), ("check",)])
def test_a_month_that_has_not_begun_is_refused_in_one_line(migrated, period, command) -> None:
    """One rule for a month after the current one: nothing is reported for it, or shown of it."""
    result = fails(migrated(*command, "--period", period), 2)
    assert f"{period} has not begun yet (this month is " in result.stderr
    assert "Traceback" not in result.output


# -- 13. a million bad rows, a hundred thousand columns ----------------------------------------


def test_an_import_error_lists_fifty_problems_and_counts_the_rest() -> None:
    from portfolio.errors import ImportFileError

    message = str(ImportFileError("bad.csv", [f"line {n}: bad" for n in range(2, 1_000_002)]))
    lines = message.splitlines()
    assert lines[0] == "bad.csv: 1000000 problems, nothing imported"
    assert lines[1:51] == [f"line {n}: bad" for n in range(2, 52)]
    assert lines[51:] == ["... and 999950 more problems"]


def test_many_bad_rows_through_the_cli_give_fifty_lines_and_a_count(migrated, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        f"code,{','.join(KEYS)}\n" + "".join(f"NOPE{n},green,green,green,green,green,green\n" for n in range(300))
    )
    result = fails(migrated("status", "import", str(path), "--period", "2024-01"))
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"Error: {path}: 300 problems, nothing imported" and len(lines) == 52
    assert lines[-1] == "... and 250 more problems"


def test_a_header_of_a_hundred_thousand_columns_is_refused_at_once(migrated, tmp_path: Path) -> None:
    import time

    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{n}" for n in range(100_000)) + "\n" + ",".join("x" * 1 for _ in range(100_000)) + "\n")
    started = time.perf_counter()
    line = _one_line(migrated("status", "import", str(path), "--period", "2024-01"))
    assert line == f"Error: {path}: the header has 100000 columns; at most 500 are read (is it the right file?)"
    assert time.perf_counter() - started < 10  # it took 174 s


# -- 14. the database's internals stay inside ---------------------------------------------------


def test_a_unique_violation_is_said_in_the_users_terms(migrated) -> None:
    import types

    import click
    from sqlalchemy import insert

    from portfolio import hookimpl
    from portfolio.cli.root import pass_app
    from portfolio.models import Program

    @click.command("clash")
    @pass_app
    def clash(app) -> None:  # type: ignore[no-untyped-def]
        with app.writing() as session:  # two writers inserting the same program, as overlapping imports do
            rows = [{"code": "DUP", "name": "one"}, {"code": "DUP", "name": "two"}]
            session.execute(insert(Program), rows)

    plugin = types.SimpleNamespace(portfolio_register_commands=hookimpl(lambda cli: cli.add_command(clash)))
    result = migrated("clash", plugins=[("clash", plugin)])
    assert _one_line(result) == (
        "Error: the record already exists, saved by someone else at the same time; nothing was written: "
        "show it and run the command again"
    )
    assert "duplicate key" not in result.output and "UNIQUE" not in result.output and "Pipeline" not in result.output


def test_psycopgs_ignored_cleanup_error_is_not_printed(caplog) -> None:
    import logging

    from portfolio.database import _quiet_driver_cleanup

    _quiet_driver_cleanup()
    with caplog.at_level(logging.WARNING, logger="psycopg"):
        logging.getLogger("psycopg").warning("error ignored terminating %r: %s", "<psycopg.Pipeline [BAD]>", "boom")
        logging.getLogger("psycopg").warning("something else")
    assert [record.getMessage() for record in caplog.records] == ["something else"]


# -- 15 and 16. one set of rules for every output file ----------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("db", "backup", "../out.db"),
        ("report", "build", "--period", "2024-01", "--format", "md", "-o", "../out.md"),
        ("project", "list", "--format", "csv", "-o", "../out.csv"),
        ("status", "template", "--period", "2024-01", "-o", "../out.csv"),
    ],
)
def test_every_output_path_refuses_dot_dot(hostile, command) -> None:
    assert "'..' is not allowed in an output path" in _one_line(hostile(*command))


@pytest.mark.parametrize(
    "command",
    [
        ("db", "backup", "link", "--force"),
        ("report", "build", "--period", "2024-01", "--format", "md", "-o", "link", "--force"),
        ("status", "template", "--period", "2024-01", "-o", "link", "--force"),
    ],
)
def test_every_output_path_refuses_a_symbolic_link_even_with_force(hostile, tmp_path: Path, command) -> None:
    (tmp_path / "target").write_text("keep", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "target")
    assert "it is a symbolic link" in _one_line(hostile(*command))
    assert (tmp_path / "link").is_symlink() and (tmp_path / "target").read_text(encoding="utf-8") == "keep"


def test_a_device_or_a_pipe_is_never_replaced(hostile, tmp_path: Path) -> None:
    import os
    import stat

    from portfolio.errors import PortfolioError
    from portfolio.files import check_output

    with pytest.raises(PortfolioError, match="/dev/full: it is not a regular file"):
        check_output(Path("/dev/full"), force=True)  # the issue's: as root it was replaced by a file
    os.mkfifo(tmp_path / "pipe")
    for command in (
        ("report", "build", "--period", "2024-01", "--format", "md", "-o", "pipe", "--force"),
        ("db", "backup", "pipe", "--force"),
        ("project", "list", "--format", "csv", "-o", "pipe", "--force"),
    ):
        assert "it is not a regular file" in _one_line(hostile(*command))
        assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


def test_as_longer_than_the_audit_trail_holds_is_refused_before_any_work(migrated, db_url: str) -> None:
    from portfolio.testing import table_rows

    before = table_rows(db_url, ("project", "audit_log"))
    result = fails(migrated("project", "add", "LONG", "Long", user="x" * 65), 2)
    assert (
        "Invalid value for '--as': 'xxxxxxxxxxxxxxxxxxxx...' is 65 characters; at most 64 are allowed" in result.output
    )
    assert table_rows(db_url, ("project", "audit_log")) == before
    ok(migrated("project", "add", "LONG", "Long", user="x" * 64))


# -- colour codes in the data: shown, never obeyed, with colour on or off ------------------------

MAGENTA = "\x1b[35m"  # magenta: a colour none of the renderers uses itself


@pytest.fixture
def coloured(migrated):  # type: ignore[no-untyped-def]
    """A project whose name and comments hold colour codes, as 'status set --comment $'B\\e[31mred''."""
    ok(migrated("project", "add", "X4", f"N{MAGENTA}name"))
    ok(
        migrated(
            "status", "set", "X4", "--period", "2024-01", *[f"--{key}=green" for key in KEYS],
            "--comment", f"B{MAGENTA}red", "--resources-comment", "R\x1b[41mbg",
        )
    )  # fmt: skip
    return migrated


COLOURED_COMMANDS = [
    ("status", "show", "X4", "--period", "2024-01"),
    ("status", "explain", "X4", "--period", "2024-01"),
    ("project", "show", "X4"),
    ("project", "list"),
    ("history", "X4"),
    ("status", "matrix", "--period", "2024-01"),
    ("status", "matrix", "--period", "2024-01", "--color"),
    ("status", "matrix", "--period", "2024-01", "--no-color"),
    ("report", "build", "--period", "2024-01"),
    ("report", "build", "--period", "2024-01", "--color"),
]


@pytest.mark.parametrize("command", COLOURED_COMMANDS)
def test_colour_codes_in_the_data_are_shown_when_piped(coloured, command) -> None:
    """Piped, click would strip the data's colour codes before our stream saw them: the docs
    promise ␛[35m, not a silently shortened comment."""
    output = ok(coloured(*command)).output
    assert MAGENTA not in output and "\x1b[41m" not in output
    assert "␛[35m" in output
    if command[:2] in (("status", "show"), ("status", "explain")):
        assert "B␛[35mred" in output and "R␛[41mbg" in output


@pytest.mark.parametrize("command", COLOURED_COMMANDS)
def test_colour_codes_in_the_data_are_shown_on_a_terminal(coloured, db_url: str, command) -> None:
    """Where click strips nothing (a terminal, or --color), no command passes the data's codes:
    the stream lets no escape code through, and a renderer's own colour reaches the terminal only
    through echo_rendered, after the data was shown."""
    from click.testing import CliRunner

    from portfolio.cli import build_cli

    result = CliRunner().invoke(build_cli(), ["--db", db_url, *command], color=True)
    assert result.exit_code == 0, result.output
    assert MAGENTA not in result.output and "\x1b[41m" not in result.output
    assert "␛[35m" in result.output
    if "--color" in command:
        assert "\x1b[32m●" in result.output  # the renderer's own colour still passes


def test_the_stream_shows_every_escape_and_only_echo_rendered_passes_colour(capsys) -> None:
    import click

    from portfolio.cli.shown import echo_rendered, shown_output

    styled = click.style("ours", fg="green")
    with shown_output():
        click.echo(f"{styled} B{MAGENTA}red", color=True)
        echo_rendered(f"{styled} \x1b]52;c;x\x07", colour=True)
        echo_rendered(f"{styled} B{MAGENTA}red", colour=False)  # without colour nothing passes
    assert capsys.readouterr().out == (
        "␛[32mours␛[0m B␛[35mred\n\x1b[32mours\x1b[0m ␛]52;c;x␇\n␛[32mours␛[0m B␛[35mred\n"
    )


def test_a_real_terminal_gets_the_reports_colour_and_the_datas_codes_shown(coloured, db_url: str) -> None:
    """As the user saw it with ``script``: on a terminal, status show and explain printed the
    comments' codes raw; the matrix's own coloured dots must still come through."""
    import os
    import pty
    import subprocess
    import sys

    code = "import sys; from portfolio.cli import main; sys.argv[0] = 'portfolio'; main()"
    for command, expected in [
        (("status", "show", "X4", "--period", "2024-01"), ["B␛[35mred", "R␛[41mbg"]),
        (("status", "explain", "X4", "--period", "2024-01"), ["B␛[35mred", "R␛[41mbg"]),
        (("status", "matrix", "--period", "2024-01"), ["N␛[35mname", "\x1b[32m●"]),
    ]:
        parent, child = pty.openpty()
        process = subprocess.Popen(
            [sys.executable, "-c", code, "--db", db_url, *command], stdin=child, stdout=child, stderr=child
        )
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(parent)
        assert process.wait(timeout=60) == 0, b"".join(chunks)
        output = b"".join(chunks).decode()
        assert MAGENTA not in output and "\x1b[41m" not in output, command
        for text in expected:
            assert text in output, (command, text)
