"""Date parsing: one function that every stage calls for every date string.

PROVISIONAL minimal version (foundation slice): handles ISO 8601 and the seed's
``2022-10-12 12 October 2022 14:23 (UTC+04:00)`` form, then falls back to dateparser.
The full parser (issue 3) replaces the internals; the interface below stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_HUMAN = re.compile(
    r"(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})"
    r"(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"(?:\s*\(?\s*(?:UTC|GMT)\s*(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?\s*\)?)?"
)
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<z>Z|[+-]\d{2}:?\d{2})?)?"
)


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


def _fail(text: str, error: str) -> ParsedDate:
    return ParsedDate(text, None, None, None, None, error)


def parse_date(
    text: str,
    *,
    locale: str | None = None,
    tz: str | None = None,
    ref: datetime | None = None,
    allow_future: bool = False,
) -> ParsedDate:
    """Parse ``text`` as found in a document; ``ref`` is when the document was read or fetched."""
    s = text.strip()
    if not s:
        return _fail(text, "empty date string")
    default_tz = ZoneInfo(tz) if tz else timezone.utc
    human = _HUMAN.search(s)
    iso = _ISO.search(s)
    result: ParsedDate | None = None
    if human and human.group("mon")[:3].lower() in _MONTHS:
        result = _from_human(text, human, default_tz)
    if iso and (result is None or result.precision == "day"):
        iso_result = _from_iso(text, iso, default_tz)
        if result is None or (iso_result.precision != "day"):
            result = iso_result
    if result is None:
        return _fail(text, "no date found")
    if iso and human and result.utc is not None:
        # Two renderings of one date on one line must agree on the calendar day.
        y, m, d = int(iso.group("y")), int(iso.group("m")), int(iso.group("d"))
        hy, hd = int(human.group("y")), int(human.group("d"))
        hm = _MONTHS.get(human.group("mon")[:3].lower())
        if (y, m, d) != (hy, hm, hd):
            return _fail(text, f"ISO date {y}-{m:02d}-{d:02d} disagrees with {human.group(0)!r}")
    reference = ref or datetime.now(timezone.utc)
    if result.utc is not None and not allow_future and result.utc > reference + timedelta(days=1):
        return _fail(text, "date is in the future")
    return result


def _from_human(text: str, m: re.Match[str], default_tz: timezone | ZoneInfo) -> ParsedDate:
    month = _MONTHS[m.group("mon")[:3].lower()]
    try:
        naive = datetime(
            int(m.group("y")),
            month,
            int(m.group("d")),
            int(m.group("H") or 0),
            int(m.group("M") or 0),
            int(m.group("S") or 0),
        )
    except ValueError as exc:
        return _fail(text, f"invalid date: {exc}")
    precision = "day" if m.group("H") is None else ("second" if m.group("S") else "minute")
    if m.group("sign"):
        minutes = int(m.group("oh")) * 60 + int(m.group("om") or 0)
        offset = minutes if m.group("sign") == "+" else -minutes
        aware = naive.replace(tzinfo=timezone(timedelta(minutes=offset)))
        return ParsedDate(text, aware.astimezone(timezone.utc), offset, precision, "human+offset", None)
    aware = naive.replace(tzinfo=default_tz)
    return ParsedDate(text, aware.astimezone(timezone.utc), None, precision, "human", None)


def _from_iso(text: str, m: re.Match[str], default_tz: timezone | ZoneInfo) -> ParsedDate:
    try:
        naive = datetime(
            int(m.group("y")),
            int(m.group("m")),
            int(m.group("d")),
            int(m.group("H") or 0),
            int(m.group("M") or 0),
            int(m.group("S") or 0),
        )
    except ValueError as exc:
        return _fail(text, f"invalid date: {exc}")
    precision = "day" if m.group("H") is None else ("second" if m.group("S") else "minute")
    z = m.group("z")
    if z:
        if z == "Z":
            offset = 0
        else:
            digits = z[1:].replace(":", "")
            offset = int(digits[:2]) * 60 + int(digits[2:])
            offset = -offset if z[0] == "-" else offset
        aware = naive.replace(tzinfo=timezone(timedelta(minutes=offset)))
        return ParsedDate(text, aware.astimezone(timezone.utc), offset, precision, "iso", None)
    aware = naive.replace(tzinfo=default_tz)
    return ParsedDate(text, aware.astimezone(timezone.utc), None, precision, "iso", None)
