"""Numbers, percentages, dates and month names in the report's language, through Babel."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from portfolio.period import Period

LOCALES = {"nb": "nb_NO", "en": "en_GB"}
NBSP = "\u00a0"
NUMBERS_KEPT = 10_000  # formatted numbers a Formatter keeps


class Formatter:
    """Formats raw values for one language; renderers and prose builders share it."""

    def __init__(self, lang: str):
        if lang not in LOCALES:
            raise ValueError(f"language '{lang}' is not one of {', '.join(LOCALES)}")
        self.lang = lang
        self.locale = LOCALES[lang]
        # a large report formats the same few numbers (days, counts, scores) tens of thousands
        # of times, and Babel takes some 15 microseconds each; equal values format alike
        self._numbers: dict[tuple[int | Decimal | float, int], str] = {}

    def number(self, value: int | Decimal | float | None, decimals: int = 0) -> str:
        """'91 712', '-4 413', '0,8' (nb) or '91,712', '-4,413', '0.8' (en)."""
        if value is None:
            return ""
        key = (value, decimals)
        known = self._numbers.get(key)
        if known is None:
            known = self._number(value, decimals)
            if len(self._numbers) < NUMBERS_KEPT:
                self._numbers[key] = known
        return known

    def _number(self, value: int | Decimal | float, decimals: int) -> str:
        quantum = Decimal(1).scaleb(-decimals)
        rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
        if rounded == 0:
            rounded = abs(rounded)  # no "-0"
        return _decimal_pattern(decimals).apply(rounded, babel_locale(self.locale))

    def percent(self, value: int | Decimal | float | None, decimals: int = 0) -> str:
        """``value`` is in percent units: 6.05 -> '6,05 %' (nb), '6.05%' (en)."""
        if value is None:
            return ""
        fraction = Decimal(str(value)) / 100
        return _percent_pattern(decimals, self.lang == "nb").apply(fraction, babel_locale(self.locale))

    def millions(self, value: int | Decimal, decimals: int = 1) -> str:
        """A NOK thousands amount as millions for prose: 4413 -> '4,4'."""
        return self.number(Decimal(str(value)) / 1000, decimals)

    def date_long(self, day: dt.date) -> str:
        """'31. januar 2024' or '31 January 2024'."""
        from babel.dates import format_date

        pattern = "d. MMMM y" if self.lang == "nb" else "d MMMM y"
        return format_date(day, format=pattern, locale=babel_locale(self.locale))

    def date_short(self, day: dt.date) -> str:
        """'31.03.2024' or '2024-03-31': a date in a table cell."""
        return day.strftime("%d.%m.%Y") if self.lang == "nb" else day.isoformat()

    def month_name(self, period: Period, *, with_year: bool = True, abbreviated: bool = False) -> str:
        """'Januar 2024', 'Jan', 'January 2024'; capitalised as a column heading."""
        return _month_name(self.locale, period, with_year, abbreviated)


@lru_cache(maxsize=8)
def babel_locale(name: str):  # type: ignore[no-untyped-def]
    """Babel's Locale for a name, made once: given a name, Babel parses it again on every call,
    which is two thirds of formatting a number."""
    from babel import Locale

    return Locale.parse(name)


# Babel parses a pattern on every call; reports format the same few patterns and months hundreds
# of times, so the parsed patterns and the names are kept.
@lru_cache(maxsize=16)
def _decimal_pattern(decimals: int):  # type: ignore[no-untyped-def]
    from babel.numbers import parse_pattern

    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


@lru_cache(maxsize=16)
def _percent_pattern(decimals: int, space: bool):  # type: ignore[no-untyped-def]
    from babel.numbers import parse_pattern

    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else "") + ("\u00a0%" if space else "%"))


@lru_cache(maxsize=512)
def _month_name(locale: str, period: Period, with_year: bool, abbreviated: bool) -> str:
    from babel.dates import format_date

    pattern = ("MMM" if abbreviated else "MMMM") + (" y" if with_year else "")
    text = format_date(period.first_day, format=pattern, locale=babel_locale(locale)).rstrip(".")
    return text[:1].upper() + text[1:]
