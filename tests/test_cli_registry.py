"""Programs and projects through the CLI: adding, listing, showing, editing, closing, reopening."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.helpers import fails, ok

# The core's own behaviour, whatever plugins happen to be installed in the environment.
pytestmark = pytest.mark.usefixtures("core_only")


def as_json(result):  # type: ignore[no-untyped-def]
    return json.loads(ok(result).stdout)


def as_csv(result) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO(ok(result).stdout)))


def codes(run, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [row["code"] for row in as_json(run(*args, "--format", "json"))]


@pytest.fixture
def his2(migrated):  # type: ignore[no-untyped-def]
    ok(
        migrated(
            "program",
            "add",
            "HIS2",
            "Helhetlig informasjonssikkerhet 2",
            "--number",
            "1",
            "--owner",
            "CISO",
        )
    )
    ok(
        migrated(
            "project",
            "add",
            "IAM2",
            "IAM 2",
            "--program",
            "HIS2",
            "--number",
            "1.1",
            "--manager",
            "Kari",
        )
    )
    return migrated


# --- programs ---------------------------------------------------------------------------------


def test_program_add_and_list_in_every_format(migrated) -> None:
    result = ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    assert result.stdout == "Added program HIS2.\n"
    ok(migrated("program", "add", "DIG", "Digitalisering", "--number", "2", "--owner", "CDO"))

    table = ok(migrated("program", "list")).stdout.splitlines()
    assert table[0].split() == ["Code", "No.", "Name", "Owner", "Projects", "Active"]
    assert table[2].split() == ["HIS2", "1", "Helhetlig", "informasjonssikkerhet", "2", "0", "yes"]
    assert table[3].split() == ["DIG", "2", "Digitalisering", "CDO", "0", "yes"]

    rows = as_csv(migrated("program", "list", "--format", "csv"))
    assert rows == [
        {
            "code": "HIS2",
            "number": "1",
            "name": "Helhetlig informasjonssikkerhet 2",
            "owner": "",
            "projects": "0",
            "active": "true",
        },
        {
            "code": "DIG",
            "number": "2",
            "name": "Digitalisering",
            "owner": "CDO",
            "projects": "0",
            "active": "true",
        },
    ]

    data = as_json(migrated("program", "list", "--format", "json"))
    assert data[1] == {
        "code": "DIG",
        "number": 2,
        "name": "Digitalisering",
        "owner": "CDO",
        "projects": 0,
        "active": True,
    }


def test_program_list_is_ordered_by_number_then_unnumbered(migrated) -> None:
    ok(migrated("program", "add", "ZZZ", "No number"))
    ok(migrated("program", "add", "B", "Second", "--number", "2"))
    ok(migrated("program", "add", "A", "Tenth", "--number", "10"))
    ok(migrated("program", "add", "C", "First", "--number", "1"))
    assert codes(migrated, "program", "list") == ["C", "B", "A", "ZZZ"]


def test_empty_lists(migrated) -> None:
    assert ok(migrated("program", "list")).stdout == "(none)\n"
    assert ok(migrated("project", "list")).stdout == "(none)\n"
    assert as_json(migrated("project", "list", "--format", "json")) == []
    assert ok(migrated("project", "list", "--format", "csv")).stdout == (
        "code,number,name,program,manager,phase,start,end,active\n"
    )


def test_program_show(his2) -> None:
    ok(his2("project", "add", "NAC", "Nettverkstilgang", "--program", "HIS2", "--number", "1.2"))
    table = ok(his2("program", "show", "HIS2")).stdout
    assert "Code:     HIS2\n" in table
    assert "Name:     Helhetlig informasjonssikkerhet 2\n" in table
    assert "Owner:    CISO\n" in table
    assert "Projects: 1.1 IAM2, 1.2 NAC\n" in table
    assert as_json(his2("program", "show", "HIS2", "--format", "json")) == {
        "code": "HIS2",
        "number": 1,
        "name": "Helhetlig informasjonssikkerhet 2",
        "owner": "CISO",
        "active": True,
        "projects": "1.1 IAM2, 1.2 NAC",
    }
    rows = as_csv(his2("program", "show", "HIS2", "--format", "csv"))
    assert rows[0]["code"] == "HIS2" and rows[0]["projects"] == "1.1 IAM2, 1.2 NAC"


def test_program_show_unknown_suggests(his2) -> None:
    result = fails(his2("program", "show", "HIS3"))
    assert result.stderr == "Error: no program 'HIS3'; did you mean HIS2?\n"


def test_program_edit(his2) -> None:
    assert ok(his2("program", "edit", "HIS2", "--name", "Sikkerhet", "--number", "3", "--owner", "Ola")).stdout == (
        "Updated program HIS2.\n"
    )
    data = as_json(his2("program", "show", "HIS2", "--format", "json"))
    assert (data["name"], data["number"], data["owner"]) == ("Sikkerhet", 3, "Ola")


def test_program_edit_needs_a_change(his2) -> None:
    result = fails(his2("program", "edit", "HIS2"), 2)
    assert "nothing to change; give --name, --number, --owner or --owner-login" in result.stderr


def test_program_edit_refuses_empty_name(his2) -> None:
    assert fails(his2("program", "edit", "HIS2", "--name", "  ")).stderr == "Error: name must not be empty\n"
    assert as_json(his2("program", "show", "HIS2", "--format", "json"))["name"] == "Helhetlig informasjonssikkerhet 2"


def test_program_number_must_be_unique(his2) -> None:
    result = fails(his2("program", "add", "DIG", "Digitalisering", "--number", "1"))
    assert result.stderr == "Error: program number 1 is already used by HIS2\n"
    ok(his2("program", "add", "DIG", "Digitalisering", "--number", "2"))
    result = fails(his2("program", "edit", "DIG", "--number", "1"))
    assert result.stderr == "Error: program number 1 is already used by HIS2\n"
    ok(his2("program", "edit", "HIS2", "--number", "1"))  # its own number is no clash
    assert codes(his2, "program", "list") == ["HIS2", "DIG"]


def test_program_number_must_be_a_positive_integer(migrated) -> None:
    for number in ["0", "-1", "x", "1.5"]:
        result = fails(migrated("program", "add", "P", "Program", "--number", number), 2)
        assert "Invalid value for '--number'" in result.stderr
    assert codes(migrated, "program", "list") == []


def test_program_with_active_projects_cannot_be_closed(his2) -> None:
    """Its projects would vanish from the matrix and from the month's check."""
    ok(his2("project", "add", "NAC", "NAC", "--program", "HIS2", "--number", "1.2"))
    result = fails(his2("program", "close", "HIS2"))
    assert result.stderr == ("Error: program HIS2 still has active projects: IAM2, NAC; close or move them first\n")
    assert codes(his2, "program", "list") == ["HIS2"]
    ok(his2("project", "close", "IAM2"))
    ok(his2("project", "edit", "NAC", "--standalone"))
    ok(his2("program", "close", "HIS2"))
    matrix = as_json(his2("status", "matrix", "--period", "2024-01", "--format", "json"))
    assert [row["code"] for row in matrix] == ["NAC"]


