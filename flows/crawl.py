"""Crawl: the sources file's web and file sources into the warehouse, as plain functions.

Per source: discover (feed, sitemap, URL list; feeds and sitemaps asked for conditionally and kept,
``crawl_discovery.py``; a feed or root sitemap whose last reading failed waits out the pages' retry
back-off, ``source_failure``) -> decide (what the warehouse already knows, one query per source;
``<lastmod>``; already loaded unless the source asks for refresh; a page whose last fetch failed waits
out its back-off, ``crawl_backoff.py``; ``max_items`` caps what is fetched, ``choose``) -> fetch
(conditional GET, threads bounded by the fetcher's concurrency) and land the raw body in the
``RawStore`` -> process (worker processes, ``crawl_pool.py``) -> load (``load_batch``). ``files`` sources are in
``crawl_files.py``, the run's report in ``crawl_report.py``. ``crawl_flow.py`` wraps these steps in
Prefect tasks; ``run_plain`` composes them without Prefect.

Every selected item ends as exactly one outcome: skipped because unchanged (lastmod, already loaded,
304) counts as ``unchanged``; a fetch failure is ``rejected`` with stage ``fetch``; everything fetched
gets its outcome from the load. A URL an earlier source of the same run fetched is not selected again
(``earlier``: counted beside the outcomes, as a page listed twice in one source is); one it found
unchanged is fetched when this source's lastmod says it changed. Pages that were due but are over
``max_items`` (``left``) or still waiting out their retry back-off (``held``) are not selected either:
counted in the source's line, without an outcome.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal

from warehouse.db import check_location, reading, writing

from .config import resolved
from .crawl_backoff import NO_WAIT_REASONS, Failure, held_until, waiting
from .crawl_discovery import KINDS, DiscoveryDocuments
from .crawl_files import crawl_files_source
from .crawl_pool import LazyPool, process_batch
from .crawl_report import CrawlSummary, FetchProgress, SourceReport, source_line
from .discover import (
    DiscoveredItem,
    DiscoverError,
    UnreadIndex,
    fetch_due,
    parse_feed,
    select_counted_for,
    url_key,
    walk_sitemaps,
)
from .errors import ConfigError
from .fetch import Fetcher, FetchError, FetchTransientError, confirms
from .ingest import Summary, finish_run, start_run, unreadable_problem
from .ingest import close_failed as ingest_close_failed
from .load import (
    FETCH_REJECT_SCHEMA,
    Counts,
    _delete_where_in,
    _ids,
    _insert,
    _lookup,
    _reject_dict,
    load_batch,
    registered,
)
from .pipeline import FileResult
from .rawstore import RawStore
from .read import InputFile
from .records import FetchMeta, Hints, Processed, RawDocument, Rejected, stable_id
from .repair import Repair, repair_stale
from .sources import Source, SourcesConfig
from .urls import MAY_CHANGE, URL_STEM_SQL, key_before_query_kept, stems_of

ENV_RAW_DIR = "WIREHOUSE_RAW_DIR"
# A source's pages are loaded as they come: a batch is the pages that finished, this many or what
# finished within this many seconds, whichever comes first (the pages still in flight go on into the
# next batch), loaded in one transaction (three task runs in Prefect). So an interrupted crawl keeps all
# but the last few seconds of what it fetched, one slow page holds back no other, and memory holds
# about one batch of bodies.
LOAD_EVERY_PAGES = 100
LOAD_EVERY_SECONDS = 10.0

Progress = Callable[[str], None]
# A placeholder file record so fetched documents can go through ``load_batch``; its ``sha256=None``
# keeps it out of ``input_files``.
_WEB = InputFile(path="<web>", kind="html", size_bytes=0, mtime_ns=0)


def raw_root(db: Path, raw_dir: str | Path | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """Where raw bodies live: ``--raw-dir``, then ``$WIREHOUSE_RAW_DIR``, then ``raw/`` beside the db."""
    chosen = str(raw_dir) if raw_dir else environ.get(ENV_RAW_DIR, "").strip()
    return resolved(Path(chosen), "the raw folder") if chosen else db.parent / "raw"


def writable_raw_root(root: Path) -> Path:
    """``root``, created if need be. A path that cannot hold raw bodies is a ``ConfigError`` before the
    run starts: it was a FileNotFoundError or NotADirectoryError after the first feed, and a failed run."""
    where = f"raw directory {root} (--raw-dir or {ENV_RAW_DIR})"
    try:
        not_a_folder = not stat.S_ISDIR(root.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        not_a_folder = False  # nothing there: created below, or refused there
    except OSError as exc:  # in a folder that cannot be entered, a name over 255 bytes: Path.exists raised
        raise ConfigError(f"{where}: cannot be opened: {exc.strerror or exc}") from exc
    if not_a_folder:
        raise ConfigError(f"{where}: is a file, not a directory")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{where}: cannot be created: {exc.strerror or exc}") from exc
    if not os.access(root, os.W_OK | os.X_OK):
        raise ConfigError(f"{where}: not writable")
    return root


def choose_sources(
    config: SourcesConfig, name: str | None = None, retry_failed: bool = False
) -> list[Source]:
    """All sources, or the one named (``ConfigError`` listing the known names if there is none);
    ``retry_failed`` (``wirehouse crawl --retry-failed``) makes each ask for its failed pages and feed or
    sitemap this run, back-off or not, as the source's ``retry_failed = true`` would."""
    chosen = [config.get(name)] if name else list(config.sources)
    return [replace(s, retry_failed=0.0) for s in chosen] if retry_failed else chosen


