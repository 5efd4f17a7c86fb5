"""From the dates found on a line to one instant: each hit gets its clock, zone and year, renderings of
the same date are cross-checked, and the first date is kept, made as precise as its siblings allow."""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import datetime

from .dates_clock import (
    RANGE_TO,
    UNKNOWN_ZONE,
    dst_note,
    find_clock,
    find_zone,
    part_before,
    range_start,
    slack,
    to_utc,
)
from .dates_patterns import TIME, UPDATE_LABEL
from .dates_types import Context, Hit, ParsedDate, Written, fail

_RANK = {"year": 0, "month": 1, "day": 2, "hour": 3, "minute": 4, "second": 5}
_RANGE_END = re.compile(r"-(\d{2}):(\d{2})")
# "kl. 10.00-12.00", "ore 12.00-13.00": a dotted time range (no offset is written with a dot after a time)
_DOTTED_RANGE_END = re.compile(r"\s?[-–—]\s?(?:[01]?\d|2[0-3])\.[0-5]\d(?!\d)")
_YEAR_AFTER = re.compile(r",?\s?(\d{4})(?![\d:])")
# am/pm after an ISO date's own time: "2022-10-11 02:23 PM" (CMS exports), in one case, and then the end,
# punctuation or a zone in capitals: "09:45 PM Modi", "PM2.5", "PM-KISAN", "AM Best", "Am Abend" are words.
_MERIDIEM_AFTER = re.compile(
    r"\s?(?:([ap])\.?\s?m\.?|([AP])\.?\s?M\.?)(?![^\W_])"
    r"(?=\s*$|\s*[,;|)\]·(]|\s+[A-Z]{2,5}(?![^\W\d_])|\s+(?:UTC|GMT)[+\-\u2212])"
)
_LOWER_Z = re.compile(r"z(?![^\W\d_])")
# A zone read, and then more of an offset that it did not take: "UTC+4h", "MSK+4".
# Only "+4h" or "+4)" right after the zone: "ET-3:00 PM ET" is a range, "EDT-0400" its own offset, "EST-2
# min read" a reading time.
_MORE_OFFSET = re.compile(r"[+\-\u2212]\d{1,2}(?:h\b|\))")
# What follows a zone's name that the zone rules could not read: "GMT+4.2" was said as zone 'GMT' (review).
_OFFSET_WRITTEN = re.compile(r"(?:[+\-\u2212]|(?<=\d)[.:h])[\d.:h]*")


def _zone_written(s: str, unknown: re.Match[str]) -> str:
    """The zone as written, with the offset after its name that could not be read."""
    more = _OFFSET_WRITTEN.match(s, unknown.end(1))
    return s[unknown.start(1) : more.end() if more else unknown.end(1)].rstrip(".:")


def _resolve(text: str, s: str, hit: Hit, hits: list[Hit], ctx: Context) -> tuple[ParsedDate, Written]:
    clock, year, zone, note = hit.clock, hit.year, None, ""
    tail = hit.end
    meridiem = _MERIDIEM_AFTER.match(s, tail) if clock is not None else None
    if clock is not None and meridiem:
        hour, letter = clock[0], (meridiem[1] or meridiem[2]).lower()
        if letter == "p" and hour < 12:
            hour += 12
        elif letter == "a" and hour == 12:
            hour = 0
        clock, tail = (hour, clock[1], clock[2]), meridiem.end()
    if clock is None and hit.day is not None:
        found = find_clock(s, hit.start, hit.end, hits, ctx)
        if found:
            clock, tail = found
    if clock is not None:
        if rng := _DOTTED_RANGE_END.match(s, tail):
            tail = rng.end()  # its end was read as the offset -12 (found by review)
        z = find_zone(s, tail, ctx)
        if z is None and hit.family == "iso" and hit.clock is not None and _LOWER_Z.match(s, tail):
            z = (0, "Z", tail + 1)  # RFC 3339 allows "z": "2022-10-12T14:23:00z" (read in the source's zone)
        if z and _range_end(s, tail, z[1], clock, hit, ctx):
            z = None  # "9:00-11:00": the end of a time range, not the offset -11:00
        if z is None and (end := RANGE_TO.match(s, tail)) and (to := TIME.match(s, end.end())):
            # "2:00-4:00 p.m. ET", "10:00–11:30 EDT", "14:00 to 16:00 CEST": the range starts the date's
            # time, and its end carries the am/pm and the zone they share.
            clock, tail = range_start(s, clock, tail, to, ctx.lang)
            z = find_zone(s, tail, ctx) if clock is not None else None
        if z and _MORE_OFFSET.match(s, z[2]):
            clock, note, z = None, f"; time dropped: zone {s[tail : z[2] + 4].strip()!r} not understood", None
        elif z:
            zone, note, tail = z[0], f"; zone={z[1]}", z[2]
        elif (unknown := UNKNOWN_ZONE.match(s, tail)) and unknown["spelt"] and ctx.tz_name:
            # "10:00 hora de Maracaibo", "14:23 Uhr Bielefelder Zeit": a place's time spelt out that we
            # cannot place, on a source whose zone is known: most likely that zone, as read before the
            # twenty-first session (which dropped such times, review).
            note = f"; zone {_zone_written(s, unknown)!r} not understood, read in the source's zone {ctx.tz_name}"
        elif unknown:
            # "14:23 XST": the writer named a zone we do not know, so the time in UTC is unknown; the day
            # is still right, within a day, and is kept at day precision rather than as a wrong instant.
            clock, note = None, f"; time dropped: zone {_zone_written(s, unknown)!r} not understood"
    if year is None and clock is not None and (m := _YEAR_AFTER.match(s, tail)):
        year = int(m[1])  # asctime and `date`: "Wed Oct 12 14:23:00 UTC 2022"
    hour, minute, second = clock or (0, 0, None)
    if year is None:
        if ctx.ref is None:
            raise ValueError(f"no year in {s[hit.start : hit.end]!r} and no reference time to infer it")
        year = ctx.ref.astimezone(ctx.tz).year
        if (hit.month, hit.day) == (2, 29):  # "Feb 29": the latest leap year, not an error in 2025
            while not calendar.isleap(year):
                year -= 1
        local = datetime(year, hit.month, hit.day or 1, hour, minute, second or 0)
        utc, offset = to_utc(local, zone, ctx)
        if utc > ctx.ref + slack(offset):  # "12 Dec" read in January is last December
            year -= 4 if (hit.month, hit.day) == (2, 29) else 1
        note += "; year inferred"
    local = datetime(year, hit.month, hit.day or 1, hour, minute, second or 0)
    utc, offset = to_utc(local, zone if clock is not None else None, ctx)
    if clock is not None:
        note += dst_note(local, zone, ctx)
    precision = (
        "month" if hit.day is None else "day" if clock is None else "minute" if second is None else "second"
    )
    return ParsedDate(text, utc, offset, precision, hit.kind + note, None), (year, hit.month, hit.day)


