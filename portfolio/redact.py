"""Database URLs with their secrets masked, for messages, `portfolio db current` and logs.

Kept free of SQLAlchemy so the CLI can use it without importing the database stack. Masks the
password in the authority part (up to the last '@', so a password with an unencoded '@', ':',
'/', '?' or '#' in it is masked whole), any query parameter that carries one, and the
``password=`` of a libpq-style connection string (``host=... password=...``).

The authority is read as SQLAlchemy reads it: the user name runs to the first ':' or '/', and a
':' before an '@' starts a password that SQLAlchemy ends at the next '@'. Whatever follows that
'@' is taken for the host, port and database and may reach the driver's error messages, so a URL
with another '@' there is refused before any driver sees it (``unencoded_at``).
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
    # Also with '://' in it: a libpq string whose password holds '://' is still masked.
    return re.sub(_KEYWORD_SECRET, lambda m: f"{m['head']}{MASK}", text, flags=re.I)


def unencoded_at(url: str) -> bool:
    """Whether ``url`` has a password and another '@' after the one that ends it ('u:p@ss@host/db').

    SQLAlchemy ends the password at its first '@' and hands the rest ('ss@host') to the driver
    as the host, whose error messages would then print it; such a URL can never connect.
    """
    authority = _password_span(str(url))
    return authority is not None and authority[2] > authority[1]


def _password_span(text: str) -> tuple[int, int, int] | None:
    """(start, first '@', last '@') of the password in ``text``, as indexes into it; None when
    SQLAlchemy would read no password (no '://', a path such as 'sqlite:////a:b@c.db', no ':'
    before an '@')."""
    scheme, separator, rest = text.partition("://")
    if not separator or not scheme:
        return None
    offset = len(scheme) + len(separator)
    user_end = re.search(r"[:/]", rest)
    if user_end is None or user_end.group() != ":":
        return None
    first_at = rest.find("@", user_end.end())
    if first_at < 0:
        return None
    return offset + user_end.end(), offset + first_at, offset + rest.rfind("@")


def _mask_authority(text: str) -> str:
    """'scheme://user:secret@host/...' -> 'scheme://user:***@host/...', the secret running to the
    last '@', however many '@', ':', '/', '?' or '#' it holds."""
    span = _password_span(text)
    if span is None:
        return text
    start, _first_at, last_at = span
    return f"{text[:start]}{MASK}{text[last_at:]}"
