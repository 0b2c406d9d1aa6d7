"""The archive of what the board got: a closed month's report never changes, in any format.

Closing a month stores its report (every language) with the close; every later build renders
from it, whatever happens to the data, the settings or the installed plugins. Reopening needs a
reason and keeps the old version, marked superseded; closing again stores the next version.
"""

from __future__ import annotations

import json
import types
from decimal import Decimal
from pathlib import Path

import pytest

from portfolio import hookimpl
from portfolio.report import archive_codec
from portfolio.report.blocks import Paragraph
from portfolio.report.sections import SectionSpec
from tests.helpers import fails, ok

MONTH = "2024-01"
FORMATS = ("md", "html", "json", "terminal")


def build(run, fmt: str, lang: str = "nb", **kwargs) -> str:  # type: ignore[no-untyped-def]
    return ok(run("report", "build", "--period", MONTH, "--format", fmt, "--lang", lang, **kwargs)).stdout


def test_the_codec_reads_back_the_report_it_stored(demo, db_url: str) -> None:
    from portfolio.config import load_settings
    from portfolio.context import AppContext
    from portfolio.period import Period
    from portfolio.plugins import load_plugins
    from portfolio.report.builder import build_report

    app = AppContext(load_settings(), load_plugins(warn=lambda _m: None), db_url, "tester")
    with app.reading() as session:
        for lang in ("nb", "en"):
            report = build_report(app, session, Period.parse(MONTH), lang)
            text = archive_codec.encode(report)
            assert archive_codec.decode(text) == report
            assert archive_codec.encode(archive_codec.decode(text)) == text


def test_the_codec_refuses_what_it_did_not_write() -> None:
    with pytest.raises(archive_codec.ArchiveFormatError, match="not JSON"):
        archive_codec.decode("{broken")
    with pytest.raises(archive_codec.ArchiveFormatError, match="format"):
        archive_codec.decode('{"format": 99, "report": {}}')
    with pytest.raises(archive_codec.ArchiveFormatError, match="unknown block 'Script'"):
        archive_codec.decode('{"format": 1, "report": {"$": "Script"}}')


def test_a_closed_month_renders_what_was_archived_whatever_changes_later(demo) -> None:
    before = {(fmt, lang): build(demo, fmt, lang) for fmt in FORMATS for lang in ("nb", "en")}
    assert ok(demo("period", "close", MONTH)).stdout == f"Closed {MONTH}; its report is archived as version 1.\n"
    # Changes to what the live report would show: a program renamed, a project added that starts
    # in the month, and the finance plugin switched off.
    ok(demo("program", "edit", "HIS2", "--name", "Renamed program"))
    ok(demo("project", "add", "NEW2", "A new project", "--start", "2024-01-01"))
    after = {(fmt, lang): build(demo, fmt, lang) for fmt in FORMATS for lang in ("nb", "en")}
    assert after == before
    live = ok(demo("report", "build", "--period", "2024-02", "--format", "md")).stdout
    assert "Renamed program" in live  # an open month shows the change


def test_an_archived_month_renders_without_the_plugin_that_built_a_section(demo) -> None:
    """The archive holds blocks, not code: a plugin gone after the close leaves its section there."""
    plugin = types.SimpleNamespace(
        portfolio_report_sections=hookimpl(
            lambda: [
                SectionSpec(
                    "windfall", {"nb": "Medvind", "en": "Windfall"}, lambda ctx: [Paragraph.of("Gained")], order=95
                )
            ]
        )
    )
    before = build(demo, "md", plugins=[("windfall", plugin)])
    assert "Gained" in before
    ok(demo("period", "close", MONTH, plugins=[("windfall", plugin)]))
    assert build(demo, "md") == before  # built without the plugin: from the archive


