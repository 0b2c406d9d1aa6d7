"""The plugin's settings (``[plugins.deviations]`` of portfolio.toml, or those stored in the
database), read and checked in one place.

The defaults are neutral: no own organisation (the section counts every deviation, without the
split into the own organisation and the health trusts), every place of the event, no extra dates.
``portfolio demo`` stores the reference organisation's settings (``demo_data.DEMO_SETTINGS``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from portfolio.api import PortfolioError, parse_date

PLUGIN = "deviations"
FIELDS = ("id", "title", "place", "handler", "opened", "closed", "category")
KEYS = ("organisation", "place", "months", "extra_dates", "oldest", "columns")
MAX_MONTHS = 36
MAX_OLDEST = 100


@dataclass(frozen=True)
class DeviationSettings:
    """What the section counts and shows; see docs/sections/deviations.md for each key."""

    organisation: str | None = None  # None: no split into own organisation and health trusts
    place: str | None = None  # None: every place of the event
    months: int = 7
    extra_dates: tuple[dt.date, ...] = ()
    oldest: int = 10
    columns: Mapping[str, str] = field(default_factory=dict)


def deviation_settings(settings: Any) -> DeviationSettings:
    """The plugin's settings from the run's ``Settings``; a bad value names its key."""
    return from_table(settings.plugin_settings(PLUGIN))


def _fail(key: str, message: str) -> PortfolioError:
    return PortfolioError(f"portfolio.toml [plugins.{PLUGIN}] {key}: {message}")


def from_table(table: Mapping[str, Any]) -> DeviationSettings:
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise PortfolioError(
            f"portfolio.toml [plugins.{PLUGIN}]: unknown key '{unknown[0]}'; allowed: {', '.join(KEYS)}"
        )
    organisation = _text(table, "organisation", None)
    place = _text(table, "place", organisation)
    months = _whole(table, "months", 7, 1, MAX_MONTHS)
    oldest = _whole(table, "oldest", 10, 0, MAX_OLDEST)
    extra = table.get("extra_dates", [])
    if not isinstance(extra, list):
        raise _fail("extra_dates", 'must be a list of dates, e.g. ["2023-04-01"]')
    days = []
    for item in extra:
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            days.append(item)
            continue
        try:
            days.append(parse_date(str(item)))
        except ValueError as exc:
            raise _fail("extra_dates", str(exc)) from None
    columns = table.get("columns", {})
    if not isinstance(columns, dict):
        raise _fail("columns", 'must be a table of file column = field, e.g. Avviksnr = "id"')
    mapping: dict[str, str] = {}
    for header, target in columns.items():
        if target not in FIELDS:
            raise _fail("columns", f"'{header}' maps to '{target}', which is not one of {', '.join(FIELDS)}")
        mapping[str(header).strip().casefold()] = str(target)
    return DeviationSettings(organisation, place, months, tuple(sorted(set(days))), oldest, mapping)


def _text(table: Mapping[str, Any], key: str, default: str | None) -> str | None:
    if key not in table:
        return default
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise _fail(key, f"'{value}' is not a name; give the text, e.g. \"Eksempel IKT\"")
    return value.strip()


def _whole(table: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _fail(key, f"'{value}' is not a whole number from {low} to {high}")
    return value
