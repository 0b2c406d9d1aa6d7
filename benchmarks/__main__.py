"""Run the benchmark suite and print each figure beside its baselines from the same run.

    python -m benchmarks                          # start-up, the demo, 1,000 and 10,000 projects, imports
    python -m benchmarks --sizes 1000,10000,100000  # what `make bench` runs (100,000 takes a while)
    python -m benchmarks --quick                  # 1,000 projects and small imports only
    python -m benchmarks --only reads --sizes 1000  # one group: startup, demo, reads, imports, ledger, calls, pdf
    python -m benchmarks --json out.json          # also write the figures as JSON

Targets are ratios to a baseline measured in the same run, interleaved run by run, so they hold
on a busy machine. Every read command is set beside a functional raw reader
(``benchmarks/raw_reads.py``) whose rows are first checked equal to the command's own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.measure import Command, Timing, measure_interleaved, measure_pair, run_once, timing_of

PY = sys.executable
HERE = Path(__file__).resolve().parent
PORTFOLIO = [PY, "-m", "portfolio"]
KEYS = ("scope", "finance", "resources", "schedule", "dependencies", "benefits")


@dataclass
class Result:
    name: str
    ours: str
    baseline: str
    ratio: float | None
    target: float | None
    peak_mib: float
    base_mib: float | None = None
    runs: int = 0
    # a second baseline shown beside the first (tabulate beside the plain renderer, the entry
    # point scan beside the bare CLI): no target
    other: str = ""
    other_ratio: float | None = None
    agrees: bool | None = None  # the raw reader's rows checked equal to the command's
    limits: tuple[float, float] | None = None  # an absolute target: at most this many seconds and MiB
    median_s: float | None = None

    @property
    def ok(self) -> str:
        if self.agrees is False:
            return "NO (rows differ)"
        if self.limits is not None and self.median_s is not None:
            seconds, mib = self.limits
            return "yes" if self.median_s <= seconds and self.peak_mib <= mib else "NO"
        if self.ratio is None or self.target is None:
            return ""
        return "yes" if self.ratio <= self.target else "NO"


def _env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTFOLIO_")}
    env["XDG_CONFIG_HOME"] = str(work / "config")
    env["XDG_CACHE_HOME"] = str(work / "cache")
    return env


def _ratio_result(name: str, ours: Timing, base: Timing, target: float | None, other: Timing | None = None) -> Result:
    return Result(
        name,
        str(ours),
        str(base),
        ours.median / base.median,
        target,
        ours.peak_mib,
        base.peak_mib,
        ours.runs,
        str(other) if other else "",
        ours.median / other.median if other else None,
    )


def _status_csv(path: Path, projects: int) -> None:
    lines = ["code," + ",".join(KEYS)]
    ratings = ("green", "yellow", "red", "na")
    lines += [f"P{n}," + ",".join(ratings[(n + i) % 4] for i in range(len(KEYS))) for n in range(1, projects + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class ImportCase:
    """One size of an import: the database to copy before each run, and how to run ours and the baseline."""

    rows: int
    template: Path
    ours: list[str]
    base: list[str]
    ours_env: dict[str, str]
    # what both must have written alike: queries of the rows the import stores
    written: str = ""
    trail: str = ""


def _same_rows(case: ImportCase, env: dict[str, str], work: Path) -> bool | None:
    """Whether ours and the baseline store the same rows (``case.written``), from one run of each."""
    if not case.written:
        return None
    found = []
    for side, command, side_env in (("ours", case.ours, case.ours_env), ("base", case.base, env)):
        copy = work / f"import-check-{side}.db"
        shutil.copy(case.template, copy)
        run_once([part.replace("{db}", str(copy)) for part in command], side_env)
        with closing(sqlite3.connect(copy)) as connection:
            found.append([connection.execute(query).fetchall() for query in (case.written, case.trail) if query])
    return found[0] == found[1] and bool(found[0][0])


def _run_copy(case: ImportCase, command: list[str], env: dict[str, str], work: Path) -> tuple[float, float]:
    """One run on a fresh copy of the case's database."""
    copy = work / "import-run.db"
    shutil.copy(case.template, copy)
    return run_once([part.replace("{db}", str(copy)) for part in command], env)


