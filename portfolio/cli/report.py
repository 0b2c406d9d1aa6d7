"""``portfolio report``: build the monthly board report, and list its sections."""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.cli.output import emit, format_option, is_tty
from portfolio.cli.params import BEGUN_PERIOD
from portfolio.cli.report_output import FILE_ONLY_FORMATS, REPORT_FORMATS, show_report
from portfolio.cli.root import pass_app
from portfolio.config import LANGUAGES, Settings
from portfolio.context import AppContext
from portfolio.period import Period

REPORT_PROGRESS_SECTIONS = 3  # a bar on a terminal from this many sections on


@click.group("report")
def report_group() -> None:
    """The monthly board report."""


@report_group.command("build")
@click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="terminal", show_default=True)
@click.option("--lang", type=click.Choice(LANGUAGES), help="Report language (default from config: nb).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of standard output.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--strict", is_flag=True, help="Fail when a section cannot be built, instead of leaving it out.")
@click.option("--color/--no-color", default=None, help="Colour in the terminal format (default: when a terminal).")
@pass_app
def build(
    app: AppContext,
    period: Period,
    fmt: str,
    lang: str | None,
    output: Path | None,
    force: bool,
    strict: bool,
    color: bool | None,
) -> None:
    """Build the report for a month in the terminal, Markdown, HTML, JSON, PDF or Excel.

    A closed month's report is the one archived when it was closed (`report archive list`).
    """
    if fmt in FILE_ONLY_FORMATS and output is None:
        raise click.UsageError(f"--format {fmt} writes a file: name it with -o, e.g. -o report-{period}.{fmt}")
    from portfolio.files import check_output
    from portfolio.report.archive import report_for

    if output is not None:
        check_output(output, force=force)  # before the work, not after it

    from portfolio.cli.progress import StepBar

    lang = lang or app.settings.lang
    # a bar on the terminal's stderr, unless the report itself is printed there
    bar = StepBar("Building the report", threshold=REPORT_PROGRESS_SECTIONS, allowed=output is not None or not is_tty())
    try:
        with app.reading() as session:
            report = report_for(app, session, period, lang, strict=strict, progress=bar)
    finally:
        bar.close()
    show_report(report, fmt, output, force=force, color=color)


@report_group.command("sections")
@format_option
@pass_app
def sections(app: AppContext, fmt: str) -> None:
    """Which sections exist, from which plugin, in which order."""
    from portfolio.report.builder import collect_sections

    lang = app.settings.lang
    rows = [
        {
            "number": r.position,
            "key": r.spec.key,
            "title": r.spec.title(lang),
            "plugin": r.plugin,
            "order": r.spec.order,
        }
        for r in collect_sections(app.host, app.settings.report_sections)
    ]
    emit(rows, [("number", "No."), ("key", "Key"), ("title", "Title"), ("plugin", "Plugin"), ("order", "Order")], fmt)


def register(cli: click.Group, settings: Settings) -> None:
    from portfolio.cli.report_archive import archive_group
    from portfolio.cli.report_diff import diff
    from portfolio.cli.report_verify import verify

    report_group.add_command(diff)
    report_group.add_command(verify)
    report_group.add_command(archive_group)
    cli.add_command(report_group)
