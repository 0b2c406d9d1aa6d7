"""``status edit --period P``: the month as a table in $EDITOR, reopened with the mistakes marked."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from sqlalchemy import text

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


def test_saving_the_marked_text_unchanged_gives_up(month, monkeypatch, db_url: str) -> None:
    editor(monkeypatch, replace_row("NAC", "NAC green green purple yellow green na |"), lambda text: text)
    result = fails(month("status", "edit", "--period", "2024-02"))
    assert "the table still has mistakes; nothing was written" in result.stderr
    assert "'purple' is not a rating" in result.stderr
    assert show(month, "NAC")[2][0] == "green"


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
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys\np = sys.argv[1]\nt = open(p, encoding='utf-8').read()\n"
        "open(p, 'w', encoding='utf-8').write(t.replace('RAF     ?       ?', 'RAF     red     ?', 1)"
        ".replace('?', 'green'))\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    result = ok(month("status", "edit", "--period", "2024-02", "--manager", "Ola"))
    assert result.stdout == "Recorded 1 status for 2024-02: RAF.\n"
    assert [r[0] for r in show(month, "RAF")] == ["red", "green", "green", "green", "green", "green"]


def test_a_closed_month_and_options_that_need_no_code(month) -> None:
    result = fails(month("status", "edit", "NAC", "--period", "2024-02", "--manager", "Kari"), code=2)
    assert "--manager and --program choose rows of the month's table; give them without CODE" in result.stderr
    ok(month("period", "close", "2024-02"))
    result = fails(month("status", "edit", "--period", "2024-02"))
    assert "period 2024-02 is closed" in result.stderr
