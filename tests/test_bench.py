"""``wirehouse bench`` on a tiny corpus: it runs, and its numbers agree with each other.

No assertion here is about a time being small: the benchmark prints numbers, tests check consistency.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from flows.bench import Options, _child_ingest, main, render, run_bench, targets, warm_up_pages
from flows.bench_corpus import generate, split_kinds
from flows.records import RawDocument

SECTIONS = (
    "machine",
    "options",
    "corpus",
    "bare",
    "plain",
    "stages",
    "dates",
    "memory",
    "accounting",
    "targets",
)


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_corpus_is_reproducible_and_counted(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 120, "both", seed=7, real_pages=False)
    b = generate(tmp_path / "b", 120, "both", seed=7, real_pages=False)
    generate(tmp_path / "c", 120, "both", seed=8, real_pages=False)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")
    assert a.files == b.files == 120 == sum(a.by_kind.values())
    assert a.by_kind == {"text": split_kinds(120, "both")[0], "html": split_kinds(120, "both")[1]}
    assert a.planted_duplicates > 0 and a.planted_rejects > 0 and a.dates


def _check_consistent(result: dict[str, object], generated: int) -> None:
    out = json.loads(json.dumps(result, default=str))  # everything is JSON-able
    for section in SECTIONS:
        assert section in out, section
    acc = out["accounting"]
    assert acc["ok"] is True and acc["generated"] == generated == out["corpus"]["inputs"]
    first = out["plain"]["first"]["summary"]
    assert first["loaded"] + first["duplicate"] + first["rejected"] == generated == first["seen"]
    assert first["duplicate"] >= acc["planted_duplicates"] and first["rejected"] >= acc["planted_rejects"]
    rerun = out["plain"]["rerun"]["summary"]
    assert rerun["unchanged"] == generated and rerun["loaded"] == 0
    assert out["bare"]["workers"]["files"] == out["bare"]["one_core"]["files"] == generated
    stages = out["stages"]
    whole = stages["sample"]["files"] == stages["sample"]["of"]
    assert stages["documents"] == stages["accounted"] == (generated if whole else stages["sample"]["files"])
    for run in (
        out["bare"]["workers"],
        out["bare"]["one_core"],
        out["plain"]["first"],
        out["stages"]["total"],
    ):
        assert run["rate_wall"] > 0 and run["wall_s"] > 0
    assert out["memory"]["n"]["seen"] == generated and out["memory"]["n"]["peak_rss_mb_largest_process"] > 0
    assert out["dates"]["strings"] > 0 and out["dates"]["dateparser_ms_per_string"] > 0
    assert all(t["met"] in (True, False, None) and t["measured"] for t in out["targets"])


def test_bench_tiny_corpus_plain(tmp_path: Path) -> None:
    result = run_bench(Options(articles=40, kind="both", prefect=False, workers=2, keep=tmp_path / "work"))
    _check_consistent(result, 40)
    assert "flow" not in result
    html = result["html"]["all"]
    assert html["pages"] == 20 and html["trafilatura_cpu_ms_per_page"] > 0
    table = render(result)
    assert "bare limit" in table and "target" in table and "accounting: 40 generated" in table
    # A tree sampled every 50 ms can miss a brief peak that a process's own high-water mark kept: said, not
    # a contradiction.
    (mem,) = result["memory"].values()
    missed = "above the sampled tree: a process's own peak counts a brief one"
    assert (missed in table) == (mem["peak_rss_mb_process_tree"] < mem["peak_rss_mb_largest_process"])
    mem["peak_rss_mb_process_tree"] = mem["peak_rss_mb_largest_process"] - 1
    assert missed in render(result)


def test_html_comparison_warms_up_on_the_first_page_of_each_kind() -> None:
    # Trafilatura's first real page in a process carries its one-time set-up (195 ms against 50 ms):
    # timed on one side only, it flattered the ratio.
    def doc(name: str) -> RawDocument:
        return RawDocument(origin=name, data=b"<p>x</p>", kind="html")

    t1, t2, r1, r2 = doc("t1"), doc("t2"), doc("r1"), doc("r2")
    assert warm_up_pages([(False, t1), (False, t2), (True, r1), (True, r2)]) == [t1, r1]
    assert warm_up_pages([(True, r1), (False, t1)]) == [r1, t1]
    assert warm_up_pages([(False, t1), (False, t2)]) == [t1]
    assert warm_up_pages([]) == []


def test_html_comparison_runs_the_warm_up_untimed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    from flows.bench import html_vs_trafilatura

    corpus = generate(tmp_path / "c", 10, "html", real_pages=False)
    pages = sorted((corpus.folder / "html").iterdir())
    calls: list[bytes] = []
    real = trafilatura.extract
    monkeypatch.setattr(trafilatura, "extract", lambda data, *a, **k: calls.append(data) or real(data))
    result = html_vs_trafilatura(pages)
    assert result["all"]["pages"] == len(pages)
    assert len(calls) == len(pages) + 1  # each page once, timed, and the first (template) page once before
    assert calls[0] == calls[1]


def test_bench_of_a_json_lines_dump_read_in_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows import read_parts

    monkeypatch.setattr(read_parts, "PART_BYTES", 16 * 1024)  # a dump of 60 records in several parts
    result = run_bench(Options(articles=60, kind="jsonl", prefect=False, workers=2, keep=tmp_path / "work"))
    _check_consistent(result, 60)
    assert result["corpus"]["files"] == 1 and result["corpus"]["by_kind"] == {"jsonl": 1}
    assert (tmp_path / "work" / "corpus" / "dump.jsonl").stat().st_size > 3 * 16 * 1024
    assert "accounting: 60 generated" in render(result)


def test_the_bare_limit_reads_one_row_per_input(tmp_path: Path) -> None:
    from flows.bench import _read_hash

    (tmp_path / "empty.txt").write_bytes(b"")  # a planted reject is an input too
    (tmp_path / "a.txt").write_bytes(b"text")
    (tmp_path / "dump.jsonl").write_bytes(b'{"a": 1}\n\n{"b": 2}\n')
    rows = _read_hash([str(tmp_path / n) for n in ("empty.txt", "a.txt", "dump.jsonl")])
    assert [(Path(path).name, size) for path, size, _, _ in rows] == [
        ("empty.txt", 0),
        ("a.txt", 4),
        ("dump.jsonl", 8),
        ("dump.jsonl", 8),
    ]


@pytest.mark.prefect
def test_bench_with_flow_run(prefect_api: None, tmp_path: Path) -> None:
    result = run_bench(Options(articles=20, kind="text", prefect=True, workers=1, keep=tmp_path / "work"))
    _check_consistent(result, 20)
    flow = result["flow"]
    assert flow["first"]["summary"]["seen"] == 20 and flow["rerun"]["summary"]["unchanged"] == 20
    assert 0 < flow["task_runs"] <= 20  # batches, not articles
    assert any("Prefect's share" in t["target"] for t in result["targets"])
    # On runs this short the flow can finish first: a share below zero says why, not just "-58.7 %".
    result["flow"]["first"]["wall_s"] = result["plain"]["first"]["wall_s"] / 2
    (share,) = [t for t in targets(result) if "Prefect's share" in t["target"]]
    assert "below zero: the flow ran faster, a run too short to measure" in share["measured"]


def test_bench_refuses_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--articles", "0"]) == 2
    assert "--articles" in capsys.readouterr().err
    assert main(["--repeat", "0"]) == 2  # was run once, as if 1 had been asked for
    assert "--repeat must be at least 1" in capsys.readouterr().err


def test_workers_are_read_as_every_command_reads_them(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A review: WIREHOUSE_WORKERS was ignored ("2 workers" with WIREHOUSE_WORKERS=1, "many" ran), --workers 0
    # ran one per core and --workers 65 ran 65, where the README says such values stop the command.
    from flows import bench

    ran: list[Options] = []
    monkeypatch.setattr(bench, "run_bench", lambda opts, progress=None: ran.append(opts) or {})
    monkeypatch.setattr(bench, "render", lambda result: "table")
    monkeypatch.setenv("WIREHOUSE_NO_PREFECT", "1")
    monkeypatch.setenv("WIREHOUSE_WORKERS", "1")
    assert main(["--articles", "10", "--no-prefect-compare"]) == 0
    assert main(["--articles", "10", "--no-prefect-compare", "--workers", "2"]) == 0  # the flag wins
    assert [o.workers for o in ran] == [1, 2]
    for argv, env, said in (
        (["--workers", "0"], "1", "workers must be from 1 to 64 (it is 0)"),
        (["--workers", "65"], "1", "workers must be from 1 to 64 (it is 65)"),
        ([], "many", "WIREHOUSE_WORKERS must be a whole number from 1 to 64 (it is 'many')"),
    ):
        monkeypatch.setenv("WIREHOUSE_WORKERS", env)
        capsys.readouterr()
        assert main(["--articles", "10", "--no-prefect-compare", *argv]) == 2
        assert capsys.readouterr().err == f"wirehouse: error: {said}\n"
    assert len(ran) == 2  # nothing ran


def test_an_out_file_that_cannot_be_written_is_refused_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was (found by review): the whole bench ran, then "unexpected error: FileNotFoundError", exit 1.
    from flows import bench

    ran: list[Options] = []
    monkeypatch.setattr(bench, "run_bench", lambda opts, progress=None: ran.append(opts) or {})
    monkeypatch.setenv("WIREHOUSE_NO_PREFECT", "1")
    for out, said in ((tmp_path / "missing" / "x.json", "no such directory"), (tmp_path, "is a directory")):
        assert main(["--articles", "10", "--out", str(out)]) == 2
        assert f"--out {out}: {said}" in capsys.readouterr().err
    assert ran == []
    # "~" as the user typed it (quoted): checked and written at the same place (was checked only).
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(bench, "render", lambda result: "table")
    assert main(["--articles", "10", "--out", "~/b.json"]) == 0
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == "{}\n"


def test_wirehouse_no_prefect_skips_the_flow_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was ignored: the bench started a Prefect server although the README says the variable runs without it.
    from flows import bench, prefect_env

    seen: list[Options] = []

    def fake_run_bench(opts: Options, progress: object = None) -> dict[str, object]:
        seen.append(opts)
        raise SystemExit(0)

    monkeypatch.setattr(bench, "run_bench", fake_run_bench)
    monkeypatch.setattr(prefect_env, "configure", lambda: None)
    for value, prefect in (("1", False), ("0", True)):
        monkeypatch.setenv("WIREHOUSE_NO_PREFECT", value)
        with pytest.raises(SystemExit):
            main(["--articles", "10"])
        assert seen.pop().prefect is prefect
    assert "WIREHOUSE_NO_PREFECT is set" in capsys.readouterr().err
    monkeypatch.setenv("WIREHOUSE_NO_PREFECT", "maybe")  # one line, exit 2: was a UserError traceback
    assert main(["--articles", "10"]) == 2
    assert "WIREHOUSE_NO_PREFECT must be 1 or 0" in capsys.readouterr().err


def test_the_largest_process_is_measured_without_the_memory_of_the_bench_itself(tmp_path: Path) -> None:
    # ru_maxrss from wait4 carried the bench's own peak into the child it started (Linux keeps it at
    # exec): with stage timings held in memory the "largest process" of a dump's ingest read 500 MB for
    # 440. A 1 GiB block held here must not show up in the child's numbers.
    generate(tmp_path / "corpus", 20, "text")
    held = bytearray(2**30)
    held[::4096] = b"x" * len(held[::4096])  # touched: resident, part of this process's peak
    mem = _child_ingest(tmp_path / "corpus", tmp_path / "w.duckdb", 1)
    assert mem["seen"] == 20
    assert 0 < mem["peak_rss_mb_largest_process"] < 900
    del held


def test_keep_naming_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A review: "unexpected error: FileExistsError", exit 1.
    from flows.cli import main

    (tmp_path / "afile").write_text("x")
    for keep in (tmp_path / "afile", tmp_path / "afile" / "sub"):
        assert main(["bench", "--keep", str(keep), "--articles", "10", "--no-prefect-compare"]) == 2
        assert (
            capsys.readouterr().err.strip().endswith("is not a folder: give an empty or new folder to --keep")
        )


def test_dateparser_runs_over_the_whole_sample_untimed_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A review: dateparser loads a language's data the first time a string needs it (1,478 ms for one
    # string the first time, 81 ms the next); a warm-up over the first 20 strings left that in the
    # per-string time (260x printed, 158x over the same strings again).
    import dateparser

    from flows.bench import dates_vs_dateparser

    corpus = generate(tmp_path / "c", 60, "text")
    calls: list[str] = []
    real = dateparser.parse
    monkeypatch.setattr(dateparser, "parse", lambda s, *a, **k: calls.append(s) or real(s, *a, **k))
    result = dates_vs_dateparser(corpus)
    n = result["strings"]
    assert n > 20
    assert len(calls) == 2 * n and calls[:n] == calls[n:]  # each string once untimed, then once timed
    assert result["warmup_cpu_s_both"] > 0 and "after both ran over the whole sample once" in result["note"]


def test_stage_timing_starts_after_the_set_up_the_workers_have(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A review: loading the language model (0.10-0.17 s), which the fork server does once for all the
    # ingest's workers, was charged to clean, and the byline places and the patterns built on first use
    # to extract and dates (a second pass over the same files: clean 0.42 -> 0.35 s, dates 0.20 -> 0.15 s).
    import sys

    from flows import language, pipeline
    from flows.bench import _files, stage_times

    corpus = generate(tmp_path / "c", 120, "both", real_pages=False)
    files = _files(corpus.folder)
    monkeypatch.setattr(language, "_DETECTOR", None)  # as in a new process: nothing loaded yet
    monkeypatch.delitem(sys.modules, "flows.worker_preload", raising=False)
    hook = sys.excepthook
    seen: list[tuple[str, bool]] = []
    real = pipeline.extract

    def extract(doc: RawDocument, *args: object) -> object:
        seen.append((Path(doc.origin).name, language._DETECTOR is not None))
        return real(doc, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "extract", extract)
    out = stage_times(files, tmp_path / "s.duckdb")
    assert seen and all(loaded for _, loaded in seen)  # the model was there before the first file
    assert sys.excepthook is hook  # the preload's hook is the fork server's, not this process's
    warm = out["setup_cpu_s"]["files"]
    first = [name for name, _ in seen[:warm]]
    assert 0 < warm <= 22 and {"t0000000.txt", "h0000000.html"} <= set(first)
    assert {name for name, _ in seen[warm:]} == {f.name for f in files}  # then every file, timed
    assert out["documents"] == out["accounted"] == len(files)


def _names(kinds: dict[str, int]) -> list[Path]:
    folders = {"text": "text/t{:07d}.txt", "html": "html/h{:07d}.html", "real": "html/real-{:03d}.html.gz"}
    return sorted(Path("/c") / folders[k].format(i) for k, n in kinds.items() for i in range(n))


def test_the_single_process_sample_keeps_every_kind_and_every_real_page() -> None:
    # A review: the first --stage-limit files in name order were timed, HTML before text and real pages
    # last: with more HTML pages than the limit the real pages left the comparison first, still labelled
    # "all HTML pages", and --kind both timed no text file.
    from flows.bench import describe_sample, sample_files, sample_label

    html = _names({"html": 160, "real": 40})
    sample = sample_files(html, 100)
    assert len(sample) == 100 and sum(p.name.startswith("real-") for p in sample) == 40
    label = sample_label(describe_sample(sample, html), "HTML pages")
    assert label == "100 of 200 HTML pages: 60 of 160 template pages, all 40 real pages, evenly spread"
    both = _names({"text": 2000, "html": 1950, "real": 50})
    sample = sample_files(both, 2000)
    kinds = describe_sample(sample, both)["by_kind"]
    assert kinds == {"template pages": [963, 1950], "real pages": [50, 50], "text": [987, 2000]}
    assert sample_files(both, 3) and {p.parent.name for p in sample_files(both, 3)} == {"text", "html"}
    assert sample_files(html, 200) == html and sample_label(describe_sample(html, html)) == "all 200 files"
    assert sample_files(html, 0) == []
    text = _names({"text": 1000})
    assert sample_files(text, 10) == [text[i * 100] for i in range(10)]  # spread, not the first ten


def test_a_bench_over_the_stage_limit_says_what_it_timed(tmp_path: Path) -> None:
    result = run_bench(
        Options(articles=60, kind="both", prefect=False, workers=1, stage_limit=20, real_pages=False)
    )
    _check_consistent(result, 60)
    assert result["stages"]["sample"]["by_kind"] == {"template pages": [10, 30], "text": [10, 30]}
    assert result["stages"]["documents"] == 20
    assert result["html"]["sample"]["by_kind"] == {"template pages": [20, 30]}
    table = render(result)
    assert "20 documents from 20 of 60 files: 10 of 30 template pages, 10 of 30 text, evenly spread" in table
    assert "HTML CPU per page, 20 of 30 HTML pages: 20 of 30 template pages, evenly spread:" in table
    assert "all HTML pages" not in table


def test_no_real_pages_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A review: without ../shared the bench said "0 real pages", where the docs say "up to 50".
    from flows import bench_corpus

    monkeypatch.setattr(bench_corpus, "REAL_PAGES", tmp_path / "nowhere")
    corpus = generate(tmp_path / "c", 20, "html")
    assert corpus.real_pages == 0 and corpus.real_pages_note == f"none: {tmp_path / 'nowhere'} is missing"
    assert generate(tmp_path / "d", 20, "html", real_pages=False).real_pages_note == "--no-real-pages"
    assert generate(tmp_path / "e", 20, "text").real_pages_note is None  # no HTML: nothing to explain


def test_a_failed_memory_child_is_reported_with_every_other_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A review: a memory child killed (the out-of-memory killer's SIGKILL, the case --scale-check is for)
    # was "unexpected error: RuntimeError: child ingest failed with exit code -9", exit 1, nothing printed
    # and --out not written.
    from flows import bench

    monkeypatch.setattr(
        bench,
        "_CHILD_INGEST",
        "import os, sys\nif sys.argv[1].endswith('corpus10'): os.kill(os.getpid(), 9)\n"
        + bench._CHILD_INGEST,
    )
    monkeypatch.setenv("WIREHOUSE_NO_PREFECT", "1")
    out = tmp_path / "b.json"
    argv = ["--articles", "10", "--scale-check", "--keep", str(tmp_path / "w"), "--out", str(out)]
    assert main(argv) == 1
    printed = capsys.readouterr()
    killed = "the child ingest was killed by SIGKILL (what the out-of-memory killer sends)"
    assert printed.err.strip().endswith(f"wirehouse: error: peak memory at 10 N not measured: {killed}")
    assert f"child ingest of 100 (10n): FAILED, {killed}" in printed.out
    assert "child ingest of 10 (n): " in printed.out and "accounting: 10 generated" in printed.out
    assert "not checked: the memory run at 10 N (it failed)" in printed.out
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["memory"]["10n"]["failed"] == killed and result["memory"]["n"]["seen"] == 10
    assert result["accounting"]["ok"] is True and result["stages"]["documents"] == 10
    (memory,) = [t for t in result["targets"] if "peak memory" in t["target"]]
    assert memory["met"] is None and memory["measured"] == f"not measured: at 10 N, {killed}"


def test_every_run_is_accounted_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A review: only the fastest plain and flow runs were checked, and a first run's sum counted
    # "unchanged", so a fresh database finding inputs unchanged, a slower repeat losing inputs and a
    # memory run reading fewer passed as "every input accounted for: True".
    from flows import bench

    real_plain, real_child = bench._plain, bench._child_ingest
    calls: list[Path] = []

    def plain(corpus: Path, db: Path, workers: int) -> dict[str, object]:
        calls.append(db)
        summary = real_plain(corpus, db, workers)
        if len(calls) == 1:  # the first run into a fresh database: 3 "unchanged"
            summary["loaded"] -= 3
            summary["unchanged"] += 3
        if len(calls) == 3:  # the second repeat's first run loses 3 inputs
            summary["loaded"] -= 3
            summary["seen"] -= 3
        return summary

    def child(corpus: Path, db: Path, workers: int) -> dict[str, object]:
        result = real_child(corpus, db, workers)
        result["seen"] -= 5
        return result

    monkeypatch.setattr(bench, "_plain", plain)
    monkeypatch.setattr(bench, "_child_ingest", child)
    result = run_bench(Options(articles=20, kind="text", prefect=False, workers=1, repeat=2))
    acc = result["accounting"]
    assert acc["ok"] is False
    assert [r["run"] for r in acc["runs"] if not r["ok"]] == ["plain run 1", "plain run 2", "memory run at N"]
    assert [r["run"] for r in acc["runs"] if r["ok"]] == [
        "plain re-run 1",
        "plain re-run 2",
        "bare limit, 1 worker",
        "bare limit, one core",
        "stage timing",
    ]
    assert "NOT accounted for: plain run 1 (seen 20, loaded " in render(result)


def test_an_api_that_does_not_answer_stops_the_bench_before_anything_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A review: the bench generated its corpus and measured the bare limit, then "unexpected error:
    # RuntimeError: Failed to reach API", exit 1, where ingest stops at once with exit 2.
    import socket

    from flows import bench

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ran: list[Options] = []
    monkeypatch.setattr(bench, "run_bench", lambda opts, progress=None: ran.append(opts) or {})
    monkeypatch.setenv("WIREHOUSE_NO_PREFECT", "0")
    monkeypatch.setenv("PREFECT_API_URL", f"http://127.0.0.1:{port}/api")
    assert main(["--articles", "10"]) == 2
    assert f"cannot reach the Prefect API at http://127.0.0.1:{port}/api" in capsys.readouterr().err
    assert ran == []


def test_the_flow_runs_reach_the_api_as_ingest_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Found by the lead: the flow runs let Prefect start its own temporary server in this process, where
    # `wirehouse ingest` starts prefect_server.TemporaryServer and points PREFECT_API_URL at it.
    import os

    from flows import bench, prefect_env, prefect_server

    events: list[str] = []

    class Server:
        api_url = "http://127.0.0.1:9/api"
        used = False

        def __init__(self) -> None:
            events.append("start")

        def wait(self) -> None:
            events.append("wait")

        def use(self) -> None:
            events.append("use")
            os.environ["PREFECT_API_URL"] = self.api_url
            self.used = True

        def stop(self) -> None:
            events.append("stop")

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(prefect_env, "configure", lambda: None)
    monkeypatch.setattr(prefect_server, "TemporaryServer", Server)
    monkeypatch.setattr(prefect_server, "worth_starting", lambda: True)
    monkeypatch.setattr(prefect_server, "prefect_would_start_one", lambda: True)

    def flow(corpus: Path, db: Path, workers: int) -> dict[str, object]:
        events.append(f"flow with {os.environ.get('PREFECT_API_URL')}")
        return {**bench._plain(corpus, db, workers), "flow_run_id": "x"}

    monkeypatch.setattr(bench, "_flow", flow)
    monkeypatch.setattr(bench, "_task_runs", lambda flow_run_id: 2)
    real_stages = bench.stage_times
    monkeypatch.setattr(bench, "stage_times", lambda *a: events.append("stages") or real_stages(*a))
    result = run_bench(Options(articles=10, kind="text", prefect=True, workers=1))
    using = "flow with http://127.0.0.1:9/api"
    assert events == ["start", "wait", "use", using, using, using, "stop", "stages"]  # warm-up, first, re-run
    assert "PREFECT_API_URL" not in os.environ  # as it was
    assert result["prefect_api"] == "temporary server at http://127.0.0.1:9/api, stopped after the flow runs"
    assert "temporary server at http://127.0.0.1:9/api" in render(result)
