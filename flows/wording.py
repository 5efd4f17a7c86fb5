"""Small pieces of the messages users read (counts with their nouns), shared by the pipeline's stages and
the run reports, so that a reject says "1 word" where a summary says "1 file"."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import TextIO


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 file``, ``4,000 files``, ``1 batch``, ``5 batches``: a count for a sentence."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


def say_if_possible(line: str, stream: TextIO | None = None, *, quiet_after: bool = True) -> None:
    """``line`` on ``stream`` (stderr), if it can still be written. After a SIGHUP the terminal is usually
    gone (writing to it fails with EIO): the line is dropped and, with ``quiet_after`` (a command that
    is ending), stdout and stderr are pointed at /dev/null so that the interpreter's last flush does not
    fail in turn (exit 120). Only for the terminal's own error: a stream object closed in this process
    (ValueError) says nothing of the terminal, and pointing the process's output away hid every later
    line of a test run."""
    try:
        print(line, file=stream or sys.stderr, flush=True)
    except ValueError:
        return
    except OSError as exc:
        if quiet_after and exc.errno in (errno.EIO, errno.EPIPE, errno.ENXIO):
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                for out in (sys.stdout, sys.stderr):
                    os.dup2(devnull, out.fileno())
