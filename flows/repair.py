"""Re-derive duplicates whose article changed under them, so that no input's text is lost.

A document judged a duplicate keeps only a pointer to the article it repeated. When that article's owner
is edited or becomes a reject, the pointer no longer holds the duplicate's text. The view
``stale_duplicates`` finds such documents; ``repair`` rebuilds them (from their file, or from the raw
store for fetched pages, as ``reprocess`` does) and loads them again, where each becomes the article or a
duplicate of another one. Every run does this after its batches, in its own transaction.

A stale duplicate whose input no longer holds it (its file deleted or changed, its record gone from its
file) cannot be re-derived, and the article that held its text has changed: it is settled once, as a
reject (``read/input_gone``, or ``read/unreadable`` when its file is there but cannot be opened) that
replaces its document, and the run names it among its problems. It stayed stale instead, and every later
run, over any folder, tried again and exited 3 (review). Reading its input again judges it anew: its
file's ``input_files`` row goes, so the next ingest of that file reads it.

A fetched page is never settled so: its body missing from the raw store this run looked in (``ingest``
has no ``--raw-dir``; a crawl may have stored it under another) is no proof that it is gone. It stays
stale, named among the run's problems (exit 3), until a run given its raw store (``reprocess
--raw-dir``) re-derives it. Settling it deleted its document, and with it the only pointer to a body that
was still in the crawl's raw store (review).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from warehouse.db import writing

from .load import REJECT_SCHEMA, Counts, _delete_where_in, _insert, _reject_dict, load_batch
from .pipeline import FileResult, process_documents
from .read import InputFile
from .records import Rejected
from .wording import counted

if TYPE_CHECKING:
    from .reprocess import Stored

# Each pass can only make documents stale that pointed at a re-derived one, which none do; a second pass
# is a safety net, not an expected case.
MAX_PASSES = 3
_NOWHERE = InputFile(path="<repair>", kind="text", size_bytes=0, mtime_ns=0)
# The columns ``reprocess.Stored`` is built from, in its order.
_STORED_COLUMNS = (
    "document_id, origin, kind, path, record_no, url, source, sha256, read_at, fetched_at, requested_url, "
    "final_url, http_status, content_type, etag, last_modified, raw_key, hints, locale, timezone"
)


@dataclass(slots=True)
class Repair:
    """What re-deriving stale duplicates did: their new outcomes, and those that could not be rebuilt."""

    counts: Counts = field(default_factory=Counts)
    problems: list[str] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.counts.seen


def describe(counts: Counts) -> str:
    """One summary line: how many duplicates were re-derived and what they became."""
    return (
        f"re-derived {counted(counts.seen, 'duplicate')} whose article changed: "
        f"{counts.loaded + counts.updated:,} now the article, {counted(counts.duplicate, 'duplicate')} of another, "
        f"{counts.rejected:,} rejected"
    )


def repair_stale(
    db: Path,
    run_id: str,
    raw_dir: Path,
    hints: Mapping[str, tuple[str | None, str | None]] | None = None,
) -> Repair:
    """``repair`` for runs that load batch by batch (crawl, reprocess): one connection, at the end."""
    with writing(db) as con:
        if not stale_count(con):
            return Repair()
        return repair(con, run_id, raw_dir, hints)


def stale_count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM stale_duplicates").fetchone()
    return int(row[0]) if row else 0


def repair(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    raw_dir: Path,
    hints: Mapping[str, tuple[str | None, str | None]] | None = None,
) -> Repair:
    """Rebuild, re-process and reload every stale duplicate; one transaction per pass."""
    out = Repair()
    failed: set[str] = set()
    for _ in range(MAX_PASSES):
        rows = con.execute(
            f"SELECT {_STORED_COLUMNS} FROM stale_duplicates ORDER BY document_id"  # module constants
        ).fetchall()
        rows = [r for r in rows if r[0] not in failed]
        if not rows:
            break
        # Imported here: a run with nothing stale (nearly every run) does not pay for the crawl modules.
        from .rawstore import RawStore
        from .reprocess import Stored, rebuild

        stored = [Stored(*r) for r in rows]
        docs, problems = rebuild(stored, RawStore(raw_dir), hints or {})
        rebuilt = {d.document_id for d in docs}
        lost = [s for s in stored if s.document_id not in rebuilt]
        failed.update(s.document_id for s in lost)
        gone = [s for s in lost if _settles(s)]
        if gone:
            settled, lines = settle(con, gone, problems, run_id)
            out.counts.merge(settled)
            out.problems.extend(lines)
        out.problems.extend(_left_stale(s, problems) for s in lost if not _settles(s))
        if not docs:
            break
        processed = process_documents(docs)
        out.counts.merge(
            load_batch(
                con,
                [FileResult(file=_NOWHERE, sha256=None, processed=processed)],
                run_id,
                datetime.now(UTC),
                force=True,
            )
        )
    return out


def _why(row: Stored, problems: list[str]) -> str:
    """Why ``row`` could not be rebuilt, from ``rebuild``'s problem lines (each ``origin: why``)."""
    prefix = f"{row.origin}: "
    for line in problems:
        if line.startswith(prefix):
            return line[len(prefix) :]
    return "its input could not be read again"


