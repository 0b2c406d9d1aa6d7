"""The benefits section of the board report: each program's benefits (its own and its
projects'), then the standalone projects', with the value realised, its change since last month
and the realisation against target beside the planned curve; and the benefits ratings the
figures contradict.

Each table's rows are labelled "CODE KEY", so ``portfolio report diff`` pairs a benefit across
months by its label.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from portfolio.api import Block, BulletList, Column, Note, Paragraph, Row, SectionContext, SectionSpec, Table

if TYPE_CHECKING:
    from portfolio_gains.history import BenefitView, Group

KEY = "gains"
ORDER = 80  # after the reference report's six sections and the milestones (70)
TITLES = {"nb": "Gevinster", "en": "Benefits"}


def sections() -> list[SectionSpec]:
    return [SectionSpec(key=KEY, titles=TITLES, build=build, order=ORDER)]


def build(ctx: SectionContext) -> list[Block]:
    from portfolio.api import evidence_items
    from portfolio_gains.config import load_config
    from portfolio_gains.evidence import benefit_evidence
    from portfolio_gains.history import benefits_as_of, groups

    config = load_config(ctx.settings)
    views = benefits_as_of(ctx.session, ctx.period)
    month = ctx.fmt.month_name(ctx.period).lower() if ctx.lang == "nb" else ctx.fmt.month_name(ctx.period)
    if not views:
        return [Paragraph.of(ctx.t("No benefits are registered by {month}.", month=month))]
    period = ctx.period
    behind = [v for v in views if v.behind_beyond(period, config.tolerance)]
    blocks: list[Block] = [
        Paragraph.of(
            ctx.t(
                "{count} benefits in {subjects} programs and projects; {behind} more than {tolerance} percentage "
                "points behind their planned curve, {missing} without a value for {month}.",
                count=ctx.fmt.number(len(views)),
                subjects=ctx.fmt.number(len({v.subject for v in views})),
                behind=ctx.fmt.number(len(behind)),
                tolerance=ctx.fmt.number(config.tolerance),
                missing=ctx.fmt.number(sum(1 for v in views if period != v.first and period not in v.values)),
                month=month,
            )
        )
    ]
    evidence = benefit_evidence(ctx, views)
    if evidence:
        blocks.append(Note(ctx.t("Benefits ratings the figures do not bear out:")))
        blocks.append(BulletList.of(evidence_items(ctx, evidence)))
    blocks += [_table(ctx, group) for group in groups(ctx.session, views)]
    return blocks


def _title(ctx: SectionContext, group: Group) -> str:
    if group.code is None:
        return ctx.t("Standalone projects")
    return ctx.t("Program {code} {name}", code=group.code, name=group.name or "")


def _cell(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.1"))


def _row(ctx: SectionContext, view: BenefitView) -> Row:
    period = ctx.period
    return Row(
        (
            view.label,
            f"{view.measure} ({view.unit})",
            view.owner,
            _cell(view.baseline),
            _cell(view.target),
            ctx.fmt.date_long(view.target_date),
            _cell(view.value(period)),
            _cell(view.change(period)),
            view.realisation(period),
            view.planned(period),
        )
    )


def _table(ctx: SectionContext, group: Group) -> Table:
    return Table(
        columns=(
            Column("benefit", ctx.t("Benefit"), strong=True),
            Column("measure", ctx.t("Measure")),
            Column("owner", ctx.t("Owner")),
            Column("baseline", ctx.t("Baseline"), "decimal", 1),
            Column("target", ctx.t("Target"), "decimal", 1),
            Column("target_date", ctx.t("Target date")),
            Column("realised", ctx.t("Realised"), "decimal", 1),
            Column("change", ctx.t("Since last month"), "decimal", 1),
            Column("realisation", ctx.t("Realisation"), "percent", 1),
            Column("planned", ctx.t("Planned"), "percent", 1),
        ),
        rows=tuple(_row(ctx, view) for view in group.benefits),
        title=_title(ctx, group),
        unit_note=ctx.t(
            "Values in each benefit's unit. Realisation: how far the value has come from the baseline towards "
            "the target; planned: where a straight line from the baseline month to the target date is by the "
            "end of the month."
        ),
    )
