"""Several people at once: no lost updates, no 'database is locked', every refusal explained."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import ok

WORKERS = 4
WRITES = 12
ROOT = Path(__file__).parent.parent


def test_concurrent_writers_lose_nothing_and_are_told_when_refused(migrated, db_url):
    own = [f"OWN{n}" for n in range(WORKERS)]
    for code in ["SHARED", *own]:
        ok(migrated("project", "add", code, f"Prosjekt {code}"))
        ok(migrated("status", "set", code, "--period", "2024-01", "--scope", "green"))

    processes = [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "workers" / "status_writer.py"),
                db_url,
                f"w{n}",
                str(WRITES),
                f"SHARED,{own[n]}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for n in range(WORKERS)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        results += [json.loads(line) for line in out.splitlines()]

    assert len(results) == WORKERS * WRITES
    for record in results:
        assert record["exit"] in (0, 1), record
        assert record.get("crash") is None, record
        assert "locked" not in record["stderr"], record
        if record["exit"] == 1:
            assert record["step"] == "set" and (
                "since you read it" in record["stderr"] or "someone else changed this record" in record["stderr"]
            ), record

    history = {code: json.loads(ok(migrated("history", code, "--format", "json")).stdout) for code in ["SHARED", *own]}
    written = {
        (code, entry["new"]): entry
        for code, entries in history.items()
        for entry in entries
        if entry["field"] == "scope comment" and entry["new"]
    }
    for record in results:
        entry = written.get((record["code"], record["marker"]))
        if record["exit"] == 0:
            assert entry is not None, f"accepted write {record['marker']} is missing from the audit trail"
            assert entry["user"] == record["marker"].split("-")[0]
        else:
            assert entry is None, f"refused write {record['marker']} was written"

    # nobody else writes a worker's own project, so none of those writes may be refused
    assert all(r["exit"] == 0 for r in results if r["code"] != "SHARED")
    # the stored status is the last accepted write of each project
    for code, entries in history.items():
        last = [e for e in entries if e["field"] == "scope comment" and e["new"]][-1]["new"]
        shown = json.loads(ok(migrated("status", "show", code, "--period", "2024-01", "--format", "json")).stdout)
        assert shown[0]["comment"] == last
