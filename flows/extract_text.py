"""Extract an article from raw text: a header of ``key value`` lines, a byline, then paragraphs.

The input format is the one scrapers write (see ``seeds/articles``)::

     date 2022-10-12 12 October 2022 14:23 (UTC+04:00)

    By Vugar Khalilov

    First paragraph ...

Header keys, byline shapes and boilerplate lines are data in ``flows/rules/text_rules.py``.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
from datetime import UTC, datetime

from .clean import (
    fix_text,
    has_mojibake,
    is_boilerplate,
    is_dateline,
    split_names,
    with_line_breaks,
)
from .dates_value import date_value
from .errors import RejectInput
from .language import canonical_language
from .locales import usable_locale
from .place_names import is_place
from .records import DateValue, Extracted
from .rules.dates_names import MONTHS, WEEKDAYS
from .rules.html_metadata import NAME_PARTICLES
from .rules.text_rules import (
    BIDI_MARKS,
    BYLINE_PATTERNS,
    DATE_LABEL,
    DATE_LABEL_JOINER,
    DATE_TEXT,
    E_JOINER,
    FRONT_MATTER_KEYS,
    FRONT_MATTER_MAX_LINES,
    HEADER_KEYS,
    HEADER_LOOSE,
    HEADER_STRICT,
    MAX_BYLINE_WORDS,
    NAME_SPLIT,
    NAME_SUFFIX,
    NAME_TRAILER,
    NO_VALUE,
    OUTLET_LAST_WORDS,
    SECTION_NAMES,
    STRICT_ONLY_KEYS,
    UNKNOWN_HEADER_LINE,
)

_URLISH = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_DIGIT = re.compile(r"\d")
# The header patterns' lazy value before trailing space made a line with a long run of spaces or tabs cost
# time growing with its square (64,000 spaces: 13 s): they read at most this much of a line.
_MAX_HEADER_CHARS = 2000
# A byline names a few people: the word cap alone let one "word" of 40,000 brackets through (7 s).
_MAX_BYLINE_CHARS = 300


def _header_field(
    line: str,
    *,
    loose_ok: bool,
    first_line: bool = False,
    any_value: bool = False,
    titled: bool = True,
    sentence_ok: bool = False,
) -> tuple[str, str] | None:
    """``(field, value)`` if ``line`` is a header line, else None. ``first_line``: the file's first line,
    where ``date 2022-10-12 ...`` is the seed's header even without its indent. ``any_value``: a
    ``Key: value`` line is a header line whatever its value looks like (see ``split_header``). ``titled``:
    a space-separated title's value is held to the sentence check (``split_header`` says when it is not:
    in a first block of such lines that has no title yet); ``sentence_ok``: no value is."""
    # The patterns read the first _MAX_HEADER_CHARS characters (key, separator, the value's start); the
    # value is the rest of the whole line.
    head = line[:_MAX_HEADER_CHARS]
    m = HEADER_STRICT.match(head)
    if m is not None and m.group("key").lower() in STRICT_ONLY_KEYS:
        # "Data: 16/10/2023" (it, pt) is a date; "Data: 2023 was the hottest year on record" is an English
        # lead and "Data: Met Office HadCRUT5 (1850-2023)" a chart's credit, read as failed dates (review).
        return ("published", line[m.start("value") :].strip()) if _date_like(m.group("value")) else None
    if m is not None and any_value:
        return HEADER_KEYS[m.group("key").lower()], line[m.start("value") :].strip()
    loose_date = False
    if m is None and (loose_ok or line[:1] in (" ", "\t") or first_line):
        m = HEADER_LOOSE.match(head)
        # Space-separated values start like a value, not like the rest of a sentence ("Source close to ..."),
        # unless the line is the seed's own shape: indented, its key in lower case (" url https://...",
        # " language en", " tags military, cis"), which no sentence starts with.
        # Nor is the value a sentence ("Section 230 of the Act shields platforms ..., and the court
        # declined to narrow it.", "Publisher Penguin said on Tuesday it would ..."): a lead paragraph
        # under the header, which was read as the section or the source and lost from the body (review).
        # A description may be one, and so may a title ("Title Will the budget pass before the summer
        # recess?" un-headered its block, title, date and source lost, review) unless ``titled``.
        if (
            m is not None
            and not (line[:1] in (" ", "\t") and m.group("key").islower())
            and (
                m.group("value")[:1].islower()
                or (
                    not sentence_ok
                    and (loose_field := HEADER_KEYS[m.group("key").lower()]) != "description"
                    and (titled or loose_field != "title")
                    and _sentence(line[m.start("value") :].strip())
                )
            )
        ):
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
    if field == "language" and len(value.split()) > 2:  # "en", "en-US", "English"; not "language skills are"
        return None
    return field, value


# A header is a few dozen lines at most: a first block longer than that is not searched for a colon.
_HEADER_MAX_LINES = 64
# A sentence ends at a full stop, a "!" or a "?" (before closing quotes or brackets) and has lower-case
# words; a header's value does not.
_SENTENCE_LOWER_WORDS = 4


def _sentence(value: str) -> bool:
    return value.rstrip("\"'”’»)]")[-1:] in (".", "!", "?") and (
        sum(1 for w in value.split() if w[:1].islower()) >= _SENTENCE_LOWER_WORDS
    )


def _date_like(value: str) -> bool:
    """A value written as a date ("16/10/2023", "16 ottobre 2023", "2023-10-16T10:00") or one the date
    parser reads."""
    value = value.strip()
    if len(value) > _LABELLED_MAX_CHARS or not _DIGIT.search(value):
        return False
    return is_dateline(value) or date_value(value, "header", ref=_PROBE_REF).utc is not None


def _no_value(line: str) -> bool:
    """A header line whose value is one that tools write for nothing ("Authors: None")."""
    found = _header_field(line, loose_ok=True, any_value=True)
    return found is not None and found[1].lower() in NO_VALUE


def _strict_only(line: str) -> bool:
    """A ``key: value`` line of a key read with a date only (``STRICT_ONLY_KEYS``: "Data: ...")."""
    m = HEADER_STRICT.match(line[:_MAX_HEADER_CHARS])
    return m is not None and m.group("key").lower() in STRICT_ONLY_KEYS


def _header_block(lines: list[str], start: int) -> bool:
    """The block (the lines up to the next blank one) that starts at ``start`` is two header lines or
    more, each of them one with its value checks."""
    end = start
    while end < len(lines) and lines[end].strip():
        if _header_field(lines[end], loose_ok=True) is None:
            return False
        end += 1
    return end - start >= 2


def split_header(lines: list[str]) -> tuple[dict[str, list[str]], int]:
    """Header fields (in order of appearance) and the index of the first line after the header."""
    if any(
        line[:1] in BIDI_MARKS for line in lines if line
    ):  # a right-to-left editor's marks start its lines
        lines = [line.lstrip(BIDI_MARKS) for line in lines]
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
    # A byline with its date on the next line ("By Jane Doe" / "March 3, 2024") under the header's lines
    # is left for the byline search too (the date line ended the header's claim, review).
    bylines = [
        i
        for i, line in enumerate(first_block)
        if i and parse_byline(line) is not None and not _no_value(line)
    ]
    inner: int | None = None
    if len(first_block) >= 3 and len(bylines) == 1:
        if bylines[0] == len(first_block) - 1:
            first_block.pop()
        elif len(first_block) - bylines[0] <= _OPENING_LINES and all(
            _date_line(line) and _header_field(line, loose_ok=True, any_value=True) is None
            for line in first_block[bylines[0] + 1 :]
        ):
            del first_block[bylines[0] :]
        else:
            inner = bylines[0]
    # Lines with a key we do not know ("Рубрика: ...") in a block of two known keys or more: set aside. As
    # the first line they made the whole header body text, its date lost without an error (review).
    # A title's value written with a space only is no sentence in a block of such lines ("Title Will the
    # budget pass before the summer recess?"); where the block's other lines have a colon or a tab, or
    # the title came already, it is held to the check: "Title IX of the Education Amendments bars ..."
    # is the lead under "Title: ...".
    colons = any(HEADER_STRICT.match(line[:_MAX_HEADER_CHARS]) for line in first_block[:_HEADER_MAX_LINES])
    # A ``Data:`` line whose value is no date (a chart's credit, "Data: Met Office HadCRUT5 (1850-2023)")
    # is set aside as an unknown key is, its key counted with another known one.
    unknown: set[str] = set()
    block_is_header = len(first_block) >= 2
    known = aside = 0
    titled = colons
    prose = False
    # One line of a known key whose value reads as a sentence ("Section Will the council cut its
    # funding?") is the header's when known header lines stand under it too: one such line made the whole
    # block body text (review). As the block's last line it is the lead, where the text starts.
    sentenced: int | None = None
    above = (0, 0)  # known and set-aside lines over it
    for n, line in enumerate(first_block if block_is_header else ()):
        if n == inner:
            continue
        if (found := _header_field(line, loose_ok=True, any_value=True, titled=titled)) is not None:
            known += 1
            titled = titled or (found[0] == "title" and found[1].lower() not in NO_VALUE)
        elif _strict_only(line):
            unknown.add(line)
            aside += 1
        elif UNKNOWN_HEADER_LINE.match(line):
            unknown.add(line)
        elif sentenced is None and _header_field(line, loose_ok=True, any_value=True, sentence_ok=True):
            sentenced, above = n, (known, aside)
        else:
            # Prose: the first line that is neither ends the header, which is the lines above it when two
            # of them have known keys (the lead written under the header without a blank line: the
            # block was body text, review), their values held to their checks; else the block is no header.
            prose = True
            break
    if sentenced is not None and known == above[0]:
        # no known line under it (the lead under the header's lines): the text starts at the sentence
        sentenced, prose, (known, aside) = None, True, above
    if not block_is_header or not known or known + aside < 2:
        block_is_header, unknown = False, set()
    sentence_line = first_block[sentenced] if block_is_header and sentenced is not None else None
    inner_line = first_block[inner] if block_is_header and inner is not None else None
    in_first_block = block_is_header
    # Under the first block, ``key value`` lines separated by a space only are read in a block of header
    # lines of their own, not in any paragraph: "Section 230 of the ...", "Category 4 hurricane ...",
    # "Headline CPI rose ...", the lead under a header, were read as header lines and lost (review); so
    # were they in a first block of ``Key: value`` lines with the lead under them and no blank line.
    loose_ok = block_is_header and not (prose and colons)
    fields: dict[str, list[str]] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            if fields:
                in_first_block = False
            i += 1
            if fields and i < len(lines) and lines[i].strip():
                loose_ok = block_is_header and _header_block(lines, i)
            continue
        if in_first_block and line == inner_line:
            fields.setdefault("authors", []).extend(parse_byline(line) or [])
            i += 1
            continue
        sentence = in_first_block and line == sentence_line
        found = _header_field(
            line,
            loose_ok=loose_ok or sentence,
            first_line=not fields,
            any_value=in_first_block and not prose,
            titled=not in_first_block or colons or "title" in fields,
            sentence_ok=sentence,
        )
        if found is None and in_first_block and line in unknown:
            i += 1
            continue
        if found is None:
            break
        if found[1].lower() not in NO_VALUE:  # "Publish Date: None": a scraper's field it found nothing for
            fields.setdefault(found[0], []).append(found[1])
        i += 1
    return fields, i


def parse_byline(line: str) -> list[str] | None:
    """Author names if ``line`` is a byline, else None; ``[]`` for a byline that names no person ("By
    The Associated Press", "By Staff Reporter"): a byline all the same, not the article's first line."""
    text = " ".join(line.split())
    if "@" in text:
        text = _HANDLE.sub("", text).strip()  # "By Jane Doe | @janedoe"
    if not text or len(text) > _MAX_BYLINE_CHARS or len(text.split()) > MAX_BYLINE_WORDS:
        return None
    # "By Jane Doe — New York", "By John Roe | Reuters": ``split_names`` cuts what follows the spaced
    # dash or bar (such a line was no byline, left in the body, the article authorless).
    return _byline_names(text)


def _byline_names(text: str) -> list[str] | None:
    for pattern in BYLINE_PATTERNS:
        m = pattern.match(text)
        if m:
            names = split_names(m.group("names"))
            if names:
                # Every name must look like one, so prose ("By the end of the year ...") stays prose.
                if all(_looks_like_name(n) for n in names):
                    return names
                continue
            # No person left ("By The Associated Press", "By Staff Reporter"): a byline if what it names is
            # written as names are, else prose.
            parts = [p for p in NAME_SPLIT.split(m.group("names")) if p.strip(" .")]
            if parts and all(
                _looks_like_name(NAME_TRAILER.sub("", p).strip(" .,")) or NAME_SUFFIX.match(p.strip())
                for p in parts
            ):
                return []
    return None


def byline_and_date(line: str) -> tuple[list[str], str] | None:
    """ "By Jane Doe | 12 October 2022": the names and the date beside them."""
    # A byline and its date are short: the pattern need not scan prose. A date has a digit.
    if len(line) > _MAX_BYLINE_CHARS + 100 or not _DIGIT.search(line):
        return None
    m = _BYLINE_DATE.match(line.strip())
    if m is None or not is_dateline(m["date"]):
        return None
    names = parse_byline(m["byline"])
    return (names, m["date"].strip()) if names is not None else None


def byline_comma_date(line: str) -> tuple[list[str], str] | None:
    """ "By Jane Doe, March 3, 2022": the names and the date after a comma (the line was a dateline, its
    author lost), at the first comma the date starts at (after a label or a time of day: "Updated 3:45
    PM, March 3"). What stands between the first name and the date is an affiliation ("Staff Writer",
    "KARE 11", "The Guardian", "Washington Post and Miami Herald"), except a suffix ("Jr."): co-authors
    listed with commas alone are lost with it, where outlets became authors (review)."""
    if len(line) > _MAX_BYLINE_CHARS + 100 or not _DIGIT.search(line):
        return None
    text = line.strip()
    commas = list(itertools.islice(_COMMA.finditer(text), _COMMAS_TRIED))
    for k, comma in enumerate(commas):
        date = text[comma.end() :]
        found = DATE_TEXT.search(date)
        if found is None or not _BEFORE_DATE.match(date[: found.start()]) or not is_dateline(date):
            continue
        end = commas[0].start()
        if k and NAME_SUFFIX.match(text[commas[0].end() : commas[1].start()].strip()):
            end = commas[1].start()  # "By John Smith, Jr., March 3, 2022"
        names = parse_byline(text[:end])
        if names is None or (len(names) == 1 and names[0].lower() in _DAY_WORDS):
            return None  # no byline ("By Tuesday, March 3, 2022" is a date)
        return names, date.strip()
    return None


# A headline is a line of a few words, not a sentence: 3 to 20 words (two are as often a name, an
# outlet, a label: "Jane Doe", "BBC News", "Breaking News", "Press Release"), no full stop at its end.
_HEADLINE_WORDS = range(3, 21)
# A byline's first word, in the languages whose bylines are read ("Escrito por ...", "A cura di ..."),
# before a name's capital ("Von der Leyen warns ...", "Por qué ..." are headlines).
_BYLINE_WORD = re.compile(
    r"^(?:by\s|(?:(?:written|reported|compiled|edited|story|text|words|escrito|scritto|redigido|a cura)\s+)?"
    r"(?:by|von|par|por|door|av|af|di)\s+(?!(?:der|den|de|la|le|del|qué|que|il|the)\b)(?-i:[^\W\d_a-z]))",
    re.I,
)
# What a caption, a credit, a dateline or an advertiser's label has and a headline has not (review): a
# credit ("Photo: ...", "REUTERS/Jane Roe", "Jane Roe/dpa"), an agency in brackets ("... (Reuters)"), a
# second sentence after a full stop ("... on Tuesday. Photo ..."), a sponsor's label.
_NO_HEADLINE = re.compile(
    r"(?i:\b(?:photos?|photograph|fotos?|images?|pictures?|illustration|graphic|credits?|bild|video)\b\s*"
    r"(?:by\b|:))|(?i:^pictured\b)|[A-Za-z]/[A-Z]"
    r"|(?i:\((?:reuters|ap|afp|dpa|efe|ansa|upi|xinhua|apa|anp|pap|tass|ria)\))|[a-z]{2}[.!?]\s+[A-Z(\"“]"
    r"|^(?i:sponsored|advertisement|paid (?:content|post)|anzeige|publicidad|publicité)\b"
    # a quoted lead sentence and its speaker ("“We will not back down,” the minister said", review)
    r"|^[“\"][^”\"]+[,!?][”\"]\s+\w"
    # furniture and credits found by review over a byline: "AFP via Getty Images", "Listen to article",
    # "Presented by Acme Bank", "Editor's note: ...", "This article is more than 2 years old"
    r"|(?i:\bvia\s+(?:getty|reuters|ap|afp|\w+\s+images)\b|getty images\W*$|^courtesy of\b|\bhandout\b"
    r"|^image (?:copyright|caption|source)\b|\b(?:presented|powered|promoted) by\b|\bin partnership with\b"
    r"|\bbrought to you by\b|^listen to (?:this |the )?(?:article|story|audio|podcast)\b|^audio version"
    r"|^print this|^add to|^share (?:via|this|on)|^gift this|^read in app|^jump to|^story continues"
    r"|^continue reading|^save for later|^leave a comment|^image \d+ of \d+|^accept all|^you might also"
    r"|^please enable|^this (?:article|story|content) (?:is|was)|^editor['’]s note|^this is a developing"
    r"|^from the print|^filed under|^more from|^media contact|^embargoed|^(?:the )?associated press$"
    r"|\bstaff (?:and agencies|writer|reporter)s?\b|^reuters staff\b|^the long read$)"
)
_SPACED_BAR = re.compile(r"\s[|·•–—-]\s")
# An audio player's or a toolbar's label on a line of its own over the headline or the byline ("Listen to
# article", "Listen · 5 min", "Save", "Print"): skipped there, as the furniture rules' lines are (review: it
# ended the header, the headline, byline and date became body text). Elsewhere such a line is the cleaning's.
_HEAD_FURNITURE = re.compile(
    r"^\W*(?:listen(?:\s+to\s+(?:this\s+|the\s+)?(?:article|story))?"
    r"(?:\W+\d{1,2}(?::\d\d)?\s*(?:min(?:ute)?s?)?(?:\s+listen)?)?"
    r"|(?:share|save|print)(?:\s+(?:this\s+)?(?:article|story))?)\W*$",
    re.I,
)
# Under the header, over the text, a quote mark before the word or a sentence's stop after it makes it the
# text's ("Listen." over "Then listen again.": review); over a byline or a headline it is furniture still.
_SAID = re.compile(r"^\W*[\"'“”‘’«»„]|[.,;!?…]\W*$")
_HEAD_FURNITURE_CHARS = 60


def _head_furniture(line: str) -> bool:
    """A line of furniture at the text's top: the edge rules' ("Share this article", "Advertisement") or
    a player's or toolbar's label; not a labelled date ("Updated 3 hours ago"), which is read there."""
    stripped = line.strip()
    return bool(stripped) and (
        (len(stripped) <= _HEAD_FURNITURE_CHARS and _HEAD_FURNITURE.match(stripped) is not None)
        or (is_boilerplate(stripped, edge=True) and labelled_dates(stripped) is None)
    )


_LONG_LINE = 40  # characters
_WRAPPED_MAX = 120  # characters: text wrapped at a column has no longer line
_GOES_ON = (",", ";", ":", "-", "–", "—")
# A sentence's end for this test: a stop, maybe inside a closing quote or bracket ('... he said."'), not
# after a number ("aus dem 19." / "Jahrhundert") nor a short or dotted word ("Co.", "Sra.", "ca.", "a.m.",
# "U.S."): reviews met each as a wrapped line's end.
_FULL_STOP_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_NO_SENTENCE_END = re.compile(
    r"(?:\d|(?<![^\W\d_])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{0,3}|\w\.\w+|(?<![^\W\d_])(?i:ca|etc|bzw|vgl|usw|resp"
    r"|approx|nr|vs|[a-z]|S\.A|pp|ed|eds|inkl|sog|geb|chr|av|ej|lt|messrs|mio|mrd|tel|str|bd|jh|jhd))\.$"
)
# A line ending in such a word goes on ("The vote was held on" / "March 3, 2024": a title and a date
# were made of a wrapped sentence, review).
_OPEN_END = re.compile(
    r"(?<![^\W\d_])(?:on|in|of|the|a|an|and|or|to|by|for|with|at|from|as|that|than|but|de|la|le|les|des"
    r"|du|el|los|las|en|y|et|und|der|die|das|den|dem|im|am|zu|von|mit|für|auf)$",
    re.I,
)


def _ends_for_sure(line: str) -> bool:
    """Whether ``line`` ends a sentence beyond doubt (see ``_FULL_STOP_END``)."""
    tail = line[-40:]  # the patterns look back a few characters only
    return _FULL_STOP_END.search(tail) is not None and _NO_SENTENCE_END.search(tail) is None


def _one_paragraph_per_line(lines: list[str]) -> list[str]:
    """The text's lines with a blank line after each when it has no blank line and its lines read as
    paragraphs (trafilatura's .txt, one paragraph per line, as its JSON text is read): the byline and the
    headline were then no paragraphs of their own, and the whole text was one paragraph (review).

    Only beyond doubt, as base of the rule is joining wrapped lines: a line longer than text is wrapped
    (120 characters), every line of 40 characters or more but the last ending a sentence for sure, none
    ending in a comma, colon or dash, none going on in lower case. Short lines (a headline, a byline, a
    dateline, a list's items) need end none. Four reviews met wrapped text cut mid-sentence by looser
    tests (half or three in four of the lines ending a sentence), a short last piece ("email.") dropped
    as furniture, and a wrapped first line taken for the title with the date under it."""
    full = [i for i, line in enumerate(lines) if line.strip()]
    if len(full) < 3 or full[-1] - full[0] + 1 != len(full):
        return lines
    stripped = [lines[i].strip() for i in full]
    if not any(len(line) > _WRAPPED_MAX for line in stripped[:-1]):
        return lines
    for line, after in itertools.pairwise(stripped):
        if (
            after[:1].islower()
            or line.endswith(_GOES_ON)
            or (len(line) >= _LONG_LINE and not _ends_for_sure(line))
            or _OPEN_END.search(line[-12:]) is not None
            or _NO_SENTENCE_END.search(line[-40:]) is not None  # a short line's "... im Jahr 50 v." too
        ):
            return lines
    return [part for line in stripped for part in (line, "")]


def _headline(lines: list[str]) -> tuple[int, bool] | None:
    """The index of the text's first line and True when it is a headline: a paragraph of one line, with a byline
    or a dateline as the next paragraph ("Budget vote passes" / "By Jane Doe" / ...), or a line with the
    byline right under it ("Budget vote passes" / "By Jane Doe | March 3, 2022"); furniture lines over
    and under it are passed over. Without the header's title such a file had no title, and its byline and
    date, under the headline, were body text. The byline or dateline under it is what makes a short first
    line a headline, not a kicker or a sentence; a line in capitals only ("FOR IMMEDIATE RELEASE",
    "WASHINGTON (AP)") is a label, and over a dateline alone (no byline under it) a line written as a name
    is the byline's ("Jane Ann Doe" / "March 3, 2022"). Right over a byline, or over a dateline and a byline,
    a line that is the masthead's (an outlet, a place, a credit, a section, a note, the byline's own name:
    ``_masthead``) is no headline, and False says so: it stays the text's, and the lines under it are read."""
    # Furniture over it ("Listen to article") is skipped, as it is over the byline.
    first = next((i for i, line in enumerate(lines) if line.strip() and not _head_furniture(line)), None)
    if first is None or first + 1 >= len(lines):
        return None
    line = " ".join(lines[first].split())
    words = len([w for w in line.split() if any(c.isalnum() for c in w)])
    # A line of a word or two is no headline, but over a byline it may be a section's or an outlet's
    # ("Business", "Health & Science" / "By Jane Doe"): False then, so that the byline is read (review: it
    # was body text, and the article had no author). Only then: over a dateline alone the date is the
    # text's ("Key dates" / "March 3, 2024"), and under a kicker "By Invitation" is no byline (review).
    short = words < _HEADLINE_WORDS.start

    def masthead(names: list[str]) -> tuple[int, bool] | None:
        if not short:
            return first, not _masthead(line, names)
        persons = all(len(n.split()) > 1 and n.split()[0].lower() != "the" for n in names)
        return (first, False) if names and persons and _masthead(line, names) else None

    if (
        len(line) > _MAX_HEADER_CHARS
        or not 0 < words < _HEADLINE_WORDS.stop
        or line.rstrip("\"'”’»)]").endswith((".", ":", ",", "!"))
        or _BYLINE_WORD.match(line)
        or all(c.isupper() for c in line if c.isalpha())  # capitals only ("قمة NATO ..." is not)
        or _URLISH.match(line)
        or _NO_HEADLINE.search(line)
        or _dated(line)
        or is_boilerplate(line, edge=True)
        or is_dateline(line)
        or parse_byline(line) is not None
        or byline_and_date(line) is not None
        or byline_comma_date(line) is not None
    ):
        return None
    if lines[first + 1].strip():
        # The byline right under it, with no blank line between ("Budget vote passes" / "By Jane Doe |
        # March 3, 2022": review): the rest of the paragraph is a byline, maybe with its dates.
        byline = _byline_paragraph(lines, first + 1)
        return None if byline is None else masthead(byline)
    # Furniture between it and the byline or dateline ("Share this article") is skipped there too.
    under = next(
        (i for i in range(first + 1, len(lines)) if lines[i].strip() and not _head_furniture(lines[i])), None
    )
    if under is None:
        return None
    end = under
    while end < len(lines) and lines[end].strip() and end - under <= _OPENING_LINES:
        end += 1
    if end - under > 1:
        # A byline with its date under it ("By Jane Doe" / "March 3, 2024"), or labelled dates; any other
        # paragraph longer than a line is text, not a byline or a dateline.
        openings = _openings(lines[under:end], bylined=False)
        if openings is None:
            return None
        if any(r.names is not None for r in openings):
            return masthead([n for r in openings for n in r.names or ()])
        dated_below = True
    else:
        byline = parse_byline(lines[under])
        if byline is None:
            dated = byline_and_date(lines[under]) or byline_comma_date(lines[under])
            byline = None if dated is None else dated[0]
        if byline is not None:
            # A blank line between them changes nothing: "The Washington Post" / "" / "By Jane Doe" is
            # the masthead's (review: it was the title, as it was before the masthead rule too).
            return masthead(byline)
        dated_below = _date_line(lines[under])
    if not dated_below:
        return None
    # A byline under the dateline ("Senate Passes Budget Bill" / date / "By Jane Doe", review) names the
    # authors: the line over them is the headline, title case or not, unless it is the masthead's.
    below = next(
        (i for i in range(end, len(lines)) if lines[i].strip() and not _head_furniture(lines[i])), None
    )
    if below is not None and (byline := _byline_paragraph(lines, below)) is not None:
        return masthead(byline)
    # Over a dateline alone, a line of capitalised words is as often a byline without its "By" ("Jane Doe",
    # "María José García López", "Ursula von der Leyen", "Jane Doe and John Roe"): a headline there has a
    # word in lower case, and does not read as names.
    head = _SPACED_BAR.split(line)[0]
    names = any(c.isupper() for c in head) and bool(parse_byline(f"By {head}"))  # a script without case: text
    return (first, True) if _lower_case_word(head) and not names and not short else None


def _byline_paragraph(lines: list[str], start: int) -> list[str] | None:
    """The names of the byline when the paragraph from ``start`` on is one, with its dates under or beside
    it, if any (a few lines at most, each read as an opening line); None when it is none."""
    end = start
    while end < len(lines) and lines[end].strip() and end - start <= _OPENING_LINES:
        end += 1
    if end - start > _OPENING_LINES:
        return None
    openings = _openings(lines[start:end], bylined=False)
    if openings is None or all(r.names is None for r in openings):
        return None
    return [name for r in openings for name in r.names or ()]


# Lines over a byline that are no headline (review): a note ("This story has been updated") and a credit
# ("Staff and wire reports", "Associated Press Sports Writer").
_MASTHEAD_NOTE = re.compile(
    r"^this (?:article|story|report|post|page|piece) (?:has|had) been (?:updated|corrected|amended|revised"
    r"|edited|changed)\b"
    r"|^(?:from )?staff and (?:wire|agency|news)\b|\b(?:wire|news|staff) (?:reports?|services?)$",
    re.I,
)
_CREDIT_WORDS = frozenset({"writer", "reporter", "correspondent", "columnist", "contributor", "editor"})
# What stands before a credit's last word ("Sports Writer", "Staff Reporter"); "New Editor" is a headline's.
_CREDIT_QUALIFIERS = frozenset(
    {
        "sports", "staff", "senior", "special", "political", "business", "chief", "foreign", "science",
        "health", "national", "contributing", "associate", "managing", "executive", "investigative",
        "economics", "technology", "legal", "court", "city", "metro", "features", "entertainment",
    }
)  # fmt: skip
# What stands before an outlet's last word in a name of four words ("South China Morning Post").
_OUTLET_QUALIFIERS = frozenset({"morning", "evening", "sunday", "daily", "weekly", "financial", "street"})
# Lower-case words that names of outlets, sections and places hold ("Health and Science", "The Times of
# India"), besides name particles: no sign of a headline.
_TITLE_JOINERS = frozenset({"and", "&", "of", "the", "for", "on", "in", "at"})


def _masthead(line: str, names: list[str]) -> bool:
    """A line right over a byline (or over a dateline and a byline) that is the masthead's, no headline
    (review: "The Washington Post", "New Delhi, India", "Jane Ann Doe" over "By Jane Ann Doe" were titles):
    a note or a credit ("This story has been updated", "Staff and wire reports", "Associated Press Sports
    Writer"), the byline's own name with a word at most beside it ("Columnist Jane Doe"), places ("New
    Delhi, India"), an outlet's name ("The Boston Globe", "Los Angeles Times", "South China Morning Post")
    or a section's ("Health and Science", "Business"), in capitalised words only. Title-case
    headlines stay ones: "Leaders Meet in Paris", "The Fed Holds Steady", "Biden, Xi Meet", "Amazon Buys
    Washington Post", "Paper Hires New Editor" (a first version of this took them for mastheads: review)."""
    if _MASTHEAD_NOTE.search(line):
        return True
    for name in names:
        if len(name.split()) > 1:
            rest = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", line, flags=re.I)
            if rest != line and len(rest.split()) <= 1:
                return True  # "Jane Ann Doe", "Jane Doe Reports" over "By Jane Ann Doe"
    words = line.split()
    if not any(c.isupper() for c in line) or any(
        w[:1].islower() and w not in NAME_PARTICLES and w not in _TITLE_JOINERS for w in words
    ):
        return False  # a word in lower case (or a script without case): a headline's
    if all(is_place(part.strip()) for part in line.split(",")):
        return True
    bare = [w.strip("\"'“”‘’«»()[],:;").lower() for w in words]
    if bare[-1] in OUTLET_LAST_WORDS and (
        bare[0] == "the" or len(words) <= 3 or (len(bare) > 1 and bare[-2] in _OUTLET_QUALIFIERS)
    ):
        return True
    if bare[-1].removesuffix("s") in _CREDIT_WORDS and len(bare) > 1 and bare[-2] in _CREDIT_QUALIFIERS:
        return True
    # A section's name ("Health and Science"); "Storm of the Century" and "Money and Politics" are
    # headlines (review).
    return " ".join(w.lower().replace("&", "and") for w in words) in SECTION_NAMES


def _dated(line: str) -> bool:
    """A date in the line ("Last modified on Thu 3 Mar 2022 14.30 GMT", "Washington, March 3 (Reuters)",
    "Москва, 3 марта"): a dateline's or a caption's, which headlines rarely hold."""
    if not _DIGIT.search(line):
        return False
    return DATE_TEXT.search(line) is not None or any(
        w.strip(".,:;()").lower() in _DAY_WORDS for w in line.split()
    )


def _lower_case_word(line: str) -> bool:
    """A word in lower case that is no name particle ("Budget vote passes"); also true for a script
    without case (Arabic, Hindi headlines), where names cannot be told by their capitals."""
    if not any(c.isupper() for c in line):
        return True
    return any(w[:1].islower() and w not in NAME_PARTICLES for w in line.split())


def _looks_like_name(name: str) -> bool:
    # A capital, or a letter of a script without case ("By राहुल शर्मा", "By 王小明"): prose is told from
    # a name by its lower-case words, which those scripts do not have.
    words = name.split()
    if " e " in name and E_JOINER.search(name):
        return False  # two people ("João Silva e Maria Santos"), not split here
    return 1 <= len(words) <= 5 and all(
        (w[:1].isalpha() and not w[:1].islower()) or w.lower() in _PARTICLES for w in words
    )


# The particles names hold (also those ``uncapitalised`` writes in lower case: "MARIA DA SILVA E SOUZA"),
# and a few more that bylines have ("Amal bint Ahmed", "Yusuf ben Ali").
_PARTICLES = NAME_PARTICLES | {"bint", "ben", "abu", "te"}
_CREDIT_AT_END = re.compile(r"^\s*\(?\s*(?:additional\s+)?reporting\s+by\s", re.I)
_HANDLE = re.compile(r"\s*[|·•]?\s*(?<!\S)@\w+")
_COMMA = re.compile(r",\s*")
# What may stand between a comma and the date it starts: a label, a time of day and its zone.
_BEFORE_DATE = re.compile(
    r"^\s*(?:(?:published|updated|last\s+updated|posted|modified|edited|on|at)\b\s*:?\s*)*"
    r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s*m\.?)?(?:\s+(?-i:[A-Z]{2,5})|\s+uhr)?\s*,?\s*)?$",
    re.I,
)
_UPDATE_LABEL = re.compile(r"^\s*(?:last\s+)?(?:updated|modified|edited)\b", re.I)
_DAY_WORDS = frozenset(
    w for table in (*WEEKDAYS.values(), *(tuple(m) for m in MONTHS.values())) for w in table if " " not in w
)
_COMMAS_TRIED = 4  # "By Jane Doe, Staff Writer, Reuters, March 3, 2022" at most; each try reads the rest
# A bar, a dot, a dash, or a hyphen with spaces around it ("By Jane Doe - 12 October 2022"; unspaced it joins
# names, "Jean-Luc Roe", and dates, "2022-10-12").
_BYLINE_DATE = re.compile(
    r"^(?P<byline>(?:(?!\s-\s)[^|·•–—])+?)\s*(?:[|·•–—]|\s-\s)\s*"
    r"(?P<date>(?:(?!\s-\s)[^|·•–—])*\d(?:(?!\s-\s)[^|·•–—])*)$"
)


