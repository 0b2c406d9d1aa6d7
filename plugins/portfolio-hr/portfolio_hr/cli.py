"""``portfolio hr``: import, set and show sick leave, AML breaches and the month's HMS text.

Module-level imports stay light (click and the core's CLI helpers); the database layer is
imported inside each command.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from portfolio.api import (
    PERIOD,
    AppContext,
    Listing,
    Period,
    dry_run_option,
    emit,
    format_option,
    pass_app,
    preview_session,
    profile_options,
    set_text_command,
    show_text_command,
)
from portfolio_hr.parts import PARTS

if TYPE_CHECKING:
    from portfolio.api import TextKind

FIGURES = (
    ("total", "Total"),
    ("short_term", "Short-term"),
    ("long_term", "Long-term"),
    ("self_certified", "Self-certified"),
    ("doctor_certified", "Doctor-certified"),
)
CLEAR = object()  # an empty option value: remove that figure


class PercentType(click.ParamType):
    """A percentage 0-100 such as 6,05 or 6.05 %; an empty value clears the figure."""

    name = "PERCENT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from portfolio_hr.values import parse_percent

        if value is CLEAR or not isinstance(value, str):
            return value
        if not value.strip():
            return CLEAR
        try:
            return parse_percent(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


PERCENT = PercentType()


def _config(app: AppContext) -> Any:
    from portfolio_hr.config import load_config

    return load_config(app.settings)


@click.group("hr")
def hr_group() -> None:
    """HR/HMS: sick leave, AML breaches and the month's HMS text (report section 5)."""


# ---------------------------------------------------------------- import


@hr_group.group("import")
def import_group() -> None:
    """Import sick leave or AML breaches from a CSV file (all rows or none)."""


def _read(app: AppContext, file: Path, kind: str, profile: str | None, strict_columns: bool) -> Any:
    """The file through its import profile (for ``hr.KIND``): (table, profile or None, each
    column's name as the file writes it); notices on stderr."""
    from portfolio.api import keyed_table, map_columns, read_csv, resolve_profile
    from portfolio_hr.models import PERCENT_FIELDS
    from portfolio_hr.records import AML_ROW_COLUMNS, DAYS_COLUMNS

    known, required = {
        "sick-leave": ((*PERCENT_FIELDS, *DAYS_COLUMNS), ("period",)),
        "aml": (("period", "type", "count", *AML_ROW_COLUMNS), ("type",)),
    }[kind]
    known = tuple(dict.fromkeys(known))
    table = read_csv(file, comment="#", header_comments=True)
    chosen = resolve_profile(app, target=f"hr.{kind}", option=profile, source=table.source, comments=table.comments)
    if chosen is None:
        return table, None, None
    columns = map_columns(table.source, table.header, chosen, known, required=required, strict=strict_columns)
    if columns.notice:
        click.echo(f"notice: {columns.notice}", err=True)
    return keyed_table(table, columns), chosen, dict(columns.columns)


@import_group.command("sick-leave")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@dry_run_option
@profile_options
@pass_app
def import_sick_leave_cmd(
    app: AppContext, file: Path, dry_run: bool, profile: str | None, strict_columns: bool
) -> None:
    """Import sick leave: one row per month with the columns period and total, and optionally
    short_term, long_term, self_certified and doctor_certified (percent). Or records: sick-leave
    days (sick_days, possible_days, per unit or employee) summed per month, weighted by days, or
    percentages per unit combined by [plugins.hr] sick_leave_rule. Each month in the file
    replaces what was stored for it; what each month will hold is shown, against what is stored,
    before it is stored."""
    from portfolio.api import Preview
    from portfolio_hr.importers import import_sick_leave
    from portfolio_hr.preview import sick_leave

    config = _config(app)
    with preview_session(app, dry_run) as session:
        table, chosen, names = _read(app, file, "sick-leave", profile, strict_columns)
        before = sick_leave(session)
        result = import_sick_leave(session, file, config, table, profile=chosen, names=names)
        preview = Preview()
        preview.lines(before, sick_leave(session), months=result.months)
        click.echo(preview.render(), nl=False)
    if not dry_run:
        click.echo(f"Imported sick leave for {_months_text(result.months)}.")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


