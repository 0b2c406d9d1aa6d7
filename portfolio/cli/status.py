"""``portfolio status``: record a month's ratings, import a whole month, and show the matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from portfolio.cli.output import emit, format_option, is_tty
from portfolio.cli.params import BEGUN_PERIOD, CODE, DATE, MANAGER, PROGRAM_CODE, RATING
from portfolio.cli.root import pass_app
from portfolio.config import LANGUAGES, Settings
from portfolio.context import AppContext
from portfolio.period import Period
from portfolio.ratings import Rating, Trend

if TYPE_CHECKING:
    pass


def terminal_width() -> int | None:
    """The width a table must fit: COLUMNS when set, the terminal's when printing to one, and
    none when the output goes to a pipe or a file (full width, for the next program to read)."""
    import os
    import shutil

    if os.environ.get("COLUMNS", "").isdigit():
        return max(int(os.environ["COLUMNS"]), 40)
    return shutil.get_terminal_size().columns if is_tty() else None


def cell_text(rating: Rating | None, trend: Trend | None) -> str:
    """A cell that reads without colour: G, Y, R with an arrow; ○ not assessed; · not reported."""
    from portfolio.render.common import matrix_cell_text

    return matrix_cell_text(rating.value if rating else None, trend.value if trend else None)


@click.group("status")
def status_group() -> None:
    """Monthly RAG status of projects and programs."""


def make_set_command(settings: Settings) -> click.Command:
    """``status set`` has one option per configured dimension, so it is built from the settings."""

    @click.pass_context
    def set_cmd(
        ctx: click.Context,
        code: str,
        period: Period,
        comment: str | None,
        justify: str | None,
        expect_version: int | None,
        **options: Any,
    ) -> None:
        from portfolio.services.lookup import get_subject
        from portfolio.services.statuses import StatusInput, set_status

        app = ctx.find_object(AppContext)
        assert app is not None
        if options.pop("interactive", False):  # every dimension asked in turn: portfolio/cli/status_interactive.py
            from portfolio.cli.status_interactive import ask_status

            ask_status(app, code, period, expect_version, {**options, "comment": comment, "justify": justify})
            return
        keys = settings.dimension_keys()
        ratings = {k: options[k] for k in keys if options.get(k) is not None}
        comments = {k: options[f"{k}_comment"] for k in keys if options.get(f"{k}_comment") is not None}
        actions = given_actions(keys, options)
        if not ratings and not comments and not actions and comment is None and justify is None:
            raise click.UsageError(
                "nothing to record; give at least one rating, comment, recovery action or justification"
            )
        with app.writing() as session:
            subject = get_subject(session, code)
            set_status(
                session,
                subject,
                period,
                StatusInput(ratings, comments, comment, justify, actions),
                user=app.user,
                dimension_keys=keys,
                expected_version=expect_version,
            )
        click.echo(f"Recorded status of {code} for {period}.")

    params: list[click.Parameter] = [
        click.Argument(["code"], type=CODE),
        click.Option(["--period"], type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM."),
        click.Option(
            ["--interactive", "-i"],
            is_flag=True,
            help="Ask each rating in turn, last month's as the default; Ctrl-C writes nothing.",
        ),
        click.Option(["--comment"], help="Overall comment."),
        click.Option(
            ["--justify"],
            metavar="TEXT",
            help="A program's: why its own ratings differ from its projects' roll-up (the report shows it).",
        ),
        click.Option(
            ["--expect-version"],
            type=click.IntRange(min=0),
            help="Refuse if the status is no longer at this version (as 'status show' printed it).",
        ),
    ]
    for dimension in settings.dimensions:
        flag = dimension.key.replace("_", "-")
        params.append(click.Option([f"--{flag}", dimension.key], type=RATING, help=f"{dimension.en} rating."))
        params.append(click.Option([f"--{flag}-comment", f"{dimension.key}_comment"], help=f"{dimension.en} comment."))
        params.append(
            click.Option(
                [f"--{flag}-action", f"{dimension.key}_action"],
                metavar="TEXT",
                help=f"{dimension.en}: what brings it back to green (yellow or red only; '' removes it).",
            )
        )
        params.append(
            click.Option(
                [f"--{flag}-action-owner", f"{dimension.key}_action_owner"],
                metavar="NAME",
                help=f"{dimension.en}: who owns the recovery action.",
            )
        )
        params.append(
            click.Option(
                [f"--{flag}-action-due", f"{dimension.key}_action_due"],
                type=DATE,
                help=f"{dimension.en}: when the recovery action is due.",
            )
        )
    return click.Command(
        "set",
        callback=set_cmd,
        params=params,
        help="Record the status of project or program CODE for a month. Ratings not given keep "
        "their value; ratings are green, yellow, red or na (not assessed). A yellow or red rating "
        "carries a recovery action: what, owner and due date, given together (--schedule-action, "
        "--schedule-action-owner, --schedule-action-due); rating it green or na ends it.",
    )


def given_actions(keys: list[str], options: dict[str, Any]) -> dict[str, Any]:
    """The recovery actions the command line gives: all three parts of one, or an empty
    ``--KEY-action ''`` that removes it (None)."""
    from portfolio.ratings import recovery_action

    actions: dict[str, Any] = {}
    for key in keys:
        what, owner, due = (options.get(f"{key}{end}") for end in ("_action", "_action_owner", "_action_due"))
        if what is None and owner is None and due is None:
            continue
        flag = key.replace("_", "-")
        if what is not None and not what.strip() and owner is None and due is None:
            actions[key] = None
            continue
        try:
            actions[key] = recovery_action(what, owner, due)
        except ValueError as exc:
            raise click.UsageError(
                f"{key}: {exc} (--{flag}-action, --{flag}-action-owner and --{flag}-action-due together)"
            ) from None
    return actions


@status_group.command("show")
@click.argument("code", type=CODE)
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
@format_option
@pass_app
def show(app: AppContext, code: str, period: Period, fmt: str) -> None:
    """Show one month's status of a project or program, with trends and comments."""
    from portfolio.errors import NotFoundError
    from portfolio.services.lookup import get_subject
    from portfolio.services.statuses import status_view

    keys = app.settings.dimension_keys()
    with app.reading() as session:
        view = status_view(session, get_subject(session, code), period, keys)
    if view is None:
        raise NotFoundError(f"{code} has no status for {period}")
    labels = {d.key: d.label(app.settings.lang) for d in app.settings.dimensions}
    rows: list[dict[str, Any]] = [
        {
            "dimension": labels[d.dimension],
            "rating": d.rating,
            "trend": d.trend,
            "cell": cell_text(d.rating, d.trend),
            "comment": d.comment,
            "action": d.action.what if d.action else None,
            "action_owner": d.action.owner if d.action else None,
            "action_due": d.action.due if d.action else None,
        }
        for d in view.dimensions
    ]
    for row in rows:
        row["version"] = view.version
    if fmt == "table":
        click.echo(f"{code} {period}, reported by {view.reported_by or '?'} (version {view.version})")
        emit(rows, [("dimension", "Dimension"), ("cell", "Rating"), ("comment", "Comment")], fmt)
        if view.comment:
            click.echo(f"\n{view.comment}")
        if view.justification:
            click.echo(f"\nJustification: {view.justification}")
        actions = [(labels[d.dimension], d.action) for d in view.dimensions if d.action]
        if actions:
            click.echo("\nRecovery actions:")
            for label, action in actions:
                late = " (past due)" if action.past_due(period) else ""
                click.echo(f"  {label}: {action.what} ({action.owner}, due {action.due.isoformat()}{late})")
    else:
        columns = [("dimension", "dimension"), ("rating", "rating"), ("trend", "trend"), ("comment", "comment")]
        columns += [("action", "action"), ("action_owner", "action_owner"), ("action_due", "action_due")]
        emit(rows, [*columns, ("version", "version")], fmt)


