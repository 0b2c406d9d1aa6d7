"""Running every plugin's checks of a month, as ``portfolio check`` and ``portfolio round`` do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio.findings import Finding
from portfolio.plugin_host import as_list

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.period import Period


def plugin_findings(app: AppContext, session: Session, period: Period) -> list[Finding]:
    """Every finding of every plugin's ``portfolio_checks`` (the core's included), each credited
    to its plugin; a plugin whose checks fail is named in a warning and the others still count."""
    from portfolio.database import savepoint_per_plugin

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
    return findings
