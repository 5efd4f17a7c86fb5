"""Human-readable summaries of runs and of the warehouse: text for the terminal, markdown for Prefect."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb

from . import run_owner
from .ingest import Summary
from .load import Counts
from .repair import describe
from .wording import counted


def took(started_at: datetime, finished_at: datetime | None) -> list[str]:
    """A run summary's last line, once the run has finished."""
    return [f"  took {(finished_at - started_at).total_seconds():.1f} s"] if finished_at else []


def heading(title: str, flow_run_id: str | None) -> str:
    """A run summary's first line, with the Prefect flow run that made it (to find it in the UI)."""
    return f"{title} (Prefect flow run {flow_run_id})" if flow_run_id else title


def count_lines(rows: Iterable[tuple[str, int]]) -> list[str]:
    """One aligned line per outcome (``Counts.rows()``), as every run summary prints them."""
    return [f"  {name:<10} {value:>8,}" for name, value in rows]


def reason_lines(reasons: Mapping[str, int]) -> list[str]:
    """Rejects by stage/reason, the most frequent first: what to look at first."""
    ordered = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    return [f"    rejected {reason}: {n:,}" for reason, n in ordered]


def repaired_lines(repaired: Counts) -> list[str]:
    return [f"  {describe(repaired)}"] if repaired.seen else []


def reasons_markdown(reasons: Mapping[str, int], noun: str = "inputs") -> list[str]:
    """The markdown section of rejects by stage/reason (nothing when there are none)."""
    if not reasons:
        return []
    rows = [f"| {reason} | {n:,} |" for reason, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))]
    return ["", "## Rejected, by reason", "", f"| stage/reason | {noun} |", "|---|---:|", *rows]


def repaired_markdown(repaired: Counts) -> list[str]:
    return ["", describe(repaired) + "."] if repaired.seen else []


def summary_text(s: Summary) -> str:
    lines = [heading(f"Ingest run {s.run_id} into {s.db}", s.flow_run_id)]
    lines.append(
        f"  files found: {s.files:,}"
        + (f", ignored (not article files): {ignored(s)}" if s.ignored_files else "")
    )
    lines += count_lines(s.counts.rows()) + reason_lines(s.counts.reasons) + repaired_lines(s.repaired)
    for problem in s.problems:
        lines.append(f"  ! {problem}")
    if not s.files and not s.problems:
        # A note, not a "!" problem line: the run succeeded (exit 0); a review read "!" as a failure.
        lines.append(f"  note: {no_files_note()}")
    lines += took(s.started_at, s.finished_at)
    return "\n".join(lines)


def ignored(s: Summary) -> str:
    """``1 (sources.toml)``, ``12 (a.md, b.csv, notes/c.toml, ...)``: which files, so none is a mystery."""
    more = ", ..." if s.ignored_files > len(s.ignored_names) else ""
    return (
        f"{s.ignored_files:,} ({', '.join(s.ignored_names)}{more})"
        if s.ignored_names
        else f"{s.ignored_files:,}"
    )


def _cell(text: str) -> str:
    """Text for one markdown table cell: one line, pipes escaped, at most 160 characters."""
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= 160 else text[:159] + "…"


def no_files_note() -> str:
    """Said when the inputs held no article file: a folder of .md or .csv files is not an error, but a run
    that read nothing should not look like one that found everything unchanged."""
    from .read import EXPECTED_SUFFIXES

    return f"no article files in the inputs (looked for {EXPECTED_SUFFIXES})"


