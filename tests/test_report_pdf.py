"""The board pack as PDF: every figure of the seed's tables, page numbers in the contents, headers
and footers from the catalogs, rows never split between pages, charts as vectors.

The PDF's text is extracted with pypdf and compared with the seed's tables and with the report's
own figures (its JSON). Typst draws a table row by row and cell by cell, so a row's text,
with whitespace collapsed, is one stretch of its page's text when the row is whole on that page.
"""

from __future__ import annotations

import io
import re
import sys
from decimal import Decimal

import pytest

from portfolio.render.common import format_value, matrix_cell_text
from portfolio.report.blocks import Column, Report, Row, Section, Table
from portfolio.report.formatting import Formatter
from portfolio.testing import fails, ok
from tests.support.board_pack import (
    NBSP,
    SeedRow,
    build_again,
    demo_json,
    demo_report,
    need_typst,
    run,
    seed_number,
    seed_rows,
    work_file,
)
from tests.test_demo import SEED_ROWS


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(NBSP, " ")).strip()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def undotted(text: str) -> str:
    """The text without the coloured dots a status matrix prints before a rating's letters."""
    return text.replace("● ", "").replace("●", "")


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def pages() -> list[str]:
    need_typst()
    return pdf_pages(demo_report("pdf"))


@pytest.fixture(scope="module")
def report() -> dict:
    return demo_json()


def seed_pattern(row: SeedRow) -> re.Pattern[str]:
    """The row as the report prints it: its label (punctuation aside), then its figures in order.

    A blank seed cell may be printed as nothing or as 0; a percentage may carry its sign or have
    it in the column's heading.
    """
    fmt = Formatter("nb")
    words = re.findall(r"\w+", row.label)
    pattern = r"\W*".join(re.escape(word) for word in words) + r"[)*]?(?: \(%\))?"
    for cell in row.cells:
        number = seed_number(cell)
        if number is None:
            pattern += r"(?: 0(?![\d]))?"
            continue
        printed = re.escape(fmt.number(number.value, number.decimals).replace(NBSP, " "))
        pattern += f" {printed}" + (r"(?: ?%)?" if number.percent else "") + r"(?![\d,])"
    return re.compile(pattern)


def test_the_pdf_holds_every_figure_of_the_seeds_tables_each_row_on_one_page(pages):
    texts = [flat(page) for page in pages]
    rows = seed_rows()
    assert len(rows) == 16 + 5 + 3 + 4 + 21 + 5 + 7 + 1
    missing = [row for row in rows if not any(seed_pattern(row).search(text) for text in texts)]
    assert missing == []


def test_the_pdf_has_the_seeds_status_matrix_rows_with_their_arrows_and_circles(pages):
    text = undotted(flat(" ".join(pages)))
    letters = {"green": "Gr", "yellow": "Gu", "red": "Rø"}  # bokmål's letters beside the dots
    for label, marks in SEED_ROWS:
        match = re.search(re.escape(label) + r"((?: (?:Gr|Gu|Rø|○|·)\d*(?: [↗↘])?){6})(?!\d)", text)
        assert match, f"matrix row {label!r} is not whole in the PDF"
        cells = re.findall(r"(Gr|Gu|Rø|○|·)\d*(?: ([↗↘]))?", match.group(1))
        seen = {
            dimension: "○" if letter == "○" else arrow
            for dimension, (letter, arrow) in zip(
                ["scope", "finance", "resources", "schedule", "dependencies", "benefits"], cells, strict=True
            )
        }
        assert {k: v for k, v in seen.items() if v} == marks, label
        assert all(letter in letters.values() or letter == "○" for letter, _ in cells)


def _row_text(cells: list, columns: list[dict], fmt: Formatter) -> str:
    printed = [format_value(v, c["kind"], c["decimals"], fmt) for v, c in zip(cells, columns, strict=True)]
    return flat(" ".join(p for p in printed if p))


def test_every_table_row_of_the_report_is_whole_on_one_page_of_the_pdf(pages, report):
    """The PDF against the report's own figures: each row's printed cells, in order, on one page.

    Compared without whitespace: a line may wrap after 'ressurs/avd/' where the text has no space.
    """
    fmt = Formatter("nb")
    texts = [squash(undotted(page)) for page in pages]
    checked = 0
    for section in report["sections"]:
        for block in section["blocks"]:
            if block["type"] == "table":
                for row in block["rows"]:
                    expected = squash(_row_text(row["cells"], block["columns"], fmt))
                    assert any(expected in text for text in texts), f"{section['key']}: {expected!r}"
                    checked += 1
            elif block["type"] == "status_matrix":
                for row in block["rows"]:
                    cells = [squash(matrix_cell_text(c["rating"], c["trend"], "nb")) for c in row["cells"]]
                    letters = [re.escape(cell) + r"\d*" for cell in cells]  # \d*: a footnote mark
                    pattern = re.escape(squash(row["label"])) + "".join(letters)
                    assert any(re.search(pattern, text) for text in texts), row["label"]
                    checked += 1
    assert checked > 100


