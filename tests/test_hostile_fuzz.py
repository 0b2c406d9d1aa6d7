"""Hypothesis over the CLI's main options and every import file (issue 21): whatever the values,
a command ends with exit code 0, 1 or 2 and one message, never a traceback, and prints no
control character raw.

Bounded: few examples each, no deadline, so the file runs in well under a minute.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import ok

BOUNDED = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HOSTILE = [
    "",
    "2024-01",
    "9999-12",
    "0000-00",
    "99999999999999999999",
    "-1",
    "1e30",
    "١٢٣",
    "１２３",
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "\x1b]52;c;aGFjaw==\x07",
    "../x",
    "x" * 300,
    "green",
    "nan",
]


def _value() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE), st.text(max_size=16))


def _no_traceback(result, where: object) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code in (0, 1, 2), (where, result.output, repr(result.exception))
    assert "Traceback (most recent call last)" not in result.output, where
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), (where, repr(result.exception))
    assert "\x1b]" not in result.output and "\x07" not in result.output, where


@pytest.fixture
def portfolio(migrated, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    ok(migrated("program", "add", "HIS2", "Program", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1"))
    return migrated


COMMANDS = [
    ("status", "set", "IAM2", "--period", "{v}", "--scope", "{v}"),
    ("status", "show", "IAM2", "--period", "{v}"),
    ("status", "matrix", "--period", "{v}"),
    ("status", "template", "--period", "{v}", "-o", "{v}"),
    ("project", "add", "{v}", "{v}", "--manager", "{v}"),
    ("project", "list", "--format", "{v}"),
    ("project", "list", "--format", "csv", "-o", "{v}"),
    ("risk", "add", "IAM2", "{v}", "-p", "{v}", "-c", "3", "--period", "2024-01"),
    ("risk", "show", "{v}"),
    ("report", "build", "--period", "{v}", "--format", "md"),
    ("report", "build", "--period", "2024-01", "--format", "{v}", "-o", "{v}"),
    ("finance", "set", "--period", "{v}", "--line", "{v}", "--actual", "{v}", "--unit", "kr"),
    ("db", "backup", "{v}"),
    ("history", "{v}"),
    ("round", "--period", "{v}"),
]


@BOUNDED
@given(st.sampled_from(COMMANDS), st.lists(_value(), min_size=6, max_size=6), _value())
def test_the_main_options_never_give_a_traceback(portfolio, command, values, user) -> None:
    pool = iter(values)
    arguments = [next(pool, "x") if part == "{v}" else part for part in command]
    _no_traceback(portfolio(*arguments, user=user or "tester"), arguments)


IMPORTS = {
    ("status", "import", "{file}", "--period", "2024-01"): [
        "code",
        "scope",
        "finance",
        "resources",
        "schedule",
        "dependencies",
        "benefits",
        "comment",
    ],
    ("finance", "import", "{file}", "--unit", "kr"): ["period", "line", "actual", "budget", "annual_budget"],
    ("hr", "import", "sick-leave", "{file}"): ["period", "total", "short_term", "long_term"],
    ("hr", "import", "aml", "{file}"): ["period", "type", "count"],
    ("deviation", "import", "{file}"): ["id", "title", "place", "handler", "opened", "closed", "category"],
    ("service", "import", "incidents", "{file}"): ["month", "incidents", "changes"],
    ("service", "import", "hours", "{file}"): ["reference", "date", "hours"],
}


@BOUNDED
@given(
    st.sampled_from(sorted(IMPORTS)),
    st.lists(st.lists(_value(), min_size=1, max_size=9), max_size=5),
    st.sampled_from([",", ";"]),
    st.booleans(),
)
def test_import_files_never_give_a_traceback(portfolio, tmp_path: Path, command, rows, delimiter, keep_header) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    header = IMPORTS[command]
    if keep_header:
        writer.writerow(header)
    for row in rows:
        writer.writerow((row + [""] * len(header))[: len(header)] if keep_header else row)
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    arguments = [str(path) if part == "{file}" else part for part in command]
    _no_traceback(portfolio(*arguments), (arguments, buffer.getvalue()))
