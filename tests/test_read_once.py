"""Reads shared within a read-only session are shared only while it lasts: a report's status rows
(tens of MiB on a large portfolio) are let go when the session ends, not kept while the report is
rendered by a caller that still holds the session object."""

from __future__ import annotations

import gc
import weakref


def test_what_a_read_session_shared_is_let_go_when_it_ends(db_url, migrated):
    from portfolio.database import make_engine, read_session
    from portfolio.read_once import read_once

    class Rows(list):  # a list that can be watched
        pass

    engine = make_engine(db_url)
    reads = 0

    def read() -> Rows:
        nonlocal reads
        reads += 1
        return Rows([1, 2, 3])

    with read_session(engine) as session:
        rows = read_once(session, "rows", read)
        assert read_once(session, "rows", read) is rows and reads == 1  # shared while it lasts
        watched = weakref.ref(rows)
        del rows
    gc.collect()
    assert watched() is None  # the session object is still here; what it read is not
    assert session is not None
    engine.dispose()
