"""``portfolio status explain CODE --period P``: why a status is what it is.

Per dimension: the rating, its trend against last month, the comment and the recovery action
(what, owner, due date; past due when due before the month's last day), then every piece of
evidence a plugin holds for or against it (finance's budgets, milestones, benefits ...), and the
subject's risks in the red zone with the measures against them. One place to answer a board
member's "why is it red?" before the meeting.
"""

from __future__ import annotations

from typing import Any

import click

from portfolio.cli.params import BEGUN_PERIOD, CODE
from portfolio.cli.root import pass_app
from portfolio.context import AppContext
from portfolio.period import Period

TREND_WORDS = {"better": "better than last month", "worse": "worse than last month"}


@click.command("explain")
@click.argument("code", type=CODE)
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
    help="Output format: the explanation as lines, or as one JSON object.",
)
@pass_app
def explain(app: AppContext, code: str, period: Period, fmt: str) -> None:
    """Why project or program CODE is rated as it is in PERIOD: per dimension the rating, its
    trend, comment and recovery action, the evidence plugins hold against it, and its risks in
    the red zone."""
    import json

    from portfolio.errors import NotFoundError

    with app.reading() as session:
        data = explanation(app, session, code, period)
    if data is None:
        raise NotFoundError(f"{code} has no status for {period}; 'portfolio status set' records one")
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    for line in explanation_lines(data):
        click.echo(line)


def explanation(app: AppContext, session: Any, code: str, period: Period) -> dict[str, Any] | None:
    """What ``explain`` shows, as plain data: None when the subject has no status for the month."""
    from sqlmodel import select

    from portfolio.models import Program, Project
    from portfolio.report.evidence_note import collect_evidence
    from portfolio.risk_zones import Zone
    from portfolio.services.lookup import get_subject
    from portfolio.services.risks import risk_views
    from portfolio.services.statuses import status_view

    settings = app.settings
    subject = get_subject(session, code)
    view = status_view(session, subject, period, settings.dimension_keys())
    if view is None:
        return None
    evidence = [(plugin, e) for plugin, e in collect_evidence(app, session, period, "en") if e.subject == code]
    labels = {d.key: d.label("en") for d in settings.dimensions}
    dimensions = []
    for d in view.dimensions:
        dimensions.append(
            {
                "key": d.dimension,
                "label": labels.get(d.dimension, d.dimension),
                "rating": d.rating.value if d.rating else None,
                "trend": d.trend.value if d.trend else None,
                "comment": d.comment,
                "action": (
                    {
                        "what": d.action.what,
                        "owner": d.action.owner,
                        "due": d.action.due.isoformat(),
                        "past_due": d.action.past_due(period),
                    }
                    if d.action
                    else None
                ),
                "evidence": [
                    {"plugin": plugin, "code": e.code, "severity": e.severity, "message": e.message}
                    for plugin, e in evidence
                    if e.dimension == d.dimension
                ],
            }
        )
    if isinstance(subject, Program):
        projects = list(session.exec(select(Project).where(Project.program_id == subject.id)).all())
    else:
        projects = [subject]
    risks = []
    for project in projects:
        for risk in risk_views(session, period, settings.risk_matrix, zone=Zone.RED, project=project):
            risks.append(
                {
                    "id": risk.risk.id,
                    "project": risk.project_code,
                    "description": risk.risk.description,
                    "owner": risk.risk.owner,
                    "probability": risk.probability,
                    "consequence": risk.consequence,
                    "score": risk.score,
                    "measures": [
                        {"id": m.id, "text": m.text, "owner": m.owner, "due": m.due, "status": m.status}
                        for m in risk.measures
                    ],
                }
            )
    return {
        "code": code,
        "name": subject.name,
        "period": str(period),
        "version": view.version,
        "reported_by": view.reported_by,
        "comment": view.comment,
        "justification": view.justification,
        "dimensions": dimensions,
        "red_risks": risks,
    }


def explanation_lines(data: dict[str, Any]) -> list[str]:
    """The explanation as a reader goes through it: dimension by dimension, then the risks."""
    lines = [
        f"{data['code']} {data['name']}, {data['period']} (version {data['version']}, {data['reported_by'] or '?'})"
    ]
    if data["comment"]:
        lines.append(f"  {data['comment']}")
    for d in data["dimensions"]:
        rating = d["rating"] or "not reported"
        rating = "not assessed" if rating == "na" else rating
        trend = f", {TREND_WORDS[d['trend']]}" if d["trend"] else ""
        lines += ["", f"{d['label']}: {rating}{trend}"]
        if d["comment"]:
            lines.append(f"  comment: {d['comment']}")
        action = d.get("action")
        if action:
            late = ", past due" if action["past_due"] else ""
            lines.append(f"  recovery action: {action['what']} ({action['owner']}, due {action['due']}{late})")
        elif d["rating"] in ("yellow", "red"):
            lines.append("  no recovery action")
        for e in d["evidence"]:
            lines.append(f"  evidence ({e['plugin']}, {e['severity']}): {e['message']}")
        if d["rating"] in ("yellow", "red") and not d["comment"] and not d["evidence"]:
            lines.append("  no comment and no evidence: ask the project manager why")
    if data["justification"]:
        lines += ["", f"Justification of the program's own rating: {data['justification']}"]
    lines.append("")
    if not data["red_risks"]:
        lines.append("No risks in the red zone.")
    else:
        lines.append("Risks in the red zone:")
        for risk in data["red_risks"]:
            lines.append(
                f"  risk {risk['id']} ({risk['project']}), P{risk['probability']} C{risk['consequence']}, "
                f"score {risk['score']}: {risk['description']}"
            )
            for m in risk["measures"]:
                due = f", due {m['due']}" if m["due"] else ""
                lines.append(f"    measure {m['id']} ({m['status']}{due}): {m['text']}")
            if not risk["measures"]:
                lines.append("    no measures against it")
    return lines
