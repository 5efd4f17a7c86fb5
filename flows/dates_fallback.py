"""The last resort for a date string none of our rules read: dateparser, but only for a short line with a
word our tables do not know right beside a number (a month name in a language we have no rules for),
with explicit languages and settings. Its cost grows with the length and the number of tokens."""

from __future__ import annotations

import importlib
import re
from datetime import UTC
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from flows.rules import dates_names as names

from .dates_clock import find_zone, to_utc
from .dates_find import day_month_order
from .dates_patterns import DIGIT, TIME, ZONE_WORDS, month_table, word_pattern
from .dates_types import Context, ParsedDate, fail

FALLBACK_MAX = 48  # longest string handed to dateparser ...
FALLBACK_TOKENS = 8  # ... and most whitespace-separated tokens: its cost grows with both

_PERIODS = {"time": "minute", "day": "day", "week": "day", "month": "month", "year": "year"}


def fallback(text: str, s: str, ctx: Context) -> ParsedDate:
    """dateparser, only for short strings with a digit and an unknown word, with explicit languages and settings."""
    if not worth_a_fallback(s, ctx):
        return fail(text, "no date found")
    decided = day_month_order(1, 2, "/", None, set(), ctx)
    order = "MDY" if decided is not None and decided[0] == "mdy" else "DMY"
    # A zone after the time is read by our rules (dateparser read "14:23 (UTC+02:00)" right, but gave no
    # offset, and knows fewer spellings); dateparser then reads the rest as a local time.
    clock = TIME.search(s)
    zone = find_zone(s, clock.end(), ctx) if clock else None
    if clock and zone:
        s = re.sub(r"[()\[\]]", " ", s[: clock.end()] + s[zone[2] :]).strip()
    settings: dict[str, object] = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": "UTC" if zone else ctx.tz_name or "UTC",
        "TO_TIMEZONE": "UTC",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": order,
        # Relative phrases are handled by flows/dates_relative.py, anchored to ``ref``; dateparser would
        # anchor them to now.
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["month", "year"],
    }
    if ctx.ref is not None:
        settings["RELATIVE_BASE"] = ctx.ref.astimezone(ctx.tz).replace(tzinfo=None)
    # The source's language when dateparser knows it (it knows ~200); without one, the languages that
    # spell the line's month word that way ("października": Polish), then English.
    if ctx.lang is None and (clash := month_clash(s)):
        return fail(text, clash)
    languages = [ctx.lang] if ctx.lang else [*month_languages(s), "en"]
    data = _read(s, languages, settings)
    if data is not None and data.date_obj is not None and not _as_written(s, data, str(settings["TIMEZONE"])):
        # "12 set 2022" with no language: dateparser took "12" for the month and "set" for a zone (2022-11-30
        # 23:00, month precision); read in each language alone it is 12 September (review). A reading that
        # does not hold the day and the month word written is refused, never returned.
        alone = (_read(s, [code], settings) for code in languages if len(languages) > 1)
        data = next(
            (d for d in alone if d and d.date_obj and _as_written(s, d, str(settings["TIMEZONE"]))), None
        )
        if data is None:
            return fail(text, "no date found: dateparser's reading does not hold the day and month written")
    if data is None or data.date_obj is None:
        if ctx.lang is None:  # "12 Smarch 2022": a word that is no month in any of dateparser's languages
            return fail(text, "no date found: a word beside a number is no month name of any language")
        if ctx.lang not in names.MONTHS:  # a language without month names here: every language's were read
            return fail(text, "no date found")
        # "12 Oktober 2022" with the locale en_US: found by a docs review, with no word of why.
        also = "".join(f", {code}" for code in names.MONTHS_ALSO.get(ctx.lang, ()))
        known = "English" if ctx.lang == "en" else f"{ctx.lang}{also} or English"
        return fail(
            text,
            f"no date found: a word beside a number is no month in {known}; with a locale, only its "
            "language's month names (a neighbour's for some, and English) are read",
        )
    utc, offset = data.date_obj.astimezone(UTC), None
    if zone:  # read as UTC above: the local time, in the zone the line names
        utc, offset = to_utc(utc.replace(tzinfo=None), zone[0], ctx)
    clock = TIME.search(s)  # dateparser reports period "day" even when it read a time
    precision = ("second" if clock["s"] else "minute") if clock else _PERIODS.get(data.period or "", "day")
    local = utc.astimezone(ctx.tz)
    if precision == "day" and (local.hour, local.minute, local.second) != (0, 0, 0):
        # A time TIME does not read ("klo 16.23"): "day" promises local midnight (found by review).
        precision = "second" if local.second else "minute"
    return ParsedDate(text, utc, offset, precision, "dateparser", None)


