"""The article body of a parsed HTML page: two candidates, compared, merged and cleaned.

Candidate one is our own readability-style pass: paragraphs are scored into their containers and the
best container (with its strong siblings) is taken. Then furniture (``html_furniture``) that does not
hold that container is cut out of the tree, and candidate two, trafilatura in fast mode with reader
comments off, runs on what is left. Trafilatura is precise but sometimes stops early (an article split
across several containers); the container pass keeps whole articles but also what sits inside them.
So the merge starts from trafilatura, adds prose paragraphs only the container pass found, in document
order, and the clean drops what is furniture by its text: a repeated headline or standfirst, calls to
action, link lists outside the container, a byline, a trailing related-stories list.
"""

from __future__ import annotations

import bisect
import copy
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any
from urllib.parse import unquote

from lxml.etree import XPath
from lxml.html import HtmlElement

from .html_furniture import (
    class_words,
    furniture_below,
    furniture_text,
    link_cards,
    loose,
    open_collapsed,
    prose_rich,
    scan_furniture,
    skipped,
)
from .rules.html_boilerplate import BOILERPLATE_LINE, PARAGRAPH_FURNITURE, RELATED_LABEL
from .rules.html_metadata import BYLINE_PREFIX, BYLINE_QUALIFIERS, BYLINE_ROLE_WORDS
from .rules.text_rules import DATE_TEXT, RELATED_HEADING

# Real article pages have a few thousand elements (the 50 benchmark pages: at most about 1,700).
MAX_TRAFILATURA_ELEMENTS = 60_000
_WORDS = re.compile(r"\w+")
# Compiled once: ``el.xpath(text)`` compiles its expression on every call.
_COUNT_ALL = XPath("count(//*)")
_COUNT_SUBTREE = XPath("count(descendant-or-self::*)")
_BLOCKS = ("p", "pre", "blockquote", "h2", "h3", "h4", "li", "dd")
_SCORED = ("p", "pre", "blockquote")
_PROSE_END = re.compile(r"[.!?…:;\"”’»)]\s*$")
# Where a headline splits into a kicker and a title: "Siemens und die Kohlemine Adani: Kaeser verarscht
# Neubauer", "Daten von Rheinmetall gehackt - Interne Unterlagen im Netz".
_TITLE_SPLIT = re.compile(r"\s+[-–—|:]\s+|:\s+")
# Words beside the headline in a block that is the headline again (a kicker, a dateline, categories).
_TITLE_ECHO_EXTRA_WORDS = 8

_LOG = logging.getLogger(__name__)
# Both libraries log a warning for every page they find nothing in; for us that is an ordinary outcome
# (reported as a reject or an empty candidate), not something to print once per page.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# The joiners some scripts spell with: Persian's zero-width non-joiner (می‌شود, چشم‌انداز), the joiner of
# Indic conjuncts and emoji sequences.
_JOINERS = frozenset("\u200c\u200d")


def _printables_spaces_and_joiners(char: str) -> str:
    """trafilatura's filter of each character of a text that is not all printable, keeping the joiners:
    they are format characters (not printable), and trafilatura dropped them, so a Persian page's words
    were misspelt and the same article as a text file loaded twice, its hash differing (review)."""
    return char if char.isprintable() or char.isspace() or char in _JOINERS else ""


@lru_cache(maxsize=1)
def _keep_joiners() -> None:
    """Put the filter above in place of trafilatura's (its module looks the name up at each call); on
    first use, as trafilatura is imported only then (0.13 s)."""
    import trafilatura.utils

    trafilatura.utils.return_printables_and_spaces = lru_cache(maxsize=2**14)(_printables_spaces_and_joiners)


@dataclass(slots=True)
class Block:
    text: str
    links: int  # characters of text inside links
    tag: str

    @property
    def link_density(self) -> float:
        return self.links / max(1, len(self.text))


@lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    # Cached: each block's text is compared several times (merging, furniture, title and standfirst
    # checks); on small pages this regex was a tenth of the whole extraction.
    return " ".join(_WORDS.findall(text.lower()))


def _tight(norm: str) -> str:
    """A ``_norm`` text without its spaces, to find one extractor's paragraph in another's: trafilatura
    glues "<li><div>Heading</div><div>Text</div></li>" into "HeadingText", where ours has a space."""
    return norm.replace(" ", "")


def _clean(text: str) -> str:
    return " ".join(text.split())  # what ``\s+`` -> " " and strip do, without the regex engine


# Elements that separate the words on either side of them, though they add no text of their own.
_BREAKS = frozenset(
    {
        "br", "hr", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "table", "caption", "tr", "td", "th", "section", "article", "header",
        "footer", "aside", "figure", "figcaption", "address", "main", "nav",
    }
)  # fmt: skip


def _text_of(el: HtmlElement) -> str:
    return _clean(_raw_text(el))


def _raw_text(el: HtmlElement) -> str:
    """``el``'s text with a space where a line break or a block inside it separates words:
    ``text_content`` glued "<strong>Turn the heating down</strong><br>Each degree..." into "downEach",
    so a listicle's items matched nothing in trafilatura's text and were added to the body twice
    (found by review)."""
    # A loop over the few descendants: asking libxml2 for any of 33 tags cost 5 µs a call.
    if not len(el) or not any(isinstance(d.tag, str) and d.tag in _BREAKS for d in el.iterdescendants()):
        return str(el.text_content())
    parts: list[str] = []
    _gather(el, parts)
    return "".join(parts)


def _gather(el: HtmlElement, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str):  # a comment's text is no text (as in ``text_content``), its tail is
            if tag in _BREAKS:
                parts.append(" ")
                _gather(child, parts)
                parts.append(" ")
            else:
                _gather(child, parts)
        if child.tail:
            parts.append(child.tail)


# --- candidate one: trafilatura --------------------------------------------------------------


def is_huge(tree: HtmlElement) -> bool:
    """More elements than any real article page has: the expensive third-party passes are skipped."""
    return bool(_COUNT_ALL(tree) > MAX_TRAFILATURA_ELEMENTS)