@status_group.command("edit")
@click.argument("code", type=CODE, required=False)
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--manager", type=MANAGER, help="Without CODE: only the rows of this manager.")
@click.option("--program", type=PROGRAM_CODE, help="Without CODE: only this program and its projects.")
@pass_app
def edit(app: AppContext, code: str | None, period: Period, manager: str | None, program: str | None) -> None:
    """Edit a month's status of CODE in your editor ($EDITOR); without CODE, the whole month as a table.

    What you save replaces the status. If someone else records the same status while you edit,
    your change is refused and nothing is written. The table is checked when you save, and
    reopened with the mistakes marked until it is right (or you save it unchanged).
    """
    if code is None:  # the month as a table: portfolio/cli/status_month_edit.py
        from portfolio.cli.status_month_edit import edit_month

        edit_month(app, period, manager, program)
        return
    if manager or program:
        raise click.UsageError("--manager and --program choose rows of the month's table; give them without CODE")
    from portfolio.cli.status_form import parse_form, render_form
    from portfolio.errors import PortfolioError
    from portfolio.services.lookup import get_subject
    from portfolio.services.statuses import StatusInput, ensure_reportable, status_view

    keys = app.settings.dimension_keys()
    with app.reading() as session:  # refuse a closed month or project before the editor opens, not after
        subject = get_subject(session, code)
        ensure_reportable(session, subject, period)
        view = status_view(session, subject, period, keys)
    if view is None:
        state, version, ratings, comment, actions = "no status yet", 0, {}, None, {}
    else:
        state = f"version {view.version}, reported by {view.reported_by or '?'}"
        version = view.version
        ratings = {d.dimension: (d.rating, d.comment) for d in view.dimensions}
        actions = {d.dimension: d.action for d in view.dimensions if d.action}
        comment = view.comment
    form = render_form(code, str(period), state, app.settings.dimensions, ratings, comment, actions)
    edited = click.edit(form, extension=".txt")
    if edited is None or edited == form:
        click.echo("No change; nothing was written.")
        return
    new_ratings, comments, overall, new_actions = parse_form(edited, keys)
    if not new_ratings:
        raise PortfolioError("the form has no rating; nothing was written")
    from portfolio.cli.status_record import record_whole_status

    record_whole_status(app, code, period, StatusInput(new_ratings, comments, overall, actions=new_actions), version)


