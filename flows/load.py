"""Loading: one batch of processed inputs into the warehouse in one short transaction.

Decides each input's outcome against what is already stored (unchanged, updated, new, duplicate,
rejected), then writes through Arrow tables with ``INSERT ... BY NAME``. A batch either lands whole or not
at all, so a run killed half-way leaves the warehouse consistent and the next run redoes only the rest.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from . import EXTRACTOR_VERSION, read_parts
from .clean import author_key, is_mixed_case
from .pipeline import FileResult
from .read import MissingInput
from .records import OUTCOMES, ArticleRow, DateValue, Outcome, Processed, Rejected, stable_id

_TS = pa.timestamp("us", tz="UTC")

ARTICLE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("document_id", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("title", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("published_at", _TS),
        ("published_offset_minutes", pa.int32()),
        ("published_text", pa.string()),
        ("published_evidence", pa.string()),
        ("published_precision", pa.string()),
        ("published_error", pa.string()),
        ("modified_at", _TS),
        ("modified_offset_minutes", pa.int32()),
        ("modified_text", pa.string()),
        ("modified_evidence", pa.string()),
        ("modified_precision", pa.string()),
        ("modified_error", pa.string()),
        ("language", pa.string()),
        ("site_name", pa.string()),
        ("section", pa.string()),
        ("tags", pa.list_(pa.string())),
        ("description", pa.string()),
        ("lead_image_url", pa.string()),
        ("is_truncated", pa.bool_()),
        ("paywalled", pa.bool_()),
        ("body", pa.string()),
        ("word_count", pa.int32()),
        ("content_hash", pa.string()),
        ("extractor_version", pa.string()),
        ("run_id", pa.string()),
        ("ingested_at", _TS),
        ("updated_at", _TS),
    ]
)
DOCUMENT_SCHEMA = pa.schema(
    [
        ("document_id", pa.string()),
        ("origin", pa.string()),
        ("kind", pa.string()),
        ("path", pa.string()),
        ("record_no", pa.int32()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("size_bytes", pa.int64()),
        ("sha256", pa.string()),
        ("encoding", pa.string()),
        ("read_at", _TS),
        ("fetched_at", _TS),
        ("requested_url", pa.string()),
        ("final_url", pa.string()),
        ("http_status", pa.int32()),
        ("content_type", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("raw_key", pa.string()),
        ("hints", pa.string()),
        ("locale", pa.string()),
        ("timezone", pa.string()),
        ("status", pa.string()),
        ("content_hash", pa.string()),
        ("duplicate_by", pa.string()),
        ("article_id", pa.string()),
        ("first_run_id", pa.string()),
        ("last_run_id", pa.string()),
        ("updated_at", _TS),
    ]
)
REJECT_SCHEMA = pa.schema(
    [
        ("document_id", pa.string()),
        ("origin", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("run_id", pa.string()),
        ("rejected_at", _TS),
    ]
)
# A crawl's fetch rejects also count the fetches of the page in a row that failed (migration 010).
FETCH_REJECT_SCHEMA = REJECT_SCHEMA.append(pa.field("failures", pa.int32()))
INPUT_FILE_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("size_bytes", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("sha256", pa.string()),
        ("documents", pa.int32()),
        ("run_id", pa.string()),
        ("read_at", _TS),
    ]
)
AUTHOR_SCHEMA = pa.schema([("author_id", pa.string()), ("name", pa.string())])
ARTICLE_AUTHOR_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("author_id", pa.string()), ("position", pa.int32())]
)


@dataclass(slots=True)
class Counts:
    """Per-run tallies; ``seen`` is the sum of the five outcomes."""

    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    rejected: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    # Files that could not be read (counted ``read/unreadable``) but keep what they gave before, so have no
    # reject row to look up: why each could not be read, for the run's problems.
    kept: list[str] = field(default_factory=list)
    # Of ``reasons``, the paths counted rejected that keep what they gave before (no reject row filed):
    # a problem line that says "see rejects" counts the others only.
    kept_reasons: Counter[str] = field(default_factory=Counter)

    @property
    def seen(self) -> int:
        return self.loaded + self.updated + self.unchanged + self.duplicate + self.rejected

    def add(self, outcome: Outcome, reason: str | None = None) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if reason:
            self.reasons[reason] += 1

    def merge(self, other: Counts) -> None:
        for name in OUTCOMES:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reasons.update(other.reasons)
        self.kept.extend(other.kept)
        self.kept_reasons.update(other.kept_reasons)

    def rows(self) -> list[tuple[str, int]]:
        """``("seen", n)`` then each outcome, the order every summary prints them in."""
        return [("seen", self.seen), *((name, int(getattr(self, name))) for name in OUTCOMES)]

    def totals(self) -> dict[str, int]:
        """``seen`` and each outcome, as a dict (what a JSON summary shows)."""
        return dict(self.rows())

    def as_dict(self) -> dict[str, Any]:
        return {**self.totals(), "rejected_by_reason": dict(sorted(self.reasons.items()))}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Counts:
        """The counts again from ``as_dict`` or ``totals`` (what a Prefect flow run returns)."""
        counts = cls(reasons=Counter(d.get("rejected_by_reason") or {}))
        for name in OUTCOMES:
            setattr(counts, name, int(d.get(name, 0)))
        return counts


def author_id(name: str) -> str:
    return stable_id("author", author_key(name))


def _table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def _ids(values: Iterable[str]) -> pa.Table:
    return pa.table({"id": pa.array(sorted(set(values)), pa.string())})


def _article_dict(a: ArticleRow, run_id: str, now: datetime, ingested_at: datetime) -> dict[str, Any]:
    return {
        "article_id": a.article_id,
        "document_id": a.document_id,
        "source": a.source,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "title": a.title,
        "authors": a.authors,
        "published_at": a.published.utc,
        "published_offset_minutes": a.published.offset_minutes,
        "published_text": a.published.text,
        "published_evidence": a.published.evidence,
        "published_precision": a.published.precision,
        "published_error": a.published.error,
        "modified_at": a.modified.utc,
        "modified_offset_minutes": a.modified.offset_minutes,
        "modified_text": a.modified.text,
        "modified_evidence": a.modified.evidence,
        "modified_precision": a.modified.precision,
        "modified_error": a.modified.error,
        "language": a.language,
        "site_name": a.site_name,
        "section": a.section,
        "tags": a.tags,
        "description": a.description,
        "lead_image_url": a.lead_image_url,
        "is_truncated": a.is_truncated,
        "paywalled": a.paywalled,
        "body": a.body,
        "word_count": a.word_count,
        "content_hash": a.content_hash,
        "extractor_version": EXTRACTOR_VERSION,
        "run_id": run_id,
        "ingested_at": ingested_at,
        "updated_at": now,
    }


def _reject_dict(document_id: str, origin: str, r: Rejected, run_id: str, now: datetime) -> dict[str, Any]:
    return {
        "document_id": document_id,
        "origin": origin,
        "stage": r.stage,
        "reason": r.reason,
        "detail": r.detail,
        "run_id": run_id,
        "rejected_at": now,
    }


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """``table`` visible to SQL as ``name`` for the block. Unregistering never hides the block's own
    error (in an aborted transaction it fails too, and an out-of-memory error must reach the loader)."""
    con.register(name, table)
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):
            con.unregister(name)


def _lookup(con: duckdb.DuckDBPyConnection, sql: str, ids: Iterable[str]) -> list[tuple[Any, ...]]:
    with registered(con, "_wanted", _ids(ids)):
        return con.execute(sql).fetchall()


def _insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: list[dict[str, Any]],
    schema: pa.Schema,
    *,
    replace: bool = False,
) -> None:
    if not rows:
        return
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    with registered(con, "_incoming", _table(rows, schema)):
        # Table names here are module constants, never user input.
        con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM _incoming")


def _delete_where_in(con: duckdb.DuckDBPyConnection, table: str, column: str, ids: Iterable[str]) -> None:
    wanted = sorted(set(ids))
    if not wanted:
        return
    with registered(con, "_gone", _ids(wanted)):
        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM _gone)")


def _linked_authors(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[str]:
    """The authors of these articles now, before their links are replaced."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return []
    with registered(con, "_gone", _ids(wanted)):
        rows = con.execute(
            "SELECT DISTINCT author_id FROM article_authors WHERE article_id IN (SELECT id FROM _gone)"
        ).fetchall()
    return [str(r[0]) for r in rows]


