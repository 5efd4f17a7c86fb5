"""Page furniture: the parts of a page that are not the article, told apart by markup.

Navigation, share bars, related links, comments, ads, newsletter and cookie boxes, captions, bylines,
paywall prompts. Recognised by tag (``rules/html_boilerplate.SKIP_TAGS``) and by class or id words
(``BOILERPLATE_CLASS``), with readability's caution: a class that also names content ("modal-body"),
an article token ("post hentry category-popular"), or a layout switch ("no-sidebar") is not furniture.
Used by the body extractor (to cut furniture out and to judge trafilatura's paragraphs) and by the
date search (a ``<time>`` in a comment is not the article's date).
"""

from __future__ import annotations

import re
from itertools import islice

from lxml.etree import XPath
from lxml.html import HtmlElement

from .rules.html_boilerplate import (
    ARTICLE_TOKENS,
    BOILERPLATE_CLASS,
    EMBEDDED_POST,
    EXPANDER_LABEL,
    EXPANDER_NOT_TEXT,
    MAYBE_CONTENT,
    MODIFIER_PREFIXES,
    SKIP_TAGS,
)
from .rules.html_dates import OTHER_DATES_CLASS
from .rules.html_paywall import PAYWALL_CLASSES

# A paywall class names a box, not a badge: "subscriber-only-tag" labels a free, complete article.
_PAYWALL_RE = re.compile(
    "(?:" + "|".join(re.escape(m) for m in PAYWALL_CLASSES) + r")(?![\w-]*(?:tag|badge|label|icon|flag)\b)"
)

# Compiled once: ``el.xpath(text)`` compiles its expression on every call.
_CLASSED = XPath("//body//*[@class or @id]")


# A lower-case letter or digit followed by a capital: where a camelCase class name joins its words.
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def class_words(el: HtmlElement) -> str:
    """The element's ``class id`` string, lower-cased, with camelCase joins written as hyphens:
    "photoCaption", "relatedPost" and "commentsCon" are the "photo-caption", "related-post" and
    "comments-con" other themes write, and lower-casing alone would glue their words together. Not
    in a BEM modifier ("--hasSidebar", "--layoutAdRight"): that names a variant of the element, not
    a region, and its words stay glued as before."""
    raw = f"{el.get('class', '')} {el.get('id', '')}"
    low = raw.lower()
    if low == raw:
        return low
    return " ".join(_camel_split(token) for token in raw.split()).lower()


def _camel_split(token: str) -> str:
    name, sep, modifier = token.partition("--")
    return _CAMEL.sub("-", name) + sep + modifier


def furniture_class(cls: str) -> bool:
    """True for a lower-cased ``class id`` string that names furniture and not the article."""
    if not BOILERPLATE_CLASS.search(cls):
        return False
    tokens = [t for t in cls.split() if not t.startswith(MODIFIER_PREFIXES) and not EMBEDDED_POST.match(t)]
    if any(token in ARTICLE_TOKENS for token in tokens) or MAYBE_CONTENT.search(cls):
        return False
    return bool(BOILERPLATE_CLASS.search(" ".join(tokens)))


def paywall_box(el: HtmlElement, cls: str) -> bool:
    """A short element with paywall markup: the "subscribe to read" prompt, not walled article text
    (sites also put paywall classes on the article's own paragraphs, whose text is in the page). The
    text is measured without the markup's indentation, which can be most of a form's characters."""
    return bool(_PAYWALL_RE.search(cls)) and len(loose(el.text_content())) < 300 and not prose_rich(el, 1)


