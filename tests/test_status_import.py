"""Importing a month's statuses from CSV: every check; nothing written unless all rows are right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from portfolio.database import make_engine
from portfolio.models import Project, StatusRating, StatusReport
from tests.helpers import fails, ok

# The core's own behaviour, whatever plugins happen to be installed in the environment.
pytestmark = pytest.mark.usefixtures("core_only")

HEADER = "code,scope,finance,resources,schedule,dependencies,benefits"
ALL_COLUMNS = (
    "code, scope, finance, resources, schedule, dependencies, benefits, "
    "scope_comment, finance_comment, "
    "resources_comment, schedule_comment, dependencies_comment, benefits_comment, "
    + "".join(
        f"{key}_action, {key}_action_owner, {key}_action_due, "
        for key in ("scope", "finance", "resources", "schedule", "dependencies", "benefits")
    )
    + "comment, version, name, manager"
)


def as_json(result):  # type: ignore[no-untyped-def]
    return json.loads(ok(result).stdout)


def write(name: str, text: str, encoding: str = "utf-8") -> str:
    """Write a file in the test's working folder; return its name as a user would type it."""
    Path(name).write_bytes(text.encode(encoding))
    return name


def show(run, code: str, period: str) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    rows = as_json(run("status", "show", code, "--period", period, "--format", "json"))
    return {row["dimension"]: (row["rating"], row["comment"]) for row in rows}


