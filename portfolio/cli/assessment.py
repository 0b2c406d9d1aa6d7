"""``portfolio assessment``: section 1 of the report, the chief executive's own words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from portfolio.cli.month_text import set_text_command, show_text_command
from portfolio.config import Settings

if TYPE_CHECKING:
    from portfolio.services.month_texts import TextKind


@click.group("assessment")
def assessment_group() -> None:
    """The chief executive's assessment of the month."""


def _kind() -> TextKind[Any]:
    """The assessment's kind of text, imported only when a command runs."""
    from portfolio.services.narratives import ASSESSMENT_TEXT

    return ASSESSMENT_TEXT


assessment_group.add_command(
    set_text_command(
        _kind,
        help="""Set the month's assessment from --file, --text, or your editor.

    Paragraphs are separated by blank lines; lines starting with '- ' are a bullet list;
    *words in asterisks* are emphasised. Empty text removes it.
    """,
        saved="the assessment for {period}",
        read_first=True,
    )
)
assessment_group.add_command(
    show_text_command(
        _kind,
        help="Print the month's assessment.",
        missing="no assessment for {period}; add one with 'portfolio assessment set'",
    )
)


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(assessment_group)
