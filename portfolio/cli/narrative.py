"""``portfolio narrative``: the month's text for the portfolio, a program, or the standalone projects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from portfolio.cli.month_text import Entry, Listing, set_text_command, show_text_command
from portfolio.cli.params import PROGRAM_CODE
from portfolio.config import Settings
from portfolio.period import Period

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.services.month_texts import TextKind


@click.group("narrative")
def narrative_group() -> None:
    """The paragraphs of the portfolio section, per month."""


def _kind() -> TextKind[Any]:
    """The narratives' kind of text, imported only when a command runs."""
    from portfolio.services.narratives import NARRATIVE

    return NARRATIVE


def _check(options: Mapping[str, Any]) -> None:
    """A text is the portfolio's, a program's or the standalone projects', never two at once."""
    if options["program"] and options["standalone"]:
        raise click.UsageError("--program and --standalone exclude each other")


def _key(session: Session, options: Mapping[str, Any]) -> Mapping[str, object]:
    """The scope and program the options name; an unknown program is refused here, when saving."""
    from portfolio.services.lookup import get_program
    from portfolio.services.narratives import narrative_key

    program = get_program(session, options["program"]) if options["program"] else None
    return narrative_key(program, options["standalone"])


def _current(session: Session, period: Period, options: Mapping[str, Any]) -> str | None:
    """The text the editor starts from; an unknown program has none (saving names the error)."""
    from portfolio.services.narratives import narratives

    program, standalone = options["program"], options["standalone"]
    scope = "program" if program else ("standalone" if standalone else "portfolio")
    return next((v.text for v in narratives(session, period) if v.scope == scope and v.program_code == program), None)


def _saved(period: Period, options: Mapping[str, Any]) -> str:
    """What a saved or removed text was for: a program's code, the standalone projects or the portfolio."""
    scope = options["program"] or ("standalone projects" if options["standalone"] else "portfolio")
    return f"the {period} text for {scope}"


def _entries(session: Session, period: Period) -> list[Entry]:
    """The month's texts in report order, titled as the report titles them."""
    from portfolio.services.narratives import narratives

    return [
        (
            view.program_name or ("Standalone projects" if view.scope == "standalone" else "Portfolio"),
            {"scope": view.scope, "program": view.program_code, "text": view.text},
        )
        for view in narratives(session, period)
    ]


narrative_group.add_command(
    set_text_command(
        _kind,
        help="""Set the text; without --program or --standalone it is the portfolio's introduction.

    Without --file or --text your editor opens. *Words in asterisks* are emphasised.
    Empty text removes it.
    """,
        options=[
            click.option("--program", type=PROGRAM_CODE, help="The program the text is about."),
            click.option("--standalone", is_flag=True, help="The text about projects outside programs."),
        ],
        check=_check,
        key=_key,
        current=_current,
        saved=_saved,
    )
)
narrative_group.add_command(
    show_text_command(
        _kind,
        help="Show the month's texts in report order.",
        listing=Listing([("scope", "scope"), ("program", "program"), ("text", "text")]),
        formats=True,
        entries=_entries,
    )
)


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(narrative_group)
