"""Reprocess: re-derive articles from stored raw documents, without touching the network.

Which documents: by default those whose current outcome was made by another extractor version
(``documents.last_run_id`` -> ``runs.extractor_version`` differs from ``EXTRACTOR_VERSION``), or every
document with ``--all``. A crawled document is rebuilt from the raw store (``raw_key``) and its stored
fetch metadata (URL, fetch time, the Content-Type header with its charset) plus the feed or sitemap
hints stored with the document; a local file is read again from its path, and only if its bytes
still match the stored hash (a changed file is ``wirehouse ingest``'s job); a file whose documents an
older version keyed or split otherwise is judged whole, as ingest would (``judge_file``). The source's locale and
time zone come from the sources file, by the source name stored with the document, when it lists that
source; else those the document was read with (``ingest --locale --tz``), stored with it.

Re-derived documents are loaded with ``load_batch(force=True)``: unchanged bytes are not skipped; a
document whose outcome comes out as stored is ``unchanged`` (and marked as seen by this extractor), any
other is ``updated`` (article replaced in place, first run and ``ingested_at`` kept).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from warehouse.db import reading, writing

from . import EXTRACTOR_VERSION, read_parts
from .crawl import raw_root
from .crawl_pool import LazyPool, process_batch
from .errors import RejectInput
from .fetch import parse_content_type
from .ingest import Summary, finish_run, start_run
from .ingest import close_failed as ingest_close_failed
from .load import Counts, load_batch, registered
from .pipeline import FileResult, process_files_labelled
from .rawstore import RawStore, RawStoreError
from .read import InputFile
from .records import FetchMeta, Hints, Kind, Processed, RawDocument
from .repair import Repair, repair_stale
from .report import (
    count_lines,
    heading,
    reason_lines,
    reasons_markdown,
    repaired_lines,
    repaired_markdown,
    took,
)
from .reread import FileDocuments
from .sources import SourcesConfig

# Documents per batch (one task run each in the flow): at least 500, more for large runs so that Prefect
# tracks tens of task runs, not hundreds; at most 5,000, which bounds what one batch holds in memory.
BATCH_DOCUMENTS = 500
MAX_BATCH_DOCUMENTS = 5_000
TARGET_BATCHES = 20
MAX_PROBLEMS_LISTED = 50
_NOWHERE = InputFile(path="<reprocess>", kind="html", size_bytes=0, mtime_ns=0)
Progress = Callable[[str], None]

_SELECT = """
SELECT d.document_id, d.origin, d.kind, d.path, d.record_no, d.url, d.source, d.sha256, d.read_at,
       d.fetched_at, d.requested_url, d.final_url, d.http_status, d.content_type, d.etag,
       d.last_modified, d.raw_key, d.hints, d.locale, d.timezone, f.mtime_ns, f.sha256,
       f.size_bytes
FROM documents d LEFT JOIN runs r ON r.run_id = d.last_run_id LEFT JOIN input_files f ON f.path = d.path
WHERE (d.raw_key IS NOT NULL OR d.path IS NOT NULL)
  AND (? OR r.extractor_version IS DISTINCT FROM ?)
