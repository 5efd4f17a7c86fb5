"""Relative dates ("3 hours ago", "yesterday, 14:05", "just now", and the same in our eleven languages),
anchored to the reference time the caller gives, never to the clock."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from flows.rules import dates_names as names

from .dates_clock import dst_note, find_clock, find_zone, to_utc
from .dates_patterns import alt, word_edges
from .dates_types import Context, ParsedDate, fail

# English plurals said without a number ("hours ago") name no amount; read as one they would be a guess.
_VAGUE_PLURALS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years"})


# Joins between the parts of a compound amount: "1 hour and 30 minutes ago", "2 days, 3 hours ago",
# "vor 1 Stunde 30 Minuten", "hace 1 hora y 30 minutos".
_JOIN = r"\s?(?:,|and|und|et|y|e|и|ve|və)?\s?"
_PART_END = re.compile(r"\.?\s*(?:$|[|·–—]|-\s|(?:,|and|und|et|y|e|и|ve|və)?\s?\d)")
_BARE_MINUTES = re.compile(r"\s?([0-5]\d)(?![\d:.,]|\s\d)")  # not "il y a 2 h 15 000 vues"


@lru_cache(maxsize=1)
def _part_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One more "count unit" part of an amount, just before a part (ending at the string's end) and just
    after one (starting at its start)."""
    start, end = word_edges()
    part = r"(?P<n>(?<![\d,.])\d{1,4})\s?(?P<u>" + alt(names.UNITS) + r")" + end
    return (
        re.compile(start + part + _JOIN + r"\Z", re.IGNORECASE),
        re.compile(_JOIN + part, re.IGNORECASE),
    )


def _compound_seconds(s: str, ago: re.Match[str], count: int, unit: int) -> tuple[int, int]:
    """The whole amount of "1 hour and 30 minutes ago" in seconds, and its smallest unit, where ``ago``
    matched one part of it (``count`` ``unit``s). The parts go from larger units to smaller, as amounts
    are said ("Read in 4 min 3 hours ago" is no amount of 3 hours 4 minutes); a part after the matched one
    ("vor 1 Stunde 30 Minuten") ends the string or comes before a separator ("5 Min. Lesezeit" is a
    reading time). Months and years are not summed (calendar units)."""
    before, after = _part_patterns()
    total, smallest, largest = count * unit, unit, unit
    at = ago.start("n") if ago["n"] else ago.start("n2") if ago["n2"] else ago.start()
    while (m := before.search(s, 0, at)) is not None:
        more = names.UNITS[m["u"].lower()]
        if more <= largest:
            break
        total, largest, at = total + int(m["n"]) * more, more, m.start()
    at = ago.end("u") if ago["u"] else ago.end()
    while ago["u"] and (m := after.match(s, at)) is not None:  # after the unit in "vor 1 Stunde 30 Minuten"
        more = names.UNITS[m["u"].lower()]
        if not (0 < more < smallest) or not _PART_END.match(s, m.end()):
            break
        total, smallest, at = total + int(m["n"]) * more, more, m.end()
    if smallest == 3600 and ago["u"] and (m := _BARE_MINUTES.match(s, at)) and _PART_END.match(s, m.end()):
        total, smallest = total + int(m[1]) * 60, 60  # "il y a 1 h 30": the minutes go without a unit
    return total, smallest


@lru_cache(maxsize=32)
def _relative_patterns(lang: str | None) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    days = [w for w in names.RELATIVE_DAYS if names.RELATIVE_DAY_LANGUAGE_ONLY.get(w, lang) == lang]
    start, end = word_edges()
    day_re = re.compile(start + r"(?P<w>" + alt(days) + r")" + end, re.IGNORECASE)
    count = r"(?P<n>(?<![\d,.])\d{1,4}(?![\d,])|" + alt(names.COUNT_WORDS) + r")"  # not the 000 of 1000
    unit = r"(?P<u>" + alt(names.UNITS) + r")"
    before = r"(?:" + alt(names.AGO_BEFORE) + r")\s" + count + r"?\s?" + unit
    after = count.replace("?P<n>", "?P<n2>") + r"?\s?" + unit.replace("?P<u>", "?P<u2>")
    after += r"\.?\s(?:" + alt(names.AGO_AFTER) + r")"  # "3 hrs. ago"
    ago = start + r"(?:" + before + "|" + after + r")" + end
    now = start + r"(?:" + alt(names.NOW_WORDS) + r")" + end
    return day_re, re.compile(ago, re.IGNORECASE), re.compile(now, re.IGNORECASE)


