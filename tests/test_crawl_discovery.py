"""Feeds and sitemaps asked for conditionally and kept (``flows/crawl_discovery.py``), against 127.0.0.1.

The server fixtures and helpers are the crawl tests' own: fetchers open only ``127.0.0.0/8`` and the
connector refuses any address but 127.0.0.1.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from test_crawl import (
    FEED_ITEMS,
    LoopbackOnly,
    age_failures,
    feed_sources,
    page,
    page_requests,
    private_feed_sources,
    query,
    rss,
    run,
    serve_page,
    write_sources,
)
from test_crawl import connector as connector  # fixtures, found by pytest under these names
from test_crawl import web as web
from werkzeug import Request, Response

from flows import crawl_report
from flows.rawstore import RawStore

ROW = (
    "SELECT url, source, kind, final_url, http_status, content_type, etag, last_modified, raw_key, "
    "fetched_at, last_checked_at FROM discovery_documents"
)


class Versioned:
    """One document served with validators: 304 to a matching If-None-Match (or, without an ETag, a
    matching If-Modified-Since), else the current body. ``on_304`` runs just before a 304 is sent."""

    def __init__(
        self,
        body: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        content_type: str = "application/xml",
    ) -> None:
        self.body, self.etag, self.last_modified, self.content_type = body, etag, last_modified, content_type
        self.on_304: Callable[[], None] | None = None

    def validators(self) -> dict[str, str]:
        out = {"ETag": self.etag} if self.etag else {}
        return out | ({"Last-Modified": self.last_modified} if self.last_modified else {})

    def __call__(self, request: Request) -> Response:
        match = request.headers.get("If-None-Match")
        since = request.headers.get("If-Modified-Since")
        fresh = match == self.etag if match and self.etag else bool(since) and since == self.last_modified
        if fresh:
            if self.on_304 is not None:
                self.on_304()
            return Response(status=304, headers=self.validators())
        return Response(self.body, content_type=self.content_type, headers=self.validators())


def requests_to(server: HTTPServer, path: str) -> list[tuple[str | None, str | None, int]]:
    """(If-None-Match, If-Modified-Since, status) of every request for ``path``, in order."""
    return [
        (r.headers.get("If-None-Match"), r.headers.get("If-Modified-Since"), resp.status_code)
        for r, resp in server.log
        if r.path == path
    ]


def rows(db: Path) -> dict[str, tuple[Any, ...]]:
    return {r[0]: r for r in query(db, ROW)}


LAST_MODIFIED = "Tue, 12 Mar 2024 10:00:00 GMT"


def conditional_feed(web: HTTPServer, items: list[tuple[str, str, str, str]] = FEED_ITEMS) -> Versioned:
    """The crawl tests' feed site, its feed served with an ETag and a Last-Modified."""
    base = web.url_for("").rstrip("/")
    feed = Versioned(
        rss(base, items),
        etag='"feed-v1"',
        last_modified=LAST_MODIFIED,
        content_type="application/rss+xml; charset=utf-8",
    )
    web.expect_request("/feed.xml").respond_with_handler(feed)
    serve_page(web, "/news/harbour", page("Harbour stays shut", date="2024-03-12T07:00:00+00:00"))
    serve_page(web, "/news/ferries", page("Ferries cut timetable"))
    serve_page(web, "/news/boats", page("Boats move south", author="Ann Other"))
    return feed