def test_program_close_and_reopen(his2) -> None:
    ok(his2("program", "add", "DIG", "Digitalisering", "--number", "2"))
    ok(his2("project", "close", "IAM2"))
    assert ok(his2("program", "close", "HIS2")).stdout == "Closed program HIS2.\n"
    assert codes(his2, "program", "list") == ["DIG"]
    everything = as_json(his2("program", "list", "--all", "--format", "json"))
    assert [(p["code"], p["active"]) for p in everything] == [("HIS2", False), ("DIG", True)]
    assert fails(his2("program", "close", "HIS2")).stderr == "Error: program HIS2 is already closed\n"
    assert ok(his2("program", "reopen", "HIS2")).stdout == "Reopened program HIS2.\n"
    assert codes(his2, "program", "list") == ["HIS2", "DIG"]
    assert fails(his2("program", "reopen", "HIS2")).stderr == "Error: program HIS2 is already active\n"


# --- codes ------------------------------------------------------------------------------------


def test_duplicate_program_code(his2) -> None:
    result = fails(his2("program", "add", "HIS2", "Again"))
    assert result.stderr == "Error: code 'HIS2' is already used by a project or program\n"
    assert len(as_json(his2("program", "list", "--all", "--format", "json"))) == 1


def test_duplicate_project_code(his2) -> None:
    result = fails(his2("project", "add", "IAM2", "Again"))
    assert result.stderr == "Error: code 'IAM2' is already used by a project or program\n"
    assert codes(his2, "project", "list", "--all") == ["IAM2"]


