"""Decompressed copies of large gzipped JSON lines files, kept for the run that reads them in parts.

A gzip stream cannot be read from the middle, so such a file was read whole by one worker, and refused past
512 MiB decompressed. Decompressed once to a temporary file (``flows/read_parts.py``), it is cut at line
ends like any large JSON lines file and its parts are parsed on every core, in memory that does not grow
with it. The copies live in one folder per run in the system's temporary folder, named with the run's
process id; the run removes it when it ends, and a later run removes the folders of runs that were killed
(after ``mp_tempdir.SWEEP_AFTER_SECONDS`` without use: a run in another PID namespace sharing TMPDIR looks
dead from here, so a live run marks its folder used each time it reads a part from it).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from typing import IO

from .mp_tempdir import abandoned

_PREFIX = "wirehouse-spool-"


class Spool:
    """The run's folder of decompressed copies, made when the first copy is."""

    def __init__(self, root: str | None = None) -> None:
        self._root = root  # where the folder goes (the system's temporary folder unless given)
        self._dir: str | None = None

    @property
    def folder(self) -> str | None:
        return self._dir

    def create(self) -> tuple[str, IO[bytes]]:
        """A new, empty copy file: its path, and the file open for writing."""
        if self._dir is None:
            self._dir = tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=self._where())
        fd, path = tempfile.mkstemp(suffix=".jsonl", dir=self._dir)
        return path, os.fdopen(fd, "wb")

    def sweep(self) -> list[str]:
        """Remove what killed runs left where this spool's folder goes (each run does, when it starts)."""
        return sweep(self._where())

    def _where(self) -> str:
        return self._root or tempfile.gettempdir()

    def remove(self) -> None:
        """Remove every copy (once the run is over; called again, nothing to do)."""
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


def sweep(root: str, now: float | None = None) -> list[str]:
    """Remove the folders that runs which are gone left in ``root`` (``mp_tempdir.abandoned``); returns
    them. One whose process looks dead but that was used lately is left: it can be a live run's in another
    PID namespace (a container sharing TMPDIR), which lost the parts it had not read yet (found by review)."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(root):
            pid = _owner(entry.name)
            if pid is not None and abandoned(entry.path, pid, now):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.path)
    return removed


def mark_used(copy: str) -> None:
    """Mark the folder ``copy`` is in as used now: a run reading its parts for longer than a sweep waits
    must not look abandoned to a run in another PID namespace."""
    with contextlib.suppress(OSError):
        os.utime(os.path.dirname(copy))


def _owner(name: str) -> int | None:
    """The process that made a folder of this name, or None when the name is not one this module gives."""
    if not name.startswith(_PREFIX):
        return None
    pid, _, _ = name[len(_PREFIX) :].partition("-")
    # Anyone can make a folder in a shared temporary folder: only a process id that can be one is read.
    if not (pid.isdigit() and len(pid) <= 9 and 0 < int(pid) < 2**31):
        return None
    return int(pid)
