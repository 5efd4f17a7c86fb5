"""A crawl's ``files`` sources: local folders through the ingest steps, labelled with the source.

Apart from the web crawl because nothing here is discovered, fetched or landed in the raw store: it is
``wirehouse ingest`` with the source's name, locale and time zone on every document.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from . import read_parts
from .crawl_pool import LazyPool, chunks
from .crawl_report import CrawlSummary, SourceReport
from .ingest import Loader, Plan, plan, record_plan_problems
from .load import Counts
from .pipeline import FileResult, process_files_labelled
from .read import InputFile
from .records import RawDocument, Rejected
from .sources import Source


def process_source_files(
    files: list[InputFile], source: str, locale: str | None, timezone: str | None
) -> list[FileResult]:
    """``pipeline.process_files`` for a ``files`` source: its documents carry the source's name and hints."""
    read_at = datetime.now(UTC)

    def label(d: RawDocument) -> RawDocument:
        return replace(d, source=source, locale=locale, timezone=timezone)

    return process_files_labelled(files, read_at, label)


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
        # Large JSON lines files in parts, as ingest reads them (they were read whole, up to 512 MiB).
        p.todo = read_parts.cut(p.todo, loader.spool)
        for batch in p.batches():
            results = parse_files(batch, source, pool)
            for r in results:
                if r.problem is not None:
                    report.fail(r.file.path, r.problem)
            report.counts.merge(loader.load(results))
