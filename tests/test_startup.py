"""The CLI starts without the heavy stack: --help and --version import no database or report code."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "psycopg", "jinja2", "babel", "tabulate")

PROBE = """
import json, sys
from portfolio.cli import main
try:
    main({args!r})
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def _heavy_modules_after(args: list[str]) -> list[str]:
    code = PROBE.format(args=args, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_help_imports_no_heavy_module():
    assert _heavy_modules_after(["--help"]) == []


def test_group_help_and_version_import_no_heavy_module():
    assert _heavy_modules_after(["status", "--help"]) == []
    assert _heavy_modules_after(["--version"]) == []


def test_python_dash_m_runs_the_same_cli():
    done = subprocess.run([sys.executable, "-m", "portfolio", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "portfolio, version 0.1.0"


def test_the_lazy_command_list_matches_each_commands_own_help():
    from portfolio.cli import CORE_COMMANDS, build_cli

    cli = build_cli()
    for name, (_module, line) in CORE_COMMANDS.items():
        command = cli.get_command(None, name)
        assert command is not None, name
        assert command.get_short_help_str(limit=1000) == line, name


def test_a_command_loads_only_its_own_module():
    code = (
        "import sys\nfrom portfolio.cli import main\n"
        "try:\n    main(['period', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('portfolio.cli.')), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = done.stderr.strip().splitlines()[-1]
    assert "portfolio.cli.periods" in loaded and "portfolio.cli.risks" not in loaded


def test_the_quick_version_answer_is_clicks_own():
    from click.testing import CliRunner

    from portfolio.cli import build_cli

    quick = subprocess.run([sys.executable, "-m", "portfolio", "--version"], capture_output=True, text=True, check=True)
    assert quick.stdout == CliRunner().invoke(build_cli(), ["--version"]).output


def test_every_lazily_registered_command_has_its_own_help_line():
    """Core and installed plugins alike: the line --help shows is the command's own help."""
    from portfolio.cli import build_cli

    cli = build_cli()
    for name, (_load, line) in dict(cli.lazy_commands).items():
        command = cli.get_command(None, name)
        assert command is not None and command.name == name, name
        assert command.get_short_help_str(limit=1000) == line, name


def test_help_imports_no_plugin_command_module():
    code = (
        "import sys\nfrom portfolio.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.endswith('.cli') and m.startswith('portfolio_')), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_help_reads_no_digest_json_or_config_parsers():
    """--help: the entry-point cache is plain lines; the config's parsers load only for a file that
    needs them; the run's context (the class every command is given) loads when a command runs."""
    unneeded = ("hashlib", "json", "decimal", "portfolio.import_profile", "portfolio.dead_band", "portfolio.context")
    code = (
        "import sys\nfrom portfolio.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {unneeded!r} if m in sys.modules), file=sys.stderr)"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)  # the cache written
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


LEAN = ("portfolio.report.blocks", "babel.messages", "difflib", "sqlalchemy.dialects.postgresql")


@pytest.mark.parametrize(
    ("command", "needs"),
    [
        (["check", "--period", "2024-01"], ()),
        (["round", "--period", "2024-01"], ()),
        (["report", "build", "--period", "2024-01", "--format", "json"], ("portfolio.report.blocks",)),
    ],
)
def test_a_read_loads_no_module_it_does_not_need(tmp_path, command, needs):
    """Modules only some runs need (a code not found, the report's blocks for
    `check` and `round`, Babel's catalog classes for the plural rule) are imported where they are needed."""
    db = str(tmp_path / "read.db")
    subprocess.run([sys.executable, "-m", "portfolio", "--db", db, "db", "upgrade"], capture_output=True, check=True)
    code = PROBE.format(args=["--db", db, *command], heavy=LEAN)
    for _run in range(2):  # the second run reads the caches the first wrote
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == sorted(needs)
