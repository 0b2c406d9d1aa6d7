"""RAG ratings and the trend between two months' ratings."""

from __future__ import annotations

from enum import Enum


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