def test_feed_is_kept_and_asked_for_conditionally_and_a_304_still_finds_its_items(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path
) -> None:
    feed = conditional_feed(web)
    config = feed_sources(tmp_path, web)
    raw = tmp_path / "raw"
    first = run(config, db_path, connector, raw_dir=raw)
    assert first.counts.loaded == 3
    assert requests_to(web, "/feed.xml") == [(None, None, 200)]  # nothing stored yet: asked for whole
    [report] = first.sources
    assert (report.discovery_downloaded, report.discovery_unchanged) == (1, 0)

    url = web.url_for("/feed.xml")
    [row] = query(db_path, ROW)
    assert row[:8] == (
        url,
        "example-feed",
        "feed",
        url,
        200,
        "application/rss+xml; charset=utf-8",
        '"feed-v1"',
        LAST_MODIFIED,
    )
    key, fetched_at, checked_at = row[8], row[9], row[10]
    assert key == hashlib.sha256(feed.body.encode()).hexdigest()
    assert RawStore(raw).get(key) == feed.body.encode()  # the body the crawl parsed, kept
    assert isinstance(fetched_at, datetime) and fetched_at.utcoffset() is not None
    assert fetched_at == checked_at
    assert first.finished_at is not None and first.started_at <= fetched_at <= first.finished_at

    # Second crawl: the feed is asked for with both validators, answers 304 and is parsed from the raw
    # store: the same three items are found (and, already loaded, not fetched again).
    web.clear_log()
    second = run(config, db_path, connector, raw_dir=raw)
    assert requests_to(web, "/feed.xml") == [('"feed-v1"', LAST_MODIFIED, 304)]
    [report] = second.sources
    assert (report.found, report.selected, report.warning) == (3, 3, None)
    assert (second.counts.seen, second.counts.unchanged) == (3, 3)
    assert page_requests(web) == []
    assert (report.discovery_downloaded, report.discovery_unchanged) == (0, 1)
    [again] = query(db_path, ROW)
    assert again[:10] == row[:10]  # a 304 changes nothing but the time it was checked
    assert again[10] > checked_at

    # The report says it, per source.
    assert "feeds: 0 downloaded, 1 unchanged (304)" in crawl_report.source_line(report)
    assert "| 0 | 0 | 0 / 1 |" in crawl_report.summary_markdown(second)
    assert second.as_dict()["sources"][0]["discovery_unchanged"] == 1

    # Even with refresh (pages asked for again), the feed's items come from the kept body.
    web.clear_log()
    refreshed = run(
        feed_sources(tmp_path, web, refresh=True, name="refresh.toml"), db_path, connector, raw_dir=raw
    )
    assert requests_to(web, "/feed.xml") == [('"feed-v1"', LAST_MODIFIED, 304)]
    assert sorted(page_requests(web)) == ["/news/boats", "/news/ferries", "/news/harbour"]
    assert (refreshed.counts.seen, refreshed.counts.unchanged) == (3, 3)


def test_a_304_naming_another_version_is_not_adopted_and_the_feed_is_asked_for_whole(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path
) -> None:
    """RFC 9111 4.3.4: a 304 updates only the stored response its validator selects. A server that
    answers the stored ETag with a 304 carrying another one (here: while its feed has changed) must not
    get that ETag stored with the old body, or the old body would be confirmed for ever."""
    feed = conditional_feed(web)
    config = feed_sources(tmp_path, web)
    raw = tmp_path / "raw"
    run(config, db_path, connector, raw_dir=raw)
    old = feed.etag
    base = web.url_for("").rstrip("/")
    newer = [("/news/pier", "Pier reopens", "Thu, 14 Mar 2024 07:00:00 GMT", "Jane Roe"), *FEED_ITEMS]
    feed.body, feed.etag = rss(base, newer), '"feed-v2"'
    serve_page(web, "/news/pier", page("Pier reopens"))

    def misbehaving(request: Request) -> Response:
        if request.headers.get("If-None-Match") == old:  # a stale cache: 304, with the new label
            return Response(status=304, headers=feed.validators())
        return feed(request)

    web.clear()
    web.expect_request("/robots.txt").respond_with_data("not here", status=404)
    web.expect_request("/feed.xml").respond_with_handler(misbehaving)
    serve_page(web, "/news/pier", page("Pier reopens"))
    second = run(config, db_path, connector, raw_dir=raw)
    # The 304 is not trusted: the feed is asked for again at once, without validators, and read whole.
    assert requests_to(web, "/feed.xml") == [('"feed-v1"', LAST_MODIFIED, 304), (None, None, 200)]
    [report] = second.sources
    assert (report.found, report.discovery_downloaded, report.discovery_unchanged) == (4, 1, 0)
    assert second.counts.loaded == 1
    [row] = query(db_path, ROW)
    assert row[6] == '"feed-v2"' and row[8] == hashlib.sha256(feed.body.encode()).hexdigest()
    web.clear_log()
    again = run(config, db_path, connector, raw_dir=raw)
    assert requests_to(web, "/feed.xml") == [('"feed-v2"', LAST_MODIFIED, 304)]
    assert again.sources[0].found == 4