def skipped(el: HtmlElement) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in SKIP_TAGS:
        return True
    cls = class_words(el)
    if (
        cls.strip()
        and tag not in ("body", "html", "article", "main")
        and (furniture_class(cls) or paywall_box(el, cls))
    ):
        return True
    return bool(el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", ""))


# The attributes that can hide an element, in the page's order: matching them, not every element with a
# predicate, halves the cost on real pages (0.3 against 0.7 ms a page).
_HIDING = XPath("//body//@style | //body//@hidden")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*;?")


def _hidden(tree: HtmlElement) -> list[HtmlElement]:
    """The elements ``hidden`` or styled ``display: none``, in the page's order."""
    found: dict[HtmlElement, None] = {}
    for value in _HIDING(tree):
        if getattr(value, "attrname", None) == "hidden" or ("none" in value and _DISPLAY_NONE.search(value)):
            found[value.getparent()] = None
    return list(found)


# An expander's label is a few words; a longer element before the hidden one is no button.
_MAX_EXPANDER_CHARS = 40


# Prose, as a collapsed rest of an article is: this much text, a sentence's end in it, links under half.
_MIN_REST_CHARS = 100
_SENTENCE_END = re.compile(r"\w[.!?][\"'”’»)]*(?:\s|$)")


def open_collapsed(tree: HtmlElement) -> None:
    """Show what a "Continue reading" button hides, as the reader's click does: the hidden element right
    after such a button is the rest of the article, not hidden junk, and it was lost without a word
    (review). Done before furniture is cut, which takes a button's box ("read-more") with it. Only prose
    that continues the article's own text (``_continues``), outside furniture and boxes of other things:
    an author's box or an affiliate note opened by its "Read more" put its text in the body (two reviews)."""
    hidden = _hidden(tree)
    home: tuple[HtmlElement | None, dict[HtmlElement, int]] | None = None
    for el in hidden:
        before = el.getprevious()
        if before is None or not isinstance(before.tag, str):
            continue
        label = " ".join(before.text_content().split())
        if not (len(label) <= _MAX_EXPANDER_CHARS and EXPANDER_LABEL.fullmatch(label)):
            continue
        if _in_other_box(el) or not _prose(el):
            continue
        if home is None:
            home = _text_home(tree, hidden)
        if not _continues(el, before, *home):
            continue
        el.attrib.pop("hidden", None)
        if el.get("style"):
            el.set("style", _DISPLAY_NONE.sub("", el.get("style", "")))


def _text_home(
    tree: HtmlElement, hidden: list[HtmlElement]
) -> tuple[HtmlElement | None, dict[HtmlElement, int]]:
    """The element whose own visible paragraphs hold the most text (the article's text container), and
    each element's place in the page's order."""
    order = {el: i for i, el in enumerate(tree.iter())}
    shut = set(hidden)
    text: dict[HtmlElement, int] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is None or p in shut or any(anc in shut for anc in p.iterancestors()):
            continue
        text[parent] = text.get(parent, 0) + len(loose(p.text_content()))
    best = max(text, key=text.__getitem__, default=None)
    return best, order


def _continues(
    el: HtmlElement, button: HtmlElement, home: HtmlElement | None, order: dict[HtmlElement, int]
) -> bool:
    """``el`` (after its ``button``) continues the text of ``home``: it stands in it, around it (two levels
    up at most) or in a wrapper in it that holds only the button and ``el``, and the button comes after the
    first of the article's paragraphs. Not a box of its own with text of its own (an author's bio, a
    "We may earn a commission" note above the article), whatever its class."""
    if home is None:
        return False
    parent = el.getparent()
    around = [home, *islice(home.iterancestors(), 2)]
    wrapper = (
        parent is not None
        and parent.getparent() is home
        and len(parent) == 2
        and not (parent.text or "").strip()
    )
    if parent not in around and not wrapper:
        return False
    first = next((p for p in home.iterchildren("p") if p.text_content().strip()), None)
    return first is not None and order.get(first, -1) < order.get(button, -1)


def _in_other_box(el: HtmlElement) -> bool:
    """``el`` or an element around it is furniture or a box of its own (an author's, a gallery): what it
    hides is that box's. An element named as the article ("post hentry category-gallery") is none."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if node.tag in SKIP_TAGS:
            return True
        cls = class_words(node)
        if not cls.strip() or any(token in ARTICLE_TOKENS for token in cls.split()):
            continue
        if furniture_class(cls) or EXPANDER_NOT_TEXT.search(cls):
            return True
    return False


def _prose(el: HtmlElement) -> bool:
    """Text a reader reads on: long enough, with a sentence's end, not mostly links (a list of stories)."""
    text = loose(el.text_content())
    links = sum(len(loose(a.text_content())) for a in el.iter("a"))
    return len(text) >= _MIN_REST_CHARS and 2 * links < len(text) and _SENTENCE_END.search(text) is not None


_OTHER_DATES = re.compile(OTHER_DATES_CLASS)


class PageText:
    """The length of the page's text, measured once and only when needed: one for every question asked
    of a page (a page of 8,000 dated comments measured itself once per comment, review)."""

    def __init__(self, el: HtmlElement) -> None:
        self.root = el.getroottree().getroot()
        self.chars: int | None = None

    def most(self, el: HtmlElement) -> bool:
        """More than half the page's text: a theme's main column named "sidebar" (a shared benchmark
        page), not a sidebar."""
        if self.chars is None:
            self.chars = len(self.root.text_content())
        return 2 * len(el.text_content()) > self.chars


def _dates_other_things(el: HtmlElement, page: PageText) -> bool:
    """The element holds comments, a sidebar or a list of other stories: dates there are theirs."""
    if el.tag in ("body", "html", "article", "main") or not (el.get("class") or el.get("id")):
        return False
    cls = class_words(el)
    if not _OTHER_DATES.search(cls) or MAYBE_CONTENT.search(cls):
        return False
    if any(token in ARTICLE_TOKENS or token.startswith("content") for token in cls.split()):
        return False
    return next(el.iter("h1"), None) is None and not page.most(el)


def other_things(scope: HtmlElement) -> list[HtmlElement]:
    """The outermost elements in ``scope`` that hold comments, a sidebar or a list of other stories,
    in document order."""
    page = PageText(scope)
    found: list[HtmlElement] = []
    covered: set[HtmlElement] = set()
    for el in scope.iter():
        if el not in covered and (el.get("class") or el.get("id")) and _dates_other_things(el, page):
            found.append(el)
            covered.update(el.iter())
    return found


class OtherThings:
    """Whether elements of one page sit in comments, a sidebar or a list of other stories, each element
    asked once: a dateline's walk asks for every text node after the headline, and walking all their
    ancestors each time made the date step a twentieth slower on the bench's pages."""

    def __init__(self, el: HtmlElement) -> None:
        self.page = PageText(el)
        self.known: dict[HtmlElement, bool] = {}

    def among(self, el: HtmlElement) -> bool:
        """``el`` or one of its ancestors holds other things."""
        chain: list[HtmlElement] = []
        node: HtmlElement | None = el
        found = False
        while node is not None:
            if node in self.known:
                found = self.known[node]
                break
            if _dates_other_things(node, self.page):
                found = True
                chain.append(node)
                break
            chain.append(node)
            node = node.getparent()
        for seen in chain:
            self.known[seen] = found
        return found


def in_furniture(el: HtmlElement) -> bool:
    """True when ``el`` sits inside navigation, comments, related links, sidebars or the like."""
    return furniture_below(el)


def furniture_below(el: HtmlElement, stop: HtmlElement | None = None) -> bool:
    node: HtmlElement | None = el
    while node is not None and node is not stop:
        if skipped(node):
            return True
        node = node.getparent()
    return False


def scan_furniture(tree: HtmlElement) -> tuple[list[HtmlElement], bool]:
    """The outermost furniture elements (banners, share bars, related links, paywall boxes...) and
    whether the page has paywall markup: one pass over the elements that have a class or an id."""
    found: list[HtmlElement] = []
    paywall = False
    covered: set[HtmlElement] = set()
    for el in _CLASSED(tree):
        if el in covered or el.tag in ("article", "main"):
            continue
        cls = class_words(el)
        paywall = paywall or bool(_PAYWALL_RE.search(cls))
        if furniture_class(cls) or paywall_box(el, cls):
            found.append(el)
            covered.update(el.iter())
    return found, paywall


# Inline tags that only format the text they hold: a run of links in bold is still the sentence's.
_FORMATTING = frozenset({"a", "em", "strong", "b", "i", "u", "small", "mark", "cite", "q"})


def link_cards(tree: HtmlElement) -> list[HtmlElement]:
    """Link clusters nested in a paragraph's prose: a hover card (a name's portrait, its links and
    'MORE', hidden until the pointer is over the name) or a related list dropped into the text. An
    element of 40+ characters, mostly (80 %) the text of 3+ links, in a paragraph with 80+ characters
    of its own text beside it; the innermost such element, so that the name the card pops up from
    (often inside the same wrapper) stays in the sentence."""
    found: list[HtmlElement] = []
    for p in tree.iter("p"):
        if len(p.findall(".//a")) < 3:
            continue
        whole = len(" ".join(p.text_content().split()))
        cards: list[HtmlElement] = []
        for el in p.iterdescendants():
            if not isinstance(el.tag, str) or el.tag in _FORMATTING:
                continue
            links = el.findall(".//a")
            if len(links) < 3:
                continue
            text = len(" ".join(el.text_content().split()))
            linked = sum(len(" ".join(a.text_content().split())) for a in links)
            if text >= 40 and linked >= 0.8 * text and whole - text >= 80:
                cards.append(el)
        found.extend(el for el in cards if not any(inner in cards for inner in el.iterdescendants()))
    return found


def prose_rich(el: HtmlElement, enough: int = 3) -> bool:
    """Long paragraphs (three by default): too much prose to cut on a class name alone."""
    long_ones = 0
    for p in el.iter("p"):
        if len(p.text_content()) >= 150:
            long_ones += 1
            if long_ones >= enough:
                return True
    return False


def furniture_text(furniture: list[HtmlElement], article: list[HtmlElement]) -> str:
    """The normalised text of the furniture, leaving out any element that wraps the article itself."""
    holders = {anc for part in article for anc in part.iterancestors()} | set(article)
    return " | ".join(loose(el.text_content()) for el in furniture if el not in holders)


def loose(text: str) -> str:
    """Cheaper than ``_norm`` (no regex): case and whitespace only, for substring tests on big texts."""
    return " ".join(text.split()).lower()
