"""``portfolio round``: the month's round at a glance, and whether the month can be closed."""

from __future__ import annotations

import click

from portfolio.cli.params import BEGUN_PERIOD
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext
from portfolio.period import Period

LISTED = 8  # names listed in a line before "and N more"


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:LISTED])
    return f"{shown} and {len(names) - LISTED} more" if len(names) > LISTED else shown


@click.command("round")
@click.option(
    "--period",
    type=BEGUN_PERIOD,
    help="The month, YYYY-MM (default: the month after the last closed one).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format."
)
@pass_app
def round_cmd(app: AppContext, period: Period | None, fmt: str) -> None:
    """The month's round at a glance: statuses in and missing, red risks, recovery actions, plugin data,
    checks, can it close."""
    from portfolio.report.month_findings import month_findings
    from portfolio.services.month_round import default_period, round_state
    from portfolio.services.reporting_months import reopen_hint

    with app.reading() as session:
        period = period or default_period(session)
        state = round_state(session, period, app, month_findings(app, session, period))  # as `check` lists them
    if fmt == "json":
        _json(state)
        return
    status = f"closed by {state.closed_by}" if state.closed else "open"
    click.echo(f"Round {period} ({status})")
    line("Statuses in", f"{state.reported} of {state.subjects}")
    listed(
        "Missing",
        [f"{s.code} ({s.manager or 'no manager'})" for s in state.missing],
        f"chase them: portfolio status missing --period {period}",
    )
    risks = state.red_without_measure
    listed(
        "Red risks without measure",
        [f"risk {r.id} of {r.project}" for r in risks],
        f"add one: portfolio measure add {risks[0].id} TEXT" if risks else "",
    )
    unplanned = state.without_action
    listed(
        "Without recovery action",
        [f"{i.code} {i.dimension} ({i.rating.value})" for i in unplanned],
        _action_hint(unplanned[0].code, unplanned[0].dimension, period, "add one") if unplanned else "",
    )
    late = state.past_due
    listed(
        "Recovery actions past due",
        [f"{i.code} {i.dimension} (due {i.action.due.isoformat()})" for i in late if i.action],
        _action_hint(late[0].code, late[0].dimension, period, "replan") if late else "",
    )
    if state.items:
        line("Plugin data", "")
        width = max(len(f"{plugin}: {item.name}") for plugin, item in state.items)
        for plugin, item in state.items:
            mark = "present" if item.present else "MISSING"
            label = f"{plugin}: {item.name}"
            detail = f"  {item.detail}" if item.detail else ""
            click.echo(f"    {label:<{width}}  {mark}{detail}")
    errors, warnings = state.errors, state.warnings
    checks = f"{len(errors)} error(s), {len(warnings)} warning(s)"
    line("Checks", checks + (f" (portfolio check --period {period})" if state.findings else ""))
    for finding in errors[:LISTED]:
        click.echo(f"    error: {finding.message}")
    if len(errors) > LISTED:
        click.echo(f"    and {len(errors) - LISTED} more")
    if state.closed:
        line("Can be closed", f"already closed; {reopen_hint(period)}")
    elif state.can_close:
        line("Can be closed", f"yes: portfolio period close {period}")
    else:
        line("Can be closed", f"no: {len(errors)} check error(s) first")


def _action_hint(code: str, dimension: str, period: Period, verb: str) -> str:
    flag = dimension.replace("_", "-")
    return (
        f"{verb}: portfolio status set {code} --period {period} --{flag}-action TEXT "
        f"--{flag}-action-owner NAME --{flag}-action-due YYYY-MM-DD"
    )


def line(label: str, value: str) -> None:
    click.echo(f"  {label:<26} {value}".rstrip())


def listed(label: str, names: list[str], hint: str) -> None:
    """How many and which (the first few), with what to do about them; or "none"."""
    if not names:
        line(label, "none")
        return
    line(label, f"{len(names)}: {_names(names)}")
    line("", hint)


def _json(state) -> None:  # type: ignore[no-untyped-def]
    import json

    data = {
        "period": str(state.period),
        "closed": state.closed,
        "closed_by": state.closed_by,
        "subjects": state.subjects,
        "reported": state.reported,
        "missing": [{"code": s.code, "kind": s.kind, "manager": s.manager} for s in state.missing],
        "red_risks_without_measure": [
            {"id": r.id, "project": r.project, "description": r.description} for r in state.red_without_measure
        ],
        "without_recovery_action": [
            {"code": i.code, "kind": i.kind, "dimension": i.dimension, "rating": i.rating.value}
            for i in state.without_action
        ],
        "recovery_actions_past_due": [
            {
                "code": i.code,
                "kind": i.kind,
                "dimension": i.dimension,
                "rating": i.rating.value,
                "action": i.action.what,
                "owner": i.action.owner,
                "due": i.action.due.isoformat(),
            }
            for i in state.past_due
            if i.action is not None
        ],
        "plugin_data": [
            {"plugin": plugin, "name": item.name, "present": item.present, "detail": item.detail}
            for plugin, item in state.items
        ],
        "checks": {
            "errors": len(state.errors),
            "warnings": len(state.warnings),
            "findings": [
                {"severity": f.severity, "plugin": f.plugin, "code": f.code, "message": f.message}
                for f in state.findings
            ],
        },
        "can_close": state.can_close,
    }
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(round_cmd)
