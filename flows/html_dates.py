"""Publication and modification dates of an HTML page, from the evidence it carries, most trusted first.

JSON-LD, then ``<meta>`` (OpenGraph ``article:*`` and CMS tags), microdata, ``<time datetime>``, a date
in the URL, then dates written in the visible text near the headline. Every string goes through
``flows.dates.parse_date``; a string it cannot read is retried once in ISO form when we recognise a
common written date (``November 18, 2019``, ``18.11.2019``, ``12 октября 2022``, ``2022年10月12日``), and the
original text is kept either way.

``rank_published`` then checks the structured candidates against what the page shows (the dateline
under the headline, naive local renderings, the URL's day) and puts the best first; it never moves an
instant, it chooses another candidate. See docs/extraction.md, step 4.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import lxml.etree
from lxml.etree import XPath
from lxml.html import HtmlElement

from .dates import ParsedDate, parse_date
from .dates_calendars import (
    ARABIC_SCRIPT,
    SOLAR_HIJRI_LANGUAGES,
    THAI,
    month_date_pattern,
    numeric_date_pattern,
    thai_year,
)
from .dates_patterns import alt, starts_like
from .dates_value import from_parsed
from .html_furniture import OtherThings, other_things
from .records import NO_DATE, DateValue
from .rules.dates_names import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS
from .rules.html_dates import LABEL_JOINERS, MODIFIED_TIME_WORDS, PUBLISHED_WORDS, UPDATE_WORDS
from .rules.html_metadata import DATE_CLASSES, META_LANGUAGE
from .rules.text_rules import MORE_MONTHS

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            "january jan janvier janv januar enero ene gennaio gen januari jänner",
            "february feb février févr februar febrero febbraio februari",
            "march mar mars märz marzo maart",
            "april apr avril abril aprile",
            "may mai mayo maggio mei",
            "june jun juin juni junio giugno",
            "july jul juillet juli julio luglio",
            "august aug août agosto augustus",
            "september sep sept septembre septiembre settembre",
            "october oct octobre oktober octubre ottobre okt",
            "november nov novembre noviembre",
            "december dec décembre dezember diciembre dicembre dez",
        ]
    )
    for name in names.split()
}
THAI_MONTHS = MONTHS["th"]
_MON = r"(?P<mon>[A-Za-zéûäÄ]{3,10})\.?"
# Written dates we can put into ISO form ourselves when parse_date does not read them.
_WRITTEN = (
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b"),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?" + _MON + r",?\s+(?:de\s+)?(?P<y>(?:19|20)\d{2})\b"
    ),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d{2})\b"),
    # Other scripts (a review found them left to htmldate, which kept the day and lost the time, or
    # found nothing): the month names of text_rules' keyless datelines, Cyrillic, Arabic, Devanagari,
    # Hebrew, Persian and Turkic ("12 октября 2022", "١٢ أكتوبر ٢٠٢٢", "११ अक्टूबर २०२२", "12 באוקטובר
    # 2022"), with the year in any script's digits; and CJK's "2022年10月12日" (Korean 2022년 10월 12일).
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})\.?\s*(?P<mon>{alt(MORE_MONTHS)})(?![^\W\d_])\.?[,،]?\s+"
        r"(?P<y>[12१२١٢۱۲][90९०٩٠۹۰]\d{2})(?!\d)",
        re.I,
    ),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s?[年년]\s?(?P<m>\d{1,2})\s?[月월]\s?(?P<d>\d{1,2})\s?[日일]"),
    # Thai, in the Buddhist era: "12 ต.ค. 2565", "12 ตุลาคม พ.ศ. 2565", "12 ต.ค.65", Thai digits too.
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?P<mon>{alt(THAI_MONTHS)})(?![^\W\d_])\.?\s*(?:[พค]\.\s?ศ\.\s*)?"
        r"(?P<y>\d{4}|\d{2})(?!\d)"
    ),
    # ... and numeric with a Buddhist-era year in Thai digits, or in ASCII ones with Thai after it: "๑๕/๑๐/
    # ๒๕๖๕ ๑๔:๓๐", "15/10/2565 14:30 น." (not "Version 4.10.2560" on any page, review)
    re.compile(
        r"(?<![\d.])(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-]"
        r"(?P<y>๒[๔๕][๐-๙]{2}(?!\d)|2[45]\d\d(?!\d)(?=[^\n]{0,40}[\u0e00-\u0e7f]))"
    ),
    # ... or with Thai before it: "วันที่ 15/10/2565 14:30" (a third review)
    re.compile(
        r"[\u0e00-\u0e7f][^\n\d]{0,40}?(?<![\d.])(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>2[45]\d\d)(?!\d)"
    ),
)
# A day, a month and a year of two digits, dotted ("12.10.22 | 14:23" under a Hebrew headline): read in
# the dateline only, where a short year is the page's own date; elsewhere it may be a version or a score.
# Also a Japanese era's year ("令和4年10月12日 14時23分"), which the parser converts; a numeric date with
# slashes ("17/02/2022", "2/17/2022"), which the parser reads by value or, when either order is a date
# ("03/04/2022"), in the page's regional locale, else not at all (``_read_dateline``); and a day, a month
# name and a year of two digits ("( Pescasseroli, 14 Gennaio 20 )"), not a day, a month and a clock time
# ("14 March 20:30"). A review found both pages dated by htmldate's guess or not at all. The two digits are
# a year only at the end of the text, or before a clock time ("14 Gennaio 20 | 10:30", "3. Jan. 22,
# 14:30"), with closing brackets and separators between: before a word they are a count ("On 3 March 20
# MPs voted", "Issue 3 May 21 Pages", "12 May 24 Hours", a second review).
_SHORT_YEAR_END = (
    r"(?![\d:.])(?=[\s)\]|·,/–—-]{0,8}(?:\Z|(?:(?:um|at|alle|ore|à)\s{1,3})?\d{1,2}[:h.]\d{2}(?!\d)))"
)
_DATELINE_WRITTEN = (
    *_WRITTEN,
    re.compile(r"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.\d{2}(?![\d.])"),
    re.compile(r"(?:令和|平成|昭和)\s?(?:元|\d{1,2})\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日"),
    re.compile(r"(?<![\d/.])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}(?![\d/])"),
    re.compile(
        rf"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.?\s+(?:{alt(_MONTHS)})\.?\s+\d{{2}}{_SHORT_YEAR_END}", re.I
    ),
)


def solar_locale(locale: str | None) -> bool:
    """The dates' locale is Persian: a numeric date with a year 1300-1500 is Solar Hijri (as in the parser)."""
    return locale is not None and locale.replace("_", "-").split("-")[0].lower() in SOLAR_HIJRI_LANGUAGES


