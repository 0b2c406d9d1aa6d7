"""Support-desk figures summed from call records, one row per call as a phone system exports it.

The rule, per month of the call's received time:

- **contacts**: every row (every call, or with a channel column every contact of any channel);
- **phone share**: the rows whose channel is the phone, in percent of contacts (100 when the
  export has no channel column: then every row is a call);
- **answered share**: the phone calls answered after at most ``answer_seconds`` seconds
  (``[plugins.services] answer_seconds``, default 60), in percent of all phone calls; a call
  not answered (an empty cell, or 'nei'/'no'/'-') counts as a call not answered in time;
- **first-line share**: the rows solved in first line ('ja'/'yes'/'1'), in percent of contacts;
  an empty cell is not solved in first line.

Shares are rounded half up to one decimal. Only the sums per month are kept, so memory does not
grow with the file; every row is checked before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from portfolio.api import ImportProfile, Period
from portfolio_services.inputs import SupportFigures

CALL_COLUMNS = ("received", "answered_after", "first_line", "channel")
CALL_REQUIRED = ("received", "answered_after", "first_line")
# what phone systems call the columns, understood without a profile
CALL_ALIASES = {
    "mottatt": "received",
    "tidspunkt": "received",
    "started": "received",
    "start": "received",
    "ventetid": "answered_after",
    "svartid": "answered_after",
    "wait_seconds": "answered_after",
    "answered_after_seconds": "answered_after",
    "løst_i_førstelinje": "first_line",
    "førstelinje": "first_line",
    "solved_first_line": "first_line",
    "kanal": "channel",
}
YES = frozenset({"ja", "j", "yes", "y", "true", "1", "x"})
NO = frozenset({"nei", "n", "no", "false", "0", ""})
NOT_ANSWERED = frozenset({"", "-", "nei", "no", "ikke besvart", "not answered", "ubesvart", "abandoned"})
PHONE = frozenset({"telefon", "phone", "tlf", "tel", "call", "samtale", "anrop"})
_CLOCK = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$", flags=re.ASCII)
TENTH = Decimal("0.1")
CACHE_LIMIT = 100_000  # distinct values remembered per column (a day has 86,400 seconds)


@dataclass(slots=True)
class MonthCalls:
    """One month's sums: every figure the support import stores is made from these four."""

    contacts: int = 0
    phone: int = 0
    answered_in_time: int = 0
    first_line: int = 0

    def figures(self, period: Period) -> SupportFigures:
        return SupportFigures(
            period,
            self.contacts,
            share(self.phone, self.contacts),
            share(self.answered_in_time, self.phone),
            share(self.first_line, self.contacts),
        )


