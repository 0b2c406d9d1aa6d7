"""``portfolio access``: who may change what on PostgreSQL (group roles, grants, row-level security)."""

from __future__ import annotations

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext

ROLE_HELP = {
    "pmo": "the project office: everything; closes and reopens months, imports section data",
    "manager": "reads everything; writes statuses, risks, measures and texts of what they manage",
    "reader": "reads and builds reports; writes nothing",
}


@click.group("access")
def access_group() -> None:
    """Who may change what, enforced by PostgreSQL: roles, grants, per-project rights."""


@access_group.command("setup")
@click.option(
    "--prefix",
    metavar="NAME",
    help=(
        "Name the group roles NAME_pmo, NAME_manager, NAME_reader (default: portfolio, or what setup used"
        " before; required on a copy restored from a JSON backup of a database that had access set up, so that"
        " the copy does not share the original's roles)."
    ),
)
@pass_app
def setup_cmd(app: AppContext, prefix: str | None) -> None:
    """Create the group roles and grant them every core and plugin table; run as the schema owner.

    Run it again after every 'portfolio db upgrade': new tables (the plugins' too) get their grants.
    Running it twice changes nothing.
    """
    from portfolio.access import require_postgres, role_names, setup

    require_postgres(app.engine)
    app.check_schema()
    result = setup(app.engine, app.host, prefix)
    roles = ", ".join(role_names(result.prefix).values())
    if result.changes:
        click.echo(f"Access set up: roles {roles}; {result.tables} tables granted ({result.changes} changes).")
    else:
        click.echo(f"Access is already set up: roles {roles}; {result.tables} tables; nothing changed.")


@access_group.command("grant")
@click.argument("login")
@click.option(
    "--role",
    type=click.Choice(list(ROLE_HELP)),
    required=True,
    help="pmo: the project office; manager: writes what they manage; reader: reads only.",
)
@pass_app
def grant_cmd(app: AppContext, login: str, role: str) -> None:
    """Give the database login LOGIN one portfolio role (replacing any other it has).

    A manager writes only what they manage: link them with 'project edit CODE --manager-login
    LOGIN' or 'program edit CODE --owner-login LOGIN'.
    """
    from portfolio.access import grant

    before = grant(app.engine, login, role)
    if before == role:
        click.echo(f"{login} already has the role {role}; nothing changed.")
    elif before is not None:
        click.echo(f"{login} now has the role {role} instead of {before}.")
    else:
        click.echo(f"{login} now has the role {role}: {ROLE_HELP[role]}.")


@access_group.command("revoke")
@click.argument("login")
@pass_app
def revoke_cmd(app: AppContext, login: str) -> None:
    """Take every portfolio role from the database login LOGIN (the login itself stays)."""
    from portfolio.access import revoke

    had = revoke(app.engine, login)
    if had:
        click.echo(f"{login} no longer has the role {', '.join(had)}.")
    else:
        click.echo(f"{login} has no portfolio role; nothing changed.")


@access_group.command("list")
@format_option
@pass_app
def list_cmd(app: AppContext, fmt: str) -> None:
    """Every login with a portfolio role, and the projects and programs it manages."""
    from portfolio.access import members

    _roles, found = members(app.engine)
    rows = [{"login": m.login, "role": m.role, "manages": " ".join(m.manages) or None} for m in found]
    emit(rows, [("login", "Login"), ("role", "Role"), ("manages", "Manages")], fmt)


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(access_group)
