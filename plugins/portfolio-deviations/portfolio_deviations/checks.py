"""What ``portfolio check`` says about a month's deviation figures before they go to the board."""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Finding, Period
from portfolio_deviations.config import deviation_settings
from portfolio_deviations.counting import NONE, RECORDS, latest_export
from portfolio_deviations.figures import section_figures
from portfolio_deviations.texts import period_text


def deviation_findings(session: Session, period: Period, settings: object) -> list[Finding]:
    cfg = deviation_settings(settings)
    figures = section_figures(session, period, cfg)
    findings = []
    last = figures.counts[-1]
    if last.source == NONE:
        findings.append(
            Finding(
                "warning",
                "deviations-no-data",
                f"no deviation records and no snapshot count for {last.day.isoformat()}; "
                "import an export with 'portfolio deviation import'",
            )
        )
    elif last.source == RECORDS:
        exported = latest_export(session)
        if exported is None or exported < last.day:
            when = exported.isoformat() if exported else "never"
            findings.append(
                Finding(
                    "warning",
                    "deviations-export-old",
                    f"the open count on {last.day.isoformat()} comes from records last exported "
                    f"{when}; import a newer export",
                )
            )
    blank = [c.day.isoformat() for c in figures.counts if c.source == NONE]
    if blank and len(blank) < len(figures.counts):
        findings.append(
            Finding(
                "info",
                "deviations-blank-dates",
                f"no open count for {', '.join(blank)}; enter one with 'portfolio deviation snapshot set'",
            )
        )
    if period_text(session, period) is None:
        findings.append(
            Finding(
                "info",
                "deviations-no-text",
                f"no text about the deviations for {period}; add it with 'portfolio deviation text set'",
            )
        )
    return findings
