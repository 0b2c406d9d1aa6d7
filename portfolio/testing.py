"""pytest fixtures for portfolio and for plugins' own tests (loaded automatically by pytest).

Every database fixture runs on SQLite and, when ``PORTFOLIO_TEST_POSTGRES_URL`` is set (e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/portfolio_test``), on PostgreSQL too, where each
test gets a schema of its own.

Fixtures:

- ``portfolio_isolated``: no test reads the developer's config, database or plugin switches.
- ``portfolio_db_url``: an empty database URL.
- ``portfolio_cli``: ``run(*args, plugins=[(name, module)], user="tester", input=None)`` runs
  the CLI in-process against that database; ``plugins`` registers plugins for this call only.
- ``portfolio_migrated``: the same, after ``portfolio db upgrade``.
- ``portfolio_demo``: the same, after ``portfolio demo``.
- ``portfolio_register``: ``register(name, plugin)`` adds a plugin (a module or any object with
  ``@hookimpl`` functions) to every CLI the test builds through these fixtures; it is gone when
  the test ends.

Helpers: ``ok(result)`` asserts success; ``fails(result, code=1)`` asserts a clean failure;
``table_rows(db_url, tables)`` reads every row of some tables, to show a refused command wrote
nothing; ``assert_branch_schema(db_url, branch, revisions, tables)`` checks a plugin's Alembic
branch against its models, down to its base and up again; ``catalog_ids(package)`` gives the
message ids a package looks up, for a test that its catalogs hold them all and nothing else;
``printed_text(pdf_bytes)`` gives every run of text a PDF prints (a chart's tick labels and
legend entries included), with its page and its size in points as printed, and
``raster_images(pdf_bytes)`` counts the pixel images its pages draw (both need pypdf);
``few_parameters_engine(db_url)`` gives an engine whose statements take few bound parameters
and a number of rows past them, for a test that a read of many rows is not a list of ids;
``calls_to(monkeypatch, owner, name, what)`` records ``what(*args)`` for each call of
``owner.name`` while the test runs, for a test that a report reads or works out something once.

With ``portfolio.api``, this module is the public API of a plugin's tests: it also gives the
CLI (``build_cli``, ``main``), settings (``load_settings``), plugin loading (``load_plugins``),
the database (``make_engine``), migrations (``upgrade``, ``downgrade``, ``current_revisions``,
``expected_heads``, ``is_current``, ``ensure_current``, ``full_metadata``) and message catalogs
(``read_catalog``, ``LANGUAGES``), each loaded on first use.
"""

from __future__ import annotations

import io
import math
import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner, Result

POSTGRES_ENV = "PORTFOLIO_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")
PORTFOLIO_VARIABLES = ("PORTFOLIO_DB", "PORTFOLIO_CONFIG", "PORTFOLIO_DISABLE_PLUGINS", "PORTFOLIO_USER")

Runner = Callable[..., Result]

# What a plugin's tests may use beyond the fixtures: name -> the internal module it lives in.
_HOME: dict[str, str] = {
    "build_cli": "portfolio.cli",
    "main": "portfolio.cli",
    "load_settings": "portfolio.config",
    "load_plugins": "portfolio.plugins",
    "make_engine": "portfolio.database",
    "upgrade": "portfolio.schema",
    "downgrade": "portfolio.schema",
    "current_revisions": "portfolio.schema",
    "expected_heads": "portfolio.schema",
    "is_current": "portfolio.schema",
    "ensure_current": "portfolio.schema",
    "full_metadata": "portfolio.schema",
    "read_catalog": "portfolio.report.i18n",
    "LANGUAGES": "portfolio.report.i18n",
}

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from portfolio.cli import build_cli, main
    from portfolio.config import load_settings
    from portfolio.database import make_engine
    from portfolio.plugins import load_plugins
    from portfolio.report.i18n import LANGUAGES, read_catalog
    from portfolio.schema import (
        current_revisions,
        downgrade,
        ensure_current,
        expected_heads,
        full_metadata,
        is_current,
        upgrade,
    )


