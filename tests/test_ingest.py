"""The ingest steps end to end, without Prefect: real files in, a real DuckDB file out."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import ROOT, SEED

from flows.ingest import MIN_FILES_FOR_POOL, begin, run_plain

TABLES = ("articles", "documents", "rejects", "authors", "article_authors", "input_files")


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}  # type: ignore[index]
    finally:
        con.close()


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def article(n: int, *, extra: str = "") -> str:
    return (
        f"Title: Story number {n}\n"
        f"Date: 2023-03-{1 + n % 28:02d}T{n % 24:02d}:15:00+01:00\n\n"
        f"By Reporter Person{n % 7}\n\n"
        f"This is the first paragraph of story {n}, which talks about the matter at hand in detail.{extra}\n\n"
        f"The second paragraph of story {n} adds context, quotes and a conclusion for the reader.\n"
    )


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:05d}.txt").write_text(article(i), encoding="utf-8")


def test_seed_lands_exactly(tmp_path: Path, db_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert (s.counts.loaded, s.counts.rejected) == (1, 0)
    row = query(
        db_path,
        "SELECT published_at, published_offset_minutes, published_text, published_evidence, authors, title, "
        "language, body FROM articles",
    )[0]
    assert row[0] == datetime(2022, 10, 12, 10, 23, tzinfo=UTC)
    assert row[1:7] == (
        240,
        "2022-10-12 12 October 2022 14:23 (UTC+04:00)",
        "header",
        ["Vugar Khalilov"],
        None,
        "en",
    )
    body = str(row[7])
    assert body.startswith("Azerbaijani First Deputy Defense Minister") and body.endswith(
        "are attending the meeting."
    )
    assert body.count("\n\n") == 8
    assert query(db_path, "SELECT a.name FROM authors a JOIN article_authors USING (author_id)") == [
        ("Vugar Khalilov",)
    ]
    stored_type = query(
        db_path,
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'published_at'",
    )
    assert stored_type == [("TIMESTAMP WITH TIME ZONE",)]


def test_persian_articles_load_with_their_solar_hijri_dates_converted(tmp_path: Path, db_path: Path) -> None:
    # Iranian agencies date articles in the Solar Hijri calendar: 20 Mehr 1401 is 12 October 2022. The
    # worded date needs no locale; the numeric one is converted because the article says it is Persian.
    body = (
        "وزیران دفاع کشورهای مستقل مشترک‌المنافع امروز در باکو درباره همکاری‌های نظامی و وضعیت منطقه گفتگو کردند."
        "\n\nبه گزارش وزارت دفاع، این نشست در حاشیه جلسه منظم کمیته روسای ستاد برگزار شد و توافق‌های تازه‌ای امضا شد.\n"
    )
    dates = {"worded": "۲۰ مهر ۱۴۰۱ ساعت ۱۴:۲۳ به وقت تهران", "numeric": "۱۴۰۱/۰۷/۲۰ ۱۴:۲۳"}
    for name, written in dates.items():
        text = (
            f"Title: نشست وزیران ({name})\nDate: {written}\nLanguage: fa\n\n{body}\n{name}\n"  # no duplicate
        )
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert (s.counts.loaded, s.counts.rejected) == (2, 0)
    rows = query(
        db_path,
        "SELECT published_text, published_at, published_offset_minutes, published_error, language "
        "FROM articles ORDER BY published_text",
    )
    assert rows == [
        (dates["numeric"], datetime(2022, 10, 12, 14, 23, tzinfo=UTC), None, None, "fa"),  # no zone: UTC
        (dates["worded"], datetime(2022, 10, 12, 10, 53, tzinfo=UTC), 210, None, "fa"),  # Tehran, +03:30
    ]


def test_second_run_changes_nothing(tmp_path: Path, db_path: Path) -> None:
    write_corpus(tmp_path / "in", 12)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    first = run_plain([str(tmp_path / "in")], db_path, workers=1)
    before = counts(db_path)
    second = run_plain([str(tmp_path / "in")], db_path, workers=1)
    assert (first.counts.loaded, first.counts.rejected) == (12, 1)
    assert (second.counts.loaded, second.counts.rejected, second.counts.unchanged) == (0, 0, 13)
    assert counts(db_path) == before
    # touching a file (new mtime, same bytes) re-reads it but still changes nothing
    os.utime(tmp_path / "in" / "a00003.txt", ns=(1, 1))
    third = run_plain([str(tmp_path / "in")], db_path, workers=1)
    assert (third.counts.unchanged, third.counts.loaded, third.counts.updated) == (13, 0, 0)
    assert counts(db_path) == before
    assert query(db_path, "SELECT count(*), sum(seen) FROM runs") == [(3, 39)]


def test_a_run_reads_only_new_and_changed_files_in_discovery_order(tmp_path: Path, db_path: Path) -> None:
    write_corpus(tmp_path / "in", 6)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    run_plain([str(tmp_path / "in")], db_path, workers=1)
    os.utime(tmp_path / "in" / "a00004.txt", ns=(1, 1))  # same size, new mtime
    (tmp_path / "in" / "a00001.txt").write_text(article(1, extra=" More."), encoding="utf-8")  # new size
    write_corpus(tmp_path / "new", 1)
    p, counts_ = begin(
        db_path, [str(tmp_path / "in"), str(tmp_path / "new"), str(tmp_path / "gone")], "ingest", None
    )
    assert [Path(f.path).name for f in p.todo] == ["a00001.txt", "a00004.txt", "a00000.txt"]
    assert (p.unchanged_files, p.unchanged_documents) == (5, 5)  # the empty file is one document too
    assert (counts_.unchanged, counts_.rejected, counts_.reasons) == (5, 1, {"read/missing_path": 1})
    assert query(db_path, "SELECT count(*) FROM runs") == [(2,)]


def test_a_failed_run_is_recorded_as_failed_and_the_next_run_completes(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "in", 3)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("flows.ingest.load_batch", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        run_plain([str(tmp_path / "in")], db_path, workers=1)
    assert query(db_path, "SELECT status, finished_at IS NOT NULL FROM runs") == [("failed", True)]
    assert counts(db_path)["articles"] == 0
    monkeypatch.undo()
    again = run_plain([str(tmp_path / "in")], db_path, workers=1)
    assert again.counts.loaded == 3
    assert query(db_path, "SELECT status, seen FROM runs ORDER BY started_at") == [
        ("failed", 0),
        ("completed", 3),
    ]


def test_a_run_over_unchanged_input_opens_the_warehouse_once(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warehouse.db

    write_corpus(tmp_path / "in", 3)
    run_plain([str(tmp_path / "in")], db_path, workers=1)
    opened: list[bool] = []
    real = warehouse.db.connect

    def counting(path: Path, **kwargs: Any) -> duckdb.DuckDBPyConnection:
        opened.append(kwargs["read_only"])
        return real(path, **kwargs)

    monkeypatch.setattr(warehouse.db, "connect", counting)
    again = run_plain([str(tmp_path / "in")], db_path, workers=1)
    assert (again.counts.unchanged, again.finished_at is not None) == (3, True)
    assert opened == [False]
    assert query(db_path, "SELECT status FROM runs") == [("completed",), ("completed",)]


def test_lone_surrogate_escapes_in_json_are_loaded_as_replacement_characters(
    tmp_path: Path, db_path: Path
) -> None:
    body = "A body with half a surrogate pair \\udc00 in a sentence that is long enough to be an article."
    (tmp_path / "a.jsonl").write_text(
        '{"url": "https://x.test/a\\ud800", "title": "Broken \\ud800 title", "text": "' + body + '"}\n',
        encoding="utf-8",
    )
    page = (
        "<html><head><title>Page</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "headline": "Half \\udbff pair", "datePublished": "2023-03-01T10:00:00Z"}'
        "</script></head><body><article><h1>Half pair</h1>"
        + "<p>This paragraph is long enough to be the body of a short news article about nothing.</p>" * 3
        + "</article></body></html>"
    )
    (tmp_path / "b.html").write_text(page, encoding="utf-8")
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert (s.counts.loaded, s.counts.rejected) == (2, 0)
    rows = query(db_path, "SELECT title, url FROM articles ORDER BY title")
    assert rows == [("Broken \ufffd title", "https://x.test/a%EF%BF%BD"), ("Half \ufffd pair", None)]


def test_a_batch_of_new_inputs_scans_no_table_to_delete_from(tmp_path: Path, db_path: Path) -> None:
    """DuckDB runs DELETE ... IN (subquery) as a scan of the whole table, so a batch deletes only rows
    its lookups found: new inputs delete nothing (only stale rejects, a small table, are always asked for)."""
    from flows.ingest import Loader
    from flows.load import load_batch
    from flows.pipeline import process_files
    from flows.read import discover

    write_corpus(tmp_path / "old", 2)
    run_plain([str(tmp_path / "old")], db_path, workers=1)
    (tmp_path / "new").mkdir()
    for i in range(100, 103):
        (tmp_path / "new" / f"b{i}.txt").write_text(article(i), encoding="utf-8")
    results = process_files(discover([str(tmp_path / "new")]).files)
    executed: list[str] = []

    class Recording:
        def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
            self.con = con

        def execute(self, sql: str, *args: Any) -> Any:
            executed.append(" ".join(sql.split()))
            return self.con.execute(sql, *args)

        def register(self, *args: Any) -> Any:
            return self.con.register(*args)

        def unregister(self, *args: Any) -> Any:
            return self.con.unregister(*args)

    loader = Loader(db_path)
    try:
        p, _ = loader.start([], "ingest", None)
        counts_ = load_batch(Recording(loader.writer.connection()), results, p.run_id, datetime.now(UTC))  # type: ignore[arg-type]
    finally:
        loader.close()
    assert counts_.loaded == 3
    deletes = [sql for sql in executed if sql.startswith("DELETE")]
    assert deletes == ["DELETE FROM rejects WHERE document_id IN (SELECT id FROM _gone)"]
    assert sum(sql.startswith("SELECT") and "FROM articles" in sql for sql in executed) == 1
    assert counts(db_path)["articles"] == 5


def test_authors_who_wrote_nothing_any_more_leave_the_authors_table(tmp_path: Path, db_path: Path) -> None:
    # Was: an article whose byline changed (or whose input became a reject) left its old author behind,
    # linked to nothing, and `SELECT count(*) FROM authors` counted them for ever.
    folder = tmp_path / "in"
    folder.mkdir()
    body = "The harbour quay reopened on Tuesday after weeks of repairs by the city's engineers.\n\n" * 3

    def write(name: str, byline: str, text: str = body) -> None:
        (folder / name).write_text(
            f"Title: {name}\nDate: 2022-10-12\n\nBy {byline}\n\n{text}", encoding="utf-8"
        )

    write("a.txt", "Jane Doe")
    write("b.txt", "Jane Doe and Max Mustermann", body.replace("harbour", "river"))
    write("c.txt", "Ann Other", body.replace("harbour", "canal"))
    run_plain([str(folder)], db_path, workers=1)
    names = "SELECT name FROM authors ORDER BY name"
    assert query(db_path, names) == [("Ann Other",), ("Jane Doe",), ("Max Mustermann",)]
    write("a.txt", "John Roe")  # Jane still wrote b
    write("b.txt", "Jane Doe", body.replace("harbour", "river"))  # Max wrote nothing else
    (folder / "c.txt").write_text("Title: c\n\nBy Ann Other\n\n", encoding="utf-8")  # now a reject
    second = run_plain([str(folder)], db_path, workers=1)
    assert second.counts.rejected == 1
    assert query(db_path, names) == [("Jane Doe",), ("John Roe",)]
    assert query(db_path, "SELECT count(*) FROM article_authors") == [(2,)]


def test_the_warehouse_keeps_what_it_loaded_when_inputs_go(tmp_path: Path, db_path: Path) -> None:
    # README: "an archive, not a mirror".
    folder = tmp_path / "in"
    write_corpus(folder, 2)
    records = [
        json.dumps(
            {"url": f"https://news.test/{i}", "title": f"T{i}", "text": article(10 + i).split("\n\n", 2)[2]}
        )
        for i in range(3)
    ]
    (folder / "dump.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    first = run_plain([str(folder)], db_path, workers=1)
    assert first.counts.loaded == 5
    (folder / "dump.jsonl").write_text("\n".join(records[:2]) + "\n", encoding="utf-8")
    (folder / "a00000.txt").unlink()
    second = run_plain([str(folder)], db_path, workers=1)
    assert (second.counts.seen, second.counts.unchanged) == (3, 3)
    assert counts(db_path)["articles"] == 5 and query(db_path, "SELECT count(*) FROM documents") == [(5,)]


def test_parsing_workers_start_with_the_language_model_loaded() -> None:
    """The fork server preloads it (flows/worker_preload.py), so no worker loads it on its first file."""
    from flows.ingest import worker_pool

    with worker_pool(2, 1000) as pool:
        assert pool is not None
        loaded = pool.submit(eval, "__import__('flows.language').language._DETECTOR is not None")
        assert loaded.result() is True


def test_parsing_workers_start_with_the_byline_places_built() -> None:
    from flows.ingest import worker_pool

    with worker_pool(2, 1000) as pool:
        assert pool is not None
        built = pool.submit(eval, "__import__('flows.place_names').place_names._places.cache_info().currsize")
        assert built.result() == 1


def test_the_command_that_has_workers_loads_neither_the_model_nor_the_places_itself() -> None:
    # It named the workers' initializer in flows/worker_preload.py, and importing that built both in the
    # command's own process, which parses nothing when it has workers (about 8 MB of its peak).
    script = (
        "import sys\n"
        "from flows.ingest import worker_pool\n"
        "if __name__ == '__main__':\n"
        "    with worker_pool(2, 1000) as pool:\n"
        "        assert pool is not None and pool.submit(int, '7').result() == 7\n"
        "    print('flows.worker_preload' in sys.modules, 'flows.place_names' in sys.modules and "
        "__import__('flows.place_names').place_names._places.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.stdout.split() == ["False", "0"] or out.stdout.split() == ["False", "False"], out


def test_parsing_workers_start_with_the_commands_module_loaded() -> None:
    # Each worker re-runs the command's main script as it starts; ``wirehouse``'s imports flows.cli and with
    # it pydantic, 0.06 s of CPU per worker per run unless the fork server has it already.
    from flows.ingest import worker_pool

    with worker_pool(2, 1000) as pool:
        assert pool is not None
        assert pool.submit(eval, "'flows.cli' in __import__('sys').modules").result() is True


def test_parsing_workers_leave_ctrl_c_to_the_command() -> None:
    # A terminal's Ctrl-C reaches the workers too: each printed a KeyboardInterrupt traceback under the
    # command's one-line "interrupted" (and lost the file it was on).
    from flows.ingest import worker_pool

    with worker_pool(2, 1000) as pool:
        assert pool is not None
        busy = pool.submit(time.sleep, 1.0)
        deadline = time.monotonic() + 30
        while not busy.running() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)  # inside time.sleep in the worker
        for pid in list(pool._processes):  # type: ignore[attr-defined]
            os.kill(pid, signal.SIGINT)
        try:
            assert busy.result(timeout=30) is None
        except KeyboardInterrupt:  # the worker's, sent back as the future's exception
            pytest.fail("the worker was interrupted")


def test_a_failed_or_interrupted_run_drops_the_parsing_not_yet_started() -> None:
    from flows.ingest import worker_pool

    futures = []
    with pytest.raises(KeyboardInterrupt), worker_pool(2, 1000) as pool:
        assert pool is not None
        futures = [pool.submit(time.sleep, 0.3) for _ in range(20)]
        raise KeyboardInterrupt
    assert futures[-1].cancelled()  # was: all twenty done first, six seconds of work


def test_a_json_line_nested_too_deeply_is_a_reject_and_the_file_goes_on(
    tmp_path: Path, db_path: Path
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    good = json.dumps(
        {"url": "https://x.test/ok", "text": "A fine body that is long enough to be an article."}
    )
    (tmp_path / "deep.jsonl").write_text(f"{deep}\n{good}\n", encoding="utf-8")
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert (s.counts.loaded, s.counts.rejected, dict(s.counts.reasons)) == (1, 1, {"extract/too_deep": 1})


def test_a_bug_met_on_one_input_costs_that_input_not_the_run(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.pipeline

    write_corpus(tmp_path, 3)
    real = flows.pipeline.extract_text

    def buggy(text: str, **kwargs: Any) -> Any:
        if "story 1," in text:
            raise KeyError("a bug")
        return real(text, **kwargs)

    monkeypatch.setattr(flows.pipeline, "extract_text", buggy)
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert (s.counts.loaded, s.counts.rejected, dict(s.counts.reasons)) == (
        2,
        1,
        {"extract/internal_error": 1},
    )
    assert query(db_path, "SELECT reason, detail FROM rejects") == [("internal_error", "KeyError: 'a bug'")]


def test_changed_file_updates_in_place(tmp_path: Path, db_path: Path) -> None:
    write_corpus(tmp_path, 3)
    run_plain([str(tmp_path)], db_path, workers=1)
    (aid, ingested) = query(
        db_path, "SELECT article_id, ingested_at FROM articles WHERE title = 'Story number 1'"
    )[0]
    (tmp_path / "a00001.txt").write_text(article(1, extra=" A correction was added."), encoding="utf-8")
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert (s.counts.updated, s.counts.unchanged, s.counts.loaded) == (1, 2, 0)
    rows = query(db_path, "SELECT article_id, ingested_at, body FROM articles WHERE title = 'Story number 1'")
    assert len(rows) == 1
    assert rows[0][0] == aid and rows[0][1] == ingested
    assert "A correction was added." in str(rows[0][2])
    assert counts(db_path)["articles"] == 3


def test_exact_duplicates_are_recorded_not_loaded(tmp_path: Path, db_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "one.txt")
    shutil.copy(SEED, tmp_path / "two.txt")
    (tmp_path / "three.txt").write_bytes(
        SEED.read_bytes().replace(b"\n", b"\r\n")
    )  # same article, other line ends
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert (s.counts.loaded, s.counts.duplicate) == (1, 2)
    assert query(db_path, "SELECT status, count(*) FROM documents GROUP BY ALL ORDER BY 1") == [
        ("duplicate", 2),
        ("loaded", 1),
    ]
    (loaded_id,) = query(db_path, "SELECT article_id FROM articles")[0]
    assert query(db_path, "SELECT DISTINCT article_id FROM documents") == [(loaded_id,)]


def test_bad_inputs_are_quarantined_with_reasons(tmp_path: Path, db_path: Path) -> None:
    good = tmp_path / "in"
    good.mkdir()
    shutil.copy(SEED, good / "seed.txt")
    (good / "empty.txt").write_bytes(b"")
    (good / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (good / "header-only.txt").write_text("Title: Nothing else\n", encoding="utf-8")
    (good / "stub.txt").write_text("date 2022-10-12\nBy Someone\n", encoding="utf-8")  # no article text
    (good / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    (good / "undated.txt").write_text(
        "Date: 31 Smarch 2022, teatime\n\nA body without a usable date, but long enough to be an article.\n",
        encoding="utf-8",
    )
    records = [
        {
            "url": "https://example.com/a",
            "title": "A",
            "authors": ["Ann Lee"],
            "date": "2022-10-12T10:00:00Z",
            "text": "Body A is here, and it is long enough to be a news brief.",
        },
        {"url": "https://example.com/b", "title": "B"},
        "{not json",
        {
            "url": "https://example.com/c",
            "author": "Bo Chen",
            "date_publish": "2021-01-02 03:04:05",
            "maintext": "Body C is another brief, with just enough words to count.",
        },
    ]
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    (good / "batch.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    (good / "notes.md").write_text("not an article file", encoding="utf-8")
    missing = tmp_path / "missing.txt"

    s = run_plain([str(good), str(missing)], db_path, workers=1)
    c = s.counts
    assert c.seen == c.loaded + c.updated + c.unchanged + c.duplicate + c.rejected
    assert (c.loaded, c.rejected) == (4, 8)  # seed, undated, JSONL A and C; and 8 rejects
    assert dict(c.reasons) == {
        "decode/empty": 1,
        "decode/binary": 1,
        "extract/no_body": 3,  # header-only, stub (a date header and a byline) and a JSONL record
        "extract/invalid_json": 1,
        "read/corrupt_gzip": 1,
        "read/missing_path": 1,
    }
    assert s.ignored_files == 1
    # The path it could not use is in runs, for SQL (a run with problems looked like a clean one there).
    assert query(db_path, "SELECT status, problems FROM runs") == [
        ("completed", [f"{missing}: no such file or directory"])
    ]
    reasons = {r[0]: (r[1], r[2]) for r in query(db_path, "SELECT reason, stage, detail FROM rejects")}
    assert all(detail for _, detail in reasons.values())
    undated = query(
        db_path,
        "SELECT published_at, published_text, published_error FROM articles WHERE body LIKE 'A body without%'",
    )
    assert undated[0][0] is None and undated[0][1] == "31 Smarch 2022, teatime" and undated[0][2]
    jsonl = query(
        db_path,
        "SELECT url, authors, published_at FROM articles WHERE url LIKE 'https://example.com/%' ORDER BY url",
    )
    assert jsonl == [
        ("https://example.com/a", ["Ann Lee"], datetime(2022, 10, 12, 10, 0, tzinfo=UTC)),
        ("https://example.com/c", ["Bo Chen"], datetime(2021, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ]
    before = counts(db_path)
    again = run_plain([str(good), str(missing)], db_path, workers=1)
    assert counts(db_path) == before
    assert again.counts.loaded == 0 and again.counts.seen == c.seen


def test_many_files_use_worker_processes(tmp_path: Path, db_path: Path) -> None:
    write_corpus(tmp_path, 150)
    s = run_plain([str(tmp_path)], db_path, workers=2)
    assert s.counts.loaded == 150
    assert counts(db_path)["articles"] == 150
    assert query(db_path, "SELECT count(DISTINCT author_id) FROM authors") == [(7,)]


def _kill_after_the_first_batch(corpus: Path, db_path: Path) -> None:
    """Run ``wirehouse ingest`` of ``corpus`` on one worker and SIGKILL it once a batch is loaded."""
    cmd = [
        sys.executable,
        "-m",
        "flows.cli",
        "ingest",
        "--no-prefect",
        "--workers",
        "1",
        "--db",
        str(db_path),
    ]
    proc = subprocess.Popen(
        [*cmd, str(corpus)], cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        if "files read" in line or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def test_killed_run_leaves_consistent_warehouse_and_next_run_finishes(tmp_path: Path, db_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1500)
    _kill_after_the_first_batch(corpus, db_path)
    partial = counts(db_path)
    assert 0 < partial["articles"] < 1500, "the kill should land between batches"
    assert partial["articles"] == partial["documents"] == partial["input_files"]
    s = run_plain([str(corpus)], db_path, workers=1)
    assert s.counts.loaded == 1500 - partial["articles"]
    assert s.counts.unchanged == partial["articles"]
    final = counts(db_path)
    assert final["articles"] == final["documents"] == final["input_files"] == 1500


def test_a_killed_run_is_closed_with_what_it_replaced_counted_as_updated(
    tmp_path: Path, db_path: Path
) -> None:
    # A review: the next run counted every article carrying the dead run's id as loaded, the articles
    # it had replaced in place too.
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1500)
    run_plain([str(corpus)], db_path, workers=1)
    for path in corpus.iterdir():  # every article changes: a re-run replaces them all in place
        path.write_text(path.read_text(encoding="utf-8") + "\nA late paragraph was added to the story.\n")
    _kill_after_the_first_batch(corpus, db_path)
    run_plain([str(corpus)], db_path, workers=1)  # closes the dead run, then finishes the work
    [(seen, loaded, updated, duplicate, rejected)] = query(
        db_path,
        "SELECT seen, loaded, updated, duplicate, rejected FROM runs WHERE status = 'failed'",
    )
    assert loaded == 0 and 0 < updated < 1500 and seen == updated + duplicate + rejected


def _marked_processes(mark: str) -> list[int]:
    """Processes whose environment carries ``WIREHOUSE_TEST_MARK=mark`` (a command's own and those it
    started: the fork server, its workers, the resource tracker), zombies not counted."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"WIREHOUSE_TEST_MARK={mark}".encode() in environ.split(b"\0") and state != "Z":
            found.append(int(pid))
    return found


