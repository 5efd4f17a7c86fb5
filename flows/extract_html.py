"""extract (html): one HTML page, as bytes plus its URL, to one ``Extracted`` article.

The page is decoded once (``html_charset``), parsed once with lxml, and the one tree is shared by the
metadata reader (``html_metadata``), the date search (``html_dates``) and the body extractor
(``html_body``). A page without article text raises ``RejectInput("extract", ...)``; bytes that are
not text raise ``RejectInput("decode", ...)``. Nothing else escapes, whatever the input.
"""

from __future__ import annotations

import contextlib
import functools
import html
import itertools
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from .clean import MIN_BODY_WORDS, UNSPACED, is_dateline, is_edge_furniture, word_count
from .dates_types import ParsedDate
from .dates_value import from_parsed
from .errors import RejectInput
from .html_body import extract_body, is_huge
from .html_charset import decode_html
from .html_dates import dateline, first_date, parse_found, text_dates, time_elements, update_line, url_date
from .html_fragment import fragment_text, looks_like_html
from .html_furniture import other_things
from .html_metadata import REGIONAL, PageMeta, fold, page_meta
from .html_page_kind import page_kind, teasers
from .html_pagination import next_page
from .language import detect_language, normalise_language
from .records import NO_DATE, DateValue, Extracted
from .rules.html_paywall import (
    CONTINUE_END,
    ELLIPSIS_END,
    ELLIPSIS_MAX_WORDS,
    ELLIPSIS_MIN_LAST_WORDS,
    MORE_LABEL,
)
from .wording import counted

# Pages above this size are cut (at a tag boundary) before parsing: real articles sit in the first
# megabytes, and the rest of such pages is inline data (images, JSON state) that only costs time.
MAX_PARSE_BYTES = 8_000_000
_HTML_SIGN = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|meta|title|p|div|article|main|section)\b", re.I
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# Control characters libxml2 rejects, as UTF-8 bytes (each is one byte, never part of a longer sequence):
# deleted from the encoded page with bytes.translate (0.25 ms with the encoding on a 170 kB page, where
# a regex over the text and then the encoding took 0.68 ms).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
_WORD = re.compile(r"\w+")


def _words(text: str) -> int:
    """Words as ``\\w+`` runs; in scripts written without spaces as ``clean.word_count`` counts them (a
    Japanese page is one or two runs of letters, and was "no article text"). ASCII text has no such
    script: ``isascii`` answers that in a fraction of the search's time."""
    return word_count(text) if not text.isascii() and UNSPACED.search(text) else len(_WORD.findall(text))


_SENTENCE_END = re.compile(r"[.!?…\"”’»)]\s*$")
_HTML_CLASSES = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)
# A body shorter than this, on a page that says it is paywalled, is taken for a teaser.
_TEASER_WORDS = 150


_FEED_TAGS = ("<rss", "<feed", "<rdf:rdf")
_TAG_END = (" ", ">", "\t", "\r", "\n")


def _is_feed(text: str) -> bool:
    """Whether the document's first element is a feed's, after the XML declaration, comments, a
    stylesheet or a doctype. A scan, not a regular expression: one with a lazy comment body backtracked
    without end over a page of many comments (found by the test suite, minutes on one page)."""
    pos, end = 0, min(len(text), 20_000)
    for _ in range(12):
        while pos < end and (text[pos].isspace() or text[pos] == "\ufeff"):
            pos += 1
        if text.startswith("<!--", pos):
            close = text.find("-->", pos + 4, end)
            if close < 0:
                return False
            pos = close + 3
        elif text.startswith(("<?", "<!"), pos):
            close = text.find(">", pos, end)
            if close < 0:
                return False
            pos = close + 1
        else:
            head = text[pos : pos + 10].lower()
            return any(
                head.startswith(tag) and head[len(tag) : len(tag) + 1] in _TAG_END for tag in _FEED_TAGS
            )
    return False


def _cut(data: bytes) -> bytes:
    """A page over the parse cap without its long scripts' contents, then cut at a tag before the cap."""
    if len(data) <= MAX_PARSE_BYTES:
        return data
    data = _without_big_scripts(data)
    if len(data) <= MAX_PARSE_BYTES:
        return data
    cut = data.rfind(b"<", 0, MAX_PARSE_BYTES)
    return data[: cut if cut > 0 else MAX_PARSE_BYTES]


