"""The per-user cache folder: derived data (revision graphs, parsed catalogs) that saves work
on every command and can be deleted at any time."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_folder() -> Path:
    """On Linux the XDG rule directly (start-up cost matters here); elsewhere platformdirs."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        return (Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache") / "portfolio"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("portfolio"))
