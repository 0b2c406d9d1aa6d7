"""`portfolio plugins new` and the example plugin: both install into a fresh virtual environment
and work there, and the skeleton passes its own tests out of the box."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from portfolio.scaffold import render_plugin
from tests.helpers import fails, ok

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "portfolio-benefits"


def test_new_writes_a_skeleton_and_refuses_clashes(run, tmp_path):
    result = ok(run("plugins", "new", "gains", "--output", str(tmp_path)))
    target = tmp_path / "portfolio-gains"
    assert f"Created {target}" in result.stdout
    assert (target / "portfolio_gains" / "plugin.py").is_file()
    assert (target / "portfolio_gains" / "migrations" / "gains_0001.py").is_file()
    assert 'gains = "portfolio_gains.plugin"' in (target / "pyproject.toml").read_text()
    assert "exists" in fails(run("plugins", "new", "gains", "--output", str(tmp_path))).stderr
    assert "already a portfolio command" in fails(run("plugins", "new", "report", "--output", str(tmp_path))).stderr
    assert "is not a plugin name" in fails(run("plugins", "new", "My-Plugin", "--output", str(tmp_path))).stderr
    assert "does not exist" in fails(run("plugins", "new", "x1", "--output", str(tmp_path / "no"))).stderr


def test_the_example_in_the_docs_is_the_skeleton_for_benefits():
    expected = render_plugin("benefits")
    actual = {
        str(path.relative_to(EXAMPLE)): path.read_text(encoding="utf-8")
        for path in EXAMPLE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path)
    }
    assert actual == expected, "regenerate: portfolio plugins new benefits --output docs/examples"


def _fresh_venv(path: Path) -> Path:
    """A new virtual environment that reaches the development environment's packages through a
    site directory, so nothing is downloaded; plugins are then installed into it for real."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    site = next((path / "lib").glob("python*/site-packages"))
    dev_site = sysconfig.get_paths()["purelib"]
    (site / "_portfolio_dev.pth").write_text(f"import site; site.addsitedir({dev_site!r})\n")
    return path / "bin" / "python"


def _run(python: Path, *args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(python), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture
def clean_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTFOLIO_") or k == "PORTFOLIO_TEST_POSTGRES_URL"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


@pytest.mark.slow
def test_the_example_plugin_installs_and_works_in_a_fresh_environment(tmp_path, clean_env):
    import shutil

    python = _fresh_venv(tmp_path / "venv")
    source = shutil.copytree(EXAMPLE, tmp_path / "portfolio-benefits")  # pip builds in the folder
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", str(source), cwd=tmp_path, env=clean_env)
    db = ["-m", "portfolio", "--db", str(tmp_path / "demo.db")]
    plugins = _run(python, *db, "plugins", cwd=tmp_path, env=clean_env).stdout
    assert "benefits" in plugins and "portfolio-benefits" in plugins
    _run(python, *db, "db", "upgrade", cwd=tmp_path, env=clean_env)
    _run(python, *db, "demo", cwd=tmp_path, env=clean_env)
    listed = _run(python, *db, "benefits", "list", "--period", "2024-01", cwd=tmp_path, env=clean_env).stdout
    assert "Færre manuelle tilgangsendringer" in listed
    report = _run(
        python, *db, "report", "build", "--period", "2024-01", "--format", "md", cwd=tmp_path, env=clean_env
    ).stdout
    assert ". Benefits\n" in report and "| **IAM2** | Færre manuelle tilgangsendringer | 1\u00a0250 |" in report
    sections = _run(python, *db, "report", "sections", cwd=tmp_path, env=clean_env).stdout
    assert "benefits" in sections


@pytest.mark.slow
def test_a_new_skeleton_passes_its_own_tests(tmp_path, clean_env):
    python = _fresh_venv(tmp_path / "venv")
    _run(python, "-m", "portfolio", "plugins", "new", "gains", "--output", str(tmp_path), cwd=tmp_path, env=clean_env)
    project = tmp_path / "portfolio-gains"
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(project), cwd=tmp_path, env=clean_env)
    result = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project, env=clean_env)
    assert " passed" in result.stdout and "failed" not in result.stdout
