"""portfolio: the PMO's project portfolio register and monthly board report.

The public API for plugins is what this package exports by name plus the modules
listed in docs/plugins.md; everything else is internal and may change.
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

PROJECT_NAME = "portfolio"

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marker for a plugin's hook implementations: ``@portfolio.hookimpl``."""

__all__ = ["PROJECT_NAME", "__version__", "hookimpl"]
