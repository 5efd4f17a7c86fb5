"""Score Wirehouse's HTML extractor against the open-source baselines on the shared dev sets, in one run.

    .venv/bin/python benchmarks/bench_extract.py [--only bodies|dates] [--limit N] [--repeat N]

Bodies (``article-bodies/``): word 4-gram shingles per page, mean precision and mean recall, F1 of the
means; Wirehouse ``extract_html`` (every field) against trafilatura's default ``extract``.
Dates (``publication-dates/``): the original publication date at day level; accuracy, precision and
recall; Wirehouse ``extract_html`` against htmldate ``find_date(original_date=True,
extensive_search=True)``. A page Wirehouse rejects (``extract_html`` raises ``RejectInput``: no article,
so no record) is counted as rejected, apart from the pages where it gave no date (missing), and listed
with the day its date step had found before the rejection (recorded as the page runs, at no cost).
CPU milliseconds per page are ``time.process_time`` around each call: on a
shared two-core machine wall time measures the neighbours, CPU time measures the code.
The data lives beside the repository: ``<repo>/../shared/benchmarks`` (see its README).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "benchmarks"
sys.path.insert(0, str(ROOT))

import flows.extract_html as extract_module  # noqa: E402
from flows.errors import RejectInput  # noqa: E402
from flows.extract_html import extract_html  # noqa: E402
from flows.records import DateValue  # noqa: E402

_WORD = re.compile(r"\w+")


def shingles(text: str | None) -> set[tuple[str, ...]]:
    words = _WORD.findall((text or "").lower())
    return {tuple(words[i : i + 4]) for i in range(max(0, len(words) - 3))}


def page_pr(predicted: str | None, expected: str) -> tuple[float, float]:
    """Precision and recall of one page's shingles (an empty prediction scores 0 and 0)."""
    pred, gold = shingles(predicted), shingles(expected)
    if not pred or not gold:
        return (0.0, 0.0) if gold else (1.0, 1.0)
    shared = len(pred & gold)
    return shared / len(pred), shared / len(gold)


def timed(fn: Callable[[bytes, str], Any], data: bytes, url: str) -> tuple[Any, float]:
    start = time.process_time()
    try:
        result = fn(data, url)
    except RejectInput:
        result = None
    return result, (time.process_time() - start) * 1000


def _cpu(ms: list[float]) -> str:
    return f"CPU ms/page median {statistics.median(ms):6.1f}  mean {statistics.mean(ms):6.1f}"


def _pages(folder: Path, limit: int | None) -> list[tuple[str, dict[str, str], bytes]]:
    expected: dict[str, dict[str, str]] = json.loads((folder / "expected.json").read_text("utf-8"))
    out = []
    for key in sorted(expected)[:limit]:
        name = key if key.endswith(".gz") else f"{key}.html.gz"
        out.append((key, expected[key], gzip.decompress((folder / "html" / name).read_bytes())))
    return out


def _run(
    systems: dict[str, Callable[[bytes, str], Any]],
    pages: list[tuple[str, dict[str, str], bytes]],
    repeat: int,
) -> dict[str, tuple[list[Any], list[float]]]:
    """Every system on every page, interleaved page by page so that all see the same machine load;
    with ``repeat`` > 1 the CPU time of a page is its fastest run (the least disturbed one)."""
    out: dict[str, tuple[list[Any], list[float]]] = {name: ([], []) for name in systems}
    for _key, exp, data in pages:
        for name, fn in systems.items():
            runs = [timed(fn, data, exp["url"]) for _ in range(repeat)]
            out[name][0].append(runs[0][0])
            out[name][1].append(min(ms for _, ms in runs))
    return out


def bench_bodies(limit: int | None, repeat: int) -> None:
    import trafilatura

    pages = _pages(DATA / "article-bodies", limit)
    systems: dict[str, Callable[[bytes, str], Any]] = {
        "wirehouse": lambda data, url: extract_html(data, url).body,
        "trafilatura.extract": lambda data, url: trafilatura.extract(data, url=url),
    }
    print(f"article bodies: {len(pages)} pages")
    for name, (texts, cpu) in _run(systems, pages, repeat).items():
        scores = [page_pr(text, exp["articleBody"]) for text, (_k, exp, _d) in zip(texts, pages, strict=True)]
        p = statistics.mean(s[0] for s in scores)
        r = statistics.mean(s[1] for s in scores)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {name:22s} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}   {_cpu(cpu)}")


