"""``portfolio deviation ...``: import exports, list and show deviations, enter counts and text.

Module-level imports stay light (click and the core's CLI helpers): the database layer is
imported inside the command bodies, so ``portfolio --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from portfolio.api import (
    DATE,
    PERIOD,
    AppContext,
    Period,
    dry_run_option,
    emit,
    emit_record,
    format_option,
    pass_app,
    preview_session,
    profile_options,
    set_text_command,
    show_text_command,
)

if TYPE_CHECKING:
    from portfolio.api import TextKind

STATUSES = ("open", "closed", "all")


@click.group("deviation")
def deviation_group() -> None:
    """Deviations from the quality system (DocMap): section 6 of the report."""


@deviation_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--exported",
    type=DATE,
    help="The day the export was taken (default: the file's '# exported: DATE' line, else the newest "
    "date in its rows). Counts after it may miss changes.",
)
@dry_run_option
@profile_options
@pass_app
def import_cmd(
    app: AppContext,
    file: Path,
    exported: dt.date | None,
    dry_run: bool,
    profile: str | None,
    strict_columns: bool,
) -> None:
    """Import a CSV export; a deviation already stored under the same id is updated.

    Columns: id, title, place, handler, opened, closed, category (closed empty while open).
    Dates as 2024-01-31 or 31.01.2024, also with a time (31.01.2024 14:32); a DocMap export
    with --profile docmap. Nothing is written unless every row is valid. The deviations each
    month (opened) gains or changes are counted before they are stored.
    """
    from portfolio.api import Preview, read_csv, resolve_profile
    from portfolio_deviations.config import deviation_settings
    from portfolio_deviations.guard import keeping_closed_months
    from portfolio_deviations.importer import import_file
    from portfolio_deviations.preview import deviations

    cfg = deviation_settings(app.settings)
    table = read_csv(file, comment="#", header_comments=True)
    chosen = resolve_profile(app, target="deviations", option=profile, source=table.source, comments=table.comments)
    notices: list[str] = []
    with preview_session(app, dry_run) as session:
        before = deviations(session)
        result, taken = keeping_closed_months(
            session,
            cfg,
            lambda: import_file(
                session,
                file,
                columns=cfg.columns,
                exported_on=exported,
                user=app.user,
                table=table,
                profile=chosen,
                strict_columns=strict_columns,
                notices=notices,
            ),
        )
        for notice in notices:
            click.echo(f"notice: {notice}", err=True)
        preview = Preview()
        preview.records("deviations", before, deviations(session))
        click.echo(preview.render(), nl=False)
    if dry_run:
        return
    click.echo(
        f"Imported {result.rows} deviations from {result.source}: {result.created} new, "
        f"{result.updated} updated, {result.unchanged} unchanged."
    )
    if taken.origin != "option":
        how = "its '# exported' line" if taken.origin == "header" else "the newest date in its rows"
        click.echo(f"Export taken {taken.day.isoformat()}, from {how}; give --exported to say otherwise.")


LIST_COLUMNS = [
    ("id", "ID"),
    ("title", "Title"),
    ("place", "Place"),
    ("handler", "Handled by"),
    ("category", "Category"),
    ("opened", "Opened"),
    ("closed", "Closed"),
    ("status", "Status"),
    ("age_days", "Days"),
]


@deviation_group.command("list")
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    default="all",
    show_default=True,
    help="Open or closed on the --on date.",
)
@click.option(
    "--on",
    "on",
    type=DATE,
    help="Judge open/closed and age on this date (default: the latest export's date).",
)
@click.option("--min-age", type=click.IntRange(min=0), help="Only those open at least this many days.")
@click.option(
    "--handler",
    metavar="own|trusts|UNIT",
    help="'own' (the own organisation), 'trusts' (every other unit) or one unit's name.",
)
@click.option("--place", metavar="NAME", help="Only events at this place.")
@format_option
@pass_app
def list_cmd(
    app: AppContext,
    status: str,
    on: dt.date | None,
    min_age: int | None,
    handler: str | None,
    place: str | None,
    fmt: str,
) -> None:
    """List deviations, oldest first."""
    from portfolio_deviations.config import deviation_settings
    from portfolio_deviations.listing import DeviationFilter, list_deviations

    cfg = deviation_settings(app.settings)
    with app.reading() as session:
        rows = list_deviations(
            session,
            DeviationFilter(status=status, on=on, min_age=min_age, handler=handler, place=place),
            cfg,
        )
    emit(rows, LIST_COLUMNS, fmt)


@deviation_group.command("show")
@click.argument("deviation_id", metavar="ID")
@format_option
@pass_app
def show_cmd(app: AppContext, deviation_id: str, fmt: str) -> None:
    """Show one deviation and the import it last came from."""
    from portfolio_deviations.config import deviation_settings
    from portfolio_deviations.listing import deviation_record

    cfg = deviation_settings(app.settings)
    with app.reading() as session:
        pairs = deviation_record(session, deviation_id, cfg)
    emit_record(pairs, fmt)


@deviation_group.command("counts")
@click.option("--period", type=PERIOD, required=True, help="The report's month, YYYY-MM.")
@format_option
@pass_app
def counts_cmd(app: AppContext, period: Period, fmt: str) -> None:
    """The open counts the report shows for the month, and where each comes from."""
    from portfolio_deviations.config import deviation_settings
    from portfolio_deviations.counting import counts, window_dates

    cfg = deviation_settings(app.settings)
    days = window_dates(period, cfg.months, cfg.extra_dates)
    with app.reading() as session:
        rows = [
            {"date": c.day, "own": c.own, "trusts": c.trusts, "total": c.total, "source": c.source}
            for c in counts(session, days, cfg)
        ]
    emit(
        rows,
        [
            ("date", "Date"),
            ("own", cfg.organisation or "Own organisation"),
            ("trusts", "Health trusts"),
            ("total", "Total"),
            ("source", "Source"),
        ],
        fmt,
    )


@deviation_group.command("imports")
@format_option
@pass_app
def imports_cmd(app: AppContext, fmt: str) -> None:
    """The export files imported so far, newest first."""
    from sqlmodel import select

    from portfolio_deviations.models import DeviationImport

    with app.reading() as session:
        logs = session.exec(
            select(DeviationImport).order_by(DeviationImport.id.desc())  # type: ignore[union-attr]
        ).all()
        rows = [log.model_dump() for log in logs]
    emit(
        rows,
        [
            ("id", "No."),
            ("source", "File"),
            ("exported_on", "Exported"),
            ("imported_at", "Imported at"),
            ("imported_by", "By"),
            ("rows", "Rows"),
            ("created", "New"),
            ("updated", "Updated"),
        ],
        fmt,
    )


# ---------------------------------------------------------------- snapshots


@deviation_group.group("snapshot")
def snapshot_group() -> None:
    """Open counts entered directly, for dates the records do not cover."""


@snapshot_group.command("set")
@click.argument("day", metavar="DATE", type=DATE)
@click.argument("total", type=click.IntRange(min=0), required=False)
@click.option("--own", type=click.IntRange(min=0), help="Of them, handled by the own organisation.")
@click.option("--trusts", type=click.IntRange(min=0), help="Of them, handled by the health trusts.")
@pass_app
def snapshot_set(app: AppContext, day: dt.date, total: int | None, own: int | None, trusts: int | None) -> None:
    """Enter the open count on DATE; it is shown instead of the count from records."""
    from portfolio_deviations.config import deviation_settings
    from portfolio_deviations.guard import keeping_closed_months
    from portfolio_deviations.snapshots import set_snapshot

    cfg = deviation_settings(app.settings)
    with app.writing() as session:
        row = keeping_closed_months(session, cfg, lambda: set_snapshot(session, day, total, own, trusts))
        total = row.total
    click.echo(f"Saved the open count {total} for {day.isoformat()}.")
    if day.day != 1 and day not in cfg.extra_dates:
        click.echo(
            f"Note: the section shows the first of each month and the extra_dates of the "
            f"configuration; {day.isoformat()} is neither, so no report shows this count."
        )


@snapshot_group.command("remove")
@click.argument("day", metavar="DATE", type=DATE)
@pass_app
def snapshot_remove(app: AppContext, day: dt.date) -> None:
    """Remove the entered count for DATE; the records' count is shown again."""
    from portfolio_deviations.config import deviation_settings
    from portfolio_deviations.guard import keeping_closed_months
    from portfolio_deviations.snapshots import remove_snapshot

    cfg = deviation_settings(app.settings)
    with app.writing() as session:
        keeping_closed_months(session, cfg, lambda: remove_snapshot(session, day))
    click.echo(f"Removed the open count for {day.isoformat()}.")


@snapshot_group.command("list")
@format_option
@pass_app
def snapshot_list(app: AppContext, fmt: str) -> None:
    """Every entered count, oldest first."""
    from portfolio_deviations.snapshots import all_snapshots

    with app.reading() as session:
        rows = [{"date": s.day, "total": s.total, "own": s.own, "trusts": s.trusts} for s in all_snapshots(session)]
    emit(rows, [("date", "Date"), ("total", "Total"), ("own", "Own"), ("trusts", "Trusts")], fmt)


# ---------------------------------------------------------------- text


@deviation_group.group("text")
def text_group() -> None:
    """The month's explanation of the figures, printed after the table."""


def _text_kind() -> TextKind[Any]:
    """The deviations' kind of text, imported only when a command runs."""
    from portfolio_deviations.texts import DEVIATION_TEXT

    return DEVIATION_TEXT


text_group.add_command(
    set_text_command(
        _text_kind,
        help="Set the month's text from --file, --text, or your editor; empty text removes it.",
        saved="the deviations text for {period}",
        read_first=True,
    )
)
text_group.add_command(
    show_text_command(
        _text_kind,
        help="Print the month's text.",
        missing="no deviations text for {period}; add one with 'portfolio deviation text set'",
    )
)
