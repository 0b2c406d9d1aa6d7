"""A plugin uninstalled after its tables were made: its tables stay, unused, and every command
works on the core and the installed plugins; installed again, it finds its rows as it left them.
A revision no record explains (a newer portfolio) is still refused."""

from __future__ import annotations

import json
import textwrap
import types
from pathlib import Path

from sqlalchemy import text

from portfolio.database import make_engine
from portfolio.schema import current_revisions
from tests.helpers import fails, ok
from tests.support import notes_plugin

NOTES = [("notes", notes_plugin)]


def stamped(db_url: str) -> set[str]:
    engine = make_engine(db_url)
    try:
        return current_revisions(engine) or set()
    finally:
        engine.dispose()


def test_commands_work_without_a_plugin_whose_tables_the_database_holds(run, db_url):
    ok(run("db", "upgrade", plugins=NOTES))
    ok(run("project", "add", "P1", "Prosjekt", plugins=NOTES))
    ok(run("notes", "add", "P1", "Kept while away", plugins=NOTES))

    # uninstalled: the core works, db current says why the stamp has a revision it cannot read
    assert "P1" in ok(run("project", "list")).stdout
    current = ok(run("db", "current")).stdout
    assert "state:    up to date" in current
    assert "unused:   the tables of notes (plugin not installed; kept as they are)" in current
    ok(run("project", "add", "P2", "Uten notater"))
    upgraded = ok(run("db", "upgrade"))
    assert "up to date" in upgraded.stdout
    assert "notes_0001" in stamped(db_url), "an upgrade without the plugin keeps its stamp"

    # installed again: its rows are there, and it is up to date without another upgrade
    assert "state:    up to date" in ok(run("db", "current", plugins=NOTES)).stdout
    ok(run("notes", "add", "P2", "Back again", plugins=NOTES))
    engine = make_engine(db_url)
    with engine.connect() as connection:
        texts = sorted(row[0] for row in connection.execute(text("SELECT text FROM test_note")))
    engine.dispose()
    assert texts == ["Back again", "Kept while away"]


def late_plugin(tmp_path: Path, builds_on: str) -> types.ModuleType:
    """A plugin whose first revision depends on ``builds_on``, so its stamp stands for it."""
    folder = tmp_path / "late_migrations"
    folder.mkdir()
    (folder / "late_0001.py").write_text(
        textwrap.dedent(f'''
            import sqlalchemy as sa
            from alembic import op

            revision = "late_0001"
            down_revision = None
            branch_labels = ("late",)
            depends_on = "{builds_on}"


            def upgrade():
                op.create_table("test_late", sa.Column("id", sa.Integer(), primary_key=True))


            def downgrade():
                op.drop_table("test_late")
        '''),
        encoding="utf-8",
    )
    from portfolio.api import hookimpl

    module = types.ModuleType("late_plugin")

    @hookimpl
    def portfolio_migrations() -> str:
        return str(folder)

    module.portfolio_migrations = portfolio_migrations  # type: ignore[attr-defined]
    return module


def test_a_missing_plugin_whose_stamp_stands_for_the_cores_newest_revision(run, db_url, tmp_path):
    ok(run("db", "upgrade"))
    core_head = next(r for r in stamped(db_url) if r[0].isdigit())
    late = [("late", late_plugin(tmp_path, core_head))]
    ok(run("db", "upgrade", plugins=late))
    assert core_head not in stamped(db_url), "Alembic stamps only the plugin's revision, which stands for the core's"

    ok(run("project", "add", "P1", "Prosjekt"))
    assert ok(run("db", "upgrade")).stdout.endswith("is up to date ({}).\n".format(", ".join(sorted(stamped(db_url)))))
    assert "late_0001" in stamped(db_url) and core_head not in stamped(db_url)
    assert "state:    up to date" in ok(run("db", "current", plugins=late)).stdout

    # without the plugin, the core cannot go below what the plugin's tables build on
    refused = fails(run("db", "downgrade", "--yes", "0006_report_archive"))
    assert refused.stderr.strip().splitlines()[-1] == (
        f"Error: cannot go below {core_head}: plugin late, which is not installed, builds on it; install it first"
    )
    assert "late_0001" in stamped(db_url)
    ok(run("db", "downgrade", "--yes", "0006_report_archive", plugins=late))
    assert stamped(db_url) >= {"0006_report_archive"} and "late_0001" not in stamped(db_url)


def test_a_revision_no_record_explains_is_still_refused(migrated, db_url):
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999_future')"))
        connection.execute(text("DELETE FROM schema_revision"))
    engine.dispose()
    assert "which this installation does not know" in fails(migrated("project", "list")).stderr
    assert "state:    made by a newer portfolio or plugin" in ok(migrated("db", "current")).stdout


def test_a_closed_month_renders_from_its_archive_after_its_plugin_is_gone(demo, monkeypatch):
    ok(demo("period", "close", "2024-01"))
    before = json.loads(ok(demo("report", "build", "--period", "2024-01", "--format", "json")).stdout)
    monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", "finance")
    ok(demo("status", "matrix", "--period", "2024-01"))
    after = json.loads(ok(demo("report", "build", "--period", "2024-01", "--format", "json")).stdout)
    assert after == before
    assert any(section["key"] == "finance" for section in after["sections"])


def test_a_downgrade_to_an_unknown_revision_is_one_line(migrated):
    result = fails(migrated("db", "downgrade", "--yes", "nonsense"))
    assert result.stderr.strip().endswith("to 'nonsense': Can't locate revision identified by 'nonsense'")
    assert len(result.stderr.strip().splitlines()) == 1
