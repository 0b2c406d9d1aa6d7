"""The hook implementations. Imports stay light here: `portfolio --help` loads every plugin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from portfolio.api import Example, hookimpl

HERE = Path(__file__).resolve().parent


@hookimpl
def portfolio_register_commands(cli: Any) -> None:
    # Imported only when the command is used; --help shows this line (the group's own help).
    cli.add_lazy_command("benefits", "portfolio_benefits.cli:group", "Benefits per project and month.")
    # The examples at the end of each command's --help: one line each, showing what works.
    cli.add_examples(
        "benefits add",
        Example(
            "Add an entry for a project in January",
            'portfolio benefits add SMT --period 2024-01 --value "1 250" --description "Licences"',
        ),
    )
    cli.add_examples("benefits list", Example("January's entries", "portfolio benefits list --period 2024-01"))


@hookimpl
def portfolio_migrations() -> str:
    return str(HERE / "migrations")


@hookimpl
def portfolio_models() -> list[Any]:
    from portfolio_benefits.models import Entry

    return [Entry]


@hookimpl
def portfolio_locales() -> str:
    return str(HERE / "locales")


@hookimpl
def portfolio_report_sections() -> list[Any]:
    from portfolio.api import SectionSpec

    from portfolio_benefits.section import build

    return [SectionSpec("benefits", {"nb": "Benefits", "en": "Benefits"}, build, order=45)]


@hookimpl
def portfolio_checks(session: Any, period: Any) -> list[Any]:
    from portfolio.api import Finding

    from portfolio_benefits.service import entries

    if entries(session, period):
        return []
    return [Finding("warning", "benefits-missing", f"no benefits entries for {period}")]


@hookimpl
def portfolio_round_items(session: Any, period: Any) -> list[Any]:
    from portfolio.api import RoundItem

    from portfolio_benefits.service import entries

    found = bool(entries(session, period))
    return [RoundItem("benefits entries", found, "" if found else f"portfolio benefits add PROJECT --period {period} ...")]


@hookimpl
def portfolio_demo(session: Any) -> None:
    from portfolio_benefits.service import load_demo

    load_demo(session)
