"""A database password is never printed: not by info, db current, errors or warnings."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from portfolio.cli import build_cli
from portfolio.redact import safe_url

SECRET = "s3cret-Pa55"


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(build_cli(), list(args), env=env)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            f"postgresql+psycopg://pmo:{SECRET}@db.example:5432/portfolio",
            "postgresql+psycopg://pmo:***@db.example:5432/portfolio",
        ),
        (
            f"postgresql+psycopg://pmo@db/p?password={SECRET}&sslmode=require",
            "postgresql+psycopg://pmo@db/p?password=***&sslmode=require",
        ),
        (f"postgresql://u:{SECRET}@h/db?sslpassword={SECRET}", "postgresql://u:***@h/db?sslpassword=***"),
        ("sqlite:////var/lib/portfolio.db", "sqlite:////var/lib/portfolio.db"),
    ],
)
def test_safe_url_masks_every_password(url, shown):
    assert safe_url(url) == shown


def test_an_unreachable_server_is_reported_without_the_password():
    url = f"postgresql+psycopg://pmo:{SECRET}@127.0.0.1:1/portfolio?password={SECRET}"
    for args in (("--db", url, "project", "list"), ("--db", url, "db", "upgrade"), ("--db", url, "info")):
        result = _run(*args)
        assert SECRET not in result.output, args
        assert "Traceback (most recent call last)" not in result.output
    assert "pmo:***@127.0.0.1:1" in _run("--db", url, "info").stdout


def test_info_and_db_current_mask_the_password_from_the_environment():
    base = os.environ.get("PORTFOLIO_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("PORTFOLIO_TEST_POSTGRES_URL is not set")
    # trust authentication ignores the password, so the URL works and must still be masked
    url = base.replace("postgres@", f"postgres:{SECRET}@", 1)
    for args in (("info",), ("db", "current")):
        result = _run(*args, env={"PORTFOLIO_DB": url})
        assert result.exit_code == 0, result.output
        assert SECRET not in result.output and "postgres:***@" in result.output


# Issue 21, item 11: a malformed URL and a libpq connection string printed the password.
MALFORMED = "postgresql+psycopg://kari:p@ss:S3cretPW@127.0.0.1:5499/x"
LIBPQ = "host=127.0.0.1 port=5499 dbname=x user=kari password=S3cretPW"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (MALFORMED, "postgresql+psycopg://kari:***@127.0.0.1:5499/x"),
        ("postgresql://kari:pa/ss@w@127.0.0.1/x?sslmode=require", "postgresql://kari:***@127.0.0.1/x?sslmode=require"),
        (LIBPQ, "host=127.0.0.1 port=5499 dbname=x user=kari password=***"),
        ("host=h password='S3cret PW' dbname=x", "host=h password=*** dbname=x"),
        ("sqlite:////tmp/a:b@c.db", "sqlite:////tmp/a:b@c.db"),
    ],
)
def test_safe_url_masks_a_password_with_at_signs_colons_or_slashes(url, shown):
    assert safe_url(url) == shown


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (MALFORMED, "Error: 'postgresql+psycopg://kari:***@127.0.0.1:5499/x' is not a database URL or file path;"),
        (LIBPQ, "Error: 'host=127.0.0.1 port=5499 dbname=x user=kari password=***' is a libpq connection string,"),
    ],
)
@pytest.mark.parametrize("command", [("project", "list"), ("db", "upgrade"), ("db", "current"), ("info",)])
def test_a_malformed_url_or_a_libpq_string_is_one_line_without_the_password(
    tmp_path, monkeypatch, url, message, command
):
    monkeypatch.chdir(tmp_path)
    result = _run(*command, env={"PORTFOLIO_DB": url})
    assert "S3cretPW" not in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if command != ("info",):  # info reports what it can, the database as unreachable
        assert result.exit_code == 1 and result.output.startswith(message) and result.output.count("\n") == 1
    assert not list(tmp_path.iterdir())  # not taken for a SQLite file
