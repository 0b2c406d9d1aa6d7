"""Database URLs with their secrets masked, for messages, `portfolio db current` and logs.

Kept free of SQLAlchemy so the CLI can use it without importing the database stack. Masks the
password in the authority part and any query parameter that carries one.
"""

from __future__ import annotations

import re

MASK = "***"
_AUTHORITY_PASSWORD = re.compile(r"^(?P<head>[^:/?#]+://[^:@/?#]*:)(?P<secret>[^@/?#]*)(?P<tail>@)")
_QUERY_SECRET = re.compile(r"(?P<head>[?&](?:password|passwd|pwd|sslpassword|secret|token)=)(?P<secret>[^&#]*)", re.I)


def safe_url(url: str) -> str:
    """``url`` with every password replaced by ***; file paths pass through unchanged."""
    text = _AUTHORITY_PASSWORD.sub(lambda m: f"{m['head']}{MASK}{m['tail']}", str(url), count=1)
    return _QUERY_SECRET.sub(lambda m: f"{m['head']}{MASK}", text)
