from __future__ import annotations

import contextlib
import gzip
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.discover import (
    DiscoveredItem,
    DiscoverError,
    items_for_urls,
    parse_feed,
    parse_sitemap,
    refuse_entities,
    select,
    select_for,
    should_fetch,
    walk_sitemaps,
)
from flows.sources import Source

WEB = Path(__file__).parent / "fixtures" / "web"
BASE = "https://news.example.org"


def _fixture(name: str, base: str = BASE) -> bytes:
    return (WEB / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")


def test_rss2_entries_with_metadata() -> None:
    found = parse_feed(_fixture("rss2.xml"), "ex", base_url=f"{BASE}/world/feed.xml")
    assert found.warning is None
    first, second, third = found.items  # the mailto: link is dropped
    assert first == DiscoveredItem(
        url=f"{BASE}/world/2024/03/storm-ports",
        source="ex",
        title="Storm closes ports along the coast",
        published_text="Tue, 12 Mar 2024 08:15:00 GMT",
        author="Jane Roe",
        summary="Ferries were cancelled and harbours shut.",
        lastmod_text=None,
        via="feed",
    )
    assert second.url == f"{BASE}/business/2024/03/rates-hold"  # relative link resolved
    assert second.published_text == "Mon, 11 Mar 2024 17:40:00 +0100"
    assert second.author is not None and "Max Mustermann" in second.author
    assert third.summary is None


def test_atom_entries() -> None:
    found = parse_feed(_fixture("atom.xml"), "de")
    strike, weather = found.items
    assert strike.url == "https://zeitung.example.de/wirtschaft/bahnstreik-123.html"
    assert strike.published_text == "2024-03-12T06:30:00+01:00"
    assert strike.lastmod_text == "2024-03-12T09:45:00+01:00"
    assert strike.author == "Erika Musterfrau"
    assert strike.summary == "Millionen Pendler müssen umplanen."
    # Its only date (<updated>, no <published>) is its publication's too, and still its lastmod.
    assert weather.published_text == "2024-03-11T18:00:00+01:00"
    assert weather.lastmod_text == "2024-03-11T18:00:00+01:00"


_ATOM_AUTHORS = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<author><name>Feed Author</name></author>
<entry><title type="html">Q&amp;amp;A: &lt;em&gt;Why&lt;/em&gt; rates rise</title><link href="https://e.org/1"/>
<updated>2025-06-10T14:30:00+02:00</updated><author><name>A One</name></author><author><name>B Two</name></author>
</entry>
<entry><title>Tom &amp; Jerry</title><link href="https://e.org/2"/><updated>2025-06-10T14:30:00+02:00</updated></entry>
<entry><title type="html">&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</title><link href="https://e.org/6"/></entry>
</feed>"""

_RSS_CREATORS = b"""<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>t</title><managingEditor>ed@example.com (Ed Itor)</managingEditor>
<item><title><![CDATA[Markup <b>in</b> a title & co]]></title><link>https://e.org/3</link>
<dc:date>2025-06-10T14:30:00+02:00</dc:date><dc:creator>Ann Lee</dc:creator><dc:creator>Bob Ray</dc:creator></item>
<item><title>y</title><link>https://e.org/4</link><author>noreply@example.com</author></item>
<item><title>z</title><link>https://e.org/5</link><author>noreply@blogger.com (Jane Doe)</author></item>
</channel></rss>"""


def test_an_atom_entrys_source_author_comes_before_the_feeds_and_an_email_alone_is_no_one() -> None:
    # A second review: RFC 4287's <source><author> was skipped for the feed's; an entry naming only an
    # e-mail address got the feed's author although it named its own.
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<author><name>Planet Aggregator</name></author>
<entry><title>a</title><link href="https://e.org/1"/><source><title>S</title><author><name>Syndicated Sam</name>
</author></source></entry>
<entry><title>b</title><link href="https://e.org/2"/><author><email>desk@e.org</email></author></entry>
</feed>"""
    assert [i.author for i in parse_feed(atom, "a").items] == ["Syndicated Sam", None]


def test_feed_entries_keep_every_author_their_only_date_and_plain_titles() -> None:
    # A review found: dc:date (RSS 1.0, and RSS 2.0 without pubDate) and an Atom entry's lone <updated>
    # gave no date; only one of several authors was kept; an e-mail address was an author; markup
    # stayed in titles; an Atom entry without an author did not get the feed's.
    first, second, blocks = parse_feed(_ATOM_AUTHORS, "a").items
    assert blocks.title == "One Two"  # a code review: was "OneTwo"
    assert (first.title, first.author, first.published_text) == (
        "Q&A: Why rates rise",
        "A One, B Two",
        "2025-06-10T14:30:00+02:00",
    )
    assert (second.title, second.author) == ("Tom & Jerry", "Feed Author")
    dc, email, blogger = parse_feed(_RSS_CREATORS, "r").items
    assert (dc.title, dc.author, dc.published_text) == (
        "Markup in a title & co",
        "Ann Lee, Bob Ray",
        "2025-06-10T14:30:00+02:00",
    )
    assert (email.author, blogger.author) == (None, "Jane Doe")  # a channel's editor is no item's author


def test_broken_feed_recovers_entries_with_warning() -> None:
    found = parse_feed(_fixture("broken.xml"), "b")
    assert [i.url for i in found.items] == ["https://broken.example.org/a", "https://broken.example.org/b"]
    assert found.warning is not None and "broken feed" in found.warning


@pytest.mark.parametrize(
    "inner",
    [
        b"<news:>x</news:>",
        b"<news:news><news:title>T</news:title></news:news>",
        b"<t\xed\xa0\x80g>x</t\xed\xa0\x80g>",
    ],
)
def test_a_sitemap_with_names_only_a_recovering_parse_reads_still_gives_its_pages(inner: bytes) -> None:
    data = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.test/a</loc>'
        + inner
        + b"</url></urlset>"
    )
    found = parse_sitemap(data, "s")
    assert [i.url for i in found.items] == ["https://x.test/a"]


