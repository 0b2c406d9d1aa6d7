"""`portfolio benefits`: record and list entries."""

from __future__ import annotations

from typing import Any

import click
from portfolio.api import PERIOD, emit, format_option, pass_app


@click.group("benefits")
def group() -> None:
    """Benefits per project and month."""


@group.command("add")
@click.argument("project")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--value", required=True, help="Amount in NOK thousands, e.g. '1 250' or 12,5.")
@click.option("--description", required=True, help="What the entry is.")
@pass_app
def add(app: Any, project: str, period: Any, value: str, description: str) -> None:
    """Add an entry for PROJECT in a month."""
    from portfolio.api import PortfolioError
    from portfolio.api import parse_decimal

    from portfolio_benefits.service import add_entry

    try:
        amount = parse_decimal(value)
    except ValueError as exc:
        raise PortfolioError(f"--value: {exc}") from None
    with app.writing() as session:
        add_entry(session, project, period, amount, description)
    click.echo(f"Added a benefits entry to {project} for {period}.")


@group.command("list")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@format_option
@pass_app
def list_entries(app: Any, period: Any, fmt: str) -> None:
    """List a month's entries."""
    from portfolio_benefits.service import entries

    with app.reading() as session:
        rows = [
            {"project": code, "description": entry.description, "value": entry.value}
            for entry, code in entries(session, period)
        ]
    emit(rows, [("project", "Project"), ("description", "Description"), ("value", "Value")], fmt)