def _all_gone(mark: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while _marked_processes(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _marked_processes(mark)


def _ingest_under_way(tmp_path: Path, db_path: Path, mark: str) -> subprocess.Popen[str]:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "ingest", "--no-prefect", "--workers", "2", "--db", str(db_path), str(corpus)],
        cwd=ROOT, env={**os.environ, "WIREHOUSE_TEST_MARK": mark}, stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL, text=True, start_new_session=True,
    )  # fmt: skip
    assert proc.stderr is not None
    for line in proc.stderr:
        if "files read" in line:  # a batch is loaded, workers are parsing the next
            break
    assert len(_marked_processes(mark)) >= 4, "the command, the fork server and two workers"
    return proc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_command_leaves_no_worker_or_fork_server_behind(tmp_path: Path, db_path: Path) -> None:
    # The workers' parent is the fork server, and both held each other alive: after a SIGKILL of the
    # command they ran for good, each with the language model loaded.
    mark = f"killed-{os.getpid()}-{time.monotonic_ns()}"
    proc = _ingest_under_way(tmp_path, db_path, mark)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _all_gone(mark), [Path(f"/proc/{p}/cmdline").read_bytes()[:80] for p in _marked_processes(mark)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_twice_or_three_times_ends_the_command_and_its_workers(tmp_path: Path, db_path: Path) -> None:
    # A second Ctrl-C while the workers were awaited hung the command at exit; a third left them running.
    mark = f"ctrl-c-{os.getpid()}-{time.monotonic_ns()}"
    proc = _ingest_under_way(tmp_path, db_path, mark)
    for gap in (0.05, 0.3, 1.0):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        time.sleep(gap)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert _all_gone(mark)


INTERRUPTED_MID_TRANSFER = """
import sys, time
from flows.ingest import worker_pool
def big(n):
    return b"x" * n
if __name__ == "__main__":
    try:
        with worker_pool(2, 10**6) as pool:
            futures = [pool.submit(big, 100_000_000) for _ in range(8)]
            time.sleep(0.5)  # results of 100 MB on their way through the pool's pipe
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("interrupted", flush=True)
"""


def test_an_interrupt_while_a_worker_sends_its_result_does_not_hang_the_exit(tmp_path: Path) -> None:
    # Workers stopped halfway through sending a result left the pool's reader waiting for the rest, and the
    # interpreter waited for it at exit for ever (found by review: 2 SIGTERMs of 46 hung a real ingest).
    script = tmp_path / "interrupted.py"
    script.write_text(INTERRUPTED_MID_TRANSFER, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "interrupted" in r.stdout, r.stderr


KILLED_AFTER_COMMIT = """
import os, sys
from pathlib import Path
from flows import ingest
from flows.pipeline import process_files
from flows.read import discover
db = Path(sys.argv[1])
run_id = ingest.start_run(db, [], "ingest", None)
loader = ingest.Loader(db, run_id)
loader.load(process_files(discover([sys.argv[2]]).files))
os._exit(0)  # the batch is committed, its write-ahead log not yet folded into the file
"""


def test_a_run_killed_after_committing_updates_leaves_a_warehouse_the_next_runs_can_update(
    tmp_path: Path, db_path: Path
) -> None:
    """Replaying a log that deletes and re-inserts the same keys broke DuckDB 1.5's indexes (the next
    update died with 'Failed to delete all rows from index'); the pinned DuckDB must not."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 20)
    run_plain([str(corpus)], db_path, workers=1)
    for version in range(1, 5):
        for i in range(20):
            (corpus / f"a{i:05d}.txt").write_text(article(i, extra=f" Version {version}."), encoding="utf-8")
        if version % 2:
            done = subprocess.run(
                [sys.executable, "-c", KILLED_AFTER_COMMIT, str(db_path), str(corpus)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, done.stderr[-2000:]
        else:
            s = run_plain([str(corpus)], db_path, workers=1)
            assert (s.counts.updated, s.counts.seen) == (20, 20)
    bodies = query(db_path, "SELECT count(*), count(*) FILTER (WHERE body LIKE '%Version 4.%') FROM articles")
    assert bodies == [(20, 20)]
    assert counts(db_path)["article_authors"] == 20


def test_running_out_of_duckdb_memory_is_recovered_not_fatal(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under a cap too small for its COMMITs and CHECKPOINTs (each would invalidate the database), the
    loader starts a new connection and does the work again without the cap: nothing fails or is lost."""
    from flows import ingest

    monkeypatch.setattr(ingest, "MEMORY_FLOOR_MB", 8)
    monkeypatch.setattr(ingest, "MEMORY_ROOM", 0.0)
    monkeypatch.setattr(ingest, "CHECKPOINT_WAL_BYTES", 1)  # a checkpoint after every batch
    recoveries: list[int] = []
    close = ingest.Loader.close

    def counting_close(self: ingest.Loader, fold: bool = True) -> None:
        recoveries.append(self.recoveries)
        close(self, fold)

    monkeypatch.setattr(ingest.Loader, "close", counting_close)
    write_corpus(tmp_path / "corpus", 1500)
    s = run_plain([str(tmp_path / "corpus")], db_path, workers=1)
    assert (s.counts.loaded, s.counts.seen) == (1500, 1500)
    assert recoveries and recoveries[0] >= 1, "the cap was never too small: this test tests nothing"
    assert counts(db_path)["articles"] == counts(db_path)["documents"] == 1500
    again = run_plain([str(tmp_path / "corpus")], db_path, workers=1)
    assert again.counts.unchanged == 1500


@pytest.mark.parametrize("name", ["a.txt", "b.jsonl"])
def test_explicit_unsupported_or_missing_paths(tmp_path: Path, db_path: Path, name: str) -> None:
    odd = tmp_path / "page.pdf"
    odd.write_bytes(b"%PDF-1.4")
    s = run_plain([str(odd), str(tmp_path / name)], db_path, workers=1)
    assert dict(s.counts.reasons) == {"read/unsupported_type": 1, "read/missing_path": 1}
    assert len(s.problems) == 2


def test_html_pages_flow_through_the_same_ingest(tmp_path: Path, db_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    fixtures = sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))
    assert fixtures
    for i, page in enumerate(fixtures):
        data = page.read_bytes()
        if i % 2:
            (pages / f"{page.stem}.html.gz").write_bytes(gzip.compress(data))
        else:
            (pages / page.name).write_bytes(data)
    (pages / "garbage.htm").write_bytes(bytes(range(256)) * 4)
    s = run_plain([str(pages)], db_path, workers=1)
    assert s.counts.loaded == len(fixtures)
    assert s.counts.rejected == 1
    rows = query(db_path, "SELECT title, body, published_evidence FROM articles ORDER BY title")
    assert all(title and len(str(body).split()) > 20 for title, body, _ in rows)
    assert all(evidence for _, _, evidence in rows)  # every fixture page carries a publication date
    before = counts(db_path)
    again = run_plain([str(pages)], db_path, workers=1)
    assert again.counts.unchanged == len(fixtures) + 1 and counts(db_path) == before


def test_jsonl_line_inserted_at_the_top_changes_nothing_else(tmp_path: Path, db_path: Path) -> None:
    records = [
        {
            "url": f"https://x.test/{i}",
            "title": f"T{i}",
            "text": f"Body number {i}, with enough words in it to be an article.",
        }
        for i in range(5)
    ]
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    first = run_plain([str(f)], db_path, workers=1)
    assert first.counts.loaded == 5
    new = {
        "url": "https://x.test/new",
        "title": "New",
        "text": "A new body, long enough to be loaded as an article.",
    }
    f.write_text("\n".join(json.dumps(r) for r in [new, *records]), encoding="utf-8")
    second = run_plain([str(f)], db_path, workers=1)
    assert (second.counts.loaded, second.counts.unchanged, second.counts.duplicate) == (1, 5, 0)
    assert counts(db_path)["articles"] == counts(db_path)["documents"] == 6


def test_documents_name_the_url_a_local_input_gives(tmp_path: Path, db_path: Path) -> None:
    body = "The council approved the new tram line to the harbour on Tuesday evening after a debate."
    (tmp_path / "a.jsonl").write_text(f'{{"url": "https://x.test/a", "text": "{body}"}}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"URL: https://x.test/b\n\n{body} Again.\n", encoding="utf-8")
    run_plain([str(tmp_path)], db_path, workers=1)
    # Was NULL for both: only fetched pages had a document URL.
    assert query(db_path, "SELECT url FROM documents ORDER BY url") == [
        ("https://x.test/a",),
        ("https://x.test/b",),
    ]


def test_one_author_spelt_in_two_cases_is_one_author_and_breaks_nothing(
    tmp_path: Path, db_path: Path
) -> None:
    body = "The council approved the new tram line to the harbour on Tuesday evening after a debate."
    (tmp_path / "a.txt").write_text(f"Author: JANE DOE\n\nBy Jane Doe\n\n{body}\n", encoding="utf-8")
    record = {"url": "https://x.test/b", "authors": ["ann lee", "Ann Lee"], "text": f"{body} Again."}
    (tmp_path / "b.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    write_corpus(tmp_path / "more", 3)
    # Was: ConstraintException on article_authors' key, the whole run failed and nothing loaded.
    s = run_plain([str(tmp_path)], db_path, workers=1)
    assert (s.counts.loaded, s.counts.rejected) == (5, 0)
    rows = query(db_path, "SELECT authors FROM articles WHERE NOT list_contains(authors, 'Reporter Person0')")
    assert sorted(str(r[0]) for r in rows) == [
        "['Ann Lee']",
        "['Jane Doe']",
        "['Reporter Person1']",
        "['Reporter Person2']",
    ]


def test_a_bug_met_while_loading_one_input_costs_that_input_not_the_run(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.load

    write_corpus(tmp_path / "in", 6)
    real = flows.load._article_dict

    def broken(a: Any, *args: Any) -> dict[str, Any]:
        if a.title == "Story number 3":
            raise ValueError("a value the loader cannot handle")
        return real(a, *args)

    monkeypatch.setattr(flows.load, "_article_dict", broken)
    # Was: the batch's transaction failed, and with it the run; nothing of the 6 inputs was loaded.
    s = run_plain([str(tmp_path / "in")], db_path, workers=1)
    assert (s.counts.loaded, s.counts.rejected) == (5, 1)
    assert dict(s.counts.reasons) == {"load/internal_error": 1}
    detail = query(db_path, "SELECT detail FROM rejects")[0][0]
    assert detail == "ValueError: a value the loader cannot handle"
    monkeypatch.setattr(flows.load, "_article_dict", real)
    (tmp_path / "in" / "a00003.txt").write_text(article(3, extra=" Fixed."), encoding="utf-8")
    again = run_plain([str(tmp_path / "in")], db_path, workers=1)
    assert (again.counts.updated, again.counts.unchanged, counts(db_path)["articles"]) == (1, 5, 6)


def test_an_authors_name_is_a_mixed_case_spelling_when_one_is_seen(tmp_path: Path, db_path: Path) -> None:
    body = "The council approved the new tram line to the harbour on Tuesday evening after a debate."
    (tmp_path / "a.txt").write_text(f"Author: JANE DOE\n\n{body}\n", encoding="utf-8")
    run_plain([str(tmp_path)], db_path, workers=1)
    (tmp_path / "b.txt").write_text(f"Author: Jane Doe\n\n{body} Later.\n", encoding="utf-8")
    run_plain([str(tmp_path)], db_path, workers=1)
    # Was: "JANE DOE" for good, the first spelling seen.
    assert query(db_path, "SELECT name FROM authors") == [("Jane Doe",)]


def test_a_cut_gzip_is_rejected_once_and_its_reject_goes_when_the_file_is_whole(
    tmp_path: Path, db_path: Path
) -> None:
    body = "The council approved the new tram line to the harbour on Tuesday evening after a debate."
    whole = gzip.compress(json.dumps({"url": "https://x.test/1", "text": body}).encode() + b"\n")
    f = tmp_path / "a.jsonl.gz"
    f.write_bytes(whole[: len(whole) // 2])
    first = run_plain([str(f)], db_path, workers=1)
    assert dict(first.counts.reasons) == {"read/corrupt_gzip": 1}
    again = run_plain([str(f)], db_path, workers=1)
    # Was: read and rejected again on every run, while rejected records in readable files are unchanged.
    assert (again.counts.unchanged, again.counts.rejected) == (1, 0)
    f.write_bytes(whole)
    fixed = run_plain([str(f)], db_path, workers=1)
    assert fixed.counts.loaded == 1
    # Was: the file's reject stayed beside its loaded record, one input both loaded and rejected.
    assert counts(db_path)["rejects"] == 0 and counts(db_path)["articles"] == 1


def test_a_run_whose_process_was_killed_is_closed_as_failed_with_what_it_loaded(
    tmp_path: Path, db_path: Path
) -> None:
    import socket
    import subprocess

    write_corpus(tmp_path / "in", 3)
    first = run_plain([str(tmp_path / "in")], db_path, workers=1)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    with duckdb.connect(str(db_path)) as con:
        # As a run killed with kill -9 after loading leaves it: still "running", zero counts.
        con.execute(
            "UPDATE runs SET status = 'running', finished_at = NULL, seen = 0, loaded = 0, host = ?, pid = ?, "
            "pid_started = NULL WHERE run_id = ?",
            [socket.gethostname(), dead_pid, first.run_id],
        )
        con.execute(  # and one that is still going, in this very process
            "INSERT INTO runs (run_id, flow_name, started_at, status, extractor_version, host, pid) "
            "VALUES ('alive', 'ingest', now(), 'running', 'x', ?, ?)",
            [socket.gethostname(), os.getpid()],
        )
    run_plain([str(tmp_path / "in")], db_path, workers=1)
    rows = dict(
        query(
            db_path,
            "SELECT run_id, status || ' ' || loaded FROM runs WHERE run_id IN (?, 'alive')",
            [first.run_id],
        )
    )
    # Was: "running 0" for ever, although its 3 articles were committed.
    assert rows == {first.run_id: "failed 3", "alive": "running 0"}


def test_a_mixed_case_spelling_wins_within_one_batch_too(tmp_path: Path, db_path: Path) -> None:
    body = "The council approved the new tram line to the harbour on Tuesday evening after a debate."
    (tmp_path / "a.txt").write_text(f"Author: JANE DOE\n\n{body}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Author: Jane Doe\n\n{body} Later.\n", encoding="utf-8")
    run_plain([str(tmp_path)], db_path, workers=1)
    # Was: "JANE DOE", the first spelling of the batch; only names already stored were upgraded.
    assert query(db_path, "SELECT name FROM authors") == [("Jane Doe",)]


def test_date_errors_group_by_reason_not_by_value(tmp_path: Path, db_path: Path) -> None:
    body = "The council approved the new tram line to the harbour on Tuesday evening after a debate."
    for i, date in enumerate(("11/08/2019", "03/04/2022", "12/10/2022")):
        (tmp_path / f"a{i}.txt").write_text(f"Date: {date}\n\n{body} Story {i}.\n", encoding="utf-8")
    run_plain([str(tmp_path)], db_path, workers=1)
    # published_error names the value, so GROUP BY published_error gave one row per article.
    assert query(db_path, "SELECT reason, articles FROM date_error_summary") == [
        ("ambiguous day/month order in '…': give a locale", 3)
    ]


def test_a_folder_that_was_missing_loses_its_reject_once_it_is_read(tmp_path: Path, db_path: Path) -> None:
    later = tmp_path / "later"
    assert run_plain([str(later)], db_path, workers=1).counts.rejected == 1
    later.mkdir()
    (later / "a.txt").write_text(f"{article(1)}\n", encoding="utf-8")
    run_plain([str(later)], db_path, workers=1)
    # Was: the folder stayed "rejected / missing_path" beside the file it now holds (a file's own reject
    # goes when it loads; a folder never loads).
    assert query(db_path, "SELECT origin, status FROM document_outcomes") == [
        (str(later / "a.txt"), "loaded")
    ]


def test_articles_count_under_the_day_their_text_wrote(tmp_path: Path, db_path: Path) -> None:
    from flows.pipeline import ReadHints

    text = "Markets {} on the news that the central bank would hold its interest rates for a quarter."
    records = [
        {"url": "https://m.test/day", "date": "2023-09-03", "text": text.format("rallied")},
        {"url": "https://m.test/offset", "date": "2023-09-03T23:30:00-04:00", "text": text.format("fell")},
        {"url": "https://m.test/zone", "date": "2023-09-03 23:30", "text": text.format("rose")},
    ]
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run_plain([str(tmp_path)], db_path, workers=1, hints=ReadHints(timezone="Europe/Berlin"))
    rows = query(
        db_path,
        "SELECT a.url, strftime(l.published_local, '%Y-%m-%d %H:%M'), l.published_zone"
        " FROM article_local_dates l JOIN articles a USING (article_id) ORDER BY a.url",
    )
    assert rows == [
        ("https://m.test/day", "2023-09-03 00:00", "Europe/Berlin"),
        ("https://m.test/offset", "2023-09-03 23:30", "-04:00"),
        ("https://m.test/zone", "2023-09-03 23:30", "Europe/Berlin"),
    ]
    # Was: the day-only date (midnight in Berlin, 22:00 UTC) counted under 2 September, the UTC day, and
    # the other two under the 3rd and the 4th.
    assert query(db_path, "SELECT CAST(day AS VARCHAR), sum(articles) FROM articles_by_day GROUP BY 1") == [
        ("2023-09-03", 3)
    ]


def test_ingest_reads_dates_without_an_offset_in_the_zone_it_is_given(tmp_path: Path) -> None:
    # news-please writes the site's local time without a zone: read as UTC, a German article was two hours
    # off, and only a crawl source could say otherwise (found by review).
    from flows.pipeline import ReadHints

    folder = tmp_path / "in"
    folder.mkdir()
    text = "The harbour quay reopened on Tuesday after weeks of repairs by the city's engineers and divers."
    record = {
        "url": "https://zeitung.test/a",
        "title": "Kai",
        "maintext": text,
        "date_publish": "2019-05-13 10:12:00",
    }
    (folder / "dump.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    sql = "SELECT published_at, published_offset_minutes FROM articles"
    run_plain([str(folder)], tmp_path / "utc.duckdb", workers=1)
    assert query(tmp_path / "utc.duckdb", sql) == [(datetime(2019, 5, 13, 10, 12, tzinfo=UTC), None)]
    run_plain([str(folder)], tmp_path / "berlin.duckdb", workers=2, hints=ReadHints(timezone="Europe/Berlin"))
    # The string named no offset: none is stored as its own (the zone was the run's assumption).
    assert query(tmp_path / "berlin.duckdb", sql) == [(datetime(2019, 5, 13, 8, 12, tzinfo=UTC), None)]


@pytest.mark.parametrize(("flag", "value"), [("--tz", "Mars/Olympus_Mons"), ("--locale", "english")])
def test_a_bad_tz_or_locale_for_ingest_is_one_line(tmp_path: Path, flag: str, value: str) -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "ingest",
            "--db",
            str(tmp_path / "w.duckdb"),
            str(SEED),
            flag,
            value,
        ],
        cwd=ROOT,
        env={**os.environ, "WIREHOUSE_NO_PREFECT": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and r.stderr.startswith("wirehouse: error: ") and r.stderr.count("\n") == 1
    assert not (tmp_path / "w.duckdb").exists()


def test_dates_read_with_a_zone_are_read_with_it_again_when_re_derived(tmp_path: Path) -> None:
    # Found by review: the run's --tz was stored nowhere, so a duplicate re-derived in the same run, or
    # `wirehouse reprocess`, read "10:00" as UTC again.
    from flows import reprocess
    from flows.pipeline import ReadHints

    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    folder.mkdir()
    body = "The harbour reopened on Tuesday after a week of repairs to the breakwater and the quay walls."
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(
            f"Title: {name}\nDate: 2024-03-03 10:00\n\n{body}\n", encoding="utf-8"
        )
    berlin = ReadHints(timezone="Europe/Berlin")
    first = run_plain([str(folder)], db, workers=1, hints=berlin)
    assert (first.counts.loaded, first.counts.duplicate) == (1, 1)
    other = (
        "A different text about the ferry timetable, which changed for the summer season with more sailings."
    )
    (folder / "a.txt").write_text(f"Title: a\nDate: 2024-03-03 10:00\n\n{other}\n", encoding="utf-8")
    second = run_plain([str(folder)], db, workers=1, hints=berlin)
    assert second.repaired.seen == 1  # b, the duplicate, re-derived: now an article of its own
    nine = [(datetime(2024, 3, 3, 9, 0, tzinfo=UTC),)] * 2
    assert query(db, "SELECT published_at FROM articles") == nine
    assert query(db, "SELECT DISTINCT timezone FROM documents") == [("Europe/Berlin",)]
    again = reprocess.run_plain(db, everything=True)
    assert again.counts.unchanged == 2 and query(db, "SELECT published_at FROM articles") == nine


def test_progress_lines_use_the_summary_words() -> None:
    from flows.ingest import progress_line
    from flows.load import Counts

    counts = Counts(loaded=0, updated=3, duplicate=1)
    line = progress_line(4, 4, counts, datetime.now(UTC))
    # Was "3 loaded" while the run's summary said "loaded 0, updated 3".
    assert line.startswith("4/4 files read, 0 loaded, 3 updated, 1 duplicate, 0 rejected (")
    # Thousands grouped, as the summary and the flow's lines write them (was "800/4000").
    assert progress_line(800, 4000, Counts(), datetime.now(UTC), (3, 1200)).startswith(
        "800/4,000 files read (3/1,200 parts of large files), 0 loaded, "
    )
    assert ", updated" not in progress_line(4, 4, Counts(loaded=2), datetime.now(UTC))


def test_the_fork_server_starts_with_ctrl_c_blocked_and_this_process_keeps_its_mask() -> None:
    # A review: a Ctrl-C in the second the fork server imports its preload (before it ignores SIGINT)
    # printed a KeyboardInterrupt traceback from it. Checked in a child, whose fork server is its own.
    code = (
        "import multiprocessing.forkserver as fs, os, signal, sys\n"
        "from flows.ingest import forkserver\n"
        "forkserver()\n"
        "assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())\n"
        "import time\n"
        "def children(word):\n"
        "    kids = [int(p) for p in os.listdir('/proc') if p.isdigit()\n"
        "            and open(f'/proc/{p}/stat').read().rsplit(')', 1)[1].split()[1] == str(os.getpid())]\n"
        "    return [k for k in kids if word in open(f'/proc/{k}/cmdline', 'rb').read()]\n"
        "def blocked(k):\n"
        "    status = open(f'/proc/{k}/status').read()\n"
        "    return int(next(l for l in status.splitlines() if l.startswith('SigBlk')).split()[1], 16)\n"
        "# A child still in its exec shows an empty command line for a moment (CI, a loaded machine)\n"
        "deadline = time.monotonic() + 30\n"
        "while not (children(b'forkserver') and children(b'resource_tracker')) and time.monotonic() < deadline:\n"
        "    time.sleep(0.05)\n"
        "server, tracker = children(b'forkserver'), children(b'resource_tracker')\n"
        "print(bool(blocked(server[0]) & (1 << (signal.SIGINT - 1))))\n"
        "# SIGHUP too, for both (a terminal closed killed the tracker: KeyError tracebacks)\n"
        "print(all(blocked(k) & (1 << (signal.SIGHUP - 1)) for k in server + tracker), len(tracker))\n"
        "assert signal.SIGHUP not in signal.pthread_sigmask(signal.SIG_BLOCK, set())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.split() == ["True", "True", "1"], out.stderr


def test_a_worker_that_starts_after_its_pool_is_gone_prints_no_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from flows import worker_preload

    worker_preload._quiet_if_the_pool_is_gone(FileNotFoundError, FileNotFoundError(2, "gone"), None)
    worker_preload._quiet_if_the_pool_is_gone(EOFError, EOFError(), None)
    assert capsys.readouterr().err == ""
    worker_preload._quiet_if_the_pool_is_gone(ValueError, ValueError("a real bug"), None)
    assert "ValueError: a real bug" in capsys.readouterr().err


def test_a_modification_date_is_stored_with_its_precision_or_its_error(tmp_path: Path, db_path: Path) -> None:
    # Before migration 011 the warehouse kept an unreadable modification date's text with no reason, and
    # a day-only one looked like an update at midnight.
    folder = tmp_path / "in"
    folder.mkdir()
    body = (
        "By Reporter Person\n\n"
        "This is the first paragraph of the story, which talks about the matter at hand in detail.\n\n"
        "The second paragraph of the story adds context, quotes and a conclusion for the reader.\n"
    )
    (folder / "day.txt").write_text(
        f"Title: Day only\nDate: 2023-03-01T10:15:00+01:00\nUpdated: 2023-03-04\n\n{body}", encoding="utf-8"
    )
    (folder / "minute.txt").write_text(
        f"Title: To the minute\nDate: 2023-03-01T10:15:00+01:00\nUpdated: 2023-03-02 16:40 +01:00\n\n"
        f"{body.replace('story', 'report')}",
        encoding="utf-8",
    )
    (folder / "bad.txt").write_text(
        f"Title: Unreadable\nDate: 2023-03-01T10:15:00+01:00\nUpdated: 31 Smarch 2023\n\n"
        f"{body.replace('story', 'piece')}",
        encoding="utf-8",
    )
    run_plain([str(folder)], db_path, workers=1)
    rows = query(
        db_path,
        "SELECT title, modified_at::VARCHAR, modified_text, modified_precision, modified_error "
        "FROM articles ORDER BY title",
    )
    assert rows[0] == ("Day only", "2023-03-04 00:00:00+00", "2023-03-04", "day", None)
    assert rows[1][0] == "To the minute" and rows[1][1] == "2023-03-02 15:40:00+00"
    assert rows[1][3] == "minute" and rows[1][4] is None
    title, at, text, precision, error = rows[2]
    assert (title, at, text, precision) == ("Unreadable", None, "31 Smarch 2023", None)
    assert isinstance(error, str) and "no month name" in error


def outcomes(db: Path, path: Path) -> list[tuple[object, ...]]:
    return query(
        db,
        "SELECT origin, status, reject_reason FROM document_outcomes WHERE origin = ? OR starts_with(origin, ?) "
        "ORDER BY origin",
        [str(path), f"{path}#"],
    )


def test_a_fixed_record_is_no_reject_any_more(tmp_path: Path, db_path: Path) -> None:
    body = "The council approved the new tram line to the harbour on Tuesday evening after a long debate."
    lines = [json.dumps({"url": f"https://x.test/{i}", "text": f"{body} {i}"}) for i in range(1, 15)]
    lines[4] = '{"url": "https://x.test/5", "text":: "broken"}'
    lines[9] = '{"text": "cut'
    f = tmp_path / "dump.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = run_plain([str(f)], db_path, workers=1)
    assert (first.counts.loaded, first.counts.rejected) == (12, 2)
    lines[4] = json.dumps({"url": "https://x.test/5", "text": f"{body} 5"})  # now known by its URL
    del lines[9]  # gone from the file
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    second = run_plain([str(f)], db_path, workers=1)
    assert (second.counts.loaded, second.counts.unchanged, second.counts.rejected) == (1, 12, 0)
    # Was: both rejects stayed for good, `#L5 rejected` beside the `#https://x.test/5` now loaded (15
    # inputs for a file of 13 records).
    assert counts(db_path)["rejects"] == 0
    now = outcomes(db_path, f)
    assert len(now) == 13 and {status for _, status, _ in now} == {"loaded"}
    before = counts(db_path)
    os.utime(f, ns=(1, 1))  # read again, unchanged
    third = run_plain([str(f)], db_path, workers=1)
    assert (third.counts.seen, third.counts.unchanged) == (13, 13)
    assert counts(db_path) == before and outcomes(db_path, f) == now


def test_a_json_file_rejected_whole_gives_its_records_once_fixed(tmp_path: Path, db_path: Path) -> None:
    body = "The council approved the new tram line to the harbour on Tuesday evening after a long debate."
    text = json.dumps([{"url": f"https://x.test/{i}", "text": f"{body} {i}"} for i in range(4)], indent=2)
    f = tmp_path / "dump.json"
    f.write_text(text[: len(text) // 2], encoding="utf-8")  # cut short
    first = run_plain([str(f)], db_path, workers=1)
    assert (first.counts.seen, dict(first.counts.reasons)) == (1, {"extract/invalid_json": 1})
    assert outcomes(db_path, f) == [(str(f), "rejected", "invalid_json")]
    f.write_text(text, encoding="utf-8")
    second = run_plain([str(f)], db_path, workers=1)
    assert (second.counts.seen, second.counts.loaded) == (4, 4)
    # Was: the file's document stayed `rejected` in document_outcomes beside its four records.
    assert counts(db_path)["rejects"] == 0
    assert [status for _, status, _ in outcomes(db_path, f)] == ["loaded"] * 4
    f.write_text(text.replace('"text":', '"text"::', 1), encoding="utf-8")  # broken again: one reject
    third = run_plain([str(f)], db_path, workers=1)
    assert dict(third.counts.reasons) == {"extract/invalid_json": 1}
    assert counts(db_path)["articles"] == 4  # what it loaded stays: the warehouse is an archive


def test_python_m_flows_cli_starts_its_workers_without_runpy_s_warning(tmp_path: Path) -> None:
    # Review: each worker ran `flows.cli` again by name, and runpy printed "RuntimeWarning: 'flows.cli'
    # found in sys.modules ..." twice per run.
    write_corpus(tmp_path / "in", MIN_FILES_FOR_POOL + 6)
    r = subprocess.run(
        [sys.executable, "-m", "flows.cli", "ingest", "--no-prefect", "--workers", "2", "--json",
         "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "in")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["loaded"] == MIN_FILES_FOR_POOL + 6
    assert "RuntimeWarning" not in r.stderr, r.stderr
