from __future__ import annotations

from pathlib import Path

import pytest

from flows.errors import ConfigError, UserError
from flows.sources import Source, allow_private_networks, load_sources

REPO = Path(__file__).resolve().parents[1]

GOOD = """
allow_private_networks = true
user_agent = "Wirehouse-test/1"

[[source]]
name = "local-feed"
kind = "feed"
url = "http://127.0.0.1:8000/feed.xml"
locale = "de_DE"
timezone = "Europe/Berlin"
include = "/news/"
exclude = ['/video/', '\\.pdf$']
rate_limit = 0.5
max_items = 10

[[source]]
name = "pages"
kind = "urls"
urls = ["https://example.org/a", "https://example.org/b"]
refresh = true

[[source]]
name = "files"
kind = "files"
path = "articles/*.txt"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file(tmp_path: Path) -> None:
    config = load_sources(_write(tmp_path, GOOD))
    assert config.allow_private_networks is True
    assert config.user_agent == "Wirehouse-test/1"
    feed, pages, files = config.sources
    assert feed == Source(
        name="local-feed",
        kind="feed",
        url="http://127.0.0.1:8000/feed.xml",
        locale="de_DE",
        timezone="Europe/Berlin",
        include=("/news/",),
        exclude=("/video/", "\\.pdf$"),
        rate_limit=0.5,
        max_items=10,
    )
    assert pages.urls == ("https://example.org/a", "https://example.org/b")
    assert pages.refresh is True
    assert feed.max_sitemaps == 100  # the default
    text = GOOD.replace('user_agent = "Wirehouse-test/1"', 'user_agent = "Nachrichtenbot/1.0 (Müller)"')
    other = load_sources(
        _write(tmp_path, text.replace("max_items = 10", "max_items = 10\nmax_sitemaps = 500"))
    )
    assert other.user_agent == "Nachrichtenbot/1.0 (Müller)"  # Latin-1 is what a header carries
    assert other.sources[0].max_sitemaps == 500
    assert files.path == str(tmp_path / "articles/*.txt")
    assert config.get("pages") is pages


def test_shipped_example_is_valid() -> None:
    config = load_sources(REPO / "seeds" / "sources.toml")
    kinds = {s.kind for s in config.sources}
    assert kinds == {"feed", "sitemap", "urls", "files"}
    assert config.allow_private_networks is False
    files = config.get("seed-articles")
    assert files.path is not None and Path(files.path).is_dir()


def _src(extra: str, kind: str = "feed", location: str = 'url = "https://example.org/feed"') -> str:
    return f'[[source]]\nname = "s1"\nkind = "{kind}"\n{location}\n{extra}\n'


BAD = [
    # (file text, fragments the one-line message must contain)
    ("colour = 1\n", ["top level", "colour", "unknown key"]),
    ("allow_private_networks = 'yes'\n", ["allow_private_networks", "true or false"]),
    (_src("speed = 3"), ["'s1'", "speed", "unknown key"]),
    (_src("", kind="podcast"), ["'s1'", "kind", "podcast"]),
    ('[[source]]\nkind = "feed"\nurl = "https://e.org/"\n', ["source #1", "name", "missing"]),
    (_src("", location=""), ["'s1'", "url", "missing"]),
    (_src("", location='url = "ftp://example.org/feed"'), ["'s1'", "url", "http and https"]),
    (_src("", location='url = "file:///etc/passwd"'), ["url", "http and https"]),
    (_src("", kind="urls", location='urls = ["https://a.org/", "javascript:alert(1)"]'), ["urls", "http"]),
    (_src("", kind="urls", location="urls = []"), ["urls", "empty"]),
    (_src('path = "x"'), ["'s1'", "path", "not used by kind 'feed'"]),
    (_src("rate_limit = -1"), ["rate_limit", "seconds"]),
    (_src('rate_limit = "fast"'), ["rate_limit", "seconds"]),
    (_src("max_items = 0"), ["max_items", "at least 1"]),
    (_src("max_items = 2.5"), ["max_items"]),
    (_src("max_sitemaps = 0"), ["'s1'", "max_sitemaps", "at least 1"]),
    (_src('max_sitemaps = "all"'), ["max_sitemaps", "whole number"]),
    # Sent as an HTTP header: each failed every request ("Invalid leading whitespace", "latin-1 codec").
    ('user_agent = "MyBot/1.0\\nX-Evil: 1"\n', ["top level", "user_agent", "one line", "HTTP header"]),
    ('user_agent = "Bot/1\\t(tab)"\n', ["user_agent", "one line"]),
    ('user_agent = "Nachrichtenbot ✓"\n', ["user_agent", "Latin-1", "'Nachrichtenbot ✓'"]),
    (_src("refresh = 1"), ["refresh", "true or false"]),
    (_src("retry_failed = 3"), ["retry_failed", 'true, false or a wait such as "30m"']),
    (_src('retry_failed = "soon"'), ["retry_failed", "'soon'"]),
    (_src('retry_failed = "0h"'), ["retry_failed"]),
    (_src('retry_failed = "400d"'), ["retry_failed", "up to 365d"]),
    (_src('include = ["(unclosed"]'), ["include", "invalid regular expression"]),
    (_src("exclude = [1]"), ["exclude", "list of strings"]),
    (_src('timezone = "Mars/Olympus"'), ["timezone", "Mars/Olympus"]),
    # urlsplit raises on these: they used to end the crawl with "unexpected error: ValueError".
    (_src("", location='url = "http://[::1/x"'), ["'s1'", "url", "not a valid URL"]),
    (_src("", kind="urls", location='urls = ["https://a.test:99999/x"]'), ["urls", "not a valid URL"]),
    # Passed the check, then failed at fetch time (a space) or spread a password over every page.
    (_src("", location='url = "http://exa mple.com/rss.xml"'), ["url", "space or control character"]),
    (_src("", location='url = "http://user:pw@example.org/rss.xml"'), ["url", "password", "not supported"]),
    (_src("", kind="urls", location='urls = ["https://me@a.org/x"]'), ["urls", "user name"]),
    (_src('locale = "english please"'), ["locale"]),
    # Shaped like a locale, but not a language the date parser reads: they used to mean "day first".
    (_src('locale = "US"'), ["locale", "unknown locale 'US'"]),
    (_src('locale = "xx"'), ["locale", "unknown locale 'xx'"]),
    (_src('locale = "en-Latn-GB"'), ["locale"]),
    (_src("") + _src(""), ["'s1'", "duplicate"]),
    ("[source]\nname = 'x'\n", ["source", "[[source]]"]),
    ("timeout = 0\n", ["top level", "timeout", "between 1 and 300"]),
    ("timeout = '20 s'\n", ["timeout", "between 1 and 300"]),
    ("retries = 11\n", ["retries", "between 0 and 10"]),
    ("retries = true\n", ["retries"]),
    (
        "[[source]]\nname = 'x'\nurl = 'https://a.org/rss'\n",
        ["'x'", "kind: missing (one of feed"],
    ),  # was "got None"
    ("this is = = not toml", ["not valid TOML"]),
]


@pytest.mark.parametrize(("text", "fragments"), BAD)
def test_bad_values_name_file_source_and_key(tmp_path: Path, text: str, fragments: list[str]) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message


def test_a_binary_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_bytes(b"name = '\xa2\xff'\n")
    with pytest.raises(ConfigError, match="not a UTF-8 text file") as info:
        load_sources(path)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_sources(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("file_flag", "env", "expected"),
    [(False, {}, False), (True, {}, True), (False, {"WIREHOUSE_ALLOW_PRIVATE_NETWORKS": "1"}, True)],
)
def test_allow_private_overlay(tmp_path: Path, file_flag: bool, env: dict[str, str], expected: bool) -> None:
    text = f"allow_private_networks = {'true' if file_flag else 'false'}\n"
    config = load_sources(_write(tmp_path, text))
    assert allow_private_networks(config, env) is expected


def test_an_allow_private_networks_variable_that_is_no_yes_or_no_is_a_one_line_error(tmp_path: Path) -> None:
    # A review: "maybe" silently meant no, where WIREHOUSE_NO_PREFECT=maybe is an error.
    config = load_sources(_write(tmp_path, "allow_private_networks = false\n"))
    for value, expected in (("yes", True), ("ON", True), ("0", False), ("no", False), (" ", False)):
        assert allow_private_networks(config, {"WIREHOUSE_ALLOW_PRIVATE_NETWORKS": value}) is expected
    with pytest.raises(UserError, match=r"^WIREHOUSE_ALLOW_PRIVATE_NETWORKS must be 1 or 0 .*'maybe'$"):
        allow_private_networks(config, {"WIREHOUSE_ALLOW_PRIVATE_NETWORKS": "maybe"})


def test_timeout_and_retries_reach_the_fetcher(tmp_path: Path) -> None:
    # A review: one slow page cost 86 s per run (20 s, four tries), and `timeout = 5` was an unknown key.
    from flows.fetch import DEFAULT_CONNECT_TIMEOUT, Fetcher

    config = load_sources(_write(tmp_path, "timeout = 5\nretries = 0\n" + GOOD.split("\n", 3)[3]))
    assert (config.timeout, config.retries) == (5.0, 0)
    with Fetcher.for_sources(config, environ={}) as fetcher:
        assert (fetcher.timeout, fetcher.retries) == ((DEFAULT_CONNECT_TIMEOUT, 5.0), 0)
    with Fetcher.for_sources(load_sources(_write(tmp_path, GOOD)), environ={}) as fetcher:
        assert (fetcher.timeout[1], fetcher.retries) == (20.0, 3)  # the defaults


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("false", None),
        ("true", 0.0),
        ('"90s"', 90.0),
        ('"30m"', 1800.0),
        ('" 6H "', 21600.0),
        ('"1.5d"', 129600.0),
    ],
)
def test_retry_failed_is_the_back_off_every_run_or_a_fixed_wait(
    tmp_path: Path, value: str, seconds: float | None
) -> None:
    [source] = load_sources(_write(tmp_path, _src(f"retry_failed = {value}"))).sources
    assert source.retry_failed == seconds
    [default] = load_sources(_write(tmp_path, _src(""))).sources
    assert default.retry_failed is None  # the growing back-off of crawl_backoff.retry_wait
