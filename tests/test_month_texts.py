"""The one facility for a month's free text: TextKind stores and reads it, set_text_command and
show_text_command build its commands. Tried on kinds made here, on the core's narrative table."""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import Any

import click
import pytest
from sqlmodel import Session, select

from portfolio import hookimpl
from portfolio.cli.month_text import Listing, set_text_command, show_text_command
from portfolio.database import make_engine
from portfolio.errors import ClosedPeriodError
from portfolio.models import Narrative
from portfolio.period import Period
from portfolio.services.month_texts import TextKind
from portfolio.services.reporting_months import close_period
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

# One text per month, and one per month and scope (an extra key), both kept in the narrative table.
NOTE = TextKind(Narrative, fixed={"scope": "standalone", "program_id": None})
SCOPED = TextKind(Narrative, keys=("scope",), fixed={"program_id": None})
SCOPES = ("portfolio", "standalone")
JANUARY = Period.parse("2024-01")


def _commands() -> click.Group:
    group = click.Group("note", help="Notes for the tests.")
    group.add_command(set_text_command(lambda: NOTE, help="Set the note.", saved="the note for {period}"))
    group.add_command(show_text_command(lambda: NOTE, help="Print the note.", missing="no note for {period}; add one"))
    scope = click.option("--scope", type=click.Choice(SCOPES), required=True, help="Which one.")
    group.add_command(
        set_text_command(
            lambda: SCOPED, name="scoped", help="Set a scoped note.", options=[scope], saved="the {scope} note"
        )
    )
    for name, style in (("sections", "sections"), ("table", "table"), ("tagged", "tagged")):
        group.add_command(
            show_text_command(
                lambda: SCOPED,
                name=name,
                help=f"Show the scoped notes as {style}.",
                key_option=click.option("--scope", type=click.Choice(SCOPES), help="Only this one."),
                missing="no {scope} note for {period}",
                listing=Listing(
                    [("scope", "Scope"), ("text", "Text")], style=style, order=SCOPES, empty="no notes for {period}"
                ),
                formats=style != "tagged",
            )
        )
    return group


@pytest.fixture
def note(migrated):  # type: ignore[no-untyped-def]
    def portfolio_register_commands(cli: click.Group) -> None:
        cli.add_command(_commands())

    plugin = types.SimpleNamespace(portfolio_register_commands=hookimpl(portfolio_register_commands))

    def run(*args: str) -> Any:
        return migrated("note", *args, plugins=[("notes", plugin)])

    run.cli = migrated  # type: ignore[attr-defined]
    return run


def test_set_from_text_show_and_remove_when_empty(note) -> None:
    assert ok(note("set", "--period", "2024-01", "--text", "  Alt vel.  ")).stdout == "Saved the note for 2024-01.\n"
    assert ok(note("show", "--period", "2024-01")).stdout == "Alt vel.\n"
    assert ok(note("set", "--period", "2024-01", "--text", "Bedre.")).stdout == "Saved the note for 2024-01.\n"
    assert ok(note("show", "--period", "2024-01")).stdout == "Bedre.\n"
    assert ok(note("set", "--period", "2024-01", "--text", "  ")).stdout == "Removed the note for 2024-01.\n"
    result = fails(note("show", "--period", "2024-01"))
    assert result.stderr == "Error: no note for 2024-01; add one\n"


def test_set_from_a_file(note, tmp_path: Path) -> None:
    (tmp_path / "note.md").write_bytes("\ufeffFørste avsnitt.\n\nAndre.\n".encode())
    assert ok(note("set", "--period", "2024-01", "--file", "note.md")).stdout == "Saved the note for 2024-01.\n"
    assert ok(note("show", "--period", "2024-01")).stdout == "Første avsnitt.\n\nAndre.\n"
    result = fails(note("set", "--period", "2024-01", "--file", "note.md", "--text", "x"), code=2)
    assert "give --file or --text, not both" in result.stderr