# -- records -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Discovered:
    """A web source's selected items, or the reason its feed or sitemap could not be read."""

    items: list[DiscoveredItem]
    found: int = 0
    warning: str | None = None
    problem: Rejected | None = None
    held: Failure | None = None  # its feed or sitemap failed before and waits out its back-off: not asked
    downloaded: int = 0  # feeds and sitemaps that came with a body
    unchanged: int = 0  # feeds and sitemaps the server called unchanged (304), parsed from the raw store
    held_sitemaps: int = 0  # child sitemaps not asked for: their last fetch failed, their back-off runs
    known: dict[str, Known] = field(default_factory=dict)  # what the warehouse holds for these item URLs
    failed: dict[str, Failure] = field(default_factory=dict)  # whose last fetch failed (stored or not)
    unusable: dict[str, int] = field(default_factory=dict)  # links that name nothing fetchable, by why
    repeated: int = 0  # listings of a page listed before (the same URL up to fragment and tracking)
    excluded: int = 0  # pages the source's include / exclude patterns left out


@dataclass(frozen=True, slots=True)
class Known:
    """What the warehouse holds for a URL, for the fetch decision and the conditional GET."""

    etag: str | None
    last_modified: str | None
    fetched_at: datetime | None
    status: str
    sha256: str
    origin: str = ""  # the stored document's key (see ``page_origin``); empty: the listed URL's own


def page_origin(url: str, known: Known | None = None) -> str:
    """The key of a listed page's document (``documents.origin``): its ``url_key``, so that a later run
    listing it with other tracking parameters, a fragment or another case of host finds the same document
    (they were new documents, and a changed text a "duplicate" of the first). A document stored before
    keys were normalised keeps the URL it was listed with."""
    return known.origin if known is not None and known.origin else url_key(url)


@dataclass(frozen=True, slots=True)
class Touch:
    """A fetch that confirmed the stored document (304, or the same bytes): refresh its fetch metadata."""

    document_id: str
    fetched_at: datetime
    etag: str | None
    last_modified: str | None


@dataclass(slots=True)
class Fetched:
    """One batch after fetching: new bodies to process, confirmations and failures."""

    docs: list[RawDocument] = field(default_factory=list)
    touched: list[Touch] = field(default_factory=list)
    failures: list[tuple[str, Rejected]] = field(default_factory=list)  # (page_origin, reject)
    # The URL each page was listed with, by its page_origin: for the rejects under its older keys, which
    # its fetch replaces or clears (``fetch_rejects``).
    listed: dict[str, str] = field(default_factory=dict)


# What an earlier source of the run did with a page (``choose``'s ``taken``, keyed by ``url_key``).
Taken = Literal["fetched", "unchanged", "held", "left"]


@dataclass(slots=True)
class Selection:
    """What a source does this run with the items it listed, each item counted once.

    ``todo`` is fetched; ``skipped`` are stored and not due (``unchanged``); ``earlier`` were fetched,
    found unchanged, held or left by an earlier source of the run; ``left`` were due but over the source's
    ``max_items`` and wait for a later run; ``held`` would be fetched but their last fetch failed and
    their retry back-off (``crawl_backoff.retry_wait``) has not passed: none of these three has an
    outcome from this source, so none is among the selected.
    """

    todo: list[tuple[DiscoveredItem, Known | None]] = field(default_factory=list)
    skipped: int = 0
    earlier: int = 0
    left: int = 0
    held: int = 0
    future_lastmod: int = 0  # stored items whose lastmod was in the future, so not a reason to fetch

    @property
    def selected(self) -> int:
        return len(self.todo) + self.skipped


# -- discover ------------------------------------------------------------------------------------


def discover_source(
    source: Source, fetcher: Fetcher, db: Path, store: RawStore, say: Callable[[str], None] | None = None
) -> Discovered:
    """The items a web source lists, selected by its include/exclude, with what the warehouse knows of
    them (one query); never raises for the web. ``choose`` then decides what to fetch.

    Feeds and sitemaps go through ``DiscoveryDocuments``: asked for conditionally, bodies kept in the raw
    store, rows in ``discovery_documents`` written in one short transaction once the source is read.
    """
    if source.kind == "urls":
        listed = [DiscoveredItem(url, source.name, via="list") for url in source.urls]
        items, repeated, excluded = select_counted_for(source, listed)
        out = Discovered(items, found=len(source.urls), repeated=repeated, excluded=excluded)
        out.known, out.failed = known_documents(db, [i.url for i in out.items])
        return out
    if source.kind not in KINDS:
        raise ValueError(f"source {source.name!r} of kind {source.kind!r} is not a web source")
    assert source.url is not None
    failure = source_failure(db, source.url)
    if failure is not None and waiting(failure, source.retry_failed):
        return Discovered([], held=failure)  # its reject stays as it is: no outcome this run
    docs = DiscoveryDocuments(db, store, fetcher, source, say)  # ``say``: "waiting N s for URL" lines
    try:
        if source.kind == "feed":
            body = docs.fetch(source.url, "feed")
            part = parse_feed(body.data, source.name, body.final_url, body.charset)
        else:
            root = source.url
            entries: dict[str, DiscoveredItem] = {}  # child sitemap URL -> its index's entry (lastmod)
            load = partial(_load_sitemap, docs, root, entries)
            part = walk_sitemaps(
                root,
                source.name,
                load,
                max_sitemaps=source.max_sitemaps,
                listed=lambda c: entries.setdefault(c.url, c),
            )
        found = part.items
        warning = part.warning
        if not found:  # nothing wrong with the document, but nothing to crawl either: say so
            warning = "; ".join(w for w in (nothing_listed(source.kind, part.unusable), warning) if w)
        items, repeated, excluded = select_counted_for(source, found)
        out = Discovered(items, found=len(found), warning=warning, repeated=repeated, excluded=excluded)
        out.unusable = dict(part.unusable)
    except (FetchError, FetchTransientError, DiscoverError) as exc:
        # An index whose every child sitemap failed: the source's failure, each child's in the warning.
        warning = exc.warning if isinstance(exc, UnreadIndex) else None
        out = Discovered([], problem=exc.to_record(), warning=warning)
    docs.save()  # also after a failure: what was fetched before it is kept
    if out.problem is None:
        clear_source_problem(db, source)
    out.downloaded, out.unchanged = docs.downloaded, docs.unchanged
    out.held_sitemaps = len(docs.held_back)
    out.known, out.failed = known_documents(db, [i.url for i in out.items])
    return out