def _contents(first_page: str) -> dict[str, int]:
    """'2. Økonomi ........ 3' lines of the contents: title -> page."""
    entries = re.findall(r"^(\d+\. .+?) ?\.{3,} ?(\d+)$", first_page.replace(NBSP, " "), flags=re.M)
    return {title.strip(): int(page) for title, page in entries}


def _heading_pages(pages: list[str], headings: list[str]) -> dict[str, int]:
    """The page (1-based) on which each section heading stands on a line of its own."""
    found = {}
    for number, page in enumerate(pages, start=1):
        lines = [flat(line) for line in page.splitlines()]
        for heading in headings:
            if heading in lines and heading not in found:
                found[heading] = number
    return found


def test_the_contents_give_the_page_each_section_starts_on(pages, report):
    headings = [f"{s['number']}. {s['title']}" for s in report["sections"]]
    contents = _contents(pages[0])
    assert list(contents) == headings
    starts = _heading_pages(pages, headings)
    assert contents == starts
    assert list(starts.values()) == sorted(starts.values()) and starts[headings[-1]] > 5


def test_every_page_has_its_number_and_the_pages_after_the_first_a_running_header(pages, report):
    total = len(pages)
    headings = [f"{s['number']}. {s['title']}" for s in report["sections"]]
    starts = _heading_pages(pages, headings)
    for number, page in enumerate(pages, start=1):
        text = flat(page)
        assert f"Side {number} av {total}" in text
        if number == 1:
            continue
        current = [h for h in headings if starts[h] <= number][-1]
        assert f"{report['title']} {current}" in text, f"page {number}: no header with {current!r}"


def test_the_english_pdf_takes_its_page_furniture_from_the_english_catalog():
    need_typst()
    pages = pdf_pages(demo_report("pdf", "en"))
    english = demo_json("en")
    assert _contents(pages[0]) and "Contents" in [line.strip() for line in pages[0].splitlines()]
    assert all(f"Page {n} of {len(pages)}" in flat(p) for n, p in enumerate(pages, start=1))
    assert not any("Side " in flat(p) for p in pages)
    assert f"{english['title']} 2. {english['sections'][1]['title']}" in flat(pages[2])


def _subtypes(data: bytes) -> list[str]:
    """The /Subtype of every XObject anywhere in the file."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, IndirectObject

    reader = PdfReader(io.BytesIO(data))
    seen: set[int] = set()
    found: list[str] = []
    stack: list[object] = [reader.trailer["/Root"]]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if item.get("/Type") == "/XObject" or item.get("/Subtype") in ("/Image", "/Form"):
                found.append(str(item.get("/Subtype")))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _stroke_colours(data: bytes) -> list[set[tuple[float, ...]]]:
    """Per page, the RGB colours lines are stroked in (``SCN``/``RG`` operators), rounded to 2 places."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        operations = ContentStream(page.get_contents(), reader).operations
        found.append(
            {
                tuple(round(float(x), 2) for x in operands)
                for operands, operator in operations
                if operator in (b"SCN", b"RG") and len(operands) == 3
            }
        )
    return found


def test_charts_are_vectors_with_their_text_in_the_pdf(pages, report):
    """No chart is turned into pixels: each series is a line stroked in its colour on the chart's
    page, and the legend and axes are text."""
    from portfolio.render.charts import PALETTE

    data = demo_report("pdf")
    assert "/Image" not in _subtypes(data)
    strokes = _stroke_colours(data)
    figures = [b for s in report["sections"] for b in s["blocks"] if b["type"] == "figure"]
    assert len(figures) >= 4
    text = flat(" ".join(pages))
    for figure in figures:
        (page,) = [i for i, page in enumerate(pages) if figure["title"] in flat(page)][:1]
        for index, _series in enumerate(figure["series"]):
            colour = PALETTE[index % len(PALETTE)].lstrip("#")
            rgb = tuple(round(int(colour[i : i + 2], 16) / 255, 2) for i in (0, 2, 4))
            assert rgb in strokes[page], f"{figure['title']}: series {index} is not drawn as a line"
        assert all(category in flat(pages[page]) for category in figure["categories"]), figure["title"]
        if len(figure["series"]) > 1:  # the legend is the chart's own text, drawn as text
            assert all(series["name"] in text for series in figure["series"]), figure["title"]


