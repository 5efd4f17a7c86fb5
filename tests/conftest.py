"""Shared fixtures. Prefect settings are fixed here, before anything imports Prefect."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "seeds" / "articles" / "000_0ca7207fb00665eb.txt"

# Tests never report to a developer's running `make serve` server, and never touch the checkout's .prefect/.
os.environ.pop("PREFECT_API_URL", None)
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="wirehouse-prefect-home-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
os.environ.pop("WIREHOUSE_DB", None)

# A suite started in the background by a non-interactive shell (`make test &` in a script) inherits SIGINT
# ignored, and so does every command it starts (an ignored signal stays ignored across exec): the tests'
# Ctrl-C then did nothing and `wirehouse crawl` fetched on (reproduced with `bash -c 'pytest ... &'`).
# A handler of our own is reset to the default in each child, so the commands see Ctrl-C as in a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def as_unprivileged(command: list[str]) -> list[str]:
    """``command`` run so that file permissions apply to it: root reads and writes anything unless it
    drops the capabilities that let it (``setpriv``); skips the test where that is not possible."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", *command]


def terminate_when(
    command: list[str], env: dict[str, str], ready: Callable[[str], bool], timeout: float = 120
) -> tuple[int, str]:
    """Run ``command``, send SIGTERM once a line of its stderr is ``ready`` (the run is under way), and
    return its exit code and the rest of its stderr: what ``kill``, ``timeout`` or systemd do mid-run."""
    return signal_when(command, env, ready, signal.SIGTERM, timeout)


def signal_when(
    command: list[str],
    env: dict[str, str],
    ready: Callable[[str], bool],
    sig: int,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
) -> tuple[int, str]:
    """Run ``command``, send ``sig`` once a line of its stderr is ``ready``; its exit code and the rest of
    its stderr."""
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env=with_stack_dumps(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec_fn,
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if ready(line):
                break
        proc.send_signal(sig)
        err = communicate_or_dump(proc, timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, err


def with_stack_dumps(env: dict[str, str]) -> dict[str, str]:
    """``env`` for a child whose every thread's stack can be dumped on SIGABRT (``faulthandler``)."""
    return {**env, "PYTHONFAULTHANDLER": "1"}


def communicate_or_dump(proc: subprocess.Popen[str], timeout: float) -> str:
    """The rest of ``proc``'s stderr once it ends; if it has not ended in ``timeout`` seconds, a failure
    that shows where each of its threads was (a rare hang at exit after SIGTERM, seen twice on a busy
    machine and once in a full run, not reproduced since: the next one says where it was)."""
    try:
        return proc.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        try:
            stacks = proc.communicate(timeout=30)[1]
        except subprocess.TimeoutExpired:
            stacks = "(no stack dump within 30 s)"
        pytest.fail(f"the command had not ended {timeout} s after the signal; its threads:\n{stacks}")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """One real Prefect API for the whole session (starting one costs ~25 s on this machine)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


class LoopbackOnly:
    """Connector for the fetcher that connects to 127.0.0.1 only: a test that tried any other address
    fails, and the addresses it was asked for are recorded."""

    def __init__(self) -> None:
        self.refused: list[str] = []

    def __call__(self, address: tuple[str, int], timeout: Any = None, **kwargs: Any) -> socket.socket:
        if address[0] != "127.0.0.1":
            self.refused.append(address[0])
            raise AssertionError(f"test tried to connect to {address[0]}")
        return socket.create_connection(address, timeout)
