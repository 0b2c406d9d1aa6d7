"""Run one command and report its own wall time and peak memory, from a process of a few MiB.

Why: Linux counts a child's peak resident set from the moment it was forked, so a command started
straight from the benchmark runner, which holds a 10,000-project portfolio by then, would report
the runner's memory as its own. Started from here, its peak is its own (plus this small process,
the same for ours and the baseline). The runner starts this with ``python -S``: no site packages.

    python -S benchmarks/launch.py FD COMMAND...   # writes "SECONDS PEAK_KIB EXIT_CODE" to FD
"""

import os
import sys
import time


def main() -> None:
    report_fd, command = int(sys.argv[1]), sys.argv[2:]
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _pid, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    os.write(report_fd, f"{elapsed} {usage.ru_maxrss} {code}".encode())
    os.close(report_fd)


if __name__ == "__main__":
    main()
