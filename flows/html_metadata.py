"""Article metadata from a parsed HTML page: JSON-LD, OpenGraph/``article:*`` meta, microdata, markup.

Works on one lxml tree shared with the body extractor; nothing here parses the page again. Values are
taken from the most trusted source that has them (JSON-LD, then meta, then microdata, then markup).
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from . import json_input
from .clean import is_dateline, uncapitalised, without_i_tail
from .dates_calendars import SOLAR_HIJRI_LANGUAGES
from .dates_patterns import combining_marks
from .extract_text import byline_and_date, byline_comma_date, parse_byline
from .html_dates import headline, modified_times, rank_published, solar_locale
from .language import detect_language
from .place_names import is_place
from .rules.dates_names import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS
from .rules.html_dates import LABEL_JOINERS, PUBLISHED_WORDS, UPDATE_WORDS
from .rules.html_metadata import (
    AGENCIES,
    ARTICLE_TYPES,
    AUTHOR_LABELS,
    AUTHOR_SHORT_PREFIXES,
    BYLINE_CLASSES,
    BYLINE_PREFIX,
    BYLINE_QUALIFIERS,
    BYLINE_ROLE_WORDS,
    BYLINE_SPLIT,
    BYLINE_WORD_PREFIXES,
    BYLINE_WORDS,
    CMS_TAGS,
    COMMENT_PARTS,
    GENERIC_SECTIONS,
    GLUED_JOINERS,
    META_AUTHOR,
    META_DESCRIPTION,
    META_IMAGE,
    META_LANGUAGE,
    META_MODIFIED,
    META_PUBLISHED,
    META_SECTION,
    META_SITE_HANDLE,
    META_SITE_NAME,
    META_TAGS,
    META_TITLE,
    NAME_PARTICLES,
    NAMES_WITH_JOINER_LETTER,
    NEWSROOM_WORDS,
    NON_PERSON_SUFFIXES,
    NON_PERSON_WORDS,
    NOT_A_NAME,
    NOT_BYLINE_PARTS,
    PLACE_PREPOSITIONS,
    PREFIX_ROLE_WORDS,
    SECOND_LEVEL_LABELS,
    TEASER_PARTS,
)
from .rules.html_paywall import PAYWALL_META
from .urls import home_of_another

_SPACE = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")  # what ``_compact`` drops
_ITEMPROPS = XPath("//*[@itemprop][not(self::meta)]")  # compiled once, not on every call
_CLASS_WORD = re.compile(r"[\s_-]+")
# What a name has in brackets after it: a place ("Jean Dupont (à Lyon)"), an agency ("Jane Doe (AP)"), a
# role ("Jane Doe (Senior Correspondent)"), a handle's empty brackets. Such names gave no author (review).
_BRACKETS_AFTER = re.compile(r"\s*\([^()]{0,60}\)\s*$")
_LABEL = re.compile(r"^[^\W\d_]+:\s+")  # "Text: Jane Doe", "Foto: ..."
# What follows a name after a spaced hyphen: "سامر الخطيب - القاهرة", "Jane Doe - Staff Writer".
_SPACED_HYPHEN = re.compile(r"\s-\s")
# A credit for the pictures, not the text: "Text: Anna Schmidt, Fotos: Max Muster" (review).
_CREDIT = re.compile(
    r"^\s*(?:fotos?|photos?|photographs?|pictures?|bilder?|images?|video|grafik|grafiken|illustrations?|"
    r"infografik|kamera|camera|montage)\s*:",
    re.I,
)
# A picture credit after the byline's name, in one line of text: "By Jane Doe Photos by John Roe".
_CREDIT_AFTER = re.compile(
    r"[\s,;|·•–—-]*\b(?:photos?|photography|photographs?|pictures?|images?|video|illustrations?|fotos?)"
    r"\s+(?:by|von|de|par|di)\b.*$"
    # "Jens Bergmann Foto: Michael Hudler": the credit's label with its colon (a benchmark page), and the
    # "and" before it ("By Jane Doe and Video: John Roe" kept no name, review)
    r"|(?:\s+(?:and|und|et|y|e|i|&))?\s+(?:fotos?|photos?|bilder?|images?|illustrations?|grafik|video)\s*:.*$",
    re.I,
)
# One label for the text and its pictures: "Text und Fotos: Max Muster" names the author (review).
_TEXT_AND_PICTURES = re.compile(
    r"^\s*(?:text|texte|texto|testo|tekst|story|words)\s*(?:and|und|et|y|e|i|&)\s*"
    r"(?:fotos?|photos?|bilder?|images?|pictures?|zdjęcia)\s*:\s*",
    re.I,
)
# A link beside the name to the author's other articles or profile: "Julia Deutsch Alle Artikel".
_PROFILE_LINK_AFTER = re.compile(
    r"\s+(?:alle (?:artikel|beiträge)|all (?:articles|posts|stories)|(?:more|weitere|mehr) (?:articles|artikel|"
    r"posts|stories|beiträge)(?: by| von)?|tous (?:les|ses) articles|todos (?:los|sus) artículos|"
    r"tutti gli articoli|view (?:full )?profile|profil ansehen|zum profil)\W*$",
    re.I,
)
_EMAIL_IN = re.compile(r"([\w.+-]+)@[\w-]+(?:\.[\w-]+)+")
_OFFICE_MAILBOXES = frozenset(
    {"webmaster", "info", "news", "newsroom", "editor", "editors", "desk", "press", "contact", "admin"}
    | {"noreply", "no-reply", "redaktion", "redaction", "redaccion", "tips", "letters", "office", "mail"}
)
_SENTENCE_END = re.compile(r"(?<=[a-z]{2})\.\s+")  # "Finian Cunningham. Sputnik" (not "Sarah E. Needleman")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-Я"
_AUTHOR_LABEL = re.compile(
    r"^\s*(?:" + "|".join(map(re.escape, AUTHOR_LABELS)) + rf")(?:\s*[:：]\s*|\s+|(?-i:(?=[{_UPPER}])))",
    re.I,
)
_SHORT_PREFIX = re.compile(
    r"^\s*(?:" + "|".join(AUTHOR_SHORT_PREFIXES) + r")(?:\s*:\s*|\s+)"
    rf"|^(?-i:(?:{'|'.join(AUTHOR_SHORT_PREFIXES)}))(?-i:(?=[{_UPPER}][^\W\d_]))",
    re.I,
)
_LABEL_ONLY = frozenset(AUTHOR_LABELS) | frozenset(AUTHOR_SHORT_PREFIXES)
_NOT_NAME_CHAR = re.compile(r"[*()\[\]{}<>=#?!@»«→←/\\©®]")
# Where byline markup is looked for; <author> is rare but unambiguous.
_BYLINE_TAGS = ("a", "span", "div", "p", "address", "li", "h2", "h3", "h4", "h5", "h6", "author")
# Around a name that credits a picture or a quotation, not the article's text.
_CREDIT_TAGS = frozenset({"figure", "figcaption", "blockquote"})
# "Jenny Smith For Daily Mail Australia", "Jane Doe from Reuters": the name before its employer.
_AFFILIATION = re.compile(r"\s+(?i:for|from)\s+(?:the\s+)?[A-Z].*$")
# What joins and styles emoji (zero-width joiner, variation selectors); combining accents stay.
_EMOJI_GLUE = frozenset("\u200d\ufe0e\ufe0f")
_MARKED_BYLINE_CHARS = 300  # itemprop="author" may list seven names; other byline markup is short
_AT_HANDLE = re.compile(r"(?<!\S)@\w+")  # "Jenny Smith @jenny_smith" beside the name, not an address
# Chinese, Japanese and Korean bylines (review: "作者：王小明", "记者 王小明", "文/王小明", "홍길동 기자" kept
# their labels and roles). Labels before the article's author: "author", "reporter" (after the outlet:
# "新华社记者"), "text", "writer", Korean "writing", "reporting"; 文 ("text") only with a separator after
# it, as 文 is also a surname ("文王小明", "文 在寅" stay: a review found "文 太郎" read as 太郎). A label
# alone names no one.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_HAN = "\u3400-\u9fff"
_CJK_SEP = r"\s*[:/=|・]\s*"
_CJK_AUTHOR_LABEL = re.compile(
    rf"(?:^|(?<=[\s,、|/]))(?:(?:[{_HAN}]{{0,8}}?(?:记者|記者)|作者|撰文|撰稿|文字|筆者|著者|執筆者|執筆|취재)"
    rf"(?:{_CJK_SEP}|\s+|(?=[{_HAN}]))|文{_CJK_SEP}|글(?:{_CJK_SEP}|\s+))"
)
# Labels of the others a byline names: the editor, the photographer, the source (an outlet); each is cut
# with the name after it ("图/李华 文/王小明" names 王小明).
_CJK_OTHER_LABEL = re.compile(
    r"(?:^|(?<=[\s,、|/]))(?:(?:责任编辑|責任編輯|责编|責編|编辑|編輯|編集|校对|校對|摄影|攝影|图片|圖片|写真|"
    rf"来源|來源|사진|편집)(?:{_CJK_SEP}|\s+)|(?:图|圖|摄|攝){_CJK_SEP})[^\s,、|:/=]+"
)
# Credits that share one name, "取材・文＝山田太郎" ("reporting and text"), "文字／摄影：王小明" ("text and
# photos"): labels joined by a middle dot or a slash, then a separator. With an author's label among them
# the name is the author's (a review found "取材", or nothing, kept).
_CJK_AUTHOR_WORDS = ("记者", "記者", "作者", "撰文", "撰稿", "文字", "筆者", "著者", "執筆者", "執筆", "取材", "文")  # fmt: skip
_CJK_OTHER_WORDS = ("摄影", "攝影", "撮影", "写真", "图片", "圖片", "图", "圖", "编辑", "編輯", "編集", "構成")  # fmt: skip
_CJK_CREDIT_WORD = "|".join(sorted((*_CJK_AUTHOR_WORDS, *_CJK_OTHER_WORDS), key=len, reverse=True))
_CJK_JOINT_LABEL = re.compile(
    rf"(?:^|(?<=[\s,、|]))((?:{_CJK_CREDIT_WORD})(?:\s*[・/]\s*(?:{_CJK_CREDIT_WORD}))+)\s*[:=/]\s*"
    r"([^\s,、|:/=]+)"
)
# A role after a Korean name, spaced (with a qualifier: "선임기자") or glued to it ("홍길동기자").
_KO_ROLE_AFTER = re.compile(
    r"(?:\s+[가-힣]{0,4}|(?<=[가-힣]{2}))(?:기자|특파원|논설위원|편집위원|통신원)(?=$|[\s,、·])"
)
_CJK_LABEL_ONLY = frozenset(
    {"作者", "记者", "記者", "撰文", "撰稿", "筆者", "著者", "執筆", "기자", "특파원", "글"}
)
_HAN_ROLE_AFTER = re.compile(rf"(?<=[{_HAN}]{{2}})\s*(?:记者|記者)$")  # "王小明 记者"
# Where a byline starts with its dateline in brackets: "[서울=뉴시스] 홍길동 기자", "【新华社北京电】".
_CJK_BRACKETS = re.compile(r"^\s*[\[【〔(]([^\]】〕)]{1,40})[\]】〕)]\s*")
# A role or a place in brackets after a name: "山田太郎（ジャーナリスト）", "王小明（北京）".
_CJK_BRACKETS_AFTER = re.compile(
    r"(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3])\s*\([^()]{1,20}\)(?=$|[\s,、])"
)
# Between co-authors: the ideographic comma; a middle dot between Korean names ("홍길동·김철수 기자"),
# and between Chinese or Japanese names the Japanese one (U+30FB; Chinese writes foreign names with "·").
_CJK_JOINER = re.compile(r"、|(?<=[가-힣])·(?=[가-힣])|(?<=[\u3400-\u9fff가-힣])・(?=[\u3400-\u9fff가-힣])")
# Words between a byline's name and its date: months, weekdays, "am", "on", "published", "updated".
_DATE_WORDS = frozenset(
    w
    for w in (
        *(m for names in MONTHS.values() for m in names),
        *(d for days in WEEKDAYS.values() for d in days),
        *WEEKDAY_ABBREVIATIONS,
        *LABEL_JOINERS,
        *PUBLISHED_WORDS,
        *UPDATE_WORDS,
        *("um", "the", "at", "on", "le", "den", "dem", "vom", "since", "seit", "date", "datum"),
    )
    if len(w) > 1
)
_TAXONOMY_TOKEN = ("category-", "tag-", "post_tag-", "post-tag-", "categories-", "tags-")
# Class/id words of an <h1> (or its wrappers) that is the site's name or logo.
_LOGO_PARTS = frozenset({"logo", "brand", "branding", "masthead", "sitename", "blogname", "sitetitle"})
_LOGO_TOKENS = frozenset(
    {"site-title", "site-name", "site-logo", "blog-title", "blog-name", "site-branding", "branding"}
    | {"logo", "masthead", "brand", "navbar-brand", "header-logo"}
)
# <h1> texts that are navigation, not a headline (compared letters-only, lower case).
_NAV_KEYS = frozenset(
    {
        "navigationundservice",
        "navigation",
        "hauptnavigation",
        "mainnavigation",
        "menu",
        "menü",
        "skiptocontent",
        "blogarchive",
        "archive",
        "archiv",
        "startseite",
        "home",
        "homepage",
    }
)
_WORDS = re.compile(r"[^\W_]+")
# A title segment that is only a date or time ("31.10.2023, 10.19 Uhr", "23.05.2011").
_DATE_SEGMENT = re.compile(r"[\d\s.,:/-]*\d[\d\s.,:/-]*(?:\s*(?:uhr|h|am|pm|[ap]\.m\.))?", re.I)
_DANGLING = re.compile(r"^\s*[|\-–—:·»]\s+|\s+[|\-–—:·»]\s*$")  # "Headline -" of an empty site name
_END_LINK = re.compile(r"\s*<a\b[^<>]*>[^<>]{0,40}</a>\s*$", re.I)  # a closing "Read More" link
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_TITLE_SEP = re.compile(r"\s+[|\-–—:·»]\s+")
# ... and between a title's parts, a spaced « too: "Headline « Site" (WordPress's Kubrick theme), unless a
# » closes it later (« a quotation », spaced in French).
_PART_SEP = re.compile(r"\s+[|\-–—:·»«]\s+")
# A site "name" that is only a host or URL: "www.newsnation.in", "https://www.ditib.de/".
_HOST_NAME = re.compile(r"^(?:https?://|www\d?\.)[^\s/]+\.[a-z]{2,}/?$", re.I)
# "Headline - Site", not "Headline: subtitle"; "Headline « Site" (WordPress's Kubrick), not a « quote ».
_SEP_START = re.compile(r"^\s*(?:[|\-–—·»/]+|«(?![^»]*»))\s+")
# A site's name written as its host: "KSL.com", "Stuff.co.nz" (the first label is the name).
_SITE_DOMAIN = re.compile(r"^(?:www\.)?(\w[\w-]*)(?:\.[a-z]{2,3})?\.[a-z]{2,}$", re.I)
_SEP_END = re.compile(r"(?:\s+[|\-–—·»/]+|\s*:)\s+$")  # "Site - Headline", "Blog name: Headline"
_SITE_SPLIT = re.compile(r"\s+[|\-–—·»/]+\s+|:\s+")  # segments of a site's name before the headline
_ACRONYM = re.compile(r"^[^\W\d_a-zà-ÿ]{2,6}$")  # "BMBF", "ÖTV"
_HANDLE = re.compile(r"^(?:@?\w{1,30}|https?://(?:www\.)?(?:twitter|x)\.com/\w+/?)$", re.A)
_CMS_TAG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$|[\[\]{}<>]")  # "type_news", "channel_other", "[NAME]"
# File names of stock images; YouTube's "maxresdefault.jpg" is a video's own still.
_STOCK_IMAGE = re.compile(
    r"(?<!maxres)(?<!hq)(?<!mq)(?<!sd)default|blank|placeholder|avatar|spacer|pixel\.|fallback"
    r"|(?:twitter|facebook|og|social|share)[-_]?(?:standard|image|img)\b"
)
_SECTION_LIST = re.compile(r"\s*[,;]\s*")
_PLACEHOLDER = re.compile(r"[{}$%]|\[\w+\]")  # "{$category}", "%section%", "[NAME]": template slots
_GENERIC_LABELS = frozenset({"www", "blog", "blogs", "news", "web", "amp", "mobile", "home", "online"})
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_LANG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.I)
REGIONAL = re.compile(r"^[a-z]{2}[-_][a-z]{2}$", re.I)  # a language and a country: "en-US", "pt_BR"
_MAX_JSONLD = 2_000_000  # bytes of JSON-LD we are willing to parse per page


def clean(text: str | None) -> str | None:
    """Collapse whitespace; undo HTML escaping that CMSs apply twice to meta values ("&#163;")."""
    if text is None:
        return None
    text = str(text)
    if "&" in text:
        text = html.unescape(text)
    text = _SPACE.sub(" ", text).strip()
    return text or None


@dataclass(slots=True)
class PageMeta:
    """Everything but the body and the dates, plus the raw date candidates for ``html_dates``."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    language: str | None = None
    languages: tuple[str, ...] = ()  # every language the page declares, first the one taken
    locale: str | None = None  # that language as declared with its country ("en-US"): numeric dates' order
    dates_locale: str | None = None  # the locale the dates are parsed in (``dates_locale``)
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    lead_image_url: str | None = None
    paywalled: bool = False
    site_keywords: bool = False  # tags are plain meta keywords, which may describe the site, not the page
    article_body: str | None = None  # JSON-LD ``articleBody``, often a teaser
    published: list[tuple[str, str]] = field(default_factory=list)  # (text, evidence), most trusted first
    modified: list[tuple[str, str]] = field(default_factory=list)
    headline_el: HtmlElement | None = None
    # What the page says it is, for telling a section, search or video page from an article
    # (``html_page_kind``): every JSON-LD ``@type`` (lower case) and OpenGraph's ``og:type``.
    page_types: frozenset[str] = frozenset()
    og_type: str | None = None


