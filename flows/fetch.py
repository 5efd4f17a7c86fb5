"""Fetch: the one HTTP layer every web source goes through, polite, bounded and safe.

One ``Fetcher`` owns a ``requests`` session whose connections go only to addresses the ``NetGuard``
approved. Every request, robots.txt included, passes the same steps: guard, robots.txt, per-host rate
limit, a global concurrency slot, then a streamed read with a byte cap. Redirects are followed by hand
so every hop is guarded and counted. Failures are typed: ``FetchTransientError`` (timeouts, connection
errors, 429, 5xx; raised once retries are used up) may work later, ``FetchError`` never will.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import ssl
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from http.cookiejar import DefaultCookiePolicy
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

from .dates import parse_date
from .errors import TransientError, WirehouseError
from .netguard import Connector, NetGuard, PinnedAdapter, Resolver, UnsafeURL
from .records import RawDocument, Rejected
from .sources import Source, SourcesConfig, allow_private_networks

DEFAULT_USER_AGENT = "Wirehouse/0.1 (+https://github.com/wirehouse/wirehouse; news ingestion)"
DEFAULT_MAX_BYTES = 10_000_000
# A sitemap may hold 50,000 URLs in 50 MB uncompressed (sitemaps.org); a page's 10 MB cap refused them.
DISCOVERY_MAX_BYTES = 50_000_000
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 20.0  # a sources file's top-level `timeout` replaces it
ROBOTS_MAX_BYTES = 512_000
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is clamped so one host cannot stall a run
ROBOTS_TTL = 3600.0  # seconds a robots.txt answer is trusted
ROBOTS_RETRY_TTL = 60.0  # seconds an unreachable robots.txt is remembered before asking again
REDIRECTS = frozenset({301, 302, 303, 307, 308})
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "content-encoding",
    "content-language",
    "etag",
    "last-modified",
    "date",
    "cache-control",
    "expires",
    "x-robots-tag",
)
# Pages, feeds, sitemaps and plain text; ``+xml`` and ``text/*`` are accepted too. Everything else
# (images, PDFs, video, archives other than gzipped sitemaps) is refused before the body is read.
ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
        "application/ld+json",
        "application/gzip",
        "application/x-gzip",
    }
)
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)


class FetchError(WirehouseError):
    """A fetch that will not succeed on retry (refused URL, 404, wrong content type, too large, loop)."""

    def __init__(self, reason: str, detail: str, url: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}" + (f" ({url})" if url else ""))
        self.reason = reason
        self.detail = detail
        self.url = url

    def to_record(self) -> Rejected:
        return Rejected(stage="fetch", reason=self.reason, detail=self.detail)


class FetchTransientError(TransientError):
    """A fetch that failed after all retries but may work later; ``reason`` is a short code."""

    def __init__(self, reason: str, detail: str, url: str | None = None, retry_after: float | None = None):
        super().__init__(f"{reason}: {detail}" + (f" ({url})" if url else ""))
        self.reason = reason
        self.detail = detail
        self.url = url
        self.retry_after = retry_after  # seconds the server asked us to wait, if it said
        self.attempts = 0
        self.then: str | None = None  # why it was not tried again, when that was no answer of its own

    def to_record(self) -> Rejected:
        tries = "1 try" if self.attempts == 1 else f"{self.attempts} tries"
        detail = f"{self.detail} after {tries}" + (f"; {self.then}" if self.then else "")
        return Rejected(stage="fetch", reason=self.reason, detail=detail)


class FetchTimeout(FetchTransientError):
    """Connect, read or whole-fetch timeout."""


class FetchConnectionError(FetchTransientError):
    """The connection failed or broke off."""


class HTTPTransientError(FetchTransientError):
    """The server answered 408, 429 or 5xx."""


class HostAskedToWait(FetchTransientError):
    """Not requested: the host asked (Retry-After) for a longer wait than this run gives it."""

    def to_record(self) -> Rejected:
        return Rejected(stage="fetch", reason=self.reason, detail=self.detail)


class RobotsUnavailable(FetchTransientError):
    """robots.txt answered 5xx or could not be reached: nothing on the host is fetched until it answers."""


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One successful fetch (2xx with a body, or 304 with none) and what it is known by."""

    url: str  # the URL asked for
    final_url: str  # the URL after redirects
    status: int
    headers: dict[str, str]  # the KEPT_HEADERS the server sent, lower-case names
    content_type: str | None  # media type only, e.g. ``text/html``
    charset: str | None  # charset named by the Content-Type header, never guessed
    etag: str | None
    last_modified: str | None
    body: bytes | None  # None when not modified
    not_modified: bool
    fetched_at: datetime
    elapsed: float  # seconds, including retries and waits
    redirects: list[str] = field(default_factory=list)  # every URL redirected to, in order
    attempts: int = 1


def _opaque_tag(etag: str) -> str:
    return etag.strip().removeprefix("W/")


