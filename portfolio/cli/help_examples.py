"""The "Examples:" block at the end of a command's --help, as gh and kubectl show it.

Examples are registered by command path ("status set") on the root group, the core's from
``portfolio.cli.examples`` and each plugin's with ``cli.add_examples`` in its
``portfolio_register_commands``: one table per owner, so the command modules stay as they are
and a plugin's examples are shown without importing its command module. The same examples end
up in docs/cli-reference.md (generated from --help) and are run by tests/test_help_examples.py
against the demo data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import click

from portfolio.hookspecs import Example

PROGRAM = "portfolio"


def checked_example(path: str, example: Example | tuple[str, str]) -> Example:
    """``example`` as an Example, or ValueError naming the command when it cannot be shown as one."""
    try:
        comment, command = example
    except (TypeError, ValueError):
        raise ValueError(f"an example of '{path}' must be (comment, command), not {example!r}") from None
    if not isinstance(comment, str) or not isinstance(command, str):
        raise ValueError(f"an example of '{path}' must be two strings, not {example!r}")
    comment, command = comment.strip().removeprefix("#").strip(), command.strip()
    if not comment or "\n" in comment:
        raise ValueError(f"an example of '{path}' needs a comment of one line, not {comment!r}")
    if "\n" in command or not command.startswith(f"{PROGRAM} "):
        raise ValueError(f"an example of '{path}' must be one line starting with '{PROGRAM} ', not {command!r}")
    return Example(comment, command)


def command_path(ctx: click.Context) -> str:
    """The names a command was invoked by below the root: "status set" (the root itself: "")."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def write_examples(ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """The Examples section of the command ``ctx`` runs, if the root group has examples for it.

    Each example is a comment line and the command, indented and never re-wrapped, so a reader
    can copy the command as it stands.
    """
    examples = getattr(ctx.find_root().command, "examples", {}).get(command_path(ctx), ())
    if not examples:
        return
    with formatter.section("Examples"):
        indent = " " * formatter.current_indent
        for number, example in enumerate(examples):
            if number:
                formatter.write("\n")
            formatter.write(f"{indent}# {example.comment}\n{indent}{example.command}\n")


def show_examples_in_help(command: click.Command) -> None:
    """Let ``command`` and every subcommand below it end their --help with their examples.

    The commands are made by click's own decorators in many modules (and plugins), so the
    instance's ``format_epilog`` (click's hook for text after the options) is extended here,
    once, rather than giving every command a class of ours.
    """
    for each in _tree(command):
        if getattr(each, "_shows_examples", False):
            continue
        each.format_epilog = _then_examples(each.format_epilog)  # type: ignore[method-assign]
        each._shows_examples = True  # type: ignore[attr-defined]


def _then_examples(plain: Callable[[click.Context, click.HelpFormatter], None]) -> Any:
    def format_epilog(ctx: click.Context, formatter: click.HelpFormatter) -> None:
        plain(ctx, formatter)
        write_examples(ctx, formatter)

    return format_epilog


def _tree(command: click.Command) -> Iterator[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _tree(sub)
