"""``portfolio finance text|investment|liquidity|staffing``: what the section shows beside the
income statement, entered per month."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import click

from portfolio.api import (
    PERIOD,
    AppContext,
    Listing,
    Period,
    emit,
    format_option,
    pass_app,
    set_text_command,
    show_text_command,
)
from portfolio_finance.params import AMOUNT, UNIT
from portfolio_finance.topics import TOPIC_NAMES

if TYPE_CHECKING:
    from portfolio.api import TextKind


def _ore(amount: Decimal | None, unit: int | None) -> int | None:
    from portfolio.api import PortfolioError
    from portfolio_finance.units import to_ore

    if amount is None:
        return None
    if unit is None:
        raise click.UsageError("give --unit kr or --unit 1000: the unit the amounts are in")
    try:
        return to_ore(amount, unit)
    except ValueError as exc:
        raise PortfolioError(str(exc)) from None


# ----------------------------------------------------------------------------- free text


@click.group("text")
def text_group() -> None:
    """Free text per month and topic: the explanations only a person knows."""


def _text_kind() -> TextKind[Any]:
    """Finance's kind of text, imported only when a command runs."""
    from portfolio_finance.texts import FINANCE_TEXT

    return FINANCE_TEXT


text_group.add_command(
    set_text_command(
        _text_kind,
        help="""Set a topic's text from --file, --text, or your editor; empty text removes it.

    Topics, in the section's order: result, revenue, personnel, staffing (joins the FTE
    sentences), costs, summary, investments, liquidity. Paragraphs are separated by blank lines;
    lines starting with '- ' are a bullet list.
    """,
        options=[
            click.option(
                "--topic",
                type=click.Choice(TOPIC_NAMES),
                required=True,
                help="Where in the section the text goes.",
            )
        ],
        saved="the {topic} text for {period}",
        read_first=True,
    )
)
text_group.add_command(
    show_text_command(
        _text_kind,
        help="The month's texts, topic by topic.",
        key_option=click.option("--topic", type=click.Choice(TOPIC_NAMES), help="Only this topic."),
        missing="no {topic} text for {period}; add one with 'portfolio finance text set'",
        listing=Listing([("topic", "Topic"), ("text", "Text")], style="table", order=TOPIC_NAMES),
        formats=True,
    )
)


# ------------------------------------------------------------- project and investment budget


@click.group("investment")
def investment_group() -> None:
    """The project and investment budget: annual budget and accounts to date per row."""


@investment_group.command("set")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--item", required=True, help="The row's key ('portfolio finance lines --investments').")
@click.option("--annual-budget", type=AMOUNT, help="The annual budget (default: as the month before).")
@click.option("--to-date", type=AMOUNT, help="The accounts to the end of the month.")
@click.option("--unit", type=UNIT, help="The unit of the amounts: kr or 1000 (kr).")
@pass_app
def investment_set(
    app: AppContext,
    period: Period,
    item: str,
    annual_budget: Decimal | None,
    to_date: Decimal | None,
    unit: int | None,
) -> None:
    """Set a row's annual budget and accounts to date for a month; sums are computed."""
    from portfolio_finance.investments import set_investment
    from portfolio_finance.settings import finance_settings

    if annual_budget is None and to_date is None:
        raise click.UsageError("nothing to set; give --annual-budget and/or --to-date")
    fs = finance_settings(app.settings)
    with app.writing() as session:
        set_investment(
            session,
            fs.items,
            period,
            item,
            annual_budget=_ore(annual_budget, unit),
            to_date=_ore(to_date, unit),
            start_month=fs.fiscal_year_start,
        )
    click.echo(f"Saved investment item '{item}' for {period}.")


@investment_group.command("show")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@format_option
@pass_app
def investment_show(app: AppContext, period: Period, fmt: str) -> None:
    """The month's rows with sums; amounts in kr."""
    from portfolio_finance.investments import investment_rows
    from portfolio_finance.settings import finance_settings
    from portfolio_finance.units import KR, from_ore

    fs = finance_settings(app.settings)
    with app.reading() as session:
        rows = investment_rows(session, fs.items, period)
    emit(
        [
            {
                "item": row.item.key,
                "label": row.item.nb,
                "annual_budget_kr": from_ore(row.annual_budget, KR),
                "to_date_kr": from_ore(row.to_date, KR),
            }
            for row in rows
        ],
        [
            ("item", "item"),
            ("label", "label"),
            ("annual_budget_kr", "annual_budget_kr"),
            ("to_date_kr", "to_date_kr"),
        ],
        fmt,
    )


