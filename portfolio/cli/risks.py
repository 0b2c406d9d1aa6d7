"""``portfolio risk``: a project's risks and their monthly assessment."""

from __future__ import annotations

from typing import Any

import click

from portfolio.choices import ZONES
from portfolio.cli.output import emit, emit_record, format_option
from portfolio.cli.params import BEGUN_PERIOD, EXPECT_VERSION, SCALE
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext
from portfolio.period import Period

COLUMNS = [
    ("id", "Id"),
    ("project", "Project"),
    ("probability", "P"),
    ("consequence", "C"),
    ("score", "Score"),
    ("zone", "Zone"),
    ("status", "Status"),
    ("measures", "Measures"),
    ("description", "Description"),
]


RESIDUAL_PROBABILITY = click.option(
    "--residual-probability", type=SCALE, help="Probability 1-5 once the measures have worked (with the next)."
)
RESIDUAL_CONSEQUENCE = click.option(
    "--residual-consequence", type=SCALE, help="Consequence 1-5 once the measures have worked (with the previous)."
)


def _residual(probability: int | None, consequence: int | None) -> tuple[int, int] | None:
    """The residual pair, given together or not at all."""
    if (probability is None) != (consequence is None):
        raise click.UsageError("give --residual-probability and --residual-consequence together")
    return (probability, consequence) if probability is not None and consequence is not None else None


@click.group("risk")
def risk_group() -> None:
    """Project risks: probability and consequence 1-5, zone by the risk matrix."""


@risk_group.command("add")
@click.argument("project")
@click.argument("description")
@click.option("--probability", "-p", type=SCALE, required=True, help="1 (rare) to 5 (almost certain).")
@click.option("--consequence", "-c", type=SCALE, required=True, help="1 (minor) to 5 (critical).")
@click.option("--period", type=BEGUN_PERIOD, help="Month of the assessment (default: this month).")
@click.option("--owner", help="Who owns the risk.")
@RESIDUAL_PROBABILITY
@RESIDUAL_CONSEQUENCE
@pass_app
def add(
    app: AppContext,
    project: str,
    description: str,
    probability: int,
    consequence: int,
    period: Period | None,
    owner: str | None,
    residual_probability: int | None,
    residual_consequence: int | None,
) -> None:
    """Add a risk to PROJECT with its first assessment."""
    from portfolio.services.lookup import get_project
    from portfolio.services.risks import add_risk

    residual = _residual(residual_probability, residual_consequence)
    period = period or Period.current()
    with app.writing() as session:
        risk = add_risk(
            session,
            get_project(session, project),
            description,
            probability=probability,
            consequence=consequence,
            period=period,
            owner=owner,
            residual=residual,
        )
    zone = app.settings.risk_matrix.zone(probability, consequence)
    click.echo(f"Added risk {risk.id} to {project} ({zone.value} zone, score {probability * consequence}).")


def _row(risk: Any, period: Period) -> dict[str, Any]:
    """A ``RiskListing`` as a row."""
    closed = risk.closed is not None and risk.closed <= str(period)
    return {
        "id": risk.id,
        "project": risk.project_code,
        "probability": risk.probability,
        "consequence": risk.consequence,
        "score": risk.score,
        "zone": risk.zone,
        "status": "closed" if closed else "open",  # as it stood in the month shown
        "measures": risk.measures,
        "description": risk.description,
        "owner": risk.owner,
        "assessed": str(risk.period) if risk.period else None,
        "residual_probability": risk.residual_probability,
        "residual_consequence": risk.residual_consequence,
        "residual_score": risk.residual_score,
        "version": risk.version,
    }


@risk_group.command("list")
@click.option("--period", type=BEGUN_PERIOD, help="As assessed in this month (default: this month).")
@click.option("--zone", type=click.Choice(ZONES), help="Only risks in this zone.")
@click.option("--project", metavar="CODE", help="Only this project's risks.")
@click.option("--all", "include_closed", is_flag=True, help="Include closed risks.")
@format_option
@pass_app
def list_cmd(
    app: AppContext,
    period: Period | None,
    zone: str | None,
    project: str | None,
    include_closed: bool,
    fmt: str,
) -> None:
    """List risks as they stood in a month, highest score first."""
    from portfolio.risk_zones import Zone
    from portfolio.services.lookup import get_project
    from portfolio.services.risks import risk_listing

    period = period or Period.current()
    residual = [("residual_probability", "Residual P"), ("residual_consequence", "Residual C")]
    extra = [("owner", "Owner"), ("assessed", "Assessed"), *residual, ("residual_score", "Residual score")]
    columns = COLUMNS if fmt == "table" else [*COLUMNS, *extra]
    with app.reading() as session:  # rows are written as they are read (csv, json)
        selected = get_project(session, project) if project else None
        matrix, chosen = app.settings.risk_matrix, Zone(zone) if zone else None
        # the listing is held by the rows alone: emit closes them, and with them the cursor
        emit(
            (
                _row(risk, period)
                for risk in risk_listing(
                    session, period, matrix, zone=chosen, project=selected, include_closed=include_closed
                )
            ),
            columns,
            fmt,
        )


