"""A report written to a file or standard output is written as it is made (``render_chunks``): the
HTML as its template writes it, the JSON a piece at a time, never the whole text beside its bytes;
the pieces are the bytes of ``render``."""

from __future__ import annotations

import pytest

from portfolio.render import json as json_renderer
from portfolio.render import render, render_chunks
from tests.test_render_json import AWKWARD, _report
from tests.test_report_blocks import ALL_BLOCKS


@pytest.mark.parametrize("fmt", ["md", "html", "json", "terminal"])
def test_the_pieces_are_the_whole_text(fmt):
    report = _report(*ALL_BLOCKS, AWKWARD)
    pieces = list(render_chunks(report, fmt))
    assert "".join(pieces) == render(report, fmt)
    if fmt == "html":
        assert len(pieces) > 10  # as the template writes it, not joined first


@pytest.mark.parametrize("size", [1, 2, 3, 7, 4096])
def test_json_pieces_split_inside_a_character_decode_whole(size, monkeypatch):
    """The JSON's bytes are handed on ``size`` at a time: a piece that ends inside a character of
    two to four bytes (ø, €, 😀) keeps it for the next."""
    monkeypatch.setattr(json_renderer, "CHUNK_BYTES", size)
    report = _report(*ALL_BLOCKS, AWKWARD)
    pieces = list(render_chunks(report, "json"))
    assert "".join(pieces) == json_renderer.render(report) == json_renderer.render_stdlib(report)
    if size < 4096:
        assert len(pieces) > 100


@pytest.mark.parametrize("lines", [1, 2, 3, 50])
def test_markdown_pieces_keep_white_space_at_the_end_for_the_last(lines, monkeypatch):
    """The Markdown is handed on ``lines`` lines at a time; white space that ends the text is
    stripped as ``render`` strips it, white space before more text is kept."""
    from portfolio.render import markdown
    from portfolio.report.blocks import Paragraph

    monkeypatch.setattr(markdown, "CHUNK_LINES", lines)
    for blocks in (
        (*ALL_BLOCKS, AWKWARD),
        (Paragraph.of("ends in spaces   "),),
        (Paragraph.of("a  "), Paragraph.of(" ")),
    ):
        report = _report(*blocks)
        pieces = list(render_chunks(report, "md"))
        assert "".join(pieces) == markdown.render(report)
        if lines < 50 and len(blocks) > 2:
            assert len(pieces) > 10


def test_a_binary_format_has_no_text_pieces():
    with pytest.raises(ValueError, match="not a text format"):
        list(render_chunks(_report(*ALL_BLOCKS), "pdf"))


def test_a_report_file_is_written_piece_by_piece(tmp_path, monkeypatch):
    """``report build -o``: each piece goes to the file as it comes; the file appears whole."""
    import click

    from portfolio import files
    from portfolio.cli.report_output import show_report

    written: list[str] = []
    write_chunks = files.write_output_chunks

    def watched(path, chunks, *, force=False):  # type: ignore[no-untyped-def]
        def each():  # type: ignore[no-untyped-def]
            for chunk in chunks:
                written.append(chunk)
                yield chunk

        write_chunks(path, each(), force=force)

    monkeypatch.setattr(files, "write_output_chunks", watched)
    report = _report(*ALL_BLOCKS, AWKWARD)
    target = tmp_path / "report.html"
    with click.Context(click.Command("build")):
        show_report(report, "html", target, force=False, color=None)
    assert target.read_text(encoding="utf-8") == render(report, "html") == "".join(written)
    assert len(written) > 10


def test_a_long_table_or_matrix_comes_in_pieces_of_its_rows(monkeypatch):
    """The HTML body of a table or matrix of many rows is made ``PIECE_ROWS`` rows at a time; the
    pieces are the whole body's markup, footnote marks included."""
    from portfolio.render import html
    from portfolio.report.blocks import Column, MatrixCell, MatrixRow, Row, StatusMatrix, Table
    from portfolio.report.formatting import Formatter

    monkeypatch.setattr(html, "PIECE_ROWS", 3)
    table = Table((Column("code", "Code"), Column("n", "N", "integer")), tuple(Row((f"P{i}", i)) for i in range(10)))
    cells = (MatrixCell("green"), MatrixCell("red", "worse", "1"))
    matrix = StatusMatrix("t", "h", ("a", "b"), tuple(MatrixRow(f"P{i}", "project", f"P{i}", cells) for i in range(7)))
    rows = html._Rows(Formatter("nb"), "nb")
    pieces = list(rows.table_pieces(table))
    assert len(pieces) == 4 and "".join(pieces) == rows.table(table)
    pieces = list(rows.matrix_pieces(matrix, "m-1"))
    assert len(pieces) == 3 and "".join(pieces) == rows.matrix(matrix, "m-1")
    report = _report(table, matrix)
    monkeypatch.setattr(html, "PIECE_ROWS", 10_000)
    whole = render(report, "html")
    monkeypatch.setattr(html, "PIECE_ROWS", 2)
    assert render(report, "html") == whole
