"""Run the benchmark suite and print each figure beside its baseline from the same run.

    python -m benchmarks                 # everything (10,000 projects take a few minutes to build)
    python -m benchmarks --quick         # skip the 10,000-project portfolio
    python -m benchmarks --json out.json # also write the figures as JSON
    python -m benchmarks --only pdf      # the PDF board pack: demo against its HTML, 1,000 and 10,000 projects

Targets are ratios to a baseline measured in the same run, so they hold on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.measure import Timing, measure, measure_pair, run_once, timing_of

PY = sys.executable
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
    limits: tuple[float, float] | None = None  # an absolute target: at most this many seconds and MiB
    median_s: float | None = None

    @property
    def ok(self) -> str:
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


def _ratio_result(name: str, ours: Timing, base: Timing, target: float | None) -> Result:
    return Result(name, str(ours), str(base), ours.median / base.median, target, ours.peak_mib)


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
        ),
        Result(
            f"{name}, peak memory, {small.rows:,} -> {large.rows:,} rows",
            f"{ours_small.peak_mib:.0f} -> {ours_large.peak_mib:.0f} MiB",
            f"{base_small.peak_mib:.0f} -> {base_large.peak_mib:.0f} MiB",
            ours_large.peak_mib / ours_small.peak_mib,
            MEMORY_GROWTH,
            ours_large.peak_mib,
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
    rows = ["period,line,actual,budget,unit"]
    rows += [
        f"2024-{month:02d},{key},{(n * 37 + month * 11) % 5000},{(n * 31 + month * 7) % 5000},1000"
        for month in range(1, 13)
        for n, key in enumerate(keys[:lines], start=1)
    ]
    figures.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return config, figures


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


def run(quick: bool, repeat: int, only: str | None = None) -> list[Result]:
    compile_sources()
    work = Path(tempfile.mkdtemp(prefix="portfolio-bench-"))
    env = _env(work)
    results: list[Result] = []
    if only in ("ledger", "calls", "pdf"):
        group = {"ledger": _ledger_results, "calls": _calls_results, "pdf": _pdf_results}[only]
        try:
            return group(work, env, quick, repeat)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    try:
        ours, base = measure_pair([*PORTFOLIO, "--help"], [PY, "benchmarks/baseline_cli.py", "--help"], repeat, env)
        results.append(_ratio_result("portfolio --help", ours, base, 1.3))
        ours, base = measure_pair(
            [*PORTFOLIO, "--version"], [PY, "benchmarks/baseline_cli.py", "--version"], repeat, env
        )
        results.append(_ratio_result("portfolio --version", ours, base, 1.3))

        demo = work / "demo.db"
        for step in (["db", "upgrade"], ["demo"]):
            run_once([*PORTFOLIO, "--db", str(demo), *step], env)
        floor_command = [PY, "-c", "import sqlmodel"]
        floor = measure(floor_command, repeat, env=env)
        results.append(Result("read floor: import sqlmodel", str(floor), "", None, None, floor.peak_mib))
        html = ["report", "build", "--period", "2024-01", "--format", "html"]
        for name, args in (
            ("status matrix (demo)", ["status", "matrix", "--period", "2024-01"]),
            ("project list (demo)", ["project", "list"]),
            ("report build md (demo)", ["report", "build", "--period", "2024-01", "--format", "md"]),
            ("report build html (demo, charts cached)", html),
        ):
            # each beside its own runs of the floor, interleaved: this machine's speed drifts
            ours, base = measure_pair([*PORTFOLIO, "--db", str(demo), *args], floor_command, repeat, env)
            results.append(_ratio_result(name, ours, base, 1.5))
        cold = _first_build(work, env, [*PORTFOLIO, "--db", str(demo), *html], max(3, repeat // 3))
        results.append(_ratio_result("report build html (demo, first build: nothing cached)", cold, floor, None))

        sizes = [1000] if quick else [1000, 10_000]
        for projects in sizes:
            db = work / f"portfolio-{projects}.db"
            generate(f"sqlite:///{db}", projects, 24)
            count = repeat if projects <= 1000 else max(3, repeat // 3)
            ours, base = measure_pair(
                [*PORTFOLIO, "--db", str(db), "report", "build", "--period", "2024-01", "--format", "md"],
                [PY, "-m", "benchmarks.baselines", "report", str(db), "2024-01"],
                count,
                env,
            )
            target = 3.0 if projects >= 10_000 else None  # the target is for 10,000
            results.append(_ratio_result(f"report build md, {projects:,} projects x 24 months", ours, base, target))
            ours = measure([*PORTFOLIO, "--db", str(db), "status", "matrix", "--period", "2024-01"], count, env=env)
            results.append(_ratio_result(f"status matrix, {projects:,} projects", ours, base, target))
        size = 1000 if quick else 10_000
        template = work / f"import-{size}.db"
        generate(f"sqlite:///{template}", size, 1)
        status_cases = (_status_case(work, env, template, size // 4), _status_case(work, env, template, size))
        results += _import_throughput("status import", *status_cases, env, work, max(7, repeat // 2))
        # 6,000 and 96,000 figures: the extra rows must take far longer than the noise of a run
        finance_cases = (_finance_case(work, env, size // 20), _finance_case(work, env, size * 4 // 5))
        results += _import_throughput("finance import", *finance_cases, env, work, max(7, repeat // 2))
        results += _ledger_results(work, env, quick, repeat)
        results += _calls_results(work, env, quick, repeat)
        results += _pdf_results(work, env, quick, repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _ledger_results(work: Path, env: dict[str, str], quick: bool, repeat: int) -> list[Result]:
    """A year of ledger rows over 400 accounts, 10,000 and 200,000 rows (20,000 with --quick)."""
    large = 20_000 if quick else 200_000
    cases = (_ledger_case(work, env, 10_000), _ledger_case(work, env, large))
    return _import_throughput("ledger import", *cases, env, work, max(5, repeat // 2))


def _calls_results(work: Path, env: dict[str, str], quick: bool, repeat: int) -> list[Result]:
    """A year of call records, 10,000 and 150,000 rows (20,000 with --quick)."""
    large = 20_000 if quick else 150_000
    cases = (_calls_case(work, env, 10_000), _calls_case(work, env, large))
    return _import_throughput("calls import", *cases, env, work, max(5, repeat // 2))


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
        count = max(7, repeat) if projects <= 1000 else max(3, repeat // 2)
        ours, base = measure_pair(_build(db, "pdf", work / "r.pdf"), _build(db, "html", work / "r.html"), count, env)
        seconds, mib = PDF_LIMITS[projects]
        name = f"report build pdf, {projects:,} projects (≤ {seconds:.0f} s, ≤ {mib:.0f} MiB) against html"
        results.append(
            Result(
                name, str(ours), str(base), ours.median / base.median, None, ours.peak_mib, (seconds, mib), ours.median
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
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-project portfolio")
    parser.add_argument("--repeat", type=int, default=9, help="runs per measurement (median is reported)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--only", choices=["ledger", "calls", "pdf"], help="run one group of benchmarks only")
    args = parser.parse_args()
    results = run(args.quick, args.repeat, args.only)
    from tabulate import tabulate

    print(f"Machine: {machine()}")
    rows = [
        [
            r.name,
            r.ours,
            r.baseline,
            f"{r.ratio:.2f}x" if r.ratio is not None else "",
            f"≤ {r.target}x" if r.target else "",
            f"{r.peak_mib:.0f}",
            r.ok,
        ]
        for r in results
    ]
    print(
        tabulate(
            rows,
            headers=["benchmark", "portfolio", "baseline", "ratio", "target", "peak MiB", "met"],
            disable_numparse=True,
        )
    )
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": [r.__dict__ for r in results]}, indent=2))
    if any(r.ok == "NO" for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
