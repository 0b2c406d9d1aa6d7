"""``portfolio plugins``: what is loaded, from where, at which version."""

from __future__ import annotations

from pathlib import Path

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
    emit(
        rows,
        [("name", "Name"), ("version", "Version"), ("source", "Source"), ("module", "Module"), ("hooks", "Hooks")],
        fmt,
    )


@plugins_group.command("new")
@click.argument("name")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to create the plugin's project in.",
)
@click.pass_context
def new(ctx: click.Context, name: str, output: Path) -> None:
    """Write a working plugin skeleton: package, entry point, table, migration, command,
    report section, check, demo data, translations and tests that pass out of the box."""
    from portfolio.scaffold import create_plugin

    root = ctx.find_root()
    taken = set(root.command.list_commands(root)) if isinstance(root.command, click.Group) else set()
    target = create_plugin(name, output, taken)
    click.echo(f"Created {target}. Next: cd {target} && pip install -e . && pytest")


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(plugins_group)
