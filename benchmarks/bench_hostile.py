"""CPU time of odd inputs at doubling sizes: whether any step grows faster than the input.

    .venv/bin/python benchmarks/bench_hostile.py [--scale K]

Each shape is an input one bad page or record could hold (found by a review that looked for inputs
whose cost grows with the square of their size or worse). For each, the input is built at sizes N, 2N
and 4N (times ``--scale``), the step it stresses is run (``time.process_time``), and the growth per
doubling is printed: about 2 is linear, about 4 quadratic, about 1 a step that reads a bounded part of
its input. A step that takes under 10 ms at N is run as many times over at every size as makes 10 ms at
N (``×R`` after its times, which are per run): once, times under 1 ms gave no growth at all. A
benchmark, not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib
import itertools

from flows.clean import clean_body, is_dateline, split_names, word_count
from flows.dates import parse_date
from flows.dates_calendars import thai_spacing
from flows.discover import parse_feed, parse_sitemap
from flows.errors import RejectInput
from flows.extract_html import extract_html
from flows.extract_jsonl import extract_record
from flows.extract_text import extract_text
from flows.html_metadata import person_names

PROSE = (
    "The harbour authority said on Tuesday that the northern quay would stay closed for repairs while "
    "engineers inspect the damage the storm surge left earlier this week.\n\n"
) * 5


def _html(body: str, head: str = "") -> bytes:
    return f"<html><head><title>Quay closed</title>{head}</head><body><article>{body}</article></body></html>".encode()


def _para(i: int) -> str:
    return (
        f"<p>Paragraph {i}: the harbour authority said the northern quay would stay closed for repairs.</p>"
    )


def _page(n: int) -> bytes:
    return _html("".join(_para(i) for i in range(n)))


def _nav_page(n: int) -> bytes:
    nav = "<nav>" + "".join(f"<a href='/n/{i}'>Section {i}</a>" for i in range(n)) + "</nav>"
    return f"<html><body>{nav}<article>{''.join(_para(i) for i in range(n))}</article></body></html>".encode()


def _html_step(data: bytes) -> None:
    with contextlib.suppress(RejectInput):
        extract_html(data)


def _record(n: int) -> Callable[[], object]:
    line = json.dumps({"url": "https://ex.test/a", "text": PROSE + " " * n + "end"})
    return lambda: extract_record(line)


def _cleaned(text: str) -> Callable[[], object]:
    return lambda: clean_body(text)


def _text(text: str) -> Callable[[], object]:
    return lambda: extract_text(text)


def _json_file(n: int) -> Callable[[], object]:
    """jq's default output: pretty objects one after another, read by ``split_documents``."""
    import atexit
    import shutil
    import tempfile

    from flows.read import discover, read_bytes, split_documents

    folder = Path(tempfile.mkdtemp(prefix="wh-hostile-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "pretty.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": i, "text": PROSE}, indent=2) for i in range(n)), encoding="utf-8"
    )
    [f] = discover([str(path)]).files
    return lambda: split_documents(f, read_bytes(f))


def _words(n: int) -> str:
    return " ".join(f"w{i}" for i in range(n))


def _commented(n: int) -> bytes:
    comments = "".join(
        f'<li class="comment"><span class="date">March {i % 28 + 1}, 2024</span><p>Reader {i} agrees.</p></li>'
        for i in range(n)
    )
    story = "".join(_para(i) for i in range(8))
    return (
        f"<html><body><article><h1>Quay closed</h1>{story}</article>"
        f'<section class="comments"><ol class="comment-list">{comments}</ol></section></body></html>'
    ).encode()


def _page_of(data: bytes) -> Callable[[], object]:
    return lambda: _html_step(data)


def _thai_date(text: str) -> Callable[[], object]:
    """``parse_date`` reads at most 200 characters around the first digit, so ``thai_spacing`` (the era
    words and the glued two-digit year) is timed beside it on the whole string: its patterns stay linear
    if a caller ever hands it more."""
    return lambda: (parse_date(text), thai_spacing(text))


def _byline(value: str) -> Callable[[], object]:
    return lambda: person_names([value], None)


def _thai_line(line: str) -> Callable[[], object]:
    """``is_dateline`` returns at once past 120 characters; the letter count it uses for Thai
    (``word_count``, whole bodies' counts too) is timed beside it on the whole line."""
    return lambda: (is_dateline(line), word_count(line))


_LD = '<script type="application/ld+json">[{}]</script>'
_CONSENT = " leider haben sie uns hierfür keine zustimmung gegeben"
_TEN = "<p>one two three four five six seven eight nine ten "


def _sitemap(data: bytes) -> Callable[[], object]:
    def run() -> object:
        with contextlib.suppress(RejectInput):
            return parse_sitemap(data, "s", "https://news.example/sitemap.xml")
        return None

    return run


def _feed(data: bytes) -> Callable[[], object]:
    def run() -> object:
        with contextlib.suppress(RejectInput):
            return parse_feed(data, "s", "https://news.example/feed.xml")
        return None

    return run


# name, base size N, what to run at size n (built untimed; the returned call is timed)
SHAPES: list[tuple[str, int, Callable[[int], Callable[[], object]]]] = [
    ("jsonl body: prose, N spaces, 'end'", 2000, _record),
    ("text line: 'Loading' and N dots", 8000, lambda n: _cleaned(PROSE + "Loading" + "." * n + "x")),
    (
        "text line: consent words among N '!'",
        2000,
        lambda n: _cleaned(PROSE + "!" * 300 + _CONSENT + "!" * n + "x"),
    ),
    ("text: N furniture lines above the story", 20000, lambda n: _cleaned("Home\n\n" * n + PROSE)),
    (
        "text header: 'Title: a', N spaces, 'b'",
        16000,
        lambda n: _text(f"Title: a{' ' * n}b\nDate: 2022-10-12\n\n{PROSE}"),
    ),
    ("text byline: 'By' and N '('", 10000, lambda n: _text("Title: x\n\nBy " + "(" * n + "\n\n" + PROSE)),
    (
        "text byline: 'By Jane Doe' and N ', 3 March 2022'",
        2000,
        lambda n: _text("Title: x\n\nBy Jane Doe" + ", 3 March 2022" * n + "\n\n" + PROSE),
    ),
    (
        "text: N lines of one sentence, never ended",
        20000,
        lambda n: _cleaned(PROSE + "the council said on Tuesday that it would\n" * n + "email\n\n" + PROSE),
    ),
    ("text line: '(c)' and N capitalised words", 20000, lambda n: _cleaned(PROSE + "(c) " + "Agence " * n)),
    # a player's label then names: a first version of the rule took seconds for 15 names (review)
    (
        "text line: 'Listen to this article · ' and N names",
        100,
        lambda n: _cleaned(PROSE + "Listen to this article · " + "O'Brien, " * n + "said."),
    ),
    (
        "text: N 'Published' date lines above the story",
        50000,
        lambda n: _text("Title: x\n\n" + "Published 5 March 2024, 14:30 GMT\n" * n + "\n" + PROSE),
    ),
    (
        "text: front matter of N lines",
        8000,
        lambda n: _text("---\n" + "tags: [a, b]\n" * n + "---\n" + PROSE),
    ),
    (
        "text: a first line of N words over a byline",
        80000,
        lambda n: _text("Big " * n + "\n\nBy Jane Doe\n\n" + PROSE),
    ),
    (
        "html: JSON-LD array of N numbers",
        100000,
        lambda n: _page_of(_html(_para(0), _LD.format(",".join(["1"] * n)))),
    ),
    (
        "html: og:title of N digits and 'x'",
        5000,
        lambda n: _page_of(_html(_para(0), f"<meta property='og:title' content='{'1' * n}x'>")),
    ),
    ("html: last paragraph ends in N dots, 'x'", 8000, lambda n: _page_of(_html(_TEN + "." * n + "x</p>"))),
    (
        "html: a title of N ' | '-separated parts",
        4000,
        lambda n: _page_of(_html(_para(0), f"<meta property='og:title' content='{' | '.join(['ab'] * n)}'>")),
    ),
    (
        "html: an og:title of N words, also the lead",
        4000,
        lambda n: _page_of(
            _html(f"<p>{_words(n)}</p>" + _para(0), f"<meta property='og:title' content='{_words(n)}'>")
        ),
    ),
    (
        "html: one paragraph of N <span>s",
        2500,
        lambda n: _page_of(_html(_para(0) + "<p>" + "<span>w</span> " * n + "</p>")),
    ),
    # A feed check over a page's leading comments backtracked without end (sixteenth session).
    ("html: N comments before the page", 4000, lambda n: _page_of(b"<!-- c -->\n" * n + _page(3))),
    # A lazy comment pattern over the prolog: 20,000 unclosed comments took 6 s (twenty-first session).
    ("sitemap: N unclosed comments", 20000, lambda n: _sitemap(b"<urlset>" + b"<!--" * n)),
    ("feed: N unclosed comments", 20000, lambda n: _feed(b"<rss>" + b"<!--" * n)),
    # Each dated reader's comment measured the whole page again (seventeenth session's review).
    ("html: an undated page with N dated comments", 2000, lambda n: _page_of(_commented(n))),
    (
        "jsonl: an author of N characters with an '@'",
        2000,
        lambda n: (lambda line: lambda: extract_record(line))(
            json.dumps({"text": PROSE, "author": "x" * n + "@"})
        ),
    ),
    (
        "json: N pretty records one after another",
        500,
        lambda n: _json_file(n),
    ),
    (
        "html: a meta author of N words, 'و' glued on",
        4000,
        lambda n: _page_of(
            _html(_para(0), f"<meta name='author' content='{' '.join(['سامر', 'وأحمد'] * (n // 2))}'>")
        ),
    ),
    (
        "html: 'N× 12 октября' under the headline",
        2000,
        lambda n: _page_of(_html("<h1>Quay closed</h1><p>" + "12 октября " * n + "</p>" + _para(0))),
    ),
    # Rules added with the Thai and Hebrew dates and the byline fixes: Thai era words, abbreviated
    # months and digits; Hebrew months with a glued "ב" and a geresh; the bylines' "i" joiner, brackets
    # after a name and a spaced dash after one; a Thai dateline counted by its letters.
    ("Thai date: N× 'ก.' (parse_date, thai_spacing)", 100000, lambda n: _thai_date("ก." * n)),
    ("Thai date: N× 'ต.ค'", 100000, lambda n: _thai_date("ต.ค" * n)),
    (
        "Thai date: '12 ต.ค.', N× 'พ. ศ. ', '2565'",
        25000,
        lambda n: _thai_date("12 ต.ค. " + "พ. ศ. " * n + "2565"),
    ),
    ("Thai date: '12 ต.ค.' and N Thai digits", 100000, lambda n: _thai_date("12 ต.ค." + "๑" * n)),
    (
        "html: '12' and N× 'באוק׳ ' under the headline",
        4000,
        lambda n: _page_of(_html("<h1>Quay closed</h1><p>12 " + "באוק׳ " * n + "</p>" + _para(0))),
    ),
    ("byline: N words joined by ' i '", 4000, lambda n: _byline(" i ".join(["Nowak"] * n))),
    ("byline: a name and N '('", 100000, lambda n: _byline("Jane Doe " + "(" * n)),
    ("byline: a name, '(', N characters, ')'", 100000, lambda n: _byline("Jane Doe (" + "x" * n + ")")),
    (
        "split_names: N words between spaced dashes",
        20000,
        lambda n: (lambda text: lambda: split_names(text))(" - ".join(["Doe"] * n)),
    ),
    ("is_dateline: a Thai date and N letters", 100000, lambda n: _thai_line("12 ต.ค. 2565 " + "ก" * n)),
    ("html: N paragraphs", 4000, lambda n: _page_of(_page(n))),
    ("html: N paragraphs and an N-link menu", 4000, lambda n: _page_of(_nav_page(n))),
]


# Each size's measurement lasts at least this long at N (a single run's CPU time under a millisecond is
# mostly the clock's and the machine's noise); the same number of runs at 2N and 4N.
MIN_SECONDS = 0.01
MAX_RUNS = 10_000


def _cpu(call: Callable[[], object], runs: int) -> float:
    """CPU seconds per run of ``call``, run ``runs`` times."""
    start = time.process_time()
    for _ in range(runs):
        call()
    return (time.process_time() - start) / runs


def _runs_for(call: Callable[[], object]) -> int:
    """How many runs make ``MIN_SECONDS`` of ``call`` (one when a single run does)."""
    once = _cpu(call, 1)
    if once >= MIN_SECONDS:
        return 1
    return min(MAX_RUNS, math.ceil(MIN_SECONDS / max(once, 1e-6)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size (default 1)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    _html_step(_page(5))  # imports and one-time set-up, not timed
    rows = []
    for name, base, build in SHAPES:
        sizes = [int(base * args.scale * k) for k in (1, 2, 4)]
        build(max(1, sizes[0] // 64))()  # the shape's own set-up (a pattern compiled on first use), not timed
        calls = [build(n) for n in sizes]
        runs = _runs_for(calls[0])  # untimed too: a first run at N, which also warms what it builds
        times = [_cpu(call, runs) for call in calls]
        growth = [b / a if a > 0 else None for a, b in itertools.pairwise(times)]
        rows.append(
            {
                "shape": name,
                "sizes": sizes,
                "cpu_s": [round(t, 6) for t in times],
                "runs": runs,
                "growth": growth,
            }
        )
        if not args.json:
            shown = ", ".join(f"{g:.1f}" if g else "-" for g in growth)
            cpu = " ".join(f"{t:6.3f}" if t >= 0.001 else f"{t:6.1e}" for t in times)
            print(
                f"{name:48s} N={sizes[0]:>7,}  CPU s {cpu}{f' ×{runs}' if runs > 1 else '':>7}  growth {shown}"
            )
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
