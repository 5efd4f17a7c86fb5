"""Turn a date string found in a document into the ``DateValue`` that is loaded beside it.

A string that does not parse is kept, with the parser's reason, and no instant: never a guessed date.
"""

from __future__ import annotations

from datetime import datetime

from .dates import ParsedDate, parse_date
from .records import NO_DATE, DateValue


def date_value(
    text: str | None,
    evidence: str,
    *,
    locale: str | None = None,
    tz: str | None = None,
    ref: datetime | None = None,
) -> DateValue:
    if text is None or not text.strip():
        return NO_DATE
    return from_parsed(text, parse_date(text, locale=locale, tz=tz, ref=ref), evidence)


def from_parsed(text: str, parsed: ParsedDate, evidence: str) -> DateValue:
    """The loaded form of a parse result: the instant, or the original text with the reason."""
    return DateValue(
        utc=parsed.utc,
        offset_minutes=parsed.offset_minutes,
        text=text,
        evidence=evidence,
        precision=parsed.precision,
        error=parsed.error,
    )