# "Peak memory flat in the number of rows": the large run may take at most this much more memory
# than the small one (4 and 16 times the rows), which leaves room for the noise of a run
MEMORY_GROWTH = 1.1


def _import_throughput(
    name: str, small: ImportCase, large: ImportCase, env: dict[str, str], work: Path, repeat: int
) -> list[Result]:
    """Rows per second as the marginal cost of rows: (large - small rows) / (large - small time),
    from the best run of each.

    Both sides start a process once per run, and ours starts the whole stack, so whole-run rates
    of a few thousand rows would compare start-ups, not imports; the difference of two sizes
    takes the start-up out of both. The whole large run is shown beside it, and the peak memory of
    both sizes: flat memory is part of the target, and the raw baseline, which reads and writes a
    batch at a time, shows what the rows alone bring.
    """
    agrees = _same_rows(small, env, work)
    runs: dict[tuple[int, str], list[tuple[float, float]]] = {}
    for _ in range(repeat):  # interleaved, so that a slow moment hits both sides and both sizes
        for case in (small, large):
            runs.setdefault((case.rows, "ours"), []).append(_run_copy(case, case.ours, case.ours_env, work))
            runs.setdefault((case.rows, "base"), []).append(_run_copy(case, case.base, env, work))
    ours_small, base_small, ours_large, base_large = (
        timing_of(runs[(case.rows, side)]) for case in (small, large) for side in ("ours", "base")
    )
    extra = large.rows - small.rows
    # the least time of each: noise only ever adds time, and a difference of two medians
    # carries the noise of both (timeit's documentation gives the same advice)
    ours_time = ours_large.best - ours_small.best
    base_time = base_large.best - base_small.best
    if min(ours_time, base_time) <= 0.01:  # lost in the noise: too few rows (--quick) to tell
        rate = Result(f"{name}, {small.rows:,} -> {large.rows:,} rows", "too few rows", "", None, None, 0)
    else:
        rate = Result(
            f"{name}, {small.rows:,} -> {large.rows:,} rows (rows/s)",
            f"{extra / ours_time:,.0f}",
            f"{extra / base_time:,.0f}",
            ours_time / base_time,
            3.0,
            ours_large.peak_mib,
            base_large.peak_mib,
            repeat,
            agrees=agrees,
        )
    return [
        rate,
        Result(
            f"{name}, {large.rows:,} rows, whole run",
            str(ours_large),
            str(base_large),
            ours_large.median / base_large.median,
            None,
            ours_large.peak_mib,
            base_large.peak_mib,
            repeat,
        ),
        Result(
            f"{name}, peak memory, {small.rows:,} -> {large.rows:,} rows",
            f"{ours_small.peak_mib:.0f} -> {ours_large.peak_mib:.0f} MiB",
            f"{base_small.peak_mib:.0f} -> {base_large.peak_mib:.0f} MiB",
            ours_large.peak_mib / ours_small.peak_mib,
            MEMORY_GROWTH,
            ours_large.peak_mib,
            base_large.peak_mib,
            repeat,
        ),
    ]


def _status_case(work: Path, env: dict[str, str], template: Path, rows: int) -> ImportCase:
    """A month's statuses for the first ``rows`` projects of the portfolio in ``template``.

    Both sizes import into the same portfolio, so the difference between them is the rows'."""
    csv_path = work / f"statuses-{rows}.csv"
    _status_csv(csv_path, rows)
    return ImportCase(
        rows,
        template,
        [*PORTFOLIO, "--db", "{db}", "status", "import", str(csv_path), "--period", "2024-02"],
        [PY, "-m", "benchmarks.baselines", "import", "{db}", str(csv_path), "2024-02"],
        env,
        "SELECT r.project_id, s.dimension, s.rating FROM status_report r JOIN status_rating s ON s.report_id = r.id "
        "WHERE r.period = '2024-02' ORDER BY 1, 2",
    )


FINANCE_CHART_LINES = 8000


