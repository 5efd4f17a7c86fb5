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


# Undeclared legacy bytes: short Western text decodes to words in many code pages, and charset-normalizer
# alone read the French one as Baltic cp775 ("dķclarķ") and the Spanish one as cp1250 ("niño" kept,
# curly quotes lost). Each is a sentence of the kind a news file holds, in the code page it came in.
LEGACY_SAMPLES = [
    ("Le ministre a déclaré que la réunion à Genève était « très importante » pour l'été.", "latin-1"),
    ("café résumé", "latin-1"),
    ("El niño comió más piñas en España — según el informe “oficial”.", "cp1252"),
    ("A região não está preparada para a eleição, disse o ministro à imprensa.", "latin-1"),
    ("Müller sagte, die Größe sei überraschend für Köln. Außerdem äußerte er sich zur Lage.", "latin-1"),
    ("Ministr řekl, že schůzka v Ženevě byla pro všechny strany velmi důležitá.", "cp1250"),
    ("Zażółć gęślą jaźń. Minister powiedział, że spotkanie w Genewie było bardzo ważne.", "cp1250"),
    (RUSSIAN, "koi8-r"),
    ("Ο υπουργός δήλωσε ότι η συνάντηση στη Γενεύη ήταν πολύ σημαντική.", "cp1253"),
    ("قال الوزير إن الاجتماع في جنيف كان مهما جدا لجميع الأطراف.", "cp1256"),
    ("השר אמר כי הפגישה בז'נבה הייתה חשובה מאוד לכל הצדדים.", "cp1255"),
    # English from Windows: only curly quotes, a dash and a pound sign are not ASCII (was KOI8-R: "town▓s").
    ("The council approved £4m of repairs to the town’s bridge – “It’s overdue,” said the mayor.", "cp1252"),
    # Korean, Chinese and Japanese in their legacy multi-byte encodings (Korean was read as cp1252).
    (
        "서울시장은 월요일 새 다리가 내년 봄에 개통된다고 말했다. 교통 당국은 예산이 세 배로 늘었다고 밝혔다.",
        "euc-kr",
    ),
    ("上海市长周一表示，新桥将于明年春天开通。交通部门说，工程预算增加了两倍。", "gb18030"),
    (
        "東京都知事は月曜日、新しい橋が来年の春に開通すると述べた。交通当局は予算が三倍になったと発表した。",
        "shift_jis",
    ),
    # Turkish in cp1252 loses only ğ, ş and ı and still reads as Turkish: the tie goes to cp1254.
    ("Bakan, Cenevre'deki toplantının tüm taraflar için çok önemli olduğunu söyledi; şüphesiz.", "cp1254"),
    ("Türkiye'de enflasyon geçen ay yüzde 61 oldu, Merkez Bankası faizi değiştirmedi.", "cp1254"),
    ("Deprem bölgesinde yeniden yapılanma çalışmaları sürüyor; binlerce konut teslim edildi.", "cp1254"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY_SAMPLES)
def test_undeclared_legacy_text_is_read_in_the_code_page_it_came_in(text: str, encoding: str) -> None:
    got, _ = decode_bytes(text.encode(encoding))
    assert got == text


@pytest.mark.parametrize("declared", [None, "utf-8"])
def test_a_stray_byte_in_utf8_text_costs_that_byte_not_the_page(declared: str | None) -> None:
    """Detection once read a German UTF-8 page holding one Latin-1 byte as KOI8-R ("schц╤n")."""
    text = "So schön winterlich: Olivenöl und Äpfel, dazu Grüße aus Köln."
    got, encoding = decode_bytes(text.encode("utf-8") + b" Gr\xfcn", declared)
    assert (got, encoding) == (text + " Gr\ufffdn", "utf-8")


def test_legacy_text_declared_as_utf8_is_still_read_as_legacy() -> None:
    text = "Le ministre a déclaré à Genève que la réunion était très importante."
    assert decode_bytes(text.encode("cp1252"), "utf-8") == (text, "cp1252")


def test_looks_binary() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 4)
    assert not looks_binary(b"plain text, with tabs\tand\r\nnewlines")
    assert not looks_binary("utf-16 text".encode("utf-16"))


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # ISO-8859-2 was no candidate: read as cp1250, "příští" was "příątí" and "że" was "ľe" (review)
        (
            "Vláda ve středu schválila návrh státního rozpočtu na příští rok. Ministr financí řekl, že "
            "šetření bude pokračovat i v dalších letech.",
            "iso-8859-2",
        ),
        (
            "Sejm przyjął w czwartek ustawę o ochronie zwierząt. Ustawa trafi do Senatu za trzydzieści dni.",
            "iso-8859-2",
        ),
        (
            "Vláda v stredu schválila návrh štátneho rozpočtu. Minister povedal, že šetrenie bude ďalej.",
            "iso-8859-2",
        ),
        # cp1250 stays cp1250, also without the bytes ISO-8859-2 reads as control characters (ą, ż, ł only)
        ("Rząd przyjął projekt budżetu na przyszły rok, powiedział minister na konferencji.", "cp1250"),
        ("Ministr řekl, že schůzka v Ženevě byla pro všechny strany velmi důležitá.", "cp1250"),
    ],
)
def test_central_european_text_is_read_in_the_code_page_it_came_in(text: str, encoding: str) -> None:
    got, _ = decode_bytes(text.encode(encoding))
    assert got == text


@pytest.mark.parametrize("data", [codecs.BOM_UTF8 + b"\n\n  \n", "\ufeff\n\n".encode("utf-16")])
def test_a_byte_order_mark_and_blank_lines_are_empty(data: bytes) -> None:
    # Was: decoded, then rejected as extract/no_body "the text has a header but no article paragraphs".
    with pytest.raises(RejectInput) as exc:
        decode_bytes(data)
    assert (exc.value.stage, exc.value.reason) == ("decode", "empty")
