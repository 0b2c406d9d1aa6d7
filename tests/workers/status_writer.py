"""Run by tests/test_concurrency.py in several processes at once.

Each write reads a status's version, then records a change with --expect-version, as a person
would who looked before editing. Prints one JSON line per write.
"""

from __future__ import annotations

import json
import sys

from click.testing import CliRunner

from portfolio.cli import build_cli


def main() -> None:
    url, worker, count, codes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
    runner = CliRunner()
    for index in range(count):
        code = codes[index % len(codes)]
        marker = f"{worker}-{index}"
        shown = runner.invoke(
            build_cli(), ["--db", url, "status", "show", code, "--period", "2024-01", "--format", "json"]
        )
        record: dict[str, object] = {"code": code, "marker": marker}
        if shown.exit_code != 0:
            record.update(exit=shown.exit_code, stderr=shown.stderr, step="show")
        else:
            version = json.loads(shown.stdout)[0]["version"]
            args = [
                "--db",
                url,
                "--as",
                worker,
                "status",
                "set",
                code,
                "--period",
                "2024-01",
                "--scope",
                "green",
                "--scope-comment",
                marker,
                "--expect-version",
                str(version),
            ]
            result = runner.invoke(build_cli(), args)
            crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
            record.update(
                exit=result.exit_code,
                stderr=result.stderr,
                step="set",
                crash=repr(result.exception) if crashed else None,
            )
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