def _calendar_patterns(text: str, locale: str | None) -> tuple[re.Pattern[str], ...]:
    """What finds a Solar Hijri or Hijri date in ``text`` (the Gregorian patterns miss them, and a page
    with no structured date got none or htmldate's guess): a month name ("چهارشنبه ۲۰ مهر ۱۴۰۱", "16 ربيع
    الأول 1444 هـ") when ``text`` has Arabic script; a numeric date with its era after it ("16/03/1444هـ")
    then too; on a page read as Persian any numeric date with a year 1300-1500 ("۱۴۰۱/۰۷/۲۰", "1401/07/20",
    ASCII too). A page in another language pays a str.isascii() and two substring tests ("AH")."""
    solar = solar_locale(locale)
    if text.isascii() or not ARABIC_SCRIPT.search(text):
        if solar:
            return (numeric_date_pattern(True),)
        return (numeric_date_pattern(False),) if "AH" in text or "A.H" in text else ()
    return month_date_pattern(), numeric_date_pattern(solar)


def _with_calendars(
    text: str, patterns: tuple[re.Pattern[str], ...], locale: str | None
) -> tuple[re.Pattern[str], ...]:
    """``patterns``, then ``_calendar_patterns``: last, as a line with a Gregorian date too is read as that
    one (``flows.dates_calendars``)."""
    return (*patterns, *_calendar_patterns(text, locale))


# A date in the path: /2019/11/18/, /2019-11-18/, /20191118/ (day precision only).
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
_SPACES = re.compile(r"\s+")
_ISO_LIKE = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}")
_BUDDHIST_YEAR = re.compile(r"(?<!\d)[2๒][45๔๕]\d\d(?!\d)")
# Compiled once: ``el.xpath(text)`` compiles its expression on every call.
_CLASSED = XPath("//body//*[@class or @id]")
_CLASS_WORDS = re.compile(r"[\s_-]+")
_TEXT_AFTER = XPath("following::text()[position() <= 60]")


def _written_to_iso(text: str) -> str | None:
    for pattern in _WRITTEN:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        if groups.get("mon"):
            mon = groups["mon"].lower()
            month = _MONTHS.get(mon) or MORE_MONTHS.get(mon)
        else:
            month = int(groups["m"])
        year = int(groups["y"])
        if groups.get("mon") in THAI_MONTHS or (2400 <= year < 2700 and THAI.search(text)):
            year = thai_year(groups["y"])  # a Thai date's Buddhist-era year
        if month and 1 <= month <= 12 and 1 <= int(groups["d"]) <= 31 and 1900 <= year < 2100:
            return f"{year}-{month:02d}-{int(groups['d']):02d}"
    return None


def parse_found(text: str, *, locale: str | None, tz: str | None, ref: datetime | None) -> ParsedDate:
    """``parse_date`` on a string found in a page, with one retry in ISO form for written dates."""
    text = text.strip()[:200]
    first = parse_date(text, locale=locale, tz=tz, ref=ref)
    if not first.ok and locale is None and _BUDDHIST_YEAR.search(text) and THAI.search(text):
        # "๑๕/๑๐/๒๕๖๕ ๑๔:๓๐": Thai digits alone (the parser reads them as Thai; this is its locale's reading)
        thai = parse_date(text, locale="th", tz=tz, ref=ref)
        if thai.ok:
            return thai
    if first.ok or _ISO_LIKE.search(text):
        return first
    iso = _written_to_iso(text)
    if iso is None:
        return first
    second = parse_date(iso, locale=locale, tz=tz, ref=ref)
    return second if second.ok else first


def first_date(
    candidates: Iterable[tuple[str, str]], *, locale: str | None, tz: str | None, ref: datetime | None
) -> DateValue:
    """The first candidate ``(text, evidence)`` that parses; else the first failure (with its error)."""
    failed = NO_DATE
    items = list(candidates)
    for i, (text, evidence) in enumerate(items):
        if not text or not text.strip():
            continue
        parsed = parse_found(text, locale=locale, tz=tz, ref=ref)
        if parsed.ok:
            if parsed.utc is not None and parsed.offset_minutes == 0 and tz is None:
                local = _local_rendering(parsed.utc, items[i + 1 :], locale=locale, ref=ref)
                if local is not None:
                    return local
            if parsed.utc is not None and parsed.offset_minutes is None and tz is None:
                zoned = _zoned_twin(parsed.utc, items[i + 1 :], locale=locale, ref=ref)
                if zoned is not None:
                    return zoned
            return from_parsed(text.strip(), parsed, evidence)
        if failed is NO_DATE:
            failed = from_parsed(text.strip(), parsed, evidence)
    return failed


def _local_rendering(
    utc: datetime, items: list[tuple[str, str]], *, locale: str | None, ref: datetime | None
) -> DateValue | None:
    """The same instant written naively in the publisher's local time (``2023-11-08 22:35:29`` beside
    ``2023-11-09T06:35:29Z``): the instant, with the offset that local rendering implies."""
    for text, evidence in items[:8]:
        if not text or not text.strip():
            continue
        parsed = parse_found(text, locale=locale, tz=None, ref=ref)
        offset = _local_offset(utc, _Cand(text, evidence, parsed))
        if offset is not None:
            return DateValue(
                utc=utc,
                offset_minutes=offset,
                text=text.strip(),
                evidence=evidence,
                precision=parsed.precision,
                error=None,
            )
    return None


def _zoned_twin(
    clock: datetime, items: list[tuple[str, str]], *, locale: str | None, ref: datetime | None
) -> DateValue | None:
    """The same wall-clock time written with its offset (``2024-03-12T14:30:00+01:00`` beside a naive
    ``2024-03-12T14:30:00`` in JSON-LD, common on German sites): that one, which says where the clock
    was. A review found the naive one read as UTC, an hour off."""
    for text, evidence in items[:8]:
        if not text or not text.strip():
            continue
        parsed = parse_found(text, locale=locale, tz=None, ref=ref)
        if parsed.utc is None or not parsed.offset_minutes or parsed.precision not in ("second", "minute"):
            continue
        if parsed.utc + timedelta(minutes=parsed.offset_minutes) == clock:
            return from_parsed(text.strip(), parsed, evidence)
    return None


