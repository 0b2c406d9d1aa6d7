"""Hostile and arbitrary input: every parser returns a value or the project's own error,
and the CLI answers with exit code 0, 1 or 2, never a traceback."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.cli.status_form import parse_form
from portfolio.config import load_settings
from portfolio.errors import PortfolioError
from portfolio.importers.csvfile import read_csv
from portfolio.period import Period, PeriodError
from portfolio.ratings import Rating, parse_rating
from tests.helpers import ok

KEYS = ["scope", "finance", "resources", "schedule", "dependencies", "benefits"]
HEADER = "code," + ",".join(KEYS)
FAST = settings(max_examples=150, deadline=None, derandomize=True)
SLOW = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(st.text())
def test_period_parse_returns_a_month_or_refuses(text):
    try:
        period = Period.parse(text)
    except PeriodError:
        return
    assert 1 <= period.month <= 12 and Period.parse(str(period)) == period


@FAST
@given(st.text())
def test_rating_parse_returns_a_rating_or_refuses(text):
    try:
        assert isinstance(parse_rating(text), Rating)
    except ValueError as exc:
        assert repr(text)[1:-1] in str(exc) or text in str(exc)


@FAST
@given(st.binary())
def test_csv_reader_reads_or_refuses_any_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("csv") / "in.csv"
    path.write_bytes(data)
    try:
        table = read_csv(path)
    except PortfolioError:
        return
    assert all(len(values) == len(table.header) for _line, values in table.rows)


@FAST
@given(st.text())
def test_config_file_loads_or_refuses(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("cfg") / "portfolio.toml"
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(PortfolioError):
        load_settings(path)


@FAST
@given(st.text())
def test_status_form_parses_or_refuses(text):
    try:
        ratings, comments, _overall, actions = parse_form(text, KEYS)
    except PortfolioError:
        return
    assert set(comments) <= set(ratings) <= set(KEYS)
    assert set(actions) <= set(ratings)


def _cell() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(["green", "yellow", "red", "na", "g", "rød", "", "blue", "=1+1"]),
        st.text(max_size=12),
    )


@SLOW
@given(st.lists(st.tuples(st.sampled_from(["IAM2", "HIS2", "NOPE", ""]), *[_cell() for _ in KEYS]), max_size=6))
def test_status_import_through_the_cli_never_crashes(with_projects, tmp_path: Path, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["code", *KEYS])
    writer.writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = with_projects("status", "import", str(path), "--period", "2024-01")
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback (most recent call last)" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)


@pytest.fixture
def with_projects(migrated):
    ok(migrated("program", "add", "HIS2", "Program", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1"))
    return migrated


@SLOW
@given(st.lists(st.text(max_size=20), min_size=1, max_size=4))
def test_arbitrary_arguments_never_crash_the_cli(with_projects, words):
    for command in (["status", "set", "IAM2"], ["risk", "add", "IAM2"], ["project", "add"], ["status", "matrix"]):
        result = with_projects(*command, *words)
        assert result.exit_code in (0, 1, 2), (command, words, result.output)
        if result.exception is not None:
            assert isinstance(result.exception, SystemExit), (command, words, repr(result.exception))


def test_csv_export_neutralises_formulas_but_keeps_numbers(migrated):
    ok(migrated("project", "add", "X1", '=HYPERLINK("http://evil")'))
    ok(migrated("project", "add", "X2", "+1+2", "--manager", "@SUM(A1)"))
    ok(migrated("project", "add", "--phase", "\tTab", "X3", "--", "-cmd"))
    ok(migrated("risk", "add", "X1", "=1+1", "-p", "4", "-c", "5", "--period", "2024-01"))
    projects = list(csv.DictReader(io.StringIO(ok(migrated("project", "list", "--format", "csv")).stdout)))
    names = {row["code"]: row for row in projects}
    assert names["X1"]["name"] == '\'=HYPERLINK("http://evil")'
    assert names["X2"]["name"] == "'+1+2" and names["X2"]["manager"] == "'@SUM(A1)"
    assert names["X3"]["name"] == "'-cmd" and names["X3"]["phase"] == "'\tTab"
    risks = list(
        csv.DictReader(io.StringIO(ok(migrated("risk", "list", "--period", "2024-01", "--format", "csv")).stdout))
    )
    assert risks[0]["description"] == "'=1+1" and risks[0]["score"] == "20" and risks[0]["probability"] == "4"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[risk]\nmatrx = []\n", "unknown setting 'risk.matrx'; allowed: matrix"),
        (
            "[report]\nsection = []\n",
            "unknown setting 'report.section'; allowed: dead_bands, sections, status_grid, status_grid_months",
        ),
        ("user = 5\n", "user must be text in quotes, not 5"),
        (
            '[[dimensions]]\nkey = "scope"\nnb = "Omfang"\nen = "Scope"\neng = "Scope"\n',
            "dimension 1: unknown key 'eng'; allowed: key, nb, en",
        ),
        ("risk = 3\n", "risk must be a table"),
    ],
)
def test_config_typos_are_named(tmp_path, text, message):
    path = tmp_path / "portfolio.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PortfolioError, match=re.escape(message)):
        load_settings(path)


def test_a_config_key_holding_a_colour_code_is_shown_in_the_error(tmp_path, monkeypatch, capsys):
    """The error comes before any command runs, yet its quoted key is shown, not obeyed or dropped."""
    from portfolio.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "portfolio.toml").write_text('"a\\u001b[31mb" = 1\n', encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["project", "list"])
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "unknown setting 'a␛[31mb'" in err and "\x1b" not in err
