"""Progress bars: on a terminal's stderr for big work only, never when piped or for small work."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from portfolio import hookimpl
from portfolio.cli import progress
from tests.helpers import ok

pytestmark = pytest.mark.usefixtures("core_only")

CSV = "code,scope,finance,resources,schedule,dependencies,benefits\n{code},green,green,green,green,green,na\n"


@pytest.fixture
def five_files(migrated, tmp_path: Path):  # type: ignore[no-untyped-def]
    names = []
    for number in range(5):
        code = f"P{number}"
        ok(migrated("project", "add", code, f"Project {number}"))
        (tmp_path / f"{code}.csv").write_text(CSV.format(code=code), encoding="utf-8")
        names.append(f"{code}.csv")
    return migrated, names


def test_piped_output_has_no_bar(five_files) -> None:
    run, names = five_files
    result = ok(run("status", "import", *names, "--period", "2024-01"))
    assert "Checking files" not in result.stderr
    assert result.stderr == ""


def test_a_terminal_gets_a_bar_for_many_files_but_not_for_one(five_files, monkeypatch) -> None:
    run, names = five_files
    monkeypatch.setattr(progress, "stderr_is_tty", lambda: True)
    result = ok(run("status", "import", *names, "--period", "2024-01"))
    assert "Checking files" in result.stderr
    assert result.stdout.endswith("Imported 5 statuses for 2024-01 from 5 files.\n")  # stdout stays clean
    assert "Checking files" not in ok(run("status", "import", names[0], "--period", "2024-01")).stderr


def test_report_build_shows_a_bar_when_forced_and_writing_a_file(migrated, monkeypatch, tmp_path: Path) -> None:
    from portfolio.report.sections import SectionSpec

    @hookimpl
    def portfolio_report_sections():  # type: ignore[no-untyped-def]
        return [SectionSpec(key, {"nb": key, "en": key}, lambda ctx: [], order=90) for key in ("one", "two")]

    plugin = types.SimpleNamespace(portfolio_report_sections=portfolio_report_sections)
    monkeypatch.setenv(progress.ENV, "always")
    result = ok(
        migrated("report", "build", "--period", "2024-01", "--format", "md", "-o", "r.md", plugins=[("x", plugin)])
    )
    assert "Building the report" in result.stderr
    assert (tmp_path / "r.md").exists()
    monkeypatch.setenv(progress.ENV, "never")
    result = ok(migrated("report", "build", "--period", "2024-01", "--format", "md", "-o", "r.md", "--force"))
    assert "Building the report" not in result.stderr


def test_wanted_follows_the_terminal_the_size_and_the_override(monkeypatch) -> None:
    monkeypatch.delenv(progress.ENV, raising=False)
    monkeypatch.setattr(progress, "stderr_is_tty", lambda: True)
    assert progress.wanted(10, 5) and not progress.wanted(4, 5)
    monkeypatch.setattr(progress, "stderr_is_tty", lambda: False)
    assert not progress.wanted(10_000, 5)
    monkeypatch.setenv(progress.ENV, "always")
    assert progress.wanted(1, 5) and not progress.wanted(0, 5)
    monkeypatch.setenv(progress.ENV, "never")
    monkeypatch.setattr(progress, "stderr_is_tty", lambda: True)
    assert not progress.wanted(10_000, 5)


def test_a_bar_on_a_terminal_is_drawn_not_shown_as_control_pictures(monkeypatch) -> None:
    """The output streams show every control character; the bar's own carriage returns and
    cursor codes go to the terminal under them, while a step's name is still shown, not obeyed."""
    import io
    import sys

    from portfolio.cli.shown import shown_output

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv(progress.ENV, "always")
    with shown_output():
        bar = progress.StepBar("Building the report", threshold=1)
        bar(2, "one")
        bar(2, "two\x1b[35m")
        bar.close()
        with progress.progress("Checking files", 2, threshold=1) as files:
            files.update(2)
    drawn = terminal.getvalue()
    assert "\r" in drawn and "␍" not in drawn and "␛[?25" not in drawn
    assert "two␛[35m" in drawn and "\x1b[35m" not in drawn
    assert "Building the report" in drawn and "Checking files" in drawn
