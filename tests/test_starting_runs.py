"""Notes of flow runs started on a warehouse and not yet in its runs table."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import uuid
from pathlib import Path

from flows import starting_runs


def _dead_pid() -> int:
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout)  # fmt: skip


def test_a_note_lives_until_forgotten_and_its_folder_with_it(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run = str(uuid.uuid4())
    path = starting_runs.note(db, run)
    assert path == tmp_path / "w.duckdb.starting" / run
    assert starting_runs.gone(db) == []  # this process is alive: its note stays
    assert path.exists()
    starting_runs.forget(path)
    assert not path.parent.exists()


def test_the_notes_of_dead_processes_are_named_once(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    folder = tmp_path / "w.duckdb.starting"
    folder.mkdir()
    dead, half = str(uuid.uuid4()), str(uuid.uuid4())
    (folder / dead).write_text(
        json.dumps({"host": socket.gethostname(), "pid": _dead_pid(), "started": None})
    )
    (folder / half).write_text('{"host": ')  # written half when its run was killed: left alone
    odd = str(uuid.uuid4())  # a pid as a string raised TypeError in every later run (review)
    (folder / odd).write_text(json.dumps({"host": socket.gethostname(), "pid": "4242", "started": None}))
    elsewhere = str(uuid.uuid4())  # another machine's process: taken as alive
    (folder / elsewhere).write_text(json.dumps({"host": "other-host.invalid", "pid": 1, "started": None}))
    assert starting_runs.gone(db) == [dead]
    assert starting_runs.gone(db) == []
    assert sorted(p.name for p in folder.iterdir()) == sorted([half, elsewhere, odd])


def test_no_note_where_none_can_be_left_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "w.duckdb.starting").write_text("a file where the folder would be")
    assert starting_runs.note(tmp_path / "w.duckdb", str(uuid.uuid4())) is None
    assert starting_runs.gone(tmp_path / "w.duckdb") == []
    assert starting_runs.gone(tmp_path / "none.duckdb") == []
