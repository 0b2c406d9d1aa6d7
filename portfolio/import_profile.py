"""An import profile: how one source system's export names its columns and writes its values.

A profile maps the export's column names to those an import reads, lists columns to ignore and
states the export's conventions (decimal mark, thousands separator, brackets for negatives,
day-first dates, times after dates) and a default unit. Profiles come from ``[import.profiles.NAME]``
in portfolio.toml and from plugins (``portfolio_import_profiles``); both are read here, and a
mistake is refused when the profile is read, naming its key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from portfolio.parsing import (
    DATE_ORDERS,
    DECIMAL_MARKS,
    DEFAULT_CONVENTIONS,
    THOUSANDS,
    Conventions,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_int,
    parse_month,
)
from portfolio.period import Period

PROFILE_KEYS = (
    "for",
    "description",
    "columns",
    "ignore",
    "decimal",
    "thousands",
    "brackets",
    "dates",
    "times",
    "unit",
    "strict_columns",
)
NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")
TARGET = re.compile(r"^[a-z][a-z0-9_-]*(?:\.[a-z][a-z0-9_-]*)?$")


def column_key(name: str) -> str:
    """A column name as profiles compare it: case, spacing, '_' and '-' do not matter.

    'Behandles av', 'behandles_av' and ' BEHANDLES-AV ' are the same column.
    """
    return re.sub(r"[\s_\-]+", "_", str(name).strip().casefold()).strip("_")


def label_key(text: str) -> str:
    """A label as lenient matching compares it: case, spacing and a leading dash do not matter.

    '- Aktiverte lønnsutg. Prosjekter' and 'aktiverte  lønnsutg. prosjekter' are the same label.
    """
    folded = " ".join(str(text).split()).casefold()
    return re.sub(r"^[-\u2212\u2013]\s*", "", folded)


@dataclass(frozen=True)
class ImportProfile:
    """One source's export format; ``ImportProfile.from_table`` reads it from a TOML table.

    ``target`` is the import it is for (``"finance"``, ``"services.orders"``; None: any),
    ``columns`` maps the export's column (as ``column_key`` writes it) to the import's,
    ``ignore`` holds columns dropped without a notice, ``unit`` the unit of amounts when the file
    states none, and ``origin`` where the profile comes from ("portfolio.toml" or the plugin).
    """

    name: str
    target: str | None = None
    description: str = ""
    columns: Mapping[str, str] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    conventions: Conventions = DEFAULT_CONVENTIONS
    unit: str | None = None
    strict_columns: bool = False
    origin: str = "portfolio.toml"

    def number(self, text: str) -> Decimal:
        """A number as this export writes it (``parse_decimal`` with the profile's conventions)."""
        return parse_decimal(text, self.conventions)

    def integer(self, text: str) -> int:
        return parse_int(text, self.conventions)

    def date(self, text: str) -> dt.date:
        """A day as this export writes it; a time after it is dropped (unless times = false)."""
        return parse_date(text, self.conventions)

    def datetime(self, text: str) -> dt.datetime:
        return parse_datetime(text, self.conventions)

    def month(self, text: str) -> Period:
        """A month as exports write it ('2024-01', '01.2024', 'januar 2024'; ``parse_month``)."""
        return parse_month(text)

    def describe_conventions(self) -> str:
        """The conventions as a short line, for ``portfolio import profiles``."""
        c = self.conventions
        parts = [f"decimal {c.decimal}", f"thousands {c.thousands}", f"dates {c.dates}"]
        if c.brackets:
            parts.append("brackets negative")
        if not c.times:
            parts.append("no times")
        if self.unit:
            parts.append(f"unit {self.unit}")
        return ", ".join(parts)

    @classmethod
    def from_table(cls, name: str, table: Mapping[str, Any], *, origin: str = "portfolio.toml") -> ImportProfile:
        """A profile from its TOML table; a mistake raises ``ValueError`` naming the key
        (``import.profiles.NAME.KEY: ...``)."""
        where = f"import.profiles.{name}"
        if not isinstance(name, str) or not NAME.match(name):
            raise ValueError(
                f"{where}: the name must be lower-case letters, digits, '.', '_' or '-' (at most 40), e.g. ledger"
            )
        if not isinstance(table, Mapping):
            raise ValueError(f"{where} must be a table, [{where}]")
        unknown = sorted(set(table) - set(PROFILE_KEYS))
        if unknown:
            raise ValueError(f"{where}: unknown key '{unknown[0]}'; allowed: {', '.join(PROFILE_KEYS)}")
        target = table.get("for")
        if target is not None and (not isinstance(target, str) or not TARGET.match(target)):
            raise ValueError(f'{where}.for: \'{target}\' is not an import, e.g. "finance" or "services.orders"')
        description = table.get("description", "")
        if not isinstance(description, str):
            raise ValueError(f"{where}.description must be text in quotes")
        columns = _columns(table.get("columns", {}), where)
        ignore = table.get("ignore", [])
        if not isinstance(ignore, list) or not all(isinstance(item, str) and item.strip() for item in ignore):
            raise ValueError(f'{where}.ignore must be a list of column names, e.g. ["avdeling", "prosjekt"]')
        ignored = frozenset(column_key(item) for item in ignore)
        both = sorted(ignored & set(columns))
        if both:
            raise ValueError(f"{where}.ignore: column '{both[0]}' is also in columns; a column is read or ignored")
        choices: dict[str, Any] = {}
        for key, allowed in (("decimal", DECIMAL_MARKS), ("thousands", THOUSANDS), ("dates", DATE_ORDERS)):
            if key in table:
                value = table[key]
                if value not in allowed:
                    raise ValueError(f"{where}.{key}: '{value}' is not one of {', '.join(allowed)}")
                choices[key] = value
        for key in ("brackets", "times"):
            if key in table:
                if not isinstance(table[key], bool):
                    raise ValueError(f"{where}.{key} must be true or false, not {table[key]!r}")
                choices[key] = table[key]
        if choices.get("thousands") == "dot" and "decimal" not in choices:
            choices["decimal"] = "comma"
        if choices.get("thousands") == "comma" and "decimal" not in choices:
            choices["decimal"] = "point"
        try:
            conventions = Conventions(**choices)
        except ValueError as exc:
            raise ValueError(f"{where}.thousands: {exc}") from None
        unit = table.get("unit")
        if unit is not None and (not isinstance(unit, str) or not unit.strip()):
            raise ValueError(f'{where}.unit must be text in quotes, e.g. "kr"')
        strict = table.get("strict_columns", False)
        if not isinstance(strict, bool):
            raise ValueError(f"{where}.strict_columns must be true or false, not {strict!r}")
        return cls(name, target, description, columns, ignored, conventions, unit, strict, origin)


def _columns(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValueError(f'{where}.columns must be a table of export column = column read, e.g. konto = "account"')
    mapping: dict[str, str] = {}
    for header, target in value.items():
        if not isinstance(target, str) or not target.strip():
            raise ValueError(f"{where}.columns.{header}: '{target}' is not a column name in quotes")
        key = column_key(header)
        if key in mapping:
            raise ValueError(f"{where}.columns: '{header}' is given twice (case and spacing do not count)")
        mapping[key] = column_key(target)
    targets = list(mapping.values())
    repeated = sorted({t for t in targets if targets.count(t) > 1})
    if repeated:
        raise ValueError(f"{where}.columns: two export columns map to '{repeated[0]}'")
    return mapping


def profiles_from_table(table: object, where: str = "import.profiles") -> dict[str, ImportProfile]:
    """``[import.profiles]``: one table per profile, each read by ``ImportProfile.from_table``."""
    if not isinstance(table, Mapping):
        raise ValueError(f"{where} must hold one table per profile, e.g. [{where}.ledger]")
    return {str(name): ImportProfile.from_table(str(name), body) for name, body in table.items()}