# ------------------------------------------------------------------------------ liquidity


@click.group("liquidity")
def liquidity_group() -> None:
    """The credit line: balances (negative while drawn) and the limit."""


@liquidity_group.command("set")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--closing", type=AMOUNT, help="The balance at the end of the month.")
@click.option("--opening", type=AMOUNT, help="The balance when the fiscal year started (default: carried).")
@click.option("--limit", type=AMOUNT, help="The credit limit (default: as the month before).")
@click.option("--unit", type=UNIT, help="The unit of the amounts: kr or 1000 (kr).")
@pass_app
def liquidity_set(
    app: AppContext,
    period: Period,
    closing: Decimal | None,
    opening: Decimal | None,
    limit: Decimal | None,
    unit: int | None,
) -> None:
    """Set the month's credit line balance; a drawn line has a negative balance (--closing=-419892).

    The opening balance is carried within the fiscal year, or taken from the previous year's
    last month; the limit is carried from the latest month.
    """
    from portfolio_finance.liquidity import set_liquidity
    from portfolio_finance.settings import finance_settings

    if closing is None and opening is None and limit is None:
        raise click.UsageError("nothing to set; give --closing, --opening or --limit")
    fs = finance_settings(app.settings)
    with app.writing() as session:
        set_liquidity(
            session,
            period,
            closing=_ore(closing, unit),
            opening=_ore(opening, unit),
            limit=_ore(limit, unit),
            start_month=fs.fiscal_year_start,
        )
    click.echo(f"Saved the credit line for {period}.")


@liquidity_group.command("show")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@format_option
@pass_app
def liquidity_show(app: AppContext, period: Period, fmt: str) -> None:
    """The month's balances, movements, limit and unused credit, in kr."""
    from portfolio.api import NotFoundError, emit_record
    from portfolio_finance.liquidity import liquidity_for
    from portfolio_finance.units import KR, from_ore

    with app.reading() as session:
        liquidity = liquidity_for(session, period)
    if liquidity is None:
        raise NotFoundError(f"no credit line for {period}; enter it with 'portfolio finance liquidity set'")
    emit_record(
        [
            ("opening_kr", "Opening balance (kr)", from_ore(liquidity.opening, KR)),
            ("movements_kr", "Movements (kr)", from_ore(liquidity.movements, KR)),
            ("closing_kr", "Closing balance (kr)", from_ore(liquidity.closing, KR)),
            ("limit_kr", "Limit (kr)", from_ore(liquidity.limit, KR)),
            ("unused_kr", "Unused (kr)", from_ore(liquidity.unused, KR)),
        ],
        fmt,
    )


# ------------------------------------------------------------------------------- staffing


@click.group("staffing")
def staffing_group() -> None:
    """Full-time equivalents (FTE) and the change since the fiscal year started."""


@staffing_group.command("set")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--fte", type=AMOUNT, help="FTE at the end of the month.")
@click.option("--year-start", type=AMOUNT, help="FTE when the fiscal year started (default: carried).")
@pass_app
def staffing_set(app: AppContext, period: Period, fte: Decimal | None, year_start: Decimal | None) -> None:
    """Set the month's FTE count; the start-of-year count is carried within the fiscal year, or
    taken from the previous year's last month."""
    from portfolio_finance.settings import finance_settings
    from portfolio_finance.staffing import set_staffing

    if fte is None and year_start is None:
        raise click.UsageError("nothing to set; give --fte and/or --year-start")
    fs = finance_settings(app.settings)
    with app.writing() as session:
        set_staffing(session, period, fte=fte, year_start_fte=year_start, start_month=fs.fiscal_year_start)
    click.echo(f"Saved the FTE count for {period}.")
