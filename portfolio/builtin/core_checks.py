"""The core's checks of a month: every status reported and complete, every yellow or red rating with
a recovery action that is not past due, every red risk with a measure."""

from __future__ import annotations

from sqlmodel import Session

from portfolio.config import Settings
from portfolio.findings import Finding
from portfolio.period import Period
from portfolio.risk_zones import Zone
from portfolio.services.recovery import recovery_items
from portfolio.services.risks import risk_views
from portfolio.services.stale import unchanged_statuses
from portfolio.services.status_matrix import MatrixRow, status_matrix
from portfolio.services.status_window import MATRIX_MONTHS, StatusScope, StatusWindow, shared_status_window

OPEN_MEASURE_STATUSES = ("open", "in-progress")


def core_findings(session: Session, period: Period, settings: Settings) -> list[Finding]:
    keys = settings.dimension_keys()
    findings = []
    # the matrix's months and the copied-status check's, every dimension: no grid to show here
    scope = StatusScope(max(MATRIX_MONTHS, settings.unchanged_months))
    window = shared_status_window(session, period, scope)
    matrix = status_matrix(session, period, keys, window)
    for row in matrix:
        what = f"{row.kind} {row.code}"
        rated = [k for k, cell in row.cells.items() if cell.rating is not None]
        if not rated:
            findings.append(Finding("error", "status-missing", f"{what} has no status for {period}"))
        elif len(rated) < len(keys):
            missing = ", ".join(k for k in keys if k not in rated)
            findings.append(Finding("warning", "status-incomplete", f"{what} has no rating for {missing} in {period}"))
        findings.extend(_override_findings(row))
    findings.extend(recovery_findings(session, period, keys, [(row.kind, row.code) for row in matrix], window))
    for item in unchanged_statuses(session, period, settings.unchanged_months, window):
        findings.append(
            Finding(
                "warning",
                "status-unchanged",
                f"project {item.code} reported the same ratings and comments in each of the {item.months} "
                f"months from {item.since} to {period}; copied forward?",
            )
        )
    for view in risk_views(session, period, settings.risk_matrix, zone=Zone.RED):
        if not view.measures:
            findings.append(
                Finding(
                    "error",
                    "red-risk-without-measure",
                    f"red risk {view.risk.id} of {view.project_code} has no measure",
                )
            )
        elif not any(m.status in OPEN_MEASURE_STATUSES for m in view.measures):
            findings.append(
                Finding(
                    "warning",
                    "red-risk-measures-finished",
                    f"red risk {view.risk.id} of {view.project_code} has no open measure left",
                )
            )
        if not (view.risk.owner or "").strip():
            findings.append(
                Finding(
                    "warning", "red-risk-without-owner", f"red risk {view.risk.id} of {view.project_code} has no owner"
                )
            )
        for measure in view.measures:
            if measure.status in OPEN_MEASURE_STATUSES and measure.due is not None and measure.due < period.last_day:
                findings.append(
                    Finding(
                        "warning",
                        "red-risk-measure-overdue",
                        f"measure {measure.id} of red risk {view.risk.id} ({view.project_code}) was due "
                        f"{measure.due.isoformat()} and is still {measure.status}",
                    )
                )
    return findings


def recovery_findings(
    session: Session,
    period: Period,
    keys: list[str],
    order: list[tuple[str, str]],
    window: StatusWindow | None = None,
) -> list[Finding]:
    """A yellow or red rating without a recovery action, and an action past due (due before the
    month's last day, as a red risk's measure): warnings, in the matrix's order."""
    findings = []
    for item in recovery_items(session, period, keys, order, window):
        what = f"{item.kind} {item.code}"
        if item.action is None:
            flag = item.dimension.replace("_", "-")
            findings.append(
                Finding(
                    "warning",
                    "status-without-recovery-action",
                    f"{what} rates {item.dimension} {item.rating.value} in {period} without a recovery action; "
                    f"add one with 'portfolio status set {item.code} --period {period} --{flag}-action TEXT "
                    f"--{flag}-action-owner NAME --{flag}-action-due YYYY-MM-DD'",
                )
            )
        elif item.past_due(period):
            findings.append(
                Finding(
                    "warning",
                    "recovery-action-past-due",
                    f"{what}: the recovery action for {item.dimension} ('{item.action.what}', {item.action.owner}) "
                    f"was due {item.action.due.isoformat()} and {item.dimension} is still {item.rating.value} "
                    f"in {period}",
                )
            )
    return findings


def _override_findings(row: MatrixRow) -> list[Finding]:
    """A program rated differently from its projects' roll-up: a warning until the PMO says why."""
    overridden = row.overridden()
    if not overridden:
        return []
    details = ", ".join(f"{k} {row.cells[k].rating.value} (projects {row.rollup[k].value})" for k in overridden)  # type: ignore[union-attr]
    if row.justification:
        return [Finding("info", "program-rating-justified", f"program {row.code} overrides its projects: {details}")]
    return [
        Finding(
            "warning",
            "program-rating-unjustified",
            f"program {row.code} overrides its projects ({details}) without a justification; "
            f"give one with 'portfolio status set {row.code} --justify'",
        )
    ]
