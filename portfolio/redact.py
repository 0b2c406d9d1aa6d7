"""Database URLs with their secrets masked, for messages, `portfolio db current` and logs.

Kept free of SQLAlchemy so the CLI can use it without importing the database stack. Masks the
password in the authority part and any query parameter that carries one.
"""

from __future__ import annotations

import re

MASK = "***"
_AUTHORITY_PASSWORD = r"^(?P<head>[^:/?#]+://[^:@/?#]*:)(?P<secret>[^@/?#]*)(?P<tail>@)"
_QUERY_SECRET = r"(?P<head>[?&](?:password|passwd|pwd|sslpassword|secret|token)=)(?P<secret>[^&#]*)"


def safe_url(url: str) -> str:
    """``url`` with every password replaced by ***; file paths pass through unchanged."""
    # Patterns are compiled (and cached by re) on first use, not at start-up.
    text = re.sub(_AUTHORITY_PASSWORD, lambda m: f"{m['head']}{MASK}{m['tail']}", str(url), count=1)
    return re.sub(_QUERY_SECRET, lambda m: f"{m['head']}{MASK}", text, flags=re.I)
