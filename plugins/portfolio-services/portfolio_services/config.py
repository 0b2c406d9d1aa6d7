"""The plugin's settings (``[plugins.services]`` of portfolio.toml, or those stored in the database).

The defaults are neutral: the support desk has no targets until the organisation sets its own.
``portfolio demo`` stores the reference organisation's (``demo_data.DEMO_SETTINGS``: 70 % answered
within one minute, 70 % resolved at the first line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from portfolio.api import PortfolioError
from portfolio_services.choices import CATEGORIES

KEYS = ("months", "answered_target", "first_line_target", "level_tolerance", "answer_seconds", "categories")
CATEGORY_KEY = re.compile(r"^[a-z][a-z0-9-]{0,15}$")


@dataclass(frozen=True)
class ServicesConfig:
    """How many months the tables show, the support desk's targets, and what counts as 'level'.

    Targets are minimum shares in percent units: a month below one has missed it; None (the
    default) is no target. ``level_tolerance`` is the difference, in percent of last year's figure, within which a
    figure so far this year is described as on a level with the same time last year.
    """

    months: int = 7
    answered_target: Decimal | None = None
    first_line_target: Decimal | None = None
    level_tolerance: Decimal = Decimal(10)
    # a call counts as answered within the target when it was answered after at most this many seconds
    answer_seconds: int = 60
    # the order categories imports and records take, in the order the key figures list them
    categories: tuple[str, ...] = CATEGORIES

    def targets(self) -> tuple[tuple[str, str, Decimal], ...]:
        """(key, the support month's attribute, minimum share) for each target that is set."""
        both = (
            ("answered", "answered_share", self.answered_target),
            ("first-line", "first_line_share", self.first_line_target),
        )
        return tuple((key, attribute, target) for key, attribute, target in both if target is not None)

    def missed(self, month: Any) -> list[str]:
        """The keys of the targets a support month (a row with the share attributes) is below."""
        return [key for key, attribute, target in self.targets() if getattr(month, attribute) < target]


def load_config(raw: dict[str, Any]) -> ServicesConfig:
    """Check every key and value of the plugin's table; a bad one is named with what is allowed."""
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise PortfolioError(f"[plugins.services]: unknown setting '{unknown[0]}'; allowed: {', '.join(KEYS)}")
    months = raw.get("months", ServicesConfig.months)
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 24:
        raise PortfolioError(f"[plugins.services]: months = {months!r} must be a whole number 1-24")
    return ServicesConfig(
        months=months,
        answered_target=_target(raw, "answered_target"),
        first_line_target=_target(raw, "first_line_target"),
        level_tolerance=_percent(raw, "level_tolerance", ServicesConfig.level_tolerance),
        answer_seconds=_seconds(raw),
        categories=_categories(raw),
    )


def _seconds(raw: dict[str, Any]) -> int:
    value = raw.get("answer_seconds", ServicesConfig.answer_seconds)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3600:
        raise PortfolioError(f"[plugins.services]: answer_seconds = {value!r} must be a whole number of seconds 1-3600")
    return value


def _categories(raw: dict[str, Any]) -> tuple[str, ...]:
    value = raw.get("categories", list(CATEGORIES))
    example = 'e.g. ["new-service", "advisory", "network", "security"]'
    if not isinstance(value, list) or not value:
        raise PortfolioError(f"[plugins.services]: categories must be a list of category keys, {example}")
    for item in value:
        if not isinstance(item, str) or not CATEGORY_KEY.match(item):
            raise PortfolioError(
                f"[plugins.services]: category {item!r} must be lower-case letters, digits and '-' "
                f"(at most 16, starting with a letter), {example}"
            )
    reserved = sorted(set(value) & {"received", "offers-sent", "delivered", "hours"})
    if reserved:
        raise PortfolioError(
            f"[plugins.services]: category '{reserved[0]}' is the name of a key figure; name it otherwise"
        )
    repeated = sorted({item for item in value if value.count(item) > 1})
    if repeated:
        raise PortfolioError(f"[plugins.services]: category '{repeated[0]}' is listed twice")
    return tuple(value)


def _target(raw: dict[str, Any], key: str) -> Decimal | None:
    """A target that is set, or None: no target."""
    return _percent(raw, key, Decimal(0)) if key in raw else None


def _percent(raw: dict[str, Any], key: str, default: Decimal) -> Decimal:
    value = raw.get(key, default)
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        number = None
    if isinstance(value, bool) or number is None or not number.is_finite() or not 0 <= number <= 100:
        raise PortfolioError(f"[plugins.services]: {key} = {value!r} must be a percentage 0-100")
    return number


def config_of(settings: Any) -> ServicesConfig:
    """The plugin's configuration from the run's Settings."""
    from portfolio_services import PLUGIN_NAME

    return load_config(settings.plugin_settings(PLUGIN_NAME))
