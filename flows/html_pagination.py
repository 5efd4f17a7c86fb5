"""An article split over several pages: its first page links to the second ("Pages: 1 2 3", "Page 1 of 3
Next page ›", "Continue to page 2"), and what was extracted is only part of the text. A review found all
four such pages it built (WordPress, Arc, BLOX and Drupal pagers) loaded as whole articles.

Only a link to the second page of this very page counts: the same address with a page number (``?page=2``,
``.../slug/2/``), named "2" or "next". A pager of comments, or of a list in a sidebar or a footer, is not
the article's.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from .urls import TRACKING_PREFIXES

# The page's link addresses as plain strings: 0.18 ms on a real page, where asking libxml2 for the links
# whose address holds "=2" or "/2" took 0.47 ms and a loop over the link elements 0.26 ms.
_HREFS = XPath("//a/@href", smart_strings=False)
# Not "p": WordPress's "?p=2" is post number 2 (a review's "?p=1" post linked "Next" to it).
PAGE_PARAMS = frozenset({"page", "pg", "paged", "seite", "pagina", "pag", "pagenum"})
# What a link to the next page says ("›" and "»" alone, too).
_NEXT_TEXT = re.compile(
    r"(?:2|next|next\s+page|continue(?:\s+(?:reading|to\s+page\s+2|on\s+page\s+2))?|page\s+2|weiter|"
    r"nächste(?:\s+seite)?|seite\s+2|suivant|page\s+suivante|siguiente|página\s+siguiente|successiva|"
    r"pagina\s+successiva|volgende)",
    re.I,
)
_PAGE_PARAM = re.compile(r"[?&;](?:page|pg|paged|seite|pagina|pag|pagenum)=[12](?![0-9])", re.I)
_ARROWS = re.compile(r"[\s›»>→\u2192.:|]+")
PAGER_SIBLINGS = 3  # elements after the article's text where its pager may stand (a footnote, the pager)
PAGER_LEVELS = 2  # ... or after the element holding the text
# Where a pager is not the article's: reader comments, sidebars, the site's header and footer; a table's
# pager is an embedded table's or a calendar's ("Showing 1-20 of 101 Next", a third review).
_NOT_IN_TAGS = frozenset({"aside", "footer", "header", "table"})
_NOT_IN_CLASS = re.compile(
    r"comment|responses|repl(?:y|ies)|discussion|reaction|forum|sidebar|widget|related|most-?read|popular|"
    r"latest|recent|trending|more-stories|story-list|teaser|calendar|embed|table|"
    # Drupal's views ("view view-latest-news", "block-views-..."), not "node--view-mode-full"
    r"(?:^|\s)(?:view|views-\S*|view-id-\S*|view-display\S*|block-views\S*)(?=\s|$)",
    re.I,
)  # reviews: a Drupal "view-latest-news" block, Arc "more-stories", "reader-responses", "replies"
# Not "slug-2": WordPress gives a second post of the same title ("Police blotter") that address.
_PATH_SUFFIX = re.compile(r"/(?:page/)?2/?$")


def next_page(tree: HtmlElement, url: str | None, canonical: str | None = None) -> str | None:
    """The address of the article's second page, when the page links to it; ``canonical`` is tried
    beside ``url`` (an AMP page's pager links to the canonical page's second page)."""
    if not any(_numbered(h) for h in _HREFS(tree)):
        return None
    base = url or canonical or "http://page.invalid/"
    heres = [urlsplit(u) for u in dict.fromkeys(u for u in (base, canonical) if u)]
    zone: set[HtmlElement] | None = None  # found only for a link that looks like a pager
    for a in tree.iter("a"):
        if not _numbered(a.get("href") or ""):
            continue
        text = _ARROWS.sub(" ", a.text_content()).strip()
        if text and not _NEXT_TEXT.fullmatch(text):
            continue
        if not text and not (a.get("rel") or "").lower().split().count("next"):
            continue  # an arrow alone counts only when marked rel="next"
        target = urljoin(base, str(a.get("href")))
        there = urlsplit(target)
        if not any(_second_page(there, here) for here in heres) or _outside_article(a):
            continue
        if zone is None:
            zone = _article_zone(tree)
        if any(el in zone for el in a.iterancestors()):
            return target
    return None


def _article_zone(tree: HtmlElement) -> set[HtmlElement]:
    """The article's text container (``html_body.container_parts``) and the few elements right after
    it, where a pager stands: a "Latest news" box's or a "More stories" list's pager is not the article's
    (a second review found four such pages flagged)."""
    from .html_body import container_parts

    parts = container_parts(tree)
    zone = set(parts)
    el = parts[-1] if parts else None
    for _ in range(PAGER_LEVELS):  # after the text, or after the box that holds it (Kompas)
        if el is None or el.tag in ("body", "html"):
            break
        after, taken = el.getnext(), 0
        while after is not None and taken < PAGER_SIBLINGS:
            if isinstance(after.tag, str) and after.tag not in ("script", "style", "noscript", "template"):
                zone.add(after)
                taken += 1
            after = after.getnext()
        el = el.getparent()
    return zone


def _numbered(href: str) -> bool:
    """Whether an address may name a second page (a cheap test before any parsing: "/2" alone is in
    every dated path, "=1" in every "id=123")."""
    if "=1" in href or "=2" in href:
        return _PAGE_PARAM.search(href) is not None
    return href.split("?", 1)[0].split("#", 1)[0].rstrip("/").endswith("/2")


def _params(query: str) -> dict[str, str]:
    """The query's parameters but tracking ones, which differ between a page's address and its pager's."""
    return {k: v for k, v in parse_qsl(query) if not k.lower().startswith(TRACKING_PREFIXES)}


def _second_page(t: SplitResult, h: SplitResult) -> bool:
    if (t.scheme, t.netloc) != (h.scheme, h.netloc) or "comment" in t.query.lower():
        return False
    if t.path == h.path:  # "?page=2"; Drupal counts from 0, so its second page is "?page=1"
        there, here = _params(t.query), _params(h.query)
        if any(here.get(k) not in (None, "", "0", "1") for k in PAGE_PARAMS):
            return False  # this is a later page itself
        if _without_pages(there) != _without_pages(here):
            return False  # "news.php?page=2" is a listing beside "news.php?id=4521", not its page 2
        return any(there.get(k) in ("1", "2") for k in PAGE_PARAMS)
    # ".../slug/2/" or ".../slug/page/2" beside ".../slug/" or ".../slug.html"; ".../slug/2" beside
    # ".../slug/1"; an AMP page's ".../slug/amp/" beside the canonical page's ".../slug/2/"
    stem = _PATH_SUFFIX.sub("", t.path)
    if stem == t.path:
        return False
    mine = re.sub(r"(?:\.html?|/1|/amp)/?$", "", h.path.rstrip("/"))
    return stem.rstrip("/") == mine.rstrip("/")


def _without_pages(params: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in params.items() if k not in PAGE_PARAMS}


def _outside_article(a: HtmlElement) -> bool:
    for el in a.iterancestors():
        if el.tag in _NOT_IN_TAGS:
            return True
        if _NOT_IN_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            return True
    return False