def test_project_code_equal_to_a_program_code_is_refused(his2) -> None:
    result = fails(his2("project", "add", "HIS2", "Project named like the program"))
    assert result.stderr == "Error: code 'HIS2' is already used by a project or program\n"
    assert codes(his2, "project", "list", "--all") == ["IAM2"]


def test_program_code_equal_to_a_project_code_is_refused(his2) -> None:
    result = fails(his2("program", "add", "IAM2", "Program named like the project"))
    assert result.stderr == "Error: code 'IAM2' is already used by a project or program\n"
    assert codes(his2, "program", "list", "--all") == ["HIS2"]


def test_code_of_a_closed_project_stays_taken(his2) -> None:
    ok(his2("project", "close", "IAM2"))
    fails(his2("project", "add", "IAM2", "Again"))


def test_invalid_code(migrated) -> None:
    for code in ["a b", "_X", ".X", "Æøå", "x" * 33, "a/b"]:
        result = fails(migrated("project", "add", code, "Name"))
        assert result.stderr == (f"Error: '{code}' is not a valid code; use 1-32 letters, digits, '.', '_' or '-'\n")
        result = fails(migrated("program", "add", code, "Name"))
        assert "is not a valid code" in result.stderr
    assert codes(migrated, "project", "list") == codes(migrated, "program", "list") == []


def test_empty_name_is_refused(migrated) -> None:
    assert fails(migrated("project", "add", "P", " ")).stderr == "Error: name must not be empty\n"
    assert fails(migrated("program", "add", "P", "")).stderr == "Error: name must not be empty\n"


# --- projects ---------------------------------------------------------------------------------


def test_project_add_and_show(his2) -> None:
    assert (
        ok(
            his2(
                "project",
                "add",
                "NAC",
                "Nettverkstilgang",
                "--program",
                "HIS2",
                "--number",
                "1.2",
                "--manager",
                "Per",
                "--phase",
                "execution",
                "--start",
                "2023-09-01",
                "--end",
                "2024-12-31",
            )
        ).stdout
        == "Added project NAC.\n"
    )
    assert as_json(his2("project", "show", "NAC", "--format", "json")) == {
        "code": "NAC",
        "number": "1.2",
        "name": "Nettverkstilgang",
        "program": "HIS2",
        "manager": "Per",
        "phase": "execution",
        "start": "2023-09-01",
        "end": "2024-12-31",
        "active": True,
    }
    table = ok(his2("project", "show", "NAC")).stdout
    assert "Code:    NAC\n" in table
    assert "Program: HIS2\n" in table
    assert "Start:   2023-09-01\n" in table
    assert "Active:  yes\n" in table


def test_project_list_formats(his2) -> None:
    ok(his2("project", "add", "WEB", "=Nytt nettsted", "--phase", "planning"))
    table = ok(his2("project", "list")).stdout.splitlines()
    assert table[0].split() == [
        "Code",
        "No.",
        "Name",
        "Program",
        "Manager",
        "Phase",
        "Start",
        "End",
        "Active",
    ]
    assert table[2].split() == ["WEB", "=Nytt", "nettsted", "planning", "yes"]
    assert table[3].split() == ["IAM2", "1.1", "IAM", "2", "HIS2", "Kari", "yes"]
    rows = as_csv(his2("project", "list", "--format", "csv"))
    # a name a spreadsheet would run as a formula is defused in CSV only
    assert rows[0]["name"] == "'=Nytt nettsted"
    assert rows[1] == {
        "code": "IAM2",
        "number": "1.1",
        "name": "IAM 2",
        "program": "HIS2",
        "manager": "Kari",
        "phase": "",
        "start": "",
        "end": "",
        "active": "true",
    }
    data = as_json(his2("project", "list", "--format", "json"))
    assert data[0]["name"] == "=Nytt nettsted"
    assert data[0]["number"] is None and data[0]["program"] is None
    assert data[1]["number"] == "1.1" and data[1]["active"] is True