def nothing_listed(kind: str, unusable: Mapping[str, int]) -> str:
    """The warning for a feed or sitemap that gave no page: it listed none, or none with a usable link
    (a feed of two entries with empty links was said to have no entries)."""
    if kind == "feed":
        return "the feed's entries have no usable link" if unusable else "the feed has no entries"
    return "the sitemap lists no usable page URL" if unusable else "the sitemap lists no page URLs"


def source_failure(db: Path, url: str) -> Failure | None:
    """The current reject of a source's feed or root sitemap (``record_source_problem``), if its last
    reading failed: the page back-off applies to it too (a dead feed was asked for on every run)."""
    with reading(db) as con:
        row = con.execute(
            "SELECT rejected_at, reason, coalesce(failures, 1), detail FROM rejects "
            "WHERE stage = 'fetch' AND document_id = ?",
            [stable_id("doc", url)],
        ).fetchone()
    return Failure(row[0], row[1], int(row[2]), row[3] or "") if row else None


def note_held_source(report: SourceReport, source: Source, failure: Failure) -> None:
    """A source whose feed or sitemap is held back: still a failed source (exit 3, ``runs.problems``), its
    last failure said again with when it is asked for next; no outcome, as for a held page."""
    report.unreachable = report.held_source = True
    held = held_until(failure, source.retry_failed)
    detail = f"{failure.detail}; {held}" if failure.detail else held
    report.fail(source.url or source.name, Rejected("fetch", failure.reason, detail))


def _load_sitemap(
    docs: DiscoveryDocuments, root: str, entries: Mapping[str, DiscoveredItem], url: str
) -> tuple[bytes, str]:
    held = None if url == root else docs.held(url, entries.get(url))
    if held is not None:  # failed before: a warning again, no request
        # The flag named here too: a warning is what a user reads of a held child sitemap.
        said = f"{held_until(held, docs.source.retry_failed)} (--retry-failed asks for it now)"
        raise DiscoverError(held.reason, f"{held.detail}; {said}" if held.detail else said)
    try:
        body = docs.fetch(url, "sitemap")
    except (FetchError, FetchTransientError) as exc:
        if url == root:
            raise
        docs.failed(url, exc.to_record())  # its back-off (a root's failure is its source's reject)
        raise DiscoverError(exc.reason, exc.detail) from exc  # a child sitemap: a warning, not the end
    return body.data, body.final_url


# -- decide --------------------------------------------------------------------------------------


def known_documents(db: Path, urls: Sequence[str]) -> tuple[dict[str, Known], dict[str, Failure]]:
    """What the warehouse knows about these item URLs (documents keyed by their ``page_origin``, or under
    a key an older Wirehouse gave them), and the current fetch failure of those whose last fetch failed
    (stored before or not, ``fetch_rejects``), in one read.

    A document stored under an older key keeps it: the URL as listed then (before 2026-11-29, with its
    tracking parameters or fragment: any stored key that normalises as the URL does), or the key its query
    had before 2026-11-30 (``?4711`` was keyed ``?4711=``; only the document fetched from this page, its
    requested URL normalising as the URL does, as pages that key merged stay apart). Found there, the page is asked for conditionally and an edit is
    ``updated``; not found, it was fetched again as a new page, a duplicate of its own article, and the
    edit lost. Of several, the one holding the page's article wins, then the normalised key's, the key
    before, the URL as listed, then any other, the last fetched first.
    """
    keyed = {stable_id("doc", url_key(u)): u for u in urls}
    listed = {stable_id("doc", u): u for u in urls}
    if not keyed:
        return {}, {}
    before: dict[str, list[str]] = {}
    for u in urls:
        old = key_before_query_kept(u)
        if old is not None and old != url_key(u):
            before.setdefault(stable_id("doc", old), []).append(u)
    by_key = {url_key(u): u for u in urls}
    best: dict[str, tuple[tuple[bool, int, datetime], Known]] = {}
    with reading(db) as con:
        rows = _under_older_keys(
            con,
            "SELECT document_id, origin, etag, last_modified, fetched_at, status, sha256, requested_url "
            "FROM documents WHERE TRUE",
            [*keyed, *listed, *before],
            urls,
        )
        for r in rows:
            if r[0] in keyed:
                url, rank = keyed[r[0]], 3
            elif r[0] in before:
                fetched_from = [u for u in before[r[0]] if r[7] and url_key(r[7]) == url_key(u)]
                if not fetched_from:
                    continue  # another page the old key merged with these
                url, rank = fetched_from[0], 2
            elif r[0] in listed:
                url, rank = listed[r[0]], 1
            elif url_key(r[1]) in by_key:
                url, rank = by_key[url_key(r[1])], 0
            else:
                continue  # another page of the same path
            order = (r[5] == "loaded", rank, r[4] or _OLDEST)
            if url not in best or order > best[url][0]:
                best[url] = (order, Known(r[2], r[3], r[4], r[5], r[6], r[1]))
        out = {url: known for url, (_, known) in best.items()}
        rejects = fetch_rejects(con, {u: page_origin(u, out.get(u)) for u in urls})
    failed: dict[str, Failure] = {}
    for u, found in rejects.items():
        known = out.get(u)
        own = stable_id("doc", page_origin(u, known))
        failure = current_failure(found, own, known.fetched_at if known is not None else None)
        if failure is not None:
            failed[u] = failure
    return out, failed


_OLDEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class FetchReject:
    """A stored fetch reject (``rejects``, stage ``fetch``)."""

    document_id: str
    at: datetime
    reason: str
    count: int  # failures in a row (NULL, before migration 010: 1)


def fetch_rejects(con: Any, pages: Mapping[str, str]) -> dict[str, list[FetchReject]]:
    """The fetch rejects of listed pages (URL -> the key its document has, ``page_origin``): the one under
    that key, and those under keys older versions gave the page, which its next fetch replaces (a failure)
    or clears (a success): under the URL as listed then (tracking parameters and all: any key that
    normalises as the URL does), under its normalised key (a page now stored under an older one), and
    under the key its query had before 2026-11-30 (``urls.key_before_query_kept``). Before, these were
    ignored: the page was fetched at once, the reject doubled and left after the page loaded."""
    own = {stable_id("doc", key): u for u, key in pages.items()}
    older: dict[str, set[str]] = {}
    for u in pages:
        for key in (url_key(u), u, key_before_query_kept(u)):
            if key is not None:
                older.setdefault(stable_id("doc", key), set()).add(u)
    by_key = {url_key(u): u for u in pages}
    out: dict[str, list[FetchReject]] = {}
    rows = _under_older_keys(
        con,
        "SELECT document_id, origin, rejected_at, reason, coalesce(failures, 1) FROM rejects "
        "WHERE stage = 'fetch'",
        [*own, *older],
        pages,
    )
    for r in rows:
        if r[0] in own:  # a page's own key, even if an older key of another page listed with it
            whose = {own[r[0]]}
        elif r[0] in older:
            whose = older[r[0]]
        else:
            whose = {by_key[url_key(r[1])]} if url_key(r[1]) in by_key else set()
        for u in whose:
            out.setdefault(u, []).append(FetchReject(r[0], r[2], r[3], int(r[4])))
    return out


def current_failure(
    rejects: Sequence[FetchReject], own_id: str, fetched_at: datetime | None
) -> Failure | None:
    """A page's last failed fetch, for its retry back-off: its own reject's and the older keys' since its
    document was last fetched (one from before that was cleared by it), their failures in a row summed
    (no fetch counted the others': each began again at 1)."""
    live = [r for r in rejects if r.document_id == own_id or fetched_at is None or r.at > fetched_at]
    if not live:
        return None
    last = max(live, key=lambda r: r.at)
    return Failure(last.at, last.reason, sum(r.count for r in live))


def _under_older_keys(
    con: Any, select: str, ids: Iterable[str], urls: Iterable[str]
) -> list[tuple[Any, ...]]:
    """The rows of ``select`` (from ``documents`` or ``rejects``, ending in a WHERE clause) under these
    ids, and those whose key may be one an older Wirehouse gave a URL of ``urls``: a key that
    ``normalise_url`` changes (``urls.MAY_CHANGE``) with the URL's ``url_stem``. The caller keeps those
    whose key normalises as the URL does. One scan of the table, past the few keys that may change."""
    stems = {stem for u in urls for stem in stems_of(u)}
    with registered(con, "_wanted", _ids(ids)), registered(con, "_stems", _ids(stems)):
        rows: list[tuple[Any, ...]] = con.execute(
            f"{select} AND (document_id IN (SELECT id FROM _wanted) OR (origin ILIKE 'http%' "
            f"AND regexp_matches(origin, ?) AND {URL_STEM_SQL} IN (SELECT id FROM _stems)))",
            [MAY_CHANGE],
        ).fetchall()
    return rows


def retry_due(item: DiscoveredItem, failure: Failure, source: Source, now: datetime) -> bool:
    """Whether a page whose last fetch failed may be asked for again now: its back-off has passed, or its
    sitemap ``<lastmod>`` (feed ``updated``) is later than the failure (a lastmod in the future is none;
    a date-only one counts from the start of its day: that it changed after the failure is not known)."""
    if not waiting(failure, source.retry_failed, now):
        return True
    return fetch_due(item, failure.at, tz=source.timezone, now=now, earliest=True)[0]


