"""Importing figures from CSV and Excel: what an accounting export holds is read exactly or refused
with the line and column, and a bad file stores nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from portfolio.testing import fails, ok

# These tests use the reference report's lines and investment rows (sla, capitalised, ...), as
# its exports name them; the plugin's default chart is a generic one.
pytestmark = pytest.mark.usefixtures("reference_chart")


def statement(run, period: str = "2024-01") -> dict[str, dict]:
    result = run("finance", "show", "--period", period, "--format", "json")
    if result.exit_code != 0:
        return {}
    return {row["key"]: row for row in json.loads(result.stdout)}


def workbook(path: Path, rows: list[list], *, sheet: str = "Ark1", formulas: dict | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for cell, formula in (formulas or {}).items():
        ws[cell] = formula
    book.save(path)
    return path


# ------------------------------------------------------------------------ good files


def test_csv_with_norwegian_numbers_and_labels(portfolio_migrated, write_csv):
    path = write_csv(
        "periode;linje;faktisk;budsjett;årsbudsjett;enhet\n"
        "2024-01;SLA (tjenesteavtaler);34 228;35 593,4;427 286;1000 kr\n"
        "2024-01;- Aktiverte lønnsutg. Prosjekter;-3 109;\u22123 349;-40 200;tkr\n"
        "2024-01;Finansposter;-1 799,7;-1 484,4;;1000\n"
        "2024-01;personnel;0,8;;;1000 kr\n"
    )
    result = ok(portfolio_migrated("finance", "import", str(path)))
    assert "Imported 4 row(s) for 2024-01 in 1000 kr." in result.stdout
    rows = statement(portfolio_migrated)
    assert rows["sla"]["actual_kr"] == 34_228_000 and rows["sla"]["budget_kr"] == 35_593_400
    assert rows["sla"]["annual_budget_kr"] == 427_286_000
    assert rows["capitalised"]["budget_kr"] == -3_349_000  # a minus sign from a spreadsheet
    assert rows["financial"]["actual_kr"] == -1_799_700
    assert rows["personnel"]["actual_kr"] == 800 and rows["personnel"]["budget_kr"] is None


def test_csv_in_kr_with_the_unit_as_option(portfolio_migrated, write_csv):
    path = write_csv("period,line,actual,budget\n2024-01,sla,34228123.45,35593400\n")
    ok(portfolio_migrated("finance", "import", str(path), "--unit", "kr"))
    assert statement(portfolio_migrated)["sla"]["actual_kr"] == 34228123.45


def test_reimport_updates_and_empty_cells_keep_values(portfolio_migrated, write_csv):
    ok(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv("period,line,actual,budget\n2024-01,sla,1,2\n")),
            "--unit",
            "1000",
        )
    )
    ok(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv("period,line,actual,budget\n2024-01,sla,5,\n")),
            "--unit",
            "1000",
        )
    )
    row = statement(portfolio_migrated)["sla"]
    assert (row["actual_kr"], row["budget_kr"]) == (5000, 2000)


def test_excel_sheet_with_title_rows_and_a_stated_unit(portfolio_migrated, tmp_path):
    path = workbook(
        tmp_path / "regnskap.xlsx",
        [
            ["Resultatrapport januar 2024"],
            ["Enhet: 1000 kr"],
            [],
            ["Periode", "Linje", "Faktisk", "Budsjett", "Årsbudsjett"],
            [dt.datetime(2024, 1, 31), "sla", 34228, 35593.4, 427286],
            ["2024-01", "Prosjekt/oppdrag/annet", 13484.5, "14 189,1", None],
            ["2024-01", "licences", 0.1 + 0.2, 22035.4, None],  # Excel's own float noise
            [None, None, None, None, None],
        ],
    )
    result = ok(portfolio_migrated("finance", "import", str(path)))
    assert "Imported 3 row(s) for 2024-01 in 1000 kr." in result.stdout
    rows = statement(portfolio_migrated)
    assert rows["sla"]["budget_kr"] == 35_593_400
    assert rows["projects"]["actual_kr"] == 13_484_500 and rows["projects"]["budget_kr"] == 14_189_100
    assert rows["licences"]["actual_kr"] == 300  # 0.30000000000000004 read as Excel shows it: 0,3


def test_title_cells_that_only_look_like_a_unit(portfolio_migrated, tmp_path):
    titles = [["Enhetsleder: Kari"], ["Tall i januar 2024"], ["Tall vises i 1000 kr"]]
    header = [["period", "line", "actual"], ["2024-01", "sla", 2]]
    ok(portfolio_migrated("finance", "import", str(workbook(tmp_path / "t.xlsx", titles + header))))
    assert statement(portfolio_migrated)["sla"]["actual_kr"] == 2000
    unknown = workbook(tmp_path / "u.xlsx", [["Enhet: mill. kr"], *header])
    result = fails(portfolio_migrated("finance", "import", str(unknown)))
    assert "row 1: unit 'mill. kr' is not known; write kr or 1000 kr" in result.output
    nothing = workbook(tmp_path / "n.xlsx", [["Tall i januar 2024"], *header])
    assert "does not state its unit" in fails(portfolio_migrated("finance", "import", str(nothing))).output


def test_excel_named_sheet_and_dry_run(portfolio_migrated, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Forside"
    data = book.create_sheet("Tall")
    data.append(["period", "line", "actual", "unit"])
    data.append(["2024-01", "sla", 1, "kr"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    fails(portfolio_migrated("finance", "import", str(path)))  # the first sheet has no header
    result = ok(portfolio_migrated("finance", "import", str(path), "--sheet", "Tall", "--dry-run"))
    assert "Checked 1 row(s) for 2024-01 in kr; nothing stored." in result.stdout
    assert statement(portfolio_migrated) == {}
    ok(portfolio_migrated("finance", "import", str(path), "--sheet", "Tall"))
    assert statement(portfolio_migrated)["sla"]["actual_kr"] == 1
    result = fails(portfolio_migrated("finance", "import", str(path), "--sheet", "Nope"))
    assert "no sheet 'Nope'; the workbook has Forside, Tall" in result.output


# ------------------------------------------------------------------------ bad input


def problems(result) -> str:
    fails(result)
    assert "nothing imported" in result.output or "Error:" in result.output
    return result.output


def test_unknown_line_is_named_with_a_suggestion(portfolio_migrated, write_csv):
    path = write_csv(
        "period,line,actual,unit\n2024-01,sla,1,kr\n2024-01,Lisenser service og support,2,kr\n2024-01,bogus,3,kr\n"
    )
    output = problems(portfolio_migrated("finance", "import", str(path)))
    assert "2 problems, nothing imported" in output
    assert (
        "line 3, column line: unknown line 'Lisenser service og support'; "
        "did you mean 'Lisenser, service og support'?" in output
    )
    assert "line 4, column line: unknown line 'bogus'" in output
    assert statement(portfolio_migrated) == {}  # the good first row was not stored either


def test_month_outside_the_fiscal_year(portfolio_migrated, write_csv):
    path = write_csv("period,line,actual,unit\n2024-01,sla,1,kr\n2023-12,sla,2,kr\n2025-01,projects,3,kr\n")
    output = problems(portfolio_migrated("finance", "import", str(path)))
    assert "line 3, column period: 2023-12 is outside fiscal year 2024 (2024-01..2024-12), set by line 2" in output
    assert "line 4, column period: 2025-01 is outside fiscal year 2024" in output
    output = problems(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv("period,line,actual,unit\n2024-03,sla,1,kr\n")),
            "--year",
            "2023",
        )
    )
    assert "line 2, column period: 2024-03 is outside fiscal year 2023 (2023-01..2023-12), set by --year" in output
    output = problems(
        portfolio_migrated("finance", "import", str(write_csv("period,line,actual,unit\n2024-13,sla,1,kr\n")))
    )
    assert "line 2, column period: '2024-13' is not a month; write YYYY-MM" in output


def test_text_and_ambiguous_numbers_in_amount_columns(portfolio_migrated, write_csv):
    path = write_csv(
        "period;line;actual;budget;unit\n"
        "2024-01;sla;abc;1;1000 kr\n"
        "2024-01;projects;1.137.600;1 137 600;1000 kr\n"
        "2024-01;reinvoicing;1,137,600;0,8;1000 kr\n"
        "2024-01;personnel;12 kr;(3 109);1000 kr\n"
        "2024-01;other;0,000001;1;1000 kr\n"
    )
    output = problems(portfolio_migrated("finance", "import", str(path)))
    assert "line 2, column actual: 'abc' is not a number" in output
    assert "line 3, column actual: '1.137.600' is ambiguous" in output
    assert "line 4, column actual: '1,137,600' is ambiguous" in output
    assert "line 5, column actual: '12 kr' is not a number" in output
    assert "line 5, column budget: '(3 109)' is not a number" in output
    assert "line 6, column actual: '0.000001' has more decimals than whole øre allow in 1000 kr" in output
    assert "column budget" not in output.split("line 3")[1].split("\n")[0]  # "1 137 600" and "0,8" are fine
    assert statement(portfolio_migrated) == {}


def test_text_in_an_excel_amount_cell_and_a_formula_without_value(portfolio_migrated, tmp_path):
    path = workbook(
        tmp_path / "bad.xlsx",
        [
            ["period", "line", "actual", "budget", "unit"],
            ["2024-01", "sla", "n/a", 2, "kr"],
            ["2024-01", "projects", 1, None, "kr"],
        ],
        formulas={"D3": "=SUM(C2:C3)"},
    )
    output = problems(portfolio_migrated("finance", "import", str(path)))
    assert (
        "sheet 'Sheet', row 2, column actual: 'n/a' is not a number" in output
        or "row 2, column actual: 'n/a' is not a number" in output
    )
    assert "row 3, column budget: a formula without a computed value" in output


def test_the_unit_must_be_stated_and_agree(portfolio_migrated, write_csv, tmp_path):
    no_unit = write_csv("period,line,actual\n2024-01,sla,1\n")
    output = problems(portfolio_migrated("finance", "import", str(no_unit)))
    assert "does not state its unit; add a unit column (kr or 1000 kr) or give --unit" in output
    output = problems(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv("period,line,actual,unit\n2024-01,sla,1,kr\n2024-01,projects,1,\n")),
        )
    )
    assert "line 3, column unit: empty; write kr or 1000 kr" in output
    output = problems(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv("period,line,actual,unit\n2024-01,sla,1,kr\n")),
            "--unit",
            "1000",
        )
    )
    assert "line 2, column unit: 'kr' contradicts --unit 1000" in output
    output = problems(
        portfolio_migrated("finance", "import", str(write_csv("period,line,actual,unit\n2024-01,sla,1,mill\n")))
    )
    assert "line 2, column unit: unit 'mill' is not known; write kr or 1000 kr" in output
    sheet = workbook(tmp_path / "u.xlsx", [["Enhet: kr"], ["period", "line", "actual"], ["2024-01", "sla", 1]])
    output = problems(portfolio_migrated("finance", "import", str(sheet), "--unit", "1000"))
    assert "row 1 states the unit kr, but --unit says 1000 kr" in output
    result = portfolio_migrated("finance", "import", str(no_unit), "--unit", "mill")
    fails(result, code=2)
    assert "unit 'mill' is not known" in result.output


def test_columns_rows_and_files(portfolio_migrated, write_csv, tmp_path):
    cases = {
        "period,line,amount,unit\n2024-01,sla,1,kr\n": ("unknown column 'amount'; allowed: period, line, actual"),
        "line,actual,unit\nsla,1,kr\n": "missing column 'period'",
        "period,line,unit\n2024-01,sla,kr\n": ("no amount column; give at least one of actual, budget"),
        "period,line,actual,faktisk,unit\n2024-01,sla,1,1,kr\n": ("columns 'actual' and 'faktisk' both mean actual"),
        "period,line,actual,unit\n": "has a header but no rows",
    }
    for text, message in cases.items():
        assert message in problems(portfolio_migrated("finance", "import", str(write_csv(text)))), text
    duplicate = write_csv(
        "period,line,actual,annual_budget,unit\n"
        "2024-01,sla,1,5,kr\n"
        "2024-01,SLA (tjenesteavtaler),2,,kr\n"
        "2024-02,sla,1,6,kr\n"
        "2024-03,projects,,,kr\n"
    )
    output = problems(portfolio_migrated("finance", "import", str(duplicate)))
    assert "line 3, column line: line 'sla' for 2024-01 is already given on line 2" in output
    assert "line 4, column annual_budget: the annual budget of 'sla' differs from the one on line 2" in output
    assert "line 5: no amount; fill actual, annual_budget" in output
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("period,line,actual,unit\n2024-01,Lønn,1,kr\n".encode("latin-1"))
    assert "is not UTF-8 text" in problems(portfolio_migrated("finance", "import", str(latin1)))
    assert "no such file" in problems(portfolio_migrated("finance", "import", str(tmp_path / "missing.xlsx")))
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    assert "cannot read" in problems(portfolio_migrated("finance", "import", str(broken)))
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "the old .xls format cannot be read; save the sheet as .xlsx" in problems(
        portfolio_migrated("finance", "import", str(old))
    )


def test_a_line_given_twice_is_named_when_its_first_row_is_bad(portfolio_migrated, write_csv):
    """The line and month of a bad row are still taken: the row repeating them is named too."""
    path = write_csv(
        "period,line,actual,unit\n"
        "2024-01,sla,abc,kr\n"  # a bad amount
        "2024-01,SLA (tjenesteavtaler),2,kr\n"  # the same line and month
        "2024-02,sla,3,kr\n"
    )
    output = problems(portfolio_migrated("finance", "import", str(path)))
    assert "2 problems, nothing imported" in output
    assert output.splitlines()[1:] == [
        "line 2, column actual: 'abc' is not a number; write e.g. 1 137 600, -3 109 or 0,8",
        "line 3, column line: line 'sla' for 2024-01 is already given on line 2",
    ]
    assert statement(portfolio_migrated, "2024-02") == {}


def test_same_annual_budget_on_several_rows_is_fine(portfolio_migrated, write_csv):
    path = write_csv("period,line,actual,annual_budget,unit\n2024-01,sla,1,12,1000\n2024-02,sla,1,12,1000\n")
    ok(portfolio_migrated("finance", "import", str(path)))
    assert statement(portfolio_migrated, "2024-02")["sla"]["annual_budget_kr"] == 12000


def test_a_closed_month_refuses_the_whole_import(portfolio_migrated, write_csv):
    ok(portfolio_migrated("period", "close", "2024-02"))
    path = write_csv("period,line,actual,unit\n2024-01,sla,1,kr\n2024-02,sla,2,kr\n")
    assert "period 2024-02 is closed" in problems(portfolio_migrated("finance", "import", str(path)))
    assert statement(portfolio_migrated) == {}
    assert "period 2024-02 is closed" in problems(portfolio_migrated("finance", "import", str(path), "--dry-run"))


@pytest.fixture
def small_batches(monkeypatch):
    """Two rows a batch: a file of a few rows is written in several, as a large export is."""
    import portfolio_finance.figures

    monkeypatch.setattr(portfolio_finance.figures, "IMPORT_BATCH", 2)


def test_a_bad_row_after_batches_were_written_stores_nothing(portfolio_migrated, write_csv, small_batches):
    good = "".join(f"2024-{month:02d},sla,{month},kr\n" for month in range(1, 6))
    path = write_csv("period,line,actual,unit\n" + good + "2024-06,sla,abc,kr\n")
    assert "line 7, column actual" in problems(portfolio_migrated("finance", "import", str(path)))
    assert all(statement(portfolio_migrated, f"2024-{month:02d}") == {} for month in range(1, 6))
    ok(portfolio_migrated("finance", "import", str(write_csv("period,line,actual,unit\n" + good))))
    assert statement(portfolio_migrated, "2024-05")["sla"]["actual_kr"] == 5


def test_a_closed_month_in_a_later_batch_stores_nothing_and_bad_rows_are_named_first(
    portfolio_migrated, write_csv, small_batches
):
    ok(portfolio_migrated("period", "close", "2024-03"))
    rows = "".join(f"2024-{month:02d},sla,{month},kr\n" for month in range(1, 5))
    path = write_csv("period,line,actual,unit\n" + rows)
    assert "period 2024-03 is closed" in problems(portfolio_migrated("finance", "import", str(path)))
    assert statement(portfolio_migrated, "2024-01") == {}
    bad = write_csv("period,line,actual,unit\n" + rows + "2024-05,nope,1,kr\n")
    message = problems(portfolio_migrated("finance", "import", str(bad)))
    assert "unknown line 'nope'" in message and "2024-03 is closed" not in message


def test_a_line_given_twice_is_named_where_it_was_first_given_in_any_batch_or_sheet(
    portfolio_migrated, write_csv, tmp_path, small_batches
):
    """The first place of each line and month is kept as a number, not as the row's text."""
    rows = "".join(f"2024-{month:02d},sla,{month},kr\n" for month in range(1, 6))
    path = write_csv("period,line,actual,unit\n" + rows + "2024-02,SLA (tjenesteavtaler),9,kr\n")
    message = problems(portfolio_migrated("finance", "import", str(path)))
    assert "line 7, column line: line 'sla' for 2024-02 is already given on line 3" in message
    assert statement(portfolio_migrated, "2024-01") == {}
    header = ["period", "line", "actual", "unit"]
    book = workbook(
        tmp_path / "twice.xlsx",
        [header, ["2024-01", "sla", 1, "kr"], ["2024-02", "sla", 2, "kr"], ["2024-01", "sla", 3, "kr"]],
        sheet="Tall",
    )
    message = problems(portfolio_migrated("finance", "import", str(book)))
    assert "sheet 'Tall', row 4, column line: line 'sla' for 2024-01 is already given on sheet 'Tall', row 2" in message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1 137 600", 1_137_600_000),
        ("-3 109", -3_109_000),
        ("0,8", 800),
        ("0.8", 800),
        ("\u22123\u00a0109", -3_109_000),
    ],
)
def test_norwegian_formatted_numbers_read_exactly(portfolio_migrated, write_csv, cell, expected):
    ok(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv(f'period;line;actual;unit\n2024-01;sla;"{cell}";1000 kr\n')),
        )
    )
    assert statement(portfolio_migrated)["sla"]["actual_kr"] == expected


