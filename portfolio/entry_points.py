"""The installed plugins' entry points, read from the installed distributions once and cached.

Why: importing ``importlib.metadata`` and reading every distribution's metadata costs some 25 ms
on every command, ``--help`` included, to learn the same few lines. The answer only changes when
a distribution is installed or removed, which changes a folder on the import path; the cache
is keyed by those folders and their times, and a stale one is simply read anew.
"""

from __future__ import annotations

import json
import os
import sys
from functools import reduce
from importlib import import_module
from typing import Any, NamedTuple

from portfolio.cache import cache_key, read_cached, write_cached


class PluginEntry(NamedTuple):
    """One entry point of a group, as ``importlib.metadata`` lists it."""

    name: str
    module: str
    attr: str  # "" for a module itself
    distribution: str
    version: str

    @property
    def value(self) -> str:
        return f"{self.module}:{self.attr}" if self.attr else self.module

    def load(self) -> Any:
        """The module or object it names, as ``EntryPoint.load`` would give it."""
        return reduce(getattr, filter(None, self.attr.split(".")), import_module(self.module))


def installed_entry_points(group: str) -> list[PluginEntry]:
    """Every installed distribution's entry points of ``group`` (each distribution once, the
    first on the import path winning, as ``importlib.metadata.entry_points`` does)."""
    name = f"entry-points/{group}-{cache_key([sys.version, group, *map(_stamp, sys.path)])}.json"
    cached = read_cached(name)
    if cached is not None:
        try:
            return [PluginEntry(*item) for item in json.loads(cached)]
        except (ValueError, TypeError):
            pass  # a damaged cache file: read the distributions again
    entries = _read_entry_points(group)
    write_cached(name, json.dumps(entries))
    return entries


def _stamp(folder: str) -> str:
    """A folder on the import path and when its list of files last changed."""
    try:
        return f"{folder}:{os.stat(folder or '.').st_mtime_ns}"
    except OSError:
        return folder


def _read_entry_points(group: str) -> list[PluginEntry]:
    from importlib.metadata import entry_points

    found = []
    for entry in entry_points(group=group):
        dist = getattr(entry, "dist", None)
        found.append(
            PluginEntry(
                entry.name,
                entry.module,
                entry.attr or "",
                dist.name if dist is not None else "unknown",
                dist.version if dist is not None else "?",
            )
        )
    return found