def _finance_files(work: Path, lines: int) -> tuple[Path, Path]:
    """A chart of many cost lines (portfolio.toml) and a year of figures for ``lines`` of them (CSV).

    Every size uses the same chart, so reading it is start-up, the same for each size: the
    throughput is the rows'."""
    keys = [f"line{n}" for n in range(1, max(lines, FINANCE_CHART_LINES) + 1)]
    chart = [f'  {{ key = "{key}", nb = "Post {key}", en = "Line {key}", kind = "cost" }},' for key in keys]
    chart.append(
        f'  {{ key = "costs", nb = "Kostnader", en = "Costs", kind = "subtotal", of = {keys!r} }},'.replace("'", '"')
    )
    chart.append('  { key = "result", nb = "Resultat", en = "Result", kind = "result", of = ["-costs"] },')
    config = work / "finance-chart.toml"
    config.write_text(
        '[plugins.finance]\nrevenue_total = ""\ncost_total = "costs"\nresult_total = "result"\nlines = [\n'
        + "\n".join(chart)
        + "\n]\n",
        encoding="utf-8",
    )
    figures = work / f"finance-{lines}.csv"
    with figures.open("w", encoding="utf-8") as handle:
        handle.write("period;line;actual;budget;unit\n")
        for month in range(1, 13):
            for n, key in enumerate(keys[:lines], start=1):
                actual, budget = (n * 3701 + month * 1109) % 5_000_000, (n * 3109 + month * 7) % 5_000_000
                handle.write(f"2024-{month:02d};{key};{_norwegian(actual)};{_norwegian(-budget)};1000 kr\n")
    return config, figures


def _norwegian(tenths: int) -> str:
    """An amount in tenths as the documented format writes it: '-12 345,6', thousands by spaces,
    a decimal comma (whole numbers without one)."""
    sign, tenths = ("-" if tenths < 0 else ""), abs(tenths)
    whole = f"{tenths // 10:,}".replace(",", " ")
    return f"{sign}{whole},{tenths % 10}" if tenths % 10 else f"{sign}{whole}"


def _finance_case(work: Path, env: dict[str, str], lines: int) -> ImportCase:
    template = work / f"finance-{lines}.db"
    run_once([*PORTFOLIO, "--db", str(template), "db", "upgrade"], env)
    config, figures = _finance_files(work, lines)
    return ImportCase(
        lines * 12,
        template,
        [*PORTFOLIO, "--db", "{db}", "finance", "import", str(figures)],
        [PY, "-m", "benchmarks.baselines", "finance", "{db}", str(figures)],
        {**env, "PORTFOLIO_CONFIG": str(config)},
        "SELECT period, line_key, unit, actual_ore, budget_ore FROM finance_figure ORDER BY 1, 2",
        "SELECT row_key, period, field, new_value FROM audit_log WHERE table_name = 'finance_figure' ORDER BY 1, 3",
    )


# 400 accounts of NS 4102 within the default mapping's ranges, revenue and financial income as credit
LEDGER_ACCOUNTS = 400
LEDGER_SPANS = ((3000, 3999, True), (4000, 4999, False), (5000, 5999, False), (6000, 7999, False), (8000, 8199, False))


