"""The report as JSON: raw numbers and codes, never formatted strings. Schema: docs/report.schema.json.

The blocks go to orjson as they are: it reads the dataclasses itself, in C, so the report is
neither copied into dicts first nor walked by the pure-Python encoder that ``json.dumps`` falls
back to with ``indent`` (at 10,000 projects that was three quarters of a JSON build). The text is
the one the standard library writes with ``indent=2, ensure_ascii=False``, byte for byte (a test
compares the two), so a JSON report written by an earlier version still passes ``report verify``.
What orjson cannot write the same way (an integer beyond 64 bits) is written by the standard
library, as is everything when orjson is not installed.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from portfolio.report.blocks import Report

SCHEMA_VERSION = 1
_LEFT_OUT = ("contents_title", "fingerprint_label")  # labels for the text formats, not data


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return _number(value)
    return value


def _number(value: Decimal) -> int | float:
    """A Decimal as the schema has it: a whole number as an integer, else a JSON number."""
    return int(value) if value == value.to_integral_value() else float(value)


def _document(report: Report, convert: Any) -> dict[str, Any]:
    """The top level: ``schema_version``, then the report's fields in their order, without the
    text formats' labels and with the fingerprint's tables as an object (table name -> digest)."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for field in dataclasses.fields(report):
        if field.name not in _LEFT_OUT:
            data[field.name] = convert(getattr(report, field.name))
    if report.fingerprint is not None:
        fingerprint = report.fingerprint
        data["fingerprint"] = {
            "period": fingerprint.period,
            "digest": fingerprint.digest,
            "tables": {str(name): digest for name, digest in fingerprint.tables},  # names may be str subclasses
        }
    return data


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain dicts, lists and numbers: what the JSON text holds."""
    return _document(report, _plain)


def render(report: Report, **_options: Any) -> str:
    encoded = _encoded(report)
    return encoded.decode() if isinstance(encoded, bytes) else encoded


CHUNK_BYTES = 1 << 20  # the text handed on a MiB at a time


def render_chunks(report: Report, **_options: Any) -> Iterator[str]:
    """The text of ``render`` in pieces of about ``CHUNK_BYTES``, decoded from orjson's UTF-8 as
    they are handed on: the report's text is not held as a string beside its bytes (on 10,000
    projects, 47 MiB and 24 MiB), nor encoded again whole to be written."""
    encoded = _encoded(report)
    if isinstance(encoded, str):
        yield encoded
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(encoded)
    for start in range(0, len(view), CHUNK_BYTES):
        yield decoder.decode(view[start : start + CHUNK_BYTES])
    yield decoder.decode(b"", final=True)


def _encoded(report: Report) -> bytes | str:
    """The JSON as UTF-8 from orjson, or as text from the standard library where orjson cannot."""
    try:
        import orjson
    except ImportError:  # a declared dependency; without it, the same text, slower
        return render_stdlib(report)
    try:
        return orjson.dumps(
            _document(report, _as_is),
            default=_orjson_default,
            option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE,
        )
    except orjson.JSONEncodeError:
        return render_stdlib(report)


def render_stdlib(report: Report) -> str:
    """The JSON text by the standard library alone: the reference ``render`` must equal."""
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"


def _as_is(value: Any) -> Any:
    return value


_FLOAT_TEXT = json.JSONEncoder().encode  # 'NaN' and 'Infinity' as the standard library writes them


def _orjson_default(value: Any) -> Any:
    """What orjson does not write itself: a Decimal, as ``_number`` converts it, a fraction in the
    standard library's float text (orjson writes 2.5e-7 where it writes 2.5e-07)."""
    import orjson

    if isinstance(value, Decimal):
        number = _number(value)
        return number if type(number) is int else orjson.Fragment(_FLOAT_TEXT(number))
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