class _Opening:
    """What a line at the text's top says: names (a byline), dates, or both."""

    __slots__ = ("comma_date", "dateline", "labelled", "modified", "names", "published")

    def __init__(
        self,
        *,
        names: list[str] | None = None,
        published: str | None = None,
        modified: str | None = None,
        comma_date: str | None = None,
        dateline: str | None = None,
        labelled: bool = False,
    ) -> None:
        self.names = names
        self.published = published if published is not None else dateline
        self.modified = modified
        self.comma_date = comma_date  # "By Jane Doe, March 3, 2022": the date when no dateline comes
        self.dateline = dateline  # a line that is a date alone
        self.labelled = labelled  # "Published ...", "Updated: ..."

    @property
    def dated(self) -> bool:
        return self.published is not None or self.modified is not None or self.comma_date is not None


# A byline and its dates written one under the other: at most this many lines.
_OPENING_LINES = 3


def _opening_line(line: str, *, bylined: bool) -> _Opening | None:
    """A labelled date, a byline (with the date beside it, if any; not once the text has one), a dateline,
    or None for text."""
    if (labelled := labelled_dates(line)) is not None:
        published = next((text for field, text in labelled if field == "published"), None)
        modified = next((text for field, text in labelled if field == "modified"), None)
        return _Opening(published=published, modified=modified, labelled=True)
    if not bylined:
        names = parse_byline(line)
        if names is None and (beside := byline_and_date(line)) is not None:
            # "By Jane Doe | Updated March 3, 2024": the modification date, as after a comma
            if _UPDATE_LABEL.match(beside[1]):
                return _Opening(names=beside[0], modified=beside[1])
            return _Opening(names=beside[0], published=beside[1])
        if (after_comma := byline_comma_date(line)) is not None:
            # The names as the line reads as a byline by itself ("By Jane Doe, John Roe, 03/03/2022" keeps
            # both), else as read before the date; "Updated ..." is the modification date.
            names = names if names is not None else after_comma[0]
            if _UPDATE_LABEL.match(after_comma[1]):
                return _Opening(names=names, modified=after_comma[1])
            return _Opening(names=names, comma_date=after_comma[1])
        if names is not None:
            return _Opening(names=names)
    if is_dateline(line):
        return _Opening(dateline=line.strip())
    return None