# --- JSON-LD -------------------------------------------------------------------------------------


def _jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD, with lists and ``@graph`` flattened."""
    found: list[dict[str, Any]] = []
    budget = _MAX_JSONLD
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = (script.text or "").strip()
        budget -= len(raw)
        if not raw or budget < 0:
            continue
        try:
            data = json_input.loads(raw, strict=False)
        except RecursionError:
            continue  # hostile nesting
        except ValueError:
            try:  # trailing commas and stray semicolons are the common breakages
                data = json_input.loads(re.sub(r",\s*([}\]])", r"\1", raw.rstrip(";")), strict=False)
            except (ValueError, RecursionError):
                continue
        # Front to back, in document order; a deque, as a list's pop(0) and front insertion made a
        # JSON-LD array of 800,000 numbers take 32 s.
        stack: deque[Any] = deque([data])
        while stack and len(found) < 200:
            item = stack.popleft()
            if isinstance(item, list):
                stack.extendleft(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list | dict):
                    stack.append(graph)
    return found


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower().rsplit("/", 1)[-1] for x in items if x}


def _article(objs: list[dict[str, Any]], pages: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """The page's own article object; ``pages``: the page's URLs (its address, its canonical link), which
    pick it out of a ``@graph`` that lists related articles first (their title, author and date were
    taken, review)."""
    best: tuple[int, dict[str, Any]] | None = None
    for obj in objs:
        types = _types(obj) & ARTICLE_TYPES
        if not types:
            continue
        rank = 2 if types & {"webpage", "creativework"} else 0
        rank -= 1 if obj.get("headline") or obj.get("articleBody") else 0
        if (
            pages
            and not types & {"webpage", "creativework"}  # the page's WebPage names its URL too
            and _url_key(_first_str(obj, "url") or _first_str(obj.get("mainEntityOfPage"), "@id")) in pages
        ):
            rank -= 3
        if best is None or rank < best[0]:
            best = (rank, obj)
    return best[1] if best else None


def _url_key(url: str | None) -> str:
    """A URL compared loosely: no scheme, "www.", query, fragment or trailing slash."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def _canonical_link(tree: HtmlElement) -> str | None:
    return next(
        (
            el.get("href")
            for el in tree.iter("link")
            if (el.get("rel") or "").lower() == "canonical" and el.get("href")
        ),
        None,
    )


