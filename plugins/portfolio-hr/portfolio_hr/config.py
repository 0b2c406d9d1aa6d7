"""The plugin's settings (``[plugins.hr]`` of portfolio.toml, or those stored in the database),
read once and checked key by key.

The defaults are neutral: no organisation named, no sick-leave targets (the section shows the
figures without comparing them with any), zero AML counts printed as 0; the last four months of
AML breaches and the six breach types of the Working Environment Act. ``portfolio demo`` stores the
reference organisation's settings (``demo.DEMO_SETTINGS``): Helse Nord IKT, its targets (5 % in
total, 2.5 % each for short- and long-term absence) and blank cells for zero, as its report prints
them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from portfolio.api import PortfolioError, Settings, parse_decimal
from portfolio_hr import PLUGIN_NAME


@dataclass(frozen=True)
class BreachType:
    """One kind of Working Environment Act breach: a stable key and its label per language."""

    key: str
    nb: str
    en: str

    def label(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en


DEFAULT_BREACH_TYPES: tuple[BreachType, ...] = (
    BreachType("total_per_day", "Samlet tid pr. dag", "Total hours per day"),
    BreachType("hours_per_week", "AML timer pr. uke", "Working hours per week"),
    BreachType("hours_per_4_weeks", "AML timer pr. 4 uker", "Working hours per 4 weeks"),
    BreachType("sundays_in_row", "Søndager på rad", "Consecutive Sundays"),
    BreachType("weekly_rest", "Ukentlig arbeidsfri", "Weekly time off"),
    BreachType("total_per_week", "Samlet tid pr. uke", "Total hours per week"),
)


@dataclass(frozen=True)
class HrConfig:
    """What an organisation may set; the defaults name no organisation and set no target."""

    organisation: str | None = None  # named in the target sentence and the first chart's title
    target_total: Decimal | None = None  # percent; None: no target to compare with
    target_short_term: Decimal | None = None
    target_long_term: Decimal | None = None
    rounding_tolerance: Decimal = Decimal("0.15")
    aml_months: int = 4
    blank_zero_cells: bool = False
    breach_types: tuple[BreachType, ...] = field(default=DEFAULT_BREACH_TYPES)
    # how months and units are averaged: "weighted" by possible working days where they are known,
    # or "mean", every month (and every unit of a percentage file) weighing the same
    sick_leave_rule: str = "weighted"

    def breach_type(self, text: str) -> BreachType:
        """The type named by its key or by its label in either language (case does not matter)."""
        wanted = text.strip().casefold()
        for kind in self.breach_types:
            if wanted in (kind.key.casefold(), kind.nb.casefold(), kind.en.casefold()):
                return kind
        raise ValueError(
            f"'{text}' is not a breach type; allowed: {', '.join(k.key for k in self.breach_types)} (or their labels)"
        )

    def breach_label(self, key: str, lang: str) -> str:
        """A stored type's label; a type no longer configured is shown by its key."""
        for kind in self.breach_types:
            if kind.key == key:
                return kind.label(lang)
        return key


KEYS = (
    "organisation",
    "target_total",
    "target_short_term",
    "target_long_term",
    "rounding_tolerance",
    "aml_months",
    "blank_zero_cells",
    "breach_types",
    "sick_leave_rule",
)
RULES = ("weighted", "mean")


def load_config(settings: Settings) -> HrConfig:
    """The plugin's settings, or a PortfolioError naming the bad key and what it allows."""
    data = settings.plugin_settings(PLUGIN_NAME)
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise PortfolioError(f"[plugins.hr]: unknown setting '{unknown[0]}'; allowed: {', '.join(KEYS)}")
    defaults = HrConfig()
    values: dict[str, Any] = {}
    if "organisation" in data:
        name = data["organisation"]
        if not isinstance(name, str) or not name.strip():
            raise PortfolioError("[plugins.hr] organisation must be a non-empty text")
        values["organisation"] = name.strip()
    for key in ("target_total", "target_short_term", "target_long_term", "rounding_tolerance"):
        if key in data:
            values[key] = _percent_setting(key, data[key])
    if "aml_months" in data:
        months = data["aml_months"]
        if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 24:
            raise PortfolioError(f"[plugins.hr] aml_months '{months}' must be a whole number 1-24")
        values["aml_months"] = months
    if "blank_zero_cells" in data:
        if not isinstance(data["blank_zero_cells"], bool):
            raise PortfolioError("[plugins.hr] blank_zero_cells must be true or false")
        values["blank_zero_cells"] = data["blank_zero_cells"]
    if "breach_types" in data:
        values["breach_types"] = _breach_types(data["breach_types"])
    if "sick_leave_rule" in data:
        rule = data["sick_leave_rule"]
        if rule not in RULES:
            raise PortfolioError(f'[plugins.hr] sick_leave_rule \'{rule}\' must be "weighted" or "mean"')
        values["sick_leave_rule"] = rule
    return replace(defaults, **values)


def _percent_setting(key: str, value: object) -> Decimal:
    try:
        if isinstance(value, bool):
            raise ValueError
        number = Decimal(str(value)) if isinstance(value, int | float) else parse_decimal(str(value))
    except (ValueError, ArithmeticError):
        raise PortfolioError(f"[plugins.hr] {key} '{value}' is not a number") from None
    if not 0 <= number <= 100:
        raise PortfolioError(f"[plugins.hr] {key} {value} must be between 0 and 100 (percent)")
    return number


def _breach_types(items: object) -> tuple[BreachType, ...]:
    if not isinstance(items, list) or not items:
        raise PortfolioError("[plugins.hr] breach_types must be a non-empty list of tables")
    result = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not {"key", "nb"} <= set(item):
            raise PortfolioError(f"[plugins.hr] breach type {number} needs key and nb (en optional)")
        key = str(item["key"])
        if not key.isidentifier() or key != key.lower():
            raise PortfolioError(f"[plugins.hr] breach type key '{key}' must be lower-case letters, digits and _")
        nb = str(item["nb"]).strip()
        en = str(item.get("en") or nb).strip()
        result.append(BreachType(key, nb, en))
    names = [n for kind in result for n in {kind.key.casefold(), kind.nb.casefold(), kind.en.casefold()}]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise PortfolioError(f"[plugins.hr] breach types repeat the key or label '{repeated[0]}'")
    return tuple(result)
