"""Reading a written report back, in whatever format it was written, for ``report verify``.

Every format prints ``PERIOD/DIGEST`` (``2024-01/3f9a2c1d0b7e``); JSON also holds each table's
digest, Markdown and HTML carry them in a comment or attribute, so ``report verify`` can name the
tables that changed. PDF and Excel files are read as text first.

Builds are byte-reproducible, so ``report verify`` also builds the same document again (format,
language and month read from the file itself) and compares the two byte for byte; on a
difference, :func:`first_difference` names the first table, sheet and cell, or page, that differs.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.errors import PortfolioError
from portfolio.report.blocks import Fingerprint

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.period import Period
    from portfolio.report.blocks import Report

FINGERPRINT = re.compile(r"(?<![\w-])(\d{4}-\d{2})/([0-9a-f]{12})(?![0-9a-f])")
TABLES = re.compile(r"fingerprint-tables:\s*([a-z0-9_]+:[0-9a-f]{8}(?:\s+[a-z0-9_]+:[0-9a-f]{8})*)")
IDENTITY = re.compile(r"portfolio-report format=([a-z]+) lang=([a-z]{2}) period=(\d{4}-\d{2})")
HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([a-z]{2})\"", re.I)


class VerifyError(PortfolioError):
    """The file cannot be read, or holds no fingerprint."""


def identity_text(fmt: str, lang: str, period: str) -> str:
    """What a file says it is, where its format has no field of its own for it (Markdown, PDF, XLSX)."""
    return f"portfolio-report format={fmt} lang={lang} period={period}"


def tables_text(fingerprint: Fingerprint) -> str:
    """The per-table digests as the Markdown and HTML formats embed them."""
    return "fingerprint-tables: " + " ".join(f"{name}:{digest}" for name, digest in fingerprint.tables)


@dataclass(frozen=True)
class Difference:
    """A file's fingerprint against the database's: both digests and the tables that changed."""

    period: str
    recorded: str
    current: str
    tables: tuple[str, ...]  # the tables whose digest changed; empty when the file did not say


@dataclass(frozen=True)
class ReportFile:
    """A written report as read back: what it is (format, language, month) and its fingerprint."""

    path: Path
    format: str  # md, html, json, pdf, xlsx or terminal (the terminal format written to a file)
    lang: str | None  # None when the file does not say (a terminal text in an unknown language)
    fingerprint: Fingerprint
    data: bytes

    @property
    def period(self) -> str:
        return self.fingerprint.period


def read_fingerprint(path: Path) -> Fingerprint:
    """The fingerprint a report file carries; VerifyError when there is none or several."""
    return read_report(path).fingerprint


def read_report(path: Path) -> ReportFile:
    """The report file's format (from its content), language, month and fingerprint."""
    if not path.is_file():
        raise VerifyError(f"'{path}' is not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VerifyError(f"cannot read '{path}': {exc}") from None
    fmt = detect_format(data)
    lang: str | None
    if fmt == "json":
        fingerprint, lang = _from_json(path, data)
        return ReportFile(path, fmt, _known(lang), fingerprint, data)
    text, said = _text_of(path, data, fmt)
    fingerprint = _fingerprint_in(path, text)
    identity = IDENTITY.search(said or text)
    lang = identity.group(2) if identity else None
    if lang is None and fmt == "html":
        found = HTML_LANG.search(text)
        lang = found.group(1).lower() if found else None
    if lang is None and fmt in ("pdf", "xlsx") and said:
        lang = said.strip().lower() or None  # an older file: the language field of its metadata
    if lang is None:
        lang = _lang_of_label(text, fingerprint)
    return ReportFile(path, fmt, _known(lang), fingerprint, data)


def _known(lang: str | None) -> str | None:
    """The language if portfolio writes reports in it; None (the file does not say) otherwise."""
    from portfolio.config import LANGUAGES

    return lang if lang in LANGUAGES else None


def detect_format(data: bytes) -> str:
    """The report format of a file's bytes, whatever its name ends with."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "json"
    if head[:9].lower() == b"<!doctype" or head[:5].lower() == b"<html":
        return "html"
    if head.startswith(b"# ") or IDENTITY.search(data[-4096:].decode("utf-8", "replace")):
        return "md"
    return "terminal"


def _fingerprint_in(path: Path, text: str) -> Fingerprint:
    found = {(m.group(1), m.group(2)) for m in FINGERPRINT.finditer(text)}
    if not found:
        raise VerifyError(f"'{path}' holds no report fingerprint (PERIOD/DIGEST, e.g. 2024-01/3f9a2c1d0b7e)")
    if len(found) > 1:
        names = ", ".join(f"{p}/{d}" for p, d in sorted(found))
        raise VerifyError(f"'{path}' holds more than one fingerprint: {names}")
    period, digest = found.pop()
    tables: tuple[tuple[str, str], ...] = ()
    match = TABLES.search(text)
    if match:
        tables = tuple(tuple(item.split(":", 1)) for item in match.group(1).split())  # type: ignore[misc]
    return Fingerprint(period, digest, tables)


def _lang_of_label(text: str, fingerprint: Fingerprint) -> str | None:
    """The language whose 'Data fingerprint' label stands before the fingerprint (terminal text)."""
    from portfolio.config import LANGUAGES
    from portfolio.report.i18n import Translator

    for lang in LANGUAGES:
        if f"{Translator(lang)('Data fingerprint')}: {fingerprint.text}" in text:
            return lang
    return None


def _from_json(path: Path, data: bytes) -> tuple[Fingerprint, str | None]:
    try:
        document = json.loads(data.decode("utf-8"))
        found = document["fingerprint"]
        tables = tuple(sorted((str(k), str(v)) for k, v in (found.get("tables") or {}).items()))
        lang = document.get("lang")
        return Fingerprint(str(found["period"]), str(found["digest"]), tables), lang if isinstance(lang, str) else None
    except (UnicodeDecodeError, ValueError) as exc:
        raise VerifyError(f"cannot read '{path}' as a JSON report: {exc}") from None
    except (KeyError, TypeError, AttributeError):
        raise VerifyError(f"'{path}' is JSON but holds no report fingerprint") from None


def _text_of(path: Path, data: bytes, fmt: str) -> tuple[str, str | None]:
    """The file's text, and what its metadata says it is (PDF keywords or language, XLSX likewise)."""
    try:
        if fmt == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            keywords = reader.metadata.get("/Keywords") if reader.metadata is not None else None
            said = str(keywords or "") or str(reader.root_object.get("/Lang") or "") or None
            return "\n".join(page.extract_text() or "" for page in reader.pages), said
        if fmt == "xlsx":
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            said = book.properties.keywords or book.properties.language or None
            cells = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
            return "\n".join(cells), said
        return data.decode("utf-8"), None
    except Exception as exc:  # every library has its own errors for a damaged file
        raise VerifyError(f"cannot read '{path}': {type(exc).__name__}: {exc}") from None


def report_for_verification(
    app: AppContext, session: Session, period: Period, lang: str, fingerprint: Fingerprint | None = None
) -> Report:
    """The report ``report verify`` compares a file with: the one ``report build`` makes of the month,
    which for a closed month is its archived report.

    The one place verification gets its report from (the build command's source and options;
    ``--strict`` changes nothing in a report it lets through). ``fingerprint``, the month's as
    ``verify`` has just computed it in this session, is not computed again.
    """
    from portfolio.report.archive import report_for

    return report_for(app, session, period, lang, fingerprint=fingerprint if fingerprint is not None else True)


def compare(recorded: Fingerprint, current: Fingerprint) -> Difference | None:
    """None when the data still matches; else what changed, table by table when known."""
    if recorded.digest == current.digest:
        return None
    before, now = dict(recorded.tables), dict(current.tables)
    changed = tuple(sorted(name for name in before.keys() | now.keys() if before.get(name) != now.get(name)))
    return Difference(recorded.period, recorded.text, current.text, changed if before else ())


def first_difference(fmt: str, recorded: bytes, rebuilt: bytes) -> str | None:
    """Where a file first differs from the same report built again, in words; None when identical.

    Markdown, HTML and terminal text: the section, table, row and cell (and line); JSON: the
    section, block, row and column; XLSX: the sheet and cell; PDF: the page.
    """
    if recorded == rebuilt:
        return None
    try:
        if fmt == "json":
            return _json_difference(recorded, rebuilt)
        if fmt == "xlsx":
            return _xlsx_difference(recorded, rebuilt)
        if fmt == "pdf":
            return _pdf_difference(recorded, rebuilt)
        return _text_difference(fmt, recorded.decode("utf-8", "replace"), rebuilt.decode("utf-8", "replace"))
    except Exception as exc:  # a file damaged beyond reading still differs; say so, not how
        return f"the whole file (it cannot be read as {fmt}: {type(exc).__name__})"


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(str(text).split())
    return repr(text if len(text) <= 40 else text[:39] + "…")


# --- text formats: Markdown, HTML, terminal ---------------------------------------------------

_TAG = re.compile(r"<[^>]+>")


def _plain(html: str) -> str:
    import html as html_module

    return " ".join(html_module.unescape(_TAG.sub("", html)).split())


def _text_difference(fmt: str, recorded: str, rebuilt: str) -> str:
    mine, theirs = recorded.splitlines(), rebuilt.splitlines()
    index = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b), min(len(mine), len(theirs)))
    lines = theirs if index < len(theirs) else mine
    where = _text_place(fmt, lines, index)
    if index < len(mine) and index < len(theirs):
        cell = _cell_in_line(fmt, mine[index], theirs[index])
        if cell:
            where.append(cell)
    where.append(f"line {index + 1}")
    if len(mine) != len(theirs):
        where.append(f"the file has {len(mine)} lines, the data gives {len(theirs)}")
    return ", ".join(where)