def _by_id(objs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The page's JSON-LD objects by ``@id``, for references such as Yoast's ``"author": {"@id": ...}``."""
    found: dict[str, dict[str, Any]] = {}
    for obj in objs:
        key = obj.get("@id")
        if isinstance(key, str) and (obj.get("name") or obj.get("@type")):
            found.setdefault(key, obj)
    return found


def _resolve(item: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """A reference ``{"@id": ...}`` (with no name of its own) replaced by the object it points to."""
    if isinstance(item, dict) and not item.get("name") and isinstance(key := item.get("@id"), str):
        return by_id.get(key, item)
    return item


def _names(value: Any, by_id: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Names in a schema.org value: a string, a Person/Organization object (or a reference to one
    elsewhere in the page's JSON-LD), or a list of them."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        item = _resolve(item, by_id or {})
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            if _types(item) & {"organization", "newsmediaorganization", "corporation"}:
                continue
            name = item.get("name")
            if isinstance(name, str):
                out.append(name)
            elif isinstance(name, list):
                out.extend(str(n) for n in name)
            elif _given_and_family(item):  # a Person given only in parts was no author (review)
                out.append(
                    " ".join(p for k in _NAME_PARTS if isinstance(p := item.get(k), str) and p.strip())
                )
    return [_cased(n) for n in out]


def _cased(name: str) -> str:
    """A structured name written in lower case ("jane doe") cased as a name (it was refused as no name,
    lower-case words being what bylines' non-names are): as one in capitals is."""
    return uncapitalised(name.upper()) if name.islower() and " " in name.strip() else name


# A schema.org Person's name in parts, in the order written.
_NAME_PARTS = ("honorificPrefix", "givenName", "additionalName", "familyName", "honorificSuffix")


def _given_and_family(item: dict[str, Any]) -> bool:
    """Both a given and a family name: a given name alone ("Matt") is no byline, and it took the place
    of the page's "By Matt Daily and Jane Doe" (review)."""
    return all(isinstance(v := item.get(k), str) and v.strip() for k in ("givenName", "familyName"))


def _first_str(value: Any, key: str = "url") -> str | None:
    if isinstance(value, list):
        for item in value:
            if got := _first_str(item, key):
                return got
        return None
    if isinstance(value, dict):
        return _first_str(value.get(key), key)
    return clean(str(value)) if isinstance(value, str | int | float) and not isinstance(value, bool) else None


def _all_str(value: Any, key: str) -> list[str]:
    """Every string of a schema.org value that may be a list of strings or objects."""
    items = value if isinstance(value, list) else [value]
    return [got for item in items[:10] if (got := _first_str(item, key))]


def _stock_image(url: str, site: str | None = None) -> bool:
    """An image that is the site's, not the article's: a logo, a default share picture, a blank or
    an avatar ("SZ_Banner-Logo.gif", "ogimagedefault.gif", "wordbooker_blank.jpg", "twitter-standard.jpg",
    "Heiko-Sauer_avatar_1460042663.jpg", gravatar's site icons), told by its file name."""
    parts = urlsplit(url)
    if parts.hostname and parts.hostname.endswith("gravatar.com"):
        return True
    name = parts.path.rsplit("/", 1)[-1].lower()
    if _STOCK_IMAGE.search(name):
        return True
    # A logo unless the name says more ("alibaba-logo-getty-1024.jpg" is a photograph of one); the
    # site's own name is no more ("example-news-logo.png" on example-news.com, review).
    words = re.findall(r"[^\W\d_]{4,}", name.rsplit(".", 1)[0])
    own = set(re.findall(r"[^\W\d_]{4,}", (site or "").lower()))
    return any("logo" in w for w in words) and len([w for w in words if "logo" not in w and w not in own]) < 2


def _is_false(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


# --- authors -------------------------------------------------------------------------------------


_MAX_PEOPLE = 100
_GLUED_MAX_WORDS = 20  # four names of five words


def person_names(raw: list[str], site_name: str | None, brands: frozenset[str] = frozenset()) -> list[str]:
    """Person names from author strings: no "By", no URLs, no desks, brands or the site's own name
    (``brands``: lower-cased names of the organisations the page describes, e.g. its publisher)."""
    site = (site_name or "").lower()
    brand_keys = {_compact(b) for b in brands | {site}} - {""}
    found: list[str] = []
    places: set[str] = set()
    for value in raw:
        value = clean(value) or ""
        if "<" in value:  # og:author holding the byline's markup: "By <a href=...>Amir Vera</a>, ..."
            value = clean(_TAG.sub("", value)) or ""
        if "@" in value:  # "By Jane Doe, jdoe@example.com" kept none (review): the name, without the address;
            # an office's address ("webmaster@", "news@") says the name beside it is the office's
            if any(m[1].lower() in _OFFICE_MAILBOXES for m in _EMAIL_IN.finditer(value)):
                continue
            value = _AT_HANDLE.sub("", _EMAIL_IN.sub("", value)).strip(" ,;|")
        if not value or "http" in value or "www." in value or value.startswith("/") or "@" in value:
            continue
        value = _TEXT_AND_PICTURES.sub("", value)
        if _CREDIT.match(value):
            continue
        value = _CREDIT_AFTER.sub("", value)  # "By Jane Doe Photos by John Roe": the text's author only
        value, dated = _cut_date(_strip_labels(_strip_label(_cjk_byline(value).replace("/", ", "))))
        value = _strip_labels(value)
        parts = [p for p in _byline_parts(value) if p.strip(" .:-–—|")]
        if dated and "," in value and len(parts) > 1 and len(parts[-1].split()) == 1:
            places.add(parts.pop().strip(" .:-–—|").lower())  # "Reuters, Washington, Nov 20": a dateline
        one_word = [p for p in parts[1:] if len(p.split()) == 1]
        if one_word and _is_brand(parts[0], brand_keys) and any(is_place(p.strip(" .")) for p in one_word):
            # "hessenschau.de, Frankfurt, Germany": the publisher and where it is, no person after it
            # ("detik.com, Andi, Budi" names two journalists, review)
            parts = [parts[0], *(p for p in parts[1:] if len(p.split()) > 1)]
        if len(parts) > 1 and _newsroom(parts[0], brand_keys):
            # "EFE | Madrid", "Agencias | Ciudad de México": the agency and where it wrote from (review)
            parts = [parts[0], *(p for p in parts[1:] if not is_place(p.strip(" .:-–—|")))]
        for part in (p for whole in parts for p in _split_glued(_without_place(whole))):
            if _CREDIT.match(part):
                break  # the picture credit and whatever follows it
            for piece in _SENTENCE_END.split(part):
                name = _person(piece, site)
                if name and _compact(name) not in brand_keys:
                    found.append(name)
    # The pairing rules below compare each name with those kept: the first 100 are plenty for a byline.
    found = [name for name in found if name.lower() not in places][:_MAX_PEOPLE]
    # "Jane Doe, New York", "John Roe — Los Angeles": a place of two words or more after the first name
    # (one word is dropped beside full names below).
    found = [name for i, name in enumerate(found) if i == 0 or " " not in name or not is_place(name)]
    out: list[str] = []
    keys: list[str] = []
    for name in found:
        compact = _compact(name)
        words = name.lower().split()
        # Duplicates as sites write them: "Troy L. Smith"/"Troy Smith", "NatashaTurak", "Anna MeninShare",
        # and a name with something glued on either side ("Tomas Spahn Fr", "SHOW ALL ...OFHeiko Sauer"):
        # the shorter spelling is kept, in the place of the first.
        longer = next(
            (
                i
                for i, k in enumerate(keys)
                if (k != compact and k.startswith(compact))
                or (k == compact and out[i].count(" ") < name.count(" "))
            ),
            None,
        )
        longer = (
            longer
            if longer is not None
            else next(
                (i for i, k in enumerate(keys) if k != compact and k.endswith(compact) and " " in name), None
            )
        )
        if longer is not None:
            keys[longer], out[longer] = compact, name
            continue
        if any(compact.startswith(k) or compact.endswith(k) for k in keys) or any(
            words[0] == o.lower().split()[0] and words[-1] == o.lower().split()[-1] for o in out
        ):
            continue
        keys.append(compact)
        out.append(name)
    out = list(dict.fromkeys(out))
    # A one-word entry beside full names is a brand or a dateline ("Futurism", "Washington").
    if any(" " in name for name in out):
        out = [name for name in out if " " in name]
    return out


_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$")  # lower case: "J.Smith" is a name (review)


# Separators after which a piece may be the title of the name before it; not "and", "&" (co-authors).
_APPOSITION = frozenset({",", ";", "|", "–", "—"})


def _byline_parts(value: str) -> list[str]:
    """The byline split at its commas and joiners, without a title set off after a name ("Jane Doe,
    White House Correspondent", "— Chief Economist"): a piece after a comma, a bar or a dash that ends in
    a singular role word is the title of the name before it, whatever beat stands before the role (a
    review found "White House" taken for a person). A plural role ("John Roe Staff Writers") names the
    co-authors before it and is cut in ``_without_role``."""
    parts: list[str] = []
    start, after = 0, ""
    for m in BYLINE_SPLIT.finditer(value):
        parts.extend(_unless_title(value[start : m.start()], after, bool(parts)))
        start, after = m.end(), m.group().strip()
    parts.extend(_unless_title(value[start:], after, bool(parts)))
    return parts


_TITLE_WORDS = 5  # "Senior White House Economics Correspondent"


def _unless_title(part: str, after: str, named: bool) -> list[str]:
    """``[part]``, or none when it is a title after a name (``_byline_parts``); ``after``: its separator."""
    words = part.split()
    if named and after in _APPOSITION and 0 < len(words) <= _TITLE_WORDS:
        last = words[-1].lower().strip(".,")
        if last in BYLINE_ROLE_WORDS and not last.endswith("s"):
            return []
    return [part]


def _newsroom(part: str, brand_keys: set[str]) -> bool:
    """A byline's first piece that is an agency, a newsroom or the publisher ("EFE", "Europa Press",
    "Redacción", "AFP"), not a person."""
    lower = [w.lower().strip(".,:") for w in part.split()]
    return (
        _is_brand(part, brand_keys)
        or _newsroom_name(lower)
        or any(w in NON_PERSON_WORDS or w in AGENCIES or w.endswith(NON_PERSON_SUFFIXES) for w in lower)
    )


def _newsroom_name(lower: list[str]) -> bool:
    """A newsroom's name by its first word ("Daily Mail Reporter", "Agence France-Presse", "The Herald"):
    as a person's last word it is a surname ("Matt Daily", "Sam Herald", found by review)."""
    words = lower[1:] if lower[:1] == ["the"] else lower
    return bool(words) and words[0] in NEWSROOM_WORDS


def _is_brand(part: str, brand_keys: set[str]) -> bool:
    """The publisher's name or its domain ("hessenschau.de"), as a byline's first entry."""
    part = part.strip(" .:-–—|")
    return _DOMAIN.match(part) is not None or _compact(part) in brand_keys


def _without_place(part: str) -> str:
    """ "سامر الخطيب - القاهرة" -> "سامر الخطيب": after a name of two words or more, a spaced hyphen and up
    to three words are a dateline's place, a role or the outlet, never a co-author (review). "Smith -
    Jones" (one word before) and "Cairo - (AFP)" are left whole."""
    pieces = _SPACED_HYPHEN.split(part, maxsplit=1)
    if len(pieces) == 2 and len(pieces[0].split()) >= 2 and 0 < len(pieces[1].split()) <= 3:
        return pieces[0]
    return part


def _split_glued(part: str) -> list[str]:
    """ "سامر الخطيب وأحمد محمد" -> two names: "and" glued to the second (Arabic و, Hebrew ו), split only
    into names of two words or more each, and not before a name that starts with that letter (وليد)."""
    words = part.split()
    if len(words) > _GLUED_MAX_WORDS:
        return [part]  # no byline: prose or a list of keywords
    names: list[str] = []
    start, i = 0, 2
    while i < len(words) - 1:
        word = words[i]
        if word.startswith(GLUED_JOINERS) and len(word) > 2 and word not in NAMES_WITH_JOINER_LETTER:
            names.append(" ".join(words[start:i]))
            words[i] = word[1:]
            start, i = i, i + 2
        else:
            i += 1
    return [*names, " ".join(words[start:])]


def _cut_date(value: str) -> tuple[str, bool]:
    """A byline without the date written after the name: "VON MORITZ GATHMANN am 21. April 2020",
    "Tomas Spahn Fr, 18. Oktober 2019" -> the name part, and whether a date was cut."""
    match = re.search(r"\d", value)
    if not match:
        return value, False
    words = value[: match.start()].split()
    while words and (
        words[-1].lower().strip(".,:;|·•-–—") in _DATE_WORDS or not words[-1].strip(".,:;|·•-–—")
    ):
        words.pop()
    return " ".join(words), True


def _cjk_byline(value: str) -> str:
    """A Chinese, Japanese or Korean byline as names: "作者：王小明", "新华社记者 王小明", "文/王小明",
    "[서울=뉴시스] 홍길동 기자" -> the name (labels, roles, a bracketed dateline or role, the editor's and
    the photographer's credits cut; co-authors joined by "、" or a middle dot split with commas)."""
    if value.isascii() or not _CJK.search(value):
        return value
    value = unicodedata.normalize("NFKC", value)  # "：", "／", "＝", "，" as ASCII
    if m := _CJK_BRACKETS.match(value):
        value = value[m.end() :] if value[m.end() :].strip() else m[1]  # "(山田太郎)": the name in them
    value = _CJK_JOINT_LABEL.sub(_joint_label, value)
    value = _CJK_BRACKETS_AFTER.sub("", _CJK_OTHER_LABEL.sub(" ", value))
    value = _CJK_AUTHOR_LABEL.sub("", value).strip()
    value = _HAN_ROLE_AFTER.sub("", _KO_ROLE_AFTER.sub("", value))
    value = _CJK_JOINER.sub(", ", value).strip(" ,|")
    return "" if value in _CJK_LABEL_ONLY else value


def _joint_label(m: re.Match[str]) -> str:
    """The name after a joint credit label, when one of its labels is the author's; else nothing, as with
    ``_CJK_OTHER_LABEL`` (an editor's, a photographer's name is no author's)."""
    labels = re.split(r"\s*[・/]\s*", m[1])
    return m[2] if any(label in _CJK_AUTHOR_WORDS for label in labels) else " "


def _compact(text: str) -> str:
    """Letters and digits only, lower case: "KentNews.Online" and "kentnews online" compare equal."""
    return _NOT_ALNUM.sub("", text.lower())


def _strip_labels(value: str) -> str:
    """ "Artikel von: X", "Author X", "View all posts by X", "vonX" -> "X"; a value that is only a label
    ("By", "Name *", "Artikel von") -> ""."""
    for _ in range(3):
        stripped = _SHORT_PREFIX.sub("", _AUTHOR_LABEL.sub("", value, count=1), count=1)
        if stripped == value:
            break
        value = stripped
    return "" if value.strip(" *:.-–—|→»").lower() in _LABEL_ONLY else value


@lru_cache(maxsize=1)
def _marked() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``_LABEL`` and a name's words with combining marks inside words: a Devanagari vowel sign is no
    \\w, so "लेखक:" was no label and "राहुल शर्मा" seven words (review). Built on first use (12 ms)."""
    marks = combining_marks()
    return re.compile(rf"^(?:[^\W\d_]|[{marks}])+:\s+"), re.compile(rf"(?:[\w'’.-]|[{marks}])+")


def _strip_label(value: str) -> str:
    """ "Text: Jane Doe" -> "Jane Doe": one word and a colon before a name."""
    return _LABEL.sub("", value) if value.isascii() else _marked()[0].sub("", value)


def _name_words(name: str) -> list[str]:
    """The words of a name: letters, digits, apostrophes, dots and hyphens (and combining marks)."""
    return re.findall(r"[\w'’.-]+", name) if name.isascii() else _marked()[1].findall(name)


_ROLE_OR_QUALIFIER = BYLINE_ROLE_WORDS | BYLINE_QUALIFIERS
_MAX_NAME_WORDS = 5  # words of a name besides its particles ("María José Fernández de la Vega": four)
_MAX_WORDS_WITH_PARTICLES = 8


def _too_long(lower: list[str]) -> bool:
    """More words than a name has: six or more besides its particles ("de", "la", "van"), which do not
    count (Spanish and Portuguese names of six words were refused, review); nine with them."""
    particles = sum(1 for w in lower if w in NAME_PARTICLES)
    return len(lower) - particles > _MAX_NAME_WORDS or len(lower) > _MAX_WORDS_WITH_PARTICLES


def _without_role(name: str) -> str:
    """ "Jane Doe Staff Writer" -> "Jane Doe": a capitalised role ending a name of two words or more."""
    words = name.split()
    for i in range(2, len(words)):
        role = words[i].lower().strip(".,")
        if role in BYLINE_ROLE_WORDS and all(w[:1].isupper() for w in words[2 : i + 1]):
            start = i
            while start > 2 and words[start - 1].lower() in BYLINE_QUALIFIERS:
                start -= 1
            if role == "press" and (start == i or words[i - 1].lower() != "associated"):
                break  # "Mary Beth Press" is a name; only "Associated Press" is a role (review)
            if start == i and words[start - 1].lower() in BYLINE_QUALIFIERS:
                return ""  # "Antrim Court Reporter": a desk, no name before its role
            if all(w.lower().strip(".,") in _ROLE_OR_QUALIFIER for w in words[start:]):
                return " ".join(words[:start])
            break
    return name


def _without_role_before(name: str) -> str:
    """ "Senior Correspondent Jane Doe", "FOCUS-Online-Experte Robin Tschöpe" -> the name: a role (a hyphen
    compound ending in one too) and its qualifiers before a name of two words or more."""
    words = name.split()
    start = 0
    for i, word in enumerate(words[:-2]):
        low = word.lower().strip(".,:")
        if low in PREFIX_ROLE_WORDS or low.split("-")[-1] in PREFIX_ROLE_WORDS:
            start = i + 1
        elif low not in BYLINE_QUALIFIERS:
            break
    return " ".join(words[start:]) if start else name


def _without_place_in(name: str) -> str:
    """ "Jane Doe in New York" -> "Jane Doe": a byline's place after a name of two words or more (the
    whole byline was dropped: "in" is no part of a name). Up to four capitalised words after it."""
    words = name.split()
    for i in range(2, len(words) - 1):
        if words[i] in PLACE_PREPOSITIONS and len(words) - i - 1 <= 4 and words[i + 1][:1].isupper():
            return " ".join(words[:i])
    return name


def _person(piece: str, site: str) -> str | None:
    if not piece.isascii():  # "Jenny Smith ❤️": symbols and emoji are no part of a name
        piece = "".join(
            ch
            for ch in piece
            if ch in "©®" or (unicodedata.category(ch) not in ("So", "Sk") and ch not in _EMOJI_GLUE)
        )
    if "_" in piece and " " not in piece.strip():
        piece = piece.replace("_", " ")  # "Jenny_Smith", a user name's spelling
    piece = _strip_labels(piece)
    if (brackets := _BRACKETS_AFTER.search(piece)) and len(piece[: brackets.start()].split()) >= 2:
        if _CREDIT.match(brackets.group().strip(" ()") + ":"):
            return None  # "John Roe (Fotos)": the photographer
        piece = piece[: brackets.start()]  # "Foto (dpa)", "Sociedad (EFE)" stay no name (review)
    name = clean(_AFFILIATION.sub("", piece).strip(" .:-–—|→»"))
    if not name or len(name) > 60 or any(ch.isdigit() for ch in name) or _NOT_NAME_CHAR.search(name):
        return None
    name = without_i_tail(_without_role_before(_without_place_in(_PROFILE_LINK_AFTER.sub("", name))))
    if name.lower() in NOT_A_NAME:
        return None
    half = name.split()
    if len(half) % 2 == 0 and half[: len(half) // 2] == half[len(half) // 2 :]:
        name = " ".join(half[: len(half) // 2])  # "Olivier Minot Olivier Minot": two copies of one link
    name = _without_role(name)
    words = _name_words(name)
    if words and all(w.lower().strip(".,") in _ROLE_OR_QUALIFIER for w in words):
        return None  # "Contributing Writer" after the name's comma (review)
    lower = [w.lower().strip(".") for w in words]
    if not words or _too_long(lower) or any(w in NON_PERSON_WORDS for w in lower) or _newsroom_name(lower):
        return None
    if len(words) > 1 and all(len(w) == 1 for w in words):
        return None  # initials alone are an agency's: "أ ف ب" (AFP), "د ب أ" (dpa)
    # Desks and teams written as one word ("Newsdesk", "Campact-Team", "Lokalredaktion", "SeglerBlog").
    if any(p.endswith(NON_PERSON_SUFFIXES) for w in lower for p in w.split("-")):
        return None
    if len(words) == 1 and name.isupper() and len(name) > 1:
        return None  # one word in capitals is an acronym or a station code ("IWB", "KWCHCIK"), not a name

    low = name.lower()
    if site and (
        low == site or site in low or (low in site and not site.startswith((f"{low}'s", f"{low}’s")))
    ):
        return None  # the site's name, or part of it; but "Daniel Lemire" writes "Daniel Lemire's blog"
    if lower[0] == "the" or words[0][0].islower():
        return None  # "der Michel", "the Editors"
    if any(w[0].islower() and w not in NAME_PARTICLES for w in words):
        return None  # names are capitalised ("Saiba mais", "Syrian defense ministries" are not)
    return uncapitalised(name)


def _parts(el: HtmlElement) -> set[str]:
    """The words of an element's class and id: "cb-category cb-byline-element" -> cb, category, ...;
    not the post's own categories and tags that blog engines list there ("category-popular-posts")."""
    tokens = f"{el.get('class', '')} {el.get('id', '')}".lower().split()
    # Drupal marks every field "field--label-hidden" (or inline, above): no label element, a field.
    kept = " ".join(t for t in tokens if not t.startswith((*_TAXONOMY_TOKEN, "field--label-")))
    return set(re.split(r"[\s_-]+", kept)) - {""}


def _in_comments(el: HtmlElement) -> bool:
    """Inside a form or a comment area, where "author" fields and names are the readers', or in a list
    of other articles (related, most read), where they are those articles' authors."""
    for anc in el.iterancestors():
        if anc.tag in ("body", "html"):
            break
        if anc.tag in ("form", "textarea", "label") or _parts(anc) & (COMMENT_PARTS | TEASER_PARTS):
            return True
    return False


def _spaced_text(el: HtmlElement) -> str:
    """Text with a space where markup separates pieces ("SHOW ALL ARTICLES OF<br>Heiko Sauer")."""
    return " ".join(el.itertext())


def _host_labels(url: str | None) -> frozenset[str]:
    """The host's labels that may name the site, folded ("fischerhuette.hejfish.com" -> fischerhuette,
    hejfish): not the top-level domain, "www" or words any host has ("blog", "news")."""
    host = urlsplit(url or "").hostname or ""
    labels = host.split(".")[:-1]
    return frozenset(k for label in labels if len(k := fold(label)) >= 3 and label not in _GENERIC_LABELS)


def fold(text: str) -> str:
    """Letters and digits, lower case, umlauts spelled out and accents dropped, as hosts write names:
    "Natürlich Jagd" -> "natuerlichjagd", "Télé-Québec" -> "telequebec"."""
    text = text.lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    return "".join(filter(str.isalnum, text))


def _related(name: str, labels: frozenset[str]) -> bool:
    """The name and the host spell each other: "Python Insider" on blog.python.org, "WHDH 7News" on
    whdh.com, "Investment Watch" on investmentwatchblog.com."""
    key = fold(name)
    return len(key) >= 3 and any(label in key or key in label for label in labels)


def _handle(value: str) -> str | None:
    """A Twitter handle as a name: "@Wday_" -> "Wday", "https://twitter.com/onmeda_de" -> "onmeda_de"."""
    name = clean(re.sub(r"^.*/|^@", "", value.strip().rstrip("/")))
    return name.strip("_") or None if name else None


def _site_name(named: list[str | None], labels: frozenset[str]) -> str | None:
    """The first name the page gives its site, without a tagline ("LinkNaija | Nigeria's popular news
    platform" -> "LinkNaija"); a bare host gives way to a later name ("www.newsnation.in" -> "News
    Nation")."""
    names = [n for n in (clean(v) for v in named) if n]
    if not names:
        return None
    first = next((n for n in names if not _HOST_NAME.match(n)), names[0])
    return _without_tagline(first, labels)


def _without_tagline(name: str, labels: frozenset[str]) -> str:
    """Of a name written with a tagline or a list of topics, the part the host spells ("Boston News,
    Weather, Sports | WHDH 7News" -> "WHDH 7News", "Autoracing | F1 | Indy" -> "Autoracing"); kept
    whole when that part is an acronym of the rest ("Bundesministerium für Bildung und Forschung -
    BMBF") or no part is the host's."""
    parts = [p.strip() for p in _TITLE_SEP.split(name) if p.strip()]
    if len(parts) < 2:
        return name
    if len(parts) == 2 and any(_ACRONYM.match(a) and _abbreviates(a, b) for a, b in (parts, parts[::-1])):
        return name  # "International Biathlon Union - IBU": a name and its acronym
    part = next((p for p in parts if _related(p, labels)), None)
    return name if part is None or _ACRONYM.match(part) else part


def _abbreviates(acronym: str, name: str) -> bool:
    """ "IBU" of "International Biathlon Union", "BMBF" of "Bundesministerium für Bildung und Forschung":
    the acronym's letters in order in the name, the first its first."""
    letters = iter(name.lower())
    return acronym[0].lower() == name[:1].lower() and all(ch in letters for ch in acronym.lower())


def _title_site(
    title_text: str | None, headline: str | None, labels: frozenset[str], section: str | None
) -> str | None:
    """The site's name as the ``<title>`` writes it beside the headline: the segment after it
    ("Headline - Site", the host's if several follow), or the one before it when that is the host's
    ("Python Insider: Headline", "BKA - Listenseite - Headline", but not "Kolumne: Headline")."""
    if not title_text or not headline:
        return None
    chars = [(i, ch.lower()) for i, ch in enumerate(title_text) if ch.isalnum()]
    whole = "".join(ch for _, ch in chars)
    key = "".join(ch.lower() for ch in headline if ch.isalnum())
    at = whole.find(key) if key else -1
    if at < 0 or key == whole:
        return None
    start, end = chars[at][0], chars[at + len(key) - 1][0] + 1
    # The headline's own closing or opening punctuation ("available!", "»Haltet ...«") is not a separator.
    after = title_text[end:].lstrip("".join(ch for ch in headline[-3:] if not ch.isalnum()))
    before = title_text[:start].rstrip("".join(ch for ch in headline[:3] if not ch.isalnum()))
    found: list[str] = []
    if _SEP_START.match(after):
        rest = _SEP_START.sub("", after)
        parts = [p for p in _title_parts(rest)[0] if _site_like(p, section)]
        found += [p for p in parts if _related(p, labels)] + parts[-1:]
        if (
            found
            and _ACRONYM.match(found[0])
            and len(parts) > 1
            and rest.startswith(found[0])
            and _abbreviates(found[0], parts[1].strip())
        ):
            # "Headline - ÖTV - Österreichischer Tennisverband": the acronym and its name; not "KSL |
            # Politics", "NHK | 日銀", the site and a section (review)
            found[0] = rest
    if _SEP_END.search(before):
        first = _SITE_SPLIT.split(_SEP_END.sub("", before))[0]
        found += [first] if _site_like(first, section) and _related(first, labels) else []
    return clean(found[0].strip(" |-–—:·»/")) if found else None


def _site_like(part: str, section: str | None) -> bool:
    """A title segment that may be a site's name: short, not navigation, a date or the section."""
    text = part.strip(" |-–—:·»/")
    return (
        0 < len(text) <= 60
        and len(text.split()) <= 8
        and any(ch.isalpha() for ch in text)
        and not _is_site(text, frozenset())
        and _compact(text) != _compact(section or "")
        and not BYLINE_PREFIX.match(text)  # "Headline - By linksc"
    )


def _title_edge_sites(title_text: str | None, labels: frozenset[str]) -> list[str]:
    """``<title>`` segments at either edge that are a piece of the host's name ("Investment Watch" on
    investmentwatchblog.com): the site, should a headline field hold it."""
    if not title_text or not labels:
        return []
    parts = _title_parts(title_text)[0]
    if len(parts) < 2:
        return []
    return [
        p for p in (parts[0], parts[-1]) if len(k := fold(p)) >= 4 and any(k in label for label in labels)
    ]


def _host_names(url: str | None) -> frozenset[str]:
    """The site's name as its host spells it: "https://www.kentnews.online/a" -> "kentnews", and under a
    country's second level "https://www.stuff.co.nz/a" -> "stuff" (it was "co")."""
    host = urlsplit(url or "").hostname or ""
    labels = [p for p in host.split(".") if p not in ("www", "m", "amp", "mobile")]
    if len(labels) > 2 and labels[-2] in SECOND_LEVEL_LABELS and len(labels[-1]) == 2:
        labels.pop()
    return frozenset(labels[:-1][-1:]) if len(labels) > 1 else frozenset()


LISTING_BYLINES = 3
BYLINE_ZONE_PROSE = 100  # characters of a paragraph of the article's text
BYLINE_ZONE_ELEMENTS = 200
BYLINE_OTHER_CHARS = 200  # text beside each co-author's name in their cards (a role, a short bio)


def _byline_scope(h1: HtmlElement | None) -> set[HtmlElement] | None:
    """Where the article's own byline stands: the elements after its headline, up to its second long
    paragraph (the byline and dateline come before the text), as the dateline is looked for."""
    if h1 is None:
        return None
    zone: set[HtmlElement] = set()
    after = prose = 0
    started = False
    for el in h1.getroottree().iter():
        if el is h1:
            started = True
            continue
        if not started or not isinstance(el.tag, str):
            continue
        zone.add(el)
        after += 1
        if el.tag == "p" and len(el.text_content()) > BYLINE_ZONE_PROSE:
            prose += 1
        if prose >= 2 or after >= BYLINE_ZONE_ELEMENTS:
            break
    return zone


def _byline_texts(tree: HtmlElement, near: set[HtmlElement] | None = None) -> list[str]:
    """Author names from byline markup: rel=author links, itemprop=author, byline/author classes;
    not in comments or forms, not a byline's category or avatar."""
    found: list[tuple[str, HtmlElement, str]] = []  # (text, element, its first class word)
    for el in tree.iter(*_BYLINE_TAGS):
        if len(found) >= 60:
            break
        rel = (el.get("rel") or "").lower()
        prop = (el.get("itemprop") or "").lower()
        # BBC's data-component="Byline", data-testid="AuthorURL": the class of script-built pages.
        cls = f"{el.get('class', '')} {el.get('id', '')} {el.get('data-component', '')} {el.get('data-testid', '')}"
        cls = cls.lower()
        marked = rel == "author" or "author" in prop.split() or el.tag == "author"  # itemprop="author name"
        if marked or any(c in cls for c in BYLINE_CLASSES) or _byline_word(cls):
            if el.tag == "div" and len(el) > 8:
                continue
            parts = _parts(el)
            if parts & (NOT_BYLINE_PARTS | COMMENT_PARTS) and not marked:
                continue
            if _in_comments(el) or any(up.tag in _CREDIT_TAGS for up in el.iterancestors()):
                continue  # a photo credit or a quotation's author, not the article's
            name_el = next((c for c in el.iter() if (c.get("itemprop") or "").lower() == "name"), None)
            text = clean(_spaced_text(name_el if name_el is not None else el))
            if text and len(text) < (_MARKED_BYLINE_CHARS if marked else 80):
                # Grouped by the first class word: "e-byline e-byline--premium" and "e-byline
                # e-byline--opinion" are one list's (a benchmark page's related cards).
                group = (el.get("class") or el.get("id") or rel or prop).split()[:1]
                found.append((text, el, " ".join(group)))
    # Nested byline elements (a card, its name) give one name several times: each once, ten at most.
    return list(dict.fromkeys(text for text, _, _ in _without_listings(found, near)))[:10]


_HEADLINE_LINK = 40  # characters
_PLAIN_BYLINE_CHARS = 120  # "By Jane Doe and John Roe, Staff Writers | March 5, 2024"
_PLAIN_BYLINE_TAGS = frozenset({"p", "div", "span", "address", "strong", "b", "em", "small"})
_PLAIN_BYLINE_STOP = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "article"})
_NOT_THE_ARTICLE_S = frozenset({"aside", "nav", "footer", "form", "figure", "figcaption", "blockquote"})
# First words of the English "by" idioms a kicker or a section's label is written in, never a person's
# name's: "By Popular Demand", "By Appointment Only", "By Any Means" were read as the author (a review).
# Not first names or surnames ("By Will Smith", "By Grace Young"), nor the idioms' other words that are
# also names (Way, Means, Chance, Night, Land): those idioms start with one of these words, are "The"
# and one word ("By The Way", "By The Numbers"), or one word only ("By Chance"), no byline anyway.
_BY_IDIOM_WORDS = frozenset(
    {
        "popular", "demand", "numbers", "design", "default", "appointment", "request", "invitation",
        "accident", "any", "all", "special", "public", "mutual", "comparison", "contrast", "definition",
        "proxy", "reservation", "word",
    }
)  # fmt: skip
# Inline tags: such an element's text is a byline only as the whole of its paragraph's ("<p><strong>By
# Mail:</strong> Voters can ...</p>" is a lead-in).
_INLINE_TAGS = frozenset({"span", "strong", "b", "em", "small", "i", "u", "a", "font", "mark"})
# Class and id words of a box that holds other text than the article's: a picture's caption or credit, a
# teaser or card of another story, related stories.
_CARD_PARTS = frozenset(
    {"caption", "captions", "credit", "credits", "teaser", "teasers", "card", "cards", "stories", "promo"}
)
# A class naming a kind of story, which is another story: "inline-story", "related_story"; not "story"
# alone nor "story-meta", the article's own boxes.
_CARD_CLASS = re.compile(r"(?i)[a-z0-9][_-]stor(?:y|ies)$")
_PLAYER_TAGS = frozenset({"video", "audio", "iframe", "embed", "object"})
_MEDIA_TAGS = _PLAYER_TAGS | {"img", "picture", "figure"}
_AVATAR = re.compile(r"(?i)avatar|author|headshot|profile|mugshot|portrait")
# Links that make no card: in-page, scripts, mail, sharing, the author's page.
_NO_CARD_LINK = re.compile(
    r"(?i)^(?:#|javascript:|mailto:|tel:)|share|intent/|facebook\.|twitter\.|//(?:www\.)?x\.com|linkedin\.|"
    r"whatsapp|pinterest\.|reddit\.|instagram\.|/(?:author|authors|autor|autoren|auteur|people|profiles?|staff)/"
)
_CARD_CHARS = 400  # a card's text: a headline, a byline, a line of summary
# Class and id words of a standfirst above the byline: it is no paragraph of the article's text.
_STANDFIRST_PARTS = frozenset(
    {"standfirst", "dek", "deck", "subtitle", "subheadline", "summary", "excerpt", "intro", "lede", "lead",
     "description", "strapline", "abstract"}
)  # fmt: skip