def __getattr__(name: str) -> Any:
    """Load a test helper from its module on first use (PEP 562): pytest loads this module in
    every run, and most tests need none of them."""
    from importlib import import_module

    try:
        module = _HOME[name]
    except KeyError:
        raise AttributeError(f"portfolio.testing has no name {name!r}") from None
    return getattr(import_module(module), name)


def ok(result: Result) -> Result:
    """Assert that a CLI call succeeded, showing its output when it did not."""
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}\n{result.exception!r}"
    return result


def fails(result: Result, code: int = 1) -> Result:
    """Assert a clean failure: the exit code, an error message, and no traceback."""
    assert result.exit_code == code, f"exit {result.exit_code}, expected {code}\n{result.output}"
    assert "Traceback (most recent call last)" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


SQLITE_FEW_PARAMETERS = 1_000  # what few_parameters_engine holds SQLite's statements to
POSTGRES_PARAMETERS = 65_535  # PostgreSQL's own bound, fixed by its wire protocol


def few_parameters_engine(db_url: str) -> tuple[Engine, int]:
    """An engine on ``db_url`` and a number of rows more than one of its statements takes bound
    parameters: for a test that a read of many rows does not name them in a list of ids, which
    a database refuses past its bound ('too many SQL variables'). SQLite's bound (32,766 in most
    builds) is held to 1,000 on this engine's connections; PostgreSQL's 65,535 is its own.
    """
    import sqlite3

    from sqlalchemy import event

    from portfolio.database import make_engine

    engine = make_engine(db_url)
    if engine.dialect.name != "sqlite":
        return engine, POSTGRES_PARAMETERS + 465

    @event.listens_for(engine, "connect")
    def _few_parameters(connection: sqlite3.Connection, _record: object) -> None:
        connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, SQLITE_FEW_PARAMETERS)

    return engine, SQLITE_FEW_PARAMETERS + 500