def url_date(url: str | None) -> tuple[str, str] | None:
    """``(fragment, iso)`` for a date written in a URL path, else None."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    return m.group(0).strip("/_.-"), f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


def _attr_class(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


def time_elements(tree: HtmlElement, *, marked: bool) -> Iterator[tuple[str, str]]:
    """``<time datetime>`` values: those marked as the publication date, or (``marked=False``) the
    first two unmarked ones outside furniture (comments, related links and sidebars carry dates too)."""
    from .html_furniture import in_furniture

    for i, el in enumerate(tree.iter("time")):
        if i > 50:
            break
        value = el.get("datetime")
        if not value:
            continue
        is_marked = _marked_published(el)
        if not marked and not is_marked and _marked_modified(el):
            continue  # the last update, never the publication (``modified_times``)
        if is_marked == marked and not (_in_furniture_not_a_header(el) if marked else in_furniture(el)):
            yield str(value), "time-element"


def _marked_published(el: HtmlElement) -> bool:
    return (
        el.get("pubdate") is not None
        or "publish" in _attr_class(el)
        # WordPress's post date: "entry-date published", and themes' "entry-date updated" alone
        or "entry-date" in _attr_class(el)
        or (el.get("itemprop") or "").lower() in ("datepublished", "datecreated")
    )


def _marked_modified(el: HtmlElement) -> bool:
    """Classed as the last update ("updated", "date-modified", "last-updated"), by a whole word."""
    return any(word in MODIFIED_TIME_WORDS for word in _CLASS_WORDS.split(_attr_class(el)))


def modified_times(tree: HtmlElement, headline: HtmlElement | None = None) -> list[tuple[str, str]]:
    """``<time datetime>`` values marked as the last update and not as the publication (WordPress's
    ``<time class="updated">`` beside its ``entry-date published``), outside furniture but in an
    article's header: the modified date, where only the day written in the text was taken (review).
    With a ``headline``, only those after it: a "most read" list above the article stamps its own
    stories (a review of this rule found another story's time taken)."""
    out = []
    times = _FOLLOWING_TIMES(headline) if headline is not None else tree.iter("time")
    for el in itertools.islice(times, 50):
        value = el.get("datetime")
        if (
            value
            and _marked_modified(el)
            and not _marked_published(el)
            and not _in_furniture_not_a_header(el)
        ):
            out.append((str(value), "time-element"))
    return out


_FOLLOWING_TIMES = XPath("following::time")


def _in_furniture_not_a_header(el: HtmlElement) -> bool:
    """``in_furniture`` (True: the element sits in furniture), except that an <article>'s own <header> (headline, byline, date) is not: the
    Newspaper theme's marked <time> sits in one, and its date was lost to htmldate's day (review)."""
    from .html_furniture import skipped

    node: HtmlElement | None = el
    while node is not None:
        if skipped(node) and not (
            node.tag == "header" and next(node.iterancestors("article"), None) is not None
        ):
            return True
        node = node.getparent()
    return False


def _text_but_other_things(scope: HtmlElement, limit: int = 3000) -> str:
    """The first ``limit`` characters of the text of ``scope`` without its comments, sidebars and lists
    of other stories (a short page's scope around the headline reaches them)."""
    others = set(other_things(scope))
    if not others:
        return str(scope.text_content())[:limit]
    parts: list[str] = []
    size = 0
    skipping: HtmlElement | None = None
    for event, el in lxml.etree.iterwalk(scope, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):  # reported once: only its tail is text
            if skipping is None and el.tail:
                parts.append(el.tail)
                size += len(el.tail)
        elif event == "start":
            if skipping is None and el in others:
                skipping = el
            elif skipping is None and isinstance(el.tag, str) and el.text:
                parts.append(el.text)
                size += len(el.text)
        else:
            if el is skipping:
                skipping = None
            if skipping is None and el is not scope and el.tail:
                parts.append(el.tail)
                size += len(el.tail)
        if size >= limit:
            break
    return "".join(parts)[:limit]


def _calendar_date(text: str, locale: str | None) -> bool:
    """``text`` writes a Solar Hijri or Hijri date (``_calendar_patterns``)."""
    return any(pattern.search(text) for pattern in _calendar_patterns(text, locale))


def text_dates(
    tree: HtmlElement, headline: HtmlElement | None, locale: str | None = None
) -> Iterator[tuple[str, str]]:
    """Written dates in elements whose class or id says they hold a date, then text near the headline.
    Elements with only a Solar Hijri or Hijri date come after the other date-classed ones (Arabic pages
    print a Gregorian date beside it, which is read first, as on one line)."""
    seen = 0
    others = OtherThings(tree)
    lunar: list[tuple[str, str]] = []
    for el in _CLASSED(tree):
        if seen > 40:
            break
        cls = _attr_class(el)
        if not any(word in cls for word in DATE_CLASSES) or "update" in cls or "modif" in cls:
            continue
        text = el.text_content()
        if len(text) > 200 or _UPDATE_FIRST.match(text) or others.among(el):
            continue  # "Updated 3:15 PM EST, Tue February 13, 2024" in a "timestamp" (review)
        seen += 1
        if _written_to_iso(text) or _ISO_LIKE.search(text):
            yield (el.get("title") or text), "text"
        elif _calendar_date(text, locale):
            lunar.append(((el.get("title") or text), "text"))
    yield from lunar
    if headline is not None:
        # Bylines and datelines sit next to the headline: look at the text of its surroundings.
        scope = headline.getparent()
        for _ in range(3):
            if scope is None or len(scope.text_content()) > 1500:
                break
            scope = scope.getparent()
        if scope is not None:
            text = _text_but_other_things(scope)
            for pattern in _with_calendars(text, _WRITTEN, locale):
                m = pattern.search(text)
                if m:
                    yield m.group(0), "text"


# --- Choosing among the structured candidates ---------------------------------------------------------
# Labels that mark a written date as an update, not the publication (checked just before the date).
# Between the label and the date only a time, a zone and a weekday ("Updated 3:15 PM EST, Tue February
# 13, 2024"), or two other words ("Updated on", "aktualisiert am"): a standfirst ending "... a software
# update for the ticket machines went live" is no label (review).
_CLOCK_WORD = (
    r"(?:\d{1,2}(?:[:.h]\d{2})?|[ap]\.?m\.?|(?-i:[A-Z]{2,5})|uhr|h|"
    + "|".join(sorted({*WEEKDAYS["en"], *WEEKDAY_ABBREVIATIONS}, key=len, reverse=True))
    + r")"
)
_UPDATE_LABEL = re.compile(
    r"(?:" + "|".join(map(re.escape, UPDATE_WORDS)) + r")\W{0,3}"
    r"(?:(?:\w+\W{1,3}){0,1}\w*|(?:\w+\W{1,3})?(?:" + _CLOCK_WORD + r"\W{1,3}){1,6}" + _CLOCK_WORD + r"?)$",
    re.I,
)
# As a trie behind a look-ahead for the words' first letters: searched in every text node after the
# headline, the plain alternation of its 26 words made the update line a step of its own (0.12 -> 0.22 ms a page).
_UPDATE_WORD = re.compile(starts_like(UPDATE_WORDS) + r"(?:" + alt(UPDATE_WORDS) + r")", re.I)
_UPDATE_FIRST = re.compile(r"\W*(?:" + alt(UPDATE_WORDS) + r")\b", re.I)
_PUBLISHED_LABEL = re.compile(
    r"\b(?:" + "|".join(map(re.escape, PUBLISHED_WORDS)) + r")"
    r"(?:\s+(?:" + "|".join(LABEL_JOINERS) + r"))?\s*[:|]?\s*",
    re.I,
)
# How much of a page's text is searched for a labelled date, and how far the date may sit from its
# label (a weekday: "Veröffentlicht am Fr, 24. Januar 2020").
_LABEL_SCAN, _LABEL_GAP = 300_000, 12
_DAY = timedelta(days=1)
# A dateline starts within this many characters of its text ("Published on Monday, 6 January 2020 at");
# the second text node longer than _PROSE without one is the article's prose (the first may be a
# standfirst), where the byline is behind us.
_DATELINE_LEAD, _PROSE = 40, 150
# A local day D holds instants from D 00:00 at UTC+14 to D 24:00 at UTC-12.
_EAST, _WEST = timedelta(hours=14), timedelta(hours=12)


@dataclass(slots=True)
class _Cand:
    text: str
    evidence: str
    parsed: ParsedDate

    @property
    def day(self) -> date | None:
        """The calendar day the string itself names (at its own offset; naive strings as written)."""
        if self.parsed.utc is None:
            return None
        return (self.parsed.utc + timedelta(minutes=self.parsed.offset_minutes or 0)).date()

    @property
    def in_utc(self) -> bool:
        """Written as a UTC instant (``Z``, ``+00:00``): the publisher's own day is unknown."""
        return self.parsed.offset_minutes == 0 and self.parsed.precision in ("second", "minute")


def _cands(
    items: Iterable[tuple[str, str]], seen: dict[str, ParsedDate] | None = None, locale: str | None = None
) -> list[_Cand]:
    """The candidates that parse; ``seen`` keeps the parses of one page, which writes the same string
    in several places (JSON-LD, meta tags, a ``<time>``)."""
    out = []
    for text, evidence in items:
        if text and text.strip():
            parsed = seen.get(text) if seen is not None else None
            if parsed is None:
                parsed = parse_found(text, locale=locale, tz=None, ref=None)
                if seen is not None:
                    seen[text] = parsed
            if parsed.ok:
                out.append(_Cand(text, evidence, parsed))
    return out


def _could_be_local_day(utc: datetime, day: date) -> bool:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start - _EAST <= utc < start + _DAY + _WEST


def dateline(headline: HtmlElement | None, locale: str | None = None) -> tuple[str, str] | None:
    """The first written date after the headline, unless labelled an update: the page's own printed
    publication day. Only text that follows the ``<h1>`` counts, so a "today is" banner above it, or
    a list of other articles far below it, is not taken."""
    found = _dateline(headline, locale=locale)
    return (found[0], "text") if found else None


def update_line(headline: HtmlElement | None, locale: str | None = None) -> tuple[str, str] | None:
    """The first written date after the headline that is labelled an update ("Aktualisiert: 13.03.2024,
    09:10 Uhr", "mis à jour le 13 mars 2024"): the page's printed modification, where its structured
    data names none (a review found such pages without a modification date)."""
    found = _dateline(headline, updates=True, locale=locale)
    return (found[0], "text") if found else None


def _dateline(
    headline: HtmlElement | None, *, updates: bool = False, locale: str | None = None
) -> tuple[str, HtmlElement] | None:
    """``dateline``'s text and the element that holds it; ``updates``: the first update's instead. A
    Solar Hijri or Hijri date is taken only when no Gregorian one follows within ``_CALENDAR_AHEAD``
    characters: Arabic sites print both, often in two spans, and the Gregorian one is read as on one line."""
    if headline is None:
        return None
    seen = prose = 0
    before = ""  # the short text just before, where a label often sits ("<span>Updated</span> <time>")
    nodes = _TEXT_AFTER(headline)
    others = OtherThings(headline)
    lunar: tuple[str, HtmlElement] | None = None  # a Solar Hijri or Hijri dateline, and where it ended
    lunar_at = 0
    for at, node in enumerate(nodes):
        parent = node.getparent()
        if parent is None or parent.tag in ("script", "style", "noscript", "template"):
            continue
        if node.is_tail:
            parent = parent.getparent()
            if parent is None:
                continue
        text = str(node)
        seen += len(text)
        if seen > 1500 or (lunar is not None and seen - lunar_at > _CALENDAR_AHEAD):
            return lunar
        if parent.tag == "a" and len(text.strip()) > 30:
            return lunar  # a link to some other article (or the body's prose): the byline is behind us
        if others.among(parent):
            continue  # a comment's, a sidebar's, a related story's date (review)
        label_cls = _attr_class(parent)
        text = text.strip()
        if updates:  # every date of the node: "Publié le 12 mars ..., mis à jour le 13 mars 2024 à 08h00"
            if found := _update_in(text, before, label_cls, locale):
                return found, parent
        else:
            calendars = _calendar_patterns(text, locale)
            unread = False  # the node's Gregorian date does not parse: only its calendars' patterns remain
            for pattern in (*_DATELINE_WRITTEN, *calendars):
                if unread and pattern not in calendars:
                    continue
                m = pattern.search(text)
                if not m or m.start() > _DATELINE_LEAD:
                    continue
                label = f"{before} {text[: m.start()]}".strip()
                if "update" in label_cls or "modif" in label_cls or _UPDATE_LABEL.search(label):
                    break
                line = (text + _time_after(nodes, at))[:200], parent
                if pattern not in calendars:
                    # A Gregorian date (a line with both is read as that one too), when it parses: an
                    # ambiguous "03/04/2022" without a locale to read it held the place of a date below.
                    if (printed := _read_dateline(text, line[0], locale, headline)) is not None:
                        return printed, parent
                    unread = True
                    continue
                if not parse_date(m.group(0), locale=locale, allow_future=True).ok:
                    continue  # "شماره: ۱۴۰۱/۱۳/۴۵", a letter's number, held the slot of the date below it
                if lunar is None:  # the calendars' patterns, last: wait for a Gregorian date after it
                    lunar, lunar_at = line, seen
                break
        if text:
            before = text[-40:]
        if len(text) > _PROSE:
            prose += 1
            if prose > 1:  # past a standfirst, the article's prose: a date in it is about something else
                return lunar
    return lunar


# How far after a Solar Hijri or Hijri dateline a Gregorian one is still looked for (the next span or two).
_CALENDAR_AHEAD = 120


def _read_dateline(text: str, line: str, locale: str | None, at: HtmlElement) -> str | None:
    """The dateline found in the text node ``text`` (``line`` is it with the clock time of the next node)
    when it parses: with ``locale``, or, when only the day/month order is in doubt ("03/04/2022"), with
    the page's regional locale (``_regional_locale``; else it is refused, never guessed). A line that
    opens with a publication label keeps, as ``labelled_date`` does, the date itself with its clock time
    ("Erstellt am: 30.01.2022 18:36 / sk": "30.01.2022 18:36") when that reads as the same instant;
    other lines are kept whole, as printed."""
    parsed = parse_found(line, locale=locale, tz=None, ref=None)
    if _needs_locale(parsed):
        regional = _regional_locale(at, locale)
        if regional is None:
            return None
        locale, parsed = regional, parse_found(line, locale=regional, tz=None, ref=None)
    if not parsed.ok:
        return None
    if not _PUBLISHED_LABEL.match(text, len(text) - len(text.lstrip())):
        return line
    short = _date_itself(text, line)
    if short is None or short == line.strip():
        return line
    again = parse_found(short, locale=locale, tz=None, ref=None)
    same = (again.utc, again.offset_minutes, again.precision) == (
        parsed.utc,
        parsed.offset_minutes,
        parsed.precision,
    )
    return short if same else line


def _needs_locale(parsed: ParsedDate) -> bool:
    """Not read only because a locale must say the order of the day and month, or which month a word
    is ("ambiguous day/month order in '03/04/2022': give a locale")."""
    return not parsed.ok and (parsed.error or "").startswith("ambiguous")


def _ambiguous(text: str, locale: str | None) -> bool:
    return _needs_locale(parse_found(text, locale=locale, tz=None, ref=None))


# What may follow a dateline's date as its own: a clock time with its am/pm or "Uhr" and a zone (", 10:28
# p.m. ET", " um 18:36 Uhr", " à 15h57", " | 14:23", " / 10:35 PM PST", " 2:03 PM GMT-4"). Every
# repetition is bounded: it runs once, at the date's end.
_CLOCK_TAIL = re.compile(
    r"(?:\s{0,3}[,|·@/–-]?\s{0,3}(?:(?i:um|à|at|alle|ore)\s{1,3})?\d{1,2}(?:[:h.]\d{2}){1,2}"
    r"(?:\s{0,2}(?i:[ap]\.?\s?m\.?|uhr|h)(?![^\W\d_]))?"
    r"(?:\s{0,2}(?:GMT|UTC|[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d{2})?)?(?![^\W\d_]))?)?"
)


# A weekday just before a dateline's date, which it keeps ("Dienstag, 28. April 2020", "Wed, Nov 20").
_WEEKDAY_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:" + alt({*itertools.chain(*WEEKDAYS.values()), *WEEKDAY_ABBREVIATIONS}) + r")"
    r"\.?(?:,\s{0,3}|\s{1,3})$",
    re.I,
)


