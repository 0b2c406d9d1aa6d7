"""The 5x5 risk matrix: the default zones cell by cell, and a configured matrix."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from portfolio.config import load_settings
from portfolio.errors import PortfolioError
from portfolio.risk_zones import DEFAULT_MATRIX, RiskMatrix, Zone, score

G, Y, R = Zone.GREEN, Zone.YELLOW, Zone.RED

# EXPECTED[consequence][probability], written out so that a change to the matrix is noticed.
EXPECTED = {
    5: {1: Y, 2: Y, 3: R, 4: R, 5: R},
    4: {1: G, 2: Y, 3: Y, 4: R, 5: R},
    3: {1: G, 2: Y, 3: Y, 4: Y, 5: R},
    2: {1: G, 2: G, 3: Y, 4: Y, 5: Y},
    1: {1: G, 2: G, 3: G, 4: G, 5: Y},
}
CELLS = list(itertools.product(range(1, 6), range(1, 6)))
RANK = {G: 0, Y: 1, R: 2}


@pytest.mark.parametrize(("probability", "consequence"), CELLS)
def test_default_matrix_every_cell(probability: int, consequence: int) -> None:
    assert RiskMatrix().zone(probability, consequence) is EXPECTED[consequence][probability]


@pytest.mark.parametrize(
    ("probability", "consequence", "zone"),
    [(1, 1, G), (5, 1, Y), (1, 5, Y), (5, 5, R)],
)
def test_default_matrix_corners(probability: int, consequence: int, zone: Zone) -> None:
    assert RiskMatrix().zone(probability, consequence) is zone


def test_default_matrix_rows() -> None:
    assert DEFAULT_MATRIX == ("YYRRR", "GYYRR", "GYYYR", "GGYYY", "GGGGY")
    assert RiskMatrix().rows == DEFAULT_MATRIX


def test_default_red_needs_score_12_and_consequence_5_with_probability_3_is_red() -> None:
    matrix = RiskMatrix()
    for probability, consequence in CELLS:
        if matrix.zone(probability, consequence) is R:
            assert score(probability, consequence) >= 12
    assert all(matrix.zone(p, 5) is R for p in (3, 4, 5))


def test_default_zone_never_improves_as_probability_or_consequence_grows() -> None:
    matrix = RiskMatrix()
    for probability, consequence in CELLS:
        here = RANK[matrix.zone(probability, consequence)]
        if probability < 5:
            assert RANK[matrix.zone(probability + 1, consequence)] >= here
        if consequence < 5:
            assert RANK[matrix.zone(probability, consequence + 1)] >= here


@pytest.mark.parametrize(
    ("probability", "consequence", "message"),
    [
        (0, 3, "probability 0 is not between 1 and 5"),
        (6, 3, "probability 6 is not between 1 and 5"),
        (3, 0, "consequence 0 is not between 1 and 5"),
        (3, 6, "consequence 6 is not between 1 and 5"),
        (-1, 1, "probability -1 is not between 1 and 5"),
    ],
)
def test_out_of_scale_is_refused(probability: int, consequence: int, message: str) -> None:
    with pytest.raises(ValueError) as info:
        RiskMatrix().zone(probability, consequence)
    assert str(info.value) == message


def test_score() -> None:
    assert score(4, 5) == 20
    assert score(1, 1) == 1


def test_configured_matrix_is_read_top_row_consequence_5() -> None:
    rows = ("RRRRR", "YYYYR", "GGGYY", "GGGGG", "GGGGG")
    matrix = RiskMatrix(rows)
    assert matrix.zone(1, 5) is R
    assert matrix.zone(5, 4) is R
    assert matrix.zone(4, 4) is Y
    assert matrix.zone(4, 3) is Y
    assert matrix.zone(3, 3) is G
    assert matrix.zone(5, 1) is G


def test_configured_matrix_accepts_lower_case() -> None:
    matrix = RiskMatrix(("rrrrr", "yyyyy", "ggggg", "ggggg", "ggggg"))
    assert matrix.zone(1, 5) is R
    assert matrix.zone(1, 4) is Y
    assert matrix.zone(5, 3) is G


@pytest.mark.parametrize(
    "rows",
    [
        ("GGGGG",) * 4,
        ("GGGGG",) * 6,
        ("GGGG", "GGGGG", "GGGGG", "GGGGG", "GGGGG"),
        ("GGGGGG", "GGGGG", "GGGGG", "GGGGG", "GGGGG"),
    ],
)
def test_configured_matrix_must_be_5_by_5(rows: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="the risk matrix must have 5 rows of 5 letters"):
        RiskMatrix(rows)


def test_configured_matrix_letters_are_named() -> None:
    with pytest.raises(ValueError) as info:
        RiskMatrix(("GGGGX", "GGGGG", "BGGGG", "GGGGG", "GGGGG"))
    assert str(info.value) == "the risk matrix may use only G, Y and R, not BX"


def _write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "portfolio.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_matrix_from_config_file(tmp_path: Path) -> None:
    path = _write_config(
        tmp_path,
        '[risk]\nmatrix = ["RRRRR", "RRRRR", "YYYYY", "GGGGG", "GGGGG"]\n',
    )
    matrix = load_settings(path).risk_matrix
    assert matrix.zone(1, 4) is R
    assert matrix.zone(5, 3) is Y
    assert matrix.zone(5, 2) is G


def test_default_matrix_without_config(tmp_path: Path) -> None:
    assert load_settings(_write_config(tmp_path, 'lang = "en"\n')).risk_matrix == RiskMatrix()


def test_bad_matrix_in_config_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = _write_config(tmp_path, '[risk]\nmatrix = ["RRRRR", "RRRRR"]\n')
    with pytest.raises(PortfolioError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: risk.matrix: the risk matrix must have 5 rows of 5 letters"
