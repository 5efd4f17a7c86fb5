"""Extract an article from one JSON lines record of already-extracted text.

Field names differ between tools (news-please writes ``maintext`` and ``date_publish``, others write
``text``, ``body`` or ``content``); the accepted aliases are listed once below, first match wins.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from typing import Any

from . import json_input
from .clean import split_names
from .dates import parse_date
from .dates_value import date_value
from .errors import RejectInput
from .html_fragment import fragment_text, looks_like_html
from .language import canonical_language
from .locales import usable_locale
from .read import RECORD_BODY_KEYS, RECORD_URL_KEYS, record_url
from .records import DateValue, Extracted

ALIASES: dict[str, tuple[str, ...]] = {
    "body": RECORD_BODY_KEYS,
    "title": ("title", "headline", "webTitle"),
    "url": RECORD_URL_KEYS,
    "authors": ("authors", "author", "byline", "creator", "fields.byline"),
    "published": (
        "date",
        "published",
        "webPublicationDate",
        "published_at",
        "publishedAt",
        "date_publish",
        "date_published",
        "publish_date",  # newspaper3k / newspaper4k
        "publication_date",
        "published_date",
        "pubDate",
        "datePublished",
        "pubdate",
    ),
    "modified": (
        "modified",
        "updated",
        "date_modify",
        "date_modified",
        "modified_at",
        "dateModified",
        "updated_at",
        "updatedAt",
        "last_modified",
        "lastModified",
        "fields.lastModified",  # the Guardian's API
    ),
    "image": (
        "image",
        "image_url",
        "urlToImage",
        "top_image",
        "lead_image_url",
        "thumbnail",
        "fields.thumbnail",
        "meta_img",
    ),
    "language": ("language", "lang", "inLanguage", "meta_lang"),
    "source": (
        "source",
        "source_domain",
        "site",
        "publisher",
        "site_name",
        "source-hostname",
        "hostname",
        "domain",  # cc_news
    ),
    "site_name": ("site_name", "sitename", "meta_site_name", "source-hostname"),
    "canonical_url": ("canonical_url", "canonical_link", "canonical"),
    # The page's own description before a summary a tool wrote (newspaper's "summary" is its NLP).
    "description": ("description", "meta_description", "excerpt", "fields.trailText", "summary", "lead"),
    "section": ("section", "sectionName", "category", "categories"),
    # The page's keywords before a tool's (newspaper's "keywords" are its NLP).
    "tags": ("tags", "meta_keywords", "keywords"),
}


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_SENTENCE_END = re.compile(r"""[.!?…:"'”’»)\]]\s*$""")


def _lines_are_paragraphs(body: str) -> bool:
    """Whether half the lines or more (the last aside) end a sentence: paragraphs (and a heading or two
    among them) do, lines wrapped at a column mostly do not."""
    lines = [line for line in body.splitlines() if line.strip()][:-1]
    return bool(lines) and 2 * sum(bool(_SENTENCE_END.search(line)) for line in lines) >= len(lines)


# The end of a snippet an API cut: "...the mayor said… [+2345 chars]".
_SNIPPET_END = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")


def _snippet_end(body: str) -> int | None:
    """Where an API's "[+2345 chars]" marker (and the ellipsis before it) starts, if the body ends so.
    Searched in the last 200 characters only: over a whole body, a run of a few thousand spaces or
    newlines made the search take seconds (each start tried every split of the run)."""
    trimmed = body.rstrip()  # the pattern's own trailing \s* would take these; the window must not
    if not trimmed.endswith("chars]"):
        return None
    found = _SNIPPET_END.search(trimmed, max(0, len(trimmed) - 200))
    return found.start() if found else None


def _pick(record: dict[str, Any], field: str) -> Any:
    return _pick_key(record, field)[1]


def _pick_key(record: dict[str, Any], field: str) -> tuple[str | None, Any]:
    """The first alias of ``field`` the record fills, and its value."""
    for key in ALIASES[field]:
        value = _get(record, key)
        if not _blank(value):
            return key, value  # a blank "text" must not hide the "body" after it
    return None, None


# What tools write for a missing value: news-please's str(None) "None", pandas' "NaN", a literal "null".
_NO_VALUE = frozenset({"none", "null", "nan", "n/a"})


def _blank(value: Any) -> bool:
    """None, "", [] and a list of those (newspaper's empty meta_keywords are [""]), and the words dumps
    write for nothing (news-please's "None" dates landed as date errors, review)."""
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    return value is None or (
        isinstance(value, str) and (not value.strip() or value.strip().lower() in _NO_VALUE)
    )


