"""The text of an HTML fragment found where plain text was expected (a JSON lines ``content`` field).

Dumps often keep a body as the site's markup: ``<p>The mayor said <b>on Monday</b>...</p>``. Stored as
is, the tags, entities and any script would be article text and count as words. This keeps the text,
one paragraph per block element, which is the shape ``clean.clean_body`` expects.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

# A tag that plain text practically never holds: "<p>", "<br/>", "<a href=...>", "</div>".
_MARKUP = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|h[1-6]|ul|ol|li|blockquote|figure|figcaption|img|script|style"
    r"|iframe|section|article|table|tr|td|pre|header|footer|aside|noscript)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# A "<" that opens no tag, comment or declaration: text ("the index x<y stayed flat"), which the parser
# read as the start of a tag running to the next ">", losing the words between (review). A tag is a name
# and attributes closed by ">" before any other "<": <picture>, <noindex>, <amp-img src=x>, <o:p>.
_STRAY_LT = re.compile(r"<(?!/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?>|!|\?)")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DROPPED = ("script", "style", "noscript", "iframe", "template", "object", "embed", "svg")
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "figure",
        "figcaption",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "table",
        "tr",
        "td",
        "th",
        "pre",
        "dl",
        "dt",
        "dd",
        "hr",
        "main",
        "nav",
        "address",
    ]
)


def looks_like_html(text: str) -> bool:
    return _MARKUP.search(text) is not None


_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


def fragment_text(markup: str) -> str:
    """Paragraphs (separated by a blank line) of the markup's visible text; entities decoded."""
    markup = _NOT_XML.sub(" ", markup)  # lxml refuses control characters in text it is handed back
    markup = _STRAY_LT.sub("&lt;", markup)
    try:
        # A parser per call (lxml parsers are not safe to share between threads); huge_tree, as libxml2
        # otherwise stops at 256 nested elements and silently drops the rest of the text.
        parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
        root = lxml.html.fragment_fromstring(markup, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        return markup
    for el in root.iter(*_DROPPED):
        el.drop_tree()  # keeps its tail text
    paragraphs: list[str] = []
    current: list[str] = []
    # Text with inline markup only ("First para.\n\nSecond said <b>yes</b>."): its blank lines are its
    # paragraph breaks, as in the same text without markup (they were run into one paragraph, review).
    # Where blocks (<p>, <div> ...) make the paragraphs, blank lines in the source are only layout.
    text_breaks = not any(
        isinstance(el.tag, str) and el.tag.lower() in _BLOCKS for el in root.iterdescendants()
    )

    def close() -> None:
        text = "".join(current)
        for block in _BLANK_LINE.split(text) if text_breaks else (text,):
            lines = (" ".join(line.split()) for line in block.split("\n"))
            paragraph = "\n".join(line for line in lines if line)
            if paragraph:
                paragraphs.append(paragraph)
        current.clear()

    # Events, not recursion: markup nested thousands deep is still read (it was a RecursionError).
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if event == "start":
            if tag in _BLOCKS:
                close()
            if tag == "br":
                if "".join(current[-2:]).rstrip(" \t").endswith("\n"):
                    close()  # <br><br>: a paragraph break
                else:
                    current.append("\n")
            elif el.text and tag is not None:
                current.append(el.text)
        else:
            if tag in _BLOCKS:
                close()
            if el.tail and el is not root:
                current.append(el.tail)
    close()
    return "\n\n".join(paragraphs)
