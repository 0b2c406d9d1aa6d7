"""The note beside the status matrix: ratings the plugins' data does not bear out."""

from __future__ import annotations

from portfolio.report.blocks import Block, BulletList, Note
from portfolio.report.sections import SectionContext


def evidence_blocks(ctx: SectionContext) -> list[Block]:
    """A note and one bullet per contradicted rating; nothing when the data agrees."""
    if ctx.app is None:
        return []
    from portfolio.evidence import collect_evidence

    found = collect_evidence(ctx.app, ctx.session, ctx.period, ctx.lang)
    if not found:
        return []
    return [
        Note(ctx.t("The data does not bear out these ratings:")),
        BulletList.of([evidence.text or evidence.message for _plugin, evidence in found]),
    ]
