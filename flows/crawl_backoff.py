"""The retry back-off of a crawl: how long after a failed fetch a page, a feed or a sitemap is asked for
again. Apart from ``crawl.py`` so that ``crawl_discovery.py`` (child sitemaps) uses the same waits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True, slots=True)
class Failure:
    """When a fetch last failed, why, and how many failed in a row: a page's or a feed's current fetch
    reject (``rejects``), or a child sitemap's ``discovery_failures`` row."""

    at: datetime  # rejects.rejected_at / discovery_failures.failed_at
    reason: str  # http_404, read_timeout, robots_disallowed ...
    count: int = 1  # rejects.failures (NULL, for a reject written before migration 010: 1)
    detail: str = ""  # said again when a feed or sitemap is held back


# A page whose last fetch failed is asked for again once this long has passed since the failure,
# doubled for each failure in a row before it, at most ``RETRY_MAX_WAIT``: a dead link in an hourly
# feed was requested every hour for ever. Answers that say the page is gone or not for us start longer.
RETRY_FIRST_WAIT = timedelta(hours=1)
RETRY_FIRST_WAIT_PERMANENT = timedelta(days=1)
RETRY_MAX_WAIT = timedelta(days=7)
# 451 (Unavailable For Legal Reasons) does not change within an hour. 403 starts at a day as well,
# though it is often a bot block or a rate limit that lifts: a server refusing us on purpose is not
# helped by being asked again every hour (a WAF that sees the same client come back keeps or widens its
# block), a rate limit proper is a 429 with its Retry-After (the fetcher waits that out, and a 429 here
# starts at an hour), and a page that was a temporary 403 comes a day late at worst (at once with the
# source's ``retry_failed``).
PERMANENT_REASONS = frozenset(
    {"http_403", "http_404", "http_410", "http_451", "robots_disallowed", "content_type"}
)
# Not a failure of the page: the run was interrupted before it was requested, Wirehouse refused a private
# address itself (a user who then sets allow_private_networks = true found the feed held back), or the
# request could not be sent (a header of the configuration's: once fixed, the page is due at once).
NO_WAIT_REASONS = frozenset({"cancelled", "private_address", "bad_request"})


def retry_wait(failure: Failure, fixed: float | None = None) -> timedelta:
    """How long after ``failure`` its page is due again: 1 h, 2 h, 4 h ... for the n-th failure in a row
    (403, 404, 410, 451, robots.txt disallowing, a content type that is no page: 1 day, 2 days ...), at
    most 7 days; ``fixed`` (a source's ``retry_failed``, seconds) replaces that growing wait, 0 meaning
    every run."""
    if failure.reason in NO_WAIT_REASONS:
        return timedelta(0)
    if fixed is not None:
        return timedelta(seconds=fixed)
    first = RETRY_FIRST_WAIT_PERMANENT if failure.reason in PERMANENT_REASONS else RETRY_FIRST_WAIT
    doublings = min(max(failure.count, 1) - 1, 16)  # 2**16 h is past the cap already
    return min(first * (1 << doublings), RETRY_MAX_WAIT)


def held_until(failure: Failure, fixed: float | None = None) -> str:
    """ "held back by the retry back-off until 2026-12-01 09:00 UTC": said where a failure is repeated."""
    until = failure.at + retry_wait(failure, fixed)
    return f"held back by the retry back-off until {until.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def waiting(failure: Failure | None, fixed: float | None, now: datetime | None = None) -> bool:
    """Whether a fetch that failed last time is still within its back-off (its lastmod aside)."""
    if failure is None:
        return False
    return (now or datetime.now(UTC)) < failure.at + retry_wait(failure, fixed)