@status_group.command("history")
@click.argument("code", type=CODE)
@click.option("--last", type=click.IntRange(1, 120), help="Only the last N months, gaps shown as not reported.")
@click.option("--period", type=BEGUN_PERIOD, help="With --last: the newest month (default: the newest reported).")
@format_option
@pass_app
def history_cmd(app: AppContext, code: str, last: int | None, period: Period | None, fmt: str) -> None:
    """Every month's ratings of a project or program, oldest first, with trends."""
    from portfolio.services.grid import last_months
    from portfolio.services.lookup import get_subject
    from portfolio.services.statuses import StatusView, history

    if period is not None and last is None:
        raise click.UsageError("--period needs --last N: the newest of the N months shown")
    keys = app.settings.dimension_keys()
    with app.reading() as session:
        views = history(session, get_subject(session, code), keys)
    if last is not None:
        by_period = {view.period: view for view in views}
        end = period or (views[-1].period if views else Period.current())
        views = [
            by_period.get(month) or StatusView(code, month, [], None, None, None) for month in last_months(end, last)
        ]
    rows = []
    for view in views:
        row: dict[str, Any] = {"period": str(view.period), "reported_by": view.reported_by}
        for key in keys:
            row[key] = cell_text(None, None) if fmt == "table" else None
        for d in view.dimensions:
            row[d.dimension] = cell_text(d.rating, d.trend) if fmt == "table" else d.rating
            if fmt != "table":
                row[f"{d.dimension}_trend"] = d.trend
        rows.append(row)
    columns = [("period", "Period")]
    for dimension in app.settings.dimensions:
        columns.append((dimension.key, dimension.label(app.settings.lang)))
        if fmt != "table":
            columns.append((f"{dimension.key}_trend", f"{dimension.key}_trend"))
    columns.append(("reported_by", "Reported by"))
    emit(rows, columns, fmt)


