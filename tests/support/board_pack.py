"""The board pack's test support: the demo month built once per test run, the seed's tables, tools.

The PDF, XLSX and browser tests all look at the same demo report; building the demo and
rendering it take seconds, so each is done once per process and kept in a temporary folder.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from portfolio.testing import PORTFOLIO_VARIABLES, ok

SEED_TABLES = Path(__file__).parent.parent / "fixtures" / "seed-2024-01-tables.txt"
PERIOD = "2024-01"
REQUIRE_TOOLS = "PORTFOLIO_TEST_REQUIRE_TOOLS"  # set by .ci/run: a missing tool fails, never skips
NBSP = "\u00a0"

_folder: Path | None = None
_outputs: dict[tuple[str, str], bytes] = {}


def need(available: bool, reason: str) -> None:
    """Skip with ``reason`` on a developer's machine without the tool; fail in CI, where it must be."""
    if available:
        return
    if os.environ.get(REQUIRE_TOOLS):
        pytest.fail(f"{reason} ({REQUIRE_TOOLS} is set: CI installs it, see .ci/run)")
    pytest.skip(reason)


def need_typst() -> None:
    try:
        import typst  # noqa: F401
    except ImportError as exc:
        need(False, f"Typst cannot be loaded ({exc}); pip install typst")


def _work_folder() -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="portfolio-board-pack-"))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def work_file(name: str) -> Path:
    """A file in the folder the demo's reports are written to (``report-nb.pdf``, ``report-en.xlsx``)."""
    return _work_folder() / name


def run(*args: str):  # type: ignore[no-untyped-def]
    """The CLI against the demo database, isolated from the developer's config and plugins switch."""
    from click.testing import CliRunner

    from portfolio.cli import build_cli

    folder = _work_folder()
    with pytest.MonkeyPatch.context() as patch:
        for name in PORTFOLIO_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("XDG_CONFIG_HOME", str(folder / "xdg-config"))
        patch.setenv("XDG_DATA_HOME", str(folder / "xdg-data"))
        patch.setenv("XDG_CACHE_HOME", str(folder / "xdg-cache"))
        patch.chdir(folder)
        database = f"sqlite:///{folder / 'demo.db'}"
        return CliRunner().invoke(build_cli(), ["--db", database, "--as", "tester", *args], catch_exceptions=True)


def demo_report(fmt: str, lang: str = "nb") -> bytes:
    """The demo month's report in ``fmt``, built once per process."""
    if not _outputs:
        ok(run("db", "upgrade"))
        ok(run("demo"))
    key = (fmt, lang)
    if key not in _outputs:
        target = _work_folder() / f"report-{lang}.{fmt}"
        ok(run("report", "build", "--period", PERIOD, "--format", fmt, "--lang", lang, "-o", str(target), "--force"))
        _outputs[key] = target.read_bytes()
    return _outputs[key]


def build_again(fmt: str, lang: str = "nb") -> bytes:
    """The same report built once more, to another file: for tests of byte-identical output."""
    demo_report(fmt, lang)
    target = _work_folder() / f"again-{lang}.{fmt}"
    ok(run("report", "build", "--period", PERIOD, "--format", fmt, "--lang", lang, "-o", str(target), "--force"))
    return target.read_bytes()


def demo_json(lang: str = "nb") -> dict:
    import json

    return json.loads(demo_report("json", lang))


# ---------------------------------------------------------------- the seed's tables


@dataclass(frozen=True)
class SeedRow:
    table: str
    label: str
    bold: bool
    cells: tuple[str, ...]  # as printed in the seed; '' where it leaves a cell blank


def seed_rows() -> list[SeedRow]:
    """Every row with figures of the seed's tables; a key-figures cell ('label <b>28</b>') is a row."""
    rows: list[SeedRow] = []
    table = ""
    for line in SEED_TABLES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            table = line[1:-1]
            continue
        cells = line.split("\t")
        if table == "service-key-figures":
            for cell in cells:
                label, value = re.fullmatch(r"(.*?) <b>(.*)</b>", cell).groups()  # type: ignore[union-attr]
                rows.append(SeedRow(table, label, True, (value,)))
            continue
        bold = cells[0].startswith("<b>")
        plain = [re.sub(r"</?b>", "", cell).strip() for cell in cells]
        rows.append(SeedRow(table, plain[0], bold, tuple(plain[1:])))
    return rows


@dataclass(frozen=True)
class SeedNumber:
    value: Decimal
    decimals: int
    percent: bool


def seed_number(text: str) -> SeedNumber | None:
    """'1 137 600' -> 1137600, '56%' -> 56 percent, '6,05' -> 6.05 with 2 decimals; '' -> None."""
    text = text.replace(NBSP, "").replace(" ", "")
    if not text:
        return None
    percent = text.endswith("%")
    digits = text.rstrip("%").replace(",", ".")
    decimals = len(digits.partition(".")[2])
    return SeedNumber(Decimal(digits), decimals, percent)


def half_up(value: Decimal | float | int, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def label_key(text: str) -> str:
    """A label without punctuation, spacing or case: '1.minutt' and '1. minutt (%)' are one label."""
    return "".join(re.findall(r"\w+", text)).casefold()