@pytest.mark.parametrize("ref", [b"&#xD800;", b"&#XdBfF;", b"&#55296;", b"&#057343;"])
def test_references_to_half_a_surrogate_pair_read_as_replacement_characters(ref: bytes) -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Bad '
        + ref
        + b" title</title><link>https://x.test/a</link><description>x &#55295; &#57344; y</description>"
        b"</item></channel></rss>"
    )
    (item,) = parse_feed(feed, "s").items
    assert item.title == "Bad \ufffd title"
    assert item.summary == "x \ud7ff \ue000 y"  # the neighbours of the surrogate range are characters


def test_a_feedparser_failure_is_a_bad_feed_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr("flows.discover.feedparser.parse", broken)
    with pytest.raises(DiscoverError, match="feedparser could not read it: UnicodeEncodeError") as info:
        parse_feed(b"<rss/>", "x")
    assert info.value.reason == "bad_feed"


@pytest.mark.parametrize(
    "data",
    [b"", b"<html><body><p>Just a page</p></body></html>", b"\x89PNG\r\n\x1a\n\x00\x00", b"{}"],
)
def test_not_a_feed(data: bytes) -> None:
    with pytest.raises(DiscoverError) as info:
        parse_feed(data, "x")
    assert info.value.reason == "bad_feed"
    assert info.value.to_record().stage == "fetch"


def test_an_html_page_where_the_feed_should_be_says_so() -> None:
    page = b"<!DOCTYPE html>\n<html lang='en'><head><title>News</title></head><body><p>Home</p></body></html>"
    with pytest.raises(DiscoverError, match="an HTML page, not an RSS or Atom feed"):
        parse_feed(page, "x")  # was "not an RSS or Atom feed: <unknown>:2:0: syntax error"


def test_entity_expansion_refused_quickly() -> None:
    start = time.monotonic()
    with pytest.raises(DiscoverError) as info:
        parse_feed(_fixture("billion_laughs.xml"), "bomb")
    assert info.value.reason == "unsafe_xml"
    assert time.monotonic() - start < 5  # generous: "did not blow up"


def test_external_entity_refused_in_sitemap() -> None:
    with pytest.raises(DiscoverError) as info:
        parse_sitemap(_fixture("xxe_sitemap.xml"), "x")
    assert info.value.reason == "unsafe_xml"


def test_entity_guard_sees_utf16_and_ignores_body_text() -> None:
    bomb = _fixture("billion_laughs.xml").decode("utf-8").encode("utf-16")
    with pytest.raises(DiscoverError):
        refuse_entities(bomb)
    hidden = b"<?xml version='1.0'?><!-- <rss> --><!DOCTYPE r [<!ENTITY a 'b'>]><rss>&a;</rss>"
    with pytest.raises(DiscoverError):
        refuse_entities(hidden)
    # A plain doctype, and the words "<!ENTITY" inside content, are fine.
    refuse_entities(b"<!DOCTYPE html><rss><item><title>&lt;!ENTITY</title></item></rss>")
    refuse_entities(b"<rss><![CDATA[<!DOCTYPE x [<!ENTITY a 'b'>]>]]></rss>")