def _ledger_accounts() -> list[tuple[int, bool]]:
    """LEDGER_ACCOUNTS account numbers spread over the spans, each with whether it is a credit."""
    accounts: list[tuple[int, bool]] = []
    share = LEDGER_ACCOUNTS // len(LEDGER_SPANS)
    for low, high, credit in LEDGER_SPANS:
        step = max(1, (high - low + 1) // share)
        accounts += [(low + i * step, credit or (low >= 8000 and i % 2 == 0)) for i in range(share)]
    return accounts


def _ledger_file(work: Path, rows: int) -> Path:
    """A year of a general ledger by account and department, as the `ledger` profile reads it:
    decimal commas, thousands spaces, credits in brackets; ``rows`` rows over 400 accounts."""
    accounts = _ledger_accounts()
    per_month = rows // 12
    path = work / f"ledger-{rows}.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("konto;kontonavn;periode;regnskap;budsjett;avdeling\n")
        for month in range(1, 13):
            for n in range(per_month):
                account, credit = accounts[n % len(accounts)]
                actual = (n * 7919 + month * 104729) % 2_000_000 + 1
                budget = (n * 6007 + month * 7) % 2_000_000 + 1
                a = f"{actual // 100:,}".replace(",", " ") + f",{actual % 100:02d}"
                b = f"{budget // 100:,}".replace(",", " ")
                if credit:
                    a, b = f"({a})", f"({b})"
                handle.write(f"{account};Konto {account};2024{month:02d};{a};{b};{n % 40}\n")
    return path


def _ledger_case(work: Path, env: dict[str, str], rows: int) -> ImportCase:
    template = work / f"ledger-{rows}.db"
    run_once([*PORTFOLIO, "--db", str(template), "db", "upgrade"], env)
    ledger = _ledger_file(work, rows)
    return ImportCase(
        rows,
        template,
        [*PORTFOLIO, "--db", "{db}", "finance", "import", str(ledger), "--profile", "ledger"],
        [PY, "-m", "benchmarks.baselines", "ledger", "{db}", str(ledger)],
        env,
        "SELECT period, line_key, unit, actual_ore, budget_ore FROM finance_figure ORDER BY 1, 2",
    )


CALLS_CONFIG = "[plugins.services]\nanswer_seconds = 60\n"


def _calls_file(work: Path, rows: int) -> Path:
    """A year of a phone system's call records as the `phone-calls` profile reads it: day-first
    date-times, waiting times as hh:mm:ss (empty when not answered), four channels, ``rows`` rows."""
    channels = ("Telefon", "Telefon", "E-post", "Chat", "Telefon", "Selvbetjening", "Telefon")
    per_month = rows // 12
    path = work / f"calls-{rows}.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Henvendelse;Mottatt;Kanal;Kø;Ventetid;Løst i førstelinje;Agent\n")
        for month in range(1, 13):
            for n in range(per_month):
                day, second = 1 + n % 28, (n * 7) % 36000
                channel = channels[n % len(channels)]
                wait = (n * 37) % 150
                waited = "" if channel != "Telefon" or n % 17 == 0 else f"00:{wait // 60:02d}:{wait % 60:02d}"
                solved = "Ja" if n % 10 < 7 else "Nei"
                stamp = (
                    f"{day:02d}.{month:02d}.2024 {7 + second // 3600:02d}:{second % 3600 // 60:02d}:{second % 60:02d}"
                )
                handle.write(f"{month * 100000 + n};{stamp};{channel};Brukerstøtte;{waited};{solved};agent{n % 12}\n")
    return path


def _calls_case(work: Path, env: dict[str, str], rows: int) -> ImportCase:
    template = work / f"calls-{rows}.db"
    run_once([*PORTFOLIO, "--db", str(template), "db", "upgrade"], env)
    calls = _calls_file(work, rows)
    config = work / "calls.toml"
    config.write_text(CALLS_CONFIG, encoding="utf-8")
    return ImportCase(
        rows,
        template,
        [*PORTFOLIO, "--db", "{db}", "service", "import", "calls", str(calls), "--profile", "phone-calls"],
        [PY, "-m", "benchmarks.baselines", "calls", "{db}", str(calls)],
        {**env, "PORTFOLIO_CONFIG": str(config)},
        "SELECT period, contacts, phone_share, answered_share, first_line_share FROM services_support_month ORDER BY 1",
    )


def _first_build(work: Path, env: dict[str, str], command: list[str], repeat: int) -> Timing:
    """The command with an empty cache each run: charts drawn, catalogs and revisions read anew."""
    runs = []
    for _ in range(repeat):
        cache = work / "cold-cache"
        shutil.rmtree(cache, ignore_errors=True)
        runs.append(run_once(command, {**env, "XDG_CACHE_HOME": str(cache)}))
    return timing_of(runs)


def compile_sources() -> None:
    """Byte-compile the code first: with PYTHONDONTWRITEBYTECODE set (as on these machines) every
    run would otherwise compile each changed module again, and we would time the compiler."""
    import compileall

    root = Path(__file__).resolve().parent.parent
    for folder in ("portfolio", "plugins", "benchmarks"):
        compileall.compile_dir(root / folder, quiet=1)
    for site in sys.path:
        if site.endswith("site-packages"):
            compileall.compile_dir(site, quiet=1, workers=0)


PERIOD = "2024-01"
# the read targets: within 3x of the raw reader on the demo and at 1,000 projects, 2x from 10,000
DEMO_TARGET, SMALL_TARGET, LARGE_TARGET = 3.0, 3.0, 2.0
STARTUP_TARGET = 1.1
MIN_RUNS = 7


