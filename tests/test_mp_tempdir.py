"""The fork server's folder: removed at exit, and by a later run after a ``kill -9``."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from flows.mp_tempdir import PREFIX, SWEEP_AFTER_SECONDS, sweep

# Starts the fork server as an ingest does, prints multiprocessing's folder, then waits to be killed.
START = (
    "import sys, multiprocessing.util as u; from flows.ingest import forkserver; forkserver(); "
    "print(u.get_temp_dir(), flush=True); sys.stdin.read()"
)


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A TMPDIR as short as the machine's own: pytest's tmp_path can be too long for a socket's path."""
    folder = Path(tempfile.mkdtemp(prefix="wh-t-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def start(tmp: Path) -> tuple[subprocess.Popen[str], Path]:
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-c", START],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, Path(proc.stdout.readline().strip())


def test_the_folder_names_its_run_and_goes_at_exit(short_tmp: Path) -> None:
    proc, folder = start(short_tmp)
    assert folder.parent == short_tmp and folder.name.startswith(f"{PREFIX}{proc.pid}-") and folder.is_dir()
    proc.communicate("", timeout=30)
    assert proc.returncode == 0 and not folder.exists()


def test_a_killed_run_s_folder_is_swept_and_a_live_one_kept(short_tmp: Path) -> None:
    killed, dead_folder = start(short_tmp)
    live, live_folder = start(short_tmp)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    assert dead_folder.is_dir()  # kill -9 skips Python's clean-up
    other = short_tmp / "pymp-abc"  # another program's: not ours to remove
    other.mkdir()
    for odd in ("whmp99999999999999999999-x", "whmp²-x"):  # names that once crashed the sweep
        (short_tmp / odd).mkdir()
    # A young folder of a gone process is left: its run may live in another PID namespace.
    assert sweep(str(short_tmp)) == []
    assert sweep(str(short_tmp), now=time.time() + SWEEP_AFTER_SECONDS + 1) == [dead_folder]
    assert live_folder.is_dir() and other.is_dir()
    live.communicate("", timeout=30)
    assert not live_folder.exists()


def test_a_long_tmpdir_keeps_python_s_own_folder(short_tmp: Path) -> None:
    # A socket's path has 107 bytes on Linux: with our longer folder name a 65-character TMPDIR failed
    # every ingest with "AF_UNIX path too long" (found by review).
    deep = short_tmp / ("d" * max(1, 74 - len(str(short_tmp))))  # 75 characters: still fits "pymp-"
    deep.mkdir()
    proc, folder = start(deep)
    proc.communicate("", timeout=30)
    assert proc.returncode == 0 and folder.parent == deep and folder.name.startswith("pymp-")
