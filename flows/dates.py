"""Date parsing: one function that every stage calls for every date string.

``parse_date`` finds every date written on a line with compiled regexes and the tables in
``flows/rules/dates_*.py`` (months and relative words per language, zone abbreviations, locale order),
cross-checks two renderings of one date (ISO plus human text), resolves zones for the date itself, and
only then falls back to dateparser, on short inputs and with explicit languages and settings.

The work per string is bounded: at most ``WINDOW`` characters around the first digit are looked at,
every regex is linear (no nested quantifiers), and dateparser only sees inputs of at most
``FALLBACK_MAX`` characters that hold a digit and a word none of our tables knows (a month name in a
language we have no rules for). See docs/dates.md for formats and measured times.

This module is the entry point; the steps live beside it: ``dates_patterns`` (compiled patterns, month
tables), ``dates_find`` (the dates written on a line, day/month order), ``dates_clock`` (times, zones,
instants), ``dates_resolve`` (one instant from the dates found, cross-checked), ``dates_relative``
("3 hours ago") and ``dates_fallback`` (dateparser); ``dates_types`` holds the values they share.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from flows.rules import dates_zones as zones

from .dates_calendars import HIJRI, THAI, thai_spacing
from .dates_clock import FUTURE_SLACK_KNOWN, FUTURE_SLACK_UNKNOWN, slack, to_utc
from .dates_fallback import FALLBACK_MAX, FALLBACK_TOKENS, fallback, worth_a_fallback
from .dates_find import find_hits
from .dates_patterns import (
    COMPACT,
    DIGIT,
    DIGITS,
    EPOCH,
    PUBLISH_LABEL,
    SPACES,
    TIME,
    UPDATE_LABEL,
    alt,
    iana_names,
)
from .dates_relative import relative_date
from .dates_resolve import choose
from .dates_types import Context, Hit, ParsedDate, fail

__all__ = [
    "FALLBACK_MAX",
    "FALLBACK_TOKENS",
    "FUTURE_SLACK_KNOWN",
    "FUTURE_SLACK_UNKNOWN",
    "MIN_YEAR",
    "SCAN_LIMIT",
    "WINDOW",
    "ParsedDate",
    "parse_date",
    "warm_up",
]

_TAIL_WORDS = re.compile(r"(?: [^\s]{1,8}){1,3}(?= |$)")  # up to three short words after the cut
WINDOW = 200  # characters of a long string that are examined (around its first digit) ...
SCAN_LIMIT = 100_000  # ... looked for among its first SCAN_LIMIT characters (1 ms), not in megabytes
MIN_YEAR = 1990


# ---------------------------------------------------------------- the one entry point


IN_THE_FUTURE = "is after the reference time"  # the error of a date later than ``ref`` (and its slack)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # a date's year before an update word
# A zone named before the date, as Chinese news writes "北京时间" (Beijing time) or "美东时间" first.
_ZONE_FIRST = re.compile(r"(" + alt(zones.ZONES_BEFORE_THE_DATE) + r")[:：\s]*")


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
        return fail(repr(text), "not a string")
    try:
        ctx = _context(locale, tz, ref, day_first)
        result = _parse(text, ctx)
        if result.utc is None:
            return result
        return _plausible(result, ctx, allow_future, min_year)
    except OverflowError:  # year 1 or 9999 moved past the calendar's end by an offset or a check's slack
        return fail(text, "date out of range: too close to year 1 or 9999")
    except ValueError as exc:  # unknown zone, or a calendar date that does not exist
        return fail(text, str(exc))
    except Exception as exc:  # the promise is "never raises"; keep the reason so it can be fixed
        return fail(text, f"internal error: {type(exc).__name__}: {exc}")


def _context(locale: str | None, tz: str | None, ref: datetime | None, day_first: bool | None) -> Context:
    lang = region = None
    if locale:
        parts = re.split(r"[-_.@]", locale.strip())
        lang = parts[0].lower() or None
        region = parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else None
    zone: tzinfo = UTC
    if tz:
        if tz not in iana_names():
            raise ValueError(f"unknown timezone {tz!r}")
        zone = ZoneInfo(tz)
    if ref is not None and ref.tzinfo is None:
        ref = ref.replace(tzinfo=UTC)  # a naive reference time is taken as UTC
    return Context(lang, region, zone, tz, ref, day_first)


def _parse(text: str, ctx: Context) -> ParsedDate:
    raw = text
    if len(raw) > WINDOW:  # bound the work: look only around the first digit (one linear scan in C)
        first = DIGIT.search(raw, 0, SCAN_LIMIT)  # Unicode digits too: ١٢ counts
        lo = max(0, (first.start() if first else 0) - 60)
        raw = raw[lo : lo + 2 * WINDOW]  # room for runs of spaces that collapse below
    if not raw.isascii() and THAI.search(raw):
        # "๑๕/๐๘/๒๕๖๗": Thai digits alone make a Thai date, and they are ASCII once translated (review)
        ctx = dataclasses.replace(ctx, thai=True)
    s = SPACES.sub(" ", raw.translate(DIGITS)).strip()
    if len(s) > WINDOW:
        # Not inside a word or number: "October 12" cut to "October 1" would be a wrong date, not none.
        cut = WINDOW
        while cut > WINDOW - 40 and s[cut - 1].isalnum() and s[cut].isalnum():
            cut -= 1
        # ... nor just before the words that finish a time: "2:23" without its " PM EDT" is 02:23 UTC.
        tail = _TAIL_WORDS.match(s, cut)
        s = s[: tail.end() if tail else cut]
    if not s:
        return fail(text, "empty date string")
    if not s.isascii() and THAI.search(s):
        s = thai_spacing(s)
    if (lead := _ZONE_FIRST.match(s)) and not _ZONE_FIRST.search(s, lead.end()):
        # "北京时间2024年11月19日16时23分，神舟十九号...": the zone as if written after the time
        clock = TIME.search(s, lead.end())
        at = clock.end() if clock else len(s)
        s = f"{s[lead.end() : at]} {lead[1]}{s[at:]}"
    if m := COMPACT.fullmatch(s):  # before epochs: 202210121423 is not 1976 in milliseconds
        return _compact(text, m, ctx)
    if m := EPOCH.fullmatch(s):
        return _epoch(text, m)
    hits, problems = find_hits(s, ctx)
    if problems and (not hits or problems[0][0] < hits[0].start):
        # The first date on the line could not be read: a later one is usually "updated", never a
        # stand-in for the publication date.
        return fail(text, problems[0][1])
    if hits:
        published = _published_after_the_update(s, hits, problems)
        if isinstance(published, str):
            return fail(text, published)
        if published:
            chosen = choose(text, s, hits, ctx, published)
            if chosen.utc is None or chosen.method is None:
                return chosen
            return dataclasses.replace(chosen, method=f"{chosen.method}; published, after the update's date")
        chosen = choose(text, s, hits, ctx)
        chosen = _written_after_iso(text, s, hits, chosen, ctx) or chosen
        return _before_the_update(text, s, hits[0].start, chosen, ctx) or chosen
    relative = relative_date(text, s, ctx)
    if relative is not None:
        return relative
    return fallback(text, s, ctx)


def _published_after_the_update(s: str, hits: list[Hit], problems: list[tuple[int, str]]) -> int | str:
    """ "Updated Oct. 12, 2022, 5:02 PM EDT / Published Oct. 11, 2022, 3:45 PM EDT": the first date is
    labelled by an update word and a later one by a word of publication; the index of the publication's
    date (0: none such), or why it cannot be read (an update is no stand-in for it). A publication's
    date without a year, or after its update's, is left to the rules for the first date, as before."""
    if not UPDATE_LABEL.search(s, 0, hits[0].start):
        return 0
    for i in range(1, len(hits)):
        hit = hits[i]
        unread = [p for p in problems if hits[i - 1].end <= p[0] < hit.start]
        for at, why in unread:
            if PUBLISH_LABEL.search(s, hits[i - 1].end, at):
                return why  # "Updated Oct 13, 2022 | Published 02/10/2022": which day is it published?
        if not PUBLISH_LABEL.search(s, hits[i - 1].end, hit.start):
            continue
        update = hits[0]
        if hit.year is None or hit.day is None:
            return 0
        if update.year is not None and (hit.year, hit.month, hit.day) > (
            update.year,
            update.month,
            update.day or 31,
        ):
            return 0
        return i
    for at, why in problems:
        if at > hits[-1].end and PUBLISH_LABEL.search(s, hits[-1].end, at):
            return why
    return 0


