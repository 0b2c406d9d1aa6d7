"""A way back to green: a yellow or red rating carries a recovery action (what, owner, due date).

Kept with the rating in the status itself (``status set``, the template, the editor forms), listed
by ``check`` and ``round`` when missing or past due, shown by the report beside the matrix and by
``status explain``; versioned, audited and frozen with a closed month like the comments.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest

from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

GREEN = ("--scope", "green", "--finance", "green", "--dependencies", "green", "--benefits", "na")
ACTION = ("--resources-action", "Leie inn to konsulenter", "--resources-action-owner", "Kari Nordmann")


@pytest.fixture
def reg(migrated):  # type: ignore[no-untyped-def]
    """Program HIS2 with project NAC; NAC's January: resources yellow with an action, schedule red without."""
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1", "--owner", "Siv"))
    ok(migrated("project", "add", "NAC", "NAC/Sonemodell", "--program", "HIS2", "--number", "1.1", "--manager", "Kari"))
    ok(migrated("status", "set", "HIS2", "--period", "2024-01", *GREEN, "--resources", "green", "--schedule", "green"))
    ok(
        migrated(
            "status", "set", "NAC", "--period", "2024-01", *GREEN, "--resources", "yellow", "--schedule", "red",
            *ACTION, "--resources-action-due", "2024-03-31",
        )
    )  # fmt: skip
    return migrated


def shown(run, code: str, period: str) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    rows = json.loads(ok(run("status", "show", code, "--period", period, "--format", "json")).stdout)
    return {row["dimension"]: (row["rating"], row["action"], row["action_owner"], row["action_due"]) for row in rows}


def findings(run, period: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    result = run("check", "--period", period, "--format", "json")
    return [(f["code"], f["message"]) for f in json.loads(result.stdout) if "recovery" in f["code"]]


def test_status_set_records_an_action_that_show_and_the_trail_keep(reg) -> None:
    assert shown(reg, "NAC", "2024-01")["Ressurser"] == (
        "yellow",
        "Leie inn to konsulenter",
        "Kari Nordmann",
        "2024-03-31",
    )
    assert shown(reg, "NAC", "2024-01")["Fremdrift"] == ("red", None, None, None)
    table = ok(reg("status", "show", "NAC", "--period", "2024-01")).stdout
    assert "\nRecovery actions:\n  Ressurser: Leie inn to konsulenter (Kari Nordmann, due 2024-03-31)\n" in table
    # a new date moves the version and is audited field by field
    ok(reg("status", "set", "NAC", "--period", "2024-01", *ACTION, "--resources-action-due", "30.04.2024"))
    history = json.loads(ok(reg("history", "NAC", "--format", "json")).stdout)
    changes = [(h["field"], h["old"], h["new"]) for h in history if h["field"].startswith("resources action")]
    assert ("resources action", None, "Leie inn to konsulenter") in changes
    assert changes[-1] == ("resources action_due", "2024-03-31", "2024-04-30")
    assert "(version 2)" in ok(reg("status", "show", "NAC", "--period", "2024-01")).stdout


def test_rating_it_green_ends_the_action_and_an_empty_action_removes_it(reg) -> None:
    ok(reg("status", "set", "NAC", "--period", "2024-01", "--resources-action", ""))
    assert shown(reg, "NAC", "2024-01")["Ressurser"] == ("yellow", None, None, None)
    ok(reg("status", "set", "NAC", "--period", "2024-01", *ACTION, "--resources-action-due", "2024-03-31"))
    ok(reg("status", "set", "NAC", "--period", "2024-01", "--resources", "red"))  # still needed: kept
    assert shown(reg, "NAC", "2024-01")["Ressurser"][1] == "Leie inn to konsulenter"
    ok(reg("status", "set", "NAC", "--period", "2024-01", "--resources", "green"))
    assert shown(reg, "NAC", "2024-01")["Ressurser"] == ("green", None, None, None)
    history = json.loads(ok(reg("history", "NAC", "--format", "json")).stdout)
    assert (history[-1]["field"], history[-1]["new"]) in {
        ("resources action", None),
        ("resources action_owner", None),
        ("resources action_due", None),
    }


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (
            ("--schedule-action", "Ny plan", "--schedule-action-due", "2024-03-31"),
            "Error: schedule: a recovery action needs what, owner and due date; owner is missing "
            "(--schedule-action, --schedule-action-owner and --schedule-action-due together)",
            2,
        ),
        (
            ("--schedule-action", "Ny plan", "--schedule-action-owner", "Kari", "--schedule-action-due", "31.02.2024"),
            "'31.02.2024' is not a date in the calendar",
            2,
        ),
        (
            ("--finance-action", "Ny plan", "--finance-action-owner", "Kari", "--finance-action-due", "2024-03-31"),
            "Error: 'finance' is rated green; a recovery action is for a yellow or red rating only",
            1,
        ),
        (
            (
                "--scope",
                "green",
                "--scope-action",
                "X",
                "--scope-action-owner",
                "K",
                "--scope-action-due",
                "2024-03-31",
            ),
            "Error: 'scope' is rated green; a recovery action is for a yellow or red rating only",
            1,
        ),
    ],
)
def test_a_bad_action_is_refused_in_one_line_and_nothing_is_written(reg, args, message, code) -> None:
    before = shown(reg, "NAC", "2024-01")
    result = fails(reg("status", "set", "NAC", "--period", "2024-01", *args), code=code)
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert shown(reg, "NAC", "2024-01") == before


