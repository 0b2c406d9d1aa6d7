"""Assertions shared by the CLI tests."""

from __future__ import annotations

from click.testing import Result


def ok(result: Result) -> Result:
    """Assert that a CLI call succeeded, showing its output when it did not."""
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}\n{result.exception!r}"
    return result


def fails(result: Result, code: int = 1) -> Result:
    """Assert a clean failure: the exit code, one 'Error:' line, and no traceback."""
    assert result.exit_code == code, f"exit {result.exit_code}, expected {code}\n{result.output}"
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result