# A paragraph of thousands of elements (a word per <span>, a link per word): trafilatura's pass over its
# text nodes grows with their square (250 kB of <span>s in one <p>: 12.7 s), so the container pass decides.
MAX_PARAGRAPH_ELEMENTS = 2000
_CROWDED_PARAGRAPH = XPath(f"boolean(//p[count(.//*) > {MAX_PARAGRAPH_ELEMENTS}])")


def crowded(tree: HtmlElement) -> bool:
    return bool(_CROWDED_PARAGRAPH(tree))


_TARGETS = XPath("//@id | //a/@name")


def _anchor_texts(tree: HtmlElement) -> set[str]:
    """Normalised texts of the page's links: trafilatura's text loses link markup, this restores it. Not
    a jump link to a place in the page ("#who", an id or anchor name the page has, or "#top"): a table of
    contents repeats the text's own subheadings, which were then all link and dropped (review). A
    script's route ("#/news/1201", "#!/story") is a link to another story (a second review)."""
    targets: set[str] | None = None
    out: set[str] = set()
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if href.startswith("#") and len(href) > 1:
            if targets is None:
                targets = {str(t) for t in _TARGETS(tree)}
            if unquote(href[1:]) in targets or href[1:].lower() == "top":
                continue
        n = _norm(_raw_text(a))
        if n.count(" ") >= 1:
            out.add(n)
    return out


def _anchor_sizes(anchors: set[str]) -> list[int]:
    """The word counts of the link texts, largest first: the only prefix lengths that can match one."""
    return sorted({a.count(" ") + 1 for a in anchors}, reverse=True)


def _link_share(text: str, anchors: set[str], sizes: list[int]) -> int:
    """Characters of ``text`` that are one link's text, when the block is (or starts with) a link
    (the longest such start of 2 to 25 words; ``sizes`` from ``_anchor_sizes``), or is a link after
    the label of a link to another story ("Veja também: <link>", "MORE: <link>"): trafilatura's text
    lost the markup that tells such a line from the sentence it looks like."""
    if len(text) > 400 or not anchors:
        return 0
    n = _norm(text)
    if n in anchors:
        return len(text)
    label = RELATED_LABEL.match(text)
    if label is not None and _norm(text[label.end() :]) in anchors:
        return len(text) - label.end()
    words = n.split()
    longest = min(len(words) - 1, 25)
    for cut in sizes:
        if cut < 2:
            break
        if cut <= longest and " ".join(words[:cut]) in anchors:
            return int(len(text) * cut / len(words))
    return 0


def trafilatura_blocks(tree: HtmlElement, url: str | None, anchors: set[str]) -> list[Block]:
    """Trafilatura's body (fast mode, no comments) as blocks, one per paragraph, heading or list item.
    Consumes ``tree`` (trafilatura prunes it in place); the caller reads nothing from it afterwards."""
    from trafilatura.xml import xmltotxt

    _keep_joiners()
    try:
        body = _trafilatura_body(tree, _trafilatura_options(url))
    except Exception as exc:  # a third-party failure costs one candidate, not the page; say which
        _LOG.info("trafilatura failed on %s: %s: %s", url, type(exc).__name__, exc)
        return []
    if body is None:
        return []
    blocks: list[Block] = []
    sizes = _anchor_sizes(anchors)
    for child in body:
        parts = [el for el in child if el.tag == "item"] if child.tag == "list" else [child]
        for part in parts or [child]:
            raw = xmltotxt(part, False) or ""
            texts = (_table_rows(raw) if part.tag == "table" else None) or [_clean(raw)]
            for text in texts:
                if text:
                    tag = "item" if part.tag == "item" else str(part.tag)
                    blocks.append(Block(text, _link_share(text, anchors, sizes), tag))
    return blocks


TABLE_CELL_CHARS = 300  # a data table's cell is short; an old site's layout table holds whole stories
_RULE_CELL = re.compile(r"\s*:?-{3,}:?\s*")  # trafilatura's "|---|---|" under a header row


def _table_rows(text: str) -> list[str]:
    """A table as one paragraph per row, as trafilatura writes it ("| Loan | This week | 6.73% |", empty
    cells and "\\|" in a cell's text kept): its rows had become one line, with the "|---|" rules under
    each header row in it (found by review). The row's leading "|" keeps line rules off it: "Related
    models | Voltway Trek" is no "Related ..." link, "12 March 2024 | Leeds | 2-1" no dateline."""
    rows = []
    for line in text.splitlines():
        cells = line.strip().strip("|").split("|")
        if any(len(c) > TABLE_CELL_CHARS for c in cells):
            return []  # a layout table holding the page: one lump, as before, for the merge to replace
        if all(_RULE_CELL.fullmatch(c) for c in cells) or not line.strip("| \t"):
            continue
        rows.append(_clean(line))
    return rows


@lru_cache(maxsize=1)
def _base_trafilatura_options() -> Any:
    from trafilatura.settings import Extractor

    # What ``bare_extraction(tree, url=url, fast=True, include_comments=False, include_tables=True)``
    # builds on every call; building it reads trafilatura's config file settings each time (0.14 ms of a
    # 3 ms page), so it is built once per process and copied with the page's URL.
    return Extractor(output_format="python", fast=True, comments=False, tables=True)


# The trafilatura release whose ``bare_extraction`` steps ``_sequence_body`` repeats (requirements.lock);
# any other release goes through ``bare_extraction`` itself.
_SEQUENCE_VERSION = "2.3.1"


def _trafilatura_body(tree: HtmlElement, options: Any) -> Any:
    """``bare_extraction(tree, options=options).body`` (None when it finds nothing)."""
    import trafilatura

    if trafilatura.__version__ == _SEQUENCE_VERSION and _sequence_fits(options):
        return _sequence_body(tree, options)
    doc = trafilatura.bare_extraction(tree, options=options)
    return getattr(doc, "body", None) if doc is not None else None


def _sequence_fits(options: Any) -> bool:
    """The options ``_sequence_body`` was written for (the branches it leaves out are for others)."""
    return bool(
        options.fast
        and not options.comments
        and options.focus == "balanced"
        and options.format == "python"
        and not (options.lang or options.dedup or options.with_metadata)
    )