def counts(db_url: str) -> tuple[int, int]:
    """(status reports, ratings) stored in the database."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            reports = session.exec(select(func.count()).select_from(StatusReport)).one()
            ratings = session.exec(select(func.count()).select_from(StatusRating)).one()
            return reports, ratings
    finally:
        engine.dispose()


@pytest.fixture
def reg(migrated):  # type: ignore[no-untyped-def]
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1"))
    ok(migrated("project", "add", "NAC", "Nettverkstilgang", "--program", "HIS2", "--number", "1.2"))
    ok(migrated("project", "add", "SOLO", "Alene"))
    return migrated


def test_happy_path(reg, db_url: str) -> None:
    name = write(
        "statuses.csv",
        f"{HEADER},finance_comment,comment\n"
        "IAM2,green,yellow,red,na,green,green,Budsjett stramt,Utrulling pågår\n"
        "HIS2,g,gul,rød,n/a,grønn,amber,,\n"
        "SOLO,GREEN,Green,green,green,green,green,,\n",
    )
    result = ok(reg("status", "import", name, "--period", "2024-01"))
    assert result.stdout == (
        "statuses.csv: 3 statuses for 2024-01 against 2023-12: 3 new, 0 changed, 0 unchanged\n"
        "Imported 3 statuses for 2024-01 from statuses.csv.\n"
    )
    assert show(reg, "IAM2", "2024-01") == {
        "Avgrensning og innhold": ("green", None),
        "Økonomi": ("yellow", "Budsjett stramt"),
        "Ressurser": ("red", None),
        "Fremdrift": ("na", None),
        "Eksterne avhengigheter": ("green", None),
        "Gevinstarbeid": ("green", None),
    }
    assert [r for r, _ in show(reg, "HIS2", "2024-01").values()] == [
        "green",
        "yellow",
        "red",
        "na",
        "green",
        "yellow",
    ]
    assert ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout.endswith("\nUtrulling pågår\n")
    assert counts(db_url) == (3, 18)
    assert as_json(reg("period", "list", "--format", "json"))[0]["statuses"] == 3
    # NAC was not in the file and has no status
    fails(reg("status", "show", "NAC", "--period", "2024-01"))


def test_import_replaces_the_months_status_of_each_row(reg) -> None:
    ok(
        reg(
            "status",
            "set",
            "IAM2",
            "--period",
            "2024-01",
            "--scope",
            "red",
            "--scope-comment",
            "Gammel",
            "--comment",
            "Gammel kommentar",
        )
    )
    ok(reg("status", "set", "NAC", "--period", "2024-01", "--scope", "red"))
    name = write("s.csv", f"{HEADER}\nIAM2,green,green,green,green,green,green\n")
    ok(reg("status", "import", name, "--period", "2024-01"))
    assert show(reg, "IAM2", "2024-01")["Avgrensning og innhold"] == ("green", None)
    assert "Gammel kommentar" not in ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout
    # a project that is not in the file keeps what it had
    assert show(reg, "NAC", "2024-01")["Avgrensning og innhold"] == ("red", None)


def test_imported_month_gets_trends_against_the_previous_year(reg) -> None:
    write("dec.csv", f"{HEADER}\nIAM2,green,red,yellow,yellow,green,green\n")
    write("jan.csv", f"{HEADER}\nIAM2,yellow,green,yellow,yellow,green,green\n")
    ok(reg("status", "import", "dec.csv", "--period", "2023-12"))
    ok(reg("status", "import", "jan.csv", "--period", "2024-01"))
    row = next(
        r for r in as_json(reg("status", "matrix", "--period", "2024-01", "--format", "json")) if r["code"] == "IAM2"
    )
    assert (row["scope_trend"], row["finance_trend"], row["resources_trend"]) == (
        "worse",
        "better",
        None,
    )


def test_semicolon_delimiter_and_any_column_order(reg) -> None:
    name = write(
        "excel.csv",
        "comment;benefits;dependencies;schedule;resources;finance;scope;code\n"
        "Alt vel, nesten;red;green;green;green;yellow;green;IAM2\n",
    )
    ok(reg("status", "import", name, "--period", "2024-01"))
    result = show(reg, "IAM2", "2024-01")
    assert result["Avgrensning og innhold"] == ("green", None)
    assert result["Økonomi"] == ("yellow", None)
    assert result["Gevinstarbeid"] == ("red", None)
    assert ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout.endswith("\nAlt vel, nesten\n")


def test_utf8_bom_and_crlf(reg) -> None:
    name = write("bom.csv", f"\ufeff{HEADER},comment\r\nIAM2,grønn,gul,rød,na,green,green,Blåbær\r\n")
    ok(reg("status", "import", name, "--period", "2024-01"))
    assert show(reg, "IAM2", "2024-01")["Avgrensning og innhold"] == ("green", None)
    assert ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout.endswith("\nBlåbær\n")


def test_quoted_fields_blank_lines_and_spaces(reg) -> None:
    name = write(
        "quoted.csv",
        " code , scope ,finance,resources,schedule,dependencies,benefits,comment\n"
        "\n"
        ' IAM2 , green ,yellow,red,na,green,green,"Linje én,\nlinje to"\n'
        "\n",
    )
    ok(reg("status", "import", name, "--period", "2024-01"))
    assert ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout.endswith("\nLinje én,\nlinje to\n")


def test_bad_value_on_line_57_writes_nothing(reg, db_url: str) -> None:
    engine = make_engine(db_url)
    with Session(engine) as session:
        for number in range(1, 56):
            session.add(Project(code=f"P{number:03d}", name=f"Project {number}", position=100 + number))
        session.commit()
    engine.dispose()
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "red"))
    assert counts(db_url) == (1, 1)

    lines = [HEADER]
    lines += [f"P{number:03d},green,green,green,green,green,green" for number in range(1, 56)]
    lines.append("IAM2,green,blå,green,green,green,green")  # line 57
    name = write("month.csv", "\n".join(lines) + "\n")
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == (
        "Error: month.csv: 1 problem, nothing imported\n"
        "line 57, column finance: 'blå' is not a rating; use green, yellow, red or na\n"
    )
    assert result.stdout == ""
    assert counts(db_url) == (1, 1)
    assert show(reg, "IAM2", "2024-01")["Avgrensning og innhold"] == ("red", None)
    fails(reg("status", "show", "P001", "--period", "2024-01"))


def test_every_problem_is_reported(reg, db_url: str) -> None:
    ok(reg("project", "close", "SOLO"))
    name = write(
        "bad.csv",
        f"{HEADER}\n"
        "IAMM2,green,green,green,green,green,green\n"  # 2: unknown code
        "NAC,purple,green,green,green,green,\n"  # 3: bad value, empty value
        "NAC,green,green,green,green,green,green\n"  # 4: repeated code
        "SOLO,green,green,green,green,green,green\n"  # 5: closed project
        ",green,green,green,green,green,green\n",  # 6: no code
    )
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr.splitlines() == [
        "Error: bad.csv: 6 problems, nothing imported",
        "line 2, column code: no project or program 'IAMM2'; did you mean IAM2?",
        "line 3, column scope: 'purple' is not a rating; use green, yellow, red or na",
        "line 3, column benefits: empty; use green, yellow, red or na",
        "line 4, column code: NAC already given on line 3",
        "line 5, column code: SOLO is closed; reopen it first",
        "line 6, column code: empty; every row needs a project or program code",
    ]
    assert counts(db_url) == (0, 0)


def test_unknown_code_with_suggestion(reg, db_url: str) -> None:
    name = write(
        "s.csv",
        f"{HEADER}\nIAM2,green,green,green,green,green,green\nHIS,green,green,green,green,green,green\n",
    )
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == (
        "Error: s.csv: 1 problem, nothing imported\n"
        "line 3, column code: no project or program 'HIS'; did you mean HIS2?\n"
    )
    assert counts(db_url) == (0, 0)


def test_duplicate_code_in_file(reg, db_url: str) -> None:
    name = write(
        "s.csv",
        f"{HEADER}\nIAM2,green,green,green,green,green,green\nIAM2,red,red,red,red,red,red\n",
    )
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == (
        "Error: s.csv: 1 problem, nothing imported\nline 3, column code: IAM2 already given on line 2\n"
    )
    assert counts(db_url) == (0, 0)


def test_missing_column(reg) -> None:
    name = write("s.csv", "code,scope,finance,resources,schedule,dependencies\nIAM2,g,g,g,g,g\n")
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == (
        "Error: s.csv: missing column 'benefits'; "
        "required: code, scope, finance, resources, schedule, dependencies, benefits\n"
    )


def test_extra_unknown_column(reg, db_url: str) -> None:
    name = write("s.csv", f"{HEADER},budget\nIAM2,g,g,g,g,g,g,100\n")
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == f"Error: s.csv: unknown column 'budget'; allowed: {ALL_COLUMNS}\n"
    assert counts(db_url) == (0, 0)


def test_repeated_column(reg) -> None:
    name = write("s.csv", f"{HEADER},scope\nIAM2,g,g,g,g,g,g,r\n")
    assert fails(reg("status", "import", name, "--period", "2024-01")).stderr == (
        "Error: s.csv: column 'scope' appears more than once\n"
    )


def test_empty_file(reg) -> None:
    for text in ["", "\n\n", "  \r\n"]:
        name = write("empty.csv", text)
        assert fails(reg("status", "import", name, "--period", "2024-01")).stderr == (
            "Error: empty.csv is empty; it needs a header line and one row per line\n"
        )


def test_header_only(reg) -> None:
    name = write("header.csv", f"{HEADER}\n\n")
    assert fails(reg("status", "import", name, "--period", "2024-01")).stderr == (
        "Error: header.csv has a header but no rows\n"
    )


def test_file_that_is_not_utf8(reg, db_url: str) -> None:
    name = write(
        "latin1.csv",
        f"{HEADER},comment\nIAM2,green,green,green,green,green,green,Blåbær\n",
        "latin-1",
    )
    offset = len(f"{HEADER},comment\nIAM2,green,green,green,green,green,green,Bl".encode()) + 1
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == (f"Error: latin1.csv is not UTF-8 text (byte {offset} is 0xe5); save it as UTF-8 CSV\n")
    assert counts(db_url) == (0, 0)


def test_wrong_field_count(reg, db_url: str) -> None:
    name = write("s.csv", f"{HEADER}\nIAM2,green,green,green,green,green,green\nNAC,green,green\n")
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == "Error: s.csv: line 3 has 3 fields, the header has 7\n"
    name = write("t.csv", f"{HEADER}\nIAM2,green,green,green,green,green,green,extra\n")
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == "Error: t.csv: line 2 has 8 fields, the header has 7\n"
    assert counts(db_url) == (0, 0)


def test_broken_quoting(reg) -> None:
    name = write("s.csv", f'{HEADER}\nIAM2,"gr"een,green,green,green,green,green\n')
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr.startswith("Error: s.csv: line 2: ")
    assert len(result.stderr.splitlines()) == 1


def test_missing_file(reg) -> None:
    assert fails(reg("status", "import", "nowhere.csv", "--period", "2024-01")).stderr == (
        "Error: cannot read nowhere.csv: No such file or directory\n"
    )


def test_folder_instead_of_file(reg, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    result = fails(reg("status", "import", "folder", "--period", "2024-01"), 2)
    assert "is a directory" in result.stderr


def test_bad_period_is_a_usage_error(reg) -> None:
    name = write("s.csv", f"{HEADER}\nIAM2,g,g,g,g,g,g\n")
    assert "'2024-13' is not a month" in fails(reg("status", "import", name, "--period", "2024-13"), 2).stderr


def test_import_into_a_closed_period_is_refused(reg, db_url: str) -> None:
    name = write("s.csv", f"{HEADER}\nIAM2,green,green,green,green,green,green\n")
    ok(reg("period", "close", "2024-01", user="alice"))
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr == (
        "Error: period 2024-01 is closed by alice; reopen it with 'portfolio period open 2024-01 --reason \"...\"'\n"
    )
    assert counts(db_url) == (0, 0)
    # the month before is open
    ok(reg("status", "import", name, "--period", "2023-12"))
    assert counts(db_url) == (1, 6)


def test_closed_period_is_named_before_the_file_is_read(reg) -> None:
    ok(reg("period", "close", "2024-01"))
    result = fails(reg("status", "import", "nowhere.csv", "--period", "2024-01"))
    assert "period 2024-01 is closed" in result.stderr


def test_line_numbers_are_where_a_row_starts(reg, db_url: str) -> None:
    """A quoted comment may run over several lines; problems name the line the row starts on."""
    name = write(
        "multi.csv",
        f"{HEADER},comment\n"  # 1
        'IAM2,green,green,green,green,green,green,"én\nto\ntre"\n'  # 2-4
        "NAC,purple,green,green,green,green,green,x\n"  # 5
        "\n"  # 6
        'SOLO,green,green,green,green,green,blue,"a\nb"\n'  # 7-8
        "IAM2,green,green,green,green,green,green,\n",  # 9
    )
    result = fails(reg("status", "import", name, "--period", "2024-01"))
    assert result.stderr.splitlines() == [
        "Error: multi.csv: 3 problems, nothing imported",
        "line 5, column scope: 'purple' is not a rating; use green, yellow, red or na",
        "line 7, column benefits: 'blue' is not a rating; use green, yellow, red or na",
        "line 9, column code: IAM2 already given on line 2",
    ]
    assert counts(db_url) == (0, 0)


def test_bulk_written_rows_read_back_like_single_edits(reg, db_url: str) -> None:
    """The import writes through the driver; what it stores must read back as the ORM's own rows."""
    from sqlmodel import Session, select

    from portfolio.database import make_engine
    from portfolio.models import AuditEntry, StatusRating

    name = write("s.csv", f"{HEADER}\nIAM2,g,y,r,na,g,g\n")
    ok(reg("status", "import", name, "--period", "2024-01"))
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "red"))
    engine = make_engine(db_url)
    with Session(engine) as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.subject == "IAM2")).all()
        ratings = session.exec(select(StatusRating)).all()
    engine.dispose()
    imported = [e for e in entries if e.user == "tester" and e.action == "insert" and e.table_name == "status_rating"]
    edited = [e for e in entries if e.action == "update" and e.field == "scope"]
    assert len(imported) == 6 and len(edited) == 1
    assert {type(e.at) for e in entries} == {type(edited[0].at)}
    assert imported[0].at.tzinfo == edited[0].at.tzinfo and imported[0].at <= edited[0].at
    assert sorted(r.rating for r in ratings) == ["green", "green", "na", "red", "red", "yellow"]


