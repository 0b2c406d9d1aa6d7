"""The report's fingerprint: printed in every format, stable, and checked by ``report verify``.

The scenario: two projects rated over three months, a risk assessed each month with a measure.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from portfolio.cli import build_cli
from portfolio.report.fingerprint import canonical
from portfolio.report.verify import FINGERPRINT
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

MONTHS = ("2024-01", "2024-02", "2024-03")
RATINGS = {  # finance rating of each project per month
    "ALPHA": ("green", "yellow", "red"),
    "BETA": ("green", "green", "yellow"),
}


def scenario(run) -> None:
    for code in RATINGS:
        ok(run("project", "add", code, f"Project {code}"))
    for index, month in enumerate(MONTHS):
        for code, ratings in RATINGS.items():
            ok(
                run(
                    "status", "set", code, "--period", month, "--scope", "green", "--finance", ratings[index],
                    "--resources", "green", "--schedule", "yellow", "--dependencies", "green", "--benefits", "na",
                )
            )  # fmt: skip
    ok(run("risk", "add", "ALPHA", "Key people leave", "-p", "3", "-c", "4", "--period", MONTHS[0]))
    for month, probability in zip(MONTHS[1:], (4, 5), strict=True):
        ok(run("risk", "assess", "1", "--period", month, "-p", str(probability), "-c", "4"))
    ok(run("measure", "add", "1", "Hire a second architect", "--due", "2024-02-15"))


@pytest.fixture
def data(migrated):
    scenario(migrated)
    return migrated


def _json(run, month):
    return json.loads(ok(run("report", "build", "--period", month, "--format", "json")).stdout)


def test_every_format_prints_the_same_fingerprint(data, tmp_path):
    report = _json(data, "2024-02")
    fingerprint = report["fingerprint"]
    assert fingerprint["period"] == "2024-02" and len(fingerprint["digest"]) == 12
    assert {"status_rating", "status_report", "risk_assessment", "measure", "project"} <= set(fingerprint["tables"])
    assert "audit_log" not in fingerprint["tables"] and "reporting_period" not in fingerprint["tables"]
    text = f"2024-02/{fingerprint['digest']}"
    for fmt, lang in (("terminal", "nb"), ("md", "en"), ("html", "nb")):
        output = ok(data("report", "build", "--period", "2024-02", "--format", fmt, "--lang", lang)).stdout
        assert [m.group(0) for m in FINGERPRINT.finditer(output)] == [text], fmt
    assert "Datafingeravtrykk: 2024-02/" in ok(data("report", "build", "--period", "2024-02")).stdout


def test_the_fingerprint_is_stable_and_differs_by_month(data):
    first, again = _json(data, "2024-02")["fingerprint"], _json(data, "2024-02")["fingerprint"]
    assert first == again
    assert _json(data, "2024-03")["fingerprint"]["digest"] != first["digest"]


def test_verify_accepts_an_unchanged_report_in_every_text_format(data, tmp_path):
    for fmt, suffix in (("json", "json"), ("md", "md"), ("html", "html"), ("terminal", "txt")):
        path = tmp_path / f"report.{suffix}"
        ok(data("report", "build", "--period", "2024-02", "--format", fmt, "-o", str(path)))
        result = ok(data("report", "verify", str(path)))
        assert "matches the data of 2024-02" in result.stdout


def test_verify_names_the_month_and_the_changed_table(data, tmp_path):
    path = tmp_path / "report.json"
    ok(data("report", "build", "--period", "2024-02", "--format", "json", "-o", str(path)))
    markdown = tmp_path / "report.md"
    ok(data("report", "build", "--period", "2024-02", "--format", "md", "-o", str(markdown)))
    ok(data("status", "set", "BETA", "--period", "2024-02", "--finance", "red"))
    result = fails(data("report", "verify", str(path)))
    assert "does not match the data of 2024-02" in result.stdout
    assert "Changed since the report was built: status_rating." in result.stdout
    assert "status_rating" in fails(data("report", "verify", str(markdown))).stdout
    ok(data("status", "set", "BETA", "--period", "2024-02", "--finance", "green"))  # back as it was
    ok(data("report", "verify", str(path)))


def test_data_of_a_later_month_leaves_an_earlier_report_valid(data, tmp_path):
    path = tmp_path / "january.md"
    ok(data("report", "build", "--period", "2024-01", "--format", "md", "-o", str(path)))
    ok(data("status", "set", "ALPHA", "--period", "2024-03", "--finance", "green"))
    ok(data("risk", "assess", "1", "--period", "2024-03", "-p", "1", "-c", "1"))
    ok(data("report", "verify", str(path)))
    ok(data("risk", "edit", "1", "--description", "Key people may leave"))  # risks are not per month
    assert "risk" in fails(data("report", "verify", str(path))).stdout


def test_a_month_the_status_grid_shows_counts(data, tmp_path):
    """March's report shows finance over six months: a change in January is a change to it."""
    path = tmp_path / "march.md"
    ok(data("report", "build", "--period", "2024-03", "--format", "md", "-o", str(path)))
    ok(data("report", "verify", str(path)))
    ok(data("status", "set", "BETA", "--period", "2024-01", "--finance", "red"))
    assert "status_rating" in fails(data("report", "verify", str(path))).stdout


