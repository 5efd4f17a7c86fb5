"""``wirehouse crawl`` and ``wirehouse reprocess``: thin commands over ``flows/crawl.py`` and ``flows/reprocess.py``.

Mistakes a person can fix (no sources file, a bad one, an unknown source name) are raised as
``ConfigError`` / ``UserError``; the main CLI prints them as one line and exits with 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import stat
import sys
from pathlib import Path
from typing import Any

from . import config
from .errors import UserError
from .sources import DEFAULT_PATH, SourcesConfig, allow_private_networks, load_sources

EXIT_OK, EXIT_PARTIAL = 0, 3


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``crawl`` and ``reprocess`` to the main CLI's subcommands."""
    p = subparsers.add_parser(
        "crawl",
        help="fetch the feeds, sitemaps and pages in a sources file into the warehouse (a Prefect flow run)",
        description="Discover pages from the sources file's feeds, sitemaps and URL lists, fetch them "
        "(conditional GET; unchanged and already-loaded pages are skipped; a page whose fetch failed is "
        "asked for again only after a wait that doubles with each failure in a row, from 1 h, or a day "
        "after a 403, 404, 410, 451, robots.txt refusal or wrong content type, up to 7 days, or sooner "
        "if its lastmod says it changed: the source's retry_failed changes it, --retry-failed skips it "
        "for one run), keep every raw body, "
        "and load the articles. Local `files` sources are ingested too. Every selected item ends as "
        "loaded, updated, unchanged, duplicate or rejected with a reason; the others are counted in "
        "their source's line: listed again, handled by an earlier source of the run (counted once, by "
        "that source), left out by include/exclude, left for later runs (max_items), held back after a "
        "failed fetch. The sources file's top-level timeout and retries set how long a silent page is "
        "waited for and how often it is tried again (docs/fetching.md).",
        epilog="Exit codes: 0 done; 1 an unexpected error; 2 a missing or wrong sources file or an unknown --source; 3 done, but a "
        "source failed (a feed or sitemap that could not be read, a files source's missing path), a files "
        "source's file could not be read or a stale duplicate could not be re-derived; 4 the "
        "database stayed locked; 130 / 143 interrupted / terminated (every batch loaded so far is kept). "
        "Private and loopback addresses (10.x, 192.168.x, 127.0.0.1, ...) are refused unless the sources "
        "file says allow_private_networks = true or WIREHOUSE_ALLOW_PRIVATE_NETWORKS=1 is set.",
    )
    p.add_argument(
        "--sources", metavar="FILE", help="the sources file (default: seeds/sources.toml in the checkout)"
    )
    p.add_argument("--source", metavar="NAME", help="crawl only this source")
    p.add_argument(
        "--retry-failed",
        action="store_true",
        help="ask again, this run, for every page, feed and sitemap whose last fetch failed, whatever "
        "its retry back-off: as if every source said retry_failed = true (a page that fails again waits "
        "longer next time)",
    )
    _common(p)
    p.set_defaults(handler=cmd_crawl)

    p = subparsers.add_parser(
        "reprocess",
        help="re-derive articles from the stored raw documents, without the network",
        description="Re-run extraction on stored raw documents (the raw store for fetched pages, the files "
        "themselves for local inputs) and replace the articles in place. By default only documents made by "
        "another extractor version; --all for every document.",
        epilog="Exit codes: 0 done; 1 an unexpected error; 2 a wrong option, sources file or --raw-dir; 3 done, "
        "but some documents could not be re-derived (a raw body or file gone, or a file changed since it was "
        "read: they are listed with what to run); 4 the database stayed locked; 130 / 143 interrupted / "
        "terminated (every batch loaded so far is kept).",
    )
    p.add_argument("--all", action="store_true", help="every stored document, not only stale ones")
    p.add_argument(
        "--sources",
        metavar="FILE",
        help="sources file for each source's locale and time zone (default: seeds/sources.toml, if present)",
    )
    _common(p)
    p.set_defaults(handler=cmd_reprocess)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="FILE",
        help=f"DuckDB file (default: ${config.ENV_DB} or warehouse/news.duckdb in the checkout)",
    )
    p.add_argument(
        "--raw-dir",
        metavar="DIR",
        help="where raw bodies are kept (default: $WIREHOUSE_RAW_DIR or raw/ beside the database file)",
    )
    p.add_argument("--workers", type=int, metavar="N", help="parsing processes (default: one per core)")
    p.add_argument(
        "--no-prefect", action="store_true", help="run the same steps as plain calls, without Prefect"
    )
    p.add_argument("--json", action="store_true", help="print the run summary as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")


