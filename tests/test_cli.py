"""The ``wirehouse`` command as a user runs it: real processes, real files, one-line errors, exit codes."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SEED, as_unprivileged, terminate_when

WIREHOUSE = [sys.executable, "-m", "flows.cli"]


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "WIREHOUSE_NO_PREFECT": "1", **(env or {})}
    return subprocess.run(
        [*WIREHOUSE, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def loaded_db(tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"
    shutil.copy(SEED, tmp_path / "seed.txt")
    r = run("ingest", "--db", str(db), str(tmp_path / "seed.txt"))
    assert r.returncode == 0, r.stderr
    return db


def test_help_explains_commands() -> None:
    r = run("--help")
    assert r.returncode == 0
    for word in ("ingest", "sql", "stats", "WIREHOUSE_DB", "examples"):
        assert word in r.stdout
    r = run("ingest", "--help")
    assert "JSON lines" in r.stdout and "--no-prefect" in r.stdout


def help_text(*command: str) -> str:
    """``wirehouse [COMMAND] --help`` as one line (argparse wraps to the terminal's width)."""
    from flows.cli import build_parser

    out = io.StringIO()
    with pytest.raises(SystemExit), contextlib.redirect_stdout(out):
        build_parser().parse_args([*command, "--help"])
    return " ".join(out.getvalue().split())


def test_help_says_what_a_new_user_needs() -> None:
    top = help_text()
    assert "exit codes: 0 success (inputs rejected for their content" in top
    assert (
        "1 unexpected failure, 2 usage or input mistake (bad option, bad SQL, every path named missing)"
        in top
    )
    assert "3 finished, but some inputs could not be used (one of several paths named missing" in top
    assert "130 interrupted (Ctrl-C), 143 terminated (SIGTERM, or SIGHUP: the terminal closed" in top
    # Where runs go, every step the README names: the working directory's Prefect settings were missing.
    assert (
        "Runs go to PREFECT_API_URL if set, else to your own Prefect profile's API, else to the API "
        "Prefect's settings in the working directory name (.env, prefect.toml, [tool.prefect] in "
        "pyproject.toml), else to `make serve`'s server" in top
    )
    ingest = help_text("ingest")
    assert "loaded, updated, unchanged, duplicate or rejected" in ingest
    assert "a JSON lines file is one file but one input per record" in ingest
    assert "Print what the warehouse holds" in help_text("stats")
    assert "output format (default table; several statements' results one after another" in help_text("sql")
    extract = help_text("extract")
    assert "Run the HTML extractor on pages" in extract and "``" not in extract


@pytest.mark.parametrize(
    ("argv", "usage", "unknown"),
    [
        (["ingest", "--bogus"], "usage: wirehouse ingest ", "--bogus"),
        (["sql", "SELECT 1", "extra"], "usage: wirehouse sql ", "extra"),
        (["parse-date", "--bogus", "x"], "usage: wirehouse parse-date ", "--bogus"),
        (["--bogus", "stats"], "usage: wirehouse [-h]", "--bogus"),  # before the command: the top usage
    ],
)
def test_an_unknown_option_is_reported_with_its_commands_usage(
    argv: list[str], usage: str, unknown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.cli import main

    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage)
    assert err.strip().splitlines()[-1].endswith(f"error: unrecognized arguments: {unknown}")


@pytest.mark.parametrize("first", ["--db", "--db=x.duckdb", "--json"])
def test_a_commands_option_before_the_command_says_where_it_goes(
    first: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was (found by review): "wirehouse --db X stats" gave "invalid choice: 'X'".
    from flows.cli import main

    assert main([first, "x.duckdb", "stats"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: wirehouse [-h]")
    assert err.strip().splitlines()[-1].startswith("wirehouse: error: options go after the command")


def test_no_command_prints_help_and_exit_2() -> None:
    r = run()
    assert r.returncode == 2 and "usage:" in r.stdout


def test_ingest_prints_summary_and_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copy(SEED, tmp_path / "seed.txt")
    r = run("ingest", "--db", str(db), str(tmp_path / "seed.txt"), str(tmp_path / "nope.txt"))
    assert r.returncode == 3, r.stderr
    assert "loaded" in r.stdout and "nope.txt: no such file or directory" in r.stdout
    assert "Traceback" not in r.stderr
    r = run("ingest", "--db", str(db), "--json", str(tmp_path / "seed.txt"))
    assert r.returncode == 0
    summary = json.loads(r.stdout)
    assert (summary["seen"], summary["unchanged"], summary["loaded"]) == (1, 1, 0)


def test_only_missing_paths_is_a_usage_error(tmp_path: Path) -> None:
    r = run("ingest", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "typo"))
    assert r.returncode == 2
    assert r.stderr.strip().startswith("wirehouse: error: no such file or directory")
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "w.duckdb").exists()


def test_a_quoted_glob_is_a_path_that_exists(tmp_path: Path) -> None:
    # Was: "no such file or directory: .../*.txt", exit 2, although the pattern matched the seed.
    shutil.copy(SEED, tmp_path / "seed.txt")
    r = run(
        "ingest",
        "--db",
        str(tmp_path / "w.duckdb"),
        str(tmp_path / "*.txt"),
        str(tmp_path / "none" / "*.txt"),
    )
    assert r.returncode == 3, r.stderr
    assert "loaded            1" in r.stdout and "none/*.txt: no file or directory matches" in r.stdout


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--workers", "0"], {}, "workers must be from 1 to 64 (it is 0)"),
        ([], {"WIREHOUSE_WORKERS": "many"}, "WIREHOUSE_WORKERS must be a whole number from 1 to 64"),
        ([], {"WIREHOUSE_LOCK_WAIT": "soon"}, "WIREHOUSE_LOCK_WAIT must be a number of seconds"),
    ],
)
def test_bad_settings_are_one_line_before_anything_is_written(
    tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    r = run("ingest", "--db", str(tmp_path / "w.duckdb"), *args, str(tmp_path / "seed.txt"), env=env)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().startswith(f"wirehouse: error: {message}")
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "w.duckdb").exists()