def _short_text(el: HtmlElement, limit: int = 2000) -> str:
    """The element's text, read up to ``limit`` characters (a wrapper of the whole article is not read
    whole for each of its descendants)."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > limit:
            break
    return clean("".join(parts)) or ""


def _own_boxes(el: HtmlElement, h1_up: set[HtmlElement]) -> list[HtmlElement]:
    """``el`` and its containers that do not also hold the headline: the box it stands in."""
    boxes = [el]
    for up in el.iterancestors():
        if up in h1_up:
            break
        boxes.append(up)
    return boxes


def _card_class(el: HtmlElement) -> bool:
    """Classed as a caption, a credit, a teaser or a card, another story."""
    classes = f"{el.get('class', '')} {el.get('id', '')}".split()
    return bool(_parts(el) & _CARD_PARTS) or any(_CARD_CLASS.search(c) for c in classes)


def _media_box(el: HtmlElement, players_only: bool) -> bool:
    """A picture, a video or an embed, or an element holding one and no text: what a credit follows. A
    picture counts only in a box of its own with the line (``players_only`` else): under the headline, a
    lead picture is as often followed by the article's byline."""
    if not isinstance(el.tag, str):
        return False
    media = list(el.iter(*(_PLAYER_TAGS if players_only else _MEDIA_TAGS)))
    if not media or (el.tag not in _MEDIA_TAGS and el.text_content().strip()):
        return False
    return not all(_avatar(m) for m in media)