def test_a_304_matching_the_stored_etag_weakly_confirms_it_and_keeps_it(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path
) -> None:
    feed = conditional_feed(web)
    config = feed_sources(tmp_path, web)
    raw = tmp_path / "raw"
    run(config, db_path, connector, raw_dir=raw)

    def weak(request: Request) -> Response:  # e.g. a compressing proxy that weakens the ETag
        if request.headers.get("If-None-Match") == feed.etag:
            return Response(status=304, headers={"ETag": f"W/{feed.etag}"})
        return feed(request)

    web.clear()
    web.expect_request("/robots.txt").respond_with_data("not here", status=404)
    web.expect_request("/feed.xml").respond_with_handler(weak)
    second = run(config, db_path, connector, raw_dir=raw)
    assert requests_to(web, "/feed.xml") == [('"feed-v1"', LAST_MODIFIED, 304)]  # weak comparison: the same
    assert (second.sources[0].discovery_unchanged, second.sources[0].found) == (1, 3)
    assert query(db_path, "SELECT etag, last_modified FROM discovery_documents") == [
        ('"feed-v1"', LAST_MODIFIED)
    ]


def test_a_changed_feed_is_downloaded_again_and_its_new_item_found(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path
) -> None:
    feed = conditional_feed(web)
    config = feed_sources(tmp_path, web)
    raw = tmp_path / "raw"
    assert run(config, db_path, connector, raw_dir=raw).counts.loaded == 3
    [(_, old_key, old_fetched)] = query(db_path, "SELECT url, raw_key, fetched_at FROM discovery_documents")

    base = web.url_for("").rstrip("/")
    newer = [("/news/pier", "Pier reopens", "Thu, 14 Mar 2024 07:00:00 GMT", "Jane Roe"), *FEED_ITEMS]
    feed.body, feed.etag, feed.last_modified = rss(base, newer), '"feed-v2"', "Thu, 14 Mar 2024 07:05:00 GMT"
    serve_page(web, "/news/pier", page("Pier reopens"))
    web.clear_log()
    second = run(config, db_path, connector, raw_dir=raw)
    # Asked for with the old validators; the server has a new version and sends it.
    assert requests_to(web, "/feed.xml") == [('"feed-v1"', LAST_MODIFIED, 200)]
    assert page_requests(web) == ["/news/pier"]
    assert (second.counts.loaded, second.counts.unchanged) == (1, 3)
    [report] = second.sources
    assert (report.found, report.discovery_downloaded, report.discovery_unchanged) == (4, 1, 0)
    assert query(db_path, "SELECT title FROM articles WHERE url LIKE '%/pier'") == [("Pier reopens",)]

    [row] = query(db_path, ROW)
    assert row[6:8] == ('"feed-v2"', "Thu, 14 Mar 2024 07:05:00 GMT")
    assert row[8] == hashlib.sha256(feed.body.encode()).hexdigest() != old_key
    assert row[9] == row[10] > old_fetched
    store = RawStore(raw)
    assert store.get(row[8]) == feed.body.encode() and store.has(old_key)  # both versions kept

    # And the new version is the one a 304 now reads back.
    web.clear_log()
    third = run(config, db_path, connector, raw_dir=raw)
    assert requests_to(web, "/feed.xml") == [('"feed-v2"', "Thu, 14 Mar 2024 07:05:00 GMT", 304)]
    assert (third.sources[0].found, third.counts.unchanged) == (4, 4)


