"""``portfolio assessment``: section 1 of the report, the chief executive's own words."""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.cli.params import PERIOD
from portfolio.cli.root import pass_app
from portfolio.cli.textinput import read_text
from portfolio.config import Settings
from portfolio.context import AppContext
from portfolio.period import Period


@click.group("assessment")
def assessment_group() -> None:
    """The chief executive's assessment of the month."""


@assessment_group.command("set")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--file", type=click.Path(dir_okay=False, path_type=Path), help="Read the text from a file.")
@click.option("--text", help="The text itself.")
@pass_app
def set_cmd(app: AppContext, period: Period, file: Path | None, text: str | None) -> None:
    """Set the month's assessment from --file, --text, or your editor.

    Paragraphs are separated by blank lines; lines starting with '- ' are a bullet list;
    *words in asterisks* are emphasised. Empty text removes it.
    """
    from portfolio.services.narratives import assessment_text, set_assessment

    with app.reading() as session:
        current = assessment_text(session, period) or ""
    body = read_text(file, text, initial=current)
    with app.writing() as session:
        row = set_assessment(session, period, body)
    click.echo(f"{'Saved' if row else 'Removed'} the assessment for {period}.")


@assessment_group.command("show")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@pass_app
def show(app: AppContext, period: Period) -> None:
    """Print the month's assessment."""
    from portfolio.errors import NotFoundError
    from portfolio.services.narratives import assessment_text

    with app.reading() as session:
        text = assessment_text(session, period)
    if text is None:
        raise NotFoundError(f"no assessment for {period}; add one with 'portfolio assessment set'")
    click.echo(text)


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(assessment_group)
