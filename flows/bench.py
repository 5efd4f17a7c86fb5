"""``wirehouse bench``: how fast the real ingest is, next to the bare limit, measured in one run.

One invocation generates a seeded corpus (``bench_corpus``), then measures on the same files:

- the bare limit: read every file, hash it, load the raw rows into a fresh DuckDB from Arrow, no parsing,
  with the same number of worker processes as the ingest (and on one core, for reference);
- the real ingest end to end, as plain function calls (``run_plain``) and as a Prefect flow run (its API
  reached as ``wirehouse ingest`` reaches it: ``prefect_api``), each into a fresh database, and each again
  over the unchanged corpus (the re-run);
- per-stage CPU and wall time (read, decode, extract, dates, clean, load) in this one process, after the
  set-up the ingest's workers have (untimed), over ``--stage-limit`` files at most (``sample_files``);
- for HTML, Wirehouse's CPU per page against trafilatura's ``extract`` on the same pages, interleaved;
- ``parse_date`` per string against ``dateparser.parse`` on the corpus's own date strings, both warm;
- peak memory (RSS) of an ingest in a child process, at N and (``--scale-check``) at 10 N (a child that
  fails is reported so, beside every other number);
- that every input ends as one outcome in every run (``_accounting``).

It prints one table of targets and measured values; ``--out`` writes every number as JSON. Nothing here
asserts a time: the numbers are what this machine did this time (wall time includes whatever else runs;
CPU time is steadier on a shared machine).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .bench_corpus import Corpus, CorpusKind, generate
from .config import ENV_WORKERS, MAX_WORKERS, resolve
from .errors import UserError

if TYPE_CHECKING:
    from .records import RawDocument

T = TypeVar("T")
Result = dict[str, Any]

# Targets from the issue, as data: the table compares measured values with these.
TEXT_FRACTION_OF_BARE = 0.5
PREFECT_SHARE_MAX = 0.05
RERUN_FRACTION_MAX = 0.05
MEMORY_GROWTH_MAX = 1.5
# Date strings timed against dateparser: a sample is enough (about 9 ms each once warm), run over twice,
# the first time untimed; 200 keep the section's time what 300 with a warm-up of 20 took.
DATE_SAMPLE = 200
# Child processes run from the checkout, so ``flows`` imports without installing anything.
ROOT = Path(__file__).resolve().parents[1]


@dataclass(slots=True)
class Options:
    articles: int = 2000
    kind: CorpusKind = "text"
    seed: int = 1
    workers: int | None = None  # None: WIREHOUSE_WORKERS, else one per core (``config.resolve``)
    prefect: bool = True
    scale_check: bool = False
    real_pages: bool = True
    stage_limit: int = 2000  # files timed stage by stage (single process)
    repeat: int = 1  # plain/flow ingest pairs; the fastest of each counts
    keep: Path | None = None  # work folder to keep (else a temporary one)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``bench`` to the main CLI's subcommands."""
    p = subparsers.add_parser(
        "bench",
        help="measure ingest speed on a generated corpus, next to the bare limit (prints a table)",
        description="Generate a seeded corpus, ingest it for real (plain and as a Prefect flow run), and "
        "print articles per second beside the bare limit (read + hash + load raw rows), per-stage CPU, "
        "Prefect's share, the re-run, peak memory, HTML CPU vs trafilatura, dates vs dateparser.",
    )
    p.add_argument(
        "--articles", type=int, default=2000, metavar="N", help="articles to generate (default 2000)"
    )
    p.add_argument(
        "--kind",
        choices=("text", "html", "both", "jsonl"),
        default="text",
        help="corpus kind (default text; jsonl: one JSON lines dump of N records, read in parts)",
    )
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help=f"parsing processes, 1 to {MAX_WORKERS} (default: ${ENV_WORKERS}, else one per core)",
    )
    p.add_argument("--out", metavar="FILE", help="also write every number as JSON to FILE")
    p.add_argument("--scale-check", action="store_true", help="also measure peak memory at 10 N (slow)")
    p.add_argument(
        "--no-prefect-compare", action="store_true", help="skip the Prefect flow runs (no API needed)"
    )
    p.add_argument("--no-real-pages", action="store_true", help="HTML from templates only")
    p.add_argument(
        "--stage-limit", type=int, default=2000, metavar="N", help="files timed stage by stage (default 2000)"
    )
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="R",
        help="ingest runs of each kind; the fastest counts (default 1)",
    )
    p.add_argument(
        "--keep", metavar="DIR", help="generate and ingest under DIR and keep it (default: temporary)"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    for flag, value, least in (
        ("--articles", args.articles, 1),
        ("--stage-limit", args.stage_limit, 0),
        ("--repeat", args.repeat, 1),
    ):
        if value < least:
            print(f"wirehouse: error: {flag} must be at least {least}", file=sys.stderr)
            return 2
    problem = _out_problem(args.out) if args.out else None
    if problem:  # found before the run, not after minutes of it
        print(f"wirehouse: error: --out {args.out}: {problem}", file=sys.stderr)
        return 2
    # As every command reads them: --workers 0 or 65, WIREHOUSE_WORKERS=many, WIREHOUSE_NO_PREFECT=maybe
    # are one line and exit 2 before anything runs (the bench ignored WIREHOUSE_WORKERS and took 0 for one
    # per core, 65 as asked: review). WIREHOUSE_NO_PREFECT=1 skips the flow runs, as it does for ingest.
    settings = resolve(workers=args.workers)
    use_prefect = settings.use_prefect
    if not use_prefect and not args.no_prefect_compare:
        print("bench: WIREHOUSE_NO_PREFECT is set: no Prefect flow runs", file=sys.stderr)
    opts = Options(
        articles=args.articles,
        kind=args.kind,
        seed=args.seed,
        workers=settings.workers,
        prefect=use_prefect and not args.no_prefect_compare,
        scale_check=args.scale_check,
        real_pages=not args.no_real_pages,
        stage_limit=args.stage_limit,
        repeat=args.repeat,
        keep=Path(args.keep) if args.keep else None,
    )
    if opts.prefect:
        check_prefect_api()  # as `wirehouse ingest`: a named API that does not answer is exit 2 at once
    result = run_bench(opts, progress=lambda m: print(f"bench: {m}", file=sys.stderr, flush=True))
    print(render(result))
    if args.out:
        try:
            Path(args.out).expanduser().write_text(
                json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8"
            )
        except OSError as exc:
            print(f"wirehouse: error: --out {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    # A measurement that failed (a memory child killed, as the out-of-memory killer does) is in the
    # table and the JSON with every other number; the exit code says the run was not complete.
    failed = [(key, m["failed"]) for key, m in result.get("memory", {}).items() if m.get("failed")]
    for key, reason in failed:
        print(
            f"wirehouse: error: peak memory at {_MEMORY_LABEL[key]} not measured: {reason}", file=sys.stderr
        )
    return 1 if failed else 0


def check_prefect_api() -> str | None:
    """The Prefect API the flow runs will report to, checked as ``wirehouse ingest`` checks it
    (``prefect_env.cli_flow_run``): one named that is no URL or does not answer, and settings that name
    none but forbid a temporary server, are one line and exit 2 before anything runs (it was "unexpected
    error: RuntimeError: Failed to reach API", exit 1, after the corpus and the bare limit). Returns the
    API Prefect's settings name, None when the runs need a temporary server."""
    from .prefect_env import check_prefect_settings, check_reachable, configure

    api = configure()  # before Prefect is first imported: it reads its settings then
    check_reachable(api)
    return check_prefect_settings(api, "use --no-prefect-compare, or set WIREHOUSE_NO_PREFECT=1")


@contextmanager
def prefect_api() -> Iterator[str]:
    """The API for the flow runs, reached as ``wirehouse ingest`` reaches it (``check_prefect_api``;
    with nothing named, the same ``prefect_server.TemporaryServer`` the command starts), stopped once the
    flow runs are done. The bench let Prefect start its own server in this process, which is not how the
    command runs, and kept it until the bench exited, through the timings after the flow runs. Yields
    what the runs report to."""
    from . import prefect_server

    named = check_prefect_api()
    server = prefect_server.TemporaryServer() if prefect_server.worth_starting() else None
    before = os.environ.get("PREFECT_API_URL")
    try:
        if server is not None and not prefect_server.prefect_would_start_one():
            server.stop()  # Prefect's settings name an API (or forbid temporary servers): as the command
            server = None
        if server is None:
            yield named or "Prefect's own temporary server (nothing names an API)"
            return
        server.wait()
        server.use()
        yield f"temporary server at {server.api_url}, stopped after the flow runs"
    finally:
        if server is not None:
            _stop_server(server, before)


def _stop_server(server: Any, api_before: str | None) -> None:
    """Send Prefect's queued logs and events first (as ``prefect_test_harness`` does before it stops its
    server), then stop the server and point Prefect back where it pointed."""
    if not server.used:
        server.stop()
        return
    import prefect.context

    with suppress(Exception):  # only a courtesy to the server: the numbers are taken
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5, at_exit=False)
        EventsWorker.drain_all(timeout=5, at_exit=False)
    server.stop()
    if api_before is None:
        os.environ.pop("PREFECT_API_URL", None)
    else:
        os.environ["PREFECT_API_URL"] = api_before
    prefect.context.refresh_global_settings_context()


def _out_problem(out: str) -> str | None:
    """Why ``--out`` could not be written, as far as can be told before the run."""
    path = Path(out).expanduser()
    folder = path.parent
    try:  # a folder that cannot be entered, a name over 255 bytes: Path.is_dir raised them (exit 1)
        if path.is_dir():
            return "is a directory"
        if not folder.is_dir():
            return f"no such directory: {folder}"
        if not os.access(path if path.exists() else folder, os.W_OK):
            return "permission denied"
    except OSError as exc:
        return str(exc.strerror or exc)
    return None


def run_bench(opts: Options, progress: Callable[[str], None] | None = None) -> Result:
    """Every measurement, in one run, as one JSON-able dict (``render`` turns it into the table)."""
    say = progress or (lambda _m: None)
    workers = resolve(workers=opts.workers, use_prefect=opts.prefect).workers
    with _workdir(opts.keep) as work:
        out: Result = {"machine": _machine(), "options": _options_dict(opts, workers)}
        say(f"generating {opts.articles} {opts.kind} articles (seed {opts.seed}) under {work}")
        t0 = time.perf_counter()
        corpus = generate(work / "corpus", opts.articles, opts.kind, opts.seed, opts.real_pages)
        out["corpus"] = {**corpus.as_dict(), "seconds": round(time.perf_counter() - t0, 3)}
        files = _files(corpus.folder)

        # The fork server (with the workers' preload) starts before anything is timed: every run below
        # forks its workers from it. A command-line ingest starts it within its run (about 0.2 s of CPU).
        out["forkserver_start_seconds"] = _start_forkserver()
        say("bare limit: read + hash + load raw rows (no parsing)")
        out["bare"] = {
            "workers": bare_limit(files, work / "bare.duckdb", workers),
            "one_core": bare_limit(files, work / "bare1.duckdb", 1),
        }
        if opts.prefect:
            say("starting (or reaching) the Prefect API")
        t0 = time.perf_counter()
        reach: AbstractContextManager[str | None] = prefect_api() if opts.prefect else nullcontext()
        with reach as api:
            if api:
                _prefect_warmup(work)
                out["prefect_api"] = api
                out["prefect_startup_seconds"] = round(time.perf_counter() - t0, 3)
            # Plain and flow runs alternate, each into a fresh database; with --repeat the fastest pair of
            # each counts (on a shared machine the least disturbed run is the closest to the code's speed).
            plain: list[Result] = []
            flow: list[Result] = []
            for r in range(opts.repeat):
                say(
                    f"ingest as plain function calls, then again over the unchanged corpus ({r + 1}/{opts.repeat})"
                )
                plain.append(
                    _ingest_twice(lambda db: _plain(corpus.folder, db, workers), work / f"plain{r}.duckdb")
                )
                if api:
                    say(f"ingest as a Prefect flow run, then again ({r + 1}/{opts.repeat})")
                    flow.append(
                        _ingest_twice(lambda db: _flow(corpus.folder, db, workers), work / f"flow{r}.duckdb")
                    )
            out["plain"] = _fastest(plain)
            if flow:
                out["flow"] = _fastest(flow)
                out["flow"]["task_runs"] = _task_runs(str(out["flow"]["first"]["summary"]["flow_run_id"]))
        stage_files = sample_files(files, opts.stage_limit)
        say(f"per-stage timing (single process, {len(stage_files)} of {len(files)} files)")
        out["stages"] = stage_times(stage_files, work / "stages.duckdb")
        out["stages"]["sample"] = describe_sample(stage_files, files)
        html_files = [f for f in files if f.parent.name == "html"]
        html = sample_files(html_files, opts.stage_limit)
        if html:
            say(f"HTML: Wirehouse vs trafilatura.extract on {len(html)} of {len(html_files)} pages")
            out["html"] = html_vs_trafilatura(html)
            out["html"]["sample"] = describe_sample(html, html_files)
        say("dates: parse_date vs dateparser.parse")
        out["dates"] = dates_vs_dateparser(corpus)
        say("peak memory of an ingest in a child process")
        out["memory"] = {"n": _child_ingest(corpus.folder, work / "mem.duckdb", workers)}
        out["memory"]["n"]["articles"] = corpus.inputs
        if opts.scale_check:
            big_n = opts.articles * 10
            say(f"generating {big_n} articles for the memory scale check")
            big = generate(work / "corpus10", big_n, opts.kind, opts.seed, opts.real_pages)
            out["memory"]["10n"] = _child_ingest(big.folder, work / "mem10.duckdb", workers)
            out["memory"]["10n"]["articles"] = big.inputs
        out["accounting"] = _accounting(corpus, out)
        out["targets"] = targets(out)
        out["machine"]["loadavg_end"] = _loadavg()
    return out


# ---------------------------------------------------------------- the bare limit


def _read_hash(paths: list[str]) -> list[tuple[str, int, str, bytes]]:
    """A row per file, or per line of a JSON lines dump (its inputs are its records)."""
    import hashlib

    rows = []
    for path in paths:
        with open(path, "rb") as fh:
            data = fh.read()
        pieces = [line for line in data.splitlines() if line.strip()] if path.endswith(".jsonl") else [data]
        rows += [(path, len(p), hashlib.sha256(p).hexdigest(), p) for p in pieces]
    return rows


def _start_forkserver() -> float:
    from .ingest import forkserver

    t0 = time.perf_counter()
    # The first pool starts the fork server, which preloads before it serves its first fork: one
    # worker's answer means the preload is done.
    with ProcessPoolExecutor(1, mp_context=forkserver()) as pool:
        pool.submit(int).result()
    return round(time.perf_counter() - t0, 3)


def bare_limit(files: list[Path], db: Path, workers: int) -> Result:
    """Read, hash and load the raw bytes of ``files`` into a fresh DuckDB table, with ``workers`` processes."""
    import duckdb
    import pyarrow as pa

    paths = [str(f) for f in files]
    wall0, cpu0 = time.perf_counter(), _tree_cpu()
    if workers > 1:
        size = max(1, math.ceil(len(paths) / (workers * 4)))
        chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
        from .ingest import forkserver

        with ProcessPoolExecutor(workers, mp_context=forkserver()) as pool:
            rows = [r for chunk in pool.map(_read_hash, chunks) for r in chunk]
    else:
        rows = _read_hash(paths)
    table = pa.table(
        {
            "path": pa.array([r[0] for r in rows], pa.string()),
            "size_bytes": pa.array([r[1] for r in rows], pa.int64()),
            "sha256": pa.array([r[2] for r in rows], pa.string()),
            "data": pa.array([r[3] for r in rows], pa.binary()),
        }
    )
    con = duckdb.connect(str(db))
    try:
        con.register("_raw", table)
        con.execute("CREATE TABLE raw AS SELECT * FROM _raw")
        loaded = int(con.execute("SELECT count(*) FROM raw").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()
    wall = time.perf_counter() - wall0
    cpu = _tree_cpu() - cpu0
    return _rates({"files": loaded, "workers": workers}, loaded, wall, cpu)


# ---------------------------------------------------------------- the real ingest


def _plain(corpus: Path, db: Path, workers: int) -> Result:
    from .ingest import run_plain

    return run_plain([str(corpus)], db, workers).as_dict()


def _flow(corpus: Path, db: Path, workers: int) -> Result:
    from .ingest_flow import ingest_flow
    from .prefect_env import command_line_run

    with command_line_run():  # as `wirehouse ingest` runs it
        return ingest_flow(paths=[str(corpus)], db=str(db), workers=workers)


def _ingest_twice(ingest: Callable[[Path], Result], db: Path) -> Result:
    """First run into a fresh database, then the same again over the unchanged corpus."""
    first = _timed_ingest(ingest, db)
    again = _timed_ingest(ingest, db)
    return {"first": first, "rerun": again, "rerun_fraction": _ratio(again["wall_s"], first["wall_s"])}


def _fastest(runs: list[Result]) -> Result:
    best = dict(min(runs, key=lambda r: r["first"]["wall_s"]))
    best["all_first_wall_s"] = [r["first"]["wall_s"] for r in runs]
    best["all_first_cpu_s"] = [r["first"]["cpu_s"] for r in runs]
    # Every run's outcomes, not only the fastest's: each is checked (``_accounting``).
    best["all_counts"] = [{k: _counts(r[k]["summary"]) for k in ("first", "rerun")} for r in runs]
    return best


OUTCOMES = ("loaded", "updated", "unchanged", "duplicate", "rejected")


def _counts(summary: Result) -> Result:
    return {k: int(summary.get(k, 0)) for k in ("seen", *OUTCOMES)}


def _timed_ingest(ingest: Callable[[Path], Result], db: Path) -> Result:
    wall0, cpu0 = time.perf_counter(), _tree_cpu()
    summary = ingest(db)
    wall = time.perf_counter() - wall0
    cpu = _tree_cpu() - cpu0
    # Articles are documents here (one per file); the rate counts every input whatever its outcome.
    seen = int(summary["seen"])
    return {
        **_rates({}, seen, wall, cpu),
        "cores_busy": round(cpu / wall, 2) if wall else None,
        "summary": summary,
    }


def _prefect_warmup(work: Path) -> None:
    """A flow run over nothing, so that the API's and the flow's first-run costs are not counted below."""
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    _flow(empty, work / "warmup.duckdb", 1)


def _task_runs(flow_run_id: str) -> int | None:
    try:
        from uuid import UUID

        from prefect.client.orchestration import get_client
        from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

        with get_client(sync_client=True) as client:
            runs = client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[UUID(flow_run_id)]))
            )
        return len(runs)
    except Exception:  # the count is informative only; an API hiccup must not lose the other numbers
        return None


