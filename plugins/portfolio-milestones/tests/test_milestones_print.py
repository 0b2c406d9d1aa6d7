"""The board pack (PDF) shows the milestone trend chart of each project with a slipped milestone,
drawn as vectors, its axes labelled and its legend naming every line, all readable on paper."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from portfolio.testing import Runner, ok, printed_text, raster_images

SMALLEST_PT = 7.0  # the smallest type a board member reads on the printed page
HEADING_PT = 14.0  # a section's heading: where the milestone section's last chart has ended


def need_pdf_tools() -> None:
    """Skip without Typst (or pypdf) on a developer's machine; CI sets the variable and fails."""
    try:
        import pypdf  # noqa: F401
        import typst  # noqa: F401
    except (ImportError, OSError) as exc:
        reason = f"the PDF cannot be built and read here ({exc}); pip install typst pypdf"
        if os.environ.get("PORTFOLIO_TEST_REQUIRE_TOOLS"):
            pytest.fail(reason)
        pytest.skip(reason)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_board_pack_draws_each_slipped_projects_trend_as_vectors_readable_on_paper(
    ms_demo: Runner, tmp_path: Path, lang: str
) -> None:
    need_pdf_tools()
    out = tmp_path / f"board-{lang}.pdf"
    ok(ms_demo("report", "build", "--period", "2024-01", "--format", "pdf", "--lang", lang, "-o", str(out)))
    report = json.loads(
        ok(ms_demo("report", "build", "--period", "2024-01", "--format", "json", "--lang", lang)).stdout
    )
    (section,) = [s for s in report["sections"] if s["key"] == "milestones"]
    figures = [b for b in section["blocks"] if b["type"] == "figure"]
    assert [f["title"].split(":")[0] for f in figures] == ["NYESYK", "FAF", "SMT", "IFRONT"]  # TP2 has not slipped
    data = out.read_bytes()
    assert raster_images(data) == 0  # every chart is drawn as vectors, none turned into pixels
    texts = printed_text(data)
    pages = {t.page for t in texts if squash(t.text) == squash(f"{section['number']}. {section['title']}")}
    on_pages = [t for t in texts if min(pages) <= t.page]
    # each chart's text: what is printed from its title to the next one (or the next section's
    # heading), joined, since an engine may print an SVG's text a glyph at a time
    starts = [next(i for i, t in enumerate(on_pages) if squash(t.text) == squash(f["title"])) for f in figures]
    last = next((i for i, t in enumerate(on_pages) if i > starts[-1] and t.size >= HEADING_PT), len(on_pages))
    for figure, begin, stop in zip(figures, starts, [*starts[1:], last], strict=True):
        chart = on_pages[begin + 1 : stop]
        joined = "".join(squash(t.text) for t in chart)
        wanted = [figure["x_label"], figure["y_label"], *figure["categories"], *(s["name"] for s in figure["series"])]
        for text in wanted:  # the axes, their month labels and the legend, one entry per milestone
            assert squash(text) in joined, f"{text!r} is not printed in the chart {figure['title']!r}"
        smallest = min(t.size for t in chart)
        assert smallest >= SMALLEST_PT, f"the chart {figure['title']!r} prints text at {smallest} pt"
    assert all(not squash(t.text).startswith("TP2:") for t in on_pages)  # no chart for TP2
    if lang == "nb":
        assert (figures[0]["x_label"], figures[0]["y_label"]) == ("Rapportert måned", "Dager etter baseline")
    else:
        assert (figures[0]["x_label"], figures[0]["y_label"]) == ("Month reported", "Days past baseline")
        assert [s["name"] for s in figures[0]["series"]] == ["HFEST IKT klar i nye Hammerfest sykehus"]
