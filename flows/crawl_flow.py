"""The ``crawl`` and ``reprocess`` Prefect flows: the steps of ``flows/crawl*.py`` and ``flows/reprocess.py``.

Tasks work on sources and batches (three task runs per batch, never one per URL): per web source a
``discover`` task (conditional GETs of the feed or sitemaps, ``crawl_discovery.py``, and what the
warehouse knows of the items), ``crawl.choose`` in the flow (what to fetch, ``max_items``), then per
batch of chosen items (at most ``crawl.LOAD_EVERY_PAGES`` pages or about ``LOAD_EVERY_SECONDS`` of
fetching, so an interrupt keeps what was loaded) ``fetch`` (conditional GET + raw landing), ``parse``
and ``load``. No Prefect retries: the fetcher already retries transient
failures per request, and a failure that outlasts them is a reject, not a failed task.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from . import config as settings_mod
from . import crawl, crawl_files, crawl_pool, crawl_report, read_parts, reprocess
from .config import Workers
from .crawl_cli import check_db_location, check_reprocess
from .fetch import Fetcher
from .flow_states import finished, local_result_storage, mistakes_not_retried, untagged_task_runs
from .ingest import Loader, Plan
from .load import Counts
from .pipeline import FileResult
from .rawstore import RawStore
from .read import InputFile
from .records import Processed
from .repair import Repair, repair_stale
from .reread import FileDocuments
from .sources import DEFAULT_PATH, Source, SourcesConfig, load_sources
from .spool import Spool

log = logging.getLogger("wirehouse")
T = TypeVar("T")

# Objects that cannot be task parameters (Prefect records parameters); tasks find them here.
_SHARED: dict[str, Any] = {}


def _fetcher() -> Fetcher:
    return cast(Fetcher, _SHARED["fetcher"])


def _pool() -> crawl_pool.LazyPool:
    return cast(crawl_pool.LazyPool, _SHARED["pool"])


def _store() -> RawStore:
    return cast(RawStore, _SHARED["store"])


# -- crawl tasks ---------------------------------------------------------------------------------


@task(name="start-run", cache_policy=NONE)
def begin_task(db: str, sources: list[Source], raw_dir: str) -> crawl_report.CrawlSummary:
    return crawl.begin(Path(db), sources, Path(raw_dir), str(flow_run.id) if flow_run.id else None)


@task(name="discover", task_run_name="discover {source.name}", cache_policy=NONE)
def discover_task(source: Source, db: str, say: Callable[[str], None] | None = None) -> crawl.Discovered:
    return crawl.discover_source(source, _fetcher(), Path(db), _store(), say)


@task(name="record-problem", task_run_name="record-problem {source.name}", cache_policy=NONE)
def problem_task(db: str, run_id: str, source: Source, found: crawl.Discovered) -> Counts:
    assert found.problem is not None
    return crawl.record_source_problem(Path(db), run_id, source, found.problem)


@task(name="fetch", task_run_name="fetch {fetching.source.name}", cache_policy=NONE)
def fetch_task(fetching: crawl.Fetching) -> crawl.Fetched:
    """The next batch of the source's fetches (the ones in flight go on into the next)."""
    return fetching.batch(crawl.LOAD_EVERY_PAGES, crawl.LOAD_EVERY_SECONDS)


@task(name="parse", cache_policy=NONE)
def parse_task(fetched: crawl.Fetched) -> list[Processed]:
    return crawl_pool.process_batch(fetched.docs, _pool())


@task(name="load", cache_policy=NONE)
def load_task(db: str, run_id: str, processed: list[Processed], fetched: crawl.Fetched) -> Counts:
    return crawl.load_fetched(Path(db), run_id, processed, fetched)


@task(name="plan-files", task_run_name="plan-files {source.name}", cache_policy=NONE)
def plan_files_task(run_id: str, db: str, source: Source) -> Plan:
    return crawl_files.plan_files(run_id, Path(db), source)


