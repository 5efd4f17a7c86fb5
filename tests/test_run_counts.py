"""A failed run's ``runs`` row says what it committed, wherever the interrupt landed; and a killed run's
Prefect flow run is marked Crashed even when the run that closed it had no Prefect."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import SEED
from test_ingest import article, query

from flows import crawl, ingest, reprocess
from flows.fetch import Fetcher
from flows.load import Counts
from flows.sources import load_sources

INPUTS = 50  # 40 articles, 5 copies of them (duplicates), 5 empty files (rejects)


def corpus(folder: Path) -> Path:
    """In the order read: a000, its copy, ... a004, its copy, a005, an empty file, ... a009, an empty
    file, then a010 to a039; so the first two batches of ten hold every outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(40):
        (folder / f"a{i:03d}.txt").write_text(article(i), encoding="utf-8")
    for i in range(5):
        (folder / f"a{i:03d}x.txt").write_text(article(i), encoding="utf-8")
        (folder / f"a{i + 5:03d}x.txt").write_bytes(b"")
    return folder


def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Five batches of ten files, so that an interrupt can land between two of them."""
    monkeypatch.setattr(ingest, "MIN_BATCH_FILES", 10)


def then_interrupt(on_call: int, original: Callable[..., Any]) -> Callable[..., Any]:
    """``original``, which on its ``on_call``-th call does its work (a batch committed) and then meets
    Ctrl-C, SIGTERM or SIGHUP (a KeyboardInterrupt) before its caller could count what it did."""
    calls = [0]

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        out = original(*args, **kwargs)
        calls[0] += 1
        if calls[0] == on_call:
            raise KeyboardInterrupt
        return out

    return wrapped


def row(db: Path, run_id: str) -> tuple[Any, ...]:
    return query(
        db, "SELECT status, loaded, updated, duplicate, rejected FROM runs WHERE run_id = ?", [run_id]
    )[0]


def held(db: Path, run_id: str) -> tuple[int, int, int]:
    """What the warehouse holds of the run, counted plainly: its articles, the duplicates it wrote (one
    it only judged again, to the same outcome, takes its id but keeps its time), its rejects."""
    got = query(
        db,
        "SELECT (SELECT count(*) FROM articles WHERE run_id = ?), "
        "(SELECT count(*) FROM documents WHERE last_run_id = ? AND status = 'duplicate' "
        "AND updated_at >= (SELECT started_at FROM runs WHERE run_id = ?)), "
        "(SELECT count(*) FROM rejects WHERE run_id = ?)",
        [run_id] * 4,
    )[0]
    return int(got[0]), int(got[1]), int(got[2])


def only_run(db: Path, flow_name: str) -> str:
    return str(query(db, "SELECT run_id FROM runs WHERE flow_name = ?", [flow_name])[0][0])


def test_an_interrupt_after_a_batch_committed_is_counted_and_the_next_run_adds_up(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus(tmp_path / "in")
    small_batches(monkeypatch)
    monkeypatch.setattr(ingest.Loader, "load", then_interrupt(2, ingest.Loader.load))
    with pytest.raises(KeyboardInterrupt):
        ingest.run_plain([str(folder)], db_path, workers=1)
    first = only_run(db_path, "ingest")
    status, loaded, updated, duplicate, rejected = row(db_path, first)
    # Was: failed, 10 inputs: the second batch was in the warehouse, and no run ever counted it.
    assert status == "failed" and (loaded + updated, duplicate, rejected) == held(db_path, first)
    assert (loaded, updated, duplicate, rejected) == (10, 0, 5, 5)  # two batches of ten

    monkeypatch.undo()
    again = ingest.run_plain([str(folder)], db_path, workers=1)
    assert again.counts.unchanged == 20
    totals = query(db_path, "SELECT sum(loaded + updated + duplicate + rejected) FROM runs")[0][0]
    assert totals == INPUTS
    assert query(db_path, "SELECT count(*) FROM articles")[0][0] == 40


def test_a_crawl_of_files_interrupted_after_a_batch_committed_counts_it(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus(tmp_path / "in")
    (tmp_path / "sources.toml").write_text('[[source]]\nname = "local"\nkind = "files"\npath = "in"\n')
    config = load_sources(tmp_path / "sources.toml")
    small_batches(monkeypatch)
    monkeypatch.setattr(ingest.Loader, "load", then_interrupt(3, ingest.Loader.load))
    with pytest.raises(KeyboardInterrupt):
        crawl.run_plain(config, db_path, fetcher=Fetcher(allowed_networks=[]))
    run_id = only_run(db_path, "crawl")
    status, loaded, updated, duplicate, rejected = row(db_path, run_id)
    assert status == "failed" and (loaded + updated, duplicate, rejected) == held(db_path, run_id)
    assert loaded + updated + duplicate + rejected == 30  # was 20


def test_a_reprocess_interrupted_after_a_batch_committed_counts_it(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus(tmp_path / "in")
    ingest.run_plain([str(folder)], db_path, workers=1)
    with duckdb.connect(str(db_path)) as con:  # as an older extractor left them: each is re-derived anew
        con.execute("UPDATE articles SET title = 'An older title', extractor_version = 'old'")
    monkeypatch.setattr(reprocess, "BATCH_DOCUMENTS", 10)
    monkeypatch.setattr(reprocess, "MAX_BATCH_DOCUMENTS", 10)
    monkeypatch.setattr(reprocess, "load_reprocessed", then_interrupt(2, reprocess.load_reprocessed))
    with pytest.raises(KeyboardInterrupt):
        reprocess.run_plain(db_path, everything=True, raw_dir=tmp_path / "raw")
    run_id = only_run(db_path, "reprocess")
    status, loaded, updated, duplicate, rejected = row(db_path, run_id)
    assert status == "failed" and (loaded + updated, duplicate, rejected) == held(db_path, run_id)
    assert (loaded, updated) == (0, 10)  # a000 to a009, in two batches of ten (was 5)


@pytest.mark.prefect
def test_a_flow_run_whose_batch_failed_after_its_commit_counts_it(
    prefect_api: None, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch task that ends on an error after its COMMIT (its checkpoint, say) returns no counts."""
    from flows.ingest_flow import ingest_flow

    folder = corpus(tmp_path / "in")
    small_batches(monkeypatch)
    monkeypatch.setattr(ingest.Loader, "load", then_interrupt(2, ingest.Loader.load))
    with pytest.raises(KeyboardInterrupt):
        ingest_flow(paths=[str(folder)], db=str(db_path), workers=1)
    run_id = only_run(db_path, "ingest")
    status, loaded, updated, duplicate, rejected = row(db_path, run_id)
    assert status == "failed" and (loaded + updated, duplicate, rejected) == held(db_path, run_id)
    assert loaded + updated + duplicate + rejected == 20


