"""Every command's --help ends with examples, and every example runs as shown.

The examples of the core (portfolio/cli/examples.py) and of each installed section plugin
(registered with ``cli.add_examples``) are collected from the built CLI, as --help shows them,
and run against the demo data: the examples of each top-level command in the order they were
registered, against a fresh copy of one prepared demo database, from a folder holding the
example files the repository ships. They run on SQLite only (a copied file is the cheap fresh
database); the ``access`` commands, which work only on PostgreSQL, are left out of the run.
"""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.helpers import ok

ROOT = Path(__file__).resolve().parents[1]
# Where the files the examples name come from, copied flat into the folder they run in.
EXAMPLE_FILES = [ROOT / "docs" / "examples", *sorted((ROOT / "plugins").glob("*/examples"))]
POSTGRESQL_ONLY = ("access",)  # command groups whose examples need a PostgreSQL server


def walk(cli: click.Group) -> Iterator[tuple[str, click.Command]]:
    """(path below 'portfolio', command) of every visible command, as docs/cli-reference.md lists them."""

    def below(command: click.Command, ctx: click.Context, path: str) -> Iterator[tuple[str, click.Command]]:
        yield path, command
        if isinstance(command, click.Group):
            for name in sorted(command.list_commands(ctx)):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    yield from below(sub, click.Context(sub, info_name=name, parent=ctx), f"{path} {name}".strip())

    yield from below(cli, click.Context(cli, info_name="portfolio"), "")


@pytest.fixture(autouse=True)
def only_the_shipped_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The core and the section plugins of plugins/, as docs/cli-reference.md shows them; another
    installed plugin's examples are its own tests' business."""
    import tomllib
    from importlib.metadata import entry_points

    shipped: set[str] = set()
    for project in (ROOT / "plugins").glob("*/pyproject.toml"):
        shipped |= set(tomllib.loads(project.read_text(encoding="utf-8"))["project"]["entry-points"]["portfolio"])
    others = sorted({each.name for each in entry_points(group="portfolio")} - shipped)
    if others:
        monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", ",".join(others))


@pytest.fixture
def cli() -> click.Group:
    from portfolio.cli import build_cli

    return build_cli()


def test_every_command_has_examples_and_every_example_a_command(cli) -> None:
    commands = dict(walk(cli))
    leaves = {path for path, command in commands.items() if path and not isinstance(command, click.Group)}
    assert sorted(leaves - set(cli.examples)) == [], "commands without examples"
    assert sorted(set(cli.examples) - set(commands)) == [], "examples of commands that do not exist"
    for path, examples in cli.examples.items():
        assert 1 <= len(examples) <= 3, path
        runs = [each for each in examples if _runs(each, path)]
        assert runs, f"no example of '{path}' runs it"


def _runs(example, path: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the example's command line runs ``path`` (after any global options)."""
    words = shlex.split(example.command)[1:]
    while words and words[0].startswith("--"):
        words = words[2:]
    return words[: len(path.split())] == path.split()


def test_the_help_ends_with_the_examples_unwrapped(cli) -> None:
    result = ok(CliRunner().invoke(cli, ["status", "set", "--help"], terminal_width=60))
    examples = cli.examples["status set"]
    expected = "\n\n".join(f"  # {each.comment}\n  {each.command}" for each in examples)
    assert result.output.endswith(f"\nExamples:\n{expected}\n")
    assert any(len(each.command) > 60 for each in examples)  # longer than the terminal, and not wrapped


def test_every_commands_help_ends_with_its_own_examples(cli) -> None:
    """Nested groups and the plugins' lazily loaded commands too; the root's help shows the root's."""
    runner = CliRunner()
    for path, examples in cli.examples.items():
        output = ok(runner.invoke(cli, [*path.split(), "--help"])).output
        shown = output.split("\nExamples:\n", 1)[1]
        assert shown == "\n".join(f"  # {each.comment}\n  {each.command}\n" for each in examples), path
    assert "status" not in cli.examples and "Examples:" not in ok(runner.invoke(cli, ["status", "--help"])).output


def test_a_plugin_adds_examples_through_the_public_api() -> None:
    from portfolio.api import Example, hookimpl
    from portfolio.cli import build_cli

    @click.command()
    def hello() -> None:
        """Say hello."""

    class Greeter:
        @hookimpl
        def portfolio_register_commands(self, cli):  # type: ignore[no-untyped-def]
            cli.add_command(hello, "hello")
            cli.add_examples("hello", Example("Greet", "portfolio hello"), ("# Greet again", "portfolio hello  "))

    result = ok(CliRunner().invoke(build_cli(extra_plugins=[("greeter", Greeter())]), ["hello", "--help"]))
    assert result.output.endswith("\nExamples:\n  # Greet\n  portfolio hello\n\n  # Greet again\n  portfolio hello\n")


@pytest.mark.parametrize(
    ("example", "problem"),
    [
        (("Greet", "hello"), "must be one line starting with 'portfolio '"),
        (("Greet", "portfolio hello\nportfolio bye"), "must be one line"),
        (("", "portfolio hello"), "needs a comment of one line"),
        (("portfolio hello",), "must be (comment, command)"),
    ],
)
def test_a_malformed_example_is_refused_naming_its_command(cli, example, problem) -> None:
    with pytest.raises(ValueError, match=r"an example of 'status set'") as refused:
        cli.add_examples("status  set", example)
    assert problem in str(refused.value)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data in a SQLite file, made once; each command's examples run on a copy of it."""
    from portfolio.cli import build_cli

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    for arguments in (["db", "upgrade"], ["demo"]):
        ok(CliRunner().invoke(build_cli(), ["--db", str(path), *arguments]))
    return path


def test_every_example_runs_on_the_demo_data(cli, demo_database, tmp_path, monkeypatch) -> None:
    """SQLite only, see the module's docstring. A failure names the example and shows its output."""
    from portfolio.cli import build_cli

    monkeypatch.setenv("EDITOR", "true")  # `status edit` opens an editor that saves the form unchanged
    failures: list[str] = []
    ran = 0
    groups: dict[str, list[str]] = {}  # top-level command -> its paths, in the order they were registered
    for path in cli.examples:
        groups.setdefault(path.split(" ")[0], []).append(path)
    for number, (group, paths) in enumerate(groups.items()):
        if group in POSTGRESQL_ONLY:
            continue
        folder = tmp_path / f"{number:03d}"
        folder.mkdir()
        for source in EXAMPLE_FILES:
            for each in source.iterdir():
                if each.is_file() and each.name != "portfolio.toml":
                    shutil.copy(each, folder / each.name)
        database = folder / "portfolio.db"
        shutil.copy(demo_database, database)
        monkeypatch.chdir(folder)
        for example in (each for path in paths for each in cli.examples[path]):
            words = shlex.split(example.command)[1:]
            arguments = words if "--db" in words else ["--db", str(database), *words]
            result = CliRunner().invoke(build_cli(), arguments, catch_exceptions=True)
            ran += 1
            if result.exit_code != 0:
                failures.append(f"{example.command}\n  exit {result.exit_code}: {result.output.strip()[:400]}")
    assert failures == [], "\n".join(failures)
    assert ran >= 100