def confirms(result: FetchResult, etag: str | None, last_modified: str | None) -> bool:
    """Whether a 304 is about the stored version that was asked with (``etag`` / ``last_modified``).

    RFC 9111 4.3.4: a 304 updates the stored response its validator selects, and no other. If the 304
    names an ETag, it must be the stored one (weak comparison, as If-None-Match uses); without one, a
    Last-Modified it sends must be the stored one. A 304 naming another version (a misbehaving server
    or cache) confirms nothing: trusting it could pin the stored body forever under a new label.
    """
    if result.etag:
        return etag is not None and _opaque_tag(result.etag) == _opaque_tag(etag)
    if result.last_modified and last_modified:
        return result.last_modified.strip() == last_modified.strip()
    return True


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """``text/html; charset="UTF-8"`` -> (``text/html``, ``utf-8``); nothing is assumed when absent."""
    if not value:
        return None, None
    mime, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return mime.strip().lower() or None, charset


# What storage buckets and default server set-ups send for a file they know nothing about.
_GENERIC_TYPES = frozenset({"application/octet-stream", "binary/octet-stream", "application/x-download"})


def check_content_type(content_type: str | None, url: str | None = None) -> None:
    """Refuse media that cannot hold an article, feed or sitemap; a missing type is sniffed later, and so
    is a generic type on a ``.gz``, ``.xml`` or ``.txt`` file (a gzipped or text sitemap from a storage
    bucket)."""
    mime, _ = parse_content_type(content_type)
    if mime is None or mime in ACCEPTED_TYPES or mime.startswith("text/") or mime.endswith("+xml"):
        return
    if mime in _GENERIC_TYPES and url and urlsplit(url).path.lower().endswith((".gz", ".xml", ".txt")):
        return
    raise FetchError("content_type", f"{mime} is not a page, feed or sitemap", url)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    now = now or datetime.now(UTC)
    # The project's one date parser reads HTTP dates too; a Retry-After date is in the future by design.
    when = parse_date(value, ref=now, allow_future=True).utc
    if when is None:
        return None
    return max(0.0, (when - now).total_seconds())


class HostRateLimiter:
    """Spaces requests to one host at least ``interval`` seconds apart; safe across threads.

    A request waits the longer of its own interval and the last request's, from the host's last
    request: a Crawl-delay learnt from robots.txt spaces the first page from the robots.txt request too,
    and a source with a shorter rate limit does not cut short the wait another source's longer one set.
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] = time.sleep
    ) -> None:
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, tuple[float, float]] = {}  # host -> (its last request's start, interval)
        self._lock = threading.Lock()

    def wait(self, host: str, interval: float) -> float:
        """Block until this host's next slot, reserve it, and return the seconds waited."""
        interval = max(0.0, interval)
        with self._lock:
            now = self._clock()
            last = self._last.get(host)
            start = now if last is None else max(now, last[0] + max(interval, last[1]))
            self._last[host] = (start, interval)
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return delay


@dataclass(slots=True)
class _Robots:
    rules: Protego | None  # None: allow everything
    expires: float
    unavailable: str | None = None  # why robots.txt could not be read (then the host is off limits)
    reason: str = "robots_unavailable"  # the pages' reject reason then: the network's when the host is down


class _Budget:
    """One fetch's time. ``total_timeout`` counts from its first request, not from the call: the wait for
    its turn at the host (a rate limit, a Crawl-delay, the pages queued before it) is no server's doing,
    and a page queued behind seven others at ``rate_limit = 20`` had used it up before it was asked for.
    Its retries, their waits and its redirects count."""

    def __init__(
        self, clock: Callable[[], float], total: float, on_request: Callable[[], object] | None = None
    ) -> None:
        self.clock, self.total, self.on_request = clock, total, on_request
        self.start = clock()  # the call: what ``FetchResult.elapsed`` counts from
        self.sent: float | None = None  # its first request

    def sending(self) -> None:
        if self.sent is None:
            self.sent = self.clock()
            if self.on_request is not None:
                self.on_request()

    def left(self) -> float:
        """Seconds left of ``total``; all of it until the first request is sent."""
        return self.total if self.sent is None else self.sent + self.total - self.clock()

    def allows(self, wait: float) -> bool:
        """Whether a retry after ``wait`` seconds still starts within ``total``."""
        return self.clock() - (self.start if self.sent is None else self.sent) + wait <= self.total


