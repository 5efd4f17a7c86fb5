"""Date parsing: one function that every stage calls for every date string.

``parse_date`` finds every date written on a line with compiled regexes and the tables in
``flows/rules/dates_*.py`` (months and relative words per language, zone abbreviations, locale order),
cross-checks two renderings of one date (ISO plus human text), resolves zones for the date itself, and
only then falls back to dateparser, on short inputs and with explicit languages and settings.

The work per string is bounded: at most ``WINDOW`` characters around the first digit are looked at,
every regex is linear (no nested quantifiers), and dateparser only sees inputs of at most
``FALLBACK_MAX`` characters that hold a digit and a word none of our tables knows (a month name in a
language we have no rules for). See docs/dates.md for formats and measured times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from flows.rules import dates_formats as formats
from flows.rules import dates_names as names
from flows.rules import dates_zones as zones

WINDOW = 200  # characters of a long string that are examined (around its first digit) ...
SCAN_LIMIT = 100_000  # ... looked for among its first SCAN_LIMIT characters (1 ms), not in megabytes
FALLBACK_MAX = 48  # longest string handed to dateparser ...
FALLBACK_TOKENS = 8  # ... and most whitespace-separated tokens: its cost grows with both
MIN_YEAR = 1990
FUTURE_SLACK_KNOWN = timedelta(minutes=10)  # clock skew when the string names its offset
FUTURE_SLACK_UNKNOWN = timedelta(hours=15)  # when it does not: the zone may be up to UTC+14
_Written = tuple[int | None, int, int | None]  # year (None: not written), month, day (None: month only)
_RANK = {"month": 0, "day": 1, "minute": 2, "second": 3}


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
class _Context:
    lang: str | None
    region: str | None
    tz: tzinfo
    tz_name: str | None
    ref: datetime | None
    day_first: bool | None


@dataclass(frozen=True, slots=True)
class _Hit:
    """One date written on the line, before it becomes an instant."""

    start: int
    end: int
    kind: str
    year: int | None
    month: int
    day: int | None  # None: month precision
    clock: tuple[int, int, int | None] | None = None  # hour, minute, second
    family: str = "text"  # "iso" or "text": two families on one line are two renderings to cross-check


def _fail(text: str, error: str) -> ParsedDate:
    return ParsedDate(text, None, None, None, None, error)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, as a trie: Python's re tries plain alternatives one by one,
    which made the month patterns the slowest part of the parser; a trie tests each character once."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    return build(trie)


# ---------------------------------------------------------------- patterns (built once from the rules)

_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]{3,}")
# Every month word has two letters or more: a string without such a run skips the month patterns, the
# costliest part of a parse (about 20 of 45 µs for an ISO timestamp when the language is unknown).
_LETTER_RUN = re.compile(r"[^\W\d_]{2,}")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f\u200e\u200f]+")
_EPOCH = re.compile(formats.EPOCH)
_ISO = re.compile(formats.ISO)
_ISO_BASIC = re.compile(formats.ISO_BASIC)
_ISO_WEEK = re.compile(formats.ISO_WEEK)
_ISO_ORDINAL = re.compile(formats.ISO_ORDINAL)
_ISO_MONTH = re.compile(formats.ISO_MONTH)
_NUM_YMD = re.compile(formats.NUM_YMD)
_NUM_DMY_SPACED = re.compile(formats.NUM_DMY_SPACED)
_NUM_DMY = re.compile(formats.NUM_DMY)
_TIME = re.compile(formats.TIME, re.IGNORECASE)
_ZONE_WORDS = {*zones.ZONES, *zones.AMBIGUOUS_ZONES}
_ZONE = re.compile(formats.ZONE.replace("{abbreviations}", _alt(_ZONE_WORDS)))
_ZONE_LEAD = re.compile(formats.ZONE_LEAD)
_GAP = re.compile(formats.GAP_AFTER)
_WEEKDAY_WORDS = [w for days in names.WEEKDAYS.values() for w in days] + list(names.WEEKDAY_ABBREVIATIONS)
_GAP_BEFORE = re.compile(formats.GAP_BEFORE.replace("{weekdays}", _alt(_WEEKDAY_WORDS)), re.IGNORECASE)


@lru_cache(maxsize=32)
def _month_table(lang: str | None) -> tuple[dict[str, int], str]:
    """Month words for a language (plus English), or for all languages when there is none."""
    langs = [lang, "en"] if lang in names.MONTHS else list(names.MONTHS)
    table: dict[str, int] = {}
    for code in langs:
        for word, month in names.MONTHS[code or "en"].items():
            if word in names.FOREIGN_WORD_CLASH and code != lang:
                continue
            table[word] = month
    return table, r"(?<![^\W\d_])(?P<mon>" + _alt(table) + r")(?![^\W\d_])\.?"


@lru_cache(maxsize=32)
def _text_patterns(lang: str | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    month = _month_table(lang)[1]
    return tuple(
        (kind, re.compile(p.replace("{month}", month), re.IGNORECASE)) for kind, p in formats.TEXT.items()
    )


@lru_cache(maxsize=32)
def _relative_patterns(lang: str | None) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    days = [w for w in names.RELATIVE_DAYS if names.RELATIVE_DAY_LANGUAGE_ONLY.get(w, lang) == lang]
    day_re = re.compile(r"(?<![^\W\d_])(?P<w>" + _alt(days) + r")(?![^\W\d_])", re.IGNORECASE)
    count = r"(?P<n>\d{1,3}|" + _alt(names.COUNT_WORDS) + r")"
    unit = r"(?P<u>" + _alt(names.UNITS) + r")"
    before = r"(?:" + _alt(names.AGO_BEFORE) + r")\s" + count + r"?\s?" + unit
    after = count.replace("?P<n>", "?P<n2>") + r"?\s?" + unit.replace("?P<u>", "?P<u2>")
    after += r"\s(?:" + _alt(names.AGO_AFTER) + r")"
    ago = r"(?<![^\W\d_])(?:" + before + "|" + after + r")(?![^\W\d_])"
    now = r"(?<![^\W\d_])(?:" + _alt(names.NOW_WORDS) + r")(?![^\W\d_])"
    return day_re, re.compile(ago, re.IGNORECASE), re.compile(now, re.IGNORECASE)


@lru_cache(maxsize=1)
def _iana_names() -> frozenset[str]:
    return frozenset(available_timezones())


# ---------------------------------------------------------------- the one entry point


def parse_date(
    text: str,
    *,
    locale: str | None = None,
    tz: str | None = None,
    ref: datetime | None = None,
    allow_future: bool = False,
    min_year: int = MIN_YEAR,
    day_first: bool | None = None,
) -> ParsedDate:
    """Parse ``text`` as found in a document; ``ref`` is when the document was read or fetched.

    ``locale`` ("en_GB", "ru", "az-AZ") picks month words, day/month order and ambiguous zone
    abbreviations; ``tz`` is the source's default zone for times written without one (else UTC);
    ``day_first`` is page-level evidence from the caller (an ISO date elsewhere on the page) and beats
    the locale. Relative dates need ``ref``. Without ``ref`` the future check uses the current clock.
    Never raises: every failure is a ``ParsedDate`` with ``error`` set.
    """
    if not isinstance(text, str):
        return _fail(repr(text), "not a string")
    try:
        ctx = _context(locale, tz, ref, day_first)
        result = _parse(text, ctx)
    except ValueError as exc:  # unknown zone, or a calendar date that does not exist
        return _fail(text, str(exc))
    except Exception as exc:  # the promise is "never raises"; keep the reason so it can be fixed
        return _fail(text, f"internal error: {type(exc).__name__}: {exc}")
    if result.utc is None:
        return result
    return _plausible(result, ctx, allow_future, min_year)


def _context(locale: str | None, tz: str | None, ref: datetime | None, day_first: bool | None) -> _Context:
    lang = region = None
    if locale:
        parts = re.split(r"[-_.@]", locale.strip())
        lang = parts[0].lower() or None
        region = parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else None
    zone: tzinfo = UTC
    if tz:
        if tz not in _iana_names():
            raise ValueError(f"unknown timezone {tz!r}")
        zone = ZoneInfo(tz)
    if ref is not None and ref.tzinfo is None:
        ref = ref.replace(tzinfo=UTC)  # a naive reference time is taken as UTC
    return _Context(lang, region, zone, tz, ref, day_first)


def _parse(text: str, ctx: _Context) -> ParsedDate:
    raw = text
    if len(raw) > WINDOW:  # bound the work: look only around the first digit (one linear scan in C)
        first = _DIGIT.search(raw, 0, SCAN_LIMIT)  # Unicode digits too: ١٢ counts
        lo = max(0, (first.start() if first else 0) - 60)
        raw = raw[lo : lo + 2 * WINDOW]  # room for runs of spaces that collapse below
    s = _SPACES.sub(" ", raw.translate(_DIGITS)).strip()[:WINDOW]
    if not s:
        return _fail(text, "empty date string")
    if m := _EPOCH.fullmatch(s):
        return _epoch(text, m)
    hits, problems = _find_hits(s, ctx)
    if hits:
        return _choose(text, s, hits, ctx)
    relative = _relative(text, s, ctx)
    if relative is not None:
        return relative
    if problems:
        return _fail(text, problems[0])
    return _fallback(text, s, ctx)


def _epoch(text: str, m: re.Match[str]) -> ParsedDate:
    digits = m.group(1)
    seconds = int(digits) / 1000 if len(digits) > 10 else int(digits)
    utc = datetime.fromtimestamp(int(seconds), UTC)
    return ParsedDate(text, utc, 0, "second", "epoch-ms" if len(digits) > 10 else "epoch", None)


# ---------------------------------------------------------------- finding dates on the line


def _find_hits(s: str, ctx: _Context) -> tuple[list[_Hit], list[str]]:
    hits: list[_Hit] = []
    problems: list[str] = []

    def add(hit: _Hit) -> None:
        if not any(hit.start < o.end and o.start < hit.end for o in hits):
            hits.append(hit)

    for m in _ISO.finditer(s):
        clock = (int(m[4]), int(m[5]), int(m[6]) if m[6] else None) if m[4] else None
        add(_Hit(m.start(), m.end(), "iso", int(m[1]), int(m[2]), int(m[3]), clock, "iso"))
    for m in _ISO_BASIC.finditer(s):
        clock = (int(m[4]), int(m[5]), int(m[6]) if m[6] else None) if m[4] else None
        add(_Hit(m.start(), m.end(), "iso-basic", int(m[1]), int(m[2]), int(m[3]), clock, "iso"))
    for m in _ISO_WEEK.finditer(s):
        try:
            week_day = date.fromisocalendar(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:  # week 54, year 0: not a date, but the line may hold another
            continue
        add(_Hit(m.start(), m.end(), "iso-week", week_day.year, week_day.month, week_day.day, None, "iso"))
    for m in _ISO_ORDINAL.finditer(s):
        if not (1 <= int(m[2]) <= 366 and int(m[1]) > 0):
            continue
        nth = date(int(m[1]), 1, 1) + timedelta(days=int(m[2]) - 1)
        clock = (int(m[3]), int(m[4]), int(m[5]) if m[5] else None) if m[3] else None
        add(_Hit(m.start(), m.end(), "iso-ordinal", nth.year, nth.month, nth.day, clock, "iso"))
    for m in _NUM_YMD.finditer(s):
        add(_Hit(m.start(), m.end(), "numeric-ymd", int(m[1]), int(m[3]), int(m[4]), None, "iso"))
    table = _month_table(ctx.lang)[0]
    for kind, pattern in _text_patterns(ctx.lang) if _LETTER_RUN.search(s) else ():
        for m in pattern.finditer(s):
            month = table.get(m["mon"].lower().replace("\u0307", "").rstrip("."))  # EKİM: drop the dot
            if month is None:
                continue
            day = int(m["d"]) if "d" in pattern.groupindex else None
            add(_Hit(m.start(), m.end(), kind, _year(m["y"]), month, day))
    for m in _ISO_MONTH.finditer(s):
        add(_Hit(m.start(), m.end(), "iso-month", int(m[1]), int(m[2]), None, None, "iso"))
    evidence: set[_Written] = {(h.year, h.month, h.day) for h in hits if h.day is not None}
    for m in _NUM_DMY.finditer(s):
        a, b, year = int(m[1]), int(m[3]), _year(m[4])
        decided = _order(a, b, m[2], year, evidence, ctx)
        if decided is None:
            problems.append(f"ambiguous day/month order in {m[0]!r}: give a locale")
            continue
        order, why = decided
        day, month = (a, b) if order == "dmy" else (b, a)
        add(_Hit(m.start(), m.end(), f"numeric-{order} ({why})", year, month, day))
    for m in _NUM_DMY_SPACED.finditer(s):
        add(_Hit(m.start(), m.end(), "numeric-dmy", int(m[3]), int(m[2]), int(m[1])))
    hits.sort(key=lambda h: h.start)
    for i, hit in enumerate(hits):  # "12 октября" beside "2022-10-12T14:23": the year is on the line
        if hit.year is None:
            same = [h.year for h in hits if h.year is not None and (h.month, h.day) == (hit.month, hit.day)]
            if same:
                hits[i] = replace(hit, year=same[0])
    return hits, problems


def _year(raw: str | None) -> int | None:
    """Four digits as written; two digits (``22``, ``'22``) pivot at 70: 00-69 is 20xx, 70-99 is 19xx."""
    if raw is None:
        return None
    digits = raw.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    return 2000 + int(digits) if int(digits) < 70 else 1900 + int(digits)


def _order(
    a: int,
    b: int,
    sep: str,
    year: int | None,
    evidence: set[_Written],
    ctx: _Context,
) -> tuple[str, str] | None:
    """Day-first ("dmy") or month-first ("mdy") for a numeric date, and what decided; None if nothing did."""
    if a > 12 >= b or a == b:
        return "dmy", "by value"
    if b > 12 >= a:
        return "mdy", "by value"
    if (year, b, a) in evidence:  # an ISO or worded rendering of the same date on the line
        return "dmy", "by another rendering"
    if (year, a, b) in evidence:
        return "mdy", "by another rendering"
    if ctx.day_first is not None:
        return ("dmy" if ctx.day_first else "mdy"), "by page evidence"
    if sep == ".":  # dotted dates are day first wherever they are written (de, ru, tr, az ...)
        return "dmy", "dotted"
    if ctx.region:
        return ("mdy" if ctx.region in zones.MONTH_FIRST_REGIONS else "dmy"), "by locale"
    if ctx.lang:
        return ("mdy" if ctx.lang in zones.MONTH_FIRST_LANGUAGES else "dmy"), "by locale"
    return None


# ---------------------------------------------------------------- from a hit to an instant

_Clock = tuple[int, int, int | None]
_YEAR_AFTER = re.compile(r",?\s?(\d{4})(?![\d:])")


def _clock_of(m: re.Match[str]) -> _Clock:
    hour = int(m["h"])
    minute = int(m["m"] or m["m2"] or 0)
    if (m["pm"] or m["xpm"]) and hour < 12:
        hour += 12
    elif (m["am"] or m["xam"]) and hour == 12:
        hour = 0
    return hour, minute, int(m["s"]) if m["s"] else None


def _find_clock(s: str, start: int, end: int, hits: list[_Hit], ctx: _Context) -> tuple[_Clock, int] | None:
    """A time written just after (or just before) the span ``start:end``: (clock, where it ends)."""

    def free(m: re.Match[str]) -> bool:
        return not any(m.start() < h.end and h.start < m.end() for h in hits)

    after = _TIME.search(s, end, min(len(s), end + 40))
    if after and free(after) and _GAP.fullmatch(s, end, after.start()):
        return _clock_of(after), after.end()
    for m in _TIME.finditer(s, max(0, start - 40), start):
        zone = _find_zone(s, m.end(), ctx)  # "2:23 PM ET, Wed October 12, 2022"
        if free(m) and _GAP_BEFORE.fullmatch(s, zone[2] if zone else m.end(), start):
            return _clock_of(m), m.end()
    return None


def _find_zone(s: str, pos: int, ctx: _Context) -> tuple[int | str, str, int] | None:
    """A zone written at ``pos``: (minutes or IANA name, how it was read, end)."""
    lead = _ZONE_LEAD.match(s, pos)
    m = _ZONE.match(s, lead.end() if lead else pos)
    if m is None:
        return None
    if m["utc"]:
        if not m["us"]:
            return 0, m["utc"].upper(), m.end()
        hours, minutes = int(m["uh"]), int(m["um"] or 0)
        if hours > 14 or minutes > 59:
            return None
        return (hours * 60 + minutes) * (-1 if m["us"] == "-" else 1), m[0], m.end()
    if m["ns"]:
        hours, minutes = int(m["nh"]), int(m["nm"] or 0)
        if hours > 14 or minutes > 59:
            return None
        return (hours * 60 + minutes) * (-1 if m["ns"] == "-" else 1), m[0], m.end()
    if m["abbr"]:
        word = m["abbr"]
        if word in zones.AMBIGUOUS_ZONES:
            choices = zones.AMBIGUOUS_ZONES[word]
            for key in (ctx.region, ctx.lang):
                if key in choices:
                    return choices[key], f"{word} by locale", m.end()
            if ctx.lang is None:
                return choices["*"], f"{word} assumed, no locale", m.end()
            return choices["*"], f"{word} by locale", m.end()  # a locale not listed: the usual meaning
        return zones.ZONES[word], word, m.end()
    if m["iana"] in _iana_names():
        return m["iana"], m["iana"], m.end()
    return None


def _instant(local: datetime, zone: int | str | None, ctx: _Context) -> tuple[datetime, int | None]:
    if zone is None:
        return local.replace(tzinfo=ctx.tz).astimezone(UTC), None
    aware = local.replace(
        tzinfo=timezone(timedelta(minutes=zone)) if isinstance(zone, int) else ZoneInfo(zone)
    )
    offset = aware.utcoffset()
    return aware.astimezone(UTC), int(offset.total_seconds() // 60) if offset is not None else None


def _resolve(text: str, s: str, hit: _Hit, hits: list[_Hit], ctx: _Context) -> tuple[ParsedDate, _Written]:
    clock, year, zone, note = hit.clock, hit.year, None, ""
    tail = hit.end
    if clock is None and hit.day is not None:
        found = _find_clock(s, hit.start, hit.end, hits, ctx)
        if found:
            clock, tail = found
    if clock is not None:
        z = _find_zone(s, tail, ctx)
        if z:
            zone, note, tail = z[0], f"; zone={z[1]}", z[2]
    if year is None and clock is not None and (m := _YEAR_AFTER.match(s, tail)):
        year = int(m[1])  # asctime and `date`: "Wed Oct 12 14:23:00 UTC 2022"
    hour, minute, second = clock or (0, 0, None)
    if year is None:
        if ctx.ref is None:
            raise ValueError(f"no year in {s[hit.start : hit.end]!r} and no reference time to infer it")
        year = ctx.ref.astimezone(ctx.tz).year
        local = datetime(year, hit.month, hit.day or 1, hour, minute, second or 0)
        utc, offset = _instant(local, zone, ctx)
        if utc > ctx.ref + _slack(offset):  # "12 Dec" read in January is last December
            year -= 1
        note += "; year inferred"
    local = datetime(year, hit.month, hit.day or 1, hour, minute, second or 0)
    utc, offset = _instant(local, zone if clock is not None else None, ctx)
    precision = (
        "month" if hit.day is None else "day" if clock is None else "minute" if second is None else "second"
    )
    return ParsedDate(text, utc, offset, precision, hit.kind + note, None), (year, hit.month, hit.day)


def _agree(a: ParsedDate, wa: _Written, b: ParsedDate, wb: _Written) -> bool:
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


def _utc_day(p: ParsedDate) -> _Written | None:
    return (p.utc.year, p.utc.month, p.utc.day) if p.utc is not None else None


def _choose(text: str, s: str, hits: list[_Hit], ctx: _Context) -> ParsedDate:
    """The first date on the line, made as precise as another rendering of the same date allows."""
    found: list[tuple[ParsedDate, _Written, _Hit]] = []
    errors: list[str] = []
    for hit in hits:
        try:
            parsed, written = _resolve(text, s, hit, hits, ctx)
        except ValueError as exc:
            errors.append(f"{s[hit.start : hit.end]!r}: {exc}")
            continue
        found.append((parsed, written, hit))
    if not found:
        return _fail(text, "invalid date " + errors[0])
    best, written, first = found[0]
    checked = False
    for other, other_written, hit in found[1:]:
        if _agree(best, written, other, other_written):
            checked = checked or hit.family != first.family
            if _score(other) > _score(best):
                best = other
        elif hit.family != first.family:
            return _fail(
                text, f"two renderings disagree: {s[first.start : first.end]!r} vs {s[hit.start : hit.end]!r}"
            )
    return replace(best, method=f"{best.method}; cross-checked") if checked else best


def _score(p: ParsedDate) -> tuple[int, bool]:
    return _RANK.get(p.precision or "", -1), p.offset_minutes is not None


def _slack(offset: int | None) -> timedelta:
    return FUTURE_SLACK_KNOWN if offset is not None else FUTURE_SLACK_UNKNOWN


# ---------------------------------------------------------------- relative dates, fallback, plausibility


def _relative(text: str, s: str, ctx: _Context) -> ParsedDate | None:
    day_re, ago_re, now_re = _relative_patterns(ctx.lang)
    ago, day, now = ago_re.search(s), day_re.search(s), now_re.search(s)
    if not (ago or day or now):
        return None
    if ctx.ref is None:
        return _fail(text, "relative date needs a reference time")
    ref = ctx.ref.astimezone(UTC)
    if ago:
        raw = ago["n"] or ago["n2"]
        count = int(raw) if raw and raw.isdigit() else names.COUNT_WORDS.get((raw or "a").lower(), 1)
        unit = names.UNITS[(ago["u"] or ago["u2"]).lower()]
        instant = ref - timedelta(seconds=count * unit)
        if unit >= 86400:
            local = instant.astimezone(ctx.tz).replace(hour=0, minute=0, second=0, microsecond=0)
            return ParsedDate(
                text, _instant(local.replace(tzinfo=None), None, ctx)[0], None, "day", "relative", None
            )
        precision = "second" if unit == 1 else "minute"
        instant = instant.replace(microsecond=0) if unit == 1 else instant.replace(second=0, microsecond=0)
        return ParsedDate(text, instant, None, precision, "relative", None)
    if day:
        back = names.RELATIVE_DAYS[day["w"].lower()]
        local_day = ref.astimezone(ctx.tz).date() - timedelta(days=back)
        found = _find_clock(s, day.start(), day.end(), [], ctx)
        if found is None:
            local = datetime(local_day.year, local_day.month, local_day.day)
            return ParsedDate(text, _instant(local, None, ctx)[0], None, "day", "relative-day", None)
        (hour, minute, second), tail = found
        z = _find_zone(s, tail, ctx)
        local = datetime(local_day.year, local_day.month, local_day.day, hour, minute, second or 0)
        utc, offset = _instant(local, z[0] if z else None, ctx)
        precision = "minute" if second is None else "second"
        return ParsedDate(
            text, utc, offset, precision, "relative-day" + (f"; zone={z[1]}" if z else ""), None
        )
    return ParsedDate(text, ref.replace(second=0, microsecond=0), None, "minute", "relative-now", None)


_PERIODS = {"time": "minute", "day": "day", "week": "day", "month": "month", "year": "year"}


def _fallback(text: str, s: str, ctx: _Context) -> ParsedDate:
    """dateparser, only for short strings with a digit and an unknown word, with explicit languages and settings."""
    if not _worth_a_fallback(s, ctx):
        return _fail(text, "no date found")
    from dateparser.date import DateDataParser  # imported late: it costs ~0.3 s and is rarely needed

    decided = _order(1, 2, "/", None, set(), ctx)
    order = "MDY" if decided is not None and decided[0] == "mdy" else "DMY"
    settings: dict[str, object] = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": ctx.tz_name or "UTC",
        "TO_TIMEZONE": "UTC",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": order,
        # Relative phrases are handled above, anchored to ``ref``; dateparser would anchor them to now.
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["month", "year"],
    }
    if ctx.ref is not None:
        settings["RELATIVE_BASE"] = ctx.ref.astimezone(ctx.tz).replace(tzinfo=None)
    try:  # the source's language when dateparser knows it (it knows ~200), else English only
        data = DateDataParser(languages=[ctx.lang or "en"], settings=settings).get_date_data(s)
    except ValueError:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(s)
    if data is None or data.date_obj is None:
        return _fail(text, "no date found")
    utc = data.date_obj.astimezone(UTC)
    clock = _TIME.search(s)  # dateparser reports period "day" even when it read a time
    precision = ("second" if clock["s"] else "minute") if clock else _PERIODS.get(data.period or "", "day")
    return ParsedDate(text, utc, None, precision, "dateparser", None)


def _worth_a_fallback(s: str, ctx: _Context) -> bool:
    """The cheap pre-filter: everything numeric or in our ten languages was already tried by the rules,
    so dateparser only gets a short line with a word we do not know right beside a number."""
    if len(s) > FALLBACK_MAX or len(s.split()) > FALLBACK_TOKENS or not re.search(r"\d", s):
        return False
    known = _known_words(ctx.lang)
    for word in _WORD.finditer(s):  # an unknown word right beside a number: "12 października", "október 12"
        near = s[max(0, word.start() - 3) : word.start()] + s[word.end() : word.end() + 3]
        if word[0].lower() not in known and _DIGIT.search(near):
            return True
    return False


@lru_cache(maxsize=32)
def _known_words(lang: str | None) -> frozenset[str]:
    return frozenset(
        w.lower()
        for w in (
            *_month_table(lang)[0],
            *names.RELATIVE_DAYS,
            *names.UNITS,
            *_ZONE_WORDS,
            "ago",
            "utc",
            "gmt",
        )
    )


def warm_up() -> None:
    """Load dateparser's data now (~0.3-0.5 s once per process) instead of inside the first fallback."""
    parse_date("12 pazdziernika 2022", locale="pl", ref=datetime(2023, 1, 1, tzinfo=UTC))


def _plausible(result: ParsedDate, ctx: _Context, allow_future: bool, min_year: int) -> ParsedDate:
    assert result.utc is not None
    if result.utc + timedelta(hours=14) < datetime(min_year, 1, 1, tzinfo=UTC):
        return _fail(result.input, f"date {result.utc:%Y-%m-%d} is before {min_year}")
    if not allow_future:
        ref = ctx.ref or datetime.now(UTC)
        if result.utc > ref + _slack(result.offset_minutes):
            return _fail(result.input, f"date {result.utc:%Y-%m-%dT%H:%MZ} is after the reference time")
    return result
