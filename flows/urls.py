"""URL normalisation, so one article is known by one URL however it was linked."""

from __future__ import annotations

import re
from urllib.parse import (
    parse_qsl,
    quote,
    quote_plus,
    unquote,
    unquote_plus,
    unquote_to_bytes,
    urlencode,
    urlsplit,
    urlunsplit,
)

# Tracking parameters that never change the page.
TRACKING_PREFIXES = ("utm_", "mc_", "fbclid", "gclid", "ocid", "cmpid", "icid", "ito")
# A host with a control character, a space or one of these is not a host (WHATWG's forbidden host code
# points); such a URL names nothing, so it is dropped rather than stored as a key.
_BAD_HOST = re.compile(r'[\x00-\x20\x7f"#%/<>?@\[\\\]^`{|}]')
# Characters a browser percent-encodes in a path: controls, space, quotes, angle and curly brackets,
# backtick, and everything beyond ASCII (as UTF-8). Existing escapes and the rest stay as written.
_PATH_UNSAFE = re.compile(r'[\x00-\x20\x7f-\U0010ffff"<>`{}]+')
# Characters a browser percent-encodes in a query (WHATWG's special-query set): controls, space, quotes,
# angle brackets, and everything beyond ASCII (as UTF-8).
_QUERY_UNSAFE = re.compile(r"[\x00-\x20\x7f-\U0010ffff\"'<>]+")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")  # a "%" that starts no escape ("100%", "%zz")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def normalise_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port; None if not http(s).

    The path is percent-encoded the way a browser sends it, so ``/a b`` and ``/a%20b`` (or a path in
    Cyrillic and its escaped form) are one article, and no control character reaches the warehouse; the
    query as ``_query`` writes it.
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
    path = _PATH_UNSAFE.sub(_quoted, parts.path)
    return urlunsplit((scheme, host, path or "/", _query(parts.query), ""))


def key_before_query_kept(url: str) -> str | None:
    """``normalise_url`` as it was until 2026-11-30, which form-decoded and encoded every query pair
    again (``?4711`` -> ``?4711=``, ``id=9;print=1`` -> ``id=9%3Bprint%3D1``): documents fetched then keep
    it as their key, and a crawl finds them under it (``crawl.known_documents``) rather than anew."""
    new = normalise_url(url)
    if new is None:
        return None
    parts, query = urlsplit(new), urlsplit(url.strip()).query
    pairs = parse_qsl(query, keep_blank_values=True)
    old_query = urlencode([(k, v) for k, v in pairs if not k.lower().startswith(TRACKING_PREFIXES)])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, old_query, ""))


# Keys that ``normalise_url`` may change, in a pattern both Python's ``re`` and DuckDB's
# ``regexp_matches`` read alike: every key it changes matches (some it keeps do too). A warehouse holds
# few such keys (URLs as listed before 2026-11-29), so a crawl looks for the pages' older keys among
# these alone (``crawl.known_documents``), not among every stored page of the site.
MAY_CHANGE = "|".join(
    (
        r"#",  # a fragment
        r"[^\x21-\x7e]|[\"'<>`{}]",  # a space, a control, what is beyond ASCII, what a browser escapes
        r"^[^:/?#]*[A-Z]",  # the scheme's case
        r"^[^/?#]*//[^/?#]*(?:[A-Z@]|:0|:(?:80|443)?(?:[/?#]|$)|\][^:/?#])",  # host case, user, port
        r"^[^/?#]*//[^/?#]*(?:[?#]|$)",  # no path: "/"
        r"\?(?:&|$)|&(?:&|$)",  # empty pairs
        r"(?i:[?&](?:utm_|mc_|fbclid|gclid|ocid|cmpid|icid|ito))|[?&][^=&]*[%+]",  # tracking names
        r"\?.*[^A-Za-z0-9_.~+%=&-]|[?&][^&=]*=[^&=]*=",  # a pair that is encoded again
        r"\?.*%(?:[a-f]|[0-9A-Fa-f][a-f])",  # an escape in lower case
        r"\?.*%(?:2[0DEde]|3[0-9]|[46][1-9A-Fa-f]|[57][0-9Aa]|5[Ff]|7[Ee])",  # an escaped letter, digit or space
    )
)
# What a URL and the URLs normalising to the same key mostly share (not a default port, nor a path escaped
# in one and written raw in the other: ``stems_of`` adds those): the URL before its query or fragment, in
# lower case. ``url_stem`` and ``URL_STEM_SQL`` (of the column ``origin``) give the same, cheaply.
URL_STEM_SQL = "lower(split_part(split_part(origin, '#', 1), '?', 1))"
_DEFAULT_PORT = {"http": ":80", "https": ":443"}


def url_stem(url: str) -> str:
    """``URL_STEM_SQL`` in Python: the URL before its query or fragment, in lower case."""
    return url.split("#", 1)[0].split("?", 1)[0].lower()


def stems_of(url: str) -> set[str]:
    """The ``url_stem``s a key an older Wirehouse stored for this page may have: that of the URL as listed
    now, and that of its key with or without its default port, its path escaped or not, "/" or none."""
    try:
        key = urlsplit(normalise_url(url) or url)
    except ValueError:  # no URL to split ("http://[::1"): no key but its own
        return {url_stem(url.strip())}
    path = key.path
    hosts = {key.netloc, key.netloc + _DEFAULT_PORT.get(key.scheme, "")}
    paths = {path, unquote(path)} | ({""} if path == "/" else set())
    return {url_stem(url.strip())} | {url_stem(f"{key.scheme}://{h}{p}") for h in hosts for p in paths}


def _quoted(m: re.Match[str]) -> str:
    return quote(m[0], safe="", errors="surrogatepass")


def _query(query: str) -> str:
    """The query without tracking parameters (and empty pairs, ``a=1&&b=2``), each pair as ``_pair``
    writes it."""
    pairs = []
    for pair in query.split("&"):
        if pair and not unquote_plus(pair.partition("=")[0]).lower().startswith(TRACKING_PREFIXES):
            pairs.append(_pair(pair))
    return "&".join(pairs)


def _pair(pair: str) -> str:
    """A pair of the query, form-decoded and encoded again as keys have been since they were normalised
    (``q=a%20b`` -> ``q=a+b``, ``to=http://x`` -> ``to=http%3A%2F%2Fx``), unless that changes what it says
    or merges pages: then it is kept as written, with only what a browser escapes escaped (and escapes in
    upper case). Those are a pair without "=" (``?4711`` is not ``?4711=``), one with ";" (``id=9;print=1``
    was ``id=9%3Bprint%3D1``), and one with a "%" that starts no escape or escapes that are no UTF-8
    (``name=M%FCller`` and ``name=M%F6ller``, two pages, were both ``name=M%EF%BF%BDller``).

    Only those changed: document keys (``documents.origin``) and article ids are made from this URL, and
    every other stored key stays what it was (see docs/fetching.md).
    """
    if "=" in pair and ";" not in pair and not _BAD_ESCAPE.search(pair):
        try:
            unquote_to_bytes(pair).decode("utf-8")
        except UnicodeError:  # escapes that are no UTF-8, or a lone surrogate
            pass
        else:
            name, _, value = pair.partition("=")
            return f"{quote_plus(unquote_plus(name))}={quote_plus(unquote_plus(value))}"
    return _ESCAPE.sub(lambda m: m[0].upper(), _QUERY_UNSAFE.sub(_quoted, pair))


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
