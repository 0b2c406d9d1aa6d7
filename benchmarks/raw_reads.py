"""Functional raw readers: the floor of every read command, giving the command's own rows.

Each reader does with the DB-API alone (``sqlite3``, or ``psycopg`` for a PostgreSQL URL) what the
command does with the stack: the same rows, in the same order, with the same words, so that the
benchmark compares like with like. ``tests/test_benchmark_baselines.py`` checks each against the
command's CSV or JSON output on a small generated portfolio, row for row.

    python -m benchmarks.raw_reads matrix DB PERIOD [plain|tabulate]
    python -m benchmarks.raw_reads risks DB PERIOD [plain|tabulate]
    python -m benchmarks.raw_reads check DB PERIOD [plain|tabulate]
    python -m benchmarks.raw_reads report DB PERIOD md|html|json [plain|tabulate]

What they cover: open months (a closed month's rules on what was added after it are left out),
with the month-scope rules for projects and programs that start later or were closed; ``check``
gives the core's findings (the benchmark runs ``portfolio check`` with the plugins disabled);
``report`` gives the report's big tables, the ones that grow with the portfolio: the status
matrix, the finance grid over six months and the red risks.

Renderers: ``plain`` joins strings (a tab-separated line per row; Markdown pipes; HTML cells
escaped; compact JSON), ``tabulate`` aligns columns as the commands' tables do.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from html import escape
from itertools import pairwise
from typing import Any

KEYS = ("scope", "finance", "resources", "schedule", "dependencies", "benefits")
RANK = {"red": 0, "yellow": 1, "green": 2}
WORST_FIRST = ("red", "yellow", "green")
# the default risk matrix: rows by consequence 5..1, columns by probability 1..5
RISK_MATRIX = ("YYRRR", "GYYRR", "GYYYR", "GGYYY", "GGGGY")
ZONES = {"G": "green", "Y": "yellow", "R": "red"}
OPEN_MEASURES = ("open", "in-progress")
UNCHANGED_MONTHS = 3
GRID_MONTHS = 6
GRID_DIMENSION = "finance"

Row = list[Any]


class Reader:
    """A DB-API connection and its parameter style: SQL is written with ``?`` and turned into
    ``%s`` for psycopg."""

    def __init__(self, target: str) -> None:
        if "://" in target and target.startswith("postgresql"):
            import psycopg

            self.connection: Any = psycopg.connect(target.replace("postgresql+psycopg://", "postgresql://"))
            self.marker = "%s"
        else:
            import sqlite3

            path = target.removeprefix("sqlite:///")
            self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            self.marker = "?"

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self.marker != "?":
            sql = sql.replace("?", self.marker)
        cursor = self.connection.cursor()
        cursor.execute(sql, tuple(params))
        return cursor.fetchall()


def _months(period: str, back: int) -> list[str]:
    """``back`` + 1 months ending with ``period``, oldest first."""
    year, month = (int(part) for part in period.split("-"))
    index = year * 12 + month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - back, index + 1)]


def _number_key(number: str | None) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".")) if number else ()


class Portfolio:
    """Programs and projects in report order, read once."""

    def __init__(self, reader: Reader) -> None:
        programs = reader.rows("SELECT id, code, number, name FROM program")
        programs.sort(key=lambda p: (p[2] is None, p[2] or 0, p[1].lower()))
        self.programs = programs
        rank = {p[0]: n for n, p in enumerate(programs)}
        projects = reader.rows("SELECT id, code, number, name, program_id, position, active FROM project")
        projects.sort(
            key=lambda p: (0, 0, (), p[5]) if p[4] is None else (1, rank.get(p[4], 0), _number_key(p[2]), p[5])
        )
        self.projects = projects
        self.program_by_id = {p[0]: p for p in programs}
        self.members: dict[int, list[int]] = {}
        for project in projects:
            if project[4] is not None:
                self.members.setdefault(project[4], []).append(project[0])

    def ordered(self, reader: Reader, month: str) -> list[tuple[str, tuple[Any, ...]]]:
        """('project' | 'program', row) of the month: standalone projects, then each program and
        its projects."""
        projects, programs = self.scope(reader, month)
        by_program: dict[int | None, list[tuple[Any, ...]]] = {}
        for project in self.projects:
            if project[0] in projects:
                by_program.setdefault(project[4], []).append(project)
        result = [("project", p) for p in by_program.get(None, [])]
        for program in self.programs:
            if program[0] in programs:
                result.append(("program", program))
                result += [("project", p) for p in by_program.get(program[0], [])]
        return result

    def scope(self, reader: Reader, month: str) -> tuple[set[int], set[int]]:
        """The projects and programs that belong to an open month (docs/report.md, "What belongs
        to a month"): reported in it, or the month within their span from start to last report."""
        reported = reader.rows("SELECT project_id, program_id FROM status_report WHERE period = ?", (month,))
        last = {
            (project, program): end
            for project, program, end in reader.rows(
                "SELECT project_id, program_id, max(period) FROM status_report WHERE project_id IN "
                "(SELECT id FROM project WHERE active = ?) OR program_id IN (SELECT id FROM program WHERE active = ?) "
                "GROUP BY project_id, program_id",
                (False, False),
            )
        }
        reported_projects = {p for p, _g in reported if p is not None}
        reported_programs = {g for p, g in reported if p is None and g is not None}
        starts = {
            p: (str(s)[:7] if s is not None else None) for p, s in reader.rows("SELECT id, start_date FROM project")
        }
        projects = set()
        for project in self.projects:
            start = starts[project[0]]
            if project[0] in reported_projects:
                projects.add(project[0])
            elif start is not None and start > month:
                continue
            elif project[6] or month <= (last.get((project[0], None)) or ""):
                projects.add(project[0])
        programs = set()
        active = dict(reader.rows("SELECT id, active FROM program"))
        for program in self.programs:
            members = self.members.get(program[0], [])
            if program[0] in reported_programs or any(p in projects for p in members):
                programs.add(program[0])
                continue
            member_starts = [starts[p] for p in members]
            known = [start for start in member_starts if start is not None]
            if known and len(known) == len(member_starts) and min(known) > month:
                continue
            ends = [last.get((None, program[0]))] + [last.get((p, None)) for p in members]
            if active[program[0]] or month <= max((e for e in ends if e is not None), default=""):
                programs.add(program[0])
        return projects, programs


def _label(kind: str, row: tuple[Any, ...], program_word: str = "Program") -> str:
    if kind == "program":
        return f"{row[2]}. {row[3]} – {program_word}" if row[2] is not None else f"{row[3]} – {program_word}"
    return f"{row[2]} {row[3]}" if row[2] else row[3]


def _roll_up(ratings: list[str]) -> str | None:
    for rating in WORST_FIRST:
        if rating in ratings:
            return rating
    return "na" if "na" in ratings else None


def _trend(now: str | None, before: str | None) -> str:
    if now not in RANK or before not in RANK or RANK[now] == RANK[before]:
        return ""
    return "better" if RANK[now] > RANK[before] else "worse"


class Statuses:
    """Every rating of some months, with each program's roll-up of its projects."""

    def __init__(self, reader: Reader, portfolio: Portfolio, months: Sequence[str], dimension: str | None = None):
        marks = ", ".join("?" * len(months))
        where = f"r.period IN ({marks})" + (" AND s.dimension = ?" if dimension else "")
        rows = reader.rows(
            "SELECT r.project_id, r.program_id, r.period, s.dimension, s.rating, r.justification "
            f"FROM status_report r JOIN status_rating s ON s.report_id = r.id WHERE {where}",
            (*months, *([dimension] if dimension else [])),
        )
        self.own: dict[tuple[str, int, str], dict[str, str]] = {}
        self.justification: dict[int, str] = {}
        for project_id, program_id, month, key, rating, justification in rows:
            subject = ("project", project_id, month) if project_id is not None else ("program", program_id, month)
            self.own.setdefault(subject, {})[key] = rating
            if program_id is not None and justification is not None and month == months[-1]:
                self.justification[program_id] = justification
        self.rolled: dict[tuple[str, int, str], dict[str, str]] = {}
        keys = [dimension] if dimension else KEYS
        for program_id, members in portfolio.members.items():
            for month in months:
                reported = [self.own[s] for m in members if (s := ("project", m, month)) in self.own]
                if not reported:
                    continue
                rolled = {k: r for k in keys if (r := _roll_up([x[k] for x in reported if k in x])) is not None}
                if rolled:
                    self.rolled[("program", program_id, month)] = rolled

    def effective(self, kind: str, subject: int, month: str) -> dict[str, str]:
        own = self.own.get((kind, subject, month), {})
        rolled = self.rolled.get((kind, subject, month))
        return {**rolled, **own} if rolled else own


def matrix_rows(reader: Reader, period: str, program_word: str = "Program") -> list[Row]:
    """``portfolio status matrix --format csv``: kind, code, label, then each dimension's rating
    and trend."""
    portfolio = Portfolio(reader)
    before, month = _months(period, 1)
    statuses = Statuses(reader, portfolio, [before, month])
    rows = []
    for kind, subject in portfolio.ordered(reader, period):
        now, then = statuses.effective(kind, subject[0], month), statuses.effective(kind, subject[0], before)
        row: Row = [kind, subject[1], _label(kind, subject, program_word)]
        for key in KEYS:
            rating = now.get(key)
            row += [rating or "", _trend(rating, then.get(key))]
        rows.append(row)
    return rows


MATRIX_HEADER = ["kind", "code", "label", *(f"{key}{part}" for key in KEYS for part in ("", "_trend"))]


def _zone(probability: int, consequence: int) -> str:
    return ZONES[RISK_MATRIX[5 - consequence][probability - 1]]


def _risks(reader: Reader, period: str) -> list[tuple[Any, ...]]:
    """Risks open in ``period`` with their latest assessment in or before it:
    (id, project code, project id, description, owner, assessed, p, c, residual p, residual c)."""
    return reader.rows(
        """
        SELECT k.id, p.code, p.id, k.description, k.owner, a.period, a.probability, a.consequence,
               a.residual_probability, a.residual_consequence
        FROM risk k JOIN project p ON p.id = k.project_id
        LEFT JOIN (
            SELECT risk_id, max(period) AS period FROM risk_assessment WHERE period <= ? GROUP BY risk_id
        ) latest ON latest.risk_id = k.id
        LEFT JOIN risk_assessment a ON a.risk_id = k.id AND a.period = latest.period
        WHERE k.opened <= ? AND (k.closed IS NULL OR k.closed > ?)
        """,
        (period, period, period),
    )


def _measures(reader: Reader) -> dict[int, list[tuple[Any, ...]]]:
    """risk id -> its measures (id, text, status, due) in order."""
    result: dict[int, list[tuple[Any, ...]]] = {}
    for risk_id, *measure in reader.rows(
        "SELECT risk_id, id, text, status, due FROM measure ORDER BY risk_id, position, id"
    ):
        result.setdefault(risk_id, []).append(tuple(measure))
    return result


def risk_rows(reader: Reader, period: str) -> list[Row]:
    """``portfolio risk list --period P --format csv``: highest score first."""
    counts = dict(reader.rows("SELECT risk_id, count(*) FROM measure GROUP BY risk_id"))
    rows = []
    for risk_id, code, _project, description, owner, assessed, p, c, rp, rc in _risks(reader, period):
        score = p * c if p is not None else None
        residual = rp * rc if rp is not None and rc is not None else None
        zone = _zone(p, c) if p is not None else None
        row = [risk_id, code, p, c, score, zone, "open", counts.get(risk_id, 0), description, owner, assessed, rp, rc]
        rows.append([*row, residual])
    rows.sort(key=lambda r: (-(r[4] or 0), r[0]))
    return rows


RISK_HEADER = [
    "id",
    "project",
    "probability",
    "consequence",
    "score",
    "zone",
    "status",
    "measures",
    "description",
    "owner",
    "assessed",
    "residual_probability",
    "residual_consequence",
    "residual_score",
]


def check_rows(reader: Reader, period: str) -> list[Row]:
    """The core's findings of ``portfolio check --format csv``: severity, plugin, code, message,
    sorted as the command sorts them."""
    portfolio = Portfolio(reader)
    months = _months(period, UNCHANGED_MONTHS - 1)
    statuses = Statuses(reader, portfolio, months[-2:])
    findings: list[tuple[str, str, str]] = []
    for kind, subject in portfolio.ordered(reader, period):
        what = f"{kind} {subject[1]}"
        now = statuses.effective(kind, subject[0], period)
        rated = [k for k in KEYS if k in now]
        if not rated:
            findings.append(("error", "status-missing", f"{what} has no status for {period}"))
        elif len(rated) < len(KEYS):
            missing = ", ".join(k for k in KEYS if k not in rated)
            findings.append(("warning", "status-incomplete", f"{what} has no rating for {missing} in {period}"))
        if kind == "program":
            own = statuses.own.get(("program", subject[0], period), {})
            rolled = statuses.rolled.get(("program", subject[0], period), {})
            overridden = [
                k for k in KEYS if own.get(k) in RANK and rolled.get(k) in RANK and own.get(k) != rolled.get(k)
            ]
            if overridden:
                details = ", ".join(f"{k} {own[k]} (projects {rolled[k]})" for k in overridden)
                justification = statuses.justification.get(subject[0])
                if justification:
                    findings.append(
                        ("info", "program-rating-justified", f"program {subject[1]} overrides its projects: {details}")
                    )
                else:
                    findings.append(
                        (
                            "warning",
                            "program-rating-unjustified",
                            f"program {subject[1]} overrides its projects ({details}) without a justification; "
                            f"give one with 'portfolio status set {subject[1]} --justify'",
                        )
                    )
    findings += _unchanged(reader, months)
    last_day = _last_day(period)
    findings += _recovery(reader, period, last_day)
    measures = _measures(reader)
    for risk_id, code, _project, _description, owner, _assessed, p, c, _rp, _rc in _risks(reader, period):
        if p is None or _zone(p, c) != "red":
            continue
        found = measures.get(risk_id, [])
        if not found:
            findings.append(("error", "red-risk-without-measure", f"red risk {risk_id} of {code} has no measure"))
        elif not any(m[2] in OPEN_MEASURES for m in found):
            findings.append(
                ("warning", "red-risk-measures-finished", f"red risk {risk_id} of {code} has no open measure left")
            )
        if not (owner or "").strip():
            findings.append(("warning", "red-risk-without-owner", f"red risk {risk_id} of {code} has no owner"))
        for measure_id, _text, status, due in found:
            if status in OPEN_MEASURES and due is not None and str(due) < last_day:
                findings.append(
                    (
                        "warning",
                        "red-risk-measure-overdue",
                        f"measure {measure_id} of red risk {risk_id} ({code}) was due {due} and is still {status}",
                    )
                )
    order = {"error": 0, "warning": 1, "info": 2}
    return [
        [severity, "core", code, message]
        for severity, code, message in sorted(findings, key=lambda f: (order[f[0]], f[1], f[2]))
    ]


CHECK_HEADER = ["severity", "plugin", "code", "message"]


def _recovery(reader: Reader, period: str, last_day: str) -> list[tuple[str, str, str]]:
    """A yellow or red rating of the month without a recovery action, and one past due (due
    before the month's last day)."""
    found = []
    rows = reader.rows(
        "SELECT COALESCE(p.code, g.code), r.project_id IS NOT NULL, s.dimension, s.rating, s.action, "
        "s.action_owner, s.action_due FROM status_rating s JOIN status_report r ON r.id = s.report_id "
        "LEFT JOIN project p ON p.id = r.project_id LEFT JOIN program g ON g.id = r.program_id "
        "WHERE r.period = ? AND s.rating IN ('yellow', 'red')",
        (period,),
    )
    for code, is_project, dimension, rating, action, owner, due in rows:
        if dimension not in KEYS:
            continue
        what = f"{'project' if is_project else 'program'} {code}"
        if action is None:
            flag = dimension.replace("_", "-")
            found.append(
                (
                    "warning",
                    "status-without-recovery-action",
                    f"{what} rates {dimension} {rating} in {period} without a recovery action; "
                    f"add one with 'portfolio status set {code} --period {period} --{flag}-action TEXT "
                    f"--{flag}-action-owner NAME --{flag}-action-due YYYY-MM-DD'",
                )
            )
        elif str(due)[:10] < last_day:
            found.append(
                (
                    "warning",
                    "recovery-action-past-due",
                    f"{what}: the recovery action for {dimension} ('{action}', {owner}) was due {str(due)[:10]} "
                    f"and {dimension} is still {rating} in {period}",
                )
            )
    return found


def _last_day(period: str) -> str:
    import calendar

    year, month = (int(part) for part in period.split("-"))
    return f"{period}-{calendar.monthrange(year, month)[1]:02d}"


def _unchanged(reader: Reader, months: list[str]) -> list[tuple[str, str, str]]:
    """Active projects whose ratings and comments were the same in each of ``months``."""
    marks = ", ".join("?" * len(months))
    signatures: dict[tuple[int, str], set[tuple[str, str, str]]] = {}
    for project_id, month, comment, key, rating, rating_comment in reader.rows(
        "SELECT r.project_id, r.period, r.comment, s.dimension, s.rating, s.comment "
        "FROM status_report r LEFT JOIN status_rating s ON s.report_id = r.id "
        f"WHERE r.period IN ({marks}) AND r.project_id IS NOT NULL",
        months,
    ):
        found = signatures.get((project_id, month))
        if found is None:
            found = signatures[(project_id, month)] = {("", comment or "", "")}
        if key is not None:
            found.add((key, rating, rating_comment or ""))
    result = []
    for project_id, code in reader.rows("SELECT id, code FROM project WHERE active = ? ORDER BY code", (True,)):
        values = [signatures.get((project_id, month)) for month in months]
        if values[0] is not None and all(v == values[0] for v in values):
            result.append(
                (
                    "warning",
                    "status-unchanged",
                    f"project {code} reported the same ratings and comments in each of the {len(months)} "
                    f"months from {months[0]} to {months[-1]}; copied forward?",
                )
            )
    return result


def grid_rows(reader: Reader, period: str, portfolio: Portfolio | None = None) -> list[Row]:
    """The report's status grid: label, then (rating, trend) of the finance dimension in each of
    the last six months, each against the month before; programs rolled up."""
    portfolio = portfolio or Portfolio(reader)
    months = _months(period, GRID_MONTHS)
    statuses = Statuses(reader, portfolio, months, GRID_DIMENSION)
    rows = []
    for kind, subject in portfolio.ordered(reader, period):
        row: Row = [_label(kind, subject)]
        for before, now in pairwise(months):
            rating = statuses.effective(kind, subject[0], now).get(GRID_DIMENSION)
            row += [rating, _trend(rating, statuses.effective(kind, subject[0], before).get(GRID_DIMENSION)) or None]
        rows.append(row)
    return rows


def red_risk_rows(reader: Reader, period: str, portfolio: Portfolio | None = None) -> list[Row]:
    """The report's red risks: (project label, description, measures), programs' projects first."""
    portfolio = portfolio or Portfolio(reader)
    rank = {p[0]: n for n, p in enumerate(portfolio.programs)}
    projects = {p[0]: p for p in portfolio.projects}
    measures = _measures(reader)
    found = []
    for risk_id, _code, project_id, description, _owner, _assessed, p, c, _rp, _rc in _risks(reader, period):
        if p is None or _zone(p, c) != "red":
            continue
        project = projects[project_id]
        program = portfolio.program_by_id.get(project[4]) if project[4] is not None else None
        if program is None:
            order: tuple[Any, ...] = (1, 0, (), project[5], risk_id)
            label = project[3]
        else:
            order = (0, rank[program[0]], _number_key(project[2]), project[5], risk_id)
            label = f"{program[3]} – {project[3]}"
        texts = [m[1] for m in measures.get(risk_id, []) if m[2] != "cancelled"]
        if len(texts) > 1:
            text = "\n".join(f"{n}) {t}" for n, t in enumerate(texts, start=1))
        else:
            text = texts[0] if texts else ""
        found.append((order, [label, description, text]))
    found.sort(key=lambda pair: pair[0])
    return [row for _order, row in found]


def report_tables(reader: Reader, period: str) -> dict[str, list[Row]]:
    """The report's big tables: the matrix (label, then rating and trend of each dimension), the
    finance grid and the red risks."""
    portfolio = Portfolio(reader)
    before, month = _months(period, 1)
    statuses = Statuses(reader, portfolio, [before, month])
    matrix = []
    for kind, subject in portfolio.ordered(reader, period):
        now, then = statuses.effective(kind, subject[0], month), statuses.effective(kind, subject[0], before)
        row: Row = [_label(kind, subject)]
        for key in KEYS:
            rating = now.get(key)
            row += [rating, _trend(rating, then.get(key)) or None]
        matrix.append(row)
    return {
        "matrix": matrix,
        "grid": grid_rows(reader, period, portfolio),
        "risks": red_risk_rows(reader, period, portfolio),
    }


# -- renderers -------------------------------------------------------------------------------------

LETTERS = {"green": "G", "yellow": "Y", "red": "R", "na": "–", None: ""}
ARROWS = {"better": " ↗", "worse": " ↘", None: "", "": ""}


def _cells(row: Row) -> list[str]:
    """A matrix or grid row as the report shows it: the label, then a letter and arrow a cell."""
    return [row[0], *(LETTERS[row[i]] + ARROWS[row[i + 1]] for i in range(1, len(row), 2))]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def render_rows(rows: list[Row], header: Sequence[str], renderer: str) -> str:
    """A list command's table: tabulate as the commands do, or one tab-separated line a row."""
    table = [[_text(value) for value in row] for row in rows]
    if renderer == "tabulate":
        from tabulate import tabulate

        return tabulate(table, headers=list(header), disable_numparse=True) + "\n"
    return "\n".join("\t".join(row) for row in [list(header), *table]) + "\n"


def render_report(tables: dict[str, list[Row]], fmt: str, renderer: str) -> str:
    """The big tables as Markdown, HTML or JSON."""
    if fmt == "json":
        return json.dumps(tables, ensure_ascii=False)
    shown = [
        [_cells(row) for row in tables["matrix"]],
        [_cells(row) for row in tables["grid"]],
        [[_text(v) for v in row] for row in tables["risks"]],
    ]
    if renderer == "tabulate":
        from tabulate import tabulate

        style = "pipe" if fmt == "md" else "html"
        return "\n\n".join(tabulate(rows, tablefmt=style, disable_numparse=True) for rows in shown) + "\n"
    if fmt == "md":
        parts = []
        for rows in shown:
            width = len(rows[0]) if rows else 1
            lines = ["| " + " | ".join([""] * width) + " |", "|" + "---|" * width]
            lines += [
                "| " + " | ".join(cell.replace("|", "\\|").replace("\n", "<br>") for cell in row) + " |" for row in rows
            ]
            parts.append("\n".join(lines))
        return "\n\n".join(parts) + "\n"
    parts = []
    for rows in shown:
        body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>\n" for row in rows)
        parts.append(f"<table>\n<tbody>\n{body}</tbody>\n</table>")
    return "<!doctype html>\n<html><body>\n" + "\n".join(parts) + "\n</body></html>\n"


READERS: dict[str, tuple[Callable[[Reader, str], list[Row]], list[str]]] = {
    "matrix": (matrix_rows, MATRIX_HEADER),
    "risks": (risk_rows, RISK_HEADER),
    "check": (check_rows, CHECK_HEADER),
}


def agreement(outputs: dict[str, str], target: str, period: str) -> dict[str, bool]:
    """Whether each command's output (``matrix``, ``risks``, ``check``: its CSV; ``report``: its
    JSON) holds the raw reader's rows, row for row."""
    import csv
    import io

    def text(rows: list[Row]) -> list[list[str]]:
        return [["" if value is None else str(value) for value in row] for row in rows]

    reader = Reader(target)
    result = {}
    for name, text_out in outputs.items():
        if name == "report":
            result[name] = report_rows_of(json.loads(text_out)) == report_tables(reader, period)
        else:
            read, header = READERS[name]
            result[name] = list(csv.reader(io.StringIO(text_out))) == [header, *text(read(reader, period))]
    return result


def report_rows_of(report: dict[str, Any]) -> dict[str, list[Row]]:
    """The big tables of a report's JSON, in the raw reader's shape."""
    blocks = [block for section in report["sections"] for block in section["blocks"]]
    matrices = [block for block in blocks if block["type"] == "status_matrix"]

    def flat(block: dict[str, Any]) -> list[Row]:
        return [
            [row["label"], *(value for cell in row["cells"] for value in (cell["rating"], cell["trend"]))]
            for row in block["rows"]
        ]

    risks = [
        [*row["cells"]]
        for block in blocks
        if block["type"] == "table"
        and [c.get("key") for c in block["columns"]] == ["project", "description", "measures"]
        for row in block["rows"]
    ]
    return {"matrix": flat(matrices[0]), "grid": flat(matrices[1]), "risks": risks}


def main(argv: Sequence[str]) -> str:
    what, target, period, *rest = argv
    reader = Reader(target)
    if what == "report":
        fmt, renderer = rest[0], (rest[1] if len(rest) > 1 else "plain")
        return render_report(report_tables(reader, period), fmt, renderer)
    read, header = READERS[what]
    return render_rows(read(reader, period), header, rest[0] if rest else "plain")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    sys.stdout.write(main(sys.argv[1:]))
    sys.stdout.flush()
