from __future__ import annotations

import pytest

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
    ],
)
def test_normalise_url(url: str | None, expected: str | None) -> None:
    assert normalise_url(url) == expected