def _date_itself(text: str, line: str) -> str | None:
    """``line`` from the first written date in ``text`` (the longest one starting there, with the weekday
    before it) to its end, with the letters glued to it ("2022م") and the clock time that follows it:
    without a label before it or other words after it. Text before it with a digit is kept (another
    calendar's date, "١٦ ربيع الأول 1444هـ - 11 أكتوبر 2022م"; a clock time)."""
    first: tuple[int, int] | None = None
    for pattern in _DATELINE_WRITTEN:
        m = pattern.search(text)
        if m and (first is None or m.start() < first[0] or (m.start() == first[0] and m.end() > first[1])):
            first = m.start(), m.end()
    if first is None:
        return None
    start, end = first
    if day := _WEEKDAY_BEFORE.search(text, max(0, start - 24), start):
        start = day.start()
    if _DIGIT.search(text, 0, start):
        start = 0
    if glued := _GLUED.match(line, end):
        end = glued.end()
    tail = _CLOCK_TAIL.match(line, end)
    return line[start : tail.end() if tail else end].strip()


_DIGIT = re.compile(r"\d")
_GLUED = re.compile(r"[^\W\d_]*")


def _regional_locale(el: HtmlElement, locale: str | None) -> str | None:
    """The locale that orders an ambiguous numeric date's day and month: ``locale`` when it names a
    country, else the one the page declares with a country for its first declared language (``<html
    lang="en-US">``, ``og:locale``), as ``extract_html._page_locale`` reads htmldate's day again. A bare
    ``en`` is as often a British site's as an American one's: no locale then."""
    if locale and _REGIONAL.match(locale.strip()):
        return locale.strip()
    root = el.getroottree().getroot()
    declared = [root.get("lang") or root.get("xml:lang")]
    head = root.find("head")
    if head is not None:
        for meta in head.iter("meta"):
            key = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or "").strip().lower()
            if key in META_LANGUAGE:
                declared.append(meta.get("content"))
    langs = [d.strip() for d in declared if d and d.strip()]
    if not langs:
        return None
    first = _LANGUAGE.split(langs[0])[0].lower()
    return next((d for d in langs if _REGIONAL.match(d) and d[:2].lower() == first), None)