def calls_to(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, what: Callable[..., Any] = lambda *args, **kwargs: args
) -> list[Any]:
    """A list that gets ``what(*args, **kwargs)`` each time ``owner.name`` is called, until the test
    ends; the function still runs. ``owner`` is the module (or class) the callers look it up in."""
    calls: list[Any] = []
    original = getattr(owner, name)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        calls.append(what(*args, **kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def table_rows(db_url: str, tables: tuple[str, ...]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of each of ``tables``, sorted: compare before and after a command that must
    write nothing (an all-or-nothing import that was refused, say)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return {
                table: sorted(tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}")))
                for table in tables
            }
    finally:
        engine.dispose()


def assert_branch_schema(db_url: str, branch: str, revisions: tuple[str, ...], tables: set[str]) -> None:
    """A plugin's Alembic branch makes ``tables`` exactly as its models say, goes down to its base
    (every one of ``revisions`` unstamped, the tables gone) and up again to its newest revision,
    the last of ``revisions``, after which the commands accept the database again."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from portfolio.database import make_engine
    from portfolio.plugins import load_plugins
    from portfolio.schema import current_revisions, downgrade, ensure_current, full_metadata, upgrade

    host = load_plugins()
    engine = make_engine(db_url)
    try:
        upgrade(engine, host)
        assert revisions[-1] in (current_revisions(engine) or set())
        assert set(inspect(engine).get_table_names()) >= tables
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, full_metadata(host)) == []
        downgrade(engine, host, f"{branch}@base")
        assert not tables & set(inspect(engine).get_table_names())
        assert not set(revisions) & (current_revisions(engine) or set())
        upgrade(engine, host)
        assert revisions[-1] in (current_revisions(engine) or set())
        assert set(inspect(engine).get_table_names()) >= tables
        ensure_current(engine, host)  # the commands accept the database again
    finally:
        engine.dispose()


def catalog_ids(package: Path) -> set[str]:
    """The message ids a package's code looks up, ``ctx.t(...)`` and the singular of
    ``ctx.t.n(...)``, found by Babel's extractor: what both catalogs must hold, and no more."""
    from babel.messages.extract import extract_from_dir

    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(package), method_map=[("**.py", "python")], keywords={"t": None, "n": (1, 2)}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@dataclass(frozen=True)
class PrintedText:
    """One text object (``BT`` ... ``ET``) of a PDF as printed: a heading, a table cell's line, a
    chart's tick label or legend entry. ``text`` is its glyphs in drawing order (a gap the layout
    left between words is no space); ``size`` the smallest of their sizes on paper, in points,
    with every scaling applied (a chart drawn smaller than its own size prints smaller type).
    """

    page: int  # 1-based
    text: str
    size: float


def printed_text(data: bytes) -> list[PrintedText]:
    """Every text object of a PDF, page by page, with its printed size: check that the board
    pack's charts are readable on paper, whatever engine laid them out."""
    return _PdfWalk(data).texts


def raster_images(data: bytes) -> int:
    """How many pixel images the PDF's pages draw (a chart drawn as vectors draws none)."""
    return _PdfWalk(data).images


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(values: Any) -> _Matrix:
    a, b, c, d, e, f = (float(value) for value in values)
    return (a, b, c, d, e, f)


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    """``m`` then ``n``, as PDF matrices compose (``m × n``)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


class _PdfWalk:
    """Runs each page's content, and the forms it draws, keeping the graphics and text matrices."""

    def __init__(self, data: bytes) -> None:
        from pypdf import PdfReader

        self.reader = PdfReader(io.BytesIO(data))
        self.texts: list[PrintedText] = []
        self.images = 0
        self._maps: dict[int, tuple[int, dict[int, str]]] = {}
        for number, page in enumerate(self.reader.pages, start=1):
            contents = page.get_contents()
            if contents is not None:
                self._run(contents, page.get("/Resources"), _IDENTITY, number, 0)

    def _run(self, contents: Any, resources: Any, ctm: _Matrix, page: int, depth: int) -> None:
        from pypdf.generic import ContentStream

        resources = resources.get_object() if resources is not None else {}
        fonts = resources.get("/Font", {})
        xobjects = resources.get("/XObject", {})
        fonts = fonts.get_object() if fonts else {}
        xobjects = xobjects.get_object() if xobjects else {}
        stack: list[_Matrix] = []
        tm, line = _IDENTITY, _IDENTITY
        font: Any = None
        size = 0.0
        glyphs: list[str] = []
        sizes: list[float] = []
        stream = contents if isinstance(contents, ContentStream) else ContentStream(contents, self.reader)
        for operands, operator in stream.operations:
            if operator == b"q":
                stack.append(ctm)
            elif operator == b"Q" and stack:
                ctm = stack.pop()
            elif operator == b"cm":
                ctm = _times(_matrix(operands), ctm)
            elif operator == b"BT":
                tm = line = _IDENTITY
                glyphs, sizes = [], []
            elif operator == b"ET":
                if glyphs:
                    self.texts.append(PrintedText(page, "".join(glyphs), round(min(sizes), 2)))
                glyphs, sizes = [], []
            elif operator == b"Tf":
                font, size = fonts.get(operands[0]), float(operands[1])
            elif operator == b"Tm":
                tm = line = _matrix(operands)
            elif operator in (b"Td", b"TD"):
                line = _times((1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1])), line)
                tm = line
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                shown = operands[-1]
                pieces = shown if operator == b"TJ" else [shown]
                text = "".join(self._decode(font, piece) for piece in pieces if hasattr(piece, "original_bytes"))
                if text.strip():
                    matrix = _times(tm, ctm)
                    glyphs.append(text)
                    sizes.append(size * math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2])))
            elif operator == b"Do" and depth < 20:
                target = xobjects.get(operands[0])
                target = target.get_object() if target is not None else None
                if target is None:
                    continue
                if target.get("/Subtype") == "/Image":
                    self.images += 1
                elif target.get("/Subtype") == "/Form":
                    inner = _times(_matrix(target.get("/Matrix", _IDENTITY)), ctm)
                    own = target.get("/Resources", resources)
                    self._run(ContentStream(target, self.reader), own, inner, page, depth + 1)

    def _decode(self, font: Any, piece: Any) -> str:
        """A string operand as text, through the font's ToUnicode map (two-byte codes for a
        composite font), else as Latin-1."""
        raw: bytes = piece.original_bytes
        if font is None:
            return raw.decode("latin-1")
        font = font.get_object()
        width, mapping = self._map(font)
        if not mapping:
            return raw.decode("latin-1")
        codes = [int.from_bytes(raw[i : i + width], "big") for i in range(0, len(raw), width)]
        return "".join(mapping.get(code, "") for code in codes)

    def _map(self, font: Any) -> tuple[int, dict[int, str]]:
        key = id(font)
        if key not in self._maps:
            width = 2 if font.get("/Subtype") == "/Type0" else 1
            mapping: dict[int, str] = {}
            cmap = font.get("/ToUnicode")
            if cmap is not None:
                text = cmap.get_object().get_data().decode("latin-1")
                mapping = _to_unicode(text)
            self._maps[key] = (width, mapping)
        return self._maps[key]


