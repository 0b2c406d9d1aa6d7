"""``status edit --period P``: the month as a table in $EDITOR, reopened with the mistakes marked."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from sqlalchemy import text

from portfolio.cli.status_month_edit import strip_marks
from portfolio.database import make_engine
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

HEADER = "code,scope,finance,resources,schedule,dependencies,benefits,resources_comment,comment\n"


@pytest.fixture
def month(migrated, tmp_path: Path):  # type: ignore[no-untyped-def]
    """HIS2 with IAM2 and NAC, standalone RAF; February reported for HIS2, IAM2 and NAC, not RAF."""
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1", "--manager", "Kari"))
    ok(migrated("project", "add", "NAC", "NAC", "--program", "HIS2", "--number", "1.2", "--manager", "Kari"))
    ok(migrated("project", "add", "RAF", "RAF", "--manager", "Ola"))
    (tmp_path / "feb.csv").write_text(
        HEADER + "HIS2,green,green,green,green,green,na,,Går bra\n"
        "IAM2,green,green,yellow,green,green,na,To sykmeldte,\n"
        "NAC,green,green,green,yellow,green,na,,\n",
        encoding="utf-8",
    )
    ok(migrated("status", "import", "feb.csv", "--period", "2024-02"))
    return migrated


def editor(monkeypatch: pytest.MonkeyPatch, *steps: Callable[[str], str | None]) -> list[str]:
    """Replace click.edit by ``steps``, one per opening; returns the texts the editor was given."""
    shown: list[str] = []
    queue = list(steps)

    def fake(text: str, **_kwargs: object) -> str | None:
        shown.append(text)
        return queue.pop(0)(text)

    monkeypatch.setattr(click, "edit", fake)
    return shown


def row(text: str, code: str) -> str:
    return next(line for line in text.splitlines() if line.split()[:1] == [code])


def replace_row(code: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(row(text, code), new)


def show(run, code: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    result = ok(run("status", "show", code, "--period", "2024-02", "--format", "json"))
    return [(r["rating"], r["comment"], r["version"]) for r in json.loads(result.stdout)]


def test_the_table_lists_the_month_with_comments_and_unreported_rows(month, monkeypatch) -> None:
    shown = editor(monkeypatch, lambda text: text)
    result = ok(month("status", "edit", "--period", "2024-02"))
    assert result.stdout == "No change; nothing was written.\n"
    table = shown[0]
    assert row(table, "IAM2").split() == ["IAM2", "green", "green", "yellow", "green", "green", "na", "|"]
    assert "\n    resources: To sykmeldte\n" in table
    assert row(table, "HIS2").endswith("| Går bra")
    assert row(table, "RAF").split() == ["RAF", *["?"] * 6, "|"]


def test_only_changed_rows_are_written(month, monkeypatch) -> None:
    before = show(month, "IAM2")
    editor(
        monkeypatch,
        lambda text: text.replace(row(text, "NAC"), "NAC green green red yellow green na | Ny plan").replace(
            row(text, "RAF"), "RAF g g g y g -\n    schedule: Leverandør sen"
        ),
    )
    result = ok(month("status", "edit", "--period", "2024-02"))
    assert result.stdout == "Recorded 2 statuses for 2024-02: RAF, NAC.\n"
    assert [r[0] for r in show(month, "NAC")] == ["green", "green", "red", "yellow", "green", "na"]
    assert show(month, "RAF")[3] == ("yellow", "Leverandør sen", 1)
    assert show(month, "IAM2") == before  # untouched: same version


def test_mistakes_reopen_the_editor_marked_until_fixed(month, monkeypatch) -> None:
    shown = editor(
        monkeypatch,
        lambda text: text.replace(row(text, "NAC"), "NAC green green yelow yellow green na |").replace(
            row(text, "RAF"), "RAF green green"
        ),
        lambda text: text.replace("yelow", "yellow").replace("RAF green green", "RAF g g g g g g"),
    )
    result = ok(month("status", "edit", "--period", "2024-02"))
    second = shown[1]
    assert second.startswith("# ERROR: 2 mistakes, marked below; nothing was written yet.\n")
    lines = second.splitlines()
    nac = lines.index(row(second, "NAC"))
    assert lines[nac - 1] == "# ERROR: NAC, resources: 'yelow' is not a rating; use green, yellow, red or na"
    raf = lines.index("RAF green green")
    expected = "# ERROR: RAF has 2 ratings; it needs 6: scope, finance, resources, schedule, dependencies, benefits"
    assert lines[raf - 1] == expected
    assert result.stdout == "Recorded 2 statuses for 2024-02: RAF, NAC.\n"
    assert show(month, "NAC")[2][0] == "yellow"


GAVE_UP = "Error: gave up: the table still has 1 mistake; nothing was written\n"


@pytest.mark.parametrize(
    "second",
    [
        lambda text: text,  # saved as it was shown
        lambda text: None,  # not saved at all (click.edit's None)
        lambda text: strip_marks(text),  # saved without the marks, nothing else changed
        lambda text: "",  # emptied
    ],
    ids=["saved", "not-saved", "marks-removed", "emptied"],
)
def test_saving_the_marked_text_unchanged_gives_up(month, monkeypatch, second) -> None:  # type: ignore[no-untyped-def]
    editor(monkeypatch, replace_row("NAC", "NAC green green purple yellow green na |"), second)
    result = fails(month("status", "edit", "--period", "2024-02"))
    assert (result.stdout, result.stderr) == ("", GAVE_UP)
    assert show(month, "NAC")[2][0] == "green"


def script_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: str, *args: str) -> None:
    """$EDITOR: a Python script of ``source``, run with ``args`` and then the file to edit."""
    script = tmp_path / "ed.py"
    script.write_text(source, encoding="utf-8")
    monkeypatch.setenv("EDITOR", " ".join([sys.executable, str(script), *args]))
    monkeypatch.delenv("VISUAL", raising=False)


def real_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, second: str) -> Path:
    """$EDITOR: a script that misspells NAC's resources ('yelow') on the first opening, and on the
    second (the marked text) leaves the file as it is ('leave') or writes it back unchanged
    ('rewrite'), as a user saving it unchanged does. Returns the file that counts the openings."""
    count = tmp_path / "openings"
    script_editor(
        monkeypatch,
        tmp_path,
        "import pathlib, re, sys\n"
        f"count = pathlib.Path({str(count)!r})\n"
        "n = int(count.read_text()) + 1 if count.exists() else 1\n"
        "count.write_text(str(n))\n"
        "p = pathlib.Path(sys.argv[2])\n"
        "t = p.read_text(encoding='utf-8')\n"
        "if n == 1:\n"
        "    p.write_text(re.sub(r'^(NAC\\s+\\S+\\s+\\S+\\s+)green', r'\\1yelow', t, flags=re.M), encoding='utf-8')\n"
        "elif sys.argv[1] == 'rewrite':\n"
        "    p.write_text(t, encoding='utf-8')\n",
        second,
    )
    return count


@pytest.mark.parametrize("second", ["leave", "rewrite"])
def test_a_real_editor_saving_the_marked_text_unchanged_gives_up_with_exit_1(
    month, monkeypatch, tmp_path: Path, second: str
) -> None:
    count = real_editor(monkeypatch, tmp_path, second)
    result = fails(month("status", "edit", "--period", "2024-02"), code=1)
    assert (result.stdout, result.stderr) == ("", GAVE_UP)
    assert count.read_text() == "2"
    assert show(month, "NAC")[2][0] == "green"


def test_the_table_saved_unchanged_at_once_is_no_change_with_exit_0(month, monkeypatch, tmp_path: Path) -> None:
    script_editor(monkeypatch, tmp_path, "import sys\n")  # opens and closes, writes nothing
    assert ok(month("status", "edit", "--period", "2024-02")).stdout == "No change; nothing was written.\n"
    editor(monkeypatch, lambda text: text)  # written back as it was
    assert ok(month("status", "edit", "--period", "2024-02")).stdout == "No change; nothing was written.\n"


def test_after_mistakes_the_table_put_back_as_it_was_is_no_change(month, monkeypatch) -> None:
    first: list[str] = []

    def misspell(text: str) -> str:
        first.append(text)
        return replace_row("NAC", "NAC green green purple yellow green na |")(text)

    editor(monkeypatch, misspell, lambda _marked: first[0])
    assert ok(month("status", "edit", "--period", "2024-02")).stdout == "No change; nothing was written.\n"


def test_a_status_cannot_be_removed_or_left_half_rated(month, monkeypatch) -> None:
    shown = editor(
        monkeypatch,
        lambda text: text.replace(row(text, "NAC"), "NAC ? ? ? ? ? ? |").replace(
            row(text, "RAF"), "RAF green ? ? ? ? ? |"
        ),
        lambda text: text,
    )
    fails(month("status", "edit", "--period", "2024-02"))
    assert "# ERROR: NAC has a status for this month; the table cannot remove one" in shown[1]
    assert "# ERROR: RAF: finance, resources, schedule, dependencies, benefits has no rating" in shown[1]


def test_a_status_changed_meanwhile_is_not_overwritten(month, monkeypatch, db_url: str) -> None:
    def someone_else_edits(table: str) -> str:
        engine = make_engine(db_url)
        with engine.begin() as connection:
            connection.execute(text("UPDATE status_report SET version = version + 1 WHERE period = '2024-02'"))
        engine.dispose()
        return table.replace(row(table, "NAC"), "NAC red red red red red red |")

    editor(monkeypatch, someone_else_edits)
    result = fails(month("status", "edit", "--period", "2024-02"))
    assert "the status of NAC for 2024-02 was changed by someone else while you edited (version 1, now 2)" in (
        result.stderr
    )
    assert show(month, "NAC")[2][0] == "green"


def test_manager_scope_and_a_real_editor(month, monkeypatch, tmp_path: Path) -> None:
    script_editor(
        monkeypatch,
        tmp_path,
        "import sys\np = sys.argv[1]\nt = open(p, encoding='utf-8').read()\n"
        "open(p, 'w', encoding='utf-8').write(t.replace('RAF     ?       ?', 'RAF     red     ?', 1)"
        ".replace('?', 'green'))\n",
    )
    result = ok(month("status", "edit", "--period", "2024-02", "--manager", "Ola"))
    assert result.stdout == "Recorded 1 status for 2024-02: RAF.\n"
    assert [r[0] for r in show(month, "RAF")] == ["red", "green", "green", "green", "green", "green"]


def test_a_closed_month_and_options_that_need_no_code(month) -> None:
    result = fails(month("status", "edit", "NAC", "--period", "2024-02", "--manager", "Kari"), code=2)
    assert "--manager and --program choose rows of the month's table; give them without CODE" in result.stderr
    ok(month("period", "close", "2024-02"))
    result = fails(month("status", "edit", "--period", "2024-02"))
    assert "period 2024-02 is closed" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("NAC",), ("RAF",), (), ("--manager", "Kari"), ("--program", "HIS2")],
    ids=["code", "code-without-status", "month", "manager", "program"],
)
def test_a_closed_month_is_refused_before_the_editor_opens(month, monkeypatch, args: tuple[str, ...]) -> None:
    """The edits would be lost: the month is refused before anything is typed, as by status set -i."""
    ok(month("period", "close", "2024-02"))
    shown = editor(monkeypatch)  # no step: opening the editor would fail the test
    result = fails(month("status", "edit", *args, "--period", "2024-02"))
    assert shown == []
    assert result.stdout == ""
    assert result.stderr.startswith("Error: period 2024-02 is closed")  # one line; its hint is not asserted
    assert result.stderr.count("\n") == 1


def test_a_closed_project_is_refused_before_the_editor_opens(month, monkeypatch) -> None:
    ok(month("project", "close", "RAF"))
    shown = editor(monkeypatch)
    result = fails(month("status", "edit", "RAF", "--period", "2024-02"))
    assert (shown, result.stderr) == ([], "Error: RAF is closed; reopen it before reporting a status\n")


@pytest.mark.parametrize("args", [("NAC",), ()], ids=["code", "month"])
def test_a_month_closed_while_the_editor_is_open_is_still_refused(
    month, monkeypatch, db_url: str, args: tuple[str, ...]
) -> None:
    """Checked before the editor opens, and again when the edit is written."""
    from sqlmodel import Session

    from portfolio.period import Period
    from portfolio.services.reporting_months import close_period

    def close_meanwhile(text: str) -> str:
        engine = make_engine(db_url)
        with Session(engine) as session:
            close_period(session, Period.parse("2024-02"), "someone")
            session.commit()
        engine.dispose()
        if args:
            return re.sub(r"^resources( +)= green", r"resources\1= red", text, flags=re.M)
        return replace_row("NAC", "NAC red red red red red red |")(text)

    shown = editor(monkeypatch, close_meanwhile)
    result = fails(month("status", "edit", *args, "--period", "2024-02"))
    assert len(shown) == 1
    assert result.stderr.startswith("Error: period 2024-02 is closed by someone")
    assert show(month, "NAC")[2][0] == "green"