_REGIONAL = re.compile(r"^[a-z]{2}[-_][a-z]{2}$", re.I)  # as html_metadata.REGIONAL: "en-US", "pt_BR"
_LANGUAGE = re.compile(r"[-_]")


_CLOCK_FIRST = re.compile(
    r"\s*\d{1,2}(?::\d{2}|h\d{2}|\.\d{2}(?![.\d]))"
)  # "14:23", "14h23", "14.23"; not "04.04.2020"


def _time_after(nodes: list[str], at: int) -> str:
    """The time in the next text node when it holds only that ("September 20, 2023" and "2:03 PM GMT-4"
    in two spans, Reuters'): " 2:03 PM GMT-4", else ""."""
    for node in nodes[at + 1 : at + 3]:
        text = str(node).strip()
        if not text:
            continue
        return f" {text}" if len(text) <= 40 and _CLOCK_FIRST.match(text) else ""
    return ""


def _update_in(text: str, before: str, label_cls: str, locale: str | None) -> str | None:
    """The text of a written date in ``text`` that an update label precedes, from its label on."""
    if "update" not in label_cls and "modif" not in label_cls and not _UPDATE_WORD.search(f"{before} {text}"):
        return None  # no label can hold an update word then: the date patterns need not run
    for pattern in _with_calendars(text, _DATELINE_WRITTEN, locale):
        start = 0
        for m in pattern.finditer(text):
            label = f"{before if start == 0 else ''} {text[start : m.start()]}".strip()
            if "update" in label_cls or "modif" in label_cls or _UPDATE_LABEL.search(label):
                words = list(_UPDATE_WORD.finditer(text, start, m.start()))
                return text[words[-1].start() if words else start :][:200].strip(" ,;|·–—-")
            start = m.end()
    return None


