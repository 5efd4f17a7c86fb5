"""Language of a body, as an ISO 639-1 code, when the text says so clearly enough."""

from __future__ import annotations

import threading
from typing import Any

_LOCK = threading.Lock()
_IDENTIFIER: Any = None
# Identification reads only the start of the body: enough for a confident answer, and bounded cost.
# py3langid walks the sample byte by byte in Python (about 0.5 ms per 1,000 characters, the largest
# per-article cost of a text ingest); on the 50 real article bodies in ../shared/benchmarks, 600
# characters give the same answer as 1,500 on every page.
_SAMPLE_CHARS = 600
_MIN_CHARS = 40
_MIN_PROBABILITY = 0.8


def _identifier() -> Any:
    global _IDENTIFIER
    with _LOCK:
        if _IDENTIFIER is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _IDENTIFIER


def detect_language(body: str) -> str | None:
    """ISO 639-1 code, or None for short or mixed text where a guess would mislead."""
    sample = body[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= _MIN_PROBABILITY else None


def normalise_language(value: str | None) -> str | None:
    """``"en-US"``, ``"EN_us"``, ``"en"`` -> ``"en"``; anything not shaped like a code -> None."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
