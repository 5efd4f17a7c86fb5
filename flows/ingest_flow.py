"""The ``ingest`` Prefect flow: read local files into the warehouse, in batches, on all cores.

The flow only composes the steps in ``flows/ingest.py``; each step is a task so the UI shows where time
went. Tasks work on batches (tens of task runs per flow run, never one per article).
"""

from __future__ import annotations

import logging
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast
from uuid import UUID

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, update_progress_artifact
from prefect.cache_policies import NONE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from . import config, ingest
from .load import Counts
from .pipeline import FileResult
from .read import InputFile
from .report import summary_markdown

log = logging.getLogger("wirehouse")
T = TypeVar("T")

# Parsed batches waiting for the loader; two keep both the workers and the loader busy, and bound memory.
IN_FLIGHT = 2


@task(name="start-run", cache_policy=NONE)
def start_run_task(db: str, inputs: list[str]) -> str:
    return ingest.start_run(Path(db), inputs, "ingest", str(flow_run.id) if flow_run.id else None)


@task(name="plan", cache_policy=NONE)
def plan_task(run_id: str, db: str, inputs: list[str]) -> ingest.Plan:
    return ingest.plan(run_id, Path(db), inputs)


@task(name="record-problems", cache_policy=NONE)
def problems_task(p: ingest.Plan) -> Counts:
    return ingest.record_plan_problems(p)


@task(name="parse", cache_policy=NONE)
def parse_task(batch: list[InputFile], workers: int) -> list[FileResult]:
    return ingest.parse_batch(batch, _POOL.get("pool"), workers)


@task(name="load", cache_policy=NONE)
def load_task(db: str, run_id: str, results: list[FileResult]) -> Counts:
    return ingest.load(Path(db), run_id, results)


@task(name="finish-run", cache_policy=NONE)
def finish_task(summary: ingest.Summary, status: str) -> datetime:
    return ingest.finish_run(summary, status)


# The worker pool cannot be a task parameter (Prefect records parameters); tasks find it here.
_POOL: dict[str, Any] = {}


@flow(
    name="ingest",
    task_runner=ThreadPoolTaskRunner(max_workers=IN_FLIGHT),  # type: ignore[arg-type]  # Prefect's own stub
    persist_result=False,
)
def ingest_flow(
    paths: list[str] | None = None, db: str | None = None, workers: int | None = None
) -> dict[str, object]:
    """Read article files (text, JSON lines, HTML; gzipped too) under ``paths`` into the DuckDB warehouse."""
    settings = config.resolve(db=db, workers=workers)
    inputs = list(paths) if paths else [str(p) for p in config.DEFAULT_INPUTS]
    run_logger = get_run_logger()
    started = datetime.now(UTC)
    db_path = str(settings.db)

    run_id = start_run_task(db_path, inputs)
    p = plan_task(run_id, db_path, inputs)
    counts = problems_task(p)
    summary = ingest.new_summary(p, counts, started, str(flow_run.id) if flow_run.id else None)
    batches = p.batches()
    progress_id = cast(
        UUID, create_progress_artifact(progress=0.0, key="ingest-progress", description="Files read")
    )
    _say(
        run_logger,
        f"{len(p.discovery.files)} files found, {p.unchanged_files} unchanged, "
        f"{len(p.todo)} to read in {len(batches)} batches",
    )
    done = 0
    status = "failed"
    try:
        with ingest.worker_pool(settings.workers, len(p.todo)) as pool:
            _POOL["pool"] = pool
            pending: deque[tuple[list[InputFile], PrefectFuture[list[FileResult]]]] = deque()
            queue = deque(batches)
            while queue or pending:
                while queue and len(pending) < IN_FLIGHT:
                    batch = queue.popleft()
                    pending.append((batch, parse_task.submit(_opaque(batch), settings.workers)))
                batch, future = pending.popleft()
                summary.counts.merge(load_task(db_path, run_id, _opaque(future.result())))
                done += len(batch)
                _say(run_logger, ingest.progress_line(done, len(p.todo), summary.counts, started))
                if progress_id is not None:
                    update_progress_artifact(progress_id, progress=100.0 * done / max(1, len(p.todo)))
        status = "completed"
    finally:
        _POOL.clear()
        summary.finished_at = finish_task(summary, status)
    if progress_id is not None:
        update_progress_artifact(progress_id, progress=100.0)
    create_markdown_artifact(
        key="ingest-summary", markdown=summary_markdown(summary), description="Ingest run"
    )
    return summary.as_dict()


def _opaque(value: T) -> T:
    """Hand a large batch to a task without Prefect walking every record in it looking for futures."""
    return cast(T, quote(value))


def _say(run_logger: Any, message: str) -> None:
    run_logger.info(message)
    log.info(message)