def _sequence_body(tree: HtmlElement, options: Any) -> Any:
    """trafilatura 2.3.1's ``bare_extraction`` + ``trafilatura_sequence`` for our options only (fast,
    no comments, balanced, python output, no language/dedup/metadata), same result, less work: no copy
    of the input tree (``trafilatura_blocks`` owns it), no backup tree for the comparison that fast mode
    skips, no text rendering of the body (we render blocks), and the page text for the recall-escalation
    test (``html2txt``, a copy and a cleaning pass) only when a cheap upper bound of its length cannot
    already rule the escalation out. ``tests/test_html_body.py`` checks it against ``bare_extraction``."""
    from lxml.etree import strip_tags
    from trafilatura.baseline import baseline, html2txt
    from trafilatura.core import (
        ESCALATION_ACCEPT_RATIO,
        ESCALATION_MAX_LENGTH,
        ESCALATION_PAGE_SHARE,
        _forum_thread_page,
        _recall_retry,
    )
    from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
    from trafilatura.main_extractor import extract_content
    from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

    url = options.url
    try:
        is_forum = _forum_thread_page(tree)
        tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
        if not is_forum:
            tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)
        cleaned = convert_tags(tree_cleaning(copy.copy(tree), options), options, url)
        postbody, text = extract_content(cleaned, options)
        if len(text) < options.min_extracted_size:  # baseline rescue, only if it adds text
            b_body, b_text, b_len = baseline(tree)
            if b_len > len(text):
                postbody, text = b_body, b_text
        if (
            0 < len(text) < ESCALATION_MAX_LENGTH
            and len(text) < ESCALATION_PAGE_SHARE * _page_text_bound(tree)
            and len(text) < ESCALATION_PAGE_SHARE * len(html2txt(tree))
        ):
            r_options = copy.copy(options)
            r_options.focus = "recall"
            r_text = ""
            try:
                r_body, r_text = _recall_retry(tree, r_options, url)
            except Exception as exc:  # as trafilatura: a failed retry keeps the first result
                _LOG.info("trafilatura recall retry failed on %s: %s", url, exc)
            if len(r_text) >= options.min_extracted_size and len(r_text) > ESCALATION_ACCEPT_RATIO * len(
                text
            ):
                postbody, text = r_body, r_text
        if options.max_tree_size and len(postbody) > options.max_tree_size:
            strip_tags(postbody, "hi")
            if len(postbody) > options.max_tree_size:
                return None
        if len(text) < options.min_output_size and options.min_output_comm_size > 0:
            return None
    except (TypeError, ValueError):  # what bare_extraction turns into "no result"
        return None
    return postbody


def _page_text_bound(tree: HtmlElement) -> int:
    """At least ``len(trafilatura.baseline.html2txt(tree))``: that text is the body's text with some
    elements removed (never longer), whitespace collapsed (never longer), and at most one space added
    before the text and one before the tail of each element."""
    found = tree.find(".//body")
    body = tree if found is None else found
    return len(body.text_content()) + 2 * (int(_COUNT_SUBTREE(body)) + 1)


def _trafilatura_options(url: str | None) -> Any:
    options = copy.copy(_base_trafilatura_options())
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


# --- candidate two: the best container ---------------------------------------------------------


def _link_chars(el: HtmlElement) -> int:
    return sum(len(a.text_content()) for a in el.iter("a"))


# Elements whose own text, between their child blocks, is read as paragraphs: articles written as
# ``<div class="content">text<br><br>text...</div>`` (readability turns such runs into paragraphs).
_RUN_HOLDERS = ("div", "section", "article", "main")
# The tag of a block that is a run of a div's own text (not a <p>).
_TEXT_RUN = "text"
# Inline elements: their text is part of the run around them (readability's phrasing content).
_PHRASING = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
        "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
        "sub", "sup", "time", "tt", "u", "var", "wbr",
    }
)  # fmt: skip
# Inline elements whose text is not prose (scripts, form controls): left out of the run, not a break.
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "textarea"})


def _inline(el: HtmlElement) -> bool:
    """Phrasing content all the way down (a link wrapping a whole teaser card with divs is a block)."""
    return el.tag in _PHRASING and all(
        not isinstance(d.tag, str) or d.tag in _PHRASING or d.tag in _NOT_TEXT for d in el.iterdescendants()
    )


def _own_text(holder: HtmlElement) -> bool:
    """Whether ``holder`` may have text of its own (a cheap test before ``_segments``): text, a tail
    or an inline child. Most divs hold only blocks and whitespace."""
    if holder.text and not holder.text.isspace():
        return True
    for child in holder:
        if (child.tail and not child.tail.isspace()) or (child.tag in _PHRASING and child.tag != "br"):
            return True
    return False


def _segments(holder: HtmlElement) -> list[Block | HtmlElement]:
    """``holder``'s children in order, its own text (with its inline children) gathered into runs: a
    run ends at a block child or at two or more ``<br>`` in a row (one ``<br>`` is a line break)."""
    out: list[Block | HtmlElement] = []
    buf: list[str] = []
    links = 0
    brs = 0

    def flush() -> None:
        nonlocal links
        if not buf:
            return
        text = _clean("".join(buf))
        if text:
            out.append(Block(text, links, _TEXT_RUN))
        buf.clear()
        links = 0

    def add(text: str, linked: int = 0) -> None:
        nonlocal brs, links
        if text.strip():
            if brs >= 2:
                flush()
            elif brs == 1:
                buf.append(" ")
            brs = 0
        buf.append(text)
        links += linked

    add(holder.text or "")
    for child in holder:
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT:
            pass
        elif tag == "br":
            brs += 1
        elif not _inline(child):
            flush()
            brs = 0
            out.append(child)
        elif tag == "a" or not child.attrib or not skipped(child):
            # inline furniture (a share button) is left out; a link is a word of the sentence, whatever
            # its class (a name linked to its tag page)
            text = _raw_text(child)
            add(text, len(text) if tag == "a" else _link_chars(child))
        add(child.tail or "")
    flush()
    return out


