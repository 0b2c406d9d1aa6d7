"""``status set CODE --period P --interactive``: one question per dimension, written only at the end."""

from __future__ import annotations

import json
import time

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
    given = answers("purple", "red", *[""] * 16, "n")  # a red or yellow rating also asks its recovery action
    result = ok(reg("status", "set", "NAC", "--period", "2024-02", "-i", input=given))
    assert "Error: 'purple' is not a rating; use green, yellow, red or na" in result.output
    assert result.output.endswith("Record this status of NAC for 2024-02? [Y/n]: n\nNothing was written.\n")
    fails(reg("status", "show", "NAC", "--period", "2024-02"))


def test_this_months_status_gives_the_defaults_and_a_dash_removes_a_comment(reg) -> None:
    ok(reg("status", "set", "NAC", "--period", "2024-02", "-i", input=answers(*[""] * 17)))
    # last month's ratings, no comments carried over from January
    assert show(reg, "NAC", "2024-02") == [
        ("green", None), ("green", None), ("yellow", None), ("yellow", None), ("red", None), ("na", None)
    ]  # fmt: skip
    ok(reg("status", "set", "NAC", "--period", "2024-02", "--dependencies-comment", "Ny dato 1. mars"))
    result = ok(reg("status", "set", "NAC", "--period", "2024-02", "-i", input=answers(*[""] * 11, "-", *[""] * 5)))
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
        result.output == "Error: period 2024-02 is closed by tester; "
        "reopen it with 'portfolio period open 2024-02 --reason \"...\"'\n"
    )


def test_ctrl_c_in_a_real_terminal_writes_nothing(reg, db_url: str) -> None:
    """Driven through a pseudo-terminal: answer one question, then press Ctrl-C."""
    import os
    import pty
    import select
    import signal
    import sys

    def read_until(fd: int, text: str, seen: list[str]) -> str:
        deadline = time.monotonic() + 30
        while text not in "".join(seen):
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} in {''.join(seen)!r}")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    seen.append(os.read(fd, 1024).decode("utf-8", "replace"))
                except OSError:  # the child has gone
                    break
        return "".join(seen)

    command = ["-m", "portfolio", "--db", db_url, "status", "set", "NAC", "--period", "2024-02", "-i"]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the CLI on the terminal
        # as a shell starts a command in the foreground: a suite started in the background (`&`
        # without job control) ignores SIGINT, and an ignored signal stays ignored across exec
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.execv(sys.executable, [sys.executable, *command])
    seen: list[str] = []
    read_until(fd, "Scope, green/yellow/red/na [green]: ", seen)
    os.write(fd, b"red\r")
    read_until(fd, "comment (optional): ", seen)
    # as a person would, a moment after the question: a SIGINT that comes before the child blocks
    # in read() is only acted on after the next input
    time.sleep(0.5)
    os.write(fd, b"\x03")  # Ctrl-C: the terminal sends SIGINT
    output = read_until(fd, "Aborted!", seen)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.WEXITSTATUS(status) == 1, output
    fails(reg("status", "show", "NAC", "--period", "2024-02"))  # nothing was written


def test_a_yellow_or_red_rating_asks_its_recovery_action_and_the_next_month_offers_it(reg) -> None:
    # scope, finance green; resources yellow with an action; schedule yellow without; dependencies
    # red: a first owner left empty is asked again; benefits na
    given = answers(
        "", "", "", "",
        "", "", "Hire two consultants", "Kari Nordmann", "2024-03-31",
        "", "", "",
        "", "", "New supplier contract", "", "Per", "31.02.2024", "2024-04-15",
        "", "", "", "y",
    )  # fmt: skip
    result = ok(reg("status", "set", "NAC", "--period", "2024-02", "-i", input=given))
    assert "  action owner: \n  action owner: Per\n" in result.output  # asked again
    assert "'31.02.2024' is not a date in the calendar" in result.output  # asked again
    assert "recovery: Hire two consultants (Kari Nordmann, due 2024-03-31)" in result.output
    rows = json.loads(ok(reg("status", "show", "NAC", "--period", "2024-02", "--format", "json")).stdout)
    actions = {row["dimension"]: (row["action"], row["action_owner"], row["action_due"]) for row in rows}
    assert actions["Ressurser"] == ("Hire two consultants", "Kari Nordmann", "2024-03-31")
    assert actions["Fremdrift"] == (None, None, None)
    assert actions["Eksterne avhengigheter"] == ("New supplier contract", "Per", "2024-04-15")
    # March: February's actions are the defaults; '-' removes one, Enter keeps the other
    given = answers("", "", "", "", "", "", "-", "", "", "", "", "", "", "", "", "", "", "", "y")
    result = ok(reg("status", "set", "NAC", "--period", "2024-03", "-i", input=given))
    assert "recovery action, what brings it back to green (optional) [Hire two consultants]: -" in result.output
    rows = json.loads(ok(reg("status", "show", "NAC", "--period", "2024-03", "--format", "json")).stdout)
    assert [row["action"] for row in rows] == [None, None, None, None, "New supplier contract", None]
    assert rows[4]["action_due"] == "2024-04-15"
