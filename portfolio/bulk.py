"""Writing many rows at once: for imports that must stay fast at tens of thousands of rows.

An ORM object per row costs about ten times the insert itself, and even SQLAlchemy Core builds
and processes every row's parameters on its own; ``insert_rows`` hands plain tuples to the
driver's executemany. Plugins' importers use it as the core's status import does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Table
from sqlmodel import Session


def chunks(items: Iterable[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """``items`` in slices of ``size``: batches small enough for any driver's parameter limit.

    Items that are not a sequence (rows read from a file as they come) are taken ``size`` at a
    time, so no more than one batch is held.
    """
    if isinstance(items, Sequence):
        for start in range(0, len(items), size):
            yield items[start : start + size]
        return
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def insert_rows(session: Session, table: Table, names: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert plain tuples (in the order of ``names``) through the driver's executemany, in batches.

    SQLAlchemy would build and process every row's parameters on its own, which costs more than
    the insert; each column's own bind processor is applied here instead, once per distinct
    value, so the stored values are exactly what SQLAlchemy would store. ``rows`` may be a
    generator: only one batch of them is held at a time.
    """
    connection = session.connection()
    dialect = connection.dialect
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    converting = [(index, processor) for index, processor in enumerate(processors) if processor is not None]

    def converted(processor: Any, value: Any, memo: dict[Any, Any]) -> Any:
        if value is None:
            return None
        try:
            return memo[value]
        except KeyError:
            memo[value] = result = processor(value)
            return result
        except TypeError:  # unhashable: convert without the memo
            return processor(value)

    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    columns = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    into = dialect.identifier_preparer.format_table(table)
    statement = f"INSERT INTO {into} ({columns}) VALUES ({', '.join([marker] * len(names))})"
    memos: dict[int, dict[Any, Any]] = {index: {} for index, _ in converting}
    for batch in chunks(rows, 5000):
        values: Sequence[Any] = batch
        if converting:
            lists = [list(value) for value in batch]
            for index, processor in converting:
                memo = memos[index]
                for value in lists:
                    value[index] = converted(processor, value[index], memo)
            values = [tuple(value) for value in lists]
        connection.exec_driver_sql(statement, list(values))