def choose(
    source: Source, found: Discovered, taken: dict[str, Taken], now: datetime | None = None
) -> Selection:
    """Decide, per item, what this run does with it; ``taken`` (the ``url_key``s of the pages earlier
    sources of the run fetched, found unchanged, held back or left) grows by the items this source
    handles. A page an earlier source found unchanged, held back or left is fetched when this source says
    it is due (a feed without dates listed it before the sitemap whose lastmod is news, found by review;
    its own lastmod or ``retry_failed``) and has room for it; else it is ``earlier`` here, counted once,
    by the first source.

    A URL never stored is fetched; a stored one only when due (``should_fetch``: a newer lastmod, or
    refresh without one); the rest are unchanged. A page whose last fetch failed (stored or not) that
    would be fetched waits until ``retry_due``: until then it is ``held``, not selected. ``max_items``
    caps what is fetched: new URLs first (in the order listed), then due ones, least recently fetched
    first, then those never stored whose fetch failed before, longest ago first (a few dead links at the
    top of a feed took the cap on every run), so successive runs walk through a long sitemap. What is
    over the cap is ``left`` for a later run; a later source of this run listing the same URL may still
    fetch it.
    """
    out = Selection()
    now = now or datetime.now(UTC)
    new: list[tuple[DiscoveredItem, Known | None]] = []
    due: list[tuple[DiscoveredItem, Known]] = []
    retry: list[tuple[DiscoveredItem, Known | None]] = []
    handled: list[str] = []
    held: list[str] = []
    for item in found.items:
        before = taken.get(url_key(item.url))  # the same page, perhaps with other tracking parameters
        if before == "fetched":
            out.earlier += 1
            continue
        k = found.known.get(item.url)
        failure = found.failed.get(item.url)
        # Held here too: counted once, by the source that held it first (two sources listing a dead link
        # counted it held twice). ``before`` is only ever "held", "left" or "unchanged" here.
        hold = failure is not None and not retry_due(item, failure, source, now)
        if k is None:
            if failure is None:
                new.append((item, None))
            elif not hold:
                retry.append((item, None))
            elif before is not None:
                out.earlier += 1
            else:
                out.held += 1
                held.append(url_key(item.url))
        else:
            is_due, future = fetch_due(
                item, k.fetched_at, refresh=source.refresh, tz=source.timezone, now=now
            )
            out.future_lastmod += future and not is_due  # with refresh = true it is fetched all the same
            if is_due and hold and before is None:
                out.held += 1  # stored, but its last fetch failed: its back-off first
                held.append(url_key(item.url))
            elif is_due and not hold:
                due.append((item, k))
            elif before is not None:
                out.earlier += 1  # unchanged for this source too: counted once, by the first
            else:
                out.skipped += 1
                handled.append(url_key(item.url))
    oldest = datetime.min.replace(tzinfo=UTC)
    due.sort(key=lambda t: t[1].fetched_at or oldest)  # stable: listed order among equals
    retry.sort(key=lambda t: found.failed[t[0].url].at)
    wanted = new + due + retry
    cap = len(wanted) if source.max_items is None else source.max_items
    out.todo = wanted[:cap]
    left: list[str] = []
    for item, _ in wanted[cap:]:
        # Over the cap here too: counted once, by the source that first left, held or found it unchanged
        # (two sources leaving the same page counted it left twice).
        if url_key(item.url) in taken:
            out.earlier += 1
        else:
            out.left += 1
            left.append(url_key(item.url))
    taken.update(dict.fromkeys(handled, "unchanged"))
    taken.update(dict.fromkeys(held, "held"))
    taken.update(dict.fromkeys(left, "left"))
    taken.update(dict.fromkeys((url_key(item.url) for item, _ in out.todo), "fetched"))
    return out


# -- fetch and land ------------------------------------------------------------------------------


def hints_for(item: DiscoveredItem) -> Hints | None:
    """What the feed or sitemap said about the page, as evidence for where the page is silent."""
    if item.via == "list":
        return None
    if not (item.title or item.published_text or item.author or item.summary or item.lastmod_text):
        return None
    evidence = "feed" if item.via == "feed" else "sitemap"
    return Hints(item.title, item.published_text, item.author, item.summary, evidence, item.lastmod_text)


def fetch_one(
    item: DiscoveredItem,
    known: Known | None,
    source: Source,
    fetcher: Fetcher,
    store: RawStore,
    on_request: Callable[[], object] | None = None,
) -> RawDocument | Touch | Rejected:
    """Fetch one item (conditionally when known) and land its body; a failure comes back as a reject.
    ``on_request`` is called when its request goes out (``Fetcher.fetch``).

    A 304 that names another version than the stored one (``fetch.confirms``) is not trusted: the page
    is asked for again at once, whole, and judged like any download.
    """
    origin = page_origin(item.url, known)
    doc_id = stable_id("doc", origin)
    etag, last_modified = (known.etag, known.last_modified) if known else (None, None)
    rate_limit = source.rate_limit
    try:
        result = fetcher.fetch(
            item.url, etag=etag, last_modified=last_modified, rate_limit=rate_limit, on_request=on_request
        )
        if result.body is None and not confirms(result, etag, last_modified):
            etag = last_modified = None
            result = fetcher.fetch(item.url, rate_limit=rate_limit)  # whole: no validators
    except (FetchError, FetchTransientError) as exc:
        return exc.to_record()
    if result.body is None:  # 304 Not Modified
        if known is None or not (etag or last_modified):
            return Rejected("fetch", "http_304", "304 Not Modified to a request that named no version")
        # The stored ETag stays; the 304 that matched it may bring a newer Last-Modified (RFC 9111 4.3.4).
        return Touch(doc_id, result.fetched_at, etag, result.last_modified or last_modified)
    key = store.put(result.body)  # also when unchanged: a raw store moved or pruned is filled again
    if known is not None and key == known.sha256:
        return Touch(doc_id, result.fetched_at, result.etag, result.last_modified)
    hints = hints_for(item)
    return RawDocument(
        origin=origin,  # the listed URL's key, so the next crawl finds this document again
        kind="text" if result.content_type == "text/plain" else "html",
        data=result.body,
        url=result.final_url,
        fetched_at=result.fetched_at,
        http_charset=result.charset,
        source=source.name,
        locale=source.locale,
        timezone=source.timezone,
        fetch=FetchMeta(
            requested_url=item.url,
            final_url=result.final_url,
            http_status=result.status,
            # the whole header, charset included, so reprocess can decode the body as it was decoded here
            content_type=result.headers.get("content-type"),
            etag=result.etag,
            last_modified=result.last_modified,
            raw_key=key,
        ),
        hints=hints,
    )


