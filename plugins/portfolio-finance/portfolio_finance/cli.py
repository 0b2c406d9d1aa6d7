"""``portfolio finance``: the chart of lines, importing and setting figures, the statement.

The database and report code is imported inside the command bodies, so ``portfolio --help``
stays light.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from portfolio.api import (
    LANGUAGES,
    PERIOD,
    AppContext,
    Period,
    dry_run_option,
    echo_rendered,
    emit,
    format_option,
    is_tty,
    pass_app,
    preview_session,
    profile_options,
)
from portfolio_finance.cli_extras import (
    investment_group,
    liquidity_group,
    staffing_group,
    text_group,
)
from portfolio_finance.cli_project_budget import project_budget_group
from portfolio_finance.params import AMOUNT, UNIT


@click.group("finance")
def finance_group() -> None:
    """Section 2 of the report: income statement, budget, forecast, investments, liquidity, FTE."""


def need_unit(unit: int | None, *amounts: Decimal | None) -> None:
    if unit is None and any(a is not None for a in amounts):
        raise click.UsageError("give --unit kr or --unit 1000: the unit the amounts are in")


@finance_group.command("lines")
@click.option("--investments", is_flag=True, help="List the project and investment budget's rows instead.")
@format_option
@pass_app
def lines(app: AppContext, investments: bool, fmt: str) -> None:
    """The chart of lines: keys for imports, labels, how totals and deviations are formed."""
    from portfolio_finance.settings import finance_settings

    fs = finance_settings(app.settings)
    if investments:
        rows = [{"key": i.key, "nb": i.nb, "en": i.en, "of": " + ".join(i.of), "bold": i.bold} for i in fs.items]
        emit(
            rows,
            [
                ("key", "Key"),
                ("nb", "Bokmål"),
                ("en", "English"),
                ("of", "Sum of"),
                ("bold", "Bold"),
            ],
            fmt,
        )
        return
    rows = []
    for entry in fs.chart.entries:
        formula = " ".join(("- " if t.sign < 0 else "+ ") + t.key for t in entry.of).removeprefix("+ ")
        sense = "actual - budget" if fs.chart.senses[entry.key] > 0 else "budget - actual"
        rows.append(
            {
                "key": entry.key,
                "kind": entry.kind,
                "nb": entry.nb,
                "en": entry.en,
                "of": formula,
                "deviation": sense,
            }
        )
    emit(
        rows,
        [
            ("key", "Key"),
            ("kind", "Kind"),
            ("nb", "Bokmål"),
            ("en", "English"),
            ("of", "Computed as"),
            ("deviation", "Deviation"),
        ],
        fmt,
    )


@finance_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--unit", type=UNIT, help="The unit of the amounts (kr or 1000), unless the file states it.")
@click.option(
    "--year",
    type=click.IntRange(1900, 9999),
    help="The fiscal year the file must hold (by its first month's year).",
)
@click.option("--sheet", help="The sheet of an Excel workbook (default: the first).")
@dry_run_option
@profile_options
@click.option("--explain", is_flag=True, help="A general ledger: show the accounts behind each line.")
@click.option(
    "--details",
    is_flag=True,
    help="Preview every line figure, however many (more than 200 are otherwise counted per month).",
)
@pass_app
def import_cmd(
    app: AppContext,
    file: Path,
    unit: int | None,
    year: int | None,
    sheet: str | None,
    dry_run: bool,
    profile: str | None,
    strict_columns: bool,
    explain: bool,
    details: bool,
) -> None:
    """Import monthly figures from a CSV file or an Excel sheet (.xlsx); all or nothing.

    One row per line and month with the columns period, line, and any of actual, budget,
    annual_budget and forecast; the unit in a unit column, in a cell "Enhet: 1000 kr" above a
    sheet's header, or with --unit. Empty cells leave stored values as they are.

    A general ledger (CSV, one row per account and month: account, period, actual and/or
    budget, e.g. with --profile ledger) is summed into the chart's lines by the account mapping
    ([plugins.finance] accounts); what it gives is shown per month before it is stored. So is
    what the line format gives: each line's figures, in kroner, against what is stored; more
    than 200 figures are counted per month (new, changed, unchanged), and --details shows each.
    """
    from portfolio.api import map_columns, resolve_profile
    from portfolio_finance.importer import ALIASES, COLUMNS, import_figures, periods_text
    from portfolio_finance.ledger import LEDGER_ALIASES, LEDGER_COLUMNS
    from portfolio_finance.settings import finance_settings
    from portfolio_finance.sources import read_source

    fs = finance_settings(app.settings)
    table = read_source(file, sheet=sheet, aliases=ALIASES)
    chosen = resolve_profile(app, target="finance", option=profile, source=table.source, comments=table.comments)
    if _is_ledger(table.header, chosen, LEDGER_ALIASES):
        if details:
            raise click.UsageError("--details is for the line format; a general ledger's preview is per month")
        fs.account_map()  # a chart the default mapping does not fit is refused before anything is read
        columns = map_columns(
            table.source,
            table.header,
            chosen,
            LEDGER_COLUMNS,
            required=("account", "period"),
            aliases=LEDGER_ALIASES,
            strict=strict_columns,
        )
        if columns.notice:
            click.echo(f"notice: {columns.notice}", err=True)
        _import_ledger(app, fs, table, columns, chosen, unit=unit, year=year, dry_run=dry_run, explain=explain)
        return
    if explain:
        raise click.UsageError("--explain is for a general ledger (a file with an account column)")
    mapped = None
    if chosen is not None:
        aliases = {key: value for key, value in ALIASES.items()}
        found = map_columns(
            table.source,
            table.header,
            chosen,
            COLUMNS,
            required=("period", "line"),
            aliases=aliases,
            strict=strict_columns,
        )
        if found.notice:
            click.echo(f"notice: {found.notice}", err=True)
        mapped = dict(found.columns)
    from portfolio_finance.preview import line_preview

    with preview_session(app, dry_run) as session:
        result = import_figures(
            session,
            file,
            fs.chart,
            start_month=fs.fiscal_year_start,
            unit_option=unit,
            year=year,
            sheet=sheet,
            table=table,
            columns=mapped,
            profile=chosen,
        )
        for text in line_preview(session, result.periods, result.before, details=details):
            click.echo(text, nl=False)
    verb = "Checked" if dry_run else "Imported"
    click.echo(
        f"{verb} {result.rows} row(s) for {periods_text(result.periods)} in {result.unit}"
        + ("; nothing stored." if dry_run else ".")
    )


def _is_ledger(header: list[str], profile: Any, aliases: dict[str, str]) -> bool:
    """A general ledger has an account column (by the profile's names or the aliases)."""
    from portfolio.api import column_key

    renames = dict(profile.columns) if profile is not None else {}
    return any((renames.get(column_key(n)) or aliases.get(column_key(n)) or column_key(n)) == "account" for n in header)


def _import_ledger(
    app: AppContext,
    fs: Any,
    table: Any,
    columns: Any,
    profile: Any,
    *,
    unit: int | None,
    year: int | None,
    dry_run: bool,
    explain: bool,
) -> None:
    from portfolio.api import PortfolioError
    from portfolio_finance.figures import FigureWriter
    from portfolio_finance.importer import periods_text
    from portfolio_finance.ledger import LEDGER_AMOUNTS, preview_blocks, stored_figures, sum_ledger
    from portfolio_finance.terminal import render
    from portfolio_finance.units import unit_label

    if not any(name in columns for name in LEDGER_AMOUNTS):
        raise PortfolioError(
            f"{table.source}: no amount column; a ledger needs actual (regnskap) and/or budget (budsjett)"
        )
    from portfolio.api import ImportProfile

    sums = sum_ledger(
        table,
        columns,
        profile or ImportProfile("native"),
        fs.chart,
        fs.account_map(),
        start_month=fs.fiscal_year_start,
        unit_option=unit,
        year=year,
        signs=fs.ledger_signs,
    )
    lang = app.settings.lang
    through = f" (profile '{profile.name}')" if profile is not None else ""
    lines = len({line for _period, line in sums.lines})
    skipped = f", {sums.skipped} row(s) of ignored accounts skipped" if sums.skipped else ""
    click.echo(
        f"{table.source}{through}: {sums.rows} row(s), {sums.account_count} account(s) summed into {lines} line(s) "
        f"for {periods_text(sums.periods)} in {unit_label(sums.unit)}{skipped}."
    )
    with app.reading() if dry_run else app.writing() as session:
        stored = stored_figures(session, sums.periods)
        blocks = preview_blocks(sums, stored, fs.chart, unit=fs.unit, lang=lang, explain=explain)
        click.echo(render(blocks, lang), nl=False)  # type: ignore[arg-type]
        if dry_run:
            click.echo("Dry run: nothing stored.")
            return
        writer = FigureWriter(session, fs.fiscal_year_start)
        figures = sums.figures()
        writer.add(figures)
        writer.finish()
    click.echo(f"Imported {len(figures)} line figure(s) for {periods_text(sums.periods)}.")


@finance_group.command("set")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option(
    "--line",
    "line_text",
    required=True,
    help="The line's key or label ('portfolio finance lines').",
)
@click.option("--actual", type=AMOUNT, help="The month's actual amount.")
@click.option("--budget", type=AMOUNT, help="The month's budget.")
@click.option("--annual-budget", type=AMOUNT, help="The budget for the whole fiscal year.")
@click.option("--forecast", type=AMOUNT, help="The year-end forecast, as of this month.")
@click.option("--unit", type=UNIT, help="The unit of the amounts: kr or 1000 (kr).")
@click.option("--clear", is_flag=True, help="Remove the line's figures for the month instead.")
@click.option(
    "--clear-annual-budget",
    is_flag=True,
    help="Remove the line's annual budget for the fiscal year instead.",
)
@pass_app
def set_cmd(
    app: AppContext,
    period: Period,
    line_text: str,
    actual: Decimal | None,
    budget: Decimal | None,
    annual_budget: Decimal | None,
    forecast: Decimal | None,
    unit: int | None,
    clear: bool,
    clear_annual_budget: bool,
) -> None:
    """Set one line's figures for a month; amounts not given keep their stored values.

    Negative amounts: --actual=-3109 or --actual "-3 109".
    """
    from portfolio.api import PortfolioError
    from portfolio_finance.figures import FigureInput, clear_figures, save_figures
    from portfolio_finance.importer import unknown_line
    from portfolio_finance.settings import finance_settings
    from portfolio_finance.units import to_ore

    fs = finance_settings(app.settings)
    entry = fs.chart.find(line_text)
    if entry is None:
        raise PortfolioError(unknown_line(line_text, fs.chart))
    amounts = (actual, budget, annual_budget, forecast)
    if clear or clear_annual_budget:
        if any(a is not None for a in amounts):
            raise click.UsageError("--clear and --clear-annual-budget take no amounts")
        with app.writing() as session:
            removed = clear_figures(
                session,
                period,
                entry.key,
                fs.fiscal_year_start,
                month=clear,
                annual=clear_annual_budget,
            )
        click.echo(f"Removed {removed} row(s) of '{entry.key}' for {period}.")
        return
    if all(a is None for a in amounts):
        raise click.UsageError("nothing to set; give --actual, --budget, --annual-budget or --forecast")
    need_unit(unit, *amounts)
    assert unit is not None
    try:
        ore = [None if a is None else to_ore(a, unit) for a in amounts]
    except ValueError as exc:
        raise PortfolioError(str(exc)) from None
    item = FigureInput(period, entry.key, unit, ore[0], ore[1], ore[3], ore[2])
    with app.writing() as session:
        save_figures(session, [item], fs.fiscal_year_start)
    click.echo(f"Saved '{entry.key}' for {period}.")


@finance_group.command("show")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the labels.")
@click.option("--all", "whole", is_flag=True, help="The whole section, as the report shows it.")
@click.option("--color/--no-color", default=None, help="Bold totals (default: when a terminal).")
@format_option
@pass_app
def show(app: AppContext, period: Period, lang: str | None, whole: bool, color: bool | None, fmt: str) -> None:
    """The income statement for a month, as in the report; csv and json give exact amounts in kr."""
    from portfolio_finance.report import build_section, statement_table
    from portfolio_finance.settings import finance_settings
    from portfolio_finance.statement import build_statement
    from portfolio_finance.terminal import render, section_context

    fs = finance_settings(app.settings)
    lang = lang or app.settings.lang
    with app.reading() as session:
        context = section_context(app, session, period, lang)
        statement = build_statement(session, fs.chart, period, fs.fiscal_year_start)
        blocks: list[Any] = build_section(context) if whole else []
        if not whole and statement.has_figures:
            blocks = [statement_table(context, statement, fs)]
    if fmt == "table":
        if not blocks:
            raise _no_figures(period)
        colour = is_tty() if color is None else color
        echo_rendered(render(blocks, lang, colour=colour), colour=colour, nl=False)
        return
    if not statement.has_figures:
        raise _no_figures(period)
    emit(_statement_rows(statement, lang), STATEMENT_COLUMNS, fmt)


def _no_figures(period: Period) -> Exception:
    from portfolio.api import NotFoundError

    return NotFoundError(f"no finance figures for {period}; import them with 'portfolio finance import'")


STATEMENT_COLUMNS = [
    ("key", "key"),
    ("label", "label"),
    ("kind", "kind"),
    ("actual_kr", "actual_kr"),
    ("budget_kr", "budget_kr"),
    ("deviation_kr", "deviation_kr"),
    ("ytd_actual_kr", "ytd_actual_kr"),
    ("ytd_budget_kr", "ytd_budget_kr"),
    ("ytd_deviation_kr", "ytd_deviation_kr"),
    ("annual_budget_kr", "annual_budget_kr"),
    ("forecast_kr", "forecast_kr"),
]


def _statement_rows(statement: Any, lang: str) -> list[dict[str, Any]]:
    from portfolio_finance.units import KR, from_ore

    rows = []
    for row in statement.rows:
        rows.append(
            {
                "key": row.key,
                "label": row.entry.label(lang),
                "kind": row.entry.kind,
                "actual_kr": from_ore(row.month.actual, KR),
                "budget_kr": from_ore(row.month.budget, KR),
                "deviation_kr": from_ore(row.month.deviation(row.sense), KR),
                "ytd_actual_kr": from_ore(row.ytd.actual, KR),
                "ytd_budget_kr": from_ore(row.ytd.budget, KR),
                "ytd_deviation_kr": from_ore(row.ytd.deviation(row.sense), KR),
                "annual_budget_kr": from_ore(row.annual_budget, KR),
                "forecast_kr": from_ore(row.forecast, KR),
            }
        )
    return rows


finance_group.add_command(text_group)
finance_group.add_command(investment_group)
finance_group.add_command(liquidity_group)
finance_group.add_command(staffing_group)
finance_group.add_command(project_budget_group)