def _drop_unlinked_authors(con: duckdb.DuckDBPyConnection, author_ids: list[str]) -> None:
    """Authors who wrote nothing any more once an article changed its byline (a changed or removed input):
    ``SELECT count(*) FROM authors`` counted them for ever."""
    if not author_ids:
        return
    with registered(con, "_gone", _ids(sorted(author_ids))):
        con.execute(
            "DELETE FROM authors WHERE author_id IN (SELECT id FROM _gone) AND author_id NOT IN "
            "(SELECT author_id FROM article_authors)"
        )


# Why a path could not be used at all (``read.discover``, and a file that cannot be opened): about the
# path now, not about what it held. Any other reject of a file is its content's outcome.
PATH_REASONS = frozenset({"missing_path", "unreadable", "not_a_file", "undecodable_name", "unsupported_type"})
_PATH_REASONS_SQL = ", ".join(f"'{r}'" for r in sorted(PATH_REASONS))


def _held(con: duckdb.DuckDBPyConnection, paths: Iterable[str]) -> set[str]:
    """Of ``paths``, those the warehouse holds an outcome of: documents read from them (a file's, a JSON
    lines file's records) or a reject of the file's content (a corrupt gzip). Not a reject of the path
    itself (missing, unreadable): that one says only how the path was last time."""
    wanted = sorted(set(paths))
    if not wanted:
        return set()
    ids = {stable_id("doc", path): path for path in wanted}
    with registered(con, "_paths", _ids(wanted)), registered(con, "_path_ids", _ids(ids)):
        rows = con.execute(
            "SELECT path FROM documents WHERE path IN (SELECT id FROM _paths) UNION "
            "SELECT document_id FROM rejects WHERE document_id IN (SELECT id FROM _path_ids) "
            f"AND NOT (stage = 'read' AND reason IN ({_PATH_REASONS_SQL}))"  # module constants
        ).fetchall()
    return {ids.get(str(r[0]), str(r[0])) for r in rows}


def _same_reject(con: duckdb.DuckDBPyConnection, problems: Sequence[FileResult]) -> set[str]:
    """Of the files that could not be read now, whole, those whose bytes (hashed: a corrupt gzip) are the
    ones recorded as read, and whose reject is the one they got then: the same input, as it was."""
    hashed = {
        r.file.path: r.problem
        for r in problems
        if r.file.part is None and r.sha256 is not None and r.problem is not None
    }
    if not hashed:
        return set()
    ids = {stable_id("doc", path): path for path in hashed}
    with registered(con, "_path_ids", _ids(ids)):
        rows = con.execute(
            "SELECT r.document_id, f.sha256, r.stage, r.reason FROM rejects r "
            "JOIN input_files f ON f.path = r.origin WHERE r.document_id IN (SELECT id FROM _path_ids)"
        ).fetchall()
    sha = {r.file.path: r.sha256 for r in problems}
    same = set()
    for doc_id, stored_sha, stage, reason in rows:
        path = ids[str(doc_id)]
        problem = hashed[path]
        if stored_sha == sha[path] and (stage, reason) == (problem.stage, problem.reason):
            same.add(path)
    return same


def kept_line(detail: str) -> str:
    """The run's problem line for a path that could not be used but keeps what it gave before."""
    return f"{detail} (what it gave before is kept)"


def record_problems(
    con: duckdb.DuckDBPyConnection,
    problems: list[MissingInput],
    run_id: str,
    now: datetime,
    folders: Sequence[str] = (),
) -> Counts:
    """Paths that could not be used at all (missing, unreadable, unsupported) become rejects; ``folders``
    that were listed now lose the reject they got while missing or unreadable (a file's goes when it
    loads, a folder never loads).

    A path that gave the warehouse something before (a loaded file gone missing, or locked) keeps it, as a
    file deleted from a folder does (the warehouse is an archive): the run counts the path rejected and
    names it among its problems, but no reject row is filed over what it gave, which made one input both
    loaded and rejected, and stayed so after the file came back unchanged (review)."""
    counts = Counts()
    rows = []
    con.execute("BEGIN TRANSACTION")
    try:
        held = _held(con, (p.path for p in problems)) if problems else set()
        for p in problems:
            counts.add("rejected", f"read/{p.reason}")
            if p.path in held:
                counts.kept_reasons[f"read/{p.reason}"] += 1
                if p.reason != "missing_path":  # "no such file" says it: an archive keeps what it loaded
                    # Its line says what became of it: there is no reject row to look up (a loaded file
                    # now a dangling symlink was told "see rejects, reason read/unreadable": none was).
                    counts.kept.append(kept_line(p.detail))
                continue
            doc_id = stable_id("doc", p.path)
            rows.append(_reject_dict(doc_id, p.path, Rejected("read", p.reason, p.detail), run_id, now))
        listed = (stable_id("doc", f) for f in folders)
        _delete_where_in(
            con, "rejects", "document_id", itertools.chain(listed, (r["document_id"] for r in rows))
        )
        _insert(con, "rejects", rows, REJECT_SCHEMA)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


