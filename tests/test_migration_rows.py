"""Every migration step, down and up, keeps every row of every table it does not drop.

Starting from the demo data (core and the four section plugins), the schema is taken down one
revision at a time to nothing and back up again. After each step every table that exists on both
sides must hold the same rows in the columns both sides have: a step may add or drop a column or a
table, never rows of another table (SQLite's table rebuilds once cascaded deletes).
"""

from __future__ import annotations

from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from portfolio.database import make_engine
from portfolio.plugins import load_plugins
from portfolio.schema import VERSION_TABLE, alembic_config, current_revisions, downgrade, revision_graph, upgrade
from tests.helpers import ok

Rows = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]


def _rows(engine: Engine) -> Rows:
    with engine.connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if t != VERSION_TABLE]
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