@pytest.mark.prefect
def test_a_flow_run_interrupted_as_it_added_a_batch_counts_it_once(
    prefect_api: None, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flow adds each batch's counts, then notes it added them: an interrupt between the two had the
    batch added again while the run was settled."""
    from flows.ingest_flow import ingest_flow

    folder = corpus(tmp_path / "in")
    small_batches(monkeypatch)
    monkeypatch.setattr(Counts, "merge", then_interrupt(2, Counts.merge))
    with pytest.raises(KeyboardInterrupt):
        ingest_flow(paths=[str(folder)], db=str(db_path), workers=1)
    run_id = only_run(db_path, "ingest")
    status, loaded, updated, duplicate, rejected = row(db_path, run_id)
    assert status == "failed" and (loaded + updated, duplicate, rejected) == held(db_path, run_id)


def kill(db: Path, run_id: str) -> None:
    """The run's row as ``kill -9`` leaves it: running, its process gone."""
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    with duckdb.connect(str(db)) as con:
        con.execute(
            "UPDATE runs SET status = 'running', host = ?, pid = ?, pid_started = NULL WHERE run_id = ?",
            [socket.gethostname(), int(gone.stdout), run_id],
        )


@pytest.mark.prefect
def test_a_killed_flow_run_closed_by_a_plain_run_is_marked_crashed_by_the_next_flow_run(
    prefect_api: None, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.states import Running

    from flows.ingest_flow import ingest_flow

    shutil.copy(SEED, tmp_path / "seed.txt")
    first = ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    with get_client(sync_client=True) as client:  # as kill -9 leaves it: Running, with heartbeats off
        client.set_flow_run_state(first["flow_run_id"], Running(), force=True)
    kill(db_path, str(first["run_id"]))
    ingest.run_plain([str(tmp_path)], db_path, workers=1)  # --no-prefect: closes it, cannot tell Prefect
    assert row(db_path, str(first["run_id"]))[0] == "failed"
    asked: list[list[str]] = []
    crash = ingest.crash_flow_runs
    monkeypatch.setattr(ingest, "crash_flow_runs", lambda ids: (asked.append(list(ids)), crash(ids))[1])
    ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(first["flow_run_id"]).state
    # Was: Running for ever: the plain run dropped the id, and no later flow run knew of it.
    assert state is not None and state.name == "Crashed"
    assert query(db_path, "SELECT problems FROM runs WHERE run_id = ?", [first["run_id"]]) == [([],)]
    ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    assert asked == [[first["flow_run_id"]], []]  # asked about once, not by every run after


@pytest.mark.parametrize("where", ["repair", "finish"])
def test_a_run_interrupted_after_its_batches_keeps_their_counts_and_its_repair_s_apart(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # A duplicate judged in this run and re-derived by its repair step (its owner was edited): its new
    # article is of a document first seen in this run, which the warehouse's rows alone count "loaded".
    # Counting a run interrupted after its repair from the warehouse lost an input (seen 1 of 2) and
    # counted the repaired article twice (review); its batches' counts were all in by then.
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "b_original.txt").write_text(article(1), encoding="utf-8")
    ingest.run_plain([str(inputs)], db_path, workers=1)
    (inputs / "a_copy.txt").write_text(article(1), encoding="utf-8")  # read first: a duplicate of b's
    (inputs / "b_original.txt").write_text(
        article(1, extra=" An added sentence changes it."), encoding="utf-8"
    )

    target = "repair" if where == "repair" else "finish"
    monkeypatch.setattr(ingest.Loader, target, then_interrupt(1, getattr(ingest.Loader, target)))
    with pytest.raises(KeyboardInterrupt):
        ingest.run_plain([str(inputs)], db_path, workers=1)
    (failed,) = query(
        db_path,
        "SELECT seen, loaded, updated, duplicate, rejected FROM runs WHERE status = 'failed'",
    )
    assert failed == (2, 0, 1, 1, 0)  # b updated, a judged a duplicate; the repair is apart (or lost)
    monkeypatch.undo()
    again = ingest.run_plain([str(inputs)], db_path, workers=1)
    assert again.counts.unchanged == 2
    assert query(db_path, "SELECT count(*) FROM articles") == [(2,)]