def load_batch(
    con: duckdb.DuckDBPyConnection,
    results: list[FileResult],
    run_id: str,
    now: datetime,
    *,
    force: bool = False,
    parts: PartRejects | None = None,
) -> Counts:
    """Write one batch in one transaction and return what happened to each input in it.

    ``force`` derives stored documents again even when their bytes are unchanged, and replaces what they
    produced unless it comes out the same (then they count as ``unchanged``): that is how
    ``reprocess`` re-derives articles after the extractor changed. ``parts``: what the earlier batches of
    the run read from files read in parts (see ``PartRejects``).
    """
    try:
        return _transaction(con, results, run_id, now, force, commit=True, parts=parts)
    except _INPUT_ERRORS as exc:
        if _out_of_memory(exc):
            raise
    # Some input's rows broke the load (a bug of ours, met on one input): find which by trying each
    # document alone without committing, quarantine those, and load the rest. A bug costs that input.
    quarantined = _quarantined(con, results, run_id, now, force)
    return _transaction(con, quarantined, run_id, now, force, commit=True, parts=parts)


class PartRejects:
    """The rejected documents that the parts of a file read in parts gave so far in this run. When its
    last part is loaded, the file's other rejected documents are records it no longer holds; a part
    vouches only for the records it read, so none goes before the whole file has been read."""

    def __init__(self) -> None:
        self._given: dict[str, set[str]] = {}

    def note(self, path: str, document_ids: Iterable[str]) -> None:
        self._given.setdefault(path, set()).update(document_ids)

    def given(self, path: str) -> set[str]:
        return self._given.get(path, set())

    def forget(self, results: Iterable[FileResult]) -> None:
        """Once a batch is loaded: the files whose last part it held are done with."""
        for r in results:
            if r.file.part is not None and r.file.part.last:
                self._given.pop(r.file.path, None)


# What one input's rows can raise while loading: a key or type the tables refuse, a value Arrow cannot
# hold. Not locks, I/O or memory, which are about the warehouse, not the input.
_INPUT_ERRORS = (
    duckdb.ConstraintException,
    duckdb.ConversionException,
    duckdb.InvalidInputException,
    duckdb.TypeMismatchException,
    pa.ArrowException,
    ValueError,
    TypeError,
)


# An author's name is the first spelling seen, unless that was all capitals or all lower case and a later
# one is in mixed case ("JANE DOE" from a header, then "Jane Doe" from a byline).
_UPSERT_AUTHORS = (
    "INSERT INTO authors BY NAME SELECT * FROM _authors ON CONFLICT (author_id) DO UPDATE SET name = excluded.name "
    "WHERE authors.name IN (lower(authors.name), upper(authors.name)) "
    "AND excluded.name NOT IN (lower(excluded.name), upper(excluded.name))"
)


def _out_of_memory(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.OutOfMemoryException) or "out of memory" in str(exc).lower()


def _transaction(
    con: duckdb.DuckDBPyConnection,
    results: list[FileResult],
    run_id: str,
    now: datetime,
    force: bool,
    *,
    commit: bool,
    parts: PartRejects | None = None,
) -> Counts:
    con.execute("BEGIN TRANSACTION")
    try:
        counts = _load(con, results, run_id, now, force, parts)
        con.execute("COMMIT" if commit else "ROLLBACK")
    except BaseException:
        # A COMMIT that failed (out of memory, say) has already ended the transaction.
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    return counts


def _quarantined(
    con: duckdb.DuckDBPyConnection, results: list[FileResult], run_id: str, now: datetime, force: bool
) -> list[FileResult]:
    """``results`` with every document whose rows cannot be loaded turned into a ``load/internal_error``."""
    out: list[FileResult] = []
    for r in results:
        processed: list[Processed] = []
        for p in r.processed:
            try:
                _transaction(con, [FileResult(r.file, r.sha256, [p])], run_id, now, force, commit=False)
            except _INPUT_ERRORS as exc:
                if _out_of_memory(exc):
                    raise
                detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                p = Processed(
                    document=p.document,
                    encoding=p.encoding,
                    rejected=Rejected("load", "internal_error", detail),
                )
            processed.append(p)
        out.append(replace(r, processed=processed))  # a file read in parts keeps its document count
    return out


