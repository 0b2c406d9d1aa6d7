"""Click parameter types for amounts and units: a bad value is a usage error (exit 2) saying why."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import click

from portfolio.api import parse_decimal
from portfolio_finance.units import parse_unit


class AmountType(click.ParamType):
    name = "AMOUNT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Decimal:
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class UnitType(click.ParamType):
    name = "kr|1000"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_unit(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


AMOUNT = AmountType()
UNIT = UnitType()


def unit_option(required_help: str = "The unit of the amounts: kr or 1000 (kr).") -> Any:
    return click.option("--unit", type=UNIT, help=required_help)
