"""Cleaning: the last pure step before loading, shared by every input kind.

Fixes mojibake, normalises Unicode and whitespace, drops furniture lines (share/follow/subscribe,
copyright, photo credits, advertisement markers), and rebuilds the body as paragraphs separated by one
blank line. Everything here is a pure function of its arguments.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import ftfy

from .place_names import is_place
from .rules.html_metadata import AGENCIES, NAME_PARTICLES, NON_PERSON_WORDS, ROLE_QUALIFIERS, ROLE_WORDS
from .rules.text_rules import (
    AUDIO_PLAYER_LABEL,
    BOILERPLATE_LINE,
    CALL_TO_ACTION,
    CONSENT_REFUSED_PHRASE,
    CONSENT_REFUSED_WORDS,
    COPYRIGHT_OWNER,
    DATE_TEXT,
    DATELINE_MAX_WORDS,
    EDGE_BOILERPLATE_LINE,
    EDGE_BOILERPLATE_PROSE,
    EDGE_PROSE_MAX_CHARS,
    EDGE_PROSE_WORDS,
    EDGE_SUBJECT,
    EDGE_VERB_LABEL,
    EDGE_WORD_LINE,
    LABEL_WORDS,
    LONG_BOILERPLATE_LINE,
    NAME_SPLIT,
    NAME_SUFFIX,
    NAME_TRAILER,
    NOT_A_PERSON,
    OPEN_END_WORDS,
    PLAYER_WORDS,
    RELATED_HEADING,
    RELATED_MAX_WORDS,
    RIGHTS_RESERVED,
    TAIL_BOILERPLATE_LINE,
    WRAPPED_END_CREDIT,
    WRAPPED_END_FURNITURE,
)

# UTF-8 read as Latin-1/cp1252 leaves a lead byte (Â..ô) followed by a continuation-range character.
# Only text with such a pair goes through ftfy, which costs about 0.6 ms per 3 KB otherwise.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
# Blank-line paragraph breaks, allowing spaces on the blank line.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
# Control characters, direction marks and stray byte-order marks. Not the zero-width non-joiner and
# joiner (U+200C, U+200D): Persian, Urdu and Indic spelling needs them (کتاب‌ها), and so do emoji (👨‍👩‍👧).
# Not the breaks either (LINE_BREAKS): deleted, they glued the words around them ("strikeif").
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200e\u200f\ufeff]")
# Unicode's paragraph and line separators, the vertical tab (Word's manual line break) and the form feed
# (a page break): breaks, as a blank line and a line end are. A form feed is a line end only: pdftotext
# writes one at each page's end, mid-sentence as often as not, and a page break as a paragraph break split
# "... more than in any" / "year since 2010." in two (review); blank lines still split paragraphs. With
# the line end before or after it (pdftotext's "\n\x0c"), one line end: no blank line made of the two.
LINE_BREAKS = str.maketrans({"\u2029": "\n\n", "\u2028": "\n", "\x0b": "\n", "\x0c": "\n"})
_FORM_FEED = re.compile(r"\n?\x0c\n?")


# Fewer words than this is a title, a menu or a stub, not an article, whatever the input kind (the
# shortest news briefs have 20 or more).
MIN_BODY_WORDS = 10


def has_mojibake(text: str) -> bool:
    """A pair of characters that UTF-8 read as Latin-1 or cp1252 leaves ("Ã©"): what ``fix_text`` repairs."""
    return not text.isascii() and _MOJIBAKE_HINT.search(text) is not None


def with_line_breaks(text: str) -> str:
    """The separators, vertical tabs and form feeds of ``LINE_BREAKS`` as line breaks."""
    # Four substring tests are several times faster than a character class's scan of the text.
    if "\x0c" in text:
        text = _FORM_FEED.sub("\n", text)
    if "\x0b" in text or (not text.isascii() and ("\u2028" in text or "\u2029" in text)):
        return text.translate(LINE_BREAKS)
    return text


def fix_text(text: str) -> str:
    """Repair mojibake and normalise to NFC; strip control characters, and make the separators and
    vertical tabs (``LINE_BREAKS``) line breaks."""
    # first, so that a control byte cannot hide a mojibake pair
    text = _CONTROL.sub("", with_line_breaks(text))
    if text.isascii():  # no mojibake pair without a character over U+007F, and NFC changes nothing
        return text
    # ftfy undoes one layer of mis-decoding per pass; doubly mangled text needs another.
    for _ in range(3):
        if not _MOJIBAKE_HINT.search(text):
            break
        fixed = _CONTROL.sub("", ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False))
        if fixed == text:
            break
        text = fixed
    return unicodedata.normalize("NFC", text)


# Furniture lines are short ("Share this article", a copyright line, a consent notice). Longer lines are
# tried only against the rules that take any length (LONG_BOILERPLATE_LINE, by their start): the line
# patterns' runs of \W and dots made a long odd line cost time growing with the square of its length
# ("Loading" and 32,000 dots: 16 s).
MAX_FURNITURE_CHARS = 1000


_CONSENT_PHRASE = re.compile(CONSENT_REFUSED_PHRASE, re.I)
_NON_WORD_RUN = re.compile(r"\W*")


def consent_refused(line: str) -> bool:
    """``CONSENT_REFUSED_LINE.match(line)``, in time linear in the line: the pattern's runs of non-word
    characters beside its ``.{0,200}`` were tried at every split (0.6 s for a 900-character line of "!"
    around the phrase). At most 200 characters, none a line break, between the phrase and each end's run
    of non-word characters."""
    lead = _NON_WORD_RUN.match(line)
    trail = _NON_WORD_RUN.match(line[::-1])
    assert lead is not None and trail is not None  # \W* always matches
    text_end = len(line) - trail.end()
    for m in _CONSENT_PHRASE.finditer(line):
        before = line[min(lead.end(), m.start()) : m.start()]
        after = line[m.end() : max(text_end, m.end())]
        if len(before) <= 200 and len(after) <= 200 and "\n" not in before and "\n" not in after:
            return True
    return False


_URLISH = re.compile(r"\w[./@]\w")  # "npr.org/podcasts" is no three words of prose (review)
_TOKEN_EDGES = "\"'“”‘’«»()[]{}.,;:!?…—–-·•|/"


def _prose(tail: str, words: frozenset[str] = PLAYER_WORDS) -> bool:
    """Two lower-case words that are not an audio player's (``words``): "- and then decide for yourself.".
    A capitalised word is not counted, a sentence's first either: players write "Tap to listen." (a first
    version counted it, and such labels stayed, the headline over them lost: review)."""
    count = 0
    for token in tail.split():
        word = token.strip(_TOKEN_EDGES)
        # letters only: "text-to-speech", "auto-generated", "it's" are not counted (players write them; a
        # first fix counted them, and such labels stayed: review)
        if word.isalpha() and not _URLISH.search(token):
            count += word.islower() and word.replace("’", "'") not in words
    return count >= 2


def is_boilerplate(line: str, *, edge: bool = False) -> bool:
    """True for a line that is site furniture; ``edge`` adds rules that only hold at the top or bottom."""
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped) > MAX_FURNITURE_CHARS:
        return LONG_BOILERPLATE_LINE.match(stripped) is not None
    if BOILERPLATE_LINE.match(stripped):
        return True
    # The phrase rules scan the whole line (20 us for an edge paragraph, which made cleaning three
    # times slower); a lower-cased substring test first rules out almost every line.
    low = stripped.lower()
    if CONSENT_REFUSED_WORDS in low and consent_refused(stripped):
        return True
    if not edge:
        return False
    if EDGE_BOILERPLATE_LINE.match(stripped):
        return True
    if (player := AUDIO_PLAYER_LABEL.match(stripped)) is not None and not _prose(
        player["tail"], LABEL_WORDS if player["this"] else PLAYER_WORDS
    ):
        return True
    if EDGE_WORD_LINE.match(stripped) and not edge_sentence(stripped):
        return True
    return (
        len(stripped) <= EDGE_PROSE_MAX_CHARS
        and any(word in low for word in EDGE_PROSE_WORDS)
        and EDGE_BOILERPLATE_PROSE.match(stripped) is not None
    )


# Lower-case words that make a line ending as a sentence one: four ("News of the deal spread quickly.");
# "Updated: 2 hours ago." has two, "Search for more stories." three. Three when the line's network or
# navigation word is its subject (EDGE_SUBJECT: "Twitter declined to comment.", "Home sales fell 2.1% in
# May.", which went as furniture, review); after a verb's label (EDGE_VERB_LABEL) four after it: "Log in to
# continue.", "Updated at 10:42 a.m. on Monday." are furniture (a second review).
EDGE_SENTENCE_WORDS = 4
EDGE_SUBJECT_SENTENCE_WORDS = 3


def edge_sentence(line: str) -> bool:
    """A sentence, not a line of furniture: it ends as one and has four lower-case words or more ("News of
    the deal spread quickly."), three after its subject ("News Corp declined to comment."), four after a
    verb's label ("Updated at 10:42 a.m. on Monday." is a stamp), and is no call to follow or share ("Join
    our Telegram channel for ...", "Please like us on Facebook.")."""
    if line[-1:] not in '.!?"”»' or CALL_TO_ACTION.match(line):
        return False
    verb = EDGE_VERB_LABEL.match(line)
    words = (line[verb.end() :] if verb else line).split()
    lower = sum(1 for w in words if w[:1].islower())
    if verb is None and EDGE_SUBJECT.match(line):
        return lower >= EDGE_SUBJECT_SENTENCE_WORDS
    return lower >= EDGE_SENTENCE_WORDS


def is_dateline(line: str) -> bool:
    """True for a line that is a written date and at most a few words beside it: "November 08, 2023",
    "2021-10-16 | Botschaft", "21. Jan 2022 // Dominik Ricker", "Erstellt am: 01.11.2023". Not a list item,
    and not a sentence ("The trial resumes on 3 March 2021." ends in a full stop after lower-case words)."""
    stripped = line.strip()
    if len(stripped) > 120 or stripped.startswith(("- ", "|")):
        return False
    rest = DATE_TEXT.sub(" ", stripped)
    if rest == stripped:
        return False
    words = [w for w in rest.split() if any(c.isalnum() for c in w)]
    if _dateline_words(rest, words) > DATELINE_MAX_WORDS:
        return False
    return not (stripped[-1] in ".!?" and any(w[0].islower() for w in words))


def _dateline_words(rest: str, words: list[str]) -> int:
    """Words beside a date, a Thai (Lao, Khmer, Myanmar) run counted one per four letters and marks, as
    ``word_count`` counts them: a Thai sentence after its date is one "word" between spaces, and such a
    lead or closing paragraph was dropped as a dateline (review). One per eight kept Thai datelines with
    their source ("โดย ไทยรัฐออนไลน์") but dropped short sentences ("ศาลนัดฟังคำพิพากษาวันที่ 20 ต.ค.
    2565", a third review): a sentence lost is worse than a dateline left in the body. Chinese and
    Japanese runs stay one word each: "来源：新华社" (source: Xinhua) beside a date is a dateline's."""
    if rest.isascii() or not _SOUTHEAST_ASIAN.search(rest):
        return len(words)
    return sum((len(_SOUTHEAST_ASIAN.findall(w)) + 3) // 4 or 1 for w in words)


def is_edge_furniture(paragraph: str, *, end: bool = False, alone: bool = False) -> bool:
    """True for a paragraph that is furniture when it opens (or, with ``end``, closes) the body: what
    ``is_boilerplate`` finds at an edge, a dateline, and at the end a heading left without its content.
    A dateline ``alone`` (nothing else left) is kept: that text is too short to be an article, not
    furniture around one."""
    if is_boilerplate(paragraph, edge=True) or (not alone and is_dateline(paragraph)):
        return True
    return end and TAIL_BOILERPLATE_LINE.match(paragraph.strip()) is not None


def clean_inline(text: str | None) -> str | None:
    """One-line fields (title, description): fixed, whitespace collapsed, empty becomes None."""
    if text is None:
        return None
    out = _collapse(fix_text(text))
    return out or None


def _collapse(line: str) -> str:
    """Runs of whitespace (Unicode spaces and the zero-width space too) as one space, ends stripped.

    ``str.split`` does this in C, about ten times faster per line than a regular expression.
    """
    return " ".join(line.replace("\u200b", " ").split())


def clean_body(body: str) -> str:
    """Paragraphs separated by one blank line, furniture removed; wrapped lines joined with a space."""
    text = fix_text(body.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[str] = []
    related = -1  # where the last "Related:" heading stood (it is furniture, dropped with its line)
    items = 0  # lines kept under it
    before = ""  # the line before the block's first, furniture or not
    for block in _PARAGRAPH_BREAK.split(text):
        lines = [ln for ln in map(_collapse, block.split("\n")) if ln]
        kept = _without_furniture_lines(lines, before)
        heading = len(lines) == 1 and RELATED_HEADING.match(lines[0]) is not None
        if heading:
            # A heading over other stories ("Related", "You may also like", "Most read"): where a list of
            # them would start. It was only seen when a furniture rule had dropped its line already, so
            # "You may also like" kept its list (review); a list that is no such list keeps the heading.
            related, items = len(paragraphs), 0
        if kept:
            paragraphs.append(" ".join(kept))
            items += 0 if heading else len(kept)
        if lines:
            before = lines[-1]
    # Furniture that is only furniture at the edges: trim from both ends until real text remains (by
    # index: popping the front of the list for each of thousands of furniture lines was quadratic).
    first, end = 0, _without_related_tail(paragraphs, related, items)
    while first < end and is_edge_furniture(paragraphs[first], alone=end - first == 1):
        first += 1
    while (
        first < end
        and is_edge_furniture(paragraphs[end - 1], end=True, alone=end - first == 1)
        and not (end - first > 1 and _list_item(paragraphs[end - 1], paragraphs[end - 2]))
    ):
        end -= 1
    return "\n\n".join(paragraphs[first:end])


def _without_furniture_lines(lines: list[str], before: str = "") -> list[str]:
    """The lines of a paragraph that are no furniture (``before``: the line before its first). A line that
    ends the sentence the line before it left unfinished is the text's, whatever it says: a wrapped
    "email." or "share." under "... said in an" and "... its market" was deleted as a share button
    (review), and so was "Reuters." under "... told". So is a list's "(c)" item under its "(b)" one."""
    kept: list[str] = []
    run = _Run()  # the lines kept since the last one dropped
    for n, line in enumerate(lines):
        above = lines[n - 1] if n else before
        if (
            not is_boilerplate(line)
            or (
                run.cut_prose()
                and _ends_a_sentence(line, run.lines[-1], lines[n + 1] if n + 1 < len(lines) else None)
            )
            or _list_item(line, above)
        ):
            kept.append(line)
            run.lines.append(line)
        else:
            run = _Run()
    return kept


# Wrapped prose runs on for a line's width or more (72 to 80 characters, most wrap at): a headline, a
# caption, a subhead or a label over a line of furniture is shorter ("Council approves budget after
# late-night session" / "share" / "tweet" was kept as a sentence's end, review) or written in capitals.
_WRAPPED_MIN_WORDS = 8
_WRAPPED_MIN_CHARS = 50
# The end of a sentence wrapped onto a line of its own ("email.", "share.", "Reuters."): a word or two.
_WRAPPED_END_MAX_WORDS = 2
# A list's items "(b)" and "(c)": a "(c)" line is no copyright sign under a "(b)" item, the line above
# starting with it ("(b) AP;") or ending in its clause ("... fixed; (b) a human made choices;"). A "(b)"
# anywhere above was taken for one: "... (b) to correct it and (c) to have it deleted." and "subsection (b)
# of the statute" kept the footer under them ("(c) 2024 Example Media Group. All rights reserved.", review).
_LIST_ITEM_B = re.compile(r"^\W*\(b\)\s|(?:^|\s)\(b\)\s[^()]*$", re.I)
_LIST_ITEM_C = re.compile(r"\(c\)\s", re.I)
# A list that goes on: its "(b)" item ends at a semicolon, a comma or "and"/"or" ("(b) AP;" / "(c) AFP").
_LIST_GOES_ON = re.compile(r"(?:[;,]|\s(?:and|or|und|oder|et|ou|y|o|e))$", re.I)
# What only a footer holds: a year or a "rights reserved".
_FOOTER_MARK = re.compile(rf"(?<!\d)(?:1[89]|20)\d\d(?!\d)|{RIGHTS_RESERVED}", re.I)
_OWNER_ONLY = re.compile(rf"\(c\){COPYRIGHT_OWNER}\W*$", re.I)


def _list_item(line: str, above: str) -> bool:
    """A list's "(c)" item under its "(b)" one ("(b) a human made creative choices;" / "(c) the Guardian"):
    no year or "rights reserved" in it, and an owner's name alone ("(c) AFP") only where the "(b)" item
    says the list goes on ("(b) AP;")."""
    if _LIST_ITEM_C.match(line) is None or _LIST_ITEM_B.search(above) is None or _FOOTER_MARK.search(line):
        return False
    return _OWNER_ONLY.match(line) is None or _LIST_GOES_ON.search(above) is not None


class _Run:
    """Lines of a paragraph kept one after the other: how many words and characters, how many of the
    words start with a letter and with a capital, and the last line's last character. Counted when asked
    (on a furniture line only), each line once."""

    __slots__ = ("capitals", "chars", "counted", "lettered", "lines", "words")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.counted = self.words = self.chars = self.lettered = self.capitals = 0

    def cut_prose(self) -> bool:
        """Running prose that stops mid-sentence: at a letter or a digit, or after a comma, a semicolon or
        a dash; a line's width long or more, and not written as a headline is, most words capitalised."""
        last = self.lines[-1][-1:] if self.lines else ""
        if not (last.isalnum() or (last != "" and last in ",;–—-")):
            return False
        for line in self.lines[self.counted :]:
            words = line.split()
            self.words += len(words)
            self.chars += len(line) + (1 if self.chars else 0)
            self.lettered += sum(1 for w in words if w[:1].isalpha())
            self.capitals += sum(1 for w in words if w[:1].isupper())
        self.counted = len(self.lines)
        return (self.words >= _WRAPPED_MIN_WORDS or self.chars >= _WRAPPED_MIN_CHARS) and (
            2 * self.capitals <= self.lettered
        )


def _ends_a_sentence(line: str, above: str, after: str | None) -> bool:
    """The line (a word or two) ends the sentence the line ``above`` began, ``after`` the next line: in
    lower case it ends at one full stop, before closing quotes or brackets, with a new sentence or nothing
    after it ("... its market" / "share."), or, above ending at a word no sentence stops at, it is a word the
    next line goes on from ("... said in an" / "email" / "to staff on Monday."; "share" / "tweet" is a
    stack of buttons, "... from residents" / "share" / "who said" a button mid-sentence). In capitals it
    ends at one full stop under such a word ("... according to" / "Reuters."), and is no word of furniture
    ("Advertisement.", "Share this!") nor a credit ("Photo: Reuters.", "Getty Images.", "© Reuters 2024.",
    glued to a caption above them, review)."""
    if len(line.split()) > _WRAPPED_END_MAX_WORDS:  # "subscribe to read more." is no sentence's end
        return False
    end = line.rstrip(_CLOSERS)
    full_stop = end.endswith(".") and not end.endswith("..")
    open_end = above.rsplit(None, 1)[-1].lower() in OPEN_END_WORDS
    if line[:1].islower():
        if full_stop:
            return after is None or not after[:1].islower()
        return open_end and after is not None and after[:1].islower() and not is_boilerplate(after)
    return (
        full_stop
        and open_end
        and WRAPPED_END_FURNITURE.match(line) is None
        and WRAPPED_END_CREDIT.match(line) is None
    )


def _without_related_tail(paragraphs: list[str], related: int, items: int) -> int:
    """Where the text ends when a list of other stories closes it: after the text (``related`` > 0), a
    "Related:" heading with two headlines or more (``items``: the lines kept under it), in a dozen
    paragraphs or fewer, and nothing else after it; else the whole length. A paragraph with a sentence's
    end in it ("That's all for today. See you tomorrow") or a price ("Acer Aspire 5, $549") is no headline:
    a briefing's items and a buying guide's picks under "Top stories" and "Recommended" were cut (review)."""
    tail = paragraphs[related:] if related > 0 else []
    if tail and items >= 2 and len(tail) <= 12 and all(_headline_like(p) for p in tail):
        return related
    return len(paragraphs)


# A sentence's end inside a paragraph (after a word's two lower-case letters: not "U.S. Stocks", "Mr.
# Smith"), and a price.
_SENTENCE_INSIDE = re.compile(r"[^\W\d_]{2}[.!?…][\"'”’»)\]]*\s", re.I)
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?[$€£¥₹]|\b(?:USD|EUR|GBP)\s?\d|\d\s?(?:USD|EUR|GBP)\b")


def _headline_like(paragraph: str) -> bool:
    """Short, not starting in lower case and not ended as a sentence is: a headline ("Baku hosts CIS
    meeting"), not the text's own short closing paragraph ("The talks resume on Monday.", also before a
    closing quote: "... said: “We will start in spring.”" was cut as a headline, review), nor one with a
    sentence's end or a price inside."""
    return (
        len(paragraph.split()) <= RELATED_MAX_WORDS
        and paragraph.rstrip(_CLOSERS)[-1:] not in ".!?…"
        and not paragraph[:1].islower()
        and _SENTENCE_INSIDE.search(paragraph) is None
        and _PRICE.search(paragraph) is None
    )


_CLOSERS = "\"'”’»)]"


def author_key(name: str) -> str:
    """What makes two spellings one author: case and spacing folded ("JANE  DOE" is "Jane Doe")."""
    return " ".join(name.casefold().split())


def is_mixed_case(name: str) -> bool:
    """ "Jane Doe", not "JANE DOE" or "jane doe": the spelling to keep of several."""
    return name not in (name.upper(), name.lower())


# A person's name with a trailer ("Jane Doe (Reuters)") is far shorter.
_MAX_NAME_CHARS = 200


_NAME_OF_ADDRESS = re.compile(
    r"[^\s,;()<>]+@[^\s,;()<>]+\s*\((?P<a>[^()]+)\)|(?P<b>[^,;<>()]+?)\s*<[^\s<>]+@[^\s<>]+>"
)
# A profile link where a name should be (NewsAPI's "author": "https://www.facebook.com/...").
_URLISH_NAME = re.compile(r"://|^www\.", re.I)


def split_names(text: str) -> list[str]:
    """Person names from a byline fragment: ``"A, B and C"`` -> ``["A", "B", "C"]``, brands dropped, and
    what stands after a name without being one: a role ("Senior Correspondent"), an outlet ("BBC News"),
    a one-word place beside full names ("Baku"), a suffix ("Jr." joins its name), and a place, an outlet
    or a role after a spaced dash or bar ("Jane Doe | Reuters" gave no name, "Jane Doe — Barcelona" one
    with the place in it)."""
    names: dict[str, None] = {}  # in order, each once (a list's "not in" made 16,000 names take seconds)
    last: str | None = None
    text = clean_inline(text) or ""
    if "@" in text and len(text) <= 500:  # RSS's "jane@x.org (Jane Doe)", mail's "Jane Doe <jane@x.org>"
        text = _NAME_OF_ADDRESS.sub(lambda m: m["a"] or m["b"], text)
    for part in map(_before_spaced_dash, NAME_SPLIT.split(text)):
        if len(part) > _MAX_NAME_CHARS:
            # NAME_TRAILER's scan of a long part grows with its square. A name with a long note in
            # brackets ("Jane Doe (senior correspondent who ...)") is the name before them; else no name.
            bracket = part.find("(")
            if not (0 < bracket <= _MAX_NAME_CHARS and part.rstrip().endswith(")")):
                continue
            part = part[:bracket]
        name = without_i_tail(NAME_TRAILER.sub("", part).strip(" .,;:-–—|"))
        if name.lower().startswith("by "):
            name = name[3:].strip()
        if last is not None and NAME_SUFFIX.match(name):
            del names[last]
            suffix = name.rstrip(".")
            if not last.isupper() and suffix.isupper() and suffix.upper() not in _KEPT_NUMERALS:
                suffix = suffix.title()  # "JOHN SMITH, JR." -> "John Smith Jr."
            last = f"{last} {suffix}{_suffix_stop(suffix)}"  # "Jane Doe Jr.", "John Smith III"
            names.setdefault(last)
            continue
        if name and _SUFFIX_WORD.search(name):
            name += "."  # the strip above took the full stop of "Jane Doe Jr." (review)
        if (
            name
            and name.lower() not in NOT_A_PERSON
            and not _URLISH_NAME.search(name)
            and "@" not in name  # an address or a handle is no name
            and not _not_a_name(name)
        ):
            if not _outlet_in_capitals(name):
                name = uncapitalised(name)
            names.setdefault(name)
            last = name
    found = [name for i, name in enumerate(names) if i == 0 or " " not in name or not is_place(name)]
    if any(" " in name for name in found):  # "Jane Doe, Baku": a one-word entry beside full names
        return [name for name in found if " " in name]
    return found


# "Jr" and "Sr" are abbreviations and keep their full stop; "II"-"IV" are numerals and take none.
_SUFFIX_WORD = re.compile(r"\s(?:jr|sr)$", re.I)


def _suffix_stop(suffix: str) -> str:
    return "." if suffix.lower() in ("jr", "sr") else ""


def uncapitalised(name: str) -> str:
    """ "TOM KRISHER" -> "Tom Krisher", "LUDWIG VAN BEETHOVEN" -> "Ludwig van Beethoven", "İLHAM ƏLİYEV"
    -> "İlham Əliyev": a name of two words or more written in capitals, as pages and text files write it
    (one word in capitals stays: an acronym, "AFP"). The same article as a page and as a text file named
    "Jane Doe" and "JANE DOE". ``str.title`` per word ("A.J. Perry", "Jean-Luc O'Brien"), with: a particle
    lower-cased only between two words ("JANE LE"), "E" only from the third word on (an initial: "JOHN E
    SMITH"; "MARIA DA SILVA E SOUZA"), "II"-"IV" kept, and "İ" lowered without the combining dot
    ``str.lower`` gives it ("Əli̇yev"). Turkic "I" stays "i": whether it is the dotless one cannot be told
    from capitals (a review found "ƏLIYEV" written so)."""
    if " " not in name.strip() or not name.isupper():
        return name
    words = name.split()
    out = []
    for i, word in enumerate(words):
        if i and word in _KEPT_NUMERALS:
            out.append(word)
            continue
        low = word.lower()
        if 0 < i < len(words) - 1 and (low != "e" or i > 1) and low in _LOWER_IN_CAPITALS:
            out.append(low)
            continue
        out.append(word.title().replace("i\u0307", "i"))
    return " ".join(out)


# Particles written in lower case inside a name ("van", "de la", "bin"); not "st" or "mc", which in
# capitals are as often part of a surname ("JAMES ST CLAIR", "JOHN MC CAIN").
_LOWER_IN_CAPITALS = NAME_PARTICLES - {"st", "mc"}
_KEPT_NUMERALS = frozenset({"II", "III", "IV"})
_ACRONYM = re.compile(r"^(?:[B-DF-HJ-NP-TV-XZ]{3,5}|USA|UK|EU|UAE|NASA|NATO|TODAY)$")


def _outlet_in_capitals(name: str) -> bool:
    """ "USA TODAY", "NASA JPL", "JANE DOE CNN": an outlet or an acronym in a text or JSON input's names,
    kept as written (as before names in capitals were re-cased) rather than made "Usa Today". The HTML
    reader re-cases these as it always did."""
    return name.isupper() and any(
        _ACRONYM.match(w) or w.lower() in NON_PERSON_WORDS or w.lower() in AGENCIES for w in name.split()
    )


# A spaced dash or bar and what follows it, after a name.
_AFTER_NAME = re.compile(r"\s[|·•–—-]\s(?P<rest>.*)$")


def without_i_tail(name: str) -> str:
    """ "Jan Kowalski i PAP" -> "Jan Kowalski": after "i" ("and" in Catalan, Polish, Croatian) one word
    that is an agency or an acronym of up to five letters is no second surname; a name that ends in "i"
    ("Ivan Horvat i") is cut there too. "Josep Puig i Cadafalch" and "Jordi Vila i Palau" keep both
    surnames (a place there was cut, a third review: Catalan surnames are often places)."""
    words = name.split()
    if len(words) >= 3 and words[-1] == "i":
        return " ".join(words[:-1])
    if len(words) >= 3 and words[-2] == "i":
        last = words[-1].strip(".,")
        if last.lower() in AGENCIES or (last.isupper() and 1 < len(last) <= 5):
            return " ".join(words[:-2])
    return name


def _before_spaced_dash(part: str) -> str:
    """ "Jane Doe — New York" -> "Jane Doe": after a name of two words or more, a spaced dash or bar and up
    to four words without a digit are a place, an outlet or a role ("By Friday — it was over." is prose,
    "Jane Doe | 12 October 2022" a date)."""
    m = _AFTER_NAME.search(part)
    if (
        m
        and len(part[: m.start()].split()) >= 2
        and 1 <= len(m["rest"].split()) <= 4
        and not any(ch.isdigit() for ch in m["rest"])
    ):
        return part[: m.start()]
    return part


def _not_a_name(name: str) -> bool:
    """A role, a desk or an outlet: "Senior Correspondent", "Staff Reporter", "BBC News", "Politics Desk"."""
    words = [w.lower().strip(".,") for w in name.split()]
    return all(w in ROLE_WORDS or w in ROLE_QUALIFIERS for w in words) or any(
        w in NON_PERSON_WORDS for w in words
    )


# Scripts written without spaces between words. Chinese and Japanese characters count one word each,
# as word processors count them; Thai, Lao, Khmer and Myanmar letters one word per four (their average
# word length), since telling their words apart needs a dictionary.
_IDEOGRAPHIC_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
_SOUTHEAST_ASIAN_RANGES = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_IDEOGRAPHIC = re.compile(f"[{_IDEOGRAPHIC_RANGES}]")
_SOUTHEAST_ASIAN = re.compile(f"[{_SOUTHEAST_ASIAN_RANGES}]")
UNSPACED = re.compile(f"[{_IDEOGRAPHIC_RANGES}{_SOUTHEAST_ASIAN_RANGES}]")
_LATIN_RUN = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+")  # "iPhone" inside "iPhone发布会" is a word too


def word_count(body: str) -> int:
    """Whitespace-separated words, the way ``wc -w`` and most newsrooms count them; in scripts without
    spaces, characters (see ``_IDEOGRAPHIC``), so a Japanese article is not "2 words" long."""
    return _count(body, body.split())


def _count(body: str, words: list[str]) -> int:
    if body.isascii() or not UNSPACED.search(body):  # the usual case, without a regex scan when ASCII
        return len(words)
    total = 0
    for word in words:
        ideographs = len(_IDEOGRAPHIC.findall(word))
        southeast = len(_SOUTHEAST_ASIAN.findall(word))
        if ideographs or southeast:
            total += ideographs + (southeast + 3) // 4 + len(_LATIN_RUN.findall(word))
        else:
            total += 1
    return total


def content_hash(body: str) -> str:
    """Hash of the body with case and whitespace folded, so trivially re-wrapped copies match."""
    return _hash_words(body.split())


def count_and_hash(body: str) -> tuple[int, str]:
    """``word_count`` and ``content_hash`` from one split of the body: 46 instead of 80 us for 4 KB."""
    words = body.split()
    return _count(body, words), _hash_words(words)


def _hash_words(words: list[str]) -> str:
    # Folded after joining, which equals folding first: case folding never makes or removes whitespace
    # (checked over every Unicode code point), and one call on the joined text is cheaper.
    return hashlib.sha256(" ".join(words).casefold().encode("utf-8")).hexdigest()[:32]