def _get(record: dict[str, Any], key: str) -> Any:
    """``record[key]``; a dotted key looks inside nested objects (the Guardian's ``fields.bodyText``)."""
    if "." not in key:
        return record.get(key)
    value: Any = record
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):  # schema.org's "name" / "@value", the Guardian's "webTitle", WordPress's
        # "rendered" ({"content": {"rendered": "<p>..."}}), mongoexport's {"$date": ...}
        value = (
            value.get("name")
            or value.get("@value")
            or value.get("webTitle")
            or value.get("rendered")
            or value.get("$date")
        )
        if isinstance(value, dict):  # {"$date": {"$numberLong": "1665570180000"}}
            value = value.get("$numberLong")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def _date(
    record: dict[str, Any], field: str, *, locale: str | None, tz: str | None, ref: datetime | None
) -> DateValue:
    """A date field: a string or an epoch number; the first of a list; anything else kept with a reason
    (``true`` or an object without a value used to vanish, as if the record had no date)."""
    key, value = _pick_key(record, field)
    if isinstance(value, list) and value:
        value = value[0]
    text = _as_text(value)
    twin = record.get(f"{key}_gmt")
    if text is not None and isinstance(twin, str) and (zoned := _with_gmt_twin(text, twin, ref)):
        return zoned
    if text is not None or value is None:
        return date_value(text, "record", locale=locale, tz=tz, ref=ref)
    shown = json.dumps(value, ensure_ascii=False)[:200]
    return DateValue(None, None, shown, "record", None, f"not a date: a JSON {_json_type(value)}")


def _with_gmt_twin(local: str, gmt: str, ref: datetime | None) -> DateValue | None:
    """WordPress's REST API writes ``"date"`` in the site's time and ``"date_gmt"`` in UTC, both without
    an offset: the instant is the second's, the offset their difference (the local one alone was read as
    UTC, hours off). None unless both read as naive times a whole quarter-hour apart, within a day."""
    wall = parse_date(local, ref=ref)
    instant = parse_date(gmt, ref=ref)
    if wall.utc is None or instant.utc is None or wall.offset_minutes is not None:
        return None
    if instant.offset_minutes not in (None, 0) or wall.precision not in ("minute", "second"):
        return None
    minutes, rest = divmod((wall.utc - instant.utc).total_seconds(), 60)
    if rest or minutes % 15 or abs(minutes) > 14 * 60:
        return None
    return DateValue(instant.utc, int(minutes), local, "record", wall.precision)


