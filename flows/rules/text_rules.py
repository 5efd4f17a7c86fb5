"""Rules for raw text articles, as data. The code that applies them is in ``flows/extract_text.py``
and ``flows/clean.py``; each rule says which real-world habit it exists for.
"""

from __future__ import annotations

import re

# Header keys scrapers write above the article, mapped to the field they fill. Keys are matched
# case-insensitively, with a colon, a tab, or (seed style, ``" date 2022-10-12 ..."``) a space.
HEADER_KEYS: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "source": "source",
    "publisher": "source",
    "site": "source",
    "author": "authors",
    "authors": "authors",
    "byline": "authors",
    "date": "published",
    "published": "published",
    "published_at": "published",
    "pubdate": "published",
    "publication date": "published",
    "updated": "modified",
    "modified": "modified",
    "last modified": "modified",
    "language": "language",
    "lang": "language",
    "section": "section",
    "category": "section",
    "tags": "tags",
    "keywords": "tags",
    "description": "description",
    "summary": "description",
}

_KEY_ALTERNATION = "|".join(sorted((re.escape(k) for k in HEADER_KEYS), key=len, reverse=True))
# ``key: value`` / ``key<TAB>value`` anywhere in the header block.
HEADER_STRICT = re.compile(rf"^\s*(?P<key>{_KEY_ALTERNATION})\s*(?::|\t)\s*(?P<value>\S.*?)\s*$", re.I)
# ``key value`` with only a space: accepted only where the whole block is header-shaped or the line is
# indented like the seed's, because prose can start with "Source ..." or "Title ...".
HEADER_LOOSE = re.compile(rf"^\s*(?P<key>{_KEY_ALTERNATION})\s+(?P<value>\S.*?)\s*$", re.I)

# Bylines: "By A", "By A and B", "Written by A", "Author: A", "A | Reporter", "A, Staff Writer".
BYLINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:written\s+|reported\s+|story\s+|text\s+)?by[:\s]\s*(?P<names>.+?)$", re.I),
    re.compile(r"^(?:author|authors|byline)\s*[:|]\s*(?P<names>.+?)$", re.I),
    re.compile(
        r"^(?P<names>[^|,]+?)\s*[|,–—-]\s*(?:senior\s+|staff\s+|chief\s+|special\s+)?"
        r"(?:reporter|correspondent|writer|editor|journalist|contributor|columnist)\b.*$",
        re.I,
    ),
)
# Separators between several names in one byline.
NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|\band\s+|&|,|;|\bund\b|\bet\b|\by\b|\bи\b)\s*", re.I)
# Trailing role or affiliation after a name: "Jane Doe, Reuters", "John Roe (AP)".
NAME_TRAILER = re.compile(r"\s*(?:\(.*?\)|\bfor\b.*|\bin\b\s+[A-Z].*)$")
# A byline is short; longer lines that start with "By" are prose ("By the end of the year ...").
MAX_BYLINE_WORDS = 14
# Words that are never part of a person's name in a byline.
NOT_A_PERSON = frozenset(
    {
        "staff",
        "staff writer",
        "reporter",
        "editor",
        "editors",
        "agencies",
        "newsroom",
        "admin",
        "news desk",
        "the associated press",
        "associated press",
        "reuters",
        "afp",
        "ap",
        "web desk",
        "correspondent",
    }
)

# Whole lines that are site furniture, never article text, wherever they stand.
BOILERPLATE_LINE = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?: content)?|ad|"
    r"share(?: this)?(?: article| story| post)?|share on \w+|tweet|email|print|"
    r"(?:click|tap) here.*|skip to (?:main )?content|"
    r"follow us(?: on .*)?|subscribe(?: now| to .*)?|sign up.*newsletter.*|"
    r"(?:read|see) (?:more|also)\b.*|related(?: articles| stories| news)?:?|more on this story|"
    r"(?:all rights reserved\.?)|(?:©|\(c\)|copyright).{0,120}|"
    r"(?:photo|image|picture|credit|photograph)s?\s*(?:credit)?\s*[:/|].{0,120}|"
    r"(?:getty images|reuters|ap photo|afp)(?: photo)?\W*|"
    r"comments?(?: \(\d+\))?|loading\W*|continue reading\W*)\W*$",
    re.I,
)
# Lines that are furniture only at the very top or bottom of a text (prose may quote them mid-article).
EDGE_BOILERPLATE_LINE = re.compile(
    r"^\W*(?:home|news|menu|log ?in|sign in|search|back to top|top stories|trending|"
    r"published|updated|posted|last updated).{0,40}$|"
    r"^.{0,80}\b(?:facebook|twitter|whatsapp|telegram|linkedin|instagram)\b.{0,80}$",
    re.I,
)
