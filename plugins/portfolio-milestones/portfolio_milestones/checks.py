"""What ``portfolio check`` and ``portfolio round`` say about a month's milestones.

Every milestone still open needs the month's forecast; a forecast date that has passed by the
month's end without the milestone reported reached is named too. The evidence against schedule
ratings (``evidence.py``) reaches ``check`` through the core's evidence hook.
"""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Finding, Period, PortfolioError, RoundItem, Settings
from portfolio_milestones.config import load_config
from portfolio_milestones.history import MilestoneView, milestones_as_of


def unreported(views: list[MilestoneView], period: Period) -> list[MilestoneView]:
    """Open milestones (not reached before the month) without a forecast of the month's own."""
    return [v for v in views if v.reached_in(period.previous()) is None and period not in v.reports]


def milestone_findings(session: Session, period: Period, settings: Settings) -> list[Finding]:
    try:
        load_config(settings)
    except PortfolioError as exc:
        return [Finding("error", "milestones-config", str(exc))]
    views = milestones_as_of(session, period)
    findings = [
        Finding(
            "warning",
            "milestones-forecast-missing",
            f"{v.project} {v.key}: no forecast for {period}; record it with "
            f"'portfolio milestone forecast {v.project} {v.key} --period {period} --date YYYY-MM-DD'",
        )
        for v in unreported(views, period)
    ]
    for view in views:
        report = view.reports.get(period)
        if report is None or report.actual is not None or report.forecast > period.last_day:
            continue
        findings.append(
            Finding(
                "warning",
                "milestones-overdue",
                f"{view.project} {view.key}: its forecast {report.forecast.isoformat()} has passed by the end of "
                f"{period} but it is not reported reached; record 'portfolio milestone reach' or a later forecast",
            )
        )
    return findings


def round_items(session: Session, period: Period) -> list[RoundItem]:
    views = milestones_as_of(session, period)
    open_ones = [v for v in views if v.reached_in(period.previous()) is None]
    missing = unreported(views, period)
    if not open_ones:
        return [RoundItem("milestone forecasts", True, "no open milestones")]
    if not missing:
        return [RoundItem("milestone forecasts", True, f"{len(open_ones)} open milestone(s) forecast")]
    return [
        RoundItem(
            "milestone forecasts",
            False,
            f"{len(missing)} of {len(open_ones)} open milestone(s) have no forecast: "
            f"portfolio milestone forecast ... --period {period}, or portfolio milestone import FILE",
        )
    ]