def test_verify_compares_with_the_archive(demo, tmp_path: Path) -> None:
    copy = tmp_path / "board.md"
    ok(demo("report", "build", "--period", MONTH, "--format", "md", "-o", str(copy)))
    ok(demo("period", "close", MONTH))
    ok(demo("program", "edit", "HIS2", "--name", "Renamed program"))
    assert "matches" in ok(demo("report", "verify", str(copy))).stdout


def test_reopen_needs_a_reason_and_keeps_the_old_version(demo, tmp_path: Path) -> None:
    ok(demo("period", "close", MONTH, user="alice"))
    first = build(demo, "md")
    missing = fails(demo("period", "open", MONTH), code=2)
    assert "--reason" in missing.stderr
    assert "is_closed" not in missing.stderr
    ok(demo("period", "open", MONTH, "--reason", "NAC's dependencies were wrong", user="bob"))
    ok(demo("assessment", "set", "--period", MONTH, "--text", "Rettet vurdering etter gjenåpning."))
    assert ok(demo("period", "close", MONTH, user="carol")).stdout.endswith("archived as version 2.\n")
    second = build(demo, "md")
    assert second != first and "Rettet vurdering etter gjenåpning." in second

    listing = json.loads(ok(demo("report", "archive", "list", "--period", MONTH, "--format", "json")).stdout)
    rows = {(row["version"], row["lang"]): row for row in listing}
    assert set(rows) == {(1, "nb"), (1, "en"), (2, "nb"), (2, "en")}
    old = rows[(1, "nb")]
    assert (old["state"], old["archived_by"], old["superseded_by"], old["reason"]) == (
        "superseded",
        "alice",
        "bob",
        "NAC's dependencies were wrong",
    )
    assert (rows[(2, "nb")]["state"], rows[(2, "nb")]["archived_by"]) == ("current", "carol")

    shown = ok(demo("report", "archive", "show", MONTH, "--version", "1", "--format", "md")).stdout
    assert shown == first
    assert ok(demo("report", "archive", "show", MONTH, "--format", "md")).stdout == second
    gone = fails(demo("report", "archive", "show", MONTH, "--version", "7"))
    assert gone.stderr == (
        f"Error: no archived report of {MONTH} (version 7); see 'portfolio report archive list --period {MONTH}'\n"
    )


def test_verify_says_a_copy_of_a_superseded_version_is_that_version_unaltered_or_not(demo, tmp_path: Path) -> None:
    ok(demo("period", "close", MONTH, user="alice"))
    sent = tmp_path / "sent.md"
    sent.write_text(build(demo, "md"), encoding="utf-8")
    edited = tmp_path / "edited.md"
    text = sent.read_text(encoding="utf-8")
    assert "| 1.1 IAM 2 | 🟢 Gr |" in text
    edited.write_text(text.replace("| 1.1 IAM 2 | 🟢 Gr |", "| 1.1 IAM 2 | 🔴 Rø |", 1), encoding="utf-8")
    ok(demo("period", "open", MONTH, "--reason", "NAC's dependencies were wrong", user="bob"))
    ok(demo("assessment", "set", "--period", MONTH, "--text", "Rettet vurdering etter gjenåpning."))
    ok(demo("period", "close", MONTH, user="carol"))

    genuine = fails(demo("report", "verify", str(sent)))
    day = ok(demo("report", "archive", "list", "--period", MONTH, "--format", "json")).stdout
    superseded_on = json.loads(day)[0]["superseded_at"][:10]
    assert genuine.stdout.splitlines()[-1] == (
        f"It has the data of version 1 of {MONTH}'s archived report, superseded on {superseded_on} by bob "
        "(NAC's dependencies were wrong); the current version is 2. The file is version 1, unaltered."
    )
    altered = fails(demo("report", "verify", str(edited))).stdout.splitlines()
    assert altered[-1].startswith(f"It has the data of version 1 of {MONTH}'s archived report")
    assert "The file differs from version 1; first difference:" in altered[-1]
    current = tmp_path / "current.md"
    current.write_text(build(demo, "md"), encoding="utf-8")
    assert "matches" in ok(demo("report", "verify", str(current))).stdout