def _scripts_only(data: bytes, page: bytes) -> bool:
    """Whether only long scripts' contents were dropped (the page itself is whole)."""
    return len(page) <= MAX_PARSE_BYTES and page.endswith(data[-64:])


# A script this long is data (a framework's page state), not what the page shows.
_BIG_SCRIPT = 100_000


def _without_big_scripts(data: bytes) -> bytes:
    """A page over the parse cap without the contents of its long scripts: a 9 MB ``__NEXT_DATA__`` before
    the article left the cut page no text (review). Found with ``bytes.find``, linear in the page."""
    out: list[bytes] = []
    copied = search = 0
    lower = data.lower()
    while (start := lower.find(b"<script", search)) >= 0:
        opened = lower.find(b">", start)
        end = lower.find(b"</script", opened) if opened >= 0 else -1
        if end < 0:
            break
        if end - opened > _BIG_SCRIPT:
            out.append(data[copied : opened + 1])  # up to its tag; its contents are skipped
            copied = end
        search = end + 8
    out.append(data[copied:])
    return b"".join(out)


def parse_html(text: str) -> HtmlElement:
    """The lxml tree of a page; raise ``RejectInput`` when the text is not HTML."""
    if not _HTML_SIGN.search(text, 0, 200_000):  # as on text[:200_000], without copying it
        raise RejectInput("extract", "not_html", "no HTML markup in the first 200,000 characters")
    if _is_feed(text):  # a feed's <title> and <link> passed for a page: its list loaded as text
        raise RejectInput(
            "extract", "not_html", 'an RSS or Atom feed, not a page: crawl it as a source of kind = "feed"'
        )
    text = _XML_DECL.sub("", text, count=1)
    # Parsed from UTF-8 bytes (faster in lxml than from str); comments and processing instructions
    # are dropped at parse time, as no step reads them. A parser per call: lxml parsers are not
    # safe to share between threads. Depth is capped by libxml2 (256 levels without huge_tree),
    # which keeps hostile nesting cheap; text behind that wall is lost, acceptable for junk pages.
    parser = lxml.etree.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    # Every element an lxml.html ``HtmlElement``, chosen in C: lxml.html's own lookup is a Python call
    # for each element object created (a tenth of the CPU of a small page), only to give forms and
    # inputs classes whose form API nothing here uses.
    parser.set_element_class_lookup(_HTML_CLASSES)
    try:
        data = text.encode("utf-8", "replace").translate(None, _CONTROL_BYTES)
        tree = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise RejectInput("extract", "unparsable", f"lxml could not parse the page: {exc}") from exc
    if tree is None:
        raise RejectInput("extract", "unparsable", "the page parsed to an empty tree")
    return tree


def _published(
    tree: HtmlElement,
    meta: PageMeta,
    url: str | None,
    locale: str | None,
    tz: str | None,
    ref: datetime | None,
    html: str = "",
) -> DateValue:
    """Most trusted first: JSON-LD, meta, microdata, marked ``<time>``, the URL, htmldate's page search,
    then dates written near the headline and unmarked ``<time>`` elements."""
    kw: dict[str, Any] = {"locale": locale, "tz": tz, "ref": ref}
    found = first_date(meta.published, **kw)
    if found.utc is not None:
        return found
    failed = found  # the first structured date that could not be read, kept if nothing else is found
    found = first_date(time_elements(tree, marked=True), **kw)
    if found.utc is not None:
        return found
    if failed is NO_DATE:
        failed = found
    in_url = url_date(url) or url_date(meta.canonical_url)
    if in_url is not None:
        parsed = parse_found(in_url[1], **kw)
        if parsed.ok:
            printed = dateline(meta.headline_el, locale)
            return _with_time(parsed, printed, kw) or from_parsed(in_url[0], parsed, "url")
    searched = None if is_huge(tree) else _htmldate(tree, url)

    def candidates() -> Iterator[tuple[str, str]]:
        return itertools.chain(text_dates(tree, meta.headline_el, locale), time_elements(tree, marked=False))

    if searched:
        if reread := _in_page_order(searched, html, _page_locale(locale, meta), kw):
            return reread
        parsed = parse_found(searched, **kw)
        if parsed.ok and (
            not _FIRST_OF_MONTH.fullmatch(searched) or _shown(searched, html, candidates(), kw)
        ):
            return from_parsed(searched, parsed, "text")
    last = first_date(candidates(), **kw)
    # A page's own date that could not be read keeps its text and reason (README: published_error); a
    # review found the meta's "1401-07-20" (Solar Hijri) dropped without a word.
    return last if last.utc is not None or failed is NO_DATE else failed