def test_the_same_month_gives_the_same_pdf_byte_for_byte(pages):
    assert build_again("pdf") == demo_report("pdf")


def test_the_pdf_carries_the_fingerprint_that_report_verify_reads(pages, report):
    fingerprint = f"{report['fingerprint']['period']}/{report['fingerprint']['digest']}"
    assert fingerprint in flat(pages[-1])
    result = ok(run("report", "verify", str(work_file("report-nb.pdf"))))
    assert f"matches the data of 2024-01 (fingerprint {fingerprint})" in result.output


def _long_table_report(title: str) -> Report:
    columns = (Column("what", "Hva"), Column("amount", "Beløp", "amount"), Column("note", "Merknad"))
    rows = tuple(
        Row((f"Post {n}", Decimal(1000 * n), "\n".join(f"linje {n}.{line}" for line in range(1, 4 + n % 5))))
        for n in range(1, 61)
    )
    table = Table(columns, rows, title="Lang tabell")
    return Report(title, "2024-01", "nb", (Section("long", 1, "Lang seksjon", (table,)),))


def test_a_table_longer_than_a_page_breaks_between_rows_and_repeats_its_header():
    need_typst()
    from portfolio.render.pdf import render

    title = 'Rapport "</style><h1>x'  # quotes and markup in the header's text stay text
    pages = pdf_pages(render(_long_table_report(title)))
    assert len(pages) >= 3
    texts = [flat(page) for page in pages]
    for n in range(1, 61):
        amount = Formatter("nb").number(1000 * n).replace(NBSP, " ")
        expected = f"Post {n} {amount}" + "".join(f" linje {n}.{i}" for i in range(1, 4 + n % 5))
        holding = [i for i, text in enumerate(texts) if expected in text]
        assert len(holding) == 1, f"row {n} is not whole on one page"
    assert all("Hva Beløp Merknad" in text for text in texts)  # the header row on every page
    assert all(f"{title} 1. Lang seksjon" in text for text in texts[1:])


def test_pdf_and_xlsx_need_an_output_file(migrated):
    for fmt in ("pdf", "xlsx"):
        result = fails(migrated("report", "build", "--period", "2024-01", "--format", fmt), code=2)
        assert f"--format {fmt} writes a file: name it with -o" in result.output


def test_an_existing_file_is_refused_before_the_pdf_is_made(migrated, tmp_path):
    target = tmp_path / "r.pdf"
    target.write_bytes(b"keep")
    result = fails(migrated("report", "build", "--period", "2024-01", "--format", "pdf", "-o", str(target)))
    assert "exists; use --force" in result.output and target.read_bytes() == b"keep"


def test_without_typst_the_error_says_what_to_install(migrated, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst now raises ImportError
    target = tmp_path / "r.pdf"
    result = fails(migrated("report", "build", "--period", "2024-01", "--format", "pdf", "-o", str(target)))
    assert "PDF output needs Typst" in result.output and "pip install typst" in result.output
    assert not target.exists()


def test_the_pdf_is_dated_by_its_month_whatever_the_clock_says():
    """Typst stamps the PDF with the build's date unless given one: the report's month's last day."""
    need_typst()
    from pypdf import PdfReader

    from portfolio.render.pdf import render

    data = render(_long_table_report("x"))
    info = PdfReader(io.BytesIO(data)).metadata
    assert info is not None and info["/CreationDate"].startswith("D:20240131")
    assert info["/ModDate"] == info["/CreationDate"]
    assert b"<xmp:CreateDate>2024-01-31" in data


def test_a_missing_print_font_is_said_once(monkeypatch, capsys):
    need_typst()
    from portfolio.render import pdf

    monkeypatch.setattr(pdf, "print_font_installed", lambda: False)
    assert pdf.render(_long_table_report("x")).startswith(b"%PDF")
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: the PDF's print font Liberation Sans is not installed, so it is set in a wider fallback font "
        "(DejaVu Sans) and its pages differ; install it with: apt-get install fonts-liberation"
    ]


def test_the_print_font_is_the_one_typst_finds_among_the_systems_fonts(monkeypatch):
    need_typst()
    import typst

    from portfolio.render import pdf

    found = ["DejaVu Sans", "Liberation Sans"]
    monkeypatch.setattr(typst, "Fonts", lambda **_: type("F", (), {"families": lambda self: found})())
    assert pdf.print_font_installed() is True
    found.remove("Liberation Sans")
    assert pdf.print_font_installed() is False


