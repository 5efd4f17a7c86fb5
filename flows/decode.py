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
# Everything else: deleting these leaves only the binary bytes, counted in one pass.
_NOT_BINARY = bytes(b for b in range(256) if b not in _BINARY_BYTES)
_SNIFF = 8192
# charset-normalizer's "chaos" score above which the decoded text is more noise than language.
_MAX_CHAOS = 0.25


_SINGLE_BYTE = frozenset(
    codecs.lookup(n).name
    for n in (
        "latin-1",
        "cp1252",
        "iso-8859-15",
        "cp1250",
        "cp1251",
        "iso-8859-2",
        "koi8-r",
        "ascii",
        "cp1254",
    )
)


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _norm(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NUL bytes fill every other position, as in BOM-less UTF-16."""
    head = data[:_SNIFF]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding (images, archives, executables)."""
    head = data[:_SNIFF]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return False
    bad = len(head.translate(None, _NOT_BINARY))
    # A few stray control bytes happen in real pages; binary formats have them everywhere.
    return bad > max(8, len(head) // 100)


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
    if utf16 := utf16_without_bom(data):
        try:
            return data.decode(utf16), "utf-16"
        except UnicodeDecodeError:
            pass
    if declared and (declared_name := _norm(declared)):
        # A single-byte charset decodes any bytes, so a stale "latin-1" declaration on UTF-8 bytes would
        # silently make mojibake; valid multi-byte UTF-8 is practically never legacy text, so it wins.
        if declared_name in _SINGLE_BYTE and not data.isascii() and _valid_utf8(data):
            return data.decode("utf-8"), "utf-8"
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