@risk_group.command("show")
@click.argument("risk_id", type=int)
@click.option("--period", type=BEGUN_PERIOD, help="As assessed in this month (default: this month).")
@format_option
@pass_app
def show(app: AppContext, risk_id: int, period: Period | None, fmt: str) -> None:
    """Show one risk with its assessment and measures."""
    from portfolio.services.risks import RiskListing, get_risk, risk_views

    period = period or Period.current()
    with app.reading() as session:
        risk = get_risk(session, risk_id)
        views = [
            v
            for v in risk_views(session, period, app.settings.risk_matrix, include_closed=True)
            if v.risk.id == risk.id
        ]
    if not views:
        raise click.ClickException(f"risk {risk_id} was opened after {period}")
    row = _row(RiskListing.of(views[0]), period)
    shown = [*COLUMNS, ("residual_score", "Residual"), ("owner", "Owner"), ("assessed", "Assessed")]
    shown.append(("version", "Version"))
    pairs = [(key, label, row[key]) for key, label in shown]
    measures = views[0].measures
    if fmt == "json":
        pairs.append(
            (
                "measure_list",
                "Measure list",
                [
                    {
                        "id": m.id,
                        "text": m.text,
                        "owner": m.owner,
                        "due": m.due.isoformat() if m.due else None,
                        "status": m.status,
                    }
                    for m in measures
                ],
            )
        )
    emit_record(pairs, fmt)
    if fmt == "table":
        for number, m in enumerate(measures, start=1):
            due = f", due {m.due}" if m.due else ""
            click.echo(f"  {number}) [{m.id}, {m.status}{due}] {m.text}")


@risk_group.command("assess")
@click.argument("risk_id", type=int)
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--probability", "-p", type=SCALE, required=True, help="1 (rare) to 5 (almost certain).")
@click.option("--consequence", "-c", type=SCALE, required=True, help="1 (minor) to 5 (critical).")
@RESIDUAL_PROBABILITY
@RESIDUAL_CONSEQUENCE
@EXPECT_VERSION
@pass_app
def assess_cmd(
    app: AppContext,
    risk_id: int,
    period: Period,
    probability: int,
    consequence: int,
    residual_probability: int | None,
    residual_consequence: int | None,
    expect_version: int | None,
) -> None:
    """Record a risk's probability and consequence for a month, and optionally its residual after measures."""
    from portfolio.services.risks import assess, get_risk

    residual = _residual(residual_probability, residual_consequence)
    with app.writing() as session:
        assess(
            session,
            get_risk(session, risk_id),
            period,
            probability=probability,
            consequence=consequence,
            expected_version=expect_version,
            residual=residual,
        )
    zone = app.settings.risk_matrix.zone(probability, consequence)
    click.echo(f"Assessed risk {risk_id} for {period}: {zone.value} zone.")


@risk_group.command("edit")
@click.argument("risk_id", type=int)
@click.option("--description", help="New description.")
@click.option("--owner", help="New owner.")
@EXPECT_VERSION
@pass_app
def edit(app: AppContext, risk_id: int, description: str | None, owner: str | None, expect_version: int | None) -> None:
    """Change a risk's description or owner."""
    from portfolio.errors import PortfolioError
    from portfolio.services.risks import ensure_risk_open, ensure_risk_version, get_risk

    if description is None and owner is None:
        raise click.UsageError("nothing to change; give --description or --owner")
    with app.writing() as session:
        risk = get_risk(session, risk_id)
        ensure_risk_version(risk, expect_version)
        ensure_risk_open(session, risk)
        if description is not None:
            if not description.strip():
                raise PortfolioError("a risk needs a description")
            risk.description = description.strip()
        if owner is not None:
            risk.owner = owner
        session.add(risk)
    click.echo(f"Updated risk {risk_id}.")


@risk_group.command("close")
@click.argument("risk_id", type=int)
@click.option("--period", type=BEGUN_PERIOD, help="Month it was closed (default: this month).")
@pass_app
def close(app: AppContext, risk_id: int, period: Period | None) -> None:
    """Close a risk that no longer applies."""
    _set_closed(app, risk_id, period, True)


@risk_group.command("reopen")
@click.argument("risk_id", type=int)
@pass_app
def reopen(app: AppContext, risk_id: int) -> None:
    """Reopen a closed risk."""
    _set_closed(app, risk_id, None, False)


def _set_closed(app: AppContext, risk_id: int, period: Period | None, closed: bool) -> None:
    from portfolio.services.risks import get_risk, set_risk_status

    with app.writing() as session:
        set_risk_status(session, get_risk(session, risk_id), closed=closed, period=period or Period.current())
    click.echo(f"{'Closed' if closed else 'Reopened'} risk {risk_id}.")


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(risk_group)
