"""``wirehouse crawl`` and ``wirehouse reprocess`` as a user runs them: paths that cannot be looked at,
files that cannot be read, the raw folder and the environment, with real files and real processes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, as_unprivileged
from pytest_httpserver import HTTPServer
from test_crawl import LoopbackOnly, cli, feed_site, feed_sources, query, run
from test_crawl import web as web  # a fixture, found by pytest under this name

from flows import crawl, crawl_backoff, crawl_report
from flows.errors import ConfigError, UserError
from flows.load import Counts

WIREHOUSE = [sys.executable, "-m", "flows.cli"]
UNREADABLE = "1 file could not be read: see rejects, reason read/unreadable, whose detail says why"


def files_source(tmp_path: Path, path: str, name: str = "local") -> Path:
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "{name}"\nkind = "files"\npath = "{path}"\n', encoding="utf-8")
    return sources


def unprivileged(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``wirehouse COMMAND ...`` in a process that file permissions apply to, without Prefect unless
    ``env`` names an API."""
    return subprocess.run(
        as_unprivileged([*WIREHOUSE, *command]),
        cwd=ROOT,
        env={**os.environ, "WIREHOUSE_NO_PREFECT": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_files_source_s_file_that_cannot_be_read_makes_the_exit_code_3(tmp_path: Path) -> None:
    # A review: `ingest` of the folder exited 3, the crawl of the same folder 0 (runs.problems said it).
    (tmp_path / "news").mkdir()
    shutil.copy(SEED, tmp_path / "news" / "a.txt")
    locked = tmp_path / "news" / "b.txt"
    locked.write_text(SEED.read_text(encoding="utf-8").replace("Azerbaijan", "Georgia"), encoding="utf-8")
    locked.chmod(0)
    db = tmp_path / "w.duckdb"
    try:
        done = unprivileged(
            ["crawl", "--sources", str(files_source(tmp_path, "news")), "--db", str(db), "--json"]
        )
    finally:
        locked.chmod(0o644)
    assert done.returncode == 3, done.stderr
    result = json.loads(done.stdout)
    # A run with problems, as ingest says it: the source was read, one of its files was not.
    assert result["failed_sources"] == []
    assert (result["loaded"], result["rejected_by_reason"]) == (1, {"read/unreadable": 1})
    assert query(db, "SELECT problems FROM runs") == [([UNREADABLE],)]


def test_a_crawl_whose_files_cannot_be_read_ends_completed_with_problems_in_prefect(
    prefect_api: None, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    from flows.flow_states import PROBLEMS_STATE

    (tmp_path / "news").mkdir()
    shutil.copy(SEED, tmp_path / "news" / "a.txt")
    shutil.copy(SEED, tmp_path / "news" / "b.txt")
    (tmp_path / "news" / "b.txt").chmod(0)
    sources = files_source(tmp_path, "news")
    command = [
        "crawl",
        "--sources",
        str(sources),
        "--db",
        str(tmp_path / "w.duckdb"),
        "--json",
        "--workers",
        "1",
    ]
    env = {"PREFECT_API_URL": str(PREFECT_API_URL.value()), "WIREHOUSE_NO_PREFECT": "0"}
    try:
        done = unprivileged(command, env)
    finally:
        (tmp_path / "news" / "b.txt").chmod(0o644)
    assert done.returncode == 3, done.stderr
    result = json.loads(done.stdout)
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(result["flow_run_id"]).state
    assert state is not None and state.is_completed() and state.name == PROBLEMS_STATE
    assert UNREADABLE in str(state.message)


def test_unreadable_files_are_a_problem_of_the_crawl_however_its_summary_travels() -> None:
    from datetime import UTC, datetime

    report = crawl_report.SourceReport("local", "files", counts=Counts(rejected=2))
    report.counts.reasons.update({"read/unreadable": 2})
    summary = crawl_report.CrawlSummary("r", "w.duckdb", "raw", datetime.now(UTC), sources=[report])
    expected = [UNREADABLE.replace("1 file", "2 files")]
    assert crawl.problems(summary) == expected
    # What a Prefect flow run hands back to the command line, which decides the exit code from it.
    assert crawl.problems(crawl_report.CrawlSummary.from_dict(summary.as_dict())) == expected


def test_paths_in_a_folder_that_cannot_be_entered_are_a_failed_source_or_one_line(tmp_path: Path) -> None:
    # A review: "unexpected error: PermissionError", exit 1, for both.
    (tmp_path / "locked" / "sub").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "locked" / "sub" / "a.txt")
    (tmp_path / "locked").chmod(0)
    sources = files_source(tmp_path, "locked/sub/a.txt")
    common = ["--sources", str(sources), "--db", str(tmp_path / "w.duckdb"), "--json", "-q"]
    try:
        failed = unprivileged(["crawl", *common])
        raw = unprivileged(["crawl", *common, "--raw-dir", str(tmp_path / "locked" / "raw")])
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert failed.returncode == 3, failed.stderr
    assert json.loads(failed.stdout)["failed_sources"] == ["local"]
    assert query(tmp_path / "w.duckdb", "SELECT reason FROM rejects") == [("unreadable",)]
    assert (raw.returncode, raw.stderr) == (
        2,
        f"wirehouse: error: raw directory {tmp_path / 'locked' / 'raw'} (--raw-dir or WIREHOUSE_RAW_DIR): "
        "cannot be opened: Permission denied\n",
    )


def test_names_too_long_to_look_at_are_a_failed_source_or_one_line(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "a" * 300
    sources = files_source(tmp_path, f"{long}.txt")
    common = ["--sources", str(sources), "--db", str(db_path), "--no-prefect", "-q", "--json"]
    assert cli(["crawl", *common]) == 3
    assert json.loads(capsys.readouterr().out)["failed_sources"] == ["local"]
    assert query(db_path, "SELECT reason, detail LIKE '%File name too long' FROM rejects") == [
        ("unreadable", True)
    ]
    with pytest.raises(ConfigError, match="cannot be opened: File name too long"):
        cli(["crawl", *common, "--raw-dir", str(tmp_path / long)])
    with pytest.raises(UserError, match="cannot be opened: File name too long"):
        cli(["reprocess", *common, "--raw-dir", str(tmp_path / long)])
    with pytest.raises(UserError, match=r"^cannot open .*: File name too long$"):
        cli(["reprocess", "--no-prefect", "--db", str(tmp_path / f"{long}.duckdb")])


def test_reprocess_refuses_a_wirehouse_raw_dir_that_names_no_folder(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, web: HTTPServer
) -> None:
    feed_site(web)
    conn = LoopbackOnly()
    assert run(feed_sources(tmp_path, web), db_path, conn, raw_dir=tmp_path / "raw").counts.loaded == 3
    common = ["--sources", str(tmp_path / "sources.toml"), "--db", str(db_path), "--no-prefect", "-q"]
    # Was: every fetched page "missing", exit 3, where --raw-dir with the same typo is one line and 2.
    monkeypatch.setenv("WIREHOUSE_RAW_DIR", str(tmp_path / "typo"))
    with pytest.raises(UserError, match=re.escape(f"WIREHOUSE_RAW_DIR={tmp_path / 'typo'}: no such folder")):
        cli(["reprocess", "--all", *common])
    monkeypatch.setenv("WIREHOUSE_RAW_DIR", str(tmp_path / "raw"))
    assert cli(["reprocess", "--all", *common]) == 0
    # A raw body gone from the folder the variable names is one page "missing" (exit 3), as with --raw-dir.
    [(key,)] = query(db_path, "SELECT raw_key FROM documents ORDER BY origin LIMIT 1")
    (tmp_path / "raw" / key[:2] / key[2:4] / f"{key}.gz").unlink()
    assert cli(["reprocess", "--all", *common]) == 3


def test_a_wirehouse_raw_dir_for_other_crawls_does_not_stop_reprocessing_local_files(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A review: the variable, exported for crawls on another disk, named a folder missing here, and the
    # reprocess of a warehouse of ingested files (no raw body to read) stopped with exit 2; it was 0.
    (tmp_path / "news").mkdir()
    shutil.copy(SEED, tmp_path / "news" / "a.txt")
    sources = files_source(tmp_path, "news")
    common = ["--sources", str(sources), "--db", str(db_path), "--no-prefect", "-q"]
    assert cli(["crawl", *common]) == 0
    monkeypatch.setenv("WIREHOUSE_RAW_DIR", str(tmp_path / "nothere"))
    assert cli(["reprocess", "--all", *common]) == 0
    assert query(db_path, "SELECT count(*) FROM articles") == [(1,)]
    # The default, raw/ beside the database (the crawl made it), may be absent too.
    monkeypatch.delenv("WIREHOUSE_RAW_DIR")
    shutil.rmtree(db_path.parent / "raw")
    assert cli(["reprocess", "--all", *common]) == 0
    # A folder given with --raw-dir is the user's own word: a missing one is still one line.
    with pytest.raises(UserError, match=re.escape(f"--raw-dir {tmp_path / 'nothere'}: no such folder")):
        cli(["reprocess", "--all", *common, "--raw-dir", str(tmp_path / "nothere")])


def test_a_wirehouse_raw_dir_that_names_no_folder_lets_an_ingested_warehouse_be_reprocessed(
    tmp_path: Path,
) -> None:
    # The reviewer's run, as a user types it: `wirehouse ingest` of a folder, then reprocess.
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / "a.txt")
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "WIREHOUSE_NO_PREFECT": "1"}
    env.pop("WIREHOUSE_RAW_DIR", None)
    ingest = subprocess.run(
        [*WIREHOUSE, "ingest", str(tmp_path / "in"), "--db", str(db), "-q"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert ingest.returncode == 0, ingest.stderr
    done = subprocess.run(
        [*WIREHOUSE, "reprocess", "--db", str(db), "-q"],
        cwd=ROOT, env={**env, "WIREHOUSE_RAW_DIR": "/nonexistent"}, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")


def test_an_allow_private_networks_variable_that_is_no_yes_or_no_stops_the_crawl(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Was: "maybe" meant no without a word; every private page a fetch/private_address reject, exit 3.
    sources = tmp_path / "s.toml"
    sources.write_text('[[source]]\nname = "a"\nkind = "urls"\nurls = ["http://127.0.0.1:9/x"]\n')
    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "maybe")
    with pytest.raises(UserError, match="WIREHOUSE_ALLOW_PRIVATE_NETWORKS must be 1 or 0"):
        cli(["crawl", "--sources", str(sources), "--db", str(db_path), "--no-prefect"])
    assert not db_path.exists() and not (db_path.parent / "raw").exists()  # nothing started


# How each reason that starts the retry back-off at a day is written for a person.
PERMANENT_WORDS = {
    "http_403": "403",
    "http_404": "404",
    "http_410": "410",
    "http_451": "451",
    "robots_disallowed": "robots.txt refusal",
    "content_type": "wrong content type",
}


def test_every_text_names_the_same_reasons_for_the_one_day_retry_wait_as_the_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A review: the sources file's comment, the README and --help each listed other reasons.
    assert set(PERMANENT_WORDS) == crawl_backoff.PERMANENT_REASONS
    with pytest.raises(SystemExit):
        cli(["crawl", "--help"])
    texts = {
        "crawl --help": capsys.readouterr().out,
        "README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
        "seeds/sources.toml": (ROOT / "seeds" / "sources.toml").read_text(encoding="utf-8"),
    }
    for where, text in texts.items():
        flat = " ".join(text.replace("#", " ").split())
        (listed,) = re.findall(r"a day after an? ((?:[^,()]+?, )*?[^,()]+? or [^,()]+?)[,)]", flat)
        said = set(re.split(r", | or ", listed))
        assert said == set(PERMANENT_WORDS.values()), where


def test_a_crawl_into_a_database_folder_that_is_not_there_is_one_line_and_makes_nothing(
    tmp_path: Path,
) -> None:
    # A review: the crawl made the folder, raw/ in it and a new warehouse, where ingest and reprocess
    # refuse the same typo.
    typo = tmp_path / "nodir" / "x.duckdb"
    done = unprivileged(["crawl", "--sources", str(files_source(tmp_path, "nothere")), "--db", str(typo)])
    assert (done.returncode, done.stderr) == (
        2,
        f"wirehouse: error: no folder {typo.parent} for the database: create it first, or name another "
        "database file (--db, WIREHOUSE_DB, or a flow run's db parameter)\n",
    )
    assert not typo.parent.exists()
