"""The ``ingest`` Prefect flow: read local files into the warehouse, in batches, on all cores.

The flow only composes the steps in ``flows/ingest.py``; each step is a task so the UI shows where time
went. Tasks work on batches (tens of task runs per flow run, never one per article).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast
from uuid import UUID

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, update_progress_artifact
from prefect.cache_policies import NONE
from prefect.runtime import flow_run
from prefect.states import Cancelled
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from . import config, ingest, starting_runs
from .config import Workers
from .flow_states import finished, local_result_storage, mistakes_not_retried, untagged_task_runs
from .load import Counts
from .pipeline import FileResult, ReadHints, check_hints
from .read import InputFile
from .read_parts import files_in, parts_in, weight
from .repair import describe
from .report import summary_markdown
from .wording import counted

log = logging.getLogger("wirehouse")
T = TypeVar("T")

# Batches in progress at once: one loading while the next is parsed on the worker processes.
IN_FLIGHT = 2
# The UI's progress bar moves at most this often (and at the end): each move is an API call and an event
# the server stores, and a 10,000-file run finishes its five batches in about four seconds.
PROGRESS_EVERY_S = 1.0


@task(name="plan", cache_policy=NONE)
def plan_task(db: str, inputs: list[str]) -> tuple[ingest.Plan, Counts]:
    """Migrate, record the run, find the inputs and skip unchanged files; paths that cannot be used are rejects.

    Done on the run's loader connection, so the file is opened once per run."""
    return _this_run().loader.start(inputs, "ingest", str(flow_run.id) if flow_run.id else None)


@task(name="batch", task_run_name="batch {index}", cache_policy=NONE)
def batch_task(index: int, batch: list[InputFile], workers: int) -> Counts:
    """Parse one batch on the worker processes, then load it when every earlier batch has loaded.

    One task per batch (not a parse task and a load task) halves Prefect's bookkeeping; loading in batch
    order keeps outcomes deterministic (which of two identical files is the loaded one).
    """
    run = _this_run()
    failure: BaseException | None = None
    results: list[FileResult] = []
    if not run.stop:
        try:
            results = ingest.parse_batch(batch, run.pool, workers, run.hints)
        except BaseException as exc:
            failure = exc
    with run.turn:
        # Every batch takes its turn, even a failed one, so that no later batch waits forever.
        run.turn.wait_for(lambda: run.next >= index)
        try:
            if failure is not None:
                raise failure
            if run.stop:
                # Not a failure of this batch: Cancelled, not one more Failed with a traceback.
                skipped: Any = Cancelled(message=f"batch {index} not loaded: the run stopped before its turn")
                return cast(Counts, skipped)
            return run.loader.load(results)
        except BaseException:
            run.stop = True
            raise
        finally:
            run.next = index + 1
            run.turn.notify_all()


@dataclass
class _Run:
    """What one flow run's tasks share: the worker pool and the loader cannot be task parameters (Prefect
    records parameters), and the index of the batch whose turn it is to load. Kept per flow run, so two
    ingest runs in one process (subflows in threads) do not load into each other's connection."""

    loader: ingest.Loader
    hints: ReadHints | None = None
    pool: Any = None
    next: int = 0
    stop: bool = False
    turn: threading.Condition = field(default_factory=threading.Condition)


_RUNS: dict[str, _Run] = {}


def _this_run() -> _Run:
    return _RUNS[str(flow_run.id)]


def _run_name() -> str:
    """What the run reads, for the UI's list of runs: "ingest seeds", "ingest dumps, feed.jsonl (+3 more)"."""
    paths = flow_run.parameters.get("paths") or [str(p) for p in config.DEFAULT_INPUTS]
    names = [Path(str(p)).name or str(p) for p in paths]
    shown = ", ".join(names[:2]) + (f" (+{len(names) - 2} more)" if len(names) > 2 else "")
    return f"ingest {shown}"


