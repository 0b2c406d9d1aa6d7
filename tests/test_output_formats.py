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
