"""Plugin loading: good plugins load, a broken one is named once and the others carry on."""

from __future__ import annotations

import json
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click
import pytest
from click.testing import CliRunner

from portfolio import __version__, hookimpl
from portfolio.findings import Finding
from portfolio.plugins import PluginHost, load_plugins
from tests.helpers import fails, ok

DIMENSIONS = ["scope", "finance", "resources", "schedule", "dependencies", "benefits"]


@dataclass(frozen=True)
class FakeDist:
    name: str
    version: str


class FakeEntryPoint:
    """What importlib.metadata hands over: a name, a module path, load() and the distribution."""

    def __init__(
        self,
        name: str,
        plugin: Any = None,
        *,
        error: BaseException | None = None,
        dist: FakeDist | None = None,
        value: str | None = None,
    ) -> None:
        self.name = name
        self.value = value or f"{name}_plugin"
        self.dist = dist if dist is not None else FakeDist(f"portfolio-{name}", "1.2.3")
        self._plugin = plugin
        self._error = error
        self.loads = 0

    def load(self) -> Any:
        self.loads += 1
        if self._error is not None:
            raise self._error
        return self._plugin


def plugin_module(name: str, *functions: Callable[..., Any]) -> types.ModuleType:
    """A module object holding the given hook implementations, as an installed plugin would."""
    module = types.ModuleType(name)
    for function in functions:
        setattr(module, function.__name__, function)
    return module


def good_plugin() -> types.ModuleType:
    @hookimpl
    def portfolio_checks(period):  # type: ignore[no-untyped-def]
        return [Finding("info", "good-check", f"all good in {period}")]

    @hookimpl
    def portfolio_migrations():  # type: ignore[no-untyped-def]
        return None

    return plugin_module("good_plugin", portfolio_checks, portfolio_migrations)


def failing_check_plugin() -> types.ModuleType:
    @hookimpl
    def portfolio_checks(session, period):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom\nsecond line")

    return plugin_module("failing_plugin", portfolio_checks)


