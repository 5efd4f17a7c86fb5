"""Extract an article from one JSON lines record of already-extracted text.

Field names differ between tools (news-please writes ``maintext`` and ``date_publish``, others write
``text``, ``body`` or ``content``); the accepted aliases are listed once below, first match wins.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from . import json_input
from .clean import split_names
from .dates_value import date_value
from .errors import RejectInput
from .html_fragment import fragment_text, looks_like_html
from .locales import usable_locale
from .read import RECORD_BODY_KEYS, RECORD_URL_KEYS
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
        "published_date",
        "pubDate",
        "datePublished",
        "pubdate",
    ),
    "modified": (
        "modified",
        "updated",
        "date_modify",
        "modified_at",
        "dateModified",
        "updated_at",
        "updatedAt",
    ),
    "image": ("image", "image_url", "urlToImage", "top_image", "lead_image_url", "thumbnail"),
    "language": ("language", "lang", "inLanguage"),
    "source": ("source", "source_domain", "site", "publisher", "site_name"),
    "description": ("description", "summary", "lead"),
    "section": ("section", "category"),
    "tags": ("tags", "keywords"),
}


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
    for key in ALIASES[field]:
        value = _get(record, key)
        if value not in (None, "", []) and not (isinstance(value, str) and not value.strip()):
            return value  # a blank "text" must not hide the "body" after it
    return None


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
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def _date(
    record: dict[str, Any], field: str, *, locale: str | None, tz: str | None, ref: datetime | None
) -> DateValue:
    """A date field: a string or an epoch number; the first of a list; anything else kept with a reason
    (``true`` or an object without a value used to vanish, as if the record had no date)."""
    value = _pick(record, field)
    if isinstance(value, list) and value:
        value = value[0]
    text = _as_text(value)
    if text is not None or value is None:
        return date_value(text, "record", locale=locale, tz=tz, ref=ref)
    shown = json.dumps(value, ensure_ascii=False)[:200]
    return DateValue(None, None, shown, "record", None, f"not a date: a JSON {_json_type(value)}")


def _json_type(value: Any) -> str:
    return {bool: "boolean", dict: "object", list: "list"}.get(type(value), type(value).__name__)


def _image(value: Any) -> str | None:
    """An image field: a URL, the first of a list, or an ImageObject's ``url`` / ``contentUrl``."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id")
    return value.strip() or None if isinstance(value, str) else None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = _as_text(item)
        if text:
            out.append(text)
    return out


def extract_record(
    line: bytes | str,
    *,
    locale: str | None = None,
    tz: str | None = None,
    ref: datetime | None = None,
) -> Extracted:
    try:
        record = json_input.loads(line)
    # Bad JSON, bad bytes, a number of 4,300 digits or more: the record's own fault (too deep a nesting is
    # RecursionError, which process_document reports as extract/too_deep).
    except ValueError as exc:
        raise RejectInput("extract", "invalid_json", f"not a JSON object: {exc}") from exc
    if not isinstance(record, dict):
        raise RejectInput("extract", "invalid_json", f"expected a JSON object, got {type(record).__name__}")
    body = _as_text(_pick(record, "body"))
    if body and looks_like_html(body):  # dumps often keep the site's markup: "<p>The mayor said ...</p>"
        body = fragment_text(body)
    truncated = False
    if body and (cut := _snippet_end(body)) is not None:  # NewsAPI's content: "... [+2345 chars]"
        body, truncated = body[:cut].rstrip(), True
    if not body or not body.strip():
        keys = ", ".join(ALIASES["body"])
        raise RejectInput("extract", "no_body", f"the record has no article text (looked for: {keys})")
    # In order, each once: a dict, as a list's "not in" grows with the square of thousands of authors.
    authors = list(dict.fromkeys(n for raw in _as_list(_pick(record, "authors")) for n in split_names(raw)))
    tags_value = _pick(record, "tags")
    tags = (
        [t.strip() for t in tags_value.split(",") if t.strip()]
        if isinstance(tags_value, str)
        else _as_list(tags_value)
    )
    language = _as_text(_pick(record, "language"))
    # The record's own language decides day/month order and month words when the source set none.
    locale = locale or usable_locale(language)
    return Extracted(
        body=body,
        title=_as_text(_pick(record, "title")),
        authors=authors,
        published=_date(record, "published", locale=locale, tz=tz, ref=ref),
        modified=_date(record, "modified", locale=locale, tz=tz, ref=ref),
        url=_as_text(_pick(record, "url")),
        language=language,
        source=_as_text(_pick(record, "source")),
        description=_as_text(_pick(record, "description")),
        lead_image_url=_image(_pick(record, "image")),
        is_truncated=truncated,
        section=_as_text(_pick(record, "section")),
        tags=tags,
    )
