"""Discovery documents: the feeds and sitemaps a crawl reads, asked for conditionally and kept.

Each feed or sitemap (root or child) has one row in ``discovery_documents`` (migration 005): its
validators (``etag``, ``last_modified``), where its last body is in the ``RawStore`` (``raw_key``) and
what that body needs to be parsed again (``final_url``, ``content_type``). Before a fetch the row is
looked up and its validators sent; a 200 lands the body in the raw store and replaces the row; a 304
reads the body back from the raw store and only moves ``last_checked_at`` (and ``last_modified`` when
the 304 matched the stored ETag and sent a newer date). A 304 that names another version than the
stored one (``fetch.confirms``, RFC 9111 4.3.4) is not trusted: the document is asked for again at once,
whole. A raw body that is missing is asked for whole (no validators), and one found corrupt after a
304 too. Either way the caller parses
the same bytes it would have downloaded, so a 304 discovers the same items.

A child sitemap whose fetch failed (a warning of its source, not a reject) has a row in
``discovery_failures`` (migration 012) and is not asked for again until the pages' retry back-off
(``crawl_backoff``) has passed, or its index lists it with a ``<lastmod>`` later than the failure:
``held`` says so before a fetch, ``failed`` notes a failure, and a fetch that succeeds removes the row.

Warehouse access stays off the network: rows are read on short read-only connections before a fetch,
and what changed is written by ``save`` in one short transaction after the source's last fetch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warehouse.db import reading, writing

from .crawl_backoff import NO_WAIT_REASONS, Failure, waiting
from .crawl_report import waiting_for
from .discover import DiscoveredItem, fetch_due
from .fetch import DISCOVERY_MAX_BYTES, Fetcher, FetchError, FetchResult, confirms, parse_content_type
from .rawstore import RawStore, RawStoreError
from .records import Rejected
from .sources import Source

KINDS = ("feed", "sitemap")
_COLUMNS = "url, final_url, content_type, etag, last_modified, raw_key"
_UPSERT = (
    "INSERT INTO discovery_documents (url, source, kind, final_url, http_status, content_type, etag, "
    "last_modified, raw_key, fetched_at, last_checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (url) DO UPDATE SET source = excluded.source, kind = excluded.kind, "
    "final_url = excluded.final_url, http_status = excluded.http_status, "
    "content_type = excluded.content_type, etag = excluded.etag, last_modified = excluded.last_modified, "
    "raw_key = excluded.raw_key, fetched_at = excluded.fetched_at, last_checked_at = excluded.last_checked_at"
)
_FAILED = (
    "INSERT OR REPLACE INTO discovery_failures (url, source, reason, detail, failures, failed_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True, slots=True)
class Stored:
    """A discovery document's row: what a conditional GET sends, and what re-parsing its body needs."""

    url: str
    final_url: str
    content_type: str | None
    etag: str | None
    last_modified: str | None
    raw_key: str


@dataclass(frozen=True, slots=True)
class Body:
    """A feed or sitemap to parse: downloaded now, or read back from the raw store after a 304."""

    data: bytes
    final_url: str
    charset: str | None  # named by the Content-Type header, never guessed
    not_modified: bool