class Fetcher:
    """The one HTTP client: guarded, robots-aware, rate-limited, bounded, retrying transient failures.

    ``allowed_networks`` (e.g. ``["127.0.0.0/8"]``) opens only those ranges, where ``allow_private``
    opens every non-public address. ``resolver``, ``connector``, ``rng``, ``sleep`` and ``clock`` are
    there for tests.
    """

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        timeout: tuple[float, float] = (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT),
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        retries: int = 3,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        max_retry_after: float = 60.0,
        total_timeout: float = 120.0,
        default_rate_limit: float = 1.0,
        max_concurrency: int = 8,
        respect_robots: bool = True,
        allow_private: bool = False,
        allowed_networks: Iterable[str] = (),
        resolver: Resolver | None = None,
        connector: Connector | None = None,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.user_agent = user_agent or DEFAULT_USER_AGENT
        # Set by ``stop``: no new request or retry starts, and waits (backoff, rate limit) end at once.
        self._stopped = threading.Event()
        self.robots_agent = robots_token(self.user_agent)
        self.timeout, self.max_bytes, self.max_redirects = timeout, max_bytes, max_redirects
        self.retries, self.backoff, self.max_backoff = retries, backoff, max_backoff
        self.max_retry_after, self.total_timeout = max_retry_after, total_timeout
        self.default_rate_limit, self.respect_robots = default_rate_limit, respect_robots
        self.max_concurrency = max_concurrency  # callers size their thread pools by it
        self.guard = NetGuard.build(allow_private, allowed_networks, resolver)
        self._rng = rng or random.Random()
        self._sleep: Callable[[float], object] = sleep or self._stopped.wait
        self._clock = clock
        self._slots = threading.BoundedSemaphore(max_concurrency)
        self._rate = HostRateLimiter(clock, self._sleep)
        # Retry-After, per server (host and port): when its pages may be asked for again (a wait the run
        # gives), and the servers that asked for a longer one (until when, seconds asked).
        self._not_before: dict[str, float] = {}
        self._asked_to_wait: dict[str, tuple[float, float]] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies or .netrc from the environment: the guard sees all
        self.session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))  # stateless crawler
        self.session.headers.update({"User-Agent": self.user_agent, "Accept": _ACCEPT})
        adapter = PinnedAdapter(self.guard, connector, max_retries=0, pool_maxsize=max_concurrency)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    @classmethod
    def for_sources(
        cls, config: SourcesConfig | None, environ: Mapping[str, str] = os.environ, **options: Any
    ) -> Fetcher:
        """A fetcher with the sources file's User-Agent, read timeout, retries and private-network opt-in
        (file or environment)."""
        options.setdefault("user_agent", config.user_agent if config else None)
        options.setdefault("allow_private", allow_private_networks(config, environ))
        if config is not None and config.timeout is not None:
            options.setdefault("timeout", (DEFAULT_CONNECT_TIMEOUT, config.timeout))
        if config is not None and config.retries is not None:
            options.setdefault("retries", config.retries)
        return cls(**options)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    def stop(self) -> None:
        """After an interrupt: requests in flight finish (within the read timeout), none starts after them;
        without this a slow page kept the interrupted process alive through every retry (80 s and more)."""
        self._stopped.set()

    # -- public -------------------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        rate_limit: float | None = None,
        max_bytes: int | None = None,
        on_request: Callable[[], object] | None = None,
    ) -> FetchResult:
        """GET ``url`` (conditionally, if ``etag``/``last_modified`` are given), retrying transient errors;
        ``max_bytes`` for this request instead of the fetcher's cap; ``on_request`` is called once, when
        the page's first request goes out (its turn at the host came, robots.txt read)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        budget = _Budget(self._clock, self.total_timeout, on_request)
        attempt = 0
        last: FetchTransientError | None = None  # the page's own last failure, when it is tried again
        while True:
            attempt += 1
            try:
                result = self._chain(
                    url, headers, rate_limit, budget, max_bytes or self.max_bytes, robots=True
                )
            except HostAskedToWait as exc:
                if last is None:
                    raise
                # Another page of the server asked for a longer wait while this one waited to be tried
                # again: its own answer stands (it was "not requested", the 120 s of another page's).
                last.then = f"not tried again: {exc.detail.removeprefix('not requested: ')}"
                raise last from exc
            except FetchTransientError as exc:
                exc.attempts = attempt
                self._note_retry_after(exc, url)
                delay = self._retry_delay(exc, attempt)
                if delay is None or not budget.allows(delay):
                    raise
                last = exc
                self._sleep(delay)
                continue
            return _with(result, elapsed=self._clock() - budget.start, attempts=attempt)

    def allowed_by_robots(self, url: str) -> bool:
        """True if robots.txt lets this fetcher's agent fetch ``url`` (fetching robots.txt if needed)."""
        rules = self._robots_for(url).rules
        return rules is None or bool(rules.can_fetch(url, self.robots_agent))

    # -- retries ------------------------------------------------------------------------------------

    def _note_retry_after(self, exc: FetchTransientError, url: str) -> None:
        """A Retry-After holds for the whole host: its other pages wait it out too, or, when it is longer
        than ``max_retry_after``, are not requested again this run (each asked once more before)."""
        if exc.retry_after is None or isinstance(exc, HostAskedToWait):
            return
        server = _server(exc.url or url)
        until = self._clock() + exc.retry_after
        if exc.retry_after <= self.max_retry_after:
            self._not_before[server] = max(until, self._not_before.get(server, until))
        else:
            self._asked_to_wait[server] = (until, exc.retry_after)

    def _retry_delay(self, exc: FetchTransientError, attempt: int) -> float | None:
        """Seconds before the next try, or None to give up now."""
        if attempt > self.retries or isinstance(exc, RobotsUnavailable | HostAskedToWait):  # known answers
            return None
        if exc.retry_after is not None:
            # A server asking for longer than we are willing to wait gets no retry now, not a shorter wait.
            return exc.retry_after if exc.retry_after <= self.max_retry_after else None
        base = self.backoff * 2.0 ** (attempt - 1)
        return min(self.max_backoff, base + self._rng.uniform(0, base))

    # -- one try: hops, each guarded -------------------------------------------------------------

    def _chain(
        self,
        url: str,
        headers: dict[str, str],
        rate_limit: float | None,
        budget: _Budget,
        max_bytes: int,
        robots: bool,
    ) -> FetchResult:
        redirects: list[str] = []
        current = url
        while True:
            try:
                self._admit(current, rate_limit, robots)
                with self._slots:
                    budget.sending()
                    response = self._send(current, headers, budget)
                    try:
                        if response.status_code not in REDIRECTS:
                            return self._finish(url, current, response, redirects, budget, max_bytes)
                        location = response.headers.get("Location")
                        status = response.status_code
                    finally:
                        response.close()
            except (FetchError, FetchTransientError) as exc:
                if redirects:  # "server answered 404" for a page that redirects: say where it went
                    _after_redirects(exc, redirects)
                raise
            current = self._next_hop(url, current, status, location, redirects)

    def _admit(self, url: str, rate_limit: float | None, robots: bool) -> None:
        """Guard, robots.txt and rate limit for one hop, all before any connection is made."""
        self._refuse_if_stopped(url)  # before robots.txt too: nothing starts after a stop
        try:
            self.guard.check_url(url)
        except UnsafeURL as exc:
            if exc.temporary:  # the resolver could not be asked for now (offline): retried
                raise FetchConnectionError(exc.reason, exc.detail, url) from exc
            raise FetchError(exc.reason, exc.detail, url) from exc
        self._refuse_if_asked_to_wait(url)
        interval = self.default_rate_limit if rate_limit is None else rate_limit
        if robots and self.respect_robots:
            entry = self._robots_for(url)
            if entry.unavailable:
                raise RobotsUnavailable(entry.reason, entry.unavailable, url)
            if entry.rules is not None:
                if not entry.rules.can_fetch(url, self.robots_agent):
                    raise FetchError("robots_disallowed", "robots.txt disallows this URL", url)
                delay: float | None = entry.rules.crawl_delay(self.robots_agent)
                if delay:
                    interval = max(interval, min(float(delay), MAX_CRAWL_DELAY))
        self._rate.wait(_host(url), interval)
        # A Retry-After that came while this request waited for its turn holds for it too: it was asked
        # for anyway, one a second, when only requests not yet waiting were held back.
        for _ in range(3):  # a server that keeps asking is asked again after the third wait
            self._refuse_if_stopped(url)  # stopped while waiting for the host's turn: no burst of requests
            self._refuse_if_asked_to_wait(url)
            delay = self._not_before.get(_server(url), 0.0) - self._clock()
            if delay <= 0:
                return
            self._sleep(delay)
            self._rate.wait(_host(url), interval)  # a new turn, so the waiting requests do not all go at once
        self._refuse_if_stopped(url)

    def _refuse_if_asked_to_wait(self, url: str) -> None:
        asked = self._asked_to_wait.get(_server(url))
        if asked is not None and self._clock() < asked[0]:
            detail = f"not requested: the server asked this run to wait {asked[1]:g} s (Retry-After)"
            raise HostAskedToWait("asked_to_wait", detail, url)

    def _refuse_if_stopped(self, url: str) -> None:
        if self._stopped.is_set():
            raise FetchError("cancelled", "the run was interrupted before this request", url)

    def _send(self, url: str, headers: dict[str, str], budget: _Budget) -> requests.Response:
        left = budget.left()
        if left <= 0:  # its retries and their waits used the time up
            raise self._over_time(url)
        connect, read = min(self.timeout[0], left), min(self.timeout[1], left)
        try:
            return self.session.get(
                url, headers=headers, timeout=(connect, read), stream=True, allow_redirects=False
            )
        except UnsafeURL as exc:  # raised by the pinned connection if DNS changed since the check
            raise FetchError(exc.reason, exc.detail, url) from exc
        except requests.exceptions.ConnectTimeout as exc:
            if connect < self.timeout[0]:
                raise self._over_time(url) from exc
            raise FetchTimeout("connect_timeout", f"no connection within {self.timeout[0]:g} s", url) from exc
        except requests.exceptions.ReadTimeout as exc:
            if read < self.timeout[1]:
                raise self._over_time(url) from exc
            raise FetchTimeout("read_timeout", f"no answer within {self.timeout[1]:g} s", url) from exc
        except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema) as exc:
            raise FetchError("bad_url", str(exc), url) from exc
        except requests.exceptions.SSLError as exc:  # a bad certificate does not heal on retry
            raise FetchError("tls", _tls_detail(exc, url), url) from exc
        except (requests.exceptions.InvalidHeader, UnicodeEncodeError) as exc:
            # A header of ours HTTP cannot carry (a User-Agent with a line break, or not Latin-1): no retry
            # mends it, and no answer was read (it was a "connection" failure, retried, or a "bad_redirect").
            raise FetchError("bad_request", f"the request cannot be sent: {_short(exc)}", url) from exc
        except requests.exceptions.RequestException as exc:
            raise FetchConnectionError("connection", _connection_detail(exc, url), url) from exc
        except (ValueError, UnicodeError) as exc:
            # requests reads a redirect's Location even when it does not follow it: "http://[::1/x" or a
            # raw Latin-1 byte there raised out of the crawl and failed the whole run.
            raise FetchError(
                "bad_redirect", f"the redirect's Location cannot be read: {_short(exc)}", url
            ) from exc

    def _over_time(self, url: str) -> FetchTimeout:
        return FetchTimeout("total_timeout", f"fetch took over {self.total_timeout:g} s", url)

    def _next_hop(self, origin: str, current: str, status: int, location: str | None, seen: list[str]) -> str:
        if not location:
            raise FetchError("bad_redirect", f"{status} without a Location header", current)
        # The header's bytes as HTTP gives them (Latin-1); servers send UTF-8 ("/münchen"), as requests
        # assumes when it follows a redirect itself: read as Latin-1 it became /m%C3%83%C2%BCnchen, a 404.
        with contextlib.suppress(UnicodeError):
            location = location.encode("latin-1").decode("utf-8")
        try:
            target = urljoin(current, location.strip())
        except ValueError as exc:
            raise FetchError(
                "bad_redirect", f"the redirect's Location cannot be read: {exc}", current
            ) from exc
        if target == origin or target in seen:
            raise FetchError("redirect_loop", f"redirect loop back to {target}", origin)
        if len(seen) >= self.max_redirects:
            raise FetchError("too_many_redirects", f"more than {self.max_redirects} redirects", origin)
        seen.append(target)
        return target

    def _finish(
        self,
        url: str,
        final: str,
        response: requests.Response,
        redirects: list[str],
        budget: _Budget,
        max_bytes: int,
    ) -> FetchResult:
        status = response.status_code
        if status == 408 or status == 429 or status >= 500:
            wait = parse_retry_after(response.headers.get("Retry-After"))
            asked = f", asking to wait {wait:g} s (Retry-After)" if wait is not None else ""
            raise HTTPTransientError(
                f"http_{status}", f"server answered {status}{asked}", final, retry_after=wait
            )
        if status != 304 and not 200 <= status < 300:
            raise FetchError(f"http_{status}", f"server answered {status}", final)
        kept = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
        mime, charset = parse_content_type(kept.get("content-type"))
        body = None
        if status != 304:
            check_content_type(kept.get("content-type"), final)
            body = self._read(response, final, budget, max_bytes)
        return FetchResult(
            url=url,
            final_url=final,
            status=status,
            headers=kept,
            content_type=mime,
            charset=charset,
            etag=kept.get("etag"),
            last_modified=kept.get("last-modified"),
            body=body,
            not_modified=status == 304,
            fetched_at=datetime.now(UTC),
            elapsed=self._clock() - budget.start,
            redirects=list(redirects),
        )

    def _read(self, response: requests.Response, url: str, budget: _Budget, max_bytes: int) -> bytes:
        """The body, decompressed, refused as soon as it passes ``max_bytes`` or the total time.

        Read as it arrives, a few KB at a time, each read bounded by the read timeout and the time left:
        64 KB reads waited for 64 KB (or the end), so a server dripping 100 bytes every 3 s held a fetch
        for minutes past ``total_timeout``, and an interrupted run waited for it. gzip and deflate are
        decompressed here, to know whether the stream was finished: one that broke off was taken whole.
        """
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError("too_large", f"Content-Length {declared} is over the {max_bytes} byte cap", url)
        inflater = _Inflater.for_encoding(response.headers.get("Content-Encoding"))
        raw = response.raw
        chunks: list[bytes] = []
        size = received = 0
        try:
            while True:
                if self._stopped.is_set():  # an interrupt: the page is dropped anyway, do not wait for it
                    raise FetchError("cancelled", "the run was interrupted while the page was read", url)
                wait = min(self.timeout[1], budget.left())
                if wait <= 0:
                    raise self._over_time(url)
                _set_read_timeout(raw, wait)
                try:
                    data = raw.read1(_READ_SIZE, decode_content=inflater is None)
                except ReadTimeoutError as exc:
                    if wait < self.timeout[1]:
                        raise self._over_time(url) from exc
                    raise FetchTimeout(
                        "read_timeout", f"body stalled for {self.timeout[1]:g} s", url
                    ) from exc
                if not data:
                    break
                received += len(data)
                if inflater is not None:
                    data = inflater.feed(data, max_bytes - size + 1)
                size += len(data)
                if size > max_bytes:
                    raise FetchError("too_large", f"body over the {max_bytes} byte cap (decompressed)", url)
                chunks.append(data)
            if inflater is not None:
                inflater.finish(received)
        except _Unfinished as exc:
            raise FetchConnectionError("connection", f"the body broke off: {exc}", url) from exc
        except zlib.error as exc:
            raise FetchError("bad_encoding", _inflate_detail(inflater, exc), url) from exc
        except DecodeError as exc:  # an encoding urllib3 decodes (br, zstd when installed)
            raise FetchError("bad_encoding", _decode_detail(response, exc), url) from exc
        except (ProtocolError, OSError) as exc:
            raise FetchConnectionError("connection", _broken_body(exc), url) from exc
        return b"".join(chunks)

    # -- robots.txt --------------------------------------------------------------------------------

    def _robots_for(self, url: str) -> _Robots:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._robots_lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:  # one robots.txt fetch per origin, even with many threads
            entry = self._robots.get(origin)
            if entry is None or entry.expires <= self._clock():
                entry = self._load_robots(origin)
                self._robots[origin] = entry
            return entry

    def _load_robots(self, origin: str) -> _Robots:
        """404 and other 4xx mean no rules; 5xx and network failure mean stay away for now (RFC 9309)."""
        now = self._clock()
        try:
            budget = _Budget(self._clock, self.total_timeout)
            result = self._chain(f"{origin}/robots.txt", {}, None, budget, ROBOTS_MAX_BYTES, robots=False)
        except HTTPTransientError as exc:  # 5xx, 429: RFC 9309 says stay away until it answers
            return _Robots(None, now + ROBOTS_RETRY_TTL, unavailable=f"robots.txt: {exc.detail}")
        except FetchTransientError as exc:  # the host is down or unreachable: say that, not "robots"
            return _Robots(None, now + ROBOTS_RETRY_TTL, f"{exc.detail} (asking for robots.txt)", exc.reason)
        except FetchError:
            # 4xx, or a robots.txt we may not or cannot read (too large, binary, redirected away): no rules.
            return _Robots(None, now + ROBOTS_TTL)
        # utf-8-sig: a byte-order mark before the first "User-agent" hid the whole file's rules (as Google, we
        # read past it).
        text = (result.body or b"").decode("utf-8-sig", errors="replace")
        return _Robots(Protego.parse(text), now + ROBOTS_TTL)


