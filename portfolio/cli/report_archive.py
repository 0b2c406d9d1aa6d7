"""``portfolio report archive``: the reports the board got, one version per close of a month."""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.params import PERIOD
from portfolio.cli.report_output import REPORT_FORMATS
from portfolio.cli.root import pass_app
from portfolio.config import LANGUAGES
from portfolio.context import AppContext
from portfolio.period import Period


@click.group("archive")
def archive_group() -> None:
    """The archived reports of closed months: every version, who archived and superseded it, and why."""


@archive_group.command("list")
@click.option("--period", type=PERIOD, help="Only this month.")
@format_option
@pass_app
def list_cmd(app: AppContext, period: Period | None, fmt: str) -> None:
    """Every archived version: month, version, language, when and by whom archived, and, for a
    version replaced after the month was reopened, who reopened it, when and why."""
    from portfolio.report.archive import archived_versions

    with app.reading() as session:
        versions = archived_versions(session, period)
    rows = [
        {
            "period": v.period,
            "version": v.version,
            "lang": v.lang,
            "state": "current" if v.current else "superseded",
            "archived_at": v.archived_at,
            "archived_by": v.archived_by,
            "fingerprint": v.fingerprint,
            "superseded_at": v.superseded_at,
            "superseded_by": v.superseded_by,
            "reason": v.superseded_because,
        }
        for v in versions
    ]
    if fmt == "table" and not rows:
        click.echo("No archived reports" + (f" for {period}." if period else ": no month has been closed yet."))
        return
    columns = [
        ("period", "Period"),
        ("version", "Version"),
        ("lang", "Lang"),
        ("state", "State"),
        ("archived_at", "Archived"),
        ("archived_by", "By"),
        ("fingerprint", "Fingerprint"),
        ("superseded_at", "Superseded"),
        ("superseded_by", "Reopened by"),
        ("reason", "Reason"),
    ]
    emit(rows, columns, fmt)


@archive_group.command("backfill")
@click.option("--period", type=PERIOD, help="Only this month (default: every closed month without one).")
@pass_app
def backfill(app: AppContext, period: Period | None) -> None:
    """Archive the report of each closed month that has none: months closed before this version of
    portfolio archived reports at the close. Until then such a month is built from live data.

    The report is built from the data as it is now, in every language, strictly (a section that
    cannot be built stops it, and nothing is archived). Check it first with `report build`.
    """
    from portfolio.errors import PortfolioError
    from portfolio.report.archive import archive_month, unarchived_closed_months
    from portfolio.services.reporting_months import is_closed

    with app.writing() as session:
        months = unarchived_closed_months(session)
        if period is not None:
            if not is_closed(session, period):
                raise PortfolioError(f"{period} is not closed; 'portfolio period close {period}' archives its report")
            if period not in months:
                raise PortfolioError(f"{period} already has an archived report; see 'portfolio report archive list'")
            months = [period]
        archived = [(month, archive_month(app, session, month, app.user)) for month in months]
    if not archived:
        click.echo("Every closed month has its archived report.")
    for month, version in archived:
        click.echo(f"Archived {month} as version {version}, built from the data as it is now.")


@archive_group.command("show")
@click.argument("period", type=PERIOD)
@click.option("--version", type=click.IntRange(1), help="The version to show (default: the current one).")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Report language (default from config: nb).")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="terminal", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of standard output.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@pass_app
def show(
    app: AppContext, period: Period, version: int | None, lang: str | None, fmt: str, output: Path | None, force: bool
) -> None:
    """Render an archived report of PERIOD, the current version or a superseded one, in any format."""
    from portfolio.cli.report_output import FILE_ONLY_FORMATS, show_report
    from portfolio.errors import NotFoundError
    from portfolio.files import check_output
    from portfolio.report.archive import archived_report

    if fmt in FILE_ONLY_FORMATS and output is None:
        raise click.UsageError(f"--format {fmt} writes a file: name it with -o, e.g. -o report-{period}.{fmt}")
    if output is not None:
        check_output(output, force=force)
    lang = lang or app.settings.lang
    with app.reading() as session:
        report = archived_report(session, period, lang, version)
    if report is None:
        which = f"version {version}" if version else "a current version"
        raise NotFoundError(
            f"no archived report of {period} ({which}); see 'portfolio report archive list --period {period}'"
        )
    show_report(report, fmt, output, force=force, color=None)
