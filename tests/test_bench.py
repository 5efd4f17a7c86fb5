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
    assert out["stages"]["documents"] == out["stages"]["accounted"] == generated
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
