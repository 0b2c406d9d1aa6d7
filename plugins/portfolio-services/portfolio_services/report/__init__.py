"""Section 3 of the board report, "Tjenester/produksjon": built from the plugin's records."""

from __future__ import annotations

from portfolio.api import Block, SectionContext, text_blocks


def build_section(ctx: SectionContext) -> list[Block]:
    """The introduction, then the support desk, New services and operations, as in the seed."""
    from portfolio_services.config import config_of
    from portfolio_services.report.operations import operations_blocks
    from portfolio_services.report.orders import orders_blocks
    from portfolio_services.report.support import support_blocks
    from portfolio_services.report.trends import trend_block
    from portfolio_services.texts import texts_for

    config = config_of(ctx.settings)
    texts = texts_for(ctx.session, ctx.period)
    blocks: list[Block] = text_blocks(texts["intro"]) if "intro" in texts else []
    trends = trend_block(ctx)
    if trends is not None:
        blocks.append(trends)
    blocks += support_blocks(ctx, config, texts.get("support"))
    blocks += orders_blocks(ctx, config, texts.get("orders"))
    blocks += operations_blocks(ctx, config, texts.get("incidents"))
    return blocks
