"""Checking the rows of a status file: one row per project or program, one column per dimension.

Rows are checked as they are read, a batch at a time (see ``status_files``), so nothing here
holds a whole file: the projects and programs are looked up for each batch's codes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from portfolio.bulk import chunks
from portfolio.errors import PortfolioError
from portfolio.models import Program, Project, stored_id
from portfolio.ratings import NEEDS_RECOVERY, Rating, RecoveryAction, parse_rating, recovery_action
from portfolio.safe_text import unquote_cell
from portfolio.services.lookup import suggestion
from portfolio.services.statuses import StatusInput

CODE_COLUMN = "code"
COMMENT_COLUMN = "comment"
COMMENT_SUFFIX = "_comment"
# a yellow or red dimension's recovery action: what, owner and due date, beside its comment
ACTION_SUFFIXES = ("_action", "_action_owner", "_action_due")
VERSION_COLUMN = "version"
# Shown to the project manager in a template (portfolio status template), ignored on import.
INFO_COLUMNS = ("name", "manager")


def expected_columns(dimension_keys: Sequence[str]) -> tuple[list[str], list[str]]:
    """(required, optional) column names for the configured dimensions."""
    required = [CODE_COLUMN, *dimension_keys]
    optional = [f"{key}{COMMENT_SUFFIX}" for key in dimension_keys]
    optional += [f"{key}{suffix}" for key in dimension_keys for suffix in ACTION_SUFFIXES]
    optional += [COMMENT_COLUMN, VERSION_COLUMN, *INFO_COLUMNS]
    return required, optional


def check_columns(source: str, header: Sequence[str], dimension_keys: Sequence[str]) -> None:
    """Refuse a file without a required column or with one the import does not know."""
    required, optional = expected_columns(dimension_keys)
    missing = [name for name in required if name not in header]
    if missing:
        raise PortfolioError(f"{source}: missing column '{missing[0]}'; required: {', '.join(required)}")
    unknown = [name for name in header if name not in required and name not in optional]
    if unknown:
        raise PortfolioError(f"{source}: unknown column '{unknown[0]}'; allowed: {', '.join(required + optional)}")


@dataclass(frozen=True)
class Subject:
    """A project or program as the import needs it: a light row, not an ORM object."""

    kind: str
    id: int
    code: str
    active: bool


def subjects_named(session: Session, codes: Collection[str]) -> dict[str, Subject]:
    """The projects and programs with these codes; a project wins over a program of the same code."""
    found: dict[str, Subject] = {}
    connection = session.connection()
    for kind, model in (("program", Program), ("project", Project)):
        for batch in chunks(sorted(codes)):
            query = select(stored_id(model.id), col(model.code), col(model.active)).where(col(model.code).in_(batch))
            found.update((code, Subject(kind, id_, code, active)) for id_, code, active in connection.execute(query))
    return found


class RowChecker:
    """Checks one row at a time against the configured dimensions and the database.

    Problems are added to a list as (line, text); a good row comes back as the subject's new status.
    Rows of one import share the checker, so a code given twice is caught across files too.
    """

    def __init__(self, session: Session, dimension_keys: Sequence[str]) -> None:
        self.session = session
        self.dimension_keys = tuple(dimension_keys)
        self.comment_columns = tuple((key, f"{key}{COMMENT_SUFFIX}") for key in dimension_keys)
        self.first_given: dict[str, tuple[str, int]] = {}  # code -> (file, line)
        self._all_codes: list[str] | None = None

    def check(
        self,
        source: str,
        line: int,
        values: Mapping[str, str],
        subject: Subject | None,
        problems: list[tuple[int, str]],
    ) -> StatusInput | None:
        """The row's new status, or None when it has a problem (each one added to ``problems``
        with its line)."""
        code = values[CODE_COLUMN]
        before = len(problems)
        if not code:
            problems.append((line, f"line {line}, column code: empty; every row needs a project or program code"))
        elif subject is None:
            hint = suggestion(code, self.all_codes())
            problems.append((line, f"line {line}, column code: no project or program '{code}'{hint}"))
        elif not subject.active:
            problems.append((line, f"line {line}, column code: {code} is closed; reopen it first"))
        elif code in self.first_given:
            first_source, first_line = self.first_given[code]
            if first_source == source:
                problems.append((line, f"line {line}, column code: {code} already given on line {first_line}"))
            else:
                problems.append((line, f"line {line}, column code: {code} is also in {first_source}"))
        else:
            self.first_given[code] = (source, line)
        ratings: dict[str, Rating] = {}
        for key in self.dimension_keys:
            cell = values[key]
            if not cell:
                problems.append((line, f"line {line}, column {key}: empty; use green, yellow, red or na"))
                continue
            try:
                ratings[key] = parse_rating(cell)
            except ValueError as exc:
                problems.append((line, f"line {line}, column {key}: {exc}"))
        actions = self._actions(line, values, ratings, problems)
        if len(problems) > before:
            return None
        # a comment as a template wrote it: '=..., a formula kept text, comes back as =...
        comments = {key: unquote_cell(values[name]) for key, name in self.comment_columns if values.get(name)}
        return StatusInput(ratings, comments, unquote_cell(values.get(COMMENT_COLUMN) or "") or None, actions=actions)

    def _actions(
        self, line: int, values: Mapping[str, str], ratings: Mapping[str, Rating], problems: list[tuple[int, str]]
    ) -> dict[str, RecoveryAction]:
        """The row's recovery actions, each checked: all three cells or none, a real due date, and
        only beside a yellow or red rating."""
        actions: dict[str, RecoveryAction] = {}
        for key in self.dimension_keys:
            what, owner, due = (unquote_cell(values.get(f"{key}{suffix}") or "") for suffix in ACTION_SUFFIXES)
            try:
                action = recovery_action(what, owner, due)
            except ValueError as exc:
                blank = [suffix for suffix, cell in zip(ACTION_SUFFIXES, (what, owner, due), strict=True) if not cell]
                column = f"{key}{blank[0] if blank else ACTION_SUFFIXES[2]}"  # the first empty cell, or the date
                problems.append((line, f"line {line}, column {column}: {exc}"))
                continue
            if action is None:
                continue
            rating = ratings.get(key)
            if rating is not None and rating not in NEEDS_RECOVERY:
                problems.append(
                    (
                        line,
                        f"line {line}, column {key}_action: {key} is {rating.value}; a recovery action is for "
                        "a yellow or red rating only (empty its action cells)",
                    )
                )
                continue
            actions[key] = action
        return actions

    def all_codes(self) -> list[str]:
        """Every code, for a 'did you mean': read once, and only when a code is unknown."""
        if self._all_codes is None:
            programs = self.session.execute(select(col(Program.code))).scalars()
            projects = self.session.execute(select(col(Project.code))).scalars()
            self._all_codes = [*programs, *projects]
        return self._all_codes
