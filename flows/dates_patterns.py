"""The date parser's compiled patterns and month tables, built once from ``flows/rules/dates_*.py``.

Word lists become tries (``alt``); patterns that depend on the source's language are built per language
and cached.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from zoneinfo import available_timezones

from flows.rules import dates_formats as formats
from flows.rules import dates_names as names
from flows.rules import dates_zones as zones


def alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, as a trie: Python's re tries plain alternatives one by one,
    which made the month patterns the slowest part of the parser; a trie tests each character once."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    return build(trie)


@lru_cache(maxsize=1)
def combining_marks() -> str:
    """The Basic Multilingual Plane's combining marks as a character-class body. Vowel signs and viramas
    (Devanagari, Bengali, Tamil...), Arabic harakat and Thai vowels are no \\w: without them a word
    pattern splits "ऑक्टोबर" at every mark and finds no word at all."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x0300, 0x10000):
        if unicodedata.category(chr(cp)).startswith("M"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


@lru_cache(maxsize=1)
def word_edges() -> tuple[str, str]:
    """Look-arounds for a whole word: no letter, and no combining mark, right before or after it. A vowel
    sign is no \\w, so without the marks "आज" (today) matched the start of "आजादी" (freedom) and "जून"
    (June) that of "जूनियर" (junior)."""
    marks = f"[{combining_marks()}]"
    return rf"(?<![^\W\d_])(?<!{marks})", rf"(?![^\W\d_]|{marks})"


DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def word_pattern() -> re.Pattern[str]:
    """A word of three characters or more, its combining marks included: the fallback's "unknown word".
    Built on first use (listing the marks takes 8 ms), as most processes never need the fallback."""
    return re.compile(r"[^\W\d_](?:[^\W\d_]|[" + combining_marks() + r"]){2,}")


# Every month word has two letters or more: a string without such a run skips the month patterns, the
# costliest part of a parse (about 20 of 45 µs for an ISO timestamp when the language is unknown).
# The second may be any character but a space, a digit or ASCII punctuation: "जून" (June) is a letter,
# a vowel sign and a letter, and a vowel sign is no \w. Or a letter, a dot and a letter: the Thai
# abbreviations "ต.ค." (October), "ม.ค." (January).
LETTER_RUN = re.compile(r"[^\W\d_](?:[^\s\d\x00-\x40\x5b-\x60\x7b-\x7f]|\.[^\W\d_])")
# Arabic-Indic and Devanagari digits, and the fullwidth forms of ASCII that CJK pages print (２０２２,
# ＋04:00, ＵＴＣ). The other scripts' digits news prints too (Bengali and the other Indic scripts, Thai,
# Lao, Tibetan, Myanmar, Khmer): the patterns' \d matches them, but not a time's "2[0-3]" (without them
# "๑๔:๒๓" was no time).
_ZEROS = (
    0x09E6,
    0x0A66,
    0x0AE6,
    0x0B66,
    0x0BE6,
    0x0C66,
    0x0CE6,
    0x0D66,
    0x0E50,
    0x0ED0,
    0x0F20,
    0x1040,
    0x17E0,
)
DIGITS = {
    **str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९", "012345678901234567890123456789"),
    **{zero + n: ord("0") + n for zero in _ZEROS for n in range(10)},
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},
}
# Zero-width spaces and joiners count as spaces: "14:23\u200b(UTC+04:00)" still names its zone.
SPACES = re.compile(r"[\s\u00a0\u2009\u202f\u200b-\u200f\u2060\ufeff]+")
EPOCH = re.compile(formats.EPOCH)
ISO = re.compile(formats.ISO)
ISO_BASIC = re.compile(formats.ISO_BASIC)
ISO_WEEK = re.compile(formats.ISO_WEEK)
ISO_ORDINAL = re.compile(formats.ISO_ORDINAL)
ISO_MONTH = re.compile(formats.ISO_MONTH)
NUM_YMD = re.compile(formats.NUM_YMD)
NUM_YMD_CJK = re.compile(formats.NUM_YMD_CJK)
NUM_ERA_JA = re.compile(formats.NUM_ERA_JA)
NUM_ERA_SHORT = re.compile(formats.NUM_ERA_SHORT)
NUM_YMD_SPACED = re.compile(formats.NUM_YMD_SPACED)
NUM_MD_JA = re.compile(formats.NUM_MD_JA)
COMPACT = re.compile(formats.COMPACT)
NUM_DMY_SPACED = re.compile(formats.NUM_DMY_SPACED)
NUM_DMY = re.compile(formats.NUM_DMY)
NUM_DM = re.compile(formats.NUM_DM)
TIME = re.compile(formats.TIME, re.IGNORECASE)
ZONE_WORDS = {*zones.ZONES, *zones.AMBIGUOUS_ZONES}
ZONE = re.compile(formats.ZONE.replace("{abbreviations}", alt(ZONE_WORDS)))
ZONE_LEAD = re.compile(formats.ZONE_LEAD)
GAP = re.compile(formats.GAP_AFTER)
DURATION_AFTER = re.compile(formats.DURATION_AFTER)
PUBLISH_WORD = re.compile(formats.PUBLISH_WORD)
UPDATE_LABEL = re.compile(formats.UPDATE_LABEL)
PUBLISH_LABEL = re.compile(formats.PUBLISH_LABEL)
_WEEKDAY_WORDS = [w for days in names.WEEKDAYS.values() for w in days] + list(names.WEEKDAY_ABBREVIATIONS)
GAP_BEFORE = re.compile(formats.GAP_BEFORE.replace("{weekdays}", alt(_WEEKDAY_WORDS)), re.IGNORECASE)