def test_importing_the_same_file_twice_changes_nothing(reg, db_url: str) -> None:
    from sqlalchemy import text

    from portfolio.database import make_engine

    name = write(
        "same.csv",
        f"{HEADER},comment\nIAM2,green,yellow,red,na,green,green,Utrulling\nSOLO,green,green,green,green,green,green,\n",
    )
    first = ok(reg("status", "import", name, "--period", "2024-01"))
    assert first.stdout.endswith("Imported 2 statuses for 2024-01 from same.csv.\n")
    engine = make_engine(db_url)
    with engine.connect() as connection:
        trail = connection.execute(text("SELECT count(*) FROM audit_log")).scalar()
    again = ok(reg("status", "import", name, "--period", "2024-01"))
    assert again.stdout.endswith(
        "Imported 0 statuses for 2024-01 from same.csv (2 stored already as given: unchanged, no new version).\n"
    )
    assert "version 1" in ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar() == trail
    changed = write(
        "changed.csv",
        f"{HEADER},comment\nIAM2,green,yellow,red,na,green,green,Ny tekst\nSOLO,green,green,green,green,green,green,\n",
    )
    third = ok(reg("status", "import", changed, "--period", "2024-01"))
    assert third.stdout.endswith(
        "Imported 1 status for 2024-01 from changed.csv (1 stored already as given: unchanged, no new version).\n"
    )
    assert "version 2" in ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout
    engine.dispose()
