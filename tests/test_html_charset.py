"""Charset decisions for HTML: BOM, HTTP header, <meta>, then detection; wrong declarations ignored."""

from __future__ import annotations

import codecs

import pytest

from flows.errors import RejectInput
from flows.extract_html import extract_html
from flows.html_charset import decode_html, normalise_charset, sniff_meta_charset

GERMAN = "<html><head><title>Grüße</title></head><body><p>Über die Brücke gehen Müller und Björn, schön.</p></body></html>"
RUSSIAN = (
    "<html><body><article>"
    + "<p>Москва. Правительство утвердило новый бюджет на следующий год, сообщили в пресс-службе.</p>" * 6
    + "</article></body></html>"
)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="iso-8859-1">', "cp1252"),  # browsers read latin-1 labels as windows-1252
        (b"<meta charset=utf-8>", "utf-8"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "cp932"),
        (b"<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=windows-1251'>", "cp1251"),
        (b'<meta charset="utf-16">', "utf-8"),  # a readable ASCII meta tag cannot be UTF-16
        (b'<meta charset="no-such-charset">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_sniff_meta_charset(head: bytes, expected: str | None) -> None:
    assert sniff_meta_charset(b"<html><head>" + head) == expected


def test_normalise_charset() -> None:
    assert normalise_charset("UTF8") == "utf-8"
    assert normalise_charset('"latin1"') == "cp1252"
    assert normalise_charset(None) is None
    assert normalise_charset("bogus") is None


def test_http_header_wins_over_meta() -> None:
    data = GERMAN.replace("<head>", '<head><meta charset="iso-8859-2">').encode("cp1252")
    text, encoding = decode_html(data, http_charset="windows-1252")
    assert encoding == "cp1252"
    assert "Grüße" in text


def test_bom_wins_over_everything() -> None:
    data = codecs.BOM_UTF8 + GERMAN.replace("<head>", '<head><meta charset="iso-8859-1">').encode("utf-8")
    text, encoding = decode_html(data, http_charset="iso-8859-1")
    assert encoding == "utf-8" and "Grüße" in text
    text16, encoding16 = decode_html(GERMAN.encode("utf-16"))
    assert encoding16 == "utf-16" and "Brücke" in text16


def test_meta_charset_is_used() -> None:
    data = GERMAN.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1")
    text, encoding = decode_html(data)
    assert encoding == "cp1252" and "Müller" in text


def test_wrong_declaration_is_not_obeyed() -> None:
    # Declared latin-1 (header and meta) but the bytes are valid UTF-8: obeying would give mojibake.
    data = GERMAN.replace("<head>", '<head><meta charset="iso-8859-1">').encode("utf-8")
    text, encoding = decode_html(data, http_charset="iso-8859-1")
    assert encoding == "utf-8" and "Grüße" in text
    # Declared UTF-8 but the bytes are not: detection takes over.
    text2, encoding2 = decode_html(GERMAN.replace("<head>", '<head><meta charset="utf-8">').encode("cp1252"))
    assert "Grüße" in text2 and encoding2 != "utf-8"  # undecodable as UTF-8: detection takes over


def test_detection_without_any_declaration() -> None:
    text, encoding = decode_html(RUSSIAN.encode("cp1251"))
    assert "Правительство" in text
    assert encoding in ("cp1251", "mac_cyrillic", "koi8_r") or "1251" in encoding


def test_extract_reports_encoding() -> None:
    got = extract_html(RUSSIAN.encode("cp1251"))
    assert "Правительство утвердило" in got.body
    assert got.encoding is not None


@pytest.mark.parametrize(
    ("data", "reason"), [(b"", "empty"), (b"   \n\t ", "empty"), (bytes(range(256)) * 40, "binary")]
)
def test_undecodable_is_a_decode_reject(data: bytes, reason: str) -> None:
    with pytest.raises(RejectInput) as info:
        extract_html(data)
    assert info.value.stage == "decode" and info.value.reason == reason
