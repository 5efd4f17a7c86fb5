"""The fork server's folder: removed at exit, and by the next run after a ``kill -9``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from flows.mp_tempdir import PREFIX, sweep

# Starts the fork server as an ingest does, prints multiprocessing's folder, then waits to be killed.
START = (
    "import sys, multiprocessing.util as u; from flows.ingest import forkserver; forkserver(); "
    "print(u.get_temp_dir(), flush=True); sys.stdin.read()"
)


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


def test_the_folder_names_its_run_and_goes_at_exit(tmp_path: Path) -> None:
    proc, folder = start(tmp_path)
    assert folder.parent == tmp_path and folder.name.startswith(f"{PREFIX}{proc.pid}-") and folder.is_dir()
    proc.communicate("", timeout=30)
    assert proc.returncode == 0 and not folder.exists()


def test_a_killed_run_s_folder_is_swept_and_a_live_one_kept(tmp_path: Path) -> None:
    killed, dead_folder = start(tmp_path)
    live, live_folder = start(tmp_path)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    assert dead_folder.is_dir()  # kill -9 skips Python's clean-up
    other = tmp_path / "pymp-abc"  # another program's: not ours to remove
    other.mkdir()
    assert sweep(str(tmp_path)) == [dead_folder]
    assert live_folder.is_dir() and other.is_dir()
    live.communicate("", timeout=30)
    assert not live_folder.exists()
