"""``portfolio service record``: one month's figures, one order, one day's hours, one event, or
a text, from the command line. Values are read exactly as in the CSV imports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from portfolio.api import PERIOD, AppContext, Period, PortfolioError, pass_app, set_text_command
from portfolio_services.choices import CATEGORIES, LEVELS, TEXT_PARTS

if TYPE_CHECKING:
    from portfolio.api import TextKind
    from portfolio_services.inputs import Fields

REPLACE = click.option("--replace", is_flag=True, help="Overwrite the month's figures if stored.")


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _fields(values: dict[str, str | None]) -> Fields:
    from portfolio_services.inputs import Fields

    return Fields(values, _option)


def _refuse(problems: list[str]) -> None:
    if problems:
        raise PortfolioError("; ".join(problems))


@click.group("record")
def record_group() -> None:
    """Record one month, order, day's hours, event or text."""


@record_group.command("support")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--contacts", required=True, metavar="N", help="Contacts to the support desk.")
@click.option("--phone-share", required=True, metavar="PERCENT", help="Share by phone, 0-100.")
@click.option("--answered-share", required=True, metavar="PERCENT", help="Share answered within one minute.")
@click.option("--first-line-share", required=True, metavar="PERCENT", help="Share resolved at the first line.")
@REPLACE
@pass_app
def record_support(
    app: AppContext,
    period: Period,
    contacts: str,
    phone_share: str,
    answered_share: str,
    first_line_share: str,
    replace: bool,
) -> None:
    """The support desk's figures for one month."""
    from portfolio_services.inputs import support_from
    from portfolio_services.months import save_months

    fields = _fields(
        {
            "period": str(period),
            "contacts": contacts,
            "phone_share": phone_share,
            "answered_share": answered_share,
            "first_line_share": first_line_share,
        }
    )
    figures = support_from(fields, "period")
    _refuse(fields.problems)
    assert figures is not None
    with app.writing() as session:
        replaced = save_months(session, [figures], replace=replace)
    click.echo(f"{'Replaced' if replaced else 'Recorded'} the support-desk figures for {period}.")


