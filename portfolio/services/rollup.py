"""A program's rating as its projects report it: the worst of their ratings, dimension by dimension."""

from __future__ import annotations

from collections.abc import Iterable

from portfolio.ratings import Rating

_WORST_FIRST = (Rating.RED, Rating.YELLOW, Rating.GREEN)


def roll_up(ratings: Iterable[Rating | None]) -> Rating | None:
    """Red if any project is red, else yellow, else green; 'not assessed' only when no project rated it.

    None when no project reported the dimension at all.
    """
    seen = {rating for rating in ratings if rating is not None}
    for rating in _WORST_FIRST:
        if rating in seen:
            return rating
    return Rating.NA if Rating.NA in seen else None


def overrides(own: Rating | None, rolled: Rating | None) -> bool:
    """Whether a program's own rating contradicts its projects' roll-up.

    Only two real ratings can disagree: a program that leaves a dimension unrated or 'not
    assessed', or whose projects do, is shown as it is without a mark.
    """
    if own is None or rolled is None or own.rank is None or rolled.rank is None:
        return False
    return own is not rolled
