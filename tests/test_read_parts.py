"""flows/read_parts.py and flows/part_keys.py: a large JSON lines file read in parts gives the documents,
articles and counts that reading it whole gives, and a run killed between its parts is completed."""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path

import duckdb
import pytest

from flows import ingest, read_parts
from flows.ingest import Loader, run_plain
from flows.mp_tempdir import SWEEP_AFTER_SECONDS
from flows.pipeline import process_files
from flows.read import discover
from flows.spool import Spool

BODY = (
    "The harbour authority said on Tuesday that the northern quay would stay closed for repairs while "
    "engineers inspect the damage the storm surge left earlier this week, and crews moved boats south."
)


def records(n: int) -> list[str]:
    """JSON lines with what makes keys interesting: URLs named again (also in later parts), a record
    whose URL is literally "L7", records without URL or id, ids, blank lines, and lines that are not JSON."""
    lines = []
    for i in range(1, n + 1):
        rec: dict[str, object] = {
            "title": f"Story {i}",
            "text": f"{BODY} Item {i}.",
            "published": "2022-10-12",
        }
        if i % 9 == 0:
            rec["url"] = "https://news.test/repeated"  # named again and again, across parts
        elif i == 40:
            rec["url"] = "L7"
        elif i % 5 == 0:
            rec["id"] = f"story-{i}"
        elif i % 7 != 0:
            rec["url"] = f"https://news.test/a/{i}"
        lines.append(json.dumps(rec))
        if i % 11 == 0:
            lines.append("")
        if i % 13 == 0:
            lines.append("{not json")
    return lines


def write(path: Path, lines: list[str], newline: str = "\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    return path


def stored(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": con.execute(
                "SELECT origin, record_no, status, sha256, content_hash, duplicate_by, article_id FROM documents "
                "ORDER BY origin"
            ).fetchall(),
            "articles": con.execute(
                "SELECT article_id, document_id, title, url FROM articles ORDER BY 1"
            ).fetchall(),
            "rejects": con.execute("SELECT origin, stage, reason FROM rejects ORDER BY 1").fetchall(),
            "files": con.execute("SELECT path, sha256, documents FROM input_files").fetchall(),
        }
    finally:
        con.close()


def cut_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gz: bool = False) -> Path:
    """A dump of 150 records in ``tmp_path`` (gzipped: ``dump.jsonl.gz``), cut into parts of 2 KiB;
    returns the warehouse path."""
    if gz:
        size = gzipped_dump(tmp_path, records(150)).stat().st_size
        monkeypatch.setattr(read_parts, "PART_BYTES", 4096)
        assert size < read_parts.PART_BYTES  # smaller than a part, as a gzipped file often is
    else:
        write(tmp_path / "dump.jsonl", records(150))
        monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    return tmp_path / "w.duckdb"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_file_read_in_parts_gives_what_reading_it_whole_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "dump.jsonl", records(150), newline)
    whole = run_plain([str(folder)], tmp_path / "whole.duckdb", workers=1)
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    (f,) = discover([str(folder)]).files
    cut = read_parts.parts_of(f)
    assert len(cut) > 5 and cut[-1].part is not None and cut[-1].part.last
    lines: list[str] = []
    monkeypatch.setattr(ingest, "MIN_BATCH_FILES", 1)  # several batches, several progress lines
    in_parts = run_plain([str(folder)], tmp_path / "parts.duckdb", workers=1, progress=lines.append)
    # The one file is read for a long while: its parts say how far.
    assert lines[0].startswith("0/1 files read (") and lines[-1].startswith(
        f"1/1 files read ({len(cut)}/{len(cut)} parts"
    )

    assert whole.counts.as_dict() == in_parts.counts.as_dict()
    a, b = stored(tmp_path / "whole.duckdb"), stored(tmp_path / "parts.duckdb")
    for table in ("documents", "articles", "rejects", "files"):
        assert a[table] == b[table], table
    assert any("#L7'" in str(row) or "#L40" in str(row) for row in b["documents"])  # the literal "L7"
    assert b["files"][0][2] == whole.counts.seen  # every document of the file, not its last part's

    again = run_plain([str(folder)], tmp_path / "parts.duckdb", workers=1)
    assert (again.counts.seen, again.counts.unchanged) == (whole.counts.seen, whole.counts.seen)


