"""warehouse/db.py: a held write connection hands the file over to a process that waits for it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, as_unprivileged

from flows.errors import UserError
from warehouse.db import HeldWriter, connect, open_and_migrate, others_waiting, reading

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


def test_a_file_that_is_not_duckdb_is_refused_and_left_alone(tmp_path: Path) -> None:
    """DuckDB itself opens an existing CSV as an empty in-memory database: an ingest would keep nothing."""
    data = tmp_path / "articles.csv"
    data.write_text("url,title\nhttps://x.test/a,A\n", encoding="utf-8")
    with pytest.raises(UserError, match="is not a DuckDB database"):
        connect(data, read_only=False, wait_seconds=0)
    assert data.read_text(encoding="utf-8") == "url,title\nhttps://x.test/a,A\n"


def test_a_missing_folder_is_refused_rather_than_created(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no folder"):
        connect(tmp_path / "typo" / "news.duckdb", read_only=False, wait_seconds=0)
    assert not (tmp_path / "typo").exists()


def test_a_folder_given_as_the_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is a folder"):
        connect(tmp_path, read_only=False, wait_seconds=0)


def test_a_folder_the_process_cannot_write_is_one_clear_error(tmp_path: Path) -> None:
    """The write-ahead log goes beside the file: a writable file in a read-only folder fails at the
    first write unless the folder is checked first."""
    folder = tmp_path / "ro"
    folder.mkdir()
    open_and_migrate(folder / "x.duckdb", wait_seconds=0)
    folder.chmod(0o555)
    script = (
        "import sys; from pathlib import Path; from warehouse.db import connect; from flows.errors import UserError\n"
        "try:\n    connect(Path(sys.argv[1]), read_only=False, wait_seconds=0)\n"
        "except UserError as exc:\n    print(exc)\n"
    )
    command = as_unprivileged([sys.executable, "-c", script, str(folder / "x.duckdb")])
    try:
        out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    finally:
        folder.chmod(0o755)
    assert "cannot write in" in out.stdout, out.stderr


def test_a_database_path_that_cannot_be_looked_at_is_one_line_not_a_crash(tmp_path: Path) -> None:
    # A review: Path.exists raised, and `sql`, `stats`, `ingest`, `reprocess --db` ended "unexpected error".
    long = tmp_path / ("a" * 300 + ".duckdb")
    for read_only in (True, False):
        with pytest.raises(UserError, match=f"^cannot open {long}: File name too long$"):
            connect(long, read_only=read_only, wait_seconds=0)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0)
    script = (
        "import sys; from pathlib import Path; from warehouse.db import connect; from flows.errors import UserError\n"
        "for read_only in (True, False):\n"
        "    try:\n        connect(Path(sys.argv[1]), read_only=read_only, wait_seconds=0)\n"
        "    except UserError as exc:\n        print(exc)\n"
    )
    db = tmp_path / "locked" / "w.duckdb"
    command = as_unprivileged([sys.executable, "-c", script, str(db)])
    try:
        out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert out.stdout.splitlines() == [f"cannot open {db}: Permission denied"] * 2, out.stderr
