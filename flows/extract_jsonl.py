"""Extract an article from one JSON lines record of already-extracted text.

Field names differ between tools (news-please writes ``maintext`` and ``date_publish``, others write
``text``, ``body`` or ``content``); the accepted aliases are listed once below, first match wins.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from . import json_input
from .clean import split_names
from .dates_value import date_value
from .errors import RejectInput
from .read import RECORD_URL_KEYS
from .records import Extracted

ALIASES: dict[str, tuple[str, ...]] = {
    "body": ("text", "body", "maintext", "content", "article", "articleBody", "article_body"),
    "title": ("title", "headline"),
    "url": RECORD_URL_KEYS,
    "authors": ("authors", "author", "byline", "creator"),
    "published": ("date", "published", "published_at", "date_publish", "pubDate", "datePublished", "pubdate"),
    "modified": ("modified", "updated", "date_modify", "modified_at", "dateModified", "updated_at"),
    "language": ("language", "lang", "inLanguage"),
    "source": ("source", "source_domain", "site", "publisher", "site_name"),
    "description": ("description", "summary", "lead"),
    "section": ("section", "category"),
    "tags": ("tags", "keywords"),
}


def _pick(record: dict[str, Any], field: str) -> Any:
    for key in ALIASES[field]:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


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
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RejectInput("extract", "invalid_json", f"not a JSON object: {exc}") from exc
    if not isinstance(record, dict):
        raise RejectInput("extract", "invalid_json", f"expected a JSON object, got {type(record).__name__}")
    body = _as_text(_pick(record, "body"))
    if not body or not body.strip():
        keys = ", ".join(ALIASES["body"])
        raise RejectInput("extract", "no_body", f"the record has no article text (looked for: {keys})")
    authors: list[str] = []
    for raw in _as_list(_pick(record, "authors")):
        authors.extend(n for n in split_names(raw) if n not in authors)
    tags_value = _pick(record, "tags")
    tags = (
        [t.strip() for t in tags_value.split(",") if t.strip()]
        if isinstance(tags_value, str)
        else _as_list(tags_value)
    )
    return Extracted(
        body=body,
        title=_as_text(_pick(record, "title")),
        authors=authors,
        published=date_value(_as_text(_pick(record, "published")), "record", locale=locale, tz=tz, ref=ref),
        modified=date_value(_as_text(_pick(record, "modified")), "record", locale=locale, tz=tz, ref=ref),
        url=_as_text(_pick(record, "url")),
        language=_as_text(_pick(record, "language")),
        source=_as_text(_pick(record, "source")),
        description=_as_text(_pick(record, "description")),
        section=_as_text(_pick(record, "section")),
        tags=tags,
    )
