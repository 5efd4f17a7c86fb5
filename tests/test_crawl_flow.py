"""The crawl and reprocess flows against a real (test) Prefect API: mistakes fail a run at once and make
nothing, and a run that fails still leaves its summary artifact."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import SEED

from flows import crawl_flow as crawl_flow_module
from flows import reprocess

pytestmark = pytest.mark.prefect


def _files_source(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    shutil.copy(SEED, tmp_path / "news" / "a.txt")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "local"\nkind = "files"\npath = "{tmp_path / "news"}"\n')
    return sources


def _run_count(state: Any) -> int:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return int(client.read_flow_run(state.state_details.flow_run_id).run_count)


def _summary_artifacts(state: Any, key: str) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    found = ArtifactFilter(
        flow_run_id=ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id]),
        key=ArtifactFilterKey(any_=[key]),
    )
    with get_client(sync_client=True) as client:
        return [str(a.data) for a in client.read_artifacts(artifact_filter=found)]


def test_mistyped_database_folder_or_raw_dir_fails_the_run_at_once(prefect_api: None, tmp_path: Path) -> None:
    from flows.crawl_flow import crawl_flow, reprocess_flow

    sources = _files_source(tmp_path)
    retried = {"retries": 2, "retry_delay_seconds": 0}
    # A review: a db in a folder that is not there made the folder (raw/ in it) and a new warehouse.
    typo = tmp_path / "nodir" / "w.duckdb"
    state = crawl_flow.with_options(**retried)(sources=str(sources), db=str(typo), return_state=True)
    assert state.is_failed() and f"no folder {typo.parent} for the database" in str(state.message)
    assert _run_count(state) == 1
    assert not typo.parent.exists()

    db = tmp_path / "w.duckdb"
    assert crawl_flow(sources=str(sources), db=str(db), workers=1) is not None
    # A review: every stored document "could not be used" one by one, and "Completed with problems".
    state = reprocess_flow.with_options(**retried)(
        db=str(db), raw_dir=str(tmp_path / "typo"), everything=True, return_state=True
    )
    assert state.is_failed()
    assert f"raw_dir {tmp_path / 'typo'}: no such folder" in str(state.message)
    assert _run_count(state) == 1
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (1,)  # the crawl only


def test_a_failed_run_leaves_its_summary_artifact(
    prefect_api: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.crawl_flow import crawl_flow, reprocess_flow

    sources = _files_source(tmp_path)
    db = tmp_path / "w.duckdb"
    assert crawl_flow(sources=str(sources), db=str(db), workers=1) is not None

    def fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError("stopped half-way")

    # A review: a crawl that failed or was cancelled left no crawl-summary (an ingest leaves one).
    monkeypatch.setattr(crawl_flow_module, "_crawl_files", fails)
    state = crawl_flow(sources=str(sources), db=str(db), workers=1, return_state=True)
    assert state.is_failed()
    (text,) = _summary_artifacts(state, "crawl-summary")
    assert text.startswith("# Crawl summary (the run failed: these counts are what it committed)\n")
    assert "| local | files |" in text

    monkeypatch.setattr(reprocess, "select_documents", fails)
    state = reprocess_flow(db=str(db), everything=True, workers=1, return_state=True)
    assert state.is_failed()
    (text,) = _summary_artifacts(state, "reprocess-summary")
    assert text.startswith("# Reprocess summary (the run failed")
