"""``portfolio service show``: what the section is built from, as a table, CSV or JSON."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from portfolio.api import DATE, PERIOD, AppContext, Listing, Period, emit, format_option, pass_app, show_text_command
from portfolio_services.choices import TEXT_PARTS

if TYPE_CHECKING:
    from portfolio.api import TextKind

MONTHS = click.option(
    "--months",
    type=click.IntRange(1, 24),
    help="How many months up to --period (default: 'months' in [plugins.services], else 7).",
)
PERIOD_OPTION = click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")


def _window(app: AppContext, period: Period, months: int | None) -> list[Period]:
    from portfolio_services.config import config_of
    from portfolio_services.months import window

    return window(period, months or config_of(app.settings).months)


@click.group("show")
def show_group() -> None:
    """Show what the section is built from."""


@show_group.command("support")
@PERIOD_OPTION
@MONTHS
@format_option
@pass_app
def show_support(app: AppContext, period: Period, months: int | None, fmt: str) -> None:
    """The support desk's months, with the targets each month missed."""
    from portfolio_services.config import config_of
    from portfolio_services.models import SupportMonth
    from portfolio_services.months import months_by_period

    config = config_of(app.settings)
    periods = _window(app, period, months)
    with app.reading() as session:
        stored = months_by_period(session, SupportMonth, periods)
    rows = []
    for month in periods:
        row = stored.get(month)
        if row is None:
            rows.append({"month": str(month)})
            continue
        rows.append(
            {
                "month": str(month),
                "contacts": row.contacts,
                "phone_share": row.phone_share,
                "answered_share": row.answered_share,
                "first_line_share": row.first_line_share,
                "below_target": ", ".join(config.missed(row)),
            }
        )
    emit(
        rows,
        [
            ("month", "month"),
            ("contacts", "contacts"),
            ("phone_share", "phone %"),
            ("answered_share", "answered <1 min %"),
            ("first_line_share", "first line %"),
            ("below_target", "below target"),
        ],
        fmt,
    )


@show_group.command("incidents")
@PERIOD_OPTION
@MONTHS
@format_option
@pass_app
def show_incidents(app: AppContext, period: Period, months: int | None, fmt: str) -> None:
    """Incidents, readiness events by level and changes per month."""
    from portfolio_services.models import OperationsMonth
    from portfolio_services.months import months_by_period
    from portfolio_services.readiness import counts_by_month, events_between

    periods = _window(app, period, months)
    with app.reading() as session:
        stored = months_by_period(session, OperationsMonth, periods)
        counts = counts_by_month(events_between(session, periods[0], periods[-1]))
    rows = []
    for month in periods:
        row = stored.get(month)
        levels = counts.get(month, {})
        rows.append(
            {
                "month": str(month),
                "incidents": row.incidents if row else None,
                "green": levels.get("green", 0),
                "yellow": levels.get("yellow", 0),
                "red": levels.get("red", 0),
                "changes": row.changes if row else None,
            }
        )
    columns = ("month", "incidents", "green", "yellow", "red", "changes")
    emit(rows, [(name, name) for name in columns], fmt)


@show_group.command("readiness")
@PERIOD_OPTION
@MONTHS
@format_option
@pass_app
def show_readiness(app: AppContext, period: Period, months: int | None, fmt: str) -> None:
    """The readiness events of the months up to --period."""
    from portfolio_services.readiness import events_between

    periods = _window(app, period, months)
    with app.reading() as session:
        events = events_between(session, periods[0], periods[-1])
    rows = [{"date": e.day, "level": e.level, "description": e.description} for e in events]
    emit(rows, [("date", "date"), ("level", "level"), ("description", "description")], fmt)


@show_group.command("orders")
@click.option("--period", type=PERIOD, help="Count up to the month's last day.")
@click.option("--as-of", type=DATE, help="Count up to this day instead, YYYY-MM-DD.")
@format_option
@pass_app
def show_orders(app: AppContext, period: Period | None, as_of: dt.date | None, fmt: str) -> None:
    """New services key figures: so far this year, the same span last year, last year in all."""
    from portfolio_services.config import config_of
    from portfolio_services.keyfigures import figure_keys, key_figures

    if period is not None and as_of is None:
        day = period.last_day
    elif as_of is not None and period is None:
        day = as_of
    else:
        raise click.UsageError("give --period or --as-of (one of them)")
    categories = config_of(app.settings).categories
    with app.reading() as session:
        figures = key_figures(session, day, categories)
    names = {
        "received": "orders received",
        "offers_sent": "offers sent",
        "delivered": "delivered in total",
        "new-service": "new services delivered",
        "advisory": "advisory delivered",
        "network": "network services delivered",
        "hours": "hours spent",
    }
    rows = [
        {
            "figure": key,
            "label": names.get(key, f"{key} delivered"),
            "so_far_this_year": figures.so_far_this_year.value(key),
            "same_span_last_year": figures.same_span_last_year.value(key),
            "last_year": figures.last_year.value(key),
        }
        for key in figure_keys(categories)
    ]
    spans = figures.spans
    if fmt == "table":
        click.echo(
            f"So far this year {spans.so_far_this_year}, same span last year "
            f"{spans.same_span_last_year}, last year {spans.last_year}\n"
        )
    emit(
        rows,
        [
            ("figure", "figure") if fmt != "table" else ("label", "figure"),
            ("so_far_this_year", "so far this year"),
            ("same_span_last_year", "same span last year"),
            ("last_year", "last year"),
        ],
        fmt,
    )


def _text_kind() -> TextKind[Any]:
    """The section's kind of text, imported only when a command runs."""
    from portfolio_services.texts import SERVICES_TEXT

    return SERVICES_TEXT


show_group.add_command(
    show_text_command(
        _text_kind,
        name="text",
        help="The month's free text, part by part.",
        listing=Listing([("part", "part"), ("text", "text")], order=TEXT_PARTS),
        formats=True,
    )
)
