"""Ratings: every accepted spelling, clear refusal, and the trend between two months."""

from __future__ import annotations

import pytest

from portfolio.ratings import ALLOWED_TEXT, Rating, Trend, parse_rating, trend

G, Y, R, NA = Rating.GREEN, Rating.YELLOW, Rating.RED, Rating.NA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("green", G),
        ("g", G),
        ("grønn", G),
        ("gronn", G),
        ("GREEN", G),
        ("  Grønn  ", G),
        ("yellow", Y),
        ("y", Y),
        ("gul", Y),
        ("amber", Y),
        ("Amber", Y),
        ("red", R),
        ("r", R),
        ("rød", R),
        ("RØD", R),
        ("rod", R),
        ("na", NA),
        ("NA", NA),
        ("n/a", NA),
        ("N/A", NA),
        ("-", NA),
        ("○", NA),
        ("none", NA),
        ("not assessed", NA),
        ("Ikke vurdert", NA),
    ],
)
def test_synonyms(text: str, expected: Rating) -> None:
    assert parse_rating(text) is expected


@pytest.mark.parametrize("text", ["purple", "blå", "", " ", "greenish", "gr", "0", "1", "ok", "x"])
def test_anything_else_is_refused_naming_the_value(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_rating(text)
    assert str(info.value) == f"'{text}' is not a rating; use green, yellow, red or na"


def test_allowed_text() -> None:
    assert ALLOWED_TEXT == "green, yellow, red or na"


def test_rating_values_are_the_stored_words() -> None:
    assert [r.value for r in Rating] == ["green", "yellow", "red", "na"]
    assert Rating("green") is G


def test_rank_and_letter() -> None:
    assert R.rank < Y.rank < G.rank  # type: ignore[operator]
    assert NA.rank is None
    assert [r.letter for r in (G, Y, R, NA)] == ["G", "Y", "R", "–"]


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (G, Y, Trend.BETTER),
        (G, R, Trend.BETTER),
        (Y, R, Trend.BETTER),
        (Y, G, Trend.WORSE),
        (R, G, Trend.WORSE),
        (R, Y, Trend.WORSE),
        (G, G, None),
        (Y, Y, None),
        (R, R, None),
        (NA, NA, None),
        (G, NA, None),
        (NA, G, None),
        (R, NA, None),
        (NA, R, None),
        (G, None, None),
        (None, G, None),
        (None, None, None),
    ],
)
def test_trend(current: Rating | None, previous: Rating | None, expected: Trend | None) -> None:
    assert trend(current, previous) is expected


def test_trend_arrows() -> None:
    assert Trend.BETTER.arrow == "↗"
    assert Trend.WORSE.arrow == "↘"
    assert Trend.BETTER.value == "better"
    assert Trend.WORSE.value == "worse"
