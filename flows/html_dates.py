"""Publication and modification dates of an HTML page, from the evidence it carries, most trusted first.

JSON-LD, then ``<meta>`` (OpenGraph ``article:*`` and CMS tags), microdata, ``<time datetime>``, a date
in the URL, then dates written in the visible text near the headline. Every string goes through
``flows.dates.parse_date``; a string it cannot read is retried once in ISO form when we recognise a
common written date (``November 18, 2019``, ``18.11.2019``), and the original text is kept either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime

from lxml.html import HtmlElement

from .dates import ParsedDate, parse_date
from .records import NO_DATE, DateValue
from .rules.html_metadata import DATE_CLASSES

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
_MON = r"(?P<mon>[A-Za-zéûäÄ]{3,10})\.?"
# Written dates we can put into ISO form ourselves when parse_date does not read them.
_WRITTEN = (
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b"),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?" + _MON + r",?\s+(?:de\s+)?(?P<y>(?:19|20)\d{2})\b"
    ),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d{2})\b"),
)
# A date in the path: /2019/11/18/, /2019-11-18/, /20191118/ (day precision only).
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
_ISO_LIKE = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}")


def _written_to_iso(text: str) -> str | None:
    for pattern in _WRITTEN:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        month = _MONTHS.get(groups["mon"].lower()) if groups.get("mon") else int(groups["m"])
        if month and 1 <= month <= 12 and 1 <= int(groups["d"]) <= 31:
            return f"{groups['y']}-{month:02d}-{int(groups['d']):02d}"
    return None


def parse_found(text: str, *, locale: str | None, tz: str | None, ref: datetime | None) -> ParsedDate:
    """``parse_date`` on a string found in a page, with one retry in ISO form for written dates."""
    text = text.strip()[:200]
    first = parse_date(text, locale=locale, tz=tz, ref=ref)
    if first.ok or _ISO_LIKE.search(text):
        return first
    iso = _written_to_iso(text)
    if iso is None:
        return first
    second = parse_date(iso, locale=locale, tz=tz, ref=ref)
    return second if second.ok else first


def to_value(text: str, parsed: ParsedDate, evidence: str) -> DateValue:
    return DateValue(
        utc=parsed.utc,
        offset_minutes=parsed.offset_minutes,
        text=text,
        evidence=evidence,
        precision=parsed.precision,
        error=parsed.error,
    )


def first_date(
    candidates: Iterable[tuple[str, str]], *, locale: str | None, tz: str | None, ref: datetime | None
) -> DateValue:
    """The first candidate ``(text, evidence)`` that parses; else the first failure (with its error)."""
    failed = NO_DATE
    for text, evidence in candidates:
        if not text or not text.strip():
            continue
        parsed = parse_found(text, locale=locale, tz=tz, ref=ref)
        if parsed.ok:
            return to_value(text.strip(), parsed, evidence)
        if failed is NO_DATE:
            failed = to_value(text.strip(), parsed, evidence)
    return failed


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
        is_marked = (
            el.get("pubdate") is not None
            or "publish" in _attr_class(el)
            or (el.get("itemprop") or "").lower() in ("datepublished", "datecreated")
        )
        if is_marked == marked and not in_furniture(el):
            yield str(value), "time-element"


def text_dates(tree: HtmlElement, headline: HtmlElement | None) -> Iterator[tuple[str, str]]:
    """Written dates in elements whose class or id says they hold a date, then text near the headline."""
    seen = 0
    for el in tree.xpath("//body//*[@class or @id]"):
        if seen > 40:
            break
        cls = _attr_class(el)
        if not any(word in cls for word in DATE_CLASSES) or "update" in cls or "modif" in cls:
            continue
        text = el.text_content()
        if len(text) > 200:
            continue
        seen += 1
        if _written_to_iso(text) or _ISO_LIKE.search(text):
            yield (el.get("title") or text), "text"
    if headline is not None:
        # Bylines and datelines sit next to the headline: look at the text of its surroundings.
        scope = headline.getparent()
        for _ in range(3):
            if scope is None or len(scope.text_content()) > 1500:
                break
            scope = scope.getparent()
        if scope is not None:
            text = scope.text_content()[:3000]
            for pattern in _WRITTEN:
                m = pattern.search(text)
                if m:
                    yield m.group(0), "text"