def test_the_editor_starts_from_the_stored_text(note, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []

    def edit(text: str, **_: Any) -> str:
        shown.append(text)
        return text + "\n\nSkrevet i editoren.\n"

    monkeypatch.setattr(click, "edit", edit)
    ok(note("set", "--period", "2024-01", "--text", "Først."))
    assert ok(note("set", "--period", "2024-01")).stdout == "Saved the note for 2024-01.\n"
    assert shown == ["Først."]
    assert ok(note("show", "--period", "2024-01")).stdout == "Først.\n\nSkrevet i editoren.\n"
    monkeypatch.setattr(click, "edit", lambda text, **_: None)
    result = fails(note("set", "--period", "2024-01"))
    assert result.stderr == "Error: the editor was closed without saving; nothing changed\n"


def test_a_closed_month_is_refused(note) -> None:
    ok(note("set", "--period", "2024-01", "--text", "Før stenging."))
    ok(note.cli("period", "close", "2024-01"))
    for args in (("set", "--text", "Etter."), ("set", "--text", ""), ("scoped", "--scope", "portfolio", "--text", "x")):
        result = fails(note(*args, "--period", "2024-01"))
        assert result.stderr.startswith("Error: period 2024-01 is closed by tester")
    assert ok(note("show", "--period", "2024-01")).stdout == "Før stenging.\n"


def test_a_kind_with_an_extra_key(note) -> None:
    assert ok(note("scoped", "--period", "2024-01", "--scope", "standalone", "--text", "Utenfor.")).stdout == (
        "Saved the standalone note.\n"
    )
    ok(note("scoped", "--period", "2024-01", "--scope", "portfolio", "--text", "Porteføljen."))
    assert ok(note("sections", "--period", "2024-01", "--scope", "portfolio")).stdout == "Porteføljen.\n"
    assert ok(note("sections", "--period", "2024-01")).stdout == (
        "## portfolio\n\nPorteføljen.\n\n## standalone\n\nUtenfor.\n\n"
    )
    assert json.loads(ok(note("table", "--period", "2024-01", "--format", "json")).stdout) == [
        {"scope": "portfolio", "text": "Porteføljen."},
        {"scope": "standalone", "text": "Utenfor."},
    ]
    assert json.loads(ok(note("table", "--period", "2024-01", "--scope", "standalone", "--format", "json")).stdout) == [
        {"scope": "standalone", "text": "Utenfor."}
    ]
    assert ok(note("tagged", "--period", "2024-01")).stdout == "[portfolio]\nPorteføljen.\n\n[standalone]\nUtenfor.\n"
    assert ok(note("show", "--period", "2024-01")).stdout == "Utenfor.\n"  # the one-text kind is the standalone scope
    ok(note("scoped", "--period", "2024-01", "--scope", "standalone", "--text", ""))
    assert fails(note("tagged", "--period", "2024-01", "--scope", "standalone")).stderr == (
        "Error: no standalone note for 2024-01\n"
    )
    assert ok(note("sections", "--period", "2024-02")).stdout == "(no texts for 2024-02)\n"
    assert fails(note("tagged", "--period", "2024-02")).stderr == "Error: no notes for 2024-02\n"


def test_text_kind_finds_saves_and_reads_by_its_key(migrated, db_url: str) -> None:
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert SCOPED.save(session, JANUARY, "  Porteføljen.\n", scope="portfolio") is not None
        assert SCOPED.save(session, JANUARY, "Utenfor.", scope="standalone") is not None
        assert SCOPED.read(session, JANUARY, scope="portfolio") == "Porteføljen."
        assert SCOPED.month(session, JANUARY) == {"portfolio": "Porteføljen.", "standalone": "Utenfor."}
        assert NOTE.read(session, JANUARY) == "Utenfor." and NOTE.month(session, JANUARY) == {None: "Utenfor."}
        assert SCOPED.save(session, JANUARY, "", scope="standalone") is None
        assert NOTE.find(session, JANUARY) is None
        assert [row.scope for row in session.exec(select(Narrative))] == ["portfolio"]
        with pytest.raises(TypeError, match="found by scope, not by part"):
            SCOPED.read(session, JANUARY, part="intro")
        close_period(session, JANUARY, "tester")
        with pytest.raises(ClosedPeriodError):
            SCOPED.save(session, JANUARY, "", scope="portfolio")
        assert SCOPED.read(session, JANUARY, scope="portfolio") == "Porteføljen."
    engine.dispose()