@task(name="cut-files", cache_policy=NONE)
def cut_files_task(files: list[InputFile], spool: Spool) -> list[InputFile]:
    """Large JSON lines files cut into parts (gzipped ones decompressed into ``spool``), as ingest reads
    them; after the plan is noted, so that the source's report counts files, not parts."""
    return read_parts.cut(files, spool)


@task(name="parse-files", task_run_name="parse-files {source.name}", cache_policy=NONE)
def parse_files_task(batch: list[InputFile], source: Source) -> list[FileResult]:
    return crawl_files.parse_files(batch, source, _pool())


@task(name="load-files", cache_policy=NONE)
def load_files_task(loader: Loader, results: list[FileResult]) -> Counts:
    """One batch, on the source's loader: it keeps the record keys of a file read in parts across batches."""
    return loader.load(results)


@task(name="repair", cache_policy=NONE)
def repair_task(
    db: str, run_id: str, raw_dir: str, hints: dict[str, tuple[str | None, str | None]]
) -> Repair:
    """Re-derive duplicates whose article changed during the run (``flows/repair.py``)."""
    return repair_stale(Path(db), run_id, Path(raw_dir), hints)


@task(name="finish-run", cache_policy=NONE)
def finish_task(
    summary: crawl_report.CrawlSummary | reprocess.ReprocessSummary, status: str
) -> datetime | None:
    """A failed run's end is recorded without hiding its error (None when the database stays locked: the
    next run closes it); a completed run's end must be recorded."""
    if isinstance(summary, crawl_report.CrawlSummary):
        return crawl.close_failed(summary) if status == "failed" else crawl.finish(summary, status)
    return reprocess.close_failed(summary) if status == "failed" else reprocess.finish(summary, status)


def _crawl_web(
    source: Source,
    report: crawl_report.SourceReport,
    summary: crawl_report.CrawlSummary,
    taken: dict[str, crawl.Taken],
    say: Callable[[str], None],
) -> None:
    found = discover_task(source, summary.db, _opaque(say))
    crawl.note_discovery(report, found)
    if found.held is not None:
        crawl.note_held_source(report, source, found.held)
        return
    if found.problem is not None:
        report.unreachable = True
        report.fail(source.url or source.name, found.problem)
        report.counts.merge(problem_task(summary.db, summary.run_id, source, found))
        return
    chosen = crawl.choose(source, found, taken)
    crawl.note_selection(report, found, chosen)
    told = crawl_report.FetchProgress(report, len(chosen.todo), say)
    with crawl.Fetching(source, chosen.todo, _fetcher(), _store(), told) as fetching:
        while not fetching.done:  # a batch: crawl.LOAD_EVERY_PAGES pages, or what LOAD_EVERY_SECONDS gave
            fetched = fetch_task(_opaque(fetching))
            processed = parse_task(_opaque(fetched))
            crawl.note_failures(report, fetched, processed)
            report.counts.merge(load_task(summary.db, summary.run_id, _opaque(processed), _opaque(fetched)))


def _crawl_files(
    source: Source, report: crawl_report.SourceReport, summary: crawl_report.CrawlSummary
) -> None:
    with Loader(Path(summary.db), summary.run_id) as loader:  # one connection for the source's batches
        p = plan_files_task(summary.run_id, summary.db, source)
        crawl_files.note_plan(report, p)
        if any(read_parts.may_be_cut(f) for f in p.todo):
            p.todo = cut_files_task(_opaque(p.todo), _opaque(loader.spool))
        for batch in p.batches():
            results = parse_files_task(_opaque(batch), source)
            for r in results:
                if r.problem is not None:
                    report.fail(r.file.path, r.problem)
            report.counts.merge(load_files_task(_opaque(loader), _opaque(results)))


def _crawl_run_name() -> str:
    """ "crawl sources.toml", "crawl sources.toml: example-feed": what the run fetches, for the UI's list."""
    params = flow_run.parameters
    name = f"crawl {Path(str(params.get('sources') or DEFAULT_PATH)).name}"
    return f"{name}: {params['source']}" if params.get("source") else name


