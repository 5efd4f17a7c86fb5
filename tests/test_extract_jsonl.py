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


# What the tools Wirehouse replaces write (found by review: each lost fields).
_TEXT = "The city council voted on Tuesday to build new bike lanes along the harbour road."


def test_newspaper_records() -> None:
    record = {  # newspaper4k's Article.to_json() keys
        "url": "https://herald.example/news/2024/03/bike-lanes?utm_source=rss",
        "canonical_link": "https://herald.example/news/2024/03/bike-lanes",
        "title": "Council approves new bike lanes",
        "text": f"{_TEXT}\n\nSupporters said it was overdue.",
        "authors": ["Jane Doe", "John Roe"],
        "publish_date": "2024-03-01T09:30:00+01:00",
        "top_image": "https://herald.example/img/bikes.jpg",
        "meta_lang": "en",
        "meta_description": "The vote was 7-2 after a long debate.",
        "summary": "The city council voted.",
        "meta_keywords": ["transport", "city council"],
        "keywords": ["bike", "lanes"],
        "tags": [],
        "meta_site_name": "Springfield Herald",
    }
    got = extract_record(json.dumps(record), ref=_REF)
    # Was: no date at all (and no error), the NLP summary and keywords, no canonical URL or site name.
    assert got.published.utc == datetime(2024, 3, 1, 8, 30, tzinfo=UTC) and got.published.offset_minutes == 60
    assert got.description == "The vote was 7-2 after a long debate."
    assert got.tags == ["transport", "city council"]
    assert (got.canonical_url, got.site_name, got.language) == (
        "https://herald.example/news/2024/03/bike-lanes",
        "Springfield Herald",
        "en",
    )


def test_trafilatura_records() -> None:
    record = {  # trafilatura's extract(output_format="json", with_metadata=True)
        "title": "Council approves new bike lanes",
        "author": "Jane Doe; John Roe",
        "hostname": "herald.example",
        "date": "2024-03-01",
        "fingerprint": "655d4c6d3bfe82e9",
        "id": None,
        "raw_text": f"{_TEXT} Supporters said it was overdue.",
        "text": f"{_TEXT}\nSupporters said it was overdue.\nConstruction starts in May.",
        "language": "en",
        "image": "https://herald.example/img/bikes.jpg",
        "source": "https://herald.example/news/2024/03/bike-lanes",
        "source-hostname": "Springfield Herald",
        "excerpt": "The vote was 7-2 after a long debate.",
        "categories": "Local;Politics",
        "tags": "transport;city council",
    }
    got = extract_record(json.dumps(record), ref=_REF)
    # Was: no URL (the page's URL in "source"), one paragraph, one tag "transport;city council".
    assert got.url == "https://herald.example/news/2024/03/bike-lanes"
    assert (got.source, got.site_name) == ("Springfield Herald", "Springfield Herald")
    assert got.body.split("\n\n") == [_TEXT, "Supporters said it was overdue.", "Construction starts in May."]
    assert got.authors == ["Jane Doe", "John Roe"] and got.tags == ["transport", "city council"]
    assert (got.section, got.description) == ("Local", "The vote was 7-2 after a long debate.")
    from flows.read import record_key

    assert record_key(json.dumps(record).encode()) == "https://herald.example/news/2024/03/bike-lanes"


def test_guardian_metadata() -> None:
    record = {
        "webTitle": "Berlin approves bike lanes",
        "webUrl": "https://www.theguardian.com/world/2024/mar/01/berlin-bike-lanes",
        "webPublicationDate": "2024-03-01T08:30:12Z",
        "sectionName": "World news",
        "fields": {
            "bodyText": _TEXT,
            "byline": "Jane Doe in Berlin and John Roe",
            "trailText": "Vote passes 7-2 despite <strong>parking</strong> concerns",
            "thumbnail": "https://media.example/500.jpg",
            "lastModified": "2024-03-01T10:02:33Z",
        },
        "tags": [
            {"id": "world/germany", "type": "keyword", "webTitle": "Germany"},
            {"id": "profile/jane-doe", "type": "contributor", "webTitle": "Jane Doe"},
        ],
    }
    got = extract_record(json.dumps(record), ref=_REF)
    # Was: no section, tags, description, image or modified date.
    assert (got.section, got.tags) == ("World news", ["Germany"])
    assert got.description == "Vote passes 7-2 despite parking concerns"
    assert got.lead_image_url == "https://media.example/500.jpg"
    assert got.modified.utc == datetime(2024, 3, 1, 10, 2, 33, tzinfo=UTC)


def test_newsapi_profile_links_are_no_authors_and_descriptions_lose_their_markup() -> None:
    record = {
        "source": {"id": None, "name": "Springfield Herald"},
        "author": "https://www.facebook.com/springfieldherald",
        "description": "<p>Repairs start in <b>April</b>.</p>",
        "url": "https://herald.example/r",
        "publishedAt": "2024-03-04T14:05:00Z",
        "content": _TEXT,
    }
    got = extract_record(json.dumps(record), ref=_REF)
    assert got.authors == [] and got.description == "Repairs start in April."