def test_the_status_rows_are_those_the_report_reads():
    from portfolio.config import Settings
    from portfolio.report.fingerprint import StatusScope, status_scope

    defaults = Settings()
    assert status_scope(defaults) == StatusScope(3, defaults.status_grid_months + 1, ("finance",))
    assert status_scope(replace(defaults, status_grid=())) == StatusScope(3, 0, ())
    assert status_scope(replace(defaults, status_grid=(), unchanged_months=2)) == StatusScope(2, 0, ())


def test_a_dimension_outside_the_grid_counts_only_in_the_months_the_matrix_and_checks_read(data, tmp_path):
    """March's report shows scope only for January to March (the copied-status check): a change
    to scope in the December before is not a change to it, while finance (the grid) is."""
    ok(data("status", "set", "ALPHA", "--period", "2023-12", "--scope", "green", "--finance", "green"))
    path = tmp_path / "march.md"
    ok(data("report", "build", "--period", "2024-03", "--format", "md", "-o", str(path)))
    ok(data("status", "set", "ALPHA", "--period", "2023-12", "--scope", "red"))
    ok(data("report", "verify", str(path)))
    ok(data("status", "set", "ALPHA", "--period", "2023-12", "--finance", "red"))
    assert "status_rating" in fails(data("report", "verify", str(path))).stdout


def test_verify_refuses_a_file_without_a_fingerprint(data, tmp_path):
    plain = tmp_path / "notes.md"
    plain.write_text("# Notes\n\nNothing here.\n", encoding="utf-8")
    assert "holds no report fingerprint" in fails(data("report", "verify", str(plain))).output
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert "cannot read" in fails(data("report", "verify", str(broken))).output
    assert "is not a file" in fails(data("report", "verify", str(tmp_path / "missing.md"))).output


def test_sqlite_and_the_backend_under_test_agree(data, db_url, tmp_path):
    """On PostgreSQL this compares two backends; on SQLite, two databases built the same way."""
    reference = f"sqlite:///{tmp_path / 'reference.db'}"

    def run(*args):
        return CliRunner().invoke(build_cli(), ["--db", reference, "--as", "tester", *args])

    ok(run("db", "upgrade"))
    scenario(run)
    theirs = json.loads(ok(run("report", "build", "--period", "2024-02", "--format", "json")).stdout)
    assert _json(data, "2024-02")["fingerprint"] == theirs["fingerprint"]


