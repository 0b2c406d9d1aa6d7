"""Lists stream: CSV and JSON are written while the rows are still being read, with the same bytes
as a list written whole, and the streaming reads give what the whole reads give, in their order
(docs/performance.md, "Lists that stream")."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import click
import pytest

from portfolio.cli import output
from portfolio.cli.output import STREAM_CHUNK, emit
from tests.helpers import fails, ok

COLUMNS = [("code", "Code"), ("name", "Name"), ("amount", "Amount"), ("day", "Day"), ("active", "Active")]


def sample(number: int) -> dict[str, Any]:
    """A row with every kind of value a list holds: text with line breaks, quotes and non-ASCII
    letters, a Decimal, a date, a boolean, a missing value, a formula-like text."""
    return {
        "code": f"P{number}",
        "name": ['Ærlig "sak"\nlinje to', "=1+1", "plain", None][number % 4],
        "amount": [Decimal("12.50"), Decimal("3"), 7, None][number % 4],
        "day": dt.date(2024, 1, 1 + number % 28),
        "active": number % 3 == 0,
    }


def emitted(rows: Any, fmt: str, monkeypatch: pytest.MonkeyPatch) -> str:
    buffer = io.StringIO()
    monkeypatch.setattr("sys.stdout", buffer)
    with click.Context(click.Command("list")):
        emit(rows, COLUMNS, fmt)
    return buffer.getvalue()


def whole_csv(rows: list[dict[str, Any]]) -> str:
    """The CSV as emit wrote it before it streamed: every row into one buffer."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([key for key, _ in COLUMNS])
    for row in rows:
        writer.writerow([output._csv_cell(row.get(key)) for key, _ in COLUMNS])
    return buffer.getvalue()


@pytest.mark.parametrize("count", [0, 1, 2, STREAM_CHUNK - 1, STREAM_CHUNK, STREAM_CHUNK + 1, 2 * STREAM_CHUNK + 3])
def test_streamed_json_and_csv_have_the_bytes_of_the_whole_list(count, monkeypatch):
    rows = [sample(n) for n in range(count)]
    whole_json = [{key: output._plain(row.get(key)) for key, _ in COLUMNS} for row in rows]
    expected = json.dumps(whole_json, ensure_ascii=False, indent=2) + "\n"
    assert emitted(iter(rows), "json", monkeypatch) == expected
    assert emitted(iter(rows), "csv", monkeypatch) == whole_csv(rows)
    assert json.loads(expected) == whole_json  # the sample survives the round trip


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_first_rows_are_written_before_the_last_is_read(fmt, monkeypatch):
    buffer = io.StringIO()
    monkeypatch.setattr("sys.stdout", buffer)
    seen_when_last: list[str] = []

    def rows() -> Iterator[dict[str, Any]]:
        for number in range(3 * STREAM_CHUNK):
            if number == 3 * STREAM_CHUNK - 1:
                seen_when_last.append(buffer.getvalue())
            yield sample(number)

    with click.Context(click.Command("list")):
        emit(rows(), COLUMNS, fmt)
    assert '"P0"' in seen_when_last[0] or "\nP0," in seen_when_last[0]
    assert f"P{3 * STREAM_CHUNK - 1}" not in seen_when_last[0]
    assert f"P{3 * STREAM_CHUNK - 1}" in buffer.getvalue()


def test_a_list_file_grows_beside_its_name_and_appears_whole(tmp_path, monkeypatch, capsys):
    target = tmp_path / "list.csv"
    during: list[tuple[bool, int]] = []

    def rows() -> Iterator[dict[str, Any]]:
        for number in range(3 * STREAM_CHUNK):
            if number == 3 * STREAM_CHUNK - 1:
                growing = [p for p in tmp_path.iterdir() if p.name.startswith(".list.csv.")]
                during.append((target.exists(), sum(p.stat().st_size for p in growing)))
            yield sample(number)

    with click.Context(click.Command("list")) as context:
        context.meta[output._TARGET] = output.OutputFile(target, force=False)
        emit(rows(), COLUMNS, "csv")
    exists, written = during[0]
    assert not exists and written > 0  # rows went to the temporary file before the last was read
    assert target.read_text(encoding="utf-8") == whole_csv([sample(n) for n in range(3 * STREAM_CHUNK)])
    assert capsys.readouterr().err == f"Wrote {target} ({3 * STREAM_CHUNK} rows).\n"
    assert [p.name for p in tmp_path.iterdir()] == ["list.csv"]


