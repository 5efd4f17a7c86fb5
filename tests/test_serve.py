"""``wirehouse serve`` and ``prefect.yaml``: the declaration parses, and a scheduled run really fires.

The slow test starts the whole stack (``python -m flows.serve``) on a free 127.0.0.1 port with a
temporary Prefect home, deploys a copy of ``prefect.yaml`` whose schedule fires every few seconds into a
temporary DuckDB file, waits for a scheduled flow run to complete, then stops the stack with Ctrl-C.
"""

from __future__ import annotations

import http.server
import importlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from conftest import ROOT, SEED

from flows import serve

PREFECT_YAML = ROOT / "prefect.yaml"


def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))
    return spec


def _ingest_deployment(spec: dict[str, Any]) -> dict[str, Any]:
    found = [d for d in spec["deployments"] if d["name"] == "ingest-seeds"]
    assert len(found) == 1, "prefect.yaml declares the ingest-seeds deployment once"
    return dict(found[0])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


# ---------------------------------------------------------------------------------------------------------
# The declaration


def test_prefect_yaml_declares_scheduled_ingest_deployment() -> None:
    spec = _spec()
    assert spec.get("build") is None and spec.get("push") is None, "nothing is built or pushed"
    (step,) = spec["pull"]
    directory = step["prefect.deployments.steps.set_working_directory"]["directory"]
    assert directory == "{{ $" + serve.ENV_ROOT + " }}"

    dep = _ingest_deployment(spec)
    assert dep["work_pool"]["name"] == serve.POOL
    schedules = dep["schedules"]
    assert schedules, "the ingest deployment has a schedule"
    for s in schedules:
        assert ("cron" in s or "interval" in s) and s.get("timezone") == "UTC"

    module_name, _, attr = dep["entrypoint"].partition(":")
    flow = getattr(importlib.import_module(module_name), attr)
    assert flow.name == "ingest"
    assert flow.retries == 2, "a scheduled run that failed (a lock held too long) is tried again"
    assert set(dep["parameters"]) <= set(flow.parameters.properties)
    assert dep["parameters"]["paths"] is None, "null = seeds/ in the checkout"


def test_prefect_yaml_holds_no_machine_path() -> None:
    text = PREFECT_YAML.read_text(encoding="utf-8")
    assert str(ROOT) not in text
    assert str(Path.home()) not in text


# ---------------------------------------------------------------------------------------------------------
# Pure helpers


def test_commands() -> None:
    py = "/venv/bin/python"
    assert serve.server_command(4321, python=py) == [
        py,
        "-m",
        "prefect",
        "server",
        "start",
        "--host",
        "127.0.0.1",
        "--port",
        "4321",
    ]
    assert serve.deploy_command(python=py) == [py, "-m", "prefect", "--no-prompt", "deploy", "--all"]
    assert serve.deploy_command("x.yaml", python=py)[-2:] == ["--prefect-file", "x.yaml"]
    assert serve.worker_command(python=py)[3:] == [
        "worker",
        "start",
        "--pool",
        "wirehouse",
        "--type",
        "process",
    ]
    assert serve.pool_command(python=py)[3:] == ["work-pool", "create", "wirehouse", "--type", "process"]


def test_environments() -> None:
    base = {"PREFECT_API_URL": "http://elsewhere/api", "KEEP": "1"}
    assert serve.server_env(base) == {"KEEP": "1"}
    env = serve.client_env(base, 4321, Path("checkout"), console_level="INFO")
    assert env["PREFECT_API_URL"] == "http://127.0.0.1:4321/api"
    assert env["PREFECT_CLI_PROMPT"] == "false"
    assert env[serve.ENV_ROOT] == "checkout"
    assert env[serve.ENV_CONSOLE_LEVEL] == "INFO" and env["KEEP"] == "1"
    assert serve.ENV_CONSOLE_LEVEL not in serve.client_env({}, 1, Path("c"))
    assert base["PREFECT_API_URL"] == "http://elsewhere/api", "the caller's mapping is not changed"