def test_titles_descriptions_and_texts_lose_character_references_and_markup() -> None:
    # Found by review: titles kept "&amp;" and "<b>", descriptions kept "&amp;" unless they had tags too.
    record = {
        "title": "Rates &amp; bonds: what&#39;s next",
        "description": "Desc &amp; more",
        "text": "AT&amp;T, Q&A and R&D fell &#x2014; sharply, as &lt;b&gt; the bank signalled a pause.",
    }
    got = extract_record(json.dumps(record), ref=_REF)
    assert (got.title, got.description) == ("Rates & bonds: what's next", "Desc & more")
    assert (
        got.body == "AT&T, Q&A and R&D fell \u2014 sharply, as the bank signalled a pause."
    )  # &lt;b&gt;: a tag
    marked = {"title": "<b>Bold</b> title &amp; more", "text": "<p>Yields &amp;lt; 4 %</p>"}
    got = extract_record(json.dumps(marked), ref=_REF)
    assert (got.title, got.body) == ("Bold title & more", "Yields &lt; 4 %")  # decoded once, not twice
    assert extract_record(json.dumps({"title": "S&P 500 <4000 & falling", "text": _TEXT})).title == (
        "S&P 500 <4000 & falling"
    )
    # Markup that came escaped loses its tags too (found by review: decoded, it was stored as tags).
    escaped = {
        "title": "&lt;b&gt;Breaking&lt;/b&gt; news &amp; more",
        "description": "&lt;p&gt;In &lt;b&gt;April&lt;/b&gt; it rained&lt;/p&gt;",
        "text": "&lt;p&gt;The mayor said the tram would run.&lt;/p&gt;&lt;p&gt;Second para here.&lt;/p&gt;",
    }
    got = extract_record(json.dumps(escaped), ref=_REF)
    assert (got.title, got.description) == ("Breaking news & more", "In April it rained")
    assert got.body == "The mayor said the tram would run.\n\nSecond para here."


def test_what_loaded_right_before_the_new_fields_still_does() -> None:
    # Found by review of the change above: each of these was misread by its first version.
    from flows.read import record_key

    site = {"id": "a1", "source": "https://www.example-news.org", "body": _TEXT}
    got = extract_record(json.dumps(site), ref=_REF)
    assert got.url is None and got.source == "https://www.example-news.org"  # a site, not the article
    assert record_key(json.dumps(site).encode()) == "id:a1"  # was the site's URL: every record one key
    wide = {
        "text": _TEXT,
        "section": "Arts, Culture & Entertainment",
        "tags": [{"name": "Elections", "type": "topic"}, {"name": "Senate", "type": "tag"}],
    }
    got = extract_record(json.dumps(wide), ref=_REF)
    assert got.section == "Arts, Culture & Entertainment" and got.tags == ["Elections", "Senate"]
    wrapped = "The council met on Tuesday evening and voted, after a\nlong debate about the costs and the route, to build the\nnew tram line to the harbour by the end of next year."
    assert extract_record(json.dumps({"text": wrapped}), ref=_REF).body == wrapped  # one paragraph
    lined = "Council approves tram\nThe council met on Tuesday.\nIt voted 7-2.\nWork starts soon."
    assert extract_record(json.dumps({"text": lined}), ref=_REF).body.count("\n\n") == 3  # a heading too
    empty = {"text": _TEXT, "tags": [], "meta_keywords": [""], "keywords": ["budget", "council"]}
    assert extract_record(json.dumps(empty), ref=_REF).tags == ["budget", "council"]


@pytest.mark.parametrize(
    ("line", "named"),
    [("null", "null"), ("[]", "array"), ('"text"', "string"), ("42", "number"), ("true", "boolean")],
)
def test_a_record_that_is_no_object_is_named_in_json_s_words(line: str, named: str) -> None:
    # A review met "got NoneType" and "got list".
    with pytest.raises(RejectInput) as info:
        extract_record(line, ref=_REF)
    assert str(info.value).endswith(f"expected a JSON object, got a JSON {named}")


