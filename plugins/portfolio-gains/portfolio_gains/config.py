"""The plugin's settings (``[plugins.gains]`` of portfolio.toml, or those stored in the database),
read once and checked key by key.

``tolerance`` is how many percentage points a benefit's realisation may lag its planned curve
before a green benefits rating no longer holds; the default, 10, names no organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from portfolio.api import PortfolioError, Settings
from portfolio_gains import PLUGIN_NAME

KEYS = ("tolerance",)


@dataclass(frozen=True)
class GainsConfig:
    """What an organisation may set; the defaults name no organisation."""

    tolerance: Decimal = Decimal(10)  # percentage points behind the planned curve


def parse_points(value: object) -> Decimal:
    """Percentage points 0-100: ``10``, ``7.5``, ``"7,5"``; a ValueError naming the value otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise ValueError(f"tolerance '{value}' must be percentage points 0-100, e.g. 10")
    text = str(value).strip().removesuffix("pp").strip().replace(",", ".")
    try:
        points = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"tolerance '{value}' must be percentage points 0-100, e.g. 10") from None
    if not points.is_finite() or not 0 <= points <= 100:
        raise ValueError(f"tolerance '{value}' must be percentage points 0-100, e.g. 10")
    return points


def load_config(settings: Settings) -> GainsConfig:
    """The plugin's settings, or a PortfolioError naming the bad key and what it allows."""
    data = settings.plugin_settings(PLUGIN_NAME)
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise PortfolioError(f"[plugins.gains]: unknown setting '{unknown[0]}'; allowed: {', '.join(KEYS)}")
    if "tolerance" in data:
        try:
            return GainsConfig(tolerance=parse_points(data["tolerance"]))
        except ValueError as exc:
            raise PortfolioError(f"[plugins.gains] {exc}") from None
    return GainsConfig()