def _scored_texts(tree: HtmlElement) -> list[tuple[HtmlElement, Block]]:
    """Readability's paragraphs, each with the element its score goes to first: every ``<p>``, ``<pre>``
    and ``<blockquote>`` (into its parent), a div's own text when the div holds nothing else (the div
    is a paragraph: into its parent), and runs of a div's text beside its blocks (into the div)."""
    out: list[tuple[HtmlElement, Block]] = []
    for p in tree.iter(*_SCORED):
        parent = p.getparent()
        if parent is not None:
            out.append((parent, Block(_text_of(p), _link_chars(p), str(p.tag))))
    for holder in tree.iter(*_RUN_HOLDERS):
        if not _own_text(holder):
            continue
        segments = _segments(holder)
        runs = [seg for seg in segments if isinstance(seg, Block)]
        if len(segments) == 1 and runs:
            parent = holder.getparent()
            if parent is not None:
                out.append((parent, runs[0]))
        else:
            out.extend((holder, run) for run in runs)
    return out


def _paragraph_like(el: HtmlElement, *, wrapped: bool = False) -> Block | None:
    """``el`` as one paragraph when it is one: a ``<p>``, a div holding only text, or (``wrapped``) a
    div that only wraps one of those: a last paragraph in a box of its own (``<div class="story-end">
    <p>``) was lost (review). Above the text such a box is mostly a standfirst, which is no body text."""
    for _ in range(_WRAPPERS if wrapped else 1):
        if el.tag == "p":
            return Block(_text_of(el), _link_chars(el), "p")
        if el.tag not in _RUN_HOLDERS:
            return None
        if _own_text(el):
            segments = _segments(el)
            return segments[0] if len(segments) == 1 and isinstance(segments[0], Block) else None
        child = _only_child(el)
        if child is None or skipped(child):
            return None
        el = child
    return None


# How many wrappers ``_paragraph_like`` looks through.
_WRAPPERS = 3


def _prose_sibling(el: HtmlElement, after: bool) -> bool:
    """Readability's sibling paragraph: prose (80+ characters, under a quarter links, a sentence end)
    in a ``<p>`` or a div of its own beside the article's container, such as a lead set apart; after
    the container also in a div that only wraps one (``after``)."""
    block = _paragraph_like(el, wrapped=after)
    if block is None:
        return False
    return len(block.text) >= 80 and block.link_density < 0.25 and bool(_PROSE_END.search(block.text))


def container_parts(tree: HtmlElement) -> list[HtmlElement]:
    """The best-scoring container (readability's idea, done in one pass over paragraphs) and its strong
    siblings, in document order. Their blocks (``_blocks_in``) are read after furniture is cut out."""
    scores: dict[HtmlElement, float] = {}
    for parent, block in _scored_texts(tree):
        text = block.text
        if len(text) < 25:
            continue
        if block.links > 0.5 * len(text):
            continue
        score = 1 + text.count(",") + min(len(text) / 100, 3)
        scores[parent] = scores.get(parent, 0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + score / 2
    if not scores:
        return []
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:5]
    usable = [(el, s) for el, s in ranked if not furniture_below(el)]
    if not usable:
        return []  # the prose of this page sits in forms, dialogs or sidebars: no article container
    best, best_score = max(usable, key=lambda kv: kv[1])
    best, inner = _outer_wrapper(best)
    parent = best.getparent()
    if parent is None:
        return [best]
    # strong siblings: the article continued after an ad or a pull quote; sibling paragraphs (a lead);
    # blocks of the same kind holding prose (the text split into several containers around an ad)
    threshold = max(10.0, 0.2 * best_score)
    after = False  # past ``best``: a last paragraph in a box of its own is the text's; a lead above, a dek
    out = []
    for sib in parent:
        after = after or sib is best
        if (
            sib is best
            or scores.get(sib, 0) >= threshold
            or (not skipped(sib) and (_prose_sibling(sib, after) or _continues(sib, best, inner)))
        ):
            out.append(sib)
    return out


def _only_child(el: HtmlElement) -> HtmlElement | None:
    """``el``'s one child element when it holds nothing else (no text of its own), else None."""
    children = [child for child in el if isinstance(child.tag, str)]
    if len(children) != 1 or (el.text and not el.text.isspace()):
        return None
    tail = children[0].tail
    return None if tail and not tail.isspace() else children[0]


def _outer_wrapper(best: HtmlElement) -> tuple[HtmlElement, list[HtmlElement]]:
    """``best`` or the outermost element that only wraps it (readability's "the top candidate is its
    parent's only child"), and the elements from there down to ``best``: a text split into blocks
    around an ad or a teaser box is a row of such wrappers (``<div class="text-block"><div
    class="rich-text"><p>...``), and the other blocks are the wrapper's siblings, not the inner
    element's. Not out of an ``<article>``, nor into ``<body>``."""
    inner: list[HtmlElement] = []
    while best.tag != "article":
        parent = best.getparent()
        if parent is None or parent.tag in ("body", "html") or _only_child(parent) is not best:
            break
        inner.append(best)
        best = parent
    return best, inner[::-1]


def _alike(a: HtmlElement, b: HtmlElement) -> bool:
    """The same tag and mostly the same class words (half of them or more, counting both): two text
    blocks of a page builder differ by an id class ("elementor-element-8f3c2aa"), a text block and an
    image block by their type ("...-text-editor", "...-image"), a grid's columns by their widths."""
    if a.tag != b.tag:
        return False
    mine, theirs = set((a.get("class") or "").split()), set((b.get("class") or "").split())
    return 2 * len(mine & theirs) >= len(mine | theirs)


def _continues(sib: HtmlElement, best: HtmlElement, inner: list[HtmlElement]) -> bool:
    """Whether ``sib`` is another block of the article's text beside ``best``: alike (``_alike``), and
    wrapping elements alike to those ``best`` wraps the paragraphs in (``inner``), holding a prose
    paragraph and few links, and no headline of its own (a next post appended under its ``<h1>``) nor
    an ``<article>`` (another story)."""
    if sib.tag == "article" or not _alike(sib, best):
        return False
    node = sib
    for want in inner:
        node = next((child for child in node if isinstance(child.tag, str) and _alike(child, want)), None)
        if node is None:
            return False
    if next(sib.iter("h1", "article"), None) is not None:
        return False
    blocks = _blocks_in(sib)
    chars = sum(len(b.text) for b in blocks)
    links = sum(b.links for b in blocks)
    return links < 0.25 * chars and any(_is_prose(b) for b in blocks)