def headline(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    """The ``<h1>`` that holds the article's title (the first ``<h1>`` is often the site's logo): the
    longest one whose text and the title (or the ``<title>``) begin alike; else, on a page with no
    ``<h1>`` but the site's name or logo, the first ``<h2>`` that holds the headline (``_title_h2``);
    else the first ``<h1>``. An ``<h1>`` only screen readers see ("Title | Site" in the page's header)
    is none. The dateline is looked for after it."""
    h1s = list(itertools.islice((h for h in tree.iter("h1") if not _visually_hidden(h)), 6))
    title_tag = next(iter(tree.iter("title")), None)
    title_text = title_tag.text_content() if title_tag is not None else None
    wants = [_norm(title), _norm(title_text)]
    wants = [w for w in wants if len(w) >= 10]
    best, best_len = (h1s[0] if h1s else None), 0
    for h1 in h1s:
        text = _norm(h1.text_content())
        if len(text) > max(best_len, 9) and any(_alike(text, w) for w in wants):
            best, best_len = h1, len(text)
    if best_len == 0 and wants:
        # A visible <h1> that is no logo titles the article in other words than og:title or <title> (a
        # social or SEO headline): it stays the headline. A review found an <h2> that the <title> merely
        # held taken instead (the site's name in the page's header, a subhead in the article), and the
        # "today" date bar or a timeline's date below it read as the dateline. One shorter than a title
        # (ten characters, as above) is a section's or the outlet's name ("Politik", Naver's "뉴스타파").
        sites = _site_names(tree, title, title_text)
        if all(len(_norm(h1.text_content())) < 10 or _site_heading(h1, sites) for h1 in h1s):
            h2 = _title_h2(tree, title, title_text, sites)
            if h2 is not None:
                return h2
    return best


# Class words of a heading only screen readers see (WordPress's, Bootstrap's, Drupal's, the HTML5
# Boilerplate's and GOV.UK's): a review found such an <h1> in a page's header taken for the headline.
_HIDDEN_CLASSES = ("visuallyhidden", "visually-hidden", "sr-only", "screen-reader-text", "element-invisible")
_HIDDEN_SUFFIXES = tuple(f"-{c}" for c in _HIDDEN_CLASSES)  # "govuk-visually-hidden", "u-sr-only"


def _visually_hidden(el: HtmlElement) -> bool:
    return any(
        token in _HIDDEN_CLASSES or token.endswith(_HIDDEN_SUFFIXES)
        for token in (el.get("class") or "").lower().split()
    )


# Between a <title>'s headline and the site's name: "Headline | Site", "Site - Headline" (spaced, as
# html_metadata reads titles; "Budget vote: how we got here" is one headline).
_TITLE_SEP = re.compile(r"\s[|\-–—:·»«]\s")


def _site_names(tree: HtmlElement, title: str | None, title_text: str | None) -> frozenset[str]:
    """What names the site, normalized (``_norm``): og:site_name, application-name, and the ``<title>``'s
    first or last segment when the title does not hold it ("Budget approved | Riverside Gazette"), its
    last one when there is no title or the title holds neither."""
    names = set()
    head = tree.find("head")
    if head is not None:
        for meta in head.iter("meta"):
            key = (meta.get("property") or meta.get("name") or "").strip().lower()
            if key in ("og:site_name", "application-name"):
                names.add(_norm(meta.get("content")))
    whole = _norm(title_text)
    if seps := list(_TITLE_SEP.finditer(whole)):
        first, last = whole[: seps[0].start()], whole[seps[-1].end() :]
        want = _norm(title)
        outside = [e for e in (first, last) if e not in want]
        if not want or len(outside) == 2:
            names.add(last)  # as most titles are: "Headline | Site"
        elif outside:
            names.update(outside)  # a title that holds both says nothing of which is the site's
    return frozenset(n for n in names if n)


def _headline_parts(title: str | None, title_text: str | None, sites: frozenset[str]) -> list[str]:
    """The texts an ``<h2>`` must begin like to title the article: the title, and the ``<title>`` without
    the segments at its edges that name the site (``sites``); ten characters at least."""
    whole = _norm(title_text)
    start, end = 0, len(whole)
    if seps := list(_TITLE_SEP.finditer(whole)):
        if whole[seps[-1].end() :] in sites:
            end = seps[-1].start()
        if whole[: seps[0].start()] in sites and seps[0].end() <= end:
            start = seps[0].end()
    return [t for t in (_norm(title), whole[start:end]) if len(t) >= 10 and t not in sites]


def _site_heading(el: HtmlElement, sites: frozenset[str]) -> bool:
    """A heading that is the site's name or logo: without text, reading as the site's name (``sites``), or
    classed or linked so (``html_metadata``'s logo ``<h1>``: "site-title", "logo", "brand", a wrapper
    "site-branding", a link to the home page)."""
    from .html_metadata import _logo_h1

    text = _norm(el.text_content())
    return not text or text in sites or _logo_h1(el)


def _title_h2(
    tree: HtmlElement, title: str | None, title_text: str | None, sites: frozenset[str]
) -> HtmlElement | None:
    """The first of the page's first ten ``<h2>`` that holds the headline: its text (ten characters at
    least) and the title or the ``<title>`` without the site's name (``_headline_parts``) begin alike
    (``_starts_alike``), or it begins like the whole ``<title>`` and holds the title ("Kicker - Headline"
    where the title is the headline); a subhead that the title merely contains ("How we got here") is
    none. Not the site's name or logo (``_site_heading``), nor one in a sidebar, an aside, a nav, a
    footer or other furniture, where other stories' titles stand (an article's or the page's
    ``<header>`` is no furniture here)."""
    heads = _headline_parts(title, title_text, sites)
    want, whole = _norm(title), _norm(title_text)
    if len(want) < 10 or len(whole) < 10:
        want = whole = ""
    if not heads and not want:
        return None
    others: OtherThings | None = None
    for h2 in itertools.islice(tree.iter("h2"), 10):
        text = _norm(h2.text_content())
        if len(text) < 10 or not (
            any(_starts_alike(text, w) for w in heads)
            or (want and want in text and _starts_alike(text, whole))
        ):
            continue
        if _site_heading(h2, sites):
            continue
        if others is None:
            others = OtherThings(h2)
        if not others.among(h2) and not _furniture_not_a_header(h2):
            return h2
    return None


def _starts_alike(heading: str, head: str) -> bool:
    """``heading`` is the headline ``head``: the same, it with more after it ("Headline - Subtitle"), at
    least half of it from its start, or its first 20 characters."""
    return (
        heading.startswith(head)
        or (head.startswith(heading) and 2 * len(heading) >= len(head))
        or (len(heading) >= 20 and len(head) >= 20 and heading[:20] == head[:20])
    )


def _furniture_not_a_header(el: HtmlElement) -> bool:
    """``el`` sits in furniture (``html_furniture.skipped``), a ``<header>`` apart."""
    from .html_furniture import skipped

    return any(skipped(node) and node.tag != "header" for node in (el, *el.iterancestors()))


def _alike(a: str, b: str) -> bool:
    """One contains the other, or they share their first 20 characters ("Headline - Site")."""
    return a in b or b in a or (len(a) >= 20 and a[:20] == b[:20])


def _norm(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip().lower()


def time_values(tree: HtmlElement) -> list[tuple[str, str]]:
    """Every ``<time datetime>`` value outside furniture (the first 20): other renderings of a date. An
    article's own ``<header>`` is no furniture here either: the WordPress theme's ``<time ... datetime=
    "...-05:00">`` there, beside a UTC meta date, is what says the publisher's offset (review)."""
    out = []
    for el in itertools.islice(tree.iter("time"), 20):
        value = el.get("datetime")
        if value and not _in_furniture_not_a_header(el):
            out.append((str(value), "time-element"))
    return out


def rank_published(
    published: list[tuple[str, str]],
    modified: list[tuple[str, str]],
    tree: HtmlElement,
    url: str | None,
    headline: HtmlElement | None,
    locale: str | None = None,
) -> list[tuple[str, str]]:
    """The structured publication candidates reordered by what the page itself shows, so that the first
    one that parses is the best. Instants are never moved: a different candidate is chosen instead.

    - The day printed under the headline (not labelled as an update) arbitrates between structured
      candidates that disagree (published, modified, ``<time>`` renderings).
    - Without structured candidates, the dateline itself is the candidate (its ``<time datetime>`` when it
      is written in one), unless a marked ``<time>`` or the URL has a date (``extract_html`` tries
      those before searching the page).
    - A UTC instant (``Z``) does not say the publisher's day. When the printed day or the URL's day is the
      neighbouring day, and the instant could fall on it at some offset, a rendering that names that
      day is taken (one with an offset keeps the instant; else the printed or URL date at day level).
    Whatever is moved forward, the other candidates follow, so ``first_date`` still has fallbacks and
    can pair a UTC instant with its local rendering.
    """
    seen: dict[str, ParsedDate] = {}
    pub = _cands(published, seen, locale)
    if not pub:
        return [*published, *_unstructured(tree, url, headline, locale)]
    top = pub[0]
    others = pub + _cands(modified[:2], seen, locale) + _cands(time_values(tree), seen, locale)
    printed = _cands([p], seen, locale) if (p := dateline(headline, locale)) else []
    if p and not printed and headline is not None and (regional := _regional_locale(headline, locale)):
        printed = _cands([p], None, regional)  # "03/04/2022", read in the page's regional locale
    in_url = url_date(url)
    days = printed + (_cands([(in_url[0], "url")], seen, locale) if in_url else [])
    chosen = _by_printed_day(top, others, printed) or _by_local_day(top, others, days)
    out = list(published)
    if chosen is not None:
        out = [(chosen.text, chosen.evidence), *(p for p in published if p != (chosen.text, chosen.evidence))]
        top = chosen
    if top.in_utc and top.parsed.utc is not None:
        # A naive rendering of the same instant outside the published list (a <time>): put it where
        # first_date pairs it with the instant.
        local = next((c for c in others + printed if _local_offset(top.parsed.utc, c) is not None), None)
        if local is not None:
            out.insert(1, (local.text, local.evidence))
    return out


def _unstructured(
    tree: HtmlElement, url: str | None, headline: HtmlElement | None, locale: str | None
) -> list[tuple[str, str]]:
    """The candidate of a page without structured dates: its dateline, else a date labelled as the
    publication ("Erschienen am ..."), read before htmldate's search of the page. A marked ``<time>``
    and the URL's date come first (``extract_html`` tries them), except over a ``<time>`` that holds the
    dateline: that one is the article's own, and marked ones elsewhere may be other articles'."""
    found = _dateline(headline, locale=locale)
    if found is not None and _ambiguous(found[0], locale):
        # Read only in the page's regional locale ("03/04/2022"), which extract_html's reading of the
        # candidates does not know: htmldate's day, read again in it (``_in_page_order``), is taken then.
        found = None
    if found is not None:
        text, el = found
        stamp = el if el.tag == "time" else el.getparent()
        if stamp is not None and stamp.tag == "time" and stamp.get("datetime"):
            # Its machine value must name the printed day (some templates put the update there).
            value = str(stamp.get("datetime"))
            both = _cands([(value, "time-element"), (text, "text")], locale=locale)
            return [
                (value, "time-element") if len(both) == 2 and both[0].day == both[1].day else (text, "text")
            ]
    if url_date(url) or next(time_elements(tree, marked=True), None):
        return []
    if found is not None:
        return [(found[0], "text")]
    labelled = labelled_date(tree, locale)
    return [labelled] if labelled else []


def labelled_date(tree: HtmlElement, locale: str | None = None) -> tuple[str, str] | None:
    """The first date in the page's text that a word labels as the publication ("Published on ...",
    "Erschienen am: ...", "Publié le ..."), not one in a script; with the clock that follows it
    ("à 15h57", "um 14:34 Uhr") when that still reads as the same day."""
    body = tree.find("body")
    if body is None:
        return None
    nodes = body.xpath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
    text = " ".join(str(n) for n in nodes)[:_LABEL_SCAN]
    for m in _PUBLISHED_LABEL.finditer(text):
        rest = text[m.end() : m.end() + 60]
        for pattern in _with_calendars(rest, _WRITTEN, locale):
            d = pattern.search(rest)
            if not d or d.start() > _LABEL_GAP:
                continue
            short = _cands([(rest[: d.end()].strip(), "text")], locale=locale)
            if not short:
                continue
            longer = _cands([(rest[: d.end() + 16].strip(), "text")], locale=locale)
            timed = bool(longer) and longer[0].parsed.precision in ("second", "minute")
            best = longer[0] if timed and longer[0].day == short[0].day else short[0]
            return best.text, best.evidence
    return None


def _by_printed_day(top: _Cand, others: list[_Cand], printed: list[_Cand]) -> _Cand | None:
    """The first candidate with an offset that names the printed day, when ``top`` names another; else
    the printed dateline itself when it has a clock time, names an earlier day, and ``top`` is a
    structured value without an offset (a naive or day-only field: a sloppier rendering than the
    page's own dateline, and a later day in it is a re-stamp, not the original publication)."""
    day = printed[0].day if printed else None
    if day is None or top.day is None or top.day == day or _renders_on(top, day, others + printed):
        return None
    found = next((c for c in others + printed if c.day == day and c.parsed.offset_minutes is not None), None)
    timed = printed[0].parsed.precision in ("second", "minute")
    if found is None and top.parsed.offset_minutes is None and day < top.day and timed:
        return printed[0]
    return found


def _by_local_day(top: _Cand, others: list[_Cand], days: list[_Cand]) -> _Cand | None:
    """For a UTC instant ``top`` whose UTC day neighbours the printed or URL day (and could be that day
    at some offset): a rendering of the instant with an offset on that day, else the day itself, unless
    a naive local rendering of the instant is on the page (``first_date`` pairs those)."""
    utc = top.parsed.utc
    if not top.in_utc or utc is None or top.day is None:
        return None
    for day_c in days:
        day = day_c.day
        if day is None:
            continue
        if day == top.day or abs(day - top.day) != _DAY or not _could_be_local_day(utc, day):
            return None
        same = (
            c for c in others + days if _same_instant(utc, c) and c.parsed.offset_minutes and c.day == day
        )
        found = next(same, None)
        if found is not None:
            return found
        if _has_local_rendering(utc, others + days):
            return None
        if day_c.parsed.offset_minutes is None and day_c.parsed.precision in ("second", "minute"):
            continue  # a clock without a zone would be read as UTC: a false instant; try the URL's day
        return day_c
    return None


def _same_instant(utc: datetime, cand: _Cand) -> bool:
    """``cand`` writes ``utc`` (to the minute when it has no seconds)."""
    if cand.parsed.utc is None:
        return False
    utc = (
        utc.replace(second=0, microsecond=0)
        if cand.parsed.precision == "minute"
        else utc.replace(microsecond=0)
    )
    return cand.parsed.utc == utc


def _renders_on(top: _Cand, day: date, cands: list[_Cand]) -> bool:
    """A UTC instant that a naive string on the page writes, in local time, on ``day``."""
    utc = top.parsed.utc
    if not top.in_utc or utc is None:
        return False
    for c in cands:
        offset = _local_offset(utc, c)
        if offset is not None and (utc + timedelta(minutes=offset)).date() == day:
            return True
    return False


def _has_local_rendering(utc: datetime, cands: list[_Cand]) -> bool:
    """A naive string on the page writes the same instant at a whole quarter-hour offset."""
    return any(_local_offset(utc, c) is not None for c in cands)


def _local_offset(utc: datetime, cand: _Cand) -> int | None:
    """Minutes east of UTC at which ``cand`` writes the instant ``utc``: a naive rendering's difference
    from it, or the offset a zoned rendering of the same instant names ("2:32 p.m. EDT" beside
    ``18:32:11Z``: -240, where offset 0 was kept, review); else None."""
    if cand.parsed.utc is None or cand.parsed.precision not in ("second", "minute"):
        return None
    if cand.parsed.offset_minutes is not None:
        minute = cand.parsed.precision == "minute"
        same = cand.parsed.utc == (
            utc.replace(second=0, microsecond=0) if minute else utc.replace(microsecond=0)
        )
        return cand.parsed.offset_minutes if same and cand.parsed.offset_minutes else None
    # "11:03 PM" writes 07:03:25Z to the minute, "22:35:29" writes 06:35:29.403Z to the second
    utc = (
        utc.replace(second=0, microsecond=0)
        if cand.parsed.precision == "minute"
        else utc.replace(microsecond=0)
    )
    delta = cand.parsed.utc - utc  # a naive string is read as UTC: the difference is its offset
    minutes = int(delta.total_seconds() // 60)
    if delta.total_seconds() % 60 or minutes == 0 or minutes % 15 or not -720 <= minutes <= 840:
        return None
    return minutes
