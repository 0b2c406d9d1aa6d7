"""``portfolio milestone``: add and edit milestones, record a month's forecast or the date
reached, list a month's milestones, show one milestone's history, and import them from CSV.

Module-level imports stay light (click and the core's CLI helpers); the database layer is
imported inside each command.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from portfolio.api import DATE, PERIOD, PROJECT_CODE, AppContext, Period, emit, format_option, pass_app

CLEAR = object()  # an empty --tolerance: back to the configured default


class ToleranceType(click.ParamType):
    """Days (14, 14d) or a percentage of the remaining duration (10%); empty: the default."""

    name = "TOLERANCE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from portfolio_milestones.config import Tolerance, parse_tolerance

        if value is CLEAR or isinstance(value, Tolerance):
            return value
        if not str(value).strip():
            return CLEAR
        try:
            return parse_tolerance(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


TOLERANCE = ToleranceType()
PROJECT = click.argument("project", type=PROJECT_CODE)
KEY = click.argument("key")


@click.group("milestone")
def milestone_group() -> None:
    """Milestones per project: baseline, monthly forecast and the date reached."""


@milestone_group.command("add")
@PROJECT
@KEY
@click.option("--name", required=True, help="What the milestone is, e.g. 'Pilot in production'.")
@click.option("--baseline", type=DATE, required=True, help="The date agreed in the baseline plan.")
@click.option("--period", type=PERIOD, required=True, help="The first month it is reported in, YYYY-MM.")
@click.option("--forecast", type=DATE, help="That month's forecast date (default: the baseline).")
@click.option(
    "--tolerance", type=TOLERANCE, help="Its own tolerance: days (14) or percent of the remaining duration (10%)."
)
@pass_app
def add_cmd(
    app: AppContext,
    project: str,
    key: str,
    name: str,
    baseline: dt.date,
    period: Period,
    forecast: dt.date | None,
    tolerance: Any,
) -> None:
    """Add a milestone to a project, reported from --period on."""
    from portfolio_milestones import store

    with app.writing() as session:
        store.add(session, project, key, name, baseline, period, None if tolerance is CLEAR else tolerance, forecast)
    click.echo(f"Added milestone {project} {key.strip()}, baseline {baseline.isoformat()}, reported from {period}.")


@milestone_group.command("edit")
@PROJECT
@KEY
@click.option("--name", help="A new name.")
@click.option("--baseline", type=DATE, help="A new baseline date.")
@click.option("--tolerance", type=TOLERANCE, help="Days (14) or percent (10%); an empty value: the default.")
@pass_app
def edit_cmd(
    app: AppContext, project: str, key: str, name: str | None, baseline: dt.date | None, tolerance: Any
) -> None:
    """Change a milestone's name, baseline or tolerance. They show in every report from the
    milestone's first month, so that month must be open."""
    from portfolio_milestones import store

    if name is None and baseline is None and tolerance is None:
        raise click.UsageError("nothing to change; give --name, --baseline or --tolerance")
    with app.writing() as session:
        milestone = store.find(session, project, key)
        store.edit(
            session,
            milestone,
            name=name,
            baseline=baseline,
            tolerance=store.UNSET if tolerance is None else (None if tolerance is CLEAR else tolerance),
        )
    click.echo(f"Changed milestone {project} {key}.")


@milestone_group.command("forecast")
@PROJECT
@KEY
@click.option("--period", type=PERIOD, required=True, help="The month reported, YYYY-MM.")
@click.option("--date", "date", type=DATE, required=True, help="The date the milestone is now expected.")
@pass_app
def forecast_cmd(app: AppContext, project: str, key: str, period: Period, date: dt.date) -> None:
    """Record the month's forecast date for a milestone (it replaces what the month had)."""
    from portfolio_milestones import store

    with app.writing() as session:
        milestone = store.find(session, project, key)
        store.set_forecast(session, milestone, period, date)
        slip = (date - milestone.baseline).days
    click.echo(f"Forecast {project} {key} for {period}: {date.isoformat()} ({_days(slip)} against the baseline).")