def test_what_a_review_of_json_dumps_found() -> None:
    # news-please writes str(None) for a missing date: "None" was a date error on every such record.
    plain = extract_record(f'{{"date_publish": "None", "date_modify": "None", {_BODY}}}', ref=_REF)
    assert (plain.published.text, plain.published.error, plain.modified.text) == (None, None, None)
    # Character references in names, sections and tags: "Jos&eacute;" was split at its semicolon.
    coded = extract_record(
        f'{{"author": "Jos&eacute; Garc&iacute;a", "section": "Arts &amp; Culture", "tags": ["R&amp;D"], '
        f'"site_name": "Rates &amp; Bonds", {_BODY}}}',
        ref=_REF,
    )
    assert (coded.authors, coded.section, coded.tags, coded.site_name) == (
        ["José García"],
        "Arts & Culture",
        ["R&D"],
        "Rates & Bonds",
    )
    # Paragraph breaks kept when the text has inline markup, and <br><br> is one.
    text = "First para of the story has words.\n\nSecond para said <b>yes</b> to it.\n\nThird para."
    marked = extract_record(json.dumps({"text": text}), ref=_REF)
    assert marked.body == "First para of the story has words.\n\nSecond para said yes to it.\n\nThird para."
    broken = extract_record(
        json.dumps({"text": "First para of it.<br><br>Second para of it has more words."}), ref=_REF
    )
    assert broken.body == "First para of it.\n\nSecond para of it has more words."
    # WordPress's REST posts and mongoexport's dates.
    wp = extract_record(
        json.dumps(
            {
                "title": {"rendered": "WP post"},
                "content": {"rendered": "<p>The WordPress post body has enough words to be an article.</p>"},
                "date": {"$date": "2022-10-12T10:23:00Z"},
            }
        ),
        ref=_REF,
    )
    assert (wp.title, wp.body, wp.published.utc) == (
        "WP post",
        "The WordPress post body has enough words to be an article.",
        datetime(2022, 10, 12, 10, 23, tzinfo=UTC),
    )


def test_a_wordpress_rest_post_gives_the_gmt_instant_and_no_ids_as_names() -> None:
    post = {
        "date": "2022-10-12T10:00:00",
        "date_gmt": "2022-10-12T08:00:00",
        "modified": "2022-10-13T09:30:00",
        "modified_gmt": "2022-10-13T07:30:00",
        "author": 3,
        "categories": [5],
        "tags": [7, 9],
        "link": "https://wp.example/2022/10/12/tram/",
        "title": {"rendered": "Tram approved"},
        "content": {"rendered": "<p>The council met on Tuesday evening to approve the new tram line.</p>"},
    }
    got = extract_record(json.dumps(post), ref=_REF)
    # Was: 10:00 UTC (the site's time read as UTC), author "3", section "5", tags "7", "9".
    assert (got.published.utc, got.published.offset_minutes) == (datetime(2022, 10, 12, 8, tzinfo=UTC), 120)
    assert got.published.text == "2022-10-12T10:00:00" and got.published.precision == "second"
    assert (got.modified.utc, got.modified.offset_minutes) == (datetime(2022, 10, 13, 7, 30, tzinfo=UTC), 120)
    assert (got.authors, got.section, got.tags) == ([], None, [])


@pytest.mark.parametrize(
    ("local", "gmt"),
    [
        ("2022-10-12", "2022-10-12"),  # no times: nothing to tell an offset by
        ("2022-10-12T10:00:00+02:00", "2022-10-12T08:00:00"),  # the local one says its own offset
        ("2022-10-12T10:07:00", "2022-10-12T08:00:00"),  # no zone is 2 h 7 min off
    ],
)
def test_a_gmt_twin_is_used_only_when_both_are_naive_times_a_zone_apart(local: str, gmt: str) -> None:
    got = extract_record(json.dumps({"date": local, "date_gmt": gmt, "text": "x " * 20}), ref=_REF).published
    alone = extract_record(json.dumps({"date": local, "text": "x " * 20}), ref=_REF).published
    assert got == alone


def test_tags_in_one_string_are_decoded_before_they_are_split() -> None:
    record = {"tags": "Arts &amp; Culture, Politics", "text": "x " * 20}
    assert extract_record(json.dumps(record), ref=_REF).tags == ["Arts & Culture", "Politics"]
    record = {"keywords": "Q&amp;A; R&amp;D; Caf&eacute;s", "text": "x " * 20}
    # Was: "Q&amp", "A", "R&amp", "D", "Caf&eacute", "s".
    assert extract_record(json.dumps(record), ref=_REF).tags == ["Q&A", "R&D", "Cafés"]
    record = {"tags": ["Caf&eacute;s", "&amp;lt;b&amp;gt;"], "text": "x " * 20}
    assert extract_record(json.dumps(record), ref=_REF).tags == ["Cafés", "&lt;b&gt;"]  # decoded once


def test_a_scrapy_items_lists_give_the_title_and_the_paragraphs() -> None:
    item = {
        "title": [" ", "Tram approved"],
        "body": ["The council met on Tuesday evening.", " ", "It approved the new tram line to the harbour."],
    }
    got = extract_record(json.dumps(item), ref=_REF)
    # Was: rejected, "the record has no article text", and no title.
    assert got.title == "Tram approved"
    assert got.body == "The council met on Tuesday evening.\n\nIt approved the new tram line to the harbour."


def test_cc_news_domain_names_the_source() -> None:
    record = {"domain": "cc.example.org", "url": "https://www.cnn.example/x", "text": "x " * 20}
    assert extract_record(json.dumps(record), ref=_REF).source == "cc.example.org"
    record = {"domain": "politics", "url": "https://www.cnn.example/x", "text": "x " * 20}
    assert extract_record(json.dumps(record), ref=_REF).source is None  # a topic, not a host
