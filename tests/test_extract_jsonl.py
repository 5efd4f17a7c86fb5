"""flows.extract_jsonl: date fields of every JSON shape, and the record's own language as a date hint."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from flows.errors import RejectInput
from flows.extract_jsonl import extract_record

_BODY = '"body": "The council met on Tuesday evening to approve the new tram line to the harbour."'
_REF = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("date", "text", "error"),
    [
        ('["2022-10-12"]', "2022-10-12", None),  # a list of dates: the first
        ("true", "true", "not a date: a JSON boolean"),
        ('{"x": 1}', '{"x": 1}', "not a date: a JSON object"),
    ],
)
def test_a_date_field_of_another_json_shape_is_read_or_kept_with_a_reason(
    date: str, text: str, error: str | None
) -> None:
    got = extract_record(f'{{"date": {date}, {_BODY}}}', ref=_REF).published
    # Was: text, instant and error all NULL, the same as a record without a date.
    assert (got.text, got.error) == (text, error)
    assert (got.utc is not None) == (error is None)


def test_the_records_own_language_orders_day_and_month() -> None:
    us = extract_record(f'{{"date": "03/04/2022", "language": "en-US", {_BODY}}}', ref=_REF).published
    fr = extract_record(f'{{"date": "03/04/2022", "language": "fr", {_BODY}}}', ref=_REF).published
    odd = extract_record(f'{{"date": "03/04/2022", "language": "klingon", {_BODY}}}', ref=_REF).published
    assert us.utc == datetime(2022, 3, 4, tzinfo=UTC) and fr.utc == datetime(2022, 4, 3, tzinfo=UTC)
    assert odd.utc is None and "ambiguous" in str(odd.error)  # a language the parser cannot use: no hint


def test_a_blank_field_does_not_hide_the_next_alias() -> None:
    got = extract_record(f'{{"text": "   ", "title": " ", "headline": "Tram approved", {_BODY}}}', ref=_REF)
    assert got.body.startswith("The council met") and got.title == "Tram approved"


def test_html_in_the_body_field_is_read_as_html() -> None:
    body = "<p>The mayor said <b>on Monday</b> that the old bridge would reopen.</p><p>Residents &amp; shops agree.</p>"
    got = extract_record(json.dumps({"content": body + "<script>alert(1)</script>"}), ref=_REF)
    assert (
        got.body == "The mayor said on Monday that the old bridge would reopen.\n\nResidents & shops agree."
    )


def test_newsapi_fields_are_read() -> None:
    record = {
        "source": {"id": None, "name": "BBC News"},
        "author": "Jane Doe",
        "title": "Tram approved",
        "url": "https://bbc.example/tram",
        "urlToImage": "https://bbc.example/t.jpg",
        "publishedAt": "2024-03-05T09:30:00Z",
        "content": "The council met on Tuesday evening to approve the new tram line to the harbour.",
    }
    got = extract_record(json.dumps(record), ref=_REF)
    assert (got.source, got.lead_image_url) == ("BBC News", "https://bbc.example/t.jpg")
    assert got.published.utc == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)


def test_a_number_python_refuses_to_read_is_invalid_json_not_a_bug() -> None:
    with pytest.raises(RejectInput) as exc:
        extract_record(b'{"text": "a", "n": ' + b"1" * 4301 + b"}")
    # Was: extract/internal_error (ValueError: Exceeds the limit (4300 digits)).
    assert (exc.value.stage, exc.value.reason) == ("extract", "invalid_json")


@pytest.mark.parametrize(
    ("image", "url"),
    [
        ([{"@type": "ImageObject", "url": "https://x.test/i.jpg"}], "https://x.test/i.jpg"),
        ({"contentUrl": "https://x.test/c.jpg"}, "https://x.test/c.jpg"),
        ({"name": "not a URL"}, None),  # was stored as the lead image URL "not a URL"
    ],
)
def test_lead_image_shapes(image: object, url: str | None) -> None:
    got = extract_record(json.dumps({"image": image, "text": "A body " * 10}), ref=_REF)
    assert got.lead_image_url == url


def test_guardian_records_and_newsapi_snippets() -> None:
    guardian = {
        "id": "world/2022/oct/12/x",
        "webTitle": "Tram approved",
        "webUrl": "https://guardian.example/world/2022/oct/12/x",
        "webPublicationDate": "2022-10-12T10:23:00Z",
        "fields": {
            "bodyText": "The council met on Tuesday evening to approve the new tram line to the harbour."
        },
    }
    got = extract_record(json.dumps(guardian), ref=_REF)
    # Was: extract/no_body, none of the Guardian's fields read.
    assert (got.title, got.url) == ("Tram approved", "https://guardian.example/world/2022/oct/12/x")
    assert got.published.utc == datetime(2022, 10, 12, 10, 23, tzinfo=UTC) and got.body.startswith(
        "The council"
    )
    snippet = {
        "content": "The council met on Tuesday evening to approve the new tram line to the… [+2345 chars]"
    }
    cut = extract_record(json.dumps(snippet), ref=_REF)
    # Was: loaded whole, "[+2345 chars]" and all, not flagged.
    assert cut.body.endswith("to the") and cut.is_truncated


def test_a_snippet_marker_is_found_at_the_end_only_and_whitespace_runs_stay() -> None:
    from flows.extract_jsonl import _snippet_end

    assert _snippet_end("The mayor said… [+2345 chars]") == len("The mayor said")
    spaced = "x" + " " * 5000 + "... [+1 chars]"  # the run reaches past the searched tail: still cut to "x"
    cut = _snippet_end(spaced)
    assert cut is not None and spaced[:cut].rstrip() == "x"
    assert _snippet_end("Para one. " * 30 + " " * 4000 + "end") is None  # was seconds (a cubic search)
    trailing = "The council approved the plan... [+2345 chars]" + "\n" * 250  # past the searched tail
    assert _snippet_end(trailing) == len("The council approved the plan")
