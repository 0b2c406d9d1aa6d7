"""Timing whole processes: median wall time over repeated runs, and peak memory (max RSS)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timing:
    median: float  # seconds
    best: float
    peak_mib: float  # the largest resident set of any run
    runs: int = 0

    def __str__(self) -> str:
        return f"{self.median * 1000:.0f} ms"


LAUNCHER = Path(__file__).with_name("launch.py")


def run_once(
    command: Sequence[str], env: dict[str, str] | None = None, stdin: str | None = None, codes: Sequence[int] = (0,)
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run; fails loudly if the command fails.

    The command is started by ``launch.py``, a small process that times it and reads its peak:
    a child of this process would count this process's memory as its own. ``codes`` are the
    exit codes that count as success (``check`` exits 1 when it finds an error).
    """
    read_end, write_end = os.pipe()
    try:
        process = subprocess.Popen(
            [sys.executable, "-S", str(LAUNCHER), str(write_end), *command],
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            pass_fds=(write_end,),
        )
    finally:
        os.close(write_end)
    with os.fdopen(read_end, "rb") as reported:
        _output, error = process.communicate(stdin)
        elapsed, peak_kib, code = reported.read().decode().split()
    if process.returncode != 0 or int(code) not in codes:
        raise RuntimeError(f"{' '.join(command)} failed ({code}): {error[-500:]}")
    return float(elapsed), int(peak_kib) / 1024


def measure(command: Sequence[str], repeat: int = 7, warmup: int = 1, env: dict[str, str] | None = None) -> Timing:
    for _ in range(warmup):
        run_once(command, env)
    return timing_of([run_once(command, env) for _ in range(repeat)])


def timing_of(runs: Sequence[tuple[float, float]]) -> Timing:
    """The median and best time and the largest peak of runs as ``run_once`` returns them."""
    times = [t for t, _ in runs]
    return Timing(statistics.median(times), min(times), max(m for _, m in runs), len(times))


@dataclass(frozen=True)
class Command:
    """A command to time, with its environment and the exit codes that count as success."""

    argv: Sequence[str]
    env: dict[str, str] | None = None
    codes: Sequence[int] = (0,)


def measure_interleaved(commands: Sequence[Command], repeat: int) -> list[Timing]:
    """Each command once to warm up, then all of them in turn, ``repeat`` rounds: a busy moment
    of the machine hits every side alike."""
    for command in commands:
        run_once(command.argv, command.env, codes=command.codes)
    runs: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, found in zip(commands, runs, strict=True):
            found.append(run_once(command.argv, command.env, codes=command.codes))
    return [timing_of(found) for found in runs]


def measure_pair(
    ours: Sequence[str], baseline: Sequence[str], repeat: int = 9, env: dict[str, str] | None = None
) -> tuple[Timing, Timing]:
    """Both commands, interleaved run by run, so a busy moment hits both alike."""
    run_once(ours, env)
    run_once(baseline, env)
    a, b = [], []
    for _ in range(repeat):
        a.append(run_once(ours, env))
        b.append(run_once(baseline, env))
    return timing_of(a), timing_of(b)