# htmldate's answer for a copyright line ("© 2024": 2024-01-01), a year alone or a month and year
# ("March 2024": 2024-03-01): a day nobody wrote. A review found every undated page with a © footer
# dated 1 January; such an answer stands only when the page shows that day.
_FIRST_OF_MONTH = re.compile(r"(\d{4})-(\d{2})-01")


def _page_locale(hint: str | None, meta: PageMeta) -> str | None:
    """The user's locale, else the page's declared one, when it names a country: a bare ``en`` is as
    often a British or Indian site's as an American one's (a source's ``locale = "en"`` on an en-GB page
    turned htmldate's right 3 April into 4 March, review)."""
    if hint and REGIONAL.match(hint.strip()):
        return hint.strip()
    return meta.locale


def _in_page_order(day: str, html: str, locale: str | None, kw: dict[str, Any]) -> DateValue | None:
    """htmldate's day read again in the page's locale when the page writes it only with slashes or dashes:
    htmldate reads "03/04/2024" day first whatever the language, so an en-US page's 4 March became 3
    April (review). None when there is nothing to reread or the reading agrees."""
    year, month, mday = day[:4], int(day[5:7]), int(day[8:10])
    if not locale or mday > 12 or mday == month or day in html:
        return None
    written = re.search(rf"(?<![\d/.-])0?{mday}(?P<sep>[/-])0?{month}(?P=sep){year}(?![\d/-])", html)
    if written is None:
        return None
    parsed = parse_found(written.group(), **{**kw, "locale": locale})
    if parsed.utc is None or parsed.utc.date().isoformat() == day:
        return None
    return from_parsed(written.group(), parsed, "text")


def _with_time(day: ParsedDate, printed: tuple[str, str] | None, kw: dict[str, Any]) -> DateValue | None:
    """The dateline under the headline when it names the URL's day with a time ("Publié le 16 mars 2023
    à 15h26" beside /2023/03/16/): the same day, more precisely (the URL's day alone was taken, review)."""
    if printed is None or day.utc is None:
        return None
    found = parse_found(printed[0], **kw)
    if found.utc is None or found.precision not in ("minute", "second"):
        return None
    zone = ZoneInfo(kw["tz"]) if kw.get("tz") else UTC  # what a time without an offset was read in
    offset = found.offset_minutes
    local = found.utc + timedelta(minutes=offset) if offset is not None else found.utc.astimezone(zone)
    return from_parsed(printed[0], found, "text") if local.date() == day.utc.astimezone(zone).date() else None


def _shown(day: str, html: str, candidates: Iterable[tuple[str, str]], kw: dict[str, Any]) -> bool:
    """Whether the page writes ``day`` (a first of the month) as a date: in ISO or dotted form in its
    source, or as one of the written dates near its headline or in its ``<time>`` elements."""
    year, month = day[:4], day[5:7]
    m = int(month)
    forms = (
        day, f"{year}/{month}/01", f"{year}/{m}/1", f"01.{month}.{year}", f"1.{m}.{year}", f"{month}/01/{year}",
        f"{m}/1/{year}", f"01/{month}/{year}", f"1/{m}/{year}", f"01-{month}-{year}", f"{year}年{m}月1日",
    )  # fmt: skip
    if any(form in html for form in forms):
        return True
    plain = {**kw, "tz": None}  # the date as written, not moved by a time zone
    for text, _ in candidates:
        parsed = parse_found(text, **plain)
        if parsed.utc is not None:
            written = parsed.utc + timedelta(minutes=parsed.offset_minutes or 0)
            if written.date().isoformat() == day:
                return True
    return False


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    """Last resort: htmldate's search of the whole page (on its own copy of the tree), without the
    page's comments, sidebars and lists of other stories: htmldate searches them too, and an undated
    page took its first comment's day (review)."""
    try:
        from htmldate import find_date

        with _set_aside(other_things(tree)):
            found = find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception:  # a third-party heuristic failing must not lose the article
        return None
    return str(found) if found else None