def test_describe_schedule() -> None:
    assert serve.describe_schedule({"cron": "0 * * * *", "timezone": "UTC"}) == "cron 0 * * * * (UTC)"
    assert serve.describe_schedule({"interval": 3600.0}) == "every 1 h"
    assert serve.describe_schedule({"interval": 300}) == "every 5 min"
    assert serve.describe_schedule({"interval": 7.5}) == "every 7.5 s"


def test_declared_and_stale_deployments(tmp_path: Path) -> None:
    assert serve.declared_deployments(PREFECT_YAML) == {d["name"] for d in _spec()["deployments"]}
    empty = tmp_path / "empty.yaml"
    empty.write_text("name: x\n", encoding="utf-8")
    assert serve.declared_deployments(empty) == set()

    on_server = [
        {"name": "ingest-seeds", "work_pool_name": "wirehouse", "paused": False},
        {"name": "renamed-away", "work_pool_name": "wirehouse", "paused": False},
        {"name": "already-paused", "work_pool_name": "wirehouse", "paused": True},
        {"name": "someone-elses", "work_pool_name": "other-pool", "paused": False},
    ]
    stale = serve.stale_deployments(on_server, {"ingest-seeds"})
    assert [d["name"] for d in stale] == ["renamed-away"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("myhost\n", "is not a prefect.yaml with deployments"),
        ("name: x\ndeployments: []\n", "is not a prefect.yaml with deployments"),
        ("deployments: [\n", "as YAML: "),
        ("\udcff", "as YAML: "),  # not UTF-8
        (None, "no deployments file at"),
    ],
)
def test_a_file_that_is_not_a_prefect_yaml_is_refused_before_anything_starts(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
    message: str,
) -> None:
    path = tmp_path / "hostname"
    if content is not None:
        path.write_text(content, encoding="utf-8", errors="surrogateescape")

    def nothing_may_start(*args: object, **kwargs: object) -> None:
        raise AssertionError("started something before checking the deployments file")

    monkeypatch.setattr(serve, "configure", nothing_may_start)
    assert serve.main(["--prefect-file", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("wirehouse: error: ") and message in captured.err


def test_prefect_file_is_relative_to_the_checkout_or_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "deploy").mkdir()
    shutil.copy(PREFECT_YAML, tmp_path / "deploy" / "p.yaml")

    class Checked(Exception):
        pass

    def checked(*args: object, **kwargs: object) -> None:
        raise Checked  # the file passed the check; the next step would start Prefect

    monkeypatch.setattr(serve, "configure", checked)
    for given in ("deploy/p.yaml", str(tmp_path / "deploy" / "p.yaml")):
        with pytest.raises(Checked):
            serve.serve(prefect_file=given, root=tmp_path)


@pytest.mark.parametrize(
    "argv", [["--port", "99999"], ["--port", "0"], ["--port", "http"], ["--startup-timeout", "-1"]]
)
def test_bad_numbers_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        serve.main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith(f"wirehouse serve: error: argument {argv[0]}: must be")


def test_missed_runs_keep_one_catch_up_per_deployment() -> None:
    def run(name: str, deployment: str, expected: str, auto: bool = True, state: str = "SCHEDULED") -> Any:
        return {
            "name": name,
            "deployment_id": deployment,
            "expected_start_time": expected,
            "auto_scheduled": auto,
            "state_type": state,
        }

    runs = [
        run("a-10h", "a", "2026-01-01T10:00:00Z"),
        run("a-12h", "a", "2026-01-01T12:00:00Z"),
        run("a-11h", "a", "2026-01-01T11:00:00.5+00:00"),
        run("a-future", "a", "2026-01-01T14:00:00Z"),
        run("a-by-hand", "a", "2026-01-01T09:00:00Z", auto=False),
        run("a-done", "a", "2026-01-01T08:00:00Z", state="COMPLETED"),
        run("b-only", "b", "2026-01-01T09:00:00Z"),
    ]
    skipped = serve.missed_runs(runs, "2026-01-01T13:00:00+00:00")
    assert sorted(r["name"] for r in skipped) == ["a-10h", "a-11h"]


def test_last_lines() -> None:
    assert serve.last_lines("a\n\nb\nc  \n", 2) == "b | c"
    assert serve.last_lines("", 3) == ""


# ---------------------------------------------------------------------------------------------------------
# Processes, without Prefect


class _NotPrefect(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def other_service() -> Iterator[int]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotPrefect)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_port_taken_by_something_else_is_one_line_exit_2(other_service: int, tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-m", "flows.serve", "--port", str(other_service)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "not a Prefect server" in done.stderr


def test_child_stop_escalates_when_interrupt_is_ignored(tmp_path: Path) -> None:
    code = "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); print('up', flush=True); time.sleep(60)"
    log = tmp_path / "child.log"
    child = serve.Child.start("stubborn", [sys.executable, "-c", code], os.environ, tmp_path, log)
    try:
        deadline = time.monotonic() + 30
        while "up" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert child.stop(timeout=0.5) == -signal.SIGTERM
        assert not child.running()
    finally:
        child.stop(hurry=True)


# ---------------------------------------------------------------------------------------------------------
# The whole stack: a scheduled run fires


def _flow_runs(port: int) -> list[dict[str, Any]]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/flow_runs/filter",
        data=b"{}",
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        runs: list[dict[str, Any]] = json.loads(response.read())
        return runs


@pytest.mark.prefect
def test_scheduled_run_fires_and_loads_the_article(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / SEED.name)
    db = tmp_path / "scheduled.duckdb"

    # The checkout's prefect.yaml, with a schedule that comes due every few seconds and temporary inputs.
    spec = _spec()
    dep = _ingest_deployment(spec)
    dep["schedules"] = [{"interval": 15, "timezone": "UTC"}]
    dep["parameters"] = {"paths": [str(inputs)], "db": str(db), "workers": 1}
    spec["deployments"] = [dep]
    prefect_file = tmp_path / "prefect.yaml"
    prefect_file.write_text(yaml.safe_dump(spec), encoding="utf-8")

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= {
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_WORKER_QUERY_SECONDS": "2",
        # The worker's and the flow runs' logs go to serve.log, so a failure below shows what happened.
        serve.ENV_CONSOLE_LEVEL: "INFO",
    }
    log = tmp_path / "serve.log"
    child = serve.Child.start(
        "wirehouse serve",
        [sys.executable, "-m", "flows.serve", "--port", str(port), "--prefect-file", str(prefect_file)],
        env,
        ROOT,
        log,
    )
    completed: list[dict[str, Any]] = []
    try:
        deadline = time.monotonic() + 180
        while not completed and time.monotonic() < deadline:
            assert child.running(), f"wirehouse serve exited early:\n{log.read_text()}"
            if serve.prefect_healthy(port):
                runs = _flow_runs(port)
                failed = [r for r in runs if r["state_type"] in ("FAILED", "CRASHED")]
                assert not failed, f"a scheduled run failed: {failed[0]['state_name']}\n{log.read_text()}"
                completed = [r for r in runs if r["state_type"] == "COMPLETED"]
            time.sleep(1)
        assert completed, f"no scheduled run completed within 180 s:\n{log.read_text()}"
        assert completed[0]["auto_scheduled"], "the run was created by the schedule, not by hand"
        assert completed[0]["deployment_id"]
    finally:
        # Ctrl-C, as a person would; the stack stops worker then server and exits 0.
        code = child.stop(timeout=60)
    output = log.read_text()
    assert code == 0, output
    assert "Traceback" not in output, output
    assert not serve.port_in_use(port), "the server stopped with wirehouse serve"
    # Not on 4200: other commands find it only through PREFECT_API_URL, and it says so (a review found
    # them starting a temporary server next to it).
    assert f"other wirehouse commands report here with PREFECT_API_URL=http://127.0.0.1:{port}/api" in output

    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT count(*) FROM articles").fetchone()
    assert row is not None and row[0] == 1


def test_a_schedule_that_is_off_says_so() -> None:
    d = {
        "flow_id": "f",
        "name": "crawl-sources",
        "work_pool_name": "wirehouse",
        "schedules": [{"schedule": {"cron": "30 * * * *", "timezone": "UTC"}, "active": False}],
    }
    # Was: "(cron 30 * * * * (UTC); pool wirehouse)", which reads as if it will fire.
    assert (
        serve.deployment_line(d, {"f": "crawl"})
        == "crawl/crawl-sources  (cron 30 * * * * (UTC) (off); pool wirehouse)"
    )
