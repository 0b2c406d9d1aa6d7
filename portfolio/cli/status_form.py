"""The text form ``portfolio status edit`` opens in the user's editor, and reading it back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from portfolio.config import Dimension
from portfolio.errors import PortfolioError, listed
from portfolio.ratings import ALLOWED_TEXT, NEEDS_RECOVERY, Rating, RecoveryAction, parse_rating, recovery_action

HEADER = """\
# Status of {code} for {period}: {state}.
# One line per dimension: key = rating | comment. Ratings: green, yellow, red or na.
# 'comment =' is the overall comment. Lines starting with # are ignored.
# A yellow or red rating needs a recovery action on the line 'key action = what | owner | YYYY-MM-DD'.
# Save and close to record it; if someone else records this status meanwhile, nothing is written.
"""


def render_form(
    code: str,
    period: str,
    state: str,
    dimensions: Sequence[Dimension],
    ratings: dict[str, tuple[Rating | None, str | None]],
    comment: str | None,
    actions: Mapping[str, RecoveryAction] | None = None,
) -> str:
    """The form; every yellow or red dimension (and one with an action) gets its action line."""
    actions = actions or {}
    lines = [HEADER.format(code=code, period=period, state=state).rstrip("\n")]
    lines.append("# Dimensions: " + ", ".join(f"{d.key} ({d.en})" for d in dimensions))
    lines.append("")
    width = max(len(d.key) for d in dimensions)
    for dimension in dimensions:
        rating, note = ratings.get(dimension.key, (None, None))
        text = f"{dimension.key:<{width}} = {rating.value if rating else ''}"
        lines.append(f"{text} | {note}" if note else text.rstrip())
        action = actions.get(dimension.key)
        if action is not None:
            lines.append(f"{dimension.key} {ACTION} = {action.what} | {action.owner} | {action.due.isoformat()}")
        elif rating in NEEDS_RECOVERY:
            lines.append(f"{dimension.key} {ACTION} =")
    lines.append(f"{'comment':<{width}} = {comment or ''}".rstrip())
    return "\n".join(lines) + "\n"


ACTION = "action"


def parse_form(
    text: str, dimension_keys: Sequence[str]
) -> tuple[dict[str, Rating], dict[str, str], str | None, dict[str, RecoveryAction | None]]:
    """(ratings, comments, overall comment, recovery actions); every bad line is reported with its number."""
    ratings: dict[str, Rating] = {}
    comments: dict[str, str] = {}
    actions: dict[str, RecoveryAction | None] = {}
    action_lines: dict[str, int] = {}
    overall: str | None = None
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, equals, rest = line.partition("=")
        key = key.strip()
        if not equals:
            problems.append(f"line {number}: '{raw}' is not 'key = rating | comment'")
            continue
        if key == "comment":
            overall = rest.strip() or None
            continue
        dimension, _space, word = key.rpartition(" ")
        if word == ACTION and dimension.strip() in dimension_keys:
            parts = [part.strip() for part in rest.split("|")]
            if len(parts) > 3:
                problems.append(f"line {number}: '{raw}' is not '{dimension.strip()} action = what | owner | due date'")
                continue
            try:
                action = recovery_action(*[*parts, "", ""][:3])
            except ValueError as exc:
                problems.append(f"line {number}: {dimension.strip()} action: {exc}")
                continue
            if action is not None:
                actions[dimension.strip()] = action
                action_lines[dimension.strip()] = number
            continue
        if key not in dimension_keys:
            problems.append(f"line {number}: unknown dimension '{key}'; allowed: {', '.join(dimension_keys)}")
            continue
        rating_text, _, note = rest.partition("|")
        rating_text, note = rating_text.strip(), note.strip()
        if not rating_text:
            if note:
                problems.append(f"line {number}: a comment for '{key}' needs a rating ({ALLOWED_TEXT})")
            continue
        try:
            ratings[key] = parse_rating(rating_text)
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")
            continue
        if note:
            comments[key] = note
    for key, number in action_lines.items():
        if key not in ratings:
            problems.append(f"line {number}: a recovery action for '{key}' needs a rating ({ALLOWED_TEXT})")
        elif ratings[key] not in NEEDS_RECOVERY:
            problems.append(
                f"line {number}: {key} is {ratings[key].value}; a recovery action is for a yellow or red "
                "rating only (empty the line)"
            )
    if problems:
        raise PortfolioError("the form has mistakes; nothing was written\n" + listed(problems))
    return ratings, comments, overall, actions
