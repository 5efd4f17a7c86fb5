"""flows/prefect_server.py: the temporary Prefect server a command-line run starts before importing Prefect."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SEED

from flows import prefect_server
from flows.errors import UserError


def _clear(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    for name in (
        "PREFECT_API_URL",
        "PREFECT_PROFILES_PATH",
        "PREFECT_PROFILE",
        "PREFECT_SERVER_EPHEMERAL_ENABLED",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(home))


def test_no_api_anywhere_wants_a_temporary_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _clear(monkeypatch, tmp_path / "home")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    (tmp_path / ".env").write_text("OTHER=1\n# PREFECT_API_URL=commented out\n", encoding="utf-8")
    assert prefect_server.wanted()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".env", "PREFECT_API_URL=http://127.0.0.1:4200/api\n"),
        (".env", "export PREFECT_API_URL=http://127.0.0.1:4200/api\n"),
        ("prefect.toml", '[api]\nurl = "http://127.0.0.1:4200/api"\n'),
        ("pyproject.toml", '[tool.prefect.api]\nurl = "http://127.0.0.1:4200/api"\n'),
        ("pyproject.toml", "[tool.prefect\n"),  # unreadable: Prefect decides, as before
    ],
)
def test_an_api_named_in_a_file_prefect_reads_is_left_to_prefect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str
) -> None:
    _clear(monkeypatch, tmp_path / "home")
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert not prefect_server.wanted()


def test_an_api_in_the_active_profile_is_left_to_prefect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _clear(monkeypatch, home)
    monkeypatch.chdir(tmp_path)
    profiles = home / "profiles.toml"
    profiles.write_text(
        'active = "mine"\n[profiles.mine]\nPREFECT_API_URL = "http://127.0.0.1:4200/api"\n[profiles.other]\n',
        encoding="utf-8",
    )
    assert not prefect_server.wanted()
    monkeypatch.setenv("PREFECT_PROFILE", "other")  # another profile is active: no API named
    assert prefect_server.wanted()


def test_an_api_in_the_environment_or_no_temporary_servers_wants_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _clear(monkeypatch, tmp_path / "home")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert not prefect_server.wanted()
    monkeypatch.delenv("PREFECT_API_URL")
    monkeypatch.setenv("PREFECT_SERVER_EPHEMERAL_ENABLED", "false")
    assert not prefect_server.wanted()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _server_processes(port: int) -> list[int]:
    """Processes whose command line is a server on ``port``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"uvicorn" in argv and b"--port" in argv and argv[argv.index(b"--port") + 1] == str(port).encode():
            found.append(int(pid))
    return found


@pytest.mark.prefect
def test_the_server_answers_and_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    server = prefect_server.TemporaryServer()
    try:
        server.wait(timeout=180)
        assert _answers(f"{server.api_url}/health")
    finally:
        server.stop()
    assert server.process.returncode is not None
    assert not _port_open(server.port)


@pytest.mark.prefect
def test_a_server_that_cannot_start_is_one_line_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("WIREHOUSE_DEBUG", raising=False)
    monkeypatch.setenv(
        "PREFECT_API_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{tmp_path}/no/such/dir/p.db"
    )
    server = prefect_server.TemporaryServer()
    with pytest.raises(UserError) as caught:
        server.wait(timeout=180)
    message = str(caught.value)
    assert message.startswith("the temporary Prefect server did not start (exit code 3: ")
    assert "unable to open database file" in message and "\n" not in message


def _cli_env(**extra: str) -> dict[str, str]:
    # As a user's shell has it: no API named, Prefect on; the session's Prefect home (not the checkout's).
    env = {k: v for k, v in os.environ.items() if k not in ("WIREHOUSE_NO_PREFECT", "PREFECT_API_URL")}
    return {**env, **extra}


@pytest.mark.prefect
def test_a_command_line_run_uses_its_own_temporary_server_and_stops_it(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    r = subprocess.run(
        [sys.executable, "-m", "flows.cli", "ingest", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "seed.txt")],
        cwd=ROOT, env=_cli_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert re.search(r"^\s*loaded\s+1$", r.stdout, re.M), r.stdout
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT flow_run_id IS NOT NULL FROM runs").fetchall() == [(True,)]
    found = re.search(r"Prefect API: temporary server at http://127\.0\.0\.1:(\d+)/api", r.stderr)
    assert found, r.stderr
    port = int(found.group(1))
    assert not _port_open(port) and not _server_processes(port)  # stopped with the command


@pytest.mark.prefect
def test_the_server_does_not_outlive_a_killed_command(tmp_path: Path) -> None:
    # SIGKILL runs no exit handler: the server is told by the kernel (Linux) that its command died.
    if not sys.platform.startswith("linux"):
        pytest.skip("the parent-death signal is Linux's")
    shutil.copy(SEED, tmp_path / "seed.txt")
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "ingest", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "seed.txt")],
        cwd=ROOT, env=_cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        port = 0
        for line in proc.stderr:
            if found := re.search(r"temporary server at http://127\.0\.0\.1:(\d+)/api", line):
                port = int(found.group(1))
                break
        assert port, "no server line"
        deadline = time.monotonic() + 60
        while not _server_processes(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _server_processes(port)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _server_processes(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _server_processes(port)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
