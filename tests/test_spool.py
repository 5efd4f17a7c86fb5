"""flows/spool.py: a run's decompressed copies are removed by a later run only once that run is gone, and
a run in another PID namespace (a container sharing TMPDIR), whose process looks dead from here, keeps its
copies while it reads them."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import ROOT

from flows import read_parts
from flows.mp_tempdir import SWEEP_AFTER_SECONDS, abandoned
from flows.read import discover
from flows.spool import Spool, sweep

WIREHOUSE = [sys.executable, "-m", "flows.cli"]

# A live run's spool, as ingest makes it: prints its copy's path, waits for its stdin to close, then says
# whether the copy is still there to be read.
HOLD = (
    "import os, sys; from flows.spool import Spool; s = Spool(); path, out = s.create(); "
    "out.write(b'{}\\n'); out.close(); print(path, flush=True); sys.stdin.read(); "
    "print('kept' if os.path.exists(path) else 'gone', flush=True); s.remove()"
)


@pytest.fixture
def tmp_root() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="wh-spool-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def gone_pid() -> int:
    """The process id of a process that has ended."""
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(ended.stdout)


def age(folder: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(folder, (then, then))


def test_a_gone_run_s_folder_waits_as_the_fork_server_s_does(tmp_root: Path) -> None:
    # Was removed as soon as its process looked dead (found by review).
    folder = tmp_root / f"wirehouse-spool-{gone_pid()}-abc"
    folder.mkdir()
    assert sweep(str(tmp_root)) == []
    assert sweep(str(tmp_root), now=time.time() + SWEEP_AFTER_SECONDS + 1) == [str(folder)]
    assert not folder.exists()


def test_a_link_or_a_file_of_that_name_is_not_removed(tmp_root: Path) -> None:
    target = tmp_root / "elsewhere"
    target.mkdir()
    link = tmp_root / f"wirehouse-spool-{gone_pid()}-link"
    link.symlink_to(target)
    plain = tmp_root / f"wirehouse-spool-{gone_pid()}-file"
    plain.write_text("x")
    assert sweep(str(tmp_root), now=time.time() + SWEEP_AFTER_SECONDS + 1) == []
    assert target.is_dir() and plain.exists()


def test_reading_a_part_marks_the_folder_used(tmp_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run reading a large dump for longer than a sweep waits keeps its folder: each part it reads marks
    it used."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_root))
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    lines = [json.dumps({"url": f"https://ex.example/{i}", "text": "word " * 60}) for i in range(100)]
    dump = tmp_root / "in" / "dump.jsonl.gz"
    dump.parent.mkdir()
    dump.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    (f,) = discover([str(dump)]).files
    spool = Spool()
    try:
        parts = read_parts.parts_of(f, spool)
        assert len(parts) > 2 and spool.folder is not None
        folder = Path(spool.folder)
        age(folder, SWEEP_AFTER_SECONDS + 60)
        assert abandoned(folder, gone_pid())  # untouched for that long, its process gone: a sweep's
        assert read_parts.part_documents(parts[1], datetime.now(UTC))
        assert not abandoned(folder, gone_pid())
        assert time.time() - folder.stat().st_mtime < 60
    finally:
        spool.remove()


def _other_pid_namespace() -> list[str]:
    """The command prefix that runs a command in a PID namespace of its own, or a skip."""
    if not shutil.which("unshare"):
        pytest.skip("no unshare: cannot start a run in another PID namespace")
    for prefix in (
        ["unshare", "--pid", "--fork", "--mount-proc"],
        ["unshare", "--user", "--map-root-user", "--pid", "--fork", "--mount-proc"],
    ):
        probe = subprocess.run([*prefix, "true"], capture_output=True)
        if probe.returncode == 0:
            return prefix
    pytest.skip("PID namespaces are not allowed here")


def test_a_run_in_another_pid_namespace_keeps_a_live_run_s_copies(tmp_root: Path, tmp_path: Path) -> None:
    """Two containers sharing TMPDIR: the second run's sweep found the first's process id dead and removed
    the copy the first was reading in parts (13 parts of a file lost, exit 3; found by review)."""
    namespace = _other_pid_namespace()
    env = {**os.environ, "TMPDIR": str(tmp_root), "WIREHOUSE_NO_PREFECT": "1"}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        copy = Path(holder.stdout.readline().strip())
        assert copy.parent.parent == tmp_root and copy.exists()
        small = tmp_path / "in"
        small.mkdir()
        (small / "a.txt").write_text("Title: A\n\n" + "word " * 60 + "\n", encoding="utf-8")
        other = subprocess.run(
            [*namespace, *WIREHOUSE, "ingest", "--db", str(tmp_path / "b.duckdb"), str(small)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert other.returncode == 0, other.stderr
        said, _ = holder.communicate("", timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert said.strip() == "kept"
    assert not list(tmp_root.glob("wirehouse-spool-*"))  # and the run removed it when it ended
