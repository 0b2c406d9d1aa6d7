"""Output files land where the user named them, whole, and never through a link elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portfolio.errors import PortfolioError
from portfolio.files import write_output


def test_writes_and_refuses_to_overwrite(tmp_path: Path):
    target = tmp_path / "r.md"
    write_output(target, "one")
    with pytest.raises(PortfolioError, match="exists; use --force"):
        write_output(target, "two")
    assert target.read_text() == "one"
    write_output(target, "two", force=True)
    assert target.read_text() == "two"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_parent_traversal_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    with pytest.raises(PortfolioError, match=r"'\.\.' is not allowed"):
        write_output(Path("../x.html"), "x")
    assert not (tmp_path / "x.html").exists()


def test_a_symlink_target_is_refused(tmp_path: Path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    link = tmp_path / "report.html"
    link.symlink_to(outside)
    with pytest.raises(PortfolioError, match="symbolic link"):
        write_output(link, "x", force=True)
    assert outside.read_text() == "keep me"


def test_a_folder_link_leading_outside_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    work, elsewhere = tmp_path / "work", tmp_path / "elsewhere"
    work.mkdir()
    elsewhere.mkdir()
    (work / "out").symlink_to(elsewhere)
    monkeypatch.chdir(work)
    with pytest.raises(PortfolioError, match="leads outside"):
        write_output(Path("out/r.html"), "x")
    assert list(elsewhere.iterdir()) == []


def test_missing_folder_is_refused_and_nothing_is_left_behind(tmp_path: Path):
    with pytest.raises(PortfolioError, match="does not exist"):
        write_output(tmp_path / "no" / "r.html", "x")
    write_output(tmp_path / "r.html", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_bytes_are_written_as_they_are(tmp_path: Path):
    target = tmp_path / "r.pdf"
    content = b"%PDF-1.7\r\n\x00\xff binary\n"
    write_output(target, content)
    assert target.read_bytes() == content
    with pytest.raises(PortfolioError, match="exists; use --force"):
        write_output(target, b"other")
    assert target.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]
