"""What a crawl run reports: per source and in total, as a dict, as plain text and as markdown.

Apart from the crawl steps because the plain run, the Prefect flow and the command line all build and
render the same report.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .load import Counts
from .records import OUTCOMES, Rejected
from .report import (
    count_lines,
    heading,
    reason_lines,
    reasons_markdown,
    repaired_lines,
    repaired_markdown,
    took,
)

MAX_FAILURES_LISTED = 50
# A progress line while a source is fetched: after this many pages, or this many seconds, whichever first.
PROGRESS_EVERY_PAGES = 10
PROGRESS_EVERY_SECONDS = 5.0
DISCOVERY_COLUMN = "feeds/sitemaps downloaded / 304"


@dataclass(slots=True)
class SourceReport:
    """What one source gave in one run: items found and selected, outcomes, and what went wrong."""

    name: str
    kind: str
    found: int = 0  # items listed by the feed, sitemaps or URL list (files: files found)
    selected: int = (
        0  # items given an outcome this run: after include / exclude / max_items (files: files to read)
    )
    left: int = 0  # due for a fetch but over max_items: left for a later run, no outcome this run
    held: int = 0  # their last fetch failed and their retry back-off has not passed: no outcome this run
    counts: Counts = field(default_factory=Counts)
    failures: list[str] = field(default_factory=list)  # "url: stage/reason: detail", capped
    warning: str | None = None  # a broken feed or sitemap that was only partly read
    unreachable: bool = False  # its feed or sitemap could not be read at all (files: its path)
    held_source: bool = False  # its feed or sitemap failed before and waits out its retry back-off
    held_sitemaps: int = 0  # child sitemaps of its index held back the same way (each also a warning)
    unusable: dict[str, int] = field(default_factory=dict)  # links naming nothing fetchable, by why
    repeated: int = 0  # listings of a page already listed (not selected twice)
    earlier: int = 0  # pages an earlier source of the run fetched, found unchanged, held or left
    excluded: int = 0  # left out by the source's include / exclude patterns
    # Its feeds and sitemaps (``crawl_discovery.py``): downloaded, or unchanged (304, read from the raw store).
    discovery_downloaded: int = 0
    discovery_unchanged: int = 0

    @property
    def discovers(self) -> bool:
        """Whether it reads feeds or sitemaps (the discovery counts mean something)."""
        return self.kind in ("feed", "sitemap")

    def fail(self, where: str, r: Rejected) -> None:
        if len(self.failures) < MAX_FAILURES_LISTED:
            self.failures.append(f"{where}: {r.stage}/{r.reason}: {r.detail}")

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "found": self.found,
            "selected": self.selected,
            "left": self.left,
            "held": self.held,
            **self.counts.as_dict(),
            "failures": self.failures,
            "warning": self.warning,
            "unreachable": self.unreachable,
            "held_source": self.held_source,
            "held_sitemaps": self.held_sitemaps,
            "unusable_links": self.unusable,
            "repeated": self.repeated,
            "earlier": self.earlier,
            "excluded": self.excluded,
            "discovery_downloaded": self.discovery_downloaded,
            "discovery_unchanged": self.discovery_unchanged,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SourceReport:
        """The report again from ``as_dict`` (what a Prefect flow run returns)."""
        return cls(
            name=d["name"],
            kind=d["kind"],
            found=int(d["found"]),
            selected=int(d["selected"]),
            left=int(d.get("left", 0)),
            held=int(d.get("held", 0)),
            counts=Counts.from_dict(d),
            failures=list(d.get("failures", [])),
            warning=d.get("warning"),
            unreachable=bool(d.get("unreachable")),
            held_source=bool(d.get("held_source")),
            held_sitemaps=int(d.get("held_sitemaps", 0)),
            unusable=dict(d.get("unusable_links") or {}),
            repeated=int(d.get("repeated", 0)),
            earlier=int(d.get("earlier", 0)),
            excluded=int(d.get("excluded", 0)),
            discovery_downloaded=int(d.get("discovery_downloaded", 0)),
            discovery_unchanged=int(d.get("discovery_unchanged", 0)),
        )


@dataclass(slots=True)
class CrawlSummary:
    run_id: str
    db: str
    raw_dir: str
    started_at: datetime
    sources: list[SourceReport] = field(default_factory=list)
    flow_run_id: str | None = None
    finished_at: datetime | None = None
    # Duplicates re-derived because the article they repeated changed (``flows/repair.py``).
    repaired: Counts = field(default_factory=Counts)
    repair_problems: list[str] = field(default_factory=list)
    batches_counted: bool = False  # as ``ingest.Summary.batches_counted``

    @property
    def counts(self) -> Counts:
        total = Counts()
        for s in self.sources:
            total.merge(s.counts)
        return total

    @property
    def failed_sources(self) -> list[str]:
        """Sources that could not be discovered at all (their feed or sitemap failed, their path is missing)."""
        return [s.name for s in self.sources if s.unreachable]

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "flow_run_id": self.flow_run_id,
            "db": self.db,
            "raw_dir": self.raw_dir,
            **self.counts.as_dict(),
            "sources": [s.as_dict() for s in self.sources],
            "failed_sources": self.failed_sources,
            "repaired": self.repaired.totals(),
            "repair_problems": self.repair_problems,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CrawlSummary:
        """The summary again from ``as_dict``, so that a flow run prints the report a plain run prints."""
        finished_at = d.get("finished_at")
        return cls(
            run_id=d["run_id"],
            db=d["db"],
            raw_dir=d["raw_dir"],
            started_at=datetime.fromisoformat(d["started_at"]),
            sources=[SourceReport.from_dict(s) for s in d["sources"]],
            flow_run_id=d.get("flow_run_id"),
            finished_at=datetime.fromisoformat(finished_at) if finished_at else None,
            repaired=Counts.from_dict(d.get("repaired") or {}),
            repair_problems=list(d.get("repair_problems") or []),
        )


def source_line(r: SourceReport) -> str:
    return line_of(r.as_dict())


def line_of(d: dict[str, Any]) -> str:
    """A source's summary line from its ``as_dict()`` (what a Prefect flow run returns)."""
    line = (
        f"{d['name']} ({d['kind']}): {d['selected']} of {d['found']} selected; loaded {d['loaded']}, "
        f"updated {d['updated']}, unchanged {d['unchanged']}, duplicate {d['duplicate']}, "
        f"rejected {d['rejected']}"
    )
    if d.get("left"):
        line += f"; {d['left']} left for later runs (max_items)"
    if d.get("held"):
        line += f"; {d['held']} held back after a failed fetch (retry back-off)"
    if d.get("held_source"):
        line += f"; {d['kind']} held back after a failed fetch (retry back-off), not asked for"
    if n := d.get("held_sitemaps"):
        line += f"; {n} child sitemap{'s' if n != 1 else ''} held back after a failed fetch (retry back-off)"
    if d.get("unusable_links"):
        line += f"; {unusable_text(d['unusable_links'])}"
    if d.get("repeated"):
        line += f"; {d['repeated']} listed again (the same page)"
    if d.get("earlier"):
        line += f"; {d['earlier']} already handled by an earlier source"
    if d.get("excluded"):
        line += f"; {d['excluded']} left out by include/exclude"
    if d["kind"] in ("feed", "sitemap"):
        line += (
            f"; {d['kind']}s: {d['discovery_downloaded']} downloaded, "
            f"{d['discovery_unchanged']} unchanged (304)"
        )
    return line


