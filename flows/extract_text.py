"""Extract an article from raw text: a header of ``key value`` lines, a byline, then paragraphs.

The input format is the one scrapers write (see ``seeds/articles``)::

     date 2022-10-12 12 October 2022 14:23 (UTC+04:00)

    By Vugar Khalilov

    First paragraph ...

Header keys, byline shapes and boilerplate lines are data in ``flows/rules/text_rules.py``.
"""

from __future__ import annotations

import re
from datetime import datetime

from .clean import is_boilerplate, split_names
from .dates_value import date_value
from .errors import RejectInput
from .locales import usable_locale
from .records import DateValue, Extracted
from .rules.text_rules import (
    BYLINE_PATTERNS,
    HEADER_KEYS,
    HEADER_LOOSE,
    HEADER_STRICT,
    MAX_BYLINE_WORDS,
)

_URLISH = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_DIGIT = re.compile(r"\d")
# The header patterns' lazy value before trailing space made a line with a long run of spaces or tabs cost
# time growing with its square (64,000 spaces: 13 s): they read at most this much of a line.
_MAX_HEADER_CHARS = 2000
# A byline names a few people: the word cap alone let one "word" of 40,000 brackets through (7 s).
_MAX_BYLINE_CHARS = 300


def _header_field(
    line: str, *, loose_ok: bool, first_line: bool = False, any_value: bool = False
) -> tuple[str, str] | None:
    """``(field, value)`` if ``line`` is a header line, else None. ``first_line``: the file's first line,
    where ``date 2022-10-12 ...`` is the seed's header even without its indent. ``any_value``: a
    ``Key: value`` line is a header line whatever its value looks like (see ``split_header``)."""
    # The patterns read the first _MAX_HEADER_CHARS characters (key, separator, the value's start); the
    # value is the rest of the whole line.
    head = line[:_MAX_HEADER_CHARS]
    m = HEADER_STRICT.match(head)
    if m is not None and any_value:
        return HEADER_KEYS[m.group("key").lower()], line[m.start("value") :].strip()
    loose_date = False
    if m is None and (loose_ok or line[:1] in (" ", "\t") or first_line):
        m = HEADER_LOOSE.match(head)
        # Space-separated values start like a value, not like the rest of a sentence ("Source close to ...").
        if m is not None and m.group("value")[:1].islower():
            return None
        loose_date = not loose_ok and line[:1] not in (" ", "\t")
    if m is None:
        return None
    field = HEADER_KEYS[m.group("key").lower()]
    if loose_date and not (field in ("published", "modified") and m.group("value")[:1].isdigit()):
        return None  # unindented on the first line, only a date header is clear enough
    value = line[m.start("value") :].strip()
    # Values must look like what the key promises, so prose such as "Date palms grow ..." stays prose.
    if field in ("published", "modified") and not _DIGIT.search(value):
        return None
    if field == "url" and not _URLISH.match(value):
        return None
    return field, value


def split_header(lines: list[str]) -> tuple[dict[str, list[str]], int]:
    """Header fields (in order of appearance) and the index of the first line after the header."""
    first_block: list[str] = []
    for line in lines:
        if line.strip():
            first_block.append(line)
        elif first_block:
            break
    # Space-separated ``key value`` lines count only in a block of several such lines (or indented, as in
    # the seed), since a single prose line can start with a header word.
    # A first block of header lines is the header whatever its ``Key: value`` lines' values say: "Date:
    # yesterday" or "URL: example.org/a" ended it, and it and every header line after it went into the
    # body (with no date error). Value checks still hold outside it, where a paragraph may open with
    # "Updated: ...".
    # A byline among the header's lines, with no blank line around it, belongs to neither: it ended the
    # block's claim, and "Date: unknown" went into the body with the byline and the date error was lost.
    # Under the header it is left for the byline search; inside it, its names join the header's authors.
    bylines = [i for i, line in enumerate(first_block) if i and parse_byline(line) is not None]
    inner: int | None = None
    if len(first_block) >= 3 and len(bylines) == 1:
        if bylines[0] == len(first_block) - 1:
            first_block.pop()
        else:
            inner = bylines[0]
    block_is_header = len(first_block) >= 2 and all(
        _header_field(line, loose_ok=True, any_value=True) is not None
        for i, line in enumerate(first_block)
        if i != inner
    )
    inner_line = first_block[inner] if block_is_header and inner is not None else None
    in_first_block = block_is_header
    fields: dict[str, list[str]] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            if fields:
                in_first_block = False
            i += 1
            continue
        if in_first_block and line == inner_line:
            fields.setdefault("authors", []).extend(parse_byline(line) or [])
            i += 1
            continue
        found = _header_field(line, loose_ok=block_is_header, first_line=not fields, any_value=in_first_block)
        if found is None:
            break
        fields.setdefault(found[0], []).append(found[1])
        i += 1
    return fields, i


