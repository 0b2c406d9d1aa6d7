"""``portfolio status edit --period P``: the whole month's statuses as a table in ``$EDITOR``.

Like ``kubectl edit`` and ``git rebase -i``: what you save is checked, and when it has mistakes
the editor opens again on your text with each mistake marked above its line. Save it unchanged
to give up; nothing is written until the whole table is right. Only the rows you changed are
written, in one transaction, and a row someone else changed meanwhile is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import click

from portfolio.context import AppContext
from portfolio.errors import ConflictError, PortfolioError
from portfolio.period import Period
from portfolio.ratings import ALLOWED_TEXT, RecoveryAction, parse_rating, recovery_action

UNSET = "?"
ACTION = "action"
ERROR = "# ERROR"
INTRO = """\
# Statuses for {period}{scope}: one line per project or program.
# Ratings: {allowed} (also g, y, r, -); '{unset}' = no status yet. A line left all '{unset}' is skipped.
# After '|' comes the overall comment. A dimension's comment goes on its own indented line under
# the row, e.g. '    resources: Two network engineers on sick leave'; a yellow or red one's recovery action
# too, e.g. '    resources action: Hire two consultants | Kari Nordmann | 2024-03-31' (what | owner | due).
# Lines starting with # are ignored; removing a row leaves its status as it is.
# Save and close to record the rows you changed; save without a change to give up.
"""


@dataclass(frozen=True)
class Entry:
    """One row of the table: None ratings when the subject has no status (all '?')."""

    ratings: tuple[str, ...] | None
    comments: tuple[tuple[str, str], ...]
    comment: str | None
    actions: tuple[tuple[str, RecoveryAction], ...] = ()
    line: int = field(default=-1, compare=False)  # where it is in the edited text


def render_table(period: Period, scope: str, keys: Sequence[str], rows: Sequence[tuple[str, Entry]]) -> str:
    lines = INTRO.format(period=period, scope=scope, allowed=ALLOWED_TEXT, unset=UNSET).splitlines()
    width_code = max([6, *(len(code) for code, _ in rows)])
    widths = [max(len(key), len("yellow")) for key in keys]
    lines.append("#")
    title = "  ".join([f"{'code':<{width_code - 2}}", *(f"{k:<{w}}" for k, w in zip(keys, widths, strict=True))])
    lines.append(f"# {title}  | comment")
    for code, entry in rows:
        values = entry.ratings or tuple(UNSET for _ in keys)
        cells = "  ".join([f"{code:<{width_code}}", *(f"{v:<{w}}" for v, w in zip(values, widths, strict=True))])
        lines.append(f"{cells}  | {entry.comment or ''}".rstrip())
        for key, note in entry.comments:
            lines.append(f"    {key}: {note}")
        for key, action in entry.actions:
            lines.append(f"    {key} {ACTION}: {action.what} | {action.owner} | {action.due.isoformat()}")
    return "\n".join(lines) + "\n"


def parse_table(
    text: str, keys: Sequence[str], codes: Sequence[str]
) -> tuple[dict[str, Entry], list[tuple[int | None, str]]]:
    """(entries by code, problems as (line index or None, message))."""
    entries: dict[str, Entry] = {}
    problems: list[tuple[int | None, str]] = []
    notes: dict[str, list[tuple[str, str]]] = {}
    actions: dict[str, list[tuple[str, RecoveryAction]]] = {}
    current: str | None = None
    first_line: dict[str, int] = {}
    pending: dict[str, tuple[tuple[str, ...] | None, str | None]] = {}
    for index, raw in enumerate(text.splitlines()):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if raw[:1].isspace():
            key, colon, note = line.partition(":")
            key = key.strip()
            dimension, _space, word = key.rpartition(" ")
            if colon and word == ACTION and dimension.strip() in keys and current is not None:
                try:
                    action = recovery_action(*[*(part.strip() for part in note.split("|", 2)), "", ""][:3])
                except ValueError as exc:
                    problems.append((index, f"{current}, {dimension.strip()} action: {exc}"))
                    continue
                if action is not None:
                    actions.setdefault(current, []).append((dimension.strip(), action))
                continue
            if current is None:
                problems.append((index, "a dimension comment needs a project row above it"))
            elif not colon or key not in keys:
                problems.append((index, f"'{key}' is not a dimension; use one of {', '.join(keys)}, then ':'"))
            elif note.strip():
                notes.setdefault(current, []).append((key, note.strip()))
            continue
        cells, _bar, comment = raw.partition("|")
        words = cells.split()
        code, values = words[0], words[1:]
        current = None
        if code not in codes:
            problems.append((index, f"'{code}' is not a project or program of this table"))
            continue
        if code in first_line:
            problems.append((index, f"{code} is already on line {first_line[code] + 1}"))
            continue
        first_line[code] = index
        current = code
        if len(values) != len(keys):
            problems.append((index, f"{code} has {len(values)} ratings; it needs {len(keys)}: {', '.join(keys)}"))
            continue
        if all(v == UNSET for v in values):
            pending[code] = (None, comment.strip() or None)
            continue
        ratings = []
        for key, value in zip(keys, values, strict=True):
            if value == UNSET:  # allowed in a row left as it was; see _parse_checked
                ratings.append(UNSET)
                continue
            try:
                ratings.append(parse_rating(value).value)
            except ValueError as exc:
                problems.append((index, f"{code}, {key}: {exc}"))
                break
        else:
            pending[code] = (tuple(ratings), comment.strip() or None)
    for code, (rated, remark) in pending.items():
        given = notes.get(code, [])
        plans = actions.get(code, [])
        if rated is None and (given or plans):
            problems.append((first_line[code], f"{code}: a dimension comment needs ratings"))
            continue
        order = {key: n for n, key in enumerate(keys)}
        entries[code] = Entry(
            rated,
            tuple(sorted(given, key=lambda item: order[item[0]])),
            remark,
            tuple(sorted(dict(plans).items(), key=lambda item: order[item[0]])),
            first_line[code],
        )
    return entries, problems


def strip_marks(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(ERROR))


def mark_errors(text: str, problems: Sequence[tuple[int | None, str]]) -> str:
    """The user's text with a header naming the mistakes and each one marked above its line."""
    by_line: dict[int, list[str]] = {}
    general = []
    for index, message in problems:
        if index is None:
            general.append(message)
        else:
            by_line.setdefault(index, []).append(message)
    count = len(problems)
    out = [
        f"{ERROR}: {count} mistake{'s' if count != 1 else ''}, marked below; nothing was written yet.",
        f"{ERROR}: fix them and save, or save without a change to give up.",
        *(f"{ERROR}: {message}" for message in general),
    ]
    for index, line in enumerate(text.splitlines()):
        out += [f"{ERROR}: {message}" for message in by_line.get(index, [])]
        out.append(line)
    return "\n".join(out) + "\n"


