"""``portfolio finance project-budget``: each project's budget and spend to date, and its tolerance."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import click

from portfolio.api import PERIOD, AppContext, Period, dry_run_option, emit, format_option, pass_app, preview_session
from portfolio_finance.params import AMOUNT, UNIT


@click.group("project-budget")
def project_budget_group() -> None:
    """Budget and spend to date per project: a green finance rating the figures contradict is flagged."""


def _ore(amount: Decimal, unit: int) -> int:
    from portfolio.api import PortfolioError
    from portfolio_finance.units import to_ore

    try:
        return to_ore(amount, unit)
    except ValueError as exc:
        raise PortfolioError(str(exc)) from None


@project_budget_group.command("set")
@click.argument("project")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--budget-to-date", type=AMOUNT, required=True, help="The project's budget to the end of the month.")
@click.option(
    "--actual-to-date", type=AMOUNT, required=True, help="What the project has spent to the end of the month."
)
@click.option("--unit", type=UNIT, required=True, help="The unit of the amounts: kr or 1000 (kr).")
@pass_app
def set_cmd(
    app: AppContext, project: str, period: Period, budget_to_date: Decimal, actual_to_date: Decimal, unit: int
) -> None:
    """Set a project's budget and actual spend to date for a month, replacing the month's figures."""
    from portfolio_finance.project_budgets import set_budget

    budget, actual = _ore(budget_to_date, unit), _ore(actual_to_date, unit)
    with app.writing() as session:
        set_budget(session, project, period, budget, actual)
    click.echo(f"Saved the budget and actual to date of {project} for {period}.")


@project_budget_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--unit", type=UNIT, required=True, help="The unit of the amounts: kr or 1000 (kr).")
@dry_run_option
@pass_app
def import_cmd(app: AppContext, file: Path, unit: int, dry_run: bool) -> None:
    """Import a CSV file with the columns project, period, budget_to_date, actual_to_date; all or nothing.

    Each project's budget and actual to date per month, in kroner, are shown against what is
    stored before they are stored."""
    from sqlmodel import select

    from portfolio.api import Preview, Project
    from portfolio_finance.preview import project_budgets
    from portfolio_finance.project_budgets import import_budgets

    with preview_session(app, dry_run) as session:
        codes = {p.id: p.code for p in session.exec(select(Project)) if p.id is not None}
        before = project_budgets(session, codes)
        done = import_budgets(session, file, unit)
        preview = Preview()
        preview.lines(before, project_budgets(session, codes), months=[p for _, p in done])
        click.echo(preview.render(), nl=False)
    if dry_run:
        return
    periods = sorted({str(p) for _, p in done})
    click.echo(f"Imported {len(done)} project budget(s) for {', '.join(periods) or 'no month'}.")


@project_budget_group.command("list")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--unit", type=UNIT, default="1000", show_default=True, help="Show amounts in kr or 1000 (kr).")
@format_option
@pass_app
def list_cmd(app: AppContext, period: Period, unit: int, fmt: str) -> None:
    """Each project's budget and spend to date for a month, the overspend and the tolerance it is held to."""
    from portfolio_finance.project_budgets import budgets_for, rows_for_output
    from portfolio_finance.settings import finance_settings

    default = finance_settings(app.settings).project_tolerance
    with app.reading() as session:
        rows = rows_for_output(budgets_for(session, period), unit, default)
    emit(
        rows,
        [
            ("project", "Project"),
            ("period", "Period"),
            ("budget_to_date", "Budget to date"),
            ("actual_to_date", "Actual to date"),
            ("overspend_percent", "Over budget (%)"),
            ("tolerance_percent", "Tolerance (%)"),
        ],
        fmt,
    )


@project_budget_group.command("tolerance")
@click.argument("project")
@click.argument("percent", type=AMOUNT, required=False)
@click.option("--default", "use_default", is_flag=True, help="Use the configured project_tolerance again.")
@pass_app
def tolerance_cmd(app: AppContext, project: str, percent: Decimal | None, use_default: bool) -> None:
    """Set how far, in percent of budget to date, PROJECT may overspend before green is flagged."""
    from portfolio_finance.project_budgets import set_tolerance

    if (percent is None) == (not use_default):
        raise click.UsageError("give a PERCENT, or --default to use the configured project_tolerance")
    with app.writing() as session:
        set_tolerance(session, project, None if use_default else percent)
    click.echo(f"{project}: tolerance {'as configured' if use_default else f'{percent} %'}.")
