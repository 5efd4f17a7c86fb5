"""Lines a command can no longer write (``wording.say_if_possible``)."""

from __future__ import annotations

import errno
import os
import sys

import pytest

from flows.wording import say_if_possible


class _Stream:
    """A stream whose writes fail with ``error``; its fileno is a pipe of this test."""

    def __init__(self, error: Exception) -> None:
        self.read_end, self.fd = os.pipe()
        self.error = error

    def write(self, _text: str) -> int:
        raise self.error

    def flush(self) -> None:
        raise self.error

    def fileno(self) -> int:
        return self.fd

    def target(self) -> str:
        return os.readlink(f"/proc/self/fd/{self.fd}")

    def close(self) -> None:
        os.close(self.fd)
        os.close(self.read_end)


@pytest.mark.parametrize(
    ("error", "quiet_after", "quieted"),
    [
        (OSError(errno.EIO, "Input/output error"), True, True),  # the terminal is gone (SIGHUP)
        (OSError(errno.EIO, "Input/output error"), False, False),  # serve: in-process, leave the output
        (ValueError("I/O operation on closed file"), True, False),  # a closed stream object, not the terminal
    ],
)
def test_only_a_gone_terminal_points_the_output_away(
    monkeypatch: pytest.MonkeyPatch, error: Exception, quiet_after: bool, quieted: bool
) -> None:
    # A pytest run lost every line after a thread's late print: a closed stream's ValueError pointed the
    # process's real stdout and stderr at /dev/null.
    out, err = _Stream(error), _Stream(error)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    try:
        say_if_possible("a line", quiet_after=quiet_after)  # never raises
        assert [s.target() == os.devnull for s in (out, err)] == [quieted, quieted]
    finally:
        out.close()
        err.close()
