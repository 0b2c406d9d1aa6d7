"""Database URLs with their secrets masked, for messages, `portfolio db current` and logs.

Kept free of SQLAlchemy so the CLI can use it without importing the database stack. Masks the
password in the authority part (up to the last '@' before the path, so a password with an
unencoded '@' or ':' in it is masked whole), any query parameter that carries one, and the
``password=`` of a libpq-style connection string (``host=... password=...``).
"""

from __future__ import annotations

import re

MASK = "***"
_SECRET_KEYS = r"(?:password|passwd|pwd|sslpassword|secret|token)"
_QUERY_SECRET = rf"(?P<head>[?&]{_SECRET_KEYS}=)(?P<secret>[^&#]*)"
_KEYWORD_SECRET = rf"(?P<head>(?:^|\s){_SECRET_KEYS}\s*=\s*)(?P<secret>'(?:[^'\\]|\\.)*'|\S*)"


def safe_url(url: str) -> str:
    """``url`` with every password replaced by ***; file paths pass through unchanged."""
    # Patterns are compiled (and cached by re) on first use, not at start-up.
    text = _mask_authority(str(url))
    text = re.sub(_QUERY_SECRET, lambda m: f"{m['head']}{MASK}", text, flags=re.I)
    if "://" not in text:
        text = re.sub(_KEYWORD_SECRET, lambda m: f"{m['head']}{MASK}", text, flags=re.I)
    return text


def _mask_authority(text: str) -> str:
    """'scheme://user:secret@host/...' -> 'scheme://user:***@host/...', the secret running to the
    last '@' before the query, however many '@', ':' or '/' it holds."""
    scheme, separator, rest = text.partition("://")
    if not separator or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*", scheme):
        return text
    end = min((index for index in (rest.find("?"), rest.find("#")) if index >= 0), default=len(rest))
    at = rest.rfind("@", 0, end)
    if at < 0:
        return text
    user, colon, _secret = rest[:at].partition(":")
    if not colon or "/" in user:  # no password, or a path ('sqlite:////a:b@c.db')
        return text
    return f"{scheme}://{user}:{MASK}{rest[at:]}"