def test_sql_formats(loaded_db: Path) -> None:
    q = "SELECT authors, published_offset_minutes AS off FROM articles"
    table = run("sql", "--db", str(loaded_db), q)
    assert table.returncode == 0 and "Vugar Khalilov" in table.stdout and "(1 row)" in table.stdout
    csv_out = run("sql", "--db", str(loaded_db), "--format", "csv", q)
    assert csv_out.stdout.splitlines()[0] == "authors,off"
    raw = subprocess.run(  # bytes: text mode would turn the CRLF a shell pipeline keeps into LF
        [*WIREHOUSE, "sql", "--db", str(loaded_db), "--format", "csv", q],
        cwd=ROOT,
        env={**os.environ, "WIREHOUSE_NO_PREFECT": "1"},
        capture_output=True,
        timeout=120,
    )
    assert raw.stdout.startswith(b"authors,off\n") and b"\r" not in raw.stdout
    js = run("sql", "--db", str(loaded_db), "--format", "json", "SELECT published_at FROM articles")
    assert json.loads(js.stdout) == [{"published_at": "2022-10-12T10:23:00+00:00"}]


def test_sql_output_other_tools_can_read(loaded_db: Path) -> None:
    q = "SET TimeZone = 'UTC'; SELECT authors, true AS ok, 1 AS x, 2 AS x FROM articles"
    csv_out = run("sql", "--db", str(loaded_db), "--format", "csv", q)
    # Was: a "Success" header from SET first, and Python's ['Vugar Khalilov'] and True in the cells.
    assert csv_out.stdout.splitlines() == ["authors,ok,x,x", '"[""Vugar Khalilov""]",true,1,2']
    js = run("sql", "--db", str(loaded_db), "--format", "json", q)
    # Was: one "x" (the second overwrote the first).
    assert json.loads(js.stdout) == [{"authors": ["Vugar Khalilov"], "ok": True, "x": 1, "x_2": 2}]
    both = run("sql", "--db", str(loaded_db), "--format", "json", "SELECT 'nan'::DOUBLE AS n; SELECT 3 AS y")
    # Was: two arrays one after the other (not one JSON document), and a bare NaN.
    assert json.loads(both.stdout) == [[{"n": None}], [{"y": 3}]]
    odd = "SELECT '\\xAA\\x00'::BLOB AS b, INTERVAL '1 day 90 minutes 1.5 seconds' AS i"
    # A review: Python's "b'\\xaa\\x00'" and "1 day, 1:30:01.500000".
    assert json.loads(run("sql", "--db", str(loaded_db), "--format", "json", odd).stdout) == [
        {"b": "\\xaa00", "i": "P1DT1H30M1.5S"}
    ]


