"""A source's fetching loop (``crawl.Fetching``), with a stand-in fetcher: no request is made here."""

from __future__ import annotations

import threading
import time
from concurrent.futures import FIRST_COMPLETED, wait
from pathlib import Path
from typing import Any

from flows import crawl
from flows.crawl import Fetching
from flows.crawl_report import FetchProgress, SourceReport
from flows.discover import DiscoveredItem
from flows.fetch import FetchError
from flows.rawstore import RawStore
from flows.sources import Source

SOURCE = Source(name="pages", kind="urls", urls=("http://a.test/1", "http://a.test/2"))


def _todo(*urls: str) -> list[tuple[DiscoveredItem, None]]:
    return [(DiscoveredItem(url=u, source=SOURCE.name, via="list"), None) for u in urls]


class _Held:
    """A fetcher whose pages come back (as 404s) only once ``release`` is set."""

    max_concurrency = 2

    def __init__(self) -> None:
        self.release = threading.Event()

    def fetch(self, url: str, **_: Any) -> Any:
        self.release.wait(timeout=30)
        raise FetchError("http_404", "server answered 404", url)

    def stop(self) -> None:
        self.release.set()


def _counting_waits(monkeypatch: Any, held: _Held, most: int = 200) -> list[float | None]:
    """``crawl.wait`` recording its timeouts; after ``most`` calls it lets the pages come back, so a loop
    that spins ends too (and fails the test by its count)."""
    timeouts: list[float | None] = []
    real = wait

    def counted(fs: Any, timeout: float | None = None, return_when: str = FIRST_COMPLETED) -> Any:
        timeouts.append(timeout)
        if len(timeouts) >= most:
            held.release.set()
        return real(fs, timeout=timeout, return_when=return_when)

    monkeypatch.setattr(crawl, "wait", counted)
    return timeouts


def test_a_batch_past_its_time_with_nothing_finished_waits_without_spinning(
    monkeypatch: Any, tmp_path: Path
) -> None:
    # A review: with no page finished within the batch's 10 s (a rate limit over 10 s, a slow page, a
    # retry), the loop called wait(timeout=0) again and again, a full core for as long as it lasted.
    held = _Held()
    timeouts = _counting_waits(monkeypatch, held)
    releaser = threading.Timer(0.5, held.release.set)
    releaser.start()
    try:
        with Fetching(SOURCE, _todo(*SOURCE.urls), held, RawStore(tmp_path)) as fetching:  # type: ignore[arg-type]
            got = fetching.batch(max_pages=10, max_seconds=0.01)
    finally:
        releaser.cancel()
    assert len(got.failures) >= 1
    assert len(timeouts) < 5, timeouts[:10]
    assert timeouts[-1] is None  # past the batch's time: woken by the first page that finishes


def test_a_progress_that_says_nothing_does_not_wake_the_loop(monkeypatch: Any, tmp_path: Path) -> None:
    # With no one to tell (``say`` None), the progress asked for a wake-up at once after its first 5 s.
    report = SourceReport(name="pages", kind="urls")
    clock = [0.0]
    progress = FetchProgress(report, 2, None, clock=lambda: clock[0])
    clock[0] = 60.0
    assert progress.seconds_to_next() is None
    held = _Held()
    timeouts = _counting_waits(monkeypatch, held)
    releaser = threading.Timer(0.5, held.release.set)
    releaser.start()
    try:
        with Fetching(SOURCE, _todo(*SOURCE.urls), held, RawStore(tmp_path), progress) as fetching:  # type: ignore[arg-type]
            fetching.batch()
    finally:
        releaser.cancel()
    assert len(timeouts) < 5, timeouts[:10]


def test_the_progress_line_counts_a_page_s_wait_from_its_request(monkeypatch: Any, tmp_path: Path) -> None:
    # A review: with rate_limit = 12 the line said "waiting 10 s for .../a/1 (and 2 more)" before /a/1 was
    # requested: the time was counted from the hand-over to a thread, the host's rate limit included.
    offset = [0.0]

    def clock() -> float:
        return time.monotonic() + offset[0]

    advanced, release = threading.Event(), threading.Event()

    class HostQueue:
        """30 s for its host's turn, its request, then 12 s of a slow server (on the progress's clock)."""

        max_concurrency = 1

        def fetch(self, url: str, *, on_request: Any = None, **_: Any) -> Any:
            offset[0] += 30
            if on_request is not None:
                on_request()
            offset[0] += 12
            advanced.set()
            release.wait(timeout=30)
            raise FetchError("http_404", "server answered 404", url)

        def stop(self) -> None:
            release.set()

    real = wait

    def after_the_fetch_moved_on(fs: Any, timeout: float | None = None, return_when: str = "") -> Any:
        advanced.wait(timeout=30)
        if not release.is_set():  # the first wake-up: the line is due; then the page may come back
            done = real(fs, timeout=0, return_when=FIRST_COMPLETED)
            release.set()
            return done
        return real(fs, timeout=timeout, return_when=FIRST_COMPLETED)

    monkeypatch.setattr(crawl, "wait", after_the_fetch_moved_on)
    lines: list[str] = []
    progress = FetchProgress(SourceReport(name="pages", kind="urls"), 1, lines.append, clock=clock)
    with Fetching(SOURCE, _todo("http://a.test/1"), HostQueue(), RawStore(tmp_path), progress) as fetching:  # type: ignore[arg-type]
        fetching.batch(max_pages=1)
    assert lines and lines[0].endswith("; waiting 12 s for http://a.test/1"), lines
