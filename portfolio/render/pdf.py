"""The report as an A4 PDF: the HTML report laid out by WeasyPrint with a paged-media stylesheet.

WeasyPrint implements CSS paged media, so the board pack gets what a browser's print cannot give:
the table of contents with the page each section starts on (``target-counter``), running headers
and footers in the page margins, table rows that are never split between two pages, and the SVG
charts drawn as vectors. It is an optional extra (``pip install "portfolio[pdf]"``) that needs
Pango from the system; without either, one line says what to install.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from portfolio.errors import PortfolioError
from portfolio.period import Period
from portfolio.report.blocks import Report

INSTALL_HINT = (
    "install it with: pip install 'portfolio[pdf]' (it needs Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
)

# Laid over the HTML report's own print rules: page furniture, the contents' page numbers, rows
# kept whole, a short table never split, a heading or a lead sentence kept with what follows, and
# the print fonts (Liberation Sans has Arial's widths; DejaVu Sans is wider).
PRINT_CSS = """
html { font-size: 12.5px; }
body { font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; background: #fff; }
main { max-width: none; padding: 0; }
section.report-section > h2 { string-set: section content(); }
nav ol li a::after { content: leader(".") target-counter(attr(href), page); color: var(--muted); }
nav ol { list-style: none; padding-left: 0; }
nav ol li { margin: .15rem 0; }
nav ol li::before { content: attr(value) ". "; }
table { break-inside: auto; }
table.short { break-inside: avoid; }
p.lead { break-after: avoid; }
thead { display: table-header-group; }
tr, .key-figure, figure, caption { break-inside: avoid; }
h2, h3, caption, figcaption { break-after: avoid; }
th.num { white-space: normal; }
details.figure-data { display: none; }
figure img.chart { width: 100%; height: auto; }
/* On paper a dot's colour may not survive the printer: its letter and arrow are printed beside it. */
table.matrix .sr { position: static; width: auto; height: auto; overflow: visible; clip: auto;
                   font-size: .72rem; color: var(--muted); margin-left: .2em; }
table.matrix .arrow { display: none; }
"""

PLACEHOLDER = re.compile(r"\{(page|pages)\}")
INLINE_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string; quotes, backslashes, controls and angle brackets escaped."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>' or ord(char) < 0x20 or ord(char) == 0x7F else char for char in text
    )
    return f'"{escaped}"'


def page_counter(label: str) -> str:
    """'Side {page} av {pages}' as CSS content: the strings quoted, the placeholders as counters."""
    parts = []
    for index, piece in enumerate(PLACEHOLDER.split(label)):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts) or "counter(page)"


def page_css(report: Report, page_label: str) -> str:
    """The A4 page: the report's title and the current section in the header, the page in the footer."""
    margin_text = 'font: 8pt "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; color: #5a5a5a;'
    return f"""
@page {{
  size: A4;
  margin: 18mm 15mm 16mm 15mm;
  @top-left {{ content: {css_string(report.title)}; {margin_text} }}
  @top-right {{ content: string(section); {margin_text} }}
  @bottom-right {{ content: {page_counter(page_label)}; {margin_text} }}
}}
@page :first {{
  @top-left {{ content: none; }}
  @top-right {{ content: none; }}
}}
"""


def print_html(report: Report) -> str:
    """The HTML report with the paged-media stylesheet laid over its own."""
    from portfolio.render.html import render as render_html
    from portfolio.report.i18n import Translator

    t = Translator(report.lang)
    page_label = t("Page {page} of {pages}")
    html = render_html(report)
    from portfolio.report.verify import identity_text

    keywords = f'<meta name="keywords" content="{identity_text("pdf", report.lang, report.period)}">'  # report verify
    style = f"{keywords}\n<style>{PRINT_CSS}{page_css(report, page_label)}</style>\n</head>"
    if "</head>" not in html:
        raise RuntimeError("the HTML report has no </head> to add the print stylesheet to")
    return INLINE_SVG.sub(_chart_image, html.replace("</head>", style, 1))


def _chart_image(match: re.Match[str]) -> str:
    """An inline chart as an SVG image of its own, still drawn as vectors.

    matplotlib's element ids repeat from one chart to the next, and WeasyPrint would run the
    page's CSS over every node of every chart; as separate SVG documents neither happens.
    """
    data = base64.b64encode(match.group(0).encode("utf-8")).decode("ascii")
    return f'<img class="chart" alt="" src="data:image/svg+xml;base64,{data}">'


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError:
        raise PortfolioError(f"PDF output needs WeasyPrint; {INSTALL_HINT}") from None
    except OSError as exc:  # WeasyPrint is there, the system's Pango is not
        missing = f"PDF output needs Pango, which WeasyPrint could not load ({exc})"
        raise PortfolioError(f"{missing}; {INSTALL_HINT}") from None
    return weasyprint


SOURCE_DATE = "SOURCE_DATE_EPOCH"


def document(report: Report) -> Any:
    """The laid-out pages (a WeasyPrint Document): tests look at its boxes, render() writes it."""
    weasyprint = _weasyprint()
    logger = logging.getLogger("weasyprint")
    previous, logger.propagate = logger.propagate, False  # CSS it skips is not the user's business
    try:
        # The report is one self-contained file: nothing but its own data: URLs is ever loaded.
        fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("data",))
        html = weasyprint.HTML(string=print_html(report), url_fetcher=fetcher, media_type="print")
        return html.render()
    finally:
        logger.propagate = previous


PRINT_FONT = "Liberation Sans"
FONT_HINT = "apt-get install fonts-liberation"


def render(report: Report, **_options: Any) -> bytes:
    """The report as PDF bytes: the same bytes for the same report, on any day."""
    if not print_font_installed():
        print(
            f"warning: the PDF's print font {PRINT_FONT} is not installed, so it is set in a wider "
            f"fallback font (DejaVu Sans) and its pages differ; install it with: {FONT_HINT}",
            file=sys.stderr,
        )
    with _source_date(report.period):
        return document(report).write_pdf()


def print_font_installed() -> bool:
    """Whether fontconfig, which lays out the PDF's text, has the print font (Arial's widths).

    Asked with ``fc-list``, which comes with fontconfig; without it, taken as installed rather
    than warning on a guess.
    """
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True
    try:
        found = subprocess.run([fc_list, PRINT_FONT, "family"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return True
    return PRINT_FONT in found.stdout


@contextmanager
def _source_date(period: str) -> Iterator[None]:
    """Date the build by the report's month (the reproducible-builds ``SOURCE_DATE_EPOCH``).

    Why: where HarfBuzz cannot subset the fonts (no libharfbuzz-subset), fontTools does, and it
    stamps every subset with the time it was made unless this variable names one. One set by
    the caller is left as it is.
    """
    if SOURCE_DATE in os.environ:
        yield
        return
    day = Period.parse(period).last_day
    os.environ[SOURCE_DATE] = str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        os.environ.pop(SOURCE_DATE, None)
