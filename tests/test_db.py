"""warehouse/db.py: a held write connection hands the file over to a process that waits for it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT

from warehouse.db import HeldWriter, others_waiting, reading

READER = """
import sys
from pathlib import Path
from warehouse.db import reading
with reading(Path(sys.argv[1]), wait_seconds=20) as con:
    print(con.execute("SELECT count(*) FROM t").fetchone()[0])
"""


def _waiting_dir(db: Path) -> Path:
    return db.with_name(db.name + ".waiting")


def test_no_marker_means_nobody_waits(db_path: Path) -> None:
    assert not others_waiting(db_path)


def test_marker_of_a_live_process_counts_and_a_dead_one_is_removed(db_path: Path) -> None:
    folder = _waiting_dir(db_path)
    folder.mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (folder / str(sleeper.pid)).touch()
        assert others_waiting(db_path)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert not others_waiting(db_path)  # the process is gone: its marker is stale
    assert not (folder / str(sleeper.pid)).exists()
    (folder / str(os.getpid())).touch()
    assert not others_waiting(db_path)  # this process's own marker is not someone else waiting


def test_held_writer_hands_the_file_to_a_waiting_reader(db_path: Path) -> None:
    with HeldWriter(db_path) as writer:
        writer.connection().execute("CREATE TABLE t AS SELECT range AS i FROM range(5)")
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(db_path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 20
            handed = False
            while not handed and time.monotonic() < deadline:
                # what the loader does between batches
                writer.connection().execute("INSERT INTO t VALUES (100)")
                handed = writer.hand_over()
                time.sleep(0.05)
            out, err = reader.communicate(timeout=30)
        finally:
            if reader.poll() is None:
                reader.kill()
        assert handed, "the writer never saw the reader waiting"
        assert reader.returncode == 0, err
        assert int(out) >= 6  # the reader saw the committed rows
        assert writer.handovers == 1
        # the writer reopens the file (waiting, if needed, for the reader to close it) and goes on
        writer.connection().execute("INSERT INTO t VALUES (200)")
    assert not others_waiting(db_path)
    with reading(db_path) as con:
        assert con.execute("SELECT max(i) FROM t").fetchone() == (200,)


def test_hand_over_without_waiters_keeps_the_connection(db_path: Path) -> None:
    with HeldWriter(db_path) as writer:
        con = writer.connection()
        assert writer.hand_over() is False
        assert writer.connection() is con
