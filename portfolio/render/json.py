"""The report as JSON: raw numbers and codes, never formatted strings. Schema: docs/report.schema.json.

The blocks go to orjson as they are: it reads the dataclasses itself, in C, so the report is
neither copied into dicts first nor walked by the pure-Python encoder that ``json.dumps`` falls
back to with ``indent`` (at 10,000 projects that was three quarters of a JSON build). The report's
top levels and a table's rows are handed to it one at a time, so that the text is written as it is
made. The text is the one the standard library writes with ``indent=2, ensure_ascii=False``, byte
for byte (a test compares the two), so a JSON report written by an earlier version still passes
``report verify``. What orjson cannot write the same way (an integer beyond 64 bits) is written by
the standard library, as is everything when orjson is not installed.
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
    return b"".join(_pieces(report)).decode() if _has_orjson() else render_stdlib(report)


CHUNK_BYTES = 1 << 18  # the text handed on a quarter of a MiB at a time (1 MiB: 4 MiB more at the peak)


def render_chunks(report: Report, **_options: Any) -> Iterator[str]:
    """The text of ``render`` in pieces of about ``CHUNK_BYTES``, encoded a part of the report at
    a time and decoded from UTF-8 as they are handed on: neither the report's whole text nor its
    whole UTF-8 is ever held (on 10,000 projects, 47 MiB and 24 MiB)."""
    if not _has_orjson():
        yield render_stdlib(report)
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    waiting = bytearray()
    for piece in _pieces(report):
        waiting += piece
        if len(waiting) >= CHUNK_BYTES:
            whole = len(waiting) - len(waiting) % CHUNK_BYTES
            view = memoryview(waiting)
            for start in range(0, whole, CHUNK_BYTES):
                yield decoder.decode(view[start : start + CHUNK_BYTES])
            view.release()
            del waiting[:whole]
    if waiting:
        yield decoder.decode(bytes(waiting))
    yield decoder.decode(b"", final=True)


def _has_orjson() -> bool:
    try:
        import orjson  # noqa: F401
    except ImportError:  # a declared dependency; without it, the same text, slower
        return False
    return True


# The report's top levels (the document, its sections, their blocks: depth 0-4) are written a
# member at a time, and a list longer than STREAMED_LENGTH (a table's rows) an item at a time at
# any depth; everything else is one orjson call. What is held at once is a row or a small block.
WALKED_DEPTH = 5
STREAMED_LENGTH = 256


def _pieces(report: Report) -> Iterator[bytes]:
    """The JSON's UTF-8 in pieces, the text ``render_stdlib`` writes byte for byte."""
    yield from _value(_document(report, _as_is), 0)
    yield b"\n"


def _value(value: Any, depth: int) -> Iterator[bytes]:
    """``value`` at ``depth`` (its first line where the caller is, the others indented by it)."""
    if isinstance(value, list | tuple) and (len(value) > STREAMED_LENGTH or (depth < WALKED_DEPTH and value)):
        yield b"["
        for index, item in enumerate(value):
            yield (b",\n" if index else b"\n") + _INDENT * (depth + 1)
            yield from _value(item, depth + 1)
        yield b"\n" + _INDENT * depth + b"]"
    elif depth < WALKED_DEPTH and (_is_record(value) or (isinstance(value, dict) and value)):
        members = (
            value.items()
            if isinstance(value, dict)
            else ((field.name, getattr(value, field.name)) for field in dataclasses.fields(value))
        )
        yield b"{"
        for index, (key, member) in enumerate(members):
            yield (b",\n" if index else b"\n") + _INDENT * (depth + 1) + _piece(str(key), 0) + b": "
            yield from _value(member, depth + 1)
        yield b"\n" + _INDENT * depth + b"}"
    else:
        yield _piece(value, depth)


_INDENT = b"  "


def _is_record(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type) and bool(dataclasses.fields(value))


def _piece(value: Any, depth: int) -> bytes:
    """``value`` as one orjson call, its lines after the first indented by ``depth``; what orjson
    cannot write as the standard library does (an integer beyond 64 bits) by the standard library."""
    import orjson

    try:
        encoded = orjson.dumps(value, default=_orjson_default, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:
        encoded = json.dumps(_plain(value), ensure_ascii=False, indent=2).encode()
    return encoded.replace(b"\n", b"\n" + _INDENT * depth) if depth and b"\n" in encoded else encoded


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
