"""The finance plugin's hooks. At module level only click, pathlib and portfolio are imported
(typing's names are for the type checker alone): ``portfolio --help`` loads every plugin, so the
database and report code is imported inside the hooks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.api import hookimpl

if TYPE_CHECKING:
    from sqlmodel import Session, SQLModel

    from portfolio.api import (
        AppContext,
        Block,
        CommandGroup,
        Evidence,
        Finding,
        ImportProfile,
        Period,
        RoundItem,
        SectionContext,
        SectionSpec,
    )

HERE = Path(__file__).parent
SECTION_KEY = "finance"


def _build(ctx: SectionContext) -> list[Block]:
    from portfolio_finance.report import build_section

    return build_section(ctx)


@hookimpl
def portfolio_register_commands(cli: CommandGroup) -> None:
    # Imported only when the command is used: --help lists it from this line.
    cli.add_lazy_command(
        "finance",
        "portfolio_finance.cli:finance_group",
        "Section 2 of the report: income statement, budget, forecast, investments, liquidity, FTE.",
    )
    from portfolio_finance.examples import EXAMPLES

    for command, examples in EXAMPLES.items():
        cli.add_examples(command, *examples)


@hookimpl
def portfolio_migrations() -> str:
    return str(HERE / "migrations")


@hookimpl
def portfolio_models() -> list[type[SQLModel]]:
    from portfolio_finance.models import FINANCE_TABLES

    return list(FINANCE_TABLES)


@hookimpl
def portfolio_demo(session: Session, app: AppContext) -> None:
    from portfolio_finance.demo import load_demo

    load_demo(session, app.settings)


@hookimpl
def portfolio_checks(session: Session, period: Period, app: AppContext) -> list[Finding]:
    from portfolio_finance.checks import finance_findings

    return finance_findings(session, period, app.settings)


@hookimpl
def portfolio_round_items(session: Session, period: Period) -> list[RoundItem]:
    from portfolio_finance.round import round_items

    return round_items(session, period)


@hookimpl
def portfolio_evidence(ctx: SectionContext) -> list[Evidence]:
    from portfolio_finance.project_budgets import overspend_evidence
    from portfolio_finance.settings import finance_settings

    settings = finance_settings(ctx.settings)
    return overspend_evidence(ctx, settings.project_tolerance, settings.unit)


@hookimpl
def portfolio_report_sections() -> list[SectionSpec]:
    from portfolio.api import SectionSpec

    return [SectionSpec(SECTION_KEY, {"nb": "Økonomi", "en": "Finance"}, _build, order=20)]


@hookimpl
def portfolio_locales() -> str:
    return str(HERE / "locales")


@hookimpl
def portfolio_import_profiles() -> list[ImportProfile]:
    from portfolio_finance.profiles import shipped_profiles

    return shipped_profiles()


@hookimpl
def portfolio_import_kinds() -> list[str]:
    return ["finance"]  # finance import, of the line format or a general ledger