def _load(
    con: duckdb.DuckDBPyConnection,
    results: list[FileResult],
    run_id: str,
    now: datetime,
    force: bool,
    parts: PartRejects | None = None,
) -> Counts:
    counts = Counts()
    processed: list[Processed] = [p for r in results for p in r.processed]
    doc_ids = [p.document.document_id for p in processed]
    rekeyed = _rekey(con, results)  # records stored under the key an older version gave them

    existing_docs = {
        row[0]: _Stored(*row[1:])
        for row in _lookup(
            con,
            "SELECT document_id, sha256, status, first_run_id, article_id, content_hash, duplicate_by "
            "FROM documents WHERE document_id IN (SELECT id FROM _wanted)",
            doc_ids,
        )
    }
    # Forced (re-derived) documents whose bytes did not change: loaded again only if what they produce
    # differs from what is stored; otherwise they are ``unchanged`` and only marked as seen by this run.
    # So are pages fetched again (``refresh = true``) whose bytes changed: a token, an ad slot or a clock
    # in the markup changes on every request, and each run counted such a page "updated" and rewrote its
    # article (review). Their article is compared, not their bytes.
    rederived = {
        p.document.document_id
        for p in processed
        if (old_doc := existing_docs.get(p.document.document_id)) is not None
        and (
            (force and old_doc.sha256 == p.document.sha256)
            or (p.document.fetch is not None and old_doc.sha256 != p.document.sha256)
            or p.document.document_id in rekeyed  # derived again: the old key may have named its article
        )
    }
    before = _Previous.read(con, rederived)
    kept: list[tuple[str, str | None, str | None]] = []  # (document, the locale and zone it was read with)
    refetched: list[tuple[Any, ...]] = []
    # Files that could not be read now, and those of them that gave the warehouse something before.
    file_problems = [r for r in results if r.problem is not None]
    # A file whose same bytes gave the same reject before (a corrupt gzip touched, copied back): unchanged.
    # Its size and mtime alone differ, and it was counted rejected again (review).
    same_reject = _same_reject(con, file_problems) if file_problems else set()
    file_problems = [r for r in file_problems if r.file.path not in same_reject]
    for _ in same_reject:
        counts.add("unchanged")
    held = _held(con, (r.file.path for r in file_problems if r.file.part is None)) if file_problems else set()
    # A text or HTML file cut short (a corrupt gzip) or too large now is one input, known by its path as its
    # document was: that document and its article go, as when an edit makes it a reject (its duplicates
    # are then read again). It stayed "loaded" beside its new reject, for good (review).
    replaced = [
        stable_id("doc", r.file.path)
        for r in file_problems
        if r.file.part is None
        and r.file.kind != "jsonl"
        and r.file.path in held
        and r.problem is not None
        and r.problem.reason not in PATH_REASONS
    ]
    articles = [p.article for p in processed if p.article is not None]
    stored = _StoredArticles.read(con, articles, doc_ids + replaced)
    by_hash, by_id = stored.by_hash, stored.by_id
    moved = _moved_away(con, articles, by_id)
    taken: list[str] = []  # documents whose article an input of this batch took over (``_moved_away``)
    takes: Set[str] = frozenset()  # of ``moved``, the owners the input at hand may take over

    changed_docs: list[str] = []
    article_rows: list[dict[str, Any]] = []
    author_rows: dict[str, dict[str, Any]] = {}
    link_rows: list[dict[str, Any]] = []
    reject_rows: list[dict[str, Any]] = []
    document_rows: list[dict[str, Any]] = []
    claimed_hash: dict[str, str] = {}  # within this batch: content hash -> article id
    claimed_id: dict[str, str] = {}  # within this batch: article id -> document id

    for p in processed:
        doc = p.document
        doc_id = doc.document_id
        sha = doc.sha256
        old = existing_docs.get(doc_id)
        if old is not None and old.sha256 == sha and not force and doc_id not in rekeyed:
            counts.add("unchanged")
            continue
        if p.article is not None and old is not None:
            p = _keep_first_publication(p, stored.published.get(p.article.article_id))
        takes = (
            moved
            if moved and p.article is not None and _a_copy_of_its_owner(p.article, old, stored)
            else frozenset()
        )
        dup = (
            _judged_again(
                p.article,
                doc_id,
                old,
                stored,
                claimed_hash,
                claimed_id,
                takes,
                _duplicate_of(p.article, by_hash, by_id, claimed_hash, claimed_id, takes),
            )
            if p.article is not None
            else None
        )
        if doc_id in rederived and before.same_outcome(p, old, dup):
            counts.add("unchanged")
            kept.append((doc_id, doc.locale, doc.timezone))
            if old is not None and old.sha256 != sha and doc.fetch is not None:
                f = doc.fetch  # the page as last fetched: its body in the raw store, its validators
                refetched.append(
                    (sha, len(doc.data), f.raw_key, f.etag, f.last_modified, doc.fetched_at, doc_id)
                )
            continue
        changed_docs.append(doc_id)
        status: str
        article_ref: str | None = None
        body_hash: str | None = None
        duplicate_by: str | None = None
        if p.rejected is not None:
            status = "rejected"
            reject_rows.append(_reject_dict(doc_id, doc.origin, p.rejected, run_id, now))
            counts.add("rejected", f"{p.rejected.stage}/{p.rejected.reason}")
        else:
            a = p.article
            assert a is not None
            body_hash = a.content_hash
            if dup is not None:
                status, (article_ref, duplicate_by) = "duplicate", dup
                counts.add("duplicate")
            else:
                status, article_ref = "loaded", a.article_id
                claimed_hash[a.content_hash] = a.article_id
                claimed_id[a.article_id] = doc_id
                previous = by_id.get(a.article_id)
                took_over = previous is not None and previous[0] != doc_id and previous[0] in takes
                if took_over:
                    assert previous is not None
                    taken.append(previous[0])
                ingested_at = previous[1] if previous and (previous[0] == doc_id or took_over) else now
                article_rows.append(_article_dict(a, run_id, now, ingested_at))
                for position, name in enumerate(a.authors):  # distinct by author_key (pipeline.to_article)
                    aid = author_id(name)
                    spelt = author_rows.get(aid)
                    if spelt is None or (not is_mixed_case(spelt["name"]) and is_mixed_case(name)):
                        author_rows[aid] = {"author_id": aid, "name": name}  # "Jane Doe" over "JANE DOE"
                    link_rows.append({"article_id": a.article_id, "author_id": aid, "position": position})
                counts.add("updated" if old is not None or took_over else "loaded")
        document_rows.append(
            {
                "document_id": doc_id,
                "origin": doc.origin,
                "kind": doc.kind,
                "path": doc.path,
                "record_no": doc.record_no,
                # The URL it is known by: fetched from, or named inside it (a JSON record's url, a URL: header).
                "url": doc.url or (p.article.url if p.article is not None else None),
                "source": doc.source,
                "size_bytes": len(doc.data),
                "sha256": sha,
                "encoding": p.encoding,
                "read_at": doc.read_at,
                "fetched_at": doc.fetched_at,
                "requested_url": doc.fetch.requested_url if doc.fetch else None,
                "final_url": doc.fetch.final_url if doc.fetch else None,
                "http_status": doc.fetch.http_status if doc.fetch else None,
                "content_type": doc.fetch.content_type if doc.fetch else None,
                "etag": doc.fetch.etag if doc.fetch else None,
                "last_modified": doc.fetch.last_modified if doc.fetch else None,
                "raw_key": doc.fetch.raw_key if doc.fetch else None,
                "hints": json.dumps(asdict(doc.hints), ensure_ascii=False) if doc.hints else None,
                "locale": doc.locale,
                "timezone": doc.timezone,
                "status": status,
                "content_hash": body_hash,
                "duplicate_by": duplicate_by,
                "article_id": article_ref,
                "first_run_id": old.first_run_id if old is not None else run_id,
                "last_run_id": run_id,
                "updated_at": now,
            }
        )

    for r in file_problems:
        assert r.problem is not None
        counts.add("rejected", f"{r.problem.stage}/{r.problem.reason}")
        if r.file.part is None and r.file.path in held and r.problem.reason in PATH_REASONS:
            # A file that cannot be opened now keeps what it gave (as a missing one does, see
            # ``record_problems``); the run still counts it and says it could not be read.
            counts.kept.append(kept_line(r.problem.detail))
            counts.kept_reasons[f"{r.problem.stage}/{r.problem.reason}"] += 1
            continue
        # A part of a large file that could not be read is its own reject: the file's others may load.
        origin = r.file.part.origin(r.file.path) if r.file.part is not None else r.file.path
        reject_rows.append(_reject_dict(stable_id("doc", origin), origin, r.problem, run_id, now))

    _note_part_rejects(results, existing_docs, parts)
    gone = _gone_rejects(con, results, parts)

    # Replace whatever the changed inputs produced before: their article, its author links, their reject.
    # Each DELETE scans its whole table (DuckDB joins rather than probing the key index), so it runs only
    # for rows the lookups above found: a batch of new inputs deletes nothing but stale rejects.
    old_owners = [d for d in changed_docs + replaced if d in stored.owned]
    old_articles = [stored.owned[d] for d in old_owners]
    relinked = old_articles + [r["article_id"] for r in article_rows if r["article_id"] in by_id]
    once_linked = _linked_authors(con, relinked)
    _delete_where_in(con, "article_authors", "article_id", relinked)
    _delete_where_in(con, "articles", "document_id", old_owners + taken)
    # A JSON lines file that could not be read before (a cut gzip) left a reject under the file's own id;
    # now that its records are read, that reject is stale (the input would count as loaded and rejected).
    # Not when the file is rejected whole again (a broken .json, an empty file, a page with no articles):
    # that reject is the file's own document, kept when unchanged, or replaced above when not. A touched
    # file, or two runs started together, lost its reject for good (review).
    given = set(doc_ids)
    readable_files = [
        file_id
        for r in results
        if r.problem is None
        and r.processed
        and r.file.kind == "jsonl"
        and (file_id := stable_id("doc", r.file.path)) not in given
    ]
    _delete_where_in(
        con,
        "rejects",
        "document_id",
        changed_docs + readable_files + gone + [r["document_id"] for r in reject_rows],
    )
    _delete_where_in(
        con, "documents", "document_id", [d for d in changed_docs if d in existing_docs] + gone + replaced
    )
    # A large JSON lines file now read through (its last part, or whole): rejects of parts that an earlier
    # run could not read go (only files large enough to have been cut: each DELETE scans the table).
    for r in results:
        done = r.sha256 is not None and (r.file.part.last if r.file.part is not None else True)
        if done and read_parts.may_be_cut(r.file):
            con.execute("DELETE FROM rejects WHERE starts_with(origin, ?)", [r.file.path + "#bytes="])

    _insert(con, "documents", document_rows, DOCUMENT_SCHEMA)
    _insert(con, "articles", article_rows, ARTICLE_SCHEMA)
    if author_rows:
        with registered(con, "_authors", _table(list(author_rows.values()), AUTHOR_SCHEMA)):
            con.execute(_UPSERT_AUTHORS)
    _insert(con, "article_authors", link_rows, ARTICLE_AUTHOR_SCHEMA)
    _drop_unlinked_authors(con, once_linked)
    _insert(con, "rejects", reject_rows, REJECT_SCHEMA)

    # Files are marked read only now, with their last documents, so a killed run re-reads them.
    read_files = [r for r in results if r.sha256 is not None]
    _insert(
        con,
        "input_files",
        [
            {
                "path": r.file.path,
                "size_bytes": r.file.size_bytes,
                "mtime_ns": r.file.mtime_ns,
                "sha256": r.sha256,
                "documents": r.documents
                if r.documents is not None
                else len(r.processed) or int(r.problem is not None),  # a file-level reject is one input
                "run_id": run_id,
                "read_at": now,
            }
            for r in read_files
        ],
        INPUT_FILE_SCHEMA,
        replace=True,  # by the key index, where DELETE ... IN would scan every file ever read
    )
    if kept:
        # Re-derived to the same outcome: made by this run's extractor now, so not stale any more; and
        # read with this locale and zone, which a document stored before migration 008 lacked (NULL: its
        # local dates fell on the UTC day in the views, for good).
        table = pa.table(
            {
                "id": pa.array([k[0] for k in kept], pa.string()),
                "locale": pa.array([k[1] for k in kept], pa.string()),
                "timezone": pa.array([k[2] for k in kept], pa.string()),
            }
        )
        with registered(con, "_kept", table):
            con.execute(
                "UPDATE documents SET last_run_id = ?, locale = k.locale, timezone = k.timezone "
                "FROM _kept k WHERE documents.document_id = k.id",
                [run_id],
            )
    if taken:  # the documents of files gone whose article moved on: copies of that page now
        with registered(con, "_taken", _ids(taken)):
            con.execute(
                "UPDATE documents SET status = 'duplicate', duplicate_by = 'url', updated_at = ? "
                "WHERE document_id IN (SELECT id FROM _taken)",
                [now],
            )
    if refetched:
        con.executemany(
            "UPDATE documents SET sha256 = ?, size_bytes = ?, raw_key = ?, etag = ?, last_modified = ?, "
            "fetched_at = ? WHERE document_id = ?",
            refetched,
        )
    return counts


