"""``portfolio info``: where this installation looks for its settings and data."""

from __future__ import annotations

import click

from portfolio.cli.output import emit_record, format_option
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext


@click.command("info")
@format_option
@pass_app
def info(app: AppContext, fmt: str) -> None:
    """Version, database (password masked), config file, user, plugins, their settings and schema state."""
    from portfolio import __version__
    from portfolio.errors import PortfolioError
    from portfolio.redact import safe_url
    from portfolio.schema import current_revisions, is_current

    try:
        revisions = current_revisions(app.engine)
        state = (
            "not initialised"
            if not revisions
            else ("up to date" if is_current(revisions, app.host) else "needs 'portfolio db upgrade'")
        )
    except PortfolioError as exc:
        state = f"unreachable: {exc}"
    pairs = [
        ("version", "Version", __version__),
        ("database", "Database", safe_url(app.url)),
        ("schema", "Schema", state),
        ("config", "Config file", str(app.settings.source) if app.settings.source else None),
        ("user", "User", app.user),
        ("language", "Language", app.settings.lang),
        ("plugins", "Plugins", ", ".join(f"{p.name} {p.version}" for p in app.host.plugins)),
        ("plugin_settings", "Plugin settings", _settings_sources(app)),
    ]
    emit_record(pairs, fmt)


def _settings_sources(app: AppContext) -> str:
    """Where each plugin's settings come from: portfolio.toml, the database or the defaults."""
    from sqlalchemy.exc import SQLAlchemyError

    from portfolio.errors import PortfolioError

    names = [p.name for p in app.host.plugins if p.name != "core"]
    try:
        return ", ".join(f"{name}: {app.settings.plugin_settings_source(name)}" for name in names)
    except (PortfolioError, SQLAlchemyError):  # the database cannot be read: say what is known
        return ", ".join(
            f"{name}: {'portfolio.toml' if name in app.settings.plugins else 'unknown (database unreadable)'}"
            for name in names
        )


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(info)