def _text_place(fmt: str, lines: list[str], index: int) -> list[str]:
    """The section, table and row that line ``index`` of ``lines`` belongs to."""
    section = table = None
    row = 0
    in_table = False
    for number, line in enumerate(lines[: index + 1]):
        if fmt == "md":
            if line.startswith("## "):
                section, table, in_table = line[3:].replace("\\", ""), None, False
            elif line.startswith("**") and line.endswith("**") and len(line) > 4:
                table, in_table = line[2:-2].replace("\\", ""), False
            elif line.startswith("|"):
                row = row + 1 if in_table else -1  # the header, then its separator line
                in_table = True
            elif line.strip():
                in_table = False
        elif fmt == "html":
            if "<h2>" in line:
                section, table, in_table = _plain(line), None, False
            if "<h3>" in line or "<caption>" in line or "<figcaption>" in line:
                table = _plain(re.sub(r".*?<(?:h3|caption|figcaption)>(.*?)</.*", r"\1", line))
            if "<table" in line:
                in_table, row = True, 0
            if in_table and "<tr" in line and "<th" not in line:
                row += line.count("<tr")
            if "</table>" in line and number < index:
                in_table = False
        elif number + 1 < len(lines) and line.strip() and set(lines[number + 1]) == {"-"}:
            section = line.strip()  # the terminal's section headings are underlined with dashes
    place = []
    if section:
        place.append(f"section '{section}'")
    elif index > 0:
        place.append("the title and contents, before the first section")
    if table and (fmt != "md" or in_table):
        place.append(f"table '{table}'")
    if in_table and row > 0:
        place.append(f"row {row}")
    return place