@import_group.command("aml")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@dry_run_option
@profile_options
@pass_app
def import_aml_cmd(app: AppContext, file: Path, dry_run: bool, profile: str | None, strict_columns: bool) -> None:
    """Import AML breaches: the columns period, type and count, or a 'type' column and one
    column per month (YYYY-MM) where an empty cell is zero, or one row per employee and breach
    (employee, date or period, type), counted per type and month. Each month in the file
    replaces what was stored for it; what each month will hold is shown, against what is stored,
    before it is stored."""
    from portfolio.api import Preview
    from portfolio_hr.importers import import_aml
    from portfolio_hr.preview import aml

    config = _config(app)
    with preview_session(app, dry_run) as session:
        table, chosen, names = _read(app, file, "aml", profile, strict_columns)
        before = aml(session)
        result = import_aml(session, file, config, table, profile=chosen, names=names)
        preview = Preview()
        preview.lines(before, aml(session), months=result.months)
        click.echo(preview.render(), nl=False)
    if dry_run:
        return
    counted = f" from {result.breaches} breach rows" if result.breaches else ""
    click.echo(f"Imported {result.rows} AML breach counts for {_months_text(result.months)}{counted}.")


def _months_text(months: list[Period]) -> str:
    if not months:
        return "no months"
    if len(months) == 1:
        return f"1 month ({months[0]})"
    return f"{len(months)} months ({months[0]} to {months[-1]})"


# ---------------------------------------------------------------- set


@hr_group.group("set")
def set_group() -> None:
    """Record one month's sick leave, an AML breach count or HMS text."""


@set_group.command("sick-leave")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--total", type=PERCENT, help="Total sick leave, percent.")
@click.option("--short-term", type=PERCENT, help="Short-term absence (under 16 days), percent.")
@click.option("--long-term", type=PERCENT, help="Long-term absence, percent.")
@click.option("--self-certified", type=PERCENT, help="Self-certified absence, percent.")
@click.option("--doctor-certified", type=PERCENT, help="Doctor-certified absence, percent.")
@pass_app
def set_sick_leave_cmd(app: AppContext, period: Period, **figures: Any) -> None:
    """Record a month's sick leave. Figures not given keep their value; an empty value
    (--short-term "") removes that figure. A new month needs --total."""
    from portfolio_hr.importers import sum_warnings
    from portfolio_hr.sick_leave import store

    values = {k: (None if v is CLEAR else v) for k, v in figures.items() if v is not None}
    if not values:
        raise click.UsageError("nothing to record; give at least one figure, e.g. --total 6,3")
    config = _config(app)
    with app.writing() as session:
        row = store(session, period, values, replace=False)
        warnings = sum_warnings(row, config)
    click.echo(f"Recorded sick leave for {period}.")
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


@set_group.command("aml")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--type", "kind", required=True, help="Breach type: its key or label ('hr types').")
@click.option("--count", type=click.IntRange(min=0), required=True, help="Number of breaches.")
@pass_app
def set_aml_cmd(app: AppContext, period: Period, kind: str, count: int) -> None:
    """Record the number of AML breaches of one type in a month."""
    from portfolio.api import PortfolioError
    from portfolio_hr.aml import set_count

    config = _config(app)
    try:
        breach = config.breach_type(kind)
    except ValueError as exc:
        raise PortfolioError(str(exc)) from None
    with app.writing() as session:
        set_count(session, period, breach.key, count)
    click.echo(f"Recorded {count} AML breaches of type {breach.key} for {period}.")


def _text_kind() -> TextKind[Any]:
    """HR's kind of text, imported only when a command runs."""
    from portfolio_hr.texts import HR_TEXT

    return HR_TEXT


