"""The per-user cache folder: derived data (revision graphs, parsed catalogs) that saves work
on every command and can be deleted at any time."""

from __future__ import annotations

from pathlib import Path

from portfolio.userdirs import user_folder


def cache_folder() -> Path:
    return user_folder("cache")
