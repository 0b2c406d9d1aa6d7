"""``portfolio plugins``: what is loaded, from where, at which version."""

from __future__ import annotations

import click

from portfolio.cli.output import emit, format_option
from portfolio.config import Settings
from portfolio.context import AppContext


@click.group("plugins", invoke_without_command=True)
@format_option
@click.pass_context
def plugins_group(ctx: click.Context, fmt: str) -> None:
    """List the loaded plugins with their versions and hooks."""
    if ctx.invoked_subcommand is not None:
        return
    app = ctx.find_object(AppContext)
    assert app is not None
    rows = [
        {
            "name": info.name,
            "version": info.version,
            "source": info.source,
            "module": info.module,
            "hooks": ", ".join(h.removeprefix("portfolio_") for h in info.hooks)
            if fmt == "table"
            else list(info.hooks),
        }
        for info in app.host.plugins
    ]
    emit(rows, [("name", "Name"), ("version", "Version"), ("source", "Source"), ("module", "Module"), ("hooks", "Hooks")], fmt)


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(plugins_group)