def _plugin_names() -> list[str]:
    from importlib.metadata import entry_points

    return sorted({entry_point.name for entry_point in entry_points(group="portfolio")})


@dataclass(frozen=True)
class Read:
    """A read command beside its raw reader: ``args`` as timed, ``check_args`` for the output the
    raw rows are compared with (CSV or JSON), the raw reader's arguments."""

    name: str
    args: list[str]
    check_args: list[str]
    raw: list[str]
    agree_as: str
    without: tuple[str, ...] = ()  # plugins disabled for this run (PORTFOLIO_DISABLE_PLUGINS)
    target: bool = True  # held to the size's target; False: shown beside, to read another row by


def _reads() -> list[Read]:
    period = ["--period", PERIOD]
    reads = [
        Read("status matrix", ["status", "matrix", *period], ["--format", "csv"], ["matrix"], "matrix"),
        Read("risk list", ["risk", "list", *period], ["--format", "csv"], ["risks"], "risks"),
        Read("check (core checks)", ["check", *period], ["--format", "csv"], ["check"], "check"),
    ]
    for fmt in ("md", "html", "json"):
        args = ["report", "build", *period, "--format", fmt]
        reads.append(Read(f"report build {fmt}", args, [], ["report", fmt], "report"))
    # the raw reader renders the report's core tables, not the milestones' and benefits' ones,
    # which grow with the portfolio too: this row shows what those two sections cost
    args = ["report", "build", *period, "--format", "md"]
    reads.append(Read("report build md, no milestones or gains", args, [], ["report", "md"], "report", SECTIONS, False))
    return reads


SECTIONS = ("milestones", "gains")  # the sections with tables the raw report does not render


def read_results(label: str, db: Path | str, env: dict[str, str], repeat: int, target: float) -> list[Result]:
    """Every read command on ``db`` beside its raw reader with the plain renderer (the target) and
    with tabulate, interleaved run by run; the raw rows are first checked equal to the command's."""
    from benchmarks.raw_reads import agreement

    check_env = {**env, "PORTFOLIO_DISABLE_PLUGINS": ",".join(_plugin_names())}
    results = []
    for read in _reads():
        command_env = check_env if read.agree_as == "check" else env
        if read.without:
            command_env = {**env, "PORTFOLIO_DISABLE_PLUGINS": ",".join(read.without)}
        codes = (0, 1) if read.agree_as == "check" else (0,)
        ours = [*PORTFOLIO, "--db", str(db), *read.args]
        if read.agree_as == "report":
            check_command = [*PORTFOLIO, "--db", str(db), "report", "build", "--period", PERIOD, "--format", "json"]
        else:
            check_command = [*ours, *read.check_args]
        output = subprocess.run(check_command, env=command_env, capture_output=True, text=True, check=False)
        agrees = agreement({read.agree_as: output.stdout}, str(db), PERIOD)[read.agree_as]
        raw = [PY, "-m", "benchmarks.raw_reads", read.raw[0], str(db), PERIOD, *read.raw[1:]]
        commands = [Command(ours, command_env, codes), Command([*raw, "plain"], env)]
        if read.raw[-1] != "json":  # JSON has no tabulate form
            commands.append(Command([*raw, "tabulate"], env))
        timings = measure_interleaved(commands, repeat)
        shown_target = target if read.target else None
        result = _ratio_result(f"{read.name} ({label})", timings[0], timings[1], shown_target, *timings[2:])
        result.agrees = agrees
        results.append(result)
    return results


def startup_results(env: dict[str, str], repeat: int) -> list[Result]:
    """--help and --version beside a bare click + pluggy CLI (the target) and beside the earlier
    baseline that scans entry points on every start."""
    results = []
    for flag in ("--help", "--version"):
        ours, bare, scanning = measure_interleaved(
            [
                Command([*PORTFOLIO, flag], env),
                Command([PY, str(HERE / "bare_cli.py"), flag], env),
                Command([PY, str(HERE / "baseline_cli.py"), flag], env),
            ],
            repeat,
        )
        results.append(_ratio_result(f"portfolio {flag}", ours, bare, STARTUP_TARGET, scanning))
    return results