def test_bulk_import_of_a_whole_year(portfolio_migrated, write_csv):
    from portfolio_finance.chart import build_chart
    from portfolio_finance.demo_data import DEMO_LINES

    lines = ["period,line,actual,budget,unit"]
    for month in range(1, 13):
        for entry in build_chart(DEMO_LINES).lines:
            lines.append(f"2024-{month:02d},{entry.key},{month},{month + 1},1000")
    result = ok(portfolio_migrated("finance", "import", str(write_csv("\n".join(lines) + "\n"))))
    assert "Imported 144 row(s) for 2024-01..2024-12 in 1000 kr." in result.stdout
    december = statement(portfolio_migrated, "2024-12")
    assert december["sla"]["ytd_actual_kr"] == sum(range(1, 13)) * 1000
    assert december["sla"]["ytd_deviation_kr"] == -12 * 1000
    assert december["licences"]["ytd_deviation_kr"] == 12 * 1000


@pytest.mark.parametrize(
    "cell",
    [
        *("0", "7", "-3109", "1137600", "0012", "-0", " 12", "1 137 600", "0,8", "+5", "-", "١٢"),
        *("12 345,6", "-12 345,6", "-3 109,55", "1 137 600,5", "12345,6", "1,234", "1,2345", "-0,0", "0,001"),
        *("1 23,4", "12 3456,7", "1 234,", ",5", "1.5", "1 234.5", "92 233 720 368 547 758,07", "9" * 20 + ",5"),
    ],
)
@pytest.mark.parametrize("unit", [1, 1000])
def test_whole_kroner_take_a_short_cut_to_the_same_ore(cell, unit):
    """Plain digits and '12 345,6' skip the Decimal parser (an import has tens of thousands of
    them): the øre must be exactly what the full parser gives, and anything else (a fraction of
    an øre, too large, not a number) must still go through it, to the same message."""
    from portfolio_finance.importer import _amount_ore, parse_amount_cell
    from portfolio_finance.units import to_ore

    try:
        expected = to_ore(parse_amount_cell(cell), unit)
    except ValueError as exc:
        with pytest.raises(ValueError, match=re.escape(str(exc))):
            _amount_ore(cell, unit)
    else:
        assert _amount_ore(cell, unit) == expected
        assert type(_amount_ore(cell, unit)) is int
    assert _amount_ore("", unit) is None
