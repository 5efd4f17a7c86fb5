"""Discover: turn a fetched feed or sitemap into the page URLs to fetch, with the metadata it carries.

Pure parsing, no network. Feeds go through feedparser (RSS 0.9x/1.0/2.0, Atom) or ``json`` (JSON Feed
1.x), sitemaps through lxml with entity resolution, DTD loading and network access switched off.
Documents that declare entities are refused before any parser sees them: entity expansion ("billion
laughs") and external entities have no honest use in a feed or sitemap. Dates stay as their original
text; ``flows.dates`` parses them later, where the source locale and time zone are known.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree
from lxml import html as lxml_html

from .clean import split_names
from .dates import IN_THE_FUTURE, parse_date
from .errors import RejectInput
from .sources import Source
from .urls import normalise_url

Via = Literal["feed", "sitemap", "news-sitemap", "sitemap-index", "list"]

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit for one uncompressed file
MAX_SITEMAP_URLS = 50_000  # the sitemap protocol's limit for one file
_SUMMARY_CHARS = 2000
# Why a feed or sitemap link was not used (counted in ``Discovery.unusable``, shown in the crawl report).
NO_URL = "empty or malformed"
NOT_HTTP = "not http(s)"
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_PROLOG_SCAN = 1_000_000
# Character references to half a UTF-16 surrogate pair (&#xD800;, &#55296;) stand for no character, and
# feedparser's fallback parser fails on them with UnicodeEncodeError: they become U+FFFD first.
_SURROGATE_REF = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}"
    rb"|0*(?:5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));"
)
# feedparser's "bozo" notes that do not mean the entries are incomplete.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class DiscoverError(RejectInput):
    """A feed or sitemap that cannot be read (unsafe, broken beyond recovery, or not a feed/sitemap)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__("fetch", reason, detail)


@dataclass(frozen=True, slots=True)
class DiscoveredItem:
    """One URL found in a feed or sitemap, with whatever metadata came with it (text, unparsed)."""

    url: str
    source: str
    title: str | None = None
    published_text: str | None = None  # feed pubDate/published, or <news:publication_date>
    author: str | None = None
    summary: str | None = None
    lastmod_text: str | None = None  # feed updated, or sitemap <lastmod>
    via: Via = "feed"


@dataclass(slots=True)
class Discovery:
    """What one feed or sitemap yielded: pages, child sitemaps (from an index) and a recovery note."""

    items: list[DiscoveredItem] = field(default_factory=list)
    sitemaps: list[DiscoveredItem] = field(default_factory=list)
    warning: str | None = None  # set when the document was broken and only partly recovered
    # links that name nothing fetchable, by why: NO_URL or NOT_HTTP (javascript:, mailto:)
    unusable: Counter[str] = field(default_factory=Counter)


def refuse_entities(data: bytes) -> None:
    """Raise ``DiscoverError`` if the XML prolog declares entities (expansion bombs, external entities)."""
    head = data[:_PROLOG_SCAN].replace(b"\x00", b"")  # NULs: ASCII markup in UTF-16 text
    head = _outside_markup(head, lambda part: part, keep=False)  # a "<root" in a comment is no root
    match = _ROOT_START.search(head)
    prolog = head[: match.start()] if match else head
    if _DOCTYPE.search(prolog) and _ENTITY.search(prolog):
        raise DiscoverError("unsafe_xml", "document declares XML entities; refused (entity expansion risk)")