def _blocks_in(root: HtmlElement) -> list[Block]:
    """The paragraphs, headings and list items under ``root`` in document order, and the runs of text
    a div holds beside them (``_segments``), leaving out furniture. A block inside a block is read
    again only when something else stands between them (a ``<p>`` in a ``<div>`` in an ``<li>``)."""
    out: list[Block] = []
    if not isinstance(root.tag, str) or furniture_below(root, root.getparent()):
        return out
    # (element or run, its parent block was read or skipped, it sits in a block that was read)
    stack: list[tuple[Block | HtmlElement, bool, bool]] = [(root, False, False)]
    while stack:
        item, parent_taken, in_block = stack.pop()
        if isinstance(item, Block):
            out.append(item)
            continue
        taken = False
        if item.tag in _BLOCKS:
            text = "" if parent_taken else _text_of(item)
            if text:
                out.append(Block(text, _link_chars(item), str(item.tag)))
            taken = parent_taken or bool(text)
            in_block = in_block or bool(text)
        runs = item.tag in _RUN_HOLDERS and not in_block and _own_text(item)
        children = _segments(item) if runs else list(item)
        stack.extend(
            (seg, taken, in_block)
            for seg in reversed(children)
            if isinstance(seg, Block) or (isinstance(seg.tag, str) and not skipped(seg))
        )
    return out


# --- merge and clean ---------------------------------------------------------------------------


def _is_prose(block: Block) -> bool:
    return len(block.text) >= 80 and block.link_density < 0.2 and bool(_PROSE_END.search(block.text))


def _is_quote(block: Block) -> bool:
    """A quoted post (an embedded tweet): it ends with its author and date and links its source."""
    return block.tag == "blockquote" and len(block.text) >= 80 and block.link_density < 0.5


# Real articles have at most a few hundred blocks. On pages with more, "is this block's text in that
# text" is asked block by block (a set or dict lookup), not of the whole text for every block, which made
# the time grow with the square of the page (a page of 25,000 paragraphs took 33 s).
_MANY_BLOCKS = 1000


def _all_in(text: str, keys: list[str]) -> bool:
    """Every key is somewhere in ``text``. Each is looked for from where the last one was found first
    (keys come in page order), so a long page costs one pass rather than one per key."""
    pos = 0
    for key in keys:
        at = text.find(key, pos)
        if at < 0:
            at = text.find(key)
            if at < 0:
                return False
        pos = at
    return True


def merge(primary: list[Block], secondary: list[Block], disjoint: str = "before") -> list[Block]:
    """Primary blocks plus prose blocks only the secondary found, each placed after its predecessor.
    ``disjoint``: where the secondary's text stands when it shares no block with the primary's: before
    it, after it (an article split in two by an ad or a sign-up box), or "" in another article."""
    if not primary:
        return secondary
    if len(primary) == 1 and secondary:
        # One lump is trafilatura's fallback dump of a short page (headline and byline included);
        # when it holds all our paragraphs, ours are the same text, better cut.
        lump = _tight(_norm(primary[0].text))
        if _all_in(lump, [_tight(_norm(b.text))[:200] for b in secondary]):
            return secondary
    norms = [_tight(_norm(b.text)) for b in primary]
    starts: list[int] = []
    pos = 0
    for n in norms:
        starts.append(pos)
        pos += len(n)
    joined = "".join(norms)  # a block may span two of trafilatura's (split at a <br>)
    inserts: dict[int, list[Block]] = {}
    respaced: dict[int, str] = {}
    last = -1
    shared = False
    # A page of thousands of blocks is matched block by block (a text that starts a primary block): a
    # search of the whole text for every block took a page of 25,000 paragraphs 14 s. Not below that,
    # where a block's text found inside another one counts too.
    first_at: dict[str, int] | None = None
    if len(primary) > _MANY_BLOCKS or len(secondary) > _MANY_BLOCKS:
        first_at = {}
        for i, n in enumerate(norms):
            first_at.setdefault(n[:200], i)
    for block in secondary:
        n = _tight(_norm(block.text))
        if not n:
            continue
        key = n[:200]
        if first_at is not None:
            found = first_at.get(key)
            at = -1 if found is None else starts[found]
        else:
            at = joined.find(key)
        if at >= 0:
            last = bisect.bisect_right(starts, at) - 1
            shared = True
            if norms[last] == n and _norm(block.text) != _norm(primary[last].text):
                respaced[last] = block.text  # the same words, which trafilatura glued ("changeAbout")
        elif _is_prose(block) or (last >= 0 and _is_quote(block)):
            # A quote only among the article's paragraphs: one above them all is a forum reply's.
            inserts.setdefault(last, []).append(block)
    if not shared and inserts:
        # Two different texts: the secondary's goes in one piece where it stands, or not at all when it
        # is another article or mostly no prose (a list of teasers, one of which ends in a full stop).
        if disjoint == "" or 3 * len(inserts[-1]) < len(secondary):
            return primary
        if disjoint == "after":
            return [*primary, *inserts[-1]]
    out = list(inserts.get(-1, []))
    for i, block in enumerate(primary):
        out.append(_respace(block, respaced[i]) if i in respaced else block)
        out.extend(inserts.get(i, []))
    return out


def _respace(block: Block, ours: str) -> Block:
    """``block`` (trafilatura's) as ``ours`` reads it, when the two differ only in spaces: trafilatura
    glued "<li><div>Heading</div><div>Text</div></li>" into "HeadingText". Its list marker stays."""
    text = block.text
    marker = text[:2] if text.startswith(("- ", "* ")) else ""
    if "".join(text[len(marker) :].split()) != "".join(ours.split()):
        return block  # other characters too (a soft hyphen, a ligature): trafilatura's text stands
    return Block(marker + ours, block.links, block.tag)


