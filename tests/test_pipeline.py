"""flows/pipeline.py: one raw input to one outcome; the rules that hold whatever the input kind."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flows.clean import MIN_BODY_WORDS
from flows.pipeline import process_document, process_documents, process_file
from flows.read import discover
from flows.records import Extracted, Kind, RawDocument

ENOUGH = "Nine words of text is one word short of enough"  # 10 words


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("text", b"hello"),
        ("text", b"date 2022-10-12\n\nBy Someone\n"),  # a header and a byline, no article
        ("jsonl", b'{"url": "https://x.test/a", "body": 12345}'),
        ("jsonl", b'{"url": "https://x.test/b", "text": "Too short to be news."}'),
    ],
)
def test_a_body_under_the_minimum_is_a_reject_for_every_kind(kind: Kind, data: bytes) -> None:
    out = process_document(RawDocument(origin="/in/x", kind=kind, data=data))
    assert out.article is None and out.rejected is not None
    assert (out.rejected.stage, out.rejected.reason) in {("clean", "too_short"), ("extract", "no_body")}
    assert out.rejected.detail


def test_a_body_at_the_minimum_is_an_article() -> None:
    assert len(ENOUGH.split()) == MIN_BODY_WORDS
    text = process_document(RawDocument(origin="/in/a.txt", kind="text", data=ENOUGH.encode()))
    record = process_document(
        RawDocument(origin="/in/a.jsonl#L1", kind="jsonl", data=f'{{"text": "{ENOUGH}"}}'.encode())
    )
    assert text.article is not None and text.article.word_count == MIN_BODY_WORDS
    assert record.article is not None and record.article.body == ENOUGH


_RELATIVE = "Date: 2 hours ago\n\nThe council approved the new tram line to the harbour on Tuesday evening after a long debate.\n"


@pytest.mark.parametrize(
    ("mtime", "expected"),
    [
        # Saved on 12 October 2022 at 16:00: two hours before that, not two hours before the ingest.
        (datetime(2022, 10, 12, 16, 0, tzinfo=UTC), datetime(2022, 10, 12, 14, 0, tzinfo=UTC)),
        (datetime(1980, 1, 1, tzinfo=UTC), None),  # a placeholder mtime (zip, build systems): the read time
    ],
)
def test_relative_dates_in_a_file_count_from_when_it_was_written(
    tmp_path: Path, mtime: datetime, expected: datetime | None
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(_RELATIVE, encoding="utf-8")
    os.utime(path, (mtime.timestamp(), mtime.timestamp()))
    (f,) = discover([str(path)]).files
    before = datetime.now(UTC)
    article = process_file(f).processed[0].article
    assert article is not None and article.published.utc is not None
    if expected is not None:
        assert article.published.utc == expected
    else:  # the hour two hours before the ingest ("2 hours ago" says the hour, not the minute)
        assert article.published.utc.minute == 0 and article.published.precision == "hour"
        assert (
            timedelta(0)
            <= before - timedelta(hours=2) - article.published.utc
            < timedelta(hours=1, minutes=2)
        )


def test_an_article_in_a_language_written_without_spaces_is_loaded() -> None:
    body = "東京都は十二日、港へ向かう新しい路面電車の路線を承認したと発表した。市議会は長い議論の末に計画を可決した。"
    doc = RawDocument(origin="/x/a.jsonl#L1", kind="jsonl", data=f'{{"text": "{body}"}}'.encode())
    p = process_document(doc)
    # Was: clean/too_short, "2 words of text".
    assert p.rejected is None and p.article is not None
    assert p.article.word_count > 40 and p.article.language == "ja"


def test_a_saved_page_is_known_by_its_canonical_url() -> None:
    html = (
        b"<html><head><title>Tram</title><link rel='canonical' href='https://news.example/tram'></head><body>"
        b"<article><p>The council approved the new tram line to the harbour on Tuesday evening after a long "
        b"debate about its cost.</p></article></body></html>"
    )
    p = process_document(RawDocument(origin="/x/tram.html", kind="html", data=html))
    assert p.article is not None
    # Was: url NULL, so grouping or joining on url missed every saved page.
    assert p.article.url == p.article.canonical_url == "https://news.example/tram"


def test_a_one_word_text_is_one_word_in_its_reject() -> None:
    doc = RawDocument(origin="/x/a.jsonl#L1", kind="jsonl", data=b'{"text": "Hello"}')
    p = process_document(doc)
    assert p.rejected is not None and p.rejected.reason == "too_short"
    # Was: "1 words of text".
    assert p.rejected.detail.startswith("1 word of text:")


def test_records_whose_canonical_url_is_the_home_page_keep_their_own_keys() -> None:
    # A review: a canonical URL that is the site's home page keyed every article of the site as one.
    body = "The council approved the new tram line to the harbour on Tuesday evening after a long debate."
    ids = set()
    for slug in ("tram", "bus"):
        record = f'{{"url": "https://news.example/{slug}", "canonical_url": "https://news.example/", "text": "{body}"}}'
        p = process_document(RawDocument(origin=f"/x/{slug}.jsonl#1", kind="jsonl", data=record.encode()))
        assert p.article is not None and p.article.canonical_url is None
        ids.add(p.article.article_id)
    assert len(ids) == 2


_TRAM = "The council approved the new tram line to the harbour on Tuesday evening after a long debate."
_FRENCH = "Le conseil municipal a approuvé mardi soir la nouvelle ligne de tramway vers le port après un long débat."


def _mixed_documents() -> list[RawDocument]:
    html = f"<html><head><title>Tram</title></head><body><article><p>{_TRAM}</p></article></body></html>"
    return [
        RawDocument(
            origin="/x/a.txt", kind="text", data=f"Title: Tram\nDate: 2022-10-12\n\n{_TRAM}\n".encode()
        ),
        RawDocument(origin="/x/empty.txt", kind="text", data=b""),
        RawDocument(origin="/x/b.txt", kind="text", data=f"{_FRENCH}\n".encode("cp1252")),
        RawDocument(origin="/x/c.html", kind="html", data=html.encode()),
        RawDocument(
            origin="/x/d.txt", kind="text", data="date 2022-10-12\n\nBy Renée Lefèvre\n".encode("cp1252")
        ),
        RawDocument(
            origin="/x/e.jsonl#L1", kind="jsonl", data=f'{{"text": "{_TRAM}", "language": "en"}}'.encode()
        ),
        RawDocument(origin="/x/f.jsonl#L2", kind="jsonl", data=b'{"text": "Hello"}'),
    ]


def test_documents_processed_together_come_out_as_each_alone() -> None:
    # The steps run over all the documents of a chunk, one step at a time: each document must still get
    # its own outcome, in its place, whatever the others' did at each step.
    docs = _mixed_documents()
    together = process_documents(docs)
    alone = [process_documents([d])[0] for d in docs]
    assert together == alone
    assert [p.document.origin for p in together] == [d.origin for d in docs]
    outcomes = [
        (p.article.language if p.article else None, p.rejected.reason if p.rejected else None)
        for p in together
    ]
    assert outcomes == [
        ("en", None),
        (None, "empty"),
        ("fr", None),
        ("en", None),
        (None, "no_body"),
        ("en", None),
        (None, "too_short"),
    ]
    # A document rejected after it was decoded keeps the encoding it was read in.
    assert together[2].encoding == together[4].encoding != "utf-8"


def test_a_step_that_fails_costs_only_its_own_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.pipeline as pipeline

    real_extract, real_detect = pipeline.extract, pipeline.detect_language

    def extract(doc: RawDocument, text: str, encoding: str | None) -> Extracted:
        if doc.origin == "/x/a.txt":
            raise KeyError("a bug in extraction")
        return real_extract(doc, text, encoding)

    def detect(body: str) -> str | None:
        if body.startswith("Le conseil"):
            raise ValueError("a bug in the language model")
        return real_detect(body)

    monkeypatch.setattr(pipeline, "extract", extract)
    monkeypatch.setattr(pipeline, "detect_language", detect)
    out = process_documents(_mixed_documents())
    failed = {p.document.origin: p for p in out if p.rejected and p.rejected.reason == "internal_error"}
    assert set(failed) == {"/x/a.txt", "/x/b.txt"}
    assert failed["/x/a.txt"].rejected.detail == "KeyError: 'a bug in extraction'"  # type: ignore[union-attr]
    assert failed["/x/b.txt"].rejected.detail == "ValueError: a bug in the language model"  # type: ignore[union-attr]
    assert failed["/x/b.txt"].encoding == out[4].encoding != "utf-8"
    assert [p.article is not None for p in out] == [False, False, False, True, False, True, False]


@pytest.mark.parametrize(
    "start",
    [
        "<!DOCTYPE html>\n<html lang='en'>",
        "\ufeff  <html>",
        "<!-- saved from url=(0042) -->\n<!doctype html><html>",
    ],
)
def test_an_html_page_saved_under_a_text_name_is_read_as_html(start: str) -> None:
    # `curl -o story.txt`: its markup was the body ('<html lang=...> <head> ...'), title and date lost.
    html = (
        f"{start}<head><title>Council approves new tram line</title>"
        "<meta property='article:published_time' content='2024-03-05T09:30:00Z'></head>"
        f"<body><article><h1>Council approves new tram line</h1><p>{ENOUGH}</p></article></body></html>"
    )
    p = process_document(RawDocument(origin="/x/story.txt", kind="text", data=html.encode()))
    assert p.article is not None, p.rejected
    assert p.document.kind == "html"  # documents.kind: was 'text', and WHERE kind = 'html' missed it
    assert p.article.title == "Council approves new tram line"
    assert p.article.published.utc == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    assert "<" not in p.article.body and p.article.body.startswith(ENOUGH[:40])


def test_a_text_that_mentions_html_is_still_text() -> None:
    text = f"Title: Markup\n\nThe <html> element is the root of a page, the tutorial says. {ENOUGH}"
    p = process_document(RawDocument(origin="/x/story.txt", kind="text", data=text.encode()))
    assert p.article is not None and p.article.title == "Markup" and "<html>" in p.article.body
    assert p.document.kind == "text"


def test_a_page_saved_as_text_is_stored_as_html_and_one_stored_as_text_stays_one_document(
    tmp_path: Path,
) -> None:
    import duckdb

    from flows import ingest, reprocess

    folder = tmp_path / "in"
    folder.mkdir()
    page = folder / "story.txt"
    page.write_text(
        "<!DOCTYPE html>\n<html><head><title>Council approves new tram line</title>"
        "<meta property='article:published_time' content='2024-03-05T09:30:00Z'></head>"
        f"<body><article><h1>Council approves new tram line</h1><p>{ENOUGH}</p></article></body></html>",
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"

    def rows() -> list[tuple[object, ...]]:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute(
                "SELECT d.document_id, d.origin, d.kind, d.status, a.article_id, a.published_evidence "
                "FROM documents d LEFT JOIN articles a USING (document_id) ORDER BY 1"
            ).fetchall()

    assert ingest.run_plain([str(folder)], db, workers=1).counts.loaded == 1
    (doc_id, origin, kind, status, article_id, evidence) = rows()[0]
    assert (origin, kind, status, evidence) == (str(page), "html", "loaded", "meta")  # kind was 'text'

    # A warehouse that stored it as 'text': read again (ingest, or reprocess after an upgrade), it is the
    # same document with the same article, unchanged, no duplicate. (An unchanged document's row is left
    # as it is, its kind too: only load.py could refresh it.)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE documents SET kind = 'text'")
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))
    again = ingest.run_plain([str(folder)], db, workers=1)
    assert (again.counts.seen, again.counts.unchanged) == (1, 1)
    assert rows() == [(doc_id, str(page), "text", "loaded", article_id, "meta")]
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE runs SET extractor_version = '0.1.0'")
    s = reprocess.run_plain(db)
    assert (s.selected, s.counts.unchanged, s.missing, s.problems) == (1, 1, 0, [])
    assert [row[:2] + row[3:] for row in rows()] == [(doc_id, str(page), "loaded", article_id, "meta")]
