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

# The page's link addresses as plain strings: 0.18 ms on a real page, where asking libxml2 for the links
# whose address holds "=2" or "/2" took 0.47 ms and a loop over the link elements 0.26 ms.
_HREFS = XPath("//a/@href", smart_strings=False)
PAGE_PARAMS = frozenset({"page", "p", "pg", "paged", "seite", "pagina", "pag", "pagenum"})
# What a link to the next page says ("›" and "»" alone, too).
_NEXT_TEXT = re.compile(
    r"(?:2|next|next\s+page|continue(?:\s+(?:reading|to\s+page\s+2|on\s+page\s+2))?|page\s+2|weiter|"
    r"nächste(?:\s+seite)?|seite\s+2|suivant|page\s+suivante|siguiente|página\s+siguiente|successiva|"
    r"pagina\s+successiva|volgende)",
    re.I,
)
_PAGE_PARAM = re.compile(r"[?&;](?:page|p|pg|paged|seite|pagina|pag|pagenum)=[12](?![0-9])", re.I)
_ARROWS = re.compile(r"[\s›»>→\u2192.:|]+")
# Where a pager is not the article's: reader comments, sidebars, the site's header and footer.
_NOT_IN_TAGS = frozenset({"aside", "footer", "header"})
_NOT_IN_CLASS = re.compile(r"comment|sidebar|widget|related|most-?read|popular", re.I)
_PATH_SUFFIX = re.compile(r"/(?:page/)?2/?$|-2(?:\.html?)?$")


def next_page(tree: HtmlElement, url: str | None) -> str | None:
    """The address of the article's second page, when the page links to it."""
    if not any(_numbered(h) for h in _HREFS(tree)):
        return None
    base = url or "http://page.invalid/"
    here = urlsplit(base)
    for a in tree.iter("a"):
        if not _numbered(a.get("href") or ""):
            continue
        text = _ARROWS.sub(" ", a.text_content()).strip()
        if text and not _NEXT_TEXT.fullmatch(text):
            continue
        if not text and not (a.get("rel") or "").lower().split().count("next"):
            continue  # an arrow alone counts only when marked rel="next"
        target = urljoin(base, str(a.get("href")))
        if _second_page(urlsplit(target), here) and not _outside_article(a):
            return target
    return None


def _numbered(href: str) -> bool:
    """Whether an address may name a second page (a cheap test before any parsing: "/2" alone is in
    every dated path, "=1" in every "id=123")."""
    if "=1" in href or "=2" in href:
        return _PAGE_PARAM.search(href) is not None
    path = href.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return path.endswith(("/2", "-2", "-2.html", "-2.htm"))


def _second_page(t: SplitResult, h: SplitResult) -> bool:
    if (t.scheme, t.netloc) != (h.scheme, h.netloc) or "comment" in t.query.lower():
        return False
    if t.path == h.path:  # "?page=2"; Drupal counts from 0, so its second page is "?page=1"
        params = dict(parse_qsl(t.query))
        return any(params.get(k) in ("1", "2") for k in PAGE_PARAMS) and not any(
            dict(parse_qsl(h.query)).get(k) not in (None, "", "0", "1") for k in PAGE_PARAMS
        )
    # ".../slug/2/", ".../slug/page/2", ".../slug-2.html" beside ".../slug/", ".../slug.html"
    stem = _PATH_SUFFIX.sub("", t.path)
    return stem != t.path and stem.rstrip("/") == re.sub(r"\.html?$", "", h.path).rstrip("/")


def _outside_article(a: HtmlElement) -> bool:
    for el in a.iterancestors():
        if el.tag in _NOT_IN_TAGS:
            return True
        if _NOT_IN_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            return True
    return False
