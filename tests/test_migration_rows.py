"""Every migration step, down and up, keeps every row of every table it does not drop.

Starting from the demo data (core and the four section plugins), the schema is taken down one
revision at a time to nothing and back up again. After each step every table that exists on both
sides must hold the same rows in the columns both sides have: a step may add or drop a column or a
table, never rows of another table (SQLite's table rebuilds once cascaded deletes).
"""

from __future__ import annotations

from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from portfolio.database import make_engine
from portfolio.plugins import load_plugins
from portfolio.schema import (
    OWNER_TABLE,
    VERSION_TABLE,
    alembic_config,
    current_revisions,
    downgrade,
    revision_graph,
    upgrade,
)
from tests.helpers import ok

Rows = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]


def _rows(engine: Engine) -> Rows:
    with engine.connect() as connection:
        # the bookkeeping of revisions (Alembic's stamp, and who owns which) moves with every step
        tables = [t for t in inspect(connection).get_table_names() if t not in (VERSION_TABLE, OWNER_TABLE)]
        result: Rows = {}
        for table in tables:
            query = connection.execute(text(f'SELECT * FROM "{table}"'))
            columns = tuple(query.keys())
            result[table] = (columns, [tuple(row) for row in query])
        return result


def _kept(before: Rows, after: Rows, step: str) -> None:
    for table in sorted(set(before) & set(after)):
        (old_columns, old_rows), (new_columns, new_rows) = before[table], after[table]
        common = [c for c in old_columns if c in new_columns]
        assert common, f"{step}: {table} shares no column with itself"

        def project(columns: tuple[str, ...], rows: list[tuple[Any, ...]], common: list[str] = common) -> list[str]:
            index = [columns.index(c) for c in common]
            return sorted(repr(tuple(row[i] for i in index)) for row in rows)

        assert len(new_rows) == len(old_rows), f"{step}: {table} went from {len(old_rows)} to {len(new_rows)} rows"
        assert project(new_columns, new_rows) == project(old_columns, old_rows), f"{step}: {table} rows changed"


def _steps(host: Any) -> list[tuple[str, str]]:
    """(revision, the target that takes just it away) from the heads down to nothing, core first."""
    script = ScriptDirectory.from_config(alembic_config(host))
    graph = revision_graph(host)
    applied = graph.ancestry(set(graph.heads))
    steps = []
    while applied:
        leaves = sorted(
            (r for r in applied if not any(r in graph.builds_on[other] for other in applied)),
            key=lambda r: (script.get_revision(r).branch_labels != set(), r),
        )
        revision = script.get_revision(leaves[0])
        if revision.down_revision:
            target = str(revision.down_revision)
        elif revision.branch_labels:
            target = f"{sorted(revision.branch_labels)[0]}@base"
        else:
            target = "base"
        steps.append((revision.revision, target))
        applied.discard(revision.revision)
    return steps


def test_every_step_down_and_up_keeps_the_rows_of_the_tables_it_keeps(demo, db_url):
    ok(demo("narrative", "set", "--period", "2024-02", "--text", "Tekst for februar."))
    host = load_plugins()
    engine = make_engine(db_url)
    try:
        graph = revision_graph(host)
        steps = _steps(host)
        assert {revision for revision, _ in steps} == set(graph.builds_on)
        full = _rows(engine)
        assert sum(len(rows) for _, rows in full.values()) > 1000
        assert all(full[t][1] for t in ("status_rating", "measure", "risk_assessment", "narrative", "finance_figure"))
        states = [(current_revisions(engine), full)]
        for revision, target in steps:
            before = _rows(engine)
            downgrade(engine, host, target)
            after = _rows(engine)
            _kept(before, after, f"down from {revision} to {target}")
            applied = graph.ancestry(current_revisions(engine) or set())
            assert revision not in applied and len(applied) == len(graph.ancestry(states[-1][0] or set())) - 1
            states.append((current_revisions(engine), after))
        assert not current_revisions(engine)
        for revision, _ in reversed(steps):
            before = _rows(engine)
            upgrade(engine, host, revision)
            _kept(before, _rows(engine), f"up to {revision}")
        assert current_revisions(engine) == states[0][0]
        assert {t: len(rows) for t, (_, rows) in _rows(engine).items()}.keys() == full.keys()
    finally:
        engine.dispose()


def test_0007_merges_duplicate_narratives_keeping_the_last_written(migrated, db_url):
    host = load_plugins()
    engine = make_engine(db_url)
    try:
        downgrade(engine, host, "0006_report_archive")
        with engine.begin() as connection:
            insert = text(
                "INSERT INTO narrative (id, period, scope, program_id, text) VALUES (:id, '2024-01', :s, NULL, :t)"
            )
            for id_, scope, body in ((1, "portfolio", "first"), (2, "portfolio", "second"), (3, "standalone", "alone")):
                connection.execute(insert, {"id": id_, "s": scope, "t": body})
            # the trail says row 1 was written last (a later edit updated the older row)
            audit = text(
                'INSERT INTO audit_log (at, "user", action, table_name, row_key, field, new_value) '
                "VALUES ('2024-01-05 10:00:00', 'kari', 'update', 'narrative', :key, 'portfolio text', :v)"
            )
            connection.execute(audit, {"key": "2", "v": "second"})
            connection.execute(audit, {"key": "1", "v": "first"})
        upgrade(engine, host)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, scope, text FROM narrative ORDER BY id")).all()
            trail = connection.execute(
                text("SELECT \"user\", action, row_key, old_value FROM audit_log WHERE action = 'delete'")
            ).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [(1, "portfolio", "first"), (3, "standalone", "alone")]
    assert [tuple(r) for r in trail] == [("migration 0007", "delete", "2", "second")]
    ok(migrated("narrative", "set", "--period", "2024-01", "--text", "Ny tekst."))
    shown = ok(migrated("narrative", "show", "--period", "2024-01")).stdout
    assert "Ny tekst." in shown and "first" not in shown and "second" not in shown


def test_a_second_narrative_of_the_same_key_is_refused_by_the_database(migrated, db_url):
    ok(migrated("program", "add", "P1", "Program"))
    engine = make_engine(db_url)
    insert = text("INSERT INTO narrative (period, scope, program_id, text) VALUES ('2024-01', :scope, :program, 'x')")
    try:
        with engine.connect() as connection:
            program = connection.execute(text("SELECT id FROM program")).scalar_one()
        for key in ({"scope": "portfolio", "program": None}, {"scope": "program", "program": program}):
            with engine.begin() as connection:
                connection.execute(insert, key)
            with pytest.raises(IntegrityError), engine.begin() as connection:
                connection.execute(insert, key)
    finally:
        engine.dispose()
