"""The ingest job's steps, as plain functions: start a run, plan, parse a batch, load a batch, finish.

``ingest_flow.py`` wraps these steps in Prefect tasks; ``run_plain`` composes them without Prefect (for
``--no-prefect`` and to measure Prefect's share in benchmarks). Parsing runs in worker processes, one per
core; loading happens in this process, one short write transaction per batch.
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import duckdb

from warehouse.db import HeldWriter, reading, writing
from warehouse.migrate import migrate

from . import EXTRACTOR_VERSION, read_parts, run_owner
from .config import lock_wait_seconds
from .errors import DatabaseLocked, UserError
from .gc_defer import deferred_collections
from .load import Counts, PartRejects, kept_line, load_batch, record_problems, registered
from .mp_tempdir import own_temp_dir
from .part_keys import PartKeys
from .pipeline import FileResult, ReadHints, process_files
from .read import Discovery, InputFile, discover, named_path_exists
from .read_parts import files_in, parts_in, weight
from .repair import Repair, repair, stale_count
from .spool import Spool
from .wording import counted

log = logging.getLogger("wirehouse")

# Batches are sized so a run has tens of Prefect task runs, not thousands, yet small enough that memory
# stays flat however large the corpus is. A task run costs about 33 ms of CPU (25 in the Prefect server,
# which stores its state events; measured with empty tasks), and a batch some fixed work in the loader
# (10,000 files, four rounds each: 1.37-1.71 s of the loading process's CPU in five batches, 1.48-1.77 s
# in ten). So: five batches up to 10,000 files, one more per 2,000 files above that.
MIN_BATCH_FILES = 200
MAX_BATCH_FILES = 2000
TARGET_BATCHES = 5
# Below this many files, starting worker processes costs more than it saves.
MIN_FILES_FOR_POOL = 64
# DuckDB threads for each batch's load. The worker processes already keep every core busy parsing; a
# multi-threaded writer on top of them spent 3 times the wall time (and more CPU) waiting for cores.
LOAD_THREADS: int | None = 1
# DuckDB's memory cap for the loading connection: MEMORY_FLOOR_MB, or MEMORY_ROOM times the warehouse
# file and its write-ahead log when that is more. Without a cap the loading process kept every block and
# index page it touched (814 MB at 100,000 articles). But a COMMIT or CHECKPOINT that runs out of memory
# invalidates the whole database (DuckDB 2.0.1 and 1.5), and what they need grows with the warehouse (at
# 100,000 articles, 48-64 MB failed and 128 MB was enough). So the cap grows with the file, and a call that
# still runs out is done again on a new connection without a cap, after which this run's cap doubles
# (``Loader._capped``; tests/test_ingest.py runs a whole ingest under a 16 MB cap).
MEMORY_FLOOR_MB = 128
MEMORY_ROOM = 0.5
# DuckDB checkpoints on its own inside a COMMIT once its log passes 16 MB; the loader does it between
# batches instead, under the cap above, once the log passes this size.
CHECKPOINT_WAL_BYTES = 64 * 2**20
# Batches parsed ahead of the loader: two keep both the workers and the loader busy, and bound memory.
IN_FLIGHT = 2

Progress = Callable[[str], None]
T = TypeVar("T")


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
    abandoned_flow_runs: list[str] = field(default_factory=list)  # of killed runs, to mark Crashed

    @property
    def work(self) -> int:
        """Documents to read, about: one per file, a part of a large JSON lines file its lines."""
        return sum(weight(f) for f in self.todo)

    def batches(self) -> list[list[InputFile]]:
        """``todo`` in order, in batches of about the same number of documents (files, or parts)."""
        if not self.todo:
            return []
        size = max(MIN_BATCH_FILES, min(MAX_BATCH_FILES, math.ceil(self.work / TARGET_BATCHES)))
        out: list[list[InputFile]] = [[]]
        held = 0
        for f in self.todo:
            if held >= size:
                out.append([])
                held = 0
            out[-1].append(f)
            held += weight(f)
        return out


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
    # The first rejected inputs of the run (origin, stage/reason, detail), for the UI's summary artifact.
    rejected_examples: list[tuple[str, str, str]] = field(default_factory=list)
    ignored_names: list[str] = field(default_factory=list)  # the first few files ignored, to say which
    # Set once every batch's counts were merged, before the repair step: a run failing after that keeps
    # them (``count_committed``), as the warehouse cannot tell the repair's rows from the batches'.
    batches_counted: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "flow_run_id": self.flow_run_id,
            "db": self.db,
            "inputs": self.inputs,
            "files": self.files,
            "ignored_files": self.ignored_files,
            "ignored_names": self.ignored_names,
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
    """Migrate the warehouse and record the run as started; returns the run id. A flow run (crawl,
    reprocess) also marks Crashed the flow runs of the killed runs it closed, and of those a plain run
    closed (``UNTOLD``), as ingest's does: they were dropped here, and stayed Running in Prefect for ever
    (review)."""
    with writing(db) as con:
        run_id, abandoned = _record_start(con, inputs, flow_name, flow_run_id)
    if flow_run_id is not None:  # a plain run has no Prefect API to tell
        crash_flow_runs([i for i in abandoned if i])
    return run_id


def crash_flow_runs(ids: Sequence[str]) -> None:
    """The flow runs of runs whose process was killed (closed as failed in the warehouse by this run's
    start) stay Running in Prefect for ever when heartbeats are off: mark them Crashed, and their task
    runs not finished (a batch killed mid-load spun in the UI's graph for ever: review). Best effort: the
    warehouse has them failed, and a run does not fail for the UI."""
    if not ids:
        return
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.states import Crashed

    why = "its process was killed; the next run closed it in the warehouse"
    with contextlib.suppress(Exception), get_client(sync_client=True) as client:
        for flow_run_id in ids:
            with contextlib.suppress(Exception):
                run = uuid.UUID(flow_run_id)
                state = client.read_flow_run(run).state
                if state is None or not state.is_final():
                    client.set_flow_run_state(run, Crashed(message=why), force=True)
                tasks = client.read_task_runs(
                    flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run])), limit=200
                )
                for task_run in tasks:
                    if task_run.state is None or not task_run.state.is_final():
                        client.set_task_run_state(task_run.id, Crashed(message=why), force=True)


def _record_start(
    con: duckdb.DuckDBPyConnection, inputs: Sequence[str], flow_name: str, flow_run_id: str | None
) -> tuple[str, list[str | None]]:
    """Record the run as started; returns its id and, for a flow run, the Prefect flow run ids of the
    runs it closed as abandoned and of those a plain run closed (for the flow to mark Crashed)."""
    run_id = str(uuid.uuid4())
    migrate(con)
    abandoned = close_abandoned(con, untold=flow_run_id is None)
    if flow_run_id is not None:
        abandoned += untold_flow_runs(con)
    host, pid, started = run_owner.current()
    con.execute(
        "INSERT INTO runs (run_id, flow_name, flow_run_id, started_at, status, inputs, extractor_version, "
        "host, pid, pid_started) VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)",
        [
            run_id,
            flow_name,
            flow_run_id,
            datetime.now(UTC),
            list(inputs),
            EXTRACTOR_VERSION,
            host,
            pid,
            started,
        ],
    )
    return run_id, abandoned


# What a run committed, from the rows that carry its id: articles it loaded (of inputs new to it, first
# ingested by it), articles it replaced (an input read before, or an article another input held), duplicates
# it wrote (a duplicate it re-derived to the same outcome only takes its id, not a new ``updated_at``),
# rejects. What it found unchanged is not recorded. Split as the loader counts (``load._load``): an input
# rejected before that now loads is "updated", though its article is new.
_COMMITTED = (
    "SELECT (SELECT count(*) FROM articles a JOIN documents d ON d.document_id = a.document_id "
    "WHERE a.run_id = $run AND a.ingested_at >= $started AND d.first_run_id = $run), "
    "(SELECT count(*) FROM articles WHERE run_id = $run), "
    "(SELECT count(*) FROM documents WHERE last_run_id = $run AND status = 'duplicate' "
    "AND updated_at >= $started), "
    "(SELECT count(*) FROM rejects WHERE run_id = $run)"
)


def committed(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[int, int, int, int]:
    """What run ``run_id`` committed (``_COMMITTED``): loaded, updated, duplicate, rejected."""
    start = con.execute("SELECT started_at FROM runs WHERE run_id = ?", [run_id]).fetchone()
    if start is None:
        return 0, 0, 0, 0
    row = con.execute(_COMMITTED, {"run": run_id, "started": start[0]}).fetchone()
    loaded, articles, duplicate, rejected = (int(n) for n in row) if row else (0, 0, 0, 0)
    return loaded, articles - loaded, duplicate, rejected


# The problem line of a killed run closed by a run without Prefect (``--no-prefect``, WIREHOUSE_NO_PREFECT):
# it cannot mark the killed run's flow run Crashed, so it leaves this for the next flow run, which does and
# drops the line. The id was lost, and the flow run stayed Running for ever (review).
UNTOLD = (
    "its process was killed: a run without Prefect closed it as failed, and the next flow run on this "
    "warehouse marks its Prefect flow run Crashed"
)
# Flow runs one run marks Crashed at most: a bound, not an expected number.
MAX_UNTOLD = 100


def close_abandoned(con: duckdb.DuckDBPyConnection, untold: bool = False) -> list[str | None]:
    """Mark ``failed`` the runs still ``running`` whose process is gone, with what they committed (their
    batches were loaded; only the end was never recorded). Returns their Prefect flow run ids. ``untold``:
    the caller cannot tell Prefect (a plain run), so each that has a flow run gets the ``UNTOLD`` line."""
    rows = con.execute(
        "SELECT run_id, flow_run_id, host, pid, pid_started FROM runs WHERE status = 'running'"
    ).fetchall()
    closed: list[str | None] = []
    for run_id, flow_run_id, host, pid, started in rows:
        if run_owner.alive(host, pid, started):
            continue
        loaded, updated, duplicate, rejected = committed(con, run_id)
        con.execute(
            "UPDATE runs SET status = 'failed', finished_at = ?, seen = ?, loaded = ?, updated = ?, "
            "duplicate = ?, rejected = ?, problems = CASE WHEN ? THEN list_append(coalesce(problems, []), ?) "
            "ELSE problems END WHERE run_id = ?",
            [
                datetime.now(UTC),
                loaded + updated + duplicate + rejected,
                loaded,
                updated,
                duplicate,
                rejected,
                untold and flow_run_id is not None,
                UNTOLD,
                run_id,
            ],
        )
        log.warning("run %s (process %s, gone) was left running: closed as failed", run_id, pid)
        closed.append(flow_run_id)
    return closed


def untold_flow_runs(con: duckdb.DuckDBPyConnection) -> list[str | None]:
    """The flow runs of killed runs that a plain run closed (``UNTOLD``), for a flow run to mark Crashed;
    their line goes now, so that each is asked about once (marking is best effort, as for the runs a flow
    run closes itself), not by every run for ever."""
    rows = con.execute(
        "SELECT run_id, flow_run_id FROM runs WHERE status = 'failed' AND flow_run_id IS NOT NULL "
        "AND list_contains(problems, ?) ORDER BY finished_at DESC LIMIT ?",
        [UNTOLD, MAX_UNTOLD],
    ).fetchall()
    for run_id, _ in rows:
        con.execute(
            "UPDATE runs SET problems = list_filter(problems, lambda p: p <> ?) WHERE run_id = ?",
            [UNTOLD, run_id],
        )
    return [flow_run_id for _, flow_run_id in rows]


def begin(
    db: Path,
    inputs: Sequence[str],
    flow_name: str,
    flow_run_id: str | None,
    writer: HeldWriter | None = None,
    spool: Spool | None = None,
) -> tuple[Plan, Counts]:
    """``start_run``, ``plan`` and ``record_plan_problems`` on one connection (each open of a large
    warehouse costs about 20 ms, a tenth of a run over unchanged input); ``writer``'s connection, left
    open for the run's loads, when given. Files are found first, with the warehouse not yet locked: a
    reader waits for a batch at most, not for a walk of a slow file system (recording the run first, to
    leave a row for a run killed during the walk, made ``wirehouse sql --wait 1`` fail: review). Large
    gzipped JSON lines files are read in parts only with a ``spool`` to decompress them into."""
    discovery = discover(inputs)
    with contextlib.ExitStack() as stack:
        con = writer.connection() if writer is not None else stack.enter_context(writing(db))
        run_id, abandoned = _record_start(con, inputs, flow_name, flow_run_id)
        p = _compare(con, Plan(run_id=run_id, db=db, inputs=list(inputs), discovery=discovery, todo=[]))
        p.abandoned_flow_runs = [i for i in abandoned if i]
        counts = record_plan_problems(p, con)
    # Large JSON lines files in parts (one read of each, to cut it at line ends), in the run's order.
    if writer is not None and any(read_parts.may_be_cut(f) for f in p.todo):
        writer.close()  # reading (and decompressing) them takes seconds: readers need not wait for that
    try:
        p.todo = read_parts.cut(p.todo, spool)
    except BaseException:  # Ctrl-C: the run is over, not left "running" until the next one finds it
        with contextlib.suppress(Exception):
            finish_run(new_summary(p, counts, datetime.now(UTC), flow_run_id), "failed")
        raise
    return p, counts


def plan(run_id: str, db: Path, inputs: Sequence[str]) -> Plan:
    """Find the input files and drop those whose size and mtime match what was read before."""
    result = Plan(run_id=run_id, db=db, inputs=list(inputs), discovery=discover(inputs), todo=[])
    if not result.discovery.files:
        return result
    with reading(db) as con:
        return _compare(con, result)


# Files found, against what was read before, in one join (done in SQL so that a run over 10,000
# unchanged files fetches one row instead of 10,000): the positions of the new or changed files, and
# how many files and documents are unchanged.
_COMPARE_FILES = (
    "SELECT coalesce(list(f.i ORDER BY f.i) FILTER (WHERE k.path IS NULL), []), count(k.path), "
    "coalesce(sum(k.documents), 0) FROM _found f LEFT JOIN input_files k "
    "ON k.path = f.path AND k.size_bytes = f.size_bytes AND k.mtime_ns = f.mtime_ns"
)


def _compare(con: duckdb.DuckDBPyConnection, p: Plan) -> Plan:
    """Fill ``p.todo`` (new or changed files, in discovery order) and the unchanged counts."""
    files = p.discovery.files
    if not files:
        return p
    import pyarrow as pa

    found = pa.table(
        {
            "i": pa.array(range(len(files)), pa.int64()),
            "path": pa.array([f.path for f in files], pa.string()),
            "size_bytes": pa.array([f.size_bytes for f in files], pa.int64()),
            "mtime_ns": pa.array([f.mtime_ns for f in files], pa.int64()),
        }
    )
    with registered(con, "_found", found):
        row = con.execute(_COMPARE_FILES).fetchone()
    assert row is not None  # an aggregate always returns one row
    changed, p.unchanged_files, p.unchanged_documents = row[0], int(row[1]), int(row[2])
    p.todo = [files[i] for i in changed]
    p.stale_duplicates = stale_count(con)
    return p


def record_plan_problems(p: Plan, con: duckdb.DuckDBPyConnection | None = None) -> Counts:
    """Paths that could not be used become rejects (on ``con``, or a connection of its own); the
    returned counts start with the plan's unchanged documents."""
    counts = Counts()
    found = p.discovery
    if found.problems or found.folders:
        with contextlib.ExitStack() as stack:
            target = con if con is not None else stack.enter_context(writing(p.db))
            now = datetime.now(UTC)
            counts = record_problems(target, found.problems, p.run_id, now, found.folders)
    counts.unchanged += p.unchanged_documents
    return counts


@contextmanager
def worker_pool(workers: int, files: int) -> Iterator[Executor | None]:
    """Worker processes for parsing, or None when the job is too small to be worth them (``files``: the
    plan's ``work``, a part of a large file counted by its records).

    ``forkserver`` because forking a process that runs Prefect's threads can deadlock, and because a
    DuckDB connection does not survive a fork.
    """
    if workers <= 1 or files < MIN_FILES_FOR_POOL:
        yield None
        return
    from .worker_start import start_worker

    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=forkserver(), initializer=start_worker, initargs=(os.getpid(),)
    )
    try:
        yield pool
    except BaseException:
        # Interrupted or failed: no parsing result is wanted any more. The workers ignore Ctrl-C (see
        # ``start_worker``), so they are stopped here rather than waited for: a second Ctrl-C while waiting
        # left the command hung at exit, and a third left the workers running.
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the workers, then free the pool's result reader (CPython's ``_processes``,
    ``_result_queue`` and ``_executor_manager_thread``; Python 3.14 has ``terminate_workers``)."""
    # Taken first: shutdown drops the pool's references to them.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    # The pool's manager thread cancels the work not started when it next runs; workers terminated
    # before that made it find the pool broken instead, and fail that work with BrokenProcessPool (a
    # loaded machine, a test's run). A short wait: the thread only has to be scheduled.
    deadline = time.monotonic() + 2
    while (
        manager is not None
        and manager.is_alive()
        and getattr(pool, "_cancel_pending_futures", False)
        and time.monotonic() < deadline
    ):
        time.sleep(0.005)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)
    # A worker stopped halfway through sending a result leaves the pool's reader thread waiting for the
    # rest of it, and the interpreter waits for that thread at exit, for ever: this process holds the
    # pipe's other end too. Closed, the reader sees the end and the pool winds down.
    with contextlib.suppress(Exception):
        writer.close()  # type: ignore[union-attr]
    if manager is not None:
        manager.join(timeout=10)


def forkserver() -> multiprocessing.context.ForkServerContext:
    """The fork server context, preloading ``flows.worker_preload`` (the pipeline and the language model),
    with the server started (once per process)."""
    import multiprocessing.forkserver
    import multiprocessing.resource_tracker
    import signal

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["flows.worker_preload"])
    own_temp_dir()  # the server's socket in a folder a later run can remove if this one is killed
    # Started with Ctrl-C blocked (a signal mask survives the exec): the server ignores SIGINT only once
    # its preload is imported, and a Ctrl-C in that second printed a KeyboardInterrupt traceback from it.
    # The server never unblocks it, so its workers start with SIGINT blocked too (they ignore it anyway;
    # a program a worker ran would inherit the mask).
    # SIGHUP (the terminal closed) is blocked for both too: the tracker ignores only SIGINT and SIGTERM,
    # so a hangup of the whole process group killed it and Python printed its KeyError tracebacks while
    # the command was ending the run; the workers are stopped by the command, as on Ctrl-C (a review).
    hup = {signal.SIGHUP} if hasattr(signal, "SIGHUP") else set()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, hup)
    try:
        multiprocessing.resource_tracker.ensure_running()  # first: its own start unblocks SIGINT again
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return ctx


def parse_batch(
    batch: list[InputFile], pool: Executor | None, workers: int, hints: ReadHints | None = None
) -> list[FileResult]:
    """Process one batch, split across the worker processes; results keep the batch's order."""
    return submit_batch(batch, pool, workers, hints)()