def test_bad_format_is_a_usage_error(his2) -> None:
    result = fails(his2("project", "list", "--format", "xml"), 2)
    assert "'xml' is not one of 'table', 'csv', 'json'" in result.stderr


def test_unknown_project_suggests_the_closest_code(his2) -> None:
    result = fails(his2("project", "show", "IAMM2"))
    assert result.stderr == "Error: no project 'IAMM2'; did you mean IAM2?\n"
    assert result.stdout == ""


def test_unknown_project_suggestion_ignores_case(his2) -> None:
    assert fails(his2("project", "show", "iam2")).stderr == "Error: no project 'iam2'; did you mean IAM2?\n"


def test_unknown_project_without_a_close_code(his2) -> None:
    assert fails(his2("project", "show", "QQQQQQ")).stderr == "Error: no project 'QQQQQQ'\n"


def test_unknown_program_when_adding_a_project(his2) -> None:
    result = fails(his2("project", "add", "X", "X", "--program", "HIS", "--number", "1.2"))
    assert result.stderr == "Error: no program 'HIS'; did you mean HIS2?\n"
    assert codes(his2, "project", "list") == ["IAM2"]


def test_project_number_must_match_the_program_number(his2) -> None:
    result = fails(his2("project", "add", "X", "X", "--program", "HIS2", "--number", "2.1"))
    assert result.stderr == "Error: project number '2.1' does not belong to program 1 (HIS2)\n"
    # '11.1' starts with '1' but not with '1.'
    result = fails(his2("project", "add", "X", "X", "--program", "HIS2", "--number", "11.1"))
    assert result.stderr == "Error: project number '11.1' does not belong to program 1 (HIS2)\n"
    assert codes(his2, "project", "list") == ["IAM2"]


def test_project_number_must_look_like_a_number(his2) -> None:
    for number in ["1.", "a.1", "1.1a", "1,1", ".1", "1..1"]:
        result = fails(his2("project", "add", "X", "X", "--program", "HIS2", "--number", number))
        assert result.stderr == f"Error: project number '{number}' is not like 1.1\n"


def test_project_number_needs_a_program(migrated) -> None:
    result = fails(migrated("project", "add", "X", "X", "--number", "1.1"))
    assert result.stderr == "Error: project number '1.1' needs --program: only program projects are numbered\n"


def test_project_number_must_be_unique(his2) -> None:
    result = fails(his2("project", "add", "X", "X", "--program", "HIS2", "--number", "1.1"))
    assert result.stderr == "Error: project number 1.1 is already used by IAM2\n"


def test_project_in_a_program_without_number(his2) -> None:
    ok(his2("project", "add", "SUB", "Unnumbered", "--program", "HIS2"))
    assert as_json(his2("project", "show", "SUB", "--format", "json"))["number"] is None


def test_bad_date_is_a_usage_error(his2) -> None:
    result = fails(his2("project", "add", "X", "X", "--start", "2024-13-01"), 2)
    assert "'2024-13-01' is not a date in the calendar" in result.stderr
    result = fails(his2("project", "add", "X", "X", "--start", "01/02/2024"), 2)
    assert "'01/02/2024' is ambiguous; write YYYY-MM-DD or DD.MM.YYYY" in result.stderr
    ok(his2("project", "add", "X", "X", "--start", "01.02.2024"))
    assert as_json(his2("project", "show", "X", "--format", "json"))["start"] == "2024-02-01"