def _range_end(
    s: str, pos: int, zone_text: str, clock: tuple[int, int, int | None], hit: Hit, ctx: Context
) -> bool:
    """A "-HH:MM" glued to a time in human text that reads as a later time of the same day; after a
    start an evening word moved ("akşam 8:00-11:00", "शाम 7:00-12:00"), on the 12-hour clock too."""
    m = _RANGE_END.fullmatch(zone_text)
    # An ISO timestamp's "-05:00" is its offset; a year-first date with slashes is written by people
    # ("2022/10/12 8:00-11:00" is a range, not the offset -11), unless its time has seconds, as machines
    # write them ("2024/11/20 02:45:12-03:00").
    if hit.kind.startswith("iso") or clock[2] is not None or not s.startswith("-", pos) or m is None:
        return False
    end = (int(m[1]), int(m[2]))
    if end > clock[:2]:
        return True
    return 1 <= end[0] <= 12 and (end[0] + 12, end[1]) > clock[:2] and part_before(s, pos, ctx.lang)


def _agree(a: ParsedDate, wa: Written, b: ParsedDate, wb: Written) -> bool:
    """Do two renderings on one line name the same date, at the precision both share?

    A bare day beside a timed, zoned rendering may be either its local day or its UTC day: sites print
    ``2022-10-12`` (UTC) next to ``13 October 2022 02:00 (UTC+04:00)``.
    """
    if _zoned(a) and _zoned(b):
        assert a.utc is not None and b.utc is not None
        return a.utc.replace(second=0) == b.utc.replace(second=0)
    if wa[2] is None or wb[2] is None:
        return wa[:2] == wb[:2]
    return wa == wb or (_zoned(a) and _utc_day(a) == wb) or (_zoned(b) and _utc_day(b) == wa)


def _zoned(p: ParsedDate) -> bool:
    return p.precision in ("minute", "second") and p.offset_minutes is not None


def _utc_day(p: ParsedDate) -> Written | None:
    return (p.utc.year, p.utc.month, p.utc.day) if p.utc is not None else None


def choose(text: str, s: str, hits: list[Hit], ctx: Context, first_index: int = 0) -> ParsedDate:
    """The first date on the line (or the one at ``first_index``: a publication's after an update's),
    made as precise as another rendering of the same date allows."""
    found: list[tuple[ParsedDate, Written, Hit]] = []
    errors: list[str] = []
    for hit in hits[first_index:]:
        try:
            parsed, written = _resolve(text, s, hit, hits, ctx)
        except ValueError as exc:
            errors.append(f"{s[hit.start : hit.end]!r}: {exc}")
            continue
        found.append((parsed, written, hit))
    if not found or found[0][2] is not hits[first_index]:
        # The first date on the line does not exist (31 September) or has no year: a later one is
        # usually "updated", never a stand-in for the publication date.
        return fail(text, "invalid date " + errors[0])
    best, written, first = found[0]
    checked = False
    for other, other_written, hit in found[1:]:
        if UPDATE_LABEL.search(s, first.end, hit.start):
            # "Published Nov. 19, 2024 Updated Nov. 19, 2024, 6:02 p.m. ET": a later change's date, no
            # rendering of this one (its time is the update's).
            break
        if _agree(best, written, other, other_written):
            checked = checked or hit.family != first.family
            if _score(other) > _score(best):
                best = other
        elif hit.family != first.family:
            return fail(
                text, f"two renderings disagree: {s[first.start : first.end]!r} vs {s[hit.start : hit.end]!r}"
            )
    return replace(best, method=f"{best.method}; cross-checked") if checked else best


def _score(p: ParsedDate) -> tuple[int, bool]:
    return _RANK.get(p.precision or "", -1), p.offset_minutes is not None
