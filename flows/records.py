"""The records handed from one stage to the next.

``RawDocument`` (read/fetch) -> ``Extracted`` (extract) -> ``ArticleRow`` (clean, ready to load).
Anything dropped on the way becomes a ``Rejected`` with the stage and a machine-readable reason,
so that every input ends in the warehouse as a loaded article, a known duplicate or a reject.
"""

from __future__ import annotations

import hashlib
import operator
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Literal, TypeVar

Stage = Literal["read", "decode", "extract", "dates", "clean", "load", "fetch"]
Kind = Literal["text", "jsonl", "html"]
Outcome = Literal["loaded", "updated", "unchanged", "duplicate", "rejected"]
# The five things that can become of an input, in the order summaries list them.
OUTCOMES: tuple[Outcome, ...] = ("loaded", "updated", "unchanged", "duplicate", "rejected")


T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle a slots dataclass as its class and its field values, for records that cross between the
    parsing processes and the loader. Python's own pickling of slots dataclasses calls ``fields()`` for
    every object, on both sides: about 2 us per record, much of it in the loading process."""
    own = fields(cls)  # type: ignore[arg-type]
    if len(own) < 2 or any(not f.init or f.kw_only for f in own):
        raise TypeError(f"{cls.__name__}: needs two fields or more, all positional __init__ arguments")
    values = operator.attrgetter(*(f.name for f in own))  # a tuple, with two names or more

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


def stable_id(*parts: str) -> str:
    """Short, stable identifier: the same inputs give the same id on every machine and run."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:24]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FetchMeta:
    """How a fetched document was obtained, kept in ``documents`` for conditional GETs and audits."""

    requested_url: str
    final_url: str
    http_status: int
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    raw_key: str | None = None  # content address of the raw body in the raw store


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Hints:
    """What a feed or sitemap said about a page; used only where the page itself is silent."""

    title: str | None = None
    published_text: str | None = None
    author: str | None = None
    summary: str | None = None
    evidence: str = "feed"  # "feed" or "sitemap"
    modified_text: str | None = None  # a feed entry's <updated> (later than its date), a sitemap's <lastmod>


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class RawDocument:
    """One raw input: a file, one record of a JSON lines file, or one fetched body."""

    origin: str  # where it came from: an absolute file path, ``path#L12`` for a JSONL record, or a URL
    kind: Kind
    data: bytes
    path: str | None = None  # the file it was read from, if any
    record_no: int | None = None  # 1-based line number inside a JSON lines file
    url: str | None = None  # the URL the document is known by (fetched URL or a JSONL ``url``)
    read_at: datetime | None = None  # when the bytes were read from disk
    # When a local file was last written (its mtime), if plausible: what "2 hours ago" in a saved page or
    # a dump means, rather than the moment it is ingested.
    written_at: datetime | None = None
    fetched_at: datetime | None = None  # when the bytes were fetched over HTTP
    http_charset: str | None = None  # charset named by an HTTP Content-Type header
    source: str | None = None  # source name (from the sources file or the caller)
    locale: str | None = None  # source locale hint for dates and language, e.g. ``en_GB``
    timezone: str | None = None  # source default timezone, e.g. ``Europe/Berlin``
    fetch: FetchMeta | None = None  # set for documents fetched over HTTP
    hints: Hints | None = None  # metadata from the feed or sitemap that listed the page

    @property
    def document_id(self) -> str:
        return stable_id("doc", self.origin)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as loaded: UTC instant plus what it was made from."""

    utc: datetime | None  # timezone-aware, in UTC; None when nothing could be parsed
    offset_minutes: int | None  # offset of the original text from UTC; None when unknown
    text: str | None  # the original string, exactly as found
    evidence: str | None  # where it came from: header, json-ld, meta, time-element, feed, url, text ...
    precision: str | None = None  # minute, second, day, month
    error: str | None = None  # why ``text`` could not be parsed, when ``utc`` is None


NO_DATE = DateValue(utc=None, offset_minutes=None, text=None, evidence=None)


@dataclass(slots=True)
class Extracted:
    """What an extractor found in one document, before cleaning. Body is paragraphs split by blank lines."""

    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: DateValue = NO_DATE
    modified: DateValue = NO_DATE
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    source: str | None = None
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    lead_image_url: str | None = None
    is_truncated: bool = False
    paywalled: bool = False
    encoding: str | None = None


@pickled_by_fields
@dataclass(slots=True)
class ArticleRow:
    """One normalised article, ready to load; column names match the ``articles`` table."""

    article_id: str
    document_id: str
    source: str | None
    url: str | None
    canonical_url: str | None
    title: str | None
    authors: list[str]
    published: DateValue
    modified: DateValue
    language: str | None
    body: str
    word_count: int
    content_hash: str
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    lead_image_url: str | None = None
    is_truncated: bool = False
    paywalled: bool = False


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not become an article, and why (``reason`` is a short code, ``detail`` prose)."""

    stage: Stage
    reason: str
    detail: str


@pickled_by_fields
@dataclass(slots=True)
class Processed:
    """The outcome of one raw document: its metadata for ``documents`` plus an article or a reject."""

    document: RawDocument
    encoding: str | None
    article: ArticleRow | None = None
    rejected: Rejected | None = None