def _json_type(value: Any) -> str:
    """JSON's own names: "null", "array", "string", "number" (not Python's NoneType, list, str, int)."""
    names = {bool: "boolean", dict: "object", list: "array", str: "string", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _image(value: Any) -> str | None:
    """An image field: a URL, the first of a list, or an ImageObject's ``url`` / ``contentUrl``."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id")
    return value.strip() or None if isinstance(value, str) else None


def _as_list(value: Any) -> list[str]:
    """Names or labels: a number is none (WordPress's REST API gives ``"author": 3``, ``"tags": [7, 9]``:
    ids of other records, which loaded as an author "3" and tags "7", "9")."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = None if _is_number(item) else _as_text(item)
        if text:
            out.append(text)
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_LIST_SEPARATOR = re.compile(r"[,;]")


def _tags(value: Any) -> list[str]:
    """Tags: a list, or one string of them separated by commas or semicolons (trafilatura's "a;b"). Of
    the Guardian's tag objects only the keywords: the others name its contributors, tone or series."""
    if isinstance(value, str):  # decoded first: "Arts &amp; Culture" was cut at its semicolon (review)
        return [t.strip() for t in _LIST_SEPARATOR.split(_unescape(value)) if t.strip()]
    if isinstance(value, list):  # the Guardian's tags are the objects with a webTitle
        value = [
            v for v in value if not (isinstance(v, dict) and "webTitle" in v and v.get("type") != "keyword")
        ]
    return [_unescape(t) for t in _as_list(value)]


def _first_of(value: Any) -> str | None:
    """One value where a field may hold several (trafilatura's categories "Local;Politics", a list); a
    comma stays: "Arts, Culture & Entertainment" is one section."""
    if isinstance(value, list):
        value = value[0] if value else None
    text = None if _is_number(value) else _as_text(value)  # WordPress's "categories": [5], an id
    if text:
        text = _unescape(text)  # "Arts &amp; Culture" was cut at its semicolon to "Arts &amp" (review)
    if text and ";" in text:
        text = next((t.strip() for t in text.split(";") if t.strip()), None)
    return text


# A character reference with its semicolon: "&amp;", "&#39;", "&#x2019;" ("Q&A", "R&D" and HTML's legacy
# "&copy" without one are text).
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescape(text: str) -> str:
    """Character references decoded: dumps copy titles and texts from the page's source ("Rates &amp; bonds")."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m[0]), text)


def _body_text(value: Any) -> str | None:
    """The body; a list of strings is its paragraphs (Scrapy items hold what ``extract()`` returned: the
    record was rejected as having no text)."""
    if isinstance(value, list):
        paragraphs = [p.strip() for p in value if isinstance(p, str) and p.strip()]
        return "\n\n".join(paragraphs) or None
    return _as_text(value)


def _plain(value: Any) -> str | None:
    """A short text field as plain text: APIs keep the site's markup in titles and descriptions
    ("<p>In <b>April</b>", "Rates &amp; bonds"); of a list (a Scrapy item's), the first value."""
    if isinstance(value, list):
        value = next((v for v in value if not _blank(v)), None)
    text = _as_text(value)
    if not text:
        return None
    plain, markup = _markup_free(text)
    return (" ".join(plain.split()) if markup else plain) or None


def _markup_free(text: str) -> tuple[str, bool]:
    """``text`` without markup and character references, and whether it had markup, also when the markup
    came escaped ("&lt;p&gt;In &lt;b&gt;April&lt;/b&gt;", as API and feed-derived dumps hold it)."""
    if looks_like_html(text):
        return fragment_text(text), True
    unescaped = _unescape(text)
    if unescaped != text and looks_like_html(unescaped):
        return fragment_text(unescaped), True
    return unescaped, False


def extract_record(
    line: bytes | str,
    *,
    locale: str | None = None,
    tz: str | None = None,
    ref: datetime | None = None,
) -> Extracted:
    try:
        record = json_input.loads_record(line)  # also a record written with a comma after it
    # Bad JSON, bad bytes, a number of 4,300 digits or more: the record's own fault (too deep a nesting is
    # RecursionError, which process_document reports as extract/too_deep).
    except ValueError as exc:
        raise RejectInput("extract", "invalid_json", f"not a JSON object: {exc}") from exc
    if not isinstance(record, dict):
        raise RejectInput(
            "extract", "invalid_json", f"expected a JSON object, got a JSON {_json_type(record)}"
        )
    body = _body_text(_pick(record, "body"))
    markup = False
    if body:  # dumps often keep the site's markup: "<p>The mayor said ...</p>", escaped or not
        body, markup = _markup_free(body)
    if body and not markup and "\n" in body and not _BLANK_LINE.search(body) and _lines_are_paragraphs(body):
        # An extractor's one paragraph per line (trafilatura's "text"): a line break is a paragraph break
        # (they were run into one paragraph). Hard-wrapped text, its lines ending mid-sentence, stays.
        body = "\n\n".join(line for line in body.splitlines() if line.strip())
    truncated = False
    if body and (cut := _snippet_end(body)) is not None:  # NewsAPI's content: "... [+2345 chars]"
        body, truncated = body[:cut].rstrip(), True
    if not body or not body.strip():
        keys = ", ".join(ALIASES["body"])
        raise RejectInput("extract", "no_body", f"the record has no article text (looked for: {keys})")
    # In order, each once: a dict, as a list's "not in" grows with the square of thousands of authors.
    # Character references decoded first: "Jos&eacute; Garc&iacute;a" was split at its semicolons (review).
    authors = list(
        dict.fromkeys(n for raw in _as_list(_pick(record, "authors")) for n in split_names(_unescape(raw)))
    )
    tags = _tags(_pick(record, "tags"))
    language = _as_text(_pick(record, "language"))
    url = record_url(record)
    source_key, source = _pick_key(record, "source")
    if isinstance(source, str) and source.strip() == url:  # trafilatura's "source" is the page's URL
        source = next((v for k in ALIASES["source"][1:] if (v := _get(record, k)) not in (None, "")), None)
    elif source_key == "domain" and not (isinstance(source, str) and _HOST.match(source.strip())):
        source = None  # cc_news's domain is a host; elsewhere a "domain" may be a topic ("politics")
    # The record's own language decides day/month order and month words when the source set none.
    locale = locale or usable_locale(canonical_language(language))
    return Extracted(
        body=body,
        title=_plain(_pick(record, "title")),
        authors=authors,
        published=_date(record, "published", locale=locale, tz=tz, ref=ref),
        modified=_date(record, "modified", locale=locale, tz=tz, ref=ref),
        url=url,
        canonical_url=_as_text(_pick(record, "canonical_url")),
        language=language,
        source=_plain(source),
        site_name=_plain(_pick(record, "site_name")),
        description=_plain(_pick(record, "description")),
        lead_image_url=_image(_pick(record, "image")),
        is_truncated=truncated,
        section=_first_of(_pick(record, "section")),
        tags=tags,
    )
