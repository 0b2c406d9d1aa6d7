"""Numbers, percentages, dates and month names in the report's language, through Babel."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from portfolio.period import Period

LOCALES = {"nb": "nb_NO", "en": "en_GB"}
NBSP = "\u00a0"


class Formatter:
    """Formats raw values for one language; renderers and prose builders share it."""

    def __init__(self, lang: str):
        if lang not in LOCALES:
            raise ValueError(f"language '{lang}' is not one of {', '.join(LOCALES)}")
        self.lang = lang
        self.locale = LOCALES[lang]

    @cached_property
    def _numbers(self):  # type: ignore[no-untyped-def]
        from babel import numbers

        return numbers

    def number(self, value: int | Decimal | float | None, decimals: int = 0) -> str:
        """'91 712', '-4 413', '0,8' (nb) or '91,712', '-4,413', '0.8' (en)."""
        if value is None:
            return ""
        quantum = Decimal(1).scaleb(-decimals)
        rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
        if rounded == 0:
            rounded = abs(rounded)  # no "-0"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return self._numbers.format_decimal(rounded, format=pattern, locale=self.locale)

    def percent(self, value: int | Decimal | float | None, decimals: int = 0) -> str:
        """``value`` is in percent units: 6.05 -> '6,05 %' (nb), '6.05%' (en)."""
        if value is None:
            return ""
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + ("\u00a0%" if self.lang == "nb" else "%")
        fraction = Decimal(str(value)) / 100
        return self._numbers.format_percent(fraction, format=pattern, locale=self.locale)

    def millions(self, value: int | Decimal, decimals: int = 1) -> str:
        """A NOK thousands amount as millions for prose: 4413 -> '4,4'."""
        return self.number(Decimal(str(value)) / 1000, decimals)

    def date_long(self, day: dt.date) -> str:
        """'31. januar 2024' or '31 January 2024'."""
        from babel.dates import format_date

        pattern = "d. MMMM y" if self.lang == "nb" else "d MMMM y"
        return format_date(day, format=pattern, locale=self.locale)

    def month_name(self, period: Period, *, with_year: bool = True, abbreviated: bool = False) -> str:
        """'Januar 2024', 'Jan', 'January 2024'; capitalised as a column heading."""
        from babel.dates import format_date

        pattern = ("MMM" if abbreviated else "MMMM") + (" y" if with_year else "")
        text = format_date(period.first_day, format=pattern, locale=self.locale).rstrip(".")
        return text[:1].upper() + text[1:]
