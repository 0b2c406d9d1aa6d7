"""``portfolio gain``: add and edit benefits of a project or a program, record a month's
realised value, list a month's benefits, show one benefit's history, and import values from CSV.

Module-level imports stay light (click and the core's CLI helpers); the database layer is
imported inside each command.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from portfolio.api import BEGUN_PERIOD, CODE, DATE, PERIOD, AppContext, Period, emit, format_option, pass_app


class NumberType(click.ParamType):
    """A number, with a decimal point or comma: 12, 12.5, 12,5, -3."""

    name = "NUMBER"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Decimal:
        from portfolio.api import parse_decimal

        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


NUMBER = NumberType()
SUBJECT = click.argument("subject", type=CODE)
KEY = click.argument("key")


@click.group("gain")
def gain_group() -> None:
    """Benefits per project or program: baseline, target and the value realised each month."""


@gain_group.command("add")
@SUBJECT
@KEY
@click.option("--measure", required=True, help="What is measured, e.g. 'Fewer support calls per month'.")
@click.option("--owner", required=True, help="Who answers for the benefit (the benefit owner).")
@click.option("--unit", required=True, help="The measure's unit, e.g. 'calls', 'MNOK', 'hours'.")
@click.option("--baseline", type=NUMBER, required=True, help="The measure's value in the baseline month.")
@click.option("--target", type=NUMBER, required=True, help="The value to reach by the target date.")
@click.option("--target-date", type=DATE, required=True, help="When the target is to be reached.")
@click.option("--period", type=PERIOD, required=True, help="The baseline month, YYYY-MM; measured from it on.")
@pass_app
def add_cmd(
    app: AppContext,
    subject: str,
    key: str,
    measure: str,
    owner: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    target_date: dt.date,
    period: Period,
) -> None:
    """Add a benefit to a project or a program, measured from --period (its baseline month)."""
    from portfolio_gains import store

    with app.writing() as session:
        store.add(
            session,
            subject,
            key,
            measure=measure,
            owner=owner,
            unit=unit,
            baseline=baseline,
            target=target,
            target_date=target_date,
            period=period,
        )
    click.echo(
        f"Added benefit {subject} {key.strip()}: {baseline} to {target} {unit.strip()} by "
        f"{target_date.isoformat()}, measured from {period}."
    )


@gain_group.command("edit")
@SUBJECT
@KEY
@click.option("--measure", help="A new measure.")
@click.option("--owner", help="A new owner.")
@click.option("--unit", help="A new unit.")
@click.option("--baseline", type=NUMBER, help="A new baseline value.")
@click.option("--target", type=NUMBER, help="A new target value.")
@click.option("--target-date", type=DATE, help="A new target date.")
@pass_app
def edit_cmd(app: AppContext, subject: str, key: str, **changes: Any) -> None:
    """Change a benefit. What it says shows in every report from its baseline month, so that
    month must be open."""
    from portfolio_gains import store

    if all(value is None for value in changes.values()):
        raise click.UsageError(
            "nothing to change; give --measure, --owner, --unit, --baseline, --target or --target-date"
        )
    with app.writing() as session:
        store.edit(session, store.find(session, subject, key), **changes)
    click.echo(f"Changed benefit {subject} {key}.")


@gain_group.command("value")
@SUBJECT
@KEY
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month reported, YYYY-MM (begun).")
@click.option("--value", "value", type=NUMBER, required=True, help="The value realised, in the benefit's unit.")
@pass_app
def value_cmd(app: AppContext, subject: str, key: str, period: Period, value: Decimal) -> None:
    """Record the value a benefit has realised in a month (it replaces what the month had)."""
    from portfolio_gains import store
    from portfolio_gains.history import benefits_as_of

    with app.writing() as session:
        benefit = store.find(session, subject, key)
        store.set_value(session, benefit, period, value)
        (view,) = [v for v in benefits_as_of(session, period) if v.id == benefit.id]
    click.echo(
        f"Realised {subject} {key} for {period}: {_plain(view.value(period))} {view.unit}, {view.realisation(period)}% "
        f"of the way to the target ({view.planned(period)}% planned)."
    )


LIST_COLUMNS = [
    ("subject", "Project/program"),
    ("benefit", "Benefit"),
    ("measure", "Measure"),
    ("owner", "Owner"),
    ("unit", "Unit"),
    ("baseline", "Baseline"),
    ("target", "Target"),
    ("target_date", "Target date"),
    ("value", "Realised"),
    ("change", "Since last month"),
    ("realisation_percent", "Realisation %"),
    ("planned_percent", "Planned %"),
]


@gain_group.command("list")
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--subject", type=CODE, help="Only this project's or program's benefits.")
@format_option
@pass_app
def list_cmd(app: AppContext, period: Period, subject: str | None, fmt: str) -> None:
    """The benefits measured by the month: the value realised, its change since last month, and
    the realisation against the planned curve in percent."""
    from portfolio.api import get_subject
    from portfolio_gains.history import benefits_as_of

    with app.reading() as session:
        if subject is not None:
            get_subject(session, subject)
        views = [v for v in benefits_as_of(session, period) if subject is None or v.subject == subject]
    rows = [
        {
            "subject": v.subject,
            "benefit": v.key,
            "measure": v.measure,
            "owner": v.owner,
            "unit": v.unit,
            "baseline": _plain(v.baseline),
            "target": _plain(v.target),
            "target_date": v.target_date,
            "value": _plain(v.value(period)),
            "change": _plain(v.change(period)),
            "realisation_percent": v.realisation(period),
            "planned_percent": v.planned(period),
        }
        for v in views
    ]
    emit(rows, LIST_COLUMNS, fmt)


def _plain(value: Decimal | None) -> Decimal | None:
    from portfolio_gains.store import plain

    return None if value is None else plain(value)


@gain_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_app
def import_cmd(app: AppContext, file: Path) -> None:
    """Import benefits' realised values: the columns subject, benefit, period and value; for a new
    benefit also measure, owner, unit, baseline, target and target_date (its first row's period
    is its baseline month). All rows or none."""
    from portfolio_gains.importer import import_values

    with app.writing() as session:
        result = import_values(session, file)
    months = ", ".join(str(m) for m in result.months)
    click.echo(f"Imported {result.values} benefit value(s) for {months}; {result.benefits_added} new benefit(s).")
