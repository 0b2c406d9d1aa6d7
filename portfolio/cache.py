"""The per-user cache folder: derived data (revision graphs, parsed catalogs, drawn charts) that
saves work on every command and can be deleted at any time."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from portfolio.userdirs import user_folder


def cache_folder() -> Path:
    return user_folder("cache")


def cache_key(parts: Iterable[str]) -> str:
    """A short, file-name-safe digest of everything the cached value depends on."""
    import hashlib  # here: OpenSSL's library takes a few ms to load, and --help needs no digest

    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def file_stamp(path: Path) -> str:
    """A file's identity for a cache key: where it is, when it last changed and how big it is."""
    stat = path.stat()
    return f"{path.resolve()}:{stat.st_mtime_ns}:{stat.st_size}"


def read_cached(name: str) -> str | None:
    """The cached text stored under ``name`` (a relative path), or None when there is none."""
    try:
        return (cache_folder() / name).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def write_cached(name: str, text: str) -> None:
    """Store ``text`` under ``name``; other processes see the whole file or none.

    A read-only or full home folder only costs the speed-up, so errors are ignored.
    """
    target = cache_folder() / name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    except OSError:
        pass
