"""``portfolio db``: create, migrate and inspect the database."""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext
from portfolio.redact import safe_url


@click.group("db")
def db_group() -> None:
    """Create, migrate and inspect the database."""


@db_group.command("upgrade")
@click.argument("revision", default="heads")
@pass_app
def upgrade(app: AppContext, revision: str) -> None:
    """Create the database or migrate it (core and plugins) to REVISION, by default the newest."""
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
        from portfolio.access import roles_exist

        if roles_exist(app.engine):
            click.echo("Run 'portfolio access setup' to grant the office's roles the new tables.")


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
    from portfolio.errors import DatabaseError
    from portfolio.schema import current_revisions, ensure_current, expected_heads, uninstalled_plugins

    revisions = current_revisions(app.engine)
    heads = expected_heads(app.host)
    click.echo(f"database: {safe_url(app.url)}")
    click.echo(f"revision: {', '.join(sorted(revisions)) if revisions else '(not initialised)'}")
    click.echo(f"newest:   {', '.join(sorted(heads))}")
    try:
        ensure_current(app.engine, app.host)
        state = "up to date"
    except DatabaseError as exc:
        newer = "does not know" in str(exc)
        state = "made by a newer portfolio or plugin" if newer else "run 'portfolio db upgrade'"
    click.echo(f"state:    {state}")
    absent = uninstalled_plugins(app.engine, app.host) if revisions else set()
    if absent:
        click.echo(f"unused:   the tables of {', '.join(sorted(absent))} (plugin not installed; kept as they are)")


@db_group.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["sqlite", "json"]),
    help="sqlite: a copy of the file (SQLite only, the default there); json: every table, any backend.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@pass_app
def backup(app: AppContext, file: Path, fmt: str | None, force: bool) -> None:
    """Back the whole database (core and plugins) up to FILE while others keep working."""
    from portfolio import backup as backups
    from portfolio.files import check_output, output_file

    fmt = fmt or ("sqlite" if app.engine.dialect.name == "sqlite" else "json")
    check_output(file, force=force)  # the rules of every output file, before the work
    app.check_schema()
    with output_file(file, force=force) as temporary:
        if fmt == "sqlite":
            backups.backup_sqlite(app.engine, temporary)
        else:
            backups.write_json(backups.dump(app.engine, app.host), temporary)
    click.echo(f"Backed up {safe_url(app.url)} to {file} ({fmt}).")


@db_group.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def restore(app: AppContext, file: Path) -> None:
    """Restore a backup (SQLite file or JSON dump) into an empty database."""
    from portfolio import backup as backups

    data = backups.read_backup(file, app.host)
    counts = backups.restore(app.engine, app.host, data)
    click.echo(f"Restored {sum(counts.values())} rows in {len(counts)} tables into {safe_url(app.url)}.")


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(db_group)
