"""A whole monthly round on a fresh database, as a new PMO officer plays it (docs/monthly-round.md).

Templates out, three managers' files back (one with a mistake, so nothing is written until it is
fixed), the missing list, the last status typed in interactively, the round's state, closing the
month and the report. Every step asserts what it changed. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import json
import types
from pathlib import Path

import pytest

from portfolio import hookimpl
from tests.helpers import fails, ok

# The core and one test plugin with data of its own; the installed section plugins are tested in test_round.py.
pytestmark = pytest.mark.usefixtures("core_only")

DIMENSIONS = ["scope", "finance", "resources", "schedule", "dependencies", "benefits"]
JANUARY = """\
code,scope,finance,resources,schedule,dependencies,benefits,comment
HIS2,green,green,yellow,green,green,na,Programmet går som planlagt
IAM2,green,green,yellow,green,green,na,
NAC,green,green,yellow,yellow,green,na,
RAF,green,green,green,green,green,green,
SMB,green,yellow,green,green,green,na,
TP2,green,green,green,green,yellow,green,
"""


def benefits_plugin(present: set[str]) -> types.SimpleNamespace:
    """A section plugin whose figures are 'present' for the months in ``present``."""

    @hookimpl
    def portfolio_round_items(period):
        from portfolio.round_items import RoundItem

        found = str(period) in present
        return [RoundItem("benefit figures", found, "" if found else "portfolio benefits import FILE")]

    return types.SimpleNamespace(portfolio_round_items=portfolio_round_items)


def rows_of(path: Path) -> dict[str, dict[str, str]]:
    """A CSV template's rows by code (its # lines skipped)."""
    lines = [line for line in path.read_text(encoding="utf-8-sig").splitlines() if not line.startswith("#")]
    return {row["code"]: row for row in csv.DictReader(lines)}