def parse_byline(line: str) -> list[str] | None:
    """Author names if ``line`` is a byline, else None."""
    text = " ".join(line.split())
    if not text or len(text) > _MAX_BYLINE_CHARS or len(text.split()) > MAX_BYLINE_WORDS:
        return None
    for pattern in BYLINE_PATTERNS:
        m = pattern.match(text)
        if m:
            names = split_names(m.group("names"))
            # Every part must look like a name, so prose ("By the end of the year ...") stays prose.
            if names and all(_looks_like_name(n) for n in names):
                return names
    return None


def _looks_like_name(name: str) -> bool:
    # A capital, or a letter of a script without case ("By राहुल शर्मा", "By 王小明"): prose is told from
    # a name by its lower-case words, which those scripts do not have.
    words = name.split()
    return 1 <= len(words) <= 5 and all(
        (w[:1].isalpha() and not w[:1].islower()) or w.lower() in _PARTICLES for w in words
    )


_PARTICLES = frozenset(
    {"de", "da", "van", "von", "der", "den", "del", "la", "le", "bin", "al", "el", "di", "du"}
)


def extract_text(
    text: str,
    *,
    locale: str | None = None,
    tz: str | None = None,
    ref: datetime | None = None,
) -> Extracted:
    """Split a raw text article into header fields, authors and body; dates go through the date parser."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    fields, start = split_header(lines)
    rest = lines[start:]

    authors: list[str] = []
    for value in fields.get("authors", []):
        authors.extend(split_names(value))

    # The byline is the first non-furniture line after the header, standing alone as a paragraph.
    i = 0
    while i < len(rest) and (not rest[i].strip() or is_boilerplate(rest[i], edge=True)):
        i += 1
    if i < len(rest):
        alone = i + 1 >= len(rest) or not rest[i + 1].strip()
        names = parse_byline(rest[i]) if alone else None
        if names:
            authors = list(dict.fromkeys([*authors, *names]))
            rest = rest[i + 1 :]

    body = "\n".join(rest).strip()
    if not body:
        raise RejectInput("extract", "no_body", "the text has a header but no article paragraphs")

    def first(key: str) -> str | None:
        values = fields.get(key)
        return values[0] if values else None

    # The article's own "Language:" decides day/month order and month words when the source set none.
    locale = locale or usable_locale(first("language"))

    def dated(key: str) -> DateValue:
        """The first of the key's values that parses ("Date: Tuesday" above "Date: 2022-10-12"), else the
        first one with its error."""
        texts: list[str | None] = [*fields.get(key, [])] or [None]
        values = [date_value(t, "header", locale=locale, tz=tz, ref=ref) for t in texts]
        return next((v for v in values if v.utc is not None), values[0])

    tags_text = first("tags")
    return Extracted(
        body=body,
        title=first("title"),
        authors=authors,
        published=dated("published"),
        modified=dated("modified"),
        url=first("url"),
        language=first("language"),
        source=first("source"),
        section=first("section"),
        tags=[t.strip() for t in re.split(r"[,;]", tags_text) if t.strip()] if tags_text else [],
        description=first("description"),
    )