set_group.add_command(
    set_text_command(
        _text_kind,
        name="text",
        help="""Set the month's HMS text for one part of the section, from --file, --text or your editor.

    Parts: intro (top of the section), sick-leave (after the total chart), certification
    (after the self/doctor-certified chart), short-term, long-term, aml (after the AML table).
    Paragraphs are separated by blank lines; empty text removes the part.
    """,
        options=[
            click.option(
                "--part",
                type=click.Choice(list(PARTS)),
                default="intro",
                show_default=True,
                help="Where in the section the text goes.",
            )
        ],
        saved="the {part} text for {period}",
        read_first=True,
    )
)


# ---------------------------------------------------------------- show


@hr_group.group("show")
def show_group() -> None:
    """Show stored sick leave, AML breaches or HMS text."""


@show_group.command("sick-leave")
@click.option("--year", type=click.IntRange(1900, 9999), help="Calendar year (default: this year).")
@format_option
@pass_app
def show_sick_leave_cmd(app: AppContext, year: int | None, fmt: str) -> None:
    """The year's months with their figures and possible working days (when imported from days);
    the table format ends with the year's average, computed as the report does (sick_leave_rule)."""
    from portfolio_hr.sick_leave import average, months
    from portfolio_hr.wording import rounded

    weighted = _config(app).sick_leave_rule == "weighted"
    year = year or dt.date.today().year
    periods = Period(year, 1).range_to(Period(year, 12))
    with app.reading() as session:
        rows = months(session, periods)
        data = [
            {"period": str(p), **{name: getattr(rows[p], name) for name, _ in (*FIGURES, ("possible_days", ""))}}
            for p in periods
            if p in rows
        ]
    columns = [("period", "Period"), *((name, f"{label} %") for name, label in FIGURES), ("possible_days", "Days")]
    if fmt == "table" and data:
        weights = [row["possible_days"] for row in data] if weighted else None
        means = {name: average((row[name] for row in data), weights) for name, _ in FIGURES}
        data.append(
            {
                "period": "average",
                **{k: rounded(v) if v is not None else None for k, v in means.items()},
            }
        )
    emit(data, columns, fmt)


@show_group.command("aml")
@click.option("--period", type=PERIOD, required=True, help="The report month, YYYY-MM.")
@format_option
@pass_app
def show_aml_cmd(app: AppContext, period: Period, fmt: str) -> None:
    """The breaches per type over the months the report shows, ending at --period; a month
    with nothing recorded is empty, a type without a count in a recorded month is 0."""
    from portfolio_hr.aml import counts, type_order
    from portfolio_hr.months import trailing_months

    config = _config(app)
    window = trailing_months(period, config.aml_months)
    with app.reading() as session:
        recorded = counts(session, window)
    keys = type_order((k.key for k in config.breach_types), recorded.values())
    data: list[dict[str, Any]] = []
    for key in keys:
        row: dict[str, Any] = {"type": key, "label": config.breach_label(key, "nb")}
        for p in window:
            row[str(p)] = recorded[p].get(key, 0) if p in recorded else None
        data.append(row)
    total: dict[str, Any] = {"type": "total", "label": "Total"}
    for p in window:
        total[str(p)] = sum(recorded[p].values()) if p in recorded else None
    data.append(total)
    emit(data, [("type", "Type"), ("label", "Label"), *((str(p), str(p)) for p in window)], fmt)


show_group.add_command(
    show_text_command(
        _text_kind,
        name="text",
        help="Print the month's HMS text, part by part.",
        key_option=click.option("--part", type=click.Choice(list(PARTS)), help="Only this part (default: every part)."),
        missing="no {part} text for {period}; add one with 'portfolio hr set text'",
        listing=Listing(
            (),
            style="tagged",
            order=tuple(PARTS),
            empty="no HMS text for {period}; add one with 'portfolio hr set text'",
        ),
    )
)


@hr_group.command("types")
@format_option
@pass_app
def types_cmd(app: AppContext, fmt: str) -> None:
    """The AML breach types, in report order ([plugins.hr] breach_types)."""
    config = _config(app)
    rows = [{"key": k.key, "nb": k.nb, "en": k.en} for k in config.breach_types]
    emit(rows, [("key", "Key"), ("nb", "Bokmål"), ("en", "English")], fmt)