class Fetching:
    """A source's fetches, handed out in batches to load: a batch is what finished, at most ``max_pages``
    pages or what finished within ``max_seconds``, while the fetches still in flight go on into the next
    batch. A page that takes a minute (timeouts and retries) no longer holds back the pages fetched
    beside it: a review saw "loaded 0" for 86 s while one slow page was retried.

    Items are handed to the threads (bounded by the fetcher's concurrency) one at a time as others
    finish, and the wait wakes at least every few seconds, so ``progress`` gets its lines while a slow
    page is fetched; a page is told as waited for from its request on, not from its hand-over (the wait
    for its host's turn, a rate limit of Wirehouse's own, is no slow server). Used as a context manager:
    leaving it by an exception (an interrupt) stops the fetcher and drops the requests not yet started,
    so only those in flight finish.
    """

    def __init__(
        self,
        source: Source,
        todo: Sequence[tuple[DiscoveredItem, Known | None]],
        fetcher: Fetcher,
        store: RawStore,
        progress: FetchProgress | None = None,
    ) -> None:
        self.source, self.todo, self.fetcher, self.store, self.progress = (
            source,
            todo,
            fetcher,
            store,
            progress,
        )
        self.workers = max(1, min(fetcher.max_concurrency, len(todo)))
        self.started = 0
        self.running: dict[Future[RawDocument | Touch | Rejected], tuple[int, str, str]] = {}
        self.requested: dict[int, float] = {}  # when the request of a page in flight went out, by index
        self._threads: ThreadPoolExecutor | None = None

    @property
    def done(self) -> bool:
        return not self.running and self.started >= len(self.todo)

    def __enter__(self) -> Fetching:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self._threads is None:
            return
        if kind is not None:
            self.fetcher.stop()
            self._threads.shutdown(wait=False, cancel_futures=True)
        else:
            self._threads.shutdown()

    def batch(self, max_pages: int | None = None, max_seconds: float | None = None) -> Fetched:
        """The next batch: fetches that finished, in the order listed, once ``max_pages`` have or
        ``max_seconds`` have passed with at least one finished, or when every item is done."""
        out = Fetched()
        if self.done:
            return out
        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="fetch")
        limit = max(1, max_pages) if max_pages is not None else len(self.todo)
        deadline = None if max_seconds is None else time.monotonic() + max_seconds
        results: list[tuple[int, str, RawDocument | Touch | Rejected]] = []
        while not self.done:
            while len(self.running) < self.workers and self.started < len(self.todo):
                index = self.started
                item, known = self.todo[index]
                told = partial(self._requested, index) if self.progress else None
                future = self._threads.submit(
                    fetch_one, item, known, self.source, self.fetcher, self.store, told
                )
                self.running[future] = (index, item.url, page_origin(item.url, known))
                self.started += 1
            timeout = self.progress.seconds_to_next() if self.progress else None
            if deadline is not None:
                left = deadline - time.monotonic()
                # Past it with nothing finished, the batch waits for its first page: a zero timeout here
                # turned the wait into a loop that kept a core busy while a page took over 10 s (review).
                if left > 0:
                    timeout = left if timeout is None else min(timeout, left)
            finished, _ = wait(self.running, timeout=timeout, return_when=FIRST_COMPLETED)
            for future in finished:
                index, _, origin = self.running.pop(future)
                self.requested.pop(index, None)
                results.append((index, origin, future.result()))
            if self.progress:
                self.progress.fetched(len(finished))
                self.progress.tick(
                    (url, self.requested[index])
                    for index, url, _ in self.running.values()
                    if index in self.requested
                )
            if len(results) >= limit or (results and deadline is not None and time.monotonic() >= deadline):
                break
        for index, origin, result in sorted(results, key=lambda r: r[0]):  # the order listed
            out.listed[origin] = self.todo[index][0].url
            if isinstance(result, RawDocument):
                out.docs.append(result)
            elif isinstance(result, Touch):
                out.touched.append(result)
            else:
                out.failures.append((origin, result))
        return out

    def _requested(self, index: int) -> None:
        """Called on a fetch thread when the page's request goes out."""
        assert self.progress is not None
        self.requested[index] = self.progress.clock()


# -- load ----------------------------------------------------------------------------------------


def load_fetched(db: Path, run_id: str, processed: list[Processed], fetched: Fetched) -> Counts:
    """Load one fetched batch: documents through ``load_batch``, then fetch rejects and confirmations."""
    now = datetime.now(UTC)
    with writing(db) as con:
        counts = load_batch(con, [FileResult(file=_WEB, sha256=None, processed=processed)], run_id, now)
        con.execute("BEGIN TRANSACTION")
        try:
            carried = _drop_older_rejects(con, fetched)
            _record_fetch_rejects(con, fetched.failures, run_id, now, carried)
            _touch(con, fetched.touched)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    counts.unchanged += len(fetched.touched)
    for _, r in fetched.failures:
        counts.add("rejected", f"{r.stage}/{r.reason}")
    return counts


