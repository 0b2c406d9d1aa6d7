"""The one path by which the core calls plugins: pluggy orders and wraps, the host contains failures.

Every hook is called as ``pm.hook.NAME(...)``, so ``tryfirst``, ``trylast`` and ``wrapper=True``
implementations behave exactly as pluggy documents them. Pluggy alone would stop the whole call
at the first implementation that raises; a board report must survive one broken plugin, so each
plain implementation is wrapped, when its plugin is registered, in a guard that turns its
exception into one warning naming plugin, hook and exception (or, in strict mode, into an error)
and leaves its result out. The guard also runs the implementation inside the caller's isolation
(a database savepoint, say) and records which plugin returned which result.

This module knows no hook by name: the hook specifications are added by ``portfolio.plugins``.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Generic, NamedTuple, TypeVar

import pluggy

from portfolio.errors import PortfolioError

T = TypeVar("T")

Isolation = Callable[[str], AbstractContextManager[object]]
"""Given a plugin's name, a context its implementation runs in (e.g. a savepoint)."""

PerPlugin = Callable[[str], dict[str, Any]]
"""Given a plugin's name, hook arguments of its own (e.g. a context with its own catalog)."""


class PluginError(PortfolioError):
    """A plugin failed while strict mode was on (``report build --strict``)."""


@dataclass(frozen=True)
class PluginInfo:
    """What ``portfolio plugins`` shows about one loaded plugin."""

    name: str
    version: str
    source: str  # "builtin", "registered" or the distribution's name
    module: str
    hooks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """What running one plugin's callable gave: its value, or why it failed."""

    value: T | None
    failure: str | None = None


class Contribution(NamedTuple):
    """One plugin's non-None result of one hook call."""

    plugin: str
    value: Any


