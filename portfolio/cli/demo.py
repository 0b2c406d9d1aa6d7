"""``portfolio demo``: load the reference report's portfolio (January 2024) into the database."""

from __future__ import annotations

import click

from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext


@click.command("demo")
@pass_app
def demo(app: AppContext) -> None:
    """Load the demo data set of the core and every plugin; running it twice changes nothing."""
    from portfolio.demo.sets import load_demo_sets

    with app.writing() as session:
        loaded = load_demo_sets(session, app)
    click.echo(f"Loaded the demo data ({', '.join(loaded) or 'nothing'}) into the database.")
    click.echo("Try: portfolio status matrix --period 2024-01")


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(demo)
