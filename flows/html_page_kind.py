"""Pages that are no article: a not-found page, a section, tag, author, search or video page, a page of
teasers, a consent or subscription wall. Each holds sentences (a notice, summaries, an offer), so the
length and list-of-links checks let them through, and a review found 23 of 26 such pages loaded as
articles. They are told apart by what they say they are (JSON-LD and OpenGraph types, WordPress's body
classes, a not-found title) or by what their text is (teaser cards' summaries, a dialog's or an offer's
wording). A page that declares itself an article is judged by its text only, never by its listing
signs; the rules' wording is in ``rules/html_page_kind.py``."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from .html_metadata import PageMeta
from .rules.html_page_kind import (
    CONSENT_HINTS,
    CONSENT_TEXT,
    DECLARED_ARTICLE_TYPES,
    GONE_TEXT,
    LISTING_BODY_CLASSES,
    LISTING_TYPES,
    MEDIA_TYPES,
    NOT_FOUND_TITLE,
    SEARCH_TITLE,
    SINGLE_BODY_CLASSES,
    WALL_HINTS,
    WALL_TEXT,
)

_NOT_FOUND = re.compile(NOT_FOUND_TITLE, re.I)
_GONE = re.compile(GONE_TEXT, re.I)
_SEARCH = re.compile(SEARCH_TITLE, re.I)
_CONSENT = re.compile(CONSENT_TEXT, re.I)
_WALL = re.compile(WALL_TEXT, re.I)
_WORD = re.compile(r"\w+")

NOTICE_MAX_WORDS = 300  # a not-found or media page's text is a notice, not an article's length
GONE_MAX_WORDS = 80  # "this article has moved" alone; a news brief that says so is longer
MEDIA_MAX_WORDS = 150  # a video's or podcast's blurb
MIN_CARDS = 4  # teaser cards on a section page; an article's related box has fewer in its text
TEASER_SHARE = 0.5  # of the body's text in teaser cards' headlines and summaries
TEASER_PAGE_MAX_WORDS = 30  # beside teaser cards, a text this short is no article either
TEASER_PAGE_OWN_WORDS = 60  # a section page's own words beside its teasers: its description
WALL_SHARE = 0.5  # of the body's paragraphs (by words) in a dialog's or an offer's wording
WALL_MAX_WORDS = 500  # a dialog or an offer is short


@dataclass(frozen=True, slots=True)
class Teasers:
    """Teaser cards on the page, read before furniture is cut: a headline link (four words or more, not in
    a paragraph's prose) in a small element that also holds a summary, and links to one story."""

    cards: int
    texts: frozenset[str]  # their headlines', summaries' and whole cards' words, as ``_key`` gives them


CARD_MAX_ELEMENTS = 60  # a card is small: a headline, an image, a summary, a date
CARD_MAX_CHARS = 500
# A headline link in these is prose or furniture, and a list or table is a menu, not a card.
_NOT_IN = ("p", "nav", "header", "footer")
_NOT_CARDS = frozenset({"ul", "ol", "table", "tbody", "tr", "nav", "header", "footer", "form", "body"})
CARD_MIN_SUMMARY = 40  # characters of a card's text beside its headline
MAX_HEADLINE_LINKS = 400  # links looked at; a page's teasers come long before


def teasers(tree: HtmlElement, title: str | None = None) -> Teasers:
    """``title``: the page's own headline, whose card (a player's, a share box's) is no teaser."""
    own = _key(title or "")
    cards: set[HtmlElement] = set()
    texts: set[str] = set()
    looked = 0
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            continue
        raw = a.text_content()
        if len(raw.split()) < 4:  # without the regex first: most links are one or two words
            continue
        headline = _key(raw)
        if headline.count(" ") < 3 or headline == own or next(a.iterancestors(*_NOT_IN), None) is not None:
            continue
        looked += 1
        if looked > MAX_HEADLINE_LINKS:
            break
        card = _card(a, headline)
        if card is None or card in cards:
            continue
        cards.add(card)
        texts.add(headline)
        for el in card.iter():
            if isinstance(el.tag, str) and 20 <= len(key := _key(el.text_content())) <= 600:
                texts.add(key)
    return Teasers(len(cards), frozenset(texts))


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
            stories = {
                (link.get("href") or "").strip()
                for link in card.iter("a")
                if _key(link.text_content()).count(" ") >= 3
            }
            return card if len(stories) == 1 else None
        card = card.getparent()
    return None


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def page_kind(
    tree: HtmlElement, meta: PageMeta, body: str, words: int, found: Teasers
) -> tuple[str, str] | None:
    """``(reason, detail)`` when the page is no article, else None."""
    headings = [_title_text(tree), *(_text(h) for h in list(tree.iter("h1"))[:2])]
    body_el = tree.find("body")
    classes = set((body_el.get("class") or "").lower().split()) if body_el is not None else set()
    # An article type in JSON-LD or OpenGraph, or a WordPress post's body class ("single-post").
    declared = (
        bool(meta.page_types & DECLARED_ARTICLE_TYPES)
        or meta.og_type == "article"
        or "single-post" in classes
    )
    if words <= NOTICE_MAX_WORDS and ("error404" in classes or any(_NOT_FOUND.search(h) for h in headings)):
        return "not_found", f"the page says it was not found ({_shown(headings)})"
    if words <= GONE_MAX_WORDS and (gone := _GONE.search(body)):
        return "not_found", f"the page says the article is gone: {gone[0]!r}"
    if not declared:
        listing = [LISTING_BODY_CLASSES[c] for c in sorted(classes) if c in LISTING_BODY_CLASSES]
        if listing and not classes & SINGLE_BODY_CLASSES:
            return "not_article", f"{_a(listing[0])} page (its body class), not an article"
        if "home" in classes and "blog" in classes and not classes & SINGLE_BODY_CLASSES:
            return "not_article", "a home page (its body class), not an article"
        if types := sorted(meta.page_types & LISTING_TYPES):
            return "not_article", f"the page says it is a {types[0]}, not an article"
        if meta.og_type == "profile":
            return "not_article", "the page says it is a profile (og:type), not an article"
        if any(_SEARCH.search(h) for h in headings):
            return "not_article", f"a search results page ({_shown(headings)}), not an article"
        media = meta.page_types & MEDIA_TYPES or (meta.og_type or "").startswith(("video", "music"))
        if media and words <= MEDIA_MAX_WORDS:
            return "not_article", "a video, audio or gallery page whose text is its caption, not an article"
        if found.cards >= MIN_CARDS and (words < TEASER_PAGE_MAX_WORDS or _teaser_text(body, found.texts)):
            # Most of the text is the teasers', or next to nothing else is there (a menu taken for the body)
            return "not_article", f"a page of {found.cards} teasers (headlines and summaries), not an article"
    if words <= WALL_MAX_WORDS and _wording_share(body, _CONSENT, CONSENT_HINTS) >= WALL_SHARE:
        return "consent_wall", "the page is a cookie or consent dialog, not the article"
    if words <= WALL_MAX_WORDS and _wording_share(body, _WALL, WALL_HINTS) >= WALL_SHARE:
        return "wall", "the page asks to subscribe or sign in and shows no article text"
    return None


def _teaser_text(body: str, texts: frozenset[str]) -> bool:
    """Whether the body is the teasers' text: most of its words in paragraphs that are, or hold, a teaser's
    text, and no more than a short introduction beside them (a list article's items may be cards too, but
    it has prose of its own)."""
    total = covered = 0
    for paragraph in body.split("\n\n"):
        key = _key(paragraph)
        n = key.count(" ") + 1 if key else 0
        total += n
        if key in texts or any(len(t) >= 20 and t in key for t in texts):
            covered += n
    return total > 0 and covered >= TEASER_SHARE * total and total - covered <= TEASER_PAGE_OWN_WORDS


def _wording_share(body: str, wording: re.Pattern[str], hints: tuple[str, ...]) -> float:
    """The share of the body's words in paragraphs that use a dialog's or an offer's wording."""
    whole = body.lower()
    if not any(h in whole for h in hints):
        return 0.0
    total = covered = 0
    for paragraph in body.split("\n\n"):
        n = len(paragraph.split())
        total += n
        low = paragraph.lower()
        if any(h in low for h in hints) and wording.search(paragraph):
            covered += n
    return covered / total if total else 0.0


def _title_text(tree: HtmlElement) -> str:
    title = next(iter(tree.iter("title")), None)
    return _text(title) if title is not None else ""


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _shown(headings: list[str]) -> str:
    return next((h for h in headings if h), "")[:80]


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
