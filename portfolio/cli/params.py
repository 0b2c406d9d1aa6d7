"""Click parameter types: bad values become usage errors (exit 2) naming the value and what is allowed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from portfolio.period import Period, PeriodError
from portfolio.ratings import Rating, parse_rating


class PeriodType(click.ParamType):
    name = "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Period:
        if isinstance(value, Period):
            return value
        try:
            return Period.parse(value)
        except PeriodError as exc:
            self.fail(str(exc), param, ctx)


class RatingType(click.ParamType):
    name = "green|yellow|red|na"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Rating:
        if isinstance(value, Rating):
            return value
        try:
            return parse_rating(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from portfolio.parsing import parse_date

        try:
            return parse_date(str(value))
        except ValueError as exc:
            self.fail(f"{exc}, for example 2024-03-01 or 01.03.2024", param, ctx)


PERIOD = PeriodType()
RATING = RatingType()
DATE = DateType()
SCALE = click.IntRange(1, 5)

EXPECT_VERSION = click.option(
    "--expect-version",
    type=click.IntRange(min=1),
    help="Refuse if the record is no longer at this version (as 'show' printed it).",
)
