"""flows/repair.py: a duplicate whose article changed under it is re-derived, so its text is never lost."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from test_ingest import article, counts, query

from flows.ingest import run_plain

BODY = article(1)


def _outcomes(db: Path) -> dict[str, tuple[object, ...]]:
    rows = query(db, "SELECT path, status, duplicate_by, article_id FROM documents ORDER BY path")
    return {Path(str(r[0])).name: r[1:] for r in rows}


def _owner_body(db: Path, name: str) -> str:
    rows = query(
        db,
        "SELECT a.body FROM articles a JOIN documents d ON d.document_id = a.document_id WHERE d.path LIKE ?",
        [f"%/{name}"],
    )
    assert len(rows) == 1, rows
    return str(rows[0][0])


def _stale(db: Path) -> int:
    return int(query(db, "SELECT count(*) FROM stale_duplicates")[0][0])  # type: ignore[call-overload]


def test_owner_becoming_a_reject_hands_the_article_to_its_duplicate(tmp_path: Path, db_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(BODY, encoding="utf-8")
    (inputs / "b.txt").write_text(BODY, encoding="utf-8")  # same text: b is a duplicate of a
    first = run_plain([str(inputs)], db_path, workers=1)
    assert (first.counts.loaded, first.counts.duplicate) == (1, 1)
    assert _outcomes(db_path)["b.txt"][:2] == ("duplicate", "body")

    (inputs / "a.txt").write_bytes(b"")  # the owner becomes a reject
    second = run_plain([str(inputs)], db_path, workers=1)
    assert (second.counts.rejected, second.counts.unchanged) == (1, 1)
    assert (second.repaired.seen, second.repaired.updated) == (1, 1)
    # The run's row says so too, not only the console: its counts alone read "1 rejected, 1 unchanged".
    assert query(
        db_path,
        "SELECT rederived, rederived_loaded, rederived_duplicate, rederived_rejected FROM runs "
        "ORDER BY started_at DESC LIMIT 1",
    ) == [(1, 1, 0, 0)]
    assert _outcomes(db_path)["b.txt"][0] == "loaded"
    assert "first paragraph of story 1" in _owner_body(db_path, "b.txt")
    assert counts(db_path)["articles"] == 1
    assert _stale(db_path) == 0

    before = counts(db_path)
    third = run_plain([str(inputs)], db_path, workers=1)  # nothing changed: nothing to repair
    assert (third.counts.unchanged, third.repaired.seen) == (2, 0)
    assert counts(db_path) == before


def test_owner_edited_gives_its_former_duplicate_its_own_article(tmp_path: Path, db_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(BODY, encoding="utf-8")
    (inputs / "b.txt").write_text(BODY, encoding="utf-8")
    run_plain([str(inputs)], db_path, workers=1)

    (inputs / "a.txt").write_text(article(2), encoding="utf-8")  # a's article now has other text
    s = run_plain([str(inputs)], db_path, workers=1)
    assert (s.counts.updated, s.repaired.updated) == (1, 1)
    assert "story 2" in _owner_body(db_path, "a.txt")
    assert "story 1" in _owner_body(db_path, "b.txt")  # b's text is in the warehouse again
    assert counts(db_path)["articles"] == 2
    assert _stale(db_path) == 0


def test_same_url_duplicate_survives_an_edit_of_its_owner(tmp_path: Path, db_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    url = "URL: https://news.example.org/story\n"
    (inputs / "a.txt").write_text(url + BODY, encoding="utf-8")
    (inputs / "b.txt").write_text(url + article(3), encoding="utf-8")  # another copy of the same page
    run_plain([str(inputs)], db_path, workers=1)
    assert _outcomes(db_path)["b.txt"][:2] == ("duplicate", "url")

    (inputs / "a.txt").write_text(url + article(4), encoding="utf-8")  # the page was edited
    s = run_plain([str(inputs)], db_path, workers=1)
    assert (s.counts.updated, s.repaired.seen) == (1, 0)  # still the same article: nothing is stale
    assert _outcomes(db_path)["b.txt"][:2] == ("duplicate", "url")


def test_stale_duplicates_left_by_a_killed_run_are_repaired_by_the_next(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = _stale_after_a_killed_run(tmp_path, db_path)
    s = run_plain([str(inputs)], db_path, workers=1)  # no input changed
    assert (s.counts.unchanged, s.repaired.updated) == (2, 1)
    assert _outcomes(db_path)["b.txt"][0] == "loaded"
    assert _stale(db_path) == 0


def test_a_copy_of_the_same_page_is_a_duplicate_by_url_not_body(tmp_path: Path, db_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(f"URL: https://news.test/a\n{BODY}", encoding="utf-8")
    (inputs / "b.txt").write_text(f"URL: https://news.test/a?utm_source=x\n{BODY}", encoding="utf-8")
    (inputs / "c.txt").write_text(f"URL: https://news.test/other\n{BODY}", encoding="utf-8")
    run_plain([str(inputs)], db_path, workers=1)
    outcomes = _outcomes(db_path)
    # Was "body" for b too: the same text and the same page, it is another copy of the page (found by
    # review: two listings redirecting to one page). Another page with the same text stays "body".
    assert (outcomes["b.txt"][:2], outcomes["c.txt"][:2]) == (("duplicate", "url"), ("duplicate", "body"))


def test_a_duplicate_whose_input_is_gone_is_settled_once_and_later_runs_are_clean(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(BODY, encoding="utf-8")
    text = BODY.split("\n\n", 2)[2].replace("\n", " ")
    feed = inputs / "feed.jsonl"
    feed.write_text(json.dumps({"url": "https://wire.test/1", "text": text}) + "\n", encoding="utf-8")
    (inputs / "c.txt").write_text(BODY, encoding="utf-8")  # a file duplicate too
    run_plain([str(inputs)], db_path, workers=1)
    assert [o[0] for o in _outcomes(db_path).values()] == ["loaded", "duplicate", "duplicate"]

    # The feed rotates (its record is gone), c.txt is deleted, and then the article they repeated changes.
    feed.write_text(json.dumps({"url": "https://wire.test/2", "text": article(5)}) + "\n", encoding="utf-8")
    (inputs / "c.txt").unlink()
    (inputs / "a.txt").write_text(article(2), encoding="utf-8")
    s = run_plain([str(inputs)], db_path, workers=1)
    assert (s.repaired.seen, s.repaired.rejected) == (2, 2)
    assert [p.split(": ", 1)[0] for p in s.problems] == ["could not re-derive a stale duplicate"] * 2
    assert all("(its text is lost: see rejects, reason read/input_gone)" in p for p in s.problems)
    assert _stale(db_path) == 0
    rows = query(db_path, "SELECT origin, stage, reason FROM rejects ORDER BY origin")
    assert rows == [
        (str(inputs / "c.txt"), "read", "input_gone"),
        (f"{feed}#https://wire.test/1", "read", "input_gone"),
    ]
    # One outcome each: the two settled inputs are rejects only (their documents went).
    assert query(db_path, "SELECT count(*) FROM document_outcomes WHERE status = 'rejected'") == [(2,)]

    # Was: every later run, over any folder, re-derived them again, failed again and exited 3.
    other = tmp_path / "other"
    other.mkdir()
    (other / "f.txt").write_text(article(7), encoding="utf-8")
    for _ in range(2):
        later = run_plain([str(other)], db_path, workers=1)
        assert (later.problems, later.repaired.seen) == ([], 0)
    assert run_plain([str(inputs)], db_path, workers=1).problems == []

    # A deleted file that comes back is judged anew: its reject goes.
    (inputs / "c.txt").write_text(BODY, encoding="utf-8")
    back = run_plain([str(inputs)], db_path, workers=1)
    assert back.counts.loaded == 1
    assert _outcomes(db_path)["c.txt"][0] == "loaded"
    assert query(db_path, "SELECT origin FROM rejects") == [(f"{feed}#https://wire.test/1",)]


def test_a_duplicate_recorded_before_its_evidence_was_kept_is_read_again_when_its_article_changes(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(BODY, encoding="utf-8")
    (inputs / "b.txt").write_text(BODY, encoding="utf-8")
    run_plain([str(inputs)], db_path, workers=1)
    with duckdb.connect(str(db_path)) as con:  # as migration 004 left a duplicate recorded before it
        con.execute(
            "UPDATE documents SET duplicate_by = NULL, content_hash = NULL WHERE status = 'duplicate'"
        )
    unchanged = run_plain([str(inputs)], db_path, workers=1)
    assert unchanged.repaired.seen == 0  # its article did not change since: nothing to read again

    (inputs / "a.txt").write_text(article(2), encoding="utf-8")
    s = run_plain([str(inputs)], db_path, workers=1)
    # Was: "updated 1" and nothing else; b's text was gone, and stale_duplicates did not list it.
    assert (s.counts.updated, s.repaired.updated) == (1, 1)
    assert "story 1" in _owner_body(db_path, "b.txt")
    assert _stale(db_path) == 0


def test_a_duplicate_whose_file_is_there_but_cannot_be_opened_is_not_said_lost(tmp_path: Path) -> None:
    from flows.repair import _lost_reason
    from flows.reprocess import Stored

    def row(path: Path | None, raw_key: str | None = None) -> Stored:
        return Stored(
            "d", "o", "text", str(path) if path else None, None, None, None, "0", None, None, None, None, None,
            None, None, None, raw_key, None,
        )  # fmt: skip

    (tmp_path / "there.txt").write_text("x", encoding="utf-8")
    assert _lost_reason(row(tmp_path / "gone.txt")) == "input_gone"
    assert _lost_reason(row(tmp_path / "there.txt")) == "input_gone"  # there, but no longer holding it
    assert _lost_reason(row(None, raw_key="ab/cd")) == "input_gone"  # a stored page gone from the raw store
    assert _lost_reason(row(tmp_path)) == "unreadable"  # cannot be opened (as a file without permission)


def _crawled_copy(db: Path, raw_dir: Path, text: str, url: str) -> str:
    """A page fetched by a crawl that kept its body under ``raw_dir`` (``crawl --raw-dir``), loaded as a
    crawl loads it; returns its raw key."""
    from datetime import UTC, datetime

    from flows.load import load_batch
    from flows.pipeline import FileResult, process_documents
    from flows.rawstore import RawStore
    from flows.read import InputFile
    from flows.records import FetchMeta, RawDocument

    data = text.encode()
    key = RawStore(raw_dir).put(data)
    now = datetime.now(UTC)
    doc = RawDocument(
        origin=url,
        kind="text",
        data=data,
        url=url,
        fetched_at=now,
        source="wire",
        fetch=FetchMeta(url, url, 200, "text/plain; charset=utf-8", raw_key=key),
    )
    nowhere = InputFile(path="<crawl>", kind="text", size_bytes=0, mtime_ns=0)
    with duckdb.connect(str(db)) as con:
        load_batch(
            con, [FileResult(file=nowhere, sha256=None, processed=process_documents([doc]))], "crawl", now
        )
    return key


def test_a_fetched_duplicate_whose_body_is_under_another_raw_dir_is_not_settled_as_gone(
    tmp_path: Path, db_path: Path
) -> None:
    from flows import reprocess

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "story.txt").write_text(BODY, encoding="utf-8")
    run_plain([str(inputs)], db_path, workers=1)
    elsewhere = tmp_path / "elsewhere"
    key = _crawled_copy(db_path, elsewhere, BODY, "https://n.test/story")
    page = "SELECT status, raw_key FROM documents WHERE url = 'https://n.test/story'"
    assert query(db_path, page) == [("duplicate", key)]

    (inputs / "story.txt").write_text(article(2), encoding="utf-8")
    s = run_plain([str(inputs)], db_path, workers=1)  # ingest has no --raw-dir: it looks beside the db
    # Was: settled as read/input_gone ("its text is lost"), its document deleted though its body was
    # still in the crawl's raw store, which reprocess --raw-dir then could not find.
    assert (s.repaired.seen, s.repaired.rejected) == (0, 0)
    assert len(s.problems) == 1 and "reprocess --raw-dir" in s.problems[0], s.problems
    assert "input_gone" not in s.problems[0]
    assert query(db_path, "SELECT count(*) FROM rejects") == [(0,)]
    assert query(db_path, page) == [("duplicate", key)]
    assert _stale(db_path) == 1

    redo = reprocess.run_plain(db_path, everything=True, raw_dir=elsewhere)
    assert redo.problems == []
    assert query(db_path, "SELECT status FROM documents WHERE url = 'https://n.test/story'") == [("loaded",)]
    assert _stale(db_path) == 0
    assert counts(db_path)["articles"] == 2


def _stale_after_a_killed_run(tmp_path: Path, db_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(BODY, encoding="utf-8")
    (inputs / "b.txt").write_text(BODY, encoding="utf-8")
    run_plain([str(inputs)], db_path, workers=1)
    # What a run killed between a batch's commit and its repair step leaves: the owner's changes are in,
    # its duplicate still points at the article that is gone.
    con = duckdb.connect(str(db_path))
    try:
        con.execute("DELETE FROM articles")
        con.execute("UPDATE documents SET status = 'rejected', article_id = NULL WHERE path LIKE '%/a.txt'")
    finally:
        con.close()
    assert _stale(db_path) == 1
    return inputs


def _last_run_rederived(db: Path) -> list[tuple[object, ...]]:
    return query(
        db,
        "SELECT flow_name, rederived, rederived_loaded, rederived_duplicate, rederived_rejected FROM runs "
        "ORDER BY started_at DESC LIMIT 1",
    )


def test_a_reprocess_that_repairs_records_it_in_its_run_row(tmp_path: Path, db_path: Path) -> None:
    from flows import reprocess

    _stale_after_a_killed_run(tmp_path, db_path)
    s = reprocess.run_plain(db_path, raw_dir=tmp_path / "raw")
    assert (s.repaired.seen, s.repaired.updated) == (1, 1)
    # The row said 0 for every reprocess: its summary was handed to finish_run without the repair.
    assert _last_run_rederived(db_path) == [("reprocess", 1, 1, 0, 0)]
    assert _stale(db_path) == 0


def test_a_crawl_that_repairs_records_it_in_its_run_row(tmp_path: Path, db_path: Path) -> None:
    from flows import crawl
    from flows.sources import load_sources

    inputs = _stale_after_a_killed_run(tmp_path, db_path)
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "local"\nkind = "files"\npath = "{inputs}"\n', encoding="utf-8")
    s = crawl.run_plain(load_sources(sources), db_path, raw_dir=tmp_path / "raw")
    assert (s.repaired.seen, s.repaired.updated) == (1, 1)
    assert _last_run_rederived(db_path) == [("crawl", 1, 1, 0, 0)]
    assert _stale(db_path) == 0


def test_a_json_lines_duplicate_pushed_down_a_line_is_re_derived_not_lost(
    tmp_path: Path, db_path: Path
) -> None:
    # Records 2 and 3 share a syndicated body (3 a duplicate of 2). A record inserted on top and record 2
    # edited in one go: 3, unchanged but now on line 4, had to be re-derived from its stored line 3. It
    # was said "no longer in" the file, its text lost until the next run (a read/input_gone reject).
    tail = " Some more words about the story here." * 10
    records = [
        {"title": f"Story {n}", "text": text + tail, "url": f"https://example.com/{n}"}
        for n, text in ((1, "Body of record 1."), (2, "Same syndicated body."), (3, "Same syndicated body."))
    ]
    inputs = tmp_path / "in"
    inputs.mkdir()
    feed = inputs / "feed.jsonl"

    def write() -> None:
        feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    write()
    first = run_plain([str(inputs)], db_path, workers=1)
    assert (first.counts.loaded, first.counts.duplicate) == (2, 1)

    records[1]["text"] = "EDITED " + records[1]["text"]
    records.insert(
        0, {"title": "Story 9", "text": "An inserted story on top." + tail, "url": "https://example.com/9"}
    )
    write()
    second = run_plain([str(inputs)], db_path, workers=1)
    assert second.problems == []
    assert (second.counts.loaded, second.counts.updated, second.counts.unchanged) == (1, 1, 2)
    assert (second.repaired.seen, second.repaired.updated) == (1, 1)
    assert counts(db_path)["articles"] == 4
    assert query(db_path, "SELECT count(*) FROM rejects") == [(0,)]
    third = run_plain([str(inputs)], db_path, workers=1)
    assert third.counts.unchanged == third.counts.seen == 4


def test_a_reprocess_finds_moved_records_with_one_extra_read_of_their_file(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two records removed near the top move every record below them up two lines (their stored line
    # numbers stay: their bytes did not change). Each batch read the file again to find them (a review
    # timed a 50,000-record dump: 17 s before, 40 s after); and before that, they were "no longer in" it.
    from flows import reprocess, reread

    tail = " Some more words about the story here." * 10
    records = [
        {"title": f"Story {n}", "text": f"Body of record {n}." + tail, "url": f"https://e.x/{n}"}
        for n in range(60)
    ]
    inputs = tmp_path / "in"
    inputs.mkdir()
    feed = inputs / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run_plain([str(inputs)], db_path, workers=1)
    del records[3:5]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert run_plain([str(inputs)], db_path, workers=1).counts.unchanged == 58

    monkeypatch.setattr(reprocess, "BATCH_DOCUMENTS", 6)
    monkeypatch.setattr(reprocess, "MAX_BATCH_DOCUMENTS", 6)
    reads = []
    original = reread._documents
    monkeypatch.setattr(reread, "_documents", lambda *a: reads.append(1) or original(*a))
    s = reprocess.run_plain(db_path, everything=True, raw_dir=tmp_path / "raw")
    # The 58 records are re-derived, unchanged; the two removed ones are what is no longer in the file.
    assert s.counts.unchanged == 58
    assert len(s.problems) == 2 and all("no longer in" in p for p in s.problems)
    # Ten batches: the first batch's read, the one scan, the moved records' and a stream started anew.
    assert len(reads) <= 4