def _clean(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    text = " ".join(text.split())
    return text or None


def _http_url(url: Any, base_url: str | None) -> tuple[str | None, str | None]:
    """The absolute http(s) URL a link names, or None and why it cannot be fetched (``NO_URL``,
    ``NOT_HTTP``). feedparser already blanks a link it cannot resolve (``http://[::1/x``)."""
    if not isinstance(url, str) or not url.strip():
        return None, NO_URL
    url = url.strip()
    try:
        url = urljoin(base_url, url) if base_url else url
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. "http://[::1/x": an unclosed IPv6 literal
        return None, NO_URL
    if parts.scheme not in {"http", "https"}:
        return None, NOT_HTTP
    return (url, None) if host else (None, NO_URL)


def _text_of(fragment: str | None) -> str | None:
    """Plain text of a feed summary, which is often HTML."""
    if not fragment:
        return None
    if "<" in fragment:
        with contextlib.suppress(etree.ParserError, ValueError):
            fragment = lxml_html.fromstring(fragment).text_content()
    text = _clean(fragment)
    return text[:_SUMMARY_CHARS] if text else None


# An e-mail address alone is no name (Blogger's "noreply@blogger.com"); "noreply@... (Jane Doe)" gives its name.
_EMAIL = re.compile(r"^\S+@\S+$")


def _person(value: Any) -> str | None:
    name = _clean(value)
    return None if name is None or _EMAIL.match(name) else name


# "Doe, Jane", "van Dyke, Anna M.": one person written last name first.
_LAST_FIRST = re.compile(r"([^\s,]+(?:[ '-][^\s,]+)?),\s+([^\s,]+(?:\s[^\s,]+)?)")


def _first_last(names: list[str]) -> list[str]:
    """Several authors each written "Last, First" (one dc:creator each), turned "First Last": joined
    into one byline they were split at every comma, four names for two people. One alone is left as it
    is ("Doe, Jane" may be two people)."""
    if len(names) < 2:
        return names
    shaped = [_LAST_FIRST.fullmatch(n) for n in names]
    return [f"{m[2]} {m[1]}" for m in shaped if m] if all(shaped) else names


def _entry_author(entry: Any, feed_author: str | None = None) -> str | None:
    """Every author of the entry as one byline ("A One, B Two": Atom's authors, several dc:creator),
    else its Atom <source>'s, else the feed's own (an Atom entry without an author has the feed's; one
    that names only an e-mail address has none)."""
    listed = entry.get("authors") or []
    raw = entry.get("author")
    if isinstance(raw, str) and "@" in raw and len(listed) <= 1:
        # RSS <author> with an address: feedparser's split reads endings of 2-4 letters only, and made
        # "desk@paper.online (Jane Doe)" the name "ne (Jane Doe" (review). Read as bylines are read.
        return ", ".join(split_names(raw)) or None
    names = _first_last([n for a in listed if isinstance(a, dict) and (n := _person(a.get("name")))])
    byline = ", ".join(dict.fromkeys(names))
    detail = entry.get("author_detail")
    # RSS <author> is "email (Name)"; feedparser splits it, and the name is what an article row wants.
    single = _person(detail.get("name")) if isinstance(detail, dict) else None
    own = byline or single or _person(entry.get("author"))
    if own or listed or entry.get("author"):
        return own
    source = entry.get("source")
    from_source = _entry_author(source) if isinstance(source, dict) and source is not entry else None
    return from_source or feed_author


_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|td|th)\s*>|<br\s*/?>", re.I)


def _title_of(entry: Any) -> str | None:
    """A title feedparser marks as HTML (Atom type="html"/"xhtml", markup in RSS CDATA) as plain text."""
    title = entry.get("title")
    detail = entry.get("title_detail")
    kind = detail.get("type") if isinstance(detail, dict) else None
    if isinstance(title, str) and kind in ("text/html", "application/xhtml+xml"):
        if "<" in title:
            title = _BLOCK_END.sub(" ", title)  # "<p>One</p><p>Two</p>" is "One Two", not "OneTwo"
            with contextlib.suppress(etree.ParserError, ValueError):
                title = lxml_html.fromstring(f"<p>{title}</p>").text_content()
        else:
            title = html.unescape(title)
    return _clean(title)


_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.I)
# An RSS <link> with no URL in it: left in, it kept feedparser from taking a permalink <guid> as the link.
_EMPTY_LINK = re.compile(rb"<link\s*/>|<link>\s*</link>")
_GUID_NOT_URL = re.compile(rb"<guid>(?!\s*(?:https?://|/))([^<]*)</guid>", re.I)
_BLANK = b"\xef\xbb\xbf \t\r\n"  # what may come before a document's first character (a UTF-8 BOM too)


