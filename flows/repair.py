"""Re-derive duplicates whose article changed under them, so that no input's text is lost.

A document judged a duplicate keeps only a pointer to the article it repeated. When that article's owner
is edited or becomes a reject, the pointer no longer holds the duplicate's text. The view
``stale_duplicates`` finds such documents; ``repair`` rebuilds them (from their file, or from the raw
store for fetched pages, as ``reprocess`` does) and loads them again, where each becomes the article or a
duplicate of another one. Every run does this after its batches, in its own transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.db import writing

from .load import Counts, load_batch
from .pipeline import FileResult, process_documents
from .read import InputFile
from .wording import counted

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
        out.problems.extend(problems)
        rebuilt = {d.document_id for d in docs}
        failed.update(s.document_id for s in stored if s.document_id not in rebuilt)
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
