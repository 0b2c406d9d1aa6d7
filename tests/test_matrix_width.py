"""status matrix on a terminal: it fits the width (numbered headers with a key, names wrapped
between words), is full width when piped, and its letters are the report language's."""

from __future__ import annotations

import pytest

from tests.helpers import ok

pytestmark = pytest.mark.usefixtures("core_only")


def test_the_matrix_fits_the_terminal_it_is_shown_in(demo, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = ok(demo("status", "matrix", "--period", "2024-01")).stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[1].split()[-6:] == ["1", "2", "3", "4", "5", "6"]
    assert "1 Avgrensning og innhold · 2 Økonomi · 3 Ressurser · 4 Fremdrift · 5 Eksterne" in lines
    # a name too long for its column goes on to the next line between two words, never inside one
    at = next(i for i, line in enumerate(lines) if line.startswith("Sikker IKT-Plattform for Kunstig"))
    assert lines[at + 1].strip() == "Intelligens"


def test_the_matrix_is_full_width_when_piped(demo, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    lines = ok(demo("status", "matrix", "--period", "2024-01")).stdout.splitlines()
    assert "Avgrensning og innhold" in lines[1] and "Eksterne avhengigheter" in lines[1]
    assert any(line.startswith("Sikker IKT-Plattform for Kunstig Intelligens ") for line in lines)


def test_the_letters_are_the_languages_and_a_legend_says_what_they_mean(demo, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    nb = ok(demo("status", "matrix", "--period", "2024-01")).stdout.splitlines()
    iam = next(line for line in nb if line.startswith("2.4 iFront"))
    assert iam.split()[2:4] == ["Gr", "Gr"] and "Rø ↘" in iam and "Gu" in iam
    assert "Gr grønn, Gu gul, Rø rød, ○ ikke vurdert, · ikke rapportert." in nb
    en = ok(demo("status", "matrix", "--period", "2024-01", "--lang", "en")).stdout.splitlines()
    assert "G green, Y yellow, R red, ○ not assessed, · not reported." in en
