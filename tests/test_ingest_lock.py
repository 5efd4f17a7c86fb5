"""An ingest that loses the database to another process mid-run, or fails while it is locked: its error
is its own, it says honestly whether its run could be closed, and it never says "an ingest still writing?"
of a query."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_ingest import query, write_corpus

import flows.ingest
from flows.errors import DatabaseLocked
from flows.ingest import run_plain

# Opens the warehouse as `wirehouse sql` does (waiting for it, with its marker beside the file), then keeps
# it for a while: a long query.
HOLDER = (
    "import sys, time; from pathlib import Path; from warehouse.db import reading\n"
    "with reading(Path(sys.argv[1]), wait_seconds=60):\n"
    "    print('in', flush=True); time.sleep(float(sys.argv[2]))\n"
)


def test_a_run_that_loses_the_lock_to_a_long_query_says_so_and_that_it_could_not_close_its_run(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    write_corpus(tmp_path / "in", 6)
    monkeypatch.setattr(flows.ingest, "MIN_BATCH_FILES", 2)  # three batches
    monkeypatch.setenv("WIREHOUSE_LOCK_WAIT", "1")
    holder: list[subprocess.Popen[str]] = []
    waiting = Path(f"{db_path}.waiting")

    def after_batch(line: str) -> None:
        if holder:
            return
        # After the first batch: a query comes and waits; the next batch hands the file over to it.
        holder.append(
            subprocess.Popen(
                [sys.executable, "-c", HOLDER, str(db_path), "6"], cwd=ROOT, stdout=subprocess.PIPE, text=True
            )
        )
        deadline = time.monotonic() + 30
        while not (waiting.is_dir() and any(waiting.iterdir())) and time.monotonic() < deadline:
            time.sleep(0.02)

    try:
        with (
            caplog.at_level(logging.WARNING, logger="wirehouse"),
            pytest.raises(DatabaseLocked) as raised,
        ):
            run_plain([str(tmp_path / "in")], db_path, workers=1, progress=after_batch)
    finally:
        for p in holder:
            p.wait(timeout=60)
    assert holder and holder[0].stdout is not None and holder[0].stdout.read() == "in\n"
    message = str(raised.value)
    # Was: "... is locked by another process (an ingest still writing?)", of a reader's query.
    assert "an ingest still writing" not in message
    assert (
        "stayed locked by another process (a query or another writer) that took it while this run was "
        "between batches; gave up after 1 s. What the run loaded is kept" in message
    )
    # The run could not be closed (the lock is the query's): it says so, rather than leave it silently.
    assert (
        "could not be marked failed in runs (the database is still locked by another process); the next run"
        in (caplog.text)
    )
    assert query(db_path, "SELECT status, loaded FROM runs") == [("running", 0)]


def test_a_run_that_fails_while_the_database_is_locked_ends_with_its_own_error(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "in", 2)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    def locked(*args: object, **kwargs: object) -> None:
        raise DatabaseLocked("w.duckdb is locked by another process; gave up after 30 s")

    monkeypatch.setattr(flows.ingest, "load_batch", interrupted)
    monkeypatch.setattr(flows.ingest, "finish_run", locked)
    # Was: the close's lock error replaced the Ctrl-C (exit 4, not 130).
    with pytest.raises(KeyboardInterrupt):
        run_plain([str(tmp_path / "in")], db_path, workers=1)
