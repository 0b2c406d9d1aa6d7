"""What the board does not see elsewhere: missing and copied statuses, a dimension month by month,
and how the risks moved since the last report. Blocks of the core's portfolio section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from portfolio.period import Period
from portfolio.report.blocks import (
    Block,
    Column,
    Heading,
    HeatCell,
    HeatMap,
    MatrixCell,
    MatrixRow,
    Note,
    Row,
    StatusMatrix,
    Table,
)
from portfolio.report.sections import SectionContext

if TYPE_CHECKING:
    from portfolio.services.status_window import StatusWindow


_BLOCK_CELLS: dict[Any, MatrixCell] = {}


def block_cell(cell: Any) -> MatrixCell:
    """A matrix cell (a rating and its trend) as a report block, made once per pair: a large
    matrix has tens of thousands of cells and only a few dozen kinds."""
    found = _BLOCK_CELLS.get(cell)
    if found is None:
        rating, trend = cell
        found = _BLOCK_CELLS[cell] = MatrixCell(rating.value if rating else None, trend.value if trend else None)
    return found


def status_insight_blocks(ctx: SectionContext, matrix: Sequence[Any]) -> list[Block]:
    """Notes on projects that reported nothing or the same as before, then the configured grids."""
    from portfolio.services.stale import unchanged_statuses
    from portfolio.services.status_window import report_status_window

    blocks: list[Block] = []
    missing = [r.label() for r in matrix if r.kind == "project" and all(c.rating is None for c in r.cells.values())]
    if missing:
        blocks.append(
            Note(
                ctx.t(
                    "No status reported for {month}: {projects}.",
                    month=ctx.fmt.month_name(ctx.period),
                    projects=", ".join(missing),
                )
            )
        )
    months = ctx.settings.unchanged_months
    window = report_status_window(ctx.session, ctx.period, ctx.settings)
    unchanged = unchanged_statuses(ctx.session, ctx.period, months, window)
    if unchanged:
        blocks.append(
            Note(
                ctx.t(
                    "Ratings and comments unchanged for {months} months running: {projects}.",
                    months=months,
                    projects=", ".join(item.name for item in unchanged),
                )
            )
        )
    for dimension in ctx.settings.grid_dimensions():
        block, _months = status_grid_block(ctx, dimension, ctx.settings.status_grid_months, window)
        blocks.append(block)
    return blocks


def status_grid_block(
    ctx: SectionContext, dimension: str, months: int, window: StatusWindow | None = None
) -> tuple[StatusMatrix, list[Period]]:
    """One dimension over the last months as a matrix whose columns are months (from ``window``
    when it holds them)."""
    from portfolio.services.grid import status_grid

    periods, grid = status_grid(ctx.session, ctx.period, dimension, months, window)
    label = next(d.label(ctx.lang) for d in ctx.settings.dimensions if d.key == dimension)
    rows = tuple(
        MatrixRow(
            item.row.label(ctx.t("Programme")),
            item.row.kind,
            item.row.code,
            tuple(map(block_cell, item.cells)),
        )
        for item in grid
    )
    block = StatusMatrix(
        title=ctx.t("{dimension}, THE LAST {months} MONTHS", dimension=label.upper(), months=months),
        row_header=ctx.t("PROJECT/PROGRAMME"),
        dimensions=tuple(ctx.fmt.month_name(p, abbreviated=True) for p in periods),
        rows=rows,
        note=ctx.t("One dot per month; arrows show the change from the month before."),
    )
    return block, periods


def risk_insight_blocks(ctx: SectionContext) -> list[Block]:
    """Risk movement since the last report, with the residual score beside the score, and the risk map."""
    from portfolio.services.risk_movement import risk_movement

    blocks: list[Block] = [Heading(ctx.t("Risk movement since the last report"))]
    moves = risk_movement(ctx.session, ctx.period, ctx.settings.risk_matrix)
    if not moves:
        blocks.append(Note(ctx.t("No risk was opened, closed or moved into or out of the red zone this period.")))
    else:
        words = {
            "new": ctx.t("New"),
            "closed": ctx.t("Closed"),
            "escalated": ctx.t("Into the red zone"),
            "de-escalated": ctx.t("Out of the red zone"),
        }
        blocks.append(
            Table(
                columns=(
                    Column("change", ctx.t("Change"), strong=True),
                    Column("project", ctx.t("Project")),
                    Column("description", ctx.t("Risk description")),
                    Column("before", ctx.t("Score last month"), "integer"),
                    Column("score", ctx.t("Score"), "integer"),
                    Column("residual", ctx.t("Residual score"), "integer"),
                ),
                rows=tuple(
                    Row(
                        (
                            words[m.kind],
                            m.view.project_name,
                            _first_line(m.view.risk.description),
                            m.before.score if m.before else None,
                            m.view.score,
                            m.view.residual_score,
                        )
                    )
                    for m in moves
                ),
                unit_note=ctx.t(
                    "Score = probability × consequence (1-25); the residual score is the one expected "
                    "once the measures have worked."
                ),
            )
        )
    blocks.append(heat_map_block(ctx))
    return blocks


def heat_map_block(ctx: SectionContext) -> HeatMap:
    """The month's open risks on the 5x5 risk matrix, by their inherent probability and consequence."""
    from portfolio.services.risk_movement import heat_counts
    from portfolio.services.risks import risk_views

    matrix = ctx.settings.risk_matrix
    counts = heat_counts(risk_views(ctx.session, ctx.period, matrix))
    rows = tuple(
        tuple(HeatCell(counts.get((p, c), 0), matrix.zone(p, c).value) for p in range(1, 6)) for c in range(5, 0, -1)
    )
    return HeatMap(
        title=ctx.t("RISK MAP: OPEN RISKS BY PROBABILITY AND CONSEQUENCE"),
        row_label=ctx.t("Consequence"),
        column_label=ctx.t("Probability"),
        row_values=(5, 4, 3, 2, 1),
        column_values=(1, 2, 3, 4, 5),
        rows=rows,
        note=ctx.t.n(
            "{count} open risk this period, counted once, where it is assessed now.",
            "{count} open risks this period; each is counted once, where it is assessed now.",
            sum(counts.values()),
        ),
    )


def _first_line(text: str, limit: int = 120) -> str:
    """A risk's description shortened for a summary table: its first line, at most ``limit`` characters."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
