"""Loading plugins: a fresh plugin manager per run with the hook specifications, the built-ins and
every installed entry point, each failure to load named once and the rest loaded."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import partial
from importlib import import_module
from typing import Any

import pluggy

from portfolio import PROJECT_NAME, __version__, hookspecs
from portfolio.plugin_host import PluginHost, PluginInfo, describe

ENTRY_POINT_GROUP = PROJECT_NAME
DISABLE_ENV = "PORTFOLIO_DISABLE_PLUGINS"

# Built-in plugins: registered exactly like an installed one, and blockable by name.
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (("core", "portfolio.builtin.core"),)


def disabled_plugins() -> set[str]:
    raw = os.environ.get(DISABLE_ENV, "")
    return {name.strip() for name in raw.split(",") if name.strip()}


def load_plugins(
    *,
    builtins: Iterable[tuple[str, str]] = BUILTIN_PLUGINS,
    entry_points: Iterable[Any] | None = None,
    extra: Iterable[tuple[str, Any]] = (),
    warn: Callable[[str], None] | None = None,
) -> PluginHost:
    """A fresh plugin manager with the built-ins and every installed entry point loaded.

    ``extra`` registers (name, module or object) pairs as well: tests and embedding code use it
    to add a plugin for one run without installing a distribution. ``warn`` shows each warning
    (default: on stderr).
    """
    manager = pluggy.PluginManager(PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    host = PluginHost(manager) if warn is None else PluginHost(manager, emit=warn)
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


def absent_plugins(host: PluginHost) -> set[str]:
    """The plugins built in or installed that this run has not loaded: switched off with
    PORTFOLIO_DISABLE_PLUGINS, or failing to load (each named in a warning)."""
    from portfolio.entry_points import installed_entry_points

    known = {name for name, _module in BUILTIN_PLUGINS} | disabled_plugins()
    known |= {entry.name for entry in installed_entry_points(ENTRY_POINT_GROUP)}
    return known - set(host.names())


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
        host.warn(f"plugin '{name}' ({module_name}) failed to load: {describe(exc)}")
        return
    guarded = host.guarded_plugin(name, plugin)
    try:
        host.manager.register(guarded, name=name)
    except Exception as exc:  # pluggy.PluginValidationError: a hook with a misspelled argument
        host.warn(f"plugin '{name}' is invalid: {describe(exc)}")
        return
    hooks = tuple(sorted(caller.name for caller in host.manager.get_hookcallers(guarded) or []))
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
        host.warn(f"plugin '{plugin_name}' implements unknown hook {hook_name}; not loaded")
        host.manager.unregister(name=plugin_name)
        host.plugins = [p for p in host.plugins if p.name != plugin_name]
