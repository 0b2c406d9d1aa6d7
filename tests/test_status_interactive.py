"""``status set CODE --period P --interactive``: one question per dimension, written only at the end."""

from __future__ import annotations

import json

import pytest

from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")


@pytest.fixture
def reg(migrated):  # type: ignore[no-untyped-def]
    ok(migrated("project", "add", "NAC", "NAC/Sonemodell"))
    ok(migrated("project", "add", "NEW", "Nytt prosjekt"))
    ok(
        migrated(
            "status", "set", "NAC", "--period", "2024-01", "--scope", "green", "--finance", "green",
            "--resources", "yellow", "--schedule", "yellow", "--dependencies", "red", "--benefits", "na",
            "--dependencies-comment", "Venter på leverandør", "--comment", "Januar",
        )
    )  # fmt: skip
    return migrated


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def show(run, code: str, period: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    result = ok(run("status", "show", code, "--period", period, "--format", "json"))
    return [(row["rating"], row["comment"]) for row in json.loads(result.stdout)]


def test_a_bad_rating_is_asked_again_and_no_means_nothing_written(reg) -> None:
    given = answers("purple", "red", "", *[""] * 10, "", "n")
    result = ok(reg("status", "set", "NAC", "--period", "2024-02", "-i", input=given))
    assert "Error: 'purple' is not a rating; use green, yellow, red or na" in result.output
    assert result.output.endswith("Record this status of NAC for 2024-02? [Y/n]: n\nNothing was written.\n")
    fails(reg("status", "show", "NAC", "--period", "2024-02"))


def test_this_months_status_gives_the_defaults_and_a_dash_removes_a_comment(reg) -> None:
    ok(reg("status", "set", "NAC", "--period", "2024-02", "-i", input=answers(*[""] * 14)))
    # last month's ratings, no comments carried over from January
    assert show(reg, "NAC", "2024-02") == [
        ("green", None), ("green", None), ("yellow", None), ("yellow", None), ("red", None), ("na", None)
    ]  # fmt: skip
    ok(reg("status", "set", "NAC", "--period", "2024-02", "--dependencies-comment", "Ny dato 1. mars"))
    result = ok(reg("status", "set", "NAC", "--period", "2024-02", "-i", input=answers(*[""] * 9, "-", *[""] * 4)))
    assert "Defaults: this month's (version " in result.output
    assert "  comment (optional) [Ny dato 1. mars]: -\n" in result.output
    assert show(reg, "NAC", "2024-02")[4] == ("red", None)


def test_no_history_means_no_default(reg) -> None:
    result = ok(
        reg("status", "set", "NEW", "--period", "2024-02", "-i", input=answers("", "g", *["", "g"] * 5, "", "", ""))
    )
    assert "Defaults: none." in result.output
    assert "Scope, green/yellow/red/na: \nError: missing input" not in result.output  # asked again, not failed
    assert [rating for rating, _ in show(reg, "NEW", "2024-02")] == ["green"] * 6


def test_other_rating_options_and_a_stale_version_are_refused(reg) -> None:
    result = fails(reg("status", "set", "NAC", "--period", "2024-02", "-i", "--scope", "red"), code=2)
    assert "--interactive asks for every rating and comment; leave out --scope" in result.stderr
    result = fails(reg("status", "set", "NAC", "--period", "2024-01", "-i", "--expect-version", "0"))
    assert "the status of NAC for 2024-01 is at version 1, not 0; nothing was written" in result.stderr
    ok(reg("period", "close", "2024-02"))
    result = fails(reg("status", "set", "NAC", "--period", "2024-02", "-i", input=answers(*[""] * 14)))
    assert (
        result.output == "Error: period 2024-02 is closed by tester; reopen it with 'portfolio period open 2024-02'\n"
    )
