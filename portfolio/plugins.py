"""The plugin host: finds, loads and calls plugins, and keeps one bad plugin from stopping the rest."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from importlib import import_module
from typing import Any

import pluggy

from portfolio import PROJECT_NAME, __version__, hookspecs

ENTRY_POINT_GROUP = PROJECT_NAME
DISABLE_ENV = "PORTFOLIO_DISABLE_PLUGINS"

# Built-in plugins: registered exactly like an installed one, and blockable by name.
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (("core", "portfolio.builtin.core"),)


@dataclass(frozen=True)
class PluginInfo:
    """What ``portfolio plugins`` shows about one loaded plugin."""

    name: str
    version: str
    source: str  # "builtin" or the distribution's name
    module: str
    hooks: tuple[str, ...] = ()


def _stderr_warning(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


@dataclass
class PluginHost:
    """A plugin manager for one run, with what was loaded and what went wrong."""

    manager: pluggy.PluginManager
    plugins: list[PluginInfo] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warn: Callable[[str], None] = _stderr_warning

    def report(self, message: str) -> None:
        self.problems.append(message)
        self.warn(message)

    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation of a hook on its own, in registration order.

        A plugin that raises is named in one warning and skipped; the others still run.
        Returns (plugin name, result) pairs, leaving out None results.
        """
        results = []
        for plugin_name, impl in self.implementations(hook_name):
            args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
            try:
                result = impl.function(**args)
            except Exception as exc:  # a plugin's bug must not take the core down
                self.report(f"plugin '{plugin_name}' failed in {hook_name}: {_describe(exc)}")
                continue
            if result is not None:
                results.append((plugin_name, result))
        return results

    def implementations(self, hook_name: str) -> list[tuple[str, Any]]:
        caller = getattr(self.manager.hook, hook_name)
        # get_hookimpls() lists in registration order (pluggy calls them in reverse).
        return [(impl.plugin_name, impl) for impl in caller.get_hookimpls()]

    def names(self) -> list[str]:
        return [info.name for info in self.plugins]


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def disabled_plugins() -> set[str]:
    raw = os.environ.get(DISABLE_ENV, "")
    return {name.strip() for name in raw.split(",") if name.strip()}


def load_plugins(
    *,
    builtins: Iterable[tuple[str, str]] = BUILTIN_PLUGINS,
    entry_points: Iterable[Any] | None = None,
    extra: Iterable[tuple[str, Any]] = (),
    warn: Callable[[str], None] = _stderr_warning,
) -> PluginHost:
    """A fresh plugin manager with the built-ins and every installed entry point loaded.

    ``extra`` registers (name, module or object) pairs as well: tests and embedding code use it
    to add a plugin for one run without installing a distribution.
    """
    manager = pluggy.PluginManager(PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    host = PluginHost(manager, warn=warn)
    blocked = disabled_plugins()
    for name in blocked:
        manager.set_blocked(name)

    for name, module_name in builtins:
        if name in blocked:
            continue
        _register(host, name, module_name, "builtin", __version__, partial(import_module, module_name))

    if entry_points is None:
        from portfolio.entry_points import installed_entry_points

        entry_points = installed_entry_points(ENTRY_POINT_GROUP)
    for entry_point in entry_points:
        if entry_point.name in blocked or manager.has_plugin(entry_point.name):
            continue
        source, version = _distribution(entry_point)
        _register(host, entry_point.name, entry_point.value, source, version, entry_point.load)

    for name, plugin in extra:
        if name in blocked:
            continue
        module = getattr(plugin, "__name__", type(plugin).__name__)
        _register(host, name, module, "registered", "-", partial(lambda p: p, plugin))

    _drop_unknown_hooks(host)
    return host


def _distribution(entry_point: Any) -> tuple[str, str]:
    """(name, version) of the distribution an entry point comes from: a cached ``PluginEntry``
    or an ``importlib.metadata.EntryPoint``."""
    if hasattr(entry_point, "distribution"):
        return entry_point.distribution, entry_point.version
    dist = getattr(entry_point, "dist", None)
    return (dist.name, dist.version) if dist is not None else ("unknown", "?")


def _register(
    host: PluginHost,
    name: str,
    module_name: str,
    source: str,
    version: str,
    load: Callable[[], Any],
) -> None:
    try:
        plugin = load()
    except Exception as exc:
        host.report(f"plugin '{name}' ({module_name}) failed to load: {_describe(exc)}")
        return
    try:
        host.manager.register(plugin, name=name)
    except Exception as exc:  # pluggy.PluginValidationError: a hook with a misspelled argument
        host.report(f"plugin '{name}' is invalid: {_describe(exc)}")
        return
    hooks = tuple(sorted(caller.name for caller in host.manager.get_hookcallers(plugin) or []))
    host.plugins.append(PluginInfo(name, version, source, module_name, hooks))


def _drop_unknown_hooks(host: PluginHost) -> None:
    """A hook name that no spec declares is a typo: name it and unregister that plugin."""
    bad: dict[str, str] = {}
    for hook_name, caller in vars(host.manager.hook).items():
        if not isinstance(caller, pluggy.HookCaller) or caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            bad.setdefault(impl.plugin_name, hook_name)
    for plugin_name, hook_name in bad.items():
        host.report(f"plugin '{plugin_name}' implements unknown hook {hook_name}; not loaded")
        host.manager.unregister(name=plugin_name)
        host.plugins = [p for p in host.plugins if p.name != plugin_name]
