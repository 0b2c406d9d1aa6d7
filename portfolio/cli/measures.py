"""``portfolio measure``: what is being done about a risk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from portfolio.choices import MEASURE_STATUSES
from portfolio.cli.output import emit, emit_record, format_option
from portfolio.cli.params import DATE, EXPECT_VERSION
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext

COLUMNS = [
    ("id", "Id"),
    ("risk", "Risk"),
    ("status", "Status"),
    ("owner", "Owner"),
    ("due", "Due"),
    ("text", "Measure"),
]


def _row(measure: Any) -> dict[str, Any]:
    return {
        "id": measure.id,
        "risk": measure.risk_id,
        "status": measure.status,
        "owner": measure.owner,
        "due": measure.due,
        "text": measure.text,
        "version": measure.version,
    }


@click.group("measure")
def measure_group() -> None:
    """Measures taken against risks."""


@measure_group.command("add")
@click.argument("risk_id", type=int)
@click.argument("text")
@click.option("--owner", help="Who carries the measure out.")
@click.option("--due", type=DATE, help="Due date, YYYY-MM-DD.")
@click.option(
    "--status", type=click.Choice(MEASURE_STATUSES), default="open", show_default=True, help="Where it stands."
)
@pass_app
def add(app: AppContext, risk_id: int, text: str, owner: str | None, due: dt.date | None, status: str) -> None:
    """Add a measure with TEXT to risk RISK_ID."""
    from portfolio.services.risks import add_measure, get_risk

    with app.writing() as session:
        measure = add_measure(session, get_risk(session, risk_id), text, owner=owner, due=due, status=status)
    click.echo(f"Added measure {measure.id} to risk {risk_id}.")


@measure_group.command("list")
@click.option("--risk", "risk_id", type=int, help="Only this risk's measures.")
@click.option("--status", type=click.Choice(MEASURE_STATUSES), help="Only measures with this status.")
@format_option
@pass_app
def list_cmd(app: AppContext, risk_id: int | None, status: str | None, fmt: str) -> None:
    """List measures."""
    from portfolio.services.risks import get_risk, measure_listing

    with app.reading() as session:  # rows are written as they are read (csv, json)
        risk = get_risk(session, risk_id) if risk_id is not None else None
        emit((_row(m) for m in measure_listing(session, risk, status=status)), COLUMNS, fmt)


@measure_group.command("show")
@click.argument("measure_id", type=int)
@format_option
@pass_app
def show(app: AppContext, measure_id: int, fmt: str) -> None:
    """Show one measure."""
    from portfolio.services.risks import get_measure

    with app.reading() as session:
        row = _row(get_measure(session, measure_id))
    emit_record([(key, label, row[key]) for key, label in [*COLUMNS, ("version", "Version")]], fmt)


@measure_group.command("edit")
@click.argument("measure_id", type=int)
@click.option("--text", help="New text.")
@click.option("--owner", help="New owner.")
@click.option("--due", type=DATE, help="New due date.")
@click.option("--status", type=click.Choice(MEASURE_STATUSES), help="New status.")
@EXPECT_VERSION
@pass_app
def edit(
    app: AppContext,
    measure_id: int,
    text: str | None,
    owner: str | None,
    due: dt.date | None,
    status: str | None,
    expect_version: int | None,
) -> None:
    """Change a measure's text, owner, due date or status."""
    from portfolio.services.risks import edit_measure, get_measure

    if text is None and owner is None and due is None and status is None:
        raise click.UsageError("nothing to change; give --text, --owner, --due or --status")
    with app.writing() as session:
        edit_measure(
            session,
            get_measure(session, measure_id),
            expected_version=expect_version,
            text=text,
            owner=owner,
            due=due,
            status=status,
        )
    click.echo(f"Updated measure {measure_id}.")


@measure_group.command("close")
@click.argument("measure_id", type=int)
@click.option(
    "--status", type=click.Choice(["done", "cancelled"]), default="done", show_default=True, help="How it ended."
)
@EXPECT_VERSION
@pass_app
def close(app: AppContext, measure_id: int, status: str, expect_version: int | None) -> None:
    """Mark a measure done (or cancelled)."""
    from portfolio.services.risks import edit_measure, get_measure

    with app.writing() as session:
        edit_measure(session, get_measure(session, measure_id), expected_version=expect_version, status=status)
    click.echo(f"Measure {measure_id} is {status}.")


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(measure_group)