@contextlib.contextmanager
def _set_aside(elements: list[HtmlElement]) -> Iterator[None]:
    """Take ``elements`` (outermost ones, in document order) out of the tree, with their tails, and put
    them back where they were: cheaper than a copy of the page, which htmldate makes anyway. Each goes
    back after the node that preceded it (by index, thousands of comments cost time growing with their
    square)."""
    placed = [(el.getparent(), el.getprevious(), el) for el in elements]
    for parent, _, el in reversed(placed):
        if parent is not None:
            parent.remove(el)
    try:
        yield
    finally:
        for parent, before, el in placed:
            if parent is None:
                continue
            if before is None:
                parent.insert(0, el)
            else:
                before.addnext(el)


def _tags(meta: PageMeta, body: str) -> list[str]:
    """The page's tags; plain meta keywords only when the page mentions one of them (in its title,
    description or body): otherwise they are the site's ("Nigeria breaking news, PDP VS APC, ...",
    "WordPress, Themes, CSS"), the same on every page."""
    if not meta.site_keywords:
        return meta.tags
    text = fold(" ".join((meta.title or "", meta.description or "", body)))
    return meta.tags if any(len(key := fold(tag)) >= 3 and key in text for tag in meta.tags) else []


def _language(meta: PageMeta, body: str) -> str | None:
    """The page's own declaration first; otherwise the one identifier every input kind uses. When its
    declarations disagree (a theme's `<html lang="en-US">` beside `og:locale` de_DE, review), the one
    the text is written in."""
    if len(meta.languages) > 1:
        detected = detect_language(body)
        if detected in {normalise_language(lang) for lang in meta.languages}:
            return detected
    return normalise_language(meta.language) or detect_language(body)


def extract_html(
    data: bytes,
    url: str | None = None,
    *,
    http_charset: str | None = None,
    locale: str | None = None,
    tz: str | None = None,
    ref: datetime | None = None,
) -> Extracted:
    """The article in one HTML page; raise ``RejectInput`` when the page holds none (and only that)."""
    try:
        return _extract(data, url, http_charset=http_charset, locale=locale, tz=tz, ref=ref)
    except RejectInput:
        raise
    except Exception as exc:
        # A bug met on some page must cost that page, not the batch; the reject names the error.
        raise RejectInput("extract", "internal_error", f"{type(exc).__name__}: {exc}") from exc


# How far into the body a paragraph that is only the page's own date is dropped (the edges are trimmed
# already, ``clean.clean_body``).
_DATELINE_PARAGRAPHS = 4


def _without_datelines(body: str, dates: tuple[DateValue, ...], kw: dict[str, Any]) -> str:
    """The body without a paragraph among its first few that is nothing but the page's own date: Arc
    XP's "September 30, 2023 at 6:14 p.m. EDT" between the headline and the text, which trafilatura puts
    after the first paragraph (review). A date line naming another day stays: it may be the article's."""
    paragraphs = body.split("\n\n")
    known = [(d.utc, d.offset_minutes) for d in dates if d.utc is not None]
    if len(paragraphs) < 3 or not known:
        return body
    kept = [
        p
        for i, p in enumerate(paragraphs)
        if not (0 < i < _DATELINE_PARAGRAPHS and is_dateline(p) and _names_one_of(p, known, kw))
    ]
    return "\n\n".join(kept)


def _names_one_of(line: str, dates: list[tuple[datetime, int | None]], kw: dict[str, Any]) -> bool:
    """The line writes the instant, or the local day, of one of ``dates`` (UTC instants and offsets)."""
    parsed = parse_found(line, **kw)
    if parsed.utc is None:
        return False
    day = (parsed.utc + timedelta(minutes=parsed.offset_minutes or 0)).date()
    return any(
        parsed.utc == utc or day == (utc + timedelta(minutes=offset or 0)).date() for utc, offset in dates
    )


