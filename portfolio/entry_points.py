"""The installed plugins' entry points, read from the installed distributions once and cached.

Why: importing ``importlib.metadata`` and reading every distribution's metadata costs some 25 ms
on every command, ``--help`` included, to learn the same few lines. The answer only changes when
a distribution is installed or removed, which changes a folder on the import path; the cache
is keyed by those folders and their times, and a stale one is simply read anew.

The file is plain lines (no JSON, no SHA-256: their imports cost `--help` a few ms): its name
comes from the interpreter and the folders on the import path, so that each environment keeps
its own and a folder's new time replaces the file rather than adding one; its first line holds
the folders' times, compared whole.
"""

from __future__ import annotations

import os
import sys
import zlib
from functools import reduce
from importlib import import_module
from typing import Any, NamedTuple

from portfolio.cache import read_cached, write_cached


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
    where = repr([sys.version, group, *sys.path])
    name = f"entry-points/{group}-{zlib.crc32(where.encode()):08x}.txt"
    key = repr([sys.version, group, *map(_stamp, sys.path)])
    cached = read_cached(name)
    if cached is not None:
        stamps, _, lines = cached.partition("\n")
        entries = _parsed(lines) if stamps == key else None
        if entries is not None:
            return entries
    entries = _read_entry_points(group)
    text = _written(entries)
    if text is not None:
        write_cached(name, f"{key}\n{text}")
    return entries


FIELDS = len(PluginEntry._fields)


def _written(entries: list[PluginEntry]) -> str | None:
    """One line an entry point, its fields apart by tabs; None (not cached) if a field holds a
    tab or a line break, which no real entry point does."""
    if any(any(mark in field for mark in "\t\n\r") for entry in entries for field in entry):
        return None
    return "".join("\t".join(entry) + "\n" for entry in entries)


def _parsed(lines: str) -> list[PluginEntry] | None:
    """The entries of a cache file's lines, or None if the file is damaged."""
    entries = []
    for line in lines.splitlines():
        fields = line.split("\t")
        if len(fields) != FIELDS:
            return None
        entries.append(PluginEntry(*fields))
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
