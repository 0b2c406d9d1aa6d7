"""The milestones sheet of the monthly status template: one row per open milestone of the file's
projects, its baseline and last forecast given, the month's new forecast (or the date reached)
to fill in. ``portfolio status import`` hands it back here and it is stored with the statuses,
in the same transaction: a bad row refuses the whole import.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from portfolio.api import (
    NotFoundError,
    PortfolioError,
    SheetContext,
    SheetResult,
    SheetRows,
    StatusSheet,
    parse_date,
)

if TYPE_CHECKING:
    from portfolio_milestones.models import MilestonesMilestone

KEY = "milestones"
TITLE = "Milestones"
COLUMNS = ("project", "milestone", "name", "baseline", "last_forecast", "forecast", "actual")
EDITABLE = ("forecast", "actual")
REQUIRED = ("project", "milestone", "forecast", "actual")
GUIDANCE = "give each open milestone's forecast date for the month (YYYY-MM-DD) or the date it was reached in actual"


def status_sheet() -> StatusSheet:
    return StatusSheet(KEY, TITLE, COLUMNS, EDITABLE, rows=rows, store=store, guidance=GUIDANCE)


def rows(ctx: SheetContext) -> list[tuple[object, ...]]:
    """The milestones still open at the start of the month (or reached in it), for the file's projects."""
    from portfolio_milestones.history import milestones_as_of

    before = ctx.period.previous()
    found: list[tuple[object, ...]] = []
    for view in milestones_as_of(ctx.session, ctx.period):
        if ctx.codes is not None and view.project not in ctx.codes:
            continue
        if view.reached_in(before) is not None:
            continue
        last = view.latest(before)
        this = view.reports.get(ctx.period)
        forecast = this.forecast if this is not None and this.actual is None else None
        found.append(
            (
                view.project,
                view.key,
                view.name,
                view.baseline,
                last[1].forecast if last is not None else None,
                forecast,
                this.actual if this is not None else None,
            )
        )
    return found


def store(ctx: SheetContext, sheet: SheetRows) -> SheetResult:
    """Check every row, then store each month's forecast or date reached; problems name row,
    column and value, and nothing is stored when there is one (the import's transaction is rolled
    back). The good rows are stored, and so checked against what is stored, even when another row
    is bad: every problem is named at once, in row order."""
    from portfolio_milestones import store as writes

    missing = [name for name in REQUIRED if name not in sheet.header]
    if missing:
        return SheetResult(problems=(f"the sheet has no column '{missing[0]}'; it needs {', '.join(REQUIRED)}",))
    unknown = [name for name in sheet.header if name and name not in COLUMNS]
    if unknown:
        return SheetResult(problems=(f"unknown column '{unknown[0]}'; the columns are {', '.join(COLUMNS)}",))
    problems: list[tuple[int, str]] = []  # (row, problem)
    planned: list[tuple[int, MilestonesMilestone, dt.date, bool]] = []  # (row, milestone, date, reached)
    seen: dict[tuple[str, str], int] = {}
    for number, values in sheet.rows:
        project, key = values.get("project", "").strip(), values.get("milestone", "").strip()
        given = {column: values.get(column, "").strip() for column in ("forecast", "actual")}
        if not given["forecast"] and not given["actual"]:
            continue  # nothing reported for it this month: 'portfolio check' names it
        before = len(problems)
        dates: dict[str, dt.date | None] = {"forecast": None, "actual": None}
        for column, text in given.items():
            if text:
                try:
                    dates[column] = parse_date(text)
                except ValueError as exc:
                    problems.append((number, f"row {number}, column {column}: {exc}"))
        if ctx.codes is not None and project not in ctx.codes:
            problems.append(
                (
                    number,
                    f"row {number}, column project: '{project}' is not in this file's projects: {' '.join(ctx.codes)}",
                )
            )
            continue
        if (project, key) in seen:
            problems.append(
                (number, f"row {number}, column milestone: {project} {key} is also on row {seen[project, key]}")
            )
            continue
        seen[project, key] = number
        try:
            milestone = writes.find(ctx.session, project, key)
        except NotFoundError as exc:
            problems.append((number, f"row {number}, column milestone: {exc}"))
            continue
        if len(problems) > before:
            continue
        actual, forecast = dates["actual"], dates["forecast"]
        if actual is not None:
            planned.append((number, milestone, actual, True))
        elif forecast is not None:
            planned.append((number, milestone, forecast, False))
    reached = 0
    for number, milestone, day, is_reached in planned:
        try:
            if is_reached:
                writes.reach(ctx.session, milestone, ctx.period, day)
                reached += 1
            else:
                writes.set_forecast(ctx.session, milestone, ctx.period, day)
        except PortfolioError as exc:
            column = "actual" if is_reached else "forecast"
            problems.append((number, f"row {number}, column {column}: {exc}"))
    if problems:
        return SheetResult(problems=tuple(text for _, text in sorted(problems, key=lambda problem: problem[0])))
    forecasts = len(planned) - reached
    noun = "forecast" if forecasts == 1 else "forecasts"
    return SheetResult(len(planned), f"{forecasts} milestone {noun} and {reached} reached stored")