def test_an_action_needs_a_rating(reg) -> None:
    ok(reg("project", "add", "NEW", "Nytt"))
    result = fails(
        reg("status", "set", "NEW", "--period", "2024-01", "--schedule-action", "Plan", "--schedule-action-owner", "K",
            "--schedule-action-due", "2024-03-31")
    )  # fmt: skip
    assert result.stderr == "Error: a recovery action for 'schedule' needs a rating for it as well\n"


def test_check_lists_ratings_without_an_action_and_actions_past_due(reg) -> None:
    found = findings(reg, "2024-01")
    assert found == [
        (
            "status-without-recovery-action",
            "project NAC rates schedule red in 2024-01 without a recovery action; add one with "
            "'portfolio status set NAC --period 2024-01 --schedule-action TEXT --schedule-action-owner NAME "
            "--schedule-action-due YYYY-MM-DD'",
        )
    ]
    # past due: due before the last day of the month the status reports on, not today
    ok(reg("status", "set", "NAC", "--period", "2024-01", *ACTION, "--resources-action-due", "2024-01-30"))
    assert findings(reg, "2024-01")[0] == (  # in the order of the dimensions
        "recovery-action-past-due",
        "project NAC: the recovery action for resources ('Leie inn to konsulenter', Kari Nordmann) was due "
        "2024-01-30 and resources is still yellow in 2024-01",
    )
    ok(reg("status", "set", "NAC", "--period", "2024-01", *ACTION, "--resources-action-due", "2024-01-31"))
    assert [code for code, _ in findings(reg, "2024-01")] == ["status-without-recovery-action"]


def test_round_lists_them_in_its_table_and_json(reg) -> None:
    ok(reg("status", "set", "NAC", "--period", "2024-01", *ACTION, "--resources-action-due", "2024-01-15"))
    table = ok(reg("round", "--period", "2024-01")).stdout
    assert "  Without recovery action    1: NAC schedule (red)\n" in table
    assert "  Recovery actions past due  1: NAC resources (due 2024-01-15)\n" in table
    assert "replan: portfolio status set NAC --period 2024-01 --resources-action TEXT" in table
    state = json.loads(ok(reg("round", "--period", "2024-01", "--format", "json")).stdout)
    assert state["without_recovery_action"] == [
        {"code": "NAC", "kind": "project", "dimension": "schedule", "rating": "red"}
    ]
    assert state["recovery_actions_past_due"] == [
        {
            "code": "NAC",
            "kind": "project",
            "dimension": "resources",
            "rating": "yellow",
            "action": "Leie inn to konsulenter",
            "owner": "Kari Nordmann",
            "due": "2024-01-15",
        }
    ]
    # the month can still close: these are warnings
    assert state["can_close"] is True


