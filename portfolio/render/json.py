"""The report as JSON: raw numbers and codes, never formatted strings. Schema: docs/report.schema.json."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

from portfolio.report.blocks import Report

SCHEMA_VERSION = 1


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def report_data(report: Report) -> dict[str, Any]:
    data = _plain(report)
    data.pop("contents_title", None)
    data.pop("fingerprint_label", None)
    if report.fingerprint is not None:  # tables as an object: table name -> its digest
        data["fingerprint"]["tables"] = dict(report.fingerprint.tables)
    return {"schema_version": SCHEMA_VERSION, **data}


def render(report: Report, **_options: Any) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"
