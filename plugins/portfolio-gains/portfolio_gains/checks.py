"""What ``portfolio check`` and ``portfolio round`` say about a month's benefits.

Every benefit measured by the month needs the month's realised value until its target date has
passed. The evidence against benefits ratings (``evidence.py``) reaches ``check`` through the
core's evidence hook.
"""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Finding, Period, PortfolioError, RoundItem, Settings
from portfolio_gains.config import load_config
from portfolio_gains.history import BenefitView, benefits_as_of


def measured(views: list[BenefitView], period: Period) -> list[BenefitView]:
    """The benefits still measured in ``period``: from their baseline month up to the month of their target date."""
    return [v for v in views if period <= Period.of(v.target_date)]


def unreported(views: list[BenefitView], period: Period) -> list[BenefitView]:
    """Benefits still measured without a value of the month's own (the baseline month needs none:
    its value is the baseline)."""
    return [v for v in measured(views, period) if period != v.first and period not in v.values]


def benefit_findings(session: Session, period: Period, settings: Settings) -> list[Finding]:
    try:
        load_config(settings)
    except PortfolioError as exc:
        return [Finding("error", "gains-config", str(exc))]
    return [
        Finding(
            "warning",
            "gains-value-missing",
            f"{v.subject} {v.key}: no realised value for {period}; record it with "
            f"'portfolio gain value {v.subject} {v.key} --period {period} --value N'",
        )
        for v in unreported(benefits_as_of(session, period), period)
    ]


def round_items(session: Session, period: Period) -> list[RoundItem]:
    views = measured(benefits_as_of(session, period), period)
    missing = unreported(views, period)
    if not views:
        return [RoundItem("benefit values", True, "no benefits measured")]
    if not missing:
        return [RoundItem("benefit values", True, f"{len(views)} benefit(s) with a value")]
    return [
        RoundItem(
            "benefit values",
            False,
            f"{len(missing)} of {len(views)} benefit(s) have no value: "
            f"portfolio gain value ... --period {period}, or portfolio gain import FILE",
        )
    ]
