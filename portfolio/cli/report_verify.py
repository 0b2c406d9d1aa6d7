"""``portfolio report verify FILE``: is a written report the one the database gives, byte for byte?"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from portfolio.cli.root import pass_app
from portfolio.context import AppContext

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.period import Period
    from portfolio.report.blocks import Report
    from portfolio.report.verify import ReportFile


@click.command("verify")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@pass_app
def verify(app: AppContext, file: Path) -> None:
    """Tell whether a report file (md, html, json, txt, pdf, xlsx) is the report the data gives; exit 1 if not.

    Two checks, both from the file alone (its format is read from its content, its language and
    month from what it embeds):

    \b
    1. The data: the fingerprint the report carries (PERIOD/DIGEST, printed
       at its end) is compared with the one the data of that month gives
       now, or, for a closed month, with its archived report's; JSON,
       Markdown and HTML also name the tables that changed.
    2. The document: the same report is built again, in the file's format
       and language, and compared with the file byte for byte (builds are
       reproducible). An edited, cut or forged copy fails, naming the first
       section, table, row and cell (Markdown, HTML, JSON), sheet and cell
       (XLSX) or page (PDF) that differs.

    A copy of a closed month's report that was superseded since (the month
    reopened and closed again) is named as such: which version, superseded
    when, by whom and why, and whether the file is that version unaltered.
    """
    from portfolio.period import Period
    from portfolio.report.archive import closed_archive
    from portfolio.report.fingerprint import compute_fingerprint
    from portfolio.report.verify import VerifyError, compare, read_report, report_for_verification

    recorded = read_report(file)
    period = Period.parse(recorded.period)
    if recorded.lang is None:
        raise VerifyError(f"'{file}' does not say which of the report languages it is in (nb, en)")
    superseded = None
    with app.reading() as session:
        # A closed month is compared with its archived report, read once for both checks.
        report = closed_archive(session, period, recorded.lang)
        if report is not None and report.fingerprint is not None:
            current = report.fingerprint
        else:
            current = compute_fingerprint(session, period, app.host, app.settings)
        difference = compare(recorded.fingerprint, current)
        if difference is None and report is None:  # built with the fingerprint just computed
            report = report_for_verification(app, session, period, recorded.lang, current)
        if difference is not None:
            superseded = superseded_copy(session, period, recorded, recorded.lang)
    if difference is not None:
        click.echo(
            f"{file}: does not match the data of {period}: the report has {difference.recorded}, "
            f"the database now gives {difference.current}."
        )
        if difference.tables:
            click.echo(f"Changed since the report was built: {', '.join(difference.tables)}.")
        if superseded is not None:
            click.echo(superseded)
        raise SystemExit(1)
    assert report is not None  # the archived report, or the one built around the fingerprint
    where = _difference(recorded, report)
    if where is not None:
        click.echo(
            f"{file}: differs from the {recorded.format} report ({recorded.lang}) the data of {period} gives; "
            f"first difference: {where}."
        )
        raise SystemExit(1)
    click.echo(f"{file}: matches the data of {period} (fingerprint {current.text}).")


def _difference(recorded: ReportFile, report: Report) -> str | None:
    """Where the file first differs from ``report`` rendered in its format, or None."""
    from portfolio.render import render
    from portfolio.report.verify import first_difference

    options = {"colour": b"\x1b[" in recorded.data} if recorded.format == "terminal" else {}
    rebuilt = render(report, recorded.format, **options)
    return first_difference(recorded.format, recorded.data, rebuilt.encode() if isinstance(rebuilt, str) else rebuilt)


def superseded_copy(session: Session, period: Period, recorded: ReportFile, lang: str) -> str | None:
    """What a file carrying a superseded version's fingerprint is: which version, replaced when,
    by whom and why, and whether the file is that version unaltered. None for any other file.

    A board member's copy of a month reopened since says it does not match; this says whether it
    is the genuine report the board was sent then.
    """
    from portfolio.report.archive import archived_report, archived_versions

    versions = [v for v in archived_versions(session, period) if v.lang == lang]
    found = next((v for v in versions if v.fingerprint == recorded.fingerprint.text and not v.current), None)
    if found is None or found.superseded_at is None:
        return None
    latest = max(v.version for v in versions)
    said = (
        f"It has the data of version {found.version} of {period}'s archived report, superseded on "
        f"{found.superseded_at:%Y-%m-%d} by {found.superseded_by} ({found.superseded_because}); "
        f"the current version is {latest}."
    )
    old = archived_report(session, period, lang, found.version)
    where = _difference(recorded, old) if old is not None else "its archived report is gone"
    if where is None:
        return f"{said} The file is version {found.version}, unaltered."
    return f"{said} The file differs from version {found.version}; first difference: {where}."
