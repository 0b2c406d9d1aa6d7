"""Importing exports: idempotent by id, all or nothing, every bad row named."""

from __future__ import annotations

import json
from pathlib import Path

from portfolio.testing import fails, ok

HEADER = "id,title,place,handler,opened,closed,category\n"
GOOD = (
    HEADER
    + "DM-1,Treghet i DIPS Arena,Helse Nord IKT,Helse Nord IKT,2023-11-02,,Drift\n"
    + "DM-2,Feil tilgangsnivå,Helse Nord IKT,UNN,2023-11-10,2023-12-05,Tilgangsstyring\n"
)
EXAMPLES = Path(__file__).parent.parent / "examples"


def _write(folder: Path, text: str, name: str = "export.csv", encoding: str = "utf-8") -> str:
    path = folder / name
    path.write_text(text, encoding=encoding)
    return str(path)


def _listed(run) -> list[dict]:
    return json.loads(ok(run("deviation", "list", "--on", "2024-02-01", "--format", "json")).stdout)


def test_import_then_a_later_export_updates_and_never_duplicates(portfolio_migrated, tmp_path):
    run = portfolio_migrated
    out = ok(run("deviation", "import", _write(tmp_path, GOOD), "--exported", "2024-01-01"))
    assert "Imported 2 deviations from export.csv: 2 new, 0 updated, 0 unchanged." in out.output
    later = (
        HEADER
        + "DM-1,Treghet i DIPS Arena,Helse Nord IKT,Helse Nord IKT,2023-11-02,2024-01-20,Drift\n"
        + "DM-2,Feil tilgangsnivå,Helse Nord IKT,UNN,2023-11-10,2023-12-05,Tilgangsstyring\n"
        + "DM-3,Nettverksbrudd,Helse Nord IKT,UNN,2024-01-15,,Drift\n"
    )
    out = ok(run("deviation", "import", _write(tmp_path, later, "later.csv"), "--exported", "2024-02-01"))
    assert "Imported 3 deviations from later.csv: 1 new, 1 updated, 1 unchanged." in out.output
    rows = _listed(run)
    assert [row["id"] for row in rows] == ["DM-1", "DM-2", "DM-3"]
    assert rows[0]["closed"] == "2024-01-20" and rows[0]["status"] == "closed"
    out = ok(run("deviation", "import", _write(tmp_path, later, "later.csv"), "--exported", "2024-02-01"))
    assert "0 new, 0 updated, 3 unchanged" in out.output
    assert len(_listed(run)) == 3
    imports = json.loads(ok(run("deviation", "imports", "--format", "json")).stdout)
    assert [(i["source"], i["created"], i["updated"]) for i in imports] == [
        ("later.csv", 0, 0),
        ("later.csv", 1, 1),
        ("export.csv", 2, 0),
    ]
    shown = json.loads(ok(run("deviation", "show", "DM-1", "--format", "json")).stdout)
    assert shown["source"] == "later.csv" and shown["exported_on"] == "2024-02-01"


def test_norwegian_dates_and_semicolons_are_read(portfolio_migrated, tmp_path):
    text = (
        "\ufeffid;title;place;handler;opened;closed;category\n"
        "DM-7;Utskrift til feil skriver;Helse Nord IKT;Helse Nord IKT;31.01.2024;1.2.2024;Drift\n"
    )
    ok(portfolio_migrated("deviation", "import", _write(tmp_path, text), "--exported", "2024-02-01"))
    row = _listed(portfolio_migrated)[0]
    assert (row["opened"], row["closed"]) == ("2024-01-31", "2024-02-01")


def test_closed_before_opened_is_refused(portfolio_migrated, tmp_path):
    text = HEADER + "DM-1,X,Helse Nord IKT,UNN,2023-11-10,2023-11-09,Drift\n"
    out = fails(portfolio_migrated("deviation", "import", _write(tmp_path, text)))
    assert "line 2, column closed: 2023-11-09 is before the opened date 2023-11-10" in out.output
    assert "nothing imported" in out.output


def test_duplicate_ids_within_one_file_are_refused(portfolio_migrated, tmp_path):
    text = GOOD + "DM-1,Again,Helse Nord IKT,UNN,2023-11-10,,Drift\n"
    out = fails(portfolio_migrated("deviation", "import", _write(tmp_path, text)))
    assert "line 4, column id: 'DM-1' already given on line 2" in out.output


def test_unknown_and_missing_columns_are_refused(portfolio_migrated, tmp_path):
    text = "id,title,place,handler,opened,closed,category,severity\n1,X,P,H,2023-01-01,,C,high\n"
    out = fails(portfolio_migrated("deviation", "import", _write(tmp_path, text)))
    assert "unknown column 'severity'; allowed: id, title, place, handler, opened, closed, category" in out.output
    text = "id,title,place,handler,opened,category\n1,X,P,H,2023-01-01,C\n"
    out = fails(portfolio_migrated("deviation", "import", _write(tmp_path, text)))
    assert "missing column 'closed'" in out.output


