"""Where the per-user config is looked for: the XDG rule on Linux, as platformdirs has it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from portfolio.config import user_config_folder


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fast path is Linux's")
def test_the_linux_fast_path_agrees_with_platformdirs(monkeypatch, tmp_path):
    from platformdirs import user_config_dir

    for value in (str(tmp_path / "xdg"), "", "relative/path"):
        monkeypatch.setenv("XDG_CONFIG_HOME", value)
        assert user_config_folder() == Path(user_config_dir("portfolio"))
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert user_config_folder() == Path(user_config_dir("portfolio"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fast path is Linux's")
def test_the_cache_folder_agrees_with_platformdirs(monkeypatch, tmp_path):
    from platformdirs import user_cache_dir

    from portfolio.cache import cache_folder

    for value in (str(tmp_path / "xdg"), "", "relative/path"):
        monkeypatch.setenv("XDG_CACHE_HOME", value)
        assert cache_folder() == Path(user_cache_dir("portfolio"))


def test_a_relative_portfolio_config_is_named_in_full(monkeypatch, tmp_path, capsys):
    """Every message about the file names it with its full path, however PORTFOLIO_CONFIG gives it."""
    from portfolio.cli import main

    (tmp_path / "pmo.toml").write_text('lang = "sv"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PORTFOLIO_CONFIG", "pmo.toml")
    with pytest.raises(SystemExit) as stopped:
        main(["info"])
    assert stopped.value.code == 1
    assert capsys.readouterr().err == f"Error: {tmp_path / 'pmo.toml'}: lang 'sv' is not one of nb, en\n"
