"""The last resort for a date string none of our rules read: dateparser, but only for a short line with a
word our tables do not know right beside a number (a month name in a language we have no rules for),
with explicit languages and settings. Its cost grows with the length and the number of tokens."""

from __future__ import annotations

import re
from datetime import UTC
from functools import lru_cache

from flows.rules import dates_names as names

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
    from dateparser.date import DateDataParser  # imported late: it costs ~0.3 s and is rarely needed

    decided = day_month_order(1, 2, "/", None, set(), ctx)
    order = "MDY" if decided is not None and decided[0] == "mdy" else "DMY"
    settings: dict[str, object] = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": ctx.tz_name or "UTC",
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
    try:  # the source's language when dateparser knows it (it knows ~200), else English only
        data = DateDataParser(languages=[ctx.lang or "en"], settings=settings).get_date_data(s)
    except ValueError:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(s)
    if data is None or data.date_obj is None:
        if ctx.lang is None:  # "12 października 2022" without a language was read as English only
            return fail(
                text,
                "no date found: a word beside a number is no English month; say the language (e.g. --locale pl)",
            )
        if ctx.lang not in names.MONTHS:  # a language without month names here: every language's were read
            return fail(text, "no date found")
        # "12 Oktober 2022" with the locale en_US: found by a docs review, with no word of why.
        known = "English" if ctx.lang == "en" else f"{ctx.lang} or English"
        return fail(
            text,
            f"no date found: a word beside a number is no month in {known}; with a locale, only its "
            "language's month names (and English) are read",
        )
    utc = data.date_obj.astimezone(UTC)
    clock = TIME.search(s)  # dateparser reports period "day" even when it read a time
    precision = ("second" if clock["s"] else "minute") if clock else _PERIODS.get(data.period or "", "day")
    local = utc.astimezone(ctx.tz)
    if precision == "day" and (local.hour, local.minute, local.second) != (0, 0, 0):
        # A time TIME does not read ("klo 16.23"): "day" promises local midnight (found by review).
        precision = "second" if local.second else "minute"
    return ParsedDate(text, utc, None, precision, "dateparser", None)


def worth_a_fallback(s: str, ctx: Context) -> bool:
    """The cheap pre-filter: everything numeric or in our eleven languages was already tried by the rules,
    so dateparser only gets a short line with a word we do not know right beside a number."""
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