def _stderr_warning(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def describe(exc: BaseException) -> str:
    """An exception as one line: its type and the first line of its message."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class _Call:
    """The state of one hook call that the guards of its implementations share.

    A plain class, not a dataclass: nothing compares or shows it, and each dataclass costs every
    command, ``--help`` included, the generated code of its methods."""

    __slots__ = ("expect", "hook", "isolate", "per_plugin", "results")

    def __init__(self, hook: str, isolate: Isolation | None, per_plugin: PerPlugin | None, expect: type | None):
        self.hook = hook
        self.isolate = isolate
        self.per_plugin = per_plugin
        self.expect = expect
        self.results: list[Contribution] = []


@dataclass
class PluginHost:
    """A plugin manager for one run, with what was loaded and every warning so far."""

    manager: pluggy.PluginManager
    plugins: list[PluginInfo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    emit: Callable[[str], None] = _stderr_warning
    strict: bool = False
    _calls: list[_Call] = field(default_factory=list, repr=False)

    # ------------------------------------------------------------------ warnings

    def warn(self, message: str) -> None:
        """Record a warning about a plugin and show it (on stderr in the CLI)."""
        self.warnings.append(message)
        self.emit(message)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Calls whose warnings are neither shown nor kept: work done twice on purpose, such as
        the demo loaded into a scratch database to compare, says its warnings once, for real."""
        emit, kept = self.emit, len(self.warnings)
        self.emit = lambda _message: None
        try:
            yield
        finally:
            self.emit = emit
            del self.warnings[kept:]

    def fail(self, plugin: str, what: str, exc: BaseException) -> None:
        """A plugin failed in ``what`` (a hook or a section): one warning, or an error when strict."""
        message = f"plugin '{plugin}' failed in {what}: {describe(exc)}"
        if self.strict:
            raise PluginError(message) from exc
        self.warn(message)

    def names(self) -> list[str]:
        return [info.name for info in self.plugins]

    # ------------------------------------------------------------------ calling hooks

    def call(
        self,
        hook: str,
        /,
        *,
        isolate: Isolation | None = None,
        per_plugin: PerPlugin | None = None,
        expect: type | None = None,
        **kwargs: Any,
    ) -> list[Contribution]:
        """Call ``hook`` through pluggy and return each plugin's non-None result, in call order.

        A plugin whose implementation raises is named in one warning and left out; the others
        still run. ``isolate(plugin)`` gives a context each implementation runs in: its
        database work in a savepoint of its own, say, rolled back when it fails. ``per_plugin``
        gives arguments that differ by plugin. ``expect`` is the type of the items a result
        (one item or a list) must hold: anything else fails that plugin. A wrapper that raises
        loses the call's results after it; what the plain implementations returned is kept.
        """
        caller: pluggy.HookCaller = getattr(self.manager.hook, hook)
        state = _Call(hook, isolate, per_plugin, expect)
        self._calls.append(state)
        try:
            values = caller(**kwargs)
        except PluginError:
            raise
        except Exception as exc:  # a wrapper's own bug: its plain implementations' guards caught theirs
            self.fail(self._culprit(caller, exc), hook, exc)
            return state.results
        finally:
            self._calls.pop()
        return self._attribute(values, state.results)

    def call_one(
        self, plugin: str, what: str, function: Callable[..., T], *args: Any, isolate: Isolation | None = None
    ) -> Attempt[T]:
        """Run a callable a plugin gave the core (a section's build function) under the same rule
        as a hook: in ``isolate(plugin)``, contained, named in one warning when it fails, or an
        error when strict."""
        try:
            with isolate(plugin) if isolate is not None else nullcontext():
                return Attempt(function(*args))
        except PluginError:
            raise
        except Exception as exc:
            self.fail(plugin, what, exc)
            return Attempt(None, describe(exc))

    @contextmanager
    def strict_mode(self, on: bool = True) -> Iterator[None]:
        """Within the block, a failing plugin is an error (``PluginError``), not a warning."""
        before, self.strict = self.strict, self.strict or on
        try:
            yield
        finally:
            self.strict = before

    def guarded_plugin(self, name: str, plugin: object) -> object:
        """What to register with pluggy for ``plugin``: a stand-in with the same hook
        implementations, each plain one wrapped so that its failure is contained and its result
        attributed. Wrappers are kept as they are: pluggy runs them around the whole call, and
        pluggy still reads every option (``tryfirst``, ``specname``, ...) from the marker.
        """
        marker = f"{self.manager.project_name}_impl"
        members: dict[str, Any] = {}
        for attribute in dir(plugin):
            value = getattr(plugin, attribute, None)
            options = getattr(value, marker, None)
            if not callable(value) or not isinstance(options, dict):
                continue
            if options.get("wrapper") or options.get("hookwrapper"):
                members[attribute] = value
            else:
                members[attribute] = self._guard(name, str(options.get("specname") or attribute), value)
        return GuardedPlugin(plugin, members)

    def _guard(self, plugin: str, hook: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` contained: called by :meth:`call`, its failure is one warning (or an error
        when strict) and its database work is isolated; its result is checked and attributed."""

        @functools.wraps(function)  # pluggy reads the marker and the argument names through it
        def guarded(*args: Any) -> Any:
            state = self._calls[-1] if self._calls else None
            if state is None or state.hook != hook:  # called outside call(): nothing to contain
                return function(*args)
            if state.per_plugin is not None:
                own = state.per_plugin(plugin)
                args = tuple(own.get(name, value) for name, value in zip(_argnames(function), args, strict=True))
            try:
                with state.isolate(plugin) if state.isolate is not None else nullcontext():
                    result = function(*args)
                    if state.expect is not None:
                        _check_items(result, state.expect)
            except PluginError:
                raise
            except Exception as exc:
                self.fail(plugin, hook, exc)
                return None
            if result is not None:
                state.results.append(Contribution(plugin, result))
            return result

        return guarded

    @staticmethod
    def _attribute(values: Any, recorded: list[Contribution]) -> list[Contribution]:
        """Pair pluggy's results with the plugins that returned them.

        Without wrappers the two lists are the same values; a wrapper may drop, reorder or add
        results, and an added one is credited to no plugin but the hook's caller sees it.
        """
        if not isinstance(values, list):  # a firstresult hook
            values = [] if values is None else [values]
        owners = {id(item.value): item.plugin for item in recorded}
        return [Contribution(owners.get(id(value), "?"), value) for value in values]

    def _culprit(self, caller: pluggy.HookCaller, exc: BaseException) -> str:
        """The plugin whose implementation raised ``exc``: the innermost frame of one of the hook's
        implementations in the traceback."""
        codes = {}
        for impl in caller.get_hookimpls():
            function = inspect.unwrap(impl.function)
            code = getattr(function, "__code__", None)
            if code is not None:
                codes[code] = impl.plugin_name
        culprit = "?"
        for frame_code in _traceback_codes(exc.__traceback__):
            culprit = codes.get(frame_code, culprit)
        return culprit

    def hook_order(self, hook: str) -> list[str]:
        """The plugins implementing ``hook``, in the order pluggy calls them (wrappers first)."""
        caller: pluggy.HookCaller = getattr(self.manager.hook, hook)
        return [impl.plugin_name for impl in reversed(caller.get_hookimpls())]


class GuardedPlugin:
    """The stand-in registered for a plugin: its hook implementations, guarded (see
    :meth:`PluginHost.guarded_plugin`); ``plugin`` is the module or object itself."""

    def __init__(self, plugin: object, members: dict[str, Any]) -> None:
        self.plugin = plugin
        self._hooks = tuple(members)
        for attribute, value in members.items():
            setattr(self, attribute, value)

    def __dir__(self) -> list[str]:
        """The hook implementations only: pluggy looks at every name ``dir`` gives (an object's
        thirty-odd dunders each, for each plugin, on every command)."""
        return list(self._hooks)

    def __repr__(self) -> str:
        return f"<guarded {self.plugin!r}>"


def _argnames(function: Callable[..., Any]) -> tuple[str, ...]:
    """The arguments pluggy passes an implementation, in its order: those without a default."""
    return tuple(
        parameter.name
        for parameter in inspect.signature(function).parameters.values()
        if parameter.default is parameter.empty
        and parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    )


def as_list(result: Any) -> list[Any]:
    """A hook's result as a list: a plugin may return one item, a list or tuple of them, or None."""
    if result is None:
        return []
    return list(result) if isinstance(result, list | tuple) else [result]


def _check_items(result: Any, expected: type) -> None:
    """Refuse a result (one item or a list of them) holding anything but ``expected``."""
    for item in as_list(result):
        if not isinstance(item, expected):
            name = expected.__name__
            article = "an" if name[0] in "AEIOU" else "a"
            raise TypeError(f"{type(item).__name__} is not {article} {name}")


def _traceback_codes(tb: TracebackType | None) -> Iterator[object]:
    while tb is not None:
        yield tb.tb_frame.f_code
        tb = tb.tb_next