def submit_batch(
    batch: list[InputFile], pool: Executor | None, workers: int, hints: ReadHints | None = None
) -> Callable[[], list[FileResult]]:
    """Start processing one batch on the worker processes; the returned call waits for its results.

    Without a pool the batch is processed at once, in this process.
    """
    if pool is None:
        results = process_files(batch, hints)
        return lambda: results
    size = max(1, math.ceil(len(batch) / (workers * 4)))
    futures = [pool.submit(process_files, batch[i : i + size], hints) for i in range(0, len(batch), size)]
    return lambda: [r for f in futures for r in f.result()]


def _setup_load(con: duckdb.DuckDBPyConnection) -> None:
    if LOAD_THREADS:
        con.execute(f"SET threads = {int(LOAD_THREADS)}")
    con.execute("SET checkpoint_threshold = '1TB'")  # Loader checkpoints (see CHECKPOINT_WAL_BYTES)
    # Closing would checkpoint; each batch is durable in the log once committed, readers (read-only
    # connections) see the log's rows, and the run checkpoints at its end.
    con.execute("PRAGMA disable_checkpoint_on_shutdown")


def memory_cap_mb(db: Path) -> int:
    """The loading connection's memory cap for the warehouse as it is now (see MEMORY_ROOM)."""
    size = _file_bytes(db) + _file_bytes(_wal(db))
    return max(MEMORY_FLOOR_MB, math.ceil(size * MEMORY_ROOM / 2**20))


