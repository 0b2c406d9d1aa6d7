"""Assembling a report: collect every plugin's sections, order them, build each on its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from portfolio.plugin_host import as_list
from portfolio.report.blocks import BLOCK_TYPES, Block, Fingerprint, OmittedSection, Report, Section
from portfolio.report.i18n import LANGUAGES
from portfolio.report.sections import SectionContext, SectionSpec, locale_folders, make_context

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.period import Period
    from portfolio.plugin_host import PluginHost


@dataclass(frozen=True)
class RegisteredSection:
    """A section a plugin offers, and its place in the report's order."""

    plugin: str
    spec: SectionSpec
    position: int  # 1-based place in the report's order


def collect_sections(host: PluginHost, configured_order: Sequence[str] = ()) -> list[RegisteredSection]:
    """Every valid section from every plugin, in the configured order, then by ``order`` and key."""
    found: dict[str, tuple[str, SectionSpec]] = {}
    for plugin, result in host.call("portfolio_report_sections"):
        for spec in as_list(result):
            problem = _invalid(spec)
            if problem:
                host.warn(f"plugin '{plugin}' returned an invalid report section: {problem}")
            elif spec.key in found:
                host.warn(
                    f"plugin '{plugin}' returned section '{spec.key}', which plugin "
                    f"'{found[spec.key][0]}' already provides; ignored"
                )
            else:
                found[spec.key] = (plugin, spec)
    for key in configured_order:
        if key not in found:
            host.warn(f"report section '{key}' in the configuration is provided by no plugin")
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


def build_report(
    app: AppContext,
    session: Session,
    period: Period,
    lang: str,
    *,
    strict: bool = False,
    progress: Callable[[int, str], None] | None = None,
    fingerprint: Fingerprint | bool = True,
) -> Report:
    """The report for ``period``; a failing section is left out and named, or fails with ``strict``.

    ``progress(total, key)`` is called before each section is built (for a progress bar).
    ``fingerprint``: True computes the month's data fingerprint, the one query per table that
    ``report verify`` compares; a ``Fingerprint`` already computed in this session for this month
    is taken as it is (the close builds one report per language from the same data, ``report
    verify`` has computed it to compare); False leaves it out, for a caller that reads only the
    blocks (``report diff``).
    """
    with app.host.strict_mode(strict):
        return _build(app, session, period, lang, progress, fingerprint)


def _build(
    app: AppContext,
    session: Session,
    period: Period,
    lang: str,
    progress: Callable[[int, str], None] | None,
    fingerprint: Fingerprint | bool,
) -> Report:
    from portfolio.database import savepoint_per_plugin

    isolate = savepoint_per_plugin(session)
    data = _fingerprint(app, session, period, fingerprint)
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
        built = app.host.call_one(registered.plugin, f"section '{spec.key}'", _blocks, spec, context, isolate=isolate)
        if built.value is None:
            omitted.append(OmittedSection(spec.key, registered.plugin, built.failure or ""))
            continue
        sections.append(Section(spec.key, len(sections) + 1, spec.title(lang), built.value, registered.plugin))
    title = t("Monthly report as of {date}", date=fmt.date_long(period.last_day))
    return Report(
        title,
        str(period),
        lang,
        tuple(sections),
        tuple(omitted),
        t("Contents"),
        fingerprint=data,
        fingerprint_label=t("Data fingerprint"),
    )


def _fingerprint(
    app: AppContext, session: Session, period: Period, fingerprint: Fingerprint | bool
) -> Fingerprint | None:
    """The month's data fingerprint: the one given, or computed before the sections, while the
    memory holds little besides the shared status read (its sorted lines, 25 MiB on 10,000
    projects, would otherwise come on top of every section's blocks)."""
    if isinstance(fingerprint, Fingerprint):
        if fingerprint.period != str(period):
            raise ValueError(f"the fingerprint given is of {fingerprint.period}, the report of {period}")
        return fingerprint
    if not fingerprint:
        return None
    from portfolio.report.fingerprint import compute_fingerprint

    return compute_fingerprint(session, period, app.host, app.settings)


def _blocks(spec: SectionSpec, context: SectionContext) -> tuple[Block, ...]:
    blocks = tuple(spec.build(context))
    bad = [b for b in blocks if not isinstance(b, BLOCK_TYPES)]
    if bad:
        raise TypeError(f"{type(bad[0]).__name__} is not a report block")
    return blocks
