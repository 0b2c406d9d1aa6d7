"""``portfolio db``: create, migrate and inspect the database."""

from __future__ import annotations

import click

from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext


@click.group("db")
def db_group() -> None:
    """Create, migrate and inspect the database."""


@db_group.command("upgrade")
@click.argument("revision", default="heads")
@pass_app
def upgrade(app: AppContext, revision: str) -> None:
    """Create the database or migrate it (core and plugins) to REVISION, by default the newest."""
    from portfolio.database import safe_url
    from portfolio.schema import current_revisions
    from portfolio.schema import upgrade as run_upgrade

    before = current_revisions(app.engine) or set()
    run_upgrade(app.engine, app.host, revision)
    after = current_revisions(app.engine) or set()
    where = safe_url(app.url)
    if before == after:
        click.echo(f"{where} is up to date ({', '.join(sorted(after))}).")
    else:
        click.echo(f"Upgraded {where} to {', '.join(sorted(after))}.")


@db_group.command("downgrade")
@click.argument("revision")
@click.confirmation_option(prompt="Downgrading can drop tables and their data. Continue?")
@pass_app
def downgrade(app: AppContext, revision: str) -> None:
    """Migrate the database back to REVISION ('base' removes every table)."""
    from portfolio.schema import downgrade as run_downgrade

    run_downgrade(app.engine, app.host, revision)
    click.echo(f"Downgraded to {revision}.")


@db_group.command("current")
@pass_app
def current(app: AppContext) -> None:
    """Show the database's location and migration state."""
    from portfolio.database import safe_url
    from portfolio.schema import current_revisions, expected_heads

    revisions = current_revisions(app.engine)
    heads = expected_heads(app.host)
    click.echo(f"database: {safe_url(app.url)}")
    click.echo(f"revision: {', '.join(sorted(revisions)) if revisions else '(not initialised)'}")
    click.echo(f"newest:   {', '.join(sorted(heads))}")
    click.echo("state:    " + ("up to date" if revisions == heads else "run 'portfolio db upgrade'"))


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(db_group)
