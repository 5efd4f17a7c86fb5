"""flows.run_owner: a run's process is taken as gone only when that can be told for sure."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from flows import run_owner


def test_this_process_is_alive_and_a_finished_one_is_not() -> None:
    host, pid, started = run_owner.current()
    assert (host, pid) == (socket.gethostname(), os.getpid())
    assert run_owner.alive(host, pid, started)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    assert not run_owner.alive(host, int(gone.stdout), None)


def test_a_reused_pid_is_not_the_same_process() -> None:
    host, pid, started = run_owner.current()
    if started is None:  # no /proc here: start times cannot be compared
        return
    assert not run_owner.alive(host, pid, started + 1)


def test_another_hosts_process_and_unknown_owners_are_taken_as_alive() -> None:
    assert run_owner.alive("some-other-host", 1, None)
    assert run_owner.alive(None, None, None)
