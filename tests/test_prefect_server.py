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
        "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(home))


def test_no_api_anywhere_wants_a_temporary_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _clear(monkeypatch, tmp_path / "home")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    (tmp_path / ".env").write_text("OTHER=1\n# PREFECT_API_URL=commented out\n", encoding="utf-8")
    assert prefect_server.worth_starting()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".env", "PREFECT_API_URL=http://127.0.0.1:4200/api\n"),
        (".env", "export PREFECT_API_URL=http://127.0.0.1:4200/api\n"),
        (".env", "prefect_api_url=http://127.0.0.1:4200/api\n"),  # read in any case, as Prefect does
        ("prefect.toml", 'PREFECT_API_URL = "http://127.0.0.1:4200/api"\n'),
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
    assert not prefect_server.worth_starting()


@pytest.mark.parametrize("named", [True, False])
def test_an_api_named_in_a_file_wins_over_a_running_make_serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named: bool
) -> None:
    # Was: configure() pointed the command at make serve's server on 4200 when it answered, before
    # Prefect read the .env that names another API (the environment and the profile already won).
    from flows import prefect_env

    _clear(monkeypatch, tmp_path / "home")
    monkeypatch.chdir(tmp_path)
    if named:
        (tmp_path / ".env").write_text("PREFECT_API_URL=http://127.0.0.1:4299/api\n", encoding="utf-8")
    monkeypatch.setattr(prefect_env, "local_server_running", lambda *a, **k: True)
    saved = dict(os.environ)
    try:
        got = prefect_env.configure()
        assert os.environ.get("PREFECT_API_URL") == got
    finally:  # configure sets variables: none may reach the other tests
        os.environ.clear()
        os.environ.update(saved)
    assert got == (None if named else prefect_env.LOCAL_SERVER_URL)


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
    assert not prefect_server.worth_starting()
    monkeypatch.setenv("PREFECT_PROFILE", "other")  # another profile is active: no API named
    assert prefect_server.worth_starting()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PREFECT_API_URL", "http://127.0.0.1:4200/api"),
        ("PREFECT_SERVER_EPHEMERAL_ENABLED", "false"),
        ("PREFECT_SERVER_EPHEMERAL_ENABLED", "f"),
        ("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "0"),  # the older name Prefect still reads
    ],
)
def test_an_api_in_the_environment_or_no_temporary_servers_wants_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    _clear(monkeypatch, tmp_path / "home")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    assert not prefect_server.worth_starting()


def test_prefect_settings_decide_once_imported() -> None:
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED, temporary_settings

    with temporary_settings(
        updates={PREFECT_SERVER_EPHEMERAL_ENABLED: True}, restore_defaults={PREFECT_API_URL}
    ):
        assert prefect_server.prefect_would_start_one()
        with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
            assert not prefect_server.prefect_would_start_one()
        with temporary_settings(updates={PREFECT_SERVER_EPHEMERAL_ENABLED: False}):
            assert not prefect_server.prefect_would_start_one()


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
    # Started from a folder holding a script named like a module of Python's own: it is not imported (the
    # server's Python put the working folder first on its path, and a user's timeit.py stopped it).
    (tmp_path / "timeit.py").write_text("raise ImportError('the working folder was imported')\n")
    monkeypatch.chdir(tmp_path)
    # Its CSRF protection is off whatever the settings say, so that its clients need ask for no token
    # (``use`` turns their support off): a change without one is accepted.
    monkeypatch.setenv("PREFECT_SERVER_API_CSRF_PROTECTION_ENABLED", "true")
    server = prefect_server.TemporaryServer()
    try:
        server.wait(timeout=180)
        assert _answers(f"{server.api_url}/health")
        change = urllib.request.Request(
            f"{server.api_url}/flows/", data=b'{"name": "csrf-check"}', method="POST",
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(change, timeout=10) as response:
            assert response.status in (200, 201)
    finally:
        server.stop()
    # Never used by a run: killed at once (a booting server ignored SIGTERM, and a locked database's
    # one-line error came five seconds late; found by a UX review).
    assert server.process.returncode == -signal.SIGKILL
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


def test_a_taken_port_is_tried_again_on_another(monkeypatch: pytest.MonkeyPatch) -> None:
    # The port is chosen by binding port 0 and closing it: another process can take it before uvicorn
    # binds it. Only then (the port is in use) is the server started again, on a new port.
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("WIREHOUSE_DEBUG", raising=False)
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    taken = holder.getsockname()[1]
    ports = iter([taken])
    free = prefect_server._free_port
    monkeypatch.setattr(prefect_server, "_free_port", lambda: next(ports, None) or free())
    server = prefect_server.TemporaryServer()
    try:
        assert server.port == taken
        server.wait(timeout=180)
        assert server.port != taken and _answers(f"{server.api_url}/health")
    finally:
        server.stop()
        holder.close()


def _cli_env(**extra: str) -> dict[str, str]:
    # As a user's shell has it: no API named, Prefect on; the session's Prefect home (not the checkout's).
    env = {k: v for k, v in os.environ.items() if k not in ("WIREHOUSE_NO_PREFECT", "PREFECT_API_URL")}
    return {**env, **extra}


@pytest.fixture
def no_local_server() -> None:
    # A running `make serve` would take these runs (commands report to it): tests never use it.
    from flows.prefect_env import local_server_running

    if local_server_running():
        pytest.skip("a Prefect server answers on 127.0.0.1:4200 (make serve): these runs would go to it")


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"a{i}.txt").write_text(text.replace("Vugar Khalilov", f"Writer {i}"), encoding="utf-8")
    return folder