def clean_blocks(
    blocks: list[Block],
    container: list[Block],
    title: str | None,
    description: str | None,
    furniture: Callable[[], str] = str,
) -> list[Block]:
    """Drop furniture: a repeated headline/standfirst at the top, calls to action, stray link lists,
    paragraphs that sit in furniture markup. The rules that lean on our container ("outside it")
    apply only when the container found a fair share of the text, and the furniture rule is
    dropped when it would take most of the body (then the markup, not the text, is misleading)."""
    total = sum(len(b.text) for b in blocks) or 1
    inside = "".join(_tight(_norm(b.text)) for b in container)
    if sum(len(b.text) for b in container) < 0.3 * total:
        inside = ""
    # See _MANY_BLOCKS: on a page of thousands of blocks, the container's blocks are looked up one by one.
    keys = {_tight(_norm(b.text))[:200] for b in container} if inside and len(blocks) > _MANY_BLOCKS else None
    out = _clean_pass(blocks, inside, keys, title, description, furniture)
    if sum(len(b.text) for b in out) < 0.5 * total:
        kept = _clean_pass(blocks, inside, keys, title, description, str)
        if len(kept) > len(out):
            out = kept
    return _drop_trailing_links(out)


def _drop_trailing_links(blocks: list[Block]) -> list[Block]:
    """A run of three or more linked list items ending the body is a related-stories list."""
    end = len(blocks)
    while end > 0 and blocks[end - 1].tag == "item" and blocks[end - 1].link_density >= 0.25:
        end -= 1
    if len(blocks) - end < 3:
        return blocks
    if end > 0 and blocks[end - 1].tag == "head" and len(blocks[end - 1].text) < 60:
        end -= 1  # its heading ("More news")
    return blocks[:end]


def _clean_pass(
    blocks: list[Block],
    inside: str,
    inside_keys: set[str] | None,
    title: str | None,
    description: str | None,
    furniture: Callable[[], str],
) -> list[Block]:
    """``inside_keys``: on a page of thousands of blocks, the container's blocks (their first 200
    characters) to look a block up in, instead of searching ``inside``; furniture is then looked up by
    element too."""
    head = _norm(title or "")
    standfirst = _norm(description or "")
    out: list[Block] = []
    many = len(blocks) > _MANY_BLOCKS
    pieces: set[str] | None = None

    def in_furniture(text: str) -> bool:
        nonlocal pieces
        if not many:
            return loose(text) in furniture()
        if pieces is None:
            pieces = set(furniture().split(" | "))
        return loose(text) in pieces

    byline = False  # the block before was a byline left out
    for i, block in enumerate(blocks):
        n = _norm(block.text)
        if not n:
            continue
        after_byline, byline = byline, False
        if after_byline and _role_line(n):
            continue  # "By Sarah Lane" / "Health correspondent": the byline's second line (review)

        def outside(n: str = n) -> bool:
            # Asked only where a rule needs it (most blocks never do).
            if not inside:
                return False
            return _tight(n)[:200] not in (inside if inside_keys is None else inside_keys)

        if n == head:
            continue  # the headline is never body, wherever trafilatura put it
        if i < 4 and (not out or outside()):
            # The description is either a standfirst printed above the article (drop it) or the
            # lead paragraph itself (keep it): the container tells them apart. Below a kept block only
            # outside the container (its lead, placed above trafilatura's headline).
            if (len(n) > 30 and n in head) or _title_echo(block.text, title):
                continue
            if standfirst and (n == standfirst or (len(n) > 30 and n in standfirst)) and outside():
                continue
        if BOILERPLATE_LINE.match(block.text) or (outside() and in_furniture(block.text)):
            continue
        if _related_link(block):
            continue
        if standfirst and n == standfirst and outside():
            continue  # the standfirst lower down: trafilatura read only the header of a split text
        # "By Jane Doe": the byline is metadata, not body; lower down, trafilatura's read of the header
        # of a text it missed, outside the container (and no sentence: "By Tuesday, the river rose.")
        if (
            len(block.text) < 80
            and BYLINE_PREFIX.match(block.text)
            and (i < 4 or (not _PROSE_END.search(block.text) and outside()))
        ):
            byline = True
            continue
        if block.link_density > 0.6 and (len(block.text) < 120 or outside()):
            continue
        if block.tag == "item" and block.link_density > 0.3 and outside():
            continue
        out.append(block)
    return out


def _related_link(block: Block) -> bool:
    """A link to another story after its label ("MORE: <link>", "Te puede interesar: <link>"): the label,
    then a link's text and nothing else. Not the same label before prose ("More: the council said ...")."""
    label = RELATED_LABEL.match(block.text)
    return label is not None and block.links >= 0.8 * (len(block.text) - label.end()) > 0


def _role_line(norm: str) -> bool:
    """A line that is only a writer's role ("Health correspondent", "Senior economics editor"): words
    of roles and their beats, a role among them."""
    words = norm.replace(",", " ").split()
    return (
        0 < len(words) <= 4
        and any(w in BYLINE_ROLE_WORDS for w in words)
        and all(w in BYLINE_ROLE_WORDS or w in BYLINE_QUALIFIERS or w in ("and", "&") for w in words)
    )


def _phrase(text: str) -> re.Pattern[str] | None:
    """A pattern for ``text``'s words in order, with any punctuation or space between them."""
    words = _norm(text).split()
    return re.compile(r"\W+".join(map(re.escape, words)), re.I) if words else None


_MAX_TITLE_CHARS = 1000