def parse_feed(
    data: bytes, source: str, base_url: str | None = None, http_charset: str | None = None
) -> Discovery:
    """Entries of an RSS, Atom or JSON feed (gzipped or not). A broken feed gives what feedparser
    recovered, with a warning."""
    if data[:2] == b"\x1f\x8b":  # a .xml.gz served as gzip bytes, no Content-Encoding: as for sitemaps
        data = _gunzip(data, "feed")
    if data.lstrip(_BLANK)[:1] == b"{":
        return parse_json_feed(data, source, base_url)
    refuse_entities(data)
    # RSS 2.0: a <guid> without isPermaLink="false" is the item's permalink; feedparser takes it as the
    # link only when there is no <link> at all, and an empty one left the item without a URL.
    data = _EMPTY_LINK.sub(b"", data)
    # ... and a guid that is no URL, nor a path ("12345", "tag:site,2024:7"), is no permalink, whatever RSS
    # says: feedparser resolved it against the feed's address, a page no feed named (review).
    data = _GUID_NOT_URL.sub(rb'<guid isPermaLink="false">\1</guid>', data)
    headers = {"content-location": base_url or "", "content-type": "application/xml"}
    if http_charset:
        headers["content-type"] += f"; charset={http_charset}"
    if b"&#" in data:
        data = _SURROGATE_REF.sub(b"&#xFFFD;", data)
    try:
        # A file-like object, never a str: feedparser would treat a str that looks like a URL as one to fetch.
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # a feedparser failure on one feed costs that feed, not the crawl
        raise DiscoverError("bad_feed", f"feedparser could not read it: {type(exc).__name__}: {exc}") from exc
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _HARMLESS):
        problem = None
    if not parsed.get("version") and not parsed.entries:
        if _HTML_START.search(data[:2048]):
            raise DiscoverError(
                "bad_feed", "an HTML page, not an RSS or Atom feed (is this the site's home page?)"
            )
        detail = f": {problem}" if problem else ""
        raise DiscoverError("bad_feed", f"not an RSS or Atom feed{detail}")
    items = []
    unusable: Counter[str] = Counter()
    # Atom entries inherit the feed's <author>; an RSS channel's managingEditor is no article's author.
    atom = str(parsed.get("version") or "").startswith("atom")
    feed_author = _entry_author(parsed.get("feed") or {}) if atom else None
    for entry in parsed.entries:
        url, why = _http_url(entry.get("link"), base_url)
        if url is None:
            unusable[why or NO_URL] += 1
            continue
        published, updated = _clean(entry.get("published")), _clean(entry.get("updated"))
        items.append(
            DiscoveredItem(
                url=url,
                source=source,
                title=_title_of(entry),
                # An entry's only date is its publication's: RSS 1.0 and dc:date, an Atom entry without
                # <published> (feedparser files both under ``updated``).
                published_text=published or updated,
                author=_entry_author(entry, feed_author),
                summary=_text_of(entry.get("summary")),
                # feedparser falls back to the publication date for ``updated``; that is no lastmod.
                lastmod_text=updated if updated != published else None,
                via="feed",
            )
        )
    if problem is not None and not items:
        raise DiscoverError("bad_feed", f"feed is broken and no entries could be recovered: {problem}")
    warning = f"broken feed, recovered {len(items)} entries: {problem}" if problem is not None else None
    return Discovery(items=items, warning=warning, unusable=unusable)


_JSON_FEED = "https://jsonfeed.org/version/"


def parse_json_feed(data: bytes, source: str, base_url: str | None = None) -> Discovery:
    """Items of a JSON Feed 1.0 or 1.1 (jsonfeed.org): ``fetch`` accepts ``application/feed+json``, and
    feedparser reads no JSON ("not well-formed (invalid token)"). Read as feedparser's entries are."""
    try:
        feed = json.loads(data.decode("utf-8-sig"))  # JSON Feed is UTF-8
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deep
        raise DiscoverError("bad_feed", f"a JSON document that cannot be read: {exc}") from exc
    version = feed.get("version") if isinstance(feed, dict) else None
    if not isinstance(version, str) or not version.startswith(_JSON_FEED):
        raise DiscoverError("bad_feed", f"JSON, but not a JSON Feed (no {_JSON_FEED}... version)")
    entries = feed.get("items")
    if not isinstance(entries, list):
        raise DiscoverError("bad_feed", "a JSON Feed without an items list")
    found = Discovery()
    feed_author = _json_authors(feed)  # an item without authors has the feed's (JSON Feed 1.1)
    for entry in entries:
        entry = entry if isinstance(entry, dict) else {}
        url, why = _http_url(entry.get("url") or entry.get("external_url"), base_url)
        if url is None:
            found.unusable[why or NO_URL] += 1
            continue
        published, modified = _clean(entry.get("date_published")), _clean(entry.get("date_modified"))
        summary = next(
            (v for k in ("summary", "content_text", "content_html") if (v := _clean(entry.get(k)))), None
        )
        found.items.append(
            DiscoveredItem(
                url=url,
                source=source,
                title=_clean(entry.get("title")),
                published_text=published or modified,
                author=_json_authors(entry) or feed_author,
                summary=_text_of(summary),
                lastmod_text=modified if modified != published else None,
                via="feed",
            )
        )
    return found


