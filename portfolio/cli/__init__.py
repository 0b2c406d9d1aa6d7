"""Building the ``portfolio`` command: core commands first, then every plugin's."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import click

from portfolio.errors import PortfolioError


def build_cli(extra_plugins: Iterable[tuple[str, Any]] = ()) -> click.Group:
    """A fresh CLI with its own plugin manager; commands are added here, not on import.

    ``extra_plugins`` adds (name, plugin) pairs to the installed ones, for tests and embedding.
    """
    from portfolio.cli import (
        assessment,
        check,
        db,
        demo,
        history,
        info,
        measures,
        narrative,
        periods,
        plugins_cmd,
        programs,
        projects,
        report,
        risks,
        status,
    )
    from portfolio.cli.root import make_root
    from portfolio.config import load_settings
    from portfolio.context import AppContext
    from portfolio.plugins import load_plugins

    settings = load_settings()
    pending: list[str] = []  # warnings wait until the CLI runs, so they reach its stderr
    host = load_plugins(extra=extra_plugins, warn=pending.append)
    cli = make_root(lambda db_option, user: AppContext(settings, host, db_option, user))
    core_commands = (
        db,
        programs,
        projects,
        status,
        risks,
        measures,
        periods,
        narrative,
        assessment,
        report,
        check,
        history,
        info,
        demo,
        plugins_cmd,
    )
    for module in core_commands:
        module.register(cli, settings)
    for plugin_name, impl in host.implementations("portfolio_register_commands"):
        try:
            impl.function(cli=cli)
        except Exception as exc:  # a plugin's broken command must not take down --help
            host.report(f"plugin '{plugin_name}' failed in portfolio_register_commands: {exc}")
    host.warn = warn
    cli.pending_warnings = pending  # type: ignore[attr-defined]
    return cli


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def main(argv: list[str] | None = None) -> None:
    try:
        cli = build_cli()
    except PortfolioError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    cli.main(args=argv, prog_name="portfolio")