def _reprocess_run_name() -> str:
    """ "reprocess all" or "reprocess stale": which documents the run re-derives."""
    return "reprocess all" if flow_run.parameters.get("everything") else "reprocess stale"


@flow(
    name="crawl",
    flow_run_name=_crawl_run_name,
    persist_result=False,
    result_storage=local_result_storage(),
)
def crawl_flow(
    sources: str | None = None,
    source: str | None = None,
    db: str | None = None,
    raw_dir: str | None = None,
    workers: Workers | None = None,
    retry_failed: bool = False,
) -> dict[str, Any]:
    """Fetch the sources in ``sources`` (default seeds/sources.toml), or only ``source``, into the warehouse.

    Args:
        sources: The sources file (TOML); default seeds/sources.toml in the checkout.
        source: Crawl only the source of this name.
        db: The DuckDB warehouse file; default WIREHOUSE_DB, else warehouse/news.duckdb in the checkout.
        raw_dir: Where fetched raw bodies are kept; default WIREHOUSE_RAW_DIR, else beside the warehouse.
        workers: Parsing processes, 1 to 64; default WIREHOUSE_WORKERS, else one per core.
        retry_failed: Ask again, this run, for every page, feed and sitemap whose last fetch failed,
            whatever its retry back-off, as each source's retry_failed = true would.
    """
    with mistakes_not_retried(), untagged_task_runs():
        settings = settings_mod.resolve(db=db, workers=workers)
        config = load_sources(_sources_path(sources))
        chosen = crawl.choose_sources(config, source, retry_failed)
        check_db_location(settings.db)  # before raw/ is made beside it: a typo in db made both (review)
        root = crawl.writable_raw_root(crawl.raw_root(settings.db, raw_dir))
        run_logger = get_run_logger()
        summary = begin_task(str(settings.db), chosen, str(root))
        taken: dict[str, crawl.Taken] = {}
        status = "failed"
        try:
            with Fetcher.for_sources(config) as fetcher, crawl_pool.LazyPool(settings.workers) as pool:
                _SHARED.update(fetcher=fetcher, pool=pool, store=RawStore(root))
                for s in chosen:
                    report = crawl_report.SourceReport(s.name, s.kind)
                    summary.sources.append(report)
                    if s.kind == "files":
                        _crawl_files(s, report, summary)
                    else:
                        _crawl_web(s, report, summary, taken, partial(_say, run_logger))
                    _say(run_logger, crawl_report.source_line(report))
            summary.batches_counted = True
            crawl.add_repair(summary, repair_task(summary.db, summary.run_id, str(root), config.date_hints()))
            status = "completed"
        finally:
            _SHARED.clear()
            try:
                summary.finished_at = finish_task(summary, status)
            finally:
                if status == "failed":
                    _failed_artifact("crawl-summary", crawl_report.summary_markdown(summary), "Crawl run")
        create_markdown_artifact(
            key="crawl-summary", markdown=crawl_report.summary_markdown(summary), description="Crawl run"
        )
        # Each with why, as runs.problems says it (the state said only "source dead-feed failed", review).
        return finished(summary.as_dict(), crawl.problems(summary), run_logger)


# -- reprocess -----------------------------------------------------------------------------------


@task(name="start-run", cache_policy=NONE)
def reprocess_begin_task(db: str, raw_dir: str, everything: bool) -> reprocess.ReprocessSummary:
    return reprocess.begin(Path(db), Path(raw_dir), everything, str(flow_run.id) if flow_run.id else None)


@task(name="select", cache_policy=NONE)
def select_task(db: str, everything: bool) -> list[reprocess.Stored]:
    return reprocess.select_documents(Path(db), everything)


@task(name="reprocess", cache_policy=NONE)
def reprocess_task(
    db: str, run_id: str, batch: list[reprocess.Stored], hints: dict[str, tuple[str | None, str | None]]
) -> tuple[Counts, list[str]]:
    files = cast(FileDocuments, _SHARED["files"])
    return reprocess.reprocess_batch(Path(db), run_id, batch, _store(), hints, _pool(), files)


