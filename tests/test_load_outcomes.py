"""flows/load.py: every input has one outcome at a time, whatever happened to its file in between (a run
with it missing, a gzip cut short, a file that could not be opened)."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import duckdb
import pytest
from test_ingest import article, counts, query

import flows.pipeline
from flows.errors import RejectInput
from flows.ingest import run_plain
from flows.read import InputFile

BODY = article(1)


def outcomes(db: Path) -> dict[str, tuple[object, object]]:
    """Each input's name -> (status, reject reason), checking that no input has two outcomes: rows of
    ``articles`` (their documents), duplicates and ``rejects`` account for every input exactly once."""
    rows = query(db, "SELECT origin, status, reject_reason FROM document_outcomes ORDER BY origin")
    found = {Path(str(o)).name: (s, r) for o, s, r in rows}
    assert len(found) == len(rows), rows
    loaded, duplicate = (
        int(str(query(db, f"SELECT count(*) FROM documents WHERE status = '{s}'")[0][0]))
        for s in ("loaded", "duplicate")
    )
    assert loaded == counts(db)["articles"]
    assert loaded + duplicate + counts(db)["rejects"] == len(rows), (rows, counts(db))
    return found


def test_a_named_file_missing_for_one_run_keeps_what_it_loaded_and_has_one_outcome_when_back(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    a, b = inputs / "a.txt", inputs / "b.txt"
    a.write_text(BODY, encoding="utf-8")
    b.write_text(article(2), encoding="utf-8")
    named = [str(a), str(b)]
    run_plain(named, db_path, workers=1)

    b.rename(tmp_path / "b.txt")
    missing = run_plain(named, db_path, workers=1)
    # The run could not use it: counted, named among its problems (exit 3), as before.
    assert (missing.counts.unchanged, dict(missing.counts.reasons)) == (1, {"read/missing_path": 1})
    assert missing.problems == [f"{b}: no such file or directory"]
    # Was: "loaded" and a read/missing_path reject at once. The archive keeps what it loaded.
    assert outcomes(db_path) == {"a.txt": ("loaded", None), "b.txt": ("loaded", None)}

    (tmp_path / "b.txt").rename(b)
    os.utime(b)  # read again: the same bytes
    back = run_plain(named, db_path, workers=1)
    assert (back.counts.unchanged, back.counts.rejected, back.problems) == (2, 0, [])
    # Was: "loaded | missing_path" for good, counted by rejects, reject_summary and stats.
    assert outcomes(db_path) == {"a.txt": ("loaded", None), "b.txt": ("loaded", None)}


def test_a_path_with_nothing_stored_is_still_rejected_while_missing_and_a_reject_of_its_content_stays(
    tmp_path: Path, db_path: Path
) -> None:
    never = tmp_path / "never.txt"
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(BODY.encode())[:40])
    run_plain([str(never), str(cut)], db_path, workers=1)
    assert outcomes(db_path) == {
        "never.txt": ("rejected", "missing_path"),
        "cut.txt.gz": ("rejected", "corrupt_gzip"),
    }
    cut.rename(tmp_path / "away.gz")
    s = run_plain([str(never), str(cut)], db_path, workers=1)
    assert dict(s.counts.reasons) == {"read/missing_path": 2}
    # Was: the corrupt file's reject replaced by "missing_path": what the file was is kept, as a loaded
    # file's article is.
    assert outcomes(db_path) == {
        "never.txt": ("rejected", "missing_path"),
        "cut.txt.gz": ("rejected", "corrupt_gzip"),
    }


def test_a_loaded_gzip_cut_short_becomes_a_reject_and_its_duplicate_is_read_again(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    whole = gzip.compress(BODY.encode())
    a = inputs / "a.txt.gz"
    a.write_bytes(whole)
    (inputs / "b.txt").write_text(BODY, encoding="utf-8")  # the same text: b is a's duplicate
    run_plain([str(inputs)], db_path, workers=1)
    assert outcomes(db_path) == {"a.txt.gz": ("loaded", None), "b.txt": ("duplicate", None)}

    a.write_bytes(whole[:40])
    cut = run_plain([str(inputs)], db_path, workers=1)
    assert (dict(cut.counts.reasons), cut.counts.unchanged) == ({"read/corrupt_gzip": 1}, 1)
    # Was: a stayed "loaded" beside its reject, its article kept and b not read again: as an emptied .txt
    # does, it is now a reject, and b holds the text.
    assert (cut.repaired.seen, cut.repaired.updated) == (1, 1)
    assert outcomes(db_path) == {"a.txt.gz": ("rejected", "corrupt_gzip"), "b.txt": ("loaded", None)}
    assert query(db_path, "SELECT count(*) FROM stale_duplicates") == [(0,)]
    again = run_plain([str(inputs)], db_path, workers=1)  # still cut: unchanged, nothing moves
    assert (again.counts.unchanged, again.counts.rejected, again.repaired.seen) == (2, 0, 0)

    a.write_bytes(whole)
    restored = run_plain([str(inputs)], db_path, workers=1)
    assert (restored.counts.duplicate, restored.counts.unchanged) == (1, 1)
    # Was: "loaded | corrupt_gzip" for good, after the file was whole again.
    assert outcomes(db_path) == {"a.txt.gz": ("duplicate", None), "b.txt": ("loaded", None)}


def test_a_file_that_cannot_be_opened_keeps_what_it_loaded(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = tmp_path / "a.txt"
    a.write_text(BODY, encoding="utf-8")
    run_plain([str(tmp_path)], db_path, workers=1)

    real = flows.pipeline.read_bytes

    def locked(f: InputFile) -> bytes:  # what chmod 000 does to a process without root's capabilities
        if f.path == str(a):
            raise RejectInput("read", "unreadable", f"cannot read {f.path}: Permission denied")
        return real(f)

    monkeypatch.setattr(flows.pipeline, "read_bytes", locked)
    a.write_text(article(2), encoding="utf-8")
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert dict(s.counts.reasons) == {"read/unreadable": 1}
    # Exit 3, and which file: it has no reject row to look it up by.
    assert s.problems == [f"cannot read {a}: Permission denied (what it gave before is kept)"]
    # Was: "loaded" and a read/unreadable reject at once.
    assert outcomes(db_path) == {"a.txt": ("loaded", None)}
    assert "story 1" in str(query(db_path, "SELECT body FROM articles")[0][0])

    monkeypatch.setattr(flows.pipeline, "read_bytes", real)
    later = run_plain([str(tmp_path)], db_path, workers=1)  # readable again: read, as it changed
    assert later.counts.updated == 1
    assert outcomes(db_path) == {"a.txt": ("loaded", None)}
    assert "story 2" in str(query(db_path, "SELECT body FROM articles")[0][0])


def test_a_warehouse_left_with_two_outcomes_for_an_input_is_put_right_by_the_next_run(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    whole = gzip.compress(BODY.encode())
    (inputs / "a.txt.gz").write_bytes(whole)
    (inputs / "b.txt").write_text(BODY, encoding="utf-8")  # a's duplicate
    (inputs / "c.txt").write_text(article(3), encoding="utf-8")
    (inputs / "d.txt.gz").write_bytes(gzip.compress(article(4).encode()))
    run_plain([str(inputs)], db_path, workers=1)
    (inputs / "a.txt.gz").write_bytes(whole[:40])  # cut short, and still so
    # What earlier versions left (review): a missing c.txt's reject and the cut gzips' rejects beside what
    # they loaded, with the cut file's bytes recorded as read; d.txt.gz whole again since.
    with duckdb.connect(str(db_path)) as con:
        for name, reason in (
            ("a.txt.gz", "corrupt_gzip"),
            ("c.txt", "missing_path"),
            ("d.txt.gz", "corrupt_gzip"),
        ):
            path = str(inputs / name)
            con.execute(
                "INSERT INTO rejects SELECT document_id, origin, 'read', ?, 'x', last_run_id, now(), NULL "
                "FROM documents WHERE path = ?",
                [reason, path],
            )
        cut = inputs / "a.txt.gz"
        con.execute(
            "UPDATE input_files SET size_bytes = ?, mtime_ns = ? WHERE path = ?",
            [cut.stat().st_size, cut.stat().st_mtime_ns, str(cut)],
        )
        con.execute("DELETE FROM schema_migrations WHERE version = 13")
    assert outcomes_unchecked(db_path)["c.txt"] == ("loaded", "missing_path")

    s = run_plain([str(inputs)], db_path, workers=1)
    assert (dict(s.counts.reasons), s.repaired.updated) == ({"read/corrupt_gzip": 1}, 1)
    assert outcomes(db_path) == {
        "a.txt.gz": ("rejected", "corrupt_gzip"),
        "b.txt": ("loaded", None),
        "c.txt": ("loaded", None),
        "d.txt.gz": ("loaded", None),
    }


def outcomes_unchecked(db: Path) -> dict[str, tuple[object, object]]:
    rows = query(db, "SELECT origin, status, reject_reason FROM document_outcomes")
    return {Path(str(o)).name: (s, r) for o, s, r in rows}


def test_a_file_moved_with_its_url_takes_its_article_over_and_its_edits_load(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    url = "URL: https://news.test/budget\n"
    old = inputs / "budget.txt"
    old.write_text(url + BODY, encoding="utf-8")
    (inputs / "kept.txt").write_text("URL: https://news.test/kept\n" + article(3), encoding="utf-8")
    run_plain([str(inputs)], db_path, workers=1)
    (article_id, ingested_at), *_ = query(
        db_path, "SELECT article_id, ingested_at FROM articles ORDER BY url"
    )

    (inputs / "2022-10").mkdir()
    moved = inputs / "2022-10" / "renamed.txt"
    old.rename(moved)
    (inputs / "kept.txt").unlink()  # deleted, not moved: its article stays (the archive)
    s = run_plain([str(inputs)], db_path, workers=1)
    # Was: "duplicate 1", a copy of its own old path, which owned the article for good.
    assert (s.counts.updated, s.counts.duplicate, s.counts.loaded) == (1, 0, 0)
    assert outcomes(db_path) == {
        "budget.txt": ("duplicate", None),  # its old path: another copy of that page now
        "renamed.txt": ("loaded", None),
        "kept.txt": ("loaded", None),
    }
    assert query(db_path, "SELECT duplicate_by FROM documents WHERE path = ?", [str(old)]) == [("url",)]
    assert query(db_path, "SELECT article_id, ingested_at FROM articles WHERE url LIKE '%budget'") == [
        (article_id, ingested_at)
    ]

    moved.write_text(url + article(2), encoding="utf-8")
    edited = run_plain([str(inputs)], db_path, workers=1)
    assert (edited.counts.updated, edited.counts.duplicate) == (1, 0)
    body = query(db_path, "SELECT body FROM articles WHERE url LIKE '%budget'")
    assert len(body) == 1 and "story 2" in str(body[0][0])
    assert counts(db_path)["articles"] == 2


def test_a_file_moved_without_a_url_is_a_duplicate_of_what_its_old_path_loaded(
    tmp_path: Path, db_path: Path
) -> None:
    # Known by its path only, a moved file cannot be told from a deleted one and a copy of it: the old
    # path's article stays (the archive), and the copy is its duplicate, until it is edited.
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    run_plain([str(tmp_path)], db_path, workers=1)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert (s.counts.duplicate, s.counts.updated) == (1, 0)
    assert outcomes(db_path) == {"a.txt": ("loaded", None), "b.txt": ("duplicate", None)}


def test_another_story_sharing_the_url_does_not_take_the_article_of_a_file_out_of_sight(
    tmp_path: Path, db_path: Path
) -> None:
    url = "URL: https://n.test/x\n"
    a_dir, b_dir = tmp_path / "A", tmp_path / "B"
    a_dir.mkdir()
    b_dir.mkdir()
    (a_dir / "a.txt").write_text(url + article(1), encoding="utf-8")
    (b_dir / "b.txt").write_text(url + article(2), encoding="utf-8")  # another story, the same URL
    first = run_plain([str(a_dir), str(b_dir)], db_path, workers=1)
    assert (first.counts.loaded, first.counts.duplicate) == (1, 1)

    offline = tmp_path / "A.offline"
    a_dir.rename(offline)  # out of sight for a run (unmounted), not moved
    (b_dir / "b.txt").write_text(url + article(3), encoding="utf-8")
    s = run_plain([str(b_dir)], db_path, workers=1)
    # Was "updated 1": b's text replaced story 1, a.txt became a url duplicate, and once A came back
    # unchanged it was skipped: story 1 was gone from the warehouse for good.
    assert (s.counts.duplicate, s.counts.updated) == (1, 0)
    offline.rename(a_dir)
    back = run_plain([str(a_dir), str(b_dir)], db_path, workers=1)
    assert back.counts.unchanged == 2
    assert query(db_path, "SELECT title FROM articles") == [("Story number 1",)]
    assert outcomes(db_path) == {"a.txt": ("loaded", None), "b.txt": ("duplicate", None)}


def test_a_copy_recorded_as_a_duplicate_takes_the_article_over_when_its_original_goes_and_it_is_edited(
    tmp_path: Path, db_path: Path
) -> None:
    url = "URL: https://n.test/x\n"
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "a.txt").write_text(url + article(1), encoding="utf-8")
    run_plain([str(old)], db_path, workers=1)
    (new / "a.txt").write_text(url + article(1), encoding="utf-8")  # copied first: a duplicate of it
    assert run_plain([str(old), str(new)], db_path, workers=1).counts.duplicate == 1
    (old / "a.txt").unlink()  # then the original deleted: a move in two steps
    (new / "a.txt").write_text(url + article(2), encoding="utf-8")
    s = run_plain([str(new)], db_path, workers=1)
    assert (s.counts.updated, s.counts.duplicate) == (1, 0)
    assert query(db_path, "SELECT title FROM articles") == [("Story number 2",)]


def test_a_loaded_file_now_a_dangling_symlink_keeps_what_it_gave_and_its_line_points_to_no_reject(
    tmp_path: Path, db_path: Path
) -> None:
    inputs, store = tmp_path / "in", tmp_path / "store"
    inputs.mkdir()
    store.mkdir()
    (store / "t.txt").write_text(BODY, encoding="utf-8")
    (inputs / "a.txt").symlink_to(store / "t.txt")
    (inputs / "b.txt").write_text(article(2), encoding="utf-8")
    run_plain([str(inputs)], db_path, workers=1)

    (store / "t.txt").rename(store / "t.moved")
    s = run_plain([str(inputs)], db_path, workers=1)
    assert (dict(s.counts.reasons), s.counts.unchanged) == ({"read/unreadable": 1}, 1)
    # Was also "1 file could not be read (permissions or an I/O error): see rejects, reason
    # read/unreadable", with no reject row to see.
    assert len(s.problems) == 1
    assert s.problems[0].startswith(f"{inputs / 'a.txt'}: ")
    assert s.problems[0].endswith("(what it gave before is kept)")
    assert query(db_path, "SELECT count(*) FROM rejects") == [(0,)]
    assert outcomes(db_path) == {"a.txt": ("loaded", None), "b.txt": ("loaded", None)}


def test_a_corrupt_gzip_touched_with_the_same_bytes_is_unchanged_not_rejected_again(
    tmp_path: Path, db_path: Path
) -> None:
    cut = tmp_path / "a.txt.gz"
    cut.write_bytes(gzip.compress(BODY.encode())[:40])
    run_plain([str(tmp_path)], db_path, workers=1)
    first = query(db_path, "SELECT run_id, rejected_at FROM rejects")
    os.utime(cut, ns=(cut.stat().st_atime_ns, cut.stat().st_mtime_ns + 10**9))  # the same bytes, touched
    s = run_plain([str(tmp_path)], db_path, workers=1)
    # Was: rejected again as read/corrupt_gzip (README: the same bytes are unchanged, by size and mtime,
    # then by hash).
    assert (s.counts.unchanged, s.counts.rejected) == (1, 0)
    assert query(db_path, "SELECT run_id, rejected_at FROM rejects") == first
    assert outcomes(db_path) == {"a.txt.gz": ("rejected", "corrupt_gzip")}
    again = run_plain([str(tmp_path)], db_path, workers=1)  # its new mtime recorded: skipped by it
    assert (again.counts.unchanged, again.counts.rejected) == (1, 0)
    cut.write_bytes(gzip.compress(BODY.encode())[:41])  # other bytes, still cut: judged again
    other = run_plain([str(tmp_path)], db_path, workers=1)
    assert dict(other.counts.reasons) == {"read/corrupt_gzip": 1}


def test_json_files_rejected_whole_keep_their_reject_when_touched(tmp_path: Path, db_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "broken.json").write_text('[{"url": "https://x.example/1", "text": "abc"},\n', encoding="utf-8")
    (inputs / "empty.jsonl").write_text("", encoding="utf-8")
    (inputs / "none.json").write_text('{"status":"ok","articles":[]}\n', encoding="utf-8")
    run_plain([str(inputs)], db_path, workers=1)
    whole = {
        "broken.json": ("rejected", "invalid_json"),
        "empty.jsonl": ("rejected", "empty"),
        "none.json": ("rejected", "no_body"),
    }
    assert outcomes(db_path) == whole
    first = query(db_path, "SELECT document_id, run_id, rejected_at FROM rejects ORDER BY 1")
    for f in inputs.iterdir():
        os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 10**9))  # the same bytes, touched
    s = run_plain([str(inputs)], db_path, workers=1)
    assert (s.counts.unchanged, s.counts.rejected) == (3, 0)
    # Was: each file's reject deleted as the stale reject of a file now readable, its unchanged document
    # never writing it back (rejects: one current row per rejected input; here none, for good).
    assert query(db_path, "SELECT document_id, run_id, rejected_at FROM rejects ORDER BY 1") == first
    assert outcomes(db_path) == whole