# What follows a writer's name in the note about them under a text ("Christopher Flavelle writes about
# how people ... cope with global warming.", "Jane Doe is a reporter covering ...").
_BIO_VERB = re.compile(
    r"\s+(?:writes|reports|covers|is\s+(?:an?|the)\s|has\s+(?:covered|written|reported)|was\s+(?:an?|the)\s"
    r"|joined\s)",
    re.I,
)
_BIO_MAX_WORDS = 60


def _without_author_bio(body: str, authors: list[str]) -> str:
    """The body without its last paragraph (before the furniture that ``clean_body`` trims) when that is
    a note about one of its writers: the NYT's "bottom of article" line was the text's last (review)."""
    if not authors:
        return body
    paragraphs = body.split("\n\n")
    at = len(paragraphs) - 1
    while at > 1 and len(paragraphs) - at <= 2 and is_edge_furniture(paragraphs[at], end=True):
        at -= 1
    last = paragraphs[at]
    if at < 1 or len(last.split()) > _BIO_MAX_WORDS:
        return body
    if any(last.startswith(name) and _BIO_VERB.match(last, len(name)) for name in authors):
        return "\n\n".join(paragraphs[:at] + paragraphs[at + 1 :])
    return body


# A character reference with its semicolon ("&#8217;", "&amp;"); "AT&T" and "&copy" without one are text.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Tags after which the line breaks of an articleBody's source are layout, not its paragraphs.
_BLOCK_TAG = re.compile(r"<(?:p|div|br|h[1-6]|li|ul|ol|blockquote|section|article|table|tr|pre)\b", re.I)


def _ld_paragraphs(article_body: str) -> str:
    """JSON-LD ``articleBody`` as body paragraphs separated by a blank line. Sites put the page's markup
    there (``<p>...</p>``, ``&#8217;``, also escaped as ``&lt;p&gt;``): its visible text, a paragraph per
    block, as JSON lines bodies are read (a review found the tags and entities stored). A text without
    blocks is read by ``_text_paragraphs``."""
    text = article_body
    unescaped = _ENTITY.sub(lambda m: html.unescape(m[0]), text) if "&" in text else text
    markup = text if looks_like_html(text) else unescaped if looks_like_html(unescaped) else None
    if markup is not None and _BLOCK_TAG.search(markup):
        paragraphs = fragment_text(markup).split("\n\n")
    else:
        paragraphs = (
            _text_paragraphs(fragment_text(markup), markup) if markup else _text_paragraphs(unescaped)
        )
    return "\n\n".join(p for p in (" ".join(line.split()) for line in paragraphs) if p)


_WRAPPED_SHARE = 0.8  # of the line breaks inside paragraphs


