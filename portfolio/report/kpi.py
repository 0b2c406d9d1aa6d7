"""Key figures with a trend: up, down or flat against the month before, and whether that is good.

Every section plugin uses :func:`kpi` so a board member reads the same arrows everywhere. A change
within the figure's *dead band* counts as flat: a sick-leave rate moving from 5.2 to 5.3 % is
noise, not a trend. Dead bands are set per figure key in portfolio.toml (``[report.dead_bands]``),
either in the figure's own unit (``0.5``: half a percentage point) or relative to the month
before (``"5%"``); the plugin gives the default.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from portfolio.dead_band import NO_BAND, DeadBand, parse_dead_band
from portfolio.report.blocks import KeyFigure, Number

if TYPE_CHECKING:
    from portfolio.config import Settings

Good = Literal["up", "down"] | None

__all__ = ["DeadBand", "Good", "dead_band", "kpi", "parse_dead_band", "trend_of", "verdict_of"]


def trend_of(value: Number, previous: Number | None, band: DeadBand = NO_BAND) -> Literal["up", "down", "flat"] | None:
    """Up, down or flat (within the band); None without a previous value to compare with."""
    if previous is None:
        return None
    change = Decimal(value) - Decimal(previous)
    if abs(change) <= band.width(previous):
        return "flat"
    return "up" if change > 0 else "down"


def verdict_of(trend: str | None, good: Good) -> Literal["good", "bad", "neutral"] | None:
    """Whether a trend is good news: flat, or a figure with no good direction, is neutral."""
    if trend is None:
        return None
    if trend == "flat" or good is None:
        return "neutral"
    return "good" if trend == good else "bad"


def dead_band(settings: Settings | None, key: str, default: DeadBand | str | Number = NO_BAND) -> DeadBand:
    """The configured dead band for ``key``, else ``default``."""
    configured = getattr(settings, "dead_bands", None) or {}
    if key in configured:
        return configured[key]
    return default if isinstance(default, DeadBand) else parse_dead_band(default, key)


def kpi(
    key: str,
    label: str,
    value: Number,
    previous: Number | None,
    *,
    good: Good = None,
    kind: str = "integer",
    settings: Settings | None = None,
    default_band: DeadBand | str | Number = NO_BAND,
    note: str | None = None,
) -> KeyFigure:
    """A key figure with its trend against ``previous`` and the verdict on it.

    ``key`` is stable across months and unique in the report (``"hr.sick_leave"``); ``good`` is
    the direction that is good news (``"down"`` for sick leave), None when neither is.
    """
    trend = trend_of(value, previous, dead_band(settings, key, default_band))
    return KeyFigure(label, value, kind, note, key=key, previous=previous, trend=trend, verdict=verdict_of(trend, good))