@pytest.mark.parametrize("when", ["before the crawl", "while the 304 is sent"])
def test_a_feed_whose_raw_body_is_gone_is_fetched_whole_again(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path, when: str
) -> None:
    feed = conditional_feed(web)
    config = feed_sources(tmp_path, web)
    raw = tmp_path / "raw"
    run(config, db_path, connector, raw_dir=raw)
    [(key,)] = query(db_path, "SELECT raw_key FROM discovery_documents")
    kept = RawStore(raw).path_for(key)

    web.clear_log()
    if when == "before the crawl":
        kept.unlink()
        expected = [(None, None, 200)]  # nothing to fall back on: no validators sent at all
    else:
        feed.on_304 = kept.unlink  # gone between the look-up and the 304
        expected = [('"feed-v1"', LAST_MODIFIED, 304), (None, None, 200)]
    second = run(config, db_path, connector, raw_dir=raw)
    assert requests_to(web, "/feed.xml") == expected
    [report] = second.sources
    assert (report.found, report.unreachable, report.discovery_downloaded, report.discovery_unchanged) == (
        3,
        False,
        1,
        0,
    )
    assert (second.counts.seen, second.counts.unchanged) == (3, 3)
    assert kept.is_file()  # stored again
    [row] = query(db_path, ROW)
    assert (row[8], row[9]) == (key, row[10])  # downloaded now: fetched_at moves with last_checked_at


def test_a_feed_that_does_not_parse_is_still_kept_and_its_304_gives_the_same_answer(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path
) -> None:
    maintenance = Versioned(
        "<html><body><p>Back soon.</p></body></html>", etag='"down"', content_type="text/html"
    )
    web.expect_request("/feed.xml").respond_with_handler(maintenance)
    config = feed_sources(tmp_path, web)
    for attempt in range(2):
        summary = run(config, db_path, connector, raw_dir=tmp_path / "raw")
        [report] = summary.sources
        assert summary.failed_sources == ["example-feed"]  # the source problem, as before
        assert any("fetch/bad_feed" in f for f in report.failures)
        assert (report.discovery_downloaded, report.discovery_unchanged) == (
            (1, 0) if attempt == 0 else (0, 1)
        )
        age_failures(db_path, 1.1)  # past the retry back-off of the failed feed (an hour after bad_feed)
    assert requests_to(web, "/feed.xml") == [(None, None, 200), ('"down"', None, 304)]
    assert query(db_path, "SELECT kind, http_status, content_type, etag FROM discovery_documents") == [
        ("feed", 200, "text/html", '"down"')
    ]
    assert query(db_path, "SELECT origin, stage, reason FROM rejects") == [
        (web.url_for("/feed.xml"), "fetch", "bad_feed")
    ]


def conditional_sitemaps(web: HTTPServer) -> dict[str, Versioned]:
    """An index of two news sitemaps and a missing one. The index has an ETag; one child only a
    Last-Modified; the other both, behind a redirect, and lists a page by a relative URL (resolved against
    where it was finally found, which a 304 must remember)."""
    base = web.url_for("").rstrip("/")
    index = Versioned(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemaps/news.xml</loc></sitemap>"
        f"<sitemap><loc>{base}/sitemaps/more.xml</loc></sitemap>"
        f"<sitemap><loc>{base}/sitemaps/missing.xml</loc></sitemap></sitemapindex>",
        etag='"index-1"',
    )
    urlset = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'
    news = Versioned(
        urlset.format(f"<url><loc>{base}/news/quay</loc></url><url><loc>{base}/news/tides</loc></url>"),
        last_modified="Thu, 14 Mar 2024 11:00:00 GMT",
    )
    more = Versioned(
        urlset.format("<url><loc>pier</loc></url>"),
        etag='W/"more-1"',
        last_modified="Fri, 15 Mar 2024 08:00:00 GMT",
    )
    web.expect_request("/sitemap.xml").respond_with_handler(index)
    web.expect_request("/sitemaps/news.xml").respond_with_handler(news)
    web.expect_request("/sitemaps/more.xml").respond_with_data(
        "", status=301, headers={"Location": "/news/sitemap.xml"}
    )
    web.expect_request("/news/sitemap.xml").respond_with_handler(more)
    web.expect_request("/sitemaps/missing.xml").respond_with_data("no", status=404)
    for path, title in (("/news/quay", "Quay repairs begin"), ("/news/tides", "Tides expected high")):
        serve_page(web, path, page(title))
    serve_page(web, "/news/pier", page("Pier reopens"))
    return {"index": index, "news": news, "more": more}


