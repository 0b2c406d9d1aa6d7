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
        # SQLAlchemy reads '?' and '#' before the '@' as part of the password, and connects with it
        ("postgresql://kari:pa?ss@127.0.0.1/x?sslmode=require", "postgresql://kari:***@127.0.0.1/x?sslmode=require"),
        ("postgresql://kari:pa#ss@127.0.0.1/x", "postgresql://kari:***@127.0.0.1/x"),
        ("postgresql://kari:p@s?x@127.0.0.1/x", "postgresql://kari:***@127.0.0.1/x"),
        ("postgresql://kari@corp:S3cretPW@127.0.0.1/x", "postgresql://kari@corp:***@127.0.0.1/x"),  # '@' in the user
        (" postgresql://kari:S3cretPW@h/x", " postgresql://kari:***@h/x"),  # not a URL SQLAlchemy reads
        ("host=h password=S3cret://PW", "host=h password=***"),
    ],
)
def test_safe_url_masks_a_password_with_at_signs_colons_or_slashes(url, shown):
    assert safe_url(url) == shown


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (MALFORMED, "Error: database URL 'postgresql+psycopg://kari:***@127.0.0.1:5499/x' has an unencoded '@'"),
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


# A password with an unencoded '@' ('p@ss'): SQLAlchemy ends it at the first '@' and gives the
# driver the rest as the host, and the driver's "failed to resolve host 'ss@127.0.0.1'" printed it.
AT_URL = "postgresql+psycopg://kari:Left3pw@Right7pw@127.0.0.1:1/x"
AT_SHOWN = "'postgresql+psycopg://kari:***@127.0.0.1:1/x'"
AT_URLS = [
    AT_URL,
    "postgresql+psycopg://kari:Left3pw@Right7pw@127.0.0.1/x?sslmode=require",
    "postgresql+psycopg://kari:Left3pw@Right7pw:Right8pw@127.0.0.1/x",  # the rest was read as a port
    "postgresql+psycopg://kari:Left3pw@Right7pw/Right8pw@127.0.0.1/x",  # ... as a host and a database
    "postgresql+psycopg://kari:Left3pw@Right7pw?Right8pw@127.0.0.1/x",  # ... as a host and a query
]


def _assert_no_fragment(result, url: str) -> None:
    for fragment in ("Left3pw", "Right7pw", "Right8pw"):
        assert fragment not in result.output, (url, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


@pytest.mark.parametrize("url", AT_URLS)
@pytest.mark.parametrize(
    "command",
    [
        ("status", "matrix", "--period", "2024-01"),
        ("project", "list"),
        ("db", "upgrade"),
        ("db", "current"),
        ("db", "backup", "backup.json"),
        ("info",),
    ],
)
@pytest.mark.parametrize("where", ["--db", "PORTFOLIO_DB", "portfolio.toml"])
def test_a_password_with_an_unencoded_at_is_refused_before_the_driver_sees_it(
    tmp_path, monkeypatch, url, command, where
):
    monkeypatch.chdir(tmp_path)
    if where == "portfolio.toml":
        (tmp_path / "portfolio.toml").write_text(f'database = "{url}"\n', encoding="utf-8")
        result = _run(*command)
    elif where == "PORTFOLIO_DB":
        result = _run(*command, env={"PORTFOLIO_DB": url})
    else:
        result = _run("--db", url, *command)
    _assert_no_fragment(result, url)
    assert "has an unencoded '@' in its password or after it" in result.output
    assert "resolve host" not in result.output and "connection" not in result.output  # the driver was not asked
    if command == ("info",):  # info reports what it can, the database as unreachable
        assert "Database:        postgresql+psycopg://kari:***@127.0.0.1" in result.stdout
    else:
        assert result.exit_code == 1 and result.output.count("\n") == 1
        assert result.output.startswith("Error: database URL 'postgresql+psycopg://kari:***@127.0.0.1")
    assert sorted(p.name for p in tmp_path.iterdir()) == (["portfolio.toml"] if where == "portfolio.toml" else [])


def test_the_refusal_names_the_url_masked_and_the_fix():
    result = _run("--db", AT_URL, "status", "matrix", "--period", "2024-01")
    assert result.output == (
        f"Error: database URL {AT_SHOWN} has an unencoded '@' in its password or after it, so it cannot be "
        "read; write '@' as %40 (and ':' '/' in a password as %3A %2F)\n"
    )


def test_an_encoded_at_and_an_at_in_the_user_name_still_reach_the_server():
    """Only a second '@' after the password is refused: %40 and 'user@tenant:pw@host' are read."""
    for url in (
        "postgresql+psycopg://kari:Left3pw%40Right7pw@127.0.0.1:1/x",
        "postgresql+psycopg://kari@tenant:Left3pw@127.0.0.1:1/x",
    ):
        result = _run("--db", url, "project", "list")
        _assert_no_fragment(result, url)
        assert result.exit_code == 1 and "cannot open database" in result.output and "127.0.0.1" in result.output


def test_completion_does_not_give_the_driver_such_a_url(monkeypatch):
    import sqlalchemy

    from portfolio.cli.completion import _values

    def no_engine(*args, **kwargs):
        raise AssertionError("the driver was asked to connect")

    monkeypatch.setattr(sqlalchemy, "create_engine", no_engine)
    assert _values(AT_URL, "select 1") == []
