"""Run jobs of CLI commands in parallel processes that start together; used by tests/test_races.py.

Reads a JSON list of jobs from stdin; a job is a list of commands, each a list of CLI arguments.
The commands' modules are imported once, then one process is forked per job (so 32 writers do
not pay 32 interpreter starts on a 2-core machine); every process waits for the same start time,
runs its commands one after the other through the real CLI, each with its own database
connections, and the results are printed as one JSON line per command:
``{"job", "args", "exit", "stdout", "stderr", "crash", "started", "ended"}``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from portfolio.cli import build_cli

START_DELAY = 0.3  # seconds from the last fork to the common start


def run(job: int, args: list[str]) -> dict[str, object]:
    started = time.time()
    result = CliRunner().invoke(build_cli(), args)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    return {
        "job": job,
        "args": args,
        "exit": result.exit_code,
        "stdout": result.stdout,
        "stderr": result.stderr,
        "crash": repr(result.exception) if crashed else None,
        "started": started,
        "ended": time.time(),
    }


# What the first write of a fresh process imports and sets up (a good half second of CPU): done
# once before forking, as a long-running process would have it done, so the children race on the
# database rather than on starting up.
WARM_MODULES = (
    "portfolio.audit",
    "portfolio.backup",
    "portfolio.importers.status_files",
    "portfolio.report.archive",
    "portfolio.schema",
    "portfolio.services.narratives",
    "portfolio.services.risks",
    "portfolio.services.status_bulk",
    "portfolio.services.statuses",
)


def warm(jobs: list[list[list[str]]]) -> None:
    """Import every command group the jobs use and what their writes need, before forking."""
    from importlib import import_module

    from sqlalchemy.orm import configure_mappers

    runner = CliRunner()
    for group in sorted({command[command.index("--as") + 2] for job in jobs for command in job}):
        runner.invoke(build_cli(), [group, "--help"])
    for name in WARM_MODULES:
        import_module(name)
    configure_mappers()


def main() -> None:
    jobs: list[list[list[str]]] = json.load(sys.stdin)
    warm(jobs)
    folder = Path(tempfile.mkdtemp(prefix="race-"))
    start = time.time() + START_DELAY + 0.02 * len(jobs)
    children = []
    for number, job in enumerate(jobs):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                time.sleep(max(0.0, start - time.time()))
                lines = [json.dumps(run(number, args)) for args in job]
                (folder / f"{number}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            except BaseException as exc:
                (folder / f"{number}.jsonl").write_text(
                    json.dumps({"job": number, "crash": repr(exc), "exit": -1}) + "\n", encoding="utf-8"
                )
                code = 1
            finally:
                sys.stdout.flush()
                os._exit(code)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    for number in range(len(jobs)):
        path = folder / f"{number}.jsonl"
        sys.stdout.write(
            path.read_text(encoding="utf-8")
            if path.exists()
            else json.dumps({"job": number, "exit": -2, "crash": "no output"}) + "\n"
        )
        path.unlink(missing_ok=True)
    folder.rmdir()


if __name__ == "__main__":
    main()
