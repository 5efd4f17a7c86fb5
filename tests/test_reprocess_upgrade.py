"""Reprocess and ingest over a warehouse an older Wirehouse built: the rows it left are made what a fresh
ingest of the same inputs makes, once, and a second run changes nothing.

The old rows are built here with SQL over a current warehouse, as the older versions wrote them (checked
against those versions' trees, run over the same inputs: see each test)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import duckdb

from flows import crawl, ingest, reprocess
from flows.records import stable_id
from flows.sources import load_sources

SUBWAY = (
    "Title: Tokyo opens a new subway line\nDate: 12 March 2024\n\nA new subway line opened in the east of "
    "the city on Tuesday, linking three districts that had no rail service before, the operator said.\n"
)


def query(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def execute(db: Path, *statements: str) -> None:
    with duckdb.connect(str(db)) as con:
        for sql in statements:
            con.execute(sql)


def local_dates(db: Path) -> list[tuple[Any, ...]]:
    return query(db, "SELECT published_local_day, published_zone FROM article_local_dates")


def test_a_document_stored_before_its_zone_was_kept_gets_it_when_reprocess_rederives_it(
    tmp_path: Path, db_path: Path
) -> None:
    (tmp_path / "tokyo").mkdir()
    (tmp_path / "tokyo" / "subway.txt").write_text(SUBWAY, encoding="utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "tokyo"\nkind = "files"\npath = "tokyo"\ntimezone = "Asia/Tokyo"\n'
    )
    config = load_sources(sources)
    crawl.run_plain(config, db_path, raw_dir=tmp_path / "raw")
    fresh = local_dates(db_path)
    assert [(str(day), zone) for day, zone in fresh] == [("2024-03-12", "Asia/Tokyo")]
    # What a crawl before migration 008 left (f448966, run over these files): the same article, its date
    # read in the source's zone, and no zone stored with its document; made by an older extractor.
    execute(
        db_path,
        "UPDATE documents SET locale = NULL, timezone = NULL",
        "UPDATE runs SET extractor_version = '0.1.10'",
    )
    assert [(str(day), zone) for day, zone in local_dates(db_path)] == [("2024-03-11", "UTC")]

    s = reprocess.run_plain(db_path, config=config, raw_dir=tmp_path / "raw")
    assert (s.selected, s.counts.unchanged, s.missing) == (1, 1, 0)
    # Was: only its last run moved, the zone stayed NULL and the views put it on 11 March for good.
    assert local_dates(db_path) == fresh
    assert query(db_path, "SELECT timezone FROM documents") == [("Asia/Tokyo",)]
    again = reprocess.run_plain(db_path, config=config, raw_dir=tmp_path / "raw")
    assert (again.selected, again.counts.seen) == (0, 0)


# What a warehouse holds of its inputs, without the times and runs that differ from one ingest to another.
_STATE = {
    "documents": "SELECT origin, kind, path, record_no, url, source, size_bytes, sha256, encoding, status, "
    "content_hash, duplicate_by, article_id, locale, timezone FROM documents ORDER BY origin",
    "articles": "SELECT * EXCLUDE (run_id, ingested_at, updated_at) FROM articles ORDER BY article_id",
    "rejects": "SELECT document_id, origin, stage, reason, detail FROM rejects ORDER BY origin",
    "input_files": "SELECT path, size_bytes, sha256, documents FROM input_files ORDER BY path",
    "authors": "SELECT * FROM authors ORDER BY author_id",
    "article_authors": "SELECT * FROM article_authors ORDER BY article_id, position",
}


def state(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {table: query(db, sql) for table, sql in _STATE.items()}


def fresh_state(folder: Path, tmp_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    fresh = tmp_path / "fresh.duckdb"
    ingest.run_plain([str(folder)], fresh, workers=1)
    return state(fresh)


def made_by_an_older_version(db: Path) -> None:
    """Every outcome made by an older extractor: what ``wirehouse reprocess`` selects after an upgrade."""
    execute(db, "UPDATE runs SET extractor_version = '0.1.0'")


def line_keys(db: Path, path: Path) -> None:
    """The records of ``path`` under the keys Wirehouse gave them before 66eb28c: ``path#L<line>``, and no URL
    in ``documents.url`` (e3329b7^, run over the same file, stored exactly these rows: the document ids
    are ``stable_id("doc", origin)``, its sha256 the line's bytes, its article keyed by its URL)."""
    with duckdb.connect(str(db)) as con:
        rows = con.execute(
            "SELECT document_id, record_no FROM documents WHERE path = ?", [str(path)]
        ).fetchall()
        for doc_id, line in rows:
            origin = f"{path}#L{line}"
            new_id = stable_id("doc", origin)
            con.execute(
                "UPDATE documents SET document_id = ?, origin = ?, url = NULL WHERE document_id = ?",
                [new_id, origin, doc_id],
            )
            con.execute("UPDATE articles SET document_id = ? WHERE document_id = ?", [new_id, doc_id])


WIRE = (
    '{"url": "https://wire.example.net/a1", "title": "Markets rally on rate hopes", "text": "Stock markets '
    "rallied on Monday as investors bet that central banks would begin cutting interest rates before the "
    'summer."}\n'
    '{"url": "https://wire.example.net/a2", "title": "Heatwave warning issued", "text": "Forecasters issued '
    "a heatwave warning for the south of the country, with temperatures expected to pass thirty-five "
    'degrees on Thursday."}\n'
)


def test_an_edited_record_stored_under_its_line_number_is_updated_in_place(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    wire = inputs / "wire.jsonl"
    wire.write_text(WIRE, encoding="utf-8")
    ingest.run_plain([str(inputs)], db_path, workers=1)
    line_keys(db_path, wire)
    made_by_an_older_version(db_path)
    first_ids = query(db_path, "SELECT article_id, ingested_at FROM articles ORDER BY 1")

    wire.write_text(WIRE.replace("rallied on Monday", "rallied strongly on Monday"), encoding="utf-8")
    s = ingest.run_plain([str(inputs)], db_path, workers=1)
    # Was: loaded 0, updated 0, duplicate 2: each record filed as a duplicate of its own old row, the edit
    # never loaded, and reprocess saying "wire.jsonl#L1: no longer in wire.jsonl" every run (review).
    assert (s.counts.updated, s.counts.unchanged, s.counts.duplicate, s.counts.loaded) == (1, 1, 0, 0)
    assert state(db_path) == fresh_state(inputs, tmp_path)
    assert query(db_path, "SELECT article_id, ingested_at FROM articles ORDER BY 1") == first_ids
    again = reprocess.run_plain(db_path)
    assert (again.selected, again.missing) == (0, 0)
    os.utime(wire, ns=(wire.stat().st_atime_ns, wire.stat().st_mtime_ns + 10**9))
    assert ingest.run_plain([str(inputs)], db_path, workers=1).counts.unchanged == 2


def test_reprocess_judges_an_unchanged_file_whose_records_an_older_version_keyed_by_line(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    wire = inputs / "wire.jsonl"
    wire.write_text(WIRE, encoding="utf-8")
    ingest.run_plain([str(inputs)], db_path, workers=1)
    line_keys(db_path, wire)
    made_by_an_older_version(db_path)
    assert ingest.run_plain([str(inputs)], db_path, workers=1).counts.unchanged == 2  # skipped, by mtime

    s = reprocess.run_plain(db_path)
    # Was: missing 2, "wire.jsonl#L1: no longer in wire.jsonl", exit 3, every run.
    assert (s.selected, s.counts.unchanged, s.missing, s.problems) == (2, 2, 0, [])
    assert state(db_path) == fresh_state(inputs, tmp_path)
    again = reprocess.run_plain(db_path)
    assert (again.selected, again.counts.seen, again.missing) == (0, 0, 0)


NEWSAPI = json.dumps(
    {
        "status": "ok",
        "totalResults": 2,
        "articles": [
            {
                "url": f"https://wire.example.org/s{n}",
                "title": f"Harbour works, part {n}",
                "publishedAt": "2024-03-09T10:00:00Z",
                "content": f"Part {n}. Work on the harbour wall continued through the weekend as crews raced "
                "to finish the first section before the spring tides.",
            }
            for n in (0, 1)
        ],
    }
)
BROKEN = (
    '[\n {"url": "https://wire.example.org/j1", "title": "One", "text": "Part one. Work on the harbour wall '
    'continued through the weekend as crews raced to finish."},\n x\n]\n'
)


def old_record_rows(db: Path, path: Path, records: list[tuple[int, str, str, str | None]], run: str) -> None:
    """The documents and rejects an older version stored for ``path``, one per line: (line, status, reject
    reason, article URL of a loaded one). afc8c86^ stored a NewsAPI page kept as one line as
    ``newsapi.jsonl#L1``, extract/no_body; d78f681^ a broken .json line by line (``broken.json#L<n>``,
    extract/invalid_json, the line that parsed loaded): checked by running those trees over these files."""
    lines = path.read_bytes().splitlines()
    with duckdb.connect(str(db)) as con:
        for line, status, reason, url in records:
            origin = f"{path}#L{line}"
            doc_id = stable_id("doc", origin)
            data = lines[line - 1]
            article = stable_id("url", url) if url else None
            con.execute(
                "INSERT INTO documents (document_id, origin, kind, path, record_no, url, size_bytes, sha256, "
                "encoding, read_at, status, article_id, first_run_id, last_run_id, updated_at) "
                "VALUES (?, ?, 'jsonl', ?, ?, ?, ?, ?, 'utf-8', now(), ?, ?, ?, ?, now())",
                [
                    doc_id,
                    origin,
                    str(path),
                    line,
                    url,
                    len(data),
                    hashlib.sha256(data).hexdigest(),
                    status,
                    article,
                    run,
                    run,
                ],
            )
            if reason is not None:
                con.execute(
                    "INSERT INTO rejects (document_id, origin, stage, reason, detail, run_id, rejected_at) "
                    "VALUES (?, ?, 'extract', ?, 'as an older version said it', ?, now())",
                    [doc_id, origin, reason, run],
                )
            if url is not None:  # its article, as it was derived then: the body and dates differ now
                con.execute(
                    "INSERT INTO articles (article_id, document_id, url, title, authors, language, tags, "
                    "is_truncated, paywalled, body, word_count, content_hash, extractor_version, run_id, "
                    "ingested_at, updated_at) VALUES (?, ?, ?, 'One', [], 'en', [], false, false, "
                    "'Part one.', 2, 'old', '0.1.0', ?, now(), now())",
                    [article, doc_id, url, run],
                )


def test_reprocess_judges_files_an_older_version_split_otherwise_as_a_fresh_ingest_does(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    newsapi, broken = inputs / "newsapi.jsonl", inputs / "broken.json"
    newsapi.write_text(NEWSAPI + "\n", encoding="utf-8")
    broken.write_text(BROKEN, encoding="utf-8")
    ingest.run_plain([str(inputs)], db_path, workers=1)
    run = str(query(db_path, "SELECT run_id FROM runs")[0][0])
    # Replace what this version stored with what the older ones did, the files' input_files rows kept.
    execute(
        db_path,
        "DELETE FROM article_authors",
        "DELETE FROM articles",
        "DELETE FROM rejects",
        "DELETE FROM documents",
        "UPDATE input_files SET documents = CASE WHEN path LIKE '%.json' THEN 4 ELSE 1 END",
    )
    old_record_rows(db_path, newsapi, [(1, "rejected", "no_body", None)], run)
    old_record_rows(
        db_path,
        broken,
        [
            (1, "rejected", "invalid_json", None),
            (2, "loaded", None, "https://wire.example.org/j1"),
            (3, "rejected", "invalid_json", None),
            (4, "rejected", "invalid_json", None),
        ],
        run,
    )
    made_by_an_older_version(db_path)
    assert ingest.run_plain([str(inputs)], db_path, workers=1).counts.unchanged == 5  # skipped, by mtime

    s = reprocess.run_plain(db_path)
    # Was: "newsapi.jsonl#L1: no longer in newsapi.jsonl" (and each broken.json line), exit 3, every run,
    # the stale no_body reject and no article, while a fresh ingest loads two.
    assert (s.selected, s.counts.loaded, s.counts.rejected) == (5, 2, 1)
    # The line of the broken .json that loaded is kept, as ingest keeps a record a file no longer holds:
    # said once.
    assert s.problems == [f"{broken}#L2: no longer in {broken}; what it loaded is left as it is"]
    fresh = fresh_state(inputs, tmp_path)
    now = state(db_path)
    archived = [r for r in now["documents"] if r[0] == f"{broken}#L2"]
    assert len(archived) == 1 and archived[0][9] == "loaded"
    assert {
        **now,
        "documents": [r for r in now["documents"] if r not in archived],
        "articles": [a for a in now["articles"] if a[3] != "https://wire.example.org/j1"],
    } == fresh
    again = reprocess.run_plain(db_path)
    assert (again.selected, again.counts.seen, again.missing) == (0, 0, 0)
    assert ingest.run_plain([str(inputs)], db_path, workers=1).counts.seen == 3


def test_reprocess_judges_a_gzip_cut_short_that_an_older_version_loaded_as_ingest_would(
    tmp_path: Path, db_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    body = (
        SUBWAY.replace("Tokyo", "Osaka") + "It runs every four minutes at peak times, the operator added.\n"
    )
    whole = gzip.compress(body.encode())
    cut = inputs / "a.txt.gz"
    cut.write_bytes(whole)
    (inputs / "b.txt").write_text(body, encoding="utf-8")  # its duplicate
    ingest.run_plain([str(inputs)], db_path, workers=1)
    # What e3329b7^ left of a gzip cut short (run over such a file): loaded from the part it could read,
    # that part's hash stored as the document's and the file's, with the file's size and time.
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    readable = hashlib.sha256(body[:40].encode()).hexdigest()
    st = cut.stat()
    execute(
        db_path,
        f"UPDATE documents SET sha256 = '{readable}' WHERE path = '{cut}'",
        f"UPDATE input_files SET sha256 = '{readable}', size_bytes = {st.st_size}, mtime_ns = {st.st_mtime_ns} "
        f"WHERE path = '{cut}'",
    )
    made_by_an_older_version(db_path)
    assert ingest.run_plain([str(inputs)], db_path, workers=1).counts.unchanged == 2  # skipped, by mtime

    s = reprocess.run_plain(db_path)
    # Was: "read/corrupt_gzip: ... is cut short" among the problems (exit 3) every run, the old row kept.
    assert (dict(s.counts.reasons), s.counts.updated, s.missing) == ({"read/corrupt_gzip": 1}, 1, 0)
    assert state(db_path) == fresh_state(inputs, tmp_path)
    again = reprocess.run_plain(db_path)
    assert (again.selected, again.counts.seen, again.missing) == (0, 0, 0)


def test_a_record_without_a_url_stays_in_the_archive_when_another_record_takes_its_line(
    tmp_path: Path, db_path: Path
) -> None:
    # A regression review: today a record without a URL or id is keyed path#L<line>, and the re-keying of
    # older versions' keys let a new record with a URL on its line take it over: "1 updated", the old
    # article deleted, where it was "1 loaded" and the old one kept (the warehouse is an archive).
    harbour = {
        "title": "Harbour dredging plan approved",
        "text": "The council approved a plan to dredge. " * 8,
    }
    rail = {
        "url": "https://example.com/news/rail",
        "title": "Rail reopens",
        "text": "The line reopened. " * 8,
    }
    school = {
        "url": "https://example.com/news/school",
        "title": "School opens",
        "text": "Pupils arrived. " * 8,
    }
    dump = tmp_path / "f.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in (harbour, rail)), encoding="utf-8")
    ingest.run_plain([str(dump)], db_path, workers=1)
    dump.write_text("".join(json.dumps(r) + "\n" for r in (school, rail)), encoding="utf-8")
    os.utime(dump, ns=(dump.stat().st_atime_ns, dump.stat().st_mtime_ns + 10**9))
    s = ingest.run_plain([str(dump)], db_path, workers=1)
    assert (s.counts.loaded, s.counts.updated, s.counts.unchanged) == (1, 0, 1)
    titles = query(db_path, "SELECT title FROM articles ORDER BY title")
    assert titles == [("Harbour dredging plan approved",), ("Rail reopens",), ("School opens",)]
