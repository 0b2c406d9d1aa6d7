"""The plugin's settings (``[plugins.milestones]`` of portfolio.toml, or those stored in the
database), read once and checked key by key, and the one reading of a tolerance.

A tolerance is how far a milestone may slip past its baseline before a green schedule rating
no longer holds: a number of days (``14``, ``"14d"``, ``"14 days"``) or a percentage of the
remaining duration (``"10%"``), the days from the end of the month reported to the baseline
date. The default is neutral: 10 % of the remaining duration, as the finance plugin's 10 % of
budget; ``portfolio demo`` stores the reference organisation's 14 days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from portfolio.api import PortfolioError, Settings
from portfolio_milestones import PLUGIN_NAME

KEYS = ("tolerance", "trend_months", "trend_projects", "due_months")
_DAYS = re.compile(r"^(\d+)\s*(d|days?|dager|dag)?$", re.IGNORECASE)
_PERCENT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*%$")
MAX_DAYS = 3650


@dataclass(frozen=True)
class Tolerance:
    """Days, or a percentage of the remaining duration; exactly one of them is set."""

    days: int | None = None
    percent: Decimal | None = None

    def __str__(self) -> str:
        if self.percent is not None:
            return f"{format(self.percent.normalize(), 'f')}%"
        return days(self.days or 0)


def days(count: int) -> str:
    """A number of days in the CLI's English: 1 day, 14 days."""
    return f"{count} day" if count == 1 else f"{count} days"


def parse_tolerance(value: object) -> Tolerance:
    """``14``, ``"14d"``, ``"14 days"`` or ``"10%"``; a ValueError naming the value otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"tolerance '{value}' must be days (14, 14d) or a percentage (10%)")
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise ValueError(f"tolerance '{value}' must be days (14, 14d) or a percentage (10%)")
    days = _DAYS.match(text)
    if days:
        number = int(days.group(1))
        if number > MAX_DAYS:
            raise ValueError(f"tolerance '{text}' is more than {MAX_DAYS} days")
        return Tolerance(days=number)
    percent = _PERCENT.match(text)
    if percent:
        try:
            share = Decimal(percent.group(1).replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            share = Decimal(-1)
        if not 0 <= share <= 100:
            raise ValueError(f"tolerance '{text}' must be a percentage 0-100")
        return Tolerance(percent=share.quantize(Decimal("0.01")))
    raise ValueError(f"tolerance '{text}' must be days (14, 14d) or a percentage (10%)")


@dataclass(frozen=True)
class MilestonesConfig:
    """What an organisation may set; the defaults name no organisation."""

    tolerance: Tolerance = Tolerance(percent=Decimal("10.00"))
    trend_months: int = 12  # the months of the trend chart, the report's own included
    trend_projects: int = 10  # trend charts at most: the projects whose milestones slipped the most
    due_months: int = 3  # "due in the next N months"


def load_config(settings: Settings) -> MilestonesConfig:
    """The plugin's settings, or a PortfolioError naming the bad key and what it allows."""
    data = settings.plugin_settings(PLUGIN_NAME)
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise PortfolioError(f"[plugins.milestones]: unknown setting '{unknown[0]}'; allowed: {', '.join(KEYS)}")
    values: dict[str, object] = {}
    if "tolerance" in data:
        try:
            values["tolerance"] = parse_tolerance(data["tolerance"])
        except ValueError as exc:
            raise PortfolioError(f"[plugins.milestones] {exc}") from None
    for key, low, high in (("trend_months", 2, 36), ("trend_projects", 1, 100), ("due_months", 1, 12)):
        if key in data:
            number = data[key]
            if not isinstance(number, int) or isinstance(number, bool) or not low <= number <= high:
                raise PortfolioError(f"[plugins.milestones] {key} '{number}' must be a whole number {low}-{high}")
            values[key] = number
    return replace(MilestonesConfig(), **values)  # type: ignore[arg-type]
