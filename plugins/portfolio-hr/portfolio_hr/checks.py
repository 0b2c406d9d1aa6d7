"""What ``portfolio check`` finds in a month's HR data before the board sees it."""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Finding, Period, PortfolioError, Settings
from portfolio_hr import aml, sick_leave
from portfolio_hr.config import load_config
from portfolio_hr.months import chart_months, trailing_months


def hr_findings(session: Session, period: Period, settings: Settings) -> list[Finding]:
    try:
        config = load_config(settings)
    except PortfolioError as exc:
        return [Finding("error", "hr-config", str(exc))]
    findings: list[Finding] = []
    chart = chart_months(period)
    rows = sick_leave.months(session, [*chart, period])
    if period not in rows:
        findings.append(
            Finding(
                "warning",
                "hr-sick-leave-missing",
                f"no sick-leave figures for {period}; add them with 'portfolio hr set sick-leave'",
            )
        )
    gaps = [str(p) for p in chart if p not in rows]
    if gaps:
        findings.append(
            Finding(
                "warning",
                "hr-sick-leave-gap",
                f"the sick-leave charts for {period} have no figures for {', '.join(gaps)}",
            )
        )
    for month in sorted(rows):
        for first, second, total in sick_leave.mismatches(rows[month], config.rounding_tolerance):
            findings.append(
                Finding(
                    "error",
                    "hr-sick-leave-sum",
                    f"{month}: {first} + {second} = {sick_leave.plain(total)} but total is "
                    f"{sick_leave.plain(rows[month].total)} "
                    f"(more than {sick_leave.plain(config.rounding_tolerance)} apart)",
                )
            )
    window = trailing_months(period, config.aml_months)
    recorded = aml.counts(session, window)
    if period not in recorded:
        findings.append(
            Finding(
                "warning",
                "hr-aml-missing",
                f"no AML breaches recorded for {period}; record zero with 'portfolio hr set aml'",
            )
        )
    known = {kind.key for kind in config.breach_types}
    for month in sorted(recorded):
        for key in sorted(set(recorded[month]) - known):
            findings.append(
                Finding(
                    "warning",
                    "hr-aml-unknown-type",
                    f"{month}: breach type '{key}' is not in [plugins.hr] breach_types; the report shows it by its key",
                )
            )
    return findings