@pytest.mark.parametrize("gz", [False, True])
def test_a_run_killed_between_parts_is_completed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_root: Path, gz: bool
) -> None:
    db = cut_small(tmp_path, monkeypatch, gz)
    monkeypatch.setattr(ingest, "MIN_BATCH_FILES", 1)
    loader = Loader(db)
    p, _ = loader.start([str(tmp_path)], "ingest", None)
    batches = p.batches()
    assert len(batches) > 2
    loader.load(process_files(batches[0]))  # committed; then the process dies
    loader.close(fold=False)
    kept = stored(db)["documents"]
    assert kept and stored(db)["files"] == []  # the file is not marked read before its last part

    done = run_plain([str(tmp_path)], db, workers=1)
    assert done.counts.unchanged == len(kept)
    assert done.counts.seen == sum(1 for line in records(150) if line.strip())  # each line not blank
    assert len(stored(db)["documents"]) == done.counts.seen
    assert spools(temp_root) == []  # a gzipped file's copy went with the run that made it


def test_records_longer_than_64_kib_are_cut_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Dumps whose records carry a page's HTML have first lines of hundreds of KiB: they were read whole
    # by one worker (and refused over 512 MiB) because the judgement "one JSON document?" saw 64 KiB only.
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        json.dumps(
            {
                "url": f"https://news.test/h/{i}",
                "content": "<html><body><article>"
                + "".join(f"<p>{BODY} Paragraph {k} of story {i}.</p>" for k in range(300))
                + "</article></body></html>",
            }
        )
        for i in range(8)
    ]
    assert len(lines[0]) > 64 * 1024
    write(folder / "pages.jsonl", lines)
    whole = run_plain([str(folder)], tmp_path / "whole.duckdb", workers=1)
    monkeypatch.setattr(read_parts, "PART_BYTES", 16 * 1024)
    (f,) = discover([str(folder)]).files
    cut = read_parts.parts_of(f)
    assert len(cut) == 8 and [c.part.lines for c in cut if c.part] == [1] * 8
    in_parts = run_plain([str(folder)], tmp_path / "parts.duckdb", workers=1)
    assert whole.counts.as_dict() == in_parts.counts.as_dict() and whole.counts.loaded == 8
    a, b = stored(tmp_path / "whole.duckdb"), stored(tmp_path / "parts.duckdb")
    for table in ("documents", "articles", "rejects", "files"):
        assert a[table] == b[table], table


@pytest.mark.parametrize("lead", ["\n", "   \n\n", "\ufeff\n"])
def test_a_dump_opening_with_blank_lines_is_cut_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lead: str
) -> None:
    # Was judged "one JSON document" on its blank first line and read whole by one worker (reading it
    # whole takes it for JSON lines all the same).
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dump.jsonl").write_bytes((lead + "\n".join(records(150)) + "\n").encode("utf-8"))
    whole = run_plain([str(folder)], tmp_path / "whole.duckdb", workers=1)
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    (f,) = discover([str(folder)]).files
    assert len(read_parts.parts_of(f)) > 5
    in_parts = run_plain([str(folder)], tmp_path / "parts.duckdb", workers=1)
    assert whole.counts.as_dict() == in_parts.counts.as_dict() and whole.counts.loaded > 100
    a, b = stored(tmp_path / "whole.duckdb"), stored(tmp_path / "parts.duckdb")
    for table in ("documents", "articles", "rejects", "files"):
        assert a[table] == b[table], table


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "dump.jsonl.gz",
            gzip.compress(("\n".join(records(200)) + "\n").encode()),
        ),  # no reading from the middle without a spool to decompress it into
        ("dump.jsonl", ("\n".join(records(200)) + "\n").encode("utf-16")),  # decoded once, whole
        ("dump.jsonl", ("\n".join(records(200)) + "\n").replace("Story", "Störy").encode("cp1252")),
        ("dump.jsonl", ("[" + ",\n".join(records(200)[:100:2]) + "]").encode()),  # one JSON document
        ("dump.json", ("\n".join(records(200)) + "\n").encode()),
    ],
)
def test_files_that_are_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    (tmp_path / name).write_bytes(data)
    (f,) = discover([str(tmp_path)]).files
    assert f.size_bytes > 2048
    assert read_parts.parts_of(f) == [f]