def test_a_list_that_fails_half_way_leaves_no_file(tmp_path):
    target = tmp_path / "list.json"

    def rows() -> Iterator[dict[str, Any]]:
        for number in range(2 * STREAM_CHUNK):
            yield sample(number)
        raise RuntimeError("the connection dropped")

    with click.Context(click.Command("list")) as context:
        context.meta[output._TARGET] = output.OutputFile(target, force=False)
        with pytest.raises(RuntimeError):
            emit(rows(), COLUMNS, "json")
    assert list(tmp_path.iterdir()) == []


def test_the_table_and_the_workbook_take_a_generator_too(tmp_path, monkeypatch):
    text = emitted((sample(n) for n in range(3)), "table", monkeypatch)
    assert text.splitlines()[0].split() == ["Code", "Name", "Amount", "Day", "Active"]
    assert len(text.splitlines()) == 2 + 3 + 1  # header, rule, three rows (one name has a line break)
    assert emitted(iter([]), "table", monkeypatch) == "(none)\n"
    target = tmp_path / "list.xlsx"
    with click.Context(click.Command("list")) as context:
        context.meta[output._TARGET] = output.OutputFile(target, force=False)
        emit((sample(n) for n in range(3)), COLUMNS, "xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    assert [c.value for c in sheet["A"]] == ["Code", "P0", "P1", "P2"]


# The reads behind the lists, on SQLite and PostgreSQL: the same rows, in the same order, as
# the reads that hold everything (which the report still uses).


@pytest.fixture
def portfolio(migrated):  # type: ignore[no-untyped-def]
    """Programs numbered and not (codes that sort differently by case), projects numbered 1.2,
    1.9 and 1.10 given out of order, standalone projects, a closed project and a closed program."""
    run = migrated
    ok(run("program", "add", "beta", "Beta", "--owner", "Bo"))
    ok(run("program", "add", "Alfa", "Alfa"))
    ok(run("program", "add", "ONE", "One", "--number", "2"))
    ok(run("program", "add", "TWO", "Two", "--number", "1"))
    ok(run("program", "add", "OLD", "Old"))
    ok(run("program", "close", "OLD"))
    ok(run("project", "add", "S2", "Standalone two"))
    ok(run("project", "add", "T10", "Ten", "--program", "TWO", "--number", "1.10", "--manager", "Kari"))
    ok(run("project", "add", "T9", "Nine", "--program", "TWO", "--number", "1.9", "--start", "2024-01-01"))
    ok(run("project", "add", "T2", "Two", "--program", "TWO", "--number", "1.2"))
    ok(run("project", "add", "O1", "One one", "--program", "ONE", "--number", "2.1"))
    ok(run("project", "add", "B2", "Beta b", "--program", "beta"))
    ok(run("project", "add", "B1", "Beta a", "--program", "beta"))
    ok(run("project", "add", "A1", "Alfa a", "--program", "Alfa"))
    ok(run("project", "add", "S1", "Standalone one"))
    ok(run("project", "add", "GONE", "Closed", "--program", "TWO", "--number", "1.3"))
    ok(run("project", "close", "GONE"))
    for code, p, c in [("T10", 5, 5), ("T9", 2, 2), ("T2", 5, 5), ("S1", 1, 1), ("A1", 4, 5)]:
        ok(run("risk", "add", code, f"Risk of {code}", "-p", str(p), "-c", str(c), "--period", "2024-01"))
    ok(run("risk", "add", "B1", "Later risk", "-p", "3", "-c", "3", "--period", "2024-03"))
    ok(run("risk", "assess", "1", "-p", "1", "-c", "2", "--period", "2024-02"))
    ok(run("measure", "add", "1", "First"))
    ok(run("measure", "add", "1", "Second"))
    ok(run("measure", "add", "3", "Only"))
    ok(run("risk", "close", "2", "--period", "2024-02"))
    return run


@pytest.fixture
def session(portfolio, db_url):  # type: ignore[no-untyped-def]
    from portfolio.database import make_engine, read_session

    engine = make_engine(db_url)
    with read_session(engine) as session:
        yield session
    engine.dispose()


def test_the_project_listing_is_list_projects_in_its_order(session):
    from portfolio.services.lookup import get_program
    from portfolio.services.registry import list_projects, project_listing

    listed = [p.code for p in project_listing(session)]
    assert listed == [p.code for p in list_projects(session)]
    assert listed == ["S2", "S1", "T2", "T9", "T10", "O1", "A1", "B2", "B1"]  # 1.2 < 1.9 < 1.10; Alfa < beta
    listed = [p.code for p in project_listing(session, include_closed=True)]
    assert listed == [p.code for p in list_projects(session, include_closed=True)]
    program = get_program(session, "TWO")
    for include_closed in (False, True):
        listed = [p.code for p in project_listing(session, program=program, include_closed=include_closed)]
        assert listed == [p.code for p in list_projects(session, program=program, include_closed=include_closed)]


def test_project_list_writes_what_it_read(portfolio):
    rows = json.loads(ok(portfolio("project", "list", "--all", "--format", "json")).stdout)
    by_code = {row["code"]: row for row in rows}
    assert by_code["T10"] == {
        "code": "T10",
        "number": "1.10",
        "name": "Ten",
        "program": "TWO",
        "manager": "Kari",
        "phase": None,
        "start": None,
        "end": None,
        "active": True,
    }
    assert by_code["T9"]["start"] == "2024-01-01" and by_code["S1"]["program"] is None
    assert by_code["GONE"]["active"] is False
    assert list(by_code) == ["S2", "S1", "T2", "GONE", "T9", "T10", "O1", "A1", "B2", "B1"]


def test_the_program_listing_is_list_programs_with_their_projects_counted(session):
    from portfolio.services.registry import list_programs, list_projects, program_listing

    for include_closed in (False, True):
        listed = list(program_listing(session, include_closed=include_closed))
        programs = list_programs(session, include_closed=include_closed)
        assert [p.code for p in listed] == [p.code for p in programs]
        assert [p.projects for p in listed] == [len(list_projects(session, program=p)) for p in programs]
    assert [p.code for p in listed] == ["TWO", "ONE", "Alfa", "beta", "OLD"]  # by number, then by code
    assert {p.code: p.projects for p in listed} == {"TWO": 3, "ONE": 1, "Alfa": 1, "beta": 2, "OLD": 0}


def test_the_risk_listing_is_the_risk_views_by_score(session):
    from portfolio.config import load_settings
    from portfolio.period import Period
    from portfolio.risk_zones import Zone
    from portfolio.services.risks import RiskListing, risk_listing, risk_views

    matrix = load_settings().risk_matrix
    for period in ("2023-12", "2024-01", "2024-02", "2024-03"):
        for zone in (None, *Zone):
            for include_closed in (False, True):
                month = Period.parse(period)
                views = risk_views(session, month, matrix, zone=zone, include_closed=include_closed)
                views.sort(key=lambda v: (-(v.score or 0), v.risk.id))
                listed = list(risk_listing(session, month, matrix, zone=zone, include_closed=include_closed))
                assert listed == [RiskListing.of(view) for view in views], (period, zone, include_closed)
    assert len(list(risk_listing(session, Period(2024, 3), matrix, include_closed=True))) == 6


def test_the_risk_listing_of_one_project(session):
    from portfolio.config import load_settings
    from portfolio.period import Period
    from portfolio.services.lookup import get_project
    from portfolio.services.risks import risk_listing

    listed = list(
        risk_listing(session, Period(2024, 2), load_settings().risk_matrix, project=get_project(session, "T10"))
    )
    assert [(r.id, r.project_code, r.score, r.measures, str(r.period)) for r in listed] == [(1, "T10", 2, 2, "2024-02")]


def test_risk_list_csv_counts_measures_and_shows_the_month_assessed(portfolio):
    text = ok(portfolio("risk", "list", "--period", "2024-02", "--all", "--format", "csv")).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == ["3", "5", "2", "1", "4"]  # 25, 20, 4, 2 (assessed down), 1
    by_id = {row["id"]: row for row in rows}
    assert (by_id["1"]["measures"], by_id["1"]["assessed"], by_id["1"]["score"]) == ("2", "2024-02", "2")
    assert (by_id["3"]["measures"], by_id["3"]["assessed"]) == ("1", "2024-01")
    assert [row["status"] for row in rows] == ["open", "open", "closed", "open", "open"]


def test_streamed_reads_use_a_server_side_cursor_on_postgresql(session, db_url):
    """On PostgreSQL the rows come through a named cursor, a batch at a time; SQLite's cursor
    steps through its result anyway. Either way the other rows are not read up front."""
    from sqlalchemy import event, text

    from portfolio.database import streamed

    cursors: list[str] = []

    def before(_connection, cursor, _statement, _parameters, _context, _many):  # type: ignore[no-untyped-def]
        cursors.append(type(cursor).__name__)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", before)
    try:
        rows = streamed(session, text("SELECT code FROM project ORDER BY code"), batch=2)
        first = next(rows)
        rest = [row.code for row in rows]
    finally:
        event.remove(engine, "before_cursor_execute", before)
    assert [first.code, *rest] == sorted(["S2", "T10", "T9", "T2", "O1", "B2", "B1", "A1", "S1", "GONE"])
    if db_url.startswith("postgresql"):
        assert cursors == ["ServerCursor"]


def test_a_missing_program_in_project_list_is_one_line(portfolio):
    assert fails(portfolio("project", "list", "--program", "NOPE")).stderr.startswith("Error: no program 'NOPE'")


def test_measure_list_streams_the_measures_by_risk_and_position(portfolio):
    rows = json.loads(ok(portfolio("measure", "list", "--format", "json")).stdout)
    assert [(row["risk"], row["text"]) for row in rows] == [(1, "First"), (1, "Second"), (3, "Only")]
    assert set(rows[0]) == {"id", "risk", "status", "owner", "due", "text"}
    only = json.loads(ok(portfolio("measure", "list", "--risk", "1", "--format", "json")).stdout)
    assert [row["text"] for row in only] == ["First", "Second"]
    assert fails(portfolio("measure", "list", "--risk", "99")).stderr.startswith("Error: ")


def test_a_closed_pipe_ends_the_rows_before_emit_returns(monkeypatch):
    """``portfolio project list --format csv | head -1``: the reader goes away; the rows (and the
    cursor behind them) are closed while the command's session is still open."""

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr("sys.stdout", ClosedPipe())
    closed: list[int] = []

    def rows() -> Iterator[dict[str, Any]]:
        number = 0
        try:
            while True:
                yield sample(number)
                number += 1
        finally:
            closed.append(number)

    with click.Context(click.Command("list")), pytest.raises(BrokenPipeError):
        emit(rows(), COLUMNS, "csv")
    assert closed == [STREAM_CHUNK - 1]  # closed at the last row of the first chunk, which could not be written


def test_a_stream_that_outlives_its_session_ends_quietly(db_url, migrated, caplog):
    """A half-read stream closed after its session (and the engine) ended: the cursor went with
    the connection, and closing it again would log an error with a traceback."""
    from sqlalchemy import text

    from portfolio.database import make_engine, read_session, streamed

    ok(migrated("project", "add", "A", "A"))
    ok(migrated("project", "add", "B", "B"))
    engine = make_engine(db_url)
    with read_session(engine) as session:
        rows = streamed(session, text("SELECT code FROM project ORDER BY code"), batch=1)
        assert next(rows).code == "A"
    engine.dispose()
    rows.close()
    assert [r for r in caplog.records if r.levelname == "ERROR"] == []


def listed_round(session, *, manager=None, program=None, period=None):  # type: ignore[no-untyped-def]
    """The round's subjects and who has not reported, read whole from the ORM lists as
    ``round_subjects`` and ``missing_subjects`` did before they streamed: the reference."""
    from collections import defaultdict

    from portfolio.errors import NotFoundError
    from portfolio.services.lookup import suggestion
    from portfolio.services.month_scope import subjects_in_month
    from portfolio.services.registry import list_programs, list_projects
    from portfolio.services.reporting_subjects import RoundSubject

    def whole(manager, program, period):  # type: ignore[no-untyped-def]
        every = period is not None
        programs = list_programs(session, include_closed=every)
        codes = {p.id: p.code for p in programs}
        members = defaultdict(list)
        for p in list_projects(session, include_closed=every):
            members[p.program_id].append(p)
        subjects = [RoundSubject("project", p.id, p.code, p.name, p.manager) for p in members.get(None, ())]
        for prog in programs:
            subjects.append(RoundSubject("program", prog.id, prog.code, prog.name, prog.owner))
            subjects += [
                RoundSubject("project", p.id, p.code, p.name, p.manager, codes.get(p.program_id))
                for p in members.get(prog.id, ())
            ]
        if program is not None:
            if program not in codes.values():
                raise NotFoundError(f"no program '{program}'{suggestion(program, list(codes.values()))}")
            subjects = [s for s in subjects if (s.kind == "program" and s.code == program) or s.program == program]
        if manager is not None:
            known = sorted({s.manager for s in subjects if s.manager})
            if manager not in known:
                raise NotFoundError(f"no project or program is managed by '{manager}'{suggestion(manager, known)}")
            subjects = [s for s in subjects if s.manager == manager]
        if period is not None:
            scope = subjects_in_month(session, period)
            subjects = [s for s in subjects if scope.has(s.kind, s.id)]
        return subjects

    subjects = whole(manager, program, period)
    if period is None:
        return [(s, False) for s in subjects]
    from sqlalchemy import text

    rated = session.connection().execute(
        text(
            "SELECT DISTINCT r.project_id, r.program_id FROM status_report r "
            "JOIN status_rating s ON s.report_id = r.id WHERE r.period = :month"
        ),
        {"month": str(period)},
    )
    done = {("project", p) if p is not None else ("program", g) for p, g in rated}
    every = whole(None, None, period)
    rolled_up = {s.program for s in every if s.kind == "project" and ("project", s.id) in done}
    done |= {(s.kind, s.id) for s in every if s.kind == "program" and s.code in rolled_up}
    return [(s, (s.kind, s.id) in done) for s in subjects]


@pytest.fixture
def round_portfolio(portfolio):  # type: ignore[no-untyped-def]
    """The portfolio with January's statuses of some projects (TWO rolled up from T2's) and of
    one program on its own, and an owner for a program."""
    ok(portfolio("program", "edit", "ONE", "--owner", "Kari"))
    for code in ("S1", "T2", "B1", "ONE"):
        ok(portfolio("status", "set", code, "--period", "2024-01", "--scope", "green"))
    return portfolio


def test_the_round_streamed_is_the_round_read_whole(round_portfolio, db_url):
    from portfolio.database import make_engine, read_session
    from portfolio.errors import NotFoundError
    from portfolio.period import Period
    from portfolio.services.reporting_subjects import round_subjects, round_subjects_streamed

    engine = make_engine(db_url)
    compared = 0
    with read_session(engine) as session:
        for period in (None, Period(2023, 12), Period(2024, 1), Period(2024, 2)):
            for program in (None, "TWO", "beta", "OLD", "TW"):
                for manager in (None, "Kari", "Bo", "Kar"):
                    try:
                        expected = listed_round(session, manager=manager, program=program, period=period)
                    except NotFoundError as error:
                        with pytest.raises(NotFoundError) as raised:
                            round_subjects_streamed(session, manager=manager, program=program, period=period)
                        assert str(raised.value) == str(error)
                        continue
                    streamed = round_subjects_streamed(session, manager=manager, program=program, period=period)
                    assert list(streamed) == expected, (period, program, manager)
                    subjects = round_subjects(session, manager=manager, program=program, period=period)
                    assert subjects == [s for s, _done in expected]
                    compared += 1
        whole = [(s.code, done) for s, done in round_subjects_streamed(session, period=Period(2024, 1))]
    engine.dispose()
    assert compared > 20
    assert whole == [
        ("S2", False), ("S1", True), ("TWO", True), ("T2", True), ("T9", False), ("T10", False), ("ONE", True),
        ("O1", False), ("Alfa", False), ("A1", False), ("beta", True), ("B2", False), ("B1", True),
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_status_missing_writes_its_first_rows_before_the_last_is_read(round_portfolio, fmt, monkeypatch):
    import portfolio.services.reporting_subjects as subjects

    written: list[str] = []
    echo = click.echo

    def echoed(message=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        written.append(str(message))
        echo(message, *args, **kwargs)

    monkeypatch.setattr(click, "echo", echoed)
    monkeypatch.setattr(output, "STREAM_CHUNK", 1)
    seen: list[tuple[str, str]] = []  # (project read, what was written by then)
    read = subjects.streamed

    def watched(session, query):  # type: ignore[no-untyped-def]
        for row in read(session, query, batch=1):
            seen.append((row[1], "".join(written)))
            yield row

    monkeypatch.setattr(subjects, "streamed", watched)
    text = ok(round_portfolio("status", "missing", "--period", "2024-01", "--format", fmt)).stdout
    last, written_by_then = seen[-1]
    assert last == "B1" and ('"S2"' in written_by_then or "\nS2," in written_by_then)  # S2 out before B1 was read
    codes = [row["code"] for row in (json.loads(text) if fmt == "json" else csv.DictReader(io.StringIO(text)))]
    assert codes == ["S2", "T9", "T10", "O1", "Alfa", "A1", "B2"]


def test_status_missing_says_the_same_in_every_format(round_portfolio):
    table = ok(round_portfolio("status", "missing", "--period", "2024-01", "--program", "beta")).stdout
    assert table.splitlines()[2].split() == ["B2", "project", "Beta", "b"]
    assert table.endswith("\n1 of 3 without a status for 2024-01.\n")
    rows = json.loads(ok(round_portfolio("status", "missing", "--period", "2024-01", "--format", "json")).stdout)
    assert rows[0] == {"code": "S2", "kind": "project", "name": "Standalone two", "manager": None}
    kari = ok(round_portfolio("status", "missing", "--period", "2024-01", "--manager", "Kari", "--format", "csv"))
    assert kari.stdout == "code,kind,name,manager\nT10,project,Ten,Kari\n"  # ONE (Kari's) reported
    done = ok(round_portfolio("status", "missing", "--period", "2023-12", "--program", "OLD")).stdout
    assert done == "2023-12: every project and program has reported (0).\n"  # closed without a status: no month
    assert fails(round_portfolio("status", "missing", "--period", "2024-01", "--manager", "Kar")).stderr.startswith(
        "Error: no project or program is managed by 'Kar'; did you mean"
    )


def scope_read_whole(session, period):  # type: ignore[no-untyped-def]
    """The month's scope as ``month_scope`` read it before it streamed (every project's row and
    each program's list of projects held): the reference."""
    from collections import defaultdict

    from sqlalchemy import select
    from sqlmodel import col

    from portfolio.models import Program, Project, StatusReport
    from portfolio.services.month_scope import MonthScope, _last_months_of_closed, added_after_close

    month = str(period)
    connection = session.connection()
    projects = connection.execute(
        select(col(Project.id), col(Project.program_id), col(Project.start_date), col(Project.active))
    ).all()
    programs = connection.execute(select(col(Program.id), col(Program.active))).all()
    reported = connection.execute(
        select(col(StatusReport.project_id), col(StatusReport.program_id)).where(col(StatusReport.period) == month)
    ).all()
    reported_projects = {p for p, _g in reported if p is not None}
    reported_programs = {g for p, g in reported if p is None and g is not None}
    last = _last_months_of_closed(session)
    added = added_after_close(session, period)
    members = defaultdict(list)
    inside, later_projects = set(), set()
    for project_id, program_id, start, active in projects:
        start_month = f"{start.year:04d}-{start.month:02d}" if start is not None else None
        if program_id is not None:
            members[program_id].append((project_id, start_month))
        if project_id in reported_projects:
            inside.add(project_id)
            continue
        if project_id in added.get("project", frozenset()) or (start_month is not None and start_month > month):
            later_projects.add(project_id)
            continue
        end = None if active else last.get(("project", project_id))
        if active or (end is not None and month <= end):
            inside.add(project_id)
    programs_inside, later_programs = set(), set()
    for program_id, active in programs:
        own = members.get(program_id, [])
        if program_id in reported_programs or any(p in inside for p, _s in own):
            programs_inside.add(program_id)
            continue
        starts = [start for _p, start in own]
        first = min(starts) if starts and None not in starts else None
        if program_id in added.get("program", frozenset()) or (first is not None and first > month):
            if all(p in later_projects for p, _s in own):
                later_programs.add(program_id)
            continue
        if active:
            programs_inside.add(program_id)
            continue
        ends = [last.get(("program", program_id))] + [last.get(("project", p)) for p, _s in own]
        end = max((e for e in ends if e is not None), default=None)
        if end is not None and month <= end:
            programs_inside.add(program_id)
    return MonthScope(
        period,
        frozenset(inside),
        frozenset(programs_inside),
        frozenset(later_projects),
        frozenset(later_programs),
        added.get("measure", frozenset()),
    )


def test_the_month_scope_read_as_it_streams_is_the_scope_read_whole(round_portfolio, db_url):
    """Projects and programs that start later, closed ones with and without statuses, a program
    whose projects all start later, one closed with a reporting project; a closed month and
    things added after it was closed."""
    from portfolio.database import make_engine, read_session
    from portfolio.period import Period
    from portfolio.services.month_scope import _read_month_scope

    run = round_portfolio
    ok(run("program", "add", "LATE", "Late", "--number", "7"))
    ok(run("project", "add", "L1", "Late one", "--program", "LATE", "--number", "7.1", "--start", "2024-03-05"))
    ok(run("project", "add", "L2", "Late two", "--program", "LATE", "--number", "7.2", "--start", "2024-02-01"))
    ok(run("program", "add", "SHUT", "Shut", "--number", "8"))
    ok(run("project", "add", "X1", "Shut one", "--program", "SHUT", "--number", "8.1", "--start", "2023-11-01"))
    ok(run("status", "set", "X1", "--period", "2023-12", "--scope", "red"))
    ok(run("project", "close", "X1"))
    ok(run("program", "close", "SHUT"))
    ok(run("period", "close", "2023-12"))
    ok(run("project", "add", "NEW", "Added after the close", "--start", "2023-06-01"))
    engine = make_engine(db_url)
    with read_session(engine) as session:
        for month in ("2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04"):
            period = Period.parse(month)
            assert _read_month_scope(session, period) == scope_read_whole(session, period), month
        december = _read_month_scope(session, Period(2023, 12))
    engine.dispose()
    assert december.later_projects and december.programs  # the cases are there