def _whole_line(el: HtmlElement, text: str) -> bool:
    """Whether an inline element's ``text`` is its paragraph's, but for a date beside it ("<span>By Jane
    Doe</span> <time>March 5, 2024</time>"), not the lead-in of a longer one."""
    block = next((up for up in el.iterancestors() if up.tag not in _INLINE_TAGS), None)
    if block is None:
        return False
    whole = _short_text(block, 400)
    rest = whole.replace(text, " ", 1).strip(" |,·-–—") if text in whole else whole
    return not rest or is_dateline(rest)


def _avatar(img: HtmlElement) -> bool:
    """The author's small picture beside a byline, not a photo it credits."""
    if img.tag != "img":
        return False
    sizes = [img.get("width", ""), img.get("height", "")]
    small = any(s.isdigit() and int(s) <= 120 for s in sizes)
    return small or bool(_AVATAR.search(f"{img.get('class', '')} {img.get('src', '')}"))


def _card_link(box: HtmlElement, byline: HtmlElement, limit: int) -> bool:
    """A small box (``limit`` characters) holding a link to another page beside ``byline``: a card of
    another story ("<div><a href='/veto'>Mayor vetoes bus plan</a><p>By Mary Major</p></div>")."""
    if box is byline or len(_short_text(box, limit)) > limit:
        return False
    inside = set(byline.iter())
    for a in box.iter("a"):
        if a in inside or _NO_CARD_LINK.search(a.get("href", "#") or "#"):
            continue
        words = [w for w in a.text_content().split() if any(c.isalpha() for c in w)]
        if len(words) >= 2 or any(not _avatar(m) for m in a.iter("img", "picture")):
            return True
    return False


