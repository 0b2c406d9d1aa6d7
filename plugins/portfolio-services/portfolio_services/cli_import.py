"""``portfolio service import``: CSV files, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from portfolio.api import AppContext, dry_run_option, pass_app, preview_session, profile_options

if TYPE_CHECKING:
    from portfolio_services.importers import Source

FILE = click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
REPLACE = click.option("--replace", is_flag=True, help="Overwrite months that already have figures.")


def _read(app: AppContext, file: Path, kind: str, profile: str | None, strict_columns: bool) -> Source:
    """The file through its import profile (for ``services.KIND``); notices on stderr."""
    from portfolio.api import keyed_table, map_columns, read_csv, resolve_profile
    from portfolio_services.importers import FORMATS, Source

    form = FORMATS[kind]
    table = read_csv(file, comment="#", header_comments=True)
    chosen = resolve_profile(
        app, target=f"services.{kind}", option=profile, source=table.source, comments=table.comments
    )
    if chosen is None:
        return Source(table)
    columns = map_columns(
        table.source,
        table.header,
        chosen,
        [*form.required, *form.optional],
        required=form.required,
        strict=strict_columns,
    )
    if columns.notice:
        click.echo(f"notice: {columns.notice}", err=True)
    return Source(keyed_table(table, columns), chosen, dict(columns.columns))


@click.group("import")
def import_group() -> None:
    """Import CSV files, all or nothing.

    UTF-8 with or without BOM, comma or semicolon; a bad row stops the whole file.
    """


@import_group.command("support")
@FILE
@REPLACE
@dry_run_option
@profile_options
@pass_app
def import_support_cmd(
    app: AppContext, file: Path, replace: bool, dry_run: bool, profile: str | None, strict_columns: bool
) -> None:
    """Support-desk figures: month,contacts,phone_share,answered_share,first_line_share.

    Months as 2024-01, 01.2024 or januar 2024. For call records as the phone system exports
    them, use 'import calls'. What each month gives is shown, with what is stored, before it is
    stored.
    """
    from portfolio.api import Preview
    from portfolio_services.importers import import_support
    from portfolio_services.preview import monthly

    with preview_session(app, dry_run) as session:
        source = _read(app, file, "support", profile, strict_columns)
        before = monthly(session, "support")
        months, replaced = import_support(session, file, replace=replace, source=source)
        preview = Preview()
        preview.lines(before, monthly(session, "support"))
        click.echo(preview.render(), nl=False)
    if dry_run:
        return
    click.echo(f"Imported support-desk figures for {months} months ({replaced} replaced).")


@import_group.command("calls")
@FILE
@REPLACE
@dry_run_option
@profile_options
@pass_app
def import_calls_cmd(
    app: AppContext, file: Path, replace: bool, dry_run: bool, profile: str | None, strict_columns: bool
) -> None:
    """Support-desk figures summed from call records, one row per call.

    Columns received (date and time), answered_after (seconds, mm:ss or hh:mm:ss; empty when
    not answered), first_line (ja/nei) and optionally channel (telefon, e-post, chat, ...); a
    phone system's export with --profile. Per month: contacts, phone share, the share of calls
    answered within [plugins.services] answer_seconds (default 60) and the share solved in first
    line. What each month gives is shown, with what is stored, before it is stored.
    """
    from portfolio.api import ImportFileError, emit, open_profiled_csv
    from portfolio_services.calls import (
        CALL_ALIASES,
        CALL_COLUMNS,
        CALL_REQUIRED,
        no_phone_calls,
        preview_rows,
        sum_calls,
    )
    from portfolio_services.config import config_of
    from portfolio_services.importers import already_stored
    from portfolio_services.models import SupportMonth
    from portfolio_services.months import months_by_period, save_months

    config = config_of(app.settings)
    export = open_profiled_csv(
        app,
        file,
        target="services.calls",
        known=CALL_COLUMNS,
        required=CALL_REQUIRED,
        profile=profile,
        strict_columns=strict_columns,
        aliases=CALL_ALIASES,
    )
    if export.columns.notice:
        click.echo(f"notice: {export.columns.notice}", err=True)
    problems: list[str] = []
    names = {name: export.columns.get(name, name) or name for name in CALL_COLUMNS}
    sums = sum_calls(
        export.rows,
        export.profile,
        answer_seconds=config.answer_seconds,
        has_channel="channel" in export.columns,
        where=names,
        problems=problems,
        source=export.source,
    )
    if not problems and sums.rows == 0:
        problems.append(f"{export.source}: line 2: the file has a header but no rows")
    problems += no_phone_calls(sums, export.source)
    if problems:
        raise ImportFileError(export.source, problems)
    figures = sums.figures()
    through = f" (profile '{export.profile.name}')" if export.profile.name != "native" else ""
    click.echo(
        f"{export.source}{through}: {sums.rows} call record(s) in {len(figures)} month(s); "
        f"answered within {config.answer_seconds} seconds counts as answered."
    )
    with app.reading() if dry_run else app.writing() as session:
        stored = months_by_period(session, SupportMonth, [f.period for f in figures])
        columns = [
            ("month", "Month"),
            ("contacts", "Contacts"),
            ("phone_share", "Phone %"),
            ("answered_share", "Answered %"),
            ("first_line_share", "First line %"),
            ("stored", "Stored now"),
        ]
        emit(list(preview_rows(figures, stored)), columns, "table")
        if dry_run:
            click.echo("Dry run: nothing stored.")
            return
        if not replace and stored:
            raise ImportFileError(export.source, already_stored(export.source, sorted(stored)))
        replaced = save_months(session, figures, replace=replace)
    click.echo(f"Imported support-desk figures for {len(figures)} months ({replaced} replaced).")


@import_group.command("incidents")
@FILE
@REPLACE
@dry_run_option
@profile_options
@pass_app
def import_incidents_cmd(
    app: AppContext, file: Path, replace: bool, dry_run: bool, profile: str | None, strict_columns: bool
) -> None:
    """Incidents and changes per month: month,incidents,changes (months as 2024-01 or 01.2024).

    What each month gives is shown, with what is stored, before it is stored."""
    from portfolio.api import Preview
    from portfolio_services.importers import import_operations
    from portfolio_services.preview import monthly

    with preview_session(app, dry_run) as session:
        source = _read(app, file, "incidents", profile, strict_columns)
        before = monthly(session, "incidents")
        months, replaced = import_operations(session, file, replace=replace, source=source)
        preview = Preview()
        preview.lines(before, monthly(session, "incidents"))
        click.echo(preview.render(), nl=False)
    if dry_run:
        return
    click.echo(f"Imported incident figures for {months} months ({replaced} replaced).")


@import_group.command("readiness")
@FILE
@dry_run_option
@profile_options
@pass_app
def import_readiness_cmd(app: AppContext, file: Path, dry_run: bool, profile: str | None, strict_columns: bool) -> None:
    """Emergency readiness events: date,level,description (level green, yellow or red).

    The events each month gains or changes are counted before they are stored."""
    from portfolio.api import Preview
    from portfolio_services.importers import import_readiness
    from portfolio_services.preview import readiness

    with preview_session(app, dry_run) as session:
        source = _read(app, file, "readiness", profile, strict_columns)
        before = readiness(session)
        added, updated = import_readiness(session, file, source=source)
        preview = Preview()
        preview.records("events", before, readiness(session))
        click.echo(preview.render(), nl=False)
    if dry_run:
        return
    click.echo(f"Imported readiness events: {added} added, {updated} updated.")


@import_group.command("orders")
@FILE
@dry_run_option
@profile_options
@pass_app
def import_orders_cmd(app: AppContext, file: Path, dry_run: bool, profile: str | None, strict_columns: bool) -> None:
    """New services orders: reference,category,received[,offer_sent,delivered,title].

    The category is one of [plugins.services] categories. An order already stored (same
    reference) is updated from the file. The orders each month (received) gains or changes are
    counted before they are stored.
    """
    from portfolio.api import Preview
    from portfolio_services.config import config_of
    from portfolio_services.importers import import_orders
    from portfolio_services.preview import orders

    categories = config_of(app.settings).categories
    with preview_session(app, dry_run) as session:
        source = _read(app, file, "orders", profile, strict_columns)
        before = orders(session)
        counts = import_orders(session, file, categories=categories, source=source)
        preview = Preview()
        preview.records("orders", before, orders(session))
        click.echo(preview.render(), nl=False)
    if dry_run:
        return
    click.echo(f"Imported orders: {counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged.")


@import_group.command("hours")
@FILE
@dry_run_option
@profile_options
@pass_app
def import_hours_cmd(app: AppContext, file: Path, dry_run: bool, profile: str | None, strict_columns: bool) -> None:
    """Hours per order and day worked: reference,date,hours.

    Rows for the same order and day are added up; the sum replaces what is stored for that day,
    and 0 removes it. Rows of other work (a reference that is no stored order, or none) are
    left out and counted. The days each month gains, changes or loses, and its hours before and
    after, are shown before they are stored.
    """
    from portfolio.api import Preview
    from portfolio_services.importers import import_hours
    from portfolio_services.preview import hours

    with preview_session(app, dry_run) as session:
        source = _read(app, file, "hours", profile, strict_columns)
        before = hours(session)
        result = import_hours(session, file, source=source)
        preview = Preview()
        preview.records("days", before, hours(session), amount=lambda value: value, unit=" h")
        click.echo(preview.render(), nl=False)
    counts = result.counts
    if not dry_run:
        click.echo(
            f"Imported hours: {counts.added} days added, {counts.updated} updated, "
            f"{counts.removed} removed, {counts.unchanged} unchanged."
        )
    if result.ignored_rows:
        shown = ", ".join(name or "(empty)" for name in result.ignored_references[:5])
        more = f" and {len(result.ignored_references) - 5} more" if len(result.ignored_references) > 5 else ""
        click.echo(
            f"Ignored {result.ignored_rows} row(s) that are not New services orders "
            f"(references {shown}{more}): no stored order has them."
        )
