"""A crawl's ``files`` sources: local folders through the ingest steps, labelled with the source.

Apart from the web crawl because nothing here is discovered, fetched or landed in the raw store: it is
``wirehouse ingest`` with the source's name, locale and time zone on every document.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from .crawl_pool import LazyPool, chunks
from .crawl_report import CrawlSummary, SourceReport
from .errors import RejectInput
from .ingest import Loader, Plan, plan, record_plan_problems
from .load import Counts
from .pipeline import FileResult, process_document
from .read import InputFile, read_bytes, split_documents
from .read import file_sha256 as _sha
from .records import RawDocument, Rejected
from .sources import Source


def process_source_files(
    files: list[InputFile], source: str, locale: str | None, timezone: str | None
) -> list[FileResult]:
    """``pipeline.process_files`` for a ``files`` source: its documents carry the source's name and hints."""
    read_at = datetime.now(UTC)
    results = []
    for f in files:
        try:
            data = read_bytes(f)
        except RejectInput as exc:
            results.append(FileResult(file=f, sha256=None, problem=exc.to_record()))
            continue
        docs = split_documents(f, data, read_at) or [
            RawDocument(origin=f.path, kind=f.kind, data=data, path=f.path, read_at=read_at)
        ]
        docs = [replace(d, source=source, locale=locale, timezone=timezone) for d in docs]
        results.append(FileResult(file=f, sha256=_sha(data), processed=[process_document(d) for d in docs]))
    return results


def parse_files(batch: list[InputFile], source: Source, pool: LazyPool) -> list[FileResult]:
    work = partial(process_source_files, source=source.name, locale=source.locale, timezone=source.timezone)
    executor = pool.get(len(batch))
    if executor is None:
        return work(batch)
    return [r for chunk in executor.map(work, chunks(batch, pool.workers)) for r in chunk]


def plan_files(run_id: str, db: Path, source: Source) -> Plan:
    assert source.path is not None
    return plan(run_id, db, [source.path])


def record_file_problems(p: Plan) -> Counts:
    return record_plan_problems(p)


def note_plan(report: SourceReport, p: Plan) -> None:
    """Files found and to read, the plan's outcomes, and a path that cannot be used: that source failed
    (like a feed that cannot be read, exit code 3), its ``read/missing_path`` reject recorded."""
    # Selected as a web source counts them: the unchanged files too (they are given an outcome).
    report.found, report.selected = len(p.discovery.files), len(p.todo) + p.unchanged_files
    report.counts.merge(record_file_problems(p))
    for m in p.discovery.problems:
        report.fail(m.path, Rejected("read", m.reason, m.detail))
    report.unreachable = bool(p.discovery.problems)


def crawl_files_source(source: Source, report: SourceReport, summary: CrawlSummary, pool: LazyPool) -> None:
    db = Path(summary.db)
    p = plan_files(summary.run_id, db, source)
    note_plan(report, p)
    with Loader(db, summary.run_id) as loader:  # one connection for the source's batches
        for batch in p.batches():
            results = parse_files(batch, source, pool)
            for r in results:
                if r.problem is not None:
                    report.fail(r.file.path, r.problem)
            report.counts.merge(loader.load(results))