@pytest.mark.parametrize("gz", [False, True])
def test_parts_that_cannot_be_read_are_rejects_and_the_next_run_reads_the_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gz: bool
) -> None:
    from flows import pipeline
    from flows.errors import RejectInput

    db = cut_small(tmp_path, monkeypatch, gz)
    real = pipeline.part_documents

    def two_fail(f, read_at):  # type: ignore[no-untyped-def]
        if f.part.first_line in broken:
            raise RejectInput("read", "unreadable", f"cannot read {f.path}: Input/output error")
        return real(f, read_at)

    (f,) = discover([str(tmp_path)]).files
    spool = Spool()
    cut = read_parts.parts_of(f, spool)
    spool.remove()
    assert len(cut) > 4
    broken = {cut[2].part.first_line, cut[3].part.first_line}  # two in one batch: two rejects, one key each
    monkeypatch.setattr(pipeline, "part_documents", two_fail)
    first = run_plain([str(tmp_path)], db, workers=1)
    assert first.counts.reasons["read/unreadable"] == 2
    after = stored(db)
    assert after["files"] == []  # not marked read: the next run reads it again
    assert [r[0] for r in after["rejects"] if r[2] == "unreadable"] == sorted(
        p.part.origin(f.path) for p in cut[2:4] if p.part
    )

    monkeypatch.setattr(pipeline, "part_documents", real)
    second = run_plain([str(tmp_path)], db, workers=1)
    whole = sum(1 for line in records(150) if line.strip())
    assert second.counts.seen == whole and second.counts.unchanged == first.counts.seen - 2
    final = stored(db)
    assert [r for r in final["rejects"] if r[2] == "unreadable"] == []
    assert final["files"][0][2] == whole and len(final["documents"]) == whole
    third = run_plain([str(tmp_path)], db, workers=1)
    assert (third.counts.seen, third.counts.unchanged) == (whole, whole)


def test_a_file_changed_after_it_was_cut_is_not_read_in_pieces_of_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = cut_small(tmp_path, monkeypatch)
    path = tmp_path / "dump.jsonl"
    loader = Loader(db)
    p, _ = loader.start([str(tmp_path)], "ingest", None)
    text = path.read_bytes()
    path.write_bytes(b"\n" + text[:-1])  # the same size, every line one byte further on
    for batch in p.batches():
        loader.load(process_files(batch))
    loader.close()
    after = stored(db)
    assert after["documents"] == [] and after["files"] == []  # no fragment of a line became a record
    assert {r[1:] for r in after["rejects"]} == {("read", "changed")}
    again = run_plain([str(tmp_path)], db, workers=1)
    assert again.counts.loaded > 0 and stored(db)["rejects"] == [
        r for r in stored(db)["rejects"] if r[2] != "changed"
    ]


def test_a_large_file_of_blank_lines_is_one_empty_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "dump.jsonl", [""] * 5000)
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    (f,) = discover([str(tmp_path)]).files
    assert read_parts.parts_of(f) == [f]
    summary = run_plain([str(tmp_path)], tmp_path / "w.duckdb", workers=1)
    assert (summary.counts.seen, summary.counts.rejected) == (1, 1)


def gzipped_dump(folder: Path, lines: list[str]) -> Path:
    """``lines`` as two gzip members with zero padding between them (``cat a.gz b.gz`` is one file)."""
    half = len(lines) // 2
    first, second = ("\n".join(part) + "\n" for part in (lines[:half], lines[half:]))
    path = folder / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(first.encode()) + b"\0" * 700 + gzip.compress(second.encode()))
    return path


