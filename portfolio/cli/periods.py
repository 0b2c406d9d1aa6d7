"""``portfolio period``: list months, close a month once it has gone to the board, reopen it."""

from __future__ import annotations

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.params import BEGUN_PERIOD, PERIOD
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext
from portfolio.period import Period


@click.group("period")
def period_group() -> None:
    """Reporting months: a closed month is read-only."""


@period_group.command("list")
@format_option
@pass_app
def list_cmd(app: AppContext, fmt: str) -> None:
    """Months with statuses or a closing, and whether each is closed."""
    from portfolio.services.reporting_months import period_overview

    with app.reading() as session:
        rows = period_overview(session)
    emit(
        rows,
        [
            ("period", "Period"),
            ("statuses", "Statuses"),
            ("closed", "Closed"),
            ("closed_by", "Closed by"),
            ("closed_at", "Closed at"),
        ],
        fmt,
    )


@period_group.command("close")
@click.argument("period", type=BEGUN_PERIOD)
@pass_app
def close(app: AppContext, period: Period) -> None:
    """Close PERIOD: its statuses, risk assessments and texts can no longer change.

    The month's report is built in every language and archived with the close: from then on
    every build of the month, in any format, is the archived report (`report archive list`).
    A section that cannot be built stops the close, and nothing is closed.
    """
    from portfolio.report.archive import archive_month
    from portfolio.services.reporting_months import close_period

    with app.writing() as session:
        close_period(session, period, app.user)
        version = archive_month(app, session, period, app.user)
    click.echo(f"Closed {period}; its report is archived as version {version}.")


@period_group.command("open")
@click.argument("period", type=PERIOD)
@click.option("--reason", required=True, help="Why the month is reopened; kept in the audit trail and the archive.")
@pass_app
def open_cmd(app: AppContext, period: Period, reason: str) -> None:
    """Reopen a closed PERIOD for corrections.

    The archived report stays on record, marked superseded with who reopened the month, when and
    why; closing the month again archives the next version.
    """
    from portfolio.report.archive import supersede
    from portfolio.services.reporting_months import open_period

    with app.writing() as session:
        open_period(session, period, reason)
        supersede(session, period, app.user, reason.strip())
    click.echo(f"Reopened {period}.")


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(period_group)
