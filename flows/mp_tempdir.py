"""The folder multiprocessing keeps the fork server's socket in, named after the process that owns it.

Python names it ``pymp-*`` and removes it at exit, so every ``kill -9`` of a run left one in TMPDIR, and a
later run could not tell a dead run's folder from another program's. Ours is ``whmp<pid>-*``: a later run
removes those whose process is gone. The name is kept short: the socket's path, ``<TMPDIR>/whmp<pid>-
XXXXXXXX/listener-XXXXXXXX``, must fit Linux's 107 bytes; where it would not, Python's own folder is used.
"""

from __future__ import annotations

import logging
import multiprocessing.process
import multiprocessing.util
import os
import shutil
import tempfile
import time
from pathlib import Path
from stat import S_ISDIR

PREFIX = "whmp"
SOCKET_PATH_MAX = 107  # sun_path on Linux, less its final NUL
_SOCKET_NAME = len("/listener-XXXXXXXX")
_RANDOM = len("-XXXXXXXX")  # what mkdtemp adds
# A dead-looking run's folder younger than this is left: its run may be alive in another PID namespace
# (a container sharing TMPDIR), where its PID means nothing here.
SWEEP_AFTER_SECONDS = 3600

log = logging.getLogger("wirehouse")


def own_temp_dir() -> str | None:
    """This process's multiprocessing folder, created (after sweeping dead runs' folders) on first use;
    None when multiprocessing's own is in use (set before, or ours would make the socket path too long)."""
    # Private, but it is where multiprocessing.util.get_temp_dir() looks first, since Python 3.4.
    config = multiprocessing.process.current_process()._config  # type: ignore[attr-defined]
    if config.get("tempdir") is not None:
        return None
    root = tempfile.gettempdir()
    name = f"{PREFIX}{os.getpid()}"
    if len(os.path.join(root, name)) + _RANDOM + _SOCKET_NAME > SOCKET_PATH_MAX:
        return None
    try:
        sweep(root)
    except Exception as exc:  # housekeeping never stops a run
        log.debug("could not sweep old multiprocessing folders: %s", exc)
    path = tempfile.mkdtemp(prefix=f"{name}-")
    multiprocessing.util.Finalize(None, shutil.rmtree, args=(path, True), exitpriority=-100)
    config["tempdir"] = path
    return path


def sweep(folder: str | None = None, now: float | None = None) -> list[Path]:
    """Remove the folders of runs that are gone (``abandoned``); returns what was removed."""
    removed: list[Path] = []
    now = time.time() if now is None else now
    for entry in Path(folder or tempfile.gettempdir()).glob(PREFIX + "*-*"):
        pid = entry.name[len(PREFIX) :].split("-", 1)[0]
        if not (pid.isascii() and pid.isdecimal()) or len(pid) > 9:
            continue
        if abandoned(entry, int(pid), now):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def abandoned(folder: str | Path, pid: int, now: float | None = None) -> bool:
    """Whether ``folder``, which a run of process ``pid`` made in TMPDIR, is left by a run that is gone: a
    folder of this user's (not a link), untouched for ``SWEEP_AFTER_SECONDS``, whose process is not running.
    The rule every sweep of a run's temporary folder follows (this module's, ``flows/spool.py``'s)."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    now = time.time() if now is None else now
    if not S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        return False
    return now - st.st_mtime > SWEEP_AFTER_SECONDS and not _alive(pid)


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