def test_end_before_start_is_refused(his2) -> None:
    result = fails(his2("project", "add", "X", "X", "--start", "2024-06-01", "--end", "2024-01-01"))
    assert result.stderr == "Error: end date 2024-01-01 is before start date 2024-06-01\n"
    ok(his2("project", "edit", "IAM2", "--start", "2024-06-01"))
    result = fails(his2("project", "edit", "IAM2", "--end", "2024-05-31"))
    assert result.stderr == "Error: end date 2024-05-31 is before start date 2024-06-01\n"
    assert as_json(his2("project", "show", "IAM2", "--format", "json"))["end"] is None


def test_report_order(migrated) -> None:
    """Standalone projects first, then each program followed by its projects by number."""
    ok(migrated("program", "add", "DIG", "Digitalisering", "--number", "2"))
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    for code, number, program in [
        ("P110", "1.10", "HIS2"),
        ("D21", "2.1", "DIG"),
        ("P12", "1.2", "HIS2"),
        ("P19", "1.9", "HIS2"),
        ("P11", "1.1", "HIS2"),
    ]:
        ok(
            migrated(
                "project",
                "add",
                code,
                f"Project {number}",
                "--program",
                program,
                "--number",
                number,
            )
        )
    ok(migrated("project", "add", "SOLO2", "Standalone added first"))
    ok(migrated("project", "add", "SOLO1", "Standalone added second"))

    assert codes(migrated, "project", "list") == [
        "SOLO2",
        "SOLO1",
        "P11",
        "P12",
        "P19",
        "P110",
        "D21",
    ]
    assert codes(migrated, "project", "list", "--program", "HIS2") == ["P11", "P12", "P19", "P110"]

    matrix = as_json(migrated("status", "matrix", "--period", "2024-01", "--format", "json"))
    assert [(row["kind"], row["code"]) for row in matrix] == [
        ("project", "SOLO2"),
        ("project", "SOLO1"),
        ("program", "HIS2"),
        ("project", "P11"),
        ("project", "P12"),
        ("project", "P19"),
        ("project", "P110"),
        ("program", "DIG"),
        ("project", "D21"),
    ]
    labels = [row["label"] for row in matrix]
    assert labels[2] == "1. Helhetlig informasjonssikkerhet 2 – Program"
    assert labels[6] == "1.10 Project 1.10"
    assert labels[0] == "Standalone added first"


def test_project_list_unknown_program(his2) -> None:
    assert fails(his2("project", "list", "--program", "HIS")).stderr == "Error: no program 'HIS'; did you mean HIS2?\n"


def test_project_edit(his2) -> None:
    assert (
        ok(
            his2(
                "project",
                "edit",
                "IAM2",
                "--name",
                "IAM 2.0",
                "--manager",
                "Ola",
                "--phase",
                "closing",
                "--start",
                "2023-01-01",
                "--end",
                "2024-06-30",
            )
        ).stdout
        == "Updated project IAM2.\n"
    )
    data = as_json(his2("project", "show", "IAM2", "--format", "json"))
    assert data == {
        "code": "IAM2",
        "number": "1.1",
        "name": "IAM 2.0",
        "program": "HIS2",
        "manager": "Ola",
        "phase": "closing",
        "start": "2023-01-01",
        "end": "2024-06-30",
        "active": True,
    }


def test_project_edit_number_is_checked(his2) -> None:
    ok(his2("project", "add", "NAC", "NAC", "--program", "HIS2", "--number", "1.2"))
    assert fails(his2("project", "edit", "NAC", "--number", "1.1")).stderr == (
        "Error: project number 1.1 is already used by IAM2\n"
    )
    assert fails(his2("project", "edit", "NAC", "--number", "3.1")).stderr == (
        "Error: project number '3.1' does not belong to program 1 (HIS2)\n"
    )
    ok(his2("project", "edit", "NAC", "--number", "1.3"))
    assert as_json(his2("project", "show", "NAC", "--format", "json"))["number"] == "1.3"