def _openings(lines: list[str], *, bylined: bool) -> list[_Opening] | None:
    """What a paragraph at the text's top says, line by line; None for text. A paragraph of several lines
    is a byline with its dates under or over it, or labelled dates alone."""
    openings: list[_Opening] = []
    for line in lines:
        if (read := _opening_line(line, bylined=bylined)) is None:
            return None
        openings.append(read)
    if len(openings) > 1 and not (
        all(r.labelled for r in openings)
        or (
            sum(r.names is not None for r in openings) == 1
            and all(r.names is not None or r.dated for r in openings)
        )
    ):
        return None
    return openings


# A labelled date's line is short; the labels tried in it are few ("Published ... | Updated ...").
_LABELLED_MAX_CHARS = 160
_LABELS_TRIED = 4
_LABEL_SEPARATORS = " |/·•,;–—-"
# Relative dates ("Posted 3 hours ago") are told from other words by parsing them against any time.
_PROBE_REF = datetime(2000, 1, 1, tzinfo=UTC)
_PROBE_WORDS = 5


def labelled_dates(line: str) -> list[tuple[str, str]] | None:
    """ "Published 5 March 2024, 14:30 GMT" -> ``[("published", line)]``; "Published: 5 March 2024 |
    Updated: 6 March 2024" -> the publication's part and the modification's; None unless the line is
    labelled dates alone (a label at its start, each followed by a date)."""
    if len(line) > 4 * _LABELLED_MAX_CHARS:
        return None
    text = " ".join(line.split())
    if len(text) > _LABELLED_MAX_CHARS or not _DIGIT.search(text):
        return None
    labels = list(itertools.islice(DATE_LABEL.finditer(text), _LABELS_TRIED))
    if not labels or any(c.isalnum() for c in text[: labels[0].start()]):
        return None
    # A later label starts a part of its own when a date follows it; else it is the part's ("Published Oct
    # 11, 2022 Updated 10:33 AM ET": the update's time is the date parser's to read).
    starts = [labels[0]]
    for k, m in enumerate(labels[1:], 1):
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        if _label_value_is_date(text[m.end() : stop]):
            starts.append(m)
    parts: list[tuple[str, str]] = []
    for k, m in enumerate(starts):
        stop = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        if not _label_value_is_date(text[m.end() : stop]):
            return None
        field = "modified" if m["update"] else "published"
        parts.append((field, text[m.start() : stop].rstrip(_LABEL_SEPARATORS)))
    return parts