def _json_authors(holder: dict[str, Any]) -> str | None:
    """A JSON Feed byline: 1.1's ``authors`` list, else 1.0's one ``author``, each ``{"name": ...}``."""
    people = holder.get("authors")
    if not isinstance(people, list):
        people = [holder.get("author")]
    names = [n for p in people if isinstance(p, dict) and (n := _person(p.get("name")))]
    return ", ".join(dict.fromkeys(names)) or None


def _gunzip(data: bytes, what: Literal["sitemap", "feed"] = "sitemap") -> bytes:
    """Decompress a ``.xml.gz`` sitemap or feed, refusing more than the sitemap protocol's 50 MB."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(data, MAX_SITEMAP_BYTES + 1)
    except zlib.error as exc:
        raise DiscoverError(f"bad_{what}", f"gzip data is corrupt: {exc}") from exc
    if len(out) > MAX_SITEMAP_BYTES or inflater.unconsumed_tail:
        raise DiscoverError("too_large", f"{what} is larger than {MAX_SITEMAP_BYTES} bytes uncompressed")
    return out


def _local(element: Any) -> str:
    """An element's name without namespace or prefix; "" for comments and for names a recovering parse
    left unreadable (``.tag`` itself can raise on bytes that are not UTF-8)."""
    try:
        tag = element.tag
    except (UnicodeDecodeError, ValueError):
        return ""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _child_text(element: Any, name: str) -> str | None:
    for child in element:
        if _local(child) == name:
            return _clean(child.text)
    return None


def _find(element: Any, name: str) -> Any:
    for child in element:
        if _local(child) == name:
            return child
    return None


_XML_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
    "remove_comments": True,
    "remove_pis": True,
}


def _parse_xml(data: bytes) -> tuple[Any, str | None]:
    """The root of a sitemap: parsed strictly; else strictly again once the usual breakage is repaired
    (``_repaired``); else what libxml2's recovering parse reads, with a warning either way. Recovery
    alone lost every entity reference after the first error: ``?id=7&amp;lang=en`` became ``?id=7lang=en``."""
    try:
        return etree.fromstring(data, etree.XMLParser(**_XML_OPTIONS)), None
    except etree.XMLSyntaxError as exc:
        error = exc
    fixed, done = _repaired(data)
    if done:
        refuse_entities(fixed)  # text before the XML hid its prolog from the first look
        with contextlib.suppress(etree.XMLSyntaxError):
            root = etree.fromstring(fixed, etree.XMLParser(**_XML_OPTIONS))
            return root, f"broken XML, read once repaired ({', '.join(done)}): {error}"
    try:  # references to characters survive libxml2's recovery, the five named ones do not
        recovered = _outside_markup(fixed, lambda part: _XML_NAMED.sub(_as_number, part))
        root = etree.fromstring(recovered, etree.XMLParser(recover=True, **_XML_OPTIONS))
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise DiscoverError("bad_sitemap", f"not well-formed XML: {error}") from error
    return root, f"broken XML, recovered what could be read: {error}"


# Where a sitemap's XML starts: its declaration, else its root element.
_XML_DECLARATION = rb"<\?xml[\s?]"
_SITEMAP_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:urlset|sitemapindex)[\s>/]")
_XML_START = re.compile(_XML_DECLARATION + b"|" + _SITEMAP_ROOT.pattern)
_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)")
_LITERAL_START = re.compile(rb"<!\[CDATA\[|<!--")
_AMP_ALONE = re.compile(rb"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][\w.-]*;)")
_NAMED_REF = re.compile(rb"&([A-Za-z][\w.-]*);")
_XML_NAMED = re.compile(rb"&(amp|lt|gt|quot|apos);")
_NUMBERS = {b"amp": b"&#38;", b"lt": b"&#60;", b"gt": b"&#62;", b"quot": b"&#34;", b"apos": b"&#39;"}
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")


def _repaired(data: bytes) -> tuple[bytes, list[str]]:
    """A sitemap's bytes with the usual breakage undone, and what was done: text before the XML (blank
    lines before ``<?xml``, a PHP notice) dropped; bytes that are not UTF-8 in a UTF-8 file read as
    cp1252; an ``&`` that starts no reference escaped."""
    if _wide_xml(data):
        return data, []
    done = []
    start = _XML_START.search(data, 0, _PROLOG_SCAN)
    if start is not None and start.start():
        junk = data[: start.start()].strip(_BLANK)
        done.append("text before the XML left out" if junk else "blank lines before the XML left out")
        data = data[start.start() :]
    utf8 = _as_utf8(data)
    if utf8 != data:
        data = utf8
        done.append("bytes that are not UTF-8 read as cp1252")
    escaped = _outside_markup(data, _escape_amps)
    if escaped != data:
        data = escaped
        done.append("& escaped")
    return data, done


def _as_utf8(data: bytes) -> bytes:
    """A document declared UTF-8 (or not declared at all), with each byte that is no UTF-8 read as
    cp1252 (one "é" saved by an old editor); in any other encoding, as it is."""
    declared = _ENCODING.match(data)
    if declared and declared[1].lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        text = data.decode("utf-8", "surrogateescape")  # each bad byte one lone surrogate
    redone = _ESCAPED_BYTES.sub(
        lambda m: m[0].encode("utf-8", "surrogateescape").decode("cp1252", "replace"), text
    )
    return redone.encode("utf-8")


def _escape_amps(markup: bytes) -> bytes:
    """``&`` that starts no reference as ``&amp;`` (``?id=7&page=2``); an HTML entity XML does not know
    (``&nbsp;``) as its character's number, an unknown name escaped."""

    def named(m: re.Match[bytes]) -> bytes:
        if _XML_NAMED.fullmatch(m[0]):
            return m[0]
        text = html.unescape(m[0].decode("ascii"))
        if text.endswith(";"):  # no entity HTML knows either
            return b"&amp;" + m[0][1:]
        return "".join(f"&#{ord(c)};" for c in text).encode("ascii")

    return _NAMED_REF.sub(named, _AMP_ALONE.sub(b"&amp;", markup))