def test_ambiguous_and_impossible_dates_are_refused_with_every_problem(portfolio_migrated, tmp_path):
    text = (
        HEADER
        + "DM-1,X,Helse Nord IKT,UNN,01/02/2024,,Drift\n"
        + "DM-2,X,Helse Nord IKT,UNN,31.01.24,,Drift\n"
        + "DM-3,X,Helse Nord IKT,UNN,31.02.2024,,Drift\n"
        + "DM-4,X,Helse Nord IKT,UNN,,,Drift\n"
        + ",,Helse Nord IKT,UNN,2024-01-02,yesterday,Drift\n"
    )
    out = fails(portfolio_migrated("deviation", "import", _write(tmp_path, text)))
    assert "7 problems, nothing imported" in out.output
    assert "line 2, column opened: '01/02/2024' is ambiguous" in out.output
    assert "line 3, column opened: '31.01.24' is ambiguous" in out.output
    assert "line 4, column opened: '31.02.2024' is not a date in the calendar" in out.output
    assert "line 5, column opened: empty; the opened date is needed" in out.output
    assert "line 6, column id: empty" in out.output
    assert "line 6, column title: empty" in out.output
    assert "line 6, column closed: 'yesterday' is not a date" in out.output
    assert _listed(portfolio_migrated) == []  # all or nothing


def test_a_bad_row_leaves_the_stored_records_as_they_were(portfolio_migrated, tmp_path):
    ok(portfolio_migrated("deviation", "import", _write(tmp_path, GOOD)))
    text = (
        HEADER
        + "DM-1,Renamed,Helse Nord IKT,Helse Nord IKT,2023-11-02,,Drift\n"
        + "DM-9,Bad,Helse Nord IKT,UNN,2023-13-01,,Drift\n"
    )
    fails(portfolio_migrated("deviation", "import", _write(tmp_path, text, "bad.csv")))
    assert [row["title"] for row in _listed(portfolio_migrated)] == [
        "Treghet i DIPS Arena",
        "Feil tilgangsnivå",
    ]


def test_files_that_cannot_be_read(portfolio_migrated, tmp_path):
    out = fails(portfolio_migrated("deviation", "import", str(tmp_path / "missing.csv")))
    assert "cannot read" in out.output
    out = fails(portfolio_migrated("deviation", "import", _write(tmp_path, "")))
    assert "is empty" in out.output
    out = fails(portfolio_migrated("deviation", "import", _write(tmp_path, HEADER)))
    assert "has a header but no rows" in out.output
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "1,Tilgang på røntgen,P,H,2024-01-01,,C\n").encode("latin-1"))
    out = fails(portfolio_migrated("deviation", "import", str(path)))
    assert "is not UTF-8" in out.output
    out = fails(
        portfolio_migrated("deviation", "import", _write(tmp_path, GOOD), "--exported", "1/2/2024"),
        2,
    )
    assert "ambiguous" in out.output


def test_renamed_columns_from_the_config(portfolio_migrated, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        (EXAMPLES / "portfolio.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = ok(
        portfolio_migrated("deviation", "import", str(EXAMPLES / "docmap-eksport.csv"), "--exported", "2024-02-01")
    )
    assert "4 new" in out.output
    rows = _listed(portfolio_migrated)
    assert rows[0] == {
        "id": "DM-2021-0142",
        "title": "Manglende logging av oppslag i eldre fagsystem",
        "place": "Helse Nord IKT",
        "handler": "Helse Nord IKT",
        "category": "Informasjonssikkerhet",
        "opened": "2021-03-15",
        "closed": None,
        "status": "open",
        "age_days": 1053,
    }


def test_the_plain_example_file_imports(portfolio_migrated):
    out = ok(portfolio_migrated("deviation", "import", str(EXAMPLES / "deviations.csv")))
    assert "0 updated" in out.output


def test_two_columns_for_one_field_are_refused(portfolio_migrated, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations.columns]\nAvviksnr = "id"\n', encoding="utf-8"
    )
    text = "Avviksnr,id,title,place,handler,opened,closed,category\n1,1,X,P,H,2024-01-01,,C\n"
    out = fails(portfolio_migrated("deviation", "import", _write(portfolio_isolated, text)))
    assert "columns 'Avviksnr' and 'id' both give the id" in out.output


def test_overlong_values_are_refused(portfolio_migrated, tmp_path):
    text = HEADER + f"{'X' * 65},{'T' * 2001},Helse Nord IKT,UNN,2024-01-02,,Drift\n"
    out = fails(portfolio_migrated("deviation", "import", _write(tmp_path, text)))
    assert "line 2, column id: 'XXXXXXXXXXXXXXXXXXXX…' is longer than 64 characters" in out.output
    assert "line 2, column title: 2001 characters; at most 2000" in out.output
