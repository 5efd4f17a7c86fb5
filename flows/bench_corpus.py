"""A synthetic, seeded news corpus for ``wirehouse bench``: text articles and HTML pages on disk.

The same ``(n, kind, seed)`` always writes the same bytes, so two benchmark runs (or two machines) read the
same corpus. Text articles follow the scrapers' format the reader understands (``seeds/articles``): a
header in one of several styles, a byline, boilerplate lines, paragraphs. HTML pages come from one template
with varied metadata (JSON-LD, OpenGraph, ``<time>``, plain ``<meta>``) and site furniture; optionally a
share of them are the real pages of ``../shared/benchmarks/article-bodies`` (copied as they are, gzipped).

Some inputs are meant to end as duplicates (the body of an earlier article under another name) and some as
rejects (nothing but furniture, or empty), so a benchmark also exercises those paths and can check that
every input is accounted for.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

import flows

CorpusKind = Literal["text", "html", "both", "jsonl"]

# The shared benchmark pages live beside the repository, never at a fixed machine path.
SHARED = Path(flows.__file__).resolve().parents[1].parent / "shared"
REAL_PAGES = SHARED / "benchmarks" / "article-bodies" / "html"

# Every DUP_EVERY-th article repeats an earlier body; every REJECT_EVERY-th is furniture only.
DUP_EVERY = 40
REJECT_EVERY = 50
# An empty file (rejected at decode) every EMPTY_EVERY-th text input.
EMPTY_EVERY = 500
# At most this share of the HTML pages are real pages (they are large; the rest are template pages).
REAL_SHARE = 0.2


def _words(text: str) -> tuple[str, ...]:
    """A word list written as text, which reads better than a column of quoted words."""
    return tuple(text.split())


_WORDS = _words(
    "the government said on minister council report economy market growth prices energy security "
    "officials announced plan year people city region country agreement talks meeting week policy "
    "company shares investors budget health hospital school students police court judge election "
    "voters party leader support opposition defence military cooperation bilateral visit delegation "
    "development project infrastructure railway port climate water farmers harvest weather storm "
    "according statement spokesperson added expected increase decline percent million billion "
    "national international global local public private sector service workers union strike "
    "parliament law reform tax trade export import bank interest rate inflation currency data "
    "research university scientists study results team season match coach players final cup"
)
_FIRST = _words(
    "Anna Vugar Maria John Leyla Peter Sofia Omar Elena David Aylin Marco Chen Fatima James Ingrid "
    "Ravi Nadia Tomas Keiko"
)
_LAST = _words(
    "Khalilov Smith Garcia Novak Aliyeva Brown Rossi Kim Haddad Jensen Murphy Petrov Silva Tanaka "
    "Okafor Costa Weber Ivanova Clarke Moreau"
)
_SOURCES = ("Azernews", "Daily Ledger", "The Courier", "Metro Wire", "Northern Post", "City Herald")
_SECTIONS = ("World", "Business", "Politics", "Sport", "Science", "Local")
_TOP_FURNITURE = ("Advertisement", "Share this article", "Skip to main content", "Menu")
_MID_FURNITURE = ("Advertisement", "Read more: markets rally after the vote", "Photo: Getty Images", "Tweet")
_END_FURNITURE = (
    "© 2022 Daily Ledger. All rights reserved.",
    "Follow us on Twitter",
    "Subscribe now",
    "Share on Facebook",
)
_OFFSETS = (0, 60, 120, 240, 330, -240, -300, 540)
_MONTHS = _words("January February March April May June July August September October November December")
_DAYS = _words("Mon Tue Wed Thu Fri Sat Sun")


@dataclass(frozen=True, slots=True)
class DateSample:
    """A date string written into the corpus, with the locale a reader would hint for it."""

    text: str
    locale: str | None


@dataclass(slots=True)
class Corpus:
    """What ``generate`` wrote: files by kind, and the outcomes it planted."""

    folder: Path
    files: int = 0
    inputs: int = 0  # what ends as one outcome each: a file, or a record of the JSON lines dump
    by_kind: dict[str, int] = field(default_factory=dict)
    bytes_written: int = 0
    real_pages: int = 0  # real pages copied (their outcome is not planted, so not counted below)
    real_pages_note: str | None = None  # why HTML pages of the corpus include no real page, or fewer
    planted_duplicates: int = 0
    planted_rejects: int = 0
    dates: list[DateSample] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "inputs": self.inputs,
            "by_kind": dict(self.by_kind),
            "bytes": self.bytes_written,
            "real_pages": self.real_pages,
            "real_pages_note": self.real_pages_note,
            "planted_duplicates": self.planted_duplicates,
            "planted_rejects": self.planted_rejects,
            "date_strings": len(self.dates),
        }


def split_kinds(n: int, kind: CorpusKind) -> tuple[int, int]:
    """How many text articles and HTML pages ``n`` articles of ``kind`` are (a JSON lines dump: neither)."""
    if kind == "jsonl":
        return 0, 0
    if kind == "text":
        return n, 0
    if kind == "html":
        return 0, n
    return n - n // 2, n // 2


def generate(
    folder: Path, n: int, kind: CorpusKind = "text", seed: int = 1, real_pages: bool = True
) -> Corpus:
    """Write ``n`` articles of ``kind`` under ``folder`` (created; must be empty or absent)."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(folder=folder)
    n_text, n_html = split_kinds(n, kind)
    rng = random.Random(seed)
    if n_text:
        _write_text(folder / "text", n_text, rng, corpus)
    if n_html:
        _write_html(folder / "html", n_html, rng, corpus, real_pages=real_pages)
    if kind == "jsonl":
        _write_jsonl(folder / "dump.jsonl", n, rng, corpus)
    return corpus


