"""The month's texts: the portfolio's introduction, each program's, and the standalone projects'."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from tests.helpers import fails, ok

# The core's own behaviour, whatever plugins happen to be installed in the environment.
pytestmark = pytest.mark.usefixtures("core_only")


def as_json(result):  # type: ignore[no-untyped-def]
    return json.loads(ok(result).stdout)


def texts(run, period: str = "2024-01") -> list[tuple]:  # type: ignore[no-untyped-def]
    return [
        (r["scope"], r["program"], r["text"])
        for r in as_json(run("narrative", "show", "--period", period, "--format", "json"))
    ]


@pytest.fixture
def reg(migrated):  # type: ignore[no-untyped-def]
    ok(migrated("program", "add", "DIG", "Digitalisering", "--number", "2"))
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    return migrated


def test_set_from_text(reg) -> None:
    assert ok(reg("narrative", "set", "--period", "2024-01", "--text", "Porteføljen er i rute.")).stdout == (
        "Saved the 2024-01 text for portfolio.\n"
    )
    assert texts(reg) == [("portfolio", None, "Porteføljen er i rute.")]


def test_set_from_file_utf8_with_bom(reg, tmp_path: Path) -> None:
    (tmp_path / "his2.md").write_bytes("\ufeffFørste avsnitt.\n\n*Viktig:* andre avsnitt.\n\n".encode())
    assert ok(reg("narrative", "set", "--period", "2024-01", "--program", "HIS2", "--file", "his2.md")).stdout == (
        "Saved the 2024-01 text for HIS2.\n"
    )
    assert texts(reg) == [("program", "HIS2", "Første avsnitt.\n\n*Viktig:* andre avsnitt.")]


def test_file_that_is_not_utf8(reg, tmp_path: Path) -> None:
    (tmp_path / "latin1.md").write_bytes("Første".encode("latin-1"))
    result = fails(reg("narrative", "set", "--period", "2024-01", "--file", "latin1.md"))
    assert result.stderr == "Error: latin1.md is not UTF-8 text; save it as UTF-8\n"
    assert texts(reg) == []


def test_missing_file(reg) -> None:
    result = fails(reg("narrative", "set", "--period", "2024-01", "--file", "nowhere.md"))
    assert result.stderr == "Error: cannot read nowhere.md: No such file or directory\n"


def test_file_and_text_exclude_each_other(reg, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    result = fails(reg("narrative", "set", "--period", "2024-01", "--file", "a.md", "--text", "b"), 2)
    assert "give --file or --text, not both" in result.stderr
    assert texts(reg) == []


def test_program_and_standalone_exclude_each_other(reg) -> None:
    result = fails(
        reg(
            "narrative",
            "set",
            "--period",
            "2024-01",
            "--program",
            "HIS2",
            "--standalone",
            "--text",
            "x",
        ),
        2,
    )
    assert "--program and --standalone exclude each other" in result.stderr


def test_unknown_program(reg) -> None:
    result = fails(reg("narrative", "set", "--period", "2024-01", "--program", "HIS", "--text", "x"))
    assert result.stderr == "Error: no program 'HIS'; did you mean HIS2?\n"
    assert texts(reg) == []


def test_period_is_required_and_checked(reg) -> None:
    assert "Missing option '--period'" in fails(reg("narrative", "set", "--text", "x"), 2).stderr
    assert "'2024-13' is not a month" in fails(reg("narrative", "set", "--period", "2024-13", "--text", "x"), 2).stderr
    assert "'januar' is not a month" in fails(reg("narrative", "show", "--period", "januar"), 2).stderr


def test_show_in_report_order(reg) -> None:
    ok(reg("narrative", "set", "--period", "2024-01", "--standalone", "--text", "Frittstående"))
    ok(reg("narrative", "set", "--period", "2024-01", "--program", "DIG", "--text", "Digitalt"))
    ok(reg("narrative", "set", "--period", "2024-01", "--program", "HIS2", "--text", "Sikkerhet"))
    ok(reg("narrative", "set", "--period", "2024-01", "--text", "Innledning"))
    ok(reg("narrative", "set", "--period", "2024-02", "--text", "Februar"))
    assert texts(reg) == [
        ("portfolio", None, "Innledning"),
        ("program", "HIS2", "Sikkerhet"),
        ("program", "DIG", "Digitalt"),
        ("standalone", None, "Frittstående"),
    ]
    assert ok(reg("narrative", "show", "--period", "2024-01")).stdout == (
        "## Portfolio\n\nInnledning\n\n"
        "## Helhetlig informasjonssikkerhet 2\n\nSikkerhet\n\n"
        "## Digitalisering\n\nDigitalt\n\n"
        "## Standalone projects\n\nFrittstående\n\n"
    )
    assert ok(reg("narrative", "show", "--period", "2024-01", "--format", "csv")).stdout.splitlines() == [
        "scope,program,text",
        "portfolio,,Innledning",
        "program,HIS2,Sikkerhet",
        "program,DIG,Digitalt",
        "standalone,,Frittstående",
    ]
    assert texts(reg, "2024-02") == [("portfolio", None, "Februar")]


def test_show_without_texts(reg) -> None:
    assert ok(reg("narrative", "show", "--period", "2024-01")).stdout == "(no texts for 2024-01)\n"
    assert texts(reg) == []


def test_set_again_replaces(reg) -> None:
    ok(reg("narrative", "set", "--period", "2024-01", "--program", "HIS2", "--text", "Første"))
    ok(reg("narrative", "set", "--period", "2024-01", "--program", "HIS2", "--text", "  Andre  \n"))
    ok(reg("narrative", "set", "--period", "2024-01", "--program", "DIG", "--text", "Digitalt"))
    assert texts(reg) == [("program", "HIS2", "Andre"), ("program", "DIG", "Digitalt")]


@pytest.mark.parametrize("empty", ["", "   ", "\n\n"])
def test_empty_text_removes(reg, empty: str) -> None:
    ok(reg("narrative", "set", "--period", "2024-01", "--text", "Innledning"))
    ok(reg("narrative", "set", "--period", "2024-01", "--program", "HIS2", "--text", "Sikkerhet"))
    ok(reg("narrative", "set", "--period", "2024-01", "--standalone", "--text", "Alene"))
    assert ok(reg("narrative", "set", "--period", "2024-01", "--program", "HIS2", "--text", empty)).stdout == (
        "Removed the 2024-01 text for HIS2.\n"
    )
    assert texts(reg) == [("portfolio", None, "Innledning"), ("standalone", None, "Alene")]
    assert ok(reg("narrative", "set", "--period", "2024-01", "--standalone", "--text", empty)).stdout == (
        "Removed the 2024-01 text for standalone projects.\n"
    )
    ok(reg("narrative", "set", "--period", "2024-01", "--text", empty))
    assert texts(reg) == []
    # removing what is not there is fine
    ok(reg("narrative", "set", "--period", "2024-01", "--text", empty))


def test_empty_file_removes(reg, tmp_path: Path) -> None:
    ok(reg("narrative", "set", "--period", "2024-01", "--text", "Innledning"))
    (tmp_path / "empty.md").write_text("\n", encoding="utf-8")
    assert ok(reg("narrative", "set", "--period", "2024-01", "--file", "empty.md")).stdout == (
        "Removed the 2024-01 text for portfolio.\n"
    )
    assert texts(reg) == []


def test_without_file_or_text_the_editor_opens(reg, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple] = []

    def fake_edit(text: str = "", extension: str = ".txt", **kwargs: object) -> str:
        opened.append((text, extension))
        return "Skrevet i editoren\n"

    monkeypatch.setattr(click, "edit", fake_edit)
    ok(reg("narrative", "set", "--period", "2024-01", "--standalone"))
    assert opened == [("", ".md")]
    assert texts(reg) == [("standalone", None, "Skrevet i editoren")]


def test_editor_closed_without_saving_changes_nothing(reg, monkeypatch: pytest.MonkeyPatch) -> None:
    ok(reg("narrative", "set", "--period", "2024-01", "--text", "Innledning"))
    monkeypatch.setattr(click, "edit", lambda *args, **kwargs: None)
    result = fails(reg("narrative", "set", "--period", "2024-01"))
    assert result.stderr == "Error: the editor was closed without saving; nothing changed\n"
    assert texts(reg) == [("portfolio", None, "Innledning")]


def test_unnumbered_programs_come_after_numbered_ones(reg) -> None:
    ok(reg("program", "add", "ZED", "Uten nummer Z"))
    ok(reg("program", "add", "ALF", "Uten nummer A"))
    for code in ("ZED", "DIG", "ALF", "HIS2"):
        ok(reg("narrative", "set", "--period", "2024-01", "--program", code, "--text", f"Om {code}"))
    assert [program for _, program, _ in texts(reg)] == ["HIS2", "DIG", "ALF", "ZED"]