@pytest.fixture(autouse=True)
def no_installed_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plugins installed in the environment stay out of these tests; only the fakes load."""
    import portfolio.entry_points

    monkeypatch.setattr(portfolio.entry_points, "installed_entry_points", lambda group: [])


def load(*entry_points: FakeEntryPoint, builtins: Any = None) -> tuple[PluginHost, list[str]]:
    warnings: list[str] = []
    kwargs: dict[str, Any] = {"entry_points": list(entry_points), "warn": warnings.append}
    if builtins is not None:
        kwargs["builtins"] = builtins
    return load_plugins(**kwargs), warnings


# --- loading ----------------------------------------------------------------------------------


def test_core_is_loaded_as_a_plugin() -> None:
    host, warnings = load()
    assert warnings == []
    assert host.names() == ["core"]
    core = host.plugins[0]
    assert (core.name, core.version, core.source, core.module) == (
        "core",
        __version__,
        "builtin",
        "portfolio.builtin.core",
    )
    assert {"portfolio_checks", "portfolio_demo", "portfolio_models"} <= set(core.hooks)


def test_good_plugin_is_listed_with_its_version() -> None:
    host, warnings = load(FakeEntryPoint("good", good_plugin()))
    assert warnings == []
    assert host.names() == ["core", "good"]
    info = host.plugins[1]
    assert (info.name, info.version, info.source, info.module) == (
        "good",
        "1.2.3",
        "portfolio-good",
        "good_plugin",
    )
    assert info.hooks == ("portfolio_checks", "portfolio_migrations")
    assert host.warnings == []


def test_entry_point_without_distribution() -> None:
    entry_point = FakeEntryPoint("bare", good_plugin())
    entry_point.dist = None  # type: ignore[assignment]
    host, _ = load(entry_point)
    assert (host.plugins[1].source, host.plugins[1].version) == ("unknown", "?")


def test_import_error_is_one_warning_and_the_others_still_load() -> None:
    broken = FakeEntryPoint("broken", error=ImportError("No module named 'reportlab'"), value="broken.plugin")
    host, warnings = load(broken, FakeEntryPoint("good", good_plugin()))
    assert warnings == ["plugin 'broken' (broken.plugin) failed to load: ImportError: No module named 'reportlab'"]
    assert host.warnings == warnings
    assert host.names() == ["core", "good"]
    assert broken.loads == 1


def test_any_exception_while_loading_is_reported() -> None:
    host, warnings = load(
        FakeEntryPoint("odd", error=ZeroDivisionError("division by zero")),
        FakeEntryPoint("good", good_plugin()),
    )
    assert warnings == ["plugin 'odd' (odd_plugin) failed to load: ZeroDivisionError: division by zero"]
    assert host.names() == ["core", "good"]


def test_a_broken_builtin_is_reported_too() -> None:
    host, warnings = load(
        FakeEntryPoint("good", good_plugin()),
        builtins=[
            ("core", "portfolio.builtin.core"),
            ("missing", "portfolio.builtin.no_such_module"),
        ],
    )
    assert warnings == [
        "plugin 'missing' (portfolio.builtin.no_such_module) failed to load: "
        "ModuleNotFoundError: No module named 'portfolio.builtin.no_such_module'"
    ]
    assert host.names() == ["core", "good"]


def test_misspelled_argument_is_refused() -> None:
    @hookimpl
    def portfolio_checks(sesion, period):  # type: ignore[no-untyped-def]
        return []

    host, warnings = load(
        FakeEntryPoint("typo", plugin_module("typo", portfolio_checks)),
        FakeEntryPoint("good", good_plugin()),
    )
    assert len(warnings) == 1
    assert warnings[0].startswith("plugin 'typo' is invalid: PluginValidationError:")
    assert "portfolio_checks" in warnings[0]
    assert host.names() == ["core", "good"]
    assert not host.manager.has_plugin("typo")
    assert host.hook_order("portfolio_checks") == ["good", "core"]  # pluggy: last registered first


def test_invalid_plugin_leaves_none_of_its_hooks_behind() -> None:
    @hookimpl
    def portfolio_checks(period):  # type: ignore[no-untyped-def]
        return [Finding("error", "half", "should never run")]

    @hookimpl
    def portfolio_demo(sesion):  # type: ignore[no-untyped-def]
        return None

    host, warnings = load(FakeEntryPoint("half", plugin_module("half", portfolio_checks, portfolio_demo)))
    assert len(warnings) == 1 and "plugin 'half' is invalid" in warnings[0]
    assert host.hook_order("portfolio_checks") == ["core"]


def test_unknown_hook_name_is_refused() -> None:
    @hookimpl
    def portfolio_comands(cli):  # type: ignore[no-untyped-def]
        return None

    @hookimpl
    def portfolio_checks(period):  # type: ignore[no-untyped-def]
        return []

    host, warnings = load(
        FakeEntryPoint("typo", plugin_module("typo", portfolio_comands, portfolio_checks)),
        FakeEntryPoint("good", good_plugin()),
    )
    assert warnings == ["plugin 'typo' implements unknown hook portfolio_comands; not loaded"]
    assert host.names() == ["core", "good"]
    assert not host.manager.has_plugin("typo")
    assert host.hook_order("portfolio_checks") == ["good", "core"]  # pluggy: last registered first


def test_a_name_given_twice_loads_once() -> None:
    second = FakeEntryPoint("good", good_plugin())
    host, warnings = load(FakeEntryPoint("good", good_plugin()), second)
    assert host.names() == ["core", "good"]
    assert second.loads == 0
    assert warnings == []


def test_disabled_plugins_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", "broken, other")
    broken = FakeEntryPoint("broken", error=ImportError("nope"))
    host, warnings = load(broken, FakeEntryPoint("good", good_plugin()), FakeEntryPoint("other", good_plugin()))
    assert warnings == []
    assert host.names() == ["core", "good"]
    assert broken.loads == 0


def test_the_core_can_be_disabled_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", "core")
    host, warnings = load(FakeEntryPoint("good", good_plugin()))
    assert host.names() == ["good"]
    assert warnings == []


# --- calling ----------------------------------------------------------------------------------


def test_call_reports_a_failing_hook_by_name_and_the_others_still_return() -> None:
    host, warnings = load(
        FakeEntryPoint("first", good_plugin()),
        FakeEntryPoint("failing", failing_check_plugin()),
        FakeEntryPoint("last", good_plugin()),
        builtins=[],
    )
    results = host.call("portfolio_checks", session=None, period="2024-01", app=None)
    assert [name for name, _ in results] == ["last", "first"]  # pluggy's order: last registered first
    assert results[0][1] == [Finding("info", "good-check", "all good in 2024-01")]
    assert warnings == ["plugin 'failing' failed in portfolio_checks: RuntimeError: boom"]
    assert host.warnings == warnings


def test_call_passes_only_the_arguments_an_implementation_takes() -> None:
    seen: list[tuple] = []

    @hookimpl
    def portfolio_checks(app, period):  # type: ignore[no-untyped-def]
        seen.append((app, period))
        return []

    host, _ = load(FakeEntryPoint("picky", plugin_module("picky", portfolio_checks)), builtins=[])
    assert host.call("portfolio_checks", session="S", period="P", app="A") == [("picky", [])]
    assert seen == [("A", "P")]


def test_call_leaves_out_none_results() -> None:
    host, _ = load(FakeEntryPoint("good", good_plugin()), builtins=[])
    assert host.call("portfolio_migrations") == []


# --- the CLI ----------------------------------------------------------------------------------


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Make the given entry points the installed ones of the 'portfolio' group."""
    import portfolio.entry_points

    def install(*entry_points: FakeEntryPoint) -> None:
        def fake_entry_points(group: str) -> Any:
            assert group == "portfolio"
            return list(entry_points)

        monkeypatch.setattr(portfolio.entry_points, "installed_entry_points", fake_entry_points)

    install()
    return install


