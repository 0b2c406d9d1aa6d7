"""Benchmarks for portfolio: run ``python -m benchmarks`` (or ``make bench``); see docs/performance.md."""
