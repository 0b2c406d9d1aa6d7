"""Evidence in the report: every plugin's rules that compare a rating with data, and the note
beside the status matrix listing the ratings the data does not bear out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from portfolio.evidence import Evidence
from portfolio.plugin_host import as_list
from portfolio.report.sections import SectionContext

if TYPE_CHECKING:  # the blocks only when the report is built: `check` collects evidence without them
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.period import Period
    from portfolio.report.blocks import Block


def collect_evidence(app: AppContext, session: Session, period: Period, lang: str) -> list[tuple[str, Evidence]]:
    """(plugin, evidence) from every plugin's rules, each called with a context of its own catalog.

    A plugin whose rule raises, or returns something else than Evidence, is named in a warning
    and the others still count.
    """
    from portfolio.database import savepoint_per_plugin
    from portfolio.report.sections import locale_folders, make_context

    folders = locale_folders(app.host)
    base = make_context(app, session, period, lang, "core", folders)
    found: list[tuple[str, Evidence]] = []
    for plugin, result in app.host.call(
        "portfolio_evidence",
        ctx=base,
        per_plugin=lambda name: {"ctx": make_context(app, session, period, lang, name, folders)},
        isolate=savepoint_per_plugin(session),
        expect=Evidence,
    ):
        found.extend((plugin, item) for item in as_list(result))
    return sorted(found, key=lambda pair: (pair[1].subject, pair[1].dimension, pair[1].code))


SHOWN_PER_RULE = 10  # a rule's contradictions told one by one; the rest are named in one line


def evidence_items(ctx: SectionContext, evidence: Sequence[Evidence]) -> list[str]:
    """The report's lines for ``evidence``, in its order: one per contradicted rating, up to ten per
    rule; a rule that finds more says how many more in one line after them, and names their projects
    and programs (each once).

    A board reads ten sentences of one kind; it does not read eight thousand. The full list is
    what ``portfolio check`` prints.
    """
    lines: list[str] = []
    rest: dict[str, list[Evidence]] = {}
    told: dict[str, int] = {}
    for item in evidence:
        if told.get(item.code, 0) < SHOWN_PER_RULE:
            told[item.code] = told.get(item.code, 0) + 1
            lines.append(item.text or item.message)
        else:
            rest.setdefault(item.code, []).append(item)
    for code, items in rest.items():
        subjects = dict.fromkeys(item.subject for item in items)  # a project may be named twice by one rule
        lines.append(
            ctx.t(
                "{count} more by the same rule ({code}): {subjects}.",
                count=ctx.fmt.number(len(items)),
                code=code,
                subjects=", ".join(subjects),
            )
        )
    return lines


def evidence_blocks(ctx: SectionContext) -> list[Block]:
    """A note and one bullet per contradicted rating (ten per rule at most); nothing when the data agrees."""
    if ctx.app is None:
        return []
    found = collect_evidence(ctx.app, ctx.session, ctx.period, ctx.lang)
    if not found:
        return []
    from portfolio.report.blocks import Note

    return [
        Note(
            ctx.t("The data does not bear out these ratings:"),
            items=tuple(evidence_items(ctx, [evidence for _plugin, evidence in found])),
        )
    ]
