"""Assertions shared by the CLI tests (the same ones plugin authors get from portfolio.testing)."""

from portfolio.testing import fails, ok

__all__ = ["fails", "ok"]
