"""Generated sentences in the seed's style, stating what the figures show, in both languages.

"Inntektene pr. januar er samlet sett 4,4 mill. kr lavere enn budsjettert." The explanations
(why) are a person's free text; these sentences only state the what, so they are never stale.
Amounts in sentences are millions with one decimal, computed from the exact øre.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from portfolio.api import Period, SectionContext
from portfolio_finance.fiscal import year_label
from portfolio_finance.liquidity import Liquidity
from portfolio_finance.staffing import Staffing
from portfolio_finance.statement import Statement, StatementRow

ORE_PER_THOUSAND = 100_000


def month_word(ctx: SectionContext, period: Period) -> str:
    """The month's name as it reads inside a sentence: 'januar' (nb), 'January' (en)."""
    name = ctx.fmt.month_name(period, with_year=False)
    return name.lower() if ctx.lang == "nb" else name


def short_date(ctx: SectionContext, day: dt.date) -> str:
    """'31.1.2024' (nb, as the seed writes it) or '31 Jan 2024' (en), by Babel."""
    from babel.dates import format_date

    if ctx.lang == "nb":
        return format_date(day, format="d.M.y", locale="nb_NO")
    return format_date(day, format="d MMM y", locale="en_GB")


def millions(ctx: SectionContext, ore: int, decimals: int = 1) -> str:
    return ctx.fmt.millions(Decimal(ore) / ORE_PER_THOUSAND, decimals)


def _is_zero(ctx: SectionContext, ore: int, decimals: int = 1) -> bool:
    return millions(ctx, abs(ore), decimals) == millions(ctx, 0, decimals)


def result_sentences(ctx: SectionContext, statement: Statement, row: StatementRow | None) -> list[str]:
    """The result's budget deviation for the month, and after the first month the year to date."""
    if row is None:
        return []
    month = month_word(ctx, statement.period)
    sentences = []
    deviation = row.month.deviation(row.sense)
    if deviation is not None:
        amount = millions(ctx, abs(deviation))
        if _is_zero(ctx, deviation):
            sentences.append(ctx.t("The result for {month} is in line with the budget.", month=month))
        elif deviation > 0:
            sentences.append(
                ctx.t(
                    "The result for {month} shows a positive budget deviation of NOK {amount} million.",
                    month=month,
                    amount=amount,
                )
            )
        else:
            sentences.append(
                ctx.t(
                    "The result for {month} shows a negative budget deviation of NOK {amount} million.",
                    month=month,
                    amount=amount,
                )
            )
    ytd = row.ytd.deviation(row.sense)
    if statement.period != statement.year_start and ytd is not None:
        amount = millions(ctx, abs(ytd))
        if _is_zero(ctx, ytd):
            sentences.append(ctx.t("Year to date, the result is in line with the budget."))
        elif ytd > 0:
            sentences.append(
                ctx.t(
                    "Year to date, the result shows a positive budget deviation of NOK {amount} million.",
                    amount=amount,
                )
            )
        else:
            sentences.append(
                ctx.t(
                    "Year to date, the result shows a negative budget deviation of NOK {amount} million.",
                    amount=amount,
                )
            )
    return sentences


def forecast_sentences(ctx: SectionContext, row: StatementRow | None) -> list[str]:
    """The year-end forecast for the result beside its annual budget."""
    if row is None or row.forecast is None:
        return []
    if row.forecast == 0 and row.annual_budget == 0:
        return [ctx.t("The year-end forecast for the result is break-even, in line with the annual budget.")]
    forecast = millions(ctx, row.forecast)
    if row.annual_budget is None:
        return [ctx.t("The year-end forecast for the result is NOK {forecast} million.", forecast=forecast)]
    return [
        ctx.t(
            "The year-end forecast for the result is NOK {forecast} million, against an annual "
            "budget of NOK {budget} million.",
            forecast=forecast,
            budget=millions(ctx, row.annual_budget),
        )
    ]


def total_sentence(ctx: SectionContext, statement: Statement, row: StatementRow | None, kind: str) -> list[str]:
    """Total revenue or costs for the year to date: higher or lower than budgeted, by how much."""
    if row is None or row.ytd.actual is None or row.ytd.budget is None:
        return []
    month = month_word(ctx, statement.period)
    difference = row.ytd.actual - row.ytd.budget
    amount = millions(ctx, abs(difference))
    if kind == "revenue":
        if _is_zero(ctx, difference):
            return [ctx.t("Revenue as of {month} is in total in line with the budget.", month=month)]
        if difference < 0:
            return [
                ctx.t(
                    "Revenue as of {month} is in total NOK {amount} million lower than budgeted.",
                    month=month,
                    amount=amount,
                )
            ]
        return [
            ctx.t(
                "Revenue as of {month} is in total NOK {amount} million higher than budgeted.",
                month=month,
                amount=amount,
            )
        ]
    if _is_zero(ctx, difference):
        return [ctx.t("Costs as of {month} are in total in line with the budget.", month=month)]
    if difference < 0:
        return [
            ctx.t(
                "Costs as of {month} are in total NOK {amount} million lower than budgeted.",
                month=month,
                amount=amount,
            )
        ]
    return [
        ctx.t(
            "Costs as of {month} are in total NOK {amount} million higher than budgeted.",
            month=month,
            amount=amount,
        )
    ]


