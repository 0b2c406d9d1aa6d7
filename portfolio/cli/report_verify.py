"""``portfolio report verify FILE``: is a written report the one the database gives, byte for byte?"""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.cli.root import pass_app
from portfolio.context import AppContext


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
    """
    from portfolio.period import Period
    from portfolio.render import render
    from portfolio.report.archive import closed_archive
    from portfolio.report.fingerprint import compute_fingerprint
    from portfolio.report.verify import VerifyError, compare, first_difference, read_report, report_for_verification

    recorded = read_report(file)
    period = Period.parse(recorded.period)
    if recorded.lang is None:
        raise VerifyError(f"'{file}' does not say which of the report languages it is in (nb, en)")
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
        click.echo(
            f"{file}: does not match the data of {period}: the report has {difference.recorded}, "
            f"the database now gives {difference.current}."
        )
        if difference.tables:
            click.echo(f"Changed since the report was built: {', '.join(difference.tables)}.")
        raise SystemExit(1)
    options = {"colour": b"\x1b[" in recorded.data} if recorded.format == "terminal" else {}
    rebuilt = render(report, recorded.format, **options)
    where = first_difference(recorded.format, recorded.data, rebuilt.encode() if isinstance(rebuilt, str) else rebuilt)
    if where is not None:
        click.echo(
            f"{file}: differs from the {recorded.format} report ({recorded.lang}) the data of {period} gives; "
            f"first difference: {where}."
        )
        raise SystemExit(1)
    click.echo(f"{file}: matches the data of {period} (fingerprint {current.text}).")
