"""Amounts in kr or 1000 kr, stored exactly as whole øre.

An accounting export states its amounts in kr or in thousands; a figure typed in the wrong unit is
a thousandfold mistake, so the unit is always stated (in the file or as an option), never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

KR = 1
THOUSAND = 1000
ORE_PER_KR = 100

_UNIT_WORDS = {
    "kr": KR,
    "nok": KR,
    "1": KR,
    "1000 kr": THOUSAND,
    "1000": THOUSAND,
    "tkr": THOUSAND,
    "t kr": THOUSAND,
    "tnok": THOUSAND,
    "nok 1000": THOUSAND,
    "1000 nok": THOUSAND,
    "tusen kr": THOUSAND,
}
UNIT_CHOICES = "kr or 1000 kr"


@lru_cache(maxsize=64)  # an import reads the same few spellings on every row
def parse_unit(text: object) -> int:
    """'kr' -> 1, '1000 kr' (also '1000', 'tkr', '1 000 kr') -> 1000; anything else is refused."""
    cleaned = re.sub(r"\s+", " ", str(text).replace("\u00a0", " ")).strip().lower()
    cleaned = re.sub(r"^1 000\b", "1000", cleaned)
    cleaned = cleaned.replace("1000kr", "1000 kr")
    if cleaned in _UNIT_WORDS:
        return _UNIT_WORDS[cleaned]
    raise ValueError(f"unit '{text}' is not known; write {UNIT_CHOICES}")


def unit_label(unit: int) -> str:
    return "kr" if unit == KR else "1000 kr"


MAX_ORE = 2**63 - 1  # amounts are stored as 64-bit whole øre (BIGINT), on SQLite and PostgreSQL alike


def to_ore(value: Decimal, unit: int) -> int:
    """An amount in ``unit`` as whole øre; a fraction of an øre is refused, not rounded, and
    an amount beyond what a 64-bit column holds is refused with the range allowed."""
    if abs(value) * unit * ORE_PER_KR > MAX_ORE:  # exact: compared before any rounding
        return checked_ore(MAX_ORE + 1, value, unit)
    ore = value * unit * ORE_PER_KR
    if ore != ore.to_integral_value():
        raise ValueError(f"'{value}' has more decimals than whole øre allow in {unit_label(unit)}")
    return checked_ore(int(ore), value, unit)


def checked_ore(ore: int, value: object, unit: int) -> int:
    """``ore`` when a 64-bit column holds it, else the ValueError naming ``value`` and the range."""
    if -MAX_ORE <= ore <= MAX_ORE:
        return ore
    largest = f"{MAX_ORE // (unit * ORE_PER_KR):,}".replace(",", " ")
    raise ValueError(f"'{value}' is too large: amounts from -{largest} to {largest} {unit_label(unit)} are stored")


def from_ore(ore: int | None, unit: int) -> Decimal | None:
    """Stored øre as an exact Decimal in ``unit`` (kr or thousands), for tables and sums."""
    if ore is None:
        return None
    return Decimal(ore) / (ORE_PER_KR * unit)
