"""HTML bytes to text: the HTML-specific part of charset detection, on top of ``decode.decode_bytes``.

Order of trust, as browsers do it: a byte-order mark, the charset of the HTTP ``Content-Type`` header,
a ``<meta charset>`` or ``http-equiv`` declaration in the first bytes, then strict UTF-8 and detection
(both inside ``decode_bytes``). A declaration that does not decode the bytes is ignored, not obeyed.
"""

from __future__ import annotations

import codecs
import re

from .decode import decode_bytes

# Browsers look for the meta declaration in the first 1024 bytes; real pages often put it later
# (after long inline scripts), so we look a little further.
_META_SNIFF = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# WHATWG encoding rules: labels that mean something else on the web than in Python's codec table.
_WEB_ALIASES = {
    "iso8859-1": "cp1252",  # pages labelled latin-1 are decoded as windows-1252 by every browser
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}


def normalise_charset(label: str | None) -> str | None:
    """Python codec name for a charset label, with the web's aliases; None when unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, normalised; None if none."""
    match = _META_CHARSET.search(data[:_META_SNIFF])
    if not match:
        return None
    name = normalise_charset(match.group(1).decode("ascii", "replace"))
    # A page read as bytes cannot be UTF-16 if its meta tag was readable as ASCII (WHATWG rule).
    if name and name.startswith("utf-16"):
        return "utf-8"
    return name


def _decodes(data: bytes, name: str) -> bool:
    try:
        data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for an HTML page; raise ``RejectInput`` (stage decode) when impossible."""
    declared = None
    for candidate in (normalise_charset(http_charset), sniff_meta_charset(data)):
        if candidate and _decodes(data, candidate):
            declared = candidate
            break
    if declared and declared != "utf-8" and not data.isascii() and _decodes(data, "utf-8"):
        # Non-ASCII bytes that form valid UTF-8 are almost never text in another charset: the
        # declaration is stale (a template copied from a latin-1 era site), so UTF-8 wins.
        declared = "utf-8"
    return decode_bytes(data, declared)