def test_the_pdf_is_set_in_the_print_font(pages):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(demo_report("pdf")))
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any(name.endswith("+LiberationSans") for name in fonts), fonts
    assert any(name.endswith("+LiberationSans-Bold") for name in fonts), fonts


def _heading_then_short_table(filler: int) -> Report:
    from portfolio.report.blocks import Heading, Paragraph, Run

    text = "Fyll " * 60
    blocks = [Paragraph((Run(f"Avsnitt {n}. {text}"),)) for n in range(filler)]
    columns = (Column("type", "Type"), Column("count", "Antall", "integer"))
    table = Table(columns, tuple(Row((f"Rad {n}", n)) for n in range(1, 11)), title="Kort tabell")
    blocks += [Heading("Overskrift over tabellen"), Paragraph((Run("Ledesetningen til tabellen."),)), table]
    return Report("Sideskift", "2024-01", "nb", (Section("breaks", 1, "Sideskift", tuple(blocks)),))


def test_a_heading_and_its_lead_stay_with_a_short_table_which_is_never_split():
    need_typst()
    from portfolio.render.pdf import render

    for filler in range(8, 20, 2):  # moves the heading down the first page and onto the next
        pages = [flat(page) for page in pdf_pages(render(_heading_then_short_table(filler)))]
        (holding,) = [page for page in pages if "Overskrift over tabellen" in page]
        assert "Ledesetningen til tabellen." in holding, f"{filler} paragraphs: the lead left its heading"
        assert all(f"Rad {n} {n}" in holding for n in range(1, 11)), f"{filler} paragraphs: the table split"


HOSTILE = '#pagebreak() *bold* _em_ $x^2$ ] [ \\ "q" <lab> @ref // c /* c */ = H #set text(size: 40pt)'


def test_typst_markup_in_the_reports_text_is_printed_as_text_never_run():
    """Every text reaches Typst as data (JSON in sys.inputs), so markup in a name is printed as typed."""
    need_typst()
    from portfolio.render.pdf import render
    from portfolio.report.blocks import MatrixCell, MatrixRow, Note, Paragraph, StatusMatrix

    columns = (Column("name", HOSTILE), Column("amount", "Beløp", "amount"))
    table = Table(columns, (Row((HOSTILE, Decimal(5))),), title=HOSTILE, unit_note=HOSTILE)
    matrix = StatusMatrix(
        HOSTILE, HOSTILE, (HOSTILE,), (MatrixRow(HOSTILE, "project", "X", (MatrixCell("red", "worse", "1"),)),)
    )
    blocks = (Paragraph.of(HOSTILE), table, matrix, Note(HOSTILE, items=(HOSTILE,)))
    report = Report(HOSTILE, "2024-01", "nb", (Section("evil", 1, HOSTILE, blocks),), contents_title=HOSTILE)
    pages = [flat(page) for page in pdf_pages(render(report))]
    assert len(pages) == 1  # no #pagebreak() ran
    expected = flat(HOSTILE)
    # title, contents title and entry, heading, paragraph, caption, header, cell, note, matrix (5 texts)
    assert pages[0].count(expected) >= 14, pages[0]


def test_a_long_status_matrix_repeats_its_header_on_every_page_and_never_splits_a_row():
    """The matrix is drawn as block rows inside one breakable table cell (see report.typ): the
    header must still come back on every page, and a long label that wraps stays with its dots."""
    need_typst()
    from portfolio.render.pdf import render
    from portfolio.report.blocks import MatrixCell, MatrixRow, StatusMatrix

    ratings = ("green", "yellow", "red", "na", None)
    rows = tuple(
        MatrixRow(
            f"Prosjekt {n} " + "med et langt navn " * (n % 4),
            "program" if n % 10 == 0 else "project",
            f"P{n}",
            tuple(MatrixCell(ratings[(n + i) % 5], "worse" if (n + i) % 7 == 0 else None) for i in range(3)),
        )
        for n in range(1, 151)
    )
    matrix = StatusMatrix("Statusmatrise", "Prosjekt/program", ("Omfang", "Økonomi", "Ressurser"), rows)
    report = Report("Matrise", "2024-01", "nb", (Section("m", 1, "Matrise", (matrix,)),))
    pages = [undotted(flat(page)) for page in pdf_pages(render(report))]
    assert len(pages) >= 3
    assert all("Prosjekt/program Omfang Økonomi Ressurser" in page for page in pages)
    for row in rows:
        cells = " ".join(matrix_cell_text(cell.rating, cell.trend, "nb") for cell in row.cells)
        expected = f"{flat(row.label)} {cells}"
        assert sum(expected in page for page in pages) == 1, f"{row.label!r} is not whole on one page"
