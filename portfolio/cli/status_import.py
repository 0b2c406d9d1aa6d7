"""``portfolio status import``: the month's status files back from the managers, several at once."""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.cli.params import BEGUN_PERIOD
from portfolio.cli.root import pass_app
from portfolio.context import AppContext
from portfolio.period import Period

PROGRESS_FILES = 5  # a bar from this many files on


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--period",
    type=BEGUN_PERIOD,
    help="The month the files report, YYYY-MM (default: the month a template's '# period:' line names).",
)
@pass_app
def import_cmd(app: AppContext, files: tuple[Path, ...], period: Period | None) -> None:
    """Import a month's statuses from CSV or XLSX FILES; nothing is written if any row of any file is wrong.

    A file made by 'portfolio status template' is refused for another month or with a project
    outside its scope. Each file's projects are listed with what changed against last month.
    The plugins' sheets of a template (a sheet of the workbook, or a CSV file beside it such as
    statuses-2024-02.milestones.csv) are stored with the statuses, in the same all-or-nothing way.
    """
    from portfolio.cli.progress import progress
    from portfolio.importers.status_files import import_status_files
    from portfolio.importers.status_sheets import plugin_sheets, sheets_month, store_sheets

    keys = app.settings.dimension_keys()
    status_files, loaded, registered = plugin_sheets(app.host, files)  # the plugins' sheets, read with them
    with progress("Checking files", len(files), threshold=PROGRESS_FILES) as bar, app.writing() as session:
        month, results = (
            import_status_files(
                session,
                status_files,
                period,
                user=app.user,
                dimension_keys=keys,
                progress=lambda source: bar.update(1),
            )
            if status_files
            else (sheets_month(loaded, period), [])
        )
        stored = store_sheets(
            app.host, session, month, loaded, settings=app.settings, user=app.user, registered=registered
        )
    total = 0
    already = 0
    for result in results:
        total += result.count
        already += result.stored_already
        noun = "status" if result.count == 1 else "statuses"
        click.echo(
            f"{result.source}: {result.count} {noun} for {month} against {month.previous()}: "
            f"{result.new} new, {result.changed} changed, {result.unchanged} unchanged"
        )
        for change in result.listed:
            click.echo(f"  {change.code}: {', '.join(change.changes)}")
        if result.changed > len(result.listed):
            click.echo(
                f"  and {result.changed - len(result.listed)} more changed: "
                f"'portfolio report diff {month.previous()} {month} --kind rating' lists them all"
            )
    for sheet, outcome in stored:
        click.echo(f"{sheet.source}: {outcome.summary or f'{outcome.stored} rows stored'} for {month}")
    if not results:
        return
    written = total - already
    noun = "status" if written == 1 else "statuses"
    where = results[0].source if len(results) == 1 else f"{len(results)} files"
    kept = f" ({already} stored already as given: unchanged, no new version)" if already else ""
    click.echo(f"Imported {written} {noun} for {month} from {where}{kept}.")
