"""``portfolio status missing``: who has not reported the month yet, to chase them."""

from __future__ import annotations

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
    from portfolio.services.reporting_subjects import missing_subjects, round_subjects

    with app.reading() as session:
        subjects = round_subjects(session, manager=manager, program=program, period=period)
        rows = [
            {"code": s.code, "kind": s.kind, "name": s.name, "manager": s.manager}
            for s in missing_subjects(session, period, subjects)
        ]
    if fmt == "table" and not rows:
        click.echo(f"{period}: every project and program has reported ({len(subjects)}).")
        return
    emit(rows, [("code", "Code"), ("kind", "Kind"), ("name", "Name"), ("manager", "Manager")], fmt)
    if fmt == "table":
        click.echo(f"\n{len(rows)} of {len(subjects)} without a status for {period}.")