def test_sitemap_index_and_child_sitemaps_are_asked_for_conditionally_and_kept(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path
) -> None:
    served = conditional_sitemaps(web)
    config = write_sources(
        tmp_path,
        f'[[source]]\nname = "example-sitemap"\nkind = "sitemap"\nurl = "{web.url_for("/sitemap.xml")}"\n'
        'timezone = "UTC"\nrate_limit = 0\n',
    )
    raw = tmp_path / "raw"
    first = run(config, db_path, connector, raw_dir=raw)
    assert first.counts.loaded == 3
    [report] = first.sources
    assert report.warning is not None and "missing.xml: http_404" in report.warning
    assert (report.discovery_downloaded, report.discovery_unchanged) == (3, 0)
    found = sorted(u for (u,) in query(db_path, "SELECT url FROM articles"))
    assert found == [web.url_for(p) for p in ("/news/pier", "/news/quay", "/news/tides")]

    stored = rows(db_path)
    index_url, news_url, more_url = (
        web.url_for(p) for p in ("/sitemap.xml", "/sitemaps/news.xml", "/sitemaps/more.xml")
    )
    assert sorted(stored) == sorted([index_url, news_url, more_url])  # a child that failed has no row
    assert {r[1:3] for r in stored.values()} == {("example-sitemap", "sitemap")}
    assert stored[more_url][3] == web.url_for("/news/sitemap.xml")  # final_url, after the redirect
    assert [stored[u][6:8] for u in (index_url, news_url, more_url)] == [
        ('"index-1"', None),
        (None, "Thu, 14 Mar 2024 11:00:00 GMT"),
        ('W/"more-1"', "Fri, 15 Mar 2024 08:00:00 GMT"),
    ]
    for name, u in (("index", index_url), ("news", news_url), ("more", more_url)):
        assert RawStore(raw).get(stored[u][8]) == served[name].body.encode()

    # Second crawl: the index and each child sitemap are asked for with what they sent, all answer 304,
    # and the same pages are found from the kept bodies (the relative one against its final URL).
    web.clear_log()
    second = run(config, db_path, connector, raw_dir=raw)
    assert requests_to(web, "/sitemap.xml") == [('"index-1"', None, 304)]
    assert requests_to(web, "/sitemaps/news.xml") == [(None, "Thu, 14 Mar 2024 11:00:00 GMT", 304)]
    assert requests_to(web, "/news/sitemap.xml") == [('W/"more-1"', "Fri, 15 Mar 2024 08:00:00 GMT", 304)]
    assert requests_to(web, "/sitemaps/missing.xml") == []  # a warning, held back by its retry back-off
    [report] = second.sources
    assert (report.found, report.selected, report.discovery_downloaded, report.discovery_unchanged) == (
        3,
        3,
        0,
        3,
    )
    assert report.warning is not None and "missing.xml: http_404" in report.warning
    assert (second.counts.seen, second.counts.unchanged, second.counts.loaded) == (3, 3, 0)
    assert page_requests(web) == ["/news/sitemap.xml"]  # the redirected child sitemap; no page
    again = rows(db_path)
    for u in stored:
        assert again[u][:10] == stored[u][:10] and again[u][10] > stored[u][10]
    assert "sitemaps: 0 downloaded, 3 unchanged (304)" in crawl_report.source_line(report)


@pytest.mark.prefect
def test_crawl_flow_discovers_through_the_kept_feed(
    prefect_api: None, web: HTTPServer, tmp_path: Path, db_path: Path
) -> None:
    from flows.crawl_flow import crawl_flow

    conditional_feed(web)
    sources = str(private_feed_sources(tmp_path, web))
    options: dict[str, Any] = {
        "sources": sources,
        "db": str(db_path),
        "raw_dir": str(tmp_path / "raw"),
        "workers": 1,
    }
    first = crawl_flow(**options)
    assert [(s["loaded"], s["discovery_downloaded"], s["discovery_unchanged"]) for s in first["sources"]] == [
        (3, 1, 0)
    ]
    web.clear_log()
    second = crawl_flow(**options)
    assert requests_to(web, "/feed.xml") == [('"feed-v1"', LAST_MODIFIED, 304)]
    assert [
        (s["found"], s["unchanged"], s["discovery_downloaded"], s["discovery_unchanged"])
        for s in second["sources"]
    ] == [(3, 3, 0, 1)]
    assert len(rows(db_path)) == 1