def _other_lines(box: HtmlElement, byline: HtmlElement) -> Iterator[str]:
    """The text pieces of ``box`` besides ``byline``'s and those of links that make no card (share
    buttons, the author's page)."""
    skip = set(byline.iter())
    for a in box.iter("a"):
        if _NO_CARD_LINK.search(a.get("href", "#") or "#"):
            skip.update(a.iter())
    for el in box.iter():
        if el not in skip and isinstance(el.tag, str) and el.tag not in ("script", "style"):
            yield " ".join((el.text or "").split())
        if el is not box and el.getparent() not in skip:
            yield " ".join((el.tail or "").split())


def _details_list(box: HtmlElement, byline: HtmlElement) -> bool:
    """Whether the byline stands among other short lines of ``box`` (a book's title, its publisher and
    price; a product's maker): a details box, whose "By" names the book's or the product's author, not
    the article's (a review). Dates beside the byline are its own; prose in the box is the article's."""
    lines: list[str] = []
    for line in _other_lines(box, byline):
        if len(line) > BYLINE_ZONE_PROSE:
            return False
        lines.append(line)
    rest = " ".join(line for line in lines if line).strip(" |,·•-–—/")
    return bool(_NOT_ALNUM.sub("", rest)) and not is_dateline(rest)


def _neighbours(el: HtmlElement) -> list[HtmlElement]:
    """The elements just before and after ``el`` when it stands between two (no headline or heading): a
    line with short lines on both sides is one of a list (a book's details: title, "By ...", publisher).
    A byline under the headline has one neighbour only, and a short line after it (a role, "5 min
    read", a short lede) does not make it a list (a review found such bylines lost)."""
    near = [el.getprevious(), el.getnext()]
    kept = [n for n in near if n is not None and isinstance(n.tag, str) and n.tag not in _PLAIN_BYLINE_STOP]
    return kept if len(kept) == 2 else []


def _standfirst(el: HtmlElement, text: str, h1_up: set[HtmlElement], descriptions: frozenset[str]) -> bool:
    """A paragraph above the byline that is the piece's standfirst, not its text: classed so, the page's
    description, or in the ``<header>`` that holds the headline."""
    key = _compact(text)
    return (
        any(_parts(b) & _STANDFIRST_PARTS for b in _own_boxes(el, h1_up))
        or any(key == d or (len(key) > 30 and key in d) for d in descriptions)
        or any(up.tag == "header" and up in h1_up for up in el.iterancestors())
    )


def _plain_byline(h1: HtmlElement | None, descriptions: frozenset[str] = frozenset()) -> list[str]:
    """The names of a byline without byline markup, "<p>By Jane Doe</p>", between the headline and the
    article's text: the first short element there whose whole text reads as a byline as text inputs'
    are read ("By A and B", "By A | date", "By A, date"), each name of two words or more. It must come
    before the article's first paragraph of text (a standfirst aside: classed so, the page's
    ``descriptions``, compacted, or in the headline's ``<header>``) and before any other heading,
    ``<article>`` or headline-long link, outside comments, related and recommended boxes, asides,
    pictures' captions and credits (also a line right after a picture or a video) and cards of other
    stories (a box with a link to another page). A review found such bylines deleted from the body and
    never read as the author; a later one, bold lead-ins ("<strong>By Mail:</strong> Voters ..."),
    photo credits and story cards read as the author."""
    if h1 is None:
        return []
    inside = set(h1.iterdescendants())
    h1_up = set(h1.iterancestors())
    started = False
    seen = 0
    for el in h1.getroottree().iter():
        if el is h1:
            started = True
            continue
        if not started or not isinstance(el.tag, str) or el in inside:
            continue
        seen += 1
        if el.tag in _PLAIN_BYLINE_STOP or seen > BYLINE_ZONE_ELEMENTS:
            break
        text = _short_text(el)
        if el.tag == "a" and len(text) >= _HEADLINE_LINK:
            break  # a link named like a headline: a teaser of another story
        if el.tag == "p" and len(text) > BYLINE_ZONE_PROSE:
            if not _standfirst(el, text, h1_up, descriptions):
                break  # the article's text has begun: a byline below it is a credit or another story's
            continue
        if (
            el.tag not in _PLAIN_BYLINE_TAGS
            or len(text) > _PLAIN_BYLINE_CHARS
            or not BYLINE_PREFIX.match(text)
        ):
            continue
        if el.tag in _INLINE_TAGS and not _whole_line(el, text):
            continue  # a lead-in of a longer paragraph
        boxes = _own_boxes(el, h1_up)
        if (
            _in_comments(el)
            or _parts(el) & (COMMENT_PARTS | TEASER_PARTS)
            or any(up.tag in _NOT_THE_ARTICLE_S for up in el.iterancestors())
            or any(_card_class(b) for b in boxes)
            or any(not _avatar(m) for m in el.iter(*_MEDIA_TAGS))  # a picture's box, a card
            or any(
                _media_box(p, players_only=b is boxes[-1])
                for b in boxes
                if (p := b.getprevious()) is not None
            )
            or any(_card_link(b, el, _CARD_CHARS) for b in boxes[1:])
            or (
                any(_details_list(b, el) for b in boxes[1:])
                if boxes[1:]
                else bool(near := _neighbours(el)) and all(_details_list(b, el) for b in near)
            )
        ):
            continue
        dated = byline_and_date(text) or byline_comma_date(text)
        names = dated[0] if dated else parse_byline(text)
        if names is not None and all(len(n.split()) >= 2 for n in names) and not _by_idiom(names):
            return names  # [] for "By The Associated Press": a byline, naming no person
    return []


def _by_idiom(names: list[str]) -> bool:
    """Whether a "By ..." line's one "name" is an English idiom ("Popular Demand", "Any Means"; "The Way",
    "The" and one word, is no person's name either), not a person's: a byline may stand below it. A line
    of several names is a byline ("By Jane Doe, All Things Considered": the program is no idiom)."""
    if len(names) != 1:
        return False
    words = names[0].lower().split()
    return bool(words) and (words[0] in _BY_IDIOM_WORDS or (len(words) == 2 and words[0] == "the"))


def _byline_word(cls: str) -> bool:
    """A class or id word of a byline in German, Spanish, Italian or French, as a whole word ("autor",
    "autorenzeile"), not inside another ("autorefresh", "autorotate": a review). Most classes hold none
    of their letters: a substring test first (splitting every element's classes cost 0.7 ms a page)."""
    if "aut" not in cls and "verf" not in cls and "signat" not in cls and "submit" not in cls:
        return False
    return any(t in BYLINE_WORDS or t.startswith(BYLINE_WORD_PREFIXES) for t in _CLASS_WORD.split(cls) if t)


def _without_listings(
    found: list[tuple[str, HtmlElement, str]], near: set[HtmlElement] | None = None
) -> list[tuple[str, HtmlElement, str]]:
    """Drop the authors of lists of other articles: a first class word met three times or more under
    different parents, as "kontextliste-autor" is. When the article's byline stands by its headline
    (``near``), the group's elements there stay (unless they are themselves such a list) and the rest
    go, however often the class recurs in a sidebar, a "Columnists" rail or a "More from" list (reviews
    found the article's byline and its co-authors dropped with such lists); without one, the first
    element stays when it stands outside the others' list. Nested elements are one byline, and so are
    co-authors' cards side by side, with their names, a short bio each and links to their pages."""
    groups: dict[str, list[int]] = {}
    for i, (_, _, word) in enumerate(found):
        groups.setdefault(word, []).append(i)
    bylined = near is not None and any(el in near for _, el, _ in found)
    drop: set[int] = set()
    for idx in groups.values():
        els = [found[i][1] for i in idx]
        if len(els) < LISTING_BYLINES or any(_inside(a, b) for a in els for b in els if a is not b):
            continue
        by_headline = [e for e in els if near is not None and e in near]
        if _one_byline(els) and (by_headline or not bylined):
            continue
        if bylined:
            inner_list = (
                len(by_headline) >= LISTING_BYLINES
                and len({e.getparent() for e in by_headline}) > 1
                and not _one_byline(by_headline)
            )
            drop.update(i for i, e in zip(idx, els, strict=True) if inner_list or e not in by_headline)
            continue
        if len({e.getparent() for e in els}) == 1:
            continue
        listing = _common_ancestor(els[1:])
        first_apart = listing is not None and not _inside(els[0], listing)
        drop.update(idx[1:] if first_apart else idx)
    return [f for i, f in enumerate(found) if i not in drop]


def _inside(el: HtmlElement, scope: HtmlElement) -> bool:
    return el is scope or any(up is scope for up in el.iterancestors())


def _common_ancestor(els: list[HtmlElement]) -> HtmlElement | None:
    paths = [[*reversed(list(e.iterancestors())), e] for e in els]
    common = None
    for level in zip(*paths, strict=False):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common


def _one_byline(els: list[HtmlElement]) -> bool:
    """Whether the elements stand together with little text beside their own: co-authors' cards."""
    holder = _common_ancestor(els)
    if holder is None:
        return False
    names = {n for e in els if (n := clean(e.text_content()))}
    for a in holder.iter("a"):
        text = clean(a.text_content())
        if text and not any(n in text for n in names):
            return False  # a link to something else: another article's headline ("More by X" is X's)
    own = sum(len(e.text_content()) for e in els)
    return len(holder.text_content()) - own <= BYLINE_OTHER_CHARS * len(els)  # a short bio each


def _absolute(candidate: str | None, url: str | None) -> str | None:
    if not candidate or not candidate.strip():
        return None
    out = urljoin(url or "", candidate.strip())
    return out if out.startswith(("http://", "https://")) else None


# --- the whole page ------------------------------------------------------------------------------


def _meta_map(tree: HtmlElement) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                meta.setdefault(key.strip().lower(), []).append(content)
    return meta


def _microdata(tree: HtmlElement) -> dict[str, list[str]]:
    """itemprop values outside <meta> (those are in the meta map): datetime, content, href or text."""
    props: dict[str, list[str]] = {}
    for el in _ITEMPROPS(tree):
        key = str(el.get("itemprop")).strip().lower()
        value = el.get("datetime") or el.get("content") or el.get("href") or el.get("src")
        if value is None and el.tag == "abbr":  # hAtom's <abbr title="2012-03-04T18:42:00-08:00"> (Blogger)
            value = el.get("title")
        if value is None and key in ("datepublished", "datemodified", "datecreated", "headline", "name"):
            value = el.text_content()
        if value is None and key == "author" and el.get("itemscope") is not None:
            # <span itemprop="author" itemscope><meta itemprop="name" content=...>: kept apart, as teaser
            # cards below an article are such items too (a benchmark page's, with other writers)
            key, value = _AUTHOR_ITEM, _item_name(el)
        if value:
            props.setdefault(key, []).append(value)
    return props


# The names of microdata Person items that are an ``author``: the last resort of ``page_meta``.
_AUTHOR_ITEM = "author item"