def _sources_file(given: str | None) -> Path:
    return Path(given).expanduser() if given else config.PROJECT_ROOT / DEFAULT_PATH


def cmd_crawl(args: argparse.Namespace) -> int:
    settings = config.resolve(
        db=args.db, workers=args.workers, use_prefect=False if args.no_prefect else None
    )
    path = _sources_file(args.sources)
    sources = load_sources(path)  # ConfigError (one line) when missing or wrong
    if args.source:
        sources.get(args.source)  # an unknown name is a ConfigError before anything starts
    allow_private_networks(sources)  # WIREHOUSE_ALLOW_PRIVATE_NETWORKS=maybe: one line, nothing started
    log = _logging(quiet=args.quiet or args.json)
    if not sources.sources:
        log.warning("warning: %s lists no sources: nothing to crawl", path)
    from . import crawl, crawl_report

    if settings.use_prefect:
        from .prefect_env import check_reachable, configure

        check_reachable(configure())  # a named API that does not answer: one line, before raw/ is made
    check_db_location(settings.db)  # a typo in --db: one line, before raw/ is made beside it
    crawl.writable_raw_root(crawl.raw_root(settings.db, args.raw_dir))  # a bad one: one line, nothing run

    if settings.use_prefect:
        result = _prefect_run(
            log,
            "crawl",
            sources=str(path),
            source=args.source,
            db=str(settings.db),
            raw_dir=args.raw_dir,
            workers=settings.workers,
            retry_failed=args.retry_failed,
        )
    else:
        summary = crawl.run_plain(
            sources,
            settings.db,
            source=args.source,
            raw_dir=args.raw_dir,
            workers=settings.workers,
            progress=log.info,
            retry_failed=args.retry_failed,
        )
        result = summary.as_dict()
        if not args.json:
            print(crawl_report.summary_text(summary))
    if args.json:
        print(json.dumps(result, default=str, indent=2))
    elif settings.use_prefect:
        print(_crawl_text(result))
    # What runs.problems and the flow run's state say: a failed source, files that cannot be read, a stale
    # duplicate that could not be re-derived (each exit 3, as for ingest).
    problems = crawl.problems(crawl_report.CrawlSummary.from_dict(result))
    return EXIT_PARTIAL if problems else EXIT_OK


def cmd_reprocess(args: argparse.Namespace) -> int:
    settings = config.resolve(
        db=args.db, workers=args.workers, use_prefect=False if args.no_prefect else None
    )
    check_reprocess(settings.db, args.raw_dir)
    sources = _optional_sources(args.sources)
    log = _logging(quiet=args.quiet or args.json)
    from . import reprocess

    if settings.use_prefect:
        result = _prefect_run(
            log,
            "reprocess",
            db=str(settings.db),
            everything=args.all,
            sources=args.sources,
            raw_dir=args.raw_dir,
            workers=settings.workers,
        )
    else:
        summary = reprocess.run_plain(
            settings.db,
            everything=args.all,
            config=sources,
            raw_dir=args.raw_dir,
            workers=settings.workers,
            progress=log.info,
        )
        result = summary.as_dict()
        if not args.json:
            print(reprocess.summary_text(summary))
    if args.json:
        print(json.dumps(result, default=str, indent=2))
    elif settings.use_prefect:
        print(_reprocess_text(result))
    # A stored page or file that is gone or changed was not re-derived: finished, but not everything.
    return EXIT_PARTIAL if result.get("missing") or result.get("problems") else EXIT_OK


