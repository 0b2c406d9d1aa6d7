"""Every hook a plugin can implement. Each docstring is the reference a plugin author works from.

Hooks are called with keyword arguments; an implementation may accept any subset of
the arguments named in the spec. The core calls each implementation on its own, so
one failing plugin is reported by name and the others carry on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

from portfolio import PROJECT_NAME

if TYPE_CHECKING:
    import click
    from sqlmodel import Session

    from portfolio.checks import Finding
    from portfolio.context import AppContext
    from portfolio.period import Period

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


@hookspec
def portfolio_register_commands(cli: click.Group) -> None:
    """Add commands or command groups to the ``portfolio`` CLI.

    Called once while the CLI is built, before arguments are parsed. Add a group
    named after the plugin, e.g. ``cli.add_command(finance_group)``. Keep module-level
    imports light (click only); import the database layer inside the command body so
    ``portfolio --help`` stays fast.

    Example::

        @hookimpl
        def portfolio_register_commands(cli):
            cli.add_command(benefits)
    """


@hookspec
def portfolio_migrations() -> str | None:
    """Return the folder holding this plugin's Alembic revision files, or None.

    Called by ``portfolio db upgrade`` and whenever the schema is checked. The
    plugin's first revision sets ``branch_labels = ("<plugin>",)``,
    ``down_revision = None`` and ``depends_on`` the core revision it builds on, so
    core and plugins are migrated together with ``upgrade heads``.

    Example::

        @hookimpl
        def portfolio_migrations():
            return str(Path(__file__).parent / "migrations")
    """


@hookspec
def portfolio_models() -> list[Any] | None:
    """Return the SQLModel table classes this plugin owns.

    Called when the full metadata is needed: comparing models with migrations, and
    dumping or restoring every table. Importing the module that defines the classes
    registers them; returning them makes the ownership explicit.
    """


@hookspec
def portfolio_demo(session: Session, app: AppContext) -> None:
    """Load this plugin's part of the demo data set into ``session``.

    Called by ``portfolio demo`` after the core's own demo data, inside one
    transaction that is committed once every plugin has run. Must be idempotent:
    look rows up by their natural keys and update them instead of adding duplicates.
    """


@hookspec
def portfolio_checks(session: Session, period: Period, app: AppContext) -> list[Finding] | None:
    """Return findings about ``period``: missing or inconsistent data the board should not see.

    Called by ``portfolio check``. Each finding has a severity (``error``,
    ``warning`` or ``info``), a short code and a one-line message naming the
    offending value. Return an empty list when all is well.
    """


@hookspec
def portfolio_report_sections() -> list[Any] | None:
    """Return the report sections this plugin contributes, as section definitions.

    Called when a report is built or its sections listed. A section definition
    names a stable key, its title in every report language, its default position
    and a function that returns neutral blocks (paragraphs, tables, figures) for a
    period. Plugins never produce HTML or Markdown; the renderers do.
    """


@hookspec
def portfolio_locales() -> str | None:
    """Return the folder with this plugin's message catalogs (``nb.po``, ``en.po``), or None.

    Called when a report is built. Message ids are English; the catalogs give the text
    for each report language. Use them through ``ctx.t("...")`` in a section builder.
    """
