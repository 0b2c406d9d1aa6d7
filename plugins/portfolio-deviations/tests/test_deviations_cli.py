"""The ``portfolio deviation`` commands: list filters, show, snapshots, text, closed months."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from portfolio.testing import fails, ok

EXPORT = """id,title,place,handler,opened,closed,category
OLD-1,Gammel sak,Helse Nord IKT,Helse Nord IKT,2022-01-10,,Drift
OLD-2,Gammel sak hos UNN,Helse Nord IKT,UNN,2022-06-01,,Tilgangsstyring
MID-1,Lukket i januar,Helse Nord IKT,Helse Nord IKT,2023-10-01,2024-01-15,Drift
NEW-1,Ny i januar,Helse Nord IKT,Nordlandssykehuset,2024-01-20,,Endring
ELSE-1,Hendelse på UNN,UNN,Helse Nord IKT,2023-12-01,,Drift
"""


@pytest.fixture
def loaded(portfolio_migrated, tmp_path: Path, own_organisation):
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    ok(portfolio_migrated("deviation", "import", str(path), "--exported", "2024-02-01"))
    return portfolio_migrated


def _ids(run, *args: str) -> list[str]:
    return [row["id"] for row in json.loads(ok(run("deviation", "list", *args, "--format", "json")).stdout)]


def test_list_filters_by_status_on_a_date(loaded):
    assert _ids(loaded) == ["OLD-1", "OLD-2", "MID-1", "ELSE-1", "NEW-1"]
    # judged on the latest export's date (2024-02-01) unless --on is given
    assert _ids(loaded, "--status", "open") == ["OLD-1", "OLD-2", "ELSE-1", "NEW-1"]
    assert _ids(loaded, "--status", "closed") == ["MID-1"]
    assert _ids(loaded, "--status", "open", "--on", "01.01.2024") == [
        "OLD-1",
        "OLD-2",
        "MID-1",
        "ELSE-1",
    ]
    assert _ids(loaded, "--status", "closed", "--on", "2024-01-01") == []


def test_list_filters_by_age_handler_and_place(loaded):
    assert _ids(loaded, "--min-age", "365") == ["OLD-1", "OLD-2"]
    assert _ids(loaded, "--min-age", "700") == ["OLD-1"]
    assert _ids(loaded, "--handler", "own") == ["OLD-1", "MID-1", "ELSE-1"]
    assert _ids(loaded, "--handler", "trusts") == ["OLD-2", "NEW-1"]
    assert _ids(loaded, "--handler", "unn") == ["OLD-2"]
    assert _ids(loaded, "--place", "UNN") == ["ELSE-1"]
    assert _ids(loaded, "--status", "open", "--handler", "own", "--place", "Helse Nord IKT") == ["OLD-1"]


def test_list_shows_age_and_status(loaded):
    rows = json.loads(ok(loaded("deviation", "list", "--on", "2024-02-01", "--format", "json")).stdout)
    by_id = {row["id"]: row for row in rows}
    assert by_id["OLD-1"]["age_days"] == 752 and by_id["OLD-1"]["status"] == "open"
    assert by_id["MID-1"]["age_days"] == 106 and by_id["MID-1"]["status"] == "closed"
    early = json.loads(ok(loaded("deviation", "list", "--on", "2024-01-01", "--format", "json")).stdout)
    assert {row["id"]: row["status"] for row in early}["NEW-1"] == "not yet opened"


def test_list_as_table_and_csv(loaded):
    table = ok(loaded("deviation", "list", "--status", "closed")).stdout
    assert "MID-1" in table and "Lukket i januar" in table and "OLD-1" not in table
    rows = list(csv.DictReader(io.StringIO(ok(loaded("deviation", "list", "--format", "csv")).stdout)))
    assert rows[0]["id"] == "OLD-1" and rows[0]["closed"] == ""
    empty = ok(loaded("deviation", "list", "--min-age", "5000")).stdout
    assert "(none)" in empty


def test_list_refuses_bad_filters(loaded):
    out = fails(loaded("deviation", "list", "--handler", "UNM"))
    assert "no deviation is handled by 'UNM'" in out.output and "did you mean UNN?" in out.output
    fails(loaded("deviation", "list", "--status", "pending"), 2)
    fails(loaded("deviation", "list", "--min-age", "-1"), 2)
    out = fails(loaded("deviation", "list", "--on", "02/01/2024"), 2)
    assert "ambiguous" in out.output


def test_show_one_deviation(loaded):
    out = ok(loaded("deviation", "show", "ELSE-1")).stdout
    assert "Hendelse på UNN" in out and "Status on 2024-02-01:" in out
    record = json.loads(ok(loaded("deviation", "show", "OLD-2", "--format", "json")).stdout)
    assert record["handler_group"] == "health trusts"
    assert record["counted"] is True and record["status"] == "open"
    assert json.loads(ok(loaded("deviation", "show", "ELSE-1", "--format", "json")).stdout)["counted"] is False
    out = fails(loaded("deviation", "show", "OLD-3"))
    assert "no deviation 'OLD-3'" in out.output and "did you mean" in out.output


def test_snapshots_are_entered_listed_and_removed(loaded):
    run = loaded
    ok(run("deviation", "snapshot", "set", "2023-04-01", "183"))
    ok(run("deviation", "snapshot", "set", "01.08.2023", "--own", "129", "--trusts", "82"))
    ok(run("deviation", "snapshot", "set", "2023-09-01", "257", "--own", "158", "--trusts", "99"))
    rows = json.loads(ok(run("deviation", "snapshot", "list", "--format", "json")).stdout)
    assert rows == [
        {"date": "2023-04-01", "total": 183, "own": None, "trusts": None},
        {"date": "2023-08-01", "total": 211, "own": 129, "trusts": 82},
        {"date": "2023-09-01", "total": 257, "own": 158, "trusts": 99},
    ]
    ok(run("deviation", "snapshot", "set", "2023-04-01", "184"))  # replaces
    out = ok(run("deviation", "snapshot", "set", "2023-04-15", "5"))
    assert "2023-04-15 is neither, so no report shows this count" in out.output
    ok(run("deviation", "snapshot", "remove", "15.04.2023"))
    ok(run("deviation", "snapshot", "remove", "2023-09-01"))
    rows = json.loads(ok(run("deviation", "snapshot", "list", "--format", "json")).stdout)
    assert [(r["date"], r["total"]) for r in rows] == [("2023-04-01", 184), ("2023-08-01", 211)]
    out = fails(run("deviation", "snapshot", "remove", "2023-09-01"))
    assert "no snapshot count for 2023-09-01" in out.output


def test_bad_snapshots_are_refused(loaded):
    run = loaded
    out = fails(run("deviation", "snapshot", "set", "2023-04-01", "183", "--own", "100", "--trusts", "82"))
    assert "own 100 + trusts 82 = 182, not the total 183" in out.output
    out = fails(run("deviation", "snapshot", "set", "2023-04-01", "183", "--own", "100"))
    assert "give both --own and --trusts" in out.output
    out = fails(run("deviation", "snapshot", "set", "2023-04-01"))
    assert "give the total" in out.output
    fails(run("deviation", "snapshot", "set", "2023-04-01", "-5"), 2)
    fails(run("deviation", "snapshot", "set", "1.4.23", "5"), 2)
    assert json.loads(ok(run("deviation", "snapshot", "list", "--format", "json")).stdout) == []


def test_a_snapshot_wins_over_the_records_for_its_date(loaded, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\norganisation = "Helse Nord IKT"\nmonths = 2\nextra_dates = []\n', encoding="utf-8"
    )
    before = json.loads(ok(loaded("deviation", "counts", "--period", "2024-01", "--format", "json")).stdout)
    assert [(r["date"], r["total"], r["source"]) for r in before] == [
        ("2024-01-01", 3, "records"),  # OLD-1, OLD-2, MID-1
        ("2024-02-01", 3, "records"),  # OLD-1, OLD-2, NEW-1
    ]
    ok(loaded("deviation", "snapshot", "set", "2024-01-01", "10"))
    after = json.loads(ok(loaded("deviation", "counts", "--period", "2024-01", "--format", "json")).stdout)
    assert (after[0]["total"], after[0]["own"], after[0]["source"]) == (10, None, "snapshot")
    assert after[1] == before[1]
    table = ok(loaded("deviation", "counts", "--period", "2024-01")).stdout
    assert "Helse Nord IKT" in table and "snapshot" in table


def test_text_is_set_shown_and_removed(portfolio_migrated, tmp_path):
    run = portfolio_migrated
    out = fails(run("deviation", "text", "show", "--period", "2024-01"))
    assert "no deviations text for 2024-01" in out.output
    path = tmp_path / "tekst.md"
    path.write_text("Første avsnitt.\n\nAndre avsnitt.\n", encoding="utf-8")
    ok(run("deviation", "text", "set", "--period", "2024-01", "--file", str(path)))
    assert ok(run("deviation", "text", "show", "--period", "2024-01")).stdout == ("Første avsnitt.\n\nAndre avsnitt.\n")
    ok(run("deviation", "text", "set", "--period", "2024-01", "--text", "Ny tekst."))
    assert ok(run("deviation", "text", "show", "--period", "2024-01")).stdout == "Ny tekst.\n"
    out = ok(run("deviation", "text", "set", "--period", "2024-01", "--text", " "))
    assert "Removed" in out.output
    fails(run("deviation", "text", "show", "--period", "2024-01"))
    fails(run("deviation", "text", "set", "--period", "2024-13", "--text", "x"), 2)


def test_a_closed_month_keeps_its_figures(loaded, tmp_path):
    run = loaded
    ok(run("period", "close", "2024-01"))
    late = tmp_path / "late.csv"
    late.write_text(
        "id,title,place,handler,opened,closed,category\nLATE-1,Registrert sent,Helse Nord IKT,UNN,2024-01-25,,Drift\n",
        encoding="utf-8",
    )
    out = fails(run("deviation", "import", str(late), "--exported", "2024-02-10"))
    assert "2024-01-25 is in period 2024-01, which is closed" in out.output
    assert "LATE-1" not in _ids(run)
    out = fails(run("deviation", "snapshot", "set", "2024-01-01", "99"))
    assert "2024-01-01 is in period 2024-01, which is closed" in out.output
    out = fails(run("deviation", "snapshot", "set", "2024-02-01", "99"))  # January's section shows it
    assert "period 2024-01 is closed and the open count on 2024-02-01 would change from 3 to 99" in out.output
    out = fails(run("deviation", "text", "set", "--period", "2024-01", "--text", "x"))
    assert "period 2024-01 is closed" in out.output
    # what the closed month does not show may change
    ok(run("deviation", "snapshot", "set", "2024-03-01", "7"))
    february = tmp_path / "feb.csv"
    february.write_text(
        "id,title,place,handler,opened,closed,category\nFEB-1,Ny i februar,Helse Nord IKT,UNN,2024-02-05,,Drift\n",
        encoding="utf-8",
    )
    ok(run("deviation", "import", str(february), "--exported", "2024-02-10"))
    ok(run("period", "open", "2024-01", "--reason", "a late correction"))
    ok(run("deviation", "import", str(late), "--exported", "2024-02-10"))


def test_a_closed_month_keeps_its_oldest_open_list(loaded, tmp_path):
    run = loaded
    ok(run("period", "close", "2024-01"))
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(EXPORT.replace("Gammel sak,", "Gammel sak (omdøpt),"), encoding="utf-8")
    out = fails(run("deviation", "import", str(renamed), "--exported", "2024-02-10"))
    assert "its list of the oldest open deviations on 2024-02-01 would change" in out.output


def test_help_lists_every_command(portfolio_cli):
    out = ok(portfolio_cli("deviation", "--help")).output
    for name in ("import", "list", "show", "counts", "imports", "snapshot", "text"):
        assert name in out


def _imports(run) -> list[dict]:
    return json.loads(ok(run("deviation", "imports", "--format", "json")).stdout)


def test_the_export_date_comes_from_the_file_never_from_today(portfolio_migrated, tmp_path: Path):
    newest = tmp_path / "newest.csv"
    newest.write_text(EXPORT, encoding="utf-8")
    result = ok(portfolio_migrated("deviation", "import", str(newest)))
    assert result.stdout.endswith(
        "Export taken 2024-01-20, from the newest date in its rows; give --exported to say otherwise.\n"
    )
    assert _imports(portfolio_migrated)[0]["exported_on"] == "2024-01-20"

    said = tmp_path / "said.csv"
    said.write_text("# exported: 03.02.2024\n" + EXPORT, encoding="utf-8")
    assert "from its '# exported' line" in ok(portfolio_migrated("deviation", "import", str(said))).stdout
    assert _imports(portfolio_migrated)[0]["exported_on"] == "2024-02-03"

    given = ok(portfolio_migrated("deviation", "import", str(said), "--exported", "2024-02-05"))
    assert "Export taken" not in given.stdout
    assert _imports(portfolio_migrated)[0]["exported_on"] == "2024-02-05"


def test_an_unreadable_export_date_line_is_refused_and_nothing_is_written(portfolio_migrated, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("# exported: i går\n" + EXPORT, encoding="utf-8")
    result = fails(portfolio_migrated("deviation", "import", str(bad)))
    assert "bad.csv: line 1: the export date" in result.stderr and "i går" in result.stderr
    assert _imports(portfolio_migrated) == []
