"""URL normalisation, so one article is known by one URL however it was linked."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

# Tracking parameters that never change the page.
TRACKING_PREFIXES = ("utm_", "mc_", "fbclid", "gclid", "ocid", "cmpid", "icid", "ito")
# A host with a control character, a space or one of these is not a host (WHATWG's forbidden host code
# points); such a URL names nothing, so it is dropped rather than stored as a key.
_BAD_HOST = re.compile(r'[\x00-\x20\x7f"#%/<>?@\[\\\]^`{|}]')
# Characters a browser percent-encodes in a path: controls, space, quotes, angle and curly brackets,
# backtick, and everything beyond ASCII (as UTF-8). Existing escapes and the rest stay as written.
_PATH_UNSAFE = re.compile(r'[\x00-\x20\x7f-\U0010ffff"<>`{}]+')


def normalise_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port; None if not http(s).

    The path is percent-encoded the way a browser sends it, so ``/a b`` and ``/a%20b`` (or a path in
    Cyrillic and its escaped form) are one article, and no control character reaches the warehouse.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if _BAD_HOST.search(host):
        return None
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    if port and not (scheme == "http" and port == 80) and not (scheme == "https" and port == 443):
        host = f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(TRACKING_PREFIXES)
        ]
    )
    path = _PATH_UNSAFE.sub(lambda m: quote(m[0], safe="", errors="surrogatepass"), parts.path)
    return urlunsplit((scheme, host, path or "/", query, ""))


_INDEX = re.compile(r"/index\.(?:html?|php|aspx?|jsp)$", re.I)  # a site's home page by its file name


def home_of_another(candidate: str, url: str | None) -> bool:
    """A canonical URL that is the site's home page, for a page that is not (or whose address is not
    known): a misconfigured CMS's, which would key every article of the site as one (review)."""
    parts = urlsplit(candidate)
    if parts.path.strip("/") or parts.query:  # "/?p=123" is WordPress's address of a post
        return False
    if not url:
        return True
    page = urlsplit(url)
    return bool(_INDEX.sub("", page.path).strip("/") or page.query)  # "index.php?option=...&id=12"
