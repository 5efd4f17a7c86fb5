"""flows/pipeline.py: one raw input to one outcome; the rules that hold whatever the input kind."""

from __future__ import annotations

import pytest

from flows.clean import MIN_BODY_WORDS
from flows.pipeline import process_document
from flows.records import Kind, RawDocument

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
