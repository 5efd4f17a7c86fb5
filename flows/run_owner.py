"""Which process a run belongs to, and whether that process still lives.

A run is recorded as ``running`` when it starts and closed when it ends. A process killed without a
chance to clean up (``kill -9``, the out-of-memory killer, a worker stopped mid-run) leaves its row
``running`` for ever; the next run closes such rows, and this module is how it tells them apart from a
run that is still going (two ingests may share a warehouse, handing the write lock over between batches).
"""

from __future__ import annotations

import os
import socket


def current() -> tuple[str, int, int | None]:
    """``(host, pid, start time)`` of this process."""
    return socket.gethostname(), os.getpid(), _started(os.getpid())


def alive(host: str | None, pid: int | None, started: int | None) -> bool:
    """False only when we can tell the process is gone: on this host, no such pid, or a pid that now
    belongs to a process started at another time. Another host's process is taken as alive."""
    if host is None or pid is None or host != socket.gethostname():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by another user
    now_started = _started(pid)
    return started is None or now_started is None or now_started == started


def _started(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (Linux ``/proc``), None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None
