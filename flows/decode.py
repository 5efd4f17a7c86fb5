"""Bytes to text: the one place that decides a document's character encoding.

Order of trust: a byte-order mark, then the charset the caller was told (HTTP header or HTML meta),
then strict UTF-8 (most of the web), then charset-normalizer's detection. Binary data and bytes no
encoding explains are rejected with a reason instead of being decoded into mojibake.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .errors import RejectInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in text; a few of them in the first kilobytes mean a binary file.
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SNIFF = 8192
# charset-normalizer's "chaos" score above which the decoded text is more noise than language.
_MAX_CHAOS = 0.25


def _norm(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding (images, archives, executables)."""
    head = data[:_SNIFF]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    bad = sum(head.count(b) for b in _BINARY_BYTES)
    return bad > max(2, len(head) // 200)


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``RejectInput`` for empty, binary or undecodable input."""
    if not data.strip():
        raise RejectInput("decode", "empty", "the input has no content")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise RejectInput("decode", "undecodable", f"byte-order mark says {name}: {exc}") from exc
    if looks_binary(data):
        raise RejectInput("decode", "binary", "the input looks like binary data, not text")
    if declared and (declared_name := _norm(declared)):
        try:
            return data.decode(declared_name), declared_name
        except UnicodeDecodeError:
            pass  # a wrong declared charset is common; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None or best.chaos > _MAX_CHAOS:
        raise RejectInput("decode", "undecodable", "the bytes are not valid text in any known encoding")
    try:
        return data.decode(best.encoding), _norm(best.encoding) or best.encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise RejectInput(
            "decode", "undecodable", f"detected {best.encoding} but decoding failed: {exc}"
        ) from exc