def _label_value_is_date(value: str) -> bool:
    value = DATE_LABEL_JOINER.sub("", value, count=1).rstrip(_LABEL_SEPARATORS)
    if not _DIGIT.search(value) or value[:3].lower() == "by ":
        return False
    if is_dateline(value):
        return True
    return len(value.split()) <= _PROBE_WORDS and date_value(value, "header", ref=_PROBE_REF).utc is not None


def _date_line(line: str) -> bool:
    """A dateline or a labelled date."""
    return is_dateline(line) or labelled_dates(line) is not None


# A front matter's line: a key, a colon, and its value (maybe quoted) after a space.
_FRONT_MATTER_LINE = re.compile(r"^(?P<key>[A-Za-z][\w-]{0,30}):(?:\s(?P<value>.*))?$")


def _front_matter(lines: list[str]) -> tuple[dict[str, list[str]], list[str]] | None:
    """Front matter between ``---`` lines ("title: ...", "author: ...", "date: ...", "url: ...") and the text
    under it, as trafilatura writes its text output with metadata (review: it was all body text). Its text
    holds a paragraph a line; a first line that repeats the title is the title's."""
    if not lines or lines[0].strip() != "---":
        return None
    end = next(
        (n for n in range(1, min(len(lines), FRONT_MATTER_MAX_LINES + 2)) if lines[n].strip() == "---"), None
    )
    if end is None or end < 2:
        return None
    fields: dict[str, list[str]] = {}
    for line in lines[1:end]:
        m = _FRONT_MATTER_LINE.match(line)
        if m is None:
            return None  # no front matter of key: value lines
        key, value = m["key"].lower(), (m["value"] or "").strip()
        field = FRONT_MATTER_KEYS.get(key, HEADER_KEYS.get(key.replace("_", " "), HEADER_KEYS.get(key, "")))
        if (items := _flow_list(value)) is not None:
            # "tags: [budget, council]" gave the tags "[budget" and "council]" (review): a list of names or
            # tags as JSON prints it, which the header's reader takes apart; elsewhere its first item.
            if field in ("authors", "tags"):
                value = json.dumps(items, ensure_ascii=False) if items else ""
            else:
                value = items[0] if items else ""
        elif len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].strip()
        if field and value and value.lower() not in NO_VALUE and (field != "url" or _URLISH.match(value)):
            fields.setdefault(field, []).append(value)
    rest = lines[end + 1 :]
    first = next((n for n, line in enumerate(rest) if line.strip()), None)
    if first is not None and fields.get("title") and rest[first].split() == fields["title"][0].split():
        rest = rest[first + 1 :]
    filled = [n for n, line in enumerate(rest) if line.strip()]
    if filled and filled[-1] - filled[0] + 1 == len(filled):  # one paragraph a line, as extractors write text
        rest = [part for n in filled for part in (rest[n], "")]
    if "source" not in fields and "hostname" in fields:
        fields["source"] = fields["hostname"]  # the site's name, else its host name
    fields.pop("hostname", None)
    return fields, rest