def demo_results(work: Path, env: dict[str, str], repeat: int) -> list[Result]:
    demo = work / "demo.db"
    for step in (["db", "upgrade"], ["demo"]):
        run_once([*PORTFOLIO, "--db", str(demo), *step], env)
    results = read_results("demo", demo, env, repeat, DEMO_TARGET)
    html = [*PORTFOLIO, "--db", str(demo), "report", "build", "--period", PERIOD, "--format", "html"]
    raw_html = Command([PY, "-m", "benchmarks.raw_reads", "report", str(demo), PERIOD, "html", "plain"], env)
    cold = _first_build(work, env, html, repeat)
    floor = measure_interleaved([raw_html], repeat)[0]
    results.append(_ratio_result("report build html (demo, first build: nothing cached)", cold, floor, None))
    # what any read command pays before its first row (benchmarks/stack_floor.py), beside the
    # raw reader of the demo's matrix: no target, it shows how far the stack's start alone goes
    stack, raw_matrix = measure_interleaved(
        [
            Command([PY, "-m", "benchmarks.stack_floor", str(demo)], env),
            Command([PY, "-m", "benchmarks.raw_reads", "matrix", str(demo), PERIOD, "plain"], env),
        ],
        repeat,
    )
    results.append(_ratio_result("the stack's start alone, no rows (demo)", stack, raw_matrix, None))
    return results


def size_results(work: Path, env: dict[str, str], projects: int, repeat: int) -> list[Result]:
    db = work / f"portfolio-{projects}.db"
    generate(f"sqlite:///{db}", projects, 24)
    target = SMALL_TARGET if projects < 10_000 else LARGE_TARGET
    try:
        return read_results(f"{projects:,} projects x 24 months", db, env, repeat, target)
    finally:
        db.unlink(missing_ok=True)


