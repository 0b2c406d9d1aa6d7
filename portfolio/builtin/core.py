"""The core's own plugin: its tables, demo data and checks, contributed through the same hooks as any plugin."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portfolio import hookimpl

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.findings import Finding
    from portfolio.period import Period


@hookimpl
def portfolio_models() -> list[Any]:
    from portfolio.models import CORE_TABLES

    return list(CORE_TABLES)


@hookimpl(tryfirst=True)  # the plugins' demo data refer to the core's projects and months
def portfolio_demo(session: Session, app: AppContext) -> None:
    from portfolio.demo.loader import load_demo

    load_demo(session, app.settings)


@hookimpl
def portfolio_checks(session: Session, period: Period, app: AppContext) -> list[Finding]:
    from portfolio.builtin.core_checks import core_findings

    return core_findings(session, period, app.settings)


@hookimpl
def portfolio_report_sections() -> list[Any]:
    from portfolio.report.core_sections import core_sections

    return core_sections()