def spools(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.name.startswith("wirehouse-spool-")]


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test: where the run's spool goes."""
    import tempfile

    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_a_gzipped_file_is_read_in_parts_from_a_decompressed_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_root: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    gzipped_dump(folder, records(150))
    whole = run_plain([str(folder)], tmp_path / "whole.duckdb", workers=1)  # small: read whole
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    (f,) = discover([str(folder)]).files
    spool = Spool()
    cut = read_parts.parts_of(f, spool)
    assert len(cut) > 5 and all(c.part and c.part.copy for c in cut) and cut[-1].part.last  # type: ignore[union-attr]
    assert read_parts.parts_of(f) == [f]  # no spool to decompress into: read whole, as before
    spool.remove()
    assert spools(temp_root) == []

    in_parts = run_plain([str(folder)], tmp_path / "parts.duckdb", workers=2)
    assert whole.counts.as_dict() == in_parts.counts.as_dict() and whole.counts.loaded > 100
    a, b = stored(tmp_path / "whole.duckdb"), stored(tmp_path / "parts.duckdb")
    for table in ("documents", "articles", "rejects", "files"):
        assert a[table] == b[table], table  # the file's sha256 too: of its decompressed bytes, either way
    assert spools(temp_root) == []  # the run removed its copies
    again = run_plain([str(folder)], tmp_path / "parts.duckdb", workers=1)
    assert (again.counts.seen, again.counts.unchanged) == (whole.counts.seen, whole.counts.seen)


def test_a_gzipped_file_read_in_parts_is_not_held_to_the_whole_file_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_root: Path
) -> None:
    from flows import read

    gzipped_dump(tmp_path, records(150))
    (f,) = discover([str(tmp_path)]).files
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 8192)  # in this process: process_files runs here
    (refused,) = process_files([f])
    assert refused.problem is not None and refused.problem.reason == "too_large"

    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    spool = Spool()
    try:
        parts = read_parts.parts_of(f, spool)
        results = process_files(parts)
    finally:
        spool.remove()
    assert all(r.problem is None for r in results)
    assert sum(len(r.processed) for r in results) == sum(1 for line in records(150) if line.strip())


@pytest.mark.parametrize("damage", ["cut short", "corrupt"])
def test_a_damaged_gzipped_file_is_read_whole_and_rejected_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_root: Path, damage: str
) -> None:
    path = gzipped_dump(tmp_path, records(150))
    data = path.read_bytes()
    path.write_bytes(
        data[: len(data) - 40] if damage == "cut short" else data[:300] + b"\xff" * 50 + data[350:]
    )
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    (f,) = discover([str(tmp_path)]).files
    spool = Spool()
    assert read_parts.parts_of(f, spool) == [f]
    assert spool.folder is not None and os.listdir(spool.folder) == []  # the partial copy is gone
    spool.remove()
    summary = run_plain([str(tmp_path)], tmp_path / "w.duckdb", workers=1)
    assert summary.counts.reasons == {"read/corrupt_gzip": 1} and summary.counts.seen == 1
    assert spools(temp_root) == []


def test_every_run_sweeps_what_killed_runs_left_and_ignores_names_it_did_not_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_root: Path
) -> None:
    # Was (found by review): swept only by a run that itself decompressed a gzipped file; a folder named
    # with a number too large for a process id failed every such run with an OverflowError.
    import subprocess
    import sys

    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    left = temp_root / f"wirehouse-spool-{int(ended.stdout)}-abc"
    young = temp_root / f"wirehouse-spool-{int(ended.stdout)}-new"  # its run may live elsewhere (test_spool)
    odd = [temp_root / f"wirehouse-spool-{n}-x" for n in ("99999999999999999999", "2147483648", "0")]
    for d in (left, young, *odd):
        d.mkdir()
    long_ago = time.time() - SWEEP_AFTER_SECONDS - 60
    for d in (left, *odd):
        os.utime(d, (long_ago, long_ago))
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / "small.jsonl", records(5))
    run_plain([str(tmp_path / "in")], tmp_path / "w.duckdb", workers=1)
    assert sorted(spools(temp_root)) == sorted([young, *odd])
    gzipped_dump(tmp_path / "in", records(150))
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    cut = read_parts.parts_of(discover([str(tmp_path / "in" / "dump.jsonl.gz")]).files[0], Spool())
    assert len(cut) > 1  # no OverflowError