def record_source_problem(db: Path, run_id: str, source: Source, problem: Rejected) -> Counts:
    """A feed or sitemap that could not be read: one reject, keyed by its URL (upserted on re-runs)."""
    assert source.url is not None
    with writing(db) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            _record_fetch_rejects(con, [(source.url, problem)], run_id, datetime.now(UTC))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    counts = Counts()
    counts.add("rejected", f"{problem.stage}/{problem.reason}")
    return counts


def clear_source_problem(db: Path, source: Source) -> None:
    """A feed or sitemap read again after it failed: its reject goes (it stayed listed as a current
    reject, in ``stats`` too, after the source had recovered)."""
    assert source.url is not None
    with writing(db) as con:
        con.execute("DELETE FROM rejects WHERE document_id = ?", [stable_id("doc", source.url)])


def _drop_older_rejects(con: Any, fetched: Fetched) -> dict[str, int]:
    """Delete the fetch rejects under the older keys of the batch's pages (``fetch_rejects``): a fetch
    that succeeded clears them, a failure replaces them. For each failed page (by its key), the failures
    in a row those held since its document was last fetched, which its new reject goes on counting."""
    if not fetched.listed:
        return {}
    pages = {url: key for key, url in fetched.listed.items()}
    own = {stable_id("doc", key) for key in fetched.listed}
    failing = {key for key, _ in fetched.failures}
    last_fetched = dict(
        _lookup(
            con,
            "SELECT document_id, fetched_at FROM documents WHERE document_id IN (SELECT id FROM _wanted)",
            [stable_id("doc", key) for key in failing],
        )
    )
    older: set[str] = set()
    carried: dict[str, int] = {}
    for url, rejects in fetch_rejects(con, pages).items():
        key = pages[url]
        mine = stable_id("doc", key)
        rest = [r for r in rejects if r.document_id not in own]
        older.update(r.document_id for r in rest)
        if key in failing:
            failure = current_failure(rest, mine, last_fetched.get(mine))
            carried[key] = failure.count if failure is not None else 0
    if older:
        with registered(con, "_older", _ids(older)):
            con.execute(
                "DELETE FROM rejects WHERE stage = 'fetch' AND document_id IN (SELECT id FROM _older)"
            )
    return carried


def _record_fetch_rejects(
    con: Any,
    failures: list[tuple[str, Rejected]],
    run_id: str,
    now: datetime,
    carried: Mapping[str, int] = {},
) -> None:
    """One current reject per URL, replacing the one before; ``failures`` counts the fetches in a row that
    failed (one more than the fetch reject it replaces, and those under the page's older keys it replaced,
    ``carried``; else 1), for the retry back-off."""
    rows = [_reject_dict(stable_id("doc", url), url, r, run_id, now) for url, r in failures]
    if not rows:
        return
    ids = [r["document_id"] for r in rows]
    before = {
        str(i): int(n)
        for i, n in _lookup(
            con,
            "SELECT document_id, coalesce(failures, 1) FROM rejects "
            "WHERE stage = 'fetch' AND document_id IN (SELECT id FROM _wanted)",
            ids,
        )
    }
    for row in rows:
        # A run interrupted before the request is no failed fetch: the count stands (a review found a 404,
        # a cancelled run and a 404 counted as three in a row, a 4-day wait instead of 2).
        counted = row["reason"] not in NO_WAIT_REASONS
        row["failures"] = before.get(row["document_id"], 0) + carried.get(row["origin"], 0) + counted
    _delete_where_in(con, "rejects", "document_id", ids)
    _insert(con, "rejects", rows, FETCH_REJECT_SCHEMA)


def _touch(con: Any, touched: list[Touch]) -> None:
    """Keep the newest validators and fetch time of confirmed documents; clear their old fetch reject.

    ``last_run_id`` is left alone on purpose: it names the run that derived the document's article,
    which is how ``reprocess`` finds articles made by an older extractor.
    """
    if not touched:
        return
    import pyarrow as pa

    table = pa.table(
        {
            "document_id": [t.document_id for t in touched],
            "fetched_at": pa.array([t.fetched_at for t in touched], pa.timestamp("us", tz="UTC")),
            "etag": pa.array([t.etag for t in touched], pa.string()),
            "last_modified": pa.array([t.last_modified for t in touched], pa.string()),
        }
    )
    con.register("_touched", table)
    try:
        con.execute(
            "UPDATE documents SET fetched_at = t.fetched_at, etag = coalesce(t.etag, documents.etag), "
            "last_modified = coalesce(t.last_modified, documents.last_modified) "
            "FROM _touched t WHERE documents.document_id = t.document_id"
        )
        con.execute(
            "DELETE FROM rejects WHERE stage = 'fetch' AND document_id IN (SELECT document_id FROM _touched)"
        )
    finally:
        con.unregister("_touched")


# -- the run -------------------------------------------------------------------------------------


def note_selection(report: SourceReport, found: Discovered, chosen: Selection) -> None:
    """The source's found / selected / left numbers, and the outcomes decided without a request."""
    report.found, report.warning, report.unusable = found.found, found.warning, found.unusable
    if chosen.future_lastmod:
        future = (
            f"{chosen.future_lastmod} lastmod date{'s' if chosen.future_lastmod != 1 else ''} in the future, "
            "ignored (such pages are fetched again only with refresh = true)"
        )
        report.warning = "; ".join(w for w in (report.warning, future) if w)
    report.repeated, report.excluded = found.repeated, found.excluded
    report.selected, report.left, report.earlier = chosen.selected, chosen.left, chosen.earlier
    report.held = chosen.held
    report.counts.unchanged += chosen.skipped


