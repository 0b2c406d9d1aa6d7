"""The archive of what the board got: a closed month's report, stored when the month is closed.

``period close`` builds the month's report in every report language and stores it here, in the
transaction that closes the month. From then on ``report for`` a closed month is the archived
report, whatever happens to the live data, the settings or the installed plugins; ``report
verify`` compares with it. Reopening supersedes the archived versions (who, when, why) and the
next close stores the next version, so every version the board may have seen stays on record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from portfolio.config import LANGUAGES
from portfolio.models import ReportArchive, ReportingPeriod
from portfolio.report import archive_codec
from portfolio.report.blocks import Fingerprint, Report

if TYPE_CHECKING:
    import datetime as dt

    from portfolio.context import AppContext
    from portfolio.period import Period


@dataclass(frozen=True)
class ArchivedVersion:
    """One stored version of a closed month's report, in one language, as ``report archive list`` shows it."""

    period: str
    lang: str
    version: int
    fingerprint: str
    archived_at: dt.datetime
    archived_by: str
    superseded_at: dt.datetime | None
    superseded_by: str | None
    superseded_because: str | None

    @property
    def current(self) -> bool:
        return self.superseded_at is None


def archive_month(app: AppContext, session: Session, period: Period, user: str) -> int:
    """Build ``period``'s report in every language and store it as the month's next version.

    Built strictly: a section that cannot be built fails the close (nothing is closed), so the
    archive never lacks what the board should have seen. Returns the version stored.
    """
    from portfolio.audit import now
    from portfolio.report.builder import build_report
    from portfolio.report.fingerprint import compute_fingerprint

    version = _latest_version(session, period) + 1
    at = now()
    data = compute_fingerprint(session, period, app.host, app.settings)  # once: the data is one in every language
    for lang in LANGUAGES:
        report = build_report(app, session, period, lang, strict=True, fingerprint=data)
        fingerprint = report.fingerprint.text if report.fingerprint is not None else ""
        session.add(
            ReportArchive(
                period=str(period),
                lang=lang,
                version=version,
                fingerprint=fingerprint,
                content=archive_codec.encode(report),
                archived_at=at,
                archived_by=user,
            )
        )
    session.flush()
    return version


def unarchived_closed_months(session: Session) -> list[Period]:
    """The closed months with no current archived report: closed before reports were archived."""
    from portfolio.period import Period

    closed = session.exec(select(ReportingPeriod.period).where(col(ReportingPeriod.closed).is_(True))).all()
    archived = set(session.exec(select(ReportArchive.period).where(col(ReportArchive.superseded_at).is_(None))).all())
    return sorted(Period.parse(month) for month in closed if month not in archived)


def supersede(session: Session, period: Period, user: str, reason: str) -> int:
    """Mark the month's current archived versions superseded by a reopening; returns how many."""
    from portfolio.audit import now

    rows = session.exec(
        select(ReportArchive).where(ReportArchive.period == str(period), col(ReportArchive.superseded_at).is_(None))
    ).all()
    at = now()
    for row in rows:
        row.superseded_at, row.superseded_by, row.superseded_because = at, user, reason
        session.add(row)
    session.flush()
    return len(rows)


def archived_report(session: Session, period: Period, lang: str, version: int | None = None) -> Report | None:
    """The month's archived report in ``lang``: the current version, or the one asked for."""
    query = select(ReportArchive).where(ReportArchive.period == str(period), ReportArchive.lang == lang)
    if version is None:
        query = query.where(col(ReportArchive.superseded_at).is_(None))
    else:
        query = query.where(ReportArchive.version == version)
    row = session.exec(query.order_by(col(ReportArchive.version).desc())).first()
    return archive_codec.decode(row.content) if row is not None else None


def closed_archive(session: Session, period: Period, lang: str) -> Report | None:
    """The current archived report in ``lang`` when ``period`` is closed; None when it is open or
    was closed before the archive existed."""
    row = session.get(ReportingPeriod, str(period))
    if row is None or not row.closed:
        return None
    return archived_report(session, period, lang)


def archived_versions(session: Session, period: Period | None = None) -> list[ArchivedVersion]:
    """Every stored version, oldest month and version first, or those of one month."""
    query = select(ReportArchive)
    if period is not None:
        query = query.where(ReportArchive.period == str(period))
    query = query.order_by(col(ReportArchive.period), col(ReportArchive.version), col(ReportArchive.lang))
    return [
        ArchivedVersion(
            row.period,
            row.lang,
            row.version,
            row.fingerprint,
            row.archived_at,
            row.archived_by,
            row.superseded_at,
            row.superseded_by,
            row.superseded_because,
        )
        for row in session.exec(query).all()
    ]


def report_for(
    app: AppContext,
    session: Session,
    period: Period,
    lang: str,
    *,
    strict: bool = False,
    progress: Callable[[int, str], None] | None = None,
    fingerprint: Fingerprint | bool = True,
) -> Report:
    """The month's report as every command shows it: the archived one when the month is closed
    and archived, fingerprint and all (nothing is computed), else built from the live data
    (``fingerprint`` as ``build_report`` takes it)."""
    from portfolio.report.builder import build_report

    archived = closed_archive(session, period, lang)
    if archived is not None:
        return archived
    return build_report(app, session, period, lang, strict=strict, progress=progress, fingerprint=fingerprint)


def _latest_version(session: Session, period: Period) -> int:
    versions = session.exec(select(ReportArchive.version).where(ReportArchive.period == str(period))).all()
    return max(versions, default=0)
