"""``wirehouse extract``: one JSON line per input, errors in the line, usage errors as one stderr line."""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, as_unprivileged

from flows.extract_cli import register

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
NEWS = FIXTURES / "news_jsonld_graph.html"


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="wirehouse")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["extract", *argv])
    code: int = args.handler(args)
    return code


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_one_file_prints_warehouse_columns(capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://courier.example/news/2024/03/05/council-approves-tram-line"
    assert run([str(NEWS), "--url", url]) == 0
    (row,) = lines(capsys.readouterr().out)
    assert row["error"] is None and row["path"] == str(NEWS) and row["url"] == url
    assert row["title"] == "Council approves new tram line to the harbour"
    assert row["published_at"] == "2024-03-05T09:30:00Z"
    assert row["published_offset_minutes"] == 0
    assert row["published_text"] == "2024-03-05T09:30:00+00:00"
    assert row["published_evidence"] == "json-ld"
    assert row["modified_at"] == "2024-03-05T14:05:00Z"
    assert row["authors"] == ["Amira Hassan", "Tom Reilly"]
    for column in (
        "language",
        "site_name",
        "canonical_url",
        "section",
        "tags",
        "description",
        "lead_image_url",
        "body",
        "is_truncated",
        "paywalled",
        "encoding",
    ):
        assert column in row
    assert isinstance(row["body"], str) and "\n\n" in row["body"]


def test_directory_gz_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(NEWS, tmp_path / "a.html")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress((FIXTURES / "blog_microdata.html").read_bytes()))
    (tmp_path / "c.htm").write_bytes(b"")
    (tmp_path / "d.html.gz").write_bytes(b"not gzip at all")
    (tmp_path / "notes.txt").write_text("ignored: not an HTML name")
    assert run([str(tmp_path)]) == 0
    rows = lines(capsys.readouterr().out)
    assert [Path(str(r["path"])).name for r in rows] == ["a.html", "b.html.gz", "c.htm", "d.html.gz"]
    assert rows[0]["error"] is None and rows[1]["error"] is None
    assert rows[1]["title"] == "Spring pruning, step by step"
    assert str(rows[2]["error"]).startswith("decode/empty")
    assert str(rows[3]["error"]).startswith("read/corrupt_gzip")
    assert "body" not in rows[2]


