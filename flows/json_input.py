"""JSON read from inputs (JSON lines records, JSON-LD in pages), safe to store.

JSON may escape half of a UTF-16 surrogate pair (``"\\ud800"``); ``json.loads`` turns that into a lone
surrogate, which no UTF-8 encoder accepts: hashing the text or building its Arrow row then failed and
took the whole batch down. Such halves become U+FFFD, as undecodable bytes do elsewhere.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
# A surrogate can only come from an escape: only text holding one is walked (the walk costs more).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")


def loads(text: str | bytes, *, strict: bool = True) -> Any:
    """``json.loads``, with lone surrogates in every string (keys too) replaced by U+FFFD."""
    value = json.loads(text, strict=strict)
    escape = _SURROGATE_ESCAPE_BYTES if isinstance(text, bytes) else _SURROGATE_ESCAPE
    return _replace_surrogates(value) if escape.search(text) else value  # type: ignore[arg-type]


def loads_record(line: str | bytes) -> Any:
    """A JSON lines record as Wirehouse reads it: ``loads``, or, for one written with a comma after it
    (``{...},``, an array's items one per line without the brackets), the value before the comma. One
    rule for the extractor and for the key a record is known by: the key was parsed without it, so such
    records were known by their line numbers however many URLs they named."""
    try:
        return loads(line)
    except ValueError:
        stripped = line.rstrip()
        comma: str | bytes = b"," if isinstance(stripped, bytes) else ","
        if not stripped.endswith(comma):  # type: ignore[arg-type]
            raise
        try:
            return loads(stripped[:-1])
        except ValueError:
            pass
        raise  # the error of the line as written, not of the line without its comma


def _replace_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_replace_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_replace_surrogates(k): _replace_surrogates(v) for k, v in value.items()}
    return value