def _as_number(m: re.Match[bytes]) -> bytes:
    return _NUMBERS[m[1]]


def _outside_markup(data: bytes, change: Callable[[bytes], bytes], *, keep: bool = True) -> bytes:
    """``change`` applied to the document outside CDATA sections and comments, whose text is literal
    (``keep``; else they are left out). A scan for each end mark, not a lazy pattern: a sitemap of
    unclosed "<!--" took time growing with their number times the length (20,000 of them: 6 s)."""
    out: list[bytes] = []
    pos = 0
    while (start := _LITERAL_START.search(data, pos)) is not None:
        end = data.find(b"]]>" if start[0] == b"<![CDATA[" else b"-->", start.end())
        out.append(change(data[pos : start.start()]))
        if end < 0:  # unclosed: literal to the end
            if keep:
                out.append(data[start.start() :])
            return b"".join(out)
        pos = end + 3
        if keep:
            out.append(data[start.start() : pos])
    out.append(change(data[pos:]))
    return b"".join(out)


_ROBOTS_SITEMAP = re.compile(rb"^[ \t]*sitemap[ \t]*:[ \t]*(\S+)", re.I | re.M)
_ROBOTS_LINE = re.compile(rb"^[ \t]*(?:user-agent|disallow|allow|crawl-delay)[ \t]*:", re.I | re.M)