def invoke(*args: str):  # type: ignore[no-untyped-def]
    from portfolio.cli import build_cli

    return CliRunner().invoke(build_cli(), list(args))


def test_plugins_command_lists_core(installed) -> None:
    result = ok(invoke("plugins"))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Name", "Version", "Source", "Module", "Hooks"]
    assert lines[2].split()[:4] == ["core", __version__, "builtin", "portfolio.builtin.core"]
    assert "checks," in lines[2].split()  # hook names without the 'portfolio_' prefix
    data = json.loads(ok(invoke("plugins", "--format", "json")).stdout)
    assert [(p["name"], p["version"], p["source"], p["module"]) for p in data] == [
        ("core", __version__, "builtin", "portfolio.builtin.core")
    ]
    assert {"portfolio_checks", "portfolio_demo", "portfolio_models"} <= set(data[0]["hooks"])


def test_plugins_command_lists_installed_plugins(installed) -> None:
    installed(
        FakeEntryPoint("broken", error=ImportError("No module named 'x'")),
        FakeEntryPoint("good", good_plugin()),
    )
    result = ok(invoke("plugins", "--format", "json"))
    data = json.loads(result.stdout)
    assert [(p["name"], p["version"], p["source"]) for p in data] == [
        ("core", __version__, "builtin"),
        ("good", "1.2.3", "portfolio-good"),
    ]
    # the warning reaches the running command's stderr, once
    assert result.stderr == (
        "warning: plugin 'broken' (broken_plugin) failed to load: ImportError: No module named 'x'\n"
    )


def test_plugin_commands_are_added_and_a_failing_one_is_named(installed) -> None:
    @click.command("hello")
    def hello() -> None:
        click.echo("hello from a plugin")

    @hookimpl
    def portfolio_register_commands(cli):  # type: ignore[no-untyped-def]
        cli.add_command(hello)

    @hookimpl
    def portfolio_register_commands_broken(cli):  # type: ignore[no-untyped-def]
        raise KeyError("missing")

    broken = types.ModuleType("broken_commands")
    broken.portfolio_register_commands = portfolio_register_commands_broken  # type: ignore[attr-defined]
    installed(
        FakeEntryPoint("broken", broken),
        FakeEntryPoint("greeter", plugin_module("greeter", portfolio_register_commands)),
    )
    result = ok(invoke("hello"))
    assert result.stdout == "hello from a plugin\n"
    assert result.stderr == "warning: plugin 'broken' failed in portfolio_register_commands: KeyError: 'missing'\n"
    assert ok(invoke("--help")).stdout.count("hello") == 1


def test_disabled_plugin_is_not_listed(installed, monkeypatch: pytest.MonkeyPatch) -> None:
    installed(FakeEntryPoint("good", good_plugin()))
    monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", "good")
    assert [p["name"] for p in json.loads(ok(invoke("plugins", "--format", "json")).stdout)] == ["core"]


def test_check_runs_every_plugin_and_names_a_failing_one(installed, migrated) -> None:
    """`portfolio check` on a real database: core and plugin findings, a failing plugin named."""

    @hookimpl
    def portfolio_checks(period):  # type: ignore[no-untyped-def]
        return [Finding("error", "budget-missing", f"no budget for {period}")]

    installed(
        FakeEntryPoint("failing", failing_check_plugin()),
        FakeEntryPoint("finance", plugin_module("finance", portfolio_checks)),
    )
    ok(migrated("project", "add", "IAM2", "IAM 2"))
    result = fails(migrated("check", "--period", "2024-01", "--format", "json"))
    rows = json.loads(result.stdout)
    assert [(r["severity"], r["plugin"], r["code"], r["message"]) for r in rows] == [
        ("error", "core", "status-missing", "project IAM2 has no status for 2024-01"),
        ("error", "finance", "budget-missing", "no budget for 2024-01"),
    ]
    assert "warning: plugin 'failing' failed in portfolio_checks: RuntimeError: boom\n" in result.stderr
    assert "2 error(s) in 2024-01." in result.stderr


def test_plugin_given_to_one_run(migrated) -> None:
    """build_cli(extra_plugins=...), the fixture's ``plugins``, loads a plugin for one run."""

    @hookimpl
    def portfolio_checks(period):  # type: ignore[no-untyped-def]
        return [Finding("warning", "extra-check", f"look at {period}")]

    plugin = plugin_module("extra_plugin", portfolio_checks)
    ok(migrated("project", "add", "IAM2", "IAM 2"))
    ok(migrated("status", "set", "IAM2", "--period", "2024-01", *[f"--{d}=green" for d in DIMENSIONS]))
    result = ok(migrated("check", "--period", "2024-01", "--format", "json", plugins=[("extra", plugin)]))
    assert [(r["plugin"], r["code"]) for r in json.loads(result.stdout)] == [("extra", "extra-check")]
    names = [
        p["name"] for p in json.loads(ok(migrated("plugins", "--format", "json", plugins=[("extra", plugin)])).stdout)
    ]
    assert names == ["core", "extra"]