def _server_of(proc: subprocess.Popen[str]) -> int:
    """The port of the temporary server a running command reports, once it answers."""
    assert proc.stderr is not None
    for line in proc.stderr:
        if found := re.search(r"temporary server at http://127\.0\.0\.1:(\d+)/api", line):
            return int(found.group(1))
    raise AssertionError("no server line")


def _gone(port: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while (_server_processes(port) or _port_open(port)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _server_processes(port) and not _port_open(port)


@pytest.mark.prefect
def test_a_command_line_run_uses_its_own_temporary_server_and_stops_it(
    tmp_path: Path, no_local_server: None
) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    r = subprocess.run(
        [sys.executable, "-m", "flows.cli", "ingest", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "seed.txt")],
        cwd=ROOT, env=_cli_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert re.search(r"^\s*loaded\s+1$", r.stdout, re.M), r.stdout
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT flow_run_id IS NOT NULL FROM runs").fetchall() == [(True,)]
    found = re.search(
        r"Prefect API: temporary server at http://127\.0\.0\.1:(\d+)/api, up after (\S+) s", r.stderr
    )
    assert found, r.stderr
    # its start-up said apart: the summary's "took" counts the run alone (a review read 0.5 s of 11)
    assert float(found.group(2)) > 0
    port = int(found.group(1))
    assert not _port_open(port) and not _server_processes(port)  # stopped with the command


@pytest.mark.prefect
def test_a_proxy_in_the_environment_does_not_take_the_temporary_server_s_calls(
    tmp_path: Path, no_local_server: None
) -> None:
    # Behind a proxy (HTTP_PROXY set, NO_PROXY without 127.0.0.1), Prefect's client sent its calls for the
    # command's own server to the proxy: "unexpected error: RuntimeError: Failed to reach API", exit 1.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        proxy = f"http://127.0.0.1:{s.getsockname()[1]}"  # nothing listens: a proxy refuses them all
    shutil.copy(SEED, tmp_path / "seed.txt")
    env = {k: v for k, v in _cli_env().items() if k.lower() != "no_proxy"}
    env.update(HTTP_PROXY=proxy, HTTPS_PROXY=proxy, http_proxy=proxy, https_proxy=proxy)
    r = subprocess.run(
        [sys.executable, "-m", "flows.cli", "ingest", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "seed.txt")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT flow_run_id IS NOT NULL FROM runs").fetchall() == [(True,)]


@pytest.mark.prefect
def test_the_server_does_not_outlive_a_killed_command(tmp_path: Path, no_local_server: None) -> None:
    # SIGKILL runs no exit handler: the server is told by the kernel (Linux) that its command died.
    if not sys.platform.startswith("linux"):
        pytest.skip("the parent-death signal is Linux's")
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "ingest", "--db", str(tmp_path / "w.duckdb"), str(_articles(tmp_path / "in", 400))],
        cwd=ROOT, env=_cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        port = _server_of(proc)
        assert _server_processes(port)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL  # killed mid-run, not finished
        assert _gone(port)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.prefect
def test_ctrl_c_stops_the_run_at_once_and_then_the_server(tmp_path: Path, no_local_server: None) -> None:
    # A terminal's Ctrl-C reaches the whole foreground process group. The server used to be in it, was
    # stopped first, and the command then spent minutes trying to record the cancelled run.
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "ingest", "--db", str(tmp_path / "w.duckdb"), str(_articles(tmp_path / "in", 2000))],
        cwd=ROOT, env=_cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own group, as a shell gives a foreground job
    )  # fmt: skip
    try:
        port = _server_of(proc)
        assert proc.stderr is not None
        for line in proc.stderr:
            if "files read" in line:  # the first batch is loaded: the run is under way
                break
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "interrupted" in err and "Traceback" not in err
        assert _gone(port)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _run_in(folder: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    shutil.copy(SEED, tmp_path / "seed.txt")
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", "ingest", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "seed.txt")],
        cwd=folder, env=_cli_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.prefect
def test_an_api_named_in_dot_env_that_does_not_answer_is_one_line(
    tmp_path: Path, no_local_server: None
) -> None:
    # Was "unexpected error: RuntimeError: Failed to reach API" (exit 1), after creating the database.
    (tmp_path / ".env").write_text("prefect_api_url=http://127.0.0.1:9/api\n", encoding="utf-8")
    r = _run_in(tmp_path, tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines()[-1] == (
        "wirehouse: error: cannot reach the Prefect API at http://127.0.0.1:9/api (named in Prefect's "
        "settings: .env, prefect.toml, pyproject.toml or profile): start that server, or set "
        "WIREHOUSE_NO_PREFECT=1 to run without Prefect"
    )
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.prefect
def test_temporary_servers_turned_off_in_prefect_toml_are_respected(
    tmp_path: Path, no_local_server: None
) -> None:
    # The guess before Prefect is imported cannot see this; Prefect's own settings then decide: no server.
    (tmp_path / "prefect.toml").write_text("[server.ephemeral]\nenabled = false\n", encoding="utf-8")
    r = _run_in(tmp_path, tmp_path)
    assert r.returncode == 2, r.stderr
    assert (
        r.stderr.strip()
        .splitlines()[-1]
        .startswith("wirehouse: error: Prefect's settings name no API and turn temporary servers off")
    )
    assert "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE" in r.stderr  # the older name, which a review had set
    assert "temporary server at" not in r.stderr