@contextmanager
def waiting_for(name: str, url: str, say: Callable[[str], None] | None) -> Iterator[None]:
    """While one request runs (a feed, a sitemap), a line every ``PROGRESS_EVERY_SECONDS``, so a slow
    server is not silence: a feed that timed out was 85 s without a word, where a slow page said it was
    waited for."""
    if say is None:
        yield
        return
    done, started, every = threading.Event(), time.monotonic(), PROGRESS_EVERY_SECONDS

    def tick() -> None:
        while not done.wait(every):
            say(f"{name}: waiting {time.monotonic() - started:.0f} s for {url}")

    ticker = threading.Thread(target=tick, name="wirehouse-waiting", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()


class FetchProgress:
    """One source's fetching, told as it goes: a line every ``PROGRESS_EVERY_PAGES`` pages or
    ``PROGRESS_EVERY_SECONDS`` seconds, whichever comes first, so a slow source is never silent.

    The fetch loop calls ``fetched`` as pages come back and ``tick`` whenever it wakes (at the latest
    after ``seconds_to_next``); the counts are the report's, i.e. what is loaded so far.
    """

    def __init__(
        self,
        report: SourceReport,
        total: int,
        say: Callable[[str], None] | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.report, self.total, self.say, self.clock = report, total, say, clock
        self.done = 0
        self._said_at, self._said_done = clock(), 0

    def fetched(self, n: int = 1) -> None:
        self.done += n

    def seconds_to_next(self) -> float | None:
        """Seconds until the next line is due; None when no line is said (nothing to wake up for: 0 here
        had the fetch loop wake again at once, for ever, after the first 5 s)."""
        if self.say is None:
            return None
        return max(0.0, self._said_at + PROGRESS_EVERY_SECONDS - self.clock())

    def tick(self, waiting: Iterable[tuple[str, float]] = ()) -> None:
        """Say how far the source is if a line is due; ``waiting`` is (url, requested) of the pages in
        flight: when each one's request went out, by ``clock`` (the wait for its host's turn before that
        is Wirehouse's own, no slow server's)."""
        now = self.clock()
        pages_due = self.done - self._said_done >= PROGRESS_EVERY_PAGES
        if self.say is None or not (pages_due or now - self._said_at >= PROGRESS_EVERY_SECONDS):
            return
        self.say(self.line(waiting, now))
        self._said_at, self._said_done = now, self.done

    def line(self, waiting: Iterable[tuple[str, float]] = (), now: float | None = None) -> str:
        c = self.report.counts
        now = self.clock() if now is None else now
        text = (
            f"{self.report.name}: fetched {self.done} of {self.total}, {self.total - self.done} left; "
            f"so far loaded {c.loaded}, updated {c.updated}, unchanged {c.unchanged}, "
            f"duplicate {c.duplicate}, rejected {c.rejected}"
        )
        slow = [(now - started, url) for url, started in waiting if now - started >= PROGRESS_EVERY_SECONDS]
        if slow:
            age, url = max(slow)
            more = f" (and {len(slow) - 1} more)" if len(slow) > 1 else ""
            text += f"; waiting {age:.0f} s for {url}{more}"
        return text


def unusable_text(unusable: dict[str, int]) -> str:
    """``4 links unusable: not http(s)``, or ``3 links unusable: 2 not http(s), 1 empty``."""
    total = sum(unusable.values())
    head = f"{total} link{'s' if total != 1 else ''} unusable: "
    if len(unusable) == 1:
        return head + next(iter(unusable))
    return head + ", ".join(
        f"{n} {why}" for why, n in sorted(unusable.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def summary_text(s: CrawlSummary) -> str:
    c = s.counts
    lines = [heading(f"Crawl run {s.run_id} into {s.db}", s.flow_run_id), f"  raw documents: {s.raw_dir}"]
    lines += count_lines(c.rows()) + reason_lines(c.reasons)
    for r in s.sources:
        lines.append(f"  {source_line(r)}")
        if r.warning:
            lines.append(f"    warning: {r.warning}")
        lines += [f"    ! {f}" for f in r.failures]
    lines += retry_hint(sum(r.held + r.held_source + r.held_sitemaps for r in s.sources))
    lines += repaired_lines(s.repaired)
    lines += [f"  ! could not re-derive a stale duplicate: {p}" for p in s.repair_problems]
    lines += took(s.started_at, s.finished_at)
    return "\n".join(lines)


def retry_hint(held: int) -> list[str]:
    """How to ask for the held pages, feeds and sitemaps now, said once under the sources when some were
    held."""
    if not held:
        return []
    them = "it" if held == 1 else "them"
    return [f"  {held} held back after a failed fetch: `wirehouse crawl --retry-failed` asks for {them} now"]


def summary_markdown(s: CrawlSummary) -> str:
    out = [
        "# Crawl summary",
        "",
        f"Run `{s.run_id}` into `{s.db}`; raw documents in `{s.raw_dir}`.",
        "",
        # "left" (over max_items) and "held" (retry back-off) have no outcome this run: shown beside
        # "selected" so the flow run's page says where the rest of "found" went, as the log line does.
        "| source | kind | found | selected | left | held | "
        + " | ".join((*OUTCOMES, DISCOVERY_COLUMN))
        + " |",
        "|---|---|---:|---:|---:|---:|" + "---:|" * len(OUTCOMES) + "---:|",
    ]
    for r in s.sources:
        values = " | ".join(str(getattr(r.counts, name)) for name in OUTCOMES)
        docs = f"{r.discovery_downloaded} / {r.discovery_unchanged}" if r.discovers else ""
        out.append(
            f"| {r.name} | {r.kind} | {r.found} | {r.selected} | {r.left} | {r.held} | {values} | {docs} |"
        )
    c = s.counts
    totals = " | ".join(f"**{int(getattr(c, name))}**" for name in OUTCOMES)
    out.append(f"| **all** | | | | | | {totals} | |")
    out += repaired_markdown(s.repaired) + reasons_markdown(c.reasons)
    failing = [r for r in s.sources if r.failures or r.warning]
    if failing:
        out += ["", "## Failures"]
        for r in failing:
            out += ["", f"### {r.name}", ""]
            if r.warning:
                out.append(f"- warning: {r.warning}")
            out += [f"- `{f}`" for f in r.failures]
    return "\n".join(out) + "\n"
