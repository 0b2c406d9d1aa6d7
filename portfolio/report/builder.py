"""Assembling a report: collect every plugin's sections, order them, build each on its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.errors import PortfolioError
from portfolio.report.blocks import BLOCK_TYPES, OmittedSection, Report, Section
from portfolio.report.i18n import LANGUAGES
from portfolio.report.sections import SectionContext, SectionSpec

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.period import Period
    from portfolio.plugins import PluginHost


@dataclass(frozen=True)
class RegisteredSection:
    """A section a plugin offers, and its place in the report's order."""

    plugin: str
    spec: SectionSpec
    position: int  # 1-based place in the report's order


def collect_sections(host: PluginHost, configured_order: Sequence[str] = ()) -> list[RegisteredSection]:
    """Every valid section from every plugin, in the configured order, then by ``order`` and key."""
    found: dict[str, tuple[str, SectionSpec]] = {}
    for plugin, result in host.call_each("portfolio_report_sections"):
        items = result if isinstance(result, list | tuple) else [result]
        for spec in items:
            problem = _invalid(spec)
            if problem:
                host.report(f"plugin '{plugin}' returned an invalid report section: {problem}")
            elif spec.key in found:
                host.report(
                    f"plugin '{plugin}' returned section '{spec.key}', which plugin "
                    f"'{found[spec.key][0]}' already provides; ignored"
                )
            else:
                found[spec.key] = (plugin, spec)
    for key in configured_order:
        if key not in found:
            host.report(f"report section '{key}' in the configuration is provided by no plugin")
    rank = {key: index for index, key in enumerate(configured_order)}
    ordered = sorted(
        found.values(),
        key=lambda item: (rank.get(item[1].key, len(rank)), item[1].order, item[1].key),
    )
    return [RegisteredSection(plugin, spec, n) for n, (plugin, spec) in enumerate(ordered, start=1)]


def _invalid(spec: Any) -> str | None:
    if not isinstance(spec, SectionSpec):
        return f"{type(spec).__name__} is not a SectionSpec"
    missing = [lang for lang in LANGUAGES if not spec.titles.get(lang)]
    if missing:
        return f"section '{spec.key}' has no title in {', '.join(missing)}"
    if not callable(spec.build):
        return f"section '{spec.key}' has no build function"
    return None


def locale_folders(host: PluginHost) -> dict[str, Path]:
    """Each plugin's catalog folder, by plugin name."""
    return {plugin: Path(folder) for plugin, folder in host.call_each("portfolio_locales")}


def make_context(
    app: AppContext,
    session: Session,
    period: Period,
    lang: str,
    plugin: str = "core",
    folders: dict[str, Path] | None = None,
) -> SectionContext:
    """The context a section builder gets: data, month, language, labels and number formats.

    Labels come from the plugin's own catalog first, then the core's: two plugins may translate
    the same English id differently without one overriding the other.
    """
    from portfolio.report.formatting import Formatter
    from portfolio.report.i18n import Translator

    if folders is None:
        folders = locale_folders(app.host)
    own = [folders[plugin]] if plugin in folders else []
    return SectionContext(session, period, lang, app.settings, Translator(lang, own), Formatter(lang), app)


def build_report(
    app: AppContext,
    session: Session,
    period: Period,
    lang: str,
    *,
    strict: bool = False,
    progress: Callable[[int, str], None] | None = None,
) -> Report:
    """The report for ``period``; a failing section is left out and named, or fails with ``strict``.

    ``progress(total, key)`` is called before each section is built (for a progress bar).
    """
    folders = locale_folders(app.host)
    core = make_context(app, session, period, lang, "core", folders)
    t, fmt = core.t, core.fmt
    sections: list[Section] = []
    omitted: list[OmittedSection] = []
    registered_sections = collect_sections(app.host, app.settings.report_sections)
    for registered in registered_sections:
        spec = registered.spec
        if progress is not None:
            progress(len(registered_sections), spec.key)
        context = make_context(app, session, period, lang, registered.plugin, folders)
        try:
            blocks = tuple(spec.build(context))
            bad = [b for b in blocks if not isinstance(b, BLOCK_TYPES)]
            if bad:
                raise TypeError(f"{type(bad[0]).__name__} is not a report block")
        except Exception as exc:
            reason = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}".rstrip(
                ": "
            )
            if strict:
                raise PortfolioError(
                    f"section '{spec.key}' from plugin '{registered.plugin}' failed: {reason}"
                ) from None
            app.host.report(f"section '{spec.key}' from plugin '{registered.plugin}' left out: {reason}")
            omitted.append(OmittedSection(spec.key, registered.plugin, reason))
            continue
        sections.append(Section(spec.key, len(sections) + 1, spec.title(lang), blocks, registered.plugin))
    title = t("Monthly report as of {date}", date=fmt.date_long(period.last_day))
    from portfolio.report.fingerprint import compute_fingerprint

    return Report(
        title,
        str(period),
        lang,
        tuple(sections),
        tuple(omitted),
        t("Contents"),
        fingerprint=compute_fingerprint(session, period, app.host, app.settings),
        fingerprint_label=t("Data fingerprint"),
    )
