"""What ``portfolio check`` says about the services section before a month goes to the board."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from portfolio.api import Finding, Period, PortfolioError
from portfolio_services.config import config_of
from portfolio_services.models import OperationsMonth, SupportMonth


def findings(session: Session, period: Period, settings: Any) -> list[Finding]:
    try:
        config = config_of(settings)
    except PortfolioError as exc:
        return [Finding("error", "services-config", str(exc))]
    result: list[Finding] = []
    support = session.get(SupportMonth, str(period))
    if support is None:
        result.append(
            Finding(
                "warning",
                "services-support-missing",
                f"no support-desk figures for {period}; "
                f"add them with 'portfolio service record support --period {period} ...'",
            )
        )
    else:
        what = {
            "answered": "answered within one minute",
            "first-line": "resolved at the first line",
        }
        for key, attribute, target in config.targets():
            share = getattr(support, attribute)
            if share < target:
                result.append(
                    Finding(
                        "info",
                        "services-below-target",
                        f"support desk {period}: {share.normalize():f} % {what[key]}, below the "
                        f"target of {target.normalize():f} %",
                    )
                )
    if session.get(OperationsMonth, str(period)) is None:
        result.append(
            Finding(
                "warning",
                "services-incidents-missing",
                f"no incident figures for {period}; "
                f"add them with 'portfolio service record incidents --period {period} ...'",
            )
        )
    return result