ORDER BY d.path NULLS FIRST, d.record_no NULLS FIRST, d.document_id
"""


@dataclass(frozen=True, slots=True)
class Stored:
    """One ``documents`` row: enough to rebuild the ``RawDocument`` it was made from."""

    document_id: str
    origin: str
    kind: Kind
    path: str | None
    record_no: int | None
    url: str | None
    source: str | None
    sha256: str
    read_at: datetime | None
    fetched_at: datetime | None
    requested_url: str | None
    final_url: str | None
    http_status: int | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    raw_key: str | None
    hints: str | None  # JSON, as written by the loader
    locale: str | None = None  # what its dates were read with (``ingest --locale``, the source's)
    timezone: str | None = None
    mtime_ns: int | None = None  # its file's modification time when ingest last read it
    file_sha256: str | None = None  # its file's hash then (``input_files``)
    file_size: int | None = None  # and its size


@dataclass(slots=True)
class ReprocessSummary:
    run_id: str
    db: str
    raw_dir: str
    started_at: datetime
    selected: int = 0
    counts: Counts = field(default_factory=Counts)
    missing: int = 0  # raw body or file gone or changed: left as it was
    problems: list[str] = field(default_factory=list)
    # Duplicates re-derived because the article they repeated changed (``flows/repair.py``).
    repaired: Counts = field(default_factory=Counts)
    flow_run_id: str | None = None
    finished_at: datetime | None = None
    batches_counted: bool = False  # as ``ingest.Summary.batches_counted``

    def add(self, counts: Counts, problems: Sequence[str]) -> None:
        self.counts.merge(counts)
        self.missing += len(problems)
        self.problems.extend(problems[: max(0, MAX_PROBLEMS_LISTED - len(self.problems))])

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ReprocessSummary:
        """The summary again from ``as_dict`` (what the flow run returns), for the same report."""
        counts, repaired = Counts.from_dict(d), Counts.from_dict(d.get("repaired") or {})
        finished_at = d.get("finished_at")
        return cls(
            run_id=d["run_id"],
            db=d["db"],
            raw_dir=d["raw_dir"],
            started_at=datetime.fromisoformat(d["started_at"]),
            selected=int(d["selected"]),
            counts=counts,
            missing=int(d["missing"]),
            problems=list(d["problems"]),
            repaired=repaired,
            flow_run_id=d.get("flow_run_id"),
            finished_at=datetime.fromisoformat(finished_at) if finished_at else None,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "flow_run_id": self.flow_run_id,
            "db": self.db,
            "raw_dir": self.raw_dir,
            "selected": self.selected,
            **self.counts.as_dict(),
            "missing": self.missing,
            "repaired": self.repaired.totals(),
            "problems": self.problems,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }


def select_documents(db: Path, everything: bool = False) -> list[Stored]:
    """Documents to re-derive: all with ``everything``, else those made by another extractor version."""
    with reading(db) as con:
        rows = con.execute(_SELECT, [everything, EXTRACTOR_VERSION]).fetchall()
    return [Stored(*row) for row in rows]


def source_hints(config: SourcesConfig | None) -> dict[str, tuple[str | None, str | None]]:
    """Source name -> (locale, time zone), as the sources file says now."""
    return config.date_hints() if config else {}


def rebuild(
    rows: Sequence[Stored],
    store: RawStore,
    hints: Mapping[str, tuple[str | None, str | None]],
    files: FileDocuments | None = None,
    whole: dict[str, list[Stored]] | None = None,
) -> tuple[list[RawDocument], list[str]]:
    """The raw documents again, from the raw store or the files (``files``: the run's reader, which goes on
    where the last batch stopped); a list of those that could not be. ``whole``: where to put, instead,
    the rows of files whose records are not where their rows say (``judge_file``)."""
    if files is None:
        with FileDocuments() as own:
            return rebuild(rows, store, hints, own, whole)
    docs: list[RawDocument] = []
    problems: list[str] = []
    by_path: dict[str, list[Stored]] = defaultdict(list)
    for row in rows:
        if row.raw_key is not None:
            try:
                docs.append(_from_store(row, store, hints))
            except RawStoreError as exc:
                problems.append(f"{row.origin}: {exc}")
        elif row.path is not None and row.path not in files.judged:  # a file judged whole: settled
            by_path[row.path].append(row)
    for path, group in by_path.items():
        found, problem = _from_file(path, group, hints, files, whole)
        docs.extend(found)
        problems.extend(problem)
    return docs, problems


def _date_hints(
    row: Stored, hints: Mapping[str, tuple[str | None, str | None]]
) -> tuple[str | None, str | None]:
    """The sources file's locale and time zone for the document's source, as it says now; for a source it
    does not list, those the document was read with."""
    return hints.get(row.source or "", (row.locale, row.timezone))


def _from_store(
    row: Stored, store: RawStore, hints: Mapping[str, tuple[str | None, str | None]]
) -> RawDocument:
    assert row.raw_key is not None
    data = store.get(row.raw_key)
    locale, tz = _date_hints(row, hints)
    _, charset = parse_content_type(row.content_type)
    return RawDocument(
        origin=row.origin,
        kind=row.kind,
        data=data,
        path=row.path,
        record_no=row.record_no,
        url=row.url,
        read_at=row.read_at,
        fetched_at=row.fetched_at,
        http_charset=charset,
        source=row.source,
        locale=locale,
        timezone=tz,
        fetch=FetchMeta(
            requested_url=row.requested_url or row.origin,
            final_url=row.final_url or row.url or row.origin,
            http_status=row.http_status or 200,
            content_type=row.content_type,
            etag=row.etag,
            last_modified=row.last_modified,
            raw_key=row.raw_key,
        ),
        hints=_hints(row.hints),
    )


def _from_file(
    path: str,
    rows: list[Stored],
    hints: Mapping[str, tuple[str | None, str | None]],
    files: FileDocuments,
    whole: dict[str, list[Stored]] | None = None,
) -> tuple[list[RawDocument], list[str]]:
    # One problem per document not rebuilt, so that every selected document is counted (one line for a
    # batch's 500 left 499 of them counted nowhere).
    changed = _changed(path, rows)
    try:
        now = files.numbers(path)  # where its records are now, once one was not on its stored line
        found = files.take(
            path, rows[0].kind, [now.get(r.document_id, r.record_no) if now else r.record_no for r in rows]
        )
    except (OSError, RejectInput) as exc:
        if whole is not None and isinstance(exc, RejectInput) and exc.reason == "corrupt_gzip":
            whole[path] = rows  # cut short, as it may have been when an older version loaded it
            return [], []
        if isinstance(exc, RejectInput):
            why = changed if exc.reason == "changed" else f"{exc.stage}/{exc.reason}: {exc.detail}"
        elif isinstance(exc, FileNotFoundError):
            # Nothing can read it again: say so, rather than Python's "[Errno 2] ..." (found by review).
            why = f"{path} no longer exists; what it loaded is left as it is"
        else:
            why = f"cannot read {path}: {exc.strerror or exc}"
        return [], [f"{r.origin}: {why}" for r in rows]
    wanted = {r.document_id: r for r in rows}
    missing = set(wanted) - {doc.document_id for doc in found}
    if missing:
        found = [*found, *_moved(path, rows[0].kind, missing, files)]
    docs = []
    for doc in found:
        row = wanted.pop(doc.document_id, None)
        if row is None:
            continue
        if doc.sha256 != row.sha256:
            return [], [f"{r.origin}: {changed}" for r in rows]
        locale, tz = _date_hints(row, hints)
        docs.append(
            RawDocument(
                origin=doc.origin,
                kind=doc.kind,
                data=doc.data,
                path=doc.path,
                record_no=doc.record_no,
                url=doc.url,
                read_at=row.read_at,
                # The file's time, as ingest took it: what "yesterday", a yearless date and the future
                # are judged against (without it, the reprocess's own read time moved those dates).
                written_at=_written_by(_stored_mtime(row) or doc.written_at, row.read_at),
                source=row.source,
                locale=locale,
                timezone=tz,
            )
        )
    if whole is not None and wanted:
        whole[path] = rows  # its records are not under the keys stored: judged whole (``judge_file``)
        return [], []
    problems = [f"{r.origin}: no longer in {path}" for r in wanted.values()]
    return docs, problems


def _moved(path: str, kind: Kind, missing: set[str], files: FileDocuments) -> list[RawDocument]:
    """The records ``missing`` from their stored lines, found where they are now (``FileDocuments.scan``):
    one pushed down by a record inserted above (and unchanged) was said to be "no longer in" the file,
    its text lost, when the repair step re-derived it (review)."""
    try:
        now = files.scan(path, kind)
        numbers = sorted({now[i] for i in missing if i in now})
        return (
            [doc for doc in files.take(path, kind, numbers) if doc.document_id in missing] if numbers else []
        )
    except (OSError, RejectInput):
        return []  # read as before: what cannot be read again is said so by the caller's checks


def _changed(path: str, rows: Sequence[Stored]) -> str:
    # A crawl's files source is read again by its crawl, a file ingested by ingest (it was "ingest" for both).
    again = f"wirehouse crawl --source {rows[0].source}" if rows[0].source else f"wirehouse ingest {path}"
    return f"{path} changed since it was read; run `{again}` for it"


def judge_file(
    db: Path,
    run_id: str,
    path: str,
    rows: list[Stored],
    hints: Mapping[str, tuple[str | None, str | None]],
    files: FileDocuments,
) -> tuple[Counts, list[RawDocument], list[str]]:
    """A file whose stored documents are not what reading it gives now, judged whole as ingest judges a
    file it reads: a JSON lines file an older version split otherwise (records known by line before they
    were known by URL, an API's page kept as one line, a broken .json rejected line by line), or a gzip
    cut short that it loaded what it could of. Each record then takes over its stored document
    (``load._rekey``), new ones load, stored rejects it no longer gives go, a file cut short becomes the
    reject; so the warehouse ends as a fresh ingest would make it. Reprocess only re-derived the documents
    it found under their stored keys, and said the others "no longer in" the file (or the gzip cut
    short), every run, while ingest skipped the unchanged file (review).

    Returns its counts; or, for a file not judged here (changed since it was read: ingest's job; too large
    to read whole; nothing new in it: records deleted, kept as the archive keeps them), the documents to
    re-derive as usual and the problems."""
    first = rows[0]
    none = Counts()
    try:
        st = os.stat(path)
    except OSError:
        return (none, *_from_file(path, rows, hints, files))
    f = InputFile(
        path, first.kind, st.st_size, first.mtime_ns if first.mtime_ns is not None else st.st_mtime_ns
    )
    if read_parts.may_be_cut(f):
        return (none, *_from_file(path, rows, hints, files))
    locale, tz = _date_hints(first, hints)

    def label(d: RawDocument) -> RawDocument:
        return replace(d, source=first.source, locale=locale, timezone=tz)

    result = process_files_labelled([f], datetime.now(UTC), label)[0]
    ids = [p.document.document_id for p in result.processed]
    if result.problem is not None:
        # A gzip cut short that an older version loaded what it could of (e3329b7^): what it holds now
        # is the reject, as ingest judges it, if it is the file ingest read (its size and time, as
        # ingest compares them: the hash stored was of the part that could be read).
        as_read = (st.st_size, st.st_mtime_ns) == (first.file_size, first.mtime_ns)
        if result.problem.reason != "corrupt_gzip" or f.kind == "jsonl" or not as_read:
            return (none, *_from_file(path, rows, hints, files))
    elif result.sha256 != first.file_sha256:
        return none, [], [f"{r.origin}: {_changed(path, rows)}" for r in rows]
    else:
        with reading(db) as con, registered(con, "_ids", pa.table({"id": pa.array(ids, pa.string())})):
            known = con.execute("SELECT count(*) FROM documents WHERE document_id IN (SELECT id FROM _ids)")
            row = known.fetchone()
        if row is not None and int(row[0]) == len(set(ids)):
            return (none, *_from_file(path, rows, hints, files))
    files.judged.add(path)
    with writing(db) as con:
        counts = load_batch(con, [result], run_id, datetime.now(UTC), force=True)
        # What the file gave an older version and no longer gives (a record deleted since, a line of a
        # broken .json): kept, as ingest keeps it, but nothing can derive it again; said once, not every run.
        with registered(con, "_ids", pa.table({"id": pa.array(ids, pa.string())})):
            kept = con.execute(
                "UPDATE documents SET last_run_id = ? WHERE path = ? AND document_id NOT IN "
                "(SELECT id FROM _ids) AND last_run_id NOT IN "
                "(SELECT run_id FROM runs WHERE extractor_version = ?) RETURNING origin",
                [run_id, path, EXTRACTOR_VERSION],
            ).fetchall()
    return counts, [], [f"{o}: no longer in {path}; what it loaded is left as it is" for (o,) in sorted(kept)]


def _stored_mtime(row: Stored) -> datetime | None:
    """The file's time ingest took, as it stored it: the file's mtime now may have moved with the same
    bytes (a copy, a checkout, a ``touch``), and "yesterday" and yearless dates moved with it (review)."""
    return datetime.fromtimestamp(row.mtime_ns / 1e9, UTC) if row.mtime_ns is not None else None


def _written_by(written: datetime | None, read_at: datetime | None) -> datetime | None:
    """The file's time as ingest used it: only when it was not after the time the file was read."""
    if written is None or read_at is None:
        return written
    return written if written <= read_at else None


def load_reprocessed(db: Path, run_id: str, processed: list[Processed]) -> Counts:
    """Load re-derived documents in one transaction, replacing what they produced before."""
    with writing(db) as con:
        return load_batch(
            con,
            [FileResult(file=_NOWHERE, sha256=None, processed=processed)],
            run_id,
            datetime.now(UTC),
            force=True,
        )


def _hints(stored: str | None) -> Hints | None:
    """The feed or sitemap hints stored with a document, or None."""
    if not stored:
        return None
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return Hints(**{k: v for k, v in data.items() if k in Hints.__dataclass_fields__ and isinstance(v, str)})


def begin(db: Path, raw_dir: Path, everything: bool, flow_run_id: str | None) -> ReprocessSummary:
    started = datetime.now(UTC)
    run_id = start_run(db, ["--all" if everything else "--stale"], "reprocess", flow_run_id)
    return ReprocessSummary(
        run_id=run_id, db=str(db), raw_dir=str(raw_dir), started_at=started, flow_run_id=flow_run_id
    )


def reprocess_batch(
    db: Path,
    run_id: str,
    rows: Sequence[Stored],
    store: RawStore,
    hints: Mapping[str, tuple[str | None, str | None]],
    pool: LazyPool,
    files: FileDocuments | None = None,
) -> tuple[Counts, list[str]]:
    """Rebuild, process and load one batch; returns its counts and the documents that could not be rebuilt."""
    if files is None:
        with FileDocuments() as own:
            return reprocess_batch(db, run_id, rows, store, hints, pool, own)
    whole: dict[str, list[Stored]] = {}
    docs, problems = rebuild(rows, store, hints, files, whole)
    counts = Counts()
    for path, group in whole.items():
        judged, more, lines = judge_file(db, run_id, path, group, hints, files)
        counts.merge(judged)
        docs += more
        problems += lines
    processed = process_batch(docs, pool)
    if processed:
        counts.merge(load_reprocessed(db, run_id, processed))
    return counts, problems


def _run_summary(summary: ReprocessSummary) -> Summary:
    return Summary(
        run_id=summary.run_id,
        db=summary.db,
        inputs=[],
        counts=summary.counts,
        batches_counted=summary.batches_counted,
        repaired=summary.repaired,  # runs.rederived*: they were 0 for every crawl and reprocess (review)
        files=0,
        ignored_files=0,
        started_at=summary.started_at,
        problems=summary.problems,
    )


def finish(summary: ReprocessSummary, status: str = "completed") -> datetime:
    return finish_run(_run_summary(summary), status)


def close_failed(summary: ReprocessSummary) -> datetime | None:
    """``finish(summary, "failed")`` for a run ending on an error, without hiding it (``ingest.close_failed``)."""
    return ingest_close_failed(_run_summary(summary))


def batches(rows: Sequence[Stored]) -> list[list[Stored]]:
    size = min(MAX_BATCH_DOCUMENTS, max(BATCH_DOCUMENTS, -(-len(rows) // TARGET_BATCHES)))
    return [list(rows[i : i + size]) for i in range(0, len(rows), size)]


def run_plain(
    db: Path,
    *,
    everything: bool = False,
    config: SourcesConfig | None = None,
    raw_dir: str | Path | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> ReprocessSummary:
    """The whole reprocess without Prefect."""
    root = raw_root(db, raw_dir)
    store = RawStore(root)
    summary = begin(db, root, everything, None)
    hints = source_hints(config)
    try:
        rows = select_documents(db, everything)
        summary.selected = len(rows)
        with LazyPool(workers) as pool, FileDocuments() as files:
            for batch in batches(rows):
                summary.add(*reprocess_batch(db, summary.run_id, batch, store, hints, pool, files))
                if progress:
                    progress(progress_line(summary))
        summary.batches_counted = True
        add_repair(summary, repair_stale(db, summary.run_id, root, hints))
    except BaseException:
        close_failed(summary)
        raise
    summary.finished_at = finish(summary)
    return summary


def add_repair(summary: ReprocessSummary, done: Repair) -> None:
    summary.repaired.merge(done.counts)
    summary.problems.extend(f"could not re-derive a stale duplicate: {p}" for p in done.problems)


def progress_line(s: ReprocessSummary) -> str:
    """In the summary's words: every document counted is re-derived, and "unchanged" when its article is
    the same (it said "0 re-derived" of 19 re-derived documents, found by review)."""
    c = s.counts
    return (
        f"{c.seen + s.missing:,}/{s.selected:,} documents: {c.updated + c.loaded:,} changed, "
        f"{c.unchanged:,} unchanged, {c.duplicate:,} duplicate, {c.rejected:,} rejected, {s.missing:,} missing"
    )


def summary_text(s: ReprocessSummary) -> str:
    c = s.counts
    lines = [
        heading(f"Reprocess run {s.run_id} of {s.db}", s.flow_run_id),
        f"  raw documents: {s.raw_dir}",
        f"  {'selected':<10} {s.selected:>8,}",
    ]
    # "seen" is "selected" here; "missing": a raw body or file gone, or a file changed since it was read
    lines += count_lines([*c.rows()[1:], ("missing", s.missing)])
    if s.missing:
        lines.append("    (missing: raw body or file gone, or the file changed since it was read; see below)")
    lines += reason_lines(c.reasons) + repaired_lines(s.repaired)
    lines += [f"  ! {p}" for p in s.problems]
    lines += took(s.started_at, s.finished_at)
    return "\n".join(lines)


def summary_markdown(s: ReprocessSummary) -> str:
    c = s.counts
    out = [
        "# Reprocess summary",
        "",
        f"Run `{s.run_id}` of `{s.db}` from raw documents in `{s.raw_dir}` (no network).",
        "",
        "| outcome | documents |",
        "|---|---:|",
        f"| selected | {s.selected:,} |",
        *(f"| {name} | {value:,} |" for name, value in c.rows()[1:]),
        f"| missing | {s.missing:,} |",
    ]
    out += repaired_markdown(s.repaired) + reasons_markdown(c.reasons, "documents")
    if s.problems:
        out += ["", "## Not re-derived", ""] + [f"- {p}" for p in s.problems]
    return "\n".join(out) + "\n"
