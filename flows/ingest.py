"""The ingest job's steps, as plain functions: start a run, plan, parse a batch, load a batch, finish.

``ingest_flow.py`` wraps these steps in Prefect tasks; ``run_plain`` composes them without Prefect (for
``--no-prefect`` and to measure Prefect's share in benchmarks). Parsing runs in worker processes, one per
core; loading happens in this process, one short write transaction per batch.
"""

from __future__ import annotations

import math
import multiprocessing
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.db import HeldWriter, reading, writing
from warehouse.migrate import migrate

from . import EXTRACTOR_VERSION
from .errors import UserError
from .load import Counts, load_batch, record_problems
from .pipeline import FileResult, process_files
from .read import Discovery, InputFile, discover
from .repair import Repair, repair, stale_count

# Batches are sized so a run has tens of Prefect task runs, not thousands (each costs ~20 ms and server
# rows), yet small enough that memory stays flat however large the corpus is.
MIN_BATCH_FILES = 200
MAX_BATCH_FILES = 2000
TARGET_BATCHES = 10
# Below this many files, starting worker processes costs more than it saves.
MIN_FILES_FOR_POOL = 64
# DuckDB threads for each batch's load. The worker processes already keep every core busy parsing; a
# multi-threaded writer on top of them spent 3 times the wall time (and more CPU) waiting for cores.
LOAD_THREADS: int | None = 1
# DuckDB's memory cap for each batch's load. Without it the loading process kept the blocks and indexes
# it touched, and grew with the warehouse: 267 MB at 10,000 articles, 1,027 MB at 100,000.
LOAD_MEMORY_LIMIT: str | None = "256MB"
# Batches parsed ahead of the loader: two keep both the workers and the loader busy, and bound memory.
IN_FLIGHT = 2

Progress = Callable[[str], None]


@dataclass(slots=True)
class Plan:
    """What a run will do: files to parse, and what is already known to be unchanged."""

    run_id: str
    db: Path
    inputs: list[str]
    discovery: Discovery
    todo: list[InputFile]
    unchanged_files: int = 0
    unchanged_documents: int = 0
    stale_duplicates: int = 0  # left by a run killed before its repair step (see flows/repair.py)

    def batches(self) -> list[list[InputFile]]:
        if not self.todo:
            return []
        size = max(MIN_BATCH_FILES, min(MAX_BATCH_FILES, math.ceil(len(self.todo) / TARGET_BATCHES)))
        return [self.todo[i : i + size] for i in range(0, len(self.todo), size)]


@dataclass(slots=True)
class Summary:
    run_id: str
    db: str
    inputs: list[str]
    counts: Counts
    files: int
    ignored_files: int
    started_at: datetime
    finished_at: datetime | None = None
    flow_run_id: str | None = None
    problems: list[str] = field(default_factory=list)  # one line per path that could not be used
    # Duplicates re-derived because the article they repeated changed (not inputs of this run's counts).
    repaired: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "flow_run_id": self.flow_run_id,
            "db": self.db,
            "inputs": self.inputs,
            "files": self.files,
            "ignored_files": self.ignored_files,
            **self.counts.as_dict(),
            "repaired": self.repaired.totals(),
            "problems": self.problems,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "seconds": round((self.finished_at - self.started_at).total_seconds(), 3)
            if self.finished_at
            else None,
        }


def start_run(db: Path, inputs: Sequence[str], flow_name: str, flow_run_id: str | None) -> str:
    """Migrate the warehouse and record the run as started; returns the run id."""
    run_id = str(uuid.uuid4())
    with writing(db) as con:
        migrate(con)
        con.execute(
            "INSERT INTO runs (run_id, flow_name, flow_run_id, started_at, status, inputs, extractor_version) "
            "VALUES (?, ?, ?, ?, 'running', ?, ?)",
            [run_id, flow_name, flow_run_id, datetime.now(UTC), list(inputs), EXTRACTOR_VERSION],
        )
    return run_id