@status_group.command("grid")
@click.option("--dimension", required=True, metavar="KEY", help="The dimension shown, e.g. finance.")
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The newest month, YYYY-MM.")
@click.option("--last", type=click.IntRange(2, 24), default=6, show_default=True, help="How many months.")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the labels.")
@click.option("--color/--no-color", default=None, help="Coloured dots (default: when a terminal).")
@format_option
@pass_app
def grid(
    app: AppContext, dimension: str, period: Period, last: int, lang: str | None, color: bool | None, fmt: str
) -> None:
    """One dimension of every project and program over the last months: a dot per month."""
    from portfolio.report.insight import status_grid_block
    from portfolio.report.sections import make_context

    keys = app.settings.dimension_keys()
    if dimension not in keys:
        raise click.BadParameter(f"'{dimension}' is not a dimension; use {', '.join(keys)}", param_hint="--dimension")
    lang = lang or app.settings.lang
    with app.reading() as session:
        context = make_context(app, session, period, lang)
        block, months = status_grid_block(context, dimension, last)
    if fmt == "table":
        from portfolio.cli.shown import echo_rendered
        from portfolio.render.terminal import render_blocks

        colour = is_tty() if color is None else color
        echo_rendered(render_blocks([block], lang, colour=colour), colour=colour, nl=False)
        return
    rows = []
    for row in block.rows:
        flat: dict[str, Any] = {"kind": row.kind, "code": row.code, "label": row.label}
        for month, cell in zip(months, row.cells, strict=True):
            flat[str(month)] = cell.rating
            flat[f"{month}_trend"] = cell.trend
        rows.append(flat)
    columns = [("kind", "kind"), ("code", "code"), ("label", "label")]
    for month in months:
        columns += [(str(month), str(month)), (f"{month}_trend", f"{month}_trend")]
    emit(rows, columns, fmt)


@status_group.command("matrix")
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the labels.")
@click.option("--color/--no-color", default=None, help="Coloured dots (default: when a terminal).")
@format_option
@pass_app
def matrix(app: AppContext, period: Period, lang: str | None, color: bool | None, fmt: str) -> None:
    """The summary grid: programs with their numbered projects, dots and trend arrows."""
    from portfolio.report.core_sections import status_matrix_block
    from portfolio.report.sections import make_context

    lang = lang or app.settings.lang
    with app.reading() as session:
        context = make_context(app, session, period, lang)
        block = status_matrix_block(context)
    if fmt == "table":
        from portfolio.cli.shown import echo_rendered
        from portfolio.render.terminal import render_blocks

        colour = is_tty() if color is None else color
        echo_rendered(render_blocks([block], lang, colour=colour, fit=terminal_width()), colour=colour, nl=False)
        return
    keys = app.settings.dimension_keys()
    rows = []
    for row in block.rows:
        flat: dict[str, Any] = {"kind": row.kind, "code": row.code, "label": row.label}
        for key, cell in zip(keys, row.cells, strict=True):
            flat[key] = cell.rating
            flat[f"{key}_trend"] = cell.trend
        rows.append(flat)
    columns = [("kind", "kind"), ("code", "code"), ("label", "label")]
    for key in keys:
        columns += [(key, key), (f"{key}_trend", f"{key}_trend")]
    emit(rows, columns, fmt)


def register(cli: click.Group, settings: Settings) -> None:
    from portfolio.cli.status_explain import explain
    from portfolio.cli.status_import import import_cmd
    from portfolio.cli.status_missing import missing
    from portfolio.cli.status_template import template

    status_group.add_command(make_set_command(settings))
    for command in (import_cmd, missing, template, explain):  # commands in modules of their own
        status_group.add_command(command)
    cli.add_command(status_group)
