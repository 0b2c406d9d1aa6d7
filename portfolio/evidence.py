"""Evidence against ratings: rules, contributed by plugins, that compare a rating with data.

A project manager may rate finance green while the accounts say the project has spent well past
its budget to date. A plugin that holds such data implements the ``portfolio_evidence`` hook and
returns an :class:`Evidence` per rating its data contradicts; ``portfolio check`` lists them and
the report shows them beside the status matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from portfolio.choices import SEVERITIES

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.period import Period


@dataclass(frozen=True)
class Evidence:
    """One rating the data does not bear out.

    ``message`` is one line in English for ``portfolio check``; ``text`` the same in the report's
    language (from ``ctx.t``), shown in the report; ``severity`` as a check finding's.
    """

    code: str  # the rule, e.g. "finance-overspend"
    subject: str  # the project or program code
    dimension: str  # the rated dimension's key, e.g. "finance"
    rating: str  # the rating the data contradicts: green, yellow, red
    message: str
    text: str = ""
    severity: str = "warning"

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity '{self.severity}' is not one of {', '.join(SEVERITIES)}")


def stored_ratings(session: Session, period: Period, dimension: str, *, programs: bool = False) -> dict[str, str]:
    """Project code -> the rating its status report for ``period`` gives ``dimension``; with
    ``programs``, the programs' own ratings too (codes are unique across both)."""
    from sqlalchemy import select
    from sqlmodel import col

    from portfolio.models import Program, Project, StatusRating, StatusReport

    query = (
        select(col(Project.code), col(StatusRating.rating))
        .join(StatusReport, col(StatusReport.project_id) == col(Project.id))
        .join(StatusRating, col(StatusRating.report_id) == col(StatusReport.id))
        .where(col(StatusReport.period) == str(period), col(StatusRating.dimension) == dimension)
    )
    found = {code: rating for code, rating in session.connection().execute(query)}
    if programs:
        query = (
            select(col(Program.code), col(StatusRating.rating))
            .join(StatusReport, col(StatusReport.program_id) == col(Program.id))
            .join(StatusRating, col(StatusRating.report_id) == col(StatusReport.id))
            .where(col(StatusReport.period) == str(period), col(StatusRating.dimension) == dimension)
        )
        found.update({code: rating for code, rating in session.connection().execute(query)})
    return found
