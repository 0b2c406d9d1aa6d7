"""``portfolio service import``: CSV files, all or nothing."""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.api import AppContext, CsvTable, pass_app, profile_options

FILE = click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
REPLACE = click.option("--replace", is_flag=True, help="Overwrite months that already have figures.")


def _read(app: AppContext, file: Path, kind: str, profile: str | None, strict_columns: bool) -> CsvTable:
    """The file through its import profile (for ``services.KIND``); notices on stderr."""
    from portfolio.api import read_profiled_csv
    from portfolio_services.importers import HOURS, OPERATIONS, ORDERS, READINESS, SUPPORT

    form = {"support": SUPPORT, "incidents": OPERATIONS, "orders": ORDERS, "hours": HOURS, "readiness": READINESS}[kind]
    notices: list[str] = []
    table = read_profiled_csv(
        app,
        file,
        target=f"services.{kind}",
        known=[*form.required, *form.optional],
        required=form.required,
        profile=profile,
        strict_columns=strict_columns,
        notices=notices,
    )
    for notice in notices:
        click.echo(f"notice: {notice}", err=True)
    return table


@click.group("import")
def import_group() -> None:
    """Import CSV files, all or nothing.

    UTF-8 with or without BOM, comma or semicolon; a bad row stops the whole file.
    """


@import_group.command("support")
@FILE
@REPLACE
@profile_options
@pass_app
def import_support_cmd(app: AppContext, file: Path, replace: bool, profile: str | None, strict_columns: bool) -> None:
    """Support-desk figures: month,contacts,phone_share,answered_share,first_line_share."""
    from portfolio_services.importers import import_support

    with app.writing() as session:
        table = _read(app, file, "support", profile, strict_columns)
        months, replaced = import_support(session, file, replace=replace, table=table)
    click.echo(f"Imported support-desk figures for {months} months ({replaced} replaced).")


@import_group.command("incidents")
@FILE
@REPLACE
@profile_options
@pass_app
def import_incidents_cmd(app: AppContext, file: Path, replace: bool, profile: str | None, strict_columns: bool) -> None:
    """Incidents and changes per month: month,incidents,changes."""
    from portfolio_services.importers import import_operations

    with app.writing() as session:
        table = _read(app, file, "incidents", profile, strict_columns)
        months, replaced = import_operations(session, file, replace=replace, table=table)
    click.echo(f"Imported incident figures for {months} months ({replaced} replaced).")


@import_group.command("readiness")
@FILE
@profile_options
@pass_app
def import_readiness_cmd(app: AppContext, file: Path, profile: str | None, strict_columns: bool) -> None:
    """Emergency readiness events: date,level,description (level green, yellow or red)."""
    from portfolio_services.importers import import_readiness

    with app.writing() as session:
        table = _read(app, file, "readiness", profile, strict_columns)
        added, updated = import_readiness(session, file, table)
    click.echo(f"Imported readiness events: {added} added, {updated} updated.")


@import_group.command("orders")
@FILE
@profile_options
@pass_app
def import_orders_cmd(app: AppContext, file: Path, profile: str | None, strict_columns: bool) -> None:
    """New services orders: reference,category,received[,offer_sent,delivered,title].

    An order already stored (same reference) is updated from the file.
    """
    from portfolio_services.importers import import_orders

    with app.writing() as session:
        table = _read(app, file, "orders", profile, strict_columns)
        counts = import_orders(session, file, table)
    click.echo(f"Imported orders: {counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged.")


@import_group.command("hours")
@FILE
@profile_options
@pass_app
def import_hours_cmd(app: AppContext, file: Path, profile: str | None, strict_columns: bool) -> None:
    """Hours per order and day worked: reference,date,hours.

    Rows for the same order and day are added up; the sum replaces what is stored for that day,
    and 0 removes it.
    """
    from portfolio_services.importers import import_hours

    with app.writing() as session:
        table = _read(app, file, "hours", profile, strict_columns)
        counts = import_hours(session, file, table)
    click.echo(
        f"Imported hours: {counts.added} days added, {counts.updated} updated, "
        f"{counts.removed} removed, {counts.unchanged} unchanged."
    )
