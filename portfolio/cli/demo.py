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
    loaded = []
    with app.writing() as session:
        for plugin_name, impl in app.host.implementations("portfolio_demo"):
            savepoint = session.begin_nested()  # a failing plugin leaves no half of its data
            try:
                impl.function(**{k: v for k, v in {"session": session, "app": app}.items() if k in impl.argnames})
                session.flush()
            except Exception as exc:
                savepoint.rollback()
                app.host.report(f"plugin '{plugin_name}' failed in portfolio_demo: {type(exc).__name__}: {exc}")
                continue
            savepoint.commit()
            loaded.append(plugin_name)
    click.echo(f"Loaded the demo data ({', '.join(loaded) or 'nothing'}) into the database.")
    click.echo("Try: portfolio status matrix --period 2024-01")


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(demo)