@dataclass(frozen=True, slots=True)
class _Stranger:
    """A stored document of a file that reading the file whole did not give: a record gone from it, or one
    stored under the key an older version gave it (``path#L<line>`` before records were known by URL, or
    by id when followed by a comma); or one under such a key that the file now gives another record."""

    document_id: str
    origin: str
    record_no: int | None
    article_id: str | None
    # The URL it is known by (a duplicate's own): under ``path#L<line>`` only an older version stored a
    # record with one, or a later copy of a URL; today that key is otherwise a record's without a URL or
    # id, which no other record takes over.
    url: str | None
    sha256: str | None  # the record's bytes
    content_hash: str | None  # the body it produced
    owner: bool  # it holds its article (a duplicate row names another's)


def _rekey(con: duckdb.DuckDBPyConnection, results: list[FileResult]) -> set[str]:
    """Move the stored documents of the JSON lines files read whole here from the keys an older version gave
    them to those their records have now, and return those new keys: each record's outcome is then judged
    against its own stored one (updated in place, or unchanged), as if it had always had its key. Without
    this, an edited record became a duplicate of its own old row, for good (review).

    A record new to the warehouse takes over a stored loaded or duplicate document of its file that the
    file does not give now, or one under a line key ``path#L<line>`` with a URL that the file now gives
    another record of other bytes (an older version's key for a record pushed down a line, which the
    record now on that line would replace in place). ``_matched`` says which. A row no record takes is a record the file no longer holds, as any other (the archive). A
    stored reject is not taken over: it goes with the records the file no longer holds
    (``_gone_rejects``). Files read in parts are not looked at: a part does not know what the others
    give."""
    whole = {
        r.file.path: r
        for r in results
        if r.file.kind == "jsonl" and r.file.part is None and r.problem is None and r.sha256 is not None
    }
    if whole:  # only files read before (a first ingest of a dump scans no documents for this)
        read = _lookup(con, "SELECT path FROM input_files WHERE path IN (SELECT id FROM _wanted)", whole)
        whole = {str(path): whole[str(path)] for (path,) in read}
    if not whole:
        return set()
    rows = _lookup(
        con,
        "SELECT d.document_id, d.path, d.origin, d.record_no, d.status, d.article_id, coalesce(d.url, a.url), "
        "d.sha256, d.content_hash, a.document_id IS NOT NULL FROM documents d "
        "LEFT JOIN articles a ON a.article_id = d.article_id AND a.document_id = d.document_id "
        "WHERE d.path IN (SELECT id FROM _wanted)",
        whole,
    )
    given = {p.document.document_id: p.document.sha256 for r in whole.values() for p in r.processed}
    stored = {str(row[0]) for row in rows}
    strangers: dict[str, list[_Stranger]] = {}
    for doc_id, path, origin, record_no, status, article_id, url, sha, body, owner in rows:
        displaced = origin == f"{path}#L{record_no}" and url is not None and given.get(doc_id) != sha
        if (doc_id not in given or displaced) and status in ("loaded", "duplicate"):
            strangers.setdefault(str(path), []).append(
                _Stranger(doc_id, origin, record_no, article_id, url, sha, body, bool(owner))
            )
    moves: list[tuple[str, str, str, int | None, str | None]] = []
    for path, left in strangers.items():
        records = whole[path].processed
        takes = _matched(path, [p for p in records if p.document.document_id not in stored], records, left)
        for p in records:
            doc = p.document
            taken = takes.get(doc.document_id)
            if taken is not None:
                url = doc.url or (p.article.url if p.article is not None else None)  # as loading writes it
                moves.append((taken.document_id, doc.document_id, doc.origin, doc.record_no, url))
    if not moves:
        return set()
    table = pa.table(
        {
            "old": pa.array([m[0] for m in moves], pa.string()),
            "new": pa.array([m[1] for m in moves], pa.string()),
            "origin": pa.array([m[2] for m in moves], pa.string()),
            "record_no": pa.array([m[3] for m in moves], pa.int32()),
            "url": pa.array([m[4] for m in moves], pa.string()),
        }
    )
    with registered(con, "_moves", table):
        # Read out before any goes: a row may move to the key of another that moves on itself.
        con.execute(
            "CREATE TEMP TABLE _moved AS SELECT d.* REPLACE (m.new AS document_id, m.origin AS origin, "
            "m.record_no AS record_no, m.url AS url) FROM documents d JOIN _moves m ON d.document_id = m.old"
        )
        try:
            con.execute("DELETE FROM documents WHERE document_id IN (SELECT old FROM _moves)")
            con.execute("INSERT INTO documents BY NAME SELECT * FROM _moved")
        finally:
            con.execute("DROP TABLE _moved")
        con.execute(
            "UPDATE articles SET document_id = m.new FROM _moves m WHERE articles.document_id = m.old"
        )
    return {m[1] for m in moves}