def _cell_in_line(fmt: str, mine: str, theirs: str) -> str | None:
    if fmt == "md" and theirs.startswith("|") and mine.startswith("|"):
        a, b = mine.strip("|").split(" | "), theirs.strip("|").split(" | ")
    elif fmt == "html" and "<td" in theirs:
        a, b = re.split(r"<t[dh]\b", mine)[1:], re.split(r"<t[dh]\b", theirs)[1:]
    else:
        return None
    for column, (x, y) in enumerate(zip(a, b, strict=False), start=1):
        if x != y:
            shown = (_plain("<x" + x), _plain("<x" + y)) if fmt == "html" else (x.strip(), y.strip())
            if shown[0] == shown[1]:
                return f"cell {column} (its markup: a colour, class or label)"
            return f"cell {column}: {_short(shown[0])} where the data gives {_short(shown[1])}"
    return None


# --- JSON ----------------------------------------------------------------------------------------


def _first_path(mine: Any, theirs: Any, path: tuple[Any, ...]) -> tuple[Any, ...] | None:
    if isinstance(mine, dict) and isinstance(theirs, dict):
        for key in [*theirs, *(k for k in mine if k not in theirs)]:
            if key not in mine or key not in theirs:
                return (*path, key)
            found = _first_path(mine[key], theirs[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(mine, list) and isinstance(theirs, list):
        for index in range(max(len(mine), len(theirs))):
            if index >= len(mine) or index >= len(theirs):
                return (*path, index)
            found = _first_path(mine[index], theirs[index], (*path, index))
            if found is not None:
                return found
        return None
    return None if type(mine) is type(theirs) and mine == theirs else path


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return "(missing)"
    return data


def _column_label(block: Any, index: int) -> str | None:
    """A table's column label, or a status matrix's dimension, for a cell's index."""
    if not isinstance(block, dict):
        return None
    labels = [c.get("label") for c in block.get("columns") or [] if isinstance(c, dict)]
    if not labels and isinstance(block.get("dimensions"), list):
        labels = [str(d) for d in block["dimensions"]]
    return str(labels[index]) if index < len(labels) and labels[index] else None


def _json_difference(recorded: bytes, rebuilt: bytes) -> str:
    try:
        mine = json.loads(recorded.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "the whole file (it is no longer valid JSON)"
    theirs = json.loads(rebuilt.decode("utf-8"))
    path = _first_path(mine, theirs, ())
    if path is None:
        return "its layout (the same values, written differently)"
    place: list[str] = []
    rest = list(path)
    if rest[:1] == ["sections"] and len(rest) > 1:
        section = _at(theirs, tuple(rest[:2]))
        section = section if isinstance(section, dict) else _at(mine, tuple(rest[:2]))
        place.append(
            f"section '{section.get('number')}. {section.get('title')}'"
            if isinstance(section, dict)
            else f"section {rest[1] + 1}"
        )
        rest = rest[2:]
        if rest[:1] == ["blocks"] and len(rest) > 1:
            block = section.get("blocks", [])[rest[1]] if isinstance(section, dict) else None
            if isinstance(block, dict):
                title = block.get("title")
                place.append(
                    f"{block.get('type', 'block')} '{title}'"
                    if title
                    else f"block {rest[1] + 1} ({block.get('type', '?')})"
                )
            else:
                place.append(f"block {rest[1] + 1}")
            rest = rest[2:]
            if rest[:1] == ["rows"] and len(rest) > 1:
                place.append(f"row {rest[1] + 1}")
                rest = rest[2:]
                if rest[:1] == ["cells"] and len(rest) > 1:
                    label = _column_label(block, rest[1])
                    place.append(f"column '{label}'" if label else f"cell {rest[1] + 1}")
                    rest = rest[2:]
    if rest:
        place.append("field " + ".".join(str(step) for step in rest))
    place.append(f"{_short(_at(mine, path))} where the data gives {_short(_at(theirs, path))}")
    return ", ".join(place)


# --- XLSX ----------------------------------------------------------------------------------------


def _cell_look(cell: Any) -> tuple[Any, ...]:
    fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type else None
    return (cell.number_format, bool(cell.font and cell.font.b), fill if isinstance(fill, str) else None)


def _xlsx_difference(recorded: bytes, rebuilt: bytes) -> str:
    import zipfile

    from openpyxl import load_workbook

    mine, theirs = load_workbook(io.BytesIO(recorded)), load_workbook(io.BytesIO(rebuilt))
    for number in range(max(len(mine.sheetnames), len(theirs.sheetnames))):
        a = mine.sheetnames[number] if number < len(mine.sheetnames) else "(none)"
        b = theirs.sheetnames[number] if number < len(theirs.sheetnames) else "(none)"
        if a != b:
            return f"sheet {number + 1}: {_short(a)} where the data gives {_short(b)}"
    for name in theirs.sheetnames:
        x, y = mine[name], theirs[name]
        for row in range(1, max(x.max_row, y.max_row) + 1):
            for column in range(1, max(x.max_column, y.max_column) + 1):
                a, b = x.cell(row=row, column=column), y.cell(row=row, column=column)
                if a.value != b.value:
                    return (
                        f"sheet '{name}', cell {b.coordinate}: {_short(a.value)} where the data gives {_short(b.value)}"
                    )
                if _cell_look(a) != _cell_look(b):
                    return f"sheet '{name}', cell {b.coordinate}: its format or colour"
    with zipfile.ZipFile(io.BytesIO(recorded)) as x_zip, zipfile.ZipFile(io.BytesIO(rebuilt)) as y_zip:
        names = [*y_zip.namelist(), *(n for n in x_zip.namelist() if n not in y_zip.namelist())]
        for name in names:
            try:
                same = x_zip.read(name) == y_zip.read(name)
            except KeyError:
                same = False
            if not same:
                return f"the workbook's part {name}"
    return "the workbook's packaging (the same parts, zipped differently)"


# --- PDF -----------------------------------------------------------------------------------------


def _page_content(page: Any) -> bytes:
    contents = page.get_contents()
    return contents.get_data() if contents is not None else b""


def _pdf_difference(recorded: bytes, rebuilt: bytes) -> str:
    from pypdf import PdfReader

    mine, theirs = PdfReader(io.BytesIO(recorded)).pages, PdfReader(io.BytesIO(rebuilt)).pages
    counts = f"the file has {len(mine)} pages, the data gives {len(theirs)}"
    for number in range(max(len(mine), len(theirs))):
        if number >= len(mine) or number >= len(theirs):
            return f"page {number + 1} ({counts})"
        if _page_content(mine[number]) != _page_content(theirs[number]):
            return f"page {number + 1}" + (f" ({counts})" if len(mine) != len(theirs) else "")
    if len(mine) != len(theirs):
        return counts
    return "outside its pages' text and drawing (metadata, fonts or links)"