def test_canonical_values_do_not_depend_on_how_a_backend_returns_them():
    import datetime as dt
    from decimal import Decimal

    assert canonical(Decimal("5.20")) == canonical(Decimal("5.2")) == "5.2"
    assert canonical(Decimal("100")) == "100" and canonical(Decimal("0.00")) == "0"
    assert canonical(True) == "true" and canonical(1) == "1"
    aware = dt.datetime(2024, 1, 31, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert canonical(aware) == canonical(dt.datetime(2024, 1, 31, 12, 0))
    assert canonical(None) != canonical("") and canonical("a\x1fb") != canonical("a") + "\x1f" + canonical("b")


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_verify_reads_the_fingerprint_from_pdf_and_excel(data, tmp_path, fmt):
    path = tmp_path / f"report.{fmt}"
    built = data("report", "build", "--period", "2024-03", "--format", fmt, "-o", str(path))
    if fmt == "pdf" and built.exit_code != 0:
        pytest.skip(f"no PDF here: {built.output.strip()}")
    ok(built)
    assert "matches the data of 2024-03" in ok(data("report", "verify", str(path))).stdout
    ok(data("measure", "add", "1", "Pair the architects"))
    result = fails(data("report", "verify", str(path)))
    assert "does not match the data of 2024-03" in result.stdout
    if "Changed since" in result.stdout:  # when the format carries each table's digest too
        assert "Changed since the report was built: measure." in result.stdout


def test_the_status_tables_digest_the_same_from_the_report_s_shared_read(data, db_url):
    """The report digests the status tables from the rows it read once for the matrix, the grid
    and the copied-status check: the digest must be the one a table read on its own gives, or a
    report would fail ``report verify`` against a database that did not change. The scenario has
    comments, a justification, a grid month outside the checked months and a report without ratings."""
    from sqlmodel import Session

    from portfolio.config import Settings
    from portfolio.database import make_engine
    from portfolio.models import StatusRating, StatusReport
    from portfolio.period import Period
    from portfolio.report.fingerprint import status_digest, table_digest
    from portfolio.services.status_window import read_status_window, status_scope

    ok(data("program", "add", "PRG", "Programme"))
    ok(data("status", "set", "PRG", "--period", "2024-03", "--finance", "green", "--justify", "Judged whole"))
    ok(data("status", "set", "ALPHA", "--period", "2023-11", "--finance", "red", "--comment", "Late"))
    ok(data("status", "set", "BETA", "--period", "2024-02", "--comment", "Nothing to rate"))
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            for settings in (Settings(), replace(Settings(), status_grid=()), replace(Settings(), unchanged_months=2)):
                period, scope = Period.parse("2024-03"), status_scope(settings)
                window = read_status_window(session, period, scope)
                for model in (StatusReport, StatusRating):
                    table = model.__table__
                    assert status_digest(table, window) == table_digest(session, table, period, scope), table.name
                assert list(window.rating_rows()) and window.report_rows()
    finally:
        engine.dispose()


def test_a_window_without_texts_has_the_same_ratings_and_justifications(data, db_url):
    """The matrix and a grid read on their own leave the comments and recovery actions out; their
    ratings, trends' months and the programs' justifications are those of the full read."""
    from sqlmodel import Session

    from portfolio.database import make_engine
    from portfolio.period import Period
    from portfolio.services.status_window import read_status_window, window_for

    ok(data("program", "add", "PRG", "Programme"))
    ok(data("status", "set", "PRG", "--period", "2024-03", "--finance", "green", "--justify", "Judged whole"))
    ok(data("status", "set", "ALPHA", "--period", "2024-03", "--finance", "red", "--comment", "Late"))
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            period = Period.parse("2024-03")
            months = [period.previous(), period]
            full, slim = (window_for(session, period, months, None, None, texts=texts) for texts in (True, False))
            assert slim.ratings(months) == full.ratings(months) and slim.ratings(months)
            assert (
                slim.justifications() == full.justifications() == {slim.justifications().popitem()[0]: "Judged whole"}
            )
            assert any(row[4] == "Late" for row in full.rating_rows())
            assert all(row[4] is None and row[8:] == (None,) * 4 for row in slim.rating_rows())
            grid = window_for(session, period, months, ["finance"], None, texts=False)
            assert grid.ratings(months, ["finance"]) == full.ratings(months, ["finance"])
            assert read_status_window(session, period, grid.scope).scope.texts is False
    finally:
        engine.dispose()