# ---------------------------------------------------------------- shared pieces


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, count: int | None = None) -> list[str]:
    return [
        " ".join(_sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(count or rng.randint(4, 9))
    ]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _instant(rng: random.Random) -> datetime:
    start = datetime(2019, 1, 1, tzinfo=UTC)
    return start + timedelta(minutes=rng.randrange(0, 6 * 365 * 24 * 60))


def _local(utc: datetime, offset: int) -> datetime:
    return utc.astimezone(timezone(timedelta(minutes=offset)))


def _offset_text(offset: int, colon: bool = True) -> str:
    sign = "+" if offset >= 0 else "-"
    h, m = divmod(abs(offset), 60)
    return f"{sign}{h:02d}:{m:02d}" if colon else f"{sign}{h:02d}{m:02d}"


def date_string(rng: random.Random, utc: datetime) -> DateSample:
    """One rendering of ``utc`` in a style news sites print."""
    offset = rng.choice(_OFFSETS)
    t = _local(utc, offset)
    month = _MONTHS[t.month - 1]
    style = rng.randrange(8)
    if style == 0:
        return DateSample(t.isoformat(timespec="seconds"), None)
    if style == 1:  # the seed's own style
        return DateSample(
            f"{t:%Y-%m-%d} {t.day} {month} {t.year} {t:%H:%M} (UTC{_offset_text(offset)})", None
        )
    if style == 2:
        return DateSample(f"{t.day} {month} {t.year} {t:%H:%M} (UTC{_offset_text(offset)})", None)
    if style == 3:  # RFC 2822
        day = _DAYS[t.weekday()]
        return DateSample(
            f"{day}, {t.day:02d} {month[:3]} {t.year} {t:%H:%M:%S} {_offset_text(offset, False)}", None
        )
    if style == 4:  # US style with a zone abbreviation (the offset becomes the zone's)
        us = utc.astimezone(timezone(timedelta(minutes=-240)))
        hour = us.hour % 12 or 12
        ampm = "a.m." if us.hour < 12 else "p.m."
        return DateSample(f"{month[:3]} {us.day}, {us.year} {hour}:{us.minute:02d} {ampm} ET", None)
    if style == 5:  # day-first, dotted (unambiguous)
        return DateSample(f"{t:%d.%m.%Y %H:%M}", None)
    if style == 6:  # day-first with slashes: needs a locale; without one it is loaded with an error
        return DateSample(f"{t:%d/%m/%Y %H:%M}", "en_GB")
    return DateSample(f"{month} {t.day}, {t.year}", None)


def _byline(rng: random.Random) -> str:
    a, b = _name(rng), _name(rng)
    style = rng.randrange(5)
    if style == 0:
        return f"By {a}"
    if style == 1:
        return f"By {a} and {b}"
    if style == 2:
        return f"Written by {a}"
    if style == 3:
        return f"{a} | Reporter"
    return f"{a}, Staff Writer"


# ---------------------------------------------------------------- text articles


def text_article(rng: random.Random, i: int, body: list[str] | None = None) -> tuple[str, list[DateSample]]:
    """One text article in the seeds format; ``body`` reuses paragraphs (to plant a duplicate)."""
    paragraphs = body if body is not None else _paragraphs(rng)
    published = date_string(rng, _instant(rng))
    dates = [published]
    title = _sentence(rng).rstrip(".")
    style = rng.randrange(4)
    header: list[str]
    if style == 0:  # the seed's single indented line
        header = [f" date {published.text}"]
    elif style == 1:
        header = [
            f"Title: {title}",
            f"URL: https://news.example/{rng.choice(_SECTIONS).lower()}/{i}",
            f"Date: {published.text}",
            f"Source: {rng.choice(_SOURCES)}",
        ]
        if rng.random() < 0.4:
            modified = date_string(rng, _instant(rng))
            dates.append(modified)
            header.append(f"Updated: {modified.text}")
        if rng.random() < 0.5:
            header.append(f"Tags: {rng.choice(_WORDS)}, {rng.choice(_WORDS)}")
    elif style == 2:
        header = [
            f"headline\t{title}",
            f"published\t{published.text}",
            f"author\t{_name(rng)}",
            "language\ten",
        ]
    else:
        header = [f"Title {title}", f"Date {published.text}", f"Section {rng.choice(_SECTIONS)}"]
    lines = [*header, ""]
    if rng.random() < 0.3:
        lines += [rng.choice(_TOP_FURNITURE), ""]
    lines += [_byline(rng), ""]
    for n, p in enumerate(paragraphs):
        lines += [p, ""]
        if n == 1 and rng.random() < 0.3:
            lines += [rng.choice(_MID_FURNITURE), ""]
    if rng.random() < 0.5:
        lines.append(rng.choice(_END_FURNITURE))
    return "\n".join(lines) + "\n", dates


def _furniture_only(rng: random.Random) -> str:
    lines = [f"Title: {_sentence(rng)}", "", *rng.sample(_TOP_FURNITURE, 2), *rng.sample(_END_FURNITURE, 2)]
    return "\n".join(lines) + "\n"


def _write_text(folder: Path, n: int, rng: random.Random, corpus: Corpus) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    bodies: list[list[str]] = []
    for i in range(n):
        path = folder / f"t{i:07d}.txt"
        if i % EMPTY_EVERY == EMPTY_EVERY - 1:
            data = b""
            corpus.planted_rejects += 1
        elif i % REJECT_EVERY == REJECT_EVERY - 1:
            data = _furniture_only(rng).encode("utf-8")
            corpus.planted_rejects += 1
        elif i % DUP_EVERY == DUP_EVERY - 1 and bodies:
            text, dates = text_article(rng, i, body=rng.choice(bodies))
            data = text.encode("utf-8")
            corpus.dates.extend(dates)
            corpus.planted_duplicates += 1
        else:
            paragraphs = _paragraphs(rng)
            bodies.append(paragraphs)
            if len(bodies) > 64:  # keep memory flat however large n is
                bodies.pop(0)
            text, dates = text_article(rng, i, body=paragraphs)
            data = text.encode("utf-8")
            corpus.dates.extend(dates)
        path.write_bytes(data)
        corpus.files += 1
        corpus.inputs += 1
        corpus.bytes_written += len(data)
        corpus.by_kind["text"] = corpus.by_kind.get("text", 0) + 1


def _write_jsonl(path: Path, n: int, rng: random.Random, corpus: Corpus) -> None:
    """One JSON lines dump of ``n`` records (a scraper's output, as news-please writes it), with the
    text corpus's planted duplicates (an earlier body) and rejects (no text, or furniture only)."""
    bodies: list[list[str]] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            published = date_string(rng, _instant(rng))
            record: dict[str, object] = {
                "url": f"https://news.example/{rng.choice(_SECTIONS).lower()}/{i}",
                "title": _sentence(rng).rstrip("."),
                "published": published.text,
                "author": _name(rng),
                "language": (published.locale or "en").replace("_", "-"),
                "source": rng.choice(_SOURCES),
            }
            if i % EMPTY_EVERY == EMPTY_EVERY - 1:
                record["text"] = ""
                corpus.planted_rejects += 1
            elif i % REJECT_EVERY == REJECT_EVERY - 1:  # the text file's furniture, without its title line
                record["text"] = "\n".join([*rng.sample(_TOP_FURNITURE, 2), *rng.sample(_END_FURNITURE, 2)])
                corpus.planted_rejects += 1
            else:
                duplicate = i % DUP_EVERY == DUP_EVERY - 1 and bool(bodies)
                paragraphs = rng.choice(bodies) if duplicate else _paragraphs(rng)
                if duplicate:
                    corpus.planted_duplicates += 1
                else:
                    bodies.append(paragraphs)
                    if len(bodies) > 64:  # keep memory flat however large n is
                        bodies.pop(0)
                record["text"] = "\n\n".join(paragraphs)
                corpus.dates.append(published)
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            corpus.inputs += 1
            corpus.bytes_written += len(line.encode("utf-8"))
    corpus.files += 1
    corpus.by_kind["jsonl"] = 1


# ---------------------------------------------------------------- HTML pages


def html_page(rng: random.Random, i: int, body: list[str] | None = None) -> tuple[str, list[DateSample]]:
    """One HTML page from the template, with a varied choice of metadata."""
    paragraphs = body if body is not None else _paragraphs(rng)
    utc = _instant(rng)
    offset = rng.choice(_OFFSETS)
    iso = _local(utc, offset).isoformat(timespec="seconds")
    dates = [DateSample(iso, None)]
    title = _sentence(rng).rstrip(".")
    author = _name(rng)
    site = rng.choice(_SOURCES)
    section = rng.choice(_SECTIONS)
    url = f"https://{site.lower().replace(' ', '')}.example/{section.lower()}/{utc:%Y/%m/%d}/story-{i}"
    head = [f"<title>{title} | {site}</title>", '<meta charset="utf-8">']
    flavour = rng.randrange(4)
    if flavour in (0, 3):  # JSON-LD
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": iso,
            "author": [{"@type": "Person", "name": author}],
            "publisher": {"@type": "Organization", "name": site},
            "articleSection": section,
        }
        head.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    if flavour in (1, 3):  # OpenGraph
        head += [
            f'<meta property="og:title" content="{title}">',
            f'<meta property="og:site_name" content="{site}">',
            f'<meta property="og:url" content="{url}">',
            f'<meta property="article:published_time" content="{iso}">',
            f'<meta property="article:section" content="{section}">',
        ]
    if flavour != 2:
        head.append(f'<link rel="canonical" href="{url}">')
    head.append(f'<meta name="author" content="{author}">')
    if flavour == 2:  # only a <time> element and a written date
        shown = date_string(rng, utc)
        dates.append(shown)
        dateline = f'<time datetime="{iso}">{shown.text}</time>'
    else:
        dateline = f"<time>{_local(utc, offset):%d %B %Y}</time>"
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in _SECTIONS)
    article = "".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/r/{i}-{k}">{_sentence(rng)}</a></li>' for k in range(3))
    page = (
        '<!DOCTYPE html><html lang="en"><head>'
        + "".join(head)
        + f"</head><body><header><nav><ul>{nav}</ul></nav></header><main><article>"
        + f'<h1>{title}</h1><p class="byline">By {author}</p>{dateline}'
        + article
        + f"</article><aside><h2>Related</h2><ul>{related}</ul></aside></main><footer><p>© {utc.year} {site}. "
        + "All rights reserved.</p><p>Follow us on Twitter</p></footer></body></html>"
    )
    return page, dates


