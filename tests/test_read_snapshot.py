"""A read session sees one moment of the database, so that what a report shows and the
fingerprint it carries are of the same data however many writers commit while it is built."""

from __future__ import annotations

import pytest

from tests.helpers import ok

pytestmark = pytest.mark.usefixtures("core_only")


def test_a_read_session_does_not_see_commits_made_after_its_first_read(migrated, db_url) -> None:
    from sqlalchemy import func
    from sqlmodel import select

    from portfolio.database import make_engine, read_session
    from portfolio.models import Project

    ok(migrated("project", "add", "ALPHA", "Alpha"))
    count = select(func.count()).select_from(Project)
    engine = make_engine(db_url)
    try:
        with read_session(engine) as session:
            assert session.exec(count).one() == 1
            ok(migrated("project", "add", "BETA", "Beta"))  # committed by another connection meanwhile
            assert session.exec(count).one() == 1
        with read_session(engine) as session:
            assert session.exec(count).one() == 2
    finally:
        engine.dispose()
