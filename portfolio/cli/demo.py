"""``portfolio demo``: load the reference report's portfolio (January 2024) into the database."""

from __future__ import annotations

import click

from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext


@click.command("demo")
@pass_app
def demo(app: AppContext) -> None:
    """Load the demo data set of the core and every plugin into an empty database; running it twice changes nothing.

    A database that already holds the demo data, unchanged, is left as it is. One that holds any
    other data (or the demo's, changed) is refused, and nothing is written: the demo never
    overwrites what someone entered.
    """
    from portfolio.demo.sets import demo_state, load_demo_sets
    from portfolio.errors import PortfolioError

    state = demo_state(app)
    if state == "loaded":
        click.echo("The demo data is in the database already, unchanged; nothing was written.")
        return
    if state is not None:
        raise PortfolioError(
            f"the database holds data that is not the demo's (table {state}); nothing was written: "
            "the demo loads only into an empty database (portfolio --db FILE demo)"
        )
    with app.writing() as session:
        loaded = load_demo_sets(session, app)
    click.echo(f"Loaded the demo data ({', '.join(loaded) or 'nothing'}) into the database.")
    click.echo("Try: portfolio status matrix --period 2024-01")


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(demo)
