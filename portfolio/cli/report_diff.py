"""``portfolio report diff FROM TO``: every rating, risk, measure and key figure that changed."""

from __future__ import annotations

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.params import PERIOD
from portfolio.cli.root import pass_app
from portfolio.config import LANGUAGES
from portfolio.context import AppContext
from portfolio.period import Period

KINDS = ("rating", "risk", "measure", "figure")


@click.command("diff")
@click.argument("before", type=PERIOD)
@click.argument("after", type=PERIOD)
@click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True, help="Only these kinds (repeatable).")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the key figures' labels (default from config).")
@format_option
@pass_app
def diff(app: AppContext, before: Period, after: Period, kinds: tuple[str, ...], lang: str | None, fmt: str) -> None:
    """List every rating, risk, measure and key figure that changed from month BEFORE to month AFTER.

    Ratings, risks and measures come from the stored data; key figures from both months' reports.
    An empty column means the thing did not exist in that month.
    """
    from portfolio.report.changes import changes_between

    if before == after:
        raise click.BadParameter(
            f"'{after}' is the same month as BEFORE; give two different months", param_hint="AFTER"
        )
    with app.reading() as session:
        changes = changes_between(app, session, before, after, lang or app.settings.lang)
    rows = [
        {"kind": c.kind, "subject": c.subject, "item": c.item, "before": c.before, "after": c.after}
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
