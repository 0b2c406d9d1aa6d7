"""List output: CSV says yes/no with the JSON's words, so the two formats read alike."""

from __future__ import annotations

import csv
import io
import json

from tests.helpers import ok


def test_csv_and_json_write_booleans_the_same_way(migrated):
    ok(migrated("program", "add", "P1", "Aktivt program"))
    ok(migrated("program", "add", "P2", "Lukket program"))
    ok(migrated("program", "close", "P2"))
    rows = list(csv.DictReader(io.StringIO(ok(migrated("program", "list", "--all", "--format", "csv")).stdout)))
    data = json.loads(ok(migrated("program", "list", "--all", "--format", "json")).stdout)
    assert {row["code"]: row["active"] for row in rows} == {"P1": "true", "P2": "false"}
    assert {item["code"]: json.dumps(item["active"]) for item in data} == {"P1": "true", "P2": "false"}


def test_a_mistyped_command_or_code_gets_one_suggestion_rule(migrated):
    from tests.helpers import fails

    assert "Did you mean 'status'?" in fails(migrated("stauts"), 2).stderr  # a lazily loaded command too
    assert "Did you mean 'matrix'?" in fails(migrated("status", "matrx"), 2).stderr
    ok(migrated("project", "add", "IAM2", "IAM 2"))
    ok(migrated("project", "add", "ITAM", "IT Asset Management"))
    assert fails(migrated("project", "show", "iam")).stderr == "Error: no project 'iam'; did you mean IAM2?\n"
    shown = fails(migrated("status", "show", "iam", "--period", "2024-01")).stderr
    assert shown == "Error: no project or program 'iam'; did you mean IAM2?\n"


def test_a_table_cell_shows_each_kind_of_value_by_the_same_rules() -> None:
    """Text and whole numbers take a short way through ``_table_cell``; every kind must still come
    out as the rules say: controls shown, yes/no for booleans, an Enum by its value, nothing for None."""
    import datetime as dt
    from decimal import Decimal
    from enum import Enum

    from portfolio.cli.output import _table_cell

    class Colour(str, Enum):
        RED = "red\x1b"

    assert _table_cell("plain") == "plain" and _table_cell("bell\x07") == "bell␇"
    assert _table_cell(42) == "42" and _table_cell(-7) == "-7"
    assert _table_cell(True) == "yes" and _table_cell(False) == "no" and _table_cell(None) == ""
    assert _table_cell(Colour.RED) == "red␛" and _table_cell(Decimal("2.50")) == "2.5"
    assert _table_cell(dt.date(2024, 1, 31)) == "2024-01-31"