def test_sql_output_inside_lists_and_structs_and_empty_results(loaded_db: Path) -> None:
    def sql(fmt: str, q: str) -> str:
        r = run("sql", "--db", str(loaded_db), "--format", fmt, q)
        assert r.returncode == 0, r.stderr
        return r.stdout

    q = "SELECT [1.0::DOUBLE / 0.0, 2.5] AS c, {'r': 'nan'::DOUBLE} AS d"
    # Was: Infinity and NaN inside the list and the struct, which no JSON parser reads.
    assert json.loads(sql("json", q)) == [{"c": [None, 2.5], "d": {"r": None}}]
    assert sql("csv", q).splitlines()[1] == '"[null, 2.5]","{""r"": null}"'
    # A query whose one column is named Count or Success, with no rows: was no output at all.
    empty = "SELECT count(*) AS Count FROM articles WHERE source = 'nope' GROUP BY source"
    assert json.loads(sql("json", empty)) == [] and sql("csv", empty).splitlines() == ["Count"]
    table = sql("table", "SELECT [TIMESTAMPTZ '2022-10-12 10:00:00+00', NULL] AS l, {'a': [1, 2]} AS s")
    # Was: [datetime.datetime(2022, 10, 12, 10, 0, tzinfo=...), None] and {'a': [1, 2]}.
    assert "[2022-10-12 10:00:00+00:00, NULL]" in table and "{'a': [1, 2]}" in table
    # Strings in quotes, as the duckdb shell shows them: a first version printed [a, b, NULL, NULL].
    assert "['a, b', NULL, 'NULL', 'it''s']" in sql("table", "SELECT ['a, b', NULL, 'NULL', 'it''s'] AS l")


def test_sql_errors_keep_duckdbs_hint(loaded_db: Path) -> None:
    r = run("sql", "--db", str(loaded_db), "SELECT lenght(body) FROM articles")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert r.stderr.strip().endswith('Did you mean "length"?')


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sql", "SELEC nothing"], "wirehouse: error: SQL error:"),
        (["sql", "DELETE FROM articles"], "wirehouse: error: SQL error:"),
        (["sql", "SELECT * FROM no_such_table"], "wirehouse: error: SQL error:"),
    ],
)
def test_sql_errors_are_one_line(loaded_db: Path, args: list[str], message: str) -> None:
    r = run(*args, "--db", str(loaded_db))
    assert r.returncode == 2
    assert r.stderr.startswith(message) and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("query", ["", "-- just a comment", " ;"])
def test_sql_without_a_statement_is_one_line(loaded_db: Path, query: str) -> None:
    r = run("sql", "--db", str(loaded_db), query)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == "wirehouse: error: no SQL statement to run (the query is empty or only comments)\n"


def test_sql_prints_every_statement_in_order(loaded_db: Path) -> None:
    r = run(
        "sql", "--db", str(loaded_db), "--format", "csv", "SELECT 1 AS a; SELECT count(*) AS n FROM articles"
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["a", "1", "", "n", "1"]
    # a statement that fails: the results before it are printed, then the error names the statement
    r = run("sql", "--db", str(loaded_db), "--format", "csv", "SELECT 1 AS a; SELECT * FROM no_such_table")
    assert r.returncode == 2 and r.stdout.splitlines() == ["a", "1"]
    assert r.stderr.startswith("wirehouse: error: SQL error in statement 2: ")
    assert len(r.stderr.strip().splitlines()) == 1


def test_sql_copy_to_still_writes_the_file_named(loaded_db: Path, tmp_path: Path) -> None:
    """The warehouse is read-only, exports are not: what --help and the README say."""
    out = tmp_path / "out.csv"
    r = run("sql", "--db", str(loaded_db), f"COPY (SELECT count(*) AS n FROM articles) TO '{out}'")
    assert r.returncode == 0, r.stderr
    assert out.read_text().splitlines() == ["n", "1"]
    assert "COPY ... TO still writes the files you name" in " ".join(run("sql", "--help").stdout.split())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sql", "--wait", "-1", "SELECT 1"], "argument --wait: must be a number of seconds, 0 or more"),
        (["sql", "--wait", "nan", "SELECT 1"], "argument --wait: must be a number of seconds, 0 or more"),
        (["sql", "--max-width", "0", "SELECT 1"], "argument --max-width: must be a whole number, 1 or more"),
        (["sql", "--max-width", "-2", "SELECT 1"], "argument --max-width: must be a whole number, 1 or more"),
        (["stats", "--rows", "-1"], "argument --rows: must be a whole number, 0 or more"),
        (["stats", "--rows", "1.5"], "argument --rows: must be a whole number, 0 or more"),
    ],
)
def test_numbers_out_of_range_are_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.cli import main

    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert f"wirehouse {argv[0]}: error: {message}" in capsys.readouterr().err