@flow(
    name="ingest",
    flow_run_name=_run_name,
    task_runner=ThreadPoolTaskRunner(max_workers=IN_FLIGHT),  # type: ignore[arg-type]  # Prefect's own stub
    persist_result=False,
    result_storage=local_result_storage(),
)
def ingest_flow(
    paths: list[str] | None = None,
    db: str | None = None,
    workers: Workers | None = None,
    locale: str | None = None,
    timezone: str | None = None,
) -> dict[str, object]:
    """Read article files (text, JSON lines, JSON, HTML; gzipped too) under ``paths`` into the warehouse.

    Args:
        paths: Files, directories (read recursively) or glob patterns (``dumps/*.jsonl``); default the
            checkout's seeds/.
        db: The DuckDB warehouse file; default WIREHOUSE_DB, else warehouse/news.duckdb in the checkout.
        workers: Parsing processes, 1 to 64; default WIREHOUSE_WORKERS, else one per core.
        locale: The dates' language and region, e.g. de_DE; wins over an input's own language.
        timezone: The time zone of dates without an offset, e.g. Europe/Berlin; default UTC.
    """
    with mistakes_not_retried(), untagged_task_runs():
        settings = config.resolve(db=db, workers=workers)
        check_hints(locale, timezone)
        inputs = list(paths) if paths else [str(p) for p in config.DEFAULT_INPUTS]
        # No named path there at all is a typo, as on the command line (exit 2): the run fails, and a
        # scheduled one is not tried again. It ended "Completed with problems" (review).
        ingest.check_inputs(inputs)
        run_logger = get_run_logger()
        started = datetime.now(UTC)
        db_path = str(settings.db)

        loader = ingest.Loader(Path(db_path))
        key = str(flow_run.id)
        run = _RUNS[key] = _Run(loader, ReadHints(locale, timezone) if locale or timezone else None)
        # Until the plan has recorded the run, a note says it started: a kill during the walk of the
        # inputs is then found by the next flow run (``starting_runs``).
        starting = starting_runs.note(Path(db_path), key) if flow_run.id else None
        try:
            p, counts = plan_task(db_path, inputs)
        except BaseException:
            _RUNS.pop(key, None)
            loader.close(fold=False)
            raise
        finally:
            starting_runs.forget(starting)
        ingest.crash_flow_runs(p.abandoned_flow_runs + starting_runs.gone(Path(db_path)))
        summary = ingest.new_summary(p, counts, started, str(flow_run.id) if flow_run.id else None)
        batches = p.batches()
        # A run over unchanged input has nothing to show progress of (and saves two API calls).
        progress_id = (
            cast(
                UUID, create_progress_artifact(progress=0.0, key="ingest-progress", description="Files read")
            )
            if batches
            else None
        )
        files, parts, work = files_in(p.todo), parts_in(p.todo), p.work
        _say(
            run_logger,
            f"{counted(len(p.discovery.files), 'file')} found, {p.unchanged_files:,} unchanged, "
            f"{files:,} to read in {counted(len(batches), 'batch', 'batches')}",
        )
        done = parts_done = worked = 0
        try:
            # One connection from plan to finish: a run over unchanged input opens the file once.
            with loader, ingest.worker_pool(settings.workers, p.work) as pool:
                run.pool = pool
                futures = [
                    batch_task.submit(i, _opaque(batch), settings.workers) for i, batch in enumerate(batches)
                ]
                merged = 0
                shown = time.monotonic()
                try:
                    for batch, future in zip(batches, futures, strict=True):
                        summary.counts.merge(future.result())
                        merged += 1
                        done += files_in(batch)
                        parts_done += parts_in(batch)
                        worked += sum(weight(f) for f in batch)
                        line = ingest.progress_line(done, files, summary.counts, started, (parts_done, parts))
                        _say(run_logger, line)
                        if progress_id is not None and (
                            worked == work or time.monotonic() - shown >= PROGRESS_EVERY_S
                        ):  # reaches 100 with the last batch
                            progress_id = _moved(progress_id, 100.0 * worked / work, run_logger)
                            shown = time.monotonic()
                except BaseException:
                    _settle(run, futures[merged:], summary.counts)
                    raise
                summary.batches_counted = True
                ingest.add_repair(summary, loader.repair(p.stale_duplicates))
                if summary.repaired.seen:
                    _say(run_logger, describe(summary.repaired))
                summary.rejected_examples = loader.rejected_examples()
                summary.finished_at = loader.finish(summary)
        except BaseException:
            # On a new connection: the loader's may be what failed.
            summary.finished_at = ingest.close_failed(summary)
            with contextlib.suppress(Exception):  # the UI still shows what the failed run committed
                create_markdown_artifact(
                    key="ingest-summary",
                    markdown=summary_markdown(summary, failed=True),
                    description="Ingest run",
                )
            raise
        finally:
            _RUNS.pop(key, None)
        try:
            create_markdown_artifact(
                key="ingest-summary", markdown=summary_markdown(summary), description="Ingest run"
            )
        except Exception as exc:  # the warehouse has the run; the API may have gone (a stopped `make serve`)
            _say(run_logger, f"the run's summary could not be sent to Prefect: {type(exc).__name__}: {exc}")
        return finished(summary.as_dict(), summary.problems, run_logger)


def _moved(progress_id: UUID, progress: float, run_logger: Any) -> UUID | None:
    """Move the UI's progress bar; None, and no more moves, once that fails: the API went away (`make
    serve` stopped under the run), and each try took a minute of Prefect's retries while the batches
    waited (review). The run goes on; what it loads does not depend on the API."""
    try:
        update_progress_artifact(progress_id, progress=progress)
    except Exception as exc:
        _say(run_logger, f"Prefect's progress bar stops here: {type(exc).__name__}: {exc}")
        return None
    return progress_id


def _settle(run: _Run, futures: list[Any], counts: Counts) -> None:
    """After an interrupt or a failed batch: stop the batches not yet loading, and wait for the one that
    is, so that its transaction ends before the connection closes under it (closing it mid-load raised
    ResourceInUseException). What committed is counted, for the summary; the failed run's row is counted
    from the warehouse (``ingest.count_committed``), which an interrupt between two lines cannot skew."""
    run.stop = True
    for future in futures:
        with contextlib.suppress(BaseException):
            counts.merge(future.result())


def _opaque(value: T) -> T:
    """Hand a large batch to a task without Prefect walking every record in it looking for futures."""
    return cast(T, quote(value))


def _say(run_logger: Any, message: str) -> None:
    run_logger.info(message)
    log.info(message)
