"""Small pieces of the messages users read (counts with their nouns), shared by the pipeline's stages and
the run reports, so that a reject says "1 word" where a summary says "1 file"."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 file``, ``4,000 files``, ``1 batch``, ``5 batches``: a count for a sentence."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


def say_if_possible(line: str, stream: TextIO | None = None) -> None:
    """``line`` on ``stream`` (stderr), if it can still be written. After a SIGHUP the terminal is usually
    gone (writing to it fails with EIO): the line is dropped, and stdout and stderr are pointed at
    /dev/null so that later lines, and the interpreter's last flush, do not fail in turn (exit 120, or a
    traceback cutting a shutdown short)."""
    try:
        print(line, file=stream or sys.stderr, flush=True)
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            for out in (sys.stdout, sys.stderr):
                os.dup2(devnull, out.fileno())
