"""The folder multiprocessing keeps the fork server's socket in, named after the process that owns it.

Python names it ``pymp-*`` and removes it at exit, so every ``kill -9`` of a run left one in TMPDIR, and a
later run could not tell a dead run's folder from another program's. Ours is ``wirehouse-mp-<pid>-*``:
the next run removes those whose process is gone.
"""

from __future__ import annotations

import multiprocessing.process
import multiprocessing.util
import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "wirehouse-mp-"


def own_temp_dir() -> str:
    """This process's multiprocessing folder, created (after sweeping dead runs' folders) on first use."""
    # Private, but it is where multiprocessing.util.get_temp_dir() looks first, since Python 3.4.
    config = multiprocessing.process.current_process()._config  # type: ignore[attr-defined]
    if config.get("tempdir") is None:
        sweep()
        path = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
        multiprocessing.util.Finalize(None, shutil.rmtree, args=(path, True), exitpriority=-100)
        config["tempdir"] = path
    return str(config["tempdir"])


def sweep(folder: str | None = None) -> list[Path]:
    """Remove the folders of runs whose process is gone (this user's only); returns what was removed."""
    removed: list[Path] = []
    for entry in Path(folder or tempfile.gettempdir()).glob(PREFIX + "*"):
        pid = entry.name[len(PREFIX) :].split("-", 1)[0]
        try:
            mine = entry.is_dir() and not entry.is_symlink() and entry.stat().st_uid == os.getuid()
        except OSError:
            continue
        if mine and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs: a zombie (killed, its exit not yet collected) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rfind(")") + 2 : stat.rfind(")") + 3] != "Z"
