"""The 5x5 risk matrix that maps probability and consequence to a zone."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Zone(str, Enum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


# Rows are consequence 5 (top) down to 1; columns are probability 1 to 5.
# Read as scores (probability x consequence): green up to 4, yellow from 5 to 12, red from 15.
DEFAULT_MATRIX: tuple[str, ...] = (
    "YYRRR",
    "GYYRR",
    "GYYYR",
    "GGYYY",
    "GGGGY",
)

_LETTERS = {"G": Zone.GREEN, "Y": Zone.YELLOW, "R": Zone.RED}


@dataclass(frozen=True)
class RiskMatrix:
    """Zones by consequence (rows, 5 to 1) and probability (columns, 1 to 5)."""

    rows: tuple[str, ...] = DEFAULT_MATRIX

    def __post_init__(self) -> None:
        if len(self.rows) != 5 or any(len(row) != 5 for row in self.rows):
            raise ValueError("the risk matrix must have 5 rows of 5 letters")
        bad = {ch for row in self.rows for ch in row.upper()} - set(_LETTERS)
        if bad:
            raise ValueError(f"the risk matrix may use only G, Y and R, not {''.join(sorted(bad))}")

    def zone(self, probability: int, consequence: int) -> Zone:
        for name, value in (("probability", probability), ("consequence", consequence)):
            if not 1 <= value <= 5:
                raise ValueError(f"{name} {value} is not between 1 and 5")
        return _LETTERS[self.rows[5 - consequence][probability - 1].upper()]


def score(probability: int, consequence: int) -> int:
    return probability * consequence
