"""The benefits plugin's hook implementations.

Only click, pathlib and portfolio are imported here: ``portfolio --help`` loads this module,
and the database and report layers are imported inside the hooks that need them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.api import hookimpl

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.api import AppContext, CommandGroup, Evidence, Finding, Period, RoundItem, SectionContext

HERE = Path(__file__).parent


@hookimpl
def portfolio_register_commands(cli: CommandGroup) -> None:
    # Imported only when the command is used: --help lists it from this line.
    cli.add_lazy_command(
        "gain",
        "portfolio_gains.cli:gain_group",
        "Benefits per project or program: baseline, target and the value realised each month.",
    )
    from portfolio_gains.examples import EXAMPLES

    for command, examples in EXAMPLES.items():
        cli.add_examples(command, *examples)


@hookimpl
def portfolio_migrations() -> str:
    return str(HERE / "migrations")


@hookimpl
def portfolio_models() -> list[Any]:
    from portfolio_gains.models import TABLES

    return list(TABLES)


@hookimpl
def portfolio_demo(session: Session, app: AppContext) -> None:
    from portfolio.api import store_settings
    from portfolio_gains import PLUGIN_NAME
    from portfolio_gains.demo import DEMO_SETTINGS, load_demo

    store_settings(session, PLUGIN_NAME, DEMO_SETTINGS, settings=app.settings)
    load_demo(session)


@hookimpl
def portfolio_checks(session: Session, period: Period, app: AppContext) -> list[Finding]:
    from portfolio_gains.checks import benefit_findings

    return benefit_findings(session, period, app.settings)


@hookimpl
def portfolio_round_items(session: Session, period: Period) -> list[RoundItem]:
    from portfolio_gains.checks import round_items

    return round_items(session, period)


@hookimpl
def portfolio_evidence(ctx: SectionContext) -> list[Evidence]:
    from portfolio_gains.evidence import benefit_evidence

    return benefit_evidence(ctx)


@hookimpl
def portfolio_report_sections() -> list[Any]:
    from portfolio_gains.report import sections

    return sections()


@hookimpl
def portfolio_locales() -> str:
    return str(HERE / "locales")