def check_db_location(db: Path) -> None:
    """The database file's folder must be there (and writable, and ``db`` no other program's file): the
    crawl makes its raw folder beside the database before opening it, so a typo in ``--db`` (or a flow
    run's ``db``) quietly made that folder and a new warehouse in it where ingest and reprocess refuse
    (review). The same check and words as ``warehouse/db.py`` when it opens the file."""
    from warehouse.db import check_location

    check_location(db, read_only=False)


def check_reprocess(db: Path, raw_dir: str | None, option: str = "--raw-dir") -> None:
    """What ``wirehouse reprocess`` and the reprocess flow check before a run: a warehouse to reprocess,
    and the raw folder named (``check_raw_dir``; ``option`` is what named it: ``raw_dir`` for a flow
    run). The flow read on without them: one warning per stored document, "Completed with problems"
    (review)."""
    from warehouse.db import existing

    if existing(db) is None:  # one line too for a --db in a folder that cannot be entered
        raise UserError(f"no warehouse at {db}: nothing to reprocess (run `wirehouse crawl` first)")
    check_raw_dir(db, raw_dir, option)


def check_raw_dir(db: Path, given: str | None, option: str = "--raw-dir") -> None:
    """A raw folder named by --raw-dir must be there, and one named by WIREHOUSE_RAW_DIR when the
    warehouse holds fetched pages (``_holds_fetched``): else every fetched page's raw body would be
    "missing" (exit 3), so say the one thing that is wrong. A warehouse of local files reads no raw
    body: a variable exported for crawls elsewhere does not stop its reprocess (a review found exit 2
    there), nor does the default, raw/ beside the database, being absent."""
    from .crawl import ENV_RAW_DIR, raw_root

    env = os.environ.get(ENV_RAW_DIR, "").strip()
    if not given and not env:
        return
    named = f"{option} {given}" if given else f"{ENV_RAW_DIR}={env}"
    root = raw_root(db, given)
    try:
        found = stat.S_ISDIR(root.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        found = False
    except OSError as exc:  # in a folder that cannot be entered, a name over 255 bytes: Path.is_dir raised
        if given or _holds_fetched(db):
            raise UserError(f"{named}: cannot be opened: {exc.strerror or exc}") from exc
        return
    if not found and (given or _holds_fetched(db)):
        raise UserError(f"{named}: no such folder (raw bodies are kept where crawl put them)")


def _holds_fetched(db: Path) -> bool:
    """The warehouse ``db`` holds a fetched page, whose raw body reprocess reads from the raw folder."""
    import duckdb

    from warehouse.db import reading

    with reading(db) as con:
        try:
            row = con.execute("SELECT EXISTS (SELECT 1 FROM documents WHERE raw_key IS NOT NULL)").fetchone()
        except (duckdb.CatalogException, duckdb.BinderException):
            return False  # a warehouse from before fetching (no documents table, no raw_key): none
    return bool(row and row[0])


def _optional_sources(given: str | None) -> SourcesConfig | None:
    path = _sources_file(given)
    if given is None and not path.exists():
        return None
    return load_sources(path)


def _prefect_run(log: logging.Logger, which: str, **params: Any) -> dict[str, Any]:
    from .prefect_env import cli_flow_run

    with cli_flow_run(Path(params["db"]), log, "flows.crawl_flow"):
        from .crawl_flow import crawl_flow, reprocess_flow  # after Prefect's settings are applied

        result = crawl_flow(**params) if which == "crawl" else reprocess_flow(**params)
    return dict(result)


def _crawl_text(d: dict[str, Any]) -> str:
    """The same report as a run without Prefect prints (it left out the rejects by reason, the re-derived
    duplicates and the time taken)."""
    from .crawl_report import CrawlSummary, summary_text

    return summary_text(CrawlSummary.from_dict(d))


def _reprocess_text(d: dict[str, Any]) -> str:
    """The same report as a run without Prefect prints (it left out the raw folder, the rejects by reason,
    the re-derived duplicates and the time taken)."""
    from .reprocess import ReprocessSummary, summary_text

    return summary_text(ReprocessSummary.from_dict(d))


def _logging(quiet: bool) -> logging.Logger:
    log = logging.getLogger("wirehouse")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("wirehouse: %(message)s"))
        log.addHandler(handler)
        log.propagate = False
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    return log
