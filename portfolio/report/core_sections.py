"""The core's two report sections: the chief executive's assessment and the portfolio status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from portfolio.report.blocks import (
    Block,
    Column,
    Heading,
    MatrixRow,
    Note,
    Paragraph,
    Row,
    StatusMatrix,
    Table,
)
from portfolio.report.evidence_note import evidence_blocks
from portfolio.report.insight import block_cell
from portfolio.report.sections import SectionContext, SectionSpec, text_blocks

if TYPE_CHECKING:
    from portfolio.services.status_window import StatusWindow

ASSESSMENT_KEY = "assessment"
PORTFOLIO_KEY = "portfolio"


def assessment_blocks(ctx: SectionContext) -> list[Block]:
    from portfolio.services.narratives import assessment_text

    text = assessment_text(ctx.session, ctx.period)
    if not text:
        return [Note(ctx.t("No assessment has been entered for this period."))]
    return text_blocks(text)


def portfolio_blocks(ctx: SectionContext) -> list[Block]:
    from portfolio.services.narratives import narratives

    blocks: list[Block] = []
    for view in narratives(ctx.session, ctx.period):
        blocks.extend(text_blocks(view.text))
    blocks.append(
        Paragraph.of(
            ctx.t("Below is a summary of the status of the project portfolio.")
            + " "
            + ctx.t("Arrows show the change since the last report.")
        )
    )
    from portfolio.report.insight import risk_insight_blocks, status_insight_blocks
    from portfolio.services.status_matrix import status_matrix
    from portfolio.services.status_window import report_status_window

    window = report_status_window(ctx.session, ctx.period, ctx.settings)
    rows = status_matrix(ctx.session, ctx.period, ctx.settings.dimension_keys(), window)
    blocks.append(status_matrix_block(ctx, rows))
    blocks.extend(recovery_blocks(ctx, rows, window))
    blocks.extend(status_insight_blocks(ctx, rows))
    blocks.extend(evidence_blocks(ctx))
    blocks.append(
        Paragraph.of(
            ctx.t(
                "The overview below shows the individual risks the projects reported in the "
                "«red zone», with the measures planned. Note that a project may have «red» risks "
                "in this overview and still be assessed as satisfactory overall, with a «green "
                "light» in its status report."
            )
        )
    )
    blocks.append(Heading(ctx.t("Project risks reported in the red zone")))
    blocks.append(_red_risks(ctx))
    blocks.extend(risk_insight_blocks(ctx))
    return blocks


def status_matrix_block(ctx: SectionContext, matrix: Sequence[Any] | None = None) -> StatusMatrix:
    """The month's summary grid as a report block; ``portfolio status matrix`` shows the same."""
    from portfolio.services.status_matrix import status_matrix

    keys = ctx.settings.dimension_keys()
    if matrix is None:
        matrix = status_matrix(ctx.session, ctx.period, keys)
    rows = []
    footnotes: list[str] = []
    for row in matrix:
        cells = tuple(block_cell(row.cells[key]) for key in keys)
        overridden = row.overridden()
        if overridden:
            footnotes.append(override_footnote(ctx, row, overridden))
            mark = str(len(footnotes))
            cells = tuple(
                replace(cell, mark=mark) if key in overridden else cell for key, cell in zip(keys, cells, strict=True)
            )
        rows.append(MatrixRow(row.label(ctx.t("Programme")), row.kind, row.code, cells))
    return StatusMatrix(
        title=ctx.t("PROJECT STATUS SUMMARY"),
        row_header=ctx.t("PROJECT/PROGRAMME"),
        dimensions=tuple(d.label(ctx.lang) for d in ctx.settings.dimensions),
        rows=tuple(rows),
        note=ctx.t("Arrows show the change since the last report."),
        footnotes=tuple(footnotes),
    )


def rating_word(ctx: SectionContext, rating: str) -> str:
    words = {"green": ctx.t("green"), "yellow": ctx.t("yellow"), "red": ctx.t("red"), "na": ctx.t("not assessed")}
    return words[rating]


def override_footnote(ctx: SectionContext, row: Any, overridden: list[str]) -> str:
    """Where a program's own rating differs from its projects' roll-up, and the PMO's reason."""
    labels = {d.key: d.label(ctx.lang) for d in ctx.settings.dimensions}
    details = "; ".join(
        ctx.t(
            "{dimension} {own} (projects: {rollup})",
            dimension=labels[key],
            own=rating_word(ctx, row.cells[key].rating.value),
            rollup=rating_word(ctx, row.rollup[key].value),
        )
        for key in overridden
    )
    text = ctx.t(
        "{program}: the programme's own rating differs from its projects' roll-up: {details}.",
        program=row.name,
        details=details,
    )
    if row.justification:
        return text + " " + ctx.t("Justification: {text}", text=row.justification)
    return text + " " + ctx.t("No justification has been entered.")


def recovery_blocks(ctx: SectionContext, matrix: Sequence[Any], window: StatusWindow | None = None) -> list[Block]:
    """The recovery actions of the month's yellow and red ratings, beside the matrix and its
    footnotes: who does what by when to bring each back to green; one past its date (before the
    month's last day) says so. Nothing when no rating has one (``check`` lists those without)."""
    from portfolio.services.recovery import recovery_items

    labels = {d.key: d.label(ctx.lang) for d in ctx.settings.dimensions}
    rows_by_subject = {(row.kind, row.code): row.label(ctx.t("Programme")) for row in matrix}
    items = recovery_items(ctx.session, ctx.period, ctx.settings.dimension_keys(), list(rows_by_subject), window)
    planned = [item for item in items if item.action is not None]
    if not planned:
        return []
    rows = []
    for item in planned:
        action = item.action
        assert action is not None  # planned
        due = ctx.fmt.date_short(action.due)
        if action.past_due(ctx.period):
            due = ctx.t("{date} (past due)", date=due)
        subject = rows_by_subject.get((item.kind, item.code), item.name)
        rows.append(
            Row((subject, labels[item.dimension], rating_word(ctx, item.rating.value), action.what, action.owner, due))
        )
    return [
        Table(
            title=ctx.t("Recovery actions for yellow and red ratings"),
            columns=(
                Column("subject", ctx.t("Project/programme"), strong=True),
                Column("dimension", ctx.t("Dimension")),
                Column("rating", ctx.t("Rating")),
                Column("action", ctx.t("Recovery action")),
                Column("owner", ctx.t("Owner")),
                Column("due", ctx.t("Due")),
            ),
            rows=tuple(rows),
        )
    ]


def _red_risks(ctx: SectionContext) -> Table | Note:
    from portfolio.risk_zones import Zone
    from portfolio.services.risks import red_risk_rows

    rows = red_risk_rows(ctx.session, ctx.period, ctx.settings.risk_matrix, Zone.RED)
    if not rows:
        return Note(ctx.t("No project reported a risk in the red zone this period."))
    return Table(
        columns=(
            Column("project", ctx.t("Project"), strong=True),
            Column("description", ctx.t("Risk description")),
            Column("measures", ctx.t("Measures/comments")),
        ),
        rows=tuple(Row((label, description, measures)) for label, description, measures in rows),
    )


def core_sections() -> list[SectionSpec]:
    return [
        SectionSpec(
            ASSESSMENT_KEY,
            {"nb": "Administrerende direktørs vurdering", "en": "Chief executive's assessment"},
            assessment_blocks,
            order=10,
        ),
        SectionSpec(
            PORTFOLIO_KEY,
            {"nb": "Status for prosjektporteføljen", "en": "Project portfolio status"},
            portfolio_blocks,
            order=40,
        ),
    ]
