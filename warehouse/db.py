"""Opening the DuckDB file: one writer at a time, readers wait briefly instead of failing.

DuckDB lets one process hold a file read-write, or many processes read-only, and a conflicting open fails
at once with no built-in wait. Writers therefore hold their connection only for a short load, and every
open here retries for a bounded time before giving up with ``DatabaseLocked``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from flows.config import lock_wait_seconds
from flows.errors import DatabaseLocked, UserError

from .migrate import migrate


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    # DuckDB reports a held file lock as a generic IOException; its message is the only thing that
    # tells a lock conflict apart from a real I/O failure.
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def connect(path: Path, *, read_only: bool, wait_seconds: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open ``path``, retrying while another process holds a conflicting lock."""
    if wait_seconds is None:
        wait_seconds = lock_wait_seconds()
    if read_only and not path.exists():
        raise UserError(f"no warehouse at {path}: run `wirehouse ingest` first, or pass --db")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise UserError(f"cannot open {path}: {str(exc).splitlines()[0]}") from exc
            if time.monotonic() >= deadline:
                raise DatabaseLocked(
                    f"{path} is locked by another process (an ingest still writing?); "
                    f"gave up after {wait_seconds:.0f} s"
                ) from exc
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 1.0)
    con.execute("SET TimeZone = 'UTC'")
    return con


@contextmanager
def reading(path: Path, wait_seconds: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(path, read_only=True, wait_seconds=wait_seconds)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def writing(path: Path, wait_seconds: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(path, read_only=False, wait_seconds=wait_seconds)
    try:
        yield con
    finally:
        con.close()


def open_and_migrate(path: Path, wait_seconds: float | None = None) -> list[int]:
    """Create the file if needed and bring its schema up to date; returns the versions applied."""
    with writing(path, wait_seconds) as con:
        return migrate(con)
