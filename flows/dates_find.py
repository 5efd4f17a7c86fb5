"""Finding every date written on a line (ISO, numeric, worded), and the day/month order of numeric ones.

Each find is a ``Hit``: where it is, what it says and which rule read it; turning hits into an instant is
``flows/dates_resolve.py``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from flows.rules import dates_formats as formats
from flows.rules import dates_names as names
from flows.rules import dates_zones as zones

from .dates_calendars import (
    THAI,
    buddhist_era,
    calendar_hits,
    calendar_year,
    convert,
    era_after,
    solar_hijri_two_digit,
    thai,
    thai_two_digit,
)
from .dates_patterns import (
    ISO,
    ISO_BASIC,
    ISO_MONTH,
    ISO_ORDINAL,
    ISO_WEEK,
    LETTER_RUN,
    NUM_DM,
    NUM_DMY,
    NUM_DMY_SPACED,
    NUM_ERA_JA,
    NUM_ERA_SHORT,
    NUM_MD_JA,
    NUM_YMD,
    NUM_YMD_CJK,
    NUM_YMD_SPACED,
    clash_months,
    month_table,
    text_patterns,
)
from .dates_types import Context, Hit, Written


def find_hits(s: str, ctx: Context) -> tuple[list[Hit], list[tuple[int, str]]]:
    """Every date written on ``s``, in order, and the dates that could not be read (where, and why)."""
    hits: list[Hit] = []
    problems: list[tuple[int, str]] = []

    def add(hit: Hit) -> None:
        if not any(hit.start < o.end and o.start < hit.end for o in hits):
            hits.append(hit)

    # Solar Hijri and Hijri month names first: "۲۰ مهر ۱۴۰۱" holds no other date (a line without Arabic
    # script costs a str.isascii() or one scan).
    for hit in calendar_hits(s, ctx):
        add(hit)
    # A pattern is scanned only where the separator it needs is on the line: each scan costs about 1.3 us,
    # a substring test a few dozen nanoseconds, and a pattern cannot match without its separator.
    dash = "-" in s
    for m in ISO.finditer(s) if dash else ():
        clock = (int(m[4]), int(m[5]), int(m[6]) if m[6] else None) if m[4] else None
        add(Hit(m.start(), m.end(), "iso", int(m[1]), int(m[2]), int(m[3]), clock, "iso"))
    for m in ISO_BASIC.finditer(s):
        clock = (int(m[4]), int(m[5]), int(m[6]) if m[6] else None) if m[4] else None
        add(Hit(m.start(), m.end(), "iso-basic", int(m[1]), int(m[2]), int(m[3]), clock, "iso"))
    for m in ISO_WEEK.finditer(s) if "W" in s else ():
        try:
            week_day = date.fromisocalendar(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:  # week 54, year 0: not a date, but the line may hold another
            continue
        add(Hit(m.start(), m.end(), "iso-week", week_day.year, week_day.month, week_day.day, None, "iso"))
    for m in ISO_ORDINAL.finditer(s) if dash else ():
        if not (1 <= int(m[2]) <= 366 and int(m[1]) > 0):
            continue
        if m[3] is None and (m.start(), m.end()) != (0, len(s)):
            continue  # "Report No. 2022-045": without a time, only a string that is nothing else
        if int(m[2]) == 366 and not calendar.isleap(int(m[1])):
            # "2022-366": no such day (it was read as 2023-01-01), an error as "2022-02-29" is
            problems.append((m.start(), f"invalid date {m[0]!r}: {m[1]} has 365 days"))
            continue
        nth = date(int(m[1]), 1, 1) + timedelta(days=int(m[2]) - 1)
        clock = (int(m[3]), int(m[4]), int(m[5]) if m[5] else None) if m[3] else None
        add(Hit(m.start(), m.end(), "iso-ordinal", nth.year, nth.month, nth.day, clock, "iso"))
    slash_or_dot = "/" in s or "." in s
    for m in NUM_YMD.finditer(s) if slash_or_dot else ():
        add(Hit(m.start(), m.end(), "numeric-ymd", int(m[1]), int(m[3]), int(m[4]), None, "iso"))
    if "年" in s:
        for m in NUM_ERA_JA.finditer(s):
            era_year = formats.ERA_BASES[m[1]] + (1 if m[2] == "元" else int(m[2]))
            if m[3] is None:
                problems.append((m.start(), f"a Japanese era year without a month in {m[0]!r}"))
                continue
            add(Hit(m.start(), m.end(), "japanese-era", era_year, int(m[3]), int(m[4]) if m[4] else None))
    for m in NUM_ERA_SHORT.finditer(s) if slash_or_dot else ():
        era_year = formats.ERA_BASES[m[1]] + int(m[2])
        add(Hit(m.start(), m.end(), "japanese-era", era_year, int(m[3]), int(m[4])))
    if "月" in s or "월" in s:  # a substring test first: these scans cost 4 us on every other string
        for m in NUM_YMD_CJK.finditer(s):
            add(Hit(m.start(), m.end(), "numeric-ymd-cjk", int(m[1]) if m[1] else None, int(m[2]), int(m[3])))
    if ")" in s or "）" in s:
        for m in NUM_MD_JA.finditer(s):
            add(Hit(m.start(), m.end(), "numeric-ymd-cjk", None, int(m[1]), int(m[2])))
    if ". " in s:
        for m in NUM_YMD_SPACED.finditer(s):
            add(Hit(m.start(), m.end(), "numeric-ymd", int(m[1]), int(m[2]), int(m[3])))
    table = month_table(ctx.lang)[0]
    for kind, pattern in text_patterns(ctx.lang) if LETTER_RUN.search(s) else ():
        for m in pattern.finditer(s):
            month = table.get(m["mon"].lower().replace("\u0307", "").rstrip("."))  # EKİM: drop the dot
            if month is None:
                continue
            day = int(m["d"]) if "d" in pattern.groupindex else None
            start = m.start()
            if (
                day is not None
                and "rend" in pattern.groupindex
                and m["rend"]
                and not 0 < day < int(m["rend"])
            ):
                # "19–12 October", "14 h 30–12 Oct": no range (it would end before it starts); the date
                # starts at the second number, and what stands before it (a time) stays free.
                day, start = int(m["rend"]), m.start("rend")
            year = m["y"] or next((m[g] for g in ("y2", "y4") if g in pattern.groupindex and m[g]), None)
            value = _year(year)
            if value is not None and len(year or "") == 2 and THAI.match(m["mon"]):
                value = thai_two_digit(value, ctx.ref)
            add(Hit(start, m.end(), kind, value, month, day))
    if ctx.lang is None:
        clash, clash_pattern = clash_months()
        for m in clash_pattern.finditer(s) if LETTER_RUN.search(s) else ():
            word = m["mon"].lower()
            languages = ", ".join(code for code, words in names.MONTHS.items() if word in words)
            kind = f"text-dmy; {word!r} read as month {clash[word]} ({languages}), no locale"
            add(Hit(m.start(), m.end(), kind, int(m["y"]), clash[word], int(m["d"])))
    for m in ISO_MONTH.finditer(s) if dash else ():
        add(Hit(m.start(), m.end(), "iso-month", int(m[1]), int(m[2]), None, None, "iso"))
    evidence: set[Written] = {(h.year, h.month, h.day) for h in hits if h.day is not None}
    numeric = list(NUM_DMY.finditer(s)) if dash or slash_or_dot else []
    # "Posted 12/10/2022; Updated 12/25/2022": the second can only be month first, so the first is too.
    by_value: dict[str, str] = {}  # separator -> the order a value over 12 proved
    for m in numeric:
        a, b = int(m[1]), int(m[3])
        if a > 12 >= b or b > 12 >= a:
            by_value.setdefault(m[2], "dmy" if a > 12 else "mdy")
    for m in numeric:
        a, b, year = int(m[1]), int(m[3]), _year(m[4])
        if year is not None and len(m[4]) == 2 and thai(s, ctx):
            year = thai_two_digit(year, ctx.ref)  # "12/10/65" on a Thai page is BE 2565
        if len(m[4]) == 2 and ctx.lang == "fa" and solar_hijri_two_digit(a, b, int(m[4]), ctx.ref):
            # "۰۱/۰۷/۲۰" on a Persian page is 1401/07/20 in the Solar Hijri calendar, not 2020 (review)
            problems.append((m.start(), f"two-digit year in {m[0]!r} on a Persian page: a Solar Hijri year?"))
            continue
        if len(m[4]) == 2 and ctx.lang in zones.YEAR_FIRST_LANGUAGES and 1 <= b <= 12 and a >= 13:
            # "22.10.12" on a Korean, Japanese or Chinese page is 2022-10-12 (year first), not 22 October 2012
            add(Hit(m.start(), m.end(), "numeric-ymd (by locale)", _year(m[1]), b, int(m[4])))
            continue
        if not (1 <= a <= 12 or 1 <= b <= 12):  # no locale helps: was "ambiguous ...: give a locale"
            problems.append((m.start(), f"invalid date {m[0]!r}: neither {a} nor {b} can be a month"))
            continue
        if 0 in (a, b):
            problems.append((m.start(), f"invalid date {m[0]!r}: 0 is no day and no month"))
            continue
        decided = day_month_order(a, b, m[2], year, evidence, ctx, by_value.get(m[2]))
        if decided is None and era_after(s, m.end()):
            decided = (
                "dmy",
                "by its era",
            )  # "03/02/1416 هـ": Hijri and Solar Hijri dates are never month first
        if decided is None:
            problems.append((m.start(), f"ambiguous day/month order in {m[0]!r}: give a locale"))
            continue
        order, why = decided
        day, month = (a, b) if order == "dmy" else (b, a)
        add(Hit(m.start(), m.end(), f"numeric-{order} ({why})", year, month, day))
    for m in NUM_DM.finditer(s) if numeric else ():
        if not any(n.start() > m.start() and n[2] == m[2] for n in numeric):
            continue  # only before a dated numeric date written alike ("3/2 on 12 October" is a score)
        a, b = int(m[1]), int(m[3])
        if m[2] == "." and not m[0].endswith("."):
            if _time_place(s, m.start(), m.end(), hits, a <= 23 and len(m[3]) == 2 and b <= 59):
                continue  # "19.11.2024 kl. 10.12 Oppdatert 19.11.2024": a dotted time, not 10 December
            if _VERSION_WORD.search(s, max(0, m.start() - 12), m.start()):
                continue  # "Version 2.1 released 19.11.2024": a version, not 2 January (review)
        if any(m.start() < h.end and h.start < m.end() for h in hits):
            continue
        decided = day_month_order(a, b, m[2], None, evidence, ctx, by_value.get(m[2]))
        if decided is None or not (1 <= (b if decided[0] == "dmy" else a) <= 12):
            continue
        if not 1 <= (a if decided[0] == "dmy" else b) <= 31:
            continue  # "Revenue of 3.45 billion on 19.11.2024": a number, no day (was an error, review)
        day, month = (a, b) if decided[0] == "dmy" else (b, a)
        add(Hit(m.start(), m.end(), f"numeric-{decided[0]} ({decided[1]})", None, month, day))
    for m in NUM_DMY_SPACED.finditer(s):
        add(Hit(m.start(), m.end(), "numeric-dmy", int(m[3]), int(m[2]), int(m[1])))
    hits.sort(key=lambda h: h.start)
    if any(h.calendar or calendar_year(h.year) for h in hits):
        hits = convert(s, hits, problems, ctx)
    if thai(s, ctx):
        hits = buddhist_era(hits)
    for i, hit in enumerate(hits):  # "12 октября" beside "2022-10-12T14:23": the year is on the line
        if hit.year is None:
            same = [h.year for h in hits if h.year is not None and (h.month, h.day) == (hit.month, hit.day)]
            if same:
                hits[i] = replace(hit, year=same[0])
            elif later := [h for h in hits[i + 1 :] if h.year is not None and h.day is not None]:
                # "Published Oct 12, updated Oct 14, 2022": the year of the next date, or the one before
                # it when the yearless date falls after that one in its year ("Dec 30, updated Jan 2").
                year = later[0].year
                assert year is not None
                after = (hit.month, hit.day or 1) > (later[0].month, later[0].day)
                hits[i] = replace(
                    hit, year=year - 1 if after else year, kind=f"{hit.kind}; year from the line"
                )
    return hits, problems


_CLOCK_WORD = re.compile(r"(?i:(?<![^\W\d_])(?:kl|klo|kello|ore|om|alle|um|at|à)\.?\s?)\Z")
_AFTER_DATE = re.compile(r"[\s,]{1,3}\Z")
_VERSION_WORD = re.compile(
    r"(?i:(?<![^\W\d_])(?:version|ver\.?|v|release|ios|android|windows|firmware)\s?)\Z"
)
_BEFORE_DATE = re.compile(r"\s*[|·•]?\s*")  # no dash or comma: "12.10 – 19.11.2024" is a range (review)


def _time_place(s: str, at: int, end: int, hits: list[Hit], clock: bool) -> bool:
    """Whether a yearless "10.12" at ``at:end`` stands where a time does: after a clock word, right after
    a date with its year, or, when it reads as a time (``clock``), right before one ("10.05 | 19.11.2024":
    it was 10 May, review)."""
    if _CLOCK_WORD.search(s, max(0, at - 8), at):
        return True
    return any(
        h.year is not None
        and (
            (h.end <= at and _AFTER_DATE.fullmatch(s, h.end, at))
            or (clock and h.start >= end and _BEFORE_DATE.fullmatch(s, end, h.start))
        )
        for h in hits
    )


def _year(raw: str | None) -> int | None:
    """Four digits as written; two digits (``22``, ``'22``) pivot at 70: 00-69 is 20xx, 70-99 is 19xx."""
    if raw is None:
        return None
    digits = raw.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    return 2000 + int(digits) if int(digits) < 70 else 1900 + int(digits)


def day_month_order(
    a: int,
    b: int,
    sep: str,
    year: int | None,
    evidence: set[Written],
    ctx: Context,
    line_order: str | None = None,
) -> tuple[str, str] | None:
    """Day-first ("dmy") or month-first ("mdy") for a numeric date, and what decided; None if nothing did.
    ``line_order`` is what another numeric date on the line proved by its value (13/10, 12/25)."""
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
    if line_order is not None:  # beats the locale: the page itself says how it writes dates
        return line_order, "by another date on the line"
    if sep == ".":  # dotted dates are day first wherever they are written (de, ru, tr, az ...)
        return "dmy", "dotted"
    if ctx.region:
        return ("mdy" if ctx.region in zones.MONTH_FIRST_REGIONS else "dmy"), "by locale"
    if ctx.lang:
        return ("mdy" if ctx.lang in zones.MONTH_FIRST_LANGUAGES else "dmy"), "by locale"
    return None