def test_stdin_paths_with_urls(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin = f"{NEWS}\thttps://courier.example/x\n\n{FIXTURES / 'missing.html'}\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert run(["--stdin"]) == 3  # one path could not be read: finished, but not everything
    rows = lines(capsys.readouterr().out)
    assert rows[0]["url"] == "https://courier.example/x" and rows[0]["error"] is None
    assert rows[1]["url"] is None and str(rows[1]["error"]).startswith("read/missing_path")


def test_a_stdin_line_with_a_bad_url_is_that_line_s_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{NEWS}\tnot-a-url\n{NEWS}\n"))
    assert run(["--stdin"]) == 3
    rows = lines(capsys.readouterr().out)
    # Was: ignored, the page's own URL used, exit 0 (the same value as --url is a usage error).
    assert rows[0]["error"] == "read/bad_url: 'not-a-url' is not an absolute http(s) URL"
    assert rows[1]["error"] is None


def test_a_quoted_glob_is_expanded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.html").write_bytes(NEWS.read_bytes())
    assert run([str(tmp_path / "*.html"), str(tmp_path / "none" / "*.html")]) == 3
    rows = lines(capsys.readouterr().out)
    assert rows[0]["path"] == str(tmp_path / "a.html") and rows[0]["error"] is None
    assert (
        rows[1]["error"] == f"read/missing_path: no file or directory matches: {tmp_path / 'none' / '*.html'}"
    )
    assert run([str(tmp_path / "none" / "*.html")]) == 2  # nothing named exists: a typo


def test_missing_paths_exit_as_the_readme_says(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """2 when no named path exists (a typo), 3 when some could not be read but the others were."""
    assert run([str(tmp_path / "nonexist.html")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"wirehouse: error: no such file or directory: {tmp_path / 'nonexist.html'}\n"
    assert run([str(tmp_path / "nonexist.html"), str(NEWS)]) == 3
    rows = lines(capsys.readouterr().out)
    assert str(rows[0]["error"]).startswith("read/missing_path") and rows[1]["error"] is None
    (tmp_path / "empty.html").write_bytes(b"")  # read, but no article in it: not a failure of the command
    assert run([str(tmp_path / "empty.html")]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--url", "https://x.example/", "a.html", "b.html"],
        [str(NEWS), "--locale", "english"],
        [str(NEWS), "--locale", "US"],
        [str(NEWS), "--tz", "Mars/Olympus_Mons"],
        [str(NEWS), "--url", "not a url"],  # was echoed as the page's URL
        [str(NEWS), "--url", "ftp://x.example/a"],
    ],
)
def test_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("wirehouse: error: ") and captured.err.count("\n") == 1


PAGE_WITH_FURNITURE = """<html><head><title>Harbour tram approved</title></head><body><article>
<h1>Harbour tram approved</h1>
<p>The city council approved the harbour tram line on Tuesday evening after a long debate.</p>
<p>Construction starts next spring and the first trams should run along the quay in 2027.</p>
<p>Residents had asked for a quieter route past the school, and the final plan follows it.</p>
<p>Download our app for the latest news.</p>
</article></body></html>"""


def test_prints_what_ingest_would_load_and_raw_what_the_extractor_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "tram.html"
    page.write_text(PAGE_WITH_FURNITURE, encoding="utf-8")
    assert run([str(page)]) == 0
    (cleaned,) = lines(capsys.readouterr().out)
    assert run([str(page), "--raw"]) == 0
    (raw,) = lines(capsys.readouterr().out)
    assert "our app" in str(raw["body"]) and "our app" not in str(cleaned["body"])
    assert str(cleaned["body"]).endswith("the final plan follows it.")
    assert cleaned["word_count"] == len(str(cleaned["body"]).split()) < raw["word_count"]  # type: ignore[operator]
    assert cleaned["encoding"] == raw["encoding"] == "utf-8"


def test_a_page_cleaning_rejects_is_an_error_line_and_raw_shows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "short.html"
    body = "<p>The council met on Tuesday evening.</p><p>Download our app for the latest news.</p>"
    page.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    assert run([str(page)]) == 0  # a page without an article is not a failure of the command
    (row,) = lines(capsys.readouterr().out)
    assert str(row["error"]).startswith("clean/") and "body" not in row
    assert run([str(page), "--raw"]) == 0
    (raw,) = lines(capsys.readouterr().out)
    assert raw["error"] is None and "council met" in str(raw["body"])


def test_dates_count_from_when_the_page_was_saved_as_in_ingest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    from datetime import UTC, datetime

    page = tmp_path / "old.html"
    page.write_text(
        PAGE_WITH_FURNITURE.replace(
            "<title>", '<meta property="article:published_time" content="December 30"><title>'
        ),
        encoding="utf-8",
    )
    saved = datetime(2022, 6, 1, tzinfo=UTC).timestamp()
    os.utime(page, (saved, saved))
    assert run([str(page)]) == 0
    (row,) = lines(capsys.readouterr().out)
    # Was: counted from now (as no ingest would), giving last December instead of 2021's.
    assert row["published_at"] == "2021-12-30T00:00:00Z"


def test_the_url_is_the_one_ingest_stores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Was (found by review): the URL as typed, and None for a page read without one, while ingest stores
    # the given URL normalised, else the page's canonical one.
    import duckdb

    from flows.ingest import run_plain

    page = tmp_path / "in" / "news.html"
    page.parent.mkdir()
    html = NEWS.read_text(encoding="utf-8")
    page.write_text(html.replace('href="/news/', 'href="https://Courier.example/news/', 1), encoding="utf-8")
    run_plain([str(page.parent)], tmp_path / "w.duckdb", workers=1)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        ((stored,),) = con.execute("SELECT url FROM articles").fetchall()
    assert stored == "https://courier.example/news/2024/03/05/council-approves-tram-line"
    assert run([str(page)]) == 0
    (row,) = lines(capsys.readouterr().out)
    assert row["url"] == stored
    assert run([str(page), "--url", "https://Courier.EXAMPLE/x?utm_source=feed#top"]) == 0
    (row,) = lines(capsys.readouterr().out)
    assert row["url"] == "https://courier.example/x"


def test_a_folder_without_html_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Title: A\n\nSome text.\n")
    assert run([str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no HTML files" in captured.err and "wirehouse ingest" in captured.err


def test_a_name_too_long_is_an_unreadable_input_not_an_unexpected_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Path.is_dir raised "File name too long" (and, in a folder that cannot be entered, PermissionError):
    # 'unexpected error', exit 1. Now the path is one result saying why it cannot be read, as ingest says.
    shutil.copy(NEWS, tmp_path / "ok.html")
    too_long = tmp_path / ("a" * 300 + ".html")
    assert run([str(too_long), str(tmp_path / "ok.html")]) == 3
    first, second = lines(capsys.readouterr().out)
    assert first["path"] == str(too_long)
    assert str(first["error"]).startswith("read/unreadable:") and "File name too long" in str(first["error"])
    assert second["error"] is None and second["title"]


def test_a_page_in_a_folder_that_cannot_be_entered_is_an_unreadable_input(tmp_path: Path) -> None:
    (tmp_path / "locked" / "sub").mkdir(parents=True)
    shutil.copy(NEWS, tmp_path / "locked" / "sub" / "a.html")
    (tmp_path / "locked").chmod(0)
    try:
        done = subprocess.run(
            as_unprivileged(
                [sys.executable, "-m", "flows.cli", "extract", str(tmp_path / "locked" / "sub" / "a.html")]
            ),
            cwd=ROOT,
            env={**os.environ, "WIREHOUSE_NO_PREFECT": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert done.returncode == 3, done.stderr
    (row,) = lines(done.stdout)
    assert str(row["error"]).startswith("read/unreadable:") and "Permission denied" in str(row["error"])
    assert "unexpected error" not in done.stderr