def edit_loop(
    initial: str, parse: Callable[[str], tuple[dict[str, Entry], list[tuple[int | None, str]]]]
) -> dict[str, Entry] | None:
    """Open the editor until the text parses; None when there is nothing to write (the table saved
    as it was given, or emptied). Once mistakes were shown, saving the text without a change (or
    not saving it, or emptying it) gives up: a PortfolioError, so the command exits 1."""
    shown = initial
    mistakes = 0  # in the text shown; 0 on the first opening
    while True:
        edited = click.edit(shown, extension=".txt")  # None: the file was not saved
        unchanged = edited is None or not edited.strip() or strip_marks(edited) == strip_marks(shown)
        if mistakes and unchanged:
            noun = "mistake" if mistakes == 1 else "mistakes"
            raise PortfolioError(f"gave up: the table still has {mistakes} {noun}; nothing was written")
        if edited is None or unchanged or strip_marks(edited) == strip_marks(initial):
            return None
        entries, problems = parse(strip_marks(edited))
        if not problems:
            return entries
        shown = mark_errors(strip_marks(edited), problems)
        mistakes = len(problems)


def edit_month(app: AppContext, period: Period, manager: str | None, program: str | None) -> None:
    from sqlalchemy import select
    from sqlmodel import col

    from portfolio.models import StatusReport
    from portfolio.ratings import Rating
    from portfolio.services.reporting_months import ensure_open
    from portfolio.services.reporting_subjects import last_statuses, round_subjects
    from portfolio.services.status_bulk import StatusRow, replace_statuses
    from portfolio.services.statuses import StatusInput

    keys = app.settings.dimension_keys()
    with app.reading() as session:
        ensure_open(session, period)
        subjects = round_subjects(session, manager=manager, program=program)
        last = last_statuses(session, period)
    if not subjects:
        raise PortfolioError("no active project or program to edit")
    before: dict[str, Entry] = {}
    versions: dict[str, int] = {}
    for subject in subjects:
        status = last.get((subject.kind, subject.id))
        if status is not None and status.period == str(period):
            ratings = tuple(status.ratings.get(key, UNSET) for key in keys)
            notes = tuple((key, status.comments[key]) for key in keys if key in status.comments)
            plans = tuple((key, status.actions[key]) for key in keys if key in status.actions)
            before[subject.code] = Entry(ratings, notes, status.comment, plans)
            versions[subject.code] = status.version
        else:
            before[subject.code] = Entry(None, (), None)
            versions[subject.code] = 0
    scope = f" (manager {manager})" if manager else f" (program {program})" if program else ""
    initial = render_table(period, scope, keys, list(before.items()))
    codes = list(before)
    edited = edit_loop(initial, lambda text: _parse_checked(text, keys, codes, before))
    if edited is None:
        click.echo("No change; nothing was written.")
        return
    changed = {code: entry for code, entry in edited.items() if entry != before[code] and entry.ratings is not None}
    if not changed:
        click.echo("No change; nothing was written.")
        return
    by_code = {s.code: s for s in subjects}
    rows = [
        StatusRow(
            by_code[code].kind,
            by_code[code].id,
            code,
            StatusInput(
                {key: Rating(value) for key, value in zip(keys, entry.ratings or (), strict=True)},
                dict(entry.comments),
                entry.comment,
                actions=dict(entry.actions),
            ),
            expected_version=versions[code],  # held to the commit by the write itself
        )
        for code, entry in changed.items()
    ]
    with app.writing() as session:
        now = {
            ("project", p) if p is not None else ("program", g): v
            for p, g, v in session.connection().execute(
                select(col(StatusReport.project_id), col(StatusReport.program_id), col(StatusReport.version)).where(
                    col(StatusReport.period) == str(period)
                )
            )
        }
        for row in rows:
            current = now.get((row.kind, row.subject_id), 0)
            if current != versions[row.code]:
                raise ConflictError(
                    f"the status of {row.code} for {period} was changed by someone else while you edited "
                    f"(version {versions[row.code]}, now {current}); nothing was written"
                )
        replace_statuses(session, period, rows, user=app.user)
    noun = "status" if len(rows) == 1 else "statuses"
    click.echo(f"Recorded {len(rows)} {noun} for {period}: {', '.join(changed)}.")


def _parse_checked(
    text: str, keys: Sequence[str], codes: Sequence[str], before: dict[str, Entry]
) -> tuple[dict[str, Entry], list[tuple[int | None, str]]]:
    entries, problems = parse_table(text, keys, codes)
    for code, entry in entries.items():
        if entry.ratings is None and before[code].ratings is not None:
            problems.append((entry.line, f"{code} has a status for this month; the table cannot remove one"))
        elif entry.ratings is not None and UNSET in entry.ratings and entry != before[code]:
            unrated = [key for key, value in zip(keys, entry.ratings, strict=True) if value == UNSET]
            problems.append((entry.line, f"{code}: {', '.join(unrated)} has no rating; give {ALLOWED_TEXT}"))
        given = dict(zip(keys, entry.ratings or (), strict=False))
        for key, _action in entry.actions:
            rating = given.get(key)
            if rating is not None and rating not in ("yellow", "red"):
                problems.append(
                    (entry.line, f"{code}: {key} is {rating}; a recovery action is for a yellow or red rating only")
                )
    return entries, problems
