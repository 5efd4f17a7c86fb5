"""Charset decisions: BOMs, declared charsets, UTF-8, detection, and refusals."""

from __future__ import annotations

import codecs

import pytest

from flows.decode import decode_bytes, looks_binary
from flows.errors import RejectInput

RUSSIAN = "Министры обороны Азербайджана и Казахстана обсудили перспективы военного сотрудничества."
GERMAN = "Die Verteidigungsminister beider Länder trafen sich in Baku, um über Zusammenarbeit zu sprechen."


@pytest.mark.parametrize(
    ("data", "declared", "text", "encoding"),
    [
        (codecs.BOM_UTF8 + b"hi", None, "hi", "utf-8"),
        ("hi ü".encode("utf-16"), None, "hi ü", "utf-16"),
        (RUSSIAN.encode("utf-8"), None, RUSSIAN, "utf-8"),
        (RUSSIAN.encode("cp1251"), None, RUSSIAN, "cp1251"),
        (RUSSIAN.encode("koi8-r"), "koi8-r", RUSSIAN, "koi8-r"),
        (GERMAN.encode("latin-1"), "ISO-8859-1", GERMAN, "latin-1"),
        (GERMAN.encode("utf-8"), "iso-8859-1", GERMAN, "utf-8"),  # a stale single-byte declaration
        (GERMAN.encode("utf-16-le"), None, GERMAN, "utf-16"),  # UTF-16 without a byte-order mark
        (GERMAN.encode("utf-16-be"), None, GERMAN, "utf-16"),
        (
            b"<p>Text with a stray \x0b\x0c\x01 control byte or three.</p>",
            None,
            "<p>Text with a stray \x0b\x0c\x01 control byte or three.</p>",
            "utf-8",
        ),
        (GERMAN.encode("utf-8"), "no-such-charset", GERMAN, "utf-8"),
        (RUSSIAN.encode("cp1251"), "utf-8", RUSSIAN, "cp1251"),  # a wrong declaration falls through
    ],
)
def test_decode(data: bytes, declared: str | None, text: str, encoding: str) -> None:
    got, enc = decode_bytes(data, declared)
    assert got == text
    assert codecs.lookup(enc).name == codecs.lookup(encoding).name


@pytest.mark.parametrize(
    ("data", "reason"), [(b"", "empty"), (b" \n\t ", "empty"), (b"\x00\x01\x02" * 50, "binary")]
)
def test_refusals(data: bytes, reason: str) -> None:
    with pytest.raises(RejectInput) as exc:
        decode_bytes(data)
    assert exc.value.reason == reason and exc.value.stage == "decode"


def test_looks_binary() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 4)
    assert not looks_binary(b"plain text, with tabs\tand\r\nnewlines")
    assert not looks_binary("utf-16 text".encode("utf-16"))
