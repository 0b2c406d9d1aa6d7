"""Recording a whole status from a dialogue (``status set --interactive``, ``status edit``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from portfolio.context import AppContext
    from portfolio.period import Period
    from portfolio.services.statuses import StatusInput


def record_whole_status(app: AppContext, code: str, period: Period, status: StatusInput, version: int | None) -> None:
    """Write ``status`` as CODE's whole status for the month, in a transaction of
    its own, refused if the stored version is no longer ``version``; then say so."""
    from portfolio.services.lookup import get_subject
    from portfolio.services.statuses import set_status

    with app.writing() as session:
        set_status(
            session,
            get_subject(session, code),
            period,
            status,
            user=app.user,
            dimension_keys=app.settings.dimension_keys(),
            replace=True,
            expected_version=version,
        )
    click.echo(f"Recorded status of {code} for {period}.")