def summary_markdown(s: Summary, *, failed: bool = False) -> str:
    out = [
        "# Ingest summary" + (" (the run failed: these counts are what it committed)" if failed else ""),
        "",
        f"Run `{s.run_id}` into `{s.db}` from {', '.join(f'`{i}`' for i in s.inputs)}.",
        "",
        f"Files found: {s.files:,}"
        + (f", ignored (not article files): {ignored(s)}" if s.ignored_files else ""),
        "",
        "| outcome | inputs |",
        "|---|---:|",
        *(f"| {name} | {value:,} |" for name, value in s.counts.rows()),
    ]
    out += repaired_markdown(s.repaired) + reasons_markdown(s.counts.reasons)
    if s.problems:
        out += ["", "## Paths that could not be used", ""] + [f"- {p}" for p in s.problems]
    if not s.files and not s.problems:
        out += ["", no_files_note()]
    if s.rejected_examples:
        shown = len(s.rejected_examples)
        out += [
            "",
            f"## Rejected inputs{' (the first ' + str(shown) + ')' if shown < s.counts.rejected else ''}",
            "",
        ]
        out += ["| input | stage/reason | detail |", "|---|---|---|"]
        out += [f"| `{_cell(o)}` | {r} | {_cell(d)} |" for o, r, d in s.rejected_examples]
    return "\n".join(out) + "\n"


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    """A plain aligned text table; long cells are shortened with an ellipsis. Widths are terminal columns:
    Chinese, Japanese and Korean characters and most emoji take two, combining marks none."""

    def cell(v: Any) -> str:
        text = _shown(v)
        text = " ".join(text.split())
        return text if _width(text) <= max_width else _cut(text, max_width - 1) + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in body]) for i, c in enumerate(columns)]
    line = "  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    rendered = [line, rule] + ["  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(rendered)


def _shown(v: Any, nested: bool = False) -> str:
    """A value as the duckdb shell shows it: lists and structs of values, not of Python reprs
    ("[datetime.datetime(2022, 10, 12, ...)]" was what `list(published_at)` printed); inside them a string
    in quotes, so that ['a, b', NULL, 'NULL'] is not [a, b, NULL, NULL]."""
    if v is None:
        return "NULL"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_shown(x, True) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_shown(k, True)}: {_shown(x, True)}" for k, x in v.items()) + "}"
    if nested and isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    return str(v)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\u200e\u200f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    return len(text) if text.isascii() else sum(_char_width(ch) for ch in text)


def _cut(text: str, width: int) -> str:
    if text.isascii():
        return text[:width]
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


MAX_PROBLEMS_SHOWN = 5  # of the last run's problems, under its line

STATS_QUERIES: tuple[tuple[str, str], ...] = (
    ("articles", "SELECT count(*) FROM articles"),
    ("documents", "SELECT count(*) FROM documents"),
    ("duplicates", "SELECT count(*) FROM documents WHERE status = 'duplicate'"),
    ("rejects", "SELECT count(*) FROM rejects"),
    ("authors", "SELECT count(*) FROM authors"),
    ("runs", "SELECT count(*) FROM runs"),
)
LATEST_ARTICLES = (
    "SELECT published_at, published_offset_minutes AS offset_min, authors, title, language AS lang, "
    "word_count AS words, left(body, 60) AS body FROM articles ORDER BY published_at DESC NULLS LAST, "
    "article_id LIMIT ?"
)