def test_a_sitemap_over_a_page_s_size_cap_is_read(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path
) -> None:
    # The protocol allows 50 MB; a review's 12.5 MB sitemap failed the source at the 10 MB cap of pages.
    padding = "<!--" + "x" * 10_500_000 + "-->"
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{padding}'
        f"<url><loc>{web.url_for('/news/pier')}</loc></url></urlset>"
    )
    web.expect_request("/big-sitemap.xml").respond_with_data(sitemap, content_type="application/xml")
    serve_page(web, "/news/pier", page("Pier reopens after repairs"))
    config = write_sources(
        tmp_path,
        f'[[source]]\nname = "big"\nkind = "sitemap"\nurl = "{web.url_for("/big-sitemap.xml")}"\nrate_limit = 0\n',
    )
    got = run(config, db_path, connector, raw_dir=tmp_path / "raw")
    assert got.counts.loaded == 1 and not got.failed_sources


def test_a_failed_child_sitemap_waits_out_a_retry_back_off(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path
) -> None:
    # A dead child sitemap in an index was asked for on every run (a warning each time), while a dead
    # page waited out its back-off.
    conditional_sitemaps(web)
    missing = web.url_for("/sitemaps/missing.xml")
    config = write_sources(
        tmp_path,
        f'[[source]]\nname = "s"\nkind = "sitemap"\nurl = "{web.url_for("/sitemap.xml")}"\nrate_limit = 0\n',
    )
    failures = "SELECT url, source, reason, detail, failures, failed_at FROM discovery_failures"
    first = run(config, db_path, connector)
    assert requests_to(web, "/sitemaps/missing.xml") == [(None, None, 404)] and first.counts.loaded == 3
    [(url, source, reason, detail, count, failed_at)] = query(db_path, failures)
    assert (url, source, reason, detail, count) == (missing, "s", "http_404", "server answered 404", 1)

    web.clear_log()
    second = run(config, db_path, connector)
    assert requests_to(web, "/sitemaps/missing.xml") == []
    until = (failed_at + timedelta(days=1)).astimezone(UTC)
    assert second.sources[0].warning == (
        f"{missing}: http_404: server answered 404; held back by the retry back-off until "
        f"{until:%Y-%m-%d %H:%M} UTC (--retry-failed asks for it now)"
    )
    # Counted in the source's line and the end summary's hint (it was in neither, the flag unnamed).
    assert [r.held_sitemaps for r in first.sources + second.sources] == [0, 1]
    line = crawl_report.source_line(crawl_report.CrawlSummary.from_dict(second.as_dict()).sources[0])
    assert "; 1 child sitemap held back after a failed fetch (retry back-off)" in line
    hint = "  1 held back after a failed fetch: `wirehouse crawl --retry-failed` asks for it now"
    assert hint in crawl_report.summary_text(second).splitlines()
    assert "--retry-failed" not in crawl_report.summary_text(first)
    assert second.failed_sources == [] and second.counts.unchanged == 3  # its other sitemaps were read
    assert query(db_path, failures) == [(missing, "s", "http_404", "server answered 404", 1, failed_at)]
    assert query(db_path, "SELECT count(*) FROM rejects") == [(0,)]  # a warning, as before: no reject

    age_failures(db_path, 25)  # a 404 waits a day; failing again, two
    run(config, db_path, connector)
    assert requests_to(web, "/sitemaps/missing.xml") == [(None, None, 404)]
    assert [r[4] for r in query(db_path, failures)] == [2]

    # Back, and asked for at once with retry_failed (--retry-failed): its page found, its row gone.
    base = web.url_for("").rstrip("/")
    web.clear()
    web.expect_request("/robots.txt").respond_with_data("not here", status=404)
    web.expect_request("/sitemaps/missing.xml").respond_with_data(  # before the 404 of the site below
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/news/found</loc></url></urlset>",
        content_type="application/xml",
    )
    serve_page(web, "/news/found", page("Found again"))
    conditional_sitemaps(web)
    back = run(config, db_path, connector, retry_failed=True)
    assert back.sources[0].warning is None and back.counts.loaded == 1
    assert requests_to(web, "/sitemaps/missing.xml") == [(None, None, 200)]
    assert query(db_path, failures) == []


