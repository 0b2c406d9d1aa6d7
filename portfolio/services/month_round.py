"""The state of a month's round: what ``portfolio round`` shows at a glance.

Statuses in and missing, red risks without a measure, yellow or red ratings without a recovery
action and actions past due, each plugin's data present or missing
(hook ``portfolio_round_items``), the checks' findings (given by the caller from
``portfolio.report.month_findings``: the very findings ``portfolio check`` lists) and from those
whether the month can be closed: it can when it is open and no check finds an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel import Session

from portfolio.findings import Finding
from portfolio.period import Period
from portfolio.round_items import RoundItem
from portfolio.services.recovery import RecoveryItem
from portfolio.services.reporting_subjects import RoundSubject, round_subjects_streamed

if TYPE_CHECKING:
    from portfolio.context import AppContext


@dataclass(frozen=True)
class RedRisk:
    """A red-zone risk with no measure yet, as the round lists it."""

    id: int
    project: str
    description: str


@dataclass
class RoundState:
    """Where the monthly round stands: what is in, what is missing, what checks found."""

    period: Period
    closed: bool
    closed_by: str | None
    subjects: int
    missing: list[RoundSubject]
    red_without_measure: list[RedRisk]
    items: list[tuple[str, RoundItem]] = field(default_factory=list)  # (plugin, item)
    findings: list[Finding] = field(default_factory=list)
    without_action: list[RecoveryItem] = field(default_factory=list)  # yellow or red, no recovery action
    past_due: list[RecoveryItem] = field(default_factory=list)  # recovery actions due before the month's end

    @property
    def reported(self) -> int:
        return self.subjects - len(self.missing)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def can_close(self) -> bool:
        return not self.closed and not self.errors


def default_period(session: Session) -> Period:
    """The month after the last closed one; else the latest with statuses; else last month."""
    from portfolio.services.reporting_months import period_overview

    months = period_overview(session)
    closed = [Period.parse(str(m["period"])) for m in months if m["closed"]]
    if closed:
        return max(closed).next()
    if months:
        return Period.parse(str(months[-1]["period"]))
    return Period.current().previous()


def round_state(session: Session, period: Period, app: AppContext, findings: list[Finding]) -> RoundState:
    """The round of ``period``; ``findings`` are the month's, from ``month_findings`` (the report
    layer's, since the evidence rules need a section context), as ``portfolio check`` lists them."""
    from portfolio.database import savepoint_per_plugin
    from portfolio.models import ReportingPeriod
    from portfolio.plugin_host import as_list
    from portfolio.risk_zones import Zone
    from portfolio.services.recovery import recovery_items
    from portfolio.services.risks import risk_views

    row = session.get(ReportingPeriod, str(period))
    order: list[tuple[str, str]] = []  # (kind, code) in report order: the recovery items' order
    missing: list[RoundSubject] = []
    for subject, done in round_subjects_streamed(session, period=period):  # tuples, through a cursor
        order.append((subject.kind, subject.code))
        if not done:
            missing.append(subject)
    red = [
        RedRisk(view.risk.id or 0, view.project_code, view.risk.description)
        for view in risk_views(session, period, app.settings.risk_matrix, zone=Zone.RED)
        if not view.measures
    ]
    state = RoundState(
        period,
        bool(row and row.closed),
        row.closed_by if row and row.closed else None,
        len(order),
        missing,
        red,
    )
    recovery = recovery_items(session, period, app.settings.dimension_keys(), order)
    state.without_action = [item for item in recovery if item.action is None]
    state.past_due = [item for item in recovery if item.past_due(period)]
    isolate = savepoint_per_plugin(session)
    for plugin, result in app.host.call(
        "portfolio_round_items", session=session, period=period, app=app, isolate=isolate, expect=RoundItem
    ):
        state.items.extend((plugin, item) for item in as_list(result))
    state.findings.extend(findings)
    return state
