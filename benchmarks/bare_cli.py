"""The start-up floor: a bare click CLI with a pluggy manager and one plugin registered directly.

No entry point scan: the project caches its plugins' entry points, so a baseline that reads
``importlib.metadata`` on every start would flatter it (``baseline_cli.py`` does, and is shown
beside this one).
"""

import click
import pluggy

hookspec = pluggy.HookspecMarker("baseline")
hookimpl = pluggy.HookimplMarker("baseline")


class Specs:
    @hookspec
    def baseline_register_commands(self, cli): ...


class Plugin:
    @hookimpl
    def baseline_register_commands(self, cli):
        cli.add_command(click.Command("bye", help="Say goodbye.", callback=lambda: click.echo("bye")))


@click.group()
@click.version_option("0.0", prog_name="baseline")
def cli() -> None:
    """A minimal command line."""


@cli.command()
def hello() -> None:
    """Say hello."""
    click.echo("hello")


def main() -> None:
    manager = pluggy.PluginManager("baseline")
    manager.add_hookspecs(Specs)
    manager.register(Plugin(), "plugin")
    manager.hook.baseline_register_commands(cli=cli)
    cli()


if __name__ == "__main__":
    main()