def test_ctrl_c_while_files_are_cut_ends_the_run_as_failed_and_lets_readers_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_root: Path
) -> None:
    # Was (found by review): the run stayed "running" until another run found its process gone, and the
    # warehouse stayed locked for the seconds that decompressing large files takes.
    db = cut_small(tmp_path, monkeypatch, gz=True)
    loader = Loader(db)
    real = read_parts.cut

    def interrupted(files, spool):  # type: ignore[no-untyped-def]
        assert not loader.writer.is_open  # readers and other writers can open the file meanwhile
        real(files, spool)
        raise KeyboardInterrupt

    monkeypatch.setattr(read_parts, "cut", interrupted)
    with pytest.raises(KeyboardInterrupt):
        loader.start([str(tmp_path)], "ingest", None)
    loader.close(fold=False)
    assert spools(temp_root) == []
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status, finished_at IS NOT NULL FROM runs").fetchall() == [
            ("failed", True)
        ]


def test_the_spool_folders_of_runs_no_longer_running_are_swept(tmp_path: Path) -> None:
    import subprocess
    import sys

    from flows import spool

    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = tmp_path / f"wirehouse-spool-{int(ended.stdout)}-abc"
    alive = tmp_path / f"wirehouse-spool-{os.getpid()}-def"
    other = tmp_path / "wirehouse-spool-notes"
    for d in (dead, alive, other):
        d.mkdir()
        (d / "x.jsonl").write_bytes(b"{}\n")
    assert spool.sweep(str(tmp_path)) == []  # too young: its run may be alive elsewhere (test_spool)
    later = time.time() + SWEEP_AFTER_SECONDS + 1
    assert spool.sweep(str(tmp_path), now=later) == [str(dead)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])


def test_a_temporary_folder_that_cannot_take_the_copy_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Was silent (found by review): the file was read whole and, past 512 MiB, rejected as too large.
    import errno

    gzipped_dump(tmp_path, records(150))
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    (f,) = discover([str(tmp_path)]).files

    def full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    spool = Spool()
    monkeypatch.setattr(spool, "create", full)
    with caplog.at_level("WARNING", logger="wirehouse"):
        assert read_parts.parts_of(f, spool) == [f]
    assert "No space left on device" in caplog.text and "reading it whole" in caplog.text


def test_a_large_stream_of_pretty_objects_with_a_broken_one_is_read_whole_as_a_small_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    pretty = [json.dumps(json.loads(line), indent=2) for line in records(60) if line.startswith('{"')]
    pretty[30] = pretty[30].replace('"text":', '"text" ::: ')  # one broken object in the middle
    (folder / "jq.jsonl").write_text("\n".join(pretty) + "\n", encoding="utf-8")
    whole = run_plain([str(folder)], tmp_path / "whole.duckdb", workers=1)
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    (f,) = discover([str(folder)]).files
    assert f.size_bytes > 4 * 2048 and read_parts.parts_of(f) == [f]
    in_parts = run_plain([str(folder)], tmp_path / "parts.duckdb", workers=1)
    # Was: a reject for each of its lines; now the broken object alone, known by the line it starts on.
    assert dict(whole.counts.reasons) == {"extract/invalid_json": 1} and whole.counts.loaded > 40
    assert whole.counts.as_dict() == in_parts.counts.as_dict()
    a, b = stored(tmp_path / "whole.duckdb"), stored(tmp_path / "parts.duckdb")
    for table in ("documents", "articles", "rejects", "files"):
        assert a[table] == b[table], table
    first_line = sum(p.count("\n") + 1 for p in pretty[:30]) + 1
    assert [r[0] for r in b["rejects"]] == [f"{f.path}#L{first_line}"]


