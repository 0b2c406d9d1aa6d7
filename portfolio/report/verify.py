"""Reading the fingerprint back from a written report, in whatever format it was written.

Every format prints ``PERIOD/DIGEST`` (``2024-01/3f9a2c1d0b7e``); JSON also holds each table's
digest, Markdown and HTML carry them in a comment or attribute, so ``report verify`` can name the
tables that changed. PDF and Excel files are read as text first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from portfolio.errors import PortfolioError
from portfolio.report.blocks import Fingerprint

FINGERPRINT = re.compile(r"(?<![\w-])(\d{4}-\d{2})/([0-9a-f]{12})(?![0-9a-f])")
TABLES = re.compile(r"fingerprint-tables:\s*([a-z0-9_]+:[0-9a-f]{8}(?:\s+[a-z0-9_]+:[0-9a-f]{8})*)")


class VerifyError(PortfolioError):
    """The file cannot be read, or holds no fingerprint."""


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


def read_fingerprint(path: Path) -> Fingerprint:
    """The fingerprint a report file carries; VerifyError when there is none or several."""
    if not path.is_file():
        raise VerifyError(f"'{path}' is not a file")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _from_json(path)
    text = _text_of(path, suffix)
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


def _from_json(path: Path) -> Fingerprint:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found = data["fingerprint"]
        tables = tuple(sorted((str(k), str(v)) for k, v in (found.get("tables") or {}).items()))
        return Fingerprint(str(found["period"]), str(found["digest"]), tables)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise VerifyError(f"cannot read '{path}' as a JSON report: {exc}") from None
    except (KeyError, TypeError, AttributeError):
        raise VerifyError(f"'{path}' is JSON but holds no report fingerprint") from None


def _text_of(path: Path, suffix: str) -> str:
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            cells = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
            return "\n".join(cells)
        return path.read_text(encoding="utf-8")
    except Exception as exc:  # every library has its own errors for a damaged file
        raise VerifyError(f"cannot read '{path}': {type(exc).__name__}: {exc}") from None


def compare(recorded: Fingerprint, current: Fingerprint) -> Difference | None:
    """None when the data still matches; else what changed, table by table when known."""
    if recorded.digest == current.digest:
        return None
    before, now = dict(recorded.tables), dict(current.tables)
    changed = tuple(sorted(name for name in before.keys() | now.keys() if before.get(name) != now.get(name)))
    return Difference(recorded.period, recorded.text, current.text, changed if before else ())
