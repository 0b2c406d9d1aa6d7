"""``portfolio status set CODE --period P --interactive``: one question per dimension.

Each rating's default is the status most recently reported (this month's if there is one, else
the month before's), so a manager whose project has not changed presses Enter through it. A
yellow or red rating is followed by its recovery action (what, owner, due date), the last one
reported as the default: a plan lasts until it is done.
Everything is asked first and written at the end in one transaction: Ctrl-C (or the end of the
input) at any question leaves nothing written.
"""

from __future__ import annotations

import click

from portfolio.cli.params import DATE, RATING
from portfolio.context import AppContext
from portfolio.period import Period
from portfolio.ratings import NEEDS_RECOVERY, Rating, RecoveryAction

CLEAR = "-"


def ask_status(
    app: AppContext, code: str, period: Period, expect_version: int | None, given: dict[str, object] | None = None
) -> None:
    """Ask, show what will be recorded, confirm, then write; ``given`` are the other options of the command line."""
    from portfolio.services.lookup import get_subject
    from portfolio.services.statuses import StatusInput, ensure_reportable, ratings_by_period, stored_action

    extra = [name for name, value in (given or {}).items() if value is not None]
    if extra:
        raise click.UsageError(
            f"--interactive asks for every rating and comment; leave out --{extra[0].replace('_', '-')}"
        )

    dimensions = app.settings.dimensions
    with app.reading() as session:  # refuse a closed month or project before the questions, not after
        subject = get_subject(session, code)
        ensure_reportable(session, subject, period)
        name = subject.name
        history = ratings_by_period(session, subject)
    earlier = sorted(p for p in history if p <= str(period))
    source = earlier[-1] if earlier else None
    this_month = source == str(period)
    report, rows = history[source] if source else (None, {})
    version = report.version if this_month and report is not None else 0
    if expect_version is not None and expect_version != version:
        from portfolio.errors import ConflictError

        raise ConflictError(
            f"the status of {code} for {period} is at version {version}, not {expect_version}; nothing was written"
        )

    where = f"this month's (version {version})" if this_month else (f"{source}'s" if source else "none")
    click.echo(f"Status of {code} ({name}) for {period}. Defaults: {where}. Ctrl-C stops without writing anything.")
    if this_month:
        click.echo(f"Comments: Enter keeps the one shown, '{CLEAR}' removes it.")
    ratings: dict[str, Rating] = {}
    comments: dict[str, str] = {}
    actions: dict[str, RecoveryAction | None] = {}
    for dimension in dimensions:
        row = rows.get(dimension.key)
        default = row.rating if row is not None else None
        label = dimension.en if dimension.en.lower() == dimension.key else f"{dimension.en} ({dimension.key})"
        ratings[dimension.key] = click.prompt(
            f"{label}, green/yellow/red/na",
            type=RATING,
            default=default,
        )
        note = _comment("  comment", row.comment if this_month and row is not None else None)
        if note:
            comments[dimension.key] = note
        if ratings[dimension.key] in NEEDS_RECOVERY:
            actions[dimension.key] = _action(stored_action(row))
    overall = _comment("Overall comment", report.comment if this_month and report is not None else None)

    click.echo("")
    width = max(len(d.en) for d in dimensions)
    for dimension in dimensions:
        note = comments.get(dimension.key)
        line = f"  {dimension.en:<{width}}  {ratings[dimension.key].value}"
        click.echo(f"{line}  | {note}" if note else line)
        action = actions.get(dimension.key)
        if action is not None:
            click.echo(f"  {'':<{width}}  recovery: {action.what} ({action.owner}, due {action.due.isoformat()})")
    if overall:
        click.echo(f"  {overall}")
    if not click.confirm(f"Record this status of {code} for {period}?", default=True):
        click.echo("Nothing was written.")
        return
    from portfolio.cli.status_record import record_whole_status

    record_whole_status(app, code, period, StatusInput(ratings, comments, overall, actions=actions), version)


def _comment(label: str, current: str | None) -> str | None:
    """An optional line: Enter keeps ``current`` (or leaves it empty), '-' removes it."""
    text = click.prompt(
        f"{label} (optional)",
        default=current or "",
        show_default=bool(current),
    ).strip()
    if text == CLEAR:
        return None
    return text or None


def _action(current: RecoveryAction | None) -> RecoveryAction | None:
    """A yellow or red rating's recovery action: Enter keeps ``current``, '-' removes it; a new one
    asks for its owner and due date as well (the last ones as defaults)."""
    what = _comment("  recovery action, what brings it back to green", current.what if current else None)
    if what is None:
        return None
    owner = ""
    while not owner:  # required: click asks again on an empty answer, and here on blanks
        owner = click.prompt("  action owner", default=current.owner if current else None).strip()
    due = click.prompt("  action due, YYYY-MM-DD", type=DATE, default=current.due if current else None)
    return RecoveryAction(what, owner, due)