def _written_after_iso(
    text: str, s: str, hits: list[Hit], chosen: ParsedDate, ctx: Context
) -> ParsedDate | None:
    """The seed's "2022-10-12 12 października 2022 14:23 (UTC+02:00)": the rules read the ISO day only
    (its time and offset are in words they do not know), the fallback reads the rest. Its reading is
    taken when it has a time and falls on the ISO day (in the offset it names), else the ISO day stays."""
    if chosen.precision != "day" or chosen.utc is None or any(h.family != "iso" or h.clock for h in hits):
        return None
    rest = s[hits[-1].end :].strip(" ,;|-–—")
    if not worth_a_fallback(rest, ctx):
        return None
    written = fallback(text, rest, ctx)
    if written.utc is None or written.precision not in ("minute", "second"):
        return None
    shift = timedelta(minutes=written.offset_minutes or 0)
    local = written.utc + shift if written.offset_minutes is not None else written.utc.astimezone(ctx.tz)
    day = chosen.utc.astimezone(ctx.tz).date()
    return written if local.date() == day else None


def _before_the_update(text: str, s: str, first: int, update: ParsedDate, ctx: Context) -> ParsedDate | None:
    """ "14 listopada 2024, 16:23 | Aktualizacja: 19.11.2024, 08:15": the rules read only the update's date
    (the first they found, labelled by an update word); the publication's, in words they do not know,
    is the fallback's when it reads one there (a later date is never a stand-in for it). Anything else
    ("© 2024 Reuters | Updated Nov 19, 2024") is left to the rules, as before."""
    label = UPDATE_LABEL.search(s, 0, first)
    if (
        label is None
        or not _YEAR.search(s, 0, label.start())
        or not worth_a_fallback(s[: label.start()], ctx)
    ):
        return None
    published = fallback(text, s[: label.start()], ctx)
    if published.utc is None or published.precision in ("month", "year"):
        return None  # a heading ("Grudzień 2024 |") is no publication date
    if (
        update.utc is not None
        and published.utc.astimezone(ctx.tz).date() > update.utc.astimezone(ctx.tz).date()
    ):
        return None  # a publication cannot come after its own update (by the day: one may have no time)
    return published


