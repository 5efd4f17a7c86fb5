"""Each parsing worker's start, apart from ``worker_preload``: the command names this function as the
pool's initializer, and importing the preload module for it built the language model and the byline
places in the command's own process too, which parses nothing when it has workers (8 MB and more)."""

from __future__ import annotations

import signal
import sys

from .orphans import exit_with


def start_worker(command_pid: int) -> None:
    """Each worker's start. A terminal's Ctrl-C reaches every process of the command, and the workers'
    KeyboardInterrupt tracebacks buried the command's one line: the command stops them itself. They end
    when the command ends, even a killed one (``flows/orphans.py``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.excepthook = sys.__excepthook__
    exit_with(command_pid)
