"""``wirehouse serve`` and ``prefect.yaml``: the declaration parses, and a scheduled run really fires.

The slow test starts the whole stack (``python -m flows.serve``) on a free 127.0.0.1 port with a
temporary Prefect home, deploys a copy of ``prefect.yaml`` whose schedule fires every few seconds into a
temporary DuckDB file, waits for a scheduled flow run to complete, then stops the stack with Ctrl-C.
"""

from __future__ import annotations

import contextlib
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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from conftest import ROOT, SEED, signal_when

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
    assert "NO_PROXY" not in env  # no proxy named: nothing added


def test_the_worker_reaches_the_server_past_a_proxy() -> None:
    # A proxy cannot reach this machine's 127.0.0.1: the worker and its flow runs failed to reach the API.
    base = {"HTTPS_PROXY": "http://proxy.invalid:3128", "no_proxy": "corp.invalid"}
    env = serve.client_env(base, 4321, Path("checkout"))
    assert env["no_proxy"] == "corp.invalid,127.0.0.1" and "NO_PROXY" not in env
    assert base == {"HTTPS_PROXY": "http://proxy.invalid:3128", "no_proxy": "corp.invalid"}


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
        # Was: "as YAML: while parsing a block collection", with no line or problem (review)
        (
            "deployments:\n  - name: a\n    entrypoint: flows.scheduled:scheduled_ingest\n   - name: b\n",
            "as YAML: line 4, column 4: expected <block end>, but found '<block sequence start>'",
        ),
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


