"""Dates written in the Solar Hijri (Jalali, Iran and Afghanistan) and Hijri (Islamic) calendars, as
Gregorian hits: "۲۰ مهر ۱۴۰۱", "1401/07/20" on a Persian page, "16 ربيع الأول 1444 هـ", "16/03/1444هـ".

Converted only when the calendar is evident: its month names, an era written after the year (هـ, ه.ش,
AH), or a numeric date whose year (1300-1500) no Gregorian news date has on a Persian page. Otherwise such
a year stays unconverted, and ``flows.dates`` says which calendar it may be. A Gregorian date on the same
line is preferred, as before these calendars were read (Arabic sites print both; a Hijri month's first day
depends on the moon's sighting, so the two may differ by a day). The arithmetic is the libraries':
jdatetime (the Iranian calendar's 33-year rule) and hijridate (Umm al-Qura, 1343-1500 AH).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import lru_cache

from flows.rules import dates_formats as formats
from flows.rules import dates_names as names

from .dates_patterns import alt, word_edges
from .dates_types import Context, Hit

SOLAR_HIJRI = "Solar Hijri"
HIJRI = "Hijri"


def calendar_year(year: int | None) -> bool:
    """A year of these calendars that news dates have (Solar Hijri 1369-1419 and Hijri 1410-1462 are
    1990-2040), and that no Gregorian news date has."""
    return year is not None and 1300 <= year <= 1500


def solar_hijri_two_digit(year: int, month: int, day: int, ref: datetime | None) -> bool:
    """Whether "۰۱/۰۷/۲۰" read year first in the Solar Hijri calendar (1401/07/20) is a day news dates
    have, from 1990 to the reference day: then a two-digit year on a Persian page is refused as
    ambiguous. "12.10.22" would be 1412/10/22, in 2033: it is the Gregorian 12 October 2022 (a review
    found a page that declares Persian lose such a dateline's time)."""
    last = (ref or datetime.now(UTC)).date()
    for century in (1300, 1400):
        try:
            day_of = to_gregorian(SOLAR_HIJRI, century + year, month, day)
        except ValueError:
            continue
        if date(1990, 1, 1) <= day_of <= last:
            return True
    return False


# The language whose pages write numeric dates in the Solar Hijri calendar ("1401/07/20", "1401-07-20"):
# Persian, Iran's and Afghanistan's (fa-AF; the locale check knows no "prs").
SOLAR_HIJRI_LANGUAGES = frozenset({"fa"})
# The language whose numeric dates with such a year are Hijri (Saudi Arabia's, Umm al-Qura): Arabic.
HIJRI_LANGUAGES = frozenset({"ar"})
# Arabic script: a line without it has no month word of these calendars (a cheap test before the scan).
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


@lru_cache(maxsize=1)
def _era_after() -> re.Pattern[str]:
    """The era written right after a numeric date: "16/03/1444هـ", "1401/07/20 ه.ش". Built on first use:
    the word edge lists the combining marks (8 ms), which most processes never need."""
    return re.compile(r"\s?" + formats.CALENDAR_ERA + word_edges()[1])


# Spellings that differ only by the letter forms Arabic and Persian keyboards type: Arabic yeh, Persian yeh
# and alef maksura; Arabic and Persian kaf; alef with or without hamza or madda; final ta marbuta or heh.
_LETTER_FORMS = {
    "ي": "يیى",
    "ی": "يیى",
    "ى": "يیى",
    "ك": "كک",
    "ک": "كک",
    "أ": "أا",
    "إ": "إا",
    "آ": "آا",
    "ة": "ةه",
}


def spellings(word: str) -> set[str]:
    """``word`` in every mix of the letter forms above, and "ذو الحجة" also glued ("ذوالحجة")."""
    options = [_LETTER_FORMS.get(ch, ch) for ch in word]
    found = {"".join(chars) for chars in itertools.product(*options)}
    return found | {
        w.replace("ذو ", "ذو").replace("ذي ", "ذي") for w in found if w.startswith(("ذو ", "ذي "))
    }


@lru_cache(maxsize=2)
def _months(with_dari: bool) -> tuple[dict[str, tuple[str, int]], re.Pattern[str]]:
    """Month word -> (calendar, month), and the pattern of a date written with one."""
    tables = [(SOLAR_HIJRI, names.SOLAR_HIJRI_MONTHS), (HIJRI, names.HIJRI_MONTHS)]
    if with_dari:
        tables.append((SOLAR_HIJRI, names.DARI_MONTHS))
    table = {
        spelling: (calendar, month)
        for calendar, months in tables
        for word, month in months.items()
        for spelling in spellings(word)
    }
    month = r"(?P<mon>" + alt(table) + r")"
    edge = word_edges()[1]
    return table, re.compile(formats.CALENDAR_DMY.replace("{month}", month).replace("{edge}", edge))


def month_date_pattern() -> re.Pattern[str]:
    """A date written with a Solar Hijri or Hijri month name ("۲۰ مهر ۱۴۰۱", "16 ربيع الأول 1444 هـ"), not
    Dari's (ordinary words on Arabic pages): what the page finders look for (``flows.html_dates``)."""
    return _months(False)[1]


@lru_cache(maxsize=2)
def numeric_date_pattern(solar: bool) -> re.Pattern[str]:
    """A numeric date with a year of these calendars ("۱۴۰۱/۰۷/۲۰", "16/03/1444هـ") as the page finders
    look for it (``flows.html_dates``), by the parser's rules: with an era written after it, or on a
    page read as Persian (``solar``) with or without one (a year 1300-1500 is Solar Hijri there)."""
    era = r"\s?" + formats.CALENDAR_ERA + word_edges()[1]
    return re.compile(formats.CALENDAR_NUMERIC + (f"(?:{era})?" if solar else era))


def calendar_hits(s: str, ctx: Context) -> list[Hit]:
    """The dates on ``s`` written with a Solar Hijri or Hijri month name, in their own calendar's numbers
    (``convert`` makes them Gregorian)."""
    if s.isascii() or not ARABIC_SCRIPT.search(s):
        return []
    table, pattern = _months(ctx.lang != "ar")
    hits = []
    for m in pattern.finditer(s):
        calendar, month = table[m["mon"]]
        hits.append(Hit(m.start(), m.end(), "text-dmy", int(m["y"]), month, int(m["d"]), calendar=calendar))
    return hits


def era_after(s: str, at: int) -> bool:
    """Whether a Hijri or Solar Hijri era is written at ``at`` (after a numeric date's year)."""
    return _era_after().match(s, at) is not None


def _numeric_calendar(s: str, hit: Hit, ctx: Context) -> tuple[str, int] | None:
    """The calendar of a numeric date with a year in ``calendar_year``, and where the date ends (past an
    era written after it); None when nothing says which calendar it is."""
    if era := _era_after().match(s, hit.end):
        return (SOLAR_HIJRI if era["solar"] else HIJRI), era.end()
    if ctx.lang in SOLAR_HIJRI_LANGUAGES:
        return SOLAR_HIJRI, hit.end
    if ctx.lang in HIJRI_LANGUAGES:  # "16/03/1444" from an Arabic source: no Gregorian news date has 1444
        return HIJRI, hit.end
    return None


def convert(s: str, hits: list[Hit], problems: list[tuple[int, str]], ctx: Context) -> list[Hit]:
    """``hits`` with every Solar Hijri and Hijri date made Gregorian; a date that is not one of its
    calendar (30 Esfand of a common year, a Hijri year outside Umm al-Qura's table) is added to
    ``problems`` instead. Numeric dates are found as Gregorian ones first and get their calendar here."""
    marked = []
    for hit in hits:
        found = None
        if hit.calendar is None and calendar_year(hit.year) and hit.day is not None:
            found = _numeric_calendar(s, hit, ctx)
        if found:
            hit = replace(hit, calendar=found[0], end=found[1])
        marked.append(hit)
    if not any(h.calendar for h in marked):
        return hits
    if any(h.calendar is None and h.year is not None and not calendar_year(h.year) and h.day for h in marked):
        # "الأحد 16 ربيع الأول 1444 هـ - 12 أكتوبر 2022 م": the Gregorian date, as before
        return [h for h in marked if h.calendar is None]
    converted = []
    for hit in marked:
        if hit.calendar is None:
            converted.append(hit)
            continue
        assert hit.year is not None and hit.day is not None
        try:
            day = to_gregorian(hit.calendar, hit.year, hit.month, hit.day)
        except ValueError as exc:
            problems.append((hit.start, f"invalid date {s[hit.start : hit.end]!r}: {exc}"))
            continue
        kind = f"{hit.kind}; {hit.calendar}" + (" (Umm al-Qura)" if hit.calendar == HIJRI else "")
        converted.append(replace(hit, kind=kind, year=day.year, month=day.month, day=day.day))
    problems.sort(key=lambda p: p[0])
    return converted


# Thai text: its letters. Thai dates count years in the Buddhist era, 543 years ahead (BE 2565 is 2022);
# a year from 2400 on in Thai text (or with the locale th) is one, a Gregorian year stays as it is.
THAI = re.compile(r"[\u0e00-\u0e7f]")
BUDDHIST_ERA = "Buddhist era"
BUDDHIST_ERA_OFFSET = 543
_BUDDHIST_YEARS = range(2400, 2700)
# The era's abbreviation before a year: พ.ศ. (Buddhist), ค.ศ. (Christian: the year is Gregorian).
_THAI_ERA = re.compile(r"(?<![^\W\d_])[พค]\.\s?ศ\.?\s?(?=\d)")
# An abbreviated month glued to its two-digit year: "12 ต.ค.65" is "12 ต.ค. 65".
_THAI_GLUED_YEAR = re.compile(r"(?<=[\u0e00-\u0e7f]\.[\u0e00-\u0e7f]\.)(?=\d\d(?!\d))")


def thai(s: str, ctx: Context) -> bool:
    return ctx.lang == "th" or ctx.thai or (not s.isascii() and THAI.search(s) is not None)


def thai_spacing(s: str) -> str:
    """``s`` (Thai text) without era abbreviations before a year, and with a space between an abbreviated
    month and the two-digit year glued to it: "วันที่ 12 ตุลาคม พ.ศ. 2565", "12 ต.ค.65" are how Thai news
    writes them, and the month patterns want a year right after the month."""
    return _THAI_GLUED_YEAR.sub(" ", _THAI_ERA.sub("", s))


def thai_two_digit(year: int, ref: datetime | None) -> int:
    """A two-digit year in Thai is the Buddhist era's when that is a year news has, 1990 to the year after
    the reference ("12 ต.ค. 65" is BE 2565, 2022); else ``year`` as read (a Gregorian "12/10/22")."""
    buddhist = 2500 + year % 100
    last = (ref or datetime.now(UTC)).year + 1
    return buddhist if 1990 <= buddhist - BUDDHIST_ERA_OFFSET <= last else year


def thai_year(raw: str, ref: datetime | None = None) -> int:
    """The Gregorian year of a year written beside a Thai month: "2565" and "65" are 2022, "2022" stays."""
    year = int(raw)
    if len(raw) == 2:
        year = thai_two_digit(year, ref)
        if year < 100:
            year += 2000 if year < 70 else 1900
    return year - BUDDHIST_ERA_OFFSET if year in _BUDDHIST_YEARS else year


def buddhist_era(hits: list[Hit]) -> list[Hit]:
    """``hits`` of Thai text with their Buddhist-era years made Gregorian, before any date is built: 29
    February of BE 2567 (2024) was refused, 2567 being no leap year."""
    return [
        replace(h, year=h.year - BUDDHIST_ERA_OFFSET, kind=f"{h.kind}; {BUDDHIST_ERA}")
        if h.year is not None and h.year in _BUDDHIST_YEARS and h.calendar is None
        else h
        for h in hits
    ]


def to_gregorian(calendar: str, year: int, month: int, day: int) -> date:
    """The Gregorian day of a Solar Hijri or Hijri date; ``ValueError`` saying why when there is none."""
    written = f"{year}-{month:02d}-{day:02d}"
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month} in the {calendar} calendar ({written})")
    if calendar == SOLAR_HIJRI:
        import jdatetime  # imported on first use: most processes never meet a Solar Hijri date

        try:
            gregorian: date = jdatetime.date(year, month, day).togregorian()
        except ValueError as exc:
            if month == 12 and day == 30:
                raise ValueError(
                    f"{year} is no Solar Hijri leap year: Esfand has 29 days ({written})"
                ) from None
            if "day" in str(exc):
                raise ValueError(
                    f"no day {day} in month {month} of the Solar Hijri calendar ({written})"
                ) from None
            raise ValueError(f"no Solar Hijri date {written}: {exc}") from None
        return gregorian
    from hijridate import Hijri

    try:
        return Hijri(year, month, day).to_gregorian()
    except OverflowError:
        raise ValueError(
            f"Hijri year {year} is outside the Umm al-Qura calendar's table (1343-1500 AH) ({written})"
        ) from None
    except ValueError:
        raise ValueError(
            f"no day {day} in month {month} of {year} in the Umm al-Qura Hijri calendar ({written})"
        ) from None