def test_rejects_a_file_read_in_parts_no_longer_gives_go_once_it_is_read_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for a file read whole (tests/test_ingest.py), but a part vouches only for the records it read:
    no reject goes before the last part is loaded, and those of other parts, unchanged, stay."""
    folder = tmp_path / "in"
    folder.mkdir()
    lines = records(150)
    write(folder / "dump.jsonl", lines)
    run_plain([str(folder)], tmp_path / "whole.duckdb", workers=1)
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    monkeypatch.setattr(ingest, "MIN_BATCH_FILES", 1)
    db = tmp_path / "parts.duckdb"
    run_plain([str(folder)], db, workers=1)
    broken = [n for n, line in enumerate(lines, 1) if line == "{not json"]
    assert [r[0] for r in stored(db)["rejects"] if r[2] == "invalid_json"] == sorted(
        f"{folder / 'dump.jsonl'}#L{n}" for n in broken
    )
    fixed = broken[::2]  # in the first parts as in the last
    for k, n in enumerate(fixed):
        lines[n - 1] = json.dumps({"url": f"https://news.test/fixed/{k}", "text": f"{BODY} Fixed {k}."})
    write(folder / "dump.jsonl", lines)

    loader = Loader(db)  # a run that loads the first batch of parts, then dies
    p, _ = loader.start([str(folder)], "ingest", None)
    assert len(p.batches()) > 2
    killed = loader.load(process_files(p.batches()[0]))
    loader.close(fold=False)
    assert killed.loaded > 0  # a fixed record among them
    assert len([r for r in stored(db)["rejects"] if r[2] == "invalid_json"]) == len(broken)

    second = run_plain([str(folder)], db, workers=1)
    assert killed.loaded + second.counts.loaded == len(fixed) and second.counts.rejected == 0
    after = stored(db)
    # Was: the fixed lines' rejects stayed for good beside the records that now load.
    assert [r[0] for r in after["rejects"] if r[2] == "invalid_json"] == sorted(
        f"{folder / 'dump.jsonl'}#L{n}" for n in broken if n not in fixed
    )
    assert len(after["documents"]) == after["files"][0][2] == second.counts.seen

    monkeypatch.setattr(read_parts, "PART_BYTES", 2 * 2**20)  # the same edit, read whole
    run_plain([str(folder)], tmp_path / "whole.duckdb", workers=1)
    whole = stored(tmp_path / "whole.duckdb")
    for table in ("documents", "articles", "rejects", "files"):
        assert whole[table] == after[table], table

    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    os.utime(folder / "dump.jsonl", ns=(1, 1))  # read again, unchanged
    third = run_plain([str(folder)], db, workers=1)
    assert (third.counts.seen, third.counts.unchanged) == (second.counts.seen, second.counts.seen)
    assert stored(db)["rejects"] == after["rejects"] and stored(db)["documents"] == after["documents"]


@pytest.mark.parametrize("gz", [False, True])
def test_records_followed_by_commas_are_known_by_their_urls_in_parts_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_root: Path, gz: bool
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        json.dumps({"url": f"https://news.test/c/{i}", "title": f"Story {i}", "text": f"{BODY} Item {i}."})
        # Not the first: a file whose first line ends in a comma is not cut (looks_like_one_document).
        + ("," if i > 1 else "")
        for i in range(1, 41)
    ]
    if gz:
        gzipped_dump(folder, lines)
    else:
        write(folder / "dump.jsonl", lines)
    whole = run_plain([str(folder)], tmp_path / "whole.duckdb", workers=1)
    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    (f,) = discover([str(folder)]).files
    spool = Spool()
    try:
        assert len(read_parts.parts_of(f, spool)) > 3
    finally:
        spool.remove()
    in_parts = run_plain([str(folder)], tmp_path / "parts.duckdb", workers=1)
    assert whole.counts.as_dict() == in_parts.counts.as_dict()
    a, b = stored(tmp_path / "whole.duckdb"), stored(tmp_path / "parts.duckdb")
    assert a == b
    # Was: every record after the first known by its line, its comma failing the parse for its key.
    assert [row[0].rsplit("#", 1)[1] for row in b["documents"]] == sorted(
        f"https://news.test/c/{i}" for i in range(1, 41)
    )
