"""Monthly status through the CLI: set, show, history and the matrix with its trend arrows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import fails, ok

# The core's own behaviour, whatever plugins happen to be installed in the environment.
NO_ACTION = {"action": None, "action_owner": None, "action_due": None}
pytestmark = pytest.mark.usefixtures("core_only")

DIMENSIONS = ["scope", "finance", "resources", "schedule", "dependencies", "benefits"]


def as_json(result):  # type: ignore[no-untyped-def]
    return json.loads(ok(result).stdout)


@pytest.fixture
def reg(migrated):  # type: ignore[no-untyped-def]
    """A program HIS2 (1) with IAM2 (1.1) and a standalone project SOLO."""
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1"))
    ok(migrated("project", "add", "SOLO", "Alene"))
    return migrated


def show(run, code: str, period: str) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    """dimension label -> (rating, trend, comment) from `status show --format json`."""
    rows = as_json(run("status", "show", code, "--period", period, "--format", "json"))
    return {row["dimension"]: (row["rating"], row["trend"], row["comment"]) for row in rows}


def matrix_row(run, code: str, period: str, *extra: str) -> dict:  # type: ignore[no-untyped-def]
    rows = as_json(run("status", "matrix", "--period", period, "--format", "json", *extra))
    return next(row for row in rows if row["code"] == code)


def ratings(row: dict) -> dict[str, tuple]:
    return {key: (row[key], row[f"{key}_trend"]) for key in DIMENSIONS}


# --- status set / show ------------------------------------------------------------------------


def test_set_and_show(reg) -> None:
    result = ok(
        reg(
            "status",
            "set",
            "IAM2",
            "--period",
            "2024-01",
            "--scope",
            "green",
            "--finance",
            "yellow",
            "--resources",
            "red",
            "--schedule",
            "na",
            "--dependencies",
            "g",
            "--benefits",
            "grønn",
            "--finance-comment",
            "Budsjett stramt",
            "--comment",
            "Utrulling pågår",
        )
    )
    assert result.stdout == "Recorded status of IAM2 for 2024-01.\n"
    assert show(reg, "IAM2", "2024-01") == {
        "Avgrensning og innhold": ("green", None, None),
        "Økonomi": ("yellow", None, "Budsjett stramt"),
        "Ressurser": ("red", None, None),
        "Fremdrift": ("na", None, None),
        "Eksterne avhengigheter": ("green", None, None),
        "Gevinstarbeid": ("green", None, None),
    }
    table = ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout
    lines = table.splitlines()
    assert lines[0] == "IAM2 2024-01, reported by tester (version 1)"
    assert lines[1].split() == ["Dimension", "Rating", "Comment"]
    assert lines[3].split() == ["Avgrensning", "og", "innhold", "G"]
    assert lines[4].split() == ["Økonomi", "Y", "Budsjett", "stramt"]
    assert lines[6].split() == ["Fremdrift", "○"]  # not assessed
    assert lines[-1] == "Utrulling pågår"


def test_reported_by_is_the_acting_user(reg) -> None:
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "green", user="alice"))
    assert ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout.startswith(
        "IAM2 2024-01, reported by alice (version 1)\n"
    )
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--finance", "red", user="bob"))
    history = as_json(reg("status", "history", "IAM2", "--format", "json"))
    assert history[0]["reported_by"] == "bob"


def test_unset_dimensions_show_as_not_reported(reg) -> None:
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "red"))
    result = show(reg, "IAM2", "2024-01")
    assert result["Avgrensning og innhold"] == ("red", None, None)
    assert result["Økonomi"] == (None, None, None)
    assert "·" in ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout


def test_partial_set_keeps_the_other_ratings_and_comments(reg) -> None:
    ok(
        reg(
            "status",
            "set",
            "IAM2",
            "--period",
            "2024-01",
            "--scope",
            "green",
            "--finance",
            "red",
            "--finance-comment",
            "Overskridelse",
            "--comment",
            "Første",
        )
    )
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--schedule", "yellow"))
    result = show(reg, "IAM2", "2024-01")
    assert result["Avgrensning og innhold"] == ("green", None, None)
    assert result["Økonomi"] == ("red", None, "Overskridelse")
    assert result["Fremdrift"] == ("yellow", None, None)
    assert ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout.endswith("\nFørste\n")

    # a new rating keeps the dimension's comment; a new comment keeps its rating
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--finance", "yellow"))
    assert show(reg, "IAM2", "2024-01")["Økonomi"] == ("yellow", None, "Overskridelse")
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--finance-comment", "Under kontroll"))
    assert show(reg, "IAM2", "2024-01")["Økonomi"] == ("yellow", None, "Under kontroll")
    # an empty comment removes it
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--finance-comment", ""))
    assert show(reg, "IAM2", "2024-01")["Økonomi"] == ("yellow", None, None)


def test_overall_comment_alone_and_removed(reg) -> None:
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "green"))
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--comment", "Alt vel"))
    assert ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout.endswith("\nAlt vel\n")
    assert show(reg, "IAM2", "2024-01")["Avgrensning og innhold"] == ("green", None, None)
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--comment", ""))
    assert "Alt vel" not in ok(reg("status", "show", "IAM2", "--period", "2024-01")).stdout


def test_comment_for_an_unrated_dimension_is_refused(reg) -> None:
    result = fails(reg("status", "set", "IAM2", "--period", "2024-01", "--benefits-comment", "Uklart"))
    assert result.stderr == "Error: a comment for 'benefits' needs a rating for it as well\n"
    fails(reg("status", "show", "IAM2", "--period", "2024-01"))


def test_nothing_to_record_is_a_usage_error(reg) -> None:
    result = fails(reg("status", "set", "IAM2", "--period", "2024-01"), 2)
    assert "nothing to record; give at least one rating, comment, recovery action or justification" in result.stderr


def test_a_colour_that_is_not_a_colour_is_a_usage_error(reg) -> None:
    for value in ["purple", "grønnish", "1", ""]:
        result = fails(
            reg(
                "status",
                "set",
                "IAM2",
                "--period",
                "2024-01",
                "--scope",
                "green",
                "--finance",
                value,
            ),
            2,
        )
        message = f"'{value}' is not a rating; use green, yellow, red or na"
        assert f"Invalid value for '--finance': {message}" in result.stderr
        assert "Traceback (most recent call last)" not in result.output
    result = fails(reg("status", "show", "IAM2", "--period", "2024-01"))
    assert result.stderr == "Error: IAM2 has no status for 2024-01\n"


BAD_PERIODS = {
    "2024-13": "'2024-13' is not a month: month must be 01-12",
    "januar": "'januar' is not a month; use YYYY-MM, for example 2024-01",
    "2024-00": "'2024-00' is not a month: month must be 01-12",
    "2024/01": "'2024/01' is not a month; use YYYY-MM, for example 2024-01",
}


def test_bad_period_is_a_usage_error(reg) -> None:
    for period, message in BAD_PERIODS.items():
        result = fails(reg("status", "set", "IAM2", "--period", period, "--scope", "green"), 2)
        assert f"Invalid value for '--period': {message}" in result.stderr
        fails(reg("status", "matrix", "--period", period), 2)
        fails(reg("status", "show", "IAM2", "--period", period), 2)
    assert as_json(reg("period", "list", "--format", "json")) == []


def test_single_digit_month_is_the_same_month(reg) -> None:
    ok(reg("status", "set", "IAM2", "--period", "2024-1", "--scope", "red"))
    assert show(reg, "IAM2", "2024-01")["Avgrensning og innhold"] == ("red", None, None)
    assert [p["period"] for p in as_json(reg("period", "list", "--format", "json"))] == ["2024-01"]


def test_unknown_code_suggests(reg) -> None:
    result = fails(reg("status", "set", "IAMM2", "--period", "2024-01", "--scope", "green"))
    assert result.stderr == "Error: no project or program 'IAMM2'; did you mean IAM2?\n"
    result = fails(reg("status", "show", "HIS", "--period", "2024-01"))
    assert result.stderr == "Error: no project or program 'HIS'; did you mean HIS2?\n"


def test_program_status(reg) -> None:
    ok(reg("status", "set", "HIS2", "--period", "2023-12", "--scope", "red", "--finance", "green"))
    ok(
        reg(
            "status",
            "set",
            "HIS2",
            "--period",
            "2024-01",
            "--scope",
            "yellow",
            "--finance",
            "green",
            "--comment",
            "Programmet",
        )
    )
    assert show(reg, "HIS2", "2024-01")["Avgrensning og innhold"] == ("yellow", "better", None)
    row = matrix_row(reg, "HIS2", "2024-01")
    assert row["kind"] == "program"
    assert row["label"] == "1. Helhetlig informasjonssikkerhet 2 – Program"
    assert (row["scope"], row["scope_trend"]) == ("yellow", "better")
    assert (row["finance"], row["finance_trend"]) == ("green", None)
    # the program's status is its own: its project has none
    assert ratings(matrix_row(reg, "IAM2", "2024-01")) == {key: (None, None) for key in DIMENSIONS}
    history = as_json(reg("status", "history", "HIS2", "--format", "json"))
    assert [h["period"] for h in history] == ["2023-12", "2024-01"]


def test_closed_project_refuses_a_status(reg) -> None:
    ok(reg("project", "close", "IAM2"))
    result = fails(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "green"))
    assert result.stderr == "Error: IAM2 is closed; reopen it before reporting a status\n"
    fails(reg("status", "show", "IAM2", "--period", "2024-01"))
    ok(reg("project", "reopen", "IAM2"))
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "green"))


def test_closed_program_refuses_a_status(reg) -> None:
    ok(reg("project", "close", "IAM2"))
    ok(reg("program", "close", "HIS2"))
    result = fails(reg("status", "set", "HIS2", "--period", "2024-01", "--scope", "green"))
    assert result.stderr == "Error: HIS2 is closed; reopen it before reporting a status\n"


def test_show_without_a_status(reg) -> None:
    ok(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "green"))
    assert fails(reg("status", "show", "IAM2", "--period", "2024-02")).stderr == (
        "Error: IAM2 has no status for 2024-02\n"
    )


# --- trends across the year boundary -----------------------------------------------------------


@pytest.fixture
def trends(reg):  # type: ignore[no-untyped-def]
    """IAM2 reported December 2023 and January 2024; SOLO November 2023 and January 2024."""
    ok(
        reg(
            "status",
            "set",
            "IAM2",
            "--period",
            "2023-12",
            "--scope",
            "green",
            "--finance",
            "red",
            "--resources",
            "yellow",
            "--schedule",
            "na",
            "--dependencies",
            "green",
        )
    )
    ok(
        reg(
            "status",
            "set",
            "IAM2",
            "--period",
            "2024-01",
            "--scope",
            "yellow",
            "--finance",
            "green",
            "--resources",
            "yellow",
            "--schedule",
            "green",
            "--dependencies",
            "na",
            "--benefits",
            "red",
        )
    )
    ok(reg("status", "set", "SOLO", "--period", "2023-11", "--scope", "red"))
    ok(reg("status", "set", "SOLO", "--period", "2024-01", "--scope", "green"))
    return reg


EXPECTED_IAM2_2024_01 = {
    "scope": ("yellow", "worse"),  # green -> yellow
    "finance": ("green", "better"),  # red -> green
    "resources": ("yellow", None),  # equal
    "schedule": ("green", None),  # previous was not assessed
    "dependencies": ("na", None),  # not assessed now
    "benefits": ("red", None),  # no previous rating
}


def test_matrix_json_trends_across_the_year_boundary(trends) -> None:
    assert ratings(matrix_row(trends, "IAM2", "2024-01")) == EXPECTED_IAM2_2024_01
    # SOLO skipped December: no arrow against November
    assert ratings(matrix_row(trends, "SOLO", "2024-01"))["scope"] == ("green", None)
    # December has no arrows: November 2023 had nothing for IAM2
    assert all(trend is None for _, trend in ratings(matrix_row(trends, "IAM2", "2023-12")).values())
    # a month after the last report shows nothing, and no arrows
    assert ratings(matrix_row(trends, "IAM2", "2024-02")) == {key: (None, None) for key in DIMENSIONS}


def test_matrix_table_arrows(trends) -> None:
    out = ok(trends("status", "matrix", "--period", "2024-01", "--no-color")).stdout
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("PROSJEKT/PROGRAM"))
    assert "Avgrensning og innhold" in lines[header]
    solo, program, iam2 = lines[header + 2 : header + 5]
    assert solo.split() == ["Alene", "Gr", "·", "·", "·", "·", "·"]  # bokmål's letters: Gr, Gu, Rø
    assert program.split() == [
        "1.",
        "Helhetlig",
        "informasjonssikkerhet",
        "2",
        "–",
        "Program",
        # no own status: the program shows its only project's ratings (the roll-up), with trends
        *["Gu", "↘", "Gr", "↗", "Gu", "Gr", "○", "Rø"],
    ]
    assert iam2.split() == ["1.1", "IAM", "2", "Gu", "↘", "Gr", "↗", "Gu", "Gr", "○", "Rø"]
    assert "Piler indikerer utvikling siden forrige rapportering." in out
    assert "\x1b[" not in out


def test_matrix_table_in_english_with_colour(trends) -> None:
    out = ok(trends("status", "matrix", "--period", "2024-01", "--lang", "en", "--color")).stdout
    assert "PROJECT/PROGRAMME" in out
    assert "Finance" in out and "External dependencies" in out
    assert "1. Helhetlig informasjonssikkerhet 2 – Programme" in out
    assert "Arrows show the change since the last report." in out
    assert "\x1b[" in out and "●" in out and "↘" in out and "↗" in out


def test_matrix_csv(trends) -> None:
    rows = list(
        csv.DictReader(io.StringIO(ok(trends("status", "matrix", "--period", "2024-01", "--format", "csv")).stdout))
    )
    iam2 = next(row for row in rows if row["code"] == "IAM2")
    assert (iam2["scope"], iam2["scope_trend"], iam2["finance_trend"], iam2["resources_trend"]) == (
        "yellow",
        "worse",
        "better",
        "",
    )
    assert iam2["label"] == "1.1 IAM 2"


def test_show_has_the_trends(trends) -> None:
    result = show(trends, "IAM2", "2024-01")
    assert result["Avgrensning og innhold"] == ("yellow", "worse", None)
    assert result["Økonomi"] == ("green", "better", None)
    assert result["Ressurser"] == ("yellow", None, None)
    table = ok(trends("status", "show", "IAM2", "--period", "2024-01")).stdout
    assert "Y ↘" in table and "G ↗" in table


def test_history(trends) -> None:
    data = as_json(trends("status", "history", "IAM2", "--format", "json"))
    assert [row["period"] for row in data] == ["2023-12", "2024-01"]
    assert {k: (data[1][k], data[1][f"{k}_trend"]) for k in DIMENSIONS} == EXPECTED_IAM2_2024_01
    assert data[0]["scope_trend"] is None and data[0]["benefits"] is None
    table = ok(trends("status", "history", "IAM2")).stdout.splitlines()
    assert table[0].split()[0] == "Period"
    assert table[2].split() == ["2023-12", "G", "R", "Y", "○", "G", "·", "tester"]
    assert table[3].split() == ["2024-01", "Y", "↘", "G", "↗", "Y", "G", "○", "R", "tester"]
    solo = as_json(trends("status", "history", "SOLO", "--format", "json"))
    assert [(row["period"], row["scope"], row["scope_trend"]) for row in solo] == [
        ("2023-11", "red", None),
        ("2024-01", "green", None),
    ]


def test_history_of_a_subject_without_statuses(reg) -> None:
    assert ok(reg("status", "history", "IAM2")).stdout == "(none)\n"
    assert as_json(reg("status", "history", "IAM2", "--format", "json")) == []


def test_matrix_keeps_a_closed_project_that_reported_that_month(trends) -> None:
    ok(trends("project", "close", "IAM2"))
    assert [row["code"] for row in as_json(trends("status", "matrix", "--period", "2024-01", "--format", "json"))] == [
        "SOLO",
        "HIS2",
        "IAM2",
    ]
    assert "IAM2" not in [
        row["code"] for row in as_json(trends("status", "matrix", "--period", "2024-02", "--format", "json"))
    ]


# --- configured dimensions --------------------------------------------------------------------


def test_configured_dimensions(reg, tmp_path: Path) -> None:
    (tmp_path / "portfolio.toml").write_text(
        'lang = "en"\n'
        '[[dimensions]]\nkey = "quality"\nnb = "Kvalitet"\nen = "Quality"\n'
        '[[dimensions]]\nkey = "cost"\nnb = "Kostnad"\nen = "Cost"\n',
        encoding="utf-8",
    )
    ok(
        reg(
            "status",
            "set",
            "IAM2",
            "--period",
            "2024-01",
            "--quality",
            "red",
            "--cost-comment",
            "x",
            "--cost",
            "g",
        )
    )
    result = fails(reg("status", "set", "IAM2", "--period", "2024-01", "--scope", "green"), 2)
    assert "No such option '--scope'" in result.stderr
    row = as_json(reg("status", "matrix", "--period", "2024-01", "--format", "json"))[-1]
    assert row == {
        "kind": "project",
        "code": "IAM2",
        "label": "1.1 IAM 2",
        "quality": "red",
        "quality_trend": None,
        "cost": "green",
        "cost_trend": None,
    }
    rows = as_json(reg("status", "show", "IAM2", "--period", "2024-01", "--format", "json"))
    assert rows == [
        {"dimension": "Quality", "rating": "red", "trend": None, "comment": None, **NO_ACTION, "version": 1},
        {"dimension": "Cost", "rating": "green", "trend": None, "comment": "x", **NO_ACTION, "version": 1},
    ]