def _matched(
    path: str, newcomers: list[Processed], records: list[Processed], left: list[_Stranger]
) -> dict[str, _Stranger]:
    """Which of ``left`` (the stored rows of ``path`` ``_rekey`` may move) each record takes over, by
    document id. ``newcomers`` are the records new to the warehouse; a record whose own row is in ``left``
    joins them once another record took that row.

    Each rule for every record before the next: the row that holds its article, for a record known by its
    URL (the first to name it: the article's, as a fresh ingest has it); else a row of the same bytes (the
    record unchanged); else one that names the same article, or its URL (a duplicate's); else one under a
    line key with the same body (a copy of another record's text, its duplicate); else the row under its
    own line's key, when it is the only record new on that line and that row had a URL. A record with an
    id but no URL takes a line's row without one too, but only in a file whose other records show that an
    older version keyed it by line (one of them took an old line row): today ``path#L<line>`` is otherwise
    the key of a record without a URL or id, which stays in the archive when another record takes its line
    (a review). Among several rows, one that holds its article goes before a duplicate, then the record's
    own line. The same article alone, first, let a record inserted above take the row of the copy below it
    (one URL twice, or one body twice), whose own old row then stayed behind: a stale duplicate, the wrong
    copy's text as the article, or a record "gone" (review)."""
    takes: dict[str, _Stranger] = {}
    taken: set[str] = set()  # the rows taken, by document id
    off_lines = False  # a record known by URL or id now took a row under a line key
    on_line = Counter(p.document.record_no for p in newcomers)
    given = {p.document.document_id for p in records}
    displaced = {s.document_id for s in left if s.document_id in given}  # rows the file gives another
    candidates = newcomers + [p for p in records if p.document.document_id in displaced]

    def line_key(s: _Stranger) -> bool:
        return s.origin == f"{path}#L{s.record_no}"

    def article_of(p: Processed) -> list[object]:
        return [p.article.article_id] if p.article is not None else []

    def own_article(p: Processed) -> list[object]:
        return article_of(p) if not p.document.origin.startswith(f"{path}#L") else []

    def article_or_url(p: Processed) -> list[object]:
        url = p.document.url or (p.article.url if p.article is not None else None)
        return [*article_of(p), ("url", url)] if p.article is not None and url else article_of(p)

    def own_line(p: Processed) -> list[object]:
        return [p.document.record_no] if on_line[p.document.record_no] == 1 else []

    def by_line(p: Processed, s: _Stranger) -> bool:
        # A record known by its id now, on a line whose old row has no URL: that row may be a record
        # without either, kept as an archive when another takes its line; in a file that an older
        # version keyed by line, it is this record's own.
        return s.url is not None or (p.document.origin.startswith(f"{path}#id:") and off_lines)

    # (the keys a record is looked up by, the keys a row is found by, a last condition)
    rules: list[
        tuple[
            Callable[[Processed], list[object]],
            Callable[[_Stranger], list[object]],
            Callable[[Processed, _Stranger], bool] | None,
        ]
    ] = [
        (own_article, lambda s: [s.article_id] if s.owner else [], None),
        (lambda p: [p.document.sha256], lambda s: [s.sha256], None),
        (article_or_url, lambda s: [s.article_id, ("url", s.url)] if s.url else [s.article_id], None),
        (
            lambda p: [p.article.content_hash] if p.article is not None else [],
            lambda s: [s.content_hash] if line_key(s) else [],
            None,
        ),
        # A row the file gives another record stays on its line.
        (
            own_line,
            lambda s: [s.record_no] if line_key(s) and s.document_id not in displaced else [],
            by_line,
        ),
    ]
    for record_keys, row_keys, condition in rules:
        index: dict[object, list[_Stranger]] = {}
        for s in left:
            for key in row_keys(s):
                if key is not None:
                    index.setdefault(key, []).append(s)
        for p in candidates:
            doc = p.document
            if doc.document_id in takes or (doc.document_id in displaced and doc.document_id not in taken):
                continue  # taken over already, or its own row is still its own
            same = [
                s
                for key in record_keys(p)
                for s in index.get(key, [])
                if s.document_id not in taken
                and s.document_id != doc.document_id
                and (condition is None or condition(p, s))
            ]
            if same:
                takes[doc.document_id] = s = min(
                    same,
                    key=lambda s: (not s.owner, s.record_no != doc.record_no, s.record_no or 0, s.origin),
                )
                taken.add(s.document_id)
                off_lines = off_lines or (line_key(s) and not doc.origin.startswith(f"{path}#L"))
    return takes