# An item of a YAML flow list: quoted in double quotes (with backslash escapes) or single ones (a quote
# doubled), or bare up to the next comma.
_FLOW_ITEM = re.compile(
    r"""\s*(?:"(?P<dq>(?:[^"\\]|\\.)*)"\s*|'(?P<sq>(?:[^']|'')*)'\s*|(?P<bare>(?:[^,"'\[\]{}\s][^,"'\[\]{}]*)?))"""
    r"(?:,|$)"
)


def _flow_list(value: str) -> list[str] | None:
    """The items of a YAML flow list ("[budget, council]", '[budget, "city council"]'), or None when
    ``value`` is none."""
    if not (2 <= len(value) <= _MAX_HEADER_CHARS and value[0] == "[" and value[-1] == "]"):
        return None
    inner, at = value[1:-1].strip(), 0
    items: list[str] = []
    while at < len(inner):
        m = _FLOW_ITEM.match(inner, at)
        if m is None or m.end() == at:
            return None  # a nested list or a map, a stray quote: no list of strings
        if m["dq"] is not None:
            try:
                item = json.loads(f'"{m["dq"]}"')
            except ValueError:
                return None
        else:
            item = m["sq"].replace("''", "'") if m["sq"] is not None else m["bare"]
        items.append(item.strip())
        at = m.end()
    return [item for item in items if item]