# Where a CJK "N units ago" stands as a date: alone, after 于/於/约 ("发布于3小时前", "约3小时前") or a
# colon, and before the end, a separator or "published"/"updated" ("3小时前发布"), not inside a sentence
# ("試合開始30分前、", "경기 시작 30분 전 선수들이": before the kick-off, not ago; "18일 전 국민": the 18th).
_CJK_BEFORE = r"(?:(?<![^\W\d_])|(?<=[于於约約：:]))"
_CJK_AFTER = r"(?=\s*(?:$|[·・|•()\[\]\-–—]|发布|發布|更新|配信|投稿))"


@lru_cache(maxsize=1)
def _paired_patterns() -> list[tuple[re.Pattern[str], dict[str, int], tuple[str, ...]]]:
    """One pattern per ago word of the languages added last, with that language's units only."""
    start, end = word_edges()
    out = []
    for word, (units, glued, langs) in names.PAIRED_AGO.items():  # only the CJK words are glued
        body = r"(?<![\d,.])(?P<n>\d{1,4})\s?(?P<u>" + alt(units) + r")" + (r"\s?" if glued else r"\s") + word
        if glued:
            pattern = _CJK_BEFORE + body + _CJK_AFTER
        elif word in names.SINCE_WORDS:  # "för 3 timmar sedan", "3 timer siden" ending the line
            pattern = (
                r"(?:(?P<for>(?<![^\W\d_])f[öo]r\s)|" + start + r")" + body + rf"(?(for){end}|{_LINE_END})"
            )
        else:
            pattern = start + body + end
        out.append((re.compile(pattern, re.IGNORECASE), units, langs))
    return out


_LINE_END = r"(?=\s*(?:$|[·|•()\[\]–—]|-\s))"
_BY_THE = frozenset("于於")  # "请于30日前": by the 30th
_BY_THE_ZH = frozenset("于於约約：:")  # in Chinese also "报名截止：30日前" (Japanese "約3日前" is ago)


def _paired(s: str, lang: str | None) -> tuple[re.Match[str], int] | None:
    """The first "N units ago" of the languages added last (only ``lang``'s when the source names a
    language: "Tesla Model 1 min sedan" on an English page is no Swedish "ago"), and its unit in seconds."""
    found = [
        (m, units[m["u"].lower()])
        for p, units, langs in _paired_patterns()
        if (lang is None or lang in langs) and (m := p.search(s))
    ]
    # "2020年前" is "before 2020", not two thousand years ago; "请于30日前" (zh) is "by the 30th", where
    # Chinese writes 天前 for days ago (Japanese "30日前", "約3日前" are days ago).
    by_the = _BY_THE if lang == "ja" else _BY_THE_ZH  # unless the page is Japanese, as Chinese
    found = [
        f
        for f in found
        if not (f[1] == names.YEAR and int(f[0]["n"]) >= 200)
        and not (f[0]["u"] == "日" and s[max(0, f[0].start() - 1) : f[0].start()] in by_the)
    ]
    return min(found, key=lambda f: f[0].start()) if found else None


# "10년 전 오늘" ("ten years ago today", a column's title) is not today.
_AGO_BEFORE_TODAY = re.compile(r"\d\s?(?:년|개월|주|일)\s?전\s*\Z")