def _note_part_rejects(
    results: list[FileResult], existing: Mapping[str, _Stored], parts: PartRejects | None
) -> None:
    """Tell ``parts`` which documents of the parts in this batch are rejects (new, or stored and
    unchanged), for the batch that loads their file's last part."""
    if parts is None:
        return
    for r in results:
        if r.file.part is not None and r.file.kind == "jsonl":
            parts.note(
                r.file.path,
                (
                    p.document.document_id
                    for p in r.processed
                    if p.rejected is not None
                    or (
                        (old := existing.get(p.document.document_id)) is not None and old.status == "rejected"
                    )
                ),
            )


def _gone_rejects(
    con: duckdb.DuckDBPyConnection, results: list[FileResult], parts: PartRejects | None
) -> list[str]:
    """The rejected documents of the JSON lines files this batch finishes reading (whole, or their last
    part) that the reading did not give: records the file no longer holds, as a broken line fixed (now
    known by its URL) or a file rejected whole that now gives its records. Their rejects stayed for good,
    where ``rejects`` is one current row per rejected input. A loaded record stays: an archive.

    Without ``parts`` to say what the earlier parts gave, a file read in parts keeps its rejects."""
    done = {
        r.file.path
        for r in results
        if r.file.kind == "jsonl"  # any other file is one document, known by its path: it is never gone
        and r.sha256 is not None
        and (r.file.part is None or (r.file.part.last and parts is not None))
    }
    if not done:
        return []
    given: dict[str, set[str]] = {path: set() for path in done}
    for r in results:
        if r.file.path in given:
            given[r.file.path].update(p.document.document_id for p in r.processed)
    rows = _lookup(
        con,
        "SELECT document_id, path FROM documents WHERE status = 'rejected' AND path IN (SELECT id FROM _wanted)",
        done,
    )
    earlier = parts or PartRejects()
    return [
        str(doc_id)
        for doc_id, path in rows
        if doc_id not in given[path] and doc_id not in earlier.given(path)
    ]


_NEVER = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class _StoredArticles:
    """The stored articles a batch can touch, from one scan of ``articles`` instead of three."""

    by_hash: dict[str, tuple[str, str]]  # content hash -> (article id, owning document)
    by_id: dict[str, tuple[str, Any]]  # article id -> (owning document, ingested_at)
    owned: dict[str, str]  # document of this batch -> the article it owns now
    published: dict[str, DateValue] = field(default_factory=dict)  # article id -> its stored publication
    content: dict[str, str] = field(default_factory=dict)  # article id -> its stored content hash
    # (content hash, article id) of every stored article with a batch article's text: by_hash keeps one
    hashed: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def read(
        cls, con: duckdb.DuckDBPyConnection, articles: list[ArticleRow], doc_ids: list[str]
    ) -> _StoredArticles:
        hashes = {a.content_hash for a in articles}
        ids = {a.article_id for a in articles}
        docs = set(doc_ids)
        found = cls({}, {}, {})
        if not docs:
            return found
        with (
            registered(con, "_hashes", _ids(hashes)),
            registered(con, "_article_ids", _ids(ids)),
            registered(con, "_doc_ids", _ids(docs)),
        ):
            rows = con.execute(
                "SELECT article_id, document_id, content_hash, ingested_at, published_at, "
                "published_offset_minutes, published_text, published_evidence, published_precision FROM articles "
                "WHERE content_hash IN (SELECT id FROM _hashes) OR article_id IN (SELECT id FROM _article_ids) "
                "OR document_id IN (SELECT id FROM _doc_ids)"
            ).fetchall()
        for article_id, document_id, body_hash, ingested_at, *published in rows:
            if body_hash in hashes:
                found.by_hash[body_hash] = (article_id, document_id)
                found.hashed.add((body_hash, article_id))
            if article_id in ids:
                found.by_id[article_id] = (document_id, ingested_at)
                found.published[article_id] = DateValue(*published)
                found.content[article_id] = body_hash
            if document_id in docs:
                found.owned[document_id] = article_id
        return found


@dataclass(frozen=True, slots=True)
class _Stored:
    """A stored document's bytes and outcome, as the loader compares them."""

    sha256: str
    status: str
    first_run_id: str
    article_id: str | None
    content_hash: str | None
    duplicate_by: str | None


# Article columns that are what the extractor derived (not when or by which run it was written).
_DERIVED = tuple(
    name
    for name in ARTICLE_SCHEMA.names
    if name not in ("run_id", "ingested_at", "updated_at", "extractor_version")
)