def _read(s: str, languages: list[str], settings: dict[str, object]) -> Any:
    from dateparser.date import DateDataParser

    try:
        return DateDataParser(languages=languages, settings=settings).get_date_data(s)
    except ValueError:
        return DateDataParser(languages=["en"], settings=settings).get_date_data(s)


def _as_written(s: str, data: Any, zone: str) -> bool:
    """Whether dateparser's reading holds what ``s`` writes: a month that a word of it names (in any of
    dateparser's languages) or, with no month word, a number of it; and a day that is a number of it
    (unless only the month was read)."""
    local = data.date_obj.astimezone(ZoneInfo(zone))
    numbers = {int(n) for n in re.findall(r"\d{1,4}", s)}
    index = _month_index()
    named = {month for word in word_pattern().finditer(s) for _, month in index.get(word[0].lower(), ())}
    if local.month not in (named or numbers):
        return False
    return data.period in ("month", "year") or local.day in numbers


# dateparser's languages that spell a month word (lower case), most used first; a line's unknown word
# looked up here picks the languages to try when the caller names none.
def month_languages(s: str) -> list[str]:
    """Languages whose month names include a word of ``s``: "października" -> ["pl"]; at most five."""
    index = _month_index()
    found: list[str] = []
    for word in word_pattern().finditer(s):
        for code, _ in index.get(word[0].lower(), ()):
            if code not in found:
                found.append(code)
    return found[:5]


def month_clash(s: str) -> str | None:
    """Why a month word of ``s`` cannot be read without a locale: languages spell it for different months
    ("listopada" is November in Polish and October in Croatian; Polish was taken, review)."""
    index, major = _month_index(), _major_languages()
    for word in word_pattern().finditer(s):
        readings: dict[int, list[str]] = {}
        for code, month in index.get(word[0].lower(), ()):
            if code in major:
                readings.setdefault(month, []).append(code)
        if len(readings) > 1:
            said = "; ".join(
                f"{_MONTH_KEYS[month - 1].title()} in {', '.join(codes[:3])}"
                for month, codes in readings.items()
            )
            return f"ambiguous month {word[0]!r} ({said}): give a locale"
    return None


# Only dateparser's 45 most used languages can make a word ambiguous: among all 200, Morisyen's "out"
# (August) refused Portuguese "12 out 2022" and Basaa's "may" English "May the 2nd, 2024" (review).
# Among these 45 six words are ambiguous, all Slavic ("listopad", "lis", "lip", "srp" and forms).
_MAJOR_LANGUAGES = 45


@lru_cache(maxsize=1)
def _major_languages() -> frozenset[str]:
    from dateparser.data import languages_info

    return frozenset(languages_info.language_order[:_MAJOR_LANGUAGES])


@lru_cache(maxsize=1)
def _month_index() -> dict[str, tuple[tuple[str, int], ...]]:
    """Every month word of dateparser's 200 languages, with each language's month for it (0.1 s once per
    process, only on this path)."""
    from dateparser.data import languages_info

    index: dict[str, list[tuple[str, int]]] = {}
    for code in languages_info.language_order:
        try:
            info = importlib.import_module(f"dateparser.data.date_translation_data.{code}").info
        except (ImportError, AttributeError):
            continue
        for month, key in enumerate(_MONTH_KEYS, start=1):
            for word in info.get(key, []):
                readings = index.setdefault(str(word).lower(), [])
                if all(c != code for c, _ in readings):
                    readings.append((code, month))
    return {word: tuple(readings) for word, readings in index.items()}


_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def worth_a_fallback(s: str, ctx: Context) -> bool:
    """The cheap pre-filter: everything numeric or in our fourteen month-name languages was already tried by
    the rules, so dateparser only gets a short line with a word we do not know right beside a number."""
    if len(s) > FALLBACK_MAX or len(s.split()) > FALLBACK_TOKENS or not re.search(r"\d", s):
        return False
    known = _known_words(ctx.lang)
    # An unknown word right beside a number: "12 października", "október 12".
    for word in word_pattern().finditer(s):
        near = s[max(0, word.start() - 3) : word.start()] + s[word.end() : word.end() + 3]
        if word[0].lower() not in known and DIGIT.search(near):
            return True
    return False


@lru_cache(maxsize=32)
def _known_words(lang: str | None) -> frozenset[str]:
    return frozenset(
        w.lower()
        for w in (
            *month_table(lang)[0],
            *names.RELATIVE_DAYS,
            *names.UNITS,
            *ZONE_WORDS,
            "ago",
            "utc",
            "gmt",
        )
    )