def _day(value: DateValue) -> str | None:
    if value.utc is None:
        return None
    # The expected dates are the publisher's calendar day: read the instant at its original offset.
    local = value.utc + timedelta(minutes=value.offset_minutes or 0)
    return local.date().isoformat()


class RejectedPage:
    """A page ``extract_html`` rejected: its reason, and the day its date step had found (None: no date,
    or the page was rejected before that step)."""

    def __init__(self, reason: str, day: str | None) -> None:
        self.reason, self.day = reason, day


@contextlib.contextmanager
def _date_step_recorded() -> Iterator[list[DateValue]]:
    """The date step's answers (``extract_html._published``, a private step: this benchmark only) as the
    pages run: a page rejected after that step still says which date it had found."""
    original = extract_module._published
    seen: list[DateValue] = []

    def recording(*args: Any, **kwargs: Any) -> DateValue:
        value = original(*args, **kwargs)
        seen.append(value)
        return value

    extract_module._published = recording
    try:
        yield seen
    finally:
        extract_module._published = original


def _wirehouse_day(seen: list[DateValue]) -> Callable[[bytes, str], str | RejectedPage | None]:
    def day(data: bytes, url: str) -> str | RejectedPage | None:
        seen.clear()
        try:
            return _day(extract_html(data, url).published)
        except RejectInput as exc:
            return RejectedPage(f"{exc.stage}/{exc.reason}", _day(seen[-1]) if seen else None)

    return day


# What each figure of the dates lines counts (printed under them).
_DATES_LEGEND = """\
  correct: a date given, the expected day; wrong: a date given, another day; missing: no date given;
  rejected: Wirehouse rejected the page (no record loaded), counted apart from missing.
  accuracy = correct / pages; precision = correct / (correct + wrong);
  recall = correct / (correct + missing + rejected)."""


def bench_dates(limit: int | None, repeat: int) -> None:
    from htmldate import find_date

    pages = _pages(DATA / "publication-dates", limit)
    with _date_step_recorded() as seen:
        systems: dict[str, Callable[[bytes, str], Any]] = {
            "wirehouse": _wirehouse_day(seen),
            "htmldate (extensive)": lambda data, url: find_date(
                data, url=url, original_date=True, extensive_search=True
            ),
        }
        print(f"publication dates: {len(pages)} pages")
        results = _run(systems, pages, repeat)
    rejects: list[str] = []
    for name, (days, cpu) in results.items():
        correct = wrong = missing = rejected = 0
        for day, (key, exp, _data) in zip(days, pages, strict=True):
            if isinstance(day, RejectedPage):
                rejected += 1
                step = (
                    "no date"
                    if day.day is None
                    else f"{day.day}, {'right' if day.day == exp['date'] else 'wrong'}"
                )
                rejects.append(
                    f"    {key}: {day.reason}; its date step found {step} (expected {exp['date']})"
                )
            elif not day:
                missing += 1
            elif str(day)[:10] == exp["date"]:
                correct += 1
            else:
                wrong += 1
        acc = correct / len(pages)
        prec = correct / (correct + wrong) if correct + wrong else 0.0
        given_none = missing + rejected
        rec = correct / (correct + given_none) if correct + given_none else 0.0
        print(
            f"  {name:22s} accuracy {acc:.3f}  precision {prec:.3f}  recall {rec:.3f}"
            f"  (correct {correct}, wrong {wrong}, missing {missing}, rejected {rejected})   {_cpu(cpu)}"
        )
    print(_DATES_LEGEND)
    if rejects:
        print("  rejected by Wirehouse:")
        print("\n".join(rejects))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=("bodies", "dates"))
    parser.add_argument("--limit", type=int, help="score only the first N pages of each set")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each page N times, keep its fastest CPU time"
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"bench_extract: no benchmark data at {DATA}", file=sys.stderr)
        return 2
    logging.disable(logging.CRITICAL)  # the baselines log every page they discard
    # Warm-up: imports, the language model and first-call caches are not per-page costs.
    warm = b"<html><body><article><p>" + b"A warm-up page with enough words to be an article. " * 8
    with contextlib.suppress(RejectInput):
        extract_html(warm + b"</p></article></body></html>")
    if args.only in (None, "bodies"):
        bench_bodies(args.limit, max(1, args.repeat))
    if args.only in (None, "dates"):
        bench_dates(args.limit, max(1, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