@dataclass(slots=True)
class _Previous:
    """What re-derived documents produced before: their articles and their rejects."""

    articles: dict[str, dict[str, Any]]
    rejects: dict[str, tuple[str, str, str]]

    @classmethod
    def read(cls, con: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> _Previous:
        if not doc_ids:
            return cls({}, {})
        rows = _lookup(
            con,
            f"SELECT {', '.join(_DERIVED)} FROM articles WHERE document_id IN (SELECT id FROM _wanted)",
            doc_ids,
        )
        articles = {row[0]: dict(zip(_DERIVED, row, strict=True)) for row in rows}
        rejects = {
            row[0]: (row[1], row[2], row[3])
            for row in _lookup(
                con,
                "SELECT document_id, stage, reason, detail FROM rejects WHERE document_id IN (SELECT id FROM _wanted)",
                doc_ids,
            )
        }
        return cls(articles, rejects)

    def same_outcome(self, p: Processed, old: _Stored | None, dup: tuple[str, str] | None) -> bool:
        """Whether re-deriving ``p`` gives exactly what is stored for it (``dup``: its duplicate check)."""
        if old is None:
            return False
        if p.rejected is not None:
            r = p.rejected
            return old.status == "rejected" and self.rejects.get(p.document.document_id) == (
                r.stage,
                r.reason,
                r.detail,
            )
        a = p.article
        assert a is not None
        if dup is not None:
            return (old.status, old.article_id, old.duplicate_by, old.content_hash) == (
                "duplicate",
                dup[0],
                dup[1],
                a.content_hash,
            )
        stored = self.articles.get(a.article_id)
        if old.status != "loaded" or old.article_id != a.article_id or stored is None:
            return False
        fresh = _article_dict(a, "", _NEVER, _NEVER)  # the times it sets are not compared
        return all(fresh[name] == stored[name] for name in _DERIVED)


# Evidence that is not the page's own: what a feed or sitemap said about it.
_HINTED = frozenset({"feed", "sitemap"})


def _keep_first_publication(p: Processed, stored: DateValue | None) -> Processed:
    """``p`` with its article's stored publication date when both are a feed's or sitemap's hint and the
    new one is later: an Atom entry dated only by <updated> moved ``published_at`` forward on every edit.
    A date the page itself gave is never kept this way: the page may have corrected it."""
    a = p.article
    if a is None or stored is None or stored.utc is None or a.published.evidence not in _HINTED:
        return p
    if stored.evidence not in _HINTED:
        return p
    if a.published.utc is None or stored.utc >= a.published.utc:
        return p
    return replace(p, article=replace(a, published=stored))


def _moved_away(
    con: duckdb.DuckDBPyConnection, articles: list[ArticleRow], by_id: Mapping[str, tuple[str, Any]]
) -> set[str]:
    """Of the documents that own these articles' ids (known by their URL) for another input, those whose
    file is gone: a file moved or renamed, whose copy at its new path was a duplicate of its own old path
    for good, its edits never loaded (review). Such an input takes the article over (``_duplicate_of``)
    if it was a copy of that article (``_a_copy_of_its_owner``): a file gone may be only out of sight.
    A fetched page is no file: it is never gone."""
    owners = {o[0] for a in articles if (o := by_id.get(a.article_id)) is not None and o[0] != a.document_id}
    if not owners:
        return set()
    rows = _lookup(
        con,
        "SELECT document_id, path FROM documents WHERE document_id IN (SELECT id FROM _wanted) "
        "AND path IS NOT NULL AND raw_key IS NULL",
        owners,
    )
    return {str(doc_id) for doc_id, path in rows if not os.path.exists(str(path))}


def _a_copy_of_its_owner(a: ArticleRow, old: _Stored | None, stored: _StoredArticles) -> bool:
    """Whether the input that gives ``a`` was a copy of the article stored under its id: new to the
    warehouse with that article's very text (the file as it was at its old path), or recorded as that
    article's duplicate with that text (a copy made before the old path went, edited since). Only such an
    input may take over an article whose file is gone (``_moved_away``). Any input naming the URL did: a
    different story that shared it took the article while its owner was only out of sight (a folder
    unmounted), and its text was gone for good once that folder came back unchanged (review)."""
    owner_hash = stored.content.get(a.article_id)
    if owner_hash is None:
        return False
    if old is None:
        return a.content_hash == owner_hash
    return old.status == "duplicate" and old.article_id == a.article_id and old.content_hash == owner_hash


def _judged_again(
    a: ArticleRow,
    doc_id: str,
    old: _Stored | None,
    stored: _StoredArticles,
    claimed_hash: Mapping[str, str],
    claimed_id: Mapping[str, str],
    moved: Set[str],
    dup: tuple[str, str] | None,
) -> tuple[str, str] | None:
    """``dup`` (``_duplicate_of``), or the input's stored duplicate judgement where it still holds and
    ``dup`` is another one: a record that repeats one article's URL and another's text is a duplicate of
    whichever the load met first, and reprocess, loading in another order, turned a URL duplicate into a
    body duplicate with nothing changed (review). Its judgement holds while its text is the one it had and
    the article it points at still has its URL (``url``), or that text (``body``), from another input."""
    if dup is None or old is None or old.status != "duplicate" or old.article_id is None:
        return dup
    if (old.article_id, old.duplicate_by) == dup or old.content_hash != a.content_hash:
        return dup
    target = old.article_id
    if old.duplicate_by == "url":
        if target != a.article_id:
            return dup
        if target in claimed_id:  # loaded by this batch
            holds = claimed_id[target] != doc_id
        else:
            owner = stored.by_id.get(target)
            holds = owner is not None and owner[0] != doc_id and owner[0] not in moved
    elif old.duplicate_by == "body":
        if target in claimed_id:  # loaded again by this batch: with the text it has now
            holds = claimed_hash.get(a.content_hash) == target and claimed_id[target] != doc_id
        else:
            holds = (a.content_hash, target) in stored.hashed
    else:
        return dup
    return (target, old.duplicate_by) if holds else dup


def _duplicate_of(
    a: ArticleRow,
    by_hash: dict[str, tuple[str, str]],
    by_id: dict[str, tuple[str, Any]],
    claimed_hash: dict[str, str],
    claimed_id: dict[str, str],
    moved: Set[str] = frozenset(),
) -> tuple[str, str] | None:
    """The article this one repeats and why (``body``: same text; ``url``: same URL from another input;
    both, of the same article: ``url``, another copy of the same page, as two listings that redirect to
    one page are). None also when the article of its URL belongs to a document in ``moved`` (its file
    is gone): this input takes it over, and replaces it in place."""
    found: tuple[str, str] | None = None
    if a.content_hash in claimed_hash:
        found = claimed_hash[a.content_hash], "body"
    elif a.article_id in claimed_id and claimed_id[a.article_id] != a.document_id:
        return a.article_id, "url"
    if found is None and (stored := by_hash.get(a.content_hash)) is not None and stored[1] != a.document_id:
        found = stored[0], "body"
    if found is None or found[0] == a.article_id:
        owner = by_id.get(a.article_id)
        if owner is not None and owner[0] != a.document_id and owner[0] not in moved:
            return a.article_id, "url"
        if a.article_id in claimed_id and claimed_id[a.article_id] != a.document_id:
            return a.article_id, "url"
        if owner is not None and owner[0] in moved:
            return None
    return found
