"""Times and zones around a date: the clock written beside it, the zone after the clock, the instant a
local time and zone make, and how far past the reference time a date may be (clock skew)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from flows.rules import dates_formats as formats
from flows.rules import dates_names as names
from flows.rules import dates_zones as zones

from .dates_patterns import (
    DURATION_AFTER,
    GAP,
    GAP_BEFORE,
    PUBLISH_WORD,
    TIME,
    ZONE,
    ZONE_LEAD,
    ZONE_WORDS,
    iana_names,
)
from .dates_types import Context, Hit

FUTURE_SLACK_KNOWN = timedelta(minutes=10)  # clock skew when the string names its offset
FUTURE_SLACK_UNKNOWN = timedelta(hours=15)  # when it does not: the zone may be up to UTC+14

# News agencies credited in brackets after a dateline's time ("16:23 (NTB)"): no zone.
_AGENCIES = (
    "(?:NTB|STT|AFP|TT|PAP|ANSA|EFE|AP|DPA|APA|SDA|ATS|ANP|BNS|CTK|ČTK|MTI|TASR|BELGA|LUSA|EPA|KNA|AAP|CP|UPI"
    "|AA|DHA|IHA|TASS|ABC|BBC|CNN|RTÉ|NOS|SVT|YLE|DR|NRK|ORF|ZDF|ARD|RAI|HINA|STA|BTA|ERR|LETA|ELTA|PTI|IANS"
    "|KYODO|YONHAP|XINHUA)"
)
# A word in capitals right after a time, where a zone stands ("14:23 XST", "2 p.m. (HAST)"), that the
# zone tables do not know.
UNKNOWN_ZONE = re.compile(
    formats.ZONE_LEAD
    + r"((?!"
    + _AGENCIES
    + r"(?![^\W\d_]))[A-Z]{1,4}T(?![^\W\d_])"  # shaped like a zone: "14:23 XST", not "AFP"
    r"|(?<=\()(?!" + _AGENCIES + r"\))[A-ZÀ-ÖØ-Þİ]{2,5}(?=\))"  # any capitals in brackets: "14:23 (HAST)"
    # a zone spelt out: "2:23 PM Samoa Standard Time" (Windows' "E. Africa Standard Time": below)
    r"|(?!Local[ -]Time)(?:[A-Z][a-z]+[ -]){1,3}Time\b"
    # an offset out of range: "+15:00", "+2400", "UTC+24" (not "+1 more", "-2 min read")
    r"|(?:(?:UTC|GMT)\s?[+\-\u2212]\d{1,4}|[+\-\u2212]\d{2}:?\d{2})(?::?\d{2})?(?![\d:])"
    r"|[A-Z][a-z]+/[A-Za-z_]+"  # a zone name the database does not have: "Asia/Atlantis"
    # a local time spelt out in Arabic, Persian, Russian, Ukrainian or Hebrew that the zone table does not
    # name; not "local time" itself (по местному времени, به وقت محلی), which says no more than a time
    # without a zone: read in the source's time zone, as the English "local time" is (review)
    r"|بتوقيت\s+(?!محلي|المحلي)\S+|به\s+وقت\s+(?!محلی)\S+|по\s+(?!местному)\w+\s+времени"
    r"|за\s+(?!місцевим)\w+\s+часом|שעון\s+(?!מקומי)\S+|توقيت\s+(?!محلي|المحلي)[^\s)]+"
    # ... or in Spanish, Portuguese, French, Italian or German ("14:23 hora de Maracaibo", "hora oficial",
    # "heure de Bouaké", "Bielefelder Zeit"), or a Windows name with an initial ("E. Africa Standard
    # Time"): the shapes the twenty-first session added, group "spelt". With the source's zone set such a
    # time is read in it, as before that session; without one it is dropped (flows.dates_resolve). Not
    # "hora local", "heure locale", "Ortszeit" (local: no zone); a city's ("hora de Lima", "heure de
    # Dakar") is read by find_zone first.
    r"|(?P<spelt>(?!Local[ -]Time)(?:(?:[A-Z][a-z]+|[A-Z]\.|[A-Z]{2,4})[ -]){1,3}Time\b"
    r"|(?:[Hh]or[aá]rio|[Hh]ora|[Hh]eure)\s(?!locale?(?![^\W\d_])|legal)"
    r"(?:(?:de|del|da|do|du)\s|d['’])?(?:l['’]|la\s|el\s)?[^\W\d_]{3,}(?:[ -](?:de\s)?[A-ZÀ-Þ][^\W\d_]+){0,2}"
    r"|ora\s(?:di|del|della)\s[^\W\d_]{3,}"
    r"|[A-ZÄÖÜ][a-zäöüß]{1,20}er\sZeit(?![^\W\d_])|(?<![^\W\d_])[a-zäöü]{1,20}ischer\s(?:Sommer)?[Zz]eit(?![^\W\d_])))"
)

# A zone in lower case that is also a word of a language the parser reads ("et", "est", "ist", "cet"): read
# as a zone only right after "am"/"pm", where English text puts its zone ("2:23 pm et"), and not before
# another number ("2 pm et 3 pm").
_MERIDIEM_BEFORE = re.compile(r"(?i:(?<![^\W\d_])[ap]\.?\s?m\b\.?)\s*\Z")  # "3pm" too: no \b after a digit
_LOWER_WORD_ZONE = re.compile(r"\(?([a-z]{2,4})\b\)?(?!\s*\d)")

_Clock = tuple[int, int, int | None]  # hour, minute, second (None: not written)

# A time with a dot right after the date, or after the Nordic "kl.", Finnish "klo", Italian "ore"/"alle" or
# Dutch "om", Thai "เวลา" ("19.11.2024 16.23", "19 nov. 2024 kl. 16.23", "19 november 2024 om 16.23 uur",
# "kl.16:23", "12 ต.ค. 2565 เวลา 14.30 น."; Thai "น." ends a time as "uur" does):
# TIME takes "14.23" only before "Uhr", a zone or am/pm, as "12.10" elsewhere is more often a day and a
# month. Without a marker word only where a dateline surely ends: at the string's end (a separator may
# come first), before "uur"/"h" or before an update word. Five reviews found prices, tables, versions,
# thousands ("alle 10.000 famiglie") and durations after dates read as times: a time missed is day
# precision, as before; a price read as a time is a wrong instant.
_AMOUNT = (
    r"(?i:euros?|eur|usd|dollars?|nok|sek|dkk|kr|chf|gbp|pln|zł|złotych|kč|ft|lei|tl|pkt|pts|points?)"
    r"(?![^\W\d_])"
)
_DOTTED_AFTER = re.compile(
    r"(?P<gap>[\s,|·–—-]{1,4})(?:(?P<kl>(?i:kl|klo|kello|ore|om|alle|เวลา))\.?\s?)?(?P<h>[01]?\d|2[0-3])(?:\.|(?(kl):|(?!)))"
    r"(?P<m>[0-5]\d)(?!\d|[.,]\d|\s?(?:[%€$£¥₹]|(?i:[ap]\.?\s?m\b)|" + _AMOUNT + r"))"
    r"(?(kl)|(?=[\s|·•–—-]*$|\s*(?:(?i:uur|uhr|h|hrs|klo?ck)(?![^\W\d_])|น\.)|[\s|·•–—-]*"
    + formats.UPDATE_WORD
    + r"))"
)

# "<city> time": the zone database names the city ("Moscow time" is Europe/Moscow). Other words before
# "time" ("Full time", "Reading time: 3 min") name no zone and are left alone.
_NAME = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+"  # Latin-1 letters too: "Brasília", "São Paulo", "Türkiye"
_CITY_TIME = re.compile(
    rf"((?:{_NAME}|UK|UAE)(?:(?:[ -](?:es|of|de|do|da|del|al|el))?[ -]{_NAME}){{0,2}})[ -][Tt]ime(?![^\W\d_])"
)
# "hora de Lima", "horário de Luanda", "heure de Dakar", "heure d'Abidjan", "ora di Milano": a city, read as
# "<city> time" is (with zones.CITY_NAMES: "Alger", "Quito", "Milano"). The listed ones ("hora de Madrid")
# are zones.ZONES's; an unknown city is UNKNOWN_ZONE's "spelt" shape. Until the twenty-first session the
# time was read in the source's zone; its first change dropped it (review).
_CITY_HOUR = re.compile(
    r"(?:(?:[Hh]or[aá]rio|[Hh]ora|[Hh]eure)\s(?:de|del|da|do|du)\s(?:l[ae]\s|l['’])?|[Hh]eure\sd['’]"
    r"|[Oo]ra\s(?:di|de|del)\s)"
    rf"(?P<city>{_NAME}(?:(?:[ -](?:es|of|de|do|da|del|al|el|la|à))?[ -]{_NAME}){{0,2}})"
)
_NAME_START = re.compile(r"[ -](?=[A-ZÀ-ÖØ-Þ])")
# Places news names in "<place> time" that are no city of the database, or a country of one zone.
_CITY_ALIASES = {
    "UK": "Europe/London",
    "Sri Lanka": "Asia/Colombo",
    "Bangladesh": "Asia/Dhaka",
    "Rio de Janeiro": "America/Sao_Paulo",
    "Saint Petersburg": "Europe/Moscow",
    "St Petersburg": "Europe/Moscow",
    "Quebec": "America/Toronto",
    "Québec": "America/Toronto",
    "Kyiv": "Europe/Kyiv",
    "Kiev": "Europe/Kyiv",
    "Ukraine": "Europe/Kyiv",
    "Beijing": "Asia/Shanghai",  # Xinhua, CGTN: "20:00 Beijing time"
    "China": "Asia/Shanghai",
    "Hawaii": "Pacific/Honolulu",
    "Washington": "America/New_York",  # the capital, as the wires write it
    "Brasília": "America/Sao_Paulo",
    "Brasilia": "America/Sao_Paulo",
    "São Paulo": "America/Sao_Paulo",
    "Delhi": "Asia/Kolkata",
    "New Delhi": "Asia/Kolkata",
    "Mumbai": "Asia/Kolkata",
    "India": "Asia/Kolkata",
    "Japan": "Asia/Tokyo",
    "Korea": "Asia/Seoul",  # Yonhap's "Korea time"
    "Israel": "Asia/Jerusalem",
    "Iran": "Asia/Tehran",
    "Pakistan": "Asia/Karachi",
    "Islamabad": "Asia/Karachi",
    "Turkey": "Europe/Istanbul",
    "Türkiye": "Europe/Istanbul",
    "Ankara": "Europe/Istanbul",
    "Abu Dhabi": "Asia/Dubai",
    "UAE": "Asia/Dubai",
    "Doha": "Asia/Qatar",
    "Qatar": "Asia/Qatar",
    "Hanoi": "Asia/Ho_Chi_Minh",
    "Vietnam": "Asia/Ho_Chi_Minh",
    "Philippines": "Asia/Manila",
    "Nigeria": "Africa/Lagos",
    "Kenya": "Africa/Nairobi",
    "Egypt": "Africa/Cairo",
}
# Names in the database that are words or more than one place ("Christmas time", "North time", "Samoa":
# two zones a day apart, "Victoria": Australia's or Canada's).
_NOT_CITIES = frozenset(
    {"North", "South", "West", "East", "Central", "Eastern", "Western", "Mountain", "Pacific", "Atlantic"}
    | {"Samoa", "Christmas", "Easter", "Victoria", "Virgin", "Universal", "General", "Jersey", "Center"}
)


@lru_cache(maxsize=1)
def _city_zones() -> dict[str, str]:
    """City -> zone, from the database's two-part names ("Europe/Moscow"; "America/Argentina/San_Juan"
    and "America/North_Dakota/Center" are no cities a reader names)."""
    areas = ("Europe", "Asia", "America", "Africa", "Australia", "Pacific", "Atlantic", "Indian")
    zones_by_city: dict[str, str] = {}
    for name in sorted(iana_names()):
        area, _, city = name.partition("/")
        city = city.replace("_", " ")
        if area in areas and "/" not in city and city not in _NOT_CITIES:
            zones_by_city.setdefault(city, name)
    aliases = {**_CITY_ALIASES, **zones.CITY_NAMES}
    aliases.update({_ascii(name): zone for name, zone in aliases.items()})  # "Bogota", "Pekin" unaccented
    return {**zones_by_city, **{k: v for k, v in aliases.items() if v in iana_names()}}


def _city_zone(name: str) -> str | None:
    table = _city_zones()
    return table.get(name) or table.get(_ascii(name))


def _hour_of_a_city(s: str, at: int) -> tuple[str, str, int] | None:
    """ "hora de Lima" at ``at``: (zone, the words, end); the longest run of names that is a city ("hora de
    Lima Perú" is Lima's)."""
    m = _CITY_HOUR.match(s, at)
    if m is None:
        return None
    city = m["city"]
    for end in sorted({len(city), *(b.start() for b in _NAME_START.finditer(city))}, reverse=True):
        if zone := _city_zone(city[:end]):
            return zone, s[m.start() : m.start("city") + end], m.start("city") + end
    return None


def _ascii(name: str) -> str:
    """ "Bogotá" as the zone database spells it ("America/Bogota")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


_ENDS = re.compile(r"[\s|·•–—-]*\Z")


def _a_range_of_days(s: str, dotted: re.Match[str]) -> bool:
    """ "19.11.2024 – 20.11" ending the line: a range of dates, not 20:11 (with "uur", a clock word or an
    update word after it, it is the time)."""
    if dotted["kl"] or not re.search(r"[-–—]", dotted["gap"]) or not _ENDS.match(s, dotted.end()):
        return False
    day, month = int(dotted["h"]), int(dotted["m"])
    return 1 <= day <= 31 and 1 <= month <= 12


def _clock_of(m: re.Match[str]) -> _Clock | None:
    """The clock TIME read, its am/pm or CJK part of the day applied; None for a night's 12 o'clock
    (晚上12点, 밤 12시: which midnight is meant cannot be told)."""
    hour = int(m["h"])
    minute = int(m["m"] or m["m2"] or m["mc"] or 0) or (30 if m["half"] or m["khalf"] else 0)
    second = min(int(m["s"]), 59) if m["s"] else None  # "14:23:60 GMT", a leap second: 14:23:59
    if m["cnight"]:
        return _day_part("night", (hour, minute, second))
    if m["cnoon"]:
        return _day_part("noon", (hour, minute, second))
    if (m["pm"] or m["xpm"] or m["cpm"]) and hour < 12:
        hour += 12
    elif (m["am"] or m["xam"] or m["cam"]) and hour == 12:
        hour = 0
    return hour, minute, second


def _marked(m: re.Match[str]) -> bool:
    return any(m[g] for g in ("pm", "xpm", "am", "xam", "cpm", "cam", "cnight", "cnoon"))


def _words(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True))


# The part of the day beside a clock that names no am/pm (see names.DAY_PARTS_AFTER): "7:30 de la tarde",
# "7.30 Uhr abends", "om 7.30 uur 's avonds", "7h tối", "10:00 ليلا"; before it: "akşam 7:30", "शाम 7:30".
_DAY_PART_AFTER = re.compile(
    r"\s{0,2}(?:(?:" + _words(names.DAY_PART_HOUR_WORDS) + r")\.?\s+)?"
    r"(?:(?:" + _words(names.DAY_PART_LINKS) + r")\s*)?"
    r"(?P<part>" + _words(names.DAY_PARTS_AFTER) + r")(?![^\W\d_]|[\u0900-\u0903\u093a-\u094f])",
    re.IGNORECASE,
)
_DAY_PART_BEFORE = re.compile(  # "akşam 7:30", Turkish "akşam saat 7:30" too
    r"(?<![^\W\d_])(?P<part>" + _words(names.DAY_PARTS_BEFORE) + r")(?:\s+saat)?\s{0,2}\Z", re.IGNORECASE
)
_DAY_PART_NOT = re.compile(names.DAY_PART_NOT, re.IGNORECASE)


def _part_of_day(part: str, kind: str, lang: str | None) -> bool:
    """Whether ``part`` is a part of the day here: not a capitalised word (it starts a headline, a
    sentence or a name: "09:00 Night falls", "07:30 Uhr Nachts ist es kalt", "7:30 Evening Standard"),
    unless it can only drop a time (German "12:00 Uhr Mitternacht"), not a word read only in another
    language ("Programul este 9:00")."""
    if part.lower() in names.MERIDIEM_BEFORE:  # "PM 2:23", not German "am 14:23"
        return part.isupper()
    if part[:1].isupper() and kind != "midnight":
        return False
    langs = names.DAY_PART_LANGUAGES.get(part.lower())
    return langs is None or lang in langs


# The hours a part of the day moves to the afternoon: "pm" and "tonight" 1-11, "night" 5-11 (1:30 at night
# is 1:30), "noon" 1-5, German "mittags" 1-2; a night's, midnight's, tonight's or a morning word's
# ("सुबह") 12 o'clock is unread, and so is 3-5 o'clock "mittags".
_ADD_TWELVE = {
    "pm": range(1, 12),
    "evening": range(1, 12),
    "tonight": range(1, 12),
    "night": range(5, 12),
    "noon": range(1, 6),
    "midday": range(1, 3),
}


def _day_part(kind: str, clock: _Clock) -> _Clock | None:
    hour, minute, second = clock
    if 1 <= hour <= 11 and hour in _ADD_TWELVE.get(kind, ()):
        hour += 12
    elif hour == 12 and kind == "am":
        hour = 0
    elif (hour == 12 and kind in ("evening", "night", "midnight", "tonight", "morning")) or (
        3 <= hour <= 5 and kind == "midday"
    ):
        return None  # which 12 o'clock? "3 Uhr mittags": no midday hour, and surely not 3 am
    return hour, minute, second


def _with_day_part(
    s: str, clock: _Clock | None, start: int, end: int, lang: str | None
) -> tuple[_Clock | None, int]:
    """``clock`` (written from ``start`` to ``end``) with the part of the day written beside it, and
    where the clock's words end."""
    if clock is None:
        return None, end
    kind, part_end = part_of_day_after(s, end, lang)
    if kind:
        return _day_part(kind, clock), part_end
    before = _DAY_PART_BEFORE.search(s, max(0, start - 25), start)
    kind = _kind(names.DAY_PARTS_BEFORE, before["part"], lang) if before else None
    return (_day_part(kind, clock), end) if kind else (clock, end)


def part_of_day_after(s: str, pos: int, lang: str | None) -> tuple[str | None, int]:
    """The part of the day written at ``pos`` (after a clock) and where it ends; (None, pos) if none."""
    after = _DAY_PART_AFTER.match(s, pos)
    if after and not _DAY_PART_NOT.match(s, after.start("part")):
        kind = _kind(names.DAY_PARTS_AFTER, after["part"], lang)
        if kind:
            return kind, after.end()
    return None, pos


_HOUR_WORDS = frozenset("時时시点點")
_H_CLOCK_BEFORE = re.compile(r"(\d{1,2})\s?[hH]\s?\d{0,2}\s?\Z")  # "8h30", "8 h": a clock written with "h"
_COLON_CLOCK_BEFORE = re.compile(r"(\d{1,2})[:.]\d\d(?::\d\d)?\s?\Z")  # "8:00", "14.30": its hour


def _hour_word_at(s: str, pos: int, start: int) -> bool:
    """An hour word right after a signed number (its sign at ``start``, its digits up to ``pos``) after a
    clock: a range's end when glued to an "h" clock ("8時-10時", "8h-10h", "8h30-10h30"), or ending after
    the clock's hour glued to a colon clock or spaced from an "h" one without a leading zero ("8:00-10h",
    "8h -10h"); else an offset ("14:30-03h", "19h30 -03h00", "02h15 -03h00", "00:15 -0300Hrs")."""
    ch = s[pos : pos + 1]
    if ch in _HOUR_WORDS:
        return True
    if ch not in ("h", "H"):
        return False
    lo = max(0, start - 10)
    h_clock = _H_CLOCK_BEFORE.search(s, lo, start)
    clock = h_clock or _COLON_CLOCK_BEFORE.search(s, lo, start)
    if clock is None:
        return False
    glued = not s[start - 1 : start].isspace()
    later = int(s[start + 1 : start + 3]) > int(clock[1])
    # spaced from an "h" clock, a range's end is written "10h", an offset "03h00" ("02h15 -03h00")
    spaced_end = h_clock is not None and later and s[start + 1] != "0"
    return (glued and (h_clock is not None or later)) or spaced_end


_AMPM_BEFORE = re.compile(r"[ap]\.?\s?m\.?$", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\d{1,2}(?:[:.h]\d\d){0,2}\Z")


def range_start(
    s: str, clock: _Clock, tail: int, to: re.Match[str], lang: str | None
) -> tuple[_Clock | None, int]:
    """The start of a time range (``clock``, written up to ``tail``) that its end (``to``) qualifies:
    "2:00-4:00 p.m." is 14:00, "7:00-9:00 in the evening" 19:00, and where the range's words end. Only
    when the start names no am/pm or part of the day of its own, and only when that keeps the start
    before the end: "10:30-1:30 in the afternoon" and "10:30 - 1:30 pm" start at 10:30 (both reviews
    found them read at 22:30)."""
    end = _clock_of(to)
    if (to["pm"] or to["xpm"]) and clock[0] < 12 and not _AMPM_BEFORE.search(s, tail - 6, tail):
        clock = _not_after((clock[0] + 12, clock[1], clock[2]), end, clock)
    elif (
        (to["am"] or to["xam"])
        and end is not None
        and clock[0] < 12
        and clock[:2] > end[:2]
        and not _AMPM_BEFORE.search(s, tail - 6, tail)
    ):
        # "10:35-1:35 a.m.", "11:00-12:00 a.m.": a morning start would come after the end; the range
        # starts the evening before (a review found them read at 10:35 and 11 am).
        clock = (clock[0] + 12, clock[1], clock[2])
    kind, part_end = part_of_day_after(s, to.end(), lang)
    bare = s[tail - 1].isdigit() or (s[tail - 1] in "hH" and s[tail - 2 : tail - 1].isdigit())  # "8h-11h"
    if not kind or not bare or part_before(s, tail, lang):
        return clock, to.end()
    shifted = _day_part(kind, clock)
    if shifted is None:  # a night's 12 o'clock
        return None, part_end
    if end is not None and end[0] <= 6 and shifted[0] >= 18 and kind in _PAST_MIDNIGHT:
        return shifted, part_end  # "10:00-2:00 at night", "10:00-1:00 tonight": it passes midnight
    return _not_after(shifted, _day_part(kind, end) if end else None, clock), part_end


_PAST_MIDNIGHT = frozenset({"night", "tonight"})  # not "10:00 - 6:00 शाम" (10 am to 6 pm)


def _not_after(shifted: _Clock, end: _Clock | None, clock: _Clock) -> _Clock:
    """``shifted`` if it starts no later than the range's end (an evening's or night's 12 o'clock end,
    None here, is midnight), else the start as written."""
    return shifted if end is None or shifted[:2] <= end[:2] else clock


def part_before(s: str, tail: int, lang: str | None) -> bool:
    """Whether the clock that ends at ``tail`` has a part of the day written before it ("सुबह 10:00")."""
    digits = _CLOCK_BEFORE.search(s, max(0, tail - 9), tail)
    if digits is None:
        return False
    before = _DAY_PART_BEFORE.search(s, max(0, digits.start() - 25), digits.start())
    return before is not None and _kind(names.DAY_PARTS_BEFORE, before["part"], lang) is not None


def _kind(table: dict[str, str], part: str, lang: str | None) -> str | None:
    """What ``part`` does to the hour, or None when it is no part of the day here (see ``_part_of_day``).
    A spelling the table lacks, which IGNORECASE also matched ("µ" for "μ", "ſ" for "s"), is none."""
    kind = table.get(part.lower().replace("’", "'"))
    return kind if kind and _part_of_day(part, kind, lang) else None


def _time_at(s: str, m: re.Match[str], lang: str | None) -> tuple[_Clock | None, int]:
    """The clock a TIME match names, with a part of the day it has no marker for."""
    clock = _clock_of(m)
    return (clock, m.end()) if _marked(m) else _with_day_part(s, clock, m.start(), m.end(), lang)


# A sentence starting between a date and a time: a full stop or dash, then a capitalised word and three
# more words with nothing but spaces between them, at most one of them capitalised ("12. Oktober 2022 –
# Das Spiel wird um 14 Uhr", "October 12, 2022. The match kicks off at"). A dateline's words are fewer,
# broken by commas, or names: "12 Ekim 2022 - Çarşamba günü saat 14:30", "12. Oktober 2022 – Mittwoch, um
# 14 Uhr", "12 October 2022 | By Jane Doe at 14:23", "— The Times of India, 14:23 IST", "| Par la
# rédaction à 14:23" (a review found such bylines read as sentences).
_SENTENCE_START = re.compile(r"[.;|–—-]\s+([^\W\d_]+)((?:[ \t]+[^\W\d_]+){3,})")
_BYLINE_OPENERS = frozenset(
    (
        "by", "von", "par", "por", "di", "door", "foto", "photo", "photos", "bild", "fotos", "text", "texto",
        "testo", "reporting", "автор", "от", "from", "de", "da", "con", "avec", "mit", "with", "agencia",
        "agence", "agenzia", "redacción", "redação", "redazione", "redaktion", "rédaction", "redactie",
    )
)  # fmt: skip


def _lead_sentence(gap: str) -> bool:
    m = _SENTENCE_START.search(gap)
    if m is None or not m[1][0].isupper() or m[1].lower() in _BYLINE_OPENERS:
        return False
    rest: str = m[2]
    return sum(word[0].isupper() for word in rest.split()) <= 1


# Between a time range's start and its end: "2:00-4:00", "14:00 to 16:00", "8h à 10h", "14:00～16:00",
# "с 14:00 до 16:00".
RANGE_TO = re.compile(r"\s?(?:[-–—~～]|to|bis|à|a|al|au|до)\s?(?=\d)")


def _style(m: re.Match[str]) -> str:
    """How a time is written: with a colon or dot, with "h", or otherwise (am/pm, CJK). A range before a
    date is written in one style ("8h-10h", "2:00-4:00 p.m."); "Il y a 2h - 14:30" and "Durée 1h30 -
    20:30" are a duration or an age and the time (a review found them read as ranges from 2:00, 1:30)."""
    text = m[0]
    return ":" if ":" in text or "." in text else "h" if "h" in text.lower() else "other"


# "noon" alone as a date's time, right after it ("12 July 2022, noon", "12 octobre 2022 à midi"); "12 noon"
# is read by TIME. Not "Noon" a name or "Midi Libre", a newspaper.
_NOON_AFTER = re.compile(r"[\s,]{1,3}(?:(?:at|à)\s)?(?:noon|Noon|midi)(?![^\W\d_])")


def find_clock(s: str, start: int, end: int, hits: list[Hit], ctx: Context) -> tuple[_Clock, int] | None:
    """A time written just after (or just before) the span ``start:end``: (clock, where it ends). None
    also when the time written cannot be read for sure (a night's 12 o'clock)."""

    def free(m: re.Match[str]) -> bool:
        return not any(m.start() < h.end and h.start < m.end() for h in hits)

    def known(found: tuple[_Clock | None, int]) -> tuple[_Clock, int] | None:
        return None if found[0] is None else (found[0], found[1])

    if noon := _NOON_AFTER.match(s, end):
        return (12, 0, None), noon.end()  # "12 July 2022, noon"
    dotted = _DOTTED_AFTER.match(s, end)
    if dotted and free(dotted) and not _a_range_of_days(s, dotted):
        written: _Clock = (int(dotted["h"]), int(dotted["m"]), None)
        return known(_with_day_part(s, written, dotted.start("h"), dotted.end(), ctx.lang))
    after = TIME.search(s, end, min(len(s), end + 40))
    later: tuple[_Clock, int] | None = None
    if (
        after
        and free(after)
        and GAP.fullmatch(s, end, after.start())
        and not _signed(s, end, after.start())
        and not DURATION_AFTER.match(s, after.end())  # "12 Oct 2022, 1:45 (video)": a video's length
    ):
        if not PUBLISH_WORD.search(s, end, after.start()):
            if not _lead_sentence(s[end : after.start()]):
                return known(_time_at(s, after, ctx.lang))
            # "12. Oktober 2022 – Das Spiel wird um 14 Uhr": an event's time, not the date's; a time
            # before the date still is (found by review)
        else:
            # "... Posted by Anna at 2:23 PM": unless a time stands before
            later = known(_time_at(s, after, ctx.lang))
    before: tuple[re.Match[str], _Clock | None, int] | None = None
    for m in TIME.finditer(s, max(0, start - 40), start):
        clock, clock_end = _time_at(s, m, ctx.lang)
        zone = find_zone(s, clock_end, ctx)  # "2:23 PM ET, Wed October 12, 2022"
        # "14:23 XST 12 October 2022": the clock is found, and the caller drops it and says why.
        unknown = None if zone else UNKNOWN_ZONE.match(s, clock_end)
        stop = zone[2] if zone else unknown.end() if unknown else clock_end
        if free(m) and GAP_BEFORE.fullmatch(s, stop, start):
            if (
                before
                and free(before[0])
                and (to := RANGE_TO.match(s, before[2]))
                and to.end() == m.start()
                and _style(before[0]) == _style(m)
            ):
                # "2:00-4:00 p.m. ET, Wed October 12, 2022": the range's start, read with its end as after
                # a date (the end's time had been taken, found by review). Here, not by the caller: the
                # end is no offset ("14h-10:00 ET" is no UTC-10).
                start_clock = before[1]
                clock = (
                    None if start_clock is None else range_start(s, start_clock, before[2], m, ctx.lang)[0]
                )
            return None if clock is None else (clock, clock_end)  # its zone is read after its words
        before = (m, clock, clock_end)
    return later


def _signed(s: str, end: int, at: int) -> bool:
    """The "time" at ``at``, after a date that ends at ``end``, is its offset: "2022-10-12+02:00",
    "2022-10-12-10:00" (an ISO date with a zone, as XML Schema writes one), "12 October 2022 (UTC+04:00)".
    Read as clocks they were 02:00, 10:00 and 04:00 UTC, times no page gave (found by review). A clock
    is never signed; a dash after another date is a separator ("12.10.2022-16:23"). A signed "time" no
    offset can be (past ±14:00, or minutes other than 00, 15, 30, 45) is the clock it was read as before:
    "2022-10-12-16:45", "2022-10-12+14:23" (a review found them dropped to the day)."""
    gap = s[end:at]
    if gap[:-1].rstrip().upper().endswith(("UTC", "GMT")) and gap.endswith(("+", "-", "\u2212")):
        return True
    if not gap.endswith("+") and not (
        gap.endswith(("-", "\u2212")) and len(gap) == 1 and _ISO_DAY_END.search(s, max(0, end - 10), end)
    ):
        return False
    offset = _OFFSET_SHAPE.match(s, at)
    return offset is not None and (int(offset[1]), int(offset[2])) <= (14, 0)


_ISO_DAY_END = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}\Z")
# "+02:00", "-0530", "+05:45"; not "+4:15 PM", "-10:00 Uhr" (clocks)
_OFFSET_SHAPE = re.compile(r"(\d{1,2}):?([03]0|[14]5)(?![\d:]|\s?(?i:[ap]\.?\s?m\b|uhr\b|h\b))")


_LOCAL_TIME = re.compile(r"\s*\(?(?i:local\s+time)\)?")


def find_zone(s: str, pos: int, ctx: Context) -> tuple[int | str, str, int] | None:
    """A zone written at ``pos``: (minutes or IANA name, how it was read, end)."""
    if local := _LOCAL_TIME.match(s, pos):  # "14:30 Local Time (GMT+3)": the zone after it, if any
        pos = local.end()
    lead = ZONE_LEAD.match(s, pos)
    at = lead.end() if lead else pos
    m = ZONE.match(s, at)
    if m is None:
        city = _CITY_TIME.match(s, at)
        if city and (name := _city_zone(city[1])):
            return name, city[0].strip(), city.end()
        if hour_of := _hour_of_a_city(s, at):
            return hour_of
        lower = _LOWER_WORD_ZONE.match(s, at)
        if lower is None or not _MERIDIEM_BEFORE.search(s, max(0, pos - 8), pos):
            return None
        capitals = lower[1].upper()
        if capitals == lower[1] or capitals not in ZONE_WORDS:
            return None
        m = ZONE.match(s[: lower.start(1)] + capitals + s[lower.end(1) :], at)
        if m is None:
            return None
    if m["utc"]:
        if not m["us"]:
            return 0, m["utc"].upper(), m.end()
        hours, minutes = int(m["uh"]), int(m["um"] or 0)
        if m["uf"]:
            minutes = {"5": 30, "25": 15, "75": 45}[m["uf"]]  # "UTC+5.5": hours and a fraction
        if hours > 14 or minutes > 59:
            return None
        return (hours * 60 + minutes) * (-1 if m["us"] != "+" else 1), m[0], m.end()
    if m["ns"]:
        hours, minutes = int(m["nh"]), int(m["nm"] or 0)
        if hours > 14 or minutes > 59 or _hour_word_at(s, m.end(), m.start()):
            return None  # "8時-10時", "8h-10h": a range's end, not the offset -10
        return (hours * 60 + minutes) * (-1 if m["ns"] != "+" else 1), m[0], m.end()
    if m["abbr"]:
        word = m["abbr"]
        if word in zones.AMBIGUOUS_ZONES:
            choices = zones.AMBIGUOUS_ZONES[word]
            by_region, by_language = choices.get(ctx.region or ""), choices.get(ctx.lang or "")
            # A region of the usual meaning yields to the language's own: zh_US's CST stays China's.
            if by_region is not None and (by_language is None or by_region != choices["*"]):
                return by_region, f"{word} by locale", m.end()
            if by_language is not None:
                return by_language, f"{word} by locale", m.end()
            if ctx.lang is None:
                return choices["*"], f"{word} assumed, no locale", m.end()
            # A locale the table does not list decides nothing: the usual meaning, and said so.
            shown = f"{ctx.lang}_{ctx.region}" if ctx.region else ctx.lang
            return choices["*"], f"{word} assumed, no rule for locale {shown}", m.end()
        return zones.ZONES[word], word, m.end()
    if m["iana"] in iana_names():
        return m["iana"], m["iana"], m.end()
    return None


def to_utc(local: datetime, zone: int | str | None, ctx: Context) -> tuple[datetime, int | None]:
    """The UTC instant of a local time in ``zone`` (minutes or IANA name; None: the source's zone) and the
    offset in minutes that the string stated (None when it stated none)."""
    if zone is None:
        return local.replace(tzinfo=ctx.tz).astimezone(UTC), None
    aware = local.replace(
        tzinfo=timezone(timedelta(minutes=zone)) if isinstance(zone, int) else ZoneInfo(zone)
    )
    offset = aware.utcoffset()
    return aware.astimezone(UTC), int(offset.total_seconds() // 60) if offset is not None else None


def dst_note(local: datetime, zone: int | str | None, ctx: Context) -> str:
    """What ``method`` should say when a local time falls in a daylight-saving change of its zone: a time
    the clocks skipped (read with the offset before the change) or one they showed twice (the first)."""
    tz = ZoneInfo(zone) if isinstance(zone, str) else ctx.tz if zone is None else None
    if not isinstance(tz, ZoneInfo):
        return ""
    first, second = local.replace(tzinfo=tz, fold=0), local.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return ""
    back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != local:
        return "; local time skipped by a daylight-saving change, read with the earlier offset"
    return "; local time shown twice by a daylight-saving change, read as the first"


def slack(offset: int | None) -> timedelta:
    """How far after the reference time a date may be: clock skew, plus the zone when it is unknown."""
    return FUTURE_SLACK_KNOWN if offset is not None else FUTURE_SLACK_UNKNOWN