@flow(
    name="reprocess",
    flow_run_name=_reprocess_run_name,
    persist_result=False,
    result_storage=local_result_storage(),
)
def reprocess_flow(
    db: str | None = None,
    everything: bool = False,
    sources: str | None = None,
    raw_dir: str | None = None,
    workers: Workers | None = None,
) -> dict[str, Any]:
    """Re-derive articles from stored raw documents, without the network (see ``flows/reprocess.py``).

    Args:
        db: The DuckDB warehouse file; default WIREHOUSE_DB, else warehouse/news.duckdb in the checkout.
        everything: Re-derive every stored document, not only those an older extractor made.
        sources: The sources file, for its date hints; default seeds/sources.toml in the checkout.
        raw_dir: Where fetched raw bodies are kept; default WIREHOUSE_RAW_DIR, else beside the warehouse.
        workers: Parsing processes, 1 to 64; default WIREHOUSE_WORKERS, else one per core.
    """
    with mistakes_not_retried(), untagged_task_runs():
        settings = settings_mod.resolve(db=db, workers=workers)
        # As the command line checks: a mistyped raw_dir failed every stored document one by one (review).
        check_reprocess(settings.db, raw_dir, "raw_dir")
        config = _optional_sources(sources)
        root = crawl.raw_root(settings.db, raw_dir)
        run_logger = get_run_logger()
        summary = reprocess_begin_task(str(settings.db), str(root), everything)
        status = "failed"
        try:
            rows = select_task(summary.db, everything)
            summary.selected = len(rows)
            hints = reprocess.source_hints(config)
            with crawl_pool.LazyPool(settings.workers) as pool, FileDocuments() as files:
                _SHARED.update(pool=pool, store=RawStore(root), files=files)
                for batch in reprocess.batches(rows):
                    summary.add(*reprocess_task(summary.db, summary.run_id, _opaque(batch), hints))
                    _say(run_logger, reprocess.progress_line(summary))
            summary.batches_counted = True
            reprocess.add_repair(summary, repair_task(summary.db, summary.run_id, str(root), hints))
            status = "completed"
        finally:
            _SHARED.clear()
            try:
                summary.finished_at = finish_task(summary, status)
            finally:
                if status == "failed":
                    _failed_artifact(
                        "reprocess-summary", reprocess.summary_markdown(summary), "Reprocess run"
                    )
        create_markdown_artifact(
            key="reprocess-summary", markdown=reprocess.summary_markdown(summary), description="Reprocess run"
        )
        result = summary.as_dict()
        gone = list(summary.problems)
        if summary.missing > len(gone):
            gone.append(
                f"{summary.missing - len(gone)} more stored documents whose raw body is gone or changed"
            )
        return finished(result, gone, run_logger)


FAILED_HEADING = " (the run failed: these counts are what it committed)"


def _failed_artifact(key: str, markdown: str, description: str) -> None:
    """The summary of a run that failed or was cancelled, as ingest leaves one: the UI showed none, and
    ``runs`` said what it had loaded (review). Best effort: the run's own error is what matters."""
    heading, _, rest = markdown.partition("\n")
    with contextlib.suppress(Exception):
        create_markdown_artifact(
            key=key, markdown=heading + FAILED_HEADING + "\n" + rest, description=description
        )


def _sources_path(sources: str | None) -> Path:
    return Path(sources) if sources else settings_mod.PROJECT_ROOT / DEFAULT_PATH


def _optional_sources(sources: str | None) -> SourcesConfig | None:
    """The sources file for locales and time zones; reprocess works without one (none given, none there)."""
    path = _sources_path(sources)
    if sources is None and not path.exists():
        return None
    return load_sources(path)


def _opaque(value: T) -> T:
    """Hand a large batch to a task without Prefect walking every record in it looking for futures."""
    return cast(T, quote(value))


def _say(run_logger: Any, message: str) -> None:
    run_logger.info(message)
    log.info(message)