def _compact(text: str, m: re.Match[str], ctx: Context) -> ParsedDate:
    year, month, day, hour, minute = (int(m[i]) for i in range(1, 6))
    local = datetime(year, month, day, hour, minute, int(m[6] or 0))  # ValueError for 20220231...: caught
    utc, _ = to_utc(local, None, ctx)
    return ParsedDate(text, utc, None, "second" if m[6] else "minute", "compact", None)


def _epoch(text: str, m: re.Match[str]) -> ParsedDate:
    digits = m.group(1)
    seconds = int(digits) / 1000 if len(digits) > 10 else int(digits)
    utc = datetime.fromtimestamp(int(seconds), UTC)
    return ParsedDate(text, utc, 0, "second", "epoch-ms" if len(digits) > 10 else "epoch", None)


# ---------------------------------------------------------------- plausibility, warm-up


def _plausible(result: ParsedDate, ctx: Context, allow_future: bool, min_year: int) -> ParsedDate:
    assert result.utc is not None
    if result.utc + timedelta(hours=14) < datetime(min_year, 1, 1, tzinfo=UTC):
        return fail(result.input, f"date {result.utc:%Y-%m-%d} is before {min_year}{_calendar(result)}")
    if not allow_future:
        ref = ctx.ref or datetime.now(UTC)
        if result.utc > ref + slack(result.offset_minutes):
            why = f"date {result.utc:%Y-%m-%dT%H:%MZ} {IN_THE_FUTURE}{_calendar(result)}"
            return fail(result.input, why)
    return result


def _calendar(result: ParsedDate) -> str:
    """What a year far from today may be: a year of another calendar (a review found "is before 1990" read
    as bad data, where the page used the Solar Hijri calendar). Solar Hijri, Hijri and Buddhist-era dates
    are converted when the calendar is evident (flows/dates_calendars.py); this says how to make it so."""
    assert result.utc is not None
    year = result.utc.year
    if HIJRI in (result.method or "") and year > 2100:  # "۲۰ مهر ۲۰۲۲": a Solar Hijri month, a Gregorian year
        return " (a Gregorian year with a Solar Hijri or Hijri month name?)"
    if 1300 <= year <= 1500:
        return (
            " (a Hijri or Solar Hijri year? converted when a month name, an era after the year (هـ, ه.ش, AH)"
            " or the locale (fa: Solar Hijri, ar: Hijri) says which)"
        )
    if 2500 <= year <= 2650:
        return " (a Thai Buddhist-era year? converted in Thai text or with the locale th)"
    return ""


def warm_up() -> None:
    """Load dateparser's data now (~0.3-0.5 s once per process) instead of inside the first fallback."""
    parse_date("12 pazdziernika 2022", locale="pl", ref=datetime(2023, 1, 1, tzinfo=UTC))