def share(part: int, whole: int) -> Decimal:
    """``part`` in percent of ``whole``, rounded half up to one decimal."""
    return (Decimal(100 * part) / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def seconds(text: str, profile: ImportProfile) -> int | None:
    """Seconds until a call was answered: '45', '45,5', '0:45', '00:00:45'; None when not answered.

    A fraction of a second is rounded up: a call answered after 60.4 seconds was not answered
    within 60."""
    cleaned = text.strip().casefold()
    if cleaned in NOT_ANSWERED:
        return None
    clock = _CLOCK.match(cleaned)
    if clock:
        hours, minutes, secs = int(clock[1] or 0), int(clock[2]), int(clock[3])
        if secs > 59 or (clock[1] is not None and minutes > 59):
            raise ValueError(f"'{text}' is not a duration; write seconds (45) or mm:ss / hh:mm:ss (00:00:45)")
        return hours * 3600 + minutes * 60 + secs
    try:
        value = profile.number(text)
    except ValueError:
        raise ValueError(
            f"'{text}' is not a waiting time; write seconds (45), mm:ss or hh:mm:ss, or leave it empty "
            "for a call not answered"
        ) from None
    if value < 0:
        raise ValueError(f"'{text}' is negative; seconds until answered are 0 or more")
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def yes_no(text: str) -> bool:
    cleaned = text.strip().casefold()
    if cleaned in YES:
        return True
    if cleaned in NO:
        return False
    raise ValueError(f"'{text}' is neither yes nor no; write ja/nei, yes/no or 1/0 (empty is no)")


def is_phone(text: str) -> bool:
    cleaned = text.strip().casefold()
    if not cleaned:
        raise ValueError("empty; name the contact's channel, e.g. telefon, e-post or chat")
    return cleaned in PHONE


@dataclass
class CallSums:
    """What a file of call records gives: the sums per month, and how many rows were read."""

    months: dict[Period, MonthCalls]
    rows: int

    def figures(self) -> list[SupportFigures]:
        return [self.months[p].figures(p) for p in sorted(self.months)]


def sum_calls(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    profile: ImportProfile,
    *,
    answer_seconds: int,
    has_channel: bool,
    where: Mapping[str, str],
    problems: list[str],
    source: str,
) -> CallSums:
    """Every row read and summed per month; a bad value appends "line N, column X: ..." to
    ``problems``, led by ``source`` (``where`` gives each column's name as the file writes it).

    An export repeats the same few values (days, times of day, channels, waiting times, ja/nei):
    each distinct value is read once and remembered, at most ``CACHE_LIMIT`` of a column, so a
    year of calls costs little more per row than reading it, and memory stays flat."""
    months: dict[Period, MonthCalls] = {}
    by_day: dict[str, MonthCalls] = {}  # the day as written -> its month's sums
    clocks: set[str] = set()  # times of day already read
    phones: dict[str, bool] = {}
    waits: dict[str, int | None] = {}
    answers: dict[str, bool] = {}
    cache_days = profile.conventions.times  # with times = false every value is read in full, to refuse a time
    read_datetime = profile.datetime
    count = 0
    for line, row in rows:
        count += 1
        bad = False
        received = row["received"]
        # '31.01.2024 14:32', '2024-01-31T14:32:05': a day seen before and a time read before need no more
        day_text, space, clock = received.partition(" ")
        if not space:
            day_text, _, clock = received.partition("T")
        month = by_day.get(day_text) if cache_days else None
        if month is None or (clock and clock not in clocks):
            try:
                moment = read_datetime(received)
            except ValueError as exc:
                problems.append(f"{source}: line {line}, column {where['received']}: {exc}")
                bad = True
            else:
                period = Period(moment.year, moment.month)
                month = months.get(period)
                if month is None:
                    month = months[period] = MonthCalls()
                if cache_days and len(by_day) < CACHE_LIMIT:
                    by_day[day_text] = month
                if clock and len(clocks) < CACHE_LIMIT:
                    clocks.add(clock)
        phone = True
        if has_channel:
            text = row["channel"]
            known = phones.get(text)
            if known is None:
                try:
                    known = is_phone(text)
                except ValueError as exc:
                    problems.append(f"{source}: line {line}, column {where['channel']}: {exc}")
                    bad, known = True, False
                else:
                    if len(phones) < CACHE_LIMIT:
                        phones[text] = known
            phone = known
        waited: int | None = None
        if phone:
            text = row["answered_after"]
            if text in waits:
                waited = waits[text]
            else:
                try:
                    waited = seconds(text, profile)
                except ValueError as exc:
                    problems.append(f"{source}: line {line}, column {where['answered_after']}: {exc}")
                    bad = True
                else:
                    if len(waits) < CACHE_LIMIT:
                        waits[text] = waited
        text = row["first_line"]
        solved = answers.get(text)
        if solved is None:
            try:
                solved = yes_no(text)
            except ValueError as exc:
                problems.append(f"{source}: line {line}, column {where['first_line']}: {exc}")
                bad, solved = True, False
            else:
                if len(answers) < CACHE_LIMIT:
                    answers[text] = solved
        if bad or month is None:
            continue
        month.contacts += 1
        if phone:
            month.phone += 1
            if waited is not None and waited <= answer_seconds:
                month.answered_in_time += 1
        if solved:
            month.first_line += 1
    return CallSums(months, count)


def no_phone_calls(sums: CallSums, source: str) -> list[str]:
    """A month with contacts but no phone call has no answered share to give: refused."""
    return [
        f"{source}: {period} has {month.contacts} contact(s) but no phone call; the answered share "
        "needs calls (channel telefon/phone)"
        for period, month in sorted(sums.months.items())
        if month.phone == 0
    ]


def preview_rows(figures: Iterable[SupportFigures], stored: Mapping[Period, object]) -> Iterator[dict[str, object]]:
    """Per month what will be stored, and what is stored now ('new', 'unchanged' or the old figures)."""
    for item in figures:
        old = stored.get(item.period)
        if old is None:
            now = "new"
        else:
            before = (
                old.contacts,  # type: ignore[attr-defined]
                Decimal(old.phone_share),  # type: ignore[attr-defined]
                Decimal(old.answered_share),  # type: ignore[attr-defined]
                Decimal(old.first_line_share),  # type: ignore[attr-defined]
            )
            given = (item.contacts, item.phone_share, item.answered_share, item.first_line_share)
            now = "unchanged" if before == given else "was " + " / ".join(_plain(v) for v in before)
        yield {
            "month": str(item.period),
            "contacts": item.contacts,
            "phone_share": item.phone_share,
            "answered_share": item.answered_share,
            "first_line_share": item.first_line_share,
            "stored": now,
        }


def _plain(value: int | Decimal) -> str:
    return format(Decimal(value).normalize(), "f")
