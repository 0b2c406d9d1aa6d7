"""``portfolio check``: is the month complete and consistent before it goes to the board?"""

from __future__ import annotations

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.params import BEGUN_PERIOD
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext
from portfolio.period import Period

ORDER = {"error": 0, "warning": 1, "info": 2}


@click.command("check")
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
@format_option
@pass_app
def check(app: AppContext, period: Period, fmt: str) -> None:
    """Run every check the core and the plugins contribute; exit 1 when any finds an error."""
    from portfolio.report.month_findings import month_findings

    with app.reading() as session:
        findings = month_findings(app, session, period)  # the same as `portfolio round` counts
    findings.sort(key=lambda f: (ORDER[f.severity], f.plugin, f.code, f.message))
    rows = [{"severity": f.severity, "plugin": f.plugin, "code": f.code, "message": f.message} for f in findings]
    if fmt == "table" and not rows:
        click.echo(f"{period}: no findings.")
    else:
        emit(rows, [("severity", "Severity"), ("plugin", "Plugin"), ("code", "Check"), ("message", "Finding")], fmt)
    errors = sum(1 for f in findings if f.severity == "error")
    if errors:
        click.echo(f"{errors} error(s) in {period}.", err=True)
        raise SystemExit(1)


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(check)
