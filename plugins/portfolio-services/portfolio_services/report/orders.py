"""New services: the free text first (as in the seed), the generated summary against the same
time last year, and the key figures in three groups."""

from __future__ import annotations

from portfolio.api import (
    Block,
    BulletList,
    Heading,
    KeyFigure,
    KeyFigures,
    Note,
    Paragraph,
    SectionContext,
    text_blocks,
)
from portfolio_services.choices import CATEGORIES
from portfolio_services.config import ServicesConfig
from portfolio_services.keyfigures import KeyFigureSet, figure_keys, has_orders, key_figures
from portfolio_services.report.words import level, raw


def orders_blocks(ctx: SectionContext, config: ServicesConfig, text: str | None) -> list[Block]:
    blocks: list[Block] = [Heading(ctx.t("New services (shared inbox)"))]
    if text:
        blocks += text_blocks(text)
    if not has_orders(ctx.session):
        blocks.append(Note(ctx.t("No orders have been recorded in New services.")))
        return blocks
    figures = key_figures(ctx.session, ctx.period.last_day, config.categories)
    date = ctx.fmt.date_long(ctx.period.last_day)
    blocks.append(Paragraph.of(ctx.t("Case volume as of {date} in summary:", date=date)))
    blocks.append(BulletList.of(summary(ctx, config, figures)))
    blocks.append(key_figures_block(ctx, figures, config.categories))
    return blocks


def summary(ctx: SectionContext, config: ServicesConfig, figures: KeyFigureSet) -> list[str]:
    """The seed's four comparisons of so far this year with the same time last year."""
    now, then = figures.so_far_this_year, figures.same_span_last_year
    year = figures.spans.last_year.start.year
    sentences = _comparisons(ctx)
    items = []
    for key in ("received", "offers_sent", "delivered", "hours"):
        a, b = now.value(key), then.value(key)
        template = sentences[key, level(a, b, config.level_tolerance)]
        items.append(template.format(year=year, now=ctx.fmt.number(a), then=ctx.fmt.number(b)))
    return items


def _comparisons(ctx: SectionContext) -> dict[tuple[str, str], str]:
    """Each comparison's sentence, by figure and by above, below or on a level."""
    t = ctx.t
    return {
        ("received", "above"): t("The number of orders is above the level at the same time in {year} ({now}/{then})"),
        ("received", "below"): t("The number of orders is below the level at the same time in {year} ({now}/{then})"),
        ("received", "level"): t("The number of orders is at the level of the same time in {year} ({now}/{then})"),
        ("offers_sent", "above"): t(
            "The number of solution designs and offers delivered is above the level at the same "
            "time in {year} ({now}/{then})"
        ),
        ("offers_sent", "below"): t(
            "The number of solution designs and offers delivered is below the level at the same "
            "time in {year} ({now}/{then})"
        ),
        ("offers_sent", "level"): t(
            "The number of solution designs and offers delivered is at the level of the same "
            "time in {year} ({now}/{then})"
        ),
        ("delivered", "above"): t(
            "The total number of deliveries is higher than the number delivered at the same time "
            "in {year} ({now}/{then})"
        ),
        ("delivered", "below"): t(
            "The total number of deliveries is lower than the number delivered at the same time "
            "in {year} ({now}/{then})"
        ),
        ("delivered", "level"): t(
            "The total number of deliveries is at the level of the number delivered at the same "
            "time in {year} ({now}/{then})"
        ),
        ("hours", "above"): t("Hours spent are above the level at the same time in {year} ({now}/{then})"),
        ("hours", "below"): t("Hours spent are below the level at the same time in {year} ({now}/{then})"),
        ("hours", "level"): t("Hours spent are at the level of the same time in {year} ({now}/{then})"),
    }


def _labels(ctx: SectionContext, categories: tuple[str, ...] = CATEGORIES) -> dict[str, tuple[str, str, str]]:
    """Each figure's label in the three groups: so far this year, same time, last year; a
    configured category other than the three built-in ones is named by its key."""
    labels = {
        key: (
            ctx.t("Delivered so far this year, {category}", category=key),
            ctx.t("Delivered same time last year, {category}", category=key),
            ctx.t("Delivered last year in total, {category}", category=key),
        )
        for key in categories
    }
    return labels | {
        "received": (
            ctx.t("Orders received so far this year"),
            ctx.t("Orders received same time last year"),
            ctx.t("Orders received last year in total"),
        ),
        "offers_sent": (
            ctx.t("Offers sent so far this year"),
            ctx.t("Offers sent same time last year"),
            ctx.t("Offers sent last year in total"),
        ),
        "delivered": (
            ctx.t("Total delivered so far this year"),
            ctx.t("Total delivered same time last year"),
            ctx.t("Total delivered last year"),
        ),
        "new-service": (
            ctx.t("New services delivered so far this year"),
            ctx.t("New services delivered same time last year"),
            ctx.t("New services delivered last year in total"),
        ),
        "advisory": (
            ctx.t("Advisory delivered so far this year"),
            ctx.t("Advisory delivered same time last year"),
            ctx.t("Advisory delivered last year in total"),
        ),
        "network": (
            ctx.t("Network services delivered so far this year"),
            ctx.t("Network services delivered same time last year"),
            ctx.t("Network services delivered last year in total"),
        ),
        "hours": (
            ctx.t("Hours spent so far this year"),
            ctx.t("Hours spent same time last year"),
            ctx.t("Hours spent last year in total"),
        ),
    }


def key_figures_block(
    ctx: SectionContext, figures: KeyFigureSet, categories: tuple[str, ...] = CATEGORIES
) -> KeyFigures:
    """Three groups of seven figures (one per configured category besides the four), laid out
    as the seed's three columns."""
    labels = _labels(ctx, categories)
    groups = (figures.so_far_this_year, figures.same_span_last_year, figures.last_year)
    items = tuple(
        KeyFigure(labels[key][index], raw(group.value(key)) or 0, "integer")
        for index, group in enumerate(groups)
        for key in figure_keys(categories)
    )
    return KeyFigures(
        figures=items,
        groups=(
            ctx.t("So far this year"),
            ctx.t("Same period last year"),
            ctx.t("Last year in total"),
        ),
        title=ctx.t("Key figures for deliveries in New services"),
    )
