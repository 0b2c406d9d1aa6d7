"""``portfolio report verify FILE``: does a written report still match the database?"""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.cli.root import pass_app
from portfolio.context import AppContext


@click.command("verify")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@pass_app
def verify(app: AppContext, file: Path) -> None:
    """Tell whether a report file (md, html, json, txt, pdf, xlsx) still matches the data; exit 1 if not.

    The report carries a fingerprint of the data it was built from (PERIOD/DIGEST, printed at its
    end); it is compared with the fingerprint of the month's archived report when the month is
    closed, else with the fingerprint of the data as it is now. When the file holds
    the digest of each table (JSON, Markdown, HTML), the tables that changed are named.
    """
    from portfolio.period import Period
    from portfolio.report.archive import archived_fingerprint
    from portfolio.report.fingerprint import compute_fingerprint
    from portfolio.report.verify import compare, read_fingerprint

    recorded = read_fingerprint(file)
    period = Period.parse(recorded.period)
    with app.reading() as session:
        current = archived_fingerprint(session, period) or compute_fingerprint(session, period, app.host, app.settings)
    difference = compare(recorded, current)
    if difference is None:
        click.echo(f"{file}: matches the data of {period} (fingerprint {current.text}).")
        return
    click.echo(
        f"{file}: does not match the data of {period}: the report has {difference.recorded}, "
        f"the database now gives {difference.current}."
    )
    if difference.tables:
        click.echo(f"Changed since the report was built: {', '.join(difference.tables)}.")
    raise SystemExit(1)
