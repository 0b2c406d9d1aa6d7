"""The HTML report in a real browser: headless Chromium (Debian's package ``chromium``) lays out the
demo month's report; every section heading and every chart must be visible, no script may run,
the DOM after load must be what was served, and a screenshot of the whole page is saved.

Skipped with the reason where Chromium is not installed; in CI (.ci/run installs it) it must run.
Set PORTFOLIO_TEST_SCREENSHOTS=FOLDER to keep the screenshot.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.board_pack import demo_json, demo_report, need
from tests.support.chromium import Chromium, find_chromium

pytestmark = pytest.mark.slow

# Run by DevTools in the page, which the page's Content-Security-Policy does not stop.
LAYOUT = """
(() => {
  const seen = (element) => {
    element.scrollIntoView({block: "center", inline: "nearest"});
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 12));
    return {
      width: box.width, height: box.height, left: box.left + scrollX, right: box.right + scrollX,
      display: style.display, visibility: style.visibility, opacity: Number(style.opacity),
      onTop: hit !== null && (hit === element || element.contains(hit)),
      text: element.textContent.trim().replace(/\\s+/g, " ").slice(0, 120),
    };
  };
  return {
    pageWidth: document.documentElement.scrollWidth,
    viewportWidth: innerWidth,
    scripts: document.scripts.length,
    title: document.title,
    sections: [...document.querySelectorAll("section.report-section")].map(
      (section) => ({id: section.id, heading: seen(section.querySelector("h2"))})),
    charts: [...document.querySelectorAll("figure > svg")].map(seen),
  };
})()
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    need(path is not None, "Chromium is not installed (Debian: apt-get install chromium); the browser test needs it")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "virksomhetsrapport-2024-01.html"
    path.write_bytes(demo_report("html"))
    return path


@pytest.fixture(scope="module")
def page(chromium: str, served: Path) -> dict:
    """What Chromium made of the report: the layout, the DOM after load, the console, a screenshot."""
    screenshot = served.with_suffix(".png")
    with Chromium(chromium) as browser:
        browser.open(served.as_uri())
        layout = browser.evaluate(LAYOUT)
        dom = browser.evaluate("document.documentElement.outerHTML")
        size = browser.screenshot(screenshot)
        console = browser.console()
    keep = os.environ.get("PORTFOLIO_TEST_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(screenshot, Path(keep) / screenshot.name)
    return {"layout": layout, "dom": dom, "size": size, "console": console, "screenshot": screenshot}


def _visible(box: dict) -> bool:
    return (
        box["width"] > 0
        and box["height"] > 0
        and box["display"] != "none"
        and box["visibility"] == "visible"
        and box["opacity"] > 0
        and box["onTop"]
    )


def test_every_section_heading_is_visible(page):
    report = demo_json()
    layout = page["layout"]
    assert [s["id"] for s in layout["sections"]] == [f"section-{s['key']}" for s in report["sections"]]
    for shown, section in zip(layout["sections"], report["sections"], strict=True):
        heading = shown["heading"]
        assert heading["text"] == f"{section['number']}. {section['title']}"
        assert _visible(heading), heading
    assert layout["title"] == report["title"]


def test_every_chart_is_drawn_visibly_within_the_page(page):
    report = demo_json()
    figures = [b for s in report["sections"] for b in s["blocks"] if b["type"] == "figure"]
    charts = page["layout"]["charts"]
    assert len(charts) == len(figures) >= 4
    for chart in charts:
        assert _visible(chart), chart
        assert chart["width"] > 300 and chart["height"] > 100
        assert chart["left"] >= 0 and chart["right"] <= page["layout"]["pageWidth"]
    assert page["layout"]["pageWidth"] <= page["layout"]["viewportWidth"]  # nothing wider than the window


class Structure(HTMLParser):
    """A document as its elements, attributes and words, whichever way it was written out."""

    IMPLIED = frozenset({"tbody"})  # the parser adds one to a table without it: not an injection

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.IMPLIED:
            self.items.append(("<", tag, tuple(sorted((name, value or "") for name, value in attrs))))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.IMPLIED:
            self.items.append((">", tag))

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self.items.append(("text", text))


def test_no_script_runs_and_the_dom_after_load_is_what_was_served(page, served):
    html = served.read_text(encoding="utf-8")
    source = Structure(html)
    starts = [item for item in source.items if item[0] == "<"]
    assert not any(tag == "script" for _, tag, _ in starts)
    assert not any(name.startswith("on") for _, _, attrs in starts for name, _ in attrs)
    (policy,) = [
        dict(attrs)["content"] for _, tag, attrs in starts if dict(attrs).get("http-equiv") == "Content-Security-Policy"
    ]
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    assert page["layout"]["scripts"] == 0
    dom = Structure(page["dom"]).items
    served_items = source.items
    first_difference = next(
        (i for i, (a, b) in enumerate(zip(dom, served_items, strict=False)) if a != b), min(len(dom), len(served_items))
    )
    assert dom == served_items, (
        f"the DOM differs from the file at item {first_difference}: {dom[first_difference : first_difference + 3]}"
    )
    assert not [line for line in page["console"] if "Content Security Policy" in line]  # nothing had to be refused


def test_the_policy_stops_a_script_that_slipped_into_the_file(chromium, served, tmp_path):
    """The proof that the policy is real: a copy with a script in it loads without running it."""
    html = served.read_text(encoding="utf-8")
    injected = '<script>document.title = "ran"</script><img src="x" onerror="document.title = \'ran\'"></body>'
    hostile = tmp_path / "hostile.html"
    hostile.write_text(html.replace("</body>", injected, 1), encoding="utf-8")
    with Chromium(chromium) as browser:
        browser.open(hostile.as_uri())
        title = browser.evaluate("document.title")
        console = browser.console()
    assert title == demo_json()["title"]
    assert any("Content Security Policy" in line for line in console), console


def test_the_screenshot_shows_the_whole_report(page):
    from PIL import Image

    with Image.open(page["screenshot"]) as image:
        width, height = image.size
        assert (width, height) == tuple(page["size"])
        assert width == 1280 and height > 5000  # the whole page, not the window
        small = image.convert("RGB").resize((width // 8, height // 8))
    colours = small.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 50  # text, tables, dots and charts, not a blank page
    white = sum(count for count, colour in colours if min(colour) > 245)
    assert white < 0.97 * small.width * small.height
    assert re.fullmatch(r".+\.png", page["screenshot"].name)


TABLE_FIT = """
(() => [...document.querySelectorAll("section.report-section")].flatMap((section) => {
  const column = section.getBoundingClientRect();
  return [...section.querySelectorAll("table")].map((table) => {
    const box = (table.closest(".table-box") || table).getBoundingClientRect();
    const name = table.caption ? table.caption.textContent.trim() : table.rows[0].textContent.trim().slice(0, 40);
    return {section: section.id, table: name, left: box.left - column.left, right: box.right - column.right};
  }).filter((t) => t.left < -1 || t.right > 1);
}))()
"""


@pytest.mark.parametrize("width", [800, 1000, 1280])
def test_every_table_fits_its_sections_text_column(chromium, served, width):
    """A wide table wraps its headings or scrolls inside its own box; it never runs past the
    column of text onto the page's background."""
    with Chromium(chromium) as browser:
        browser.open(served.as_uri(), width=width)
        sticking_out = browser.evaluate(TABLE_FIT)
    assert sticking_out == [], f"at {width} px: {sticking_out}"