_CHILD_INGEST = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "from flows.ingest import run_plain\n"
    "from flows.bench import vm_hwm\n"
    "out = run_plain([sys.argv[1]], Path(sys.argv[2]), int(sys.argv[3])).as_dict()\n"
    "print(json.dumps({**out, 'vm_hwm': vm_hwm('self')}))\n"
)


def vm_hwm(pid: int | str) -> int:
    """A process's peak RSS in bytes (``VmHWM``; 0 where /proc cannot say). Not ``ru_maxrss`` from
    ``wait4``: Linux carries the parent's peak into a child it starts (kept at ``exec``), so that
    reported the bench's own memory whenever it was the larger (500 MB against 440 MB for a dump)."""
    try:
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _child_ingest(corpus: Path, db: Path, workers: int) -> Result:
    """A plain ingest in a child process: its peak RSS (largest process, and the whole tree sampled).

    A child that fails (killed by the out-of-memory killer: the case the scale check is for) is a result
    too, ``failed`` saying how, with the peaks sampled until then: it was a RuntimeError that lost every
    number of the run, the table and ``--out`` with them."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD_INGEST, str(corpus), str(db), str(workers)],
            cwd=ROOT,
            stdout=out,
            stderr=err,
        )
        sampler = _TreeRss(proc.pid)
        sampler.start()
        _pid, status, _usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        wall = time.perf_counter() - t0
        out.seek(0)
        text = out.read()
        err.seek(0)
        said = [line.strip() for line in err.read().splitlines() if line.strip()]
    summary: Result = {}
    failed = _child_failure(proc.returncode, said[-1] if said else "")
    if not failed:
        try:
            summary = json.loads(text.strip().splitlines()[-1])
        except (ValueError, IndexError):
            failed = "the child ingest ended without its summary"
    result: Result = {
        # The loading process's own peak (it says it as it ends), or a descendant's as last sampled.
        "peak_rss_mb_largest_process": round(max(int(summary.get("vm_hwm", 0)), sampler.largest) / 2**20, 1),
        "peak_rss_mb_process_tree": round(sampler.peak / 2**20, 1) if sampler.peak else None,
        "peak_rss_mb_loader_process": round(sampler.root_peak / 2**20, 1) if sampler.root_peak else None,
        "wall_s_with_interpreter_start": round(wall, 3),
    }
    if failed:
        return {**result, "failed": failed}
    return {**result, **_counts(summary)}


def _child_failure(code: int, last_line: str) -> str | None:
    """How a child ingest failed, in words (None: it did not)."""
    if code == 0:
        return None
    if code < 0:
        import signal

        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        oom = " (what the out-of-memory killer sends)" if -code == signal.SIGKILL else ""
        return f"the child ingest was killed by {name}{oom}"
    return f"the child ingest ended with exit code {code}" + (f": {last_line[:300]}" if last_line else "")


class _TreeRss(threading.Thread):
    """Samples the summed RSS of a process and its descendants from /proc (Linux only; else 0), and the
    largest peak (``VmHWM``) any of them has reached by its last sample."""

    def __init__(self, root: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root, self.every, self.peak, self.root_peak, self.largest = root, every, 0, 0, 0
        self._done = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        while not self._done.is_set():
            self._sample()
            self._done.wait(self.every)

    def _sample(self) -> None:
        total = 0
        for pid in [self.root, *_descendant_stats(self.root)]:
            try:
                rss = int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * self._page
            except (OSError, ValueError, IndexError):
                continue
            total += rss
            self.largest = max(self.largest, vm_hwm(pid))
            if pid == self.root:
                self.root_peak = max(self.root_peak, rss)
        self.peak = max(self.peak, total)


# ---------------------------------------------------------------- the single-process samples


def _is_real(f: Path) -> bool:
    return f.name.startswith("real-")


def _groups(files: list[Path]) -> dict[str, list[Path]]:
    """The corpus's files by kind, in their order: text articles, template HTML pages, real pages, dumps."""
    groups: dict[str, list[Path]] = {}
    for f in files:
        kind = (
            "real pages"
            if _is_real(f)
            else {"text": "text", "html": "template pages"}.get(f.parent.name, "JSON lines dumps")
        )
        groups.setdefault(kind, []).append(f)
    return groups


