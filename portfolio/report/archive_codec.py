"""A report's neutral blocks as JSON and back, exactly: what the archive of a closed month stores.

The JSON renderer is for readers (numbers as numbers, no types); this is for the archive, so the
report read back is equal to the one built: each dataclass carries its class name, ``Decimal`` its
exact text, tuples stay tuples. Only the classes of ``portfolio.report.blocks`` are read back,
so the archive renders without any plugin installed.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

from portfolio.report import blocks
from portfolio.report.blocks import Report

FORMAT_VERSION = 1
_CLASS = "$"  # the key holding a dataclass's name
_DECIMAL = "$decimal"

_CLASSES: dict[str, type] = {
    name: value
    for name, value in vars(blocks).items()
    if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == blocks.__name__
}


class ArchiveFormatError(ValueError):
    """The stored text is not a report this version can read."""


def encode(report: Report) -> str:
    """The report as compact, deterministic JSON."""
    document = {"format": FORMAT_VERSION, "report": _plain(report)}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def decode(text: str) -> Report:
    """The report stored by :func:`encode`."""
    try:
        document = _loads(text)
    except ValueError as exc:
        raise ArchiveFormatError(f"the archived report is not JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_VERSION:
        raise ArchiveFormatError(f"the archived report has format {document.get('format')!r}, not {FORMAT_VERSION}")
    report = _value(document["report"])
    if not isinstance(report, Report):
        raise ArchiveFormatError("the archive holds no report")
    return report


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return {_CLASS: type(value).__name__, **data}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} cannot be archived")


def _loads(text: str) -> Any:
    """The JSON text parsed, by orjson when it is there (a closed month's report of 10,000
    projects is some 10 MB of it). What orjson refuses (NaN, which ``json.dumps`` writes for a
    float that is not a number) the standard library reads, or raises its own ValueError for."""
    try:
        import orjson
    except ImportError:
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


_LEAVES = frozenset({str, int, float, bool, type(None)})  # as JSON has them: taken as they are


def _value(data: Any, memo: dict[tuple[Any, ...], Any] | None = None) -> Any:
    """Blocks, tuples and Decimals from the parsed JSON. A leaf (most values: a table's cells) is
    taken where it stands, without a call of its own. A block of leaves only is made once per
    decode and shared, as the builder shares them: blocks are frozen, and a 10,000-project matrix
    has 130,000 cells of a dozen kinds."""
    if memo is None:
        memo = {}
    if type(data) is list:
        return tuple(item if type(item) in _LEAVES else _value(item, memo) for item in data)
    if type(data) is dict:
        if _DECIMAL in data:
            return Decimal(data[_DECIMAL])
        kinds = tuple(map(type, data.values()))
        if _LEAVES.issuperset(kinds):
            key = (tuple(data.items()), kinds)  # with the types: 1, 1.0 and True are equal keys
            made = memo.get(key)
            if made is None:
                made = memo[key] = _block(data, memo)
            return made
        return _block(data, memo)
    return data


def _block(data: dict[str, Any], memo: dict[tuple[Any, ...], Any]) -> Any:
    name = data.get(_CLASS)
    cls = _CLASSES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise ArchiveFormatError(f"the archived report holds an unknown block {name!r}")
    return cls(
        **{key: item if type(item) in _LEAVES else _value(item, memo) for key, item in data.items() if key != _CLASS}
    )
