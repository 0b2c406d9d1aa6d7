"""``portfolio status missing``: who has not reported the month yet, to chase them."""

from __future__ import annotations

from collections.abc import Iterator

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.params import BEGUN_PERIOD, MANAGER, PROGRAM_CODE
from portfolio.cli.root import pass_app
from portfolio.context import AppContext
from portfolio.period import Period


@click.command("missing")
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--manager", type=MANAGER, help="Only the projects this person manages (and programs they own).")
@click.option("--program", type=PROGRAM_CODE, help="Only this program and its projects.")
@format_option
@pass_app
def missing(app: AppContext, period: Period, manager: str | None, program: str | None, fmt: str) -> None:
    """List the projects and programs without a status for the month, with their managers."""
    from portfolio.services.reporting_subjects import round_subjects_streamed

    columns = [("code", "Code"), ("kind", "Kind"), ("name", "Name"), ("manager", "Manager")]
    counted = {"subjects": 0, "missing": 0}

    def rows() -> Iterator[dict[str, str | None]]:
        """The missing ones as they are read (CSV and JSON write them as they come), counted."""
        for s, done in subjects:
            counted["subjects"] += 1
            if not done:
                counted["missing"] += 1
                yield {"code": s.code, "kind": s.kind, "name": s.name, "manager": s.manager}

    with app.reading() as session:
        subjects = round_subjects_streamed(session, manager=manager, program=program, period=period)
        if fmt != "table":
            emit(rows(), columns, fmt)
            return
        table = list(rows())  # the table's column widths need every row
    if not table:
        click.echo(f"{period}: every project and program has reported ({counted['subjects']}).")
        return
    emit(table, columns, fmt)
    click.echo(f"\n{counted['missing']} of {counted['subjects']} without a status for {period}.")
