"""Processes that must not outlive the command that started them, even when it is killed (SIGKILL runs no
exit handler)."""

from __future__ import annotations

import contextlib
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Ask the kernel to send ``sig`` to this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, sig)


def exit_with(pid: int) -> None:
    """End this process as soon as process ``pid`` has ended, from a background thread.

    For parsing workers: their parent is the fork server, not the command, and they hold the pipes that
    would tell the fork server (and themselves) that the command is gone, so a killed command left them
    and the fork server running for good. A pidfd (Linux 5.3+) is woken by the exit itself; elsewhere the
    process is looked for once a second, which misses a command not yet reaped or a reused pid (the
    workers then stay until it is reaped, or until that other process ends)."""
    import os
    import threading
    import time

    def watch() -> None:
        try:
            handle = os.pidfd_open(pid)
        except (AttributeError, OSError):
            handle = None
        if handle is not None:
            import select

            select.select([handle], [], [])
        else:
            while True:
                time.sleep(1)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except OSError:
                    continue
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-command", daemon=True).start()
