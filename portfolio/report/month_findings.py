"""A month's findings: every check ``portfolio check`` lists and ``portfolio round`` counts.

Both commands take their findings from :func:`month_findings` and nowhere else, so the round's
counts cannot drift from the list ``check`` prints. It lives in the report layer because the
evidence rules are called with a report section's context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio.findings import Finding
from portfolio.plugin_host import as_list

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.period import Period


def month_findings(app: AppContext, session: Session, period: Period) -> list[Finding]:
    """Every finding of the month, each credited to its plugin: the findings of every plugin's
    ``portfolio_checks`` (the core's included), then every plugin's evidence rules'
    (``portfolio_evidence``: ratings the data does not bear out). A plugin whose hook fails is
    named in a warning and the others still count. Unsorted: the caller orders them."""
    from portfolio.database import savepoint_per_plugin
    from portfolio.report.evidence_note import collect_evidence

    findings: list[Finding] = []
    for plugin, result in app.host.call(
        "portfolio_checks",
        session=session,
        period=period,
        app=app,
        isolate=savepoint_per_plugin(session),
        expect=Finding,
    ):
        findings.extend(Finding(f.severity, f.code, f.message, plugin) for f in as_list(result))
    for plugin, evidence in collect_evidence(app, session, period, app.settings.lang):
        findings.append(Finding(evidence.severity, evidence.code, evidence.message, plugin))
    return findings
