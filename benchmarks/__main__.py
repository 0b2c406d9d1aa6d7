"""Run the benchmark suite and print each figure beside its baseline from the same run.

    python -m benchmarks                 # everything (10,000 projects take a few minutes to build)
    python -m benchmarks --quick         # skip the 10,000-project portfolio
    python -m benchmarks --json out.json # also write the figures as JSON

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
from benchmarks.measure import Timing, measure, measure_pair, run_once

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

    @property
    def ok(self) -> str:
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


def _import_rate(work: Path, env: dict[str, str], projects: int, repeat: int = 3) -> tuple[Result, Result]:
    template = work / f"import-{projects}.db"
    generate(f"sqlite:///{template}", projects, 1)
    csv_path = work / f"statuses-{projects}.csv"
    _status_csv(csv_path, projects)
    rows = projects  # one status (a report and six ratings) per CSV row

    def timed(command: list[str], copy: Path) -> list[tuple[float, float]]:
        runs = []
        for _ in range(repeat):
            shutil.copy(template, copy)
            runs.append(run_once([part.replace("{db}", str(copy)) for part in command], env))
        return runs

    ours = timed(
        [*PORTFOLIO, "--db", "{db}", "status", "import", str(csv_path), "--period", "2024-02"], work / "ours.db"
    )
    base = timed([PY, "-m", "benchmarks.baselines", "import", "{db}", str(csv_path), "2024-02"], work / "base.db")
    ours_t = sorted(t for t, _ in ours)[len(ours) // 2]
    base_t = sorted(t for t, _ in base)[len(base) // 2]
    result = Result(
        f"status import, {projects:,} statuses (rows/s)",
        f"{rows / ours_t:,.0f}",
        f"{rows / base_t:,.0f}",
        ours_t / base_t,
        3.0,
        max(m for _, m in ours),
    )
    return result, Result("", "", "", None, None, 0)


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


def run(quick: bool, repeat: int) -> list[Result]:
    compile_sources()
    work = Path(tempfile.mkdtemp(prefix="portfolio-bench-"))
    env = _env(work)
    results: list[Result] = []
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
        floor = measure([PY, "-c", "import sqlmodel"], repeat, env=env)
        results.append(Result("read floor: import sqlmodel", str(floor), "", None, None, floor.peak_mib))
        for name, args in (
            ("status matrix (demo)", ["status", "matrix", "--period", "2024-01"]),
            ("project list (demo)", ["project", "list"]),
            ("report build html (demo)", ["report", "build", "--period", "2024-01", "--format", "html"]),
            ("report build md (demo)", ["report", "build", "--period", "2024-01", "--format", "md"]),
        ):
            ours = measure([*PORTFOLIO, "--db", str(demo), *args], repeat, env=env)
            results.append(_ratio_result(name, ours, floor, 1.5))

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
        results.append(_import_rate(work, env, 1000 if quick else 10_000)[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
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
    args = parser.parse_args()
    results = run(args.quick, args.repeat)
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
