"""What an import will store, shown before it is stored: per month and line, or per month for
imports of many records, against what is stored now.

An import command takes what is stored before and after its rows are saved (in one transaction
that ``--dry-run`` rolls back), hands both to a ``Preview`` and prints it: the same table for a
dry run and for a real import.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

NEW, UNCHANGED, CHANGED, REMOVED = "new", "unchanged", "changed", "removed"
HEADER = ("Month", "What", "Stored now", "To store", "Change")


@dataclass(frozen=True)
class PreviewRow:
    """One line of the preview: a month, what it is, the value stored now and the one to store."""

    month: str
    what: str
    now: str
    new: str
    state: str


@dataclass
class Preview:
    """The rows an import will store, against what is stored.

    ``lines``: one row per month and line (a figure each). ``records``: one row per month with the
    count of records new, changed, unchanged and removed (and their sum, given ``amount``).
    """

    rows: list[PreviewRow] = field(default_factory=list)

    def add(self, month: object, what: str, now: object, new: object) -> str:
        """One month and line: ``now`` is what is stored (None: nothing), ``new`` what will be."""
        state = _state(now, new)
        self.rows.append(PreviewRow(str(month), what, _text(now), _text(new), state))
        return state

    def lines(
        self,
        before: Mapping[tuple[Any, str], object],
        after: Mapping[tuple[Any, str], object],
        *,
        months: Any = None,
    ) -> None:
        """Per (month, line), what is stored before and after the import: the given ``months``
        (those in the file) and every month where anything changes."""
        shown = {str(m) for m in months or ()} | _changed_months(before, after)
        for key in sorted(set(before) | set(after), key=lambda k: (str(k[0]), k[1])):
            if str(key[0]) in shown and (key in after or key in before):
                self.add(key[0], key[1], before.get(key), after.get(key))

    def records(
        self,
        what: str,
        before: Mapping[Hashable, tuple[Any, object]],
        after: Mapping[Hashable, tuple[Any, object]],
        *,
        amount: Callable[[Any], Decimal | int | None] | None = None,
        unit: str = "",
    ) -> None:
        """Per month, how many ``what`` records (key -> (month, values)) are new, changed,
        unchanged or removed, with the number stored before and after and, given ``amount``,
        their sums. Only months where something changes are shown."""
        months: dict[str, dict[str, int]] = {}
        sums: dict[str, list[Decimal]] = {}
        counts: dict[str, list[int]] = {}
        for key in set(before) | set(after):
            old, new = before.get(key), after.get(key)
            for side, item in enumerate((old, new)):
                if item is not None:
                    month = str(item[0])
                    counts.setdefault(month, [0, 0])[side] += 1
                    if amount is not None:
                        sums.setdefault(month, [Decimal(0), Decimal(0)])[side] += Decimal(amount(item[1]) or 0)
            if old is None:
                state, month = NEW, str(new[0])  # type: ignore[index]
            elif new is None:
                state, month = REMOVED, str(old[0])
            else:
                state, month = (UNCHANGED if old == new else CHANGED), str(new[0])
                if str(old[0]) != month:  # moved to another month: gone from one, new in the other
                    months.setdefault(str(old[0]), {})[REMOVED] = months.get(str(old[0]), {}).get(REMOVED, 0) + 1
                    state = NEW
            tally = months.setdefault(month, {})
            tally[state] = tally.get(state, 0) + 1
        for month in sorted(months):
            tally = months[month]
            if not any(tally.get(s) for s in (NEW, CHANGED, REMOVED)):
                continue
            count_now, count_new = counts.get(month, [0, 0])
            shown_now, shown_new = str(count_now), str(count_new)
            if amount is not None:
                total_now, total_new = sums.get(month, [Decimal(0), Decimal(0)])
                shown_now += f" ({_text(total_now)}{unit})"
                shown_new += f" ({_text(total_new)}{unit})"
            state = ", ".join(f"{tally[s]} {s}" for s in (NEW, CHANGED, REMOVED, UNCHANGED) if tally.get(s))
            self.rows.append(PreviewRow(month, what, shown_now, shown_new, state))

    @staticmethod
    def state(now: object, new: object) -> str:
        """What ``add`` calls a row stored as ``now`` and to be stored as ``new``: new,
        removed, unchanged or changed."""
        return _state(now, new)

    def tally(self, month: object, what: str, count_now: int, count_new: int, states: Mapping[str, int]) -> None:
        """One month's count of ``what`` instead of a row each: how many are stored now, how many
        after, and how many are new, changed, removed and unchanged (for a preview too long to
        show line by line)."""
        state = ", ".join(f"{states[s]} {s}" for s in (NEW, CHANGED, REMOVED, UNCHANGED) if states.get(s))
        self.rows.append(PreviewRow(str(month), what, str(count_now), str(count_new), state))

    def render(self) -> str:
        """The table as text, one line per row, columns aligned; a line of its own when
        nothing changes."""
        if not self.rows:
            return "Nothing changes: the file gives what is stored.\n"
        return "".join(_table(lambda: self.rows))

    @staticmethod
    def stream(rows: Callable[[], Iterable[tuple[object, str, object, object]]]) -> Iterator[str]:
        """The table of every (month, what, now, new) that ``rows()`` gives, a line at a time,
        without holding the rows: ``rows`` is called twice, once for the columns' widths and
        once for the lines. The same table ``add`` and ``render`` make."""

        def made() -> Iterator[PreviewRow]:
            for month, what, now, new in rows():
                yield PreviewRow(str(month), what, _text(now), _text(new), _state(now, new))

        empty = True
        for line in _table(made):
            empty = False
            yield line
        if empty:
            yield "Nothing changes: the file gives what is stored.\n"

    def counts(self) -> dict[str, int]:
        """How many rows are in each state (for a summary line)."""
        found: dict[str, int] = {}
        for row in self.rows:
            found[row.state] = found.get(row.state, 0) + 1
        return found


def _state(now: object, new: object) -> str:
    return NEW if now is None else REMOVED if new is None else UNCHANGED if now == new else CHANGED


def _table(rows: Callable[[], Iterable[PreviewRow]]) -> Iterator[str]:
    """The header, its rule and a line per row, each ending in a newline; nothing without rows.
    ``rows`` is called twice (widths, then lines), so a long table need not be held."""
    widths = [len(cell) for cell in HEADER]
    empty = True
    for row in rows():
        empty = False
        for i, cell in enumerate((row.month, row.what, row.now, row.new, row.state)):
            widths[i] = max(widths[i], len(cell))
    if empty:
        return

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip() + "\n"

    yield line(HEADER)
    yield "  ".join("-" * width for width in widths) + "\n"
    for row in rows():
        yield line((row.month, row.what, row.now, row.new, row.state))


def _changed_months(before: Mapping[tuple[Any, str], object], after: Mapping[tuple[Any, str], object]) -> set[str]:
    return {str(key[0]) for key in set(before) | set(after) if before.get(key) != after.get(key)}


def _text(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")
    if isinstance(value, tuple):
        return " / ".join(_text(v) for v in value)
    return str(value)
