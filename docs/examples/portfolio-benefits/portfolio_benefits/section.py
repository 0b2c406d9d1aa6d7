"""The report section: neutral blocks only; the core's renderers draw them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from portfolio.api import Column, Note, Paragraph, Row, Table

from portfolio_benefits.service import entries


def build(ctx: Any) -> list[Any]:
    rows = entries(ctx.session, ctx.period)
    if not rows:
        return [Note(ctx.t("No entries for this period."))]
    total = sum((entry.value for entry, _code in rows), start=Decimal(0))
    table = Table(
        columns=(
            Column("project", ctx.t("Project"), strong=True),
            Column("description", ctx.t("Description")),
            Column("value", ctx.t("Value"), "amount"),
        ),
        rows=tuple(Row((code, entry.description, entry.value)) for entry, code in rows)
        + (Row((ctx.t("Total"), None, total), bold=True),),
        unit_note=ctx.t("Figures in NOK thousands"),
    )
    summary = ctx.t("Entries this month: {count}, in all {total} thousand kroner.", count=len(rows), total=ctx.fmt.number(total))
    return [Paragraph.of(summary), table]
