"""Reprocess: articles re-derived from the raw store and stored metadata, with the web server gone."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import SEED
from pytest_httpserver import HTTPServer
from test_crawl import LoopbackOnly, feed_site, feed_sources, query, run

from flows import reprocess
from flows.sources import load_sources

ARTICLE_COLUMNS = (
    "article_id, document_id, source, url, title, authors, published_at, published_offset_minutes, "
    "published_text, published_evidence, language, description, body, word_count, content_hash, ingested_at"
)


def articles(db: Path) -> list[tuple[Any, ...]]:
    return query(db, f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY article_id")


@pytest.fixture
def crawled(tmp_path: Path, db_path: Path) -> Iterator[Path]:
    """A warehouse with three crawled pages, after which the server is stopped for good."""
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    srv.expect_request("/robots.txt").respond_with_data("not here", status=404)
    try:
        feed_site(srv)
        conn = LoopbackOnly()
        summary = run(feed_sources(tmp_path, srv), db_path, conn, raw_dir=tmp_path / "raw")
        assert summary.counts.loaded == 3 and conn.refused == []
    finally:
        srv.clear()
        srv.stop()
    yield db_path


def test_reprocess_all_rederives_without_network(crawled: Path, tmp_path: Path) -> None:
    before = articles(crawled)
    config = load_sources(tmp_path / "sources.toml")
    summary = reprocess.run_plain(crawled, everything=True, config=config, raw_dir=tmp_path / "raw")
    # same extractor, same raw bytes, same hints: every outcome is as stored, so nothing is rewritten
    assert (summary.selected, summary.counts.unchanged, summary.counts.updated, summary.missing) == (
        3,
        3,
        0,
        0,
    )
    after = articles(crawled)
    assert after == before  # same extractor, same raw bytes, same hints: the same articles
    # feed hints survived the round trip through the raw store
    assert sorted(r[9] for r in after) == ["feed", "feed", "meta"]
    docs = query(
        crawled, "SELECT count(*), count(raw_key), count(etag), count(DISTINCT sha256) FROM documents"
    )
    assert docs == [(3, 3, 3, 3)]
    runs = query(crawled, "SELECT flow_name, seen, updated FROM runs ORDER BY started_at")
    assert runs[-1] == ("reprocess", 3, 0)


def test_reprocess_rewrites_only_articles_whose_derivation_changed(crawled: Path, tmp_path: Path) -> None:
    before = articles(crawled)
    con = duckdb.connect(str(crawled))
    try:  # what an older extractor might have made of one page
        con.execute("UPDATE articles SET title = 'Harbour', word_count = 1 WHERE url LIKE '%/harbour'")
    finally:
        con.close()
    config = load_sources(tmp_path / "sources.toml")
    summary = reprocess.run_plain(crawled, everything=True, config=config, raw_dir=tmp_path / "raw")
    assert (summary.counts.updated, summary.counts.unchanged) == (1, 2)
    assert articles(crawled) == before  # re-derived as the current extractor sees it, first load kept


def test_reprocess_default_takes_only_documents_from_another_extractor(crawled: Path, tmp_path: Path) -> None:
    nothing = reprocess.run_plain(crawled, raw_dir=tmp_path / "raw")
    assert (nothing.selected, nothing.counts.seen) == (0, 0)

    con = duckdb.connect(str(crawled))
    try:
        con.execute("UPDATE runs SET extractor_version = 'wirehouse-0.0.1' WHERE flow_name = 'crawl'")
    finally:
        con.close()
    stale = reprocess.run_plain(crawled, raw_dir=tmp_path / "raw")
    assert (stale.selected, stale.counts.unchanged) == (3, 3)
    # now made by the current extractor: nothing left to do
    assert reprocess.run_plain(crawled, raw_dir=tmp_path / "raw").selected == 0


def test_reprocess_reports_a_missing_raw_body_and_keeps_the_article(crawled: Path, tmp_path: Path) -> None:
    [(key,)] = query(crawled, "SELECT raw_key FROM documents ORDER BY origin LIMIT 1")
    (tmp_path / "raw" / key[:2] / key[2:4] / f"{key}.gz").unlink()
    summary = reprocess.run_plain(crawled, everything=True, raw_dir=tmp_path / "raw")
    assert (summary.counts.unchanged, summary.missing) == (2, 1)
    assert "no raw document" in summary.problems[0]
    assert query(crawled, "SELECT count(*) FROM articles") == [(3,)]


def test_reprocess_command_exits_3_when_a_stored_page_is_missing(
    crawled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.cli import main

    argv = ["reprocess", "--all", "--no-prefect", "--workers", "1", "--quiet", "--db", str(crawled)]
    argv += ["--raw-dir", str(tmp_path / "raw"), "--sources", str(tmp_path / "sources.toml")]
    assert main(argv) == 0
    [(key,)] = query(crawled, "SELECT raw_key FROM documents ORDER BY origin LIMIT 1")
    (tmp_path / "raw" / key[:2] / key[2:4] / f"{key}.gz").unlink()
    capsys.readouterr()
    assert main(argv) == 3  # finished, but some inputs could not be used (README's exit codes)
    out = capsys.readouterr().out
    assert "missing           1" in out and "  ! " in out
    argv[argv.index("--raw-dir") + 1] = str(tmp_path / "no-such-raw")
    # Was: every stored page listed as missing, exit 3 (found by review).
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--raw-dir" in err and "no such folder" in err


def test_reprocess_local_files_by_path(tmp_path: Path, db_path: Path) -> None:
    from flows import ingest

    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / "seed.txt")
    ingest.run_plain([str(tmp_path / "in")], db_path, workers=1)
    before = articles(db_path)
    summary = reprocess.run_plain(db_path, everything=True, raw_dir=tmp_path / "raw")
    assert (summary.selected, summary.counts.unchanged) == (1, 1)
    assert articles(db_path) == before
    (tmp_path / "in" / "seed.txt").write_text("Something else entirely, written later.\n")
    changed = reprocess.run_plain(db_path, everything=True, raw_dir=tmp_path / "raw")
    assert changed.missing == 1 and "wirehouse ingest" in changed.problems[0]
    assert articles(db_path) == before
    # The report printed after a flow run (from the dict it returns) is the plain run's; it left out the
    # raw folder, rejects by reason, re-derived duplicates and the time taken (found by review).
    from flows.crawl_cli import _reprocess_text

    assert _reprocess_text(changed.as_dict()) == reprocess.summary_text(changed)
    assert "took" in reprocess.summary_text(changed) and "raw documents" in reprocess.summary_text(changed)


def test_reprocess_reads_a_file_s_dates_against_the_file_s_time(tmp_path: Path, db_path: Path) -> None:
    import os
    from datetime import datetime

    from flows import ingest

    body = "The council approved the new tram line to the harbour on Tuesday evening after a long debate."
    (tmp_path / "in").mkdir()
    for name, date in (("future", "2024-06-01 10:00"), ("yearless", "19 November"), ("rel", "yesterday")):
        path = tmp_path / "in" / f"{name}.txt"
        path.write_text(f"Title: {name}\nDate: {date}\n\n{body}\n", encoding="utf-8")
        stamp = datetime(2024, 5, 10, 12, 0).timestamp()
        os.utime(path, (stamp, stamp))
    ingest.run_plain([str(tmp_path / "in")], db_path, workers=1)
    before = articles(db_path)
    assert query(db_path, "SELECT count(*) FROM articles WHERE published_error LIKE '%after the reference%'")
    summary = reprocess.run_plain(db_path, everything=True, raw_dir=tmp_path / "raw")
    # Was "updated 3": read against the reprocess's own clock, the future date became valid, the
    # yearless one moved to this year and "yesterday" to the day before the reprocess (found by review).
    assert (summary.counts.unchanged, summary.counts.updated) == (3, 0)
    assert articles(db_path) == before
    # The same bytes with a new mtime (a copy, a checkout, a touch): the time ingest took still holds.
    for path in (tmp_path / "in").iterdir():
        os.utime(path)
    summary = reprocess.run_plain(db_path, everything=True, raw_dir=tmp_path / "raw")
    assert (summary.counts.unchanged, summary.counts.updated) == (3, 0)  # was "updated 3"
    assert articles(db_path) == before


def _ingested_dump(
    tmp_path: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    n: int,
    batch: int,
    url_no: Callable[[int], int | None],
) -> tuple[Path, list[str]]:
    """A JSON lines dump of ``n`` records ingested in parts of 2 KiB, reprocess batches of ``batch``."""
    import json

    from flows import ingest, read_parts

    monkeypatch.setattr(read_parts, "PART_BYTES", 2048)
    monkeypatch.setattr(reprocess, "BATCH_DOCUMENTS", batch)
    text = "The council voted on Tuesday to build the new tram line along the harbour road, record {}."
    records = []
    for i in range(n):
        record: dict[str, object] = {"title": f"Story {i}", "text": text.format(i)}
        if (no := url_no(i)) is not None:
            record["url"] = f"https://news.test/{no}"
        records.append(json.dumps(record))
    dump = tmp_path / "in" / "dump.jsonl"
    dump.parent.mkdir()
    dump.write_text("\n".join(records) + "\n", encoding="utf-8")
    ingest.run_plain([str(dump.parent)], db_path, workers=1)
    return dump, records


def test_reprocess_reads_a_dump_once_part_by_part(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows import read, read_parts

    # URLs named again by later records: keyed by line
    dump, _ = _ingested_dump(tmp_path, db_path, monkeypatch, 60, 7, lambda i: i % 20 if i % 3 else None)
    before = articles(db_path)
    origins = query(db_path, "SELECT origin, status FROM documents ORDER BY origin")
    assert len(origins) == 60

    parts = len(read_parts.parts_of(read.InputFile(str(dump), "jsonl", dump.stat().st_size, 0)))
    reads: list[str] = []
    whole = read_parts.part_documents
    monkeypatch.setattr(read_parts, "part_documents", lambda f, at: reads.append(f.path) or whole(f, at))
    monkeypatch.setattr("flows.reread.read_bytes", lambda f: pytest.fail("read whole"))
    summary = reprocess.run_plain(db_path, everything=True, raw_dir=tmp_path / "raw")
    # Was: the whole file read again (and split) for each batch of documents, 9 times here.
    assert len(reprocess.batches(reprocess.select_documents(db_path, True))) == 9
    assert parts > 2 and len(reads) == parts
    assert (summary.selected, summary.counts.unchanged, summary.missing) == (60, 60, 0)
    assert articles(db_path) == before
    assert query(db_path, "SELECT origin, status FROM documents ORDER BY origin") == origins


def test_reprocess_counts_every_document_of_a_file_that_changes_between_batches(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dump, records = _ingested_dump(tmp_path, db_path, monkeypatch, 50, 10, lambda i: i)

    def edit_after_the_first_batch(line: str) -> None:
        dump.write_text("\n".join(r.replace("tram", "bus") for r in records) + "\n", encoding="utf-8")

    summary = reprocess.run_plain(
        db_path, everything=True, raw_dir=tmp_path / "raw", progress=edit_after_the_first_batch
    )
    # Was: one problem line for a batch of documents (the rest counted nowhere), then "no longer in" for
    # records that are still there (found by review).
    assert summary.counts.seen + summary.missing == summary.selected == 50
    assert summary.counts.unchanged == 10 and summary.missing == 40
    assert all(
        f"changed since it was read; run `wirehouse ingest {dump}` for it" in p for p in summary.problems
    )


def test_reprocess_says_a_gone_file_is_gone(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dump, _records = _ingested_dump(tmp_path, db_path, monkeypatch, 5, 10, lambda i: i)
    before = articles(db_path)
    dump.unlink()
    summary = reprocess.run_plain(db_path, everything=True, raw_dir=tmp_path / "raw")
    assert summary.missing == summary.selected == 5
    # Was: "cannot read ...: [Errno 2] No such file or directory: '...'".
    assert all(
        p.endswith(f"{dump} no longer exists; what it loaded is left as it is") for p in summary.problems
    )
    assert articles(db_path) == before


def test_reprocess_batches_are_tens_not_hundreds() -> None:
    rows: list[Any] = list(range(100_000))
    assert [len(b) for b in reprocess.batches(rows[:1_200])] == [500, 500, 200]
    assert len(reprocess.batches(rows)) == 20
    assert max(len(b) for b in reprocess.batches(rows * 2)) == 5_000


@pytest.mark.prefect
def test_reprocess_flow(prefect_api: None, crawled: Path, tmp_path: Path) -> None:
    from flows.crawl_flow import reprocess_flow

    before = articles(crawled)
    result = reprocess_flow(
        db=str(crawled),
        everything=True,
        sources=str(tmp_path / "sources.toml"),
        raw_dir=str(tmp_path / "raw"),
    )
    assert (result["selected"], result["unchanged"], result["missing"]) == (3, 3, 0)
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        assert client.read_flow_run(result["flow_run_id"]).name == "reprocess all"  # was a random name
    assert articles(crawled) == before


def test_the_progress_line_counts_unchanged_documents_in_the_summary_s_words() -> None:
    from flows.load import Counts
    from flows.reprocess import ReprocessSummary, progress_line

    s = ReprocessSummary(
        run_id="r",
        db="w.duckdb",
        raw_dir="raw",
        started_at=datetime.now(UTC),
        selected=19,
        counts=Counts(unchanged=19),
    )
    assert progress_line(s) == "19/19 documents: 0 changed, 19 unchanged, 0 duplicate, 0 rejected, 0 missing"


def test_a_file_that_cannot_be_read_is_said_once() -> None:
    from flows.errors import RejectInput

    class Unreadable:
        def numbers(self, path: str) -> None:
            return None  # no record of it was missed yet

        def take(self, path: str, kind: str, record_nos: list[int | None]) -> list[Any]:
            raise RejectInput("read", "unreadable", f"cannot read {path}: Permission denied")

    row = reprocess.Stored(
        *("d1", "/in/a.txt", "text", "/in/a.txt", None, None, None, "h", None),
        *(None,) * 9,
    )
    _, problems = reprocess._from_file("/in/a.txt", [row], {}, Unreadable())  # type: ignore[arg-type]
    # Was: "cannot read /in/a.txt: read/unreadable: cannot read /in/a.txt: Permission denied".
    assert problems == ["/in/a.txt: read/unreadable: cannot read /in/a.txt: Permission denied"]


def test_a_reprocess_that_fails_while_the_database_is_locked_ends_with_its_own_error(
    crawled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.ingest
    from flows.errors import DatabaseLocked

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    def locked(*args: object, **kwargs: object) -> None:
        raise DatabaseLocked("w.duckdb is locked by another process; gave up after 30 s")

    monkeypatch.setattr(reprocess, "reprocess_batch", interrupted)
    monkeypatch.setattr(flows.ingest, "finish_run", locked)
    monkeypatch.setattr(reprocess, "finish_run", locked)
    # Was: the close's lock error replaced the Ctrl-C (exit 4, not 130), as in an ingest (review).
    with pytest.raises(KeyboardInterrupt):
        reprocess.run_plain(crawled, everything=True, raw_dir=tmp_path / "raw")


def test_the_flows_finish_task_of_a_failed_run_does_not_hide_its_error_behind_a_lock(
    crawled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.ingest
    from flows import crawl, crawl_flow
    from flows.errors import DatabaseLocked

    def locked(*args: object, **kwargs: object) -> None:
        raise DatabaseLocked("w.duckdb is locked by another process; gave up after 30 s")

    for module in (flows.ingest, reprocess, crawl):
        monkeypatch.setattr(module, "finish_run", locked)
    summary = reprocess.begin(crawled, tmp_path / "raw", True, None)
    # The crawl and reprocess flows end in `finally: finish_task(summary, status)`: a lock there replaced
    # the run's own error; a failed run's end is now best effort (the next run closes it).
    assert crawl_flow.finish_task.fn(summary, "failed") is None
    with pytest.raises(DatabaseLocked):  # a completed run's end must be recorded
        crawl_flow.finish_task.fn(summary, "completed")


def test_reprocess_all_keeps_a_url_duplicate_that_repeats_another_article_s_text(
    tmp_path: Path, db_path: Path
) -> None:
    import json

    from flows import ingest

    a = "The city council approved the new budget for schools and roads after a long debate on Tuesday evening."
    b = "Farmers in the northern valley reported a record harvest this year, thanks to steady rain and mild spring."
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"Title: Budget\nURL: https://ex.example/story-1\n\n{a} {a}\n")
    records = [{"url": f"https://ex.example/story-{n}", "title": "H", "text": f"{b} {b}"} for n in (1, 2)]
    (tmp_path / "in" / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    ingest.run_plain([str(tmp_path / "in")], db_path, workers=1)
    outcomes = "SELECT origin, status, duplicate_by, article_id FROM documents ORDER BY origin"
    before = query(db_path, outcomes)
    # story-1's record: the URL of a.txt's article, the text of story-2's
    assert [r[1:3] for r in before] == [("loaded", None), ("duplicate", "url"), ("loaded", None)]
    summary = reprocess.run_plain(db_path, everything=True, raw_dir=tmp_path / "raw")
    # Was: unchanged 2, duplicate 1, the record now a body duplicate of story-2's article (load order
    # decided which of its two twins it repeats). Its judgement still holds: nothing changed.
    assert (summary.selected, summary.counts.unchanged, summary.counts.duplicate) == (3, 3, 0)
    assert query(db_path, outcomes) == before


@pytest.mark.prefect
def test_a_reprocess_flow_run_marks_the_flow_run_of_a_killed_run_crashed(
    prefect_api: None, tmp_path: Path, db_path: Path
) -> None:
    import socket
    import subprocess
    import sys

    from prefect.client.orchestration import get_client
    from prefect.states import Running

    from flows.crawl_flow import reprocess_flow
    from flows.ingest_flow import ingest_flow

    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / "seed.txt")
    first = ingest_flow(paths=[str(tmp_path / "in")], db=str(db_path), workers=1)
    with get_client(sync_client=True) as client:  # as kill -9 leaves it: Running, with heartbeats off
        client.set_flow_run_state(first["flow_run_id"], Running(), force=True)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    with duckdb.connect(str(db_path)) as con:
        con.execute(
            "UPDATE runs SET status = 'running', host = ?, pid = ?, pid_started = NULL WHERE run_id = ?",
            [socket.gethostname(), int(gone.stdout), first["run_id"]],
        )
    reprocess_flow(db=str(db_path), workers=1)
    assert query(db_path, f"SELECT status FROM runs WHERE run_id = '{first['run_id']}'") == [("failed",)]
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(first["flow_run_id"]).state
    # Was: Running for ever (only an ingest flow run told Prefect; crawl's and reprocess's start dropped
    # the ids). Both start in ``ingest.start_run``.
    assert state is not None and state.name == "Crashed"
