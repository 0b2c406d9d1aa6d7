"""The evidence rules against the benefits rating (dimension ``benefits``):

- ``gains-behind``: a project or program rated green on benefits while one of its benefits'
  realisation lags its planned curve by more than the tolerance (percentage points);
- ``gains-missing``: a project rated on benefits (green, yellow or red, not "na") that has no
  benefit registered by the month.

``portfolio check`` prints them as warnings; the report lists them beside the status matrix and
in the benefits section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio_gains.config import load_config
from portfolio_gains.history import BenefitView, benefits_as_of

if TYPE_CHECKING:
    from portfolio.api import Evidence, SectionContext

BEHIND = "gains-behind"
MISSING = "gains-missing"
DIMENSION = "benefits"
RATED = ("green", "yellow", "red")


def benefit_evidence(ctx: SectionContext, views: list[BenefitView] | None = None) -> list[Evidence]:
    """The rules' findings for ``ctx``'s month, worked out once per report: the evidence note
    beside the status matrix and the benefits section both ask for them."""
    from portfolio.api import read_once

    key = ("gains", "evidence", str(ctx.period), ctx.lang)
    return read_once(ctx.session, key, lambda: _benefit_evidence(ctx, views))


def _benefit_evidence(ctx: SectionContext, views: list[BenefitView] | None) -> list[Evidence]:
    from sqlmodel import col, select

    from portfolio.api import Evidence, PortfolioError, Project, stored_ratings

    try:
        config = load_config(ctx.settings)
    except PortfolioError:
        return []  # the check names the setting (gains-config); the section says it too
    ratings = stored_ratings(ctx.session, ctx.period, DIMENSION, programs=True)
    if not any(rating in RATED for rating in ratings.values()):
        return []
    if views is None:
        views = benefits_as_of(ctx.session, ctx.period)
    period, found = ctx.period, []
    for view in views:
        if ratings.get(view.subject) != "green" or not view.behind_beyond(period, config.tolerance):
            continue
        realised, planned, lag = view.realisation(period), view.planned(period), view.behind(period)
        message = (
            f"{view.subject} is rated green on benefits, but benefit {view.key} '{view.measure}' is "
            f"{realised}% realised against {planned}% planned by {period}: {lag} points behind, more than "
            f"the tolerance of {config.tolerance} points"
        )
        benefit = f"{view.key} {view.measure}"
        text = ctx.t(
            "{subject} is rated green on benefits, but {benefit} is {realised} realised against {planned} "
            "planned: {lag} percentage points behind, more than the tolerance of {tolerance}.",
            subject=view.subject,
            benefit=benefit,
            realised=ctx.fmt.percent(realised, 1),
            planned=ctx.fmt.percent(planned, 1),
            lag=ctx.fmt.number(lag, 1),
            tolerance=ctx.fmt.number(config.tolerance, 1),
        )
        found.append(Evidence(BEHIND, view.subject, DIMENSION, "green", message, text))
    with_benefits = {view.subject for view in views}
    projects = set(ctx.session.exec(select(col(Project.code))).all())
    for code, rating in sorted(ratings.items()):
        if code not in projects or rating not in RATED or code in with_benefits:
            continue
        message = (
            f"{code} is rated {rating} on benefits, but has no benefit registered; add one with "
            f"'portfolio gain add {code} KEY ...' or rate benefits na"
        )
        text = ctx.t(
            "{subject} is rated on benefits, but has no benefit registered.",
            subject=code,
        )
        found.append(Evidence(MISSING, code, DIMENSION, rating, message, text))
    return found
