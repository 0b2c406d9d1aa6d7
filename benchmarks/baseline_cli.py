"""The earlier start-up baseline: a minimal click CLI with a pluggy manager that scans the installed
distributions for entry points on every start (the project caches them; see bare_cli.py)."""

import click
import pluggy

hookspec = pluggy.HookspecMarker("baseline")


class Specs:
    @hookspec
    def baseline_register_commands(self, cli): ...


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
    manager.load_setuptools_entrypoints("baseline")
    manager.hook.baseline_register_commands(cli=cli)
    cli()


if __name__ == "__main__":
    main()