def test_project_edit_standalone_and_into_a_program(his2) -> None:
    ok(his2("program", "add", "DIG", "Digitalisering", "--number", "2"))
    ok(his2("project", "edit", "IAM2", "--standalone"))
    data = as_json(his2("project", "show", "IAM2", "--format", "json"))
    assert (data["program"], data["number"]) == (None, None)
    ok(his2("project", "edit", "IAM2", "--program", "DIG", "--number", "2.1"))
    data = as_json(his2("project", "show", "IAM2", "--format", "json"))
    assert (data["program"], data["number"]) == ("DIG", "2.1")
    # moving keeps the number, which must then belong to the new program
    result = fails(his2("project", "edit", "IAM2", "--program", "HIS2"))
    assert result.stderr == "Error: project number '2.1' does not belong to program 1 (HIS2)\n"
    assert as_json(his2("project", "show", "IAM2", "--format", "json"))["program"] == "DIG"


def test_project_edit_usage_errors(his2) -> None:
    assert "nothing to change; give at least one option" in fails(his2("project", "edit", "IAM2"), 2).stderr
    result = fails(his2("project", "edit", "IAM2", "--standalone", "--program", "HIS2"), 2)
    assert "--standalone and --program exclude each other" in result.stderr
    assert fails(his2("project", "edit", "IAMM2", "--name", "x")).stderr == (
        "Error: no project 'IAMM2'; did you mean IAM2?\n"
    )


def test_project_close_and_reopen(his2) -> None:
    ok(his2("project", "add", "SOLO", "Standalone"))
    assert ok(his2("project", "close", "IAM2")).stdout == "Closed project IAM2.\n"
    assert codes(his2, "project", "list") == ["SOLO"]
    assert [(p["code"], p["active"]) for p in as_json(his2("project", "list", "--all", "--format", "json"))] == [
        ("SOLO", True),
        ("IAM2", False),
    ]
    assert as_json(his2("program", "list", "--format", "json"))[0]["projects"] == 0
    assert as_json(his2("project", "show", "IAM2", "--format", "json"))["active"] is False
    assert fails(his2("project", "close", "IAM2")).stderr == "Error: project IAM2 is already closed\n"
    assert ok(his2("project", "reopen", "IAM2")).stdout == "Reopened project IAM2.\n"
    assert codes(his2, "project", "list") == ["SOLO", "IAM2"]
    assert fails(his2("project", "reopen", "IAM2")).stderr == "Error: project IAM2 is already active\n"


def test_closed_project_leaves_the_matrix(his2) -> None:
    ok(his2("project", "close", "IAM2"))
    matrix = as_json(his2("status", "matrix", "--period", "2024-01", "--format", "json"))
    assert [row["code"] for row in matrix] == ["HIS2"]


def test_projects_of_unnumbered_programs_follow_the_program_order(migrated) -> None:
    """Each program's projects together, programs by number and then the unnumbered ones by code."""
    ok(migrated("program", "add", "ZED", "Unnumbered Z"))
    ok(migrated("program", "add", "ALF", "Unnumbered A"))
    ok(migrated("program", "add", "ONE", "One", "--number", "1"))
    ok(migrated("project", "add", "Z1", "Z one", "--program", "ZED"))
    ok(migrated("project", "add", "A1", "A one", "--program", "ALF"))
    ok(migrated("project", "add", "Z2", "Z two", "--program", "ZED"))
    ok(migrated("project", "add", "O1", "O one", "--program", "ONE", "--number", "1.1"))
    ok(migrated("project", "add", "SOLO", "Standalone"))
    assert codes(migrated, "program", "list") == ["ONE", "ALF", "ZED"]
    assert codes(migrated, "project", "list") == ["SOLO", "O1", "A1", "Z1", "Z2"]
    matrix = as_json(migrated("status", "matrix", "--period", "2024-01", "--format", "json"))
    assert [row["code"] for row in matrix] == ["SOLO", "ONE", "O1", "ALF", "A1", "ZED", "Z1", "Z2"]