def _recovery_table(report: dict) -> dict:  # type: ignore[type-arg]
    return next(
        block
        for section in report["sections"]
        for block in section["blocks"]
        if block["type"] == "table" and block["columns"][0]["key"] == "subject"
    )


def test_the_report_shows_the_actions_beside_the_matrix_in_both_languages(reg) -> None:
    ok(reg("status", "set", "NAC", "--period", "2024-01", *ACTION, "--resources-action-due", "2024-01-15"))
    nb = json.loads(ok(reg("report", "build", "--period", "2024-01", "--format", "json", "--lang", "nb")).stdout)
    table = _recovery_table(nb)
    assert table["title"] == "Tiltak for å komme tilbake til grønt"
    assert [c["label"] for c in table["columns"]] == [
        "Prosjekt/program",
        "Dimensjon",
        "Vurdering",
        "Tiltak",
        "Ansvarlig",
        "Frist",
    ]
    assert [row["cells"] for row in table["rows"]] == [
        ["1.1 NAC/Sonemodell", "Ressurser", "gul", "Leie inn to konsulenter", "Kari Nordmann", "15.01.2024 (forfalt)"]
    ]
    blocks = next(s for s in nb["sections"] if any(b["type"] == "status_matrix" for b in s["blocks"]))["blocks"]
    matrix_at = next(i for i, b in enumerate(blocks) if b["type"] == "status_matrix")
    assert blocks[matrix_at + 1] == table  # right under the matrix and its footnotes
    en = json.loads(ok(reg("report", "build", "--period", "2024-01", "--format", "json", "--lang", "en")).stdout)
    assert [row["cells"] for row in _recovery_table(en)["rows"]] == [
        [
            "1.1 NAC/Sonemodell",
            "Resources",
            "yellow",
            "Leie inn to konsulenter",
            "Kari Nordmann",
            "2024-01-15 (past due)",
        ]
    ]
    text = ok(reg("report", "build", "--period", "2024-01", "--lang", "en")).stdout
    assert "Recovery actions for yellow and red ratings" in text and "Leie inn to konsulenter" in text
    markdown = ok(reg("report", "build", "--period", "2024-01", "--format", "md", "--lang", "nb")).stdout
    assert "Tiltak for å komme tilbake til grønt" in markdown and "15.01.2024 (forfalt)" in markdown


def test_no_action_no_table(reg) -> None:
    ok(reg("status", "set", "NAC", "--period", "2024-01", "--resources-action", ""))
    report = json.loads(ok(reg("report", "build", "--period", "2024-01", "--format", "json")).stdout)
    with pytest.raises(StopIteration):
        _recovery_table(report)


def test_status_explain_shows_each_dimensions_action(reg) -> None:
    text = ok(reg("status", "explain", "NAC", "--period", "2024-01")).stdout
    assert "\nResources: yellow\n  recovery action: Leie inn to konsulenter (Kari Nordmann, due 2024-03-31)\n" in text
    assert "\nSchedule: red\n  no recovery action\n" in text
    data = json.loads(ok(reg("status", "explain", "NAC", "--period", "2024-01", "--format", "json")).stdout)
    resources = next(d for d in data["dimensions"] if d["key"] == "resources")
    assert resources["action"] == {
        "what": "Leie inn to konsulenter", "owner": "Kari Nordmann", "due": "2024-03-31", "past_due": False
    }  # fmt: skip
    assert next(d for d in data["dimensions"] if d["key"] == "schedule")["action"] is None


def test_a_closed_month_keeps_its_actions_and_its_fingerprint(reg, tmp_path: Path) -> None:
    ok(reg("report", "build", "--period", "2024-01", "--format", "json", "-o", str(tmp_path / "jan.json")))
    ok(reg("period", "close", "2024-01"))
    result = fails(reg("status", "set", "NAC", "--period", "2024-01", "--resources-action", ""))
    assert "period 2024-01 is closed" in result.stderr
    assert shown(reg, "NAC", "2024-01")["Ressurser"][1] == "Leie inn to konsulenter"
    assert "matches the data of 2024-01" in ok(reg("report", "verify", str(tmp_path / "jan.json"))).stdout
    report = json.loads(ok(reg("report", "build", "--period", "2024-01", "--format", "json")).stdout)
    assert _recovery_table(report)["rows"][0]["cells"][3] == "Leie inn to konsulenter"  # the board's copy