@lru_cache(maxsize=32)
def month_table(lang: str | None) -> tuple[dict[str, int], str]:
    """Month words for a language (plus its neighbour's, ``names.MONTHS_ALSO``, and English), or for all
    languages when there is none."""
    langs = (
        [lang, *names.MONTHS_ALSO.get(lang or "", ()), "en"] if lang in names.MONTHS else list(names.MONTHS)
    )
    table: dict[str, int] = {}
    for code in langs:
        for word, month in names.MONTHS[code or "en"].items():
            if word in names.FOREIGN_WORD_CLASH and code != lang:
                continue
            table[word] = month
    before, after = word_edges()
    return table, starts_like(table) + before + r"(?P<mon>" + alt(table) + r")" + after + r"\.?"


def starts_like(words: Iterable[str]) -> str:
    """A look-ahead for the first letters of ``words`` (the patterns ignore case): a month word can only
    start where it holds. Put before the word-edge look-behinds, it lets the regex engine skip every other position at
    once instead of trying the look-behinds and the trie there (the month patterns 1.1-4.7 instead of
    5.4-7.2 us per bench date string). It matches nothing the words cannot, so no match changes."""
    first = {word[0] for word in words if word}
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(first)) + "])"


@lru_cache(maxsize=32)
def text_patterns(lang: str | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    table, month = month_table(lang)
    before, after = word_edges()
    word = before + "(?:" + alt(table) + ")" + after  # the month without its group
    return tuple(
        (kind, re.compile(p.replace("{month_word}", word).replace("{month}", month), re.IGNORECASE))
        for kind, p in formats.TEXT.items()
    )


@lru_cache(maxsize=1)
def clash_months() -> tuple[dict[str, int], re.Pattern[str]]:
    """The words of ``names.FOREIGN_WORD_CLASH`` that every language with them reads as one month ("set":
    September in it, pt, ca), and the pattern that reads them between a day and a year without a locale."""
    readings: dict[str, set[int]] = {}
    for table in names.MONTHS.values():
        for word, month in table.items():
            if word in names.FOREIGN_WORD_CLASH:
                readings.setdefault(word, set()).add(month)
    table = {word: next(iter(months)) for word, months in readings.items() if len(months) == 1}
    before, after = word_edges()
    words = before + "(?:" + alt(table) + ")" + after
    return table, re.compile(formats.TEXT_CLASH_DMY.replace("{month}", words), re.IGNORECASE)


@lru_cache(maxsize=1)
def iana_names() -> frozenset[str]:
    return frozenset(available_timezones())