def _settles(row: Stored) -> bool:
    """Whether a stale duplicate that could not be rebuilt is settled as a reject: a file's document (a
    file, a record of a JSON lines file), whose input this run looked at where it is. Not a fetched page,
    whose body may be under a raw store this run was not given."""
    return row.raw_key is None and row.path is not None


def _left_stale(row: Stored, problems: list[str]) -> str:
    """The problem line of a stale duplicate left as it is (``_settles``)."""
    hint = (
        "left as it is: `wirehouse reprocess --raw-dir DIR`, DIR the raw folder its crawl stored pages in, "
        "re-derives it"
        if row.raw_key is not None
        else "left as it is"
    )
    return f"{row.origin}: {_why(row, problems)} ({hint})"


def _lost_reason(row: Stored) -> str:
    """``unreadable`` for a file that is there but cannot be opened (it may be read again once it can),
    else ``input_gone``: the file is deleted or no longer holds the document, or the stored page is gone."""
    if row.raw_key is not None or row.path is None:
        return "input_gone"
    try:
        with open(row.path, "rb"):
            pass
    except (FileNotFoundError, NotADirectoryError):
        return "input_gone"
    except OSError:
        return "unreadable"
    return "input_gone"


def settle(
    con: duckdb.DuckDBPyConnection, lost: list[Stored], problems: list[str], run_id: str
) -> tuple[Counts, list[str]]:
    """Stale duplicates that could not be rebuilt become rejects, in one transaction: their document goes
    (what it pointed at no longer holds its text), and their file is read again by the next ingest that
    lists it. Returns their counts and one problem line each."""
    now = datetime.now(UTC)
    counts = Counts()
    rows = []
    lines = []
    for row in lost:
        reason = _lost_reason(row)
        why = _why(row, problems)
        then = (
            "the text it repeated is no longer in the warehouse"
            if reason == "input_gone"
            else "the next ingest of its file reads it again"
        )
        detail = f"a duplicate whose article changed, which could not be re-derived: {why}; {then}"
        rows.append(_reject_dict(row.document_id, row.origin, Rejected("read", reason, detail), run_id, now))
        counts.add("rejected", f"read/{reason}")
        said = "its text is lost" if reason == "input_gone" else "the next ingest of its file reads it again"
        lines.append(f"{row.origin}: {why} ({said}: see rejects, reason read/{reason})")
    ids = [r["document_id"] for r in rows]
    con.execute("BEGIN TRANSACTION")
    try:
        _delete_where_in(con, "rejects", "document_id", ids)
        _delete_where_in(con, "documents", "document_id", ids)
        _delete_where_in(con, "input_files", "path", [row.path for row in lost if row.path is not None])
        _insert(con, "rejects", rows, REJECT_SCHEMA)
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    return counts, lines
