"""The hr plugin's hook implementations: section 5 of the board report, HR/HMS.

Only click, pathlib and portfolio are imported here: ``portfolio --help`` loads this module,
and the database and report layers are imported inside the hooks that need them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.api import hookimpl

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.api import AppContext, CommandGroup, Finding, Period

HERE = Path(__file__).parent

# Default dead bands of the sick-leave trends, in percentage points; [report.dead_bands] in
# portfolio.toml overrides them (portfolio_dead_bands declares the keys it may name).
DEAD_BANDS: dict[str, str] = {
    "hr.sick_leave.total": "0.2",
    "hr.sick_leave.short_term": "0.2",
    "hr.sick_leave.long_term": "0.2",
}
IMPORT_KINDS = ["hr.sick-leave", "hr.aml"]  # the profiles' `for`: hr import sick-leave, hr import aml


@hookimpl
def portfolio_register_commands(cli: CommandGroup) -> None:
    # Imported only when the command is used: --help lists it from this line.
    cli.add_lazy_command(
        "hr",
        "portfolio_hr.cli:hr_group",
        "HR/HMS: sick leave, AML breaches and the month's HMS text (report section 5).",
    )
    from portfolio_hr.examples import EXAMPLES

    for command, examples in EXAMPLES.items():
        cli.add_examples(command, *examples)


@hookimpl
def portfolio_migrations() -> str:
    return str(HERE / "migrations")


@hookimpl
def portfolio_models() -> list[Any]:
    from portfolio_hr.models import TABLES

    return list(TABLES)


@hookimpl
def portfolio_demo(session: Session, app: AppContext) -> None:
    from portfolio_hr.demo import load_demo

    load_demo(session, app.settings)


@hookimpl
def portfolio_checks(session: Session, period: Period, app: AppContext) -> list[Finding]:
    from portfolio_hr.checks import hr_findings

    return hr_findings(session, period, app.settings)


@hookimpl
def portfolio_round_items(session: Session, period: Period) -> list[Any]:
    from portfolio_hr.round import round_items

    return round_items(session, period)


@hookimpl
def portfolio_report_sections() -> list[Any]:
    from portfolio_hr.section import sections

    return sections()


@hookimpl
def portfolio_locales() -> str:
    return str(HERE / "locales")


@hookimpl
def portfolio_import_profiles() -> list[Any]:
    from portfolio_hr.profiles import shipped_profiles

    return shipped_profiles()


@hookimpl
def portfolio_import_kinds() -> list[str]:
    return IMPORT_KINDS


@hookimpl
def portfolio_dead_bands() -> dict[str, str]:
    return DEAD_BANDS
