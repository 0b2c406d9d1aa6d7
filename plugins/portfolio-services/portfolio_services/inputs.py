"""Reading one record from text, the same way for a CSV row and for command-line options.

Every value is parsed strictly (portfolio.parsing) and every problem is collected with the
place it came from ("line 3, column contacts" or "--contacts"), so a file reports all its
mistakes at once and the command line says exactly which option is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from portfolio.api import Period, parse_date, parse_decimal, parse_int, parse_month
from portfolio_services.choices import CATEGORIES, category_of, level_of

T = TypeVar("T")
MAX_HOURS = Decimal("9999999")
# A reference is written like a project code: 1-32 letters, digits, ".", "_" or "-".
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")


@dataclass(frozen=True)
class SupportFigures:
    """One month of the support desk; shares in percent units."""

    period: Period
    contacts: int
    phone_share: Decimal
    answered_share: Decimal
    first_line_share: Decimal


@dataclass(frozen=True)
class OperationsFigures:
    """One month of registered incidents and changes."""

    period: Period
    incidents: int
    changes: int


@dataclass(frozen=True)
class OrderInput:
    """An order in New services as a file or the command line gives it."""

    reference: str
    category: str
    received: dt.date
    offer_sent: dt.date | None = None
    delivered: dt.date | None = None
    title: str | None = None


@dataclass(frozen=True)
class HoursInput:
    """Hours spent on an order on one day; 0 removes what is stored for that day."""

    reference: str
    work_date: dt.date
    hours: Decimal


@dataclass(frozen=True)
class ReadinessInput:
    """A readiness event as a command or an import gives it."""

    event_date: dt.date
    level: str
    description: str


# ---------------------------------------------------------------- single values


def count(text: str) -> int:
    value = parse_int(text)
    if value < 0:
        raise ValueError(f"'{text}' is negative; a count is 0 or more")
    return value


def share(text: str) -> Decimal:
    """A share in percent units, '45', '45 %' or '45,5'; 0-100 with at most two decimals."""
    value = parse_decimal(text.strip().removesuffix("%"))
    if value < 0:
        raise ValueError(f"'{text}' is negative; a share is 0-100 %")
    if value > 100:
        raise ValueError(f"'{text}' is above 100 %; a share is 0-100 %")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"'{text}' has more than two decimals")
    return value


def hours(text: str, number: Callable[[str], Decimal] = parse_decimal) -> Decimal:
    value = number(text)
    if value < 0:
        raise ValueError(f"'{text}' is negative; hours are 0 or more (0 removes the day's hours)")
    if value > MAX_HOURS:
        raise ValueError(f"'{text}' is more hours than one record can hold")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"'{text}' has more than two decimals")
    return value


def reference(text: str) -> str:
    if not REFERENCE.match(text):
        raise ValueError(f"'{text}' is not a valid reference; use 1-32 letters, digits, '.', '_' or '-'")
    return text


def description(text: str) -> str:
    if not text.strip():
        raise ValueError("empty; say what happened, e.g. 'treghet i DIPS Arena'")
    return " ".join(text.split())


# ---------------------------------------------------------------- records


class Fields:
    """Values of one record by name; parse problems are kept, each with where it came from."""

    def __init__(self, values: Mapping[str, str | None], where: Callable[[str], str]):
        self.values = values
        self.where = where
        self.problems: list[str] = []

    def get(self, name: str, parse: Callable[[str], T], *, required: bool = True) -> T | None:
        text = (self.values.get(name) or "").strip()
        if not text:
            if required:
                self.problems.append(f"{self.where(name)}: empty; a value is needed")
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.problems.append(f"{self.where(name)}: {exc}")
            return None

    def fail(self, name: str, message: str) -> None:
        self.problems.append(f"{self.where(name)}: {message}")


def _complete(*values: Any) -> bool:
    return all(value is not None for value in values)


def support_from(fields: Fields, period_name: str = "month") -> SupportFigures | None:
    values = (
        fields.get(period_name, parse_month),
        fields.get("contacts", count),
        fields.get("phone_share", share),
        fields.get("answered_share", share),
        fields.get("first_line_share", share),
    )
    return SupportFigures(*values) if _complete(*values) else None  # type: ignore[arg-type]


def operations_from(fields: Fields, period_name: str = "month") -> OperationsFigures | None:
    values = (
        fields.get(period_name, parse_month),
        fields.get("incidents", count),
        fields.get("changes", count),
    )
    return OperationsFigures(*values) if _complete(*values) else None  # type: ignore[arg-type]


def order_from(
    fields: Fields,
    *,
    categories: tuple[str, ...] = CATEGORIES,
    date: Callable[[str], dt.date] = parse_date,
) -> OrderInput | None:
    """An order; its category one of ``categories``, its dates read by ``date`` (an export's profile)."""
    ref = fields.get("reference", reference)
    category = fields.get("category", lambda text: category_of(text, categories))
    received = fields.get("received", date)
    offer_sent = fields.get("offer_sent", date, required=False)
    delivered = fields.get("delivered", date, required=False)
    title = (fields.values.get("title") or "").strip() or None
    if received is not None:
        _check_order_dates(fields, received, offer_sent, delivered)
    if not _complete(ref, category, received):
        return None
    return OrderInput(ref, category, received, offer_sent, delivered, title)  # type: ignore[arg-type]


def _check_order_dates(
    fields: Fields, received: dt.date, offer_sent: dt.date | None, delivered: dt.date | None
) -> None:
    """An offer or a delivery cannot come before the order was received."""
    if offer_sent is not None and offer_sent < received:
        fields.fail(
            "offer_sent",
            f"offer sent {offer_sent.isoformat()} is before the order was received ({received.isoformat()})",
        )
    if delivered is not None and delivered < received:
        fields.fail(
            "delivered",
            f"delivery {delivered.isoformat()} is before the order was received ({received.isoformat()})",
        )


def hours_from(
    fields: Fields,
    *,
    date: Callable[[str], dt.date] = parse_date,
    number: Callable[[str], Decimal] = parse_decimal,
) -> HoursInput | None:
    values = (
        fields.get("reference", reference),
        fields.get("date", date),
        fields.get("hours", lambda text: hours(text, number)),
    )
    return HoursInput(*values) if _complete(*values) else None  # type: ignore[arg-type]


def readiness_from(fields: Fields) -> ReadinessInput | None:
    values = (
        fields.get("date", parse_date),
        fields.get("level", level_of),
        fields.get("description", description),
    )
    return ReadinessInput(*values) if _complete(*values) else None  # type: ignore[arg-type]