def out_of_memory(exc: duckdb.Error) -> bool:
    """DuckDB ran out of its memory cap (an OutOfMemoryException, or a COMMIT that could not pin a block,
    after which the database is invalidated)."""
    text = str(exc).lower()
    return isinstance(exc, duckdb.OutOfMemoryException) or any(
        words in text for words in ("allocate", "failed to pin", "out of memory")
    )


class Loader:
    """Loads a run's batches, one transaction each, through one write connection held between them.

    Reopening the file for every batch replayed the growing write-ahead log each time (0.55 s of 1.4 s of
    loading CPU for 4,000 articles); the held connection is handed over between batches to any process
    waiting for the file (``HeldWriter``), so readers still get in during a long run.
    """

    def __init__(self, db: Path, run_id: str = "") -> None:
        self.db = db
        self.run_id = run_id
        self.writer = HeldWriter(db, _setup_load)
        self.changed = False  # whether any batch changed what is stored
        self._cap_mb = 0  # the cap set on the open connection (0: none yet)
        self.recoveries = 0  # calls that ran out of memory under the cap and were done again without
        self._boost = 1  # doubles after each recovery
        self.parts = PartKeys()  # the keys of the files read in parts, across their batches
        self.part_rejects = PartRejects()  # the rejects those parts gave, across their batches
        self.spool = Spool()  # decompressed copies of gzipped files read in parts, removed at close
        self._collections = contextlib.ExitStack()  # fewer garbage collections while used in a with block

    def _connection(self) -> duckdb.DuckDBPyConnection:
        """The held connection, its memory cap raised to what the warehouse needs now."""
        opened = self.writer.is_open
        try:
            con = self.writer.connection()
        except DatabaseLocked as exc:
            if not self.run_id:
                raise
            # Lost mid-run: between batches the file went to a process that waited for it (a query, as
            # often as not), which kept it longer than this run waits. "An ingest still writing?" sent people
            # looking for one.
            raise DatabaseLocked(
                f"{self.db} stayed locked by another process (a query or another writer) that took it while "
                f"this run was between batches; gave up after {lock_wait_seconds():.0f} s. What the run "
                "loaded is kept; the same command again finishes the work"
            ) from exc
        cap = memory_cap_mb(self.db) * self._boost
        if not opened or cap != self._cap_mb:
            con.execute(f"SET memory_limit = '{cap}MB'")  # an int we computed, not user input
            self._cap_mb = cap
        return con

    def _capped(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """``work`` under the cap; if DuckDB runs out of memory, again on a new connection without one.

        A COMMIT or CHECKPOINT that ran out of memory did not happen, but may have invalidated the
        database: a new connection replays the log and starts clean. The next call has a cap again.
        """
        try:
            return work(self._connection())
        except duckdb.Error as exc:
            if not out_of_memory(exc):
                raise
        self.recoveries += 1
        self._boost *= 2  # what this warehouse needs is more than the estimate: do not fail every batch
        with contextlib.suppress(duckdb.Error):
            self.writer.close()
        con = self.writer.connection()
        con.execute("RESET memory_limit")
        try:
            return work(con)
        finally:
            self._cap_mb = 0
            with contextlib.suppress(duckdb.Error):
                self._connection()

    def start(self, inputs: Sequence[str], flow_name: str, flow_run_id: str | None) -> tuple[Plan, Counts]:
        """``begin`` on this loader's connection, which stays open for the run (set up, not yet capped:
        a migration must not run out of memory)."""
        p, counts = begin(self.db, inputs, flow_name, flow_run_id, self.writer, self.spool)
        self.run_id = p.run_id
        return p, counts

    def finish(self, summary: Summary, status: str = "completed") -> datetime:
        """``finish_run`` on the held connection; closing the loader then folds the log into the file."""
        finished_at = datetime.now(UTC)
        note_unreadable(summary)
        self._capped(lambda con: _record_finish(con, summary, status, finished_at))
        return finished_at

    def rejected_examples(self, limit: int = 20) -> list[tuple[str, str, str]]:
        """The run's first rejected inputs, so the summary in Prefect's UI can name them."""
        rows = self._capped(
            lambda con: con.execute(
                "SELECT origin, stage || '/' || reason, detail FROM rejects WHERE run_id = ? "
                "ORDER BY origin LIMIT ?",
                [self.run_id, limit],
            ).fetchall()
        )
        return [(str(o), str(r), str(d)) for o, r, d in rows]

    def load(self, results: list[FileResult]) -> Counts:
        results = self.parts.settle(results)
        counts = self._capped(
            lambda con: load_batch(con, results, self.run_id, datetime.now(UTC), parts=self.part_rejects)
        )
        self.part_rejects.forget(results)
        self.changed = self.changed or counts.seen > counts.unchanged
        if _file_bytes(_wal(self.db)) > CHECKPOINT_WAL_BYTES:
            self._capped(lambda con: con.execute("CHECKPOINT"))
        self.writer.hand_over()
        return counts

    def repair(self, known_stale: int = 0) -> Repair:
        """Re-derive duplicates whose article changed (``flows/repair.py``), when this run could have made
        some (it changed something) or the plan found some left over."""
        if not (self.changed or known_stale):
            return Repair()
        from .crawl import raw_root

        root = raw_root(self.db)
        return self._capped(lambda con: repair(con, self.run_id, root))

    def close(self, fold: bool = True) -> None:
        """Close the connection; ``fold`` first folds the log into the file."""
        try:
            if fold and self.writer.is_open:
                self._capped(lambda con: con.execute("CHECKPOINT"))
        finally:
            self.spool.remove()
            self.writer.close()

    def __enter__(self) -> Loader:
        self._collections.enter_context(deferred_collections())
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            self.close(fold=exc_type is None)
        finally:
            self._collections.close()


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def _file_bytes(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def close_failed(summary: Summary) -> datetime | None:
    """``finish_run(summary, "failed")`` for a run that is ending on an error or a signal, which must not
    replace that error. When the database stays locked (the very error, often) the run cannot be closed
    now: it says so, and the next run closes it (``close_abandoned``). It stayed ``running``, and the lock
    error of the close hid the run's own (an interrupt ended with exit 4)."""
    try:
        return finish_run(summary, "failed")
    except Exception as exc:
        log.warning(
            "run %s could not be marked failed in runs (%s); the next run on this warehouse closes it as failed",
            summary.run_id,
            "the database is still locked by another process" if isinstance(exc, DatabaseLocked) else exc,
        )
        return None


def finish_run(summary: Summary, status: str = "completed") -> datetime:
    """Record the run's counts and end time; returns the end time."""
    finished_at = datetime.now(UTC)
    note_unreadable(summary)
    with writing(Path(summary.db)) as con:
        con.execute("CHECKPOINT")  # whatever the batches left in the WAL (no memory cap on this connection)
        _record_finish(con, summary, status, finished_at)
    return finished_at


def note_unreadable(summary: Summary) -> None:
    """Files found but not readable (permissions, I/O errors) are rejects, and a problem of the run as a
    folder that cannot be opened is (exit 3, as documented): they were a reject only, exit 0 (review)."""
    line = unreadable_problem(summary.counts)
    for problem in [*([line] if line is not None else []), *summary.counts.kept]:
        if problem not in summary.problems:
            summary.problems.append(problem)


def unreadable_problem(counts: Counts) -> str | None:
    """The run's problem line for its ``read/unreadable`` rejects, if it has any (ingest, a crawl's
    ``files`` sources)."""
    # Those that kept what they gave before have no reject row: each has a line of its own (``Counts.kept``).
    n = counts.reasons.get("read/unreadable", 0) - counts.kept_reasons.get("read/unreadable", 0)
    if n <= 0:
        return None
    return (
        f"{counted(n, 'file')} could not be read: see rejects, reason read/unreadable, whose detail says why"
    )


def _record_finish(
    con: duckdb.DuckDBPyConnection, summary: Summary, status: str, finished_at: datetime
) -> None:
    if status == "failed":
        count_committed(con, summary)
    c, r = summary.counts, summary.repaired
    con.execute(
        "UPDATE runs SET finished_at = ?, status = ?, seen = ?, loaded = ?, updated = ?, unchanged = ?, "
        "duplicate = ?, rejected = ?, rederived = ?, rederived_loaded = ?, rederived_duplicate = ?, "
        "rederived_rejected = ?, problems = ? WHERE run_id = ?",
        [
            finished_at,
            status,
            c.seen,
            c.loaded,
            c.updated,
            c.unchanged,
            c.duplicate,
            c.rejected,
            r.seen,
            r.loaded + r.updated,
            r.duplicate,
            r.rejected,
            summary.problems,
            summary.run_id,
        ],
    )


def count_committed(con: duckdb.DuckDBPyConnection, summary: Summary) -> None:
    """A failed run's counts, from what the warehouse holds of it. An interrupt (Ctrl-C, SIGTERM, SIGHUP)
    can land after a batch's COMMIT and before its counts were added: the row left that batch out, and
    the next run found its inputs unchanged, so no run counted them loaded (review). What it found
    unchanged stays as counted; its re-derived duplicates carry its id too, and are counted apart."""
    if summary.batches_counted:
        return  # the repair's rows would be counted as the batches' (a repaired duplicate as loaded)
    loaded, updated, duplicate, rejected = committed(con, summary.run_id)
    c, r = summary.counts, summary.repaired
    c.loaded = loaded
    c.updated = max(0, updated - r.loaded - r.updated)
    c.duplicate = max(0, duplicate - r.duplicate)
    # Paths counted rejected that keep what they gave before have no reject row (``Counts.kept_reasons``).
    c.rejected = max(0, rejected - r.rejected) + sum(c.kept_reasons.values())


def progress_line(
    done_files: int, total_files: int, counts: Counts, started: datetime, parts: tuple[int, int] = (0, 0)
) -> str:
    """``parts``: of the large files read in parts, the parts done and in all (a dump of 500 MB is one
    file for several minutes: its parts say how far it is)."""
    elapsed = max((datetime.now(UTC) - started).total_seconds(), 1e-6)
    read = counts.loaded + counts.updated + counts.duplicate + counts.rejected
    of_parts = f" ({parts[0]:,}/{parts[1]:,} parts of large files)" if parts[1] else ""
    updated = f", {counts.updated:,} updated" if counts.updated else ""  # the summary's words
    return (
        f"{done_files:,}/{total_files:,} files read{of_parts}, {counts.loaded:,} loaded{updated}, "
        f"{counts.duplicate:,} duplicate, {counts.rejected:,} rejected ({read / elapsed:,.0f} inputs/s)"
    )


def new_summary(p: Plan, counts: Counts, started: datetime, flow_run_id: str | None) -> Summary:
    return Summary(
        run_id=p.run_id,
        db=str(p.db),
        inputs=p.inputs,
        counts=counts,
        files=len(p.discovery.files),
        ignored_files=p.discovery.ignored,
        ignored_names=p.discovery.ignored_names,
        started_at=started,
        flow_run_id=flow_run_id,
        # A path that keeps what it gave before says so, in the place of its plain line (``record_problems``).
        problems=[
            kept if (kept := kept_line(m.detail)) in counts.kept else m.detail for m in p.discovery.problems
        ],
    )


def run_plain(
    inputs: Sequence[str],
    db: Path,
    workers: int,
    progress: Progress | None = None,
    hints: ReadHints | None = None,
) -> Summary:
    """The whole ingest without Prefect: same steps, same results, plain function calls."""
    started = datetime.now(UTC)
    loader = Loader(db)
    try:
        p, counts = loader.start(inputs, "ingest", None)
    except BaseException:
        loader.close(fold=False)
        raise
    summary = new_summary(p, counts, started, None)
    done = parts_done = 0
    files, parts = files_in(p.todo), parts_in(p.todo)
    try:
        # One connection from start to finish: a run over unchanged input opens the file once.
        with loader, worker_pool(workers, p.work) as pool:
            # The next batch is parsed by the workers while this process loads the current one.
            queue = deque(p.batches())
            pending: deque[tuple[list[InputFile], Callable[[], list[FileResult]]]] = deque()
            while queue or pending:
                while queue and len(pending) < IN_FLIGHT:
                    batch = queue.popleft()
                    pending.append((batch, submit_batch(batch, pool, workers, hints)))
                batch, results = pending.popleft()
                summary.counts.merge(loader.load(results()))
                done += files_in(batch)
                parts_done += parts_in(batch)
                if progress:
                    line = progress_line(done, files, summary.counts, started, (parts_done, parts))
                    progress(line)
            summary.batches_counted = True
            add_repair(summary, loader.repair(p.stale_duplicates))
            summary.finished_at = loader.finish(summary)
    except BaseException:
        close_failed(summary)  # on a new connection: the loader's may be what failed
        raise
    return summary


def add_repair(summary: Summary, done: Repair) -> None:
    summary.repaired.merge(done.counts)
    summary.problems.extend(f"could not re-derive a stale duplicate: {p}" for p in done.problems)


def check_inputs(inputs: Sequence[str]) -> None:
    """Refuse a run in which no named path exists at all: that is a typo, not a data problem."""
    if inputs and not any(named_path_exists(i) for i in inputs):
        listed = ", ".join(inputs)
        raise UserError(f"no such file or directory: {listed}")
