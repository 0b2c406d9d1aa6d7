"""RAG ratings and the trend between two months' ratings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from portfolio.period import Period


class Rating(str, Enum):
    """A traffic-light rating of one status dimension; NA is the seed's ○ (not assessed)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NA = "na"

    @property
    def rank(self) -> int | None:
        """Higher is better; None when not assessed, so no trend can be drawn from it."""
        return _RANK.get(self)

    @property
    def letter(self) -> str:
        return _LETTER[self]


class Trend(str, Enum):
    """The change of a rating since the previous period; computed, never typed in."""

    BETTER = "better"
    WORSE = "worse"

    @property
    def arrow(self) -> str:
        return "↗" if self is Trend.BETTER else "↘"


_RANK = {Rating.RED: 0, Rating.YELLOW: 1, Rating.GREEN: 2}
_LETTER = {Rating.GREEN: "G", Rating.YELLOW: "Y", Rating.RED: "R", Rating.NA: "–"}

# Words a project manager may type: English, bokmål and single letters.
_SYNONYMS: dict[str, Rating] = {
    "green": Rating.GREEN,
    "g": Rating.GREEN,
    "grønn": Rating.GREEN,
    "gronn": Rating.GREEN,
    "yellow": Rating.YELLOW,
    "y": Rating.YELLOW,
    "gul": Rating.YELLOW,
    "amber": Rating.YELLOW,
    "red": Rating.RED,
    "r": Rating.RED,
    "rød": Rating.RED,
    "rod": Rating.RED,
    "na": Rating.NA,
    "n/a": Rating.NA,
    "-": Rating.NA,
    "○": Rating.NA,
    "none": Rating.NA,
    "not assessed": Rating.NA,
    "ikke vurdert": Rating.NA,
}

ALLOWED_TEXT = "green, yellow, red or na"


def parse_rating(text: str) -> Rating:
    """Read a rating in any accepted spelling; raise ValueError naming the value otherwise."""
    key = str(text).strip().lower()
    try:
        return _SYNONYMS[key]
    except KeyError:
        raise ValueError(f"'{text}' is not a rating; use {ALLOWED_TEXT}") from None


def trend(current: Rating | None, previous: Rating | None) -> Trend | None:
    """Better or worse than last month; None when equal or when either side is unrated."""
    if current is None or previous is None:
        return None
    now, before = current.rank, previous.rank
    if now is None or before is None or now == before:
        return None
    return Trend.BETTER if now > before else Trend.WORSE


# A yellow or red dimension carries a recovery action: what brings it back to green, who owns
# it and by when. Green and not assessed need none and take none.
NEEDS_RECOVERY = frozenset({Rating.YELLOW, Rating.RED})


@dataclass(frozen=True)
class RecoveryAction:
    """The way back to green of one yellow or red dimension: what, who owns it, due when."""

    what: str
    owner: str
    due: dt.date

    def past_due(self, period: Period) -> bool:
        """Due before the last day of the month the status reports on, as a red risk's measure is
        overdue: the month's status still rates the dimension yellow or red after the day the
        action was to bring it back. The reported month, not today, so a month's check, round and
        report say the same whenever they are run, and a closed month's never changes."""
        return self.due < period.last_day


def recovery_action(what: str | None, owner: str | None, due: str | dt.date | None) -> RecoveryAction | None:
    """A recovery action from its three parts as a user gives them; None when all three are empty.

    Raises ValueError naming what is missing or wrong: an action needs all three (what, owner
    and a due date, YYYY-MM-DD or DD.MM.YYYY).
    """
    what = (what or "").strip()
    owner = (owner or "").strip()
    due_text = due.isoformat() if isinstance(due, dt.date) else (due or "").strip()
    if not (what or owner or due_text):
        return None
    missing = [name for name, value in (("what", what), ("owner", owner), ("due date", due_text)) if not value]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        raise ValueError(f"a recovery action needs what, owner and due date; {' and '.join(missing)} {verb} missing")
    if isinstance(due, dt.date):
        return RecoveryAction(what, owner, due)
    from portfolio.parsing import parse_date

    try:
        day = parse_date(due_text)
    except ValueError as exc:
        raise ValueError(f"due date: {exc}") from None
    return RecoveryAction(what, owner, day)