@milestone_group.command("reach")
@PROJECT
@KEY
@click.option("--period", type=PERIOD, required=True, help="The month it is reported reached in, YYYY-MM.")
@click.option("--date", "date", type=DATE, required=True, help="The date it was reached (in or before that month).")
@pass_app
def reach_cmd(app: AppContext, project: str, key: str, period: Period, date: dt.date) -> None:
    """Record that a milestone was reached, and when."""
    from portfolio_milestones import store

    with app.writing() as session:
        milestone = store.find(session, project, key)
        store.reach(session, milestone, period, date)
        slip = (date - milestone.baseline).days
    click.echo(f"Reached {project} {key} on {date.isoformat()} ({_days(slip)} against the baseline).")


def _days(slip: int) -> str:
    if slip == 0:
        return "on the baseline"
    return f"{abs(slip)} day{'s' if abs(slip) != 1 else ''} {'late' if slip > 0 else 'early'}"


LIST_COLUMNS = [
    ("project", "Project"),
    ("milestone", "Milestone"),
    ("name", "Name"),
    ("baseline", "Baseline"),
    ("forecast", "Forecast"),
    ("actual", "Reached"),
    ("slip_days", "Slip"),
    ("slip_since_last_month", "Since last month"),
    ("tolerance_days", "Tolerance"),
    ("state", "State"),
]


@milestone_group.command("list")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--project", type=PROJECT_CODE, help="Only this project's milestones.")
@click.option("--all", "everything", is_flag=True, help="Also the milestones reached before the month.")
@format_option
@pass_app
def list_cmd(app: AppContext, period: Period, project: str | None, everything: bool, fmt: str) -> None:
    """The month's milestones: open ones and those reached in the month, with their slip in days
    since the baseline and since last month, and the tolerance in days."""
    from portfolio.api import get_project
    from portfolio_milestones.config import load_config
    from portfolio_milestones.history import milestones_as_of, shown

    config = load_config(app.settings)
    with app.reading() as session:
        if project is not None:
            get_project(session, project)
        views = milestones_as_of(session, period, project)
    if not everything:
        views = shown(views, period)
    rows = [
        {
            "project": v.project,
            "milestone": v.key,
            "name": v.name,
            "baseline": v.baseline,
            "forecast": v.forecast(period),
            "actual": v.actual(period),
            "slip_days": v.slip(period),
            "slip_since_last_month": v.slip_since_last_month(period),
            "tolerance_days": v.tolerance_days(period, config.tolerance),
            "state": v.state(period),
        }
        for v in views
    ]
    emit(rows, LIST_COLUMNS, fmt)


@milestone_group.command("show")
@PROJECT
@KEY
@format_option
@pass_app
def show_cmd(app: AppContext, project: str, key: str, fmt: str) -> None:
    """One milestone month by month: the forecast or the date reached, and its slip."""
    from portfolio_milestones import store
    from portfolio_milestones.config import load_config
    from portfolio_milestones.history import milestones_as_of

    config = load_config(app.settings)
    with app.reading() as session:
        store.find(session, project, key)
        views = [v for v in milestones_as_of(session, Period(9999, 12), project) if v.key == key]
    (view,) = views
    if fmt == "table":
        tolerance = view.tolerance(config.tolerance)
        origin = "its own" if view.own_tolerance else "the default"
        click.echo(
            f"{view.project} {view.key} {view.name}: baseline {view.baseline.isoformat()}, "
            f"reported from {view.first}, tolerance {tolerance} ({origin})\n"
        )
    rows = [
        {
            "period": str(month),
            "forecast": report.forecast,
            "actual": report.actual,
            "slip_days": view.slip(month),
            "slip_since_last_month": view.slip_since_last_month(month),
            "tolerance_days": view.tolerance_days(month, config.tolerance),
        }
        for month, report in view.reports.items()
    ]
    columns = [
        ("period", "Month"),
        ("forecast", "Forecast"),
        ("actual", "Reached"),
        ("slip_days", "Slip"),
        ("slip_since_last_month", "Since last month"),
        ("tolerance_days", "Tolerance"),
    ]
    emit(rows, columns, fmt)


@milestone_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_app
def import_cmd(app: AppContext, file: Path) -> None:
    """Import milestones and their monthly forecasts: the columns project, milestone, period and
    forecast (or actual, the date reached); name and baseline for a new milestone, tolerance
    optional. All rows or none."""
    from portfolio_milestones.importer import import_milestones

    with app.writing() as session:
        result = import_milestones(session, file)
    months = ", ".join(str(m) for m in result.months)
    click.echo(
        f"Imported {result.reports} milestone report(s) for {months}; {result.milestones_added} new milestone(s)."
    )
