"""Pages that are no article: a not-found page, a section, tag, author, search or video page, a page of
teasers, a consent or subscription wall. Each holds sentences (a notice, summaries, an offer), so the
length and list-of-links checks let them through, and a review found 23 of its 26 such pages loaded as
articles. What a page says of itself decides first (WordPress's body classes, a listing's JSON-LD or
OpenGraph type); its title and text (a not-found notice, teaser cards' summaries, a dialog's or an
offer's wording) only on a page that neither declares itself an article nor names its author, because
four more reviews found real articles rejected by their wording. The rules' wording is in
``rules/html_page_kind.py``."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from .html_metadata import PageMeta
from .rules.html_page_kind import (
    CONSENT_BUTTON,
    CONSENT_HINTS,
    CONSENT_TEXT,
    DECLARED_ARTICLE_TYPES,
    GONE_TEXT,
    LISTING_BODY_CLASSES,
    LISTING_TYPES,
    MEDIA_OG_TYPES,
    MEDIA_TYPES,
    NOT_FOUND_NOTICE,
    NOTICE_HELP,
    REPORTING,
    SEARCH_TITLE,
    SINGLE_BODY_CLASSES,
    WALL_HINTS,
    WALL_TEXT,
    WALL_TITLE,
)

_NOT_FOUND = re.compile(NOT_FOUND_NOTICE, re.I)
_GONE = re.compile(GONE_TEXT, re.I)
_HELP = re.compile(NOTICE_HELP, re.I)
_REPORTING = re.compile(REPORTING, re.I)
_SEARCH = re.compile(SEARCH_TITLE, re.I)
_CONSENT = re.compile(CONSENT_TEXT, re.I)
_WALL = re.compile(WALL_TEXT, re.I)
_WALL_TITLE = re.compile(WALL_TITLE, re.I)
_CONSENT_BUTTON = re.compile(CONSENT_BUTTON, re.I)
_HEADLINE_CLASS = re.compile(r"(?:entry|post|article|story|page)[-_]?(?:title|headline)|\bheadline", re.I)
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")  # "Wir und unsere 812 Partner" and "... 240 Partner" are one phrase
# Between a title's headline and the site's name: "Page not found | The Daily Ledger".
_SITE_SEPARATOR = re.compile(r"\s+[|–—·-]\s+|\s*::\s*")
_SENTENCE_END = re.compile(r"[.!?。！？]")

SITE_NAME_WORDS = 4
NOTICE_MAX_WORDS = 300  # a not-found page's text is a notice and its links, not an article's length
GONE_MAX_WORDS = 60  # "the page you requested has moved" alone
GONE_HEADLINE_MAX_WORDS = 200  # the same said by the page's <h1>, above a rail of top stories
MEDIA_MAX_WORDS = 60  # a video's or podcast's blurb; a report under a video is longer (found by review)
MIN_CARDS = 4  # teaser cards on a section page; an article's related box has fewer in its text
TEASER_SHARE = 0.5  # of the body's text in teaser cards' headlines and summaries
TEASER_PAGE_OWN_WORDS = 30  # a section page's own words beside its teasers: its description (a brief
# of 55 words beside a grid in its column was rejected at 60, found by review)
TEASER_SUMMARY_MEDIAN = 35  # words: a teaser's summary is a sentence; a list article's items are longer
TEASER_SUMMARY_MAX = 60
MENU_BODY_WORDS = 30  # beside teaser cards, a text this short without a sentence is a menu, not an article
CONSENT_MAX_WORDS = 300  # a dialog is short
WALL_MAX_WORDS = 60  # an offer is short; a council's news of its new portal is longer (found by review)
WALL_SHARE = 0.5  # of the body's words in paragraphs with a dialog's or an offer's wording
WALL_PHRASES = 2  # distinct phrases of it: one quoted in a report is not enough
WALL_LINE_WORDS = 20  # words of a paragraph whose wall phrases count: a button or a prompt
CONSENT_PHRASES = 3  # a council's "accept all cookies or manage your preferences" is news (review)
HEADLINE_WORDS = 5  # an <h2> this long is a headline, not a dialog's heading
BUTTON_WORDS = 5  # a dialog's button: "Accept All Cookies", "Use necessary cookies only"
CONSENT_BUTTONS = 2


@dataclass(frozen=True, slots=True)
class Teasers:
    """Teaser cards on the page, read before furniture is cut: a headline link (four words or more, not in
    a paragraph's prose) in a small element that also holds a summary, and links to one story."""

    cards: int
    texts: frozenset[str]  # their headlines' and summaries' words, as ``_key`` gives them
    summary_words: tuple[int, ...] = ()  # each card's summary length
    per_card: tuple[frozenset[str], ...] = ()  # each card's headline and summaries


# Links of 15 characters or more, found by libxml2: a Python loop over every link of a real page cost
# 0.4 ms, and four words are hardly ever shorter.
_LONG_LINKS = XPath("//a[@href][string-length(normalize-space(string(.))) >= 15]")
CARD_MAX_ELEMENTS = 60  # a card is small: a headline, an image, a summary, a date
CARD_MAX_CHARS = 500
CARD_MIN_SUMMARY = 40  # characters of a card's text beside its headline
MAX_HEADLINE_LINKS = 400  # links looked at; a page's teasers come long before
# A headline link in these is prose or furniture, and a list or table is a menu, not a card.
_NOT_IN = ("p", "nav", "header", "footer")
_NOT_CARDS = frozenset({"ul", "ol", "table", "tbody", "tr", "nav", "header", "footer", "form", "body"})


def teasers(tree: HtmlElement, title: str | None = None, url: str | None = None) -> Teasers:
    """``title``: the page's own headline, whose card (a player's, a share box's) is no teaser. ``url``:
    the page's, or its canonical URL: a teaser links to the site's own stories."""
    own = _key(title or "")
    site: list[str | None] = []  # found on the first candidate: most pages have none
    cards: set[HtmlElement] = set()
    texts: set[str] = set()
    sizes: list[int] = []
    per_card: list[frozenset[str]] = []
    looked = 0
    for a in _LONG_LINKS(tree):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")) or "sponsored" in (a.get("rel") or ""):
            continue
        raw = a.text_content()
        if len(raw.split()) < 4:  # without the regex first: most links are one or two words
            continue
        headline = _key(raw)
        if headline.count(" ") < 3 or headline == own or next(a.iterancestors(*_NOT_IN), None) is not None:
            continue
        if not _headline_link(a):
            continue  # a link in a paragraph written as a <div>, <span> or <li> (found by review)
        if not site:
            site.append(_site_host(tree, url))
        host = _host(href)
        if host is not None and host != site[0]:
            continue  # a shop's or another site's link: a gift guide's or a reading list's item (review)
        looked += 1
        if looked > MAX_HEADLINE_LINKS:
            break
        card = _card(a, headline)
        if card is None or card in cards:
            continue
        cards.add(card)
        # The headline and the summary only: a kicker ("Cost of living crisis") is no teaser's text, and
        # it had covered every paragraph of an article that names its topic (found by review).
        heading = next(a.iter("h2", "h3", "h4"), None)
        title_key = _key(heading.text_content()) if heading is not None and a is card else headline
        summaries = [
            k
            for el in card.iter()
            if el is not a
            and el.tag != "time"
            and len((el.text or "").split()) >= 4  # its own words: a summary, not a wrapper
            and a not in el.iterancestors()
            and title_key not in (k := _key(el.text_content()))
        ]
        if a is card:  # the link wraps the card: its text past the headline is the summary
            summaries = [headline.replace(title_key, "", 1).strip()] if title_key in headline else summaries
        texts.add(title_key)
        texts.update(summaries)
        sizes.append(max((k.count(" ") + 1 for k in summaries), default=0))
        per_card.append(frozenset((title_key, *summaries)))
    return Teasers(len(cards), frozenset(texts), tuple(sizes), tuple(per_card))


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TITLE_CLASS = re.compile(r"title|headline|heading", re.I)


def _headline_link(a: HtmlElement) -> bool:
    """A link written as a headline: in a heading, around one, or named a title by its class or one of its
    two nearest wrappers' ("post-preview-title", "card__headline"); not a link inside prose."""
    if next(a.iterancestors(*_HEADINGS), None) is not None or next(a.iter(*_HEADINGS), None) is not None:
        return True
    # Its own class, its parent's, or its grandparent's: Drupal's Views put it in
    # div.views-field-title > span.field-content > a (a listing of them loaded as an article, review).
    ups = [a, *itertools.islice(a.iterancestors(), 2)]
    return any(_TITLE_CLASS.search(el.get("class") or "") for el in ups)


def _card(a: HtmlElement, headline: str) -> HtmlElement | None:
    """The smallest element around a headline link that holds a summary too, when it is small and links
    to that story only (an image link and a summary link to it may sit beside the headline)."""
    heading = next(a.iter("h2", "h3", "h4"), None)
    if heading is not None and len(headline) - len(_key(heading.text_content())) >= CARD_MIN_SUMMARY:
        return a  # the link wraps the card: its headline and its summary (Ghost's post cards)
    card = a.getparent()
    for _ in range(4):
        if (
            card is None
            or sum(1 for _ in itertools.islice(card.iter(), CARD_MAX_ELEMENTS)) >= CARD_MAX_ELEMENTS
        ):
            return None
        text = len(_key(card.text_content()))
        if text > CARD_MAX_CHARS or card.tag in _NOT_CARDS:
            return None
        if text - len(headline) >= CARD_MIN_SUMMARY:
            links = [((link.get("href") or "").strip(), link) for link in card.iter("a")]
            if any(href.startswith("#") for href, _ in links):
                return None  # a permalink: a live blog's entry, not a teaser (found by review)
            stories = {href for href, link in links if _key(link.text_content()).count(" ") >= 3}
            return card if len(stories) == 1 else None
        card = card.getparent()
    return None


def _site_host(tree: HtmlElement, url: str | None) -> str | None:
    """The site's host: the page's URL's, else the one most of its links name; None when most of them
    are relative (then every absolute link is another site's)."""
    if url and (host := _host(url)):
        return host
    hosts: Counter[str | None] = Counter()
    for a in itertools.islice(tree.iter("a"), 2000):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:")):
            hosts[_host(href)] += 1
    return hosts.most_common(1)[0][0] if hosts else None


def _host(href: str) -> str | None:
    """A link's site: its host's last two labels (three under a short second-level one, "co.uk"), so
    that news.*, www.* and amp.* are one site; None for a relative link or one too broken to name a
    host ("http://[ccpa-preferences]" raised ValueError on two benchmark pages)."""
    try:
        host = urlsplit(href).hostname
    except ValueError:
        return None
    if not host:
        return None
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def page_kind(
    tree: HtmlElement, meta: PageMeta, body: str, words: int, found: Teasers
) -> tuple[str, str] | None:
    """``(reason, detail)`` when the page is no article, else None.

    What a page says of itself decides first: WordPress's not-found and listing body classes, a
    listing's JSON-LD or OpenGraph type. Its text decides only on a page that neither declares itself an
    article (JSON-LD, OpenGraph, WordPress's "single-post") nor names its author: three reviews found
    bylined briefs, round-ups, reviews of a novel called "Page Not Found" and reports quoting consent
    banners rejected by their wording, and a page with a byline is an article."""
    body_el = tree.find("body")
    classes = set((body_el.get("class") or "").lower().split()) if body_el is not None else set()
    declared = (
        bool(meta.page_types & DECLARED_ARTICLE_TYPES)
        or meta.og_type == "article"
        or "single-post" in classes
    )
    if "error404" in classes and words <= NOTICE_MAX_WORDS:
        return "not_found", "the page says it was not found (its body class error404)"
    if declared:
        return None
    single = bool(classes & SINGLE_BODY_CLASSES)  # a WordPress post or page, whatever else it says
    for needed, kind in () if single else LISTING_BODY_CLASSES:
        if needed <= classes:
            return "not_article", f"{_a(kind)} page (its body class), not an article"
    if not single and (types := sorted(meta.page_types & LISTING_TYPES)):
        return "not_article", f"the page says it is a {types[0]}, not an article"
    if meta.og_type == "profile":
        return "not_article", "the page says it is a profile (og:type), not an article"
    if meta.authors:
        return None
    return _by_text(tree, meta, body, words, found)


def _by_text(
    tree: HtmlElement, meta: PageMeta, body: str, words: int, found: Teasers
) -> tuple[str, str] | None:
    """What an anonymous page's title and text show it is."""
    title = _title_text(tree)
    parts = _SITE_SEPARATOR.split(title)
    # The title's first part when the rest is a site's name ("Page not found | The Daily Ledger"), not the
    # rest of a headline ("Error 404 – the council website nobody can use", found by review).
    head = parts[:1] if len(parts) == 1 or len(" ".join(parts[1:]).split()) <= SITE_NAME_WORDS else []
    # The <h1> only when it is the page's one headline: a video player's "Content unavailable" <h1> above
    # the story's own was taken for the page's notice (third review).
    h1s = [t for h in tree.iter("h1") if (t := _text(h)) and _key(t) != _key(meta.site_name or "")]
    segments = [*head, *h1s[:1]] if len(h1s) <= 1 else head
    notice = any(_NOT_FOUND.fullmatch(s) for s in segments)
    if words <= NOTICE_MAX_WORDS and notice and _HELP.search(body) and not _REPORTING.search(body):
        return (
            "not_found",
            f"the page says it was not found or is not available ({title[:80] or segments[-1][:80]})",
        )
    # The notice is often the headline itself ("Sorry, the page you requested could not be found."), above
    # a search box and a few links: only the body was searched (review).
    gone = _GONE.search(body) if words <= GONE_MAX_WORDS else None
    if gone is None and words <= GONE_HEADLINE_MAX_WORDS:  # a headline that says so: its rail may follow
        gone = next(filter(None, map(_GONE.search, h1s[:1])), None)
    if gone:
        return "not_found", f"the page says the article is gone: {gone[0]!r}"
    if (
        words <= WALL_MAX_WORDS
        and head
        and _WALL_TITLE.fullmatch(head[0])  # the <title>: an <h1> may be a login overlay's (review)
        and _asks_to_sign_in(tree, body)
    ):
        return "wall", f"a sign-in or subscription page ({title[:80]}), not an article"
    if any(_SEARCH.match(s) for s in segments):
        return "not_article", f"a search results page ({title[:80]}), not an article"
    media = meta.page_types & MEDIA_TYPES or (meta.og_type or "").startswith(MEDIA_OG_TYPES)
    if media and words <= MEDIA_MAX_WORDS:
        return "not_article", "a video or audio page whose text is its caption, not an article"
    if found.cards >= MIN_CARDS and (_menu(body, words) or _teaser_text(body, found)):
        return "not_article", f"a page of {found.cards} teasers (headlines and summaries), not an article"
    if words <= CONSENT_MAX_WORDS and _wall(body, _CONSENT, CONSENT_HINTS, CONSENT_PHRASES):
        return "consent_wall", "the page is a cookie or consent dialog, not the article"
    if words <= WALL_MAX_WORDS and _names_only(parts, tree, meta) and _cookie_buttons(body):
        return "consent_wall", "the page is a cookie dialog (its buttons), not the article"
    if words <= WALL_MAX_WORDS and _wall(body, _WALL, WALL_HINTS, WALL_PHRASES, WALL_LINE_WORDS):
        return "wall", "the page asks to subscribe or sign in and shows no article text"
    return None


def _asks_to_sign_in(tree: HtmlElement, body: str) -> bool:
    """Beside a sign-in or subscription title: a password field, or a wall's own prompt ("Already a
    subscriber?", "Déjà abonné ?"); a word such as "continue" or "registered" was not enough (review)."""
    return _WALL.search(body) is not None or any(
        (i.get("type") or "").strip().lower() == "password" and not _site_chrome(i)
        for i in tree.iter("input")
    )


_CHROME_TAGS = frozenset({"header", "footer", "aside", "nav"})
_CHROME_CLASS = re.compile(
    r"header|footer|sidebar|widget|menu|nav|modal|overlay|popup|dropdown|masthead|toolbar", re.I
)


def _site_chrome(el: HtmlElement) -> bool:
    """Whether ``el`` is in the site's header, menus, sidebar or a pop-up: a login box every page has
    (a third review found briefs titled "Register" rejected for the header's password field)."""
    for up in el.iterancestors():
        if up.tag in _CHROME_TAGS or _CHROME_CLASS.search(f"{up.get('class') or ''} {up.get('id') or ''}"):
            return True
    return False


def _names_only(parts: list[str], tree: HtmlElement, meta: PageMeta) -> bool:
    """Whether the page has no headline: its title and its <h1> name only the site ("The Daily Ledger |
    The Daily Ledger"), as a consent dialog's page does; a brief quoting a dialog's buttons has one."""
    site = _key(meta.site_name or "")
    names = {_key(p) for p in parts if p.strip()} - {site}
    headings = {_key(_text(h)) for h in tree.iter("h1")} - {site, ""}
    # A headline in an <h2> under a logo <h1> (a badly templated site, third review); a dialog's own
    # heading is short ("Your privacy", "Wir brauchen Ihre Zustimmung").
    headline = any(
        (len(_text(h).split()) >= HEADLINE_WORDS or _HEADLINE_CLASS.search(h.get("class") or ""))
        and _key(_text(h)) not in names | {site}
        for h in tree.iter("h1", "h2")
    )
    return len(names) <= 1 and headings <= names and not (names and site) and not headline


def _cookie_buttons(body: str) -> bool:
    """A cookie dialog without its classes: two buttons or more ("Reject All", "Accept All Cookies") and
    half of the words in paragraphs about cookies. A brief about cookie law has no buttons."""
    paragraphs = body.split("\n\n")
    buttons = sum(
        1
        for p in paragraphs
        if len(p.split()) <= BUTTON_WORDS and _CONSENT_BUTTON.search(p) and not p.rstrip().endswith(".")
    )  # "Allow to cool slightly." is a recipe's step
    if buttons < CONSENT_BUTTONS or "cookie" not in body.lower():
        return False
    total = sum(len(p.split()) for p in paragraphs)
    about = sum(len(p.split()) for p in paragraphs if "cookie" in p.lower())
    return 2 * about >= total


def _menu(body: str, words: int) -> bool:
    """A short body without a sentence: a menu taken for the text (a breaking-news stub has sentences)."""
    return words < MENU_BODY_WORDS and not _SENTENCE_END.search(body)


def _teaser_text(body: str, found: Teasers) -> bool:
    """Whether the body is the teasers' text: most of its words in paragraphs that are, or hold, a teaser's
    headline or summary, no more than a short introduction beside them, and summaries of a sentence (a
    list article's items may be cards too, but it has prose of its own and longer items)."""
    sizes = sorted(found.summary_words)
    if not sizes or sizes[len(sizes) // 2] > TEASER_SUMMARY_MEDIAN or sizes[-1] > TEASER_SUMMARY_MAX:
        return False
    long_texts = [t for t in found.texts if t.count(" ") >= 5]
    total = covered = 0
    for paragraph in body.split("\n\n"):
        key = _key(paragraph)
        n = key.count(" ") + 1 if key else 0
        total += n
        if key in found.texts or any(t in key for t in long_texts):
            covered += n
    # Several cards' text is in the body: a brief whose own card in a "Latest" rail repeats its lead has
    # one there (a review found 16 such briefs rejected).
    whole = _key(body)
    in_body = sum(1 for card in found.per_card if any(t.count(" ") >= 5 and t in whole for t in card))
    return (
        in_body >= MIN_CARDS and covered >= TEASER_SHARE * total and total - covered <= TEASER_PAGE_OWN_WORDS
    )


def _wall(
    body: str, wording: re.Pattern[str], hints: tuple[str, ...], needed: int, line_words: int | None = None
) -> bool:
    """Whether the body is a dialog or an offer: ``needed`` of its distinct phrases or more, in paragraphs
    that hold half of its words. ``line_words``: phrases count only in paragraphs this short, as buttons
    and prompts are ("Already a subscriber? Log in"), not in a report's sentences ("Members can register
    for free with their library card", found by review)."""
    whole = body.lower()
    if not any(h in whole for h in hints):
        return False
    phrases: set[str] = set()
    total = covered = 0
    for paragraph in body.split("\n\n"):
        n = len(paragraph.split())
        total += n
        if line_words is not None and n > line_words:
            continue
        low = paragraph.lower()
        if any(h in low for h in hints) and (found := wording.findall(paragraph)):
            covered += n
            phrases.update(" ".join(_DIGITS.sub("0", f.lower()).split()) for f in found)
    return len(phrases) >= needed and total > 0 and covered >= WALL_SHARE * total


def _title_text(tree: HtmlElement) -> str:
    title = next(iter(tree.iter("title")), None)
    return _text(title) if title is not None else ""


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