def _text_sitemap(data: bytes, source: str, base_url: str | None) -> Discovery | None:
    """A sitemap that is no XML: a text file of URLs, one per line (the sitemaps protocol allows it), or
    a robots.txt, whose ``Sitemap:`` lines are then its child sitemaps. None when it is neither."""
    head = data.lstrip(_BLANK)
    if head[:1] == b"<" or _wide_xml(data) or _XML_START.search(data, 0, _PROLOG_SCAN):
        return None  # XML, perhaps after a PHP notice
    if _ROBOTS_LINE.search(data) or _ROBOTS_SITEMAP.search(data):
        found = Discovery()
        for match in _ROBOTS_SITEMAP.finditer(data):
            url, _ = _http_url(match[1].decode("utf-8", "replace"), base_url)
            if url is not None:
                found.sitemaps.append(DiscoveredItem(url, source, via="sitemap-index"))
        if not found.sitemaps:
            raise DiscoverError("not_a_sitemap", "a robots.txt that names no sitemap (no Sitemap: line)")
        return found
    text = data.decode("utf-8-sig", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not text.strip():  # blank lines only: "the sitemap lists no page URLs", as an empty urlset
        return Discovery() if data else None
    if not any(line.lower().startswith(("http://", "https://")) for line in lines):
        return None
    found = Discovery()
    for line in lines[:MAX_SITEMAP_URLS]:  # comments left out; a relative URL resolved, as in XML
        url, why = (None, NO_URL) if any(c.isspace() for c in line) else _http_url(line, base_url)
        if url is None:
            found.unusable[why or NO_URL] += 1
        else:
            found.items.append(DiscoveredItem(url, source, via="sitemap"))
    if len(lines) > MAX_SITEMAP_URLS:
        found.warning = f"more than {MAX_SITEMAP_URLS} URLs; the rest were ignored"
    return found


def _wide_xml(data: bytes) -> bool:
    """UTF-16 or UTF-32 (a byte-order mark, or "<" beside a zero byte): the XML parser reads those."""
    return data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (
        b"\x00\x00\xfe\xff",
        b"<\x00?\x00",
        b"\x00<\x00?",
    )


def parse_sitemap(data: bytes, source: str, base_url: str | None = None) -> Discovery:
    """Pages of a urlset (plain or Google News) or of a text sitemap, or the child sitemaps of a sitemap
    index or of a robots.txt's ``Sitemap:`` lines."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    text = _text_sitemap(data, source, base_url)
    if text is not None:
        return text
    if _HTML_START.search(data[:2048]) and not _SITEMAP_ROOT.search(data, 0, _PROLOG_SCAN):
        raise DiscoverError("not_a_sitemap", "an HTML page, not a sitemap (is this the site's home page?)")
    xml = data.lstrip(_BLANK)[:1] == b"<" or _wide_xml(data)
    if not xml and _XML_START.search(data, 0, _PROLOG_SCAN) is None:  # else text before it, a PHP notice
        raise DiscoverError("bad_sitemap", "neither XML nor a text list of URLs (one http(s) URL per line)")
    refuse_entities(data)
    root, warning = _parse_xml(data)
    kind = _local(root)
    if kind not in {"urlset", "sitemapindex"}:
        raise DiscoverError("not_a_sitemap", f"root element is <{kind or '?'}>, not urlset/sitemapindex")
    found = Discovery(warning=warning)
    wanted = "url" if kind == "urlset" else "sitemap"
    for element in root:
        if _local(element) != wanted:
            continue
        url, why = _http_url(_child_text(element, "loc"), base_url)
        if url is None:
            found.unusable[why or NO_URL] += 1
            continue
        lastmod = _child_text(element, "lastmod")
        if kind == "sitemapindex":
            found.sitemaps.append(DiscoveredItem(url, source, lastmod_text=lastmod, via="sitemap-index"))
            continue
        news = _find(element, "news")
        found.items.append(
            DiscoveredItem(
                url=url,
                source=source,
                title=_child_text(news, "title") if news is not None else None,
                published_text=_child_text(news, "publication_date") if news is not None else None,
                lastmod_text=lastmod,
                via="news-sitemap" if news is not None else "sitemap",
            )
        )
        if len(found.items) >= MAX_SITEMAP_URLS:
            found.warning = f"more than {MAX_SITEMAP_URLS} URLs; the rest were ignored"
            break
    return found


def walk_sitemaps(
    root_url: str,
    source: str,
    load: Callable[[str], tuple[bytes, str]],
    *,
    max_depth: int = 3,
    max_sitemaps: int = 100,
    skip: Callable[[DiscoveredItem], bool] | None = None,
    listed: Callable[[DiscoveredItem], object] | None = None,
) -> Discovery:
    """Follow a sitemap (index) down to its pages, breadth first, each sitemap once.

    ``load(url) -> (body, final_url)`` does the fetching, so this stays free of I/O and its errors
    (transient or not) reach the caller; a ``DiscoverError`` it raises for a child sitemap becomes a
    warning instead, so one missing child sitemap costs only its own pages. ``skip`` may drop a child
    sitemap, e.g. when its ``<lastmod>`` says it has not changed (``not should_fetch(...)``); ``listed``
    is told of each child sitemap that will be followed, as its index lists it (its ``<lastmod>``), before
    it is loaded. A broken child sitemap becomes a warning; a broken root is an error, and so is an index
    none of whose child sitemaps could be read (``UnreadIndex``): it named pages, none were found.

    At most ``max_sitemaps`` child sitemaps are read (a source's ``max_sitemaps``), each index's newest
    first (``newest_first``), so a limit leaves out the oldest; the warning says how many were left.
    """
    found = Discovery()
    notes: list[str] = []
    queue: deque[tuple[str, int]] = deque([(root_url, 0)])
    seen: set[str] = set()
    read = failed = skipped = 0  # child sitemaps read to the end, that could not be read, left unread
    while queue:
        url, depth = queue.popleft()
        if url in seen:
            continue
        if depth and len(seen) > max_sitemaps:  # ``seen`` holds the root too
            left = len({url, *(u for u, _ in queue)} - seen)
            notes.append(
                f"{left} more listed sitemap{'s' if left != 1 else ''} not read: over max_sitemaps = "
                f"{max_sitemaps} (raise the source's max_sitemaps to read them)"
            )
            break
        seen.add(url)
        try:
            # ``load`` may raise DiscoverError for a child it could not get: a warning, like a broken one.
            body, final_url = load(url)
            part = parse_sitemap(body, source, final_url)
        except DiscoverError as exc:
            if depth == 0:
                raise
            failed += 1
            notes.append(f"{url}: {exc.reason}: {exc.detail}")
            continue
        if part.warning:
            notes.append(f"{url}: {part.warning}")
        found.items.extend(part.items)
        found.unusable.update(part.unusable)
        followed = 0
        for child in newest_first(part.sitemaps):
            if depth + 1 > max_depth:
                notes.append(f"{child.url}: deeper than {max_depth} levels, not followed")
            elif skip is not None and skip(child):
                skipped += 1  # unchanged since read: no failure of the index
            else:
                followed += 1
                found.sitemaps.append(child)
                queue.append((child.url, depth + 1))
                if listed is not None:
                    listed(child)
        read += bool(depth and not followed)  # a urlset, or an index whose children are not followed
    found.warning = "; ".join(notes) or None
    if failed and not read and not skipped and not found.items:
        raise UnreadIndex(failed, found.warning)
    return found


class UnreadIndex(DiscoverError):
    """A sitemap index none of whose child sitemaps could be read: the source fails, as when its root
    does (it was a warning that the sitemap lists no page URLs). ``warning`` says why each failed."""

    def __init__(self, failed: int, warning: str | None) -> None:
        detail = f"no child sitemap of the index could be read ({failed} failed, see the warning)"
        super().__init__("no_child_sitemap", detail)
        self.warning = warning


def newest_first(children: list[DiscoveredItem]) -> list[DiscoveredItem]:
    """An index's child sitemaps by ``<lastmod>``, the latest first, those without one last, else in the
    order listed: so ``max_sitemaps`` leaves out the oldest, not whatever the index lists last."""
    return sorted(children, key=lambda c: _lastmod_key(c.lastmod_text), reverse=True)


_NO_TIME = datetime.min.replace(tzinfo=UTC)


def _lastmod_key(text: str | None) -> tuple[bool, datetime]:
    """How a ``<lastmod>`` sorts: the W3C form through ``fromisoformat`` (an index may list 50,000), any
    other through ``parse_date``; one without a time zone read as UTC. ``(False, ...)``: no date."""
    if not text:
        return False, _NO_TIME
    try:
        when: datetime | None = datetime.fromisoformat(text)
    except ValueError:
        when = parse_date(text).utc
    if when is None:
        return False, _NO_TIME
    return True, when if when.tzinfo else when.replace(tzinfo=UTC)


def url_key(url: str) -> str:
    """What makes two listed URLs one page: ``urls.normalise_url`` (lower-case scheme and host, no
    fragment, no tracking parameters, no default port), or the URL itself when it cannot be normalised."""
    return normalise_url(url) or url


def select(
    items: Iterable[DiscoveredItem],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    max_items: int | None = None,
) -> list[DiscoveredItem]:
    """Items whose URL matches an ``include`` pattern (if any) and no ``exclude`` pattern, each page once:
    URLs that differ only in a fragment or tracking parameters (``url_key``) are one page, the first
    listed (and fetched as listed), with what later listings add (``merged``)."""
    return select_counted(items, include, exclude, max_items)[0]


def select_counted(
    items: Iterable[DiscoveredItem],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    max_items: int | None = None,
    tz: str | None = None,
) -> tuple[list[DiscoveredItem], int, int]:
    """``select``, and how many items it left out as a page listed again and by the patterns. ``tz``
    reads lastmods without a zone (``merged``)."""
    keep = [re.compile(p) for p in include]
    drop = [re.compile(p) for p in exclude]
    chosen: list[DiscoveredItem] = []
    seen: dict[str, int] = {}  # url_key -> its place in ``chosen``
    repeated = excluded = 0
    for item in items:
        key = url_key(item.url)
        if key in seen:
            repeated += 1
            chosen[seen[key]] = merged(chosen[seen[key]], item, tz)
            continue
        if (keep and not any(p.search(item.url) for p in keep)) or any(p.search(item.url) for p in drop):
            excluded += 1
            continue
        seen[key] = len(chosen)
        chosen.append(item)
        if max_items is not None and len(chosen) >= max_items:
            break
    return chosen, repeated, excluded


_HINTS = ("title", "published_text", "author", "summary")


def merged(first: DiscoveredItem, again: DiscoveredItem, tz: str | None = None) -> DiscoveredItem:
    """A page listed twice as one: ``first``'s URL and place, what only ``again`` says of it (a news
    sitemap's title and date for a page a plain sitemap listed first), and the later lastmod of the two
    (an edit said only by the second listing was missed, depending on the order of the index)."""
    fill = {
        f: getattr(again, f) for f in _HINTS if getattr(first, f) is None and getattr(again, f) is not None
    }
    if again.lastmod_text and _later(again.lastmod_text, first.lastmod_text, tz):
        fill["lastmod_text"] = again.lastmod_text
    return replace(first, **fill) if fill else first


def _later(text: str, than: str | None, tz: str | None) -> bool:
    """Whether lastmod ``text`` is later than ``than`` (a lastmod that cannot be read is no later)."""
    when = parse_date(text, tz=tz).utc
    before = parse_date(than, tz=tz).utc if than else None
    return when is not None and (before is None or when > before)


def select_counted_for(
    source: Source, items: Iterable[DiscoveredItem]
) -> tuple[list[DiscoveredItem], int, int]:
    """``select_for``, with the counts of ``select_counted``."""
    return select_counted(items, source.include, source.exclude, tz=source.timezone)


def select_for(source: Source, items: Iterable[DiscoveredItem]) -> list[DiscoveredItem]:
    """``select`` with the source's own patterns. Not its ``max_items``: that caps the items a run will
    actually fetch, which only the warehouse knows (``crawl.choose``), so successive runs walk on through
    a long list instead of taking the same first ones every time."""
    return select_counted_for(source, items)[0]


def items_for_urls(source: Source) -> list[DiscoveredItem]:
    """A ``urls`` source as discovered items, so every web source feeds the fetcher the same records
    (include / exclude applied; ``max_items`` is applied later, like for feeds and sitemaps)."""
    return select_for(source, (DiscoveredItem(url, source.name, via="list") for url in source.urls))


_SPAN = {"month": timedelta(days=31), "day": timedelta(days=1)}


def should_fetch(
    item: DiscoveredItem,
    last_fetched_at: datetime | None,
    *,
    refresh: bool = False,
    tz: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Whether a discovered page is worth a request, judged by its ``<lastmod>`` / ``updated`` text.

    Never fetched: yes. A lastmod at or before the last fetch: no, even on refresh (the site says it
    has not changed). A later lastmod: yes. No usable lastmod: only when the source asks for refresh.
    A date-only lastmod counts as the end of that day, so a same-day change is never missed. ``now``
    (default: the clock) is what a lastmod in the future is judged against.
    """
    return fetch_due(item, last_fetched_at, refresh=refresh, tz=tz, now=now)[0]


def fetch_due(
    item: DiscoveredItem,
    last_fetched_at: datetime | None,
    *,
    refresh: bool = False,
    tz: str | None = None,
    now: datetime | None = None,
    earliest: bool = False,
) -> tuple[bool, bool]:
    """``should_fetch``, and whether the item's lastmod was in the future (so ignored: said in the run's
    summary, as a page edited then would otherwise be left unfetched without a word). ``earliest``: a
    date-only (or month-only) lastmod counts as the start of that day, not its end: the crawl's retry
    back-off asks whether the page surely changed after it failed, and a page that failed at noon of
    the day its lastmod names was asked for again on every run of that day."""
    if last_fetched_at is None:
        return True, False
    parsed = parse_date(item.lastmod_text, tz=tz, ref=now) if item.lastmod_text else None
    if parsed is None or parsed.utc is None:
        return refresh, parsed is not None and IN_THE_FUTURE in (parsed.error or "")
    span = timedelta(0) if earliest else _SPAN.get(parsed.precision or "", timedelta(0))
    return parsed.utc + span > last_fetched_at, False
