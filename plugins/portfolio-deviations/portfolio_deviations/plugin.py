"""The deviations plugin's hooks: section 6 of the board report, "Avviksmeldinger i DocMap".

Only click, pathlib and portfolio are imported here: ``portfolio --help`` loads every plugin.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.api import hookimpl

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.api import AppContext, CommandGroup, Finding, Period, RoundItem

HERE = Path(__file__).parent

# Default dead bands of the open counts; [report.dead_bands] in portfolio.toml overrides them
# (portfolio_dead_bands declares the keys it may name).
DEAD_BANDS = {"deviations.open_total": 2, "deviations.open_own": 1}


@hookimpl
def portfolio_register_commands(cli: CommandGroup) -> None:
    # Imported only when the command is used: --help lists it from this line.
    cli.add_lazy_command(
        "deviation",
        "portfolio_deviations.cli:deviation_group",
        "Deviations from the quality system (DocMap): section 6 of the report.",
    )
    from portfolio_deviations.examples import EXAMPLES

    for command, examples in EXAMPLES.items():
        cli.add_examples(command, *examples)


@hookimpl
def portfolio_migrations() -> str:
    return str(HERE / "migrations")


@hookimpl
def portfolio_models() -> list[object]:
    from portfolio_deviations.models import MODELS

    return list(MODELS)


@hookimpl
def portfolio_demo(session: Session, app: AppContext) -> None:
    from portfolio_deviations.demo import load_demo

    load_demo(session, app.settings)


@hookimpl
def portfolio_checks(session: Session, period: Period, app: AppContext) -> list[Finding]:
    from portfolio_deviations.checks import deviation_findings

    return deviation_findings(session, period, app.settings)


@hookimpl
def portfolio_round_items(session: Session, period: Period, app: AppContext) -> list[RoundItem]:
    from portfolio_deviations.round import round_items

    return round_items(session, period, app.settings)


@hookimpl
def portfolio_report_sections() -> list[object]:
    from portfolio.api import SectionSpec
    from portfolio_deviations.report import KEY, ORDER, TITLES, build

    return [SectionSpec(key=KEY, titles=TITLES, build=build, order=ORDER)]


@hookimpl
def portfolio_locales() -> str:
    return str(HERE / "locales")


@hookimpl
def portfolio_import_profiles() -> list[Any]:
    from portfolio.api import ImportProfile

    native = {"for": "deviations", "description": "id,title,place,handler,opened,closed,category"}
    docmap = {
        "for": "deviations",
        "description": "DocMap's deviation export (Norwegian columns, day-first dates with a time)",
        "columns": {
            "Avviksnr": "id",
            "Tittel": "title",
            "Hendelsessted": "place",
            "Behandles av": "handler",
            "Opprettet": "opened",
            "Lukket": "closed",
            "Kategori": "category",
        },
        "dates": "day-first",
        "times": True,
    }
    return [
        ImportProfile.from_table("deviations", native, origin="deviations"),
        ImportProfile.from_table("docmap", docmap, origin="deviations"),
    ]


@hookimpl
def portfolio_import_kinds() -> list[str]:
    return ["deviations"]  # deviation import


@hookimpl
def portfolio_dead_bands() -> dict[str, int]:
    return DEAD_BANDS