def _item_name(item: HtmlElement) -> str | None:
    """The ``name`` property of a microdata item (a Person): a ``<meta content>`` or an element's text."""
    for el in item.iter():
        if el is not item and str(el.get("itemprop") or "").strip().lower() == "name":
            return str(el.get("content") or el.text_content())
    return None


def _tags(values: list[str]) -> list[str]:
    """Tags without CMS tokens ("@river", "_no-apple-news", "type_news", "/article", "[NAME]", "tc", a
    lone quote, "No Autolink") and without repeats, also in slug form ("Joe Biden", "joe-biden"). A
    value that is a list ("a,b,c", "a, b, c") is split; "Beshear, Andrew" and "Krisen, Krieg und
    Konflikte" are one tag."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = clean(value) or ""
        pieces = text.split(",") if re.search(r",\S", text) or text.count(",") > 1 else [text]
        for tag in (clean(t) or "" for t in pieces):
            key = _compact(tag)
            if (
                not key
                or key in seen
                or len(tag) >= 80
                or ":" in tag
                or tag[0] in "@_/[{#&"
                or _CMS_TAG.search(tag)
                or (len(tag) <= 2 and not tag.isupper())
                or tag.lower() in CMS_TAGS
            ):
                continue
            seen.add(key)
            out.append(tag)
    return out[:40]


def _section(value: Any, meta: dict[str, list[str]]) -> str | None:
    """JSON-LD ``articleSection``, else the section meta tags; a list (JSON or written with commas:
    "Region, News, Wirtschaft, Newsletter", the post's categories and keywords) gives way to a single
    meta value, else its first item counts. Placeholders, slugs of initials ("a-e-d") and generic words
    ("post", "Articles", "All", "Uncategorized") are no section; "News - News" is "News"."""
    items = value if isinstance(value, list) else [value]
    ld = [t for item in items if (t := _first_str(item, "name"))]
    listed = len(ld) > 1 or any(_SECTION_LIST.search(t.strip(" ,;|")) for t in ld)
    metas = [v for key in META_SECTION for v in meta.get(key, [])[:1]]
    ordered = [*metas, *ld] if listed else [*ld, *metas]
    for raw in ordered:
        for piece in _SECTION_LIST.split(clean(raw) or ""):
            if section := _section_name(piece):
                return section
    return None


def _section_name(text: str) -> str | None:
    text = text.strip(" ,;|/-–—·»")
    parts = [p.strip() for p in _TITLE_SEP.split(text)]
    if len(parts) > 1 and len({p.lower() for p in parts}) == 1:
        text = parts[0]  # "News - News"
    if (
        not text
        or len(text) > 60
        or len(text.split()) > 6
        or _PLACEHOLDER.search(text)
        or text.lower() in GENERIC_SECTIONS
        or re.fullmatch(r"(?:[^\W\d_]-)+[^\W\d_]", text)  # "a-e-d": a slug of initials
    ):
        return None
    return text


def _pick(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if got := clean(value):
                return got
    return None


def _title_parts(title: str) -> tuple[list[str], list[str]]:
    """``Headline | Site`` -> (["Headline", "Site"], [" | "]); never split inside quotes
    ("Benjamin Näßler: «Liebe kennt keine Pause – gegen Homophobie»")."""
    parts: list[str] = []
    seps: list[str] = []
    start = 0
    # The quotes before each separator, counted as the title is read (counting the whole text before each
    # one made a title of thousands of separators cost time growing with their square).
    counts = dict.fromkeys(_QUOTE_CHARS, 0)
    counted = 0
    last_close = title.rfind("»")
    for m in _PART_SEP.finditer(title):
        for q in _QUOTE_CHARS:
            counts[q] += title.count(q, counted, m.start())
        counted = m.start()
        if _quotes_open(counts) or ("«" in m.group() and m.start() < last_close):
            continue
        if "«" in m.group():
            counts["«"] -= 1  # a separator, no quotation: not counted as one opened when the next is
        parts.append(title[start : m.start()])
        seps.append(m.group())
        start = m.end()
    parts.append(title[start:])
    return parts, seps


_QUOTE_CHARS = '«»‹›()"„“”'


def _quotes_open(c: dict[str, int]) -> bool:
    """A quotation or parenthesis opened and not closed (German „...“ included), from the counts of
    ``_QUOTE_CHARS`` in the text before."""
    return (
        c["«"] > c["»"]
        or c["‹"] > c["›"]
        or c["("] > c[")"]
        or c['"'] % 2 == 1
        or c["„"] > c["“"]
        or c["“"] - c["„"] > c["”"]
    )


def _is_site(text: str, sites: frozenset[str]) -> bool:
    """The text names the site (its name, host, publisher or logo, ``sites``) or is a piece of that
    name ("IBU" of "International Biathlon Union - IBU"), navigation ("Blog Archive") or a date."""
    key = _compact(text)
    # A date is short: on a long run of digits the pattern's two digit runs made the match quadratic.
    stripped = text.strip()
    if not key or key in _NAV_KEYS or (len(stripped) <= 40 and _DATE_SEGMENT.fullmatch(stripped)):
        return True
    words = set(_WORDS.findall(text.lower()))
    # The site's name written as its host: "KSL.com", "nj.com", "Stuff.co.nz" beside "KSL", "nj", "Stuff"
    # (review: "kslcom" was compared with "ksl").
    domain = _SITE_DOMAIN.match(stripped)
    for site in sites:
        if key == _compact(site) or (domain and _compact(domain[1]) == _compact(site)):
            return True
        if words and words <= set(_WORDS.findall(site.lower())) and len(key) >= 3:
            return True
    return False


def _strip_site(title: str, site_keys: frozenset[str], *, whole: bool = True) -> str:
    """``Headline | Site`` -> ``Headline``: drop the leading or trailing segments that name the site.
    A headline from og:title or an ``<h1>`` is otherwise kept whole (its colons and dashes are part of
    it); from ``<title>`` (``whole=False``) a short last or first segment is taken for the site."""
    key = _compact(title)
    if any(key == _compact(site) for site in site_keys):
        return title  # the whole title is the site's name (a home page): nothing to strip
    parts, seps = _title_parts(title)
    while len(parts) > 1 and _is_site(parts[-1], site_keys):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and _is_site(parts[0], site_keys):
        parts.pop(0)
        seps.pop(0)
    if not whole and len(parts) > 1 and len(parts) == len(_title_parts(title)[0]):
        usable = [i for i, sep in enumerate(seps) if sep.strip() != ":"]  # "Tempête Ciaran : des ..."
        total = len(title)
        if usable and usable[-1] == len(seps) - 1 and _short_segment(parts[-1], total):
            parts.pop()
            seps.pop()
        elif usable and usable[0] == 0 and _short_segment(parts[0], total):
            parts.pop(0)
            seps.pop(0)
    out = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
    return _DANGLING.sub("", out).strip() or title


def _without_author_segment(title: str, authors: list[str]) -> str:
    """ "Host your Node app on Dokku - Tim Perry" -> the headline: a last segment that is the author's
    name (Medium's and blogs' titles; a benchmark page's JSON-LD headline), after a dash or a bar, not a
    colon ("Interview: Jane Doe" is the headline)."""
    keys = {_compact(a) for a in authors}
    parts, seps = _title_parts(title)
    while len(parts) > 1 and seps[-1].strip() != ":" and _compact(_BY.sub("", parts[-1])) in keys:
        parts.pop()
        seps.pop()
    out = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
    return out.strip() or title


_BY = re.compile(r"^\s*(?:by|von|par|por|di)\s+", re.I)


def _singular_and_plural(section: str | None) -> tuple[str, ...]:
    """ "Opinions" and "Opinion": a section named one way labels titles the other way (review)."""
    if not section or not section.strip():
        return ()
    name = section.strip()
    return (name, name[:-1]) if name.lower().endswith("s") and len(name) > 3 else (name, f"{name}s")


def _short_segment(part: str, total: int) -> bool:
    return len(part.split()) <= 4 and len(part) < total / 2


def _logo_h1(h1: HtmlElement) -> bool:
    """An ``<h1>`` that is the site's logo or name: classed so, or a link to the site's home page."""
    if _parts(h1) & _LOGO_PARTS:
        return True
    for el in (h1, *itertools.islice(h1.iterancestors(), 3)):
        if _LOGO_TOKENS.intersection(f"{el.get('class', '')} {el.get('id', '')}".lower().split()):
            return True
    links = [a for a in itertools.islice(h1.iterancestors(), 2) if a.tag == "a"] + list(h1.iter("a"))
    for a in links:
        href = (a.get("href") or "").strip()
        if (
            href
            and urlsplit(href).path in ("", "/")
            and not urlsplit(href).query
            and not href.startswith("#")
        ):
            return True
    return False


def _heading_text(el: HtmlElement) -> str | None:
    """A heading's text without ruby annotations (the readings printed over Japanese characters)."""
    if next(el.iter("rt", "rp"), None) is None:
        return clean(el.text_content())
    return clean("".join(t for t in el.xpath(".//text()[not(ancestor::rt) and not(ancestor::rp)]")))


def _without_kicker(h1: HtmlElement, text: str, head_key: str) -> str:
    """The headline without a kicker element before it ("<span>Trade</span><span>Senate confirms ...
    </span>", read glued as "TradeSenate confirms ..."): the text after the heading's first elements when
    that is what the ``<title>`` names as the headline (``head_key``, compacted). A review found the
    kicker glued on where the ``<title>`` holds only the headline."""
    key = _compact(text)
    if len(head_key) < 10 or key == head_key or not key.endswith(head_key):
        return text
    el = h1
    while len(el) == 1 and not (el.text or "").strip() and not (el[0].tail or "").strip():
        el = el[0]  # a link or a wrapper around the kicker and the headline
    for i in range(len(el)):
        rest = (el[i - 1].tail or "" if i else "") + "".join(
            c.text_content() + (c.tail or "") for c in el[i:]
        )
        if _compact(rest) == head_key:
            return clean(rest) or text
    return text


def _title_from_page(tree: HtmlElement, title_text: str | None, site_keys: frozenset[str]) -> str | None:
    """Without a structured title: the first ``<h1>`` that is neither the site's logo nor navigation
    (one that the ``<title>`` holds first), else the ``<title>`` without its site segment."""
    h1s = []
    head_key = _compact(_strip_site(title_text, site_keys, whole=False)) if title_text else ""
    for h1 in itertools.islice(tree.iter("h1"), 6):
        text = _heading_text(h1)
        if text and not _logo_h1(h1) and not _is_site(text, site_keys):
            h1s.append(_without_kicker(h1, text, head_key))
    if title_text:
        in_title = [t for t in h1s if _compact(t) in _compact(title_text)]
        if in_title:
            best = max(in_title, key=len)
            head = _strip_site(title_text, site_keys, whole=False)
            if head and head != best and _NOT_ALNUM.sub("", head) == _NOT_ALNUM.sub("", best):
                # The <title> spells the same words with their spaces and colon: a kicker <span> glued
                # to the headline ("Krieg in der UkraineSelenskyj fordert ...", review).
                return head
            return best
    if h1s:
        return h1s[0]
    if title_text:
        return _strip_site(title_text, site_keys, whole=False)
    return None


def dates_locale(hint: str | None, languages: tuple[str, ...], tree: HtmlElement) -> str | None:
    """The run's or source's locale, else Persian when the page declares Persian and no other language:
    its numeric dates ("1401-07-20" in datePublished, "۱۴۰۱/۰۷/۲۰" under the headline) are Solar Hijri
    then, as with a source's locale fa (they were refused, review). Other declared languages stay no
    locale for the dates: a bare ``en`` or a theme's ``lang`` says little about how a page writes them
    (``extract_html._page_locale``).

    Persian beside another language (a theme's ``<html lang="en">`` next to ``og:locale`` fa_IR) is fa
    when the page's paragraphs are in Persian: ``extract_html._language`` then names the page Persian
    too (the declared language its body is written in), and its dates are the Persian site's. The body
    is not extracted yet (dates come first), so its ``<p>`` text is what is detected; only such pages pay
    for it. An English or Arabic text keeps no locale: its 1401/07/20 may be anything."""
    if hint:
        return hint
    declared = set(languages)
    if not declared & SOLAR_HIJRI_LANGUAGES:
        return None
    if declared <= SOLAR_HIJRI_LANGUAGES:
        return "fa"
    text = " ".join(p.text_content() for p in itertools.islice(tree.iter("p"), 30))
    return "fa" if detect_language(text) in SOLAR_HIJRI_LANGUAGES else None


def page_meta(tree: HtmlElement, url: str | None, locale: str | None = None) -> PageMeta:
    """Read every metadata field the page offers; dates are returned as raw candidates. ``locale``: the
    run's or source's, which ``dates_locale`` prefers."""
    meta = _meta_map(tree)
    micro = _microdata(tree)
    objs = _jsonld_objects(tree)
    canonical = _canonical_link(tree)
    pages = frozenset(k for k in (_url_key(url), _url_key(canonical)) if k) if len(objs) > 1 else frozenset()
    art = _article(objs, pages) or {}
    pm = PageMeta()

    publisher = art.get("publisher")
    org_name = next(
        (_first_str(o, "name") for o in objs if _types(o) & {"organization", "newsmediaorganization"}), None
    )
    labels = _host_labels(url)
    title_tag = next(iter(tree.iter("title")), None)
    title_text = clean(title_tag.text_content()) if title_tag is not None else None
    # Names the page gives its site, most trusted first; a Twitter handle is only a last resort.
    named = [
        _pick(meta, ("og:site_name",)),
        _first_str(publisher, "name"),
        org_name,
        _pick(meta, ("application-name",)),
    ]
    pm.site_name = _site_name(named, labels)
    # A publisher meta tag often names the owner (a person, a company); a Twitter account is a handle
    # ("@SputnikInt", "@bafa_bund") unless the value is written as a name ("네이버 뉴스").
    later = [_pick(meta, (key,)) for key in META_SITE_NAME if key not in ("og:site_name", "application-name")]
    handle = _pick(meta, META_SITE_HANDLE)
    if handle and not _HANDLE.match(handle):
        later.append(handle)
        handle = None
    # What names the site in a title: its name, publisher, host, logo <h1>, and the section as a label
    # ("Opinion | Headline").
    logos = [_heading_text(h) for h in itertools.islice(tree.iter("h1"), 6) if _logo_h1(h)]
    site_keys = frozenset(
        n
        for n in (
            pm.site_name,
            named[0],  # og:site_name with its tagline, as titles repeat it
            _first_str(publisher, "name"),
            handle and _handle(handle),
            *_host_names(url),
            *_title_edge_sites(title_text, labels),
            *logos,
            *_singular_and_plural(_pick(meta, META_SECTION)),
        )
        if n
    )
    # Structured titles first; one that only names the site (og:title = og:site_name) gives way.
    structured = [
        clean(_first_str(art.get("headline"), "name")),
        *(clean(v) for key in META_TITLE for v in meta.get(key, [])[:1]),
        *(clean(v) for v in micro.get("headline", [])[:2]),
    ]
    usable = [t for t in structured if t and not _is_site(_strip_site(t, site_keys), site_keys)]
    if usable:
        # A headline cut short (JSON-LD's 110 characters) gives way to a longer copy of it.
        first = usable[0]
        cut = len(first) >= 90 or first.endswith(("…", "..."))
        stem = first.rstrip(" .…")
        longer = [t for t in usable if t.startswith(stem) and not _TITLE_SEP.match(t[len(stem) :])]
        pm.title = max(longer, key=len) if cut and longer else first
    else:
        pm.title = _title_from_page(tree, title_text, site_keys)
    if pm.title:
        pm.title = _strip_site(pm.title, site_keys)
    if not pm.site_name or _HOST_NAME.match(pm.site_name):
        # No name, or only a host ("www.newsnation.in"): the <title>'s segment beside the headline
        # ("Headline - The New York Times", "Python Insider: Headline"), else the host-like name,
        # else a handle that is the host's ("@tagesspiegel"), not a campaign's or a person's.
        from_title = _title_site(title_text, pm.title, labels, _pick(meta, META_SECTION))
        handle_name = _handle(handle) if handle else None
        pm.site_name = (
            (from_title if from_title and not (pm.site_name and _HOST_NAME.match(from_title)) else None)
            or _site_name(later, labels)
            or pm.site_name
            or (handle_name if handle_name and _related(handle_name, labels) else None)
        )
    if pm.site_name and _HOST_NAME.match(pm.site_name):
        pm.site_name = re.sub(r"^(?:https?://)?(?:www\d?\.)?|/$", "", pm.site_name)

    brands = (
        frozenset(
            n.lower()
            for o in objs
            if _types(o) & {"organization", "newsmediaorganization", "corporation"}
            and isinstance(n := o.get("name"), str)
        )
        | frozenset(n.lower() for n in [_first_str(publisher, "name")] if n)
        | _host_names(url)
    )
    # Most trusted source first, and only the first that names a person: JSON-LD's author (where a
    # person is told from an organisation), then meta tags (where the publisher's name often stands,
    # "Condé Nast"), then microdata and byline markup.
    by_id = _by_id(objs)
    ld_authors = _names(art.get("author"), by_id) or _names(art.get("creator"), by_id)
    meta_authors = [
        v
        for key in META_AUTHOR
        for v in meta.get(key, [])
        if not v.startswith("@") and (key != "twitter:creator" or " " in v.strip())  # a handle is no name
    ]
    # The byline scan walks the whole tree, and most pages name their author before it: only then.
    names = person_names(ld_authors, pm.site_name, brands) or person_names(meta_authors, pm.site_name, brands)
    pm.headline_el = headline(tree, pm.title)  # the byline below and the dateline both stand after it
    if not names:
        near = _byline_scope(pm.headline_el)
        names = person_names(micro.get("author", []) + _byline_texts(tree, near), pm.site_name, brands)
    if not names:  # only then the first author item's name (teaser cards' items name other writers)
        names = person_names(micro.get(_AUTHOR_ITEM, [])[:1], pm.site_name, brands)
    if not names:  # a byline with no markup under the headline ("<p>By Jane Doe</p>")
        lead_texts = [
            *(v for key in META_DESCRIPTION for v in meta.get(key, [])),
            _first_str(art.get("description"), "text"),
        ]
        leads = frozenset(_compact(d) for d in lead_texts if d and len(_compact(d)) > 30)
        names = person_names(_plain_byline(pm.headline_el, leads), pm.site_name, brands)
    pm.authors = names[:10]
    if pm.title and pm.authors:
        pm.title = _without_author_segment(pm.title, pm.authors)

    others = (_pick(meta, ("og:url",)), _first_str(art.get("mainEntityOfPage"), "@id"))
    pm.canonical_url = next(
        (c for c in (_absolute(u, url) for u in (canonical, *others)) if c and not home_of_another(c, url)),
        None,
    )

    html_lang = tree.get("lang") or tree.get("xml:lang")
    declared = (_first_str(art.get("inLanguage"), "name"), html_lang, _pick(meta, META_LANGUAGE))
    pm.languages = tuple(
        dict.fromkeys(
            lang.strip().replace("_", "-").split("-")[0].lower()
            for lang in declared
            if lang and _LANG.match(lang.strip())
        )
    )
    pm.language = pm.languages[0] if pm.languages else None
    pm.locale = next(
        (
            lang.strip()
            for lang in declared
            if lang and REGIONAL.match(lang.strip()) and lang.strip()[:2].lower() == pm.language
        ),
        None,
    )
    pm.dates_locale = dates_locale(locale, pm.languages, tree)

    pm.section = _section(art.get("articleSection"), meta)

    tags: list[str] = [v for key in ("article:tag",) for v in meta.get(key, [])]
    keywords = art.get("keywords")
    if isinstance(keywords, str):
        tags += keywords.split(",")
    elif isinstance(keywords, list):
        tags += [k for k in keywords if isinstance(k, str)]
    if not tags:
        for key in META_TAGS[1:]:
            if key in meta:
                tags += meta[key][0].split(",")
                # Plain <meta name="keywords"> is often the same on every page of a site.
                pm.site_keywords = key == "keywords"
                break
    pm.tags = _tags(tags)

    # Escaped markup in a meta value ("&lt;a class=...&gt;Read More&lt;/a&gt;") is unescaped by clean();
    # its tags are not text. A description that repeats the title or the site's name says nothing.
    descriptions = [
        *(v for key in META_DESCRIPTION for v in meta.get(key, [])),
        _first_str(art.get("description"), "text"),
    ]
    for value in descriptions:
        text = clean(_TAG.sub(" ", _END_LINK.sub("", clean(value) or "")))
        if text and _compact(text) not in {_compact(pm.title or ""), _compact(pm.site_name or "")}:
            pm.description = text
            break
    images = [v for key in META_IMAGE for v in meta.get(key, [])] + _all_str(art.get("image"), "url")
    for image in filter(None, map(clean, images)):
        image = urljoin(url or "", image)
        if image.startswith(("http://", "https://")) and not _stock_image(image, pm.site_name):
            pm.lead_image_url = image
            break

    body = art.get("articleBody")
    pm.article_body = body.strip() if isinstance(body, str) and body.strip() else None

    free = art.get("isAccessibleForFree")
    parts = art.get("hasPart")
    part_list = parts if isinstance(parts, list) else [parts]
    pm.paywalled = (
        _is_false(free)
        or any(isinstance(p, dict) and _is_false(p.get("isAccessibleForFree")) for p in part_list)
        or any(
            v.strip().lower() in PAYWALL_META for key in ("article:content_tier",) for v in meta.get(key, [])
        )
    )

    for key in ("datePublished", "dateCreated", "uploadDate"):
        if value := _first_str(art.get(key), "@value"):
            pm.published.append((value, "json-ld"))
    for key in ("dateModified",):
        if value := _first_str(art.get(key), "@value"):
            pm.modified.append((value, "json-ld"))
    pm.published += [(v, "meta") for key in META_PUBLISHED for v in meta.get(key, [])[:1]]
    pm.modified += [(v, "meta") for key in META_MODIFIED for v in meta.get(key, [])[:1]]
    pm.published += [
        (v, "microdata") for key in ("datepublished", "datecreated") for v in micro.get(key, [])[:2]
    ]
    pm.modified += [(v, "microdata") for v in micro.get("datemodified", [])[:1]]
    pm.modified += modified_times(tree, pm.headline_el)[:1]
    # Only a Persian locale reaches the ranking (its Solar Hijri dateline can be read there); other run
    # locales keep the ranking's locale-free parse, as before.
    ranking_locale = pm.dates_locale if solar_locale(pm.dates_locale) else None
    pm.published = rank_published(pm.published, pm.modified, tree, url, pm.headline_el, ranking_locale)
    # Nested main entities too: a WebPage whose mainEntity is the NewsArticle (found by review).
    nested = [
        e
        for o in objs
        for v in (o.get("mainEntity"),)
        for e in (v if isinstance(v, list) else [v])
        if isinstance(e, dict)
    ]
    pm.page_types = frozenset(t for o in (*objs, *nested) for t in _types(o))
    pm.og_type = (_pick(meta, ("og:type",)) or "").strip().lower() or None
    return pm