def import_results(work: Path, env: dict[str, str], quick: bool, repeat: int) -> list[Result]:
    size = 1000 if quick else 10_000
    template = work / f"import-{size}.db"
    generate(f"sqlite:///{template}", size, 1)
    status_cases = (_status_case(work, env, template, size // 4), _status_case(work, env, template, size))
    results = _import_throughput("status import", *status_cases, env, work, repeat)
    # 6,000 and 96,000 figures: the extra rows must take far longer than the noise of a run
    finance_cases = (_finance_case(work, env, size // 20), _finance_case(work, env, size * 4 // 5))
    return results + _import_throughput("finance import", *finance_cases, env, work, repeat)


GROUPS = ("startup", "demo", "reads", "imports", "ledger", "calls", "pdf")


def run(
    sizes: list[int], quick: bool, repeat: int, only: str | None = None, postgres: tuple[str, int] | None = None
) -> list[Result]:
    """The groups asked for (all by default); ``postgres``: (URL of an empty database, projects)
    to run the reads on PostgreSQL too."""
    compile_sources()
    work = Path(tempfile.mkdtemp(prefix="portfolio-bench-"))
    env = _env(work)
    results: list[Result] = []
    groups = [only] if only else list(GROUPS)
    try:
        if "startup" in groups:
            results += startup_results(env, repeat)
        if "demo" in groups:
            results += demo_results(work, env, repeat)
        if "reads" in groups:
            for projects in sizes:
                results += size_results(work, env, projects, repeat)
        if "imports" in groups:
            results += import_results(work, env, quick, repeat)
        if "ledger" in groups:
            results += _ledger_results(work, env, quick, repeat)
        if "calls" in groups:
            results += _calls_results(work, env, quick, repeat)
        if "pdf" in groups:
            results += _pdf_results(work, env, quick, repeat)
        if postgres:
            url, projects = postgres
            generate(url, projects, 24)
            target = SMALL_TARGET if projects < 10_000 else LARGE_TARGET
            results += read_results(f"{projects:,} projects x 24 months, PostgreSQL", url, env, repeat, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _ledger_results(work: Path, env: dict[str, str], quick: bool, repeat: int) -> list[Result]:
    """A year of ledger rows over 400 accounts, 10,000 and 200,000 rows (20,000 with --quick)."""
    large = 20_000 if quick else 200_000
    cases = (_ledger_case(work, env, 10_000), _ledger_case(work, env, large))
    return _import_throughput("ledger import", *cases, env, work, repeat)


def _calls_results(work: Path, env: dict[str, str], quick: bool, repeat: int) -> list[Result]:
    """A year of call records, 10,000 and 150,000 rows (20,000 with --quick)."""
    large = 20_000 if quick else 150_000
    cases = (_calls_case(work, env, 10_000), _calls_case(work, env, large))
    return _import_throughput("calls import", *cases, env, work, repeat)


# The PDF targets: the demo within 2x its HTML build; absolute time and memory by size.
PDF_LIMITS = {1000: (10.0, 500.0), 10_000: (60.0, 2048.0)}


def _build(db: Path, fmt: str, target: Path) -> list[str]:
    period = ["--period", "2024-01"]
    return [*PORTFOLIO, "--db", str(db), "report", "build", *period, "--format", fmt, "-o", str(target), "--force"]


def _pdf_results(work: Path, env: dict[str, str], quick: bool, repeat: int) -> list[Result]:
    """The board pack: the demo's PDF against its HTML build (charts cached in both, interleaved),
    then 1,000 and 10,000 projects against the absolute targets, the HTML build beside them."""
    results = []
    demo = work / "pdf-demo.db"
    for step in (["db", "upgrade"], ["demo"]):
        run_once([*PORTFOLIO, "--db", str(demo), *step], env)
    ours, base = measure_pair(_build(demo, "pdf", work / "r.pdf"), _build(demo, "html", work / "r.html"), repeat, env)
    results.append(_ratio_result("report build pdf (demo) against html", ours, base, 2.0))
    for projects in [1000] if quick else [1000, 10_000]:
        db = work / f"pdf-{projects}.db"
        if not db.exists():
            generate(f"sqlite:///{db}", projects, 24)
        count = max(7, repeat)
        ours, base = measure_pair(_build(db, "pdf", work / "r.pdf"), _build(db, "html", work / "r.html"), count, env)
        seconds, mib = PDF_LIMITS[projects]
        name = f"report build pdf, {projects:,} projects (≤ {seconds:.0f} s, ≤ {mib:.0f} MiB) against html"
        results.append(
            Result(
                name,
                str(ours),
                str(base),
                ours.median / base.median,
                None,
                ours.peak_mib,
                base_mib=base.peak_mib,
                runs=count,
                limits=(seconds, mib),
                median_s=ours.median,
            )
        )
    return results


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 projects and small imports only")
    parser.add_argument(
        "--sizes", default="1000,10000", help="portfolio sizes for the reads, comma-separated (default: 1000,10000)"
    )
    parser.add_argument("--repeat", type=int, default=MIN_RUNS, help="runs per measurement (median is reported)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--only", choices=GROUPS, help="run one group of benchmarks only")
    parser.add_argument("--postgres", metavar="URL", help="an empty PostgreSQL database: run the reads there too")
    parser.add_argument("--postgres-projects", type=int, default=10_000, help="its size (default: 10000)")
    args = parser.parse_args()
    sizes = [1000] if args.quick else [int(size) for size in args.sizes.split(",") if size.strip()]
    if args.repeat < MIN_RUNS:
        print(f"note: {args.repeat} runs per figure, fewer than the {MIN_RUNS} the documented figures use")
    postgres = (args.postgres, args.postgres_projects) if args.postgres else None
    results = run(sizes, args.quick, args.repeat, args.only, postgres)
    from tabulate import tabulate

    print(f"Machine: {machine()}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    rows = [
        [
            r.name,
            r.ours,
            r.baseline,
            f"{r.ratio:.2f}x" if r.ratio is not None else "",
            r.other,
            f"{r.other_ratio:.2f}x" if r.other_ratio is not None else "",
            f"≤ {r.target}x" if r.target else "",
            f"{r.peak_mib:.0f}",
            f"{r.base_mib:.0f}" if r.base_mib is not None else "",
            str(r.runs),
            {True: "yes", False: "NO", None: ""}[r.agrees],
            r.ok,
        ]
        for r in results
    ]
    headers = ["benchmark", "portfolio", "baseline", "ratio", "2nd baseline", "ratio", "target", "MiB", "base MiB"]
    print(tabulate(rows, headers=[*headers, "runs", "rows equal", "met"], disable_numparse=True))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": [r.__dict__ for r in results]}, indent=2))
    if any(r.ok.startswith("NO") for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