def _to_unicode(text: str) -> dict[int, str]:
    """A ToUnicode CMap's ``bfchar`` and ``bfrange`` entries: code -> text."""

    def chars(hex_text: str) -> str:
        raw = bytes.fromhex(hex_text)
        return raw.decode("utf-16-be", errors="replace")

    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for source, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(source, 16)] = chars(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            start, end = int(low, 16), int(high, 16)
            if rest.startswith("["):
                for offset, target in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    mapping[start + offset] = chars(target)
            else:
                first = int(rest.strip("<>"), 16)
                for offset in range(end - start + 1):
                    mapping[start + offset] = chr(first + offset)
    return mapping


def postgres_schema_url(base: str, schema: str) -> str:
    """``base`` with its search path set to ``schema``: a private namespace on a shared server."""
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture
def portfolio_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in PORTFOLIO_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pytest_report_header(config: pytest.Config) -> str | None:
    if os.environ.get(POSTGRES_ENV):
        return None
    return f"portfolio: {POSTGRES_ENV} is not set, so the PostgreSQL variant of every test is deselected"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL server, leave its variants out once (the header says why) rather than
    skipping each: the skip summary then lists only what really could not run, with its reason."""
    if os.environ.get(POSTGRES_ENV):
        return
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("portfolio_db_url") == "postgresql"
        (drop if on_postgres else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(params=BACKENDS)
def portfolio_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'portfolio.db'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield postgres_schema_url(base, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def portfolio_registered() -> Iterator[list[tuple[str, Any]]]:
    """The plugins registered for the current test (see ``portfolio_register``)."""
    registered: list[tuple[str, Any]] = []
    yield registered
    registered.clear()


@pytest.fixture
def portfolio_register(portfolio_registered: list[tuple[str, Any]]) -> Callable[[str, Any], None]:
    def register(name: str, plugin: Any) -> None:
        portfolio_registered.append((name, plugin))

    return register


@pytest.fixture
def portfolio_cli(portfolio_db_url: str, portfolio_registered: list[tuple[str, Any]]) -> Runner:
    def invoke(*args: str, input: str | None = None, user: str = "tester", plugins: Any = ()) -> Result:
        from portfolio.cli import build_cli

        cli = build_cli(extra_plugins=[*portfolio_registered, *plugins])
        arguments = ["--db", portfolio_db_url, "--as", user, *args]
        return CliRunner().invoke(cli, arguments, input=input, catch_exceptions=True)

    return invoke


@pytest.fixture
def portfolio_migrated(portfolio_cli: Runner) -> Runner:
    ok(portfolio_cli("db", "upgrade"))
    return portfolio_cli


@pytest.fixture
def portfolio_demo(portfolio_migrated: Runner) -> Runner:
    ok(portfolio_migrated("demo"))
    return portfolio_migrated