def test_a_child_sitemap_listed_with_a_lastmod_after_its_failure_is_asked_for_again(
    web: HTTPServer, connector: LoopbackOnly, tmp_path: Path, db_path: Path
) -> None:
    # A page whose lastmod is later than its failure is due at once; a child sitemap's waited out its
    # back-off all the same (a day and more after a 404), its index's news of a change unheeded.
    base = web.url_for("").rstrip("/")
    urlset = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'
    lastmods: dict[str, str] = {}

    def index(request: Request) -> Response:
        entries = "".join(
            f"<sitemap><loc>{base}/sitemaps/{name}.xml</loc>"
            + (f"<lastmod>{lastmods[name]}</lastmod>" if name in lastmods else "")
            + "</sitemap>"
            for name in ("late", "dead")
        )
        body = f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        return Response(body + "</sitemapindex>", content_type="application/xml")

    web.expect_request("/sitemap.xml").respond_with_handler(index)
    late = {"status": 404}
    web.expect_request("/sitemaps/late.xml").respond_with_handler(
        lambda _: (
            Response(urlset.format(f"<url><loc>{base}/news/late</loc></url>"), content_type="application/xml")
            if late["status"] == 200
            else Response("no", status=404)
        )
    )
    web.expect_request("/sitemaps/dead.xml").respond_with_data("no", status=404)
    serve_page(web, "/news/late", page("Late edition arrives"))
    config = write_sources(
        tmp_path,
        f'[[source]]\nname = "s"\nkind = "sitemap"\nurl = "{web.url_for("/sitemap.xml")}"\nrate_limit = 0\n',
    )
    first = run(config, db_path, connector)
    assert first.counts.loaded == 0 and first.sources[0].warning is not None
    for name in ("late", "dead"):
        assert requests_to(web, f"/sitemaps/{name}.xml") == [(None, None, 404)]

    # Two hours on (a 404 waits a day): the index says 'late' changed an hour after it failed, 'dead'
    # an hour before its failure. Only 'late' is asked for, and its page found.
    age_failures(db_path, 2)
    failed_at = dict(query(db_path, "SELECT url, failed_at FROM discovery_failures"))
    for name, hours in (("late", 1), ("dead", -1)):
        at = failed_at[f"{base}/sitemaps/{name}.xml"].astimezone(UTC) + timedelta(hours=hours)
        lastmods[name] = f"{at:%Y-%m-%dT%H:%M:%SZ}"
    late["status"] = 200
    web.clear_log()
    second = run(config, db_path, connector)
    assert requests_to(web, "/sitemaps/late.xml") == [(None, None, 200)]
    assert requests_to(web, "/sitemaps/dead.xml") == []  # its lastmod is older than its failure
    assert second.counts.loaded == 1 and page_requests(web) == ["/news/late"]
    [report] = second.sources
    assert report.held_sitemaps == 1 and report.warning is not None and "dead.xml" in report.warning
    assert "late.xml" not in report.warning
    assert [u for (u,) in query(db_path, "SELECT url FROM discovery_failures")] == [
        f"{base}/sitemaps/dead.xml"
    ]

    # The same input again changes nothing: the page is unchanged, 'dead' still held.
    web.clear_log()
    third = run(config, db_path, connector)
    assert (third.counts.loaded, third.counts.unchanged, third.sources[0].held_sitemaps) == (0, 1, 1)
    assert requests_to(web, "/sitemaps/dead.xml") == []