def edit_csv(path: Path, row_code: str, **changes: str) -> None:
    """Change cells of one row, as a manager would, keeping the # lines."""
    text = path.read_text(encoding="utf-8-sig")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    rows = list(csv.DictReader([line for line in text.splitlines() if not line.startswith("#")]))
    for row in rows:
        if row["code"] == row_code:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\r\n".join(comments) + "\r\n")
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_xlsx(path: Path, code: str, **changes: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.active
    grid = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header_row = next(n for n, row in enumerate(grid) if row[0] == "code")
    names = grid[header_row]
    for number, row in enumerate(grid[header_row + 1 :], start=header_row + 2):
        if row[0] == code:
            for key, value in changes.items():
                sheet.cell(number, names.index(key) + 1).value = value
    book.save(path)


def as_json(result):  # type: ignore[no-untyped-def]
    return json.loads(ok(result).stdout)


def ratings(run, code: str, period: str) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    rows = as_json(run("status", "show", code, "--period", period, "--format", "json"))
    return {key: row["rating"] for key, row in zip(DIMENSIONS, rows, strict=True)}


def missing_codes(run, period: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = as_json(run("status", "missing", "--period", period, "--format", "json"))
    return [(row["code"], row["manager"]) for row in rows]


@pytest.fixture
def portfolio(migrated, portfolio_register, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A program HIS2 (owner Kari) with IAM2 and NAC (Kari), RAF (Ola), SMB (Per), TP2 (Eva); January reported."""
    portfolio_register("benefits", benefits_plugin({"2024-01"}))
    run = migrated
    ok(run("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1", "--owner", "Kari Nordmann"))
    for code, name, manager, program in [
        ("IAM2", "IAM 2", "Kari Nordmann", "HIS2"),
        ("NAC", "NAC/Sonemodell", "Kari Nordmann", "HIS2"),
        ("RAF", "Regional applikasjonsforvaltning", "Ola Olsen", None),
        ("SMB", "Sectra Message Broker", "Per Persen", None),
        ("TP2", "Tjenesteplattform 2.0", "Eva Evensen", None),
    ]:
        extra = ["--program", program, "--number", f"1.{2 if code == 'NAC' else 1}"] if program else []
        ok(run("project", "add", code, name, "--manager", manager, *extra))
    (tmp_path / "january.csv").write_text(JANUARY, encoding="utf-8")
    ok(run("status", "import", "january.csv", "--period", "2024-01"))  # the plain format still imports
    ok(run("period", "close", "2024-01"))
    return run


def test_a_whole_monthly_round(portfolio, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = portfolio

    # 1. Templates out: one file per manager, last month's ratings prefilled, comments empty.
    result = ok(run("status", "template", "--period", "2024-02", "--split-by", "manager", "-o", "out"))
    files = {path.name for path in (tmp_path / "out").iterdir()}
    assert files == {
        "statuses-2024-02-kari-nordmann.csv",
        "statuses-2024-02-ola-olsen.csv",
        "statuses-2024-02-per-persen.csv",
        "statuses-2024-02-eva-evensen.csv",
    }
    assert "Wrote out/statuses-2024-02-kari-nordmann.csv (manager Kari Nordmann, 3 rows)." in result.stdout
    kari = tmp_path / "out" / "statuses-2024-02-kari-nordmann.csv"
    text = kari.read_text(encoding="utf-8-sig")
    assert "# period: 2024-02\n# scope: manager Kari Nordmann\n# projects: HIS2 IAM2 NAC\n" in text
    kari_rows = rows_of(kari)
    assert list(kari_rows) == ["HIS2", "IAM2", "NAC"]
    january_nac = JANUARY.splitlines()[3].split(",")[1:7]
    assert (
        [kari_rows["NAC"][k] for k in DIMENSIONS]
        == january_nac
        == ["green", "green", "yellow", "yellow", "green", "na"]
    )
    assert kari_rows["NAC"]["comment"] == kari_rows["HIS2"]["comment"] == "" and kari_rows["NAC"]["version"] == "0"
    # Ola wants Excel: his template as a workbook.
    ok(run("status", "template", "--period", "2024-02", "--manager", "Ola Olsen", "-o", "ola.xlsx"))

    # 2. Three managers' files back; Per's has a typo, so the run writes nothing at all.
    edit_csv(kari, "NAC", resources="red", resources_comment="To nettverksingeniører sykmeldt")
    edit_xlsx(tmp_path / "ola.xlsx", "RAF", schedule="yellow", comment="Leverandør forsinket")
    per = tmp_path / "out" / "statuses-2024-02-per-persen.csv"
    edit_csv(per, "SMB", finance="yelow")
    result = fails(run("status", "import", str(kari), "ola.xlsx", str(per)))
    assert f"{per}: 1 problem, nothing imported\nline 7, column finance: 'yelow' is not a rating" in result.stderr
    assert "nothing was written from the 3 files" in result.stderr
    assert [code for code, _ in missing_codes(run, "2024-02")] == ["RAF", "SMB", "TP2", "HIS2", "IAM2", "NAC"]

    # A file for another month or with a project outside its scope is refused too.
    result = fails(run("status", "import", str(kari), "--period", "2024-03"))
    assert f"{kari} is for 2024-02, not 2024-03" in result.stderr
    edit_csv(per, "SMB", finance="yellow", code="TP2")
    result = fails(run("status", "import", str(per)))
    assert "line 7, column code: TP2 is not in this file's projects (manager Per Persen): SMB" in result.stderr
    edit_csv(per, "TP2", code="SMB")

    # Per fixes the typo: all three import, each file listing what changed against January.
    result = ok(run("status", "import", str(kari), "ola.xlsx", str(per)))
    assert f"{kari}: 3 statuses for 2024-02 against 2024-01: 0 new, 1 changed, 2 unchanged\n" in result.stdout
    assert "  NAC: resources yellow → red\n" in result.stdout
    assert (
        "ola.xlsx: 1 status for 2024-02 against 2024-01: 0 new, 1 changed, 0 unchanged\n"
        "  RAF: schedule green → yellow\n"
    ) in result.stdout
    assert result.stdout.endswith("Imported 5 statuses for 2024-02 from 3 files.\n")
    assert ratings(run, "NAC", "2024-02")["resources"] == "red"
    assert ratings(run, "RAF", "2024-02")["schedule"] == "yellow"
    assert ratings(run, "SMB", "2024-02")["finance"] == "yellow"
    # Importing the same files again changes nothing and is not a conflict.
    ok(run("status", "import", str(kari), "ola.xlsx", str(per)))

    # 3. Who is missing: Eva.
    assert missing_codes(run, "2024-02") == [("TP2", "Eva Evensen")]
    assert "1 of 6 without a status for 2024-02." in ok(run("status", "missing", "--period", "2024-02")).stdout

    # 4. Eva reports on the phone; the PMO types it in. Stopping half-way writes nothing.
    result = run("status", "set", "TP2", "--period", "2024-02", "--interactive", input="\n\nred\n")
    fails(result)
    assert "Aborted!" in result.output
    assert missing_codes(run, "2024-02") == [("TP2", "Eva Evensen")]
    # a yellow rating also asks for its recovery action (what, owner, due date)
    answers = ["", "", "", "", "", "", "yellow", "Ny plan i mars", "Ny leverandør", "Eva Evensen", "2024-03-31"]
    answers += ["", "", "", "", "", "Ny plan for Q2", ""]
    result = ok(run("status", "set", "TP2", "--period", "2024-02", "--interactive", input="\n".join(answers) + "\n"))
    assert "Defaults: 2024-01's." in result.stdout
    assert "\nExternal dependencies (dependencies), green/yellow/red/na [yellow]: \n" in result.stdout  # January's
    assert "\nSchedule, green/yellow/red/na [green]: yellow\n" in result.stdout
    assert "Recorded status of TP2 for 2024-02." in result.stdout
    assert ratings(run, "TP2", "2024-02") == {
        "scope": "green",
        "finance": "green",
        "resources": "green",
        "schedule": "yellow",
        "dependencies": "yellow",
        "benefits": "green",
    }
    assert missing_codes(run, "2024-02") == []

    # 5. The round: every status in, but a red risk without a measure keeps the month open.
    ok(
        run(
            "risk",
            "add",
            "NAC",
            "Nøkkelressurs borte",
            "--probability",
            "5",
            "--consequence",
            "5",
            "--period",
            "2024-02",
        )
    )
    state = as_json(run("round", "--period", "2024-02", "--format", "json"))
    assert (state["reported"], state["subjects"], state["missing"]) == (6, 6, [])
    assert [r["project"] for r in state["red_risks_without_measure"]] == ["NAC"]
    assert state["plugin_data"] == [
        {"plugin": "benefits", "name": "benefit figures", "present": False, "detail": "portfolio benefits import FILE"}
    ]
    assert state["checks"]["errors"] == 1 and state["can_close"] is False
    table = ok(run("round", "--period", "2024-02")).stdout
    assert "Red risks without measure  1: risk 1 of NAC" in table
    assert "benefits: benefit figures  MISSING  portfolio benefits import FILE" in table
    assert "Can be closed              no: 1 check error(s) first" in table
    ok(run("measure", "add", "1", "Innleie av konsulent", "--owner", "Kari Nordmann"))
    table = ok(run("round")).stdout  # the month after the last closed one
    assert table.startswith(
        "Round 2024-02 (open)\n  Statuses in                6 of 6\n  Missing                    none\n"
    )
    assert "Can be closed              yes: portfolio period close 2024-02" in table

    # 6. Close the month: it no longer takes statuses.
    ok(run("period", "close", "2024-02"))
    assert as_json(run("round", "--period", "2024-02", "--format", "json"))["closed"] is True
    result = fails(run("status", "import", str(kari)))
    assert "period 2024-02 is closed" in result.stderr

    # 7. The report shows what came in, with trends against January.
    report = as_json(run("report", "build", "--period", "2024-02", "--format", "json"))
    matrix = next(
        block for section in report["sections"] for block in section["blocks"] if block["type"] == "status_matrix"
    )
    nac = next(row for row in matrix["rows"] if row["code"] == "NAC")
    assert nac["cells"][2] == {"rating": "red", "trend": "worse", "mark": None}
    tp2 = next(row for row in matrix["rows"] if row["code"] == "TP2")
    assert tp2["cells"][3]["rating"] == "yellow" and tp2["cells"][3]["trend"] == "worse"