def test_sitemap_index_lists_child_sitemaps() -> None:
    found = parse_sitemap(_fixture("sitemap_index.xml"), "s")
    assert found.items == []
    assert [(s.url, s.lastmod_text, s.via) for s in found.sitemaps] == [
        (f"{BASE}/sitemaps/news.xml", "2024-03-12T10:00:00+00:00", "sitemap-index"),
        (f"{BASE}/sitemaps/archive-2023.xml", "2024-01-01", "sitemap-index"),
    ]


def test_news_sitemap_metadata() -> None:
    found = parse_sitemap(_fixture("news_sitemap.xml"), "s")
    harbour, rates, live = found.items
    assert harbour.title == "Harbour reopens after the storm"
    assert harbour.published_text == "2024-03-12T07:00:00+00:00"
    assert harbour.lastmod_text == "2024-03-12T09:30:00Z"
    assert harbour.via == "news-sitemap"
    assert rates.title == "Rates held & markets calm"
    assert live.via == "sitemap" and live.title is None and live.lastmod_text is None


def test_gzipped_sitemap() -> None:
    found = parse_sitemap(gzip.compress(_fixture("news_sitemap.xml")), "s")
    assert len(found.items) == 3


def test_gzip_bomb_sitemap_refused() -> None:
    with pytest.raises(DiscoverError) as info:
        parse_sitemap(gzip.compress(b" " * (51 * 1024 * 1024)), "s")
    assert info.value.reason == "too_large"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss version='2.0'><channel/></rss>", "not_a_sitemap"),
        (b"", "bad_sitemap"),
        (b"not xml at all", "bad_sitemap"),
        (b"User-agent: *\nDisallow: /private/\n", "not_a_sitemap"),  # a robots.txt naming no sitemap
    ],
)
def test_bad_sitemaps(data: bytes, reason: str) -> None:
    with pytest.raises(DiscoverError) as info:
        parse_sitemap(data, "s")
    assert info.value.reason == reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_sitemap_is_still_xml(encoding: str) -> None:
    # A code review: the text-sitemap check took a UTF-16 sitemap, whose first byte is no "<", for text.
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://e.org/a</loc></url></urlset>"
    )
    assert [i.url for i in parse_sitemap(xml.encode(encoding), "s").items] == ["https://e.org/a"]


def test_a_text_sitemap_and_a_robots_txt_as_the_sitemap() -> None:
    # The protocol's text form (one URL per line) and a robots.txt (a common guess for a sitemap URL)
    # were "not well-formed XML".
    text = parse_sitemap(b"\xef\xbb\xbfhttps://e.org/a\r\nhttps://e.org/b\n\n", "s")
    assert [(i.url, i.via) for i in text.items] == [
        ("https://e.org/a", "sitemap"),
        ("https://e.org/b", "sitemap"),
    ]
    robots = b"User-agent: *\nDisallow: /search\nSitemap: https://e.org/sitemap.xml\nsitemap:/news.xml\n"
    site = {
        "https://e.org/robots.txt": robots,
        "https://e.org/sitemap.xml": b"https://e.org/one\n",
        "https://e.org/news.xml": b"https://e.org/two\n",
    }
    found = walk_sitemaps("https://e.org/robots.txt", "s", lambda url: (site[url], url))
    assert [i.url for i in found.items] == ["https://e.org/one", "https://e.org/two"]
    # A second review: a comment line, a relative URL or a line of two URLs failed the whole file.
    mixed = b"# generated 2024-11-19\nhttps://e.org/a\n/b\nhttps://e.org/c https://e.org/d\n"
    found = parse_sitemap(mixed, "s", "https://e.org/sitemap.txt")
    assert [i.url for i in found.items] == ["https://e.org/a", "https://e.org/b"]
    assert sum(found.unusable.values()) == 1
    assert parse_sitemap(b"\n\n", "s").items == []  # blank: no pages, not broken


def test_broken_sitemap_recovers() -> None:
    data = _fixture("news_sitemap.xml")
    cut = data[: data.index(b"<url>", data.index(b"rates")) + 5]
    found = parse_sitemap(cut, "s")
    assert found.warning is not None
    assert [i.url for i in found.items][:2] == [
        f"{BASE}/world/2024/03/12/harbour-reopens",
        f"{BASE}/world/2024/03/11/rates",
    ]


