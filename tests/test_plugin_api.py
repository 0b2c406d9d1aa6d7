"""The plugin API keeps its promises: every hook documented and tested, broken plugins contained,
and the section plugins use nothing another team's plugin could not."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import types
from pathlib import Path

import pytest

from portfolio import hookimpl, hookspecs
from tests.helpers import fails, ok

ROOT = Path(__file__).resolve().parent.parent
HOOKS = sorted(name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("portfolio_"))


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_hook_reference_in_docs_is_generated_from_the_hookspecs():
    generator = _load(ROOT / "docs" / "generate_hook_reference.py", "generate_hook_reference")
    assert generator.check(), "run: python docs/generate_hook_reference.py"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented(hook):
    doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
    assert len(doc.split()) >= 25, f"{hook} needs a docstring a plugin author can work from"
    assert "Example::" in doc and "Called" in doc, f"{hook}: say when it is called and give an example"
    assert f"### `{hook}(" in (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")


def _test_functions() -> set[str]:
    names = set()
    for path in [*(ROOT / "tests").rglob("test_*.py"), *(ROOT / "plugins").rglob("test_*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    return names


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook):
    """As datasette does: a test named ``test_hook_<name>`` calls the hook where the core calls it
    (tests/test_hooks.py), not merely a mention of its name somewhere."""
    assert f"test_hook_{hook}" in _test_functions(), f"write test_hook_{hook} in tests/test_hooks.py"


# ------------------------------------------------------------------ broken plugins


class _EntryPoint:
    def __init__(self, name, load):
        self.name, self.value, self._load = name, f"{name}_module", load
        self.dist = types.SimpleNamespace(name=f"portfolio-{name}", version="9.9")

    def load(self):
        return self._load()


def _cli_with(monkeypatch, *entry_points):
    """The CLI with fake installed plugins next to the real ones."""
    import portfolio.entry_points

    real = portfolio.entry_points.installed_entry_points

    def fake(group):
        return [*real(group), *entry_points]

    monkeypatch.setattr(portfolio.entry_points, "installed_entry_points", fake)


def _raise_import():
    raise ImportError("No module named 'numpyy'")


def test_a_plugin_that_fails_to_import_never_takes_down_help_or_plugins(monkeypatch, migrated):
    _cli_with(monkeypatch, _EntryPoint("broken", _raise_import))
    help_text = migrated("--help")
    assert help_text.exit_code == 0 and "Commands:" in help_text.stdout
    assert "plugin 'broken' (broken_module) failed to load: ImportError: No module named 'numpyy'" in help_text.stderr
    listing = ok(migrated("plugins"))
    assert "core" in listing.stdout and "broken" not in listing.stdout
    assert ok(migrated("report", "build", "--period", "2024-01", "--format", "md")).stdout.startswith("# ")


def test_a_hook_with_a_misspelled_argument_names_plugin_and_hook(monkeypatch, migrated):
    def portfolio_checks(sesion, period):
        return []

    plugin = types.SimpleNamespace(portfolio_checks=hookimpl(portfolio_checks))
    result = ok(migrated("plugins", plugins=[("typo", plugin)]))
    assert "plugin 'typo' is invalid" in result.stderr and "portfolio_checks" in result.stderr
    assert "typo" not in result.stdout


def test_an_unknown_hook_name_is_refused(migrated):
    plugin = types.SimpleNamespace(portfolio_comands=hookimpl(lambda cli: None))
    result = ok(migrated("plugins", plugins=[("oops", plugin)]))
    assert "plugin 'oops' implements unknown hook portfolio_comands; not loaded" in result.stderr


def test_a_command_hook_that_raises_leaves_the_cli_working(migrated):
    def portfolio_register_commands(cli):
        raise RuntimeError("no commands today")

    plugin = types.SimpleNamespace(portfolio_register_commands=hookimpl(portfolio_register_commands))
    result = migrated("--help", plugins=[("grumpy", plugin)])
    assert result.exit_code == 0 and "Commands:" in result.stdout
    assert "plugin 'grumpy' failed in portfolio_register_commands: RuntimeError: no commands today" in result.stderr


def test_a_demo_hook_that_raises_is_rolled_back_and_named(migrated):
    def portfolio_demo(session):
        from portfolio.models import Program

        session.add(Program(code="HALF", name="Half-written"))
        session.flush()
        raise ValueError("demo data missing")

    plugin = types.SimpleNamespace(portfolio_demo=hookimpl(portfolio_demo))
    result = ok(migrated("demo", plugins=[("halfway", plugin)]))
    assert "plugin 'halfway' failed in portfolio_demo: ValueError: demo data missing" in result.stderr
    fails(migrated("program", "show", "HALF"))
    ok(migrated("program", "show", "HIS2"))  # the core's demo data is there


def test_a_plugin_registered_for_one_test_is_gone_in_the_next(migrated):
    listed = {line.split()[0] for line in ok(migrated("plugins")).stdout.splitlines() if line.strip()}
    assert not {"typo", "oops", "grumpy", "halfway"} & listed  # the plugins the tests above registered


# ------------------------------------------------------------------ the public API


def test_the_documented_public_api_is_the_enforced_one():
    import portfolio.api

    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    section = text.split("## The public API and its promise", 1)[1].split("**Versioning.**", 1)[0]
    table = [line.split("|")[2] for line in section.splitlines() if line.startswith("| ") and "`" in line]
    documented = sorted({name for cell in table for name in re.findall(r"`([A-Za-z_]\w*)`", _without_asides(cell))})
    assert documented == sorted(portfolio.api.__all__)
    for name in portfolio.api.__all__:
        assert getattr(portfolio.api, name) is not None


def _without_asides(text: str) -> str:
    """The text without its parentheses: asides name attributes and options, not public names."""
    while True:
        shorter = re.sub(r"\([^()]*\)", "", text)
        if shorter == text:
            return text
        text = shorter


def test_the_public_api_names_what_type_checkers_see():
    """Every name loads at run time and the TYPE_CHECKING imports cover exactly the same names."""
    import portfolio.api

    tree = ast.parse((ROOT / "portfolio" / "api.py").read_text(encoding="utf-8"))
    typed = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.If)
        for statement in node.body
        if isinstance(statement, ast.ImportFrom)
        for alias in statement.names
    }
    assert typed == set(portfolio.api.__all__)


def test_an_unknown_public_name_says_where_to_look():
    import portfolio.api

    with pytest.raises(AttributeError, match=r"docs/plugins\.md"):
        portfolio.api.get_everything  # noqa: B018
