"""``portfolio narrative``: the month's text for the portfolio, a program, or the standalone projects."""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.params import PERIOD, PROGRAM_CODE
from portfolio.cli.root import pass_app
from portfolio.cli.textinput import read_text
from portfolio.config import Settings
from portfolio.context import AppContext
from portfolio.period import Period


@click.group("narrative")
def narrative_group() -> None:
    """The paragraphs of the portfolio section, per month."""


@narrative_group.command("set")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--program", type=PROGRAM_CODE, help="The program the text is about.")
@click.option("--standalone", is_flag=True, help="The text about projects outside programs.")
@click.option("--file", type=click.Path(dir_okay=False, path_type=Path), help="Read the text from a file.")
@click.option("--text", help="The text itself.")
@pass_app
def set_cmd(
    app: AppContext, period: Period, program: str | None, standalone: bool, file: Path | None, text: str | None
) -> None:
    """Set the text; without --program or --standalone it is the portfolio's introduction.

    Without --file or --text your editor opens. *Words in asterisks* are emphasised.
    Empty text removes it.
    """
    from portfolio.services.lookup import get_program
    from portfolio.services.narratives import set_narrative

    if program and standalone:
        raise click.UsageError("--program and --standalone exclude each other")
    current = ""
    if file is None and text is None:  # the editor starts from the text there is
        from portfolio.services.narratives import narratives

        with app.reading() as session:
            scope = "program" if program else ("standalone" if standalone else "portfolio")
            current = next(
                (v.text for v in narratives(session, period) if v.scope == scope and (v.program_code == program)),
                "",
            )
    body = read_text(file, text, initial=current)
    with app.writing() as session:
        selected = get_program(session, program) if program else None
        row = set_narrative(session, period, body, program=selected, standalone=standalone)
    scope = program or ("standalone projects" if standalone else "portfolio")
    click.echo(f"{'Saved' if row else 'Removed'} the {period} text for {scope}.")


@narrative_group.command("show")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@format_option
@pass_app
def show(app: AppContext, period: Period, fmt: str) -> None:
    """Show the month's texts in report order."""
    from portfolio.services.narratives import narratives

    with app.reading() as session:
        views = narratives(session, period)
    if fmt == "table":
        for view in views:
            title = view.program_name or ("Standalone projects" if view.scope == "standalone" else "Portfolio")
            click.echo(f"## {title}\n\n{view.text}\n")
        if not views:
            click.echo(f"(no texts for {period})")
        return
    rows = [{"scope": v.scope, "program": v.program_code, "text": v.text} for v in views]
    emit(rows, [("scope", "scope"), ("program", "program"), ("text", "text")], fmt)


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(narrative_group)
