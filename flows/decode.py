"""Bytes to text: the one place that decides a document's character encoding.

Order of trust: a byte-order mark, then the charset the caller was told (HTTP header or HTML meta),
then strict UTF-8 (most of the web), then a legacy encoding: charset-normalizer's candidates and the
common news code pages, judged by whether the text they give reads as a language. Binary data and bytes
no encoding explains are rejected with a reason instead of being decoded into mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import RejectInput
from .language import language_confidence

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


# Legacy code pages news text comes in, the most common first: near-ties go to the earlier one. Short
# Western text decodes to real words in many of them (é is the same byte in cp1250 and cp1252), and
# charset-normalizer alone then picks an arbitrary one: it read a French Latin-1 file as Baltic cp775.
_LEGACY = (
    "cp1252",
    "iso8859-15",
    "cp1250",
    "iso8859-2",
    "cp1251",
    "cp1254",
    "cp1257",
    "cp1253",
    "cp1255",
    "cp1256",
    "koi8-r",
    "cp1258",
    "cp874",
)
# The languages each code page was made for. When two code pages read equally well (Turkish in cp1252
# loses only ğ, ş and ı, and the model still reads it as Turkish), the one made for the language wins.
_HOME: dict[str, str] = {
    "cp1252": "en fr de es it pt nl da sv no nb nn fi is ca eu gl ga",
    "iso8859-15": "en fr de es it pt nl da sv no nb nn fi is ca eu gl ga et",
    "cp1250": "cs sk pl hu sl hr bs ro sq",
    "iso8859-2": "cs sk pl hu sl hr bs ro sq",
    "cp1251": "ru uk be bg sr mk",
    "cp1254": "tr az",
    "cp1257": "lt lv et",
    "cp1253": "el",
    "cp1255": "he yi",
    "cp1256": "ar fa ur",
    "koi8-r": "ru",
    "cp1258": "vi",
    "cp874": "th",
    # Multi-byte ones, as charset-normalizer names them: short Korean read as cp1252 scored as Spanish
    # within a tie of the right answer, and the tie went to the commoner Western code page.
    "cp949": "ko",
    "euc_kr": "ko",
    "johab": "ko",
    "gb18030": "zh",
    "gbk": "zh",
    "gb2312": "zh",
    "hz": "zh",
    "big5": "zh",
    "big5hkscs": "zh",
    "cp950": "zh",
    "cp932": "ja",
    "shift_jis": "ja",
    "shift_jis_2004": "ja",
    "shift_jisx0213": "ja",
    "euc_jp": "ja",
    "euc_jis_2004": "ja",
    "euc_jisx0213": "ja",
    "iso2022_jp": "ja",
}
# Scores of the language model this close count as a tie.
_TIE = 0.02
# C1 control characters: what a Windows code page's curly quotes and dashes become in an ISO-8859 one.
_C1_CONTROL = re.compile("[\x80-\x9f]")
# Arrows, maths, technical symbols, box drawing and shapes: what a wrong code page makes of curly quotes,
# dashes and pound signs (KOI8-R reads cp1252's "town’s" as "town▓s"); never letters of a language.
_SYMBOLS = re.compile("[\u2190-\u23ff\u2500-\u25ff]")
_SAMPLE_BYTES = 2000
# One well-formed multi-byte UTF-8 character (RFC 3629's table, surrogates excluded).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
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
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise RejectInput("decode", "undecodable", f"byte-order mark says {name}: {exc}") from exc
            if not text.lstrip("\ufeff").strip():  # a byte-order mark and blank lines (was extract/no_body)
                raise RejectInput("decode", "empty", "the input has no content")
            return text, name.replace("-sig", "")
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
    if _mostly_utf8(data):
        # A stray byte in a UTF-8 page (a pasted Latin-1 character, a cut multi-byte sequence) would
        # otherwise send the whole page to detection, which once read such a German page as KOI8-R.
        return data.decode("utf-8", errors="replace"), "utf-8"
    matches = list(from_bytes(data[: 1 << 20]))
    if not matches or matches[0].encoding is None or matches[0].chaos > _MAX_CHAOS:
        raise RejectInput("decode", "undecodable", "the bytes are not valid text in any known encoding")
    detected = matches[0].encoding
    for name in dict.fromkeys([legacy_encoding(data, [m.encoding for m in matches[:5]]), detected]):
        try:
            return data.decode(name), _norm(name) or name
        except (UnicodeDecodeError, LookupError):
            continue
    raise RejectInput("decode", "undecodable", f"detected {detected} but the bytes do not decode with it")


def _mostly_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences outnumber the bytes that break it at least four to one.

    Legacy single-byte text practically never forms valid sequences (a lead byte must be followed by
    exactly the right number of continuation bytes), so even a few of them mean UTF-8.
    """
    valid = len(_UTF8_SEQUENCE.findall(data))
    if not valid:
        return False
    broken = data.decode("utf-8", errors="replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return valid >= 4 * broken


def legacy_encoding(data: bytes, detected: list[str]) -> str:
    """Of the common code pages and charset-normalizer's candidates (``detected``, best first), the one
    whose text the language model is surest of, among those made for the text's language when any is;
    near-ties go to the more common code page."""
    sample = _non_ascii_words(data)
    scored: list[tuple[str, str | None, float]] = []
    for name in dict.fromkeys([*_LEGACY, *detected]):
        try:
            text = sample.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _C1_CONTROL.search(text) and not _SYMBOLS.search(text):
            scored.append((name, *language_confidence(text)))
    if not scored:
        return detected[0]
    # The language of the whole text, its ASCII words included, names the code pages made for it; they
    # win over one that happens to read the few non-ASCII words better (English "town’s" is "townĺs"
    # in cp852, which the model reads as more of a language than the curly quote).
    best = max(scored, key=lambda entry: entry[2])[0]
    language, _ = language_confidence(data[: 4 * _SAMPLE_BYTES].decode(best, errors="replace"))
    made_for = [entry for entry in scored if _made_for(entry[0], language)]
    pool = made_for or scored
    top = max(score for _, _, score in pool)
    tied = [name for name, _, score in pool if score >= top - _TIE]
    home = [name for name in tied if _made_for(name, language)] or tied
    # Central European text in ISO-8859-2 and in cp1250 differs in a few letters only, which the language
    # model reads alike ("příští" read as cp1250 is "příątí"): the reading with fewer letters the language
    # does not write, and fewer symbols stuck to letters ("Rz±d"), wins; a tie is cp1250.
    if (
        home[0] == "cp1250"
        and "iso8859-2" in home
        and _misread(sample.decode("iso8859-2"), language) < _misread(sample.decode("cp1250"), language)
    ):
        return "iso8859-2"
    return home[0]


# The letters beyond ASCII that the Central European languages write (cp1250's and ISO-8859-2's).
_ALPHABETS = {
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű",
    "sl": "čšžćđ",
    "hr": "čćđšž",
    "bs": "čćđšž",
    "ro": "ăâîșțşţ",
    "sq": "çë",
}
# What a wrong one of the two code pages makes of letters: symbols inside or beside a word.
_STUCK_SYMBOLS = re.compile(r"(?<=[^\W\d_])[±¶¦¬µ©®«»¤]|[±¶¦¬¤](?=[^\W\d_])")


def _misread(text: str, language: str | None) -> int:
    """Letters of ``text`` that its ``language`` does not write, and symbols stuck to letters."""
    alphabet = _ALPHABETS.get(language or "", "")
    foreign = [c for c in text if alphabet and not c.isascii() and c.isalpha() and c.lower() not in alphabet]
    return len(foreign) + len(_STUCK_SYMBOLS.findall(text))


def _made_for(code_page: str, language: str | None) -> bool:
    return language is not None and language in _HOME.get(code_page, "").split()


def _non_ascii_words(data: bytes) -> bytes:
    """The first words holding a byte above 127: the only place code pages differ, and without the
    ASCII words around them, which read the same in every one and would blur the difference."""
    picked: list[bytes] = []
    size = 0
    for word in data.split():
        if not word.isascii():
            picked.append(word)
            size += len(word)
            if size >= _SAMPLE_BYTES:
                break
    return b" ".join(picked)
