"""Wirehouse's date parser vs plain ``dateparser.parse`` on the date corpus, side by side in one run.

    .venv/bin/python benchmarks/bench_dates.py [--repeat 3] [--corpus tests/fixtures/dates_corpus.tsv]

Scores both against the corpus file (nothing expected is written here) and prints accuracy, median / p99 /
max milliseconds per string, and the strings where the two disagree. dateparser gets the row's locale as
``languages`` when there is one, and the row's reference time as ``RELATIVE_BASE`` (so relative dates are
not judged against today); a naive result is read in the row's default zone, like Wirehouse does.
Both parsers are warmed up on the whole corpus first; every timed call counts (no outliers dropped).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dateparser  # noqa: E402

from flows.dates import parse_date  # noqa: E402


@dataclass(frozen=True)
class Row:
    text: str
    locale: str | None
    tz: str | None
    ref: datetime | None
    expected: str  # "...Z" or "ERROR"
    category: str


def load(path: Path) -> list[Row]:
    lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln and not ln.startswith("#")]
    rows = []
    for line in lines[1:]:
        text, locale, tz, ref, utc, _offset, _precision, category, _note = line.split("\t")
        rows.append(
            Row(text, locale or None, tz or None, datetime.fromisoformat(ref) if ref else None, utc, category)
        )
    return rows


def fmt(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else "ERROR"


def wirehouse(row: Row) -> str:
    return fmt(parse_date(row.text, locale=row.locale, tz=row.tz, ref=row.ref).utc)


def plain_dateparser(row: Row) -> str:
    languages = [row.locale.replace("-", "_").split("_")[0]] if row.locale else None
    settings = {"RELATIVE_BASE": row.ref.astimezone(UTC).replace(tzinfo=None)} if row.ref else None
    try:
        value = dateparser.parse(row.text, languages=languages, settings=settings)
    except Exception:  # dateparser raising counts as "no date", like returning None
        return "ERROR"
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(row.tz) if row.tz else UTC)
    return fmt(value)


def measure(parse: Callable[[Row], str], rows: list[Row], repeat: int) -> tuple[list[str], list[float]]:
    for row in rows:  # warm-up: language data, regex compilation, caches
        parse(row)
    results: list[str] = []
    times: list[float] = []
    for _ in range(repeat):
        results = []
        for row in rows:
            start = time.perf_counter()
            results.append(parse(row))
            times.append((time.perf_counter() - start) * 1000)
    return results, times


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "dates_corpus.tsv")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus (default 3)")
    args = parser.parse_args(argv)
    rows = load(args.corpus)
    ours, our_ms = measure(wirehouse, rows, args.repeat)
    theirs, their_ms = measure(plain_dateparser, rows, args.repeat)
    dated = [i for i, r in enumerate(rows) if r.expected != "ERROR"]

    def accuracy(results: list[str], idx: list[int]) -> str:
        right = sum(results[i] == rows[i].expected for i in idx)
        return f"{right}/{len(idx)} ({100 * right / len(idx):.1f}%)"

    everything = list(range(len(rows)))
    print(f"corpus: {len(rows)} strings ({len(dated)} with a date, {len(rows) - len(dated)} that must fail)")
    print(f"timed calls per parser: {len(our_ms)} ({args.repeat} passes after one warm-up pass)\n")
    print(
        f"{'parser':<22}{'accuracy (all)':>20}{'accuracy (dated)':>20}{'median ms':>11}{'p99 ms':>9}{'max ms':>9}"
    )
    for name, res, ms in (("wirehouse parse_date", ours, our_ms), ("dateparser.parse", theirs, their_ms)):
        print(
            f"{name:<22}{accuracy(res, everything):>20}{accuracy(res, dated):>20}"
            f"{statistics.median(ms):>11.3f}{p99(ms):>9.3f}{max(ms):>9.3f}"
        )
    speedup = statistics.median(their_ms) / statistics.median(our_ms)
    print(f"\nmedian speed-up: {speedup:.1f}x; Wirehouse strings over 50 ms: {sum(t > 50 for t in our_ms)}")
    differ = [i for i in everything if ours[i] != theirs[i]]
    wins = sum(ours[i] == rows[i].expected for i in differ)
    losses = sum(theirs[i] == rows[i].expected for i in differ)
    print(f"\ndisagreements: {len(differ)} (Wirehouse right in {wins}, dateparser right in {losses})")
    for i in differ:
        mark = "W" if ours[i] == rows[i].expected else ("D" if theirs[i] == rows[i].expected else "-")
        locale = rows[i].locale or "-"
        print(f"  [{mark}] {rows[i].text[:60]!r:64} {locale:<6} expected {rows[i].expected:<21}", end="")
        print(f" wirehouse {ours[i]:<21} dateparser {theirs[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