class DiscoveryDocuments:
    """One source's feed and sitemap fetches: conditional from the stored row, bodies kept in the raw store.

    ``downloaded`` and ``unchanged`` count the documents that came with a body and those the server
    called unchanged (304). Call ``save`` once the source's discovery is over.
    """

    def __init__(
        self,
        db: Path,
        store: RawStore,
        fetcher: Fetcher,
        source: Source,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.db, self.store, self.fetcher, self.source, self.say = db, store, fetcher, source, say
        self.downloaded = 0
        self.unchanged = 0
        self._known: dict[str, Stored] | None = None  # the source's rows, read on first use
        self._rows: dict[str, list[Any]] = {}  # url -> the row a download replaces
        # url -> (last_checked_at, etag, last_modified) after a 304
        self._checked: dict[str, tuple[datetime, str | None, str | None]] = {}
        self._failures: dict[str, Failure] | None = None  # child sitemaps that failed, read on first use
        self._failed: dict[str, list[Any]] = {}  # url -> the discovery_failures row a failure writes
        self._recovered: set[str] = set()  # failed before, fetched now: their rows go
        self.held_back: set[str] = set()  # child sitemaps ``held`` kept from a request this run

    def fetch(self, url: str, kind: str) -> Body:
        """The document at ``url``, conditionally; raises the fetcher's errors like ``Fetcher.fetch``."""
        if kind not in KINDS:
            raise ValueError(f"discovery documents are {' or '.join(KINDS)}, not {kind!r}")
        known = self.lookup(url)
        if known is not None and not self.store.has(known.raw_key):
            known = None  # its body is gone from the raw store: a 304 would leave nothing to parse
        result = self._get(url, known)
        if result.body is None:
            assert known is not None  # ``_get`` refuses a 304 to a request that named no version
            # A 304 naming another version than the stored one confirms nothing: ask for the whole body,
            # as when the kept one is corrupt or was removed since ``has``.
            data = self._kept(known) if confirms(result, known.etag, known.last_modified) else None
            if data is None:
                result = self._get(url, None)
            else:
                self.unchanged += 1
                # The stored ETag stays; the 304 that matched it may bring a newer Last-Modified
                # (RFC 9111 4.3.4: a 304 updates only the stored response its validator selects).
                self._checked[url] = (
                    result.fetched_at,
                    known.etag,
                    result.last_modified or known.last_modified,
                )
                _, charset = parse_content_type(known.content_type)
                self._fetched(url)
                return Body(data, known.final_url, charset, not_modified=True)
        assert result.body is not None
        key = self.store.put(result.body)
        content_type = result.headers.get("content-type")
        self._rows[url] = [
            url,
            self.source.name,
            kind,
            result.final_url,
            result.status,
            content_type,
            result.etag,
            result.last_modified,
            key,
            result.fetched_at,
            result.fetched_at,
        ]
        self._checked.pop(url, None)
        self.downloaded += 1
        self._fetched(url)
        return Body(result.body, result.final_url, result.charset, not_modified=False)

    def held(self, url: str, listed: DiscoveredItem | None = None) -> Failure | None:
        """The last failure of the sitemap at ``url`` while its retry back-off (or the source's
        ``retry_failed``) has not passed: then it is not asked for (and counted in ``held_back``, for the
        run's ``--retry-failed`` hint). ``None``: ask for it, also when ``listed`` (its entry in its
        index) has a ``<lastmod>`` later than the failure, as for a page (``crawl.retry_due``)."""
        failure = self._failure(url)
        if failure is None or not waiting(failure, self.source.retry_failed):
            return None
        if listed is not None and fetch_due(listed, failure.at, tz=self.source.timezone, earliest=True)[0]:
            return None  # changed since it failed: a dead child that came back was held for days
        self.held_back.add(url)
        return failure

    def failed(self, url: str, r: Rejected) -> None:
        """A child sitemap's fetch failed: one more failure in a row (an interrupted run counts none)."""
        before = self._failure(url)
        count = (before.count if before else 0) + (r.reason not in NO_WAIT_REASONS)
        self._failed[url] = [url, self.source.name, r.reason, r.detail, count, datetime.now(UTC)]
        self._recovered.discard(url)

    def _failure(self, url: str) -> Failure | None:
        if self._failures is None:  # the whole table: only failing child sitemaps, few rows
            with reading(self.db) as con:
                rows = con.execute(
                    "SELECT url, failed_at, reason, failures, detail FROM discovery_failures"
                ).fetchall()
            self._failures = {r[0]: Failure(r[1], r[2], int(r[3]), r[4]) for r in rows}
        return self._failures.get(url)

    def _fetched(self, url: str) -> None:
        # ``held`` was asked before every child sitemap's fetch, so its failures are read by now.
        if self._failures and url in self._failures:
            self._recovered.add(url)

    def lookup(self, url: str) -> Stored | None:
        """The stored row for ``url``: the source's rows are read once, another URL on its own."""
        if self._known is None:
            with reading(self.db) as con:
                rows = con.execute(
                    f"SELECT {_COLUMNS} FROM discovery_documents WHERE source = ?", [self.source.name]
                ).fetchall()
            self._known = {r[0]: Stored(*r) for r in rows}
        if url in self._known:
            return self._known[url]
        # New to this source (a new child sitemap, or a URL another source fetched last).
        with reading(self.db) as con:
            row = con.execute(f"SELECT {_COLUMNS} FROM discovery_documents WHERE url = ?", [url]).fetchone()
        return Stored(*row) if row else None

    def save(self) -> None:
        """Write the downloads and 304 checks in one short transaction (nothing else is held meanwhile)."""
        if not (self._rows or self._checked or self._failed or self._recovered):
            return
        with writing(self.db) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                for row in self._rows.values():
                    con.execute(_UPSERT, row)
                for url, (when, etag, last_modified) in self._checked.items():
                    con.execute(
                        "UPDATE discovery_documents SET last_checked_at = ?, etag = ?, last_modified = ? "
                        "WHERE url = ?",
                        [when, etag, last_modified, url],
                    )
                for row in self._failed.values():
                    con.execute(_FAILED, row)
                for url in self._recovered:
                    con.execute("DELETE FROM discovery_failures WHERE url = ?", [url])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        self._rows.clear()
        self._checked.clear()
        self._failed.clear()
        self._recovered.clear()
        self._known = self._failures = None  # read again next time: the rows just changed

    def _kept(self, known: Stored) -> bytes | None:
        try:
            return self.store.get(known.raw_key)
        except RawStoreError:
            return None

    def _get(self, url: str, known: Stored | None) -> FetchResult:
        with waiting_for(self.source.name, url, self.say):
            result = self.fetcher.fetch(
                url,
                etag=known.etag if known else None,
                last_modified=known.last_modified if known else None,
                rate_limit=self.source.rate_limit,
                max_bytes=max(self.fetcher.max_bytes, DISCOVERY_MAX_BYTES),
            )
        if result.body is None and known is None:
            raise FetchError("http_304", "304 Not Modified to a request that named no version", url)
        return result
