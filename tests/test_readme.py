"""The README's monthly workflow, run as a reader would type it into an empty database.

Every command of the block must succeed in order, so that an example naming a project the
workflow never created (as the risk once did) fails here, not for the reader. The sections'
imports take their systems' own exports, which the README does not give; each section's page
shows them run on real files, so those lines are only checked to name a command that exists.
"""

from __future__ import annotations

import glob
import re
import shlex
from pathlib import Path

import pytest

from tests.helpers import ok
from tests.test_monthly_round import DIMENSIONS, edit_csv, rows_of

README = Path(__file__).resolve().parents[1] / "README.md"
SECTION_IMPORTS = {("finance", "import"), ("service", "import"), ("hr", "import"), ("deviation", "import")}


def workflow_commands() -> list[list[str]]:
    """The ``portfolio`` commands of the README's monthly workflow, comments and line breaks gone."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## The monthly workflow\n\n```sh\n(.*?)```", text, re.S)
    assert block, "README.md has no sh block under '## The monthly workflow'"
    commands = []
    for line in block.group(1).replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if words:
            assert words[0] == "portfolio", line
            commands.append(words[1:])
    return commands


def fill_in(folder: Path) -> None:
    """What the managers do with their templates between the two commands: rate every dimension
    left empty (a first month has no last ratings to keep)."""
    for path in folder.glob("*.csv"):
        rows = rows_of(path)
        assert rows, path
        for code, row in rows.items():
            edit_csv(path, code, **{key: "green" for key in DIMENSIONS if not row[key]})


def test_the_readme_workflow_runs_in_order_on_an_empty_database(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("his2.md").write_text("Programmet går som planlagt.\n", encoding="utf-8")
    Path("vurdering.md").write_text("Porteføljen er i rute.\n", encoding="utf-8")
    commands = workflow_commands()
    assert len(commands) > 20
    ran = 0
    for words in commands:
        if tuple(words[:2]) in SECTION_IMPORTS:
            assert ok(run(*words[:2], "--help")).stdout.startswith("Usage:")
            continue
        expanded = [match for word in words for match in (sorted(glob.glob(word)) if "*" in word else [word])]
        # --interactive asks a question per dimension; the reader answers each with Enter, keeping it
        result = run(*expanded, input="\n" * 40)
        assert result.exit_code == 0, f"portfolio {shlex.join(words)}: {result.output}"
        ran += 1
        if words[:2] == ["status", "template"]:
            fill_in(Path(words[words.index("-o") + 1]))
    assert ran == len(commands) - len(SECTION_IMPORTS)
    assert "is closed" in run("status", "set", "IAM2", "--period", "2024-01", "--scope", "red").output