def test_the_reopening_reason_is_in_the_audit_trail(demo, db_url: str) -> None:
    from sqlalchemy import create_engine, select

    from portfolio.models import AuditEntry

    ok(demo("period", "close", MONTH))
    ok(demo("period", "open", MONTH, "--reason", "a late correction", user="bob"))
    engine = create_engine(db_url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEntry.user, AuditEntry.new_value).where(
                AuditEntry.table_name == "reporting_period",
                AuditEntry.field == "reopen_reason",
                AuditEntry.row_key == MONTH,
            )
        ).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [("bob", "a late correction")]


def test_a_section_that_fails_stops_the_close_and_nothing_is_closed(demo) -> None:
    def broken(ctx):  # type: ignore[no-untyped-def]
        raise ValueError("ledger offline")

    plugin = types.SimpleNamespace(
        portfolio_report_sections=hookimpl(
            lambda: [SectionSpec("ledger", {"nb": "Regnskap", "en": "Ledger"}, broken, order=95)]
        )
    )
    refused = fails(demo("period", "close", MONTH, plugins=[("ledger", plugin)]))
    assert refused.stderr == "Error: plugin 'ledger' failed in section 'ledger': ValueError: ledger offline\n"
    assert "2024-01   22          no\n" in ok(demo("period", "list")).stdout
    assert ok(demo("report", "archive", "list")).stdout == "No archived reports: no month has been closed yet.\n"


def test_backup_and_restore_carry_the_archive(demo, tmp_path: Path) -> None:
    ok(demo("period", "close", MONTH))
    before = build(demo, "md")
    backup = tmp_path / "backup.json"
    ok(demo("db", "backup", str(backup), "--format", "json"))
    dumped = json.loads(backup.read_text(encoding="utf-8"))
    assert dumped["tables"]["report_archive"]["rows"], "the archive is in the backup"
    from click.testing import CliRunner

    from portfolio.cli import build_cli

    restored = tmp_path / "restored.db"

    def on_restored(*args: str) -> str:
        return ok(CliRunner().invoke(build_cli(), ["--db", str(restored), *args])).stdout

    on_restored("db", "upgrade")
    on_restored("db", "restore", str(backup))
    assert on_restored("report", "build", "--period", MONTH, "--format", "md", "--lang", "nb") == before


def test_a_section_with_bad_sql_is_left_out_and_the_others_render(demo) -> None:
    """On PostgreSQL a failed statement aborts the transaction; each section's savepoint keeps it
    to that section."""
    from sqlalchemy import text

    def bad_sql(ctx):  # type: ignore[no-untyped-def]
        ctx.session.execute(text("SELECT no_such_column FROM no_such_table"))
        return [Paragraph.of("never")]

    def after(ctx):  # type: ignore[no-untyped-def]
        return [Paragraph.of(f"{ctx.session.execute(text('SELECT 41 + 1')).scalar()} still answers")]

    plugin = types.SimpleNamespace(
        portfolio_report_sections=hookimpl(
            lambda: [
                SectionSpec("broken_sql", {"nb": "Feil", "en": "Broken"}, bad_sql, order=91),
                SectionSpec("after_it", {"nb": "Etter", "en": "After"}, after, order=92),
            ]
        )
    )
    result = ok(demo("report", "build", "--period", MONTH, "--format", "md", plugins=[("sqlish", plugin)]))
    assert "42 still answers" in result.stdout
    assert "plugin 'sqlish' failed in section 'broken_sql'" in result.stderr
    assert result.stderr.count("warning:") == 1
    strict = fails(
        demo("report", "build", "--period", MONTH, "--format", "md", "--strict", plugins=[("sqlish", plugin)])
    )
    assert "plugin 'sqlish' failed in section 'broken_sql'" in strict.stderr


