"""``wirehouse extract``: run the HTML extractor on pages and print one JSON line per input.

It loads nothing. It is how people debug a source: by default each line holds what ``ingest`` and
``crawl`` would load (the extractor's record after cleaning), and ``--raw`` shows the extractor's record
before cleaning. Inputs are
paths (directories are searched for ``.html``, ``.htm`` and ``.html.gz``) and, with ``--stdin``,
lines of ``path<TAB>url``. A page that fails is printed with its ``error`` and the run goes on; a path
that could not be read at all makes the exit code 3, as for ``wirehouse ingest``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .clean import MIN_BODY_WORDS
from .dates_cli import check_tz
from .errors import RejectInput, UserError
from .locales import check_locale
from .pipeline import extract, to_article
from .read import InputFile, expand_glob, gunzip, named_path_exists, written_time
from .records import ArticleRow, DateValue, Extracted, RawDocument
from .urls import normalise_url

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
_UNUSABLE = (
    "missing_path",
    "unreadable",
    "bad_url",
)  # a path that could not be read at all: exit 3 at the end
EXIT_PARTIAL = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``extract`` subcommand to the main CLI."""
    parser = subparsers.add_parser(
        "extract",
        help="print the article extracted from HTML pages, one JSON line per input (loads nothing)",
        description="Run the HTML extractor on pages and print one JSON line per input, with the "
        "warehouse's column names: what ingest and crawl would load, after cleaning; nothing is loaded. "
        "For debugging a source. "
        "Directories are searched for .html and .htm files, gzipped or not. A page that fails is printed with "
        "its error and the run goes on.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="HTML files, directories of them, or quoted glob patterns ('pages/*.html')",
    )
    parser.add_argument("--stdin", action="store_true", help="also read lines 'path<TAB>url' from stdin")
    parser.add_argument("--url", help="the URL of the page (only with a single PATH)")
    parser.add_argument(
        "--locale",
        help="locale hint for dates: language and optional region, e.g. en_GB (default: none)",
    )
    parser.add_argument(
        "--tz", help="default timezone for dates without an offset, e.g. Europe/Berlin (default: UTC)"
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="print the extractor's record before cleaning (body edges not trimmed, no language guess, "
        f"no clean/too_short check; a page with under {MIN_BODY_WORDS} words of text is still extract/no_body)",
    )
    parser.set_defaults(handler=run)


def _usage(message: str) -> int:
    print(f"wirehouse: error: {message}", file=sys.stderr)
    return 2


def _expand(path: Path) -> Iterator[Path]:
    # os.path's tests, not Path's: on Python 3.11 Path.is_dir raises for a path in a folder that cannot be
    # entered or a name over 255 bytes ('unexpected error'); such a path is then read, and said, as a file.
    if os.path.isdir(path):
        for child in sorted(path.rglob("*")):
            if os.path.isfile(child) and child.name.lower().endswith(HTML_SUFFIXES):
                yield child
    else:
        yield path  # a file named explicitly is taken whatever its name


def _inputs(args: argparse.Namespace) -> Iterator[tuple[Path, str | None]]:
    for raw in args.paths:
        matches = expand_glob(raw)
        for named in [raw] if matches is None else matches or [raw]:  # no match: reported as missing
            for path in _expand(Path(named)):
                yield path, args.url
    if args.stdin:
        for line in sys.stdin:
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            path_text, _, url = line.partition("\t")
            for path in _expand(Path(path_text.strip())):
                yield path, url.strip() or None


