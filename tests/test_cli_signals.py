"""SIGHUP (the terminal closed, an ssh session dropped) ends a command as SIGTERM does: a run is marked
failed with what it committed, one line says why, and the exit code is README's for a terminated run (143).
It was handled like ``kill -9``: no line, the run left 'running', exit 129 (found by review)."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path
from typing import Any

import conftest
import duckdb
import pytest
from conftest import ROOT

WIREHOUSE = [sys.executable, "-m", "flows.cli"]
KEPT = "every batch loaded so far is kept, run the same command again to finish"


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def signal_when(
    command: list[str],
    env: dict[str, str],
    ready: Callable[[str], bool],
    sig: int = signal.SIGHUP,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
) -> tuple[int, str]:
    """``conftest.signal_when``, sending SIGHUP unless told otherwise."""
    return conftest.signal_when(command, env, ready, sig, timeout, preexec_fn)


def close_terminal_when(command: list[str], env: dict[str, str], ready: bytes, timeout: float = 120) -> int:
    """Run ``command`` on a terminal of its own (a pseudo-terminal it has as its controlling terminal),
    and close that terminal once ``ready`` was written to it: what closing a terminal window or losing an
    ssh session does (the kernel sends SIGHUP to every process of the command, and writing to the
    terminal fails from then on). Returns the exit code."""
    master, slave = pty.openpty()

    def controlling_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        preexec_fn=controlling_terminal,
    )
    os.close(slave)
    try:
        seen = b""
        while ready not in seen:
            chunk = os.read(master, 4096)
            assert chunk, seen.decode(errors="replace")
            seen += chunk
        os.close(master)
        return proc.wait(timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from flows.bench_corpus import generate

    folder = tmp_path_factory.mktemp("signals") / "corpus"
    generate(folder, 3000)  # five batches: about 3 s on one worker, so the signal lands mid-run
    return folder


@pytest.fixture
def env() -> dict[str, str]:
    return {**os.environ, "WIREHOUSE_NO_PREFECT": "1", "WIREHOUSE_WORKERS": "1"}


def assert_failed_with_what_it_committed(db: Path) -> int:
    ((status, seen, finished),) = query(db, "SELECT status, seen, finished_at IS NOT NULL FROM runs")
    ((documents,),) = query(db, "SELECT count(*) FROM documents")
    assert (status, finished) == ("failed", True)
    assert 0 < seen == documents < 3000
    return int(seen)


def test_sighup_mid_ingest_ends_it_as_sigterm_does(corpus: Path, tmp_path: Path, env: dict[str, str]) -> None:
    db = tmp_path / "w.duckdb"
    code, err = signal_when(
        [*WIREHOUSE, "ingest", "--db", str(db), str(corpus)], env, lambda line: "files read" in line
    )
    assert code == 143, err
    assert err.strip().splitlines()[-1] == f"wirehouse: terminated (SIGHUP); {KEPT}"
    assert_failed_with_what_it_committed(db)
    again = subprocess.run(
        [*WIREHOUSE, "ingest", "--db", str(db), str(corpus)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    assert query(db, "SELECT status FROM runs ORDER BY started_at") == [("failed",), ("completed",)]
    assert query(db, "SELECT count(*) FROM documents") == [(3000,)]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_closing_the_terminal_mid_ingest_ends_it_as_sigterm_does(
    corpus: Path, tmp_path: Path, env: dict[str, str], workers: str
) -> None:
    # Every process of the command gets the SIGHUP (the parsing workers too), and the line cannot be
    # written any more: the run is marked failed all the same, and the exit code is not 120 or 1.
    db = tmp_path / "w.duckdb"
    command = [*WIREHOUSE, "ingest", "--db", str(db), str(corpus)]
    assert close_terminal_when(command, {**env, "WIREHOUSE_WORKERS": workers}, b"files read") == 143
    assert_failed_with_what_it_committed(db)


def ignore_sighup() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


def test_a_command_started_with_sighup_ignored_runs_on(
    corpus: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    """``nohup wirehouse ingest ...``: asked to outlive its terminal, it does."""
    db = tmp_path / "w.duckdb"
    code, err = signal_when(
        [*WIREHOUSE, "ingest", "--db", str(db), str(corpus)],
        env,
        lambda line: "files read" in line,
        preexec_fn=ignore_sighup,
    )
    assert code == 0, err
    assert query(db, "SELECT status, seen FROM runs") == [("completed", 3000)]


def test_sighup_mid_reprocess_ends_it_as_sigterm_does(
    corpus: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    db = tmp_path / "w.duckdb"
    first = subprocess.run(
        [*WIREHOUSE, "ingest", "--db", str(db), str(corpus)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    code, err = signal_when(
        [*WIREHOUSE, "reprocess", "--all", "--db", str(db)], env, lambda line: "documents:" in line
    )
    assert code == 143, err
    assert err.strip().splitlines()[-1] == f"wirehouse: terminated (SIGHUP); {KEPT}"
    rows = query(db, "SELECT flow_name, status, finished_at IS NOT NULL FROM runs ORDER BY started_at")
    assert rows == [("ingest", "completed", True), ("reprocess", "failed", True)]


def page(path: str) -> str:
    """A small article page of its own text."""
    title = f"Harbour item {path.rsplit('-', 1)[1]}"
    text = (
        f"<p>{title}. The harbour authority said on Tuesday that the northern quay would stay closed for "
        "repairs while engineers inspect the damage left by the storm surge earlier this week.</p>"
        f"<p>{title}. Fishing crews moved their boats to the southern basin, where the water is calmer, "
        "and the ferry company published a reduced timetable for the coming days.</p>"
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{text}</article></body></html>"
    )


def test_sighup_mid_crawl_keeps_the_batches_loaded(tmp_path: Path, env: dict[str, str]) -> None:
    from pytest_httpserver import HTTPServer

    web = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    web.start()
    try:
        web.expect_request("/robots.txt").respond_with_data("not here", status=404)
        paths = [f"/news/item-{n}" for n in range(30)]
        for p in paths:
            web.expect_request(p).respond_with_data(page(p), content_type="text/html; charset=utf-8")
        sources = tmp_path / "sources.toml"
        listed = ", ".join(f'"{web.url_for(p)}"' for p in paths)
        sources.write_text(
            "allow_private_networks = true\n"
            f'[[source]]\nname = "pages"\nkind = "urls"\nurls = [{listed}]\nrate_limit = 0.25\n',
            encoding="utf-8",
        )
        # Small batches (4 pages) so a batch is loaded within a second; otherwise the real command.
        script = (
            "import sys; from flows import crawl; from flows.cli import main; "
            "crawl.LOAD_EVERY_PAGES = 4; sys.exit(main(sys.argv[1:]))"
        )
        db = tmp_path / "w.duckdb"
        code, err = signal_when(
            [sys.executable, "-c", script, "crawl", "--sources", str(sources), "--db", str(db)],
            env,
            lambda line: "pages: fetched" in line and "so far loaded 0," not in line,
            timeout=60,
        )
    finally:
        web.clear()
        web.stop()
    assert code == 143, err
    assert f"wirehouse: terminated (SIGHUP); {KEPT}" in err
    kept = query(db, "SELECT count(*) FROM documents")[0][0]
    assert 4 <= kept < 30
    assert query(db, "SELECT status, loaded FROM runs") == [("failed", kept)]


def test_sighup_during_a_read_only_command_is_one_line_and_exit_143(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows import cli

    def hung_up(args: object) -> int:
        signal.raise_signal(signal.SIGHUP)
        raise AssertionError("the signal did not stop the command")

    def not_handled(signum: int, frame: object) -> None:  # in place of the default: ending pytest
        raise AssertionError("the command did not handle SIGHUP")

    monkeypatch.setattr(cli, "cmd_stats", hung_up)
    before = signal.signal(signal.SIGHUP, not_handled)
    try:
        assert cli.main(["stats"]) == 143
        assert signal.getsignal(signal.SIGHUP) is not_handled  # put back as it was
    finally:
        signal.signal(signal.SIGHUP, before)
    assert capsys.readouterr().err == "wirehouse: terminated (SIGHUP)\n"


@pytest.mark.prefect
def test_sighup_of_a_flow_run_ends_it_failed_and_its_flow_run_not_running(
    prefect_api: None, corpus: Path, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    db = tmp_path / "w.duckdb"
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "WIREHOUSE_WORKERS": "1"}
    env.pop("WIREHOUSE_NO_PREFECT", None)
    code, err = signal_when(
        [*WIREHOUSE, "ingest", "--db", str(db), str(corpus)], env, lambda line: "files read" in line
    )
    assert code == 143, err
    assert err.strip().splitlines()[-1] == f"wirehouse: terminated (SIGHUP); {KEPT}"
    assert_failed_with_what_it_committed(db)
    ((flow_run_id,),) = query(db, "SELECT flow_run_id FROM runs")
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(flow_run_id).state
    assert state is not None and state.is_final() and not state.is_completed()