def plan(run_id: str, db: Path, inputs: Sequence[str]) -> Plan:
    """Find the input files and drop those whose size and mtime match what was read before."""
    discovery = discover(inputs)
    known: dict[str, tuple[int, int, int]] = {}
    stale = 0
    if discovery.files:
        with reading(db) as con:
            import pyarrow as pa

            con.register("_paths", pa.table({"path": [f.path for f in discovery.files]}))
            rows = con.execute(
                "SELECT path, size_bytes, mtime_ns, documents FROM input_files WHERE path IN (SELECT path FROM _paths)"
            ).fetchall()
            known = {str(r[0]): (int(r[1]), int(r[2]), int(r[3])) for r in rows}
            stale = stale_count(con)
    result = Plan(run_id=run_id, db=db, inputs=list(inputs), discovery=discovery, todo=[])
    result.stale_duplicates = stale
    for f in discovery.files:
        seen = known.get(f.path)
        if seen is not None and seen[0] == f.size_bytes and seen[1] == f.mtime_ns:
            result.unchanged_files += 1
            result.unchanged_documents += seen[2]
        else:
            result.todo.append(f)
    return result


def record_plan_problems(p: Plan) -> Counts:
    counts = Counts()
    if p.discovery.problems:
        with writing(p.db) as con:
            counts = record_problems(con, p.discovery.problems, p.run_id, datetime.now(UTC))
    counts.unchanged += p.unchanged_documents
    return counts


