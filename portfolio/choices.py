"""Fixed vocabularies shared by the CLI and the services, kept free of heavy imports."""

from __future__ import annotations

MEASURE_STATUSES = ("open", "in-progress", "done", "cancelled")
ZONES = ("green", "yellow", "red")
SEVERITIES = ("error", "warning", "info")
