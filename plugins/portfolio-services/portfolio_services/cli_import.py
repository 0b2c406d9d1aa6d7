"""``portfolio service import``: CSV files, all or nothing."""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.api import AppContext, pass_app

FILE = click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
REPLACE = click.option("--replace", is_flag=True, help="Overwrite months that already have figures.")


@click.group("import")
def import_group() -> None:
    """Import CSV files, all or nothing.

    UTF-8 with or without BOM, comma or semicolon; a bad row stops the whole file.
    """


@import_group.command("support")
@FILE
@REPLACE
@pass_app
def import_support_cmd(app: AppContext, file: Path, replace: bool) -> None:
    """Support-desk figures: month,contacts,phone_share,answered_share,first_line_share."""
    from portfolio_services.importers import import_support

    with app.writing() as session:
        months, replaced = import_support(session, file, replace=replace)
    click.echo(f"Imported support-desk figures for {months} months ({replaced} replaced).")


@import_group.command("incidents")
@FILE
@REPLACE
@pass_app
def import_incidents_cmd(app: AppContext, file: Path, replace: bool) -> None:
    """Incidents and changes per month: month,incidents,changes."""
    from portfolio_services.importers import import_operations

    with app.writing() as session:
        months, replaced = import_operations(session, file, replace=replace)
    click.echo(f"Imported incident figures for {months} months ({replaced} replaced).")


@import_group.command("readiness")
@FILE
@pass_app
def import_readiness_cmd(app: AppContext, file: Path) -> None:
    """Emergency readiness events: date,level,description (level green, yellow or red)."""
    from portfolio_services.importers import import_readiness

    with app.writing() as session:
        added, updated = import_readiness(session, file)
    click.echo(f"Imported readiness events: {added} added, {updated} updated.")


@import_group.command("orders")
@FILE
@pass_app
def import_orders_cmd(app: AppContext, file: Path) -> None:
    """New services orders: reference,category,received[,offer_sent,delivered,title].

    An order already stored (same reference) is updated from the file.
    """
    from portfolio_services.importers import import_orders

    with app.writing() as session:
        counts = import_orders(session, file)
    click.echo(f"Imported orders: {counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged.")


@import_group.command("hours")
@FILE
@pass_app
def import_hours_cmd(app: AppContext, file: Path) -> None:
    """Hours per order and day worked: reference,date,hours.

    Rows for the same order and day are added up; the sum replaces what is stored for that day,
    and 0 removes it.
    """
    from portfolio_services.importers import import_hours

    with app.writing() as session:
        counts = import_hours(session, file)
    click.echo(
        f"Imported hours: {counts.added} days added, {counts.updated} updated, "
        f"{counts.removed} removed, {counts.unchanged} unchanged."
    )
