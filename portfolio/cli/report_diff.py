"""``portfolio report diff FROM TO``: every rating, risk, measure and key figure that changed."""

from __future__ import annotations

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.params import BEGUN_PERIOD
from portfolio.cli.root import pass_app
from portfolio.config import LANGUAGES
from portfolio.context import AppContext
from portfolio.period import Period

KINDS = ("rating", "risk", "measure", "figure")


@click.command("diff")
@click.argument("before", type=BEGUN_PERIOD)
@click.argument("after", type=BEGUN_PERIOD)
@click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True, help="Only these kinds (repeatable).")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the key figures' labels (default from config).")
@format_option
@pass_app
def diff(app: AppContext, before: Period, after: Period, kinds: tuple[str, ...], lang: str | None, fmt: str) -> None:
    """List every rating, risk, measure and key figure that changed from month BEFORE to month AFTER.

    Ratings, risks and measures come from the stored data; figures from both months' reports: the
    key figures and every number in the sections' tables (finance, services, HR, deviations).
    The table format writes numbers as the language does (3,6 in bokmål); csv and json as data.
    An empty column means the thing did not exist in that month.
    """
    from portfolio.report.changes import changes_between

    if before == after:
        raise click.BadParameter(
            f"'{after}' is the same month as BEFORE; give two different months", param_hint="AFTER"
        )
    with app.reading() as session:
        changes = changes_between(app, session, before, after, lang or app.settings.lang)
    language = lang or app.settings.lang
    shown = _in_language(language) if fmt == "table" else _as_is  # a table reads 3,6 in bokmål
    rows = [
        {"kind": c.kind, "subject": c.subject, "item": c.item, "before": shown(c.before), "after": shown(c.after)}
        for c in changes
        if not kinds or c.kind in kinds
    ]
    if fmt == "table" and not rows:
        click.echo(f"Nothing changed from {before} to {after}.")
        return
    columns = [
        ("kind", "Kind"),
        ("subject", "Subject"),
        ("item", "What"),
        ("before", str(before)),
        ("after", str(after)),
    ]
    emit(rows, columns, fmt)


def _as_is(value: object) -> object:
    return value


def _in_language(lang: str):  # type: ignore[no-untyped-def]
    """Numbers written as the report's language writes them; anything else as it is."""
    from decimal import Decimal

    from portfolio.report.formatting import Formatter

    fmt = Formatter(lang)

    def shown(value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return value
        decimals = max(0, -value.normalize().as_tuple().exponent) if isinstance(value, Decimal) else 0  # type: ignore[operator]
        return fmt.number(value, decimals)

    return shown
