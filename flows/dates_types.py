"""The values the date parser passes around: its public result, the settings of one call, and one date
found on a line before it becomes an instant. ``flows.dates`` is the entry point; import from there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

Written = tuple[int | None, int, int | None]  # year (None: not written), month, day (None: month only)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """The result of parsing one string: a UTC instant, or the reason there is none."""

    input: str
    utc: datetime | None  # always timezone-aware UTC when set
    offset_minutes: int | None  # offset of the original; None when the string named no zone
    precision: str | None  # "second", "minute", "day" or "month"
    method: str | None  # which rule produced it
    error: str | None  # why nothing was parsed

    @property
    def ok(self) -> bool:
        return self.utc is not None


@dataclass(frozen=True, slots=True)
class Context:
    """The caller's settings for one ``parse_date`` call, checked and normalised."""

    lang: str | None
    region: str | None
    tz: tzinfo
    tz_name: str | None
    ref: datetime | None
    day_first: bool | None
    thai: bool = False  # Thai letters or digits in the text as written (digits become ASCII before parsing)


@dataclass(frozen=True, slots=True)
class Hit:
    """One date written on the line, before it becomes an instant."""

    start: int
    end: int
    kind: str
    year: int | None
    month: int
    day: int | None  # None: month precision
    clock: tuple[int, int, int | None] | None = None  # hour, minute, second
    family: str = "text"  # "iso" or "text": two families on one line are two renderings to cross-check
    calendar: str | None = None  # "Solar Hijri" or "Hijri" while year, month and day are that calendar's


def fail(text: str, error: str) -> ParsedDate:
    return ParsedDate(text, None, None, None, None, error)