def test_sql_on_missing_db_says_what_to_do(tmp_path: Path) -> None:
    r = run("sql", "--db", str(tmp_path / "none.duckdb"), "SELECT 1")
    assert r.returncode == 2 and "run `wirehouse ingest` first" in r.stderr


def test_stats_shows_counts_and_rows(loaded_db: Path) -> None:
    r = run("stats", "--db", str(loaded_db), "--wait", "5")  # --wait as for sql (the README says both wait)
    assert r.returncode == 0
    assert "articles" in r.stdout and "Vugar Khalilov" in r.stdout


def test_read_only_commands_work_on_a_warehouse_from_before_the_newest_migration(tmp_path: Path) -> None:
    from warehouse.migrate import MIGRATIONS_DIR, VIEWS_DIR, migrate

    old_schema = tmp_path / "migrations"
    old_schema.mkdir()
    *older, newest = sorted(MIGRATIONS_DIR.glob("*.sql"))
    for f in older:
        shutil.copy(f, old_schema / f.name)
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        migrate(con, old_schema, views=None)
        for view in sorted(VIEWS_DIR.glob("*.sql")):
            with contextlib.suppress(duckdb.BinderException, duckdb.CatalogException):  # of a newer schema
                con.execute(view.read_text(encoding="utf-8"))
    r = run("stats", "--db", str(db))
    # Was: "unexpected error: BinderException: ... rederived not found", exit 1, until an ingest ran.
    assert r.returncode == 0, r.stderr
    assert f"predates migrations {newest.stem}" in r.stderr and "articles" in r.stdout
    r = run("sql", "--db", str(db), "SELECT count(*) AS n FROM runs")
    assert r.returncode == 0 and "predates migrations" in r.stderr


def test_wirehouse_db_environment_variable(loaded_db: Path) -> None:
    r = run("sql", "SELECT count(*) AS n FROM articles", env={"WIREHOUSE_DB": str(loaded_db)})
    assert r.returncode == 0 and "1" in r.stdout


HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN TRANSACTION")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
con.close()
"""


def _hold_write_lock(db: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_sql_waits_for_a_writer_in_another_process(loaded_db: Path) -> None:
    holder = _hold_write_lock(loaded_db, 2.0)
    try:
        started = time.monotonic()
        r = run("sql", "--db", str(loaded_db), "SELECT count(*) AS n FROM articles")
        assert r.returncode == 0, r.stderr
        assert time.monotonic() - started >= 1.0  # it really had to wait for the other process
    finally:
        holder.wait(timeout=30)


def test_sql_gives_up_on_a_held_lock_with_one_line(loaded_db: Path) -> None:
    holder = _hold_write_lock(loaded_db, 6.0)
    try:
        r = run("sql", "--db", str(loaded_db), "--wait", "0.5", "SELECT 1")
        assert r.returncode == 4
        assert "locked by another process" in r.stderr and len(r.stderr.strip().splitlines()) == 1
        # Who holds it, not a guess ("an ingest still writing?", of a query as often as not).
        assert f"(PID {holder.pid})" in r.stderr and "an ingest still writing" not in r.stderr
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_reader_during_ingest_gets_answers(tmp_path: Path) -> None:
    """Ad hoc SQL keeps working while an ingest runs: the writer holds the file only per batch."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(2500):
        (corpus / f"{i:05d}.txt").write_text(text.replace("Valiyev", f"Valiyev{i}"), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    shutil.copy(SEED, tmp_path / "seed.txt")
    assert run("ingest", "--db", str(db), str(tmp_path / "seed.txt")).returncode == 0
    env = {**os.environ, "WIREHOUSE_NO_PREFECT": "1"}
    writer = subprocess.Popen(
        [*WIREHOUSE, "ingest", "--workers", "1", "--db", str(db), str(corpus)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    answers = 0
    try:
        while writer.poll() is None and answers < 3:
            r = run("sql", "--db", str(db), "--format", "csv", "SELECT count(*) FROM articles")
            assert r.returncode == 0, r.stderr
            answers += 1
    finally:
        assert writer.wait(timeout=300) == 0
    assert answers >= 1
    final = run("sql", "--db", str(db), "--format", "csv", "SELECT count(*) FROM articles")
    assert final.stdout.splitlines()[1] == "2501"


def test_sigterm_mid_run_marks_it_failed_and_the_next_run_finishes(tmp_path: Path) -> None:
    """kill, timeout, docker stop and systemd send SIGTERM: it takes Ctrl-C's path, with its own exit code."""
    from flows.bench_corpus import generate

    corpus = tmp_path / "corpus"
    generate(corpus, 3000)  # five batches: about 3 s on one worker, so the signal lands mid-run
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "WIREHOUSE_NO_PREFECT": "1", "WIREHOUSE_WORKERS": "1"}
    # the first batch is loaded: the run is under way
    code, err = terminate_when(
        [*WIREHOUSE, "ingest", "--db", str(db), str(corpus)], env, lambda line: "files read" in line
    )
    assert code == 143, err
    assert err.strip().splitlines()[-1] == (
        "wirehouse: terminated (SIGTERM); every batch loaded so far is kept, run the same command again to finish"
    )
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]
    finally:
        con.close()
    again = run("ingest", "--db", str(db), "--json", str(corpus), env={"WIREHOUSE_WORKERS": "1"})
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["seen"] == 3000 and summary["unchanged"] > 0  # every file, the first run's kept
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(3000,)]
        statuses = con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
        assert statuses == [("failed",), ("completed",)]
    finally:
        con.close()