def line_sentences(ctx: SectionContext, statement: Statement, kinds: tuple[str, ...], threshold_kr: int) -> list[str]:
    """A sentence per line of ``kinds`` whose year-to-date deviation reaches the threshold."""
    if threshold_kr <= 0:
        return []
    month = month_word(ctx, statement.period)
    sentences = []
    for row in statement.rows:
        if row.entry.kind not in kinds or row.ytd.actual is None or row.ytd.budget is None:
            continue
        difference = row.ytd.actual - row.ytd.budget
        if abs(difference) < threshold_kr * 100 or _is_zero(ctx, difference):
            continue
        label = row.entry.label(ctx.lang).lstrip("- ").strip()
        amount = millions(ctx, abs(difference))
        if difference < 0:
            sentences.append(
                ctx.t(
                    "{line} is NOK {amount} million below budget as of {month}.",
                    line=label,
                    amount=amount,
                    month=month,
                )
            )
        else:
            sentences.append(
                ctx.t(
                    "{line} is NOK {amount} million above budget as of {month}.",
                    line=label,
                    amount=amount,
                    month=month,
                )
            )
    return sentences


def _fte(ctx: SectionContext, value: Decimal) -> str:
    whole = value == value.to_integral_value()
    return ctx.fmt.number(value, 0 if whole else 1)


def staffing_sentences(ctx: SectionContext, staffing: Staffing, calendar_year: bool) -> list[str]:
    """'Antallet stillinger/månedsverk FTE pr. januar er 473. Dette er en økning på 3 siden
    årsskiftet.'"""
    month = month_word(ctx, staffing.period)
    sentences = [
        ctx.t(
            "The number of positions (FTE) as of {month} is {fte}.",
            month=month,
            fte=_fte(ctx, staffing.fte),
        )
    ]
    change = staffing.change
    amount = _fte(ctx, abs(change))
    if change == 0:
        sentences.append(
            ctx.t("This is unchanged since the turn of the year.")
            if calendar_year
            else ctx.t("This is unchanged since the start of the fiscal year.")
        )
    elif change > 0:
        sentences.append(
            ctx.t("This is an increase of {change} since the turn of the year.", change=amount)
            if calendar_year
            else ctx.t("This is an increase of {change} since the start of the fiscal year.", change=amount)
        )
    else:
        sentences.append(
            ctx.t("This is a decrease of {change} since the turn of the year.", change=amount)
            if calendar_year
            else ctx.t("This is a decrease of {change} since the start of the fiscal year.", change=amount)
        )
    return sentences


def liquidity_sentences(ctx: SectionContext, liquidity: Liquidity, start: Period) -> list[str]:
    """What the credit line table shows, the change in what is drawn, the limit and the headroom."""
    opening = short_date(ctx, start.first_day)
    closing = short_date(ctx, liquidity.period.last_day)
    year = year_label(start)
    sentences = [
        ctx.t(
            "The table shows the balance of the credit line at {opening} and {closing} and the "
            "movements in the period.",
            opening=opening,
            closing=closing,
        )
    ]
    change = liquidity.drawn_change
    if _is_zero(ctx, change):
        sentences.append(ctx.t("The amount drawn on the credit line is unchanged in {year}.", year=year))
    elif change > 0:
        sentences.append(
            ctx.t(
                "The amount drawn on the credit line has increased by NOK {amount} million in {year}.",
                amount=millions(ctx, change),
                year=year,
            )
        )
    else:
        sentences.append(
            ctx.t(
                "The amount drawn on the credit line has decreased by NOK {amount} million in {year}.",
                amount=millions(ctx, -change),
                year=year,
            )
        )
    whole_millions = liquidity.limit % (ORE_PER_THOUSAND * 1000) == 0
    sentences.append(
        ctx.t(
            "The credit limit is NOK {limit} million.",
            limit=millions(ctx, liquidity.limit, 0 if whole_millions else 1),
        )
    )
    unused = liquidity.unused
    if unused >= 0:
        decimals = 0 if unused >= 10 * ORE_PER_THOUSAND * 1000 else 1
        sentences.append(
            ctx.t(
                "The unused credit is about NOK {amount} million at {date}.",
                amount=millions(ctx, unused, decimals),
                date=closing,
            )
        )
    else:
        sentences.append(
            ctx.t(
                "The amount drawn exceeds the credit limit by NOK {amount} million at {date}.",
                amount=millions(ctx, -unused),
                date=closing,
            )
        )
    return sentences