@contextmanager
def worker_pool(workers: int, files: int) -> Iterator[Executor | None]:
    """Worker processes for parsing, or None when the job is too small to be worth them.

    ``forkserver`` because forking a process that runs Prefect's threads can deadlock, and because a
    DuckDB connection does not survive a fork.
    """
    if workers <= 1 or files < MIN_FILES_FOR_POOL:
        yield None
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["flows.pipeline"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield pool


def parse_batch(batch: list[InputFile], pool: Executor | None, workers: int) -> list[FileResult]:
    """Process one batch, split across the worker processes; results keep the batch's order."""
    return submit_batch(batch, pool, workers)()


def submit_batch(
    batch: list[InputFile], pool: Executor | None, workers: int
) -> Callable[[], list[FileResult]]:
    """Start processing one batch on the worker processes; the returned call waits for its results.

    Without a pool the batch is processed at once, in this process.
    """
    if pool is None:
        results = process_files(batch)
        return lambda: results
    size = max(1, math.ceil(len(batch) / (workers * 4)))
    futures = [pool.submit(process_files, batch[i : i + size]) for i in range(0, len(batch), size)]
    return lambda: [r for f in futures for r in f.result()]


def _setup_load(con: duckdb.DuckDBPyConnection) -> None:
    if LOAD_THREADS:
        con.execute(f"SET threads = {int(LOAD_THREADS)}")
    if LOAD_MEMORY_LIMIT:
        con.execute(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")  # a module constant, not user input
    # Closing checkpoints by default, and a checkpoint rewrites more the larger the warehouse is. Each batch
    # is durable in the WAL once committed; DuckDB checkpoints by itself when the WAL passes its threshold,
    # and ``Loader.close`` at the end. Readers (read-only connections) see the WAL's rows.
    con.execute("PRAGMA disable_checkpoint_on_shutdown")


class Loader:
    """Loads a run's batches, one transaction each, through one write connection held between them.

    Reopening the file for every batch replayed the growing write-ahead log each time (0.55 s of 1.4 s of
    loading CPU for 4,000 articles); the held connection is handed over between batches to any process
    waiting for the file (``HeldWriter``), so readers still get in during a long run.
    """

    def __init__(self, db: Path, run_id: str) -> None:
        self.db = db
        self.run_id = run_id
        self.writer = HeldWriter(db, _setup_load)
        self.changed = False  # whether any batch changed what is stored

    def load(self, results: list[FileResult]) -> Counts:
        con = self.writer.connection()
        try:
            counts = load_batch(con, results, self.run_id, datetime.now(UTC))
        except duckdb.OutOfMemoryException:
            # The cap keeps memory flat as the warehouse grows; it is never a reason to fail a batch (which
            # was rolled back whole, so loading it again is safe).
            con.execute("RESET memory_limit")
            counts = load_batch(con, results, self.run_id, datetime.now(UTC))
            if LOAD_MEMORY_LIMIT:
                con.execute(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")
        self.changed = self.changed or counts.seen > counts.unchanged
        self.writer.hand_over()
        return counts

    def repair(self, known_stale: int = 0) -> Repair:
        """Re-derive duplicates whose article changed (``flows/repair.py``), when this run could have made
        some (it changed something) or the plan found some left over."""
        if not (self.changed or known_stale):
            return Repair()
        from .crawl import raw_root

        return repair(self.writer.connection(), self.run_id, raw_root(self.db))

    def close(self, checkpoint: bool = True) -> None:
        """Close the connection; ``checkpoint`` first folds the WAL into the file (under the memory cap)."""
        try:
            if checkpoint and self.writer.is_open:
                self.writer.connection().execute("CHECKPOINT")
        finally:
            self.writer.close()

    def __enter__(self) -> Loader:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(checkpoint=exc_type is None)


def load(db: Path, run_id: str, results: list[FileResult]) -> Counts:
    """Load one batch in one transaction, opening and closing the file (for callers that load batch by
    batch from separate tasks). No checkpoint: the run's ``finish_run`` does it once."""
    loader = Loader(db, run_id)
    try:
        return loader.load(results)
    finally:
        loader.close(checkpoint=False)


def finish_run(summary: Summary, status: str = "completed") -> datetime:
    """Record the run's counts and end time; returns the end time."""
    finished_at = datetime.now(UTC)
    c = summary.counts
    with writing(Path(summary.db)) as con:
        if LOAD_MEMORY_LIMIT:
            con.execute(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")  # a module constant, not user input
        con.execute("CHECKPOINT")  # whatever the batches left in the WAL
        con.execute(
            "UPDATE runs SET finished_at = ?, status = ?, seen = ?, loaded = ?, updated = ?, unchanged = ?, "
            "duplicate = ?, rejected = ? WHERE run_id = ?",
            [
                finished_at,
                status,
                c.seen,
                c.loaded,
                c.updated,
                c.unchanged,
                c.duplicate,
                c.rejected,
                summary.run_id,
            ],
        )
    return finished_at


def progress_line(done_files: int, total_files: int, counts: Counts, started: datetime) -> str:
    elapsed = max((datetime.now(UTC) - started).total_seconds(), 1e-6)
    return (
        f"{done_files}/{total_files} files read, {counts.loaded + counts.updated} loaded, "
        f"{counts.duplicate} duplicate, {counts.rejected} rejected ({done_files / elapsed:,.0f} files/s)"
    )


def new_summary(p: Plan, counts: Counts, started: datetime, flow_run_id: str | None) -> Summary:
    return Summary(
        run_id=p.run_id,
        db=str(p.db),
        inputs=p.inputs,
        counts=counts,
        files=len(p.discovery.files),
        ignored_files=p.discovery.ignored,
        started_at=started,
        flow_run_id=flow_run_id,
        problems=[m.detail for m in p.discovery.problems],
    )


def run_plain(inputs: Sequence[str], db: Path, workers: int, progress: Progress | None = None) -> Summary:
    """The whole ingest without Prefect: same steps, same results, plain function calls."""
    started = datetime.now(UTC)
    run_id = start_run(db, inputs, "ingest", None)
    p = plan(run_id, db, inputs)
    summary = new_summary(p, record_plan_problems(p), started, None)
    done = 0
    try:
        with worker_pool(workers, len(p.todo)) as pool, Loader(db, run_id) as loader:
            # The next batch is parsed by the workers while this process loads the current one.
            queue = deque(p.batches())
            pending: deque[tuple[list[InputFile], Callable[[], list[FileResult]]]] = deque()
            while queue or pending:
                while queue and len(pending) < IN_FLIGHT:
                    batch = queue.popleft()
                    pending.append((batch, submit_batch(batch, pool, workers)))
                batch, results = pending.popleft()
                summary.counts.merge(loader.load(results()))
                done += len(batch)
                if progress:
                    progress(progress_line(done, len(p.todo), summary.counts, started))
            add_repair(summary, loader.repair(p.stale_duplicates))
    except BaseException:
        finish_run(summary, "failed")
        raise
    summary.finished_at = finish_run(summary)
    return summary


def add_repair(summary: Summary, done: Repair) -> None:
    summary.repaired.merge(done.counts)
    summary.problems.extend(f"could not re-derive a stale duplicate: {p}" for p in done.problems)


def check_inputs(inputs: Sequence[str]) -> None:
    """Refuse a run in which no named path exists at all: that is a typo, not a data problem."""
    if inputs and not any(Path(i).expanduser().exists() for i in inputs):
        listed = ", ".join(inputs)
        raise UserError(f"no such file or directory: {listed}")
