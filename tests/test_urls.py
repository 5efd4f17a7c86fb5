from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.urls import normalise_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM/a?utm_source=x&id=3#top", "https://example.com/a?id=3"),
        ("http://example.com:80", "http://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("ftp://example.com/x", None),
        ("not a url", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
        # Paths as a browser sends them: one spelling per page, and no control character kept.
        ("http://a.com/a b", "http://a.com/a%20b"),
        ("http://a.com/a%20b", "http://a.com/a%20b"),
        ("http://a.com/x\x00y\x1fz", "http://a.com/x%00y%1Fz"),
        (
            "https://ru.wikipedia.org/wiki/Москва",
            "https://ru.wikipedia.org/wiki/%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0",
        ),
        ('http://a.com/<"x">', "http://a.com/%3C%22x%22%3E"),
        ("http://a.com/%7Ex/;p=1@2", "http://a.com/%7Ex/;p=1@2"),
        # Hosts with a control character or a space name nothing.
        ("http://a\x00b.com/", None),
        ("http://a b.com/x", None),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("http://[2001:DB8::1]/", "http://[2001:db8::1]/"),
    ],
)
def test_normalise_url(url: str | None, expected: str | None) -> None:
    assert normalise_url(url) == expected


@given(st.text())
def test_normalised_urls_hold_no_control_character_or_space(tail: str) -> None:
    url = normalise_url("https://example.com/" + tail)
    assert url is None or not any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in url)
    assert url is None or url.isascii()


@given(st.text())
def test_normalising_twice_changes_nothing(tail: str) -> None:
    once = normalise_url("https://example.com/" + tail)
    assert once is None or normalise_url(once) == once