def _edited_prefect_yaml(tmp_path: Path, old: str, new: str) -> Path:
    text = PREFECT_YAML.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # Was: accepted, and every run crashed ("Process exited with status code: 1").
        (
            "      paths: null",
            "      path: seeds",
            "deployment 'ingest-seeds' sets parameter 'path', which flows.scheduled:scheduled_ingest does "
            "not take (it takes: paths, db, workers, locale, timezone)",
        ),
        # Were: "prefect deploy --all failed (exit 1): For further information visit https://errors..."
        # or "... work pool in the Prefect UI.", after the server's start-up.
        (
            '"0 * * * *"',
            '"61 * * * *"',
            "deployment 'ingest-seeds' has an invalid cron string \"61 * * * *\"",
        ),
        ("timezone: UTC", "timezone: Europe/Berln", 'has an unknown time zone "Europe/Berln"'),
        (
            "      name: wirehouse\n",
            "      name: wirehose\n",
            "names work pool 'wirehose': wirehouse serve creates and runs the pool 'wirehouse' only",
        ),
        # Were: "prefect deploy --all ... failed (exit 1): An exception occurred" (review).
        (
            "flows.scheduled:scheduled_ingest",
            "flows.nosuch:scheduled_ingest",
            "has entrypoint 'flows.nosuch:scheduled_ingest', but there is no module flows.nosuch",
        ),
        (
            "flows.scheduled:scheduled_ingest",
            "flows.scheduled:nosuchflow",
            "has entrypoint 'flows.scheduled:nosuchflow', but scheduled.py defines no 'nosuchflow'",
        ),
    ],
)
def test_a_deployment_prefect_would_refuse_or_crash_on_is_refused_before_anything_starts(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    message: str,
) -> None:
    path = _edited_prefect_yaml(tmp_path, old, new)

    def nothing_may_start(*args: object, **kwargs: object) -> None:
        raise AssertionError("started something before checking the deployments file")

    monkeypatch.setattr(serve, "configure", nothing_may_start)
    assert serve.main(["--prefect-file", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(f"wirehouse: error: {path}: ") and message in captured.err


def test_flow_parameters_are_read_from_the_source(tmp_path: Path) -> None:
    crawl = ["sources", "source", "db", "raw_dir", "workers", "retry_failed"]
    assert serve.flow_parameters("flows.scheduled:scheduled_crawl", ROOT) == crawl
    assert serve.flow_parameters("flows/crawl_flow.py:crawl_flow", ROOT) == crawl
    assert serve.check_prefect_file(PREFECT_YAML) == {"ingest-seeds", "crawl-sources"}
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("from .inner import run as go\n")
    (tmp_path / "pkg" / "inner.py").write_text("def run(a, *, b=1): ...\ndef loose(**kw): ...\n")
    assert serve.flow_parameters("pkg:go", tmp_path) == ["a", "b"]
    # What the source does not say plainly is left to Prefect.
    assert serve.flow_parameters("pkg.inner:loose", tmp_path) is None
    assert serve.flow_parameters("pkg.missing:run", tmp_path) is None
    assert serve.flow_parameters("nocolon", tmp_path) is None


def test_a_failed_deploy_names_its_cause() -> None:
    box = "╭───╮\n│ Deploying ingest-seeds │\n╰───╯\n"
    cron = (
        '1 validation error for CronSchedule\ncron\n  Value error, Invalid cron string: "61 * * * *" '
        "[type=value_error, input_value='61 * * * *', input_type=str]\n"
        "    For further information visit https://errors.pydantic.dev/2.14/v/value_error\n"
    )
    assert serve.failure_cause(box + cron) == 'Invalid cron string: "61 * * * *"'
    pool = (
        "This deployment configuration references work pool 'wirehose' which does not exist. This means "
        "no worker will be able to pick up its runs. You can create a work pool in the Prefect UI.\n"
    )
    assert serve.failure_cause(box + pool) == (
        "This deployment configuration references work pool 'wirehose' which does not exist"
    )
    assert serve.failure_cause("something\nfailed here\n") == "failed here"


def test_a_value_prefect_deploy_refuses_is_an_input_mistake(tmp_path: Path) -> None:
    refuses = "print('1 validation error for RRuleSchedule'); print('  Value error, Invalid RRule'); exit(1)"
    with pytest.raises(serve.ServeError) as refused:
        serve._run_prefect(
            [sys.executable, "-c", refuses], os.environ, tmp_path, "deploy", tmp_path / "d.log"
        )
    assert refused.value.exit_code == 2 and "failed (exit 1): Invalid RRule (whole output: " in str(
        refused.value
    )
    with pytest.raises(serve.ServeError) as failed:
        serve._run_prefect(
            [sys.executable, "-c", "exit(3)"], os.environ, tmp_path, "deploy", tmp_path / "d.log"
        )
    assert failed.value.exit_code == 1


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


def _python(*args: bytes) -> tuple[bytes, ...]:
    return (b"/venv/bin/python", *args)


def test_only_runs_nothing_runs_any_more_are_abandoned() -> None:
    host = "box"
    own = serve.serve_worker_name(1, host, started=50)  # this serve: PID 1, as in a container
    processes = {  # what /proc shows of this machine
        1: serve.Process(50, _python(b"/venv/bin/wirehouse", b"serve")),
        100: serve.Process(7, _python(b"-m", b"flows.serve", b"--port", b"4300")),
        300: serve.Process(8, _python(b"-m", b"prefect.engine")),
        500: serve.Process(9, _python(b"-m", b"prefect", b"server", b"start")),
        600: serve.Process(
            10, _python(b"-m", b"prefect", b"worker", b"start", b"--name", b"wirehouse-serve-600@box")
        ),
        700: serve.Process(11, _python(b"-m", b"flows.cli", b"serve")),
    }

    def run(name: str, worker: str | None, deployment: str = "d", pid: str | None = None) -> Any:
        labels = {serve.WORKER_LABEL: worker} if worker else {"prefect.flow.id": "f"}
        return {"name": name, "deployment_id": deployment, "labels": labels, "infrastructure_pid": pid}

    runs = [
        run("serve-alive", serve.serve_worker_name(100, host, 7)),
        run("serve-pid-used-again", serve.serve_worker_name(100, host, 6)),
        run("serve-gone", serve.serve_worker_name(200, host, 3)),
        run("serve-gone-run-alive", serve.serve_worker_name(200, host, 3), pid=f"{host}:300"),
        run("serve-gone-run-gone", serve.serve_worker_name(200, host, 3), pid=f"{host}:400"),
        run("serve-gone-run-pid-is-ours", serve.serve_worker_name(200, host, 3), pid=f"{host}:1"),
        # A review: a serve started again in a container is PID 1 as its killed predecessor was, and
        # took that one's runs for its own: the deployment stayed blocked.
        run("our-pid-earlier-serve", serve.serve_worker_name(1, host, 40)),
        run("our-pid-earlier-version", serve.serve_worker_name(1, host)),
        run("ours", own),
        # Names of earlier versions (no start time): the PID's command must be a serve command; "serve"
        # in "server", or in a worker's --name, is not one.
        run("old-serve-alive", serve.serve_worker_name(700, host)),
        run("old-serve-pid-now-prefect-server", serve.serve_worker_name(500, host)),
        run("old-serve-pid-now-a-worker", serve.serve_worker_name(600, host)),
        run("other-machine", serve.serve_worker_name(200, "elsewhere", 3)),
        run("worker-online", "ProcessWorker-1"),
        run("worker-offline", "ProcessWorker-2"),
        run("not-yet-labelled", None),
        run("other-deployment", serve.serve_worker_name(200, host, 3), deployment="x"),
    ]

    def running(r: Any) -> bool:
        return serve.still_run(r, own, {"ProcessWorker-1"}, processes.get)

    abandoned = serve.abandoned_runs(runs, {"d"}, running)
    assert [r["name"] for r in abandoned] == [
        "serve-pid-used-again",
        "serve-gone",
        "serve-gone-run-gone",
        "serve-gone-run-pid-is-ours",
        "our-pid-earlier-serve",
        "our-pid-earlier-version",
        "old-serve-pid-now-prefect-server",
        "old-serve-pid-now-a-worker",
        "other-machine",
        "worker-offline",
    ]
    assert [r["name"] for r in serve.runs_of_worker(runs, own)] == ["ours"]


def test_serve_worker_names_name_the_process() -> None:
    assert serve.serve_worker_name(12, "h", 345) == "wirehouse-serve-12-345@h"
    assert serve.parse_serve_worker("wirehouse-serve-12-345@h") == serve.ServeWorker(12, 345, "h")
    assert serve.parse_serve_worker("wirehouse-serve-12@a-b@c") == serve.ServeWorker(12, None, "a-b@c")
    assert serve.parse_serve_worker("ProcessWorker-1") is None
    assert serve.parse_serve_worker("wirehouse-serve-x@h") is None
    mine = serve.parse_serve_worker(serve.serve_worker_name())
    assert mine == serve.ServeWorker(os.getpid(), serve.process_start(os.getpid()), socket.gethostname())
    assert mine.started is not None, "Linux: the start time is in the name"

    assert serve.is_serve_command(_python(b"/venv/bin/wirehouse", b"serve", b"--port", b"1"))
    assert serve.is_serve_command(_python(b"-m", b"flows.cli", b"serve"))
    assert serve.is_serve_command(_python(b"-m", b"flows.serve"))
    assert not serve.is_serve_command(_python(b"-m", b"prefect", b"server", b"start"))
    assert not serve.is_serve_command(
        _python(b"-m", b"prefect", b"worker", b"--name", b"wirehouse-serve-1@h")
    )
    assert not serve.is_serve_command(_python(b"/venv/bin/wirehouse", b"ingest", b"serve"))
    assert not serve.is_serve_command(())


def test_look_up_process() -> None:
    me = serve.look_up_process(os.getpid())
    assert me is not None and me.started == serve.process_start(os.getpid())
    assert me.argv, "this process's arguments"
    assert serve.look_up_process(0) is None
    child = subprocess.Popen([sys.executable, "-c", ""])
    try:
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # ended, not yet reaped: a zombie
        assert serve.look_up_process(child.pid) is None
    finally:
        child.wait()
    assert serve.look_up_process(child.pid) is None


def test_on_a_server_already_running_serve_releases_runs_of_a_serve_whose_pid_another_has(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A review: a run left by an earlier serve whose PID is now this process's (a container started
    # again), or a Prefect server's ("serve" in "server"), was taken as still run, and stayed Running.
    host = socket.gethostname()
    server = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()", "-m", "prefect", "server", "start"],
        stdin=subprocess.PIPE,
    )
    runs = [
        {"id": "server", "labels": {serve.WORKER_LABEL: serve.serve_worker_name(server.pid, host)}},
        {"id": "ours", "labels": {serve.WORKER_LABEL: serve.serve_worker_name()}},
        {"id": "our-pid", "labels": {serve.WORKER_LABEL: serve.serve_worker_name(os.getpid(), host)}},
    ]
    for r in runs:
        r["deployment_id"] = "dep"
    crashed: list[str] = []

    def crash(port: int, found: Any, message: str) -> int:
        crashed.extend(r["id"] for r in found)
        return len(found)

    monkeypatch.setattr(serve, "declared_deployment_ids", lambda port, declared, pool: {"dep"})
    monkeypatch.setattr(serve, "in_flight_runs", lambda port, pool: runs)
    monkeypatch.setattr(serve, "online_workers", lambda port, pool: set())
    monkeypatch.setattr(serve, "crash_runs", crash)
    try:
        serve.release_abandoned_runs(4399, "interrupted", {"ingest-seeds"})
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait()
    assert sorted(crashed) == sorted(r["id"] for r in runs if r["id"] != "ours")


def test_on_a_server_already_running_serve_ends_left_runs_and_skips_missed_ones(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A review: only serve's own server got either, so every run of a deployment waited for ever behind a
    # run left Running, and the runs missed meanwhile all ran.
    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(serve, "configure", lambda **kwargs: None)
    monkeypatch.setattr(serve, "prefect_healthy", lambda port: True)
    monkeypatch.setattr(serve, "work_pool_type", lambda port: serve.POOL_TYPE)
    monkeypatch.setattr(serve, "_run_prefect", lambda *args: "")
    monkeypatch.setattr(serve, "pause_stale_deployments", lambda port, declared: [])
    monkeypatch.setattr(serve, "deployment_lines", lambda port: [])
    monkeypatch.setattr(serve, "declared_deployment_ids", lambda port, declared: {"dep"})

    def released(port: int, message: str, declared: set[str]) -> int:
        calls.append(("released", declared))
        return 1

    def skipped(port: int, pool: str = serve.POOL, deployment_ids: set[str] | None = None) -> int:
        calls.append(("skipped", deployment_ids))
        return 2

    def interrupt(self: serve.Stack) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(serve, "release_abandoned_runs", released)
    monkeypatch.setattr(serve, "skip_missed_runs", skipped)
    monkeypatch.setattr(serve.Stack, "dead", interrupt)
    assert serve.serve(port=4311, worker=False) == 0
    assert calls == [("released", {"ingest-seeds", "crawl-sources"}), ("skipped", {"dep"})]
    out = capsys.readouterr().out
    assert "marked 1 interrupted flow run as crashed" in out and "skipped 2 scheduled runs" in out
    # Was "(prefect worker start --pool wirehouse)": in a new shell, a traceback (no PREFECT_API_URL).
    assert "runs wait until one starts (PREFECT_API_URL=http://127.0.0.1:4311/api " in out
    assert "-m prefect worker start --pool wirehouse); Ctrl-C stops" in out


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


class _PrefectThatHangs(http.server.BaseHTTPRequestHandler):
    """A Prefect server that is healthy and then answers nothing: ``serve`` waits on it until stopped."""

    released: threading.Event

    def do_GET(self) -> None:
        if self.path == "/api/health":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"true")
        else:
            self.released.wait(60)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _stdout_to_stderr_and_hup_default() -> None:  # pragma: no cover - runs in the child
    os.dup2(2, 1)  # serve's lines on the stream signal_when reads
    signal.signal(signal.SIGHUP, signal.SIG_DFL)  # as from a terminal, even if the tests run under nohup


@pytest.mark.parametrize("command", [["flows.serve"], ["flows.cli", "serve"]])
def test_sighup_stops_serve_as_sigterm_does(tmp_path: Path, command: list[str]) -> None:
    # A review: `python -m flows.serve`, which the docs give as the same as `wirehouse serve`, was
    # killed outright by SIGHUP (the terminal closed): no stop, its worker's runs left Running.
    released = threading.Event()
    handler = type("Hangs", (_PrefectThatHangs,), {"released": released})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "home")
    try:
        code, err = signal_when(
            [sys.executable, "-m", *command, "--port", str(httpd.server_address[1])],
            env,
            lambda line: "using the Prefect server already running" in line,
            signal.SIGHUP,
            timeout=30,
            preexec_fn=_stdout_to_stderr_and_hup_default,
        )
    finally:
        released.set()
        httpd.shutdown()
        httpd.server_close()
    assert code == 0, err
    assert err.strip().splitlines()[-1] == "wirehouse serve: stopped", err
    assert "Traceback" not in err, err


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


@pytest.mark.prefect
def test_on_a_server_already_running_serve_ends_only_the_runs_nothing_runs(
    prefect_api: None, tmp_path: Path
) -> None:
    """A review: with a server already running, a run interrupted by stopping `serve` stayed Running and
    every later run of its deployment waited for its concurrency slot for ever."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.settings import PREFECT_API_URL
    from prefect.states import Completed, Pending, Running, Scheduled

    api = str(PREFECT_API_URL.value())
    port = int(api.split(":")[-1].split("/")[0])
    host = socket.gethostname()
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    gone_serve = serve.serve_worker_name(int(ended.stdout), host)  # a serve of this machine that is gone

    spec = _spec()
    dep = _ingest_deployment(spec)
    dep["schedules"] = [{"cron": "0 0 1 1 *", "timezone": "UTC"}]
    dep["parameters"] = {"paths": [str(SEED)], "db": str(tmp_path / "w.duckdb"), "workers": 1}
    spec["deployments"] = [dep]
    prefect_file = tmp_path / "prefect.yaml"
    prefect_file.write_text(yaml.safe_dump(spec), encoding="utf-8")

    with get_client(sync_client=True) as client:
        with contextlib.suppress(ObjectAlreadyExists):
            client.create_work_pool(WorkPoolCreate(name=serve.POOL, type=serve.POOL_TYPE))
        flow_id = client.create_flow_from_name("ingest")
        deployment = client.create_deployment(
            flow_id, "ingest-seeds", work_pool_name=serve.POOL, concurrency_limit=1
        )

        def later() -> Any:  # a run no worker picks up before this test moves it on
            return client.create_flow_run_from_deployment(
                deployment, state=Scheduled(scheduled_time=datetime.now(UTC) + timedelta(hours=1))
            )

        def running(worker: str, orchestrated: bool = False) -> Any:
            run = later()
            if (
                orchestrated
            ):  # through Prefect's rules: it takes the deployment's one slot, as a worker's does
                client.set_flow_run_state(run.id, Pending())
            client.set_flow_run_state(run.id, Running(), force=not orchestrated)
            client.update_flow_run_labels(run.id, {serve.WORKER_LABEL: worker})
            return run.id

        def state(run_id: Any) -> str:
            found = client.read_flow_run(run_id).state
            return found.type.value if found else "NONE"

        left = running(gone_serve, orchestrated=True)
        offline = running("ProcessWorker-gone")  # a worker Prefect has not heard from
        client.send_worker_heartbeat(serve.POOL, "ProcessWorker-busy", heartbeat_interval_seconds=30)
        busy = running("ProcessWorker-busy")  # another worker's run, on a server others share

        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env |= {"PREFECT_HOME": str(tmp_path / "home"), "PREFECT_WORKER_QUERY_SECONDS": "2"}
        log = tmp_path / "serve.log"
        command = [
            sys.executable,
            "-m",
            "flows.serve",
            "--port",
            str(port),
            "--prefect-file",
            str(prefect_file),
        ]
        child = serve.Child.start("wirehouse serve", command, env, ROOT, log)
        try:
            deadline = time.monotonic() + 120
            while "a worker runs" not in log.read_text() and time.monotonic() < deadline:
                assert child.running(), log.read_text()
                time.sleep(0.5)
            output = log.read_text()
            assert "using the Prefect server already running" in output, output
            assert "marked 2 interrupted flow runs as crashed" in output, output
            assert (state(left), state(offline), state(busy)) == ("CRASHED", "CRASHED", "RUNNING")
            # The slot the left run held is free: the next run is not AwaitingConcurrencySlot.
            after = later()
            client.set_flow_run_state(after.id, Pending())
            assert state(after.id) == "PENDING"
            client.set_flow_run_state(after.id, Running())
            client.update_flow_run_labels(
                after.id,
                {
                    serve.WORKER_LABEL: serve.serve_worker_name(
                        child.proc.pid, host, serve.process_start(child.proc.pid)
                    )
                },
            )
        finally:
            code = child.stop(timeout=60)
        output = log.read_text()
        assert code == 0, output
        # Stopping serve ends the runs its worker ran, and only those.
        assert "marked 1 interrupted flow run as crashed" in output, output
        assert (state(after.id), state(busy)) == ("CRASHED", "RUNNING")
        client.set_flow_run_state(busy, Completed(), force=True)  # leave the shared test API tidy


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


def test_a_line_serve_cannot_write_any_more_does_not_cut_its_stop_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A review: after a SIGHUP the terminal is gone; serve's stop raised on its first line and its worker's
    # runs were never released.
    import os
    import sys

    from flows import serve

    class Gone:
        def __init__(self) -> None:
            self.read_end, self.fd = os.pipe()

        def write(self, _text: str) -> int:
            raise OSError(5, "Input/output error")

        def flush(self) -> None:
            raise OSError(5, "Input/output error")

        def fileno(self) -> int:
            return self.fd

    out, err = Gone(), Gone()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    serve._say("stopping")  # raised OSError before
    serve._say("stopped")
    for stream in (out, err):
        # the process's output is left where it was: serve runs in-process too (tests, a notebook)
        assert os.readlink(f"/proc/self/fd/{stream.fd}").startswith("pipe:")
        os.close(stream.fd)
        os.close(stream.read_end)


def test_relative_paths_reach_the_worker_as_the_caller_meant_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker and its runs work in the checkout: WIREHOUSE_DB=rel.duckdb wrote <checkout>/rel.duckdb,
    # which `wirehouse stats` in the caller's folder never found (review).
    monkeypatch.chdir(tmp_path)
    base = {"WIREHOUSE_DB": "rel.duckdb", "WIREHOUSE_RAW_DIR": "raw", "PREFECT_HOME": "ph", "KEEP": "x"}
    env = serve.client_env(base, 4321, Path("checkout"))
    assert (env["WIREHOUSE_DB"], env["WIREHOUSE_RAW_DIR"], env["PREFECT_HOME"]) == (
        str(tmp_path / "rel.duckdb"),
        str(tmp_path / "raw"),
        str(tmp_path / "ph"),
    )
    assert env["KEEP"] == "x"


def test_a_prefect_home_that_cannot_be_used_is_said_so(tmp_path: Path) -> None:
    # Was: "the Prefect API on 127.0.0.1:4200 failed: [Errno 20] Not a directory", exit 1 (review).
    (tmp_path / "afile").write_text("")
    with pytest.raises(
        serve.ServeError, match=r"PREFECT_HOME .*afile/ph cannot be used: Not a directory"
    ) as e:
        serve._check_home(tmp_path / "afile" / "ph")
    assert e.value.exit_code == 2
    serve._check_home(tmp_path / "fine" / "ph")  # made where it can be
    assert (tmp_path / "fine" / "ph").is_dir() and not list((tmp_path / "fine" / "ph").iterdir())


def test_an_entrypoint_is_checked_as_far_as_its_source_says(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("from .b import run as go\nflow2 = go\ndef f(): ...\n")
    (tmp_path / "pkg" / "star.py").write_text("from .b import *\n")
    (tmp_path / "pkg" / "cond.py").write_text(
        "try:\n    from .b import run\nexcept ImportError:\n    run = None\n"
    )
    # forms a first version refused (review): a tuple, a method, a module __getattr__, a walrus
    (tmp_path / "pkg" / "more.py").write_text(
        "flow_a, (flow_b, *rest) = 1, (2, 3)\nclass C:\n    def run(self): ...\n"
    )
    (tmp_path / "pkg" / "lazy.py").write_text("def __getattr__(name): ...\n")
    (tmp_path / "pkg" / "walrus.py").write_text("(run := 1)\n")
    for fine in (
        "pkg.more:flow_a",
        "pkg.more:flow_b",
        "pkg.more:rest",
        "pkg.more:C.run",
        "pkg.lazy:any",
        "pkg.walrus:run",
        "pkg.a:go",
        "pkg.a:flow2",
        "pkg.a:f",
        "pkg/a.py:f",
        "pkg.star:anything",
        "pkg.cond:run",
        "json:loads",
    ):
        assert serve._entrypoint_problem(fine, tmp_path) is None, fine
    assert "no file pkg/missing.py" in str(serve._entrypoint_problem("pkg/missing.py:f", tmp_path))
    assert "a.py defines no 'g'" in str(serve._entrypoint_problem("pkg.a:g", tmp_path))
    assert "expected module:flow" in str(serve._entrypoint_problem("pkg.a", tmp_path))


def test_a_server_that_stopped_is_said_with_its_cause_not_its_banner(tmp_path: Path) -> None:
    # Was: "stopped unexpectedly (exit code 3): |_| |_|_\___|_| ... | Configure Prefect to communicate ..."
    log = tmp_path / "server-4394.log"
    log.write_text(
        " ___ ___ ___\n| _ \\ _ \\ __|\n|_| |_|_\\___|_| |___\\___| |_|\n\n"
        "Configure Prefect to communicate with the server with:\n\n"
        "    prefect config set PREFECT_API_URL=http://127.0.0.1:4394/api\n\n"
        "View the API reference documentation at http://127.0.0.1:4394/docs\n\n"
        "Check out the dashboard at http://127.0.0.1:4394\n"
        "ERROR:    [Errno 98] error while attempting to bind on address ('127.0.0.1', 4394): address already in use\n"
    )
    gone = serve.Child("Prefect server", subprocess.Popen(["true"]), log)
    gone.proc.wait()
    assert gone.log_tail(skip=serve._BANNER_LINE) == (
        "ERROR:    [Errno 98] error while attempting to bind on address ('127.0.0.1', 4394): address already in use"
    )


@pytest.mark.prefect
def test_a_serve_on_another_process_s_server_ends_when_that_server_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Was: it sat there, its UI address dead, saying nothing, until Ctrl-C (review).
    from flows import prefect_server

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    other = prefect_server.TemporaryServer()
    try:
        other.wait()
        env = {**os.environ, "PREFECT_HOME": str(tmp_path / "home")}
        log = tmp_path / "serve.log"
        command = [sys.executable, "-m", "flows.serve", "--port", str(other.port), "--no-worker"]
        child = serve.Child.start("wirehouse serve", command, env, ROOT, log)
        try:
            deadline = time.monotonic() + 120
            while "no worker" not in log.read_text() and time.monotonic() < deadline:
                assert child.running(), log.read_text()
                time.sleep(0.5)
            assert "using the Prefect server already running" in log.read_text(), log.read_text()
            other.stop()
            assert child.proc.wait(timeout=60) == 1, log.read_text()
        finally:
            child.stop(timeout=10)
    finally:
        other.stop()
    assert "stopped answering: start wirehouse serve again" in log.read_text()