def stats_text(con: duckdb.DuckDBPyConnection, rows: int = 5) -> str:
    counts = [(name, int(con.execute(sql).fetchone()[0])) for name, sql in STATS_QUERIES]  # type: ignore[index]
    reasons = con.execute("SELECT stage, reason, inputs FROM reject_summary").fetchall()
    try:  # a view of a later version than the file (read-only commands do not migrate): skipped
        undated = con.execute("SELECT reason, articles FROM date_error_summary LIMIT 5").fetchall()
    except duckdb.CatalogException:
        undated = []
    out = ["Warehouse contents"]
    for name, value in counts:
        if name == "duplicates":  # no table: the documents that are known duplicates, under that count
            out.append(f"    of which known duplicates: {value:,}")
            continue
        out.append(f"  {name:<10} {value:>8,}")
        if name == "articles" and undated:  # loaded, with why their date could not be read
            row = con.execute("SELECT count(*) FROM articles WHERE published_error IS NOT NULL").fetchone()
            out.append(f"    whose publication date could not be read: {row[0] if row else 0:,}")
            out += [f"      {reason}: {n:,}" for reason, n in undated]
        if name == "articles":  # neither dated nor an error: the input named no date at all
            row = con.execute(
                "SELECT count(*) FROM articles WHERE published_at IS NULL AND published_error IS NULL"
            ).fetchone()
            if row and row[0]:
                out.append(f"    whose input names no publication date: {row[0]:,}")
        if name == "rejects":  # the breakdown sits under the line it breaks down
            out += [f"    {stage}/{reason}: {n:,}" for stage, reason, n in reasons]
    rederived = "rederived, rederived_loaded, rederived_duplicate, rederived_rejected"
    has_rederived = con.execute(  # a warehouse from before migration 006, opened read-only, has none
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'runs' AND column_name = 'rederived'"
    ).fetchone()
    if not (has_rederived and has_rederived[0]):
        rederived = "0, 0, 0, 0"
    has_problems = con.execute(  # migration 009
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'runs' AND column_name = 'problems'"
    ).fetchone()
    problems = "problems" if has_problems and has_problems[0] else "[]::VARCHAR[]"
    last = con.execute(
        "SELECT started_at, status, seen, loaded, updated, unchanged, duplicate, rejected, "
        f"{rederived}, {problems} FROM runs ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    if last and last[1] == "running":
        # Its counts are written at its end: zeros now would read as a run that did nothing.
        gone = _owner_gone(con, last[0])
        out.append(
            f"  last run {last[0]:%Y-%m-%d %H:%M:%S} UTC, "
            + (
                # Killed, or ended on an error while another process held the database, so that it could
                # not record its end (the command said so): "killed?" was a guess, wrong for the latter.
                "running, but its process is gone (killed, or it stopped while the database was locked and "
                "could not record its end): what it loaded is kept, and the next run closes it as failed "
                "and finishes the work"
                if gone
                else "still running: its counts are written when it ends"
            )
        )
    elif last:
        # A run that finished with problems (exit code 3) is "completed" in ``runs``: say so (review).
        issues = list(last[12] or [])
        status = f"{last[1]} with {counted(len(issues), 'problem')}" if issues else last[1]
        out.append(
            f"  last run {last[0]:%Y-%m-%d %H:%M:%S} UTC, {status}: seen {last[2]:,}, loaded {last[3]:,}, "
            f"updated {last[4]:,}, unchanged {last[5]:,}, duplicate {last[6]:,}, rejected {last[7]:,}"
        )
        out += [f"    problem: {p}" for p in issues[:MAX_PROBLEMS_SHOWN]]
        if len(issues) > MAX_PROBLEMS_SHOWN:
            out.append(f"    ... and {len(issues) - MAX_PROBLEMS_SHOWN:,} more (SELECT problems FROM runs)")
        if last[8]:
            out.append(
                f"    then re-derived {counted(last[8], 'duplicate')} whose article changed: {last[9]:,} now the "
                f"article, {counted(last[10], 'duplicate')} of another, {last[11]:,} rejected"
            )
    if rows > 0:
        cur = con.execute(LATEST_ARTICLES, [rows])
        columns = [d[0] for d in cur.description or []]
        out += ["", f"Latest {rows} articles:", format_table(columns, cur.fetchall())]
    return "\n".join(out)


def _owner_gone(con: duckdb.DuckDBPyConnection, started_at: datetime) -> bool:
    """Whether the running run started at ``started_at`` lost its process (a warehouse from before
    migration 007 has no owner columns: taken as alive)."""
    try:
        row = con.execute(
            "SELECT host, pid, pid_started FROM runs WHERE started_at = ? AND status = 'running'",
            [started_at],
        ).fetchone()
    except duckdb.Error:
        return False
    return row is not None and not run_owner.alive(row[0], row[1], row[2])
