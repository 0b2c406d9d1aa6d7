"""Golden files: the demo's report in every format, byte for byte, on every backend.

Run with UPDATE_GOLDEN=1 to rewrite the files after an intended change, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import ok

pytestmark = pytest.mark.usefixtures("core_only")

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("terminal", "nb", "report-2024-01.nb.txt"),
    ("terminal", "en", "report-2024-01.en.txt"),
    ("md", "nb", "report-2024-01.nb.md"),
    ("md", "en", "report-2024-01.en.md"),
    ("html", "nb", "report-2024-01.nb.html"),
    ("json", "nb", "report-2024-01.nb.json"),
]


@pytest.mark.parametrize(("fmt", "lang", "name"), CASES)
def test_demo_report_matches_golden_file(demo, fmt, lang, name):
    output = ok(demo("report", "build", "--period", "2024-01", "--format", fmt, "--lang", lang)).stdout
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8")
