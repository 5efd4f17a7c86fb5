"""The ingest as a real Prefect flow run, against a real (test) Prefect API."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import SEED, terminate_when

pytestmark = pytest.mark.prefect


def test_flow_loads_seed_records_run_and_artifact(prefect_api: None, tmp_path: Path, db_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.ingest_flow import ingest_flow

    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    assert (result["seen"], result["loaded"], result["rejected"]) == (2, 1, 1)
    assert result["flow_run_id"]

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        runs = con.execute("SELECT flow_run_id, status, seen, loaded, rejected FROM runs").fetchall()
        published = con.execute("SELECT published_at::VARCHAR FROM articles").fetchall()
    finally:
        con.close()
    assert runs == [(result["flow_run_id"], "completed", 2, 1, 1)]
    assert published == [("2022-10-12 10:23:00+00",)]

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["ingest-summary"]))
        )
        flow_run = client.read_flow_run(result["flow_run_id"])
        task_runs = client.read_task_runs()
    mine = [a for a in artifacts if str(a.flow_run_id) == result["flow_run_id"]]
    assert mine and "| loaded | 1 |" in str(mine[0].data) and "decode/empty" in str(mine[0].data)
    # The rejected inputs are named, not only counted, and the files found are said.
    assert "empty.txt` | decode/empty |" in str(mine[0].data) and "Files found: 2" in str(mine[0].data)
    assert flow_run.state is not None and flow_run.state.is_completed()
    # batches, not articles: a handful of task runs for this flow run
    assert 0 < len([t for t in task_runs if str(t.flow_run_id) == result["flow_run_id"]]) <= 10

    assert [float(str(a.data)) for a in _progress(result["flow_run_id"])] == [100.0]

    again = ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    assert (again["seen"], again["unchanged"], again["loaded"]) == (2, 2, 0)
    assert _progress(again["flow_run_id"]) == []  # nothing was read: no progress bar


@pytest.mark.parametrize(("every", "expected"), [(0.0, [100 / 3, 200 / 3, 100.0]), (3600.0, [100.0])])
def test_the_progress_bar_moves_at_most_once_a_second_and_at_the_end(
    prefect_api: None,
    tmp_path: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    every: float,
    expected: list[float],
) -> None:
    from flows import ingest
    from flows import ingest_flow as module

    moves: list[float] = []
    real = module.update_progress_artifact

    def recorded(artifact_id: object, progress: float) -> object:
        moves.append(progress)
        return real(artifact_id, progress=progress)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "update_progress_artifact", recorded)
    monkeypatch.setattr(module, "PROGRESS_EVERY_S", every)
    monkeypatch.setattr(ingest, "MIN_BATCH_FILES", 1)
    monkeypatch.setattr(ingest, "TARGET_BATCHES", 3)
    for i in range(3):
        shutil.copy(SEED, tmp_path / f"seed{i}.txt")
    result = module.ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    assert result["seen"] == 3
    assert moves == pytest.approx(expected)
    assert [float(str(a.data)) for a in _progress(result["flow_run_id"])] == [100.0]


def test_a_progress_bar_that_cannot_move_stops_and_the_run_goes_on(
    prefect_api: None, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The API gone mid-run (`make serve` stopped): each move waited out Prefect's retries, then failed the run.
    import httpx

    from flows import ingest
    from flows import ingest_flow as module

    tries: list[float] = []

    def gone(artifact_id: object, progress: float) -> object:
        tries.append(progress)
        raise httpx.ConnectError("[Errno 111] Connection refused")

    monkeypatch.setattr(module, "update_progress_artifact", gone)
    monkeypatch.setattr(module, "PROGRESS_EVERY_S", 0.0)
    monkeypatch.setattr(ingest, "MIN_BATCH_FILES", 1)
    monkeypatch.setattr(ingest, "TARGET_BATCHES", 3)
    for i in range(3):
        shutil.copy(SEED, tmp_path / f"seed{i}.txt")
    result = module.ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    assert (result["seen"], len(tries)) == (3, 1)


def test_a_command_line_flow_run_is_tagged_and_its_task_runs_are_not(
    prefect_api: None, tmp_path: Path, db_path: Path
) -> None:
    # Prefect asks its API for a concurrency slot per tag before each task run: a request per batch, and
    # batches that waited for ever once the API had gone (review).
    import prefect
    from prefect.client.orchestration import get_client

    from flows.ingest_flow import ingest_flow

    shutil.copy(SEED, tmp_path / "seed.txt")
    with prefect.tags("cli", "nightly"):
        result = ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    with get_client(sync_client=True) as client:
        assert sorted(client.read_flow_run(result["flow_run_id"]).tags) == ["cli", "nightly"]
        tasks = _task_runs(client, result["flow_run_id"])
    # A tag the user set stays, for its concurrency limit (a first version took every tag off: review)
    assert len(tasks) == 2 and all(t.tags == ["nightly"] for t in tasks)


def _progress(flow_run_id: object) -> list[object]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterType

    with get_client(sync_client=True) as client:
        return list(
            client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    type=ArtifactFilterType(any_=["progress"]),
                    flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]),  # type: ignore[list-item]
                )
            )
        )


def test_sigterm_mid_flow_run_ends_it_failed_with_what_committed_counted(
    prefect_api: None, tmp_path: Path
) -> None:
    """The flow used to close its connection while a batch task was still loading on it: about half
    such runs ended in 'unexpected error: ResourceInUseException', and the failed run's row counted
    fewer inputs than had been committed."""
    from prefect.settings import PREFECT_API_URL

    from flows.bench_corpus import generate

    corpus = tmp_path / "corpus"
    generate(corpus, 3000)  # five batches, about 3 s on one worker: the signal lands mid-run
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "WIREHOUSE_WORKERS": "1"}
    env.pop("WIREHOUSE_NO_PREFECT", None)
    code, err = terminate_when(
        [sys.executable, "-m", "flows.cli", "ingest", "--db", str(db), str(corpus)],
        env,
        lambda line: "files read" in line,  # a batch is loaded: the flow run is under way
    )
    assert code == 143, err
    assert "terminated (SIGTERM)" in err.strip().splitlines()[-1]
    con = duckdb.connect(str(db), read_only=True)
    try:
        (status, seen), *_ = con.execute("SELECT status, seen FROM runs").fetchall()
        documents = con.execute("SELECT count(*) FROM documents").fetchone()
    finally:
        con.close()
    assert status == "failed"
    assert documents is not None and seen == documents[0] < 3000

    from prefect.client.orchestration import get_client

    with duckdb.connect(str(db), read_only=True) as con:
        (flow_run_id,) = con.execute("SELECT flow_run_id FROM runs").fetchone() or (None,)
    with get_client(sync_client=True) as client:
        states = [t.state for t in client.read_task_runs() if str(t.flow_run_id) == flow_run_id]
    # Was: every batch after the signal Failed with "RuntimeError: ... an earlier batch failed" and a traceback.
    assert any(s is not None and s.name == "Cancelled" for s in states)
    assert not any(s is not None and "earlier batch failed" in str(s.message) for s in states)


def test_a_flow_run_killed_mid_run_is_marked_crashed_by_the_next(
    prefect_api: None, tmp_path: Path, db_path: Path
) -> None:
    import socket
    import subprocess

    from prefect.client.orchestration import get_client
    from prefect.states import Running

    from flows.ingest_flow import ingest_flow

    shutil.copy(SEED, tmp_path / "seed.txt")
    first = ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    with get_client(sync_client=True) as client:  # as kill -9 leaves it: Running, with heartbeats off
        client.set_flow_run_state(first["flow_run_id"], Running(), force=True)
        batch = _task_runs(client, first["flow_run_id"])[-1]
        client.set_task_run_state(batch.id, Running(), force=True)  # a batch killed mid-load
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    with duckdb.connect(str(db_path)) as con:
        con.execute(
            "UPDATE runs SET status = 'running', host = ?, pid = ?, pid_started = NULL WHERE run_id = ?",
            [socket.gethostname(), int(gone.stdout), first["run_id"]],
        )
    ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(first["flow_run_id"]).state
        tasks = {t.id: t.state for t in _task_runs(client, first["flow_run_id"])}
    # Was: Running in the UI for ever.
    assert state is not None and state.name == "Crashed"
    # Was: the flow run Crashed, its killed batch still Running (kill trials); finished ones stay as they were.
    assert tasks[batch.id] is not None and tasks[batch.id].name == "Crashed"
    assert sum(s is not None and s.name == "Completed" for s in tasks.values()) == len(tasks) - 1


def test_a_flow_run_killed_before_its_run_was_recorded_is_marked_crashed_by_the_next(
    prefect_api: None, tmp_path: Path, db_path: Path
) -> None:
    """Killed (kill -9) while walking its inputs, before its row existed: no later run knew of it, and
    it stayed Running for ever (kill trials). Its note beside the warehouse names it and its process."""
    import json
    import socket
    import subprocess

    from prefect.client.orchestration import get_client
    from prefect.states import Running

    from flows.ingest_flow import ingest_flow

    shutil.copy(SEED, tmp_path / "seed.txt")
    first = ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    assert not db_path.with_name(db_path.name + ".starting").exists()  # a finished run leaves no note
    with get_client(sync_client=True) as client:  # as kill -9 during the walk leaves it
        client.set_flow_run_state(first["flow_run_id"], Running(), force=True)
    with duckdb.connect(str(db_path)) as con:  # and no row of its own
        con.execute("DELETE FROM runs WHERE run_id = ?", [first["run_id"]])
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    notes = db_path.with_name(db_path.name + ".starting")
    notes.mkdir()
    (notes / str(first["flow_run_id"])).write_text(
        json.dumps({"host": socket.gethostname(), "pid": int(gone.stdout), "started": None})
    )
    (notes / "not-a-run").write_text("left alone")
    ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(first["flow_run_id"]).state
    assert state is not None and state.name == "Crashed"
    assert sorted(p.name for p in notes.iterdir()) == ["not-a-run"]


def _task_runs(client: Any, flow_run_id: object) -> list[Any]:
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import TaskRunSort

    return list(
        client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
            sort=TaskRunSort.EXPECTED_START_TIME_ASC,
        )
    )


def test_a_run_that_could_not_use_every_input_says_so_in_its_state(
    prefect_api: None, tmp_path: Path, db_path: Path
) -> None:
    from prefect.client.orchestration import get_client

    from flows.flow_states import PROBLEMS_STATE
    from flows.ingest_flow import ingest_flow

    shutil.copy(SEED, tmp_path / "seed.txt")
    result = ingest_flow(
        paths=[str(tmp_path / "seed.txt"), str(tmp_path / "nope")], db=str(db_path), workers=1
    )
    assert result["loaded"] == 1 and result["problems"]  # the caller still gets the summary
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(result["flow_run_id"]).state
    # Was: a plain green Completed, the missing path only in an INFO line and the artifact.
    assert state is not None and state.is_completed() and state.name == PROBLEMS_STATE
    assert "nope" in str(state.message)
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(result["flow_run_id"])
        tasks = [t for t in client.read_task_runs() if str(t.flow_run_id) == result["flow_run_id"]]
    # Was: a random name ("fabulous-caterpillar") and batch task runs named "batch-72d".
    assert run.name == "ingest seed.txt, nope"
    assert "batch 0" in {t.name for t in tasks}


def test_two_ingest_runs_in_one_process_keep_to_their_own_warehouse(
    prefect_api: None, tmp_path: Path
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from prefect import flow
    from test_ingest import write_corpus

    from flows.ingest_flow import ingest_flow

    for name in ("a", "b"):
        write_corpus(tmp_path / name, 2000)  # five batches each: with shared state the runs broke each other

    @flow
    def both() -> list[dict[str, object]]:
        with ThreadPoolExecutor(2) as pool:
            futures = [
                pool.submit(
                    ingest_flow, paths=[str(tmp_path / n)], db=str(tmp_path / f"{n}.duckdb"), workers=1
                )
                for n in ("a", "b")
            ]
            return [f.result() for f in futures]

    # Was: the runs shared one module-level loader and turn counter: "connection is busy", a run left
    # Running for ever.
    results = both()
    assert [r["loaded"] for r in results] == [2000, 2000]
    for name in ("a", "b"):
        with duckdb.connect(str(tmp_path / f"{name}.duckdb"), read_only=True) as con:
            row = con.execute("SELECT count(*), max(status) FROM articles, runs").fetchone()
            assert row == (2000, "completed")


def test_the_parameter_schema_describes_and_bounds_the_parameters() -> None:
    from prefect.utilities.callables import parameter_schema

    from flows.crawl_flow import crawl_flow, reprocess_flow
    from flows.ingest_flow import ingest_flow

    for f in (ingest_flow, crawl_flow, reprocess_flow):
        props = parameter_schema(f.fn).model_dump()["properties"]
        # Was: no descriptions, and workers=0 accepted by the UI's form, then a failed run.
        assert all(p.get("description") for p in props.values()), f.name
        assert {k: v for k, v in props["workers"]["anyOf"][0].items() if k in ("minimum", "maximum")} == {
            "minimum": 1,
            "maximum": 64,
        }


def test_the_flow_reads_dates_in_the_zone_and_refuses_one_it_does_not_know(
    prefect_api: None, tmp_path: Path
) -> None:
    import json
    from datetime import UTC, datetime

    from flows.errors import UserError
    from flows.ingest_flow import ingest_flow

    folder = tmp_path / "in"
    folder.mkdir()
    text = "The harbour quay reopened on Tuesday after weeks of repairs by the city's engineers and divers."
    record = {"url": "https://zeitung.test/a", "maintext": text, "date_publish": "13.05.2019 10:12"}
    (folder / "dump.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    ingest_flow(paths=[str(folder)], db=str(db), workers=1, locale="de_DE", timezone="Europe/Berlin")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT published_at FROM articles").fetchall() == [
            (datetime(2019, 5, 13, 8, 12, tzinfo=UTC),)
        ]
    with pytest.raises(UserError, match="Mars"):
        ingest_flow(paths=[str(folder)], db=str(tmp_path / "x.duckdb"), timezone="Mars/Olympus_Mons")


def test_a_flow_run_does_not_ask_the_server_for_a_result_storage_it_never_uses(
    prefect_api: None, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each flow run asked twice (``GET /api/admin/storage``), 8 ms of a run over unchanged input."""
    from prefect.client.orchestration import PrefectClient, SyncPrefectClient

    from flows.crawl_flow import crawl_flow, reprocess_flow
    from flows.ingest_flow import ingest_flow

    asked: list[str] = []
    for client in (SyncPrefectClient, PrefectClient):
        original = client.read_server_default_result_storage

        def spy(self: object, _original: object = original) -> object:
            asked.append(type(self).__name__)
            return _original(self)  # type: ignore[operator]

        monkeypatch.setattr(client, "read_server_default_result_storage", spy)
    shutil.copy(SEED, tmp_path / "seed.txt")
    assert ingest_flow(paths=[str(tmp_path)], db=str(db_path), workers=1)["loaded"] == 1
    assert asked == []
    assert all(f.result_storage is not None for f in (crawl_flow, reprocess_flow))  # the same there