def to_raw_document(result: FetchResult, source: Source | None = None) -> RawDocument:
    """The fetched body as the pipeline's input record, known by its final URL, charset passed on."""
    if result.body is None:
        raise ValueError("a 304 result has no body; reuse the stored raw document instead")
    return RawDocument(
        origin=result.final_url,
        kind="text" if result.content_type == "text/plain" else "html",
        data=result.body,
        url=result.final_url,
        fetched_at=result.fetched_at,
        http_charset=result.charset,
        source=source.name if source else None,
        locale=source.locale if source else None,
        timezone=source.timezone if source else None,
    )


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _server(url: str) -> str:
    """Host and port: what a Retry-After speaks for (another port is another server)."""
    return urlsplit(url).netloc.rpartition("@")[2].lower()


# An OS error's own words, as urllib3 wraps them: "[Errno 111] Connection refused" inside a pool's message,
# or the exception's repr, "ConnectionResetError(104, 'Connection reset by peer')" (a review met the tuple).
_ERRNO_TEXT = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)|\w+Error\(-?\d+, ['\"]([^'\"]+)['\"]\)")


def _where(url: str) -> str:
    parts = urlsplit(url)
    where = parts.hostname or url
    with contextlib.suppress(ValueError):  # a port out of range names no place to add
        if parts.port:
            where = f"{where}:{parts.port}"
    return where


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what it wraps (arguments, urllib3's ``reason``, causes), outermost first."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop(0)
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [a for a in e.args if isinstance(a, BaseException)]
        todo += [
            n
            for n in (getattr(e, "reason", None), e.__cause__, e.__context__)
            if isinstance(n, BaseException)
        ]


def _os_reason(exc: BaseException) -> str | None:
    """The OS's words for what broke ("Connection reset by peer"), wherever urllib3 put them."""
    for e in _causes(exc):
        if isinstance(e, OSError) and isinstance(e.strerror, str) and e.strerror:
            return e.strerror
    found = [a or b for a, b in _ERRNO_TEXT.findall(str(exc))]
    return found[-1].strip() if found else None


def _connection_detail(exc: BaseException, url: str) -> str:
    """ "cannot connect to example.org:443: Connection refused", not urllib3's 300 characters of pool,
    retry and wrapper names around the one reason."""
    where = _where(url)
    text = str(exc)
    # urllib3 wraps it: "('Connection aborted.', RemoteDisconnected('Remote end closed ...'))"
    for needle, said in _BROKEN_OFF:
        if needle in text:
            return f"{where}: {said}"
    reason = _os_reason(exc)
    if reason is None:
        return _short(exc)
    if "Connection aborted" in text:  # connected, then cut before the answer: ('Connection aborted.', ...)
        return f"{where}: the connection broke off before the answer ({reason})"
    return f"cannot connect to {where}: {reason}"


# What http.client's and urllib3's wrapped exceptions mean, in words (a review met the raw tuple).
_BROKEN_OFF = (
    ("RemoteDisconnected", "the server closed the connection without answering"),
    ("BadStatusLine", "the server's answer was not HTTP"),
    ("LineTooLong", "the server's header line was too long"),
    ("IncompleteRead", "the answer broke off before its end"),
)

# "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)"
_SSL_TEXT = re.compile(r"\[SSL(?:: \w+)?\] (.+?)(?: \(_ssl\.c:\d+\))?$")


def _tls_detail(exc: BaseException, url: str) -> str:
    """ "example.org:443: certificate verify failed: self-signed certificate", not "PinnedHTTPSPool(host=
    ...): Max retries exceeded with url: ... (Caused by SSLError(SSLCertVerificationError(1, ..." (review)."""
    where = _where(url)
    for e in _causes(exc):
        if isinstance(e, ssl.SSLError):
            text = str(e.args[1]) if len(e.args) > 1 and isinstance(e.args[1], str) else str(e)
            m = _SSL_TEXT.search(text.strip())
            return f"{where}: {m[1] if m else e.reason or text}"
    return f"{where}: {_short(exc)}"


_ZLIB_TEXT = re.compile(r"^Error -?\d+ while (?:de)?compressing data: ")


def _inflate_detail(inflater: _Inflater | None, exc: zlib.error) -> str:
    """ "cannot decompress the gzip body: incorrect header check"."""
    name = inflater.encoding if inflater else "compressed"
    return f"cannot decompress the {name} body: {_ZLIB_TEXT.sub('', str(exc))}"


def _decode_detail(response: requests.Response, exc: DecodeError) -> str:
    """What urllib3's decoder said, without its "('Received response with content-encoding: br, but failed
    to decode it.', error(...))" around it."""
    name = response.headers.get("Content-Encoding", "").strip() or "compressed"
    inner = next((e for e in _causes(exc) if not isinstance(e, DecodeError)), None)
    said = _ZLIB_TEXT.sub("", str(inner)) if inner is not None and str(inner) else "not valid data"
    return f"cannot decompress the {name} body: {_clip(said)}"


def _after_redirects(exc: FetchError | FetchTransientError, redirects: list[str]) -> None:
    """A failure after redirects says where they led: "server answered 404" was all a page that is a 301 to
    a gone page said (review)."""
    if len(redirects) == 1:
        exc.detail = f"{exc.detail} (redirected to {redirects[-1]})"
    else:
        exc.detail = f"{exc.detail} (after {len(redirects)} redirects, at {redirects[-1]})"


_READ_SIZE = 16 * 1024  # at most one socket read's worth: what has arrived is taken at once
_GZIP_WBITS = 16 + zlib.MAX_WBITS


def _set_read_timeout(raw: Any, seconds: float) -> None:
    """How long the body's next socket read may wait (urllib3 sets the read timeout anew per request)."""
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.settimeout(seconds)


class _Unfinished(Exception):
    """A compressed body that ended before its compressed stream did."""


class _Inflater:
    """A gzip or deflate body, decompressed here and not by urllib3, whose decoder gave what a stream that
    broke off held and no error: a gzip page cut at 60 % (its Content-Length the bytes sent, or none and
    the connection closed) was loaded as a whole article of 77 words instead of 1,000 (review).

    As urllib3 and browsers do: gzip members one after another are one body, bytes after a whole member
    that are no gzip are ignored, and deflate is read with its zlib wrapper or, as some servers send it,
    without.
    """

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding  # "gzip" or "deflate"
        self._obj = zlib.decompressobj(_GZIP_WBITS if encoding == "gzip" else zlib.MAX_WBITS)
        self._settled = encoding == "gzip"  # deflate: whether it is known to come with its zlib wrapper
        self._raw = False  # deflate without its zlib wrapper
        self._head = bytearray()  # deflate, until then: the input so far, to read again as raw deflate
        self._members = 0  # streams (gzip members) finished
        self._out = 0  # output of the stream being read
        self._check = self._first_check()  # its checksum so far: CRC-32 (gzip), Adler-32 (zlib)
        self._tail = b""  # the last bytes of the output
        self._ignoring = False  # the rest is bytes after a finished stream

    def _first_check(self) -> int:
        return 0 if self.encoding == "gzip" else 1

    @classmethod
    def for_encoding(cls, header: str | None) -> _Inflater | None:
        """One for a body in gzip or deflate; None for anything else (identity, or what urllib3 decodes)."""
        codings = [c.strip().lower() for c in (header or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) != 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
            return None
        return cls("deflate" if codings[0] == "deflate" else "gzip")

    def feed(self, data: bytes, limit: int) -> bytes:
        """The output of ``data``, at most ``limit`` bytes (more is over the cap anyway)."""
        out = bytearray()
        if not self._settled:
            self._head += data
        while data and not self._ignoring and len(out) < limit:
            try:
                piece = self._obj.decompress(data, limit - len(out))
            except zlib.error:
                if self._members:  # after a whole stream: trailing bytes, ignored as browsers do
                    self._ignoring = True
                    break
                if not self._settled:  # deflate without its zlib wrapper: read again from the start
                    self._settled, data, self._head = True, bytes(self._head), bytearray()
                    self._obj, self._raw = zlib.decompressobj(-zlib.MAX_WBITS), True
                    continue
                raise
            out += piece
            self._out += len(piece)
            if piece:
                checksum = zlib.crc32 if self.encoding == "gzip" else zlib.adler32
                self._check = checksum(piece, self._check)
                self._tail = (self._tail + piece)[-64:]
            if piece and not self._settled:
                self._settled, self._head = True, bytearray()  # the wrapper was right
            if not self._obj.eof:
                data = self._obj.unconsumed_tail  # left only when ``limit`` was reached
                continue
            self._members += 1
            self._settled, self._head = True, bytearray()
            data = self._obj.unused_data
            if data and self.encoding == "gzip":  # another member
                self._obj, self._out, self._check = zlib.decompressobj(_GZIP_WBITS), 0, 0
            elif data:
                self._ignoring = True
        return bytes(out)

    def finish(self, received: int) -> None:
        """Raise ``_Unfinished`` when the body ended inside its compressed stream.

        Not when only the stream's checksum trailer is missing (the data all came: servers that never
        write it), nor when what came ends a whole document (``</html>``, ``</rss>``...: a server that
        flushed its gzip writer and never closed it). Both loaded before; refused, a complete page was
        asked for four times a run and never loaded, and such a robots.txt shut out its whole host
        (review)."""
        if received == 0 or self._ignoring or self._obj.eof:
            return
        if self._members and not self._out:  # bytes after a whole member that gave nothing: no member
            return
        if self._only_trailer_missing() or _DOCUMENT_END.search(self._tail):
            return
        raise _Unfinished(f"its {self.encoding} stream stops before its end ({received:,} bytes received)")

    def _only_trailer_missing(self) -> bool:
        """Whether the compressed data came whole and only its trailer (or its end) did not: the right
        trailer, computed from the output, finishes the stream."""
        if self._raw:
            return False  # raw deflate has no trailer: it ends with its last block, which did not come
        if self.encoding == "gzip":
            trailer = struct.pack("<II", self._check & 0xFFFFFFFF, self._out & 0xFFFFFFFF)
        else:
            trailer = struct.pack(">I", self._check & 0xFFFFFFFF)
        for came in range(len(trailer) + 1):  # how much of the trailer did come
            probe = self._obj.copy()
            try:
                probe.decompress(trailer[came:])
            except zlib.error:
                continue
            if probe.eof:
                return True
        return False


# The end of a whole markup document (HTML, a feed, a sitemap), as the last bytes of a body.
_DOCUMENT_END = re.compile(rb"</(?:html|rss|feed|rdf:rdf|urlset|sitemapindex)>\s*\Z", re.IGNORECASE)


_COMPATIBLE = re.compile(r"\bcompatible;\s*([A-Za-z][\w.-]*)")


def robots_token(user_agent: str) -> str:
    """The name robots.txt groups are matched with: the product token ("NewsBot" of "NewsBot/1.0 (+url)"),
    or, in the browser form "Mozilla/5.0 (compatible; NewsBot/1.0; +url)", the bot's own name: matching
    "Mozilla" let such a crawler past the rules written for it."""
    if user_agent.lower().startswith("mozilla/") and (m := _COMPATIBLE.search(user_agent)):
        return m[1]
    return user_agent.split("/", 1)[0].strip() or user_agent


_READ_COUNTS = re.compile(r"IncompleteRead\((\d+) bytes read, (\d+) more expected\)")


def _broken_body(exc: BaseException) -> str:
    """ "the body broke off after 850 of 6,701 bytes", not urllib3's tuple of wrapped exceptions (review)."""
    text = str(exc)
    if m := _READ_COUNTS.search(text):
        got, more = int(m[1]), int(m[2])
        return f"the body broke off after {got:,} of {got + more:,} bytes"
    for needle, said in _BROKEN_OFF:
        if needle in text:
            return f"the body broke off: {said}"
    reason = _os_reason(exc)  # "Connection reset by peer"
    return f"the body broke off: {reason or _short(exc)}"


def _short(exc: BaseException) -> str:
    return _clip(str(exc) or type(exc).__name__)


def _clip(text: str) -> str:
    return text if len(text) <= 300 else text[:297] + "..."


def _with(result: FetchResult, *, elapsed: float, attempts: int) -> FetchResult:
    return replace(result, elapsed=elapsed, attempts=attempts)
