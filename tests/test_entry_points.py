"""Installed plugins are found from a cache of the distributions' entry points: the same answer
as importlib.metadata gives, read anew as soon as a distribution comes or goes."""

from __future__ import annotations

import json
import os
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from portfolio import entry_points as index
from portfolio.cache import cache_folder
from portfolio.entry_points import PluginEntry, installed_entry_points


def _fake_distribution(folder: Path, name: str, lines: str) -> Path:
    """A distribution installed in ``folder``: its metadata and its entry points, nothing else."""
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(lines, encoding="utf-8")
    return info


def _changed(folder: Path, step: int) -> None:
    """Give the folder a time of its own: two changes in one clock tick keep the same time."""
    stamp = 1_700_000_000_000_000_000 + step * 1_000_000_000
    os.utime(folder, ns=(stamp, stamp))


def test_the_same_entry_points_as_importlib_metadata_lists(monkeypatch):
    expected = [(e.name, e.value, e.dist.name, e.dist.version) for e in entry_points(group="portfolio")]
    found = installed_entry_points("portfolio")
    assert [(e.name, e.value, e.distribution, e.version) for e in found] == expected
    assert {"finance", "services", "hr", "deviations", "milestones", "gains"} <= {e.name for e in found}

    def no_reading(group: str) -> list[PluginEntry]:
        raise AssertionError("read the distributions although nothing changed")

    monkeypatch.setattr(index, "_read_entry_points", no_reading)
    assert installed_entry_points("portfolio") == found  # from the cache


def test_a_distribution_installed_or_removed_is_seen_at_once(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "extra" not in {e.name for e in installed_entry_points("portfolio")}
    _changed(tmp_path, 1)
    info = _fake_distribution(tmp_path, "portfolio-extra", "[portfolio]\nextra = json.decoder:JSONDecoder\n")
    _changed(tmp_path, 2)
    extra = next(e for e in installed_entry_points("portfolio") if e.name == "extra")
    assert (extra.distribution, extra.version, extra.value) == ("portfolio-extra", "1.0", "json.decoder:JSONDecoder")
    assert extra.load() is json.decoder.JSONDecoder
    for item in info.iterdir():
        item.unlink()
    info.rmdir()
    _changed(tmp_path, 3)
    assert "extra" not in {e.name for e in installed_entry_points("portfolio")}


def test_an_entry_point_loads_a_module_or_a_dotted_attribute():
    assert PluginEntry("m", "json", "", "d", "1").load() is json
    assert PluginEntry("a", "json", "decoder.JSONDecoder", "d", "1").load() is json.decoder.JSONDecoder
    with pytest.raises(ModuleNotFoundError):
        PluginEntry("x", "no_such_module_here", "", "d", "1").load()


DAMAGES = {
    "not the cache": lambda good: "{not the cache",
    "empty": lambda good: "",
    "a short line": lambda good: good.partition("\n")[0] + "\nfinance\tportfolio_finance\n",
    "a line too many fields": lambda good: good + "a\tb\tc\td\te\tf\n",
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_cache_file_is_read_anew(monkeypatch, damage):
    found = installed_entry_points("portfolio")
    written: dict[str, str] = {}
    monkeypatch.setattr(index, "read_cached", lambda name: None)
    monkeypatch.setattr(index, "write_cached", lambda name, text: written.setdefault(name, text))
    assert installed_entry_points("portfolio") == found
    ((name, good),) = written.items()
    reads: list[str] = []

    def read_distributions(group: str) -> list[PluginEntry]:
        reads.append(group)
        return found

    monkeypatch.setattr(index, "_read_entry_points", read_distributions)
    monkeypatch.setattr(index, "read_cached", lambda asked: damage(good) if asked == name else None)
    assert installed_entry_points("portfolio") == found
    assert reads == ["portfolio"]
    # what was written is read back as the same entries, without reading the distributions
    monkeypatch.setattr(index, "read_cached", lambda asked: good if asked == name else None)
    assert installed_entry_points("portfolio") == found
    assert reads == ["portfolio"]


def test_a_new_time_replaces_the_cache_file_and_each_environment_keeps_its_own(tmp_path, monkeypatch):
    """The file is named by the interpreter and the import path, not by the folders' times."""
    monkeypatch.syspath_prepend(str(tmp_path))
    folder = cache_folder() / "entry-points"
    before = set(folder.glob("*")) if folder.exists() else set()
    installed_entry_points("portfolio")
    (mine,) = set(folder.glob("*")) - before
    for step in (1, 2, 3):
        _changed(tmp_path, step)
        installed_entry_points("portfolio")
    assert set(folder.glob("*")) - before == {mine}
    monkeypatch.syspath_prepend(str(tmp_path / "elsewhere"))
    installed_entry_points("portfolio")
    assert len(set(folder.glob("*")) - before) == 2


def test_an_entry_point_that_cannot_be_written_as_a_line_is_not_cached(monkeypatch):
    odd = [PluginEntry("odd\tname", "json", "", "d", "1")]
    written: list[str] = []
    monkeypatch.setattr(index, "read_cached", lambda name: None)
    monkeypatch.setattr(index, "write_cached", lambda name, text: written.append(text))
    monkeypatch.setattr(index, "_read_entry_points", lambda group: odd)
    assert installed_entry_points("portfolio") == odd
    assert written == []