def test_select_include_exclude_max_and_dedupe() -> None:
    items = [DiscoveredItem(f"{BASE}/{p}", "s") for p in ["world/a", "video/b", "world/a", "world/c", "x/d"]]
    chosen = select(items, include=[r"/world/", r"/video/"], exclude=[r"/video/"], max_items=5)
    assert [i.url for i in chosen] == [f"{BASE}/world/a", f"{BASE}/world/c"]
    assert len(select(items, max_items=2)) == 2
    source = Source(name="s", kind="feed", url=BASE, exclude=("/x/",), max_items=10)
    assert [i.url for i in select_for(source, items)][-1] == f"{BASE}/world/c"


def test_select_counts_what_it_left_out_and_why() -> None:
    from flows.discover import select_counted

    urls = [f"{BASE}/a?utm_source=rss", f"{BASE}/a", f"{BASE}/a#top", f"{BASE}/x/b"]
    chosen, repeated, excluded = select_counted(
        [DiscoveredItem(u, "s") for u in urls], exclude=["utm_source", "/x/"]
    )
    # Was "repeated 2, excluded 1": an excluded listing before the page counted as the page again.
    assert ([i.url for i in chosen], repeated, excluded) == ([f"{BASE}/a"], 1, 2)


def test_urls_source_as_items() -> None:
    # max_items is not applied here: it caps what a run fetches, decided against the warehouse (crawl.choose)
    source = Source(
        name="u", kind="urls", urls=(f"{BASE}/a", f"{BASE}/b", f"{BASE}/x/c"), exclude=("/x/",), max_items=1
    )
    assert items_for_urls(source) == [
        DiscoveredItem(f"{BASE}/a", "u", via="list"),
        DiscoveredItem(f"{BASE}/b", "u", via="list"),
    ]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_parsers_fail_only_with_discover_error(data: bytes) -> None:
    for parse in (parse_feed, parse_sitemap):
        with contextlib.suppress(DiscoverError):
            parse(data, "fuzz")


FETCHED = datetime(2024, 3, 12, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lastmod", "last_fetched", "refresh", "expected"),
    [
        ("2024-03-12T09:30:00Z", None, False, True),  # never fetched
        ("2024-03-12T09:30:00Z", FETCHED, False, False),  # unchanged since the last fetch
        ("2024-03-12T09:30:00Z", FETCHED, True, False),  # refresh, but the sitemap says unchanged
        ("2024-03-12T10:30:00Z", FETCHED, False, True),  # changed after the last fetch
        ("2024-03-12T11:00:00+02:00", FETCHED, False, False),  # 09:00 UTC
        ("2024-03-12", FETCHED, False, True),  # date only: may have changed later that day
        ("2024-03-11", FETCHED, False, False),
        (None, FETCHED, False, False),  # no evidence: loaded pages are not fetched again
        (None, FETCHED, True, True),  # ... unless the source asks for refresh
        ("not a date", FETCHED, True, True),
    ],
)
def test_should_fetch(
    lastmod: str | None, last_fetched: datetime | None, refresh: bool, expected: bool
) -> None:
    item = DiscoveredItem(f"{BASE}/a", "s", lastmod_text=lastmod, via="sitemap")
    assert should_fetch(item, last_fetched, refresh=refresh, now=FETCHED + timedelta(days=1)) is expected


def test_should_fetch_judges_a_future_lastmod_against_the_time_it_is_given() -> None:
    item = DiscoveredItem(f"{BASE}/a", "s", lastmod_text="2030-01-01T00:00:00Z", via="sitemap")
    # A lastmod years ahead of "now" is not evidence of a change; the same text is, once that time came.
    assert should_fetch(item, FETCHED, now=FETCHED + timedelta(days=1)) is False
    assert should_fetch(item, FETCHED, now=datetime(2030, 6, 1, tzinfo=UTC)) is True


def _site(base: str = BASE) -> dict[str, bytes]:
    empty = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    return {
        f"{base}/sitemap.xml": _fixture("sitemap_index.xml", base),
        f"{base}/sitemaps/news.xml": _fixture("news_sitemap.xml", base),
        f"{base}/sitemaps/archive-2023.xml": empty,
    }


