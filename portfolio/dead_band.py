"""How much a key figure may move and still count as flat: ``[report.dead_bands]`` in portfolio.toml.

A value type of its own, below both the settings that read it and the key figures that use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class DeadBand:
    """How much a figure may move and still count as flat: absolute, or a share of the month before."""

    amount: Decimal = Decimal(0)
    relative: bool = False  # amount is a percentage of the previous value

    def width(self, previous: Decimal | int) -> Decimal:
        if self.relative:
            return abs(Decimal(previous)) * self.amount / 100
        return self.amount

    def __str__(self) -> str:
        return f"{self.amount}%" if self.relative else str(self.amount)


def parse_dead_band(value: object, where: str) -> DeadBand:
    """``0.5`` (the figure's unit) or ``"5%"`` (of the month before); raises ValueError naming ``where``."""
    text = str(value).strip() if not isinstance(value, bool) else ""
    relative = text.endswith("%")
    try:
        amount = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0:
        raise ValueError(f'{where} = {value!r} must be a number 0 or more, or a percentage such as "5%"')
    return DeadBand(amount, relative)


NO_BAND = DeadBand()
"""Every change counts: the default band."""
