"""flows.scheduled: the deployments' flows try again what may pass (a warehouse held too long), never a
mistake, against a real (test) Prefect API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import SEED

pytestmark = pytest.mark.prefect

_HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN TRANSACTION")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


def _run_count(state: object) -> int:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return int(client.read_flow_run(state.state_details.flow_run_id).run_count)  # type: ignore[attr-defined]


def test_a_mistake_fails_a_scheduled_run_once(prefect_api: None, tmp_path: Path) -> None:
    from flows.scheduled import scheduled_crawl, scheduled_ingest

    ingest = scheduled_ingest.with_options(retry_delay_seconds=0)
    state = ingest(
        paths=[str(SEED)], db=str(tmp_path / "w.duckdb"), timezone="Mars/Olympus_Mons", return_state=True
    )
    # Was: failed three times (run count 3), two minutes in all with the deployments' delay.
    assert state.is_failed() and "Mars" in str(state.message)
    assert _run_count(state) == 1
    crawl = scheduled_crawl.with_options(retry_delay_seconds=0)
    state = crawl(sources=str(tmp_path / "missing.toml"), db=str(tmp_path / "w.duckdb"), return_state=True)
    assert state.is_failed() and _run_count(state) == 1


def test_a_scheduled_ingest_of_a_missing_folder_fails_at_once(prefect_api: None, tmp_path: Path) -> None:
    # A review: it ended "Completed with problems" where docs/serving.md says it fails (the command line
    # says exit 2, "every path named missing"), so a deployment pointed at a wrong folder looked healthy.
    from flows.scheduled import scheduled_ingest

    ingest = scheduled_ingest.with_options(retry_delay_seconds=0)
    missing = str(tmp_path / "nothere")
    state = ingest(paths=[missing], db=str(tmp_path / "w.duckdb"), return_state=True)
    assert state.is_failed() and f"no such file or directory: {missing}" in str(state.message)
    assert _run_count(state) == 1
    assert not (tmp_path / "w.duckdb").exists()  # refused before the warehouse was opened
    # One missing path of several is still a run with problems, as on the command line (exit 3).
    state = ingest(paths=[missing, str(SEED)], db=str(tmp_path / "w.duckdb"), workers=1, return_state=True)
    assert state.is_completed() and state.name == "Completed with problems"


def test_a_warehouse_held_too_long_is_tried_again(
    prefect_api: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.scheduled import RETRIES, scheduled_ingest

    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    monkeypatch.setenv("WIREHOUSE_LOCK_WAIT", "0.2")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), "60"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        ingest = scheduled_ingest.with_options(retry_delay_seconds=0)
        state = ingest(paths=[str(SEED)], db=str(db), workers=1, return_state=True)
        assert state.is_failed() and "lock" in str(state.message)
        assert _run_count(state) == RETRIES + 1
    finally:
        holder.kill()
        holder.wait(timeout=30)