def _spread(items: list[Path], k: int) -> list[Path]:
    """``k`` of ``items`` evenly spread (the planted duplicates and rejects sit at fixed intervals)."""
    k = min(k, len(items))
    return [items[i * len(items) // k] for i in range(k)]


def sample_files(files: list[Path], limit: int) -> list[Path]:
    """Up to ``limit`` of ``files`` for the single-process timings (``--stage-limit``): all of them when
    they fit; else every real page (at most 50: they are what the HTML target is about) and the rest
    shared among the other kinds in proportion to their numbers, each kind's files evenly spread. The
    first ``limit`` files in name order were taken: the HTML pages before the text articles, the real
    pages the first to go (review)."""
    if len(files) <= limit:
        return list(files)
    if limit <= 0:
        return []
    groups = _groups(files)
    real = groups.pop("real pages", [])
    # Every real page, leaving a file at least for each other kind (a limit under 50 is only a smoke test).
    kept = _spread(real, max(0, limit - len(groups)))
    budget = limit - len(kept)  # never more than the other kinds' files: fewer files than limit left
    total = sum(len(g) for g in groups.values())
    shares = {kind: budget * len(g) / total for kind, g in groups.items()}
    counts = {kind: int(share) for kind, share in shares.items()}
    for kind in sorted(shares, key=lambda k: shares[k] - counts[k], reverse=True)[
        : budget - sum(counts.values())
    ]:
        counts[kind] += 1  # the largest remainders, until the budget is used
    for kind in counts:  # a kind of few files among many keeps one
        if counts[kind] == 0:
            counts[max(counts, key=lambda k: counts[k])] -= 1
            counts[kind] = 1
    for kind, g in groups.items():
        kept += _spread(g, counts[kind])
    return sorted(kept)


def describe_sample(sample: list[Path], files: list[Path]) -> Result:
    """What a sample holds of each kind, against the corpus: the label the table prints is made from it."""
    have, of = _groups(sample), _groups(files)
    return {
        "files": len(sample),
        "of": len(files),
        "by_kind": {kind: [len(have.get(kind, [])), len(g)] for kind, g in of.items()},
    }


def sample_label(sample: Result, noun: str = "files") -> str:
    """ "all 1,000 files" or "100 of 2,000 files: 60 of 1,960 template pages, all 40 real pages"."""
    if sample["files"] == sample["of"]:
        return f"all {sample['of']:,} {noun}" if sample["of"] != 1 else f"the one {noun[:-1]}"
    kinds = ", ".join(
        f"all {n:,} {kind}" if n == total else f"{n:,} of {total:,} {kind}"
        for kind, (n, total) in sample["by_kind"].items()
    )
    return f"{sample['files']:,} of {sample['of']:,} {noun}: {kinds}, evenly spread"


# ---------------------------------------------------------------- per stage, in this process


class _Clock:
    """Accumulated CPU and wall seconds of one stage."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.wall = 0.0

    @contextmanager
    def time(self) -> Iterator[None]:
        c, w = time.process_time(), time.perf_counter()
        try:
            yield
        finally:
            self.cpu += time.process_time() - c
            self.wall += time.perf_counter() - w


@contextmanager
def _timing_parse_date(clock: _Clock) -> Iterator[None]:
    """Count time spent in ``parse_date`` wherever extraction calls it.

    The stage modules import it by name, so each loaded ``flows`` module holding it gets the timed one
    for the duration (and whichever module a refactor moves the call to is still found).
    """
    from . import dates, dates_value, extract_html, extract_text, html_dates  # noqa: F401  # load them

    inner: Callable[..., Any] = dates.parse_date
    holders = [
        m
        for name, m in list(sys.modules.items())
        if name.startswith("flows.") and name != "flows.dates" and getattr(m, "parse_date", None) is inner
    ]

    def timed(*args: Any, **kwargs: Any) -> Any:
        with clock.time():
            return inner(*args, **kwargs)

    for m in holders:
        setattr(m, "parse_date", timed)  # noqa: B010
    try:
        yield
    finally:
        for m in holders:
            setattr(m, "parse_date", inner)  # noqa: B010


def stage_times(files: list[Path], db: Path) -> Result:
    """Run the pipeline's pure steps over ``files`` in this one process, timing each stage, after the
    set-up an ingest's workers have done before their files, untimed: the fork server's preload
    (``worker_preload``: the pipeline, the language model, the byline places) and a first pass over a few
    files of each kind (patterns built on first use, once per worker). Without it, loading the language
    model was charged to clean and the first-use set-up to extract and dates (review: clean 0.42 s, 0.35 s
    the second time; dates 0.20 s, 0.15 s). What the set-up cost is kept apart (``setup_cpu_s``)."""
    c = time.process_time()
    _preload_as_workers()
    preload = time.process_time() - c
    c = time.process_time()
    warm = _warm_up_inputs(files, db.parent / f"{db.stem}-warmup")
    if warm:
        _stage_pass(warm, db.parent / f"{db.stem}-warmup.duckdb")
    first_pass = time.process_time() - c
    out = _stage_pass(files, db)
    out["setup_cpu_s"] = {
        "preload": round(preload, 3),
        "first_pass": round(first_pass, 3),
        "files": len(warm),
    }
    return out


def _preload_as_workers() -> None:
    """Load here what the fork server loads before it forks the ingest's workers (``worker_preload``);
    the exception hook it sets is the fork server's, so this process keeps its own."""
    import importlib

    hook = sys.excepthook
    try:
        importlib.import_module(f"{__package__}.worker_preload")
    finally:
        sys.excepthook = hook


# Files of the untimed first pass before the stage timing: spread over the sample, and the first of each
# kind; of a JSON lines dump, its first records only.
WARM_UP_FILES = 20
WARM_UP_RECORDS = 20


def _warm_up_inputs(files: list[Path], folder: Path) -> list[Path]:
    picked = {*_spread(files, WARM_UP_FILES), *(group[0] for group in _groups(files).values())}
    inputs = []
    for f in sorted(picked):
        if f.suffix == ".jsonl":  # a dump of thousands of records: not read twice
            folder.mkdir(parents=True, exist_ok=True)
            head = folder / f.name
            with f.open("rb") as src:
                head.write_bytes(b"".join(itertools.islice(src, WARM_UP_RECORDS)))
            f = head
        inputs.append(f)
    return inputs


def _stage_pass(files: list[Path], db: Path) -> Result:
    """One pass of the pipeline's pure steps over ``files``, each stage timed."""

    from . import ingest
    from .decode import decode_bytes
    from .errors import RejectInput
    from .language import detect_language
    from .pipeline import FileResult, extract, to_article
    from .read import Discovery, discover, file_sha256, read_bytes, split_documents
    from .records import ArticleRow, Extracted, Processed

    clocks = {name: _Clock() for name in ("read", "decode", "extract", "dates", "clean", "load")}
    inputs = discover([str(f) for f in files]).files
    results: list[FileResult] = []
    documents = 0
    read_at = datetime.now(UTC)
    # Step by step over all the documents, as ``pipeline.process_documents`` runs them in a worker.
    docs: list[tuple[FileResult, RawDocument]] = []
    with clocks["read"].time():
        for f in inputs:
            try:
                data = read_bytes(f)
                sha: str | None = file_sha256(data)
            except RejectInput as exc:
                results.append(FileResult(file=f, sha256=None, problem=exc.to_record()))
                continue
            result = FileResult(file=f, sha256=sha)
            results.append(result)
            docs.extend((result, doc) for doc in split_documents(f, data, read_at))
    documents = len(docs)
    texts: list[tuple[FileResult, RawDocument, str, str | None]] = []
    with clocks["decode"].time():
        for result, doc in docs:
            try:
                text, encoding = (
                    ("", None) if doc.kind == "html" else decode_bytes(doc.data, doc.http_charset)
                )
                texts.append((result, doc, text, encoding))
            except RejectInput as exc:
                result.processed.append(Processed(document=doc, encoding=None, rejected=exc.to_record()))
    extracted: list[tuple[FileResult, RawDocument, str | None, Extracted]] = []
    with _timing_parse_date(clocks["dates"]):
        dates_before = clocks["dates"].cpu, clocks["dates"].wall
        with clocks["extract"].time():
            for result, doc, text, encoding in texts:
                try:
                    ex = extract(doc, text, encoding)
                    extracted.append((result, doc, ex.encoding or encoding, ex))
                except RejectInput as exc:
                    result.processed.append(
                        Processed(document=doc, encoding=encoding, rejected=exc.to_record())
                    )
        # extract's clock includes the date parsing it called; keep the two apart
        clocks["extract"].cpu -= clocks["dates"].cpu - dates_before[0]
        clocks["extract"].wall -= clocks["dates"].wall - dates_before[1]
    with clocks["clean"].time():
        articles: list[ArticleRow] = []
        for result, doc, encoding, ex in extracted:
            try:
                article = to_article(doc, ex, detect=False)
                articles.append(article)
                result.processed.append(Processed(document=doc, encoding=encoding, article=article))
            except RejectInput as exc:
                result.processed.append(Processed(document=doc, encoding=encoding, rejected=exc.to_record()))
        for article in articles:  # language identification is part of cleaning
            if article.language is None:
                article.language = detect_language(article.body)
    run_id = ingest.start_run(db, [str(f) for f in files], "bench", None)
    p = ingest.Plan(run_id=run_id, db=db, inputs=[], discovery=Discovery(), todo=inputs)
    by_path = {r.file.path: r for r in results}
    loaded = 0
    loader = ingest.Loader(db, run_id)
    try:
        for batch in p.batches():
            with clocks["load"].time():
                counts = loader.load([by_path[f.path] for f in batch])
            loaded += counts.seen
    finally:
        with clocks["load"].time():
            loader.close()  # the final checkpoint, as the ingest does after its batches
    out: Result = {
        "files": len(inputs),
        "documents": documents,
        "accounted": loaded,
        "note": "single process, one core; dates are the time inside parse_date, extract excludes it",
    }
    for name, clock in clocks.items():
        out[name] = _rates({}, documents, clock.wall, clock.cpu)
    total_cpu = sum(c.cpu for c in clocks.values())
    total_wall = sum(c.wall for c in clocks.values())
    out["total"] = _rates({}, documents, total_wall, total_cpu)
    return out


# ---------------------------------------------------------------- HTML vs trafilatura


def html_vs_trafilatura(pages: list[Path]) -> Result:
    """CPU per page: Wirehouse (extract with every field + clean) against ``trafilatura.extract`` alone.

    Page by page, alternating, so that both see the same machine load; both warmed first (untimed) on
    the first page of each kind (see ``warm_up_pages``).
    """
    import trafilatura

    from .errors import RejectInput
    from .pipeline import extract, to_article
    from .read import discover, read_bytes, split_documents

    def wirehouse(doc: RawDocument) -> None:
        with suppress(RejectInput):
            to_article(doc, extract(doc, "", None))

    docs = [
        (Path(f.path).name.startswith("real-"), split_documents(f, read_bytes(f))[0])
        for f in discover([str(p) for p in pages]).files
    ]
    for doc in warm_up_pages(docs):
        wirehouse(doc)
        trafilatura.extract(doc.data)
    times: dict[bool, tuple[list[float], list[float]]] = {True: ([], []), False: ([], [])}
    for real, doc in docs:
        c = time.process_time()
        wirehouse(doc)
        mine = time.process_time() - c
        c = time.process_time()
        trafilatura.extract(doc.data)
        other = time.process_time() - c
        times[real][0].append(mine)
        times[real][1].append(other)

    def side(mine: list[float], other: list[float]) -> Result:
        if not mine:
            return {"pages": 0}
        return {
            "pages": len(mine),
            "wirehouse_cpu_ms_per_page": round(1000 * statistics.mean(mine), 3),
            "trafilatura_cpu_ms_per_page": round(1000 * statistics.mean(other), 3),
            "ratio": _ratio(sum(mine), sum(other)),
        }

    (real_ours, real_theirs), (ours, theirs) = times[True], times[False]
    return {
        "all": side(ours + real_ours, theirs + real_theirs),
        "template_pages": side(ours, theirs),
        "real_pages": side(real_ours, real_theirs),
    }


def warm_up_pages(docs: list[tuple[bool, RawDocument]]) -> list[RawDocument]:
    """The first template page and the first real page: what both extractors run once, untimed, before
    the comparison. Without it the first real page's one-time set-up was timed on trafilatura's side
    only (our side had run in the stage timing): 195 ms for its first real page in a process, 50 ms
    for the same page the second time (its fallback extractors load on first use), 2.9 ms of each
    real page's mean over 50 pages."""
    firsts: dict[bool, RawDocument] = {}
    for real, doc in docs:
        firsts.setdefault(real, doc)
    return list(firsts.values())


# ---------------------------------------------------------------- dates vs dateparser


def dates_vs_dateparser(corpus: Corpus) -> Result:
    """Milliseconds per string for ``parse_date`` and ``dateparser.parse`` on the corpus's date strings."""
    import dateparser

    from .dates import parse_date

    seen: dict[tuple[str, str | None], None] = {}
    for d in corpus.dates:
        seen.setdefault((d.text, d.locale), None)
    sample = list(seen)[:DATE_SAMPLE]
    if not sample:
        return {"strings": 0}
    ref = datetime.now(UTC)

    def ours(s: str, locale: str | None) -> object:
        return parse_date(s, locale=locale, ref=ref).utc

    def theirs(s: str, locale: str | None) -> object:
        lang = [locale.split("_")[0]] if locale else None
        return dateparser.parse(s, languages=lang)

    # Both run over the whole sample once, untimed: dateparser loads a language's data the first time a
    # string needs it (one string cost 1,478 ms the first time, 81 ms the next), which a warm-up on the
    # first 20 strings left in the timing (review: 260x printed, 158x over the same strings again).
    warm = time.process_time()
    _per_call(ours, sample)
    _per_call(theirs, sample)
    warm_s = time.process_time() - warm
    mine, other = _per_call(ours, sample), _per_call(theirs, sample)
    return {
        "strings": len(sample),
        "warmup_cpu_s_both": round(warm_s, 3),
        "wirehouse_ms_per_string": round(1000 * statistics.mean(mine), 4),
        "dateparser_ms_per_string": round(1000 * statistics.mean(other), 4),
        "speedup": round(statistics.mean(other) / statistics.mean(mine), 1)
        if statistics.mean(mine)
        else None,
        "note": "CPU time per call (process_time), after both ran over the whole sample once, untimed; "
        "dateparser with languages=['en'] where the corpus has a locale",
    }


def _per_call(fn: Callable[[str, str | None], object], sample: list[tuple[str, str | None]]) -> list[float]:
    times = []
    for s, locale in sample:
        c = time.process_time()
        fn(s, locale)
        times.append(time.process_time() - c)
    return times


# ---------------------------------------------------------------- consistency and targets


_MEMORY_LABEL = {"n": "N", "10n": "10 N"}


def _accounting(corpus: Corpus, out: Result) -> Result:
    """Every generated input must end as exactly one outcome in every run that read the corpus: each
    ``--repeat`` run into a fresh database (loaded + duplicate + rejected = generated = seen, nothing
    updated or unchanged where nothing was before) and its re-run (all unchanged), the memory runs at N
    and 10 N, both bare-limit runs (a row per input) and the stage timing (every document it read loaded
    or rejected). Only the fastest plain and flow runs were checked, with ``unchanged`` counted as an
    outcome of a first run (review)."""
    generated = corpus.inputs
    runs: list[Result] = []

    def first_run(name: str, c: Result, n: int) -> None:
        ok = (
            c["seen"] == c["loaded"] + c["duplicate"] + c["rejected"] == n
            and not c["updated"] + c["unchanged"]
        )
        runs.append({"run": name, "ok": ok, "counts": c})

    for key in ("plain", "flow"):
        for i, pair in enumerate(out.get(key, {}).get("all_counts", []), 1):
            first_run(f"{key} run {i}", pair["first"], generated)
            again = pair["rerun"]
            ok = again["seen"] == again["unchanged"] == generated and not sum(
                again[k] for k in OUTCOMES if k != "unchanged"
            )
            runs.append({"run": f"{key} re-run {i}", "ok": ok, "counts": again})
    not_checked = []
    for key, mem in out.get("memory", {}).items():
        if mem.get("failed"):
            not_checked.append(f"the memory run at {_MEMORY_LABEL[key]} (it failed)")
        else:
            first_run(f"memory run at {_MEMORY_LABEL[key]}", _counts(mem), mem["articles"])
    for key, bare in out["bare"].items():
        runs.append(
            {
                "run": "bare limit, one core"
                if key == "one_core"
                else f"bare limit, {bare['workers']} worker{'s' if bare['workers'] != 1 else ''}",
                "ok": bare["files"] == generated,
                "counts": {"rows": bare["files"]},
            }
        )
    st = out["stages"]
    whole = st.get("sample", {}).get("files") == st.get("sample", {}).get("of")
    runs.append(
        {
            "run": "stage timing",
            "ok": st["accounted"] == st["documents"] and (st["documents"] == generated or not whole),
            "counts": {"documents": st["documents"], "accounted": st["accounted"]},
        }
    )
    return {
        "generated": generated,
        "planted_duplicates": corpus.planted_duplicates,
        "planted_rejects": corpus.planted_rejects,
        "runs": runs,
        "not_checked": not_checked,
        "ok": all(r["ok"] for r in runs),
    }


def targets(out: Result) -> list[Result]:
    """Each target of the issue with its measured value and whether it is met (None: not measured)."""
    rows: list[Result] = []
    kind = out["options"]["kind"]
    ingest_run = out["flow"]["first"] if "flow" in out else out["plain"]["first"]
    which = "flow run" if "flow" in out else "plain run"
    # The bare limit is the faster of its two measurements (on few files, starting processes costs more
    # than it saves), so the comparison is never flattered by a slow baseline.
    bare = max(out["bare"].values(), key=lambda r: r["rate_wall"])
    fraction = _ratio(ingest_run["rate_wall"], bare["rate_wall"])
    rows.append(
        _target(
            f"text: ingest ({which}) >= {TEXT_FRACTION_OF_BARE:.0%} of the bare limit ({bare['workers']} w)",
            f"{ingest_run['rate_wall']:,.0f}/s vs {bare['rate_wall']:,.0f}/s = {_pct(fraction)}",
            fraction >= TEXT_FRACTION_OF_BARE if kind == "text" and fraction is not None else None,
        )
    )
    if "html" in out and out["html"]["all"]["pages"]:
        h = out["html"]["all"]
        sample = out["html"].get("sample")
        rows.append(
            _target(
                "html: CPU per page <= trafilatura.extract",
                f"{h['wirehouse_cpu_ms_per_page']:.1f} ms vs {h['trafilatura_cpu_ms_per_page']:.1f} ms = "
                f"{h['ratio']:.2f}x"
                + (
                    f" ({sample_label(sample, 'pages')})"
                    if sample and sample["files"] != sample["of"]
                    else ""
                ),
                h["ratio"] is not None and h["ratio"] <= 1.0,
            )
        )
    if "flow" in out:
        plain_s, flow_s = out["plain"]["first"]["wall_s"], out["flow"]["first"]["wall_s"]
        share = (flow_s - plain_s) / flow_s if flow_s else None
        # CPU includes a temporary Prefect server when this process started one (it is a child).
        plain_cpu, flow_cpu = out["plain"]["first"]["cpu_s"], out["flow"]["first"]["cpu_s"]
        cpu_share = (flow_cpu - plain_cpu) / flow_cpu if flow_cpu else None
        out["prefect_share"] = {"wall": share, "cpu": cpu_share}
        rows.append(
            _target(
                f"Prefect's share of the run < {PREFECT_SHARE_MAX:.0%} (wall)",
                f"flow {flow_s:.2f} s vs plain {plain_s:.2f} s = {_pct(share)} (CPU: {_pct(cpu_share)})"
                + (
                    "; below zero: the flow ran faster, a run too short to measure"
                    if (share or 0) < 0
                    else ""
                ),
                share is not None and share < PREFECT_SHARE_MAX,
            )
        )
        tr = out["flow"].get("task_runs")
        rows.append(
            _target("tens of task runs, not thousands", f"{tr} task runs", tr is not None and tr < 100)
        )
    for key in ("plain", "flow"):
        if key in out:
            fr = out[key]["rerun_fraction"]
            rows.append(
                _target(
                    f"re-run over unchanged input ({key}) < {RERUN_FRACTION_MAX:.0%} of the first",
                    f"{out[key]['rerun']['wall_s']:.2f} s vs {out[key]['first']['wall_s']:.2f} s = {_pct(fr)}",
                    fr is not None and fr < RERUN_FRACTION_MAX,
                )
            )
    mem = out["memory"]
    failed = [f"at {_MEMORY_LABEL[k]}, {m['failed']}" for k, m in mem.items() if m.get("failed")]
    if failed:
        rows.append(_target("peak memory flat in corpus size", "not measured: " + "; ".join(failed), None))
    elif "10n" in mem:
        a, b = mem["n"]["peak_rss_mb_process_tree"], mem["10n"]["peak_rss_mb_process_tree"]
        growth = _ratio(b, a)
        rows.append(
            _target(
                f"peak memory at 10 N <= {MEMORY_GROWTH_MAX}x of N (process tree)",
                f"{b} MB vs {a} MB = {growth}x",
                growth is not None and growth <= MEMORY_GROWTH_MAX,
            )
        )
    else:
        rows.append(_target("peak memory flat in corpus size", "not measured (use --scale-check)", None))
    busy = out["plain"]["first"]["cores_busy"]
    workers = out["options"]["workers"]
    rows.append(
        _target(
            f"both cores used for parsing ({workers} workers)",
            f"{busy} cores busy on average (CPU / wall, whole run)",
            busy is not None and workers > 1 and busy > 1.2,
        )
    )
    return rows


def _target(name: str, measured: str, met: bool | None) -> Result:
    return {"target": name, "measured": measured, "met": met}


# ---------------------------------------------------------------- the printed table


def render(out: Result) -> str:
    m, c = out["machine"], out["corpus"]
    lines = [
        f"wirehouse bench: {out['options']['articles']} {out['options']['kind']} articles, seed "
        f"{out['options']['seed']}, {out['options']['workers']} workers on {m['cpus']} cores "
        f"(load average {m['loadavg_start']} at start, {m['loadavg_end']} at end)",
        f"corpus: {c['files']} files, {c['inputs']} inputs, {c['bytes'] / 2**20:.1f} MiB, {c['real_pages']} real pages"
        + (f" ({c['real_pages_note']})" if c.get("real_pages_note") else "")
        + f", {c['planted_duplicates']} planted duplicates, {c['planted_rejects']} planted rejects",
        "",
        f"{'run':<42}{'wall s':>9}{'CPU s':>9}{'/s wall':>10}{'/s CPU':>10}",
    ]

    def row(name: str, r: Result) -> None:
        lines.append(
            f"{name:<42}{r['wall_s']:>9.2f}{r['cpu_s']:>9.2f}{r['rate_wall']:>10,.0f}{r['rate_cpu']:>10,.0f}"
        )

    b = out["bare"]
    row(f"bare limit, {b['workers']['workers']} workers (read+hash+load)", b["workers"])
    row("bare limit, 1 core", b["one_core"])
    if out["options"]["repeat"] > 1:
        walls = ", ".join(f"{w:.1f}" for w in out["plain"]["all_first_wall_s"])
        lines.append(f"(fastest of {out['options']['repeat']} runs each; plain first-run walls: {walls} s)")
    row("ingest, plain function calls", out["plain"]["first"])
    row("  re-run, unchanged", out["plain"]["rerun"])
    lines.append(
        f"  (fork server start-up with the workers' preload, before all runs, not counted: "
        f"{out['forkserver_start_seconds']:.1f} s)"
    )
    if "flow" in out:
        if out["options"]["repeat"] > 1:
            walls = ", ".join(f"{w:.1f}" for w in out["flow"]["all_first_wall_s"])
            lines.append(f"(flow first-run walls: {walls} s)")
        row("ingest, Prefect flow run", out["flow"]["first"])
        row("  re-run, unchanged", out["flow"]["rerun"])
        lines.append(
            f"  (Prefect API start-up before these, not counted: {out['prefect_startup_seconds']:.1f} s; "
            f"{out.get('prefect_api', 'Prefect API')})"
        )
    s = out["stages"]
    lines += ["", f"stages ({s['note']}; {s['documents']} documents"]
    if "sample" in s:
        lines[-1] += f" from {sample_label(s['sample'])}"
    setup = s.get("setup_cpu_s")
    if setup:
        lines[-1] += (
            f"; untimed before: the workers' preload, {setup['preload']:.2f} s CPU, and a first pass over "
            f"{setup['files']} file{'s' if setup['files'] != 1 else ''}, {setup['first_pass']:.2f} s"
        )
    lines[-1] += ")"
    for name in ("read", "decode", "extract", "dates", "clean", "load", "total"):
        row(f"  {name}", s[name])
    if "html" in out:
        h = out["html"]
        sample = h.get("sample")
        label = sample_label(sample, "HTML pages") if sample else f"all HTML pages ({h['all']['pages']})"
        both = h.get("template_pages", {}).get("pages") and h["real_pages"]["pages"]
        for key, name in (
            ("all", label),
            *((("template_pages", "template pages"), ("real_pages", "real pages")) if both else ()),
        ):
            side = h[key]
            if side["pages"]:
                lines.append(
                    f"HTML CPU per page, {name}"
                    + ("" if key == "all" else f" ({side['pages']:,})")
                    + f": Wirehouse {side['wirehouse_cpu_ms_per_page']:.2f} ms, "
                    f"trafilatura.extract {side['trafilatura_cpu_ms_per_page']:.2f} ms, ratio {side['ratio']:.2f}"
                )
    d = out["dates"]
    if d["strings"]:
        lines.append(
            f"dates ({d['strings']} strings, after an untimed pass over them all): parse_date "
            f"{d['wirehouse_ms_per_string']:.3f} ms, dateparser.parse {d['dateparser_ms_per_string']:.3f} ms "
            f"per string ({d['speedup']}x)"
        )
    for key, mem in out["memory"].items():
        if mem.get("failed"):
            lines.append(
                f"peak RSS, child ingest of {mem['articles']} ({key}): FAILED, {mem['failed']} (sampled until "
                f"then: {mem['peak_rss_mb_process_tree']} MB process tree, {mem['peak_rss_mb_largest_process']} "
                "MB largest process)"
            )
            continue
        lines.append(
            f"peak RSS, child ingest of {mem['articles']} ({key}): {mem['peak_rss_mb_process_tree']} MB process "
            f"tree (shared pages counted per process), {mem['peak_rss_mb_loader_process']} MB in the loading "
            f"process, {mem['peak_rss_mb_largest_process']} MB largest process"
            + (
                " (above the sampled tree: a process's own peak counts a brief one, which samples every 50 ms can miss)"
                if mem["peak_rss_mb_process_tree"] < mem["peak_rss_mb_largest_process"]
                else ""
            )
        )
    a = out["accounting"]
    lines.append(
        f"accounting: {a['generated']} generated, every input accounted for in each of the "
        f"{len(a['runs'])} runs checked: {a['ok']}"
    )
    for r in a["runs"]:
        if not r["ok"]:
            counts = ", ".join(f"{k} {v}" for k, v in r["counts"].items())
            lines.append(f"  NOT accounted for: {r['run']} ({counts})")
    for what in a["not_checked"]:
        lines.append(f"  not checked: {what}")
    lines += ["", f"{'target':<62}{'met':<8}measured"]
    for t in out["targets"]:
        met = "n/a" if t["met"] is None else ("yes" if t["met"] else "NO")
        lines.append(f"{t['target']:<62}{met:<8}{t['measured']}")
    return "\n".join(lines)


# ---------------------------------------------------------------- helpers


def _rates(base: Result, n: int, wall: float, cpu: float) -> Result:
    return {
        **base,
        "wall_s": round(wall, 4),
        "cpu_s": round(cpu, 4),
        "rate_wall": round(n / wall, 1) if wall > 0 else 0.0,
        "rate_cpu": round(n / cpu, 1) if cpu > 0 else 0.0,
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 4) if a is not None and b else None


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _tree_cpu() -> float:
    """CPU seconds of this process and all its descendants, live or finished.

    Worker processes started by ``forkserver`` are children of the fork server, not of this process, so
    ``RUSAGE_CHILDREN`` misses them; /proc's ``cutime``/``cstime`` of each live descendant (the fork
    server among them) hold what its finished children used. Off Linux this is this process alone.
    """
    own = time.process_time()
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own + u.ru_utime + u.ru_stime
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for fields in _descendant_stats(os.getpid()).values():
        # utime, stime, cutime, cstime are fields 14-17 of /proc/PID/stat (index 11-14 after the name)
        total += sum(int(x) for x in fields[11:15]) / tick
    return total


def _proc_stats() -> dict[int, list[str]]:
    """Each process's /proc/PID/stat fields after the command name (field 3 onwards)."""
    out: dict[int, list[str]] = {}
    proc = Path("/proc")
    if not proc.is_dir():
        return out
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                out[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
    return out


def _descendant_stats(root: int) -> dict[int, list[str]]:
    stats = _proc_stats()
    children: dict[int, list[int]] = {}
    for pid, fields in stats.items():
        try:
            children.setdefault(int(fields[1]), []).append(pid)
        except (ValueError, IndexError):
            continue
    found: dict[int, list[str]] = {}
    frontier = [root]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in found:
                found[child] = stats[child]
                frontier.append(child)
    return found


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _machine() -> Result:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_start": _loadavg(),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _options_dict(opts: Options, workers: int) -> Result:
    return {
        "articles": opts.articles,
        "kind": opts.kind,
        "seed": opts.seed,
        "workers": workers,
        "prefect": opts.prefect,
        "scale_check": opts.scale_check,
        "real_pages": opts.real_pages,
        "stage_limit": opts.stage_limit,
        "repeat": opts.repeat,
    }


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@contextmanager
def _workdir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        try:
            keep.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError) as exc:  # a file there, or on the way (review)
            raise UserError(f"{keep} is not a folder: give an empty or new folder to --keep") from exc
        except OSError as exc:
            raise UserError(f"cannot make {keep} for --keep: {exc.strerror or exc}") from exc
        try:
            full = any(keep.iterdir())
        except OSError as exc:
            raise UserError(f"cannot open {keep} for --keep: {exc.strerror or exc}") from exc
        if full:
            raise UserError(f"{keep} is not empty: give an empty or new folder to --keep")
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="wirehouse-bench-") as tmp:
        yield Path(tmp)


def main(argv: list[str] | None = None) -> int:
    """``python -m flows.bench [options]``: the same command without the main CLI."""
    parser = argparse.ArgumentParser(prog="wirehouse")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["bench", *(sys.argv[1:] if argv is None else argv)])
    try:
        return int(args.handler(args))
    except UserError as exc:  # as the main CLI says it: one line, not a traceback
        print(f"wirehouse: error: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