def _text_paragraphs(text: str, source: str | None = None) -> list[str]:
    """The paragraphs of a plain articleBody: every line, as the shared benchmark pages break paragraphs,
    subheadings and list items with one newline as often as with blank lines (computerbild, gala, metro);
    but blank lines alone (or, with none, indented first lines: ``_indented_blocks``) where the lines
    between them are wrapped at a width (``_hard_wrapped``), and CRLF alone where lines wrap with LF. The
    text of inline markup is judged by its ``source`` lines' widths. A review found wrapped lines made
    half-sentence paragraphs."""
    if "\r\n" in text and re.search(r"(?<!\r)\n", text):
        return re.split(r"\r\n|\n[ \t\u00a0]*\n", text)
    lines = text.splitlines()
    blocks = _blocks(lines)
    if len(blocks) == 1 and source is None:
        blocks = _indented_blocks(lines)
    if len(blocks) > 1 and _hard_wrapped(_blocks(source.splitlines()) if source else blocks):
        return [functools.reduce(_join_wrapped, (line.strip() for line in block)) for block in blocks]
    return lines


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of lines between blank lines."""
    return [list(g) for blank, g in itertools.groupby(lines, key=lambda line: not line.strip()) if not blank]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _indented_blocks(lines: list[str]) -> list[list[str]]:
    """Runs of lines each starting at a line indented deeper than the text's other lines: the paragraphs
    of a wrapped text that marks them by indenting their first line, with no blank line between them (a
    review found each wrapped line a paragraph). One block when no line, or every line, is indented."""
    lines = [line for line in lines if line.strip()]
    if not lines:
        return []
    flush = min(_indent(line) for line in lines)
    starts = [i for i, line in enumerate(lines) if _indent(line) > flush]
    if not starts or len(starts) == len(lines):
        return [lines]
    cuts = sorted({0, *starts, len(lines)})
    return [lines[a:b] for a, b in itertools.pairwise(cuts)]


def _join_wrapped(text: str, line: str) -> str:
    """A wrapped line after the text before it: with a space, but in Chinese or Japanese (no spaces)."""
    glued = text and line and UNSPACED.match(text[-1]) and UNSPACED.match(line[0])
    return text + ("" if glued else " ") + line


def _one_word(line: str) -> bool:
    """A line that cannot be broken: one word (a URL), no Chinese or Japanese character to wrap at."""
    return len(line.split()) == 1 and not UNSPACED.search(line)


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    """Whether the line breaks inside the paragraphs (``blocks`` of lines) are a wrapping at a width: the
    next line's first word would not have fitted on the line, the longest line of more than one word being
    the width (true of every break of greedy wrapping; a subheading or a list item is shorter). A word
    longer than the width (a URL) gets a line of its own: as the width, it made the other breaks look
    unwrapped (a review)."""
    breaks = [(line.strip(), nxt.strip()) for block in blocks for line, nxt in itertools.pairwise(block)]
    if not breaks:
        return False
    lengths = [len(line.strip()) for block in blocks for line in block if not _one_word(line)]
    width = max(lengths or [len(line.strip()) for block in blocks for line in block])
    wrapped = 0
    for line, nxt in breaks:
        word = nxt[:1] if UNSPACED.match(nxt) else nxt.split()[0]  # Chinese, Japanese wrap anywhere
        wrapped += len(line) + 1 + len(word) > width
    return wrapped >= _WRAPPED_SHARE * len(breaks)


def _with_ld_paragraphs(body: str, ld_body: str) -> str:
    """``body`` with a paragraph that is JSON-LD's whole text run together (trafilatura's rescue of a page
    with little text reads ``articleBody`` as one lump) in JSON-LD's paragraphs."""
    whole = " ".join(ld_body.split())
    paragraphs = body.split("\n\n")
    for i, paragraph in enumerate(paragraphs):
        if len(paragraph) >= len(whole) and " ".join(paragraph.split()) == whole:
            paragraphs[i] = ld_body
            return "\n\n".join(paragraphs)
    return body


# CONTINUE_END's longest call ("this article is for subscribers") is 31 characters.
_CONTINUE_TAIL = 100


def _continues_elsewhere(paragraph: str) -> bool:
    """The paragraph ends in a call to read on elsewhere ("Read more", "Weiterlesen ..."). Only its tail
    is searched: CONTINUE_END is tried at every position, 0.05 ms on a 400-character paragraph."""
    end = len(paragraph)
    while end and not (paragraph[end - 1].isalnum() or paragraph[end - 1] == "_"):
        end -= 1  # the trailing punctuation and spaces (CONTINUE_END's \W*$) stay in the window
    return CONTINUE_END.search(paragraph, max(0, end - _CONTINUE_TAIL)) is not None


def _ends_in_ellipsis(paragraph: str) -> bool:
    """Ends in "..." (not a "more..." label). Only the tail is searched: the patterns' runs of dots and
    non-letters made a paragraph ending in thousands of dots cost time growing with their square."""
    tail = paragraph[-_CONTINUE_TAIL * 2 :]
    return ELLIPSIS_END.search(MORE_LABEL.sub("", tail)) is not None


def _running_text(paragraph: str) -> bool:
    """A paragraph long enough to be prose: a shorter line ends in an ellipsis by intent."""
    return _words(paragraph) >= ELLIPSIS_MIN_LAST_WORDS