def read_page(path: Path) -> bytes:
    """The bytes of a page on disk, gunzipped when the name ends in ``.gz``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        missing = "no file or directory matches" if expand_glob(path) == [] else "no such file"
        raise RejectInput("read", "missing_path", f"{missing}: {path}") from exc
    except OSError as exc:
        raise RejectInput("read", "unreadable", f"cannot read {path}: {exc.strerror or exc}") from exc
    if path.name.lower().endswith(".gz"):
        data = gunzip(data, str(path))  # every member; cut-short or corrupt files are refused, as in ingest
    return data


def _date(prefix: str, value: DateValue) -> dict[str, Any]:
    return {
        f"{prefix}_at": value.utc.isoformat().replace("+00:00", "Z") if value.utc else None,
        f"{prefix}_offset_minutes": value.offset_minutes,
        f"{prefix}_text": value.text,
        f"{prefix}_evidence": value.evidence,
        f"{prefix}_precision": value.precision,
        f"{prefix}_error": value.error,
    }


def to_json(
    path: str,
    url: str | None,
    got: Extracted | ArticleRow | None,
    error: str | None,
    encoding: str | None = None,
) -> dict[str, Any]:
    """One output line, with the warehouse's column names."""
    row: dict[str, Any] = {"path": path, "url": url, "error": error}
    if got is None:
        return row
    # What ingest stores: the given URL normalised, else the page's canonical one (was the given URL as
    # typed, and None for a page read without one).
    row["url"] = got.url if isinstance(got, ArticleRow) else got.url or url
    row.update(
        title=got.title,
        authors=got.authors,
        **_date("published", got.published),
        **_date("modified", got.modified),
        language=got.language,
        site_name=got.site_name,
        canonical_url=got.canonical_url,
        section=got.section,
        tags=got.tags,
        description=got.description,
        lead_image_url=got.lead_image_url,
        is_truncated=got.is_truncated,
        paywalled=got.paywalled,
        encoding=encoding,
        word_count=got.word_count if isinstance(got, ArticleRow) else len(got.body.split()),
        body=got.body,
    )
    return row


def extract_page(
    path: Path, url: str | None, args: argparse.Namespace
) -> tuple[Extracted | ArticleRow, str | None]:
    """The page's record as ``ingest`` would load it (or, with ``--raw``, as the extractor found it), and
    the encoding its bytes were read in. The same document ``ingest`` builds, so relative and year-less
    dates count from when the file was written, as there."""
    data = read_page(path)
    now = datetime.now(UTC)
    st = path.stat()
    written = written_time(InputFile(str(path), "html", st.st_size, st.st_mtime_ns), now)
    doc = RawDocument(
        origin=str(path),
        kind="html",
        data=data,
        path=str(path),
        url=url,
        read_at=now,
        written_at=written,
        locale=args.locale,
        timezone=args.tz,
    )
    got = extract(doc, "", None)
    if args.raw:
        return got, got.encoding
    return to_article(doc, got), got.encoding


def run(args: argparse.Namespace) -> int:
    """Extract every input and print its JSON line. Exit codes as the README's: 0 when every path could be
    read (a page without an article is not a failure of the command), 3 when some could not (missing,
    unreadable), 2 on bad usage, no named path existing included."""
    if not args.paths and not args.stdin:
        return _usage("extract needs at least one PATH or --stdin")
    if args.url and (len(args.paths) != 1 or os.path.isdir(args.paths[0])):
        return _usage("--url needs exactly one PATH that is a file")
    if args.url and normalise_url(args.url) is None:
        return _usage(f"--url {args.url!r} is not an absolute http(s) URL such as https://example.org/a")
    if args.paths and not args.stdin and not any(named_path_exists(p) for p in args.paths):
        return _usage(f"no such file or directory: {', '.join(args.paths)}")  # a typo, as for ingest
    try:  # a misspelt hint would otherwise quietly change how every page's dates are read
        check_locale(args.locale)
        check_tz(args.tz)
    except UserError as exc:
        return _usage(str(exc))
    unusable = printed = 0
    for path, url in _inputs(args):
        printed += 1
        got: Extracted | ArticleRow | None = None
        encoding: str | None = None
        error: str | None = None
        try:
            if (
                url is not None and normalise_url(url) is None
            ):  # a --stdin line's URL (--url is checked above)
                raise RejectInput("read", "bad_url", f"{url!r} is not an absolute http(s) URL")
            got, encoding = extract_page(path, url, args)
        except RejectInput as exc:
            error = f"{exc.stage}/{exc.reason}: {exc.detail}"
            unusable += exc.stage == "read" and exc.reason in _UNUSABLE
        print(json.dumps(to_json(str(path), url, got, error, encoding), ensure_ascii=False), flush=True)
    if not printed and args.paths:
        listed = ", ".join(args.paths)
        print(
            f"wirehouse: no HTML files ({', '.join(HTML_SUFFIXES)}) under {listed}; "
            "text and JSON files are read by 'wirehouse ingest'",
            file=sys.stderr,
        )
    return EXIT_PARTIAL if unusable else 0