def test_an_action_is_in_the_fingerprint_and_a_rating_without_one_digests_as_before(reg, db_url: str) -> None:
    from sqlmodel import Session

    from portfolio.database import make_engine
    from portfolio.models import StatusRating
    from portfolio.period import Period
    from portfolio.report.fingerprint import _digest, table_digest

    table = StatusRating.__table__  # type: ignore[attr-defined]
    engine = make_engine(db_url)
    with Session(engine) as session:
        with_action = table_digest(session, table, Period(2024, 1))
    ok(reg("status", "set", "NAC", "--period", "2024-01", "--resources-action", ""))
    with Session(engine) as session:
        without = table_digest(session, table, Period(2024, 1))
        rows = session.connection().execute(table.select()).all()
    engine.dispose()
    assert with_action != without
    # as before the columns came: the rows' other columns only
    old = [(r.report_id, r.dimension, r.rating, r.comment) for r in rows]
    import hashlib

    expected = hashlib.sha256("\n".join(sorted(map(repr, old))).encode()).hexdigest()[:8]
    assert without == expected == _digest(table, [(*r, None, None, None) for r in old])


TEMPLATE_ACTION_COLUMNS = ("resources_action", "resources_action_owner", "resources_action_due")


def test_the_template_carries_the_actions_and_reads_them_back(reg, tmp_path: Path) -> None:
    import csv

    ok(reg("status", "template", "--period", "2024-02", "--program", "HIS2", "-o", "feb.csv"))
    lines = (tmp_path / "feb.csv").read_text(encoding="utf-8-sig").splitlines()
    assert "A yellow or red rating needs a recovery action" in lines[4]
    rows = list(csv.DictReader(lines[5:]))
    nac = next(row for row in rows if row["code"] == "NAC")
    # last month's action comes with last month's rating: a plan lasts until it is done
    assert [nac[name] for name in TEMPLATE_ACTION_COLUMNS] == ["Leie inn to konsulenter", "Kari Nordmann", "2024-03-31"]
    assert nac["schedule_action"] == ""
    nac["schedule_action"], nac["schedule_action_owner"], nac["schedule_action_due"] = "Ny plan", "Per", "15.03.2024"
    write_rows(tmp_path / "feb.csv", lines[:5], rows)
    assert "2 statuses for 2024-02" in ok(reg("status", "import", "feb.csv")).stdout
    assert shown(reg, "NAC", "2024-02")["Fremdrift"] == ("red", "Ny plan", "Per", "2024-03-15")
    assert shown(reg, "NAC", "2024-02")["Ressurser"][1:] == ("Leie inn to konsulenter", "Kari Nordmann", "2024-03-31")
    # this month's template gives the same back, and importing it again changes nothing
    ok(reg("status", "template", "--period", "2024-02", "--program", "HIS2", "-o", "again.csv"))
    result = ok(reg("status", "import", "again.csv"))
    assert "2 statuses for 2024-02" in result.stdout
    assert "(version 1)" in ok(reg("status", "show", "NAC", "--period", "2024-02")).stdout


