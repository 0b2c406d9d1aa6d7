"""The core's two report sections: the chief executive's assessment and the portfolio status."""

from __future__ import annotations

from portfolio.report.blocks import (
    Block,
    Column,
    Heading,
    MatrixCell,
    MatrixRow,
    Note,
    Paragraph,
    Row,
    StatusMatrix,
    Table,
)
from portfolio.report.sections import SectionContext, SectionSpec, text_blocks

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
    blocks.append(status_matrix_block(ctx))
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
    return blocks


def status_matrix_block(ctx: SectionContext) -> StatusMatrix:
    """The month's summary grid as a report block; ``portfolio status matrix`` shows the same."""
    from portfolio.services.matrix import status_matrix

    keys = ctx.settings.dimension_keys()
    rows = []
    for row in status_matrix(ctx.session, ctx.period, keys):
        cells = tuple(
            MatrixCell(
                row.cells[key].rating.value if row.cells[key].rating else None,
                row.cells[key].trend.value if row.cells[key].trend else None,
            )
            for key in keys
        )
        rows.append(MatrixRow(row.label(ctx.t("Programme")), row.kind, row.code, cells))
    return StatusMatrix(
        title=ctx.t("PROJECT STATUS SUMMARY"),
        row_header=ctx.t("PROJECT/PROGRAMME"),
        dimensions=tuple(d.label(ctx.lang) for d in ctx.settings.dimensions),
        rows=tuple(rows),
        note=ctx.t("Arrows show the change since the last report."),
    )


def _red_risks(ctx: SectionContext) -> Table | Note:
    from portfolio.risk_matrix import Zone
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