@pytest.mark.parametrize(
    ("interrupt", "code", "word"),
    [("sigterm", 143, "terminated (SIGTERM)"), ("ctrl-c", 130, "interrupted")],
)
def test_an_error_while_cleaning_up_after_an_interrupt_is_reported_as_the_interrupt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], interrupt: str, code: int, word: str
) -> None:
    """During a flow run Prefect's handler turns SIGTERM into TerminationSignal; the flow's clean-up can
    then fail in turn (a connection a task thread still uses). That is the interrupt, not an 'unexpected
    error'."""
    from prefect.exceptions import TerminationSignal

    from flows import cli

    def handler(args: object) -> int:
        try:
            raise TerminationSignal(signal.SIGTERM) if interrupt == "sigterm" else KeyboardInterrupt
        except BaseException:
            raise RuntimeError("connection is busy with another call") from None

    monkeypatch.setattr(cli, "cmd_ingest", handler)
    assert cli.main(["ingest"]) == code
    assert capsys.readouterr().err.startswith(f"wirehouse: {word}; every batch loaded so far is kept")
    monkeypatch.setattr(cli, "cmd_stats", handler)
    assert cli.main(["stats"]) == code
    # Was the same line for read-only commands, which load no batches (found by review).
    assert capsys.readouterr().err == f"wirehouse: {word}\n"


