"""``report verify`` checks the whole document, not only the fingerprint it carries.

Builds are byte-reproducible, so verify builds the same report again (format from the file's
content, language and month from what it embeds) and compares byte for byte. A copy edited after
the build fails with exit 1 and one line naming where it first differs; an untouched copy passes,
whatever its file is called. The demo month of tests/support/board_pack.py, built once per run.
"""

from __future__ import annotations

import io
import json
import shutil

import pytest

from portfolio.report.verify import detect_format, first_difference, read_report
from portfolio.testing import fails, ok
from tests.support.board_pack import PERIOD, build_again, demo_report, need_typst, run, work_file

TEXT_FORMATS = ("md", "html", "json")


def _built(fmt: str, lang: str = "nb"):  # type: ignore[no-untyped-def]
    if fmt == "pdf":
        need_typst()
    demo_report(fmt, lang)
    return work_file(f"report-{lang}.{fmt}")


def _tampered(name: str, data: bytes | str):  # type: ignore[no-untyped-def]
    path = work_file(name)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _verify_fails(path) -> str:  # type: ignore[no-untyped-def]
    result = fails(run("report", "verify", str(path)))
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    assert "first difference:" in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_two_builds_of_the_same_month_are_byte_identical(fmt, lang):
    """The PDF and XLSX have theirs in test_report_pdf.py and test_report_xlsx.py."""
    assert build_again(fmt, lang) == demo_report(fmt, lang)


def test_the_terminal_text_written_to_a_file_is_reproducible_too():
    demo_report("md")
    first, second = work_file("a.txt"), work_file("b.txt")
    for target in (first, second):
        ok(run("report", "build", "--period", PERIOD, "--lang", "en", "-o", str(target), "--force"))
    assert first.read_bytes() == second.read_bytes()
    assert "matches the data of 2024-01" in ok(run("report", "verify", str(first))).stdout


@pytest.mark.parametrize(("fmt", "lang"), [("md", "nb"), ("md", "en"), ("html", "en"), ("json", "nb"), ("xlsx", "en")])
def test_the_file_says_its_format_language_and_month(fmt, lang):
    path = _built(fmt, lang)
    copy = shutil.copy(path, work_file(f"no-extension-{fmt}-{lang}"))
    found = read_report(copy)
    assert (found.format, found.lang, found.period) == (fmt, lang, PERIOD)
    assert detect_format(path.read_bytes()) == fmt


@pytest.mark.parametrize("fmt", ["md", "html", "json", "xlsx"])
def test_an_untouched_copy_under_any_name_passes(fmt):
    copy = shutil.copy(_built(fmt), work_file(f"board-pack-copy-{fmt}.bin"))
    result = ok(run("report", "verify", str(copy)))
    assert "matches the data of 2024-01" in result.stdout


def test_a_markdown_file_cut_to_its_title_and_fingerprint_fails():
    text = demo_report("md").decode("utf-8")
    lines = text.splitlines()
    cut = "\n".join([lines[0], "", *lines[-5:]]) + "\n"
    assert "fingerprint-tables:" in cut
    path = _tampered("cut.md", cut)
    read_report(path)  # still a report by its fingerprint: the old check let it through
    line = _verify_fails(path)
    assert "the file has 7 lines, the data gives" in line


def test_a_markdown_status_changed_to_green_names_the_section_table_and_cell():
    text = demo_report("md").decode("utf-8")
    line_at = next(i for i, line in enumerate(text.splitlines()) if line.startswith("|") and "🔴" in line)
    index = text.index("🔴", sum(len(line) + 1 for line in text.splitlines()[:line_at]))
    line = _verify_fails(_tampered("green.md", text[:index] + "🟢" + text[index + 1 :]))
    assert "section '4. Status for prosjektporteføljen'" in line
    assert "table 'SAMMENDRAG AV PROSJEKTSTATUS'" in line and "cell " in line and f"line {line_at + 1}" in line


def test_an_edited_html_table_cell_is_named():
    html = demo_report("html").decode("utf-8")
    start = html.index('<td class="num">') + len('<td class="num">')
    end = html.index("<", start)
    line = _verify_fails(_tampered("edited.html", html[:start] + "999" + html[end:]))
    assert "section '2. Økonomi'" in line and "row 1, cell 2: '999' where the data gives" in line


def test_edited_json_names_the_section_block_row_and_column():
    data = json.loads(demo_report("json"))
    section = next(s for s in data["sections"] if s["key"] == "portfolio")
    matrix = next(b for b in section["blocks"] if b["type"] == "status_matrix")
    row, cell = next((r, c) for r in matrix["rows"] for c in r["cells"] if c["rating"] == "red")
    cell["rating"] = "green"
    line = _verify_fails(_tampered("edited.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n"))
    assert f"status_matrix '{matrix['title']}'" in line
    assert f"row {matrix['rows'].index(row) + 1}" in line and "'green' where the data gives 'red'" in line


def test_a_rating_changed_to_green_in_the_workbook_names_the_sheet_and_cell():
    import openpyxl

    book = openpyxl.load_workbook(_built("xlsx"))
    sheet = next(s for s in book.worksheets if s["A1"].value == "SAMMENDRAG AV PROSJEKTSTATUS")
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("rød"))
    cell.value = "grønn"
    buffer = io.BytesIO()
    book.save(buffer)
    line = _verify_fails(_tampered("green.xlsx", buffer.getvalue()))
    assert f"sheet '{sheet.title}', cell {cell.coordinate}: 'grønn' where the data gives 'rød" in line


@pytest.mark.slow
def test_a_pdf_with_pages_deleted_names_the_first_missing_page():
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(_built("pdf"))
    writer = PdfWriter()
    for number, page in enumerate(reader.pages):
        if number not in (2, 3):
            writer.add_page(page)
    writer.add_metadata(dict(reader.metadata or {}))
    buffer = io.BytesIO()
    writer.write(buffer)
    line = _verify_fails(_tampered("cut.pdf", buffer.getvalue()))
    pages = len(reader.pages)
    assert f"page 3 (the file has {pages - 2} pages, the data gives {pages})" in line


@pytest.mark.slow
def test_an_untouched_pdf_passes_and_says_what_it_is():
    path = _built("pdf")
    found = read_report(path)
    assert (found.format, found.lang, found.period) == ("pdf", "nb", PERIOD)
    assert "matches the data of 2024-01" in ok(run("report", "verify", str(path))).stdout


def test_identical_bytes_have_no_difference_and_a_damaged_file_is_named_whole():
    data = demo_report("xlsx")
    assert first_difference("xlsx", data, data) is None
    assert first_difference("xlsx", data[:100], data) is not None
    assert "no longer valid JSON" in (first_difference("json", b"{", demo_report("json")) or "")


def test_a_file_in_no_report_language_is_refused_in_one_line():
    data = json.loads(demo_report("json"))
    data["lang"] = "xx"
    path = _tampered("unknown-language.json", json.dumps(data))
    assert "does not say which of the report languages it is in" in fails(run("report", "verify", str(path))).output
