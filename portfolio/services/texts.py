"""Free text kept per month: the paragraphs only a person can write, for the core and plugins.

Every such text follows one rule: saving an empty text removes it, saving another replaces it.
The caller finds the existing row (its tables differ) and checks the month is open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session

TextRow = TypeVar("TextRow", bound=Any)


def save_text(
    session: Session, existing: TextRow | None, text: str, create: Callable[[str], TextRow]
) -> TextRow | None:
    """Store ``text`` in ``existing`` (or a row made by ``create(text)``); an empty text removes
    the row. Returns the stored row, or None when the text was removed (or never there)."""
    body = text.strip()
    if not body:
        if existing is not None:
            session.delete(existing)
            session.flush()
        return None
    row = existing if existing is not None else create(body)
    row.text = body
    session.add(row)
    session.flush()
    return row
