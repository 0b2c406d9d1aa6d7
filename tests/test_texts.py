"""portfolio.services.texts.save_text: a month's free text is stored, replaced, or removed when empty."""

from __future__ import annotations

from sqlmodel import Session, select

from portfolio.database import make_engine
from portfolio.models import Narrative
from portfolio.services.texts import save_text


def _new(body: str) -> Narrative:
    return Narrative(period="2024-01", scope="portfolio", text=body)


def test_a_text_is_stored_replaced_and_removed(migrated, db_url: str):
    engine = make_engine(db_url)
    with Session(engine) as session:
        stored = save_text(session, None, "  Første utkast \n", _new)
        assert stored is not None and stored.text == "Første utkast"
        again = save_text(session, stored, "Endelig tekst", _new)
        assert again is stored and stored.text == "Endelig tekst"
        assert [n.text for n in session.exec(select(Narrative))] == ["Endelig tekst"]
        assert save_text(session, stored, "   ", _new) is None
        assert session.exec(select(Narrative)).all() == []
        assert save_text(session, None, "", _new) is None  # nothing there, nothing made
        assert session.exec(select(Narrative)).all() == []
    engine.dispose()
