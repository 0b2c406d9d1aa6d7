"""portfolio.bulk.insert_rows stores exactly what the ORM would, on every backend."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlmodel import Session

from portfolio.bulk import chunks, insert_rows
from portfolio.database import make_engine
from portfolio.models import AuditEntry


def test_chunks_cover_every_item_once_in_order():
    assert [list(part) for part in chunks(list(range(7)), 3)] == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []


def test_chunks_of_rows_as_they_are_read_take_one_batch_at_a_time():
    taken = []

    def rows():
        for n in range(7):
            taken.append(n)
            yield n

    batches = chunks(rows(), 3)
    assert list(next(batches)) == [0, 1, 2] and taken == [0, 1, 2]  # nothing read ahead
    assert [list(part) for part in batches] == [[3, 4, 5], [6]]
    assert list(chunks(iter(()), 3)) == []


def test_inserted_rows_read_back_as_the_orm_writes_them(migrated, db_url: str):
    at = dt.datetime(2024, 1, 31, 12, 30, 15, tzinfo=dt.UTC)
    names = ("at", "user", "action", "table_name", "row_key", "subject", "period", "field", "old_value", "new_value")
    rows = [
        (at, "kari", "insert", "status_rating", f"{n}/scope", f"P{n}", "2024-01", "scope", None, "green")
        for n in range(6001)  # more than one batch
    ]
    engine = make_engine(db_url)
    with Session(engine) as session:
        insert_rows(session, AuditEntry.__table__, names, rows)
        session.add(
            AuditEntry(at=at, user="ola", action="update", table_name="status_rating", row_key="x", field="scope")
        )
        session.commit()
    with Session(engine) as session:
        stored = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()  # type: ignore[call-overload]
    engine.dispose()
    assert len(stored) == 6002
    first, orm_row = stored[0][0], stored[-1][0]
    assert (first.at, first.subject, first.old_value, first.new_value) == (at, "P0", None, "green")
    assert orm_row.at == first.at  # the same stored form as the ORM's, read back alike
    assert stored[6000][0].row_key == "6000/scope"


def test_no_rows_write_nothing(migrated, db_url: str):
    engine = make_engine(db_url)
    with Session(engine) as session:
        insert_rows(session, AuditEntry.__table__, ("at",), [])
        assert session.exec(select(AuditEntry)).all() == []  # type: ignore[call-overload]
    engine.dispose()
