"""``wirehouse``: the command line, a thin layer over the library.

Each command resolves settings, calls one library function and turns Wirehouse's errors into one line on
stderr with an exit code scripts can rely on:

  0 success · 1 unexpected failure · 2 usage or input mistake · 3 finished, but some inputs could not be
  used · 4 the database stayed locked · 130 interrupted (Ctrl-C) · 143 terminated (SIGTERM, or SIGHUP:
  the terminal closed) · 141 the output's reader went away
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import csv
import json
import logging
import os
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import FrameType
from typing import Any

from . import __version__, config
from .errors import UserError, WirehouseError
from .prefect_env import drop_unsent

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, what a shell reports for a process the signal ended; SIGHUP's too
EXIT_OUTPUT_CLOSED = 141  # 128 + SIGPIPE: the reader of the output went away (`| head`)

EPILOG = """\
examples:
  wirehouse ingest                       ingest seeds/ into warehouse/news.duckdb
  wirehouse ingest ~/dumps/*.jsonl.gz    ingest other files (text, JSON lines, JSON, HTML; gzipped or not)
  wirehouse stats                        what the warehouse holds, and the latest articles
  wirehouse sql "SELECT source, count(*) FROM articles GROUP BY ALL"
  wirehouse crawl --source bbc-news      fetch one source of seeds/sources.toml
  wirehouse parse-date "12 October 2022 14:23 (UTC+04:00)"

environment: WIREHOUSE_DB (database file), WIREHOUSE_WORKERS (parsing processes),
WIREHOUSE_NO_PREFECT=1 (run flows as plain function calls), WIREHOUSE_LOCK_WAIT (seconds to wait
for another process's database lock, default 30), WIREHOUSE_RAW_DIR (where fetched raw
bodies are kept), WIREHOUSE_ALLOW_PRIVATE_NETWORKS=1 (let crawls reach private addresses).
Prefect state lives in .prefect/ in the checkout (PREFECT_HOME if set). Runs go to PREFECT_API_URL if set, else to your own Prefect
profile's API, else to the API Prefect's settings in the working directory name (.env, prefect.toml,
[tool.prefect] in pyproject.toml), else to `make serve`'s server (UI: http://127.0.0.1:4200) when it
runs, else to a temporary server; an API named that does not answer is exit 2 before anything runs.

exit codes: 0 success (inputs rejected for their content, such as an empty, undecodable or corrupt
file, are counted in the summary), 1 unexpected failure, 2 usage or input mistake (bad option, bad SQL,
every path named missing), 3 finished, but some inputs could not be used (one of several paths named
missing, a file or folder that cannot be opened, a failed source, a stored page gone), 4 the database
stayed locked by another process, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM, or SIGHUP: the
terminal closed, an ssh session dropped), 141 the output's reader went away (| head).
"""


def seconds(text: str) -> float:
    """``--wait``: 0 or more seconds, the same rule as ``$WIREHOUSE_LOCK_WAIT``."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be a number of seconds, 0 or more (it is {text!r})")
    return value


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse type for a count of at least ``minimum``: -1 rows or 0-character cells are mistakes."""

    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be a whole number, {minimum} or more (it is {text!r})")
        return value

    return check


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="FILE",
        help=f"DuckDB file (default: ${config.ENV_DB} or warehouse/news.duckdb in the checkout)",
    )


class CommandParser(argparse.ArgumentParser):
    """A subcommand's parser: an unknown option is reported with this command's usage. (argparse hands a
    subcommand's leftovers back to the top parser, which reported them with the top-level usage.)"""

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wirehouse",
        description="Wirehouse: news articles from raw files, feeds and pages to clean rows in DuckDB.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"wirehouse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)

    p = sub.add_parser(
        "ingest",
        help="read article files into the warehouse (a Prefect flow run)",
        description="Read article files into the warehouse: raw text (.txt), JSON lines (.jsonl, .ndjson), JSON "
        "(.json: an array of articles, one article, or an API dump with its list under 'articles', 'items' ...) "
        "and HTML (.html, .htm), each optionally gzipped. Directories are searched recursively. Unchanged "
        "files are skipped. The summary counts 'files found' on disk and inputs 'seen': a JSON lines file "
        "is one file but one input per record, and a named path that cannot be used is one rejected input. "
        "Every input seen ends as exactly one of loaded, updated, unchanged, duplicate or rejected (with a "
        "reason).",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files, directories or quoted glob patterns ('dumps/*.jsonl', 'site/**/*.html'; default: seeds/ "
        "in the checkout)",
    )
    _add_db(p)
    p.add_argument("--workers", type=int, metavar="N", help="parsing processes (default: one per core)")
    p.add_argument(
        "--no-prefect", action="store_true", help="run the same steps as plain calls, without Prefect"
    )
    p.add_argument(
        "--locale",
        help="language and region of every input's dates, e.g. de_DE (month names, day/month order), as a "
        "crawl source's locale: it wins over an input's own Language: header or record language",
    )
    p.add_argument(
        "--tz",
        help="time zone of dates without an offset, e.g. Europe/Berlin (default UTC); for the files this run "
        "reads: unchanged files are skipped",
    )
    p.add_argument("--json", action="store_true", help="print the run summary as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.set_defaults(handler=cmd_ingest)

    p = sub.add_parser(
        "sql",
        help="run SQL against the warehouse (opened read-only)",
        description="Run SQL against the warehouse and print the result of each statement, in order. The "
        "warehouse is opened read-only; COPY ... TO still writes the files you name. While an ingest is "
        "writing, waits for the write lock to be released (see --wait) instead of failing.",
    )
    p.add_argument(
        "query", help='the SQL, one or more statements separated by ";", e.g. "SELECT count(*) FROM articles"'
    )
    _add_db(p)
    p.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output format (default table; several statements' results one after another, a blank line "
        "between them, in csv too). csv: lists and structs as JSON, booleans true/false, NULL empty. "
        "json: an array of objects (a repeated column name gets _2), or with several statements that return "
        "rows an array of such arrays; NaN is null",
    )
    p.add_argument(
        "--wait",
        type=seconds,
        metavar="SECONDS",
        help=f"how long to wait for another process's lock (default: ${config.ENV_LOCK_WAIT} or 30)",
    )
    p.add_argument(
        "--max-width",
        type=whole_number(1),
        default=60,
        metavar="N",
        help="shorten table cells to N characters (default 60)",
    )
    p.set_defaults(handler=cmd_sql)

    p = sub.add_parser(
        "stats",
        help="counts per table, rejects by reason, and the latest articles",
        description="Print what the warehouse holds: rows per table (the documents' known duplicates under "
        "theirs), rejects by stage/reason, the last run "
        "and its counts, and the latest articles.",
    )
    _add_db(p)
    p.add_argument(
        "--rows", type=whole_number(0), default=5, metavar="N", help="latest articles to show (default 5)"
    )
    p.add_argument(
        "--wait",
        type=seconds,
        metavar="SECONDS",
        help=f"how long to wait for another process's lock (default: ${config.ENV_LOCK_WAIT} or 30)",
    )
    p.set_defaults(handler=cmd_stats)

    for register in _module_commands():
        register(sub)
    return parser


def _module_commands() -> list[Callable[[Any], None]]:
    """Commands that live beside the code they drive register themselves here."""
    from . import bench, crawl_cli, dates_cli, extract_cli, serve

    return [crawl_cli.register, dates_cli.register, extract_cli.register, serve.register, bench.register]


def cmd_ingest(args: argparse.Namespace) -> int:
    settings = config.resolve(
        db=args.db, workers=args.workers, use_prefect=False if args.no_prefect else None
    )
    from . import ingest

    inputs = [str(p) for p in args.paths] or [str(p) for p in config.DEFAULT_INPUTS]
    ingest.check_inputs(inputs)
    from .pipeline import ReadHints, check_hints

    check_hints(args.locale, args.tz)
    # Absolute, so that the run's parameters, the runs table and the summary name the same files whatever
    # the directory the next reader stands in.
    inputs = [os.path.abspath(os.path.expanduser(p)) for p in inputs]
    _progress_logging(quiet=args.quiet or args.json)
    log = logging.getLogger("wirehouse")
    if settings.use_prefect:
        from .prefect_env import cli_flow_run

        with cli_flow_run(settings.db, log, "flows.ingest_flow"):
            from .ingest_flow import ingest_flow  # after Prefect's settings are applied: it imports Prefect

            result = ingest_flow(
                paths=inputs,
                db=str(settings.db),
                workers=settings.workers,
                locale=args.locale,
                timezone=args.tz,
            )
        summary = _summary_from_dict(result)
    else:
        hints = ReadHints(args.locale, args.tz)
        summary = ingest.run_plain(inputs, settings.db, settings.workers, progress=log.info, hints=hints)
    from .report import summary_text

    if args.json:
        print(json.dumps(summary.as_dict(), default=str, indent=2))
    else:
        print(summary_text(summary))
    return EXIT_PARTIAL if summary.problems else EXIT_OK


def _summary_from_dict(d: dict[str, Any]) -> Any:
    """The flow returns a plain dict (what Prefect can store); rebuild the ``Summary`` the report needs."""
    from .ingest import Summary
    from .load import Counts

    started = datetime.fromisoformat(str(d["started_at"]))
    finished = datetime.fromisoformat(str(d["finished_at"])) if d.get("finished_at") else None
    return Summary(
        run_id=d["run_id"],
        db=d["db"],
        inputs=d["inputs"],
        counts=Counts.from_dict(d),
        files=d["files"],
        ignored_files=d["ignored_files"],
        ignored_names=list(d.get("ignored_names") or []),
        started_at=started,
        finished_at=finished,
        flow_run_id=d.get("flow_run_id"),
        problems=list(d["problems"]),
        repaired=Counts.from_dict(d.get("repaired") or {}),  # the Prefect path printed no re-derived line
    )


def cmd_sql(args: argparse.Namespace) -> int:
    """Every statement of the query, results printed in order (as psql and the duckdb shell do)."""
    import duckdb

    from warehouse.db import reading

    settings = config.resolve(db=args.db)
    results: list[tuple[list[str], list[tuple[Any, ...]]]] = []
    failure: UserError | None = None
    with reading(settings.db, wait_seconds=args.wait) as con:
        _note_pending_migrations(con)
        try:
            statements = con.extract_statements(args.query)
        except duckdb.Error as exc:
            raise UserError(f"SQL error: {_sql_error(exc)}") from exc
        if not statements:  # "", " ;", only comments: duckdb would return no result at all
            raise UserError("no SQL statement to run (the query is empty or only comments)")
        for number, statement in enumerate(statements, 1):
            try:
                cur = con.execute(statement)
                columns = [d[0] for d in cur.description] if cur.description else []
                rows = cur.fetchall() if columns else []
            except duckdb.Error as exc:
                where = f" in statement {number}" if len(statements) > 1 else ""
                failure = UserError(f"SQL error{where}: {_sql_error(exc)}")
                break
            if (
                columns in (["Success"], ["Count"])
                and not rows
                and statement.type != duckdb.StatementType.SELECT
            ):
                continue  # SET, CREATE ...: nothing to show, and a header would break CSV and JSON output
            results.append((columns, rows))
    if args.format == "json" and len(results) > 1:  # one JSON document: an array of each statement's rows
        print(
            json.dumps(
                [_json_rows(c, r) for c, r in results], default=_json_default, ensure_ascii=False, indent=2
            )
        )
        results = []
    for index, (columns, rows) in enumerate(results):
        if index:
            print()  # one blank line between the results of several statements
        _print_rows(columns, rows, args.format, args.max_width)
    if failure is not None:  # after the results of the statements before it, as psql does
        raise failure
    return EXIT_OK


def _print_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str, max_width: int) -> None:
    from .report import format_table

    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")  # not CRLF: shell pipelines keep the \r
        w.writerow(columns)
        w.writerows([_csv_cell(v) for v in r] for r in rows)
    elif fmt == "json":
        print(json.dumps(_json_rows(columns, rows), default=_json_default, ensure_ascii=False, indent=2))
    else:
        print(format_table(columns, rows, max_width=max_width))
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _json_rows(columns: list[str], rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Objects keyed by column; a repeated name (a.url, d.url) gets _2, _3 rather than overwriting."""
    keys: list[str] = []
    for name in columns:
        key, n = name, 1
        while key in keys:
            n += 1
            key = f"{name}_{n}"
        keys.append(key)
    return [dict(zip(keys, (_finite(v) for v in r), strict=True)) for r in rows]


def _finite(v: Any) -> Any:
    """NaN and infinities as null, in lists and structs too: JSON has no literal for them (Python would
    write an invalid NaN)."""
    if isinstance(v, float):
        return None if v != v or v in (float("inf"), float("-inf")) else v
    if isinstance(v, (list, tuple)):
        return [_finite(x) for x in v]
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    return v


def _csv_cell(v: Any) -> Any:
    """Lists, maps and structs as JSON, booleans as true/false: what other tools read back, not Python's
    repr (['a', None])."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, dict, tuple)):
        return json.dumps(_finite(v), default=_json_default, ensure_ascii=False)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(v).hex()
    return v


def _json_default(v: Any) -> Any:
    if isinstance(v, (datetime, date, time)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, (bytes, bytearray, memoryview)):  # as CSV writes it: "\xaa00", not "b'\xaa\x00'"
        return "\\x" + bytes(v).hex()
    if isinstance(v, timedelta):  # ISO 8601, as other tools read it back: "P1DT0H0M0S", not "1 day, 0:00:00"
        return _iso_duration(v)
    return str(v)


def _iso_duration(v: timedelta) -> str:
    sign = "-" if v < timedelta(0) else ""
    v = abs(v)
    hours, rest = divmod(v.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    fraction = f".{v.microseconds:06d}".rstrip("0") if v.microseconds else ""
    return f"{sign}P{v.days}DT{hours}H{minutes}M{seconds}{fraction}S"


def cmd_stats(args: argparse.Namespace) -> int:
    from warehouse.db import reading
    from warehouse.migrate import require_warehouse

    from .report import stats_text

    settings = config.resolve(db=args.db)
    with reading(settings.db, wait_seconds=args.wait) as con:
        require_warehouse(con, empty_ok=False)
        _note_pending_migrations(con)
        print(f"Warehouse file: {settings.db}")
        print(stats_text(con, rows=args.rows))
    return EXIT_OK


def _output_gone() -> bool:
    """Standard output's reader went away (poll says POLLERR for a Linux pipe, POLLHUP for a socket or a
    BSD pipe), not some other pipe. Without ``select.poll`` (Windows) the error is reported instead."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def _output_closed() -> int:
    """The reader of the output went away (``wirehouse sql ... | head``): stop quietly, as shell tools do.
    Standard output is pointed at /dev/null so that the interpreter's last flush does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OUTPUT_CLOSED


def _note_pending_migrations(con: Any) -> None:
    """Read-only commands do not migrate: say so when the file is older than this Wirehouse, since a column
    the README names may not be there yet."""
    from warehouse.migrate import pending

    if missing := pending(con):
        print(
            f"wirehouse: note: this warehouse predates migrations {', '.join(missing)}; "
            "the next ingest, crawl or reprocess applies them",
            file=sys.stderr,
        )


def _sql_error(exc: BaseException) -> str:
    """DuckDB's message as one line, with its hint ("Did you mean "length"?", "Candidate bindings:
    "title"") and the rest of a message that runs over lines (an extension that could not be installed
    was cut at "extension 'fts:" without its reason, review), without the echo of the query and its caret."""
    lines = [ln.strip() for ln in str(exc).strip().splitlines()]
    kept = [ln for ln in lines if ln and not ln.startswith("LINE ") and set(ln) != {"^"}]
    text = " ".join(kept) or type(exc).__name__
    return text if len(text) <= 500 else text[:499] + "…"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _progress_logging(quiet: bool) -> None:
    log = logging.getLogger("wirehouse")
    if log.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("wirehouse: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    log.propagate = False


# Signals that end a command as Ctrl-C does, with exit code 143: SIGTERM (``kill``, ``timeout``, ``docker
# stop``, systemd) and SIGHUP (the terminal closed, an ssh session dropped; not on Windows). SIGHUP's default
# action killed a run as ``kill -9`` does: left 'running', no line, exit 129 (found by review).
_TERMINATING = tuple(s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


@contextlib.contextmanager
def termination_as_interrupt() -> Iterator[list[int]]:
    """The ``_TERMINATING`` signals take Ctrl-C's path, so a run is marked failed instead of being left
    'running'. A SIGHUP ignored when the command started (``nohup``) stays ignored: the run is to outlive
    its terminal. The yielded list holds the signal once one came."""
    received: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        if not received:  # once: a second signal must not cut short the clean-up the first started
            received.append(signum)
            raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    try:
        for sig in _TERMINATING:
            if sig == signal.SIGTERM or signal.getsignal(sig) is not signal.SIG_IGN:
                previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread (main() called by another program): signals stay as they are
        yield received
        return
    try:
        yield received
    finally:
        for sig, action in previous.items():
            signal.signal(sig, action)


def _signal_behind(exc: BaseException) -> int | None:
    """SIGINT or SIGTERM when ``exc`` was raised while cleaning up after one (a flow run's clean-up can fail
    on a connection a task thread still uses): that error is the interrupt's consequence, not a new one."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, KeyboardInterrupt) or _duckdb_interrupted(cause):
            return signal.SIGINT  # the caller tells SIGTERM apart by the flag its handler keeps
        if not isinstance(cause, Exception) and getattr(cause, "signal", None) == signal.SIGTERM:
            return signal.SIGTERM  # Prefect's TerminationSignal, raised by its handler during a flow run
        cause = cause.__context__
    return None


def _duckdb_interrupted(exc: BaseException) -> bool:
    """DuckDB stops a query when a signal's handler raises during it, and raises its own error in place of
    the KeyboardInterrupt (a plain RuntimeError, no context): it was "unexpected error", exit 1."""
    return type(exc).__name__ == "InterruptException" or (
        type(exc) is RuntimeError and str(exc) == "Query interrupted"
    )


# The commands that load in batches: an interrupt keeps what they loaded, and running them again finishes.
_LOADING_COMMANDS = frozenset({"ingest", "crawl", "reprocess"})


def _interrupted(terminated: int | None, command: str | None = None) -> int:
    """The line and exit code of a command stopped by Ctrl-C, or by the ``terminated`` signal."""
    what = f"terminated ({signal.Signals(terminated).name})" if terminated else "interrupted"
    if command in _LOADING_COMMANDS:
        what += "; every batch loaded so far is kept, run the same command again to finish"
    _say(f"wirehouse: {what}")  # sql, stats, extract ... change nothing
    return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED


def _say(line: str) -> None:
    """``line`` on stderr, if it can still be written (``wording.say_if_possible``)."""
    from .wording import say_if_possible

    say_if_possible(line)


def _quit_at_once_on_another_ctrl_c(code: int) -> None:
    """Python waits at exit for a crawl's requests still in flight (up to the read timeout, 20 s); a second
    Ctrl-C then ends the process at once, instead of the traceback Python prints when its exit is
    interrupted. Nothing is left to clean up: the warehouse was made consistent before this point.

    The handler is in place before the line that invites the Ctrl-C: a Ctrl-C sent as soon as the line
    was read came, on a busy machine, before it, and Python then waited out the requests after all."""
    with contextlib.suppress(ValueError):  # not the main thread: signals stay as they are
        signal.signal(signal.SIGINT, lambda *_: _exit_now(code))
    if any(t.name.startswith("fetch") and t.is_alive() for t in threading.enumerate()):
        _say("wirehouse: waiting for the requests in flight to end; Ctrl-C again to quit now")


def _exit_now(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):  # os._exit skips the interpreter's flushing
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _ignore_interrupts_from_now_on() -> None:
    """Run after the atexit handlers registered later (the temporary Prefect server's stop, the worker
    pool's): the command is done and its clean-up too. Python then restores the default action of a
    signal it handled before freeing its memory, so a Ctrl-C in that last moment killed the process by
    the signal (a test met it under load: -2, not 130, after "interrupted" was printed)."""
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the process's own command line; registered first, so it runs last
        atexit.register(_ignore_interrupts_from_now_on)
    try:
        code = _main(argv)
    except KeyboardInterrupt:  # before a command's own handling: building the parser, its imports (review)
        print("wirehouse: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    if argv is None and code in (EXIT_INTERRUPTED, EXIT_TERMINATED):  # the process's own command line
        _quit_at_once_on_another_ctrl_c(code)
    return code


_PATH_OPTIONS = {
    "db": "--db",
    "sources": "--sources",
    "raw_dir": "--raw-dir",
    "out": "--out",
    "keep": "--keep",
}


def _empty_path(args: argparse.Namespace) -> str | None:
    """The option (or "a PATH argument") given as an empty or blank string, if any."""
    for attr, option in _PATH_OPTIONS.items():
        value = getattr(args, attr, None)
        if isinstance(value, str) and not value.strip():
            return option
    paths = getattr(args, "paths", None)
    if isinstance(paths, list) and any(isinstance(p, str) and not p.strip() for p in paths):
        return "a PATH argument"
    return None


def _command_options(parser: argparse.ArgumentParser) -> set[str]:
    """The options of the commands (``--db``...), not of ``wirehouse`` itself."""
    own = {o for action in parser._actions for o in action.option_strings}
    found: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.update(o for a in sub._actions for o in a.option_strings)
    return found - own


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    if given and given[0].split("=")[0] in _command_options(parser):
        # "wirehouse --db X stats" got argparse's "invalid choice: 'X'"
        parser.print_usage(sys.stderr)
        print(
            f"wirehouse: error: options go after the command: wirehouse COMMAND {given[0]} ... "
            "(see wirehouse --help)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    args = parser.parse_args(given)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    if empty := _empty_path(args):
        # `--db "$UNSET"` wrote to the checkout's warehouse, `ingest ''` read the working folder and
        # `--sources ''` crawled the default sources (review): an empty name is a mistake, not a default.
        print(f"wirehouse: error: {empty} is empty: name a file or folder, or leave it out", file=sys.stderr)
        return EXIT_USAGE
    with termination_as_interrupt() as terminated:
        try:
            code: int = args.handler(args)
            return code
        except UserError as exc:
            print(f"wirehouse: error: {exc}", file=sys.stderr)
            return exc.exit_code
        except KeyboardInterrupt:
            drop_unsent()
            return _interrupted(terminated[0] if terminated else None, args.command)
        except WirehouseError as exc:
            print(f"wirehouse: error: {exc}", file=sys.stderr)
            return EXIT_FAILED
        except Exception as exc:
            if isinstance(exc, BrokenPipeError) and _output_gone():
                return _output_closed()
            if (behind := _signal_behind(exc)) is not None:
                drop_unsent()
                signum = terminated[0] if terminated else behind
                return _interrupted(None if signum == signal.SIGINT else signum, args.command)
            if os.environ.get("WIREHOUSE_DEBUG"):
                raise
            if _api_gone(exc):
                drop_unsent()
                print(
                    f"wirehouse: error: the Prefect API stopped answering during the run "
                    f"({type(exc).__name__}: {_first_line(exc)}); the warehouse holds what the run did "
                    "(wirehouse stats): start that server again, or set WIREHOUSE_NO_PREFECT=1",
                    file=sys.stderr,
                )
                return EXIT_FAILED
            print(
                f"wirehouse: unexpected error: {type(exc).__name__}: {_first_line(exc)} "
                "(set WIREHOUSE_DEBUG=1 to see the traceback)",
                file=sys.stderr,
            )
            return EXIT_FAILED


def _api_gone(exc: BaseException) -> bool:
    """An error of the connection to Prefect's API (httpx's transport errors: refused, reset, timed out)."""
    httpx = sys.modules.get("httpx")
    return httpx is not None and isinstance(exc, httpx.TransportError)


if __name__ == "__main__":
    raise SystemExit(main())