@record_group.command("incidents")
@click.option("--period", type=PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--incidents", required=True, metavar="N", help="Registered incidents and events.")
@click.option("--changes", required=True, metavar="N", help="Changes (updates) made.")
@REPLACE
@pass_app
def record_incidents(app: AppContext, period: Period, incidents: str, changes: str, replace: bool) -> None:
    """One month's incidents and changes.

    Readiness events are recorded one by one with 'record readiness'.
    """
    from portfolio_services.inputs import operations_from
    from portfolio_services.months import save_months

    fields = _fields({"period": str(period), "incidents": incidents, "changes": changes})
    figures = operations_from(fields, "period")
    _refuse(fields.problems)
    assert figures is not None
    with app.writing() as session:
        replaced = save_months(session, [figures], replace=replace)
    click.echo(f"{'Replaced' if replaced else 'Recorded'} the incident figures for {period}.")


@record_group.command("readiness")
@click.option("--date", "day", required=True, metavar="DATE", help="The day, YYYY-MM-DD.")
@click.option("--level", required=True, metavar="|".join(LEVELS), help="The readiness level.")
@click.option("--description", required=True, help="What happened, as the report names it.")
@pass_app
def record_readiness(app: AppContext, day: str, level: str, description: str) -> None:
    """An emergency readiness event.

    The same day and description again updates its level.
    """
    from portfolio_services.inputs import readiness_from
    from portfolio_services.readiness import save_events

    fields = _fields({"date": day, "level": level, "description": description})
    event = readiness_from(fields)
    _refuse(fields.problems)
    assert event is not None
    with app.writing() as session:
        added, _updated = save_events(session, [event])
    click.echo(f"{'Recorded' if added else 'Updated'} the {event.level} readiness event on {day}.")


@record_group.command("order")
@click.argument("reference")
@click.option(
    "--category",
    metavar="|".join(CATEGORIES),
    help="Needed for a new order; one of [plugins.services] categories (default the three shown).",
)
@click.option("--received", metavar="DATE", help="Day the order came in; needed for a new order.")
@click.option("--offer-sent", metavar="DATE", help="Day the solution design or offer was sent.")
@click.option("--delivered", metavar="DATE", help="Day the order was delivered.")
@click.option("--title", help="What was ordered.")
@pass_app
def record_order(
    app: AppContext,
    reference: str,
    category: str | None,
    received: str | None,
    offer_sent: str | None,
    delivered: str | None,
    title: str | None,
) -> None:
    """Add an order, or change a stored one.

    For a stored order only the options given change.
    """
    from portfolio_services.config import config_of
    from portfolio_services.inputs import order_from
    from portfolio_services.orders import orders_by_reference, save_orders

    categories = config_of(app.settings).categories

    given = {
        "category": category,
        "received": received,
        "offer_sent": offer_sent,
        "delivered": delivered,
        "title": title,
    }
    with app.writing() as session:
        stored = orders_by_reference(session, [reference]).get(reference)
        if stored is None and (category is None or received is None):
            raise PortfolioError(f"order {reference} is new: give --category and --received")
        values: dict[str, str | None] = {"reference": reference}
        if stored is not None:
            values.update(
                category=stored.category,
                received=stored.received.isoformat(),
                offer_sent=stored.offer_sent.isoformat() if stored.offer_sent else None,
                delivered=stored.delivered.isoformat() if stored.delivered else None,
                title=stored.title,
            )
        values.update({key: value for key, value in given.items() if value is not None})
        fields = _fields(values)
        order = order_from(fields, categories=categories)
        _refuse(fields.problems)
        assert order is not None
        counts = save_orders(session, [order])
    done = "Added" if counts.added else "Updated" if counts.updated else "No change to"
    click.echo(f"{done} order {reference}.")


@record_group.command("hours")
@click.argument("reference")
@click.option("--date", "day", required=True, metavar="DATE", help="The day the work was done.")
@click.option("--hours", required=True, metavar="N", help="Hours that day; 0 removes them.")
@pass_app
def record_hours(app: AppContext, reference: str, day: str, hours: str) -> None:
    """Set an order's hours on one day.

    This replaces what that day had; 0 removes it.
    """
    from sqlmodel import select

    from portfolio.api import NotFoundError
    from portfolio_services.hints import did_you_mean
    from portfolio_services.inputs import hours_from
    from portfolio_services.models import ServiceOrder
    from portfolio_services.orders import orders_by_reference, save_hours

    fields = _fields({"reference": reference, "date": day, "hours": hours})
    entry = hours_from(fields)
    _refuse(fields.problems)
    assert entry is not None
    with app.writing() as session:
        if reference not in orders_by_reference(session, [reference]):
            known = session.exec(select(ServiceOrder.reference)).all()
            raise NotFoundError(
                f"no order '{reference}'{did_you_mean(reference, known)}; "
                "record it first with 'portfolio service record order'"
            )
        save_hours(session, [entry])
    click.echo(f"Set {reference}'s hours on {entry.work_date.isoformat()} to {entry.hours}.")


def _text_kind() -> TextKind[Any]:
    """The section's kind of text, imported only when a command runs."""
    from portfolio_services.texts import SERVICES_TEXT

    return SERVICES_TEXT


record_group.add_command(
    set_text_command(
        _text_kind,
        name="text",
        help="""The month's own words for one part of the section.

    Without --file or --text your editor opens. Blank lines separate paragraphs, lines starting
    with '- ' are bullets, *words* are emphasised. Empty text removes it.
    """,
        options=[click.option("--part", type=click.Choice(TEXT_PARTS), required=True, help="Where the text goes.")],
        saved="the {period} text for {part}",
    )
)