@pytest.mark.slow
def test_the_board_pack_and_workbook_of_a_closed_month_never_change(demo, tmp_path: Path) -> None:
    """PDF and XLSX too: built before the close, built after a later change, the same bytes; and
    `report verify` of each earlier copy passes."""
    from tests.support.board_pack import need_typst

    need_typst()
    before = {}
    for fmt in ("pdf", "xlsx", "html"):
        before[fmt] = tmp_path / f"before.{fmt}"
        ok(demo("report", "build", "--period", MONTH, "--format", fmt, "-o", str(before[fmt])))
    ok(demo("period", "close", MONTH))
    ok(demo("program", "edit", "HIS2", "--name", "Renamed program"))
    for fmt, earlier in before.items():
        again = tmp_path / f"after.{fmt}"
        ok(demo("report", "build", "--period", MONTH, "--format", fmt, "-o", str(again)))
        assert again.read_bytes() == earlier.read_bytes(), fmt
        assert "matches" in ok(demo("report", "verify", str(earlier))).stdout


def test_a_month_closed_before_the_archive_is_archived_by_backfill(demo, db_url: str) -> None:
    from sqlalchemy import text

    from portfolio.database import make_engine

    ok(demo("period", "close", MONTH))
    engine = make_engine(db_url)
    with engine.begin() as connection:  # as a month closed before reports were archived
        connection.execute(text("DELETE FROM report_archive"))
    engine.dispose()
    ok(demo("program", "edit", "HIS2", "--name", "Renamed before the backfill"))
    assert "Renamed before the backfill" in build(demo, "md"), "without an archive the month is built live"
    refused = fails(demo("report", "archive", "backfill", "--period", "2024-02"))
    assert refused.stderr == "Error: 2024-02 is not closed; 'portfolio period close 2024-02' archives its report\n"

    archived = ok(demo("report", "archive", "backfill"))
    assert archived.stdout == f"Archived {MONTH} as version 1, built from the data as it is now.\n"
    before = {lang: build(demo, "md", lang) for lang in ("nb", "en")}
    ok(demo("program", "edit", "HIS2", "--name", "Renamed after the backfill"))
    assert {lang: build(demo, "md", lang) for lang in ("nb", "en")} == before
    versions = json.loads(ok(demo("report", "archive", "list", "--format", "json")).stdout)
    assert [(v["period"], v["version"], v["lang"], v["state"]) for v in versions] == [
        (MONTH, 1, "en", "current"),
        (MONTH, 1, "nb", "current"),
    ]
    assert ok(demo("report", "archive", "backfill")).stdout == "Every closed month has its archived report.\n"
    again = fails(demo("report", "archive", "backfill", "--period", MONTH))
    assert "already has an archived report" in again.stderr