def _title_echo(text: str, title: str | None) -> bool:
    """True for a block that is the headline printed again, with at most a few words beside it: a
    kicker ("Einheit der Woche Lagen-Pyramide mit GA2"), a date and categories ("<title> 02.02.2022 •
    Presse , Allgemein"), the title's parts in another order, or one part of a "Kicker: Title" title.
    Not a lead sentence that begins with the headline (more words, or it goes on in lower case)."""
    if not title or " " not in _norm(title) or len(title) > _MAX_TITLE_CHARS:
        return False  # a "title" of a whole page of words is no headline to find again (and costly)
    segments = [seg for seg in _TITLE_SPLIT.split(title) if " " in _norm(seg)]
    n = _norm(text)
    if len(segments) > 1 and n in {_norm(seg) for seg in segments}:
        return True
    # Whichever way it matches below, the first segment's words are in the block: checking that first
    # spares compiling the title's pattern for most blocks (the compile was a third of small pages' time).
    if not all(word in n for word in _norm(segments[0] if len(segments) > 1 else title).split()):
        return False
    whole = _phrase(title)
    if whole is not None and whole.search(text):
        parts = [whole]
    elif len(segments) > 1:
        parts = [p for p in map(_phrase, segments) if p is not None]
    else:
        return False
    rest, after = text, ""
    for part in parts:
        m = part.search(rest)
        if m is None:
            return False
        after = rest[m.end() :]
        rest = f"{rest[: m.start()]} {after}"
    words = [w for w in DATE_TEXT.sub(" ", rest).split() if any(c.isalnum() for c in w)]
    if len(words) > _TITLE_ECHO_EXTRA_WORDS:
        return False
    tail = DATE_TEXT.sub(" ", after).lstrip(" \t\"'”’»)")
    return not tail or not (tail[0].islower() or tail[0] in ",;")


def body_text(blocks: list[Block]) -> str:
    seen: set[str] = set()
    paragraphs: list[str] = []
    for block in blocks:
        key = _tight(_norm(block.text))
        if key in seen and len(key) > 16:
            continue
        seen.add(key)
        paragraphs.append(block.text)
    return "\n\n".join(paragraphs)


@dataclass(slots=True)
class Body:
    text: str  # paragraphs separated by blank lines; "" when the page has no article text
    paywall_markup: bool  # the page has a paywall box or overlay
    link_list: bool = False  # the text is mostly link texts and no sentences: a section or hub page


# Sentence ends in the scripts that mark them (Latin, CJK, Devanagari and Bengali's danda, Urdu and
# Arabic, Burmese, Ethiopic, Armenian, Greek); prose has one every 15-25 words, a list of headlines hardly
# any. An ellipsis is one end, a dot between digits ("8.7%") none.
_SENTENCE_ENDS = re.compile(r"\.{2,}|(?<!\d)\.|\.(?!\d)|[!?。！？।॥۔؟။።։\u037e…]")
# Scripts that end sentences with a space, not a mark (Thai, Lao, Khmer): never judged a list of links.
_UNMARKED_SCRIPTS = re.compile(r"[\u0e00-\u0eff\u1780-\u17ff]")
LINK_LIST_SHARE = 0.6  # of the text, the share in link texts that makes a page a list of links
# A list of links shows in its first characters; the search for each link text is over these only (over a
# whole page of 20,000 links it took seconds, growing with the square).
LINK_LIST_SCAN = 20_000