def test_ingest_on_a_locked_database_is_one_line_before_prefect_starts(
    loaded_db: Path, tmp_path: Path
) -> None:
    shutil.copy(SEED, tmp_path / "again.txt")
    holder = _hold_write_lock(loaded_db, 60.0)
    try:
        # WIREHOUSE_NO_PREFECT unset: the pre-flight check runs before any Prefect server is started.
        env = {k: v for k, v in os.environ.items() if k != "WIREHOUSE_NO_PREFECT"}
        r = subprocess.run(
            [*WIREHOUSE, "ingest", "--db", str(loaded_db), str(tmp_path / "again.txt")],
            cwd=ROOT,
            env={**env, "WIREHOUSE_LOCK_WAIT": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert r.returncode == 4
    assert r.stderr.strip().splitlines()[-1].startswith("wirehouse: error:")
    assert "locked by another process" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("api", "said"),
    [
        ("http://127.0.0.1:9/api", "cannot reach the Prefect API at"),  # the discard port: nothing answers
        (
            "not-a-url",
            "the Prefect API 'not-a-url' (PREFECT_API_URL) is not an http(s) URL",
        ),  # was ValueError
        ("http://[::1/api", "the Prefect API 'http://[::1/api' (PREFECT_API_URL) is not an http(s) URL"),
        (
            "http://127.0.0.1:abc/api",
            "the Prefect API 'http://127.0.0.1:abc/api' (PREFECT_API_URL) is not an",
        ),
    ],
)
def test_an_unreachable_prefect_api_is_one_line(tmp_path: Path, api: str, said: str) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    env = {"PREFECT_API_URL": api}
    r = subprocess.run(
        [*WIREHOUSE, "ingest", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "seed.txt")],
        cwd=ROOT,
        env={k: v for k, v in {**os.environ, **env}.items() if k != "WIREHOUSE_NO_PREFECT"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Was: "unexpected error: RuntimeError: Failed to reach API", exit 1.
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith(f"wirehouse: error: {said}")
    assert not (tmp_path / "w.duckdb").exists()  # "before anything runs": was created and migrated first


@pytest.mark.prefect
def test_runs_go_to_the_api_of_the_users_own_prefect_profile(prefect_api: None, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    api = str(PREFECT_API_URL.value())
    home = tmp_path / "home"
    (home / ".prefect").mkdir(parents=True)
    (home / ".prefect" / "profiles.toml").write_text(
        f'active = "mine"\n\n[profiles.mine]\nPREFECT_API_URL = "{api}"\n', encoding="utf-8"
    )
    shutil.copy(SEED, tmp_path / "seed.txt")
    env = {
        k: v
        for k, v in os.environ.items()
        # as a user's shell has it: no Prefect settings of the test session
        if k
        not in (
            "WIREHOUSE_NO_PREFECT",
            "PREFECT_API_URL",
            "PREFECT_HOME",
            "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL",
        )
    }
    r = subprocess.run(
        [*WIREHOUSE, "ingest", "--json", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "seed.txt")],
        cwd=ROOT,
        env={**env, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    # Prefect's own console lines stay off (its settings are applied before it is imported).
    assert "| INFO" not in r.stderr, r.stderr
    # Was: the checkout's PREFECT_HOME hid the profile, and the run went to a temporary server.
    flow_run_id = json.loads(r.stdout)["flow_run_id"]
    with get_client(sync_client=True) as client:
        assert str(client.read_flow_run(flow_run_id).id) == flow_run_id


@pytest.mark.parametrize(
    ("ddl", "holds"),
    [
        (["CREATE TABLE articles (x INTEGER)"], "articles"),
        # golang-migrate, dbmate and Rails keep a schema_migrations table too (not ours: no checksum)
        (["CREATE TABLE schema_migrations (version BIGINT, dirty BOOLEAN)"], "schema_migrations"),
        (["CREATE SCHEMA x", "CREATE TABLE x.t (i INTEGER)"], "x.t"),  # nothing in main
    ],
)
def test_a_duckdb_file_of_something_else_is_a_one_line_error(
    tmp_path: Path, ddl: list[str], holds: str
) -> None:
    # Was "unexpected error: CatalogException ..." (stats) and "Table articles already exists" (ingest).
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    for statement in ddl:
        con.execute(statement)
    con.close()
    before = db.read_bytes()
    shutil.copy(SEED, tmp_path / "seed.txt")
    for args in (["stats"], ["ingest", str(tmp_path / "seed.txt")], ["reprocess"]):
        r = run(*args, "--db", str(db))
        assert r.returncode == 2, (args, r.stderr)
        assert f"is not a Wirehouse warehouse (it holds {holds}" in r.stderr and "Traceback" not in r.stderr
    assert db.read_bytes() == before  # untouched


def test_an_empty_duckdb_file_is_a_warehouse_not_yet_ingested(tmp_path: Path) -> None:
    db = tmp_path / "blank.duckdb"
    duckdb.connect(str(db)).close()
    r = run("stats", "--db", str(db))
    # Was "... is not a Wirehouse warehouse (it is empty, ...)", while ingest takes the same file.
    assert (r.returncode, r.stderr.strip()) == (
        2,
        f"wirehouse: error: {db} is an empty DuckDB file: run `wirehouse ingest` first",
    )
    shutil.copy(SEED, tmp_path / "seed.txt")
    assert run("ingest", str(tmp_path / "seed.txt"), "--db", str(db), "--no-prefect").returncode == 0


def test_output_closed_by_its_reader_is_a_quiet_stop(tmp_path: Path) -> None:
    # `wirehouse parse-date --stdin < dates | head -1`: was "unexpected error: BrokenPipeError", exit 1.
    dates = tmp_path / "dates.txt"
    dates.write_text("2022-10-12\n" * 30_000, encoding="utf-8")
    with dates.open("rb") as stdin:
        proc = subprocess.Popen(
            [*WIREHOUSE, "parse-date", "--stdin"],
            cwd=ROOT,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100).startswith(b'{"input": "2022-10-12"')
        proc.stdout.close()  # as `head` does once it has its lines
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 141, err
    assert err == ""


def test_a_broken_pipe_that_is_not_the_output_is_an_unexpected_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Only a closed standard output is the quiet exit 141; another pipe breaking is a failure to report.
    from flows import cli

    def broken(args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "cmd_stats", broken)
    assert cli.main(["stats"]) == 1
    assert "unexpected error: BrokenPipeError" in capsys.readouterr().err


def test_an_api_gone_during_a_run_is_said_so_and_what_was_queued_for_it_dropped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A `make serve` stopped under an ingest that reports to it: was "unexpected error: ConnectError",
    # after minutes of Prefect sending the run's events to nobody at exit (review).
    import httpx

    from flows import cli

    dropped: list[bool] = []

    def gone(args: object) -> int:
        raise httpx.ConnectError("[Errno 111] Connection refused")

    monkeypatch.setattr(cli, "cmd_stats", gone)
    monkeypatch.setattr(cli, "drop_unsent", lambda: dropped.append(True))
    assert cli.main(["stats"]) == 1
    err = capsys.readouterr().err
    assert "error: the Prefect API stopped answering during the run (ConnectError" in err
    assert "unexpected" not in err and dropped == [True]


@pytest.mark.parametrize("terminated", [False, True])
def test_a_query_stopped_by_a_signal_is_an_interrupt_not_an_unexpected_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], terminated: bool
) -> None:
    # Ctrl-C or SIGTERM during a DuckDB query: DuckDB raises RuntimeError("Query interrupted") in place
    # of the KeyboardInterrupt (found by review: 10 of 46 SIGTERMs of an ingest exited 1).
    import signal as signals

    from flows import cli

    def stopped(args: object) -> int:
        if terminated:
            signals.raise_signal(signals.SIGTERM)  # the CLI's handler records it, then raises
        raise RuntimeError("Query interrupted")

    def query_interrupted(args: object) -> int:
        try:
            return stopped(args)
        except KeyboardInterrupt:
            pass
        raise RuntimeError("Query interrupted")  # as DuckDB does: in place of the interrupt, no context

    monkeypatch.setattr(cli, "cmd_stats", query_interrupted)
    assert cli.main(["stats"]) == (143 if terminated else 130)
    err = capsys.readouterr().err
    assert ("terminated (SIGTERM)" if terminated else "interrupted") in err and "unexpected" not in err


def test_duckdb_still_reports_an_interrupted_query_as_the_cli_expects() -> None:
    # What the test above stands in for, checked against the DuckDB in use.
    import signal as signals
    import threading

    from flows import cli

    con = duckdb.connect()
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signals.SIGINT))
    timer.start()
    try:
        con.execute("SELECT count(*) FROM range(10000000000) t(i) WHERE i % 7 = 3").fetchall()
    except BaseException as exc:  # whatever DuckDB raises is the point
        assert isinstance(exc, KeyboardInterrupt) or cli._duckdb_interrupted(exc), repr(exc)
    else:
        pytest.fail("the query was not interrupted")
    finally:
        timer.cancel()
        con.close()


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["ingest", "", "--no-prefect"], "a PATH argument"),
        (["ingest", "seeds", " ", "--no-prefect"], "a PATH argument"),
        (["stats", "--db", ""], "--db"),
        (["sql", "--db", "", "SELECT 1"], "--db"),
        (["crawl", "--sources", "", "--no-prefect"], "--sources"),
        (["crawl", "--raw-dir", "", "--no-prefect"], "--raw-dir"),
        (["extract", ""], "a PATH argument"),
        (["bench", "--out", ""], "--out"),
    ],
)
def test_an_empty_path_is_a_usage_error_not_the_default(
    argv: list[str], named: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A review: `ingest ''` read the working folder, `--sources ''` crawled the default sources and
    # `--db ''` opened the checkout's warehouse, all without a word.
    from flows.cli import main

    if "--db" not in argv and argv[0] != "extract":
        argv = [*argv, "--db", str(tmp_path / "w.duckdb")] if argv[0] != "bench" else argv
    assert main(argv) == 2
    assert (
        capsys.readouterr().err.strip()
        == f"wirehouse: error: {named} is empty: name a file or folder, or leave it out"
    )
    assert not (tmp_path / "w.duckdb").exists()


def test_paths_in_a_folder_that_cannot_be_entered_are_a_reject_or_one_line_not_an_unexpected_error(
    tmp_path: Path,
) -> None:
    # A review: Path.exists raised PermissionError for locked/sub/a.txt and for --db locked/w.duckdb, and
    # each command ended "unexpected error", exit 1 (the ingest without reading the paths that were fine).
    (tmp_path / "locked" / "sub").mkdir(parents=True)
    (tmp_path / "ok").mkdir()
    shutil.copy(SEED, tmp_path / "locked" / "sub" / "a.txt")
    shutil.copy(SEED, tmp_path / "ok" / "b.txt")
    (tmp_path / "locked").chmod(0)
    locked_db = tmp_path / "locked" / "w.duckdb"
    named = [str(tmp_path / "locked" / "sub" / "a.txt"), str(tmp_path / "ok")]
    commands = [
        ["ingest", "--json", "--db", str(tmp_path / "w.duckdb"), *named],
        ["sql", "--db", str(locked_db), "select 1"],
        ["stats", "--db", str(locked_db)],
        ["ingest", "--db", str(locked_db), str(tmp_path / "ok")],
        ["reprocess", "--db", str(locked_db)],
    ]
    done = []
    try:
        for command in commands:
            done.append(
                subprocess.run(
                    as_unprivileged([*WIREHOUSE, *command]),
                    cwd=ROOT,
                    env={**os.environ, "WIREHOUSE_NO_PREFECT": "1"},
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
            )
    finally:
        (tmp_path / "locked").chmod(0o755)
    ingested, *refused = done
    assert ingested.returncode == 3, ingested.stderr
    summary = json.loads(ingested.stdout)
    assert summary["loaded"] == 1 and summary["rejected_by_reason"] == {"read/unreadable": 1}
    assert f"{tmp_path / 'locked' / 'sub' / 'a.txt'}: Permission denied" in summary["problems"]
    for r in refused:
        assert (r.returncode, r.stderr) == (
            2,
            f"wirehouse: error: cannot open {locked_db}: Permission denied\n",
        )


def test_a_name_too_long_is_a_reject_and_the_other_paths_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A review: "unexpected error: OSError: [Errno 36] File name too long", exit 1, nothing read.
    from flows.cli import main

    (tmp_path / "ok").mkdir()
    shutil.copy(SEED, tmp_path / "ok" / "b.txt")
    long = tmp_path / "ok" / ("a" * 300 + ".txt")
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "--no-prefect", "--json", "--db", str(db), str(long), str(tmp_path / "ok")]) == 3
    summary = json.loads(capsys.readouterr().out)
    assert summary["loaded"] == 1 and summary["rejected_by_reason"] == {"read/unreadable": 1}
    assert main(["ingest", "--no-prefect", "--quiet", "--db", str(db), str(long)]) == 3  # alone: no typo (2)
    assert main(["sql", "--db", str(tmp_path / ("b" * 300 + ".duckdb")), "select 1"]) == 2
    assert "File name too long" in capsys.readouterr().err


def test_a_file_that_cannot_be_read_makes_the_exit_code_3(tmp_path: Path) -> None:
    # A review: a chmod 000 file was a reject only, exit 0, where the help promises 3 for a file or folder
    # that cannot be opened.
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    locked = folder / "locked.txt"
    shutil.copy(SEED, locked)
    locked.chmod(0)
    command = [
        *WIREHOUSE,
        "ingest",
        str(folder),
        "--db",
        str(tmp_path / "w.duckdb"),
        "--no-prefect",
        "--json",
    ]
    try:
        done = subprocess.run(
            as_unprivileged(command),
            cwd=ROOT,
            env={**os.environ, "WIREHOUSE_NO_PREFECT": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        locked.chmod(0o644)
    assert done.returncode == 3, done.stderr
    summary = json.loads(done.stdout)
    assert summary["loaded"] == 1 and summary["rejected_by_reason"] == {"read/unreadable": 1}
    assert summary["problems"] == [
        "1 file could not be read: see rejects, reason read/unreadable, whose detail says why"
    ]