def begin(db: Path, sources: Sequence[Source], raw_dir: Path, flow_run_id: str | None) -> CrawlSummary:
    started = datetime.now(UTC)
    run_id = start_run(db, [s.name for s in sources], "crawl", flow_run_id)
    return CrawlSummary(
        run_id=run_id, db=str(db), raw_dir=str(raw_dir), started_at=started, flow_run_id=flow_run_id
    )


def finish(summary: CrawlSummary, status: str = "completed") -> datetime:
    """Record the run's totals in ``runs`` (the same row shape as an ingest run)."""
    return finish_run(_run_summary(summary), status)


def close_failed(summary: CrawlSummary) -> datetime | None:
    """``finish(summary, "failed")`` for a run ending on an error, without hiding it (``ingest.close_failed``)."""
    return ingest_close_failed(_run_summary(summary))


def _run_summary(summary: CrawlSummary) -> Summary:
    return Summary(
        run_id=summary.run_id,
        db=summary.db,
        inputs=[r.name for r in summary.sources],
        counts=summary.counts,
        batches_counted=summary.batches_counted,
        repaired=summary.repaired,  # runs.rederived*: they were 0 for every crawl and reprocess (review)
        files=0,
        ignored_files=0,
        started_at=summary.started_at,
        problems=problems(summary),
    )


def problems(summary: CrawlSummary) -> list[str]:
    """What a run could not do, each with why: ``runs.problems``, the flow run's state message and the
    command's exit code 3. A ``files`` source's files that cannot be read are one, as in ``ingest``: only
    ``runs.problems`` said so, and the run was Completed, exit 0 (review)."""
    failed = [
        f"source {r.name} failed: {r.failures[0] if r.failures else r.warning}"
        for r in summary.sources
        if r.unreachable
    ]
    counts = summary.counts
    unreadable = unreadable_problem(counts)
    return (
        failed
        + ([unreadable] if unreadable is not None else [])
        + counts.kept  # files that could not be read but keep what they gave before (no reject row)
        + [f"could not re-derive a stale duplicate: {p}" for p in summary.repair_problems]
    )


def add_repair(summary: CrawlSummary, done: Repair) -> None:
    summary.repaired.merge(done.counts)
    summary.repair_problems.extend(done.problems)


def crawl_web_source(
    source: Source,
    report: SourceReport,
    summary: CrawlSummary,
    fetcher: Fetcher,
    store: RawStore,
    taken: dict[str, Taken],
    pool: LazyPool,
    progress: Progress | None = None,
) -> None:
    db = Path(summary.db)
    found = discover_source(source, fetcher, db, store, progress)
    note_discovery(report, found)
    if found.held is not None:
        note_held_source(report, source, found.held)
        return
    if found.problem is not None:
        report.unreachable = True
        report.fail(source.url or source.name, found.problem)
        report.counts.merge(record_source_problem(db, summary.run_id, source, found.problem))
        return
    chosen = choose(source, found, taken)
    note_selection(report, found, chosen)
    told = FetchProgress(report, len(chosen.todo), progress)
    with Fetching(source, chosen.todo, fetcher, store, told) as fetching:
        while not fetching.done:  # load what finished, go on: an interrupt keeps every batch loaded so far
            fetched = fetching.batch(LOAD_EVERY_PAGES, LOAD_EVERY_SECONDS)
            processed = process_batch(fetched.docs, pool)
            note_failures(report, fetched, processed)
            report.counts.merge(load_fetched(db, summary.run_id, processed, fetched))


def note_discovery(report: SourceReport, found: Discovered) -> None:
    report.discovery_downloaded, report.discovery_unchanged = found.downloaded, found.unchanged
    report.held_sitemaps = found.held_sitemaps
    report.warning = found.warning  # also of a source that failed: why each child sitemap did


def note_failures(report: SourceReport, fetched: Fetched, processed: list[Processed]) -> None:
    for url, r in fetched.failures:
        report.fail(url, r)
    for p in processed:
        if p.rejected is not None:
            report.fail(p.document.origin, p.rejected)


def run_plain(
    config: SourcesConfig,
    db: Path,
    *,
    source: str | None = None,
    raw_dir: str | Path | None = None,
    workers: int = 1,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    retry_failed: bool = False,
) -> CrawlSummary:
    """The whole crawl without Prefect: same steps, same results, plain function calls."""
    chosen = choose_sources(config, source, retry_failed)
    check_location(db, read_only=False)  # before raw/ is made beside it, as the command and the flow do
    root = writable_raw_root(raw_root(db, raw_dir))
    store = RawStore(root)
    summary = begin(db, chosen, root, None)
    own_fetcher = fetcher is None
    web = fetcher or Fetcher.for_sources(config)
    taken: dict[str, Taken] = {}
    try:
        with LazyPool(workers) as pool:
            for s in chosen:
                report = SourceReport(s.name, s.kind)
                summary.sources.append(report)
                if s.kind == "files":
                    crawl_files_source(s, report, summary, pool)
                else:
                    crawl_web_source(s, report, summary, web, store, taken, pool, progress)
                if progress:
                    progress(source_line(report))
        summary.batches_counted = True
        add_repair(summary, repair_stale(db, summary.run_id, root, config.date_hints()))
    except BaseException:
        close_failed(summary)
        raise
    finally:
        if own_fetcher:
            web.close()
    summary.finished_at = finish(summary)
    return summary
