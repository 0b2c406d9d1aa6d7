"""Charts are drawn once per figure, language and drawing code, then read from the user's cache."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from portfolio.render import charts
from portfolio.report.blocks import Figure, Series
from portfolio.report.formatting import Formatter


def _figure(last: str = "5.2") -> Figure:
    return Figure(
        title="Sykefravær",
        categories=("Jan", "Feb", "Mar"),
        series=(Series("2024", (Decimal("4.1"), Decimal("6.0"), Decimal(last))),),
        value_kind="percent",
        target=Decimal(5),
        target_label="Mål",
    )


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "portfolio" / "charts"


@pytest.fixture
def drawings(monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    """Every figure matplotlib is asked to draw, in order."""
    drawn: list[Figure] = []
    real = charts.draw_svg

    def counting(figure: Figure, fmt: Formatter) -> str:
        drawn.append(figure)
        return real(figure, fmt)

    monkeypatch.setattr(charts, "draw_svg", counting)
    return drawn


def test_a_chart_is_drawn_once_then_read_from_the_cache(cache_home: Path, drawings: list[Figure]):
    first = charts.figure_svg(_figure(), Formatter("nb"))
    second = charts.figure_svg(_figure(), Formatter("nb"))
    assert first == second
    assert first.startswith("<svg") and first.rstrip().endswith("</svg>")
    assert len(drawings) == 1
    assert [p.suffix for p in cache_home.iterdir()] == [".svg"]


def test_other_data_or_another_language_is_drawn_anew(cache_home: Path, drawings: list[Figure]):
    nb = charts.figure_svg(_figure(), Formatter("nb"))
    changed = charts.figure_svg(_figure(last="7.5"), Formatter("nb"))
    english = charts.figure_svg(_figure(), Formatter("en"))
    assert len(drawings) == 3
    assert len({nb, changed, english}) == 3
    assert "5,0\u00a0%" in nb and "5.0%" in english  # tick labels in each language's format


def test_a_damaged_cache_file_is_drawn_again(cache_home: Path, drawings: list[Figure]):
    good = charts.figure_svg(_figure(), Formatter("nb"))
    (cached,) = cache_home.iterdir()
    cached.write_text("garbage", encoding="utf-8")
    assert charts.figure_svg(_figure(), Formatter("nb")) == good
    assert len(drawings) == 2
    assert cached.read_text(encoding="utf-8") == good


def test_an_unwritable_cache_only_costs_the_speed_up(tmp_path: Path, monkeypatch, drawings: list[Figure]):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert charts.figure_svg(_figure(), Formatter("nb")).startswith("<svg")
    assert charts.figure_svg(_figure(), Formatter("nb")).startswith("<svg")
    assert len(drawings) == 2


PROBE = """
import json, sys
from portfolio.cli import main
try:
    main({args!r})
except SystemExit:
    pass
print(json.dumps("matplotlib" in sys.modules), file=sys.stderr)
"""


def _imports_matplotlib(args: list[str]) -> bool:
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_building_the_html_report_again_imports_no_matplotlib(demo, db_url: str, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = ["--db", db_url, "report", "build", "--period", "2024-01", "--format", "html", "-o"]
    assert _imports_matplotlib([*args, str(tmp_path / "first.html")]) is True
    assert _imports_matplotlib([*args, str(tmp_path / "again.html")]) is False
    first, again = (tmp_path / "first.html").read_bytes(), (tmp_path / "again.html").read_bytes()
    assert first == again
    assert first.count(b"<svg") >= 5


def test_the_compiled_html_template_is_kept_and_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Jinja2 compiles the report template once; later renders load the compiled code."""
    import jinja2

    from portfolio.render import html
    from portfolio.report.blocks import Paragraph, Report, Section

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    report = Report("Rapport", "2024-01", "nb", (Section("a", 1, "A", (Paragraph.of("Tekst"),)),), (), "Innhold")
    first = html.render(report)
    (kept,) = (tmp_path / "cache" / "portfolio" / "templates").iterdir()
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        compiled.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    assert html.render(report) == first
    assert compiled == []  # loaded from the cache, not compiled again
    kept.write_bytes(b"not bytecode")
    assert html.render(report) == first  # a damaged entry is compiled again
    assert compiled