def test_walk_sitemaps_index_to_pages() -> None:
    site = _site()
    loaded: list[str] = []

    def load(url: str) -> tuple[bytes, str]:
        loaded.append(url)
        return site[url], url

    found = walk_sitemaps(f"{BASE}/sitemap.xml", "s", load)
    assert len(found.items) == 3 and found.warning is None
    assert loaded == list(site)
    # Skip the archive, whose <lastmod> is before the last visit.
    visited = datetime(2024, 2, 1, tzinfo=UTC)
    loaded.clear()
    walk_sitemaps(f"{BASE}/sitemap.xml", "s", load, skip=lambda child: not should_fetch(child, visited))
    assert loaded == [f"{BASE}/sitemap.xml", f"{BASE}/sitemaps/news.xml"]


def test_walk_sitemaps_limits_cycles_and_broken_children() -> None:
    loop = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://x.example/a.xml</loc></sitemap>"
        b"<sitemap><loc>https://x.example/broken.xml</loc></sitemap></sitemapindex>"
    )
    site = {"https://x.example/a.xml": loop, "https://x.example/broken.xml": b"<html>oops</html>"}
    with pytest.raises(DiscoverError) as info:  # the index lists itself and a child that is no sitemap
        walk_sitemaps("https://x.example/a.xml", "s", lambda url: (site[url], url))
    assert info.value.reason == "no_child_sitemap"
    warning = getattr(info.value, "warning", None)
    assert warning is not None and "broken.xml: not_a_sitemap" in warning
    deep = walk_sitemaps("https://x.example/a.xml", "s", lambda url: (site[url], url), max_depth=0)
    assert deep.warning is not None and "deeper than 0" in deep.warning
    with pytest.raises(DiscoverError):
        walk_sitemaps("https://x.example/broken.xml", "s", lambda url: (site[url], url))


_XMLISH = st.lists(
    st.sampled_from(
        [
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            b'<rss version="2.0"><channel>',
            b"<url>",
            b"</url>",
            b"<item>",
            b"</item>",
            b"<loc>https://x.test/a</loc>",
            b"<link>https://x.test/b</link>",
            b"<title>T &#xD800; &#0; &amp;</title>",
            b"<news:news><news:title>",
            b"</news:",
            b"<lastmod>2024-13-45</lastmod>",
            b"\xed\xa0\x80",
            b"\xff\xfe",
            b"<![CDATA[",
            b"]]>",
            b"<!--",
            b"<",
            b">",
            b":",
            b"}",
            b"\x00",
        ]
    ),
    max_size=30,
).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(_XMLISH)
def test_feed_and_sitemap_parsers_give_items_or_a_discover_error(data: bytes) -> None:
    for parse in (parse_feed, parse_sitemap):
        with contextlib.suppress(DiscoverError):
            parse(data, "s", "https://x.test/")


def test_select_takes_a_page_once_whatever_its_fragment_or_tracking_parameters() -> None:
    urls = [f"{BASE}/a?utm_source=rss#top", f"{BASE}/a", "HTTPS://" + BASE.split("://")[1].upper() + "/a#x"]
    urls += [f"{BASE}/a?page=2", f"{BASE}/a?page=2&fbclid=1"]
    chosen = select(DiscoveredItem(u, "s") for u in urls)
    assert [i.url for i in chosen] == [urls[0], urls[3]]  # the first listed, as listed


def test_unusable_links_are_counted_by_why() -> None:
    links = [f"{BASE}/a", "javascript:void(0)", f"{BASE}/b", "mailto:desk@example.org", "", "  "]
    links += ["http://[::1/broken", f"{BASE}/c", "/d", "ftp://example.org/e"]
    entries = "".join(f"<item><title>T{n}</title><link>{u}</link></item>" for n, u in enumerate(links))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{entries}</channel></rss>'
    found = parse_feed(feed.encode(), "s", f"{BASE}/feed.xml")
    assert [i.url for i in found.items] == [f"{BASE}/a", f"{BASE}/b", f"{BASE}/c", f"{BASE}/d"]
    assert dict(found.unusable) == {"not http(s)": 3, "empty or malformed": 3}

    locs = "".join(f"<url><loc>{u}</loc></url>" for u in ["http://[::1/broken", f"{BASE}/a", "mailto:x@y"])
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()
    parsed = parse_sitemap(sitemap, "s")
    assert ([i.url for i in parsed.items], dict(parsed.unusable)) == (
        [f"{BASE}/a"],
        {"empty or malformed": 1, "not http(s)": 1},
    )


