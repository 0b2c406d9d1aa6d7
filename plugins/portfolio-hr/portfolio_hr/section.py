"""Section 5 of the report, HR/HMS: free text, sick leave against its targets, AML breaches."""

from __future__ import annotations

from portfolio.api import Block, SectionContext, SectionSpec, text_blocks

SECTION_KEY = "hr"
TITLES = {"nb": "HR/HMS", "en": "HR / health, safety and environment"}
ORDER = 50


def build(ctx: SectionContext) -> list[Block]:
    from portfolio_hr.config import load_config
    from portfolio_hr.report_aml import aml_blocks
    from portfolio_hr.report_sick_leave import sick_leave_blocks
    from portfolio_hr.texts import texts

    config = load_config(ctx.settings)
    parts = texts(ctx.session, ctx.period)
    blocks: list[Block] = []
    if "intro" in parts:
        blocks += text_blocks(parts["intro"])
    blocks += sick_leave_blocks(ctx, config, parts)
    blocks += aml_blocks(ctx, config, parts.get("aml"))
    return blocks


def sections() -> list[SectionSpec]:
    return [SectionSpec(key=SECTION_KEY, titles=TITLES, build=build, order=ORDER)]
