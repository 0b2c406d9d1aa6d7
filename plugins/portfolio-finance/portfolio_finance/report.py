"""Section 2, Finance (Økonomi): the income statement, revenue and costs with their sentences and
free text, the project and investment budget, and the credit line, laid out as in the seed."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from portfolio.api import (
    Block,
    Column,
    ColumnGroup,
    Heading,
    Note,
    Paragraph,
    Row,
    Run,
    SectionContext,
    Table,
    text_blocks,
)
from portfolio_finance import commentary
from portfolio_finance.fiscal import year_label
from portfolio_finance.settings import FinanceSettings, finance_settings
from portfolio_finance.statement import Statement, build_statement
from portfolio_finance.units import from_ore

if TYPE_CHECKING:
    from portfolio_finance.investments import InvestmentRow
    from portfolio_finance.liquidity import Liquidity


def build_section(ctx: SectionContext) -> list[Block]:
    from portfolio_finance.investments import investment_rows
    from portfolio_finance.liquidity import liquidity_for
    from portfolio_finance.staffing import staffing_for
    from portfolio_finance.texts import texts_for

    fs = finance_settings(ctx.settings)
    statement = build_statement(ctx.session, fs.chart, ctx.period, fs.fiscal_year_start)
    texts = texts_for(ctx.session, ctx.period)
    staffing = staffing_for(ctx.session, ctx.period)
    month = commentary.month_word(ctx, ctx.period)
    calendar_year = fs.fiscal_year_start == 1

    blocks: list[Block] = [Heading(ctx.t("Result {month}", month=month))]
    if not statement.has_figures:
        blocks.append(Note(ctx.t("No finance figures have been entered for {period}.", period=str(ctx.period))))
    else:
        blocks.append(Paragraph.of(ctx.t("The table below shows the budget and the result for {month}.", month=month)))
        blocks.append(statement_table(ctx, statement, fs))
        blocks += _paragraph(commentary.result_sentences(ctx, statement, statement.get(fs.result_total)))
    blocks += _free(texts, "result")

    revenue = commentary.total_sentence(ctx, statement, statement.get(fs.revenue_total), "revenue")
    revenue += commentary.line_sentences(ctx, statement, ("revenue",), fs.line_threshold)
    if revenue or texts.get("revenue"):
        blocks.append(Heading(ctx.t("Revenue")))
        blocks += _paragraph(revenue) + _free(texts, "revenue")

    costs = commentary.total_sentence(ctx, statement, statement.get(fs.cost_total), "costs")
    costs += commentary.line_sentences(ctx, statement, ("cost", "financial"), fs.line_threshold)
    staffing_text = commentary.staffing_sentences(ctx, staffing, calendar_year) if staffing else []
    if costs or staffing_text or any(texts.get(t) for t in ("personnel", "staffing", "costs")):
        blocks.append(Heading(ctx.t("Costs")))
        blocks += _paragraph(costs) + _free(texts, "personnel")
        blocks += _joined(staffing_text, _free(texts, "staffing"))
        blocks += _free(texts, "costs")

    forecast = commentary.forecast_sentences(ctx, statement.get(fs.result_total))
    if forecast or texts.get("summary"):
        blocks.append(Heading(ctx.t("Summary")))
        blocks += _free(texts, "summary") + _paragraph(forecast)

    blocks += investment_blocks(ctx, fs, investment_rows(ctx.session, fs.items, ctx.period), texts)
    blocks += liquidity_blocks(ctx, fs, liquidity_for(ctx.session, ctx.period), statement, texts)
    return blocks


def _paragraph(sentences: list[str]) -> list[Block]:
    return [Paragraph.of(" ".join(sentences))] if sentences else []


def _free(texts: dict[str, str], topic: str) -> list[Block]:
    return text_blocks(texts[topic]) if texts.get(topic) else []


def _joined(sentences: list[str], free: list[Block]) -> list[Block]:
    """Generated sentences run on into the person's first paragraph, as the seed's FTE paragraph."""
    if not sentences:
        return free
    if free and isinstance(free[0], Paragraph):
        first = free[0]
        return [Paragraph((Run(" ".join(sentences) + " "), *first.runs)), *free[1:]]
    return [*_paragraph(sentences), *free]


def unit_note(ctx: SectionContext, unit: int, *, all_amounts: bool) -> str:
    if all_amounts:
        return ctx.t("All amounts in NOK thousands") if unit == 1000 else ctx.t("All amounts in NOK")
    return ctx.t("Figures in NOK thousands") if unit == 1000 else ctx.t("Figures in NOK")


def statement_table(ctx: SectionContext, statement: Statement, fs: FinanceSettings) -> Table:
    """Resultatrapport: the month, the year to date and the annual budget (and forecast, if any)."""
    month_title = ctx.fmt.month_name(statement.period)
    actual, budget, deviation = ctx.t("Actual"), ctx.t("Budget"), ctx.t("Deviation")
    columns = [
        Column("line", ""),
        Column("actual", actual, "amount"),
        Column("budget", budget, "amount"),
        Column("deviation", deviation, "amount"),
        Column("ytd_actual", actual, "amount"),
        Column("ytd_budget", budget, "amount"),
        Column("ytd_deviation", deviation, "amount"),
        Column("annual_budget", "", "amount"),
    ]
    groups = [
        ColumnGroup("", 1),
        ColumnGroup(month_title, 3),
        ColumnGroup(ctx.t("{month}, year to date", month=month_title), 3),
        ColumnGroup(ctx.t("Budget"), 1),
    ]
    with_forecast = statement.has_forecast
    if with_forecast:
        columns.append(Column("forecast", "", "amount"))
        groups.append(ColumnGroup(ctx.t("Forecast"), 1))

    def amount(ore: int | None) -> Decimal | None:
        return from_ore(ore, fs.unit)

    rows = []
    for row in statement.rows:
        cells = [
            row.entry.label(ctx.lang),
            amount(row.month.actual),
            amount(row.month.budget),
            amount(row.month.deviation(row.sense)),
            amount(row.ytd.actual),
            amount(row.ytd.budget),
            amount(row.ytd.deviation(row.sense)),
            amount(row.annual_budget),
        ]
        if with_forecast:
            cells.append(amount(row.forecast))
        rows.append(Row(tuple(cells), bold=row.entry.bold))
    return Table(
        columns=tuple(columns),
        rows=tuple(rows),
        title=ctx.t("Income statement {year}", year=year_label(statement.year_start)),
        groups=tuple(groups),
        unit_note=unit_note(ctx, fs.unit, all_amounts=False),
    )


def investment_blocks(
    ctx: SectionContext, fs: FinanceSettings, rows: list[InvestmentRow], texts: dict[str, str]
) -> list[Block]:
    """Prosjekt- og investeringsbudsjett: annual budget and accounts to date per row, with sums."""
    from portfolio_finance.fiscal import year_start

    if not rows and not texts.get("investments"):
        return []
    blocks: list[Block] = [Heading(ctx.t("Project and investment budget"))]
    if rows:
        start = year_start(ctx.period, fs.fiscal_year_start)
        table = Table(
            columns=(
                Column("item", ""),
                Column("annual_budget", ctx.t("Annual budget, approved and funded projects"), "amount"),
                Column(
                    "to_date",
                    ctx.t("Accounts as of {month}", month=commentary.month_word(ctx, ctx.period)),
                    "amount",
                ),
            ),
            rows=tuple(
                Row(
                    (
                        row.item.label(ctx.lang),
                        from_ore(row.annual_budget, fs.unit),
                        from_ore(row.to_date, fs.unit),
                    ),
                    bold=row.item.bold,
                )
                for row in rows
            ),
            title=ctx.t("Project and investment budget {year}", year=year_label(start)),
            unit_note=unit_note(ctx, fs.unit, all_amounts=True),
        )
        blocks.append(table)
    return blocks + _free(texts, "investments")


def liquidity_blocks(
    ctx: SectionContext,
    fs: FinanceSettings,
    liquidity: Liquidity | None,
    statement: Statement,
    texts: dict[str, str],
) -> list[Block]:
    """Likviditet: the credit line's opening and closing balance and movements, then sentences."""
    if liquidity is None and not texts.get("liquidity"):
        return []
    blocks: list[Block] = [Heading(ctx.t("Liquidity"))]
    if liquidity is not None:
        start = statement.year_start
        opening = commentary.short_date(ctx, start.first_day)
        closing = commentary.short_date(ctx, ctx.period.last_day)
        blocks.append(
            Table(
                columns=(Column("item", ""), Column("amount", ctx.t("Amount"), "amount")),
                rows=(
                    Row(
                        (
                            ctx.t("Opening balance {date}", date=opening),
                            from_ore(liquidity.opening, fs.unit),
                        )
                    ),
                    Row((ctx.t("Movements year to date"), from_ore(liquidity.movements, fs.unit))),
                    Row(
                        (
                            ctx.t("Closing balance {date}", date=closing),
                            from_ore(liquidity.closing, fs.unit),
                        )
                    ),
                ),
                title=ctx.t("Credit line"),
                unit_note=unit_note(ctx, fs.unit, all_amounts=True),
            )
        )
        blocks += _paragraph(commentary.liquidity_sentences(ctx, liquidity, start))
    return blocks + _free(texts, "liquidity")
