"""Per-user folders (config, cache), found without importing platformdirs on Linux.

Every command, --help included, looks for the per-user config; on Linux the answer is one
environment variable away, and platformdirs costs more to import than the rest of that work.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_XDG = {"config": ("XDG_CONFIG_HOME", ".config"), "cache": ("XDG_CACHE_HOME", ".cache")}


def user_folder(kind: str) -> Path:
    """The per-user 'config' or 'cache' folder of portfolio: the XDG rule on Linux, else platformdirs."""
    if sys.platform.startswith("linux"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "").strip()
        return (Path(base) if base and Path(base).is_absolute() else Path.home() / default) / "portfolio"
    import platformdirs

    return Path(
        platformdirs.user_config_dir("portfolio") if kind == "config" else platformdirs.user_cache_dir("portfolio")
    )