def _calendar_ago(text: str, ref: datetime, count: int, unit: int, ctx: Context) -> ParsedDate:
    """On the calendar: "3 months ago" is a month, not a day (``unit``: MONTH or YEAR, in months back)."""
    local = ref.astimezone(ctx.tz)
    months = local.year * 12 + local.month - 1 + count * unit
    first = datetime(months // 12, months % 12 + 1, 1)  # ValueError for "2024 years ago": the caller's
    return ParsedDate(text, to_utc(first, None, ctx)[0], None, "month", "relative", None)


def _ago(text: str, ref: datetime, seconds: int, unit: int, ctx: Context) -> ParsedDate:
    """``seconds`` before ``ref``, as precise as the smallest ``unit`` written, from the start of it: "3
    hours ago" at 12:37 is 09:00, precision hour (like "2 days ago", that day's midnight); it never said
    the minute."""
    instant = ref - timedelta(seconds=seconds)
    if unit >= 86400:
        local = instant.astimezone(ctx.tz).replace(hour=0, minute=0, second=0, microsecond=0)
        return ParsedDate(
            text, to_utc(local.replace(tzinfo=None), None, ctx)[0], None, "day", "relative", None
        )
    if unit >= 3600:  # the hour on the local clock: a zone 30 minutes off UTC has its own hours
        local = instant.astimezone(ctx.tz).replace(minute=0, second=0, microsecond=0)
        precision, instant = "hour", local.astimezone(UTC)
    elif unit >= 60:
        precision, instant = "minute", instant.replace(second=0, microsecond=0)
    else:
        precision, instant = "second", instant.replace(microsecond=0)
    return ParsedDate(text, instant, None, precision, "relative", None)


def relative_date(text: str, s: str, ctx: Context) -> ParsedDate | None:
    """The relative date written in ``s``, an error if there is one but no reference time, else None."""
    day_re, ago_re, now_re = _relative_patterns(ctx.lang)
    ago, day, now = ago_re.search(s), day_re.search(s), now_re.search(s)
    paired = None if ago else _paired(s, ctx.lang)
    if day and not (ago or paired) and _AGO_BEFORE_TODAY.search(s, 0, day.start()):
        day = None
    if not (ago or paired or day or now):
        return None
    if ctx.ref is None:
        return fail(text, "relative date needs a reference time")
    ref = ctx.ref.astimezone(UTC)
    if paired:
        m, unit = paired
        if unit in (names.MONTH, names.YEAR):
            return _calendar_ago(text, ref, int(m["n"]), unit, ctx)
        return _ago(text, ref, int(m["n"]) * unit, unit, ctx)
    if ago:
        raw = ago["n"] or ago["n2"]
        word = (ago["u"] or ago["u2"]).lower()
        if raw is None and word in _VAGUE_PLURALS:
            return fail(text, f"relative date without a number: {ago[0]!r}")  # "hours ago": how many?
        count = int(raw) if raw and raw.isdigit() else names.COUNT_WORDS.get((raw or "a").lower(), 1)
        if raw is None and word in names.DUAL_UNITS:
            count = 2  # Arabic "منذ ساعتين": two hours
        unit = names.UNITS[word]
        if unit in (names.MONTH, names.YEAR):
            return _calendar_ago(text, ref, count, unit, ctx)
        seconds, unit = _compound_seconds(s, ago, count, unit)
        return _ago(text, ref, seconds, unit, ctx)
    if day:
        back = names.RELATIVE_DAYS[day["w"].lower()]
        local_day = ref.astimezone(ctx.tz).date() - timedelta(days=back)
        found = find_clock(s, day.start(), day.end(), [], ctx)
        if found is None:
            local = datetime(local_day.year, local_day.month, local_day.day)
            return ParsedDate(text, to_utc(local, None, ctx)[0], None, "day", "relative-day", None)
        (hour, minute, second), tail = found
        z = find_zone(s, tail, ctx)
        local = datetime(local_day.year, local_day.month, local_day.day, hour, minute, second or 0)
        utc, offset = to_utc(local, z[0] if z else None, ctx)
        precision = "minute" if second is None else "second"
        note = (f"; zone={z[1]}" if z else "") + dst_note(local, z[0] if z else None, ctx)
        return ParsedDate(text, utc, offset, precision, "relative-day" + note, None)
    return ParsedDate(text, ref.replace(second=0, microsecond=0), None, "minute", "relative-now", None)
