"""Opening the DuckDB file: one writer at a time, readers wait briefly instead of failing.

DuckDB lets one process hold a file read-write, or many processes read-only, and a conflicting open fails
at once with no built-in wait. Every open here retries for a bounded time before giving up with
``DatabaseLocked``, and while it waits it leaves a marker beside the file (``<file>.waiting/<pid>``). A
long ingest holds one write connection across its batches (``HeldWriter``: reopening replays the WAL,
which cost more than the load itself) and hands the file over between batches when it sees a marker.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import stat
import time
from collections.abc import Callable, Iterator
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


def _holder(exc: duckdb.Error) -> str:
    """The process DuckDB names as holding the lock (" (PID 4242)"), when it does. The message guessed "an
    ingest still writing?", of a query as often as not (review)."""
    found = re.search(r"\(PID (\d+)\)", str(exc))
    return f" (PID {found.group(1)})" if found else ""


def connect(path: Path, *, read_only: bool, wait_seconds: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open ``path``, retrying while another process holds a conflicting lock."""
    if wait_seconds is None:
        wait_seconds = lock_wait_seconds()
    if read_only and existing(path) is None:
        raise UserError(
            f"no warehouse at {path}: run `wirehouse ingest` first, or pass --db (or set WIREHOUSE_DB)"
        )
    check_location(path, read_only=read_only)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    with contextlib.ExitStack() as waiting:
        announced = False
        while True:
            try:
                con = duckdb.connect(str(path), read_only=read_only)
                break
            except duckdb.Error as exc:
                if not _is_lock_conflict(exc):
                    raise UserError(f"cannot open {path}: {str(exc).splitlines()[0]}") from exc
                if time.monotonic() >= deadline:
                    raise DatabaseLocked(
                        f"{path} is locked by another process{_holder(exc)}: a wirehouse command still "
                        f"running, or any other program with the file open; gave up after {wait_seconds:.0f} s"
                    ) from exc
                if not announced:
                    waiting.enter_context(_waiting_marker(path))
                    announced = True
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 0.5)
    con.execute("SET TimeZone = 'UTC'")
    return con


def check_location(path: Path, *, read_only: bool) -> None:
    """Refuse what DuckDB would open without complaint but not as the user meant.

    DuckDB opens an existing CSV or JSON file as an empty in-memory database (an ingest "succeeds" and
    keeps nothing); a missing folder is more often a typo than a wish for a new warehouse; and a folder
    the process cannot write fails only at the first write, when the write-ahead log is created.
    """
    st = existing(path)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UserError(f"{path} is a folder; --db takes a database file")
    if st is not None:
        try:
            with path.open("rb") as f:
                head = f.read(12)
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror}") from exc
        if head and head[8:12] != _DUCKDB_MAGIC:
            raise UserError(
                f"{path} is not a DuckDB database; pass --db (or set WIREHOUSE_DB to) a new or existing .duckdb file"
            )
    else:
        parent = existing(path.parent)
        if parent is None or not stat.S_ISDIR(parent.st_mode):
            raise UserError(
                f"no folder {path.parent} for the database: create it first, or name another database "
                "file (--db, WIREHOUSE_DB, or a flow run's db parameter)"
            )
    if not read_only and not os.access(path.parent, os.W_OK | os.X_OK):
        raise UserError(
            f"cannot write in {path.parent}: DuckDB keeps its write-ahead log beside the database file"
        )


def existing(path: Path) -> os.stat_result | None:
    """``path``'s status, None when nothing is there. A path that cannot be looked at (in a folder that
    cannot be entered, a name over 255 bytes) is a one-line ``UserError``: ``Path.exists`` raised it,
    and the command ended "unexpected error"."""
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise UserError(f"cannot open {path}: {exc.strerror or exc}") from exc


# Every DuckDB database file carries this at bytes 8-11 of its header.
_DUCKDB_MAGIC = b"DUCK"


def _waiting_dir(path: Path) -> Path:
    return path.with_name(path.name + ".waiting")


@contextmanager
def _waiting_marker(path: Path) -> Iterator[None]:
    """Tell a writer holding ``path`` that this process waits for it (see ``HeldWriter``)."""
    marker = _waiting_dir(path) / str(os.getpid())
    try:
        marker.parent.mkdir(exist_ok=True)
        marker.touch()
    except OSError:
        yield  # a read-only folder: the writer will not hand over early, the wait is still bounded
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            marker.unlink()
            marker.parent.rmdir()  # only when no other process waits (it is then empty)


def others_waiting(path: Path) -> bool:
    """Whether another live process waits to open ``path``; stale markers of dead processes are removed."""
    folder = _waiting_dir(path)
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    found = False
    for name in names:
        pid = int(name) if name.isdigit() else -1
        if pid == os.getpid():
            continue
        if pid > 0 and _alive(pid):
            found = True
        else:
            with contextlib.suppress(OSError):
                (folder / name).unlink()
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class HeldWriter:
    """One write connection kept across many short transactions, handed over when others wait.

    Opening the file replays its write-ahead log, which grows as batches commit: per batch that cost more
    CPU than loading the batch. ``hand_over`` (called between transactions) closes the connection when
    another process has left a waiting marker, waits until it got in, and lets the next ``connection``
    reopen, so ``wirehouse sql`` during a long ingest waits for one batch, not for the whole run.
    """

    def __init__(self, path: Path, setup: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> None:
        self.path = path
        self._setup = setup
        self._con: duckdb.DuckDBPyConnection | None = None
        self.handovers = 0

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            con = connect(self.path, read_only=False)
            try:
                if self._setup is not None:
                    self._setup(con)
            except BaseException:
                con.close()
                raise
            self._con = con
        return self._con

    def hand_over(self, patience: float = 2.0) -> bool:
        """Between transactions: let waiting processes in first; returns whether it did."""
        if self._con is None or not others_waiting(self.path):
            return False
        self.close()
        self.handovers += 1
        # Waiters remove their marker once connected; the next ``connection`` then waits for them to finish.
        deadline = time.monotonic() + patience
        while others_waiting(self.path) and time.monotonic() < deadline:
            time.sleep(0.02)
        return True

    def close(self) -> None:
        if self._con is not None:
            con, self._con = self._con, None
            con.close()

    def __enter__(self) -> HeldWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
