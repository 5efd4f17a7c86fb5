"""``wirehouse parse-date``: one JSON object per input, exit 2 with one stderr line for bad arguments."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from flows.dates_cli import FIELDS, register

ROOT = Path(__file__).resolve().parent.parent


def call(argv: list[str], stdin: str = "") -> tuple[int, list[dict[str, object]]]:
    parser = argparse.ArgumentParser(prog="wirehouse")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["parse-date", *argv])
    out = io.StringIO()
    code = args.handler(args, stdin=io.StringIO(stdin), stdout=out)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_single_string_prints_one_json_object() -> None:
    code, rows = call(["2022-10-12 12 October 2022 14:23 (UTC+04:00)", "--ref", "2022-10-13T00:00:00Z"])
    assert code == 0
    assert rows == [
        {
            "input": "2022-10-12 12 October 2022 14:23 (UTC+04:00)",
            "utc": "2022-10-12T10:23:00Z",
            "offset_minutes": 240,
            "precision": "minute",
            "method": rows[0]["method"],
            "error": None,
        }
    ]
    assert tuple(rows[0]) == FIELDS


def test_options_reach_the_parser() -> None:
    code, rows = call(
        ["12/10/2022", "--locale", "en_US", "--tz", "America/New_York", "--ref", "2023-01-01T00:00Z"]
    )
    assert code == 0 and rows[0]["utc"] == "2022-12-10T05:00:00Z" and rows[0]["offset_minutes"] is None
    code, rows = call(["3 hours ago", "--ref", "2022-10-14T12:00:00+00:00"])
    assert rows[0]["utc"] == "2022-10-14T09:00:00Z"


def test_unparseable_string_is_exit_0_with_the_reason() -> None:
    code, rows = call(["no date here", "--ref", "2023-01-01T00:00:00Z"])
    assert code == 0 and rows[0]["utc"] is None and rows[0]["error"] == "no date found"


def test_stdin_lines_in_order_with_locale_and_ref_per_line() -> None:
    lines = "\n".join(
        [
            "12/10/2022\ten_US\t2023-01-01T00:00:00Z",
            "12/10/2022\ten_GB\t2023-01-01T00:00:00Z",
            "вчера в 14:05\tru\t2022-10-14T12:00:00Z",
            "12 October 2022",
            "3 hours ago\t\tnot-a-time",
            "",
        ]
    )
    code, rows = call(["--stdin", "--ref", "2023-06-01T00:00:00Z"], stdin=lines + "\n")
    assert code == 0
    assert [r["utc"] for r in rows] == [
        "2022-12-10T00:00:00Z",
        "2022-10-12T00:00:00Z",
        "2022-10-13T14:05:00Z",
        "2022-10-12T00:00:00Z",
        None,
        None,
    ]
    assert [r["input"] for r in rows][:2] == ["12/10/2022", "12/10/2022"]
    assert "bad reference time" in str(rows[4]["error"])
    assert rows[5]["error"] == "empty date string"


@pytest.mark.parametrize(
    "argv",
    [
        ["12 October 2022", "--tz", "Mars/Olympus_Mons"],
        ["12 October 2022", "--ref", "yesterday-ish"],
        ["12/10/2022", "--locale", "english"],
        ["12/10/2022", "--locale", "xx"],
        ["12/10/2022", "--locale", "US"],  # a region alone would be read as the language "us"
        ["12/10/2022", "--locale", "en-Latn-GB"],  # the parser would not see the region after a script
        ["12/10/2022", "--locale", "en-USA"],
        [],
        ["12 October 2022", "--stdin"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = call(argv)
    err = capsys.readouterr().err
    assert code == 2 and rows == []
    assert err.count("\n") == 1 and err.startswith("wirehouse: error: ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("locale", "utc"),
    [
        ("en", "2022-12-10T00:00:00Z"),
        ("en-US", "2022-12-10T00:00:00Z"),
        ("en_us", "2022-12-10T00:00:00Z"),
        ("en_GB", "2022-10-12T00:00:00Z"),
        ("en_GB.UTF-8", "2022-10-12T00:00:00Z"),
        ("fr", "2022-10-12T00:00:00Z"),
        ("de-AT", "2022-10-12T00:00:00Z"),
        ("es-419", "2022-10-12T00:00:00Z"),
        ("pl", "2022-10-12T00:00:00Z"),  # no rules of our own: dateparser's language
    ],
)
def test_locales_the_parser_reads_are_accepted(locale: str, utc: str) -> None:
    code, rows = call(["12/10/2022", "--locale", locale, "--ref", "2023-01-01T00:00Z"])
    assert code == 0 and rows[0]["utc"] == utc


def test_bad_locale_names_how_to_spell_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert call(["12/10/2022", "--locale", "english"]) == (2, [])
    err = capsys.readouterr().err
    assert err.startswith("wirehouse: error: unknown locale 'english': use a language code, optionally")
    assert "en_GB, en-US" in err
    # on stdin a bad locale is that line's error, like a bad reference time
    code, rows = call(["--stdin"], stdin="12/10/2022\tenglish\n12/10/2022\ten_GB\n")
    assert code == 0 and rows[0]["utc"] is None and "unknown locale 'english'" in str(rows[0]["error"])
    assert rows[1]["utc"] == "2022-10-12T00:00:00Z"


def test_module_entry_point() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.dates_cli",
            "Wed, 12 Oct 2022 14:23:00 +0400",
            "--ref",
            "2023-01-01T00:00Z",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["utc"] == "2022-10-12T10:23:00Z"
    bad = subprocess.run(
        [sys.executable, "-m", "flows.dates_cli", "x", "--tz", "Nowhere/Land"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and bad.stdout == ""


def test_several_strings_print_one_object_each_in_order() -> None:
    # Only one string was taken: a second one was "unrecognized arguments" (exit 2).
    code, rows = call(["12 ต.ค. 2565", "no date here", "2022-10-12", "--ref", "2023-01-01T00:00:00Z"])
    assert code == 0
    assert [r["input"] for r in rows] == ["12 ต.ค. 2565", "no date here", "2022-10-12"]
    assert [r["utc"] for r in rows] == ["2022-10-12T00:00:00Z", None, "2022-10-12T00:00:00Z"]


def test_no_string_and_no_stdin_is_exit_2() -> None:
    assert call([])[0] == 2
    assert call(["12 October 2022", "--stdin"], stdin="12 October 2022\n")[0] == 2
