"""A write is acknowledged only once it is stored, and once.

A command's run can fail at the end of its transaction (the last flush meets a row someone else
changed, a deadlock) and run again (``cli.root`` retries a write that lost a race). A line such
as ``Added risk 7`` printed inside ``app.writing()`` would then have told the user of a risk that
was rolled back, and the rerun would print a second one. The acknowledgement belongs after the
block, where the transaction has committed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from portfolio import audit
from portfolio.errors import WriteRaceError

ROOT = Path(__file__).resolve().parent.parent

# the calls that tell the user something; inside a write's transaction nothing may be told, but an
# import's preview (what it will store, beside what is stored) and its notices on the error
# stream may be shown inside ``preview_session``: there no line of the command's own words
TELLS = {"echo", "secho", "emit", "print"}
WRITE_BLOCKS = {"writing", "write_session"}
PREVIEW_BLOCKS = {"preview_session"}
RERUN_NOTE = "note: another write got there first; nothing was stored, running the command again"


def _called(call: ast.Call) -> str | None:
    function = call.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)


def _own_words(call: ast.Call) -> bool:
    """A line of the command's own (a literal or an f-string) for the output stream."""
    to_error_stream = any(
        keyword.arg == "err" and isinstance(keyword.value, ast.Constant) and keyword.value.value
        for keyword in call.keywords
    )
    return bool(call.args) and isinstance(call.args[0], ast.Constant | ast.JoinedStr) and not to_error_stream


def _tells_inside_a_write(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.With | ast.AsyncWith):
            continue
        blocks = {_called(item.context_expr) for item in node.items if isinstance(item.context_expr, ast.Call)}
        if not blocks & (WRITE_BLOCKS | PREVIEW_BLOCKS):
            continue
        preview = not blocks & WRITE_BLOCKS
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call) and _called(inner) in TELLS and (not preview or _own_words(inner)):
                found.append(f"{path.relative_to(ROOT)}:{inner.lineno}: {ast.unparse(inner)[:80]}")
    return found


def test_no_command_tells_the_user_anything_before_its_write_is_committed():
    modules = [*(ROOT / "portfolio").rglob("*.py"), *(ROOT / "plugins").glob("*/portfolio_*/**/*.py")]
    assert len(modules) > 100  # the walk found the core and the plugins
    found = [line for path in modules for line in _tells_inside_a_write(path)]
    assert found == [], "acknowledge after `with app.writing()`, once committed:\n" + "\n".join(found)


@pytest.fixture
def first_commit_lost(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The first write transaction fails as it is about to commit, as one that lost a race does."""
    runs: list[int] = []
    stamp = audit.stamp_commit

    def lose_the_first(session):
        runs.append(len(runs) + 1)
        if len(runs) == 1:
            raise WriteRaceError("someone else changed this record while you were saving it")
        return stamp(session)

    monkeypatch.setattr(audit, "stamp_commit", lose_the_first)
    return runs


@pytest.mark.parametrize(
    ("arguments", "acknowledgement", "shown", "stored"),
    [
        (["program", "add", "PRG2", "Program 2"], r"Added program PRG2\.", ["program", "list"], "Program 2"),
        (["project", "add", "B", "Beta"], r"Added project B\.", ["project", "list"], "Beta"),
        (
            ["risk", "add", "A", "Leveransen kan bli forsinket", "-p", "3", "-c", "4", "--period", "2024-01"],
            r"Added risk (\d+) to A \(yellow zone, score 12\)\.",
            ["risk", "show", "{id}", "--period", "2024-01"],
            "Leveransen kan bli forsinket",
        ),
        (
            ["measure", "add", "1", "Ukentlig oppfølging"],
            r"Added measure (\d+) to risk 1\.",
            ["measure", "list", "--risk", "1", "--format", "csv"],
            "\n{id},1,open,,,Ukentlig oppfølging\n",
        ),
    ],
)
def test_a_write_run_again_after_a_lost_commit_is_acknowledged_once_with_what_was_stored(
    migrated, first_commit_lost, arguments, acknowledgement, shown, stored
):
    for setup in (
        ["program", "add", "PRG", "Program"],
        ["project", "add", "A", "Alfa", "--program", "PRG"],
        ["risk", "add", "A", "Noe kan gå galt", "-p", "2", "-c", "2", "--period", "2024-01"],
    ):
        assert migrated(*setup).exit_code == 0
    first_commit_lost.clear()

    result = migrated(*arguments)

    assert result.exit_code == 0, result.output
    assert first_commit_lost == [1, 2]  # lost once, stored on the second run
    told = re.findall(acknowledgement, result.output)
    assert len(told) == 1, result.output  # not once per run
    assert result.stderr.count(RERUN_NOTE) == 1
    number = dict(enumerate(re.search(acknowledgement, result.output).groups())).get(0, "")
    shown_result = migrated(*(part.format(id=number) for part in shown))
    assert shown_result.exit_code == 0, shown_result.output
    assert stored.format(id=number) in shown_result.output  # what was acknowledged is what is stored