def test_several_creators_written_last_name_first_stay_two_people() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
<item><title>a</title><link>https://e.org/1</link><dc:creator>Doe, Jane</dc:creator><dc:creator>van Dyke, Anna M.</dc:creator></item>
<item><title>b</title><link>https://e.org/2</link><dc:creator>Doe, Jane</dc:creator></item>
<item><title>c</title><link>https://e.org/3</link><dc:creator>Ann Lee</dc:creator><dc:creator>Bob Ray</dc:creator></item>
</channel></rss>"""
    # Was "Doe, Jane, van Dyke, Anna M.": four names once the byline was split at its commas.
    assert [i.author for i in parse_feed(rss, "s").items] == [
        "Jane Doe, Anna M. van Dyke",
        "Doe, Jane",
        "Ann Lee, Bob Ray",
    ]


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        # feedparser reads e-mail endings of 2-4 letters: these were "ne (Jane Doe" and "a" (review).
        ("desk@paper.online (Jane Doe)", "Jane Doe"),
        ("newsroom@example.media", None),
        ("Jane Doe &lt;jane@example.media&gt;", "Jane Doe"),
        ("jane@example.com (Jane Doe)", "Jane Doe"),
        ("Jane Doe", "Jane Doe"),
    ],
)
def test_an_rss_author_with_an_address_of_any_ending(author: str, expected: str | None) -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
        f"<link>https://e.org/1</link><author>{author}</author></item></channel></rss>"
    ).encode()
    assert [i.author for i in parse_feed(rss, "a").items] == [expected]


_URLSET = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
_LOC = b"<url><loc>https://x.test/p?id=7&amp;lang=en</loc></url>"


@pytest.mark.parametrize(
    ("broken", "repair"),
    [
        (b'\n<?xml version="1.0" encoding="UTF-8"?>' + _URLSET, "blank lines before the XML left out"),
        (_URLSET + b"<url><loc>https://x.test/q?id=7&page=2</loc></url>", "& escaped"),
        (
            _URLSET + b"<url><loc>https://x.test/caf\xe9</loc></url>",
            "bytes that are not UTF-8 read as cp1252",
        ),
        (_URLSET + b"<url><loc>https://x.test/nbsp</loc><title>a&nbsp;b</title></url>", "& escaped"),
        (_URLSET + b"<url><loc>https://x.test/open</loc></url><<", "recovered what could be read"),
    ],
)
def test_a_slightly_broken_sitemap_keeps_the_ampersands_of_its_urls(broken: bytes, repair: str) -> None:
    # libxml2's recovering parse dropped every entity reference after the first error: the correctly
    # escaped ?id=7&amp;lang=en was fetched as ?id=7lang=en.
    found = parse_sitemap(broken + _LOC + b"</urlset>", "s")
    assert found.items[-1].url == "https://x.test/p?id=7&lang=en"
    assert found.warning is not None and repair in found.warning
    assert found.items[0].url in {
        "https://x.test/p?id=7&lang=en",
        "https://x.test/q?id=7&page=2",  # the bare & kept, not the URL cut at it
        "https://x.test/café",  # the cp1252 byte read as é, not U+FFFD
        "https://x.test/nbsp",
        "https://x.test/open",
    }


@pytest.mark.parametrize(
    "junk",
    [
        b"Warning: Cannot modify header information - headers already sent by (output started at "
        b"/var/www/html/wp-config.php:1) in /var/www/html/wp-includes/pluggable.php on line 1421\n",
        b"<br />\n<b>Notice</b>:  Undefined index: page in <b>/var/www/sitemap.php</b> on line <b>12</b><br />\n",
    ],
)
@pytest.mark.parametrize("declaration", [b'<?xml version="1.0" encoding="UTF-8"?>\n', b""])
def test_a_php_notice_before_a_sitemap_is_left_out(junk: bytes, declaration: bytes) -> None:
    # Refused as "bad_sitemap" (plain text first) or "not_a_sitemap: root element is <br>".
    found = parse_sitemap(junk + declaration + _URLSET + _LOC + b"</urlset>", "s")
    assert [i.url for i in found.items] == ["https://x.test/p?id=7&lang=en"]
    assert found.warning is not None and "text before the XML left out" in found.warning


def test_a_repaired_sitemap_still_refuses_entities() -> None:
    bomb = b'Notice: x\n<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaa">]>' + _URLSET + b"&a;</urlset>"
    with pytest.raises(DiscoverError) as info:
        parse_sitemap(bomb, "s")
    assert info.value.reason == "unsafe_xml"


def test_an_html_page_where_the_sitemap_should_be_says_so() -> None:
    page = b"<!DOCTYPE html>\n<html><head><title>News</title></head><body><p>Home<br></p></body></html>"
    with pytest.raises(DiscoverError) as info:
        parse_sitemap(page, "s")  # was "bad_sitemap: not well-formed XML: StartTag: invalid element name"
    assert (info.value.reason, info.value.detail) == (
        "not_a_sitemap",
        "an HTML page, not a sitemap (is this the site's home page?)",
    )


def _index(children: list[tuple[str, str | None]]) -> bytes:
    entries = "".join(
        f"<sitemap><loc>https://x.test/{name}.xml</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + "</sitemap>"
        for name, lastmod in children
    )
    return (
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'.encode()
    )


def test_an_index_none_of_whose_child_sitemaps_can_be_read_is_the_source_s_failure() -> None:
    from flows.discover import UnreadIndex

    site = {"https://x.test/index.xml": _index([("a", None), ("b", None)])}  # both missing: load raises

    def load(url: str) -> tuple[bytes, str]:
        if url not in site:
            raise DiscoverError("http_404", "server answered 404")
        return site[url], url

    with pytest.raises(UnreadIndex) as info:  # was a warning: "the sitemap lists no page URLs"
        walk_sitemaps("https://x.test/index.xml", "s", load)
    assert info.value.reason == "no_child_sitemap"
    assert info.value.detail == "no child sitemap of the index could be read (2 failed, see the warning)"
    assert info.value.warning == (
        "https://x.test/a.xml: http_404: server answered 404; https://x.test/b.xml: http_404: server answered 404"
    )
    # One child read, even an empty one: the index was read, the other child is a warning as before.
    site["https://x.test/b.xml"] = _URLSET + b"</urlset>"
    found = walk_sitemaps("https://x.test/index.xml", "s", load)
    assert found.items == [] and found.warning == "https://x.test/a.xml: http_404: server answered 404"
    # A child left unread as unchanged is no failure of the index either (a first version raised).
    del site["https://x.test/b.xml"]
    found = walk_sitemaps(
        "https://x.test/index.xml", "s", load, skip=lambda child: child.url.endswith("/b.xml")
    )
    assert found.warning == "https://x.test/a.xml: http_404: server answered 404"


def test_max_sitemaps_reads_the_newest_child_sitemaps_and_says_how_many_were_left() -> None:
    children = [
        ("old", "2023-01-01"),
        ("none", None),
        ("new", "2024-03-12T10:00:00+01:00"),
        ("mid", "2024-02"),
    ]
    children += [("newest", "2024-03-12T09:30:00Z"), ("none2", None)]
    loaded: list[str] = []

    def load(url: str) -> tuple[bytes, str]:
        loaded.append(url.rsplit("/", 1)[1])
        name = url.rsplit("/", 1)[1].removesuffix(".xml")
        return (
            _index(children)
            if name == "index"
            else _URLSET + f"<url><loc>https://x.test/{name}</loc></url></urlset>".encode()
        ), url

    found = walk_sitemaps("https://x.test/index.xml", "s", load, max_sitemaps=3)
    # The newest three (09:30Z is later than 10:00+01:00), the index not counted; the oldest were left out.
    assert loaded == ["index.xml", "newest.xml", "new.xml", "mid.xml"]
    assert found.warning == (
        "3 more listed sitemaps not read: over max_sitemaps = 3 (raise the source's max_sitemaps to read them)"
    )
    loaded.clear()
    everything = walk_sitemaps(
        "https://x.test/index.xml", "s", load
    )  # those without a lastmod last, as listed
    assert loaded[1:] == ["newest.xml", "new.xml", "mid.xml", "old.xml", "none.xml", "none2.xml"]
    assert everything.warning is None and len(everything.items) == 6


def test_a_page_listed_twice_keeps_its_first_place_and_gains_what_the_second_listing_says() -> None:
    plain = DiscoveredItem(f"{BASE}/p", "s", lastmod_text="2024-03-12", via="sitemap")
    news = DiscoveredItem(
        f"{BASE}/p?utm_source=news",
        "s",
        title="Harbour reopens",
        published_text="2024-03-12T07:00:00Z",
        lastmod_text="2024-03-12T18:05:00Z",
        via="news-sitemap",
    )
    other = DiscoveredItem(f"{BASE}/q", "s", via="sitemap")
    older = DiscoveredItem(f"{BASE}/p", "s", title="Old title", lastmod_text="2024-01-01", via="sitemap")
    chosen = select([plain, other, news, older])
    # Was the first listing alone: the news sitemap's title, date and later lastmod (an edit) were lost.
    assert chosen == [
        DiscoveredItem(
            f"{BASE}/p",
            "s",
            title="Harbour reopens",
            published_text="2024-03-12T07:00:00Z",
            lastmod_text="2024-03-12T18:05:00Z",
            via="sitemap",
        ),
        other,
    ]
    assert select([news, plain]) == [news]  # nothing to add, and its own lastmod is the later one


@pytest.mark.parametrize(
    ("empty_link", "permalink"), [(b"<link></link>", b""), (b"<link/>", b' isPermaLink="true"')]
)
def test_an_rss_item_with_an_empty_link_has_its_permalink_guid_as_link(
    empty_link: bytes, permalink: bytes
) -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://x.test/</link>'
        b"<item><title>One</title>" + empty_link + b"<guid" + permalink + b">https://x.test/one</guid></item>"
        b"<item><title>Two</title>"
        + empty_link
        + b'<guid isPermaLink="false">https://x.test/two</guid></item>'
        b"</channel></rss>"
    )
    found = parse_feed(feed, "s")  # was: both unusable, "empty or malformed"
    assert [(i.url, i.title) for i in found.items] == [("https://x.test/one", "One")]
    assert dict(found.unusable) == {"empty or malformed": 1}  # a guid that is no permalink is no link


@pytest.mark.parametrize(
    ("guid", "url"),
    [
        ("12345", None),
        ("tag:x.test,2024:7", None),
        ("/news/7", "https://x.test/news/7"),
        (" https://x.test/8 ", "https://x.test/8"),
    ],
)
def test_a_guid_that_is_no_url_is_no_link(guid: str, url: str | None) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>One</title><link></link><guid>{guid}</guid></item></channel></rss>"
    ).encode()
    found = parse_feed(feed, "s", "https://x.test/feed.xml")
    # Was: "12345" fetched as https://x.test/12345, a page no feed named.
    assert [i.url for i in found.items] == ([url] if url else [])


_JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "J",
    "authors": [{"name": "Desk"}],
    "items": [
        {
            "id": "1",
            "url": "https://x.test/one",
            "title": " One ",
            "date_published": "2024-03-05T10:00:00Z",
            "date_modified": "2024-03-06T08:00:00Z",
            "authors": [{"name": "Ann Lee"}, {"name": "Bo Ek"}],
            "content_html": "<p>First <b>story</b></p>",
        },
        {"id": "2", "url": "two.html", "summary": "Second", "date_modified": "2024-03-04"},
        {"id": "3", "external_url": "https://elsewhere.test/three", "author": {"name": "Cy Oh"}},
        {"id": "4", "content_text": "no link"},
        {"id": "5", "url": "mailto:desk@x.test"},
        "not an item",
    ],
}


def test_a_json_feed_is_read_as_feeds_are() -> None:
    import json

    data = json.dumps(_JSON_FEED).encode()
    found = parse_feed(data, "j", "https://x.test/feed.json")  # was "not well-formed (invalid token)"
    one, two, three = found.items
    assert one == DiscoveredItem(
        "https://x.test/one",
        "j",
        title="One",
        published_text="2024-03-05T10:00:00Z",
        author="Ann Lee, Bo Ek",
        summary="First story",
        lastmod_text="2024-03-06T08:00:00Z",
        via="feed",
    )
    assert (two.url, two.published_text, two.lastmod_text, two.author, two.summary) == (
        "https://x.test/two.html",  # relative, resolved against the feed's URL
        "2024-03-04",  # its only date, as for RSS and Atom
        "2024-03-04",
        "Desk",  # the feed's authors, JSON Feed 1.1
        "Second",
    )
    assert (three.url, three.author) == ("https://elsewhere.test/three", "Cy Oh")  # 1.0's author
    assert dict(found.unusable) == {"empty or malformed": 2, "not http(s)": 1}


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b'{"version": "1", "items": []}', "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": {}}', "without an items list"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": [', "cannot be read"),
    ],
)
def test_json_that_is_no_json_feed_says_so(data: bytes, detail: str) -> None:
    with pytest.raises(DiscoverError) as info:
        parse_feed(data, "j")
    assert info.value.reason == "bad_feed" and detail in info.value.detail


def test_a_gzipped_feed_is_read() -> None:
    found = parse_feed(gzip.compress(_fixture("rss2.xml")), "ex", base_url=f"{BASE}/world/feed.xml.gz")
    assert len(found.items) == 3  # was "not an RSS or Atom feed: ... not well-formed (invalid token)"
    with pytest.raises(DiscoverError) as info:
        parse_feed(gzip.compress(_fixture("rss2.xml"))[:40], "ex")
    assert info.value.reason == "bad_feed"
