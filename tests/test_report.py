"""flows/report.py: the pieces every run summary (ingest, crawl, reprocess) is made of."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from flows.load import Counts
from flows.report import count_lines, reason_lines, reasons_markdown, repaired_lines, repaired_markdown


def test_rejects_are_listed_most_frequent_first_then_by_name() -> None:
    reasons = Counter({"decode/empty": 2, "clean/no_body": 2, "read/missing_path": 5})
    assert reason_lines(reasons) == [
        "    rejected read/missing_path: 5",
        "    rejected clean/no_body: 2",
        "    rejected decode/empty: 2",
    ]
    assert reasons_markdown(reasons, "documents")[3:] == [
        "| stage/reason | documents |",
        "|---|---:|",
        "| read/missing_path | 5 |",
        "| clean/no_body | 2 |",
        "| decode/empty | 2 |",
    ]


def test_empty_sections_print_nothing() -> None:
    assert reasons_markdown(Counter()) == []
    assert repaired_lines(Counts()) == repaired_markdown(Counts()) == []


def test_a_count_in_a_sentence_takes_its_plural() -> None:
    from flows.repair import describe
    from flows.wording import counted

    assert [counted(1, "file"), counted(4000, "file"), counted(5, "batch", "batches")] == [
        "1 file",
        "4,000 files",
        "5 batches",
    ]
    assert describe(Counts(loaded=1)).startswith("re-derived 1 duplicate whose article changed: 1 now")


def test_counts_line_up_with_thousands_separators() -> None:
    assert count_lines([("seen", 12345), ("loaded", 7)]) == ["  seen         12,345", "  loaded            7"]


def test_stats_lists_reject_reasons_under_the_rejects_line(tmp_path: Path) -> None:
    from flows.ingest import run_plain
    from flows.report import stats_text
    from warehouse.db import reading

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    db = tmp_path / "w.duckdb"
    run_plain([str(tmp_path / "in"), str(tmp_path / "missing.txt")], db, workers=1)
    with reading(db) as con:
        lines = stats_text(con, rows=0).splitlines()
    at = next(i for i, line in enumerate(lines) if line.split()[0] == "rejects")
    assert sorted(lines[at + 1 : at + 3]) == ["    decode/empty: 1", "    read/missing_path: 1"]
    assert lines[at + 3].split()[0] == "authors"


def test_a_run_that_found_no_article_files_says_so(tmp_path: Path) -> None:
    from flows.ingest import run_plain
    from flows.report import summary_markdown, summary_text

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("not an article", encoding="utf-8")
    s = run_plain([str(tmp_path / "in")], tmp_path / "w.duckdb", workers=1)
    # Was only "files found: 0", which reads like a run that found everything unchanged.
    assert "  note: no article files in the inputs (looked for .jsonl" in summary_text(s)
    assert "no article files in the inputs" in summary_markdown(s)


def test_the_summary_names_the_files_it_ignored(tmp_path: Path) -> None:
    from flows.cli import _summary_from_dict
    from flows.ingest import run_plain
    from flows.report import summary_markdown, summary_text

    (tmp_path / "in" / "notes").mkdir(parents=True)
    for name in ("a.md", "b.csv", "notes/c.toml", "notes/d.toml"):
        (tmp_path / "in" / name).write_text("not an article", encoding="utf-8")
    s = run_plain([str(tmp_path / "in")], tmp_path / "w.duckdb", workers=1)
    # Was "ignored (not article files): 4", with no way to tell which (the seeds' sources.toml).
    assert "files found: 0, ignored (not article files): 4 (a.md, b.csv, notes/c.toml, ...)" in summary_text(
        s
    )
    assert "ignored (not article files): 4 (a.md, b.csv, notes/c.toml, ...)" in summary_markdown(s)
    assert summary_text(_summary_from_dict(s.as_dict())) == summary_text(s)  # as a flow run prints it


def test_tables_line_up_in_terminal_columns_for_wide_characters() -> None:
    from flows.report import format_table

    table = format_table(["title", "n"], [("東京の路面電車", 1), ("Tram line", 2)], max_width=10)
    _header, rule, *rows = table.splitlines()
    # Was: padded by characters, so the CJK row's second column sat 4 columns to the right.
    assert rows == ["東京の路…  1", "Tram line  2"]
    assert rule == "---------  -"


def test_stats_says_why_dates_could_not_be_read(tmp_path: Path) -> None:
    import duckdb

    from flows.ingest import run_plain
    from flows.report import stats_text

    body = "The council approved the new tram line to the harbour on Tuesday evening after a debate."
    for i in (1, 2):
        (tmp_path / f"a{i}.txt").write_text(f"Date: 0{i}/04/2022\n\n{body} {i}.\n", encoding="utf-8")
    run_plain([str(tmp_path)], tmp_path / "w.duckdb", workers=1)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        text = stats_text(con, rows=0)
    assert "whose publication date could not be read: 2" in text
    assert "ambiguous day/month order in '…': give a locale: 2" in text
    assert "names no publication date" not in text
    (tmp_path / "a3.txt").write_text(f"{body} Undated.\n", encoding="utf-8")
    run_plain([str(tmp_path)], tmp_path / "w.duckdb", workers=1)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        text = stats_text(con, rows=0)
    # Was: counted nowhere (neither dated nor an error), so only a hand-written query found it.
    assert "whose input names no publication date: 1" in text


def test_stats_does_not_show_a_running_runs_zeros_as_its_counts(tmp_path: Path) -> None:
    # A review: after a kill -9 (and before the next run closes it) stats read "running: seen 0,
    # loaded 0" for a run that had loaded 960 articles.
    import subprocess
    import sys

    import duckdb

    from flows.ingest import run_plain, start_run
    from flows.report import stats_text
    from warehouse.db import reading

    (tmp_path / "in").mkdir()
    db = tmp_path / "w.duckdb"
    run_plain([str(tmp_path / "in")], db, workers=1)
    run_id = start_run(db, ["x"], "ingest", None)  # this process: alive
    with reading(db) as con:
        assert "still running: its counts are written when it ends" in stats_text(con, rows=0)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    con = duckdb.connect(str(db))
    try:
        con.execute(
            "UPDATE runs SET pid = ?, pid_started = NULL WHERE run_id = ?", [int(gone.stdout), run_id]
        )
    finally:
        con.close()
    with reading(db) as con:
        text = stats_text(con, rows=0)
    # Not "(killed?)": a run that ended on a lock error could not record its end either (review).
    assert "running, but its process is gone (killed, or it stopped while the database was locked" in text
    assert "seen 0" not in text


def test_a_flow_run_s_ingest_summary_keeps_its_re_derived_duplicates() -> None:
    from datetime import UTC, datetime

    from flows.cli import _summary_from_dict
    from flows.ingest import Summary
    from flows.report import summary_text

    s = Summary(
        run_id="r",
        db="w.duckdb",
        inputs=["in"],
        counts=Counts(loaded=2, reasons=Counter()),
        files=2,
        ignored_files=0,
        started_at=datetime(2024, 3, 12, tzinfo=UTC),
        finished_at=datetime(2024, 3, 12, 0, 0, 1, tzinfo=UTC),
        repaired=Counts(loaded=1, duplicate=1),
    )
    again = _summary_from_dict(s.as_dict())
    # Was dropped on the Prefect path: no "re-derived ..." line, and --json said 0 (found by review).
    assert again.repaired.totals() == s.repaired.totals()
    assert "re-derived 2 duplicates whose article changed" in summary_text(again) == summary_text(s)


def test_stats_says_the_last_run_had_problems(tmp_path: Path) -> None:
    # A review: a run that exited 3 with two problems read "completed" in stats, like a clean one.
    from flows.ingest import run_plain
    from flows.report import stats_text
    from warehouse.db import reading

    (tmp_path / "in").mkdir()
    db = tmp_path / "w.duckdb"
    run_plain([str(tmp_path / "in"), str(tmp_path / "missing")], db, workers=1)
    with reading(db) as con:
        text = stats_text(con, rows=0)
    assert "completed with 1 problem: seen 1" in text, text
    assert "    problem: " in text and "missing" in text.split("problem: ", 1)[1]
    run_plain([str(tmp_path / "in")], db, workers=1)
    with reading(db) as con:
        text = stats_text(con, rows=0)
    assert "completed: seen 0" in text and "problem" not in text


def test_stats_shows_known_duplicates_under_documents_not_as_a_table(tmp_path: Path) -> None:
    # Review: "duplicates 0" stood among the tables' counts, and `SELECT ... FROM duplicates` failed.
    from flows.ingest import run_plain
    from flows.report import stats_text
    from warehouse.db import reading

    (tmp_path / "in").mkdir()
    body = "The council approved the budget on Tuesday night after a long debate that ran late."
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text(f"{body}\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run_plain([str(tmp_path / "in")], db, workers=1)
    with reading(db) as con:
        lines = stats_text(con, rows=0).splitlines()
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    at = next(i for i, line in enumerate(lines) if line.split()[0] == "documents")
    assert lines[at : at + 2] == ["  documents         2", "    of which known duplicates: 1"]
    assert all(
        line.split()[0] in tables
        for line in lines[1 : at + 4]
        if line.startswith("  ") and not line.startswith("   ")
    )
