"""flows/language.py: a language only when the text says so clearly; codes normalised."""

from __future__ import annotations

import pytest

from flows.language import detect_language, normalise_language

PARAGRAPHS = {
    "en": "The city council voted on Tuesday to expand the bus network, adding three routes that will "
    "connect the northern suburbs with the hospital and the university campus by next spring.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen. Drei neue Linien sollen ab "
    "dem kommenden Frühjahr die nördlichen Vororte mit dem Krankenhaus und der Universität verbinden.",
    "fr": "Le conseil municipal a voté mardi l'extension du réseau de bus : trois nouvelles lignes "
    "relieront dès le printemps prochain les quartiers du nord à l'hôpital et à l'université.",
    "es": "El ayuntamiento aprobó el martes ampliar la red de autobuses, con tres nuevas líneas que "
    "unirán los barrios del norte con el hospital y la universidad a partir de la próxima primavera.",
    "ru": "Городской совет во вторник проголосовал за расширение автобусной сети: три новых маршрута "
    "свяжут северные пригороды с больницей и университетом уже следующей весной.",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_a_clear_paragraph_gets_its_language(code: str) -> None:
    assert detect_language(PARAGRAPHS[code]) == code


def test_only_the_start_of_a_long_body_is_read() -> None:
    body = "\n\n".join([PARAGRAPHS["de"]] * 4 + [PARAGRAPHS["en"]] * 20)  # German well past 600 chars
    assert detect_language(body) == "de"


def test_a_start_that_leaves_the_model_unsure_is_read_further() -> None:
    # The first 300 characters are mostly letters of no language; the 600 that follow them are English.
    noise = "Hsx Embiwh wzm Fjckururwqutwopu fdb hjf Dcrsgmtk-Jkgwmsw Nwr qpz Xlvkw. " * 3
    assert detect_language(noise + "\n\n" + PARAGRAPHS["en"] * 3) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Breaking news",  # too short to tell
        "Hsx Embiwh wzm Fjckururwqutwopu fdb hjf Dcrsgmtk-Jkgwmsw Nwr qpz Xlvkw",  # letters, no language
    ],
)
def test_no_guess_when_the_text_does_not_say(text: str) -> None:
    assert detect_language(text) is None


def test_line_breaks_do_not_matter() -> None:
    assert detect_language(PARAGRAPHS["fr"].replace(" ", "\n", 5)) == "fr"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en-US", "en"), ("EN_us", "en"), ("de", "de"), ("fil", "fil"), ("", None), (None, None), ("x1", None)],
)
def test_normalise_language(value: str | None, expected: str | None) -> None:
    assert normalise_language(value) == expected


def test_text_in_capitals_reads_as_its_language() -> None:
    assert detect_language(PARAGRAPHS["en"].upper()) == "en"


def test_a_lede_in_capitals_before_ordinary_text_is_read_from_its_first_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows import language

    calls: list[str] = []
    real = language._confident

    def counted(sample: str) -> str | None:
        calls.append(sample)
        return real(sample)

    monkeypatch.setattr(language, "_confident", counted)
    more = " Officials said the first buses would run in March and that fares would not change this year."
    lede = (PARAGRAPHS["en"] + more + more).upper()
    assert len(lede) > 300
    assert detect_language(lede + "\n\n" + PARAGRAPHS["en"] * 3) == "en"
    assert len(calls) == 1  # its first 300 characters, lowered, were enough (in capitals they were not)


@pytest.mark.parametrize(
    ("value", "code", "canonical"),
    [
        ("en-US", "en", "en-US"),
        ("eng", "en", "en"),
        ("rus", "ru", "ru"),  # ISO 639-2 (a review found "rus" loaded as a language)
        ("per", "fa", "fa"),
        ("ua", "uk", "uk"),  # Ukraine's country code for Ukrainian
        ("ua-UA", "uk", "uk-UA"),
        ("jp", "ja", "ja"),
        ("iw", "he", "he"),  # retired
        ("Russian", "ru", "ru"),  # names were dropped, then detected
        ("русский", "ru", "ru"),
        ("العربية", "ar", "ar"),
        ("fil", "fil", "fil"),  # no two-letter code: kept
        ("kr", "kr", "kr"),  # Kanuri, not Korea's country code (review)
        ("Unknown language", None, None),  # "und": the text decides
        ("mul", None, None),
        ("Language skills", None, None),
        ("", None, None),
    ],
)
def test_a_language_is_stored_as_its_code(value: str, code: str | None, canonical: str | None) -> None:
    from flows.language import canonical_language

    assert normalise_language(value) == code
    assert canonical_language(value) == canonical


def test_a_text_files_language_name_or_three_letter_code_reads_its_dates_and_loads_as_a_code() -> None:
    from flows.extract_text import extract_text
    from flows.pipeline import to_article
    from flows.records import RawDocument

    body = (
        "Первый абзац статьи о городе и его жителях, которые ждали ремонта моста много лет.\n\n"
        "Второй абзац статьи: мост открыли в среду после шести недель работ, сообщили в мэрии."
    )
    for language in ("rus", "Russian", "русский"):
        ex = extract_text(f"Title: Мост\nLanguage: {language}\nDate: 03/04/2022\n\n{body}")
        assert (
            ex.published.utc is not None and ex.published.utc.month == 4
        )  # day first, as in Russian (no locale: ambiguous)
        doc = RawDocument(origin="/x.txt", kind="text", data=b"")
        assert to_article(doc, ex).language == "ru"
