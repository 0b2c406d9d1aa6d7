"""``portfolio import``: what every section's import shares, such as its profiles."""

from __future__ import annotations

import click

from portfolio.cli.output import emit, format_option
from portfolio.config import Settings
from portfolio.context import AppContext


@click.group("import")
def import_group() -> None:
    """Import profiles: the export formats every section's import can read."""


@import_group.command("profiles")
@format_option
@click.pass_context
def profiles_cmd(ctx: click.Context, fmt: str) -> None:
    """List the import profiles: shipped by the plugins and configured in [import.profiles.NAME]."""
    from portfolio.importers.profiles import all_profiles, profile_rows

    app = ctx.find_object(AppContext)
    assert app is not None
    profiles = all_profiles(app.settings, app.host)
    emit(
        profile_rows(profiles, app.settings.import_profiles),
        [
            ("name", "Profile"),
            ("for", "For"),
            ("origin", "From"),
            ("columns", "Columns"),
            ("ignore", "Ignored"),
            ("conventions", "Conventions"),
            ("description", "Description"),
        ],
        fmt,
    )


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(import_group)
