"""``portfolio status template``: the file each project manager gets to report the month."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import click

from portfolio.cli.params import MANAGER, PERIOD, PROGRAM_CODE
from portfolio.cli.root import pass_app
from portfolio.context import AppContext
from portfolio.period import Period

FORMATS = ("csv", "xlsx")


def slug(text: str) -> str:
    """A file-name part from a person's name: 'Kari Nordmann' -> 'kari-nordmann', 'Åse Øye' -> 'ase-oye'."""
    text = text.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "AE")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "unnamed"


@click.command("template")
@click.option("--period", type=PERIOD, required=True, help="The month the managers report, YYYY-MM.")
@click.option("--manager", type=MANAGER, help="Only the projects this person manages (and programs they own).")
@click.option("--program", "program", type=PROGRAM_CODE, help="Only this program and its projects.")
@click.option(
    "--split-by",
    type=click.Choice(["manager"]),
    help="One file per manager, written into the folder -o names.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="csv or xlsx (default: from the file name's ending, else csv).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write; with --split-by, the folder.",
)
@click.option("--force", is_flag=True, help="Replace files that exist.")
@pass_app
def template(
    app: AppContext,
    period: Period,
    manager: str | None,
    program: str | None,
    split_by: str | None,
    fmt: str | None,
    output: Path,
    force: bool,
) -> None:
    """Write the month's status template: last ratings and recovery actions prefilled, comments empty,
    one row per project.

    Send it to the project managers; 'portfolio status import' reads it back as it is.
    """
    from portfolio.errors import PortfolioError
    from portfolio.files import check_output, write_output
    from portfolio.importers.status_sheets import SheetContext, companion_path, fill_sheets, sheet_csv
    from portfolio.importers.status_template import (
        TemplateRow,
        header_lines,
        template_csv,
        template_xlsx,
    )
    from portfolio.services.reporting_subjects import last_statuses, round_subjects

    dimensions = app.settings.dimensions
    with app.reading() as session:
        subjects = round_subjects(session, manager=manager, program=program)
        last = last_statuses(session, period)
    if not subjects:
        raise click.UsageError("no active project or program to put in a template")
    if split_by and output.exists() and not output.is_dir():
        raise click.BadParameter(f"'{output}' is a file; with --split-by, -o names a folder", param_hint="'-o'")
    suffix = output.suffix.lower().lstrip(".")
    if not split_by and fmt and suffix in FORMATS and suffix != fmt:
        raise click.BadParameter(f"'{output}' ends in .{suffix} but --format is {fmt}", param_hint="'-o'")
    fmt = fmt or ("xlsx" if suffix == "xlsx" and not split_by else "csv")

    def row(subject) -> TemplateRow:  # type: ignore[no-untyped-def]
        status = last.get((subject.kind, subject.id))
        this_month = status is not None and status.period == str(period)
        return TemplateRow(
            code=subject.code,
            name=subject.name,
            manager=subject.manager,
            version=status.version if status is not None and this_month else 0,
            ratings=dict(status.ratings) if status else {},
            comments=dict(status.comments) if status and this_month else {},
            comment=status.comment if status and this_month else None,
            actions=dict(status.actions) if status else {},  # a plan lasts until done: carried like the ratings
        )

    if split_by:
        groups: dict[str, list] = {}
        for subject in subjects:
            groups.setdefault(subject.manager or "", []).append(subject)
        if not output.is_dir():
            try:
                output.mkdir(parents=True)
            except OSError as exc:
                raise PortfolioError(f"cannot make folder {output}: {exc.strerror or exc}") from None
        files = []
        for person, members in groups.items():
            name = f"statuses-{period}-{slug(person) if person else 'no-manager'}.{fmt}"
            scope = f"manager {person}" if person else "no manager"
            files.append((output / name, scope, members))
    else:
        scope = f"manager {manager}" if manager else f"program {program}" if program else "all projects and programs"
        files = [(output, scope, subjects)]
    with app.reading() as session:  # the plugins' sheets (status_sheets) for each file's projects
        ctx = SheetContext(session, period, (), app.settings, app.user)
        sheets = {
            path: fill_sheets(app.host, replace(ctx, codes=tuple(s.code for s in members)))
            for path, _, members in files
        }
    for path, _, _ in files:  # every file by the rules of every output file, before any is written
        try:
            check_output(path, force=force)
            for filled in sheets[path] if fmt == "csv" else ():
                check_output(companion_path(path, filled.sheet.key), force=force)
        except PortfolioError as exc:
            raise PortfolioError(f"{exc} (nothing was written)") from None
    for path, scope, members in files:
        rows = [row(s) for s in members]
        prefilled = any(r.ratings for r in rows)
        lines = header_lines(period, scope, [s.code for s in members], dimensions, prefilled=prefilled)
        data = (
            template_xlsx(lines, rows, dimensions, sheets[path])
            if fmt == "xlsx"
            else template_csv(lines, rows, dimensions)
        )
        # a BOM: Excel reads a CSV file as UTF-8 only with one
        write_output(path, data.encode("utf-8-sig") if isinstance(data, str) else data, force=force)
        noun = "row" if len(rows) == 1 else "rows"
        click.echo(f"Wrote {path} ({scope}, {len(rows)} {noun}).")
        for filled in sheets[path]:  # a sheet of the workbook, or a CSV file beside it
            beside = companion_path(path, filled.sheet.key)
            if fmt == "csv":
                write_output(beside, sheet_csv(filled).encode("utf-8-sig"), force=force)
            where = f"Wrote {beside}" if fmt == "csv" else f"  with the sheet {filled.sheet.title}"
            click.echo(f"{where} ({len(filled.rows)} {'row' if len(filled.rows) == 1 else 'rows'}).")