def _furniture_page(rng: random.Random) -> str:
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in _SECTIONS)
    return f"<!DOCTYPE html><html><head><title>{_sentence(rng)}</title></head><body><nav><ul>{nav}</ul></nav></body></html>"


def real_pages_note(asked: bool, found: int, n: int) -> str | None:
    """Why the corpus's HTML holds fewer real pages than it could (it said "0 real pages" and no more
    when ``../shared`` was missing)."""
    if not asked:
        return "--no-real-pages"
    if not REAL_PAGES.is_dir():
        return f"none: {REAL_PAGES} is missing"
    if not found:
        return f"none: no *.html.gz in {REAL_PAGES}"
    if int(n * REAL_SHARE) < found:
        return f"{found} found, at most {REAL_SHARE:.0%} of the HTML pages are real"
    return None


def _write_html(folder: Path, n: int, rng: random.Random, corpus: Corpus, *, real_pages: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    real = sorted(REAL_PAGES.glob("*.html.gz")) if real_pages and REAL_PAGES.is_dir() else []
    corpus.real_pages_note = real_pages_note(real_pages, len(real), n)
    real = real[: int(n * REAL_SHARE)]
    for page in real:  # each real page once: copies would be duplicates of each other
        target = folder / f"real-{page.name}"
        shutil.copyfile(page, target)
        corpus.files += 1
        corpus.inputs += 1
        corpus.real_pages += 1
        corpus.bytes_written += target.stat().st_size
        corpus.by_kind["html"] = corpus.by_kind.get("html", 0) + 1
    bodies: list[list[str]] = []
    for i in range(n - len(real)):
        if i % REJECT_EVERY == REJECT_EVERY - 1:
            text = _furniture_page(rng)
            corpus.planted_rejects += 1
        elif i % DUP_EVERY == DUP_EVERY - 1 and bodies:
            text, dates = html_page(rng, i, body=rng.choice(bodies))
            corpus.dates.extend(dates)
            corpus.planted_duplicates += 1
        else:
            paragraphs = _paragraphs(rng)
            bodies.append(paragraphs)
            if len(bodies) > 64:
                bodies.pop(0)
            text, dates = html_page(rng, i, body=paragraphs)
            corpus.dates.extend(dates)
        data = text.encode("utf-8")
        (folder / f"h{i:07d}.html").write_bytes(data)
        corpus.files += 1
        corpus.inputs += 1
        corpus.bytes_written += len(data)
        corpus.by_kind["html"] = corpus.by_kind.get("html", 0) + 1
