"""Plugin settings stored in the database: portfolio.toml's [plugins.NAME] table, else the stored
one, else none; read once per run; written by a small service (the demo's settings come this way)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from portfolio.config import Settings, StoredSettings
from portfolio.errors import PortfolioError
from portfolio.stored_settings import (
    json_table,
    read_stored,
    remove_settings,
    store_settings,
)
from tests.helpers import ok


def _stored(tables: dict) -> StoredSettings:
    return StoredSettings(lambda: tables)


def test_portfolio_toml_wins_over_the_stored_table_whole():
    settings = Settings(
        plugins={"finance": {"unit": "kr"}},
        stored=_stored({"finance": {"lines": []}, "hr": {"organisation": "Sykehuset"}}),
    )
    assert settings.plugin_settings("finance") == {"unit": "kr"}  # not merged with the stored table
    assert settings.plugin_settings("hr") == {"organisation": "Sykehuset"}
    assert settings.plugin_settings("services") == {}
    assert [settings.plugin_settings_source(name) for name in ("finance", "hr", "services")] == [
        "portfolio.toml",
        "database",
        "defaults",
    ]
    assert Settings().plugin_settings("hr") == {} and Settings().plugin_settings_source("hr") == "defaults"


def test_the_stored_tables_are_read_once_and_only_when_asked():
    calls = []

    def load() -> dict:
        calls.append(1)
        return {"hr": {"aml_months": 6}}

    settings = Settings(plugins={"finance": {}}, stored=StoredSettings(load))
    assert settings.plugin_settings("finance") == {} and calls == []  # portfolio.toml answers
    for _ in range(3):
        assert settings.plugin_settings("hr") == {"aml_months": 6}
    assert calls == [1]
    settings.plugin_settings("hr")["aml_months"] = 1  # a plugin changing its copy changes nothing
    assert settings.plugin_settings("hr") == {"aml_months": 6}
    settings.stored.remember("hr", None)
    assert settings.plugin_settings("hr") == {} and calls == [1]


def test_a_table_is_stored_as_json():
    table = {"extra_dates": [dt.date(2023, 4, 1)], "months": 7, "columns": {"Nr": "id"}, "on": True, "x": 2.5}
    assert json_table(table, "deviations") == {
        "extra_dates": ["2023-04-01"],
        "months": 7,
        "columns": {"Nr": "id"},
        "on": True,
        "x": 2.5,
    }
    with pytest.raises(PortfolioError, match=r"stored settings deviations.bad\[0\]: set cannot be stored"):
        json_table({"bad": [{1, 2}]}, "deviations")
    with pytest.raises(PortfolioError, match="must be a table"):
        json_table(["a"], "deviations")  # type: ignore[arg-type]


def test_nothing_is_read_from_a_database_that_does_not_exist_or_is_not_migrated(tmp_path: Path):
    from portfolio.database import make_engine

    missing = tmp_path / "missing.db"
    engine = make_engine(f"sqlite:///{missing}")
    assert read_stored(engine) == {}
    assert not missing.exists()  # not created just to find that out
    empty = tmp_path / "empty.db"
    engine = make_engine(f"sqlite:///{empty}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE other (x INTEGER)")
    assert read_stored(engine) == {}
    engine.dispose()


def _app(db_url: str, plugins: dict | None = None):
    from portfolio.context import AppContext
    from portfolio.plugins import load_plugins

    return AppContext(Settings(plugins=plugins or {}), load_plugins(), db_url, "tester")


def test_store_replace_and_remove(migrated, db_url):
    app = _app(db_url)
    assert app.settings.plugin_settings("benefits") == {}
    with app.writing() as session:
        store_settings(session, "benefits", {"goal": "x", "since": dt.date(2024, 1, 1)}, settings=app.settings)
        # the run sees what it stored at once, before the commit
        assert app.settings.plugin_settings("benefits") == {"goal": "x", "since": "2024-01-01"}
    fresh = _app(db_url)
    assert fresh.settings.plugin_settings("benefits") == {"goal": "x", "since": "2024-01-01"}
    assert fresh.settings.plugin_settings_source("benefits") == "database"
    with fresh.writing() as session:
        store_settings(session, "benefits", {"goal": "y"}, settings=fresh.settings)
    with fresh.reading() as session:
        from portfolio.stored_settings import stored_rows

        (row,) = stored_rows(session)
        assert (row.scope, row.value, row.updated_by) == ("benefits", {"goal": "y"}, "tester")
        assert row.updated_at is not None
    with fresh.writing() as session:
        assert remove_settings(session, "benefits", settings=fresh.settings)
        assert not remove_settings(session, "benefits")
    assert fresh.settings.plugin_settings("benefits") == {}
    assert _app(db_url).settings.plugin_settings_source("benefits") == "defaults"
    with fresh.writing() as session, pytest.raises(PortfolioError, match="is not a plugin name"):
        store_settings(session, "", {})


def test_the_stored_settings_are_one_query_per_run(demo, db_url):
    statements: list[str] = []

    def before(_conn, _cursor, statement, *_args):
        statements.append(statement)

    app = _app(db_url)
    event.listen(Engine, "before_cursor_execute", before)
    try:
        for name in ("finance", "hr", "services", "deviations", "finance", "hr"):
            app.settings.plugin_settings(name)
    finally:
        event.remove(Engine, "before_cursor_execute", before)
        app.dispose()
    assert len([s for s in statements if "stored_setting" in s]) == 1


def test_info_says_where_each_plugins_settings_come_from(demo, portfolio_isolated):
    info = json.loads(ok(demo("info", "--format", "json")).stdout)
    assert "finance: database" in info["plugin_settings"]
    (portfolio_isolated / "portfolio.toml").write_text('[plugins.finance]\nunit = "kr"\n', encoding="utf-8")
    info = json.loads(ok(demo("info", "--format", "json")).stdout)
    assert "finance: portfolio.toml" in info["plugin_settings"]
    assert "hr: database" in info["plugin_settings"]


def test_info_on_a_database_that_cannot_be_read(portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text('[plugins.finance]\nunit = "kr"\n', encoding="utf-8")
    from click.testing import CliRunner

    from portfolio.cli import build_cli

    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    result = CliRunner().invoke(build_cli(), ["--db", url, "info"])
    assert result.exit_code == 0, result.output
    assert "finance: portfolio.toml" in result.output
    assert "hr: unknown (database unreadable)" in result.output


def test_the_demo_stores_what_it_needs_and_again_changes_nothing(demo, db_url):
    app = _app(db_url)
    with app.reading() as session:
        from portfolio.stored_settings import stored_rows

        before = [(row.scope, row.value, row.updated_at) for row in stored_rows(session)]
    ok(demo("demo"))
    with app.reading() as session:
        after = [(row.scope, row.value, row.updated_at) for row in stored_rows(session)]
    assert after == before
    app.dispose()


def test_the_fingerprint_does_not_cover_stored_settings():
    from portfolio.report.fingerprint import SKIPPED_TABLES

    assert "stored_setting" in SKIPPED_TABLES