def _listed(value: str) -> list[str] | None:
    """The strings of a list as Python or JSON prints it ("['Giulia Rossi', 'Marco Ferri']", '["politics",
    "budget"]'), or None when ``value`` is no such list: what a scraper that wrote newspaper3k's or
    news-please's fields as they are leaves (review: the brackets and quotes became part of the names)."""
    if not (
        len(value) <= _MAX_HEADER_CHARS
        and value.startswith("[")
        and value.endswith("]")
        and value[1:].lstrip()[:1] in ("'", '"', "]")
    ):
        return None
    try:
        items = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        return None
    return [item.strip() for item in items if item.strip()]


def extract_text(
    text: str,
    *,
    locale: str | None = None,
    tz: str | None = None,
    ref: datetime | None = None,
) -> Extracted:
    """Split a raw text article into header fields, authors and body; dates go through the date parser."""
    text = with_line_breaks(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    if has_mojibake(text):
        # UTF-8 read as cp1252: repaired before the header is read, or "Date: 3 fÃ©vrier 2024" was no
        # date while the title and body, repaired later, read well (review).
        text = fix_text(text)
    lines = text.split("\n")
    if (front := _front_matter(lines)) is not None:
        fields, rest = front
    else:
        fields, start = split_header(lines)
        rest = lines[start:]
    rest = _one_paragraph_per_line(rest)

    authors: list[str] = []
    for value in fields.get("authors", []):
        listed = _listed(value)
        authors.extend(split_names(value) if listed is None else [n for v in listed for n in split_names(v)])

    # A masthead's line over the byline (an outlet, a place) is no title: it stays the text's first line,
    # put back once the byline and the date under it are read.
    kept: list[str] = []
    if "title" not in fields and (headline := _headline(rest)) is not None:
        at, titled = headline
        if titled:
            fields["title"] = [rest[at].strip()]
        else:
            kept = [rest[at], ""]
        rest = rest[at + 1 :]

    # The byline and a dateline ("12 October 2022 14:23 (UTC+04:00)" with no key) open the text, in either
    # order, each a paragraph of its own or one under the other ("By Jane Doe" / "March 3, 2024": the
    # date line made the pair a dateline, dropped, the author lost, review); a dateline is the publication
    # date when the header gave none. A labelled date ("Published ...", "Updated: ...", which the furniture
    # rules drop at the text's top) is read among them, also once both are found.
    bylined = False
    dateline: str | None = None
    comma_date: str | None = None  # "By Jane Doe, March 3, 2022": used when no dateline comes
    read_to = i = 0  # the text starts at read_to (by index: cutting the list per line was quadratic)
    while True:
        have_date = dateline is not None or "published" in fields
        done = bylined and have_date  # only labelled dates now, which are short lines
        while i < len(rest) and (
            not rest[i].strip()
            or (not (done and len(rest[i]) > _LABELLED_MAX_CHARS) and _head_furniture(rest[i]))
        ):
            i += 1
        end = i
        while end < len(rest) and rest[end].strip() and end - i <= _OPENING_LINES:
            end += 1
        if i >= len(rest) or end - i > _OPENING_LINES or (done and len(rest[i]) > _LABELLED_MAX_CHARS):
            break  # nothing left, or a paragraph of text: the text has begun
        openings = _openings(rest[i:end], bylined=bylined)
        if openings is None or (done and not all(r.labelled for r in openings)):
            break
        if len(openings) == 1 and openings[0].dateline is not None and have_date:
            break  # a second dateline: left to the body's furniture rules, as before
        for r in openings:
            if r.names is not None:
                authors = list(dict.fromkeys([*authors, *r.names]))
                bylined = True
            if r.modified is not None:
                fields.setdefault("modified", [r.modified])
            if r.published is not None and dateline is None and "published" not in fields:
                dateline = r.published
            if r.comma_date is not None:
                comma_date = comma_date or r.comma_date
        read_to = i = end
    if fields or authors:
        # A player's or toolbar's label under the header, over the text ("Listen to article"), which the
        # cleaning's furniture rules do not drop: the header's, not the text's first paragraph.
        while read_to < len(rest) and (
            not rest[read_to].strip()
            or (
                len(rest[read_to]) <= _HEAD_FURNITURE_CHARS
                and _HEAD_FURNITURE.match(rest[read_to].strip()) is not None
                and _SAID.search(rest[read_to].strip()) is None
            )
        ):
            read_to += 1
    rest = kept + rest[read_to:]
    if dateline is None and "published" not in fields:
        dateline = comma_date
    if dateline is not None:
        fields["published"] = [dateline]
    # Reuters' closing credit, "(Reporting by Jane Doe; Editing by John Roe)": its reporters, not text.
    j = len(rest) - 1
    while j >= 0 and not rest[j].strip():
        j -= 1
    if j > 0 and not rest[j - 1].strip() and _CREDIT_AT_END.match(rest[j]):
        names = parse_byline(rest[j])
        if names is not None:
            authors = authors or names
            rest = rest[:j]

    body = "\n".join(rest).strip()
    if not body:
        said = "a header but " if fields or authors else ""
        raise RejectInput("extract", "no_body", f"the text has {said}no article paragraphs")

    def first(key: str) -> str | None:
        values = fields.get(key)
        return values[0] if values else None

    # The article's own "Language:" decides day/month order and month words when the source set none.
    locale = locale or usable_locale(canonical_language(first("language")))

    def dated(key: str) -> DateValue:
        """The first of the key's values that parses ("Date: Tuesday" above "Date: 2022-10-12"), else the
        first one with its error."""
        texts: list[str | None] = [*fields.get(key, [])] or [None]
        values = [date_value(t, "header", locale=locale, tz=tz, ref=ref) for t in texts]
        return next((v for v in values if v.utc is not None), values[0])

    tags_text = first("tags")
    if tags_text is not None and (listed_tags := _listed(tags_text)) is not None:
        tags_text = ", ".join(listed_tags)
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