def _last_prose(paragraphs: list[str]) -> str:
    """The last paragraph of running text that ends like a sentence (or in an ellipsis), passing over
    the short lines and unpunctuated offers a paywall prints under the cut ("Offre découverte", "1€ le
    1er mois puis 12€ par mois", "Accès à tous les articles par renouvellement mensuel")."""
    return next(
        (p for p in reversed(paragraphs) if _running_text(p) and _SENTENCE_END.search(p)), paragraphs[-1]
    )


def _extract(
    data: bytes,
    url: str | None = None,
    *,
    http_charset: str | None = None,
    locale: str | None = None,
    tz: str | None = None,
    ref: datetime | None = None,
) -> Extracted:
    page = _cut(data)
    cut = len(page) < len(data) and len(data) > MAX_PARSE_BYTES and not _scripts_only(data, page)
    text, encoding = decode_html(page, http_charset)
    tree = parse_html(text)
    try:
        meta = page_meta(tree, url, locale)
        # Dates first: extract_body cuts furniture out of the tree, and dates live there too
        # (datelines, bylines); htmldate, the last resort, works on its own copy.
        dates_locale = meta.dates_locale
        published = _published(tree, meta, url, dates_locale, tz, ref, text)
        modified = first_date(meta.modified, locale=dates_locale, tz=tz, ref=ref)
        if modified.utc is None and (line := update_line(meta.headline_el, dates_locale)):
            modified = first_date([line], locale=dates_locale, tz=tz, ref=ref)
        cards = teasers(tree, meta.title, meta.canonical_url or url)  # before extract_body cuts them
        paged = next_page(tree, url, meta.canonical_url) is not None  # a pager is furniture too
        found = extract_body(tree, url, meta.title, meta.description)
    except RecursionError as exc:  # pathological trees; lxml itself caps depth, our walks are loops
        raise RejectInput("extract", "too_deep", "the page is nested too deeply to read") from exc
    body = found.text
    paywalled = meta.paywalled or found.paywall_markup
    words = _words(body)
    ld_body = _ld_paragraphs(meta.article_body) if meta.article_body else None
    if ld_body and _words(ld_body) > 1.5 * max(words, 1):
        # Markup that hides the text (scripts, paywall) can leave JSON-LD as the fullest copy.
        body, words = ld_body, _words(ld_body)
    elif ld_body and "\n\n" in ld_body:
        body = _with_ld_paragraphs(body, ld_body)
    undated = _without_datelines(body, (published, modified), {"locale": dates_locale, "tz": tz, "ref": ref})
    undated = _without_author_bio(undated, meta.authors)
    if undated != body:
        body, words = undated, _words(undated)
    if words < MIN_BODY_WORDS:
        beyond = f"; only its first {MAX_PARSE_BYTES / 1e6:g} MB were read" if cut else ""
        raise RejectInput(
            "extract", "no_body", f"no article text found on the page ({counted(words, 'word')}){beyond}"
        )
    if found.link_list and body == found.text:
        raise RejectInput(
            "extract",
            "link_list",
            f"a list of links, not an article: most of its text ({counted(words, 'word')}) is link text",
        )
    if kind := page_kind(tree, meta, body, words, cards):
        raise RejectInput("extract", *kind)
    paragraphs = body.split("\n\n")
    last = paragraphs[-1]
    if paywalled:
        last = _last_prose(paragraphs)  # where a paywalled text stops, above the offer
    truncated = (
        cut
        or paged
        or _continues_elsewhere(paragraphs[-1])
        or (last is not paragraphs[-1] and _continues_elsewhere(last))
        or (words < ELLIPSIS_MAX_WORDS and _running_text(last) and _ends_in_ellipsis(last))
        or (paywalled and words < _TEASER_WORDS)
    )
    return Extracted(
        body=body,
        title=meta.title,
        authors=meta.authors,
        published=published,
        modified=modified,
        url=url,
        canonical_url=meta.canonical_url,
        language=_language(meta, body),
        site_name=meta.site_name,
        section=meta.section,
        tags=_tags(meta, body),
        description=meta.description,
        lead_image_url=meta.lead_image_url,
        is_truncated=truncated,
        paywalled=paywalled,
        encoding=encoding,
    )
