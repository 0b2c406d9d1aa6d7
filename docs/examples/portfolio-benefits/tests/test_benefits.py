"""The plugin end to end: its command, its table, its report section, its check and its catalogs."""

from __future__ import annotations

import json
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from babel.messages.extract import extract_from_dir
from portfolio.testing import fails, full_metadata, load_plugins, make_engine, ok

PACKAGE = Path(__file__).resolve().parent.parent / "portfolio_benefits"


def test_the_plugin_is_loaded(portfolio_migrated):
    assert "benefits" in ok(portfolio_migrated("plugins")).stdout


def test_add_list_and_report(portfolio_migrated):
    run = portfolio_migrated
    ok(run("project", "add", "IAM2", "IAM 2"))
    ok(run("benefits", "add", "IAM2", "--period", "2024-01", "--value", "1 250", "--description", "Første"))
    ok(run("benefits", "add", "IAM2", "--period", "2024-01", "--value", "0,5", "--description", "Andre"))
    rows = json.loads(ok(run("benefits", "list", "--period", "2024-01", "--format", "json")).stdout)
    assert [(r["description"], r["value"]) for r in rows] == [("Første", 1250), ("Andre", 0.5)]
    report = ok(run("report", "build", "--period", "2024-01", "--format", "md")).stdout
    assert "Benefits" in report and "| **Sum** |  | **1\u00a0251** |" in report
    assert "Oppføringer denne måneden: 2, til sammen 1\u00a0251 tusen kroner." in report
    english = ok(run("report", "build", "--period", "2024-01", "--format", "md", "--lang", "en")).stdout
    assert "Entries this month: 2, in all 1,251 thousand kroner." in english


def test_bad_input_is_refused_cleanly(portfolio_migrated):
    run = portfolio_migrated
    ok(run("project", "add", "IAM2", "IAM 2"))
    assert "not a number" in fails(run("benefits", "add", "IAM2", "--period", "2024-01", "--value", "mye", "--description", "x")).stderr
    assert "did you mean IAM2" in fails(run("benefits", "add", "IAM3", "--period", "2024-01", "--value", "1", "--description", "x")).stderr
    fails(run("benefits", "add", "IAM2", "--period", "2024-13", "--value", "1", "--description", "x"), 2)
    ok(run("period", "close", "2024-01"))
    assert "is closed" in fails(run("benefits", "add", "IAM2", "--period", "2024-01", "--value", "1", "--description", "x")).stderr


def test_the_check_warns_about_an_empty_month(portfolio_migrated):
    rows = json.loads(ok(portfolio_migrated("check", "--period", "2024-02", "--format", "json")).stdout)
    assert {"severity": "warning", "plugin": "benefits", "code": "benefits-missing", "message": "no benefits entries for 2024-02"} in rows


def test_demo_is_idempotent(portfolio_demo):
    ok(portfolio_demo("demo"))
    rows = json.loads(ok(portfolio_demo("benefits", "list", "--period", "2024-01", "--format", "json")).stdout)
    assert len(rows) == 1


def test_models_and_migrations_agree(portfolio_db_url):
    host = load_plugins()
    engine = make_engine(portfolio_db_url)
    from portfolio.testing import upgrade

    upgrade(engine, host)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), full_metadata(host))
    engine.dispose()
    assert diff == []


def test_every_label_is_in_both_catalogs():
    from babel.messages.pofile import read_po

    used = {message for _f, _l, message, _c, _x in extract_from_dir(str(PACKAGE), keywords={"t": None})}
    assert used
    for lang in ("nb", "en"):
        with (PACKAGE / "locales" / f"{lang}.po").open("rb") as handle:
            catalog = {m.id for m in read_po(handle) if m.id and m.string}
        assert used <= catalog, f"{lang}.po lacks {sorted(used - catalog)}"