def write_rows(path: Path, head: list[str], rows: list[dict[str, str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text("\n".join(head) + "\n" + buffer.getvalue(), encoding="utf-8")


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (
            ("Ny plan", "Per", "31.02.2024"),
            "line 8, column schedule_action_due: due date: '31.02.2024' is not a date in the calendar",
        ),
        (
            ("Ny plan", "", "2024-03-31"),
            "line 8, column schedule_action_owner: a recovery action needs what, owner and due date; owner is missing",
        ),
        (
            ("", "Per", ""),
            "line 8, column schedule_action: a recovery action needs what, owner and due date; "
            "what and due date are missing",
        ),
    ],
)
def test_a_bad_action_in_a_template_stops_the_whole_import(reg, tmp_path: Path, cells, problem) -> None:
    import csv

    ok(reg("status", "template", "--period", "2024-02", "--program", "HIS2", "-o", "feb.csv"))
    lines = (tmp_path / "feb.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = list(csv.DictReader(lines[5:]))
    nac = next(row for row in rows if row["code"] == "NAC")
    nac["schedule_action"], nac["schedule_action_owner"], nac["schedule_action_due"] = cells
    write_rows(tmp_path / "feb.csv", lines[:5], rows)
    result = fails(reg("status", "import", "feb.csv"))
    assert result.stderr == f"Error: feb.csv: 1 problem, nothing imported\n{problem}\n"
    assert "no status" in fails(reg("status", "show", "HIS2", "--period", "2024-02")).stderr


def test_an_action_beside_a_green_rating_is_refused_on_import(reg, tmp_path: Path) -> None:
    import csv

    ok(reg("status", "template", "--period", "2024-02", "--program", "HIS2", "-o", "feb.csv"))
    lines = (tmp_path / "feb.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = list(csv.DictReader(lines[5:]))
    next(row for row in rows if row["code"] == "NAC")["resources"] = "green"  # but its action is still there
    write_rows(tmp_path / "feb.csv", lines[:5], rows)
    result = fails(reg("status", "import", "feb.csv"))
    assert (
        "line 8, column resources_action: resources is green; a recovery action is for a yellow or red rating "
        "only (empty its action cells)"
    ) in result.stderr


def test_the_xlsx_template_has_the_action_cells_open(reg, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ok(reg("status", "template", "--period", "2024-02", "--program", "HIS2", "-o", "feb.xlsx"))
    sheet = load_workbook(tmp_path / "feb.xlsx")["Statuses"]
    names = [c.value for c in sheet[6]]
    for name in TEMPLATE_ACTION_COLUMNS:
        cell = sheet.cell(8, names.index(name) + 1)
        assert cell.protection.locked is False
    assert sheet.cell(8, names.index("resources_action_due") + 1).value == "2024-03-31"  # text, not a date
    sheet.cell(8, names.index("resources_action_due") + 1).value = "2024-05-31"
    book = sheet.parent
    book.save(tmp_path / "feb.xlsx")
    ok(reg("status", "import", "feb.xlsx"))
    assert shown(reg, "NAC", "2024-02")["Ressurser"][3] == "2024-05-31"


def fake_editor(monkeypatch: pytest.MonkeyPatch, change) -> list[str]:  # type: ignore[no-untyped-def]
    given: list[str] = []

    def edit(text: str, **_kwargs: object) -> str:
        given.append(text)
        return change(text)

    monkeypatch.setattr(click, "edit", edit)
    return given


def test_the_editor_form_shows_and_takes_the_actions(reg, monkeypatch: pytest.MonkeyPatch) -> None:
    def change(text: str) -> str:
        return text.replace("schedule action =\n", "schedule action = Ny plan | Per | 2024-03-15\n")

    given = fake_editor(monkeypatch, change)
    ok(reg("status", "edit", "NAC", "--period", "2024-01"))
    assert "resources action = Leie inn to konsulenter | Kari Nordmann | 2024-03-31\n" in given[0]
    assert "schedule action =\n" in given[0]  # red: a line to fill in
    assert "scope action" not in given[0]  # green: none
    assert shown(reg, "NAC", "2024-01")["Fremdrift"] == ("red", "Ny plan", "Per", "2024-03-15")
    assert shown(reg, "NAC", "2024-01")["Ressurser"][1] == "Leie inn to konsulenter"


def test_the_editor_form_refuses_a_bad_action(reg, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_editor(monkeypatch, lambda text: text.replace("schedule action =\n", "schedule action = Ny plan | Per\n"))
    result = fails(reg("status", "edit", "NAC", "--period", "2024-01"))
    assert "schedule action: a recovery action needs what, owner and due date; due date is missing" in result.stderr
    fake_editor(monkeypatch, lambda text: re.sub(r"schedule( +)= red", r"schedule\1= green", text).replace(
        "schedule action =\n", "schedule action = Ny plan | Per | 2024-03-15\n"))  # fmt: skip
    result = fails(reg("status", "edit", "NAC", "--period", "2024-01"))
    assert "schedule is green; a recovery action is for a yellow or red rating only" in result.stderr
    assert shown(reg, "NAC", "2024-01")["Fremdrift"] == ("red", None, None, None)


def test_the_month_table_keeps_and_takes_actions(reg, monkeypatch: pytest.MonkeyPatch) -> None:
    def change(text: str) -> str:
        return text.replace(
            "    resources action: Leie inn to konsulenter | Kari Nordmann | 2024-03-31\n",
            "    resources action: Leie inn to konsulenter | Kari Nordmann | 2024-03-31\n"
            "    schedule action: Ny plan | Per | 2024-03-15\n",
        )

    given = fake_editor(monkeypatch, change)
    ok(reg("status", "edit", "--period", "2024-01"))
    assert "    resources action: Leie inn to konsulenter | Kari Nordmann | 2024-03-31\n" in given[0]
    assert shown(reg, "NAC", "2024-01")["Fremdrift"] == ("red", "Ny plan", "Per", "2024-03-15")
    assert shown(reg, "NAC", "2024-01")["Ressurser"][1] == "Leie inn to konsulenter"


def test_the_month_table_refuses_an_action_beside_a_green_rating(reg, monkeypatch: pytest.MonkeyPatch) -> None:
    def change(text: str) -> str:
        return text.replace(
            "    resources action: Leie inn to konsulenter | Kari Nordmann | 2024-03-31\n",
            "    resources action: Leie inn to konsulenter | Kari Nordmann | 2024-03-31\n"
            "    scope action: Ny plan | Per | 2024-03-15\n",
        )

    shown_texts: list[str] = []

    def edit(text: str, **_kwargs: object) -> str:  # the mistake, then saved again as it is: giving up
        shown_texts.append(text)
        return change(text) if len(shown_texts) == 1 else text

    monkeypatch.setattr(click, "edit", edit)
    result = fails(reg("status", "edit", "--period", "2024-01"))
    assert result.stderr == "Error: gave up: the table still has 1 mistake; nothing was written\n"
    # marked in the reopened table
    assert "# ERROR: NAC: scope is green; a recovery action is for a yellow or red rating only" in shown_texts[1]
    assert shown(reg, "NAC", "2024-01")["Avgrensning og innhold"] == ("green", None, None, None)


def test_the_items_from_a_shared_read_are_those_read_on_their_own(
    reg, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report and ``check`` take the month's yellow and red ratings from the status rows they
    read once; they must be the items (subjects, names, ratings, actions, order) a query gives."""
    from sqlmodel import Session

    from portfolio.config import Settings
    from portfolio.database import make_engine
    from portfolio.period import Period
    from portfolio.services.recovery import recovery_items
    from portfolio.services.status_window import StatusScope, read_status_window, status_scope

    ok(reg("status", "set", "HIS2", "--period", "2024-01", "--finance", "red"))
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            period, keys = Period.parse("2024-01"), Settings().dimension_keys()
            order = [("program", "HIS2"), ("project", "NAC")]
            read = recovery_items(session, period, keys, order)
            assert [(i.kind, i.code, i.dimension, i.rating.value) for i in read] == [
                ("program", "HIS2", "finance", "red"),
                ("project", "NAC", "resources", "yellow"),
                ("project", "NAC", "schedule", "red"),
            ]
            assert read[1].action is not None and read[1].action.owner == "Kari Nordmann"
            assert read[0].name == "Helhetlig informasjonssikkerhet 2" and read[1].name == "NAC/Sonemodell"
            shared = read_status_window(session, period, status_scope(Settings()))
            reversed_order = recovery_items(session, period, keys, order[::-1])
            with monkeypatch.context() as patched:  # the shared read is used, not a query
                patched.setattr("portfolio.services.recovery._items_read", None)
                assert recovery_items(session, period, keys, order, shared) == read
                assert recovery_items(session, period, keys, order[::-1], shared) == reversed_order
            # a window without the actions, or without the month, is not used
            slim = read_status_window(session, period, StatusScope(texts=False))
            assert recovery_items(session, period, keys, order, slim) == read
    finally:
        engine.dispose()
