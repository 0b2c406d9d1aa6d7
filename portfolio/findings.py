"""Findings: what ``portfolio check`` reports before a month goes to the board."""

from __future__ import annotations

from dataclasses import dataclass

from portfolio.choices import SEVERITIES


@dataclass(frozen=True)
class Finding:
    """One problem in a month's data; ``error`` makes ``portfolio check`` fail."""

    severity: str
    code: str
    message: str
    plugin: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity '{self.severity}' is not one of {', '.join(SEVERITIES)}")