def is_link_list(text: str, anchors: set[str], furniture_links: Callable[[], set[str]] = set) -> bool:
    """Whether ``text`` is a list of links (headlines on a section page), not an article: most of its
    text is the page's link texts, with fewer than one sentence end in 40 words. Articles are never
    looked up (the sentence count rules them out first); each stretch of text counts once, however many
    link texts hold it. ``furniture_links``: the link texts of the page's menus, headers and footers,
    which count for nothing."""
    words = len(text.split())
    # An article reaches its quota of sentence ends early in its text, and the search stops there: over
    # the bench's 1,000 HTML pages this check took 0.058 ms a page instead of 0.115 (of about 2 ms).
    quota = -(-words // 40)
    if not words or len(list(islice(_SENTENCE_ENDS.finditer(text), quota))) >= quota:
        return False
    if _UNMARKED_SCRIPTS.search(text):
        return False
    n = _norm(text[:LINK_LIST_SCAN])
    covered = bytearray(len(n))
    for a in anchors - furniture_links():
        at = n.find(a)
        while at >= 0:
            covered[at : at + len(a)] = b"\x01" * len(a)
            at = n.find(a, at + len(a))
    return sum(covered) >= LINK_LIST_SHARE * len(n)


def _link_texts_in(elements: list[HtmlElement]) -> set[str]:
    """The link texts inside ``elements`` (perhaps cut from the tree since, which does not hold them)."""
    return {n for el in elements for a in el.iter("a") if (n := _norm(_raw_text(a))).count(" ") >= 1}


def _in_sentence(el: HtmlElement) -> bool:
    """Furniture markup the article needs: a lot of prose, or a link inside a paragraph (a name linked
    to its tag page, 'alinks-tags-link', is a word of the sentence)."""
    return prose_rich(el) or (el.tag == "a" and next(el.iterancestors("p"), None) is not None)


# Where a headline sits that is not the article's: a cookie or consent banner, a modal, a newsletter box.
_DIALOG = re.compile(r"cookie|consent|gdpr|privacy|modal|popup|dialog|newsletter|subscribe|paywall", re.I)


def _placement(parts: list[HtmlElement]) -> str:
    """Where the container stands against trafilatura's text when the two share nothing (see
    ``merge``), from the headlines (``h1`` of three words or more, not in a banner or dialog) before it:
    none, before the article's text; one (the article's), after it; two or more, in a later article.
    Read before trafilatura prunes the tree."""
    if not parts:
        return "before"
    target = _position(parts[0])
    headlines = 0
    for h1 in parts[0].getroottree().getroot().iter("h1"):  # in document order
        if _position(h1) >= target:
            break
        if len(h1.text_content().split()) >= 3 and not _in_dialog(h1):
            headlines += 1
    return "before" if headlines == 0 else "after" if headlines == 1 else ""


def _position(el: HtmlElement) -> tuple[int, ...]:
    """``el``'s place in document order: its index under each ancestor, from the root."""
    out = []
    parent = el.getparent()
    while parent is not None:
        out.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return tuple(reversed(out))


def _in_dialog(el: HtmlElement) -> bool:
    for up in el.iterancestors():
        if up.tag == "dialog":
            return True
        names = f"{up.get('class') or ''} {up.get('id') or ''} {up.get('role') or ''}"
        if _DIALOG.search(names):
            return True
    return False


# Headings: the article's subheadings, and the labels over lists of other stories.
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_HEADING_BLOCKS = frozenset({"head", *_HEADINGS})  # trafilatura's tag for a heading, and ours
# A bold line that stands as a heading is a label of a few words, not a bold lead paragraph.
_BOLD_HEADING_CHARS = 80
# Labels over a list of other stories that ``RELATED_HEADING`` (the text rules') does not know.
_MORE_RELATED_HEADING = re.compile(
    r"^\W*(?:you\s+(?:might|may)\s+(?:also\s+)?(?:like|enjoy)|more\s+like\s+this|most\s+popular|"
    r"trending(?:\s+now)?|editor'?s'?\s+picks)\W*$",
    re.I,
)
# What a block of links is: this share of its text or more in links (a list of headlines, perhaps dated).
_LINK_BLOCK_SHARE = 0.5


def _heading_like(el: HtmlElement) -> bool:
    """An ``<h2>`` to ``<h6>``, or a short line all in bold: ``<p><strong>Related stories</strong></p>``."""
    if el.tag in _HEADINGS:
        return True
    if el.tag not in ("p", "div") or len(el) != 1 or (el.text and not el.text.isspace()):
        return False
    bold = el[0]
    return (
        bold.tag in ("b", "strong")
        and not (bold.tail and not bold.tail.isspace())
        and 0 < len(_text_of(bold)) <= _BOLD_HEADING_CHARS
    )


def _orphan_headings(tree: HtmlElement, cut: list[HtmlElement]) -> tuple[set[str], set[str]]:
    """The normalised texts of the page's headings (``_heading_like``), and of those over links only: a
    "You might also like" whose list was cut as furniture (``cut``) or dropped as links stayed behind as
    the body's last line. Read before the cut."""
    cut_set = set(cut)
    headings: set[str] = set()
    orphans: set[str] = set()
    # From the bold elements up (fewer than the <p>s and <div>s a bold line could be: 0.1 ms a page less).
    for found in tree.iter(*_HEADINGS, "b", "strong"):
        el = found if found.tag in _HEADINGS else found.getparent()
        if el is None or (el is not found and el.tag in _HEADINGS):
            continue  # a heading in bold: met as the heading
        if not _heading_like(el) or not (n := _norm(_text_of(el))):
            continue
        headings.add(n)
        if _over_links(el, cut_set):
            orphans.add(n)
    return headings, orphans


def _over_links(heading: HtmlElement, cut: set[HtmlElement]) -> bool:
    """Whether what follows ``heading`` (beside the wrappers that hold only it), up to the next heading,
    is links only: blocks mostly of links, or furniture with links, and nothing but pictures or scripts
    besides. Not a subheading over text, nor one over nothing (an "Update" closing the article)."""
    node = heading
    while (parent := node.getparent()) is not None and parent.tag not in ("body", "html", "article", "main"):
        if _only_child(parent) is not node:
            break
        node = parent
    links = False
    for sib in [node, *node.itersiblings()]:
        if sib is not node and isinstance(sib.tag, str) and sib.tag not in _NOT_TEXT:
            inner: HtmlElement | None = sib
            while inner is not None and not _heading_like(inner):
                inner = _only_child(inner)
            if inner is not None:
                break  # the next heading: what follows is its content
            if next(sib.iter("a"), None) is None:
                if any(not t.isspace() for t in sib.itertext()):
                    return False  # text without a link (found at its first words, not read whole)
                continue
            text = _clean(sib.text_content())  # not ``_text_of``: a length is wanted, fast
            if text:
                chars = _link_chars(sib)
                if chars < _LINK_BLOCK_SHARE * len(text) and not (chars and (sib in cut or skipped(sib))):
                    return False
                links = True
        if sib.tail and not sib.tail.isspace():
            return False
    return links


def _without_orphan_headings(blocks: list[Block], headings: set[str], orphans: set[str]) -> list[Block]:
    """The body without the headings that end it over nothing: those whose links were cut (``orphans``),
    and a label over other stories ("More from CNN", "You might also like"), however their list went.
    One after another from the end: "Related" and "Most popular" left together. A subheading the text
    goes on under is no last block, and a heading of the article's ending it ("Update") stays."""
    end = len(blocks)
    while end > 1:
        block = blocks[end - 1]
        n = _norm(block.text)
        if block.tag not in _HEADING_BLOCKS and n not in headings:
            break
        if n not in orphans and not (
            RELATED_HEADING.match(block.text) or _MORE_RELATED_HEADING.match(block.text)
        ):
            break
        end -= 1
    return blocks[:end]


def extract_body(
    tree: HtmlElement, url: str | None, title: str | None = None, description: str | None = None
) -> Body:
    """The article text of ``tree``. Furniture that does not hold the article is cut out of the tree
    before trafilatura sees it: less to copy and clean, and less to leave in by mistake."""
    open_collapsed(tree)
    parts = container_parts(tree)
    place = _placement(parts)  # before furniture is cut and trafilatura prunes the tree
    furniture, paywall = scan_furniture(tree)
    holders = {anc for part in parts for anc in part.iterancestors()} | set(parts)
    removable = [
        el
        for el in furniture
        if el not in holders
        and (el.tag != "p" or PARAGRAPH_FURNITURE.search(class_words(el)))
        and not _in_sentence(el)
    ]
    removable += link_cards(tree)
    text = furniture_text(removable, []) if removable else ""
    headings, orphans = _orphan_headings(tree, removable)  # before the cut: what followed each heading
    anchors = _anchor_texts(tree)
    # Menus, headers, footers and asides, held before trafilatura prunes them: their links count for
    # nothing in the list-of-links check (a results page's club names are its menu's too).
    outside = [*removable, *tree.iter("nav", "header", "footer", "aside")]
    for el in removable:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent
    # Read after the cut: furniture inside a paragraph (a hover card) is not the paragraph's text.
    container = [block for part in parts for block in _blocks_in(part)]
    # Trafilatura's cost grows faster than the tree; on pages far beyond any real article's size
    # (generated tables, endless comment threads, hostile input) the container pass alone decides.
    primary = [] if is_huge(tree) or crowded(tree) else trafilatura_blocks(tree, url, anchors)
    merged = merge(primary, container, place)
    cleaned = clean_blocks(merged, container, title, description, lambda: text)
    body = body_text(_without_orphan_headings(cleaned, headings, orphans))
    return Body(body, paywall, is_link_list(body, anchors, lambda: _link_texts_in(outside)))