@pytest.fixture
def fingerprints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each month whose fingerprint is computed from the data, in order (a spy on the one function)."""
    from portfolio.report import fingerprint

    computed: list[str] = []
    original = fingerprint.compute_fingerprint

    def spy(session, period, host, settings=None):  # type: ignore[no-untyped-def]
        computed.append(str(period))
        return original(session, period, host, settings)

    monkeypatch.setattr(fingerprint, "compute_fingerprint", spy)
    return computed


def test_the_close_computes_the_fingerprint_once_for_every_language(demo, fingerprints: list[str]) -> None:
    ok(demo("period", "close", MONTH))
    assert fingerprints == [MONTH]
    versions = json.loads(ok(demo("report", "archive", "list", "--format", "json")).stdout)
    assert {v["lang"] for v in versions} == {"nb", "en"}
    assert len({v["fingerprint"] for v in versions}) == 1


def test_a_closed_month_reads_its_fingerprint_from_the_archive(demo, tmp_path: Path, fingerprints) -> None:
    copies = {fmt: tmp_path / f"board.{fmt}" for fmt in FORMATS}
    for fmt, copy in copies.items():
        ok(demo("report", "build", "--period", MONTH, "--format", fmt, "-o", str(copy)))
    assert fingerprints == [MONTH] * len(FORMATS), "an open month's build computes it, once"
    ok(demo("period", "close", MONTH))
    fingerprints.clear()
    for fmt, copy in copies.items():
        rebuilt = build(demo, fmt)
        assert rebuilt == copy.read_text(encoding="utf-8")
        assert "matches" in ok(demo("report", "verify", str(copy))).stdout
    ok(demo("report", "diff", "2023-12", MONTH))
    assert fingerprints == [], "a closed month's build, verify and diff read the archive's fingerprint"


def test_verify_of_an_open_month_computes_the_fingerprint_once(demo, tmp_path: Path, fingerprints) -> None:
    copy = tmp_path / "board.json"
    ok(demo("report", "build", "--period", MONTH, "--format", "json", "-o", str(copy)))
    fingerprints.clear()
    assert "matches" in ok(demo("report", "verify", str(copy))).stdout
    assert fingerprints == [MONTH]
    ok(demo("report", "diff", "2023-12", MONTH))
    assert fingerprints == [MONTH], "report diff compares figures, not fingerprints"


def test_the_codec_reads_what_only_the_standard_library_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    """A float that is not a number (json.dumps writes NaN, which orjson refuses) and a whole number
    beyond 64 bits read back; so does everything without orjson."""
    import math
    import sys

    from portfolio.report.blocks import Column, KeyFigure, KeyFigures, Report, Row, Section, Table

    table = Table((Column("n", "N", "decimal"),), (Row((Decimal("1.50"),)), Row((2**70,)), Row((None,))))
    figures = KeyFigures((KeyFigure("x", Decimal("-0.000")), KeyFigure("nan", float("nan"))))  # type: ignore[arg-type]
    report = Report("T", MONTH, "nb", (Section("s", 1, "S", (table, figures)),))
    text = archive_codec.encode(report)
    assert "NaN" in text
    for orjson_there in (True, False):
        if not orjson_there:
            monkeypatch.setitem(sys.modules, "orjson", None)
        back = archive_codec.decode(text)
        blocks = back.sections[0].blocks
        assert blocks[0] == table and str(blocks[0].rows[0].cells[0]) == "1.50"
        assert isinstance(blocks[0].rows, tuple) and blocks[0].rows[1].cells == (2**70,)
        assert str(blocks[1].figures[0].value) == "-0.000" and math.isnan(blocks[1].figures[1].value)
        assert archive_codec.encode(back) == text


def test_the_codec_shares_equal_blocks_of_plain_values_and_keeps_their_types() -> None:
    from portfolio.report.blocks import HeatCell, HeatMap, MatrixCell, MatrixRow, Report, Section, StatusMatrix

    cells = tuple(
        MatrixRow(f"P{i}", "project", f"P{i}", (MatrixCell("green"), MatrixCell("red", "worse"))) for i in range(3)
    )
    matrix = StatusMatrix("M", "Project", ("a", "b"), cells)
    heat = HeatMap(
        "H",
        "C",
        "P",
        (2, 1),
        (1, 2),
        ((HeatCell(1, "red"), HeatCell(True, "red")), (HeatCell(1.0, "red"), HeatCell(0, "green"))),
    )  # type: ignore[arg-type]
    report = Report("T", MONTH, "nb", (Section("s", 1, "S", (matrix, heat)),))
    back = archive_codec.decode(archive_codec.encode(report))
    assert back == report
    rows = back.sections[0].blocks[0].rows
    assert rows[0].cells[0] is rows[2].cells[0] and rows[0].cells[1] is rows[1].cells[1]
    counts = [cell.count for row in back.sections[0].blocks[1].rows for cell in row]
    assert [type(count) for count in counts] == [int, bool, float, int]
