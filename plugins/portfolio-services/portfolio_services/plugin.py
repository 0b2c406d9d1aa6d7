"""The hook implementations of the services plugin; everything heavy is imported inside them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.api import hookimpl

if TYPE_CHECKING:
    from portfolio.api import CommandGroup

# Default dead bands of the section's trends; [report.dead_bands] in portfolio.toml overrides them
# (portfolio_dead_bands declares the keys it may name).
DEAD_BANDS: dict[str, str | int] = {
    "services.contacts": "5%",
    "services.answered_share": 1,
    "services.first_line_share": 1,
    "services.incidents": "10%",
}
# The profiles' `for`: one per import that reads through a profile (service import KIND)
IMPORT_KINDS = [f"services.{kind}" for kind in ("support", "calls", "incidents", "orders", "hours", "readiness")]


@hookimpl
def portfolio_register_commands(cli: CommandGroup) -> None:
    # Imported only when the command is used: --help lists it from this line.
    cli.add_lazy_command(
        "service",
        "portfolio_services.cli:service_group",
        "Support desk, New services and operations: section 3 of the report.",
    )
    from portfolio_services.examples import EXAMPLES

    for command, examples in EXAMPLES.items():
        cli.add_examples(command, *examples)


@hookimpl
def portfolio_migrations() -> str:
    return str(Path(__file__).parent / "migrations")


@hookimpl
def portfolio_models() -> list[Any]:
    from portfolio_services.models import SERVICES_TABLES

    return list(SERVICES_TABLES)


@hookimpl
def portfolio_demo(session: Any, app: Any) -> None:
    from portfolio_services.demo import load_demo

    load_demo(session, app.settings)


@hookimpl
def portfolio_checks(session: Any, period: Any, app: Any) -> list[Any]:
    from portfolio_services.checks import findings

    return findings(session, period, app.settings)


@hookimpl
def portfolio_round_items(session: Any, period: Any) -> list[Any]:
    from portfolio_services.round import round_items

    return round_items(session, period)


@hookimpl
def portfolio_report_sections() -> list[Any]:
    from portfolio.api import SectionSpec
    from portfolio_services.report import build_section

    return [
        SectionSpec(
            key="services",
            titles={"nb": "Tjenester/produksjon", "en": "Services and operations"},
            build=build_section,
            order=30,
        )
    ]


@hookimpl
def portfolio_locales() -> str:
    return str(Path(__file__).parent / "locales")


@hookimpl
def portfolio_import_profiles() -> list[Any]:
    from portfolio_services.profiles import shipped_profiles

    return shipped_profiles()


@hookimpl
def portfolio_import_kinds() -> list[str]:
    return IMPORT_KINDS


@hookimpl
def portfolio_dead_bands() -> dict[str, str | int]:
    return DEAD_BANDS
