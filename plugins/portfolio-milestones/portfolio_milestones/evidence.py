"""The evidence rule: a project rated green on schedule while one of its open milestones has
slipped past its baseline by more than its tolerance (``milestones-slip``).

``portfolio check`` prints it as a warning; the report lists it beside the status matrix and in
the milestones section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio_milestones.config import Tolerance, days, load_config
from portfolio_milestones.history import MilestoneView, milestones_as_of

if TYPE_CHECKING:
    from portfolio.api import Evidence, Period, SectionContext

RULE = "milestones-slip"
DIMENSION = "schedule"


def slipped_beyond_tolerance(
    views: list[MilestoneView], period: Period, ratings: dict[str, str], default: Tolerance
) -> list[MilestoneView]:
    """The open milestones of projects rated green on schedule that slipped past their tolerance."""
    return [v for v in views if ratings.get(v.project) == "green" and v.beyond_tolerance(period, default)]


def slip_evidence(ctx: SectionContext, views: list[MilestoneView] | None = None) -> list[Evidence]:
    """The rule's findings for ``ctx``'s month, worked out once per report: the evidence note
    beside the status matrix and the milestones section both ask for them."""
    from portfolio.api import read_once

    key = ("milestones", "evidence", str(ctx.period), ctx.lang)
    return read_once(ctx.session, key, lambda: _slip_evidence(ctx, views))


def _slip_evidence(ctx: SectionContext, views: list[MilestoneView] | None) -> list[Evidence]:
    from portfolio.api import Evidence, PortfolioError, stored_ratings

    try:
        config = load_config(ctx.settings)
    except PortfolioError:
        return []  # the check names the setting (milestones-config); the section says it too
    ratings = stored_ratings(ctx.session, ctx.period, DIMENSION)
    if not any(rating == "green" for rating in ratings.values()):
        return []
    if views is None:
        views = milestones_as_of(ctx.session, ctx.period)
    found = []
    for view in slipped_beyond_tolerance(views, ctx.period, ratings, config.tolerance):
        slip = view.slip(ctx.period) or 0
        tolerance = view.tolerance_days(ctx.period, config.tolerance)
        forecast = view.forecast(ctx.period)
        message = (
            f"{view.project} is rated green on schedule, but milestone {view.key} '{view.name}' is forecast "
            f"{forecast.isoformat() if forecast else ''} against its baseline {view.baseline.isoformat()}: "
            f"{days(slip)} late, more than its tolerance of {days(tolerance)}"
        )
        text = ctx.t(
            "{project} is rated green on schedule, but milestone {milestone} is forecast {slip} after "
            "its baseline, more than its tolerance of {tolerance}.",
            project=view.project,
            milestone=view.label,
            slip=days_text(ctx, slip),
            tolerance=days_text(ctx, tolerance),
        )
        found.append(Evidence(RULE, view.project, DIMENSION, "green", message, text))
    return found


def days_text(ctx: SectionContext, count: int) -> str:
    """A number of days in the report's language, in the form the count takes (1 dag, 14 dager)."""
    return ctx.t.n("{count} day", "{count} days", count, count=ctx.fmt.number(count))
