"""'Did you mean ...?' for a mistyped column name or order reference."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """'; did you mean X?' for the closest candidate, ignoring case, or ''."""
    by_lower = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(value.lower(), list(by_lower), n=1, cutoff=0.6)
    return f"; did you mean {by_lower[close[0]]}?" if close else ""
