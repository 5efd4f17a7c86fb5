"""Finding and reading input files."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, as_unprivileged

from flows.errors import RejectInput
from flows.read import (
    SUFFIX_KINDS,
    InputFile,
    discover,
    kind_of,
    named_path_exists,
    read_bytes,
    split_documents,
)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("A.TXT", "text"),
        ("a.txt.gz", "text"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson.gz", "jsonl"),
        ("a.html", "html"),
        ("a.htm.gz", "html"),
        ("a.md", None),
        ("a.gz", None),
        ("sources.toml", None),
        ("notes.txt/readme", None),  # a dot in a folder name is not a suffix
        ("v1.2/story.html", "html"),
        ("story.txt.bak", None),
        ("story.html.gz.gz", None),
    ],
)
def test_kind_of(name: str, kind: str | None) -> None:
    assert kind_of(name) == kind


def test_discover_walks_sorted_skips_hidden_and_counts_ignored(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.jsonl").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / ".git" / "x.txt").write_text("x")
    (tmp_path / "README.md").write_text("x")
    d = discover([tmp_path, tmp_path / "1.jsonl"])  # named twice: read once
    assert [Path(f.path).relative_to(tmp_path).as_posix() for f in d.files] == ["1.jsonl", "b/2.txt"]
    assert d.ignored == 1
    assert d.problems == []


def test_discover_lists_a_folders_files_before_its_subfolders_and_skips_linked_folders(
    tmp_path: Path,
) -> None:
    root = tmp_path / "in"
    (root / "m" / "n").mkdir(parents=True)
    (root / "z.txt").write_text("x")
    (root / "m" / "b.txt").write_text("x")
    (root / "m" / "n" / "a.txt").write_text("x")
    (root / "m" / "c.html.gz").write_bytes(b"x")
    (root / "a.txt").symlink_to(root / "z.txt")  # a linked file is read
    (root / "gone.txt").symlink_to(root / "missing.txt")  # a broken link is an unreadable input
    (root / "linked").symlink_to(root / "m", target_is_directory=True)  # not walked twice
    (root / "notes.d").mkdir()
    (root / "notes.d" / "README").write_text("x")
    d = discover([root])
    assert [Path(f.path).relative_to(root).as_posix() for f in d.files] == [
        "a.txt",
        "z.txt",
        "m/b.txt",
        "m/c.html.gz",
        "m/n/a.txt",
    ]
    assert [(p.reason, Path(p.path).name) for p in d.problems] == [("unreadable", "gone.txt")]
    # Was "No such file or directory" about a file that is listed (found by review).
    assert d.problems[0].detail.endswith(
        f"gone.txt: a symbolic link to {root / 'missing.txt'}, which cannot be opened (No such file or directory)"
    )
    assert d.ignored == 1
    assert {f.size_bytes for f in d.files} == {1}


def test_a_file_name_that_is_not_utf8_is_reported_not_read(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("x")
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as fh:
        fh.write(b"x")
    d = discover([tmp_path])
    assert [Path(f.path).name for f in d.files] == ["ok.txt"]
    (problem,) = d.problems
    assert (problem.reason, problem.path) == ("undecodable_name", f"{tmp_path}/caf\\xe9.txt")
    assert problem.detail.endswith("the file name is not UTF-8; rename the file")
    problem.path.encode("utf-8")  # storable


def test_discover_reports_missing_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    d = discover([tmp_path / "nope", tmp_path / "x.pdf", tmp_path / "x.pdf"])  # named twice: one reject
    assert [(p.reason, Path(p.path).name) for p in d.problems] == [
        ("missing_path", "nope"),
        ("unsupported_type", "x.pdf"),
    ]
    assert all(p.detail for p in d.problems)


def test_a_glob_pattern_is_expanded(tmp_path: Path) -> None:
    # A files source's "path" may be a glob (seeds/sources.toml says so), and a flow run's paths typed in
    # Prefect's UI reach no shell: "site/*.html" was "no such file or directory" (found by a crawl walk).
    (tmp_path / "site" / "deep").mkdir(parents=True)
    for name in ("b.html", "a.html", "deep/c.html", "notes.txt"):
        (tmp_path / "site" / name).write_text("x", encoding="utf-8")
    d = discover([str(tmp_path / "site" / "*.html")])
    assert [Path(f.path).name for f in d.files] == ["a.html", "b.html"] and not d.problems
    d = discover([str(tmp_path / "site" / "**" / "*.html")])
    assert [Path(f.path).name for f in d.files] == ["a.html", "b.html", "c.html"]
    d = discover([str(tmp_path / "site" / "*.jsonl")])
    assert not d.files and [(p.reason, p.detail) for p in d.problems] == [
        ("missing_path", f"{tmp_path / 'site' / '*.jsonl'}: no file or directory matches")
    ]
    # A name that exists is taken as written, whatever its characters.
    (tmp_path / "odd[1].txt").write_text("x", encoding="utf-8")
    assert [Path(f.path).name for f in discover([str(tmp_path / "odd[1].txt")]).files] == ["odd[1].txt"]


def test_a_folder_that_cannot_be_listed_is_a_problem_not_silence(tmp_path: Path) -> None:
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("x")
    (tmp_path / "in" / "locked" / "b.txt").write_text("x")
    (tmp_path / "in" / "locked").chmod(0)
    script = (
        "import sys\nfrom flows.read import discover\nd = discover(sys.argv[1:])\n"
        "print([p.rsplit('/', 1)[-1] for p in (f.path for f in d.files)])\n"
        "print([(p.reason, p.path.rsplit('/', 1)[-1]) for p in d.problems])\n"
    )
    try:
        out = subprocess.run(
            as_unprivileged([sys.executable, "-c", script, str(tmp_path / "in")]),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.splitlines()
    finally:
        (tmp_path / "in" / "locked").chmod(0o755)
    assert out == ["['a.txt']", "[('unreadable', 'locked')]"]


def test_a_name_too_long_to_look_at_is_unreadable_and_the_other_paths_are_read(tmp_path: Path) -> None:
    # A review: Path.exists raised "File name too long" and the whole run ended "unexpected error", exit 1,
    # the paths that were fine unread.
    (tmp_path / "ok.txt").write_text("x")
    long = tmp_path / ("a" * 300 + ".txt")
    d = discover([long, tmp_path / "ok.txt"])
    assert [Path(f.path).name for f in d.files] == ["ok.txt"]
    assert [(p.reason, p.detail) for p in d.problems] == [("unreadable", f"{long}: File name too long")]
    # Not a typo (exit 2, "every path named missing"): there may be something there, it cannot be looked at.
    assert named_path_exists(long)
    assert not named_path_exists(tmp_path / "missing.txt")
    assert not named_path_exists(tmp_path / "ok.txt" / "below-a-file.txt")


def test_a_named_file_in_a_folder_that_cannot_be_entered_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    # A review: "unexpected error: PermissionError", exit 1, for locked/sub/a.txt beside a readable path.
    (tmp_path / "locked" / "sub").mkdir(parents=True)
    (tmp_path / "locked" / "sub" / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "locked").chmod(0)
    script = (
        "import sys\nfrom flows.read import discover, named_path_exists\nd = discover(sys.argv[1:])\n"
        "print([p.rsplit('/', 1)[-1] for p in (f.path for f in d.files)])\n"
        "print([(p.reason, p.detail.rsplit('/', 1)[-1]) for p in d.problems])\n"
        "print(named_path_exists(sys.argv[1]))\n"
    )
    named = [str(tmp_path / "locked" / "sub" / "a.txt"), str(tmp_path / "b.txt")]
    try:
        out = subprocess.run(
            as_unprivileged([sys.executable, "-c", script, *named]),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.splitlines()
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert out == ["['b.txt']", "[('unreadable', 'a.txt: Permission denied')]", "True"]


def test_a_named_pipe_is_reported_not_read(tmp_path: Path) -> None:
    """Opening a FIFO waits for a writer forever: the whole ingest would hang on it."""
    os.mkfifo(tmp_path / "feed.txt")
    (tmp_path / "a.txt").write_text("x")
    d = discover([tmp_path, tmp_path / "feed.txt"])
    assert [Path(f.path).name for f in d.files] == ["a.txt"]
    assert [(p.reason, Path(p.path).name) for p in d.problems] == [("not_a_file", "feed.txt")]


def test_the_unsupported_type_message_names_every_suffix_read(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    (problem,) = discover([tmp_path / "x.pdf"]).problems
    for suffix, _kind in SUFFIX_KINDS:
        assert suffix.removesuffix(".gz") in problem.detail
    assert problem.detail.startswith(f"{tmp_path / 'x.pdf'}: not an article file")  # the path, as others


def _input(path: Path) -> InputFile:
    st = path.stat()
    kind = kind_of(path)
    assert kind is not None
    return InputFile(str(path), kind, st.st_size, st.st_mtime_ns)


def test_read_gzip_and_corrupt_gzip(tmp_path: Path) -> None:
    good = tmp_path / "a.txt.gz"
    good.write_bytes(gzip.compress(b"hello"))
    assert read_bytes(_input(good)) == b"hello"
    bad = tmp_path / "b.txt.gz"
    bad.write_bytes(b"\x1f\x8b\x08garbage")
    with pytest.raises(RejectInput) as exc:
        read_bytes(_input(bad))
    assert exc.value.reason == "corrupt_gzip"


def test_every_gzip_member_is_read_and_a_cut_file_is_refused(tmp_path: Path) -> None:
    joined = tmp_path / "a.jsonl.gz"  # cat a.gz b.gz: one valid gzip file of two members
    joined.write_bytes(gzip.compress(b'{"n": 1}\n') + gzip.compress(b'{"n": 2}\n'))
    assert read_bytes(_input(joined)) == b'{"n": 1}\n{"n": 2}\n'
    whole = gzip.compress(bytes(range(256)) * 200)
    for name, data in (("half.txt.gz", whole[: len(whole) // 2]), ("no-trailer.txt.gz", whole[:-8])):
        cut = tmp_path / name
        cut.write_bytes(data)
        with pytest.raises(RejectInput) as exc:
            read_bytes(_input(cut))
        assert exc.value.reason == "corrupt_gzip" and "cut short" in exc.value.detail


def test_unreadable_file_is_a_reject(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x")
    info = _input(f)
    f.unlink()
    with pytest.raises(RejectInput) as exc:
        read_bytes(info)
    assert exc.value.reason == "unreadable"


def test_jsonl_is_split_per_non_blank_line_and_known_by_url(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_bytes(
        b'{"url": "https://x.test/1", "text": "a"}\n\n{"b": 2}\r\n{"link": "https://x.test/1"}\nnot json\n'
    )
    docs = split_documents(_input(f), f.read_bytes())
    assert [(d.record_no, d.origin.split("#", 1)[1]) for d in docs] == [
        (1, "https://x.test/1"),
        (3, "L3"),  # no URL: known by its line
        (4, "L4"),  # the same URL again in this file: known by its line
        (5, "L5"),  # not JSON (the extractor rejects it)
    ]
    assert docs[1].data == b'{"b": 2}'
    assert len({d.document_id for d in docs}) == 4


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252"])
def test_a_jsonl_file_in_another_encoding_is_decoded_once_for_all_its_records(
    tmp_path: Path, encoding: str
) -> None:
    from flows.pipeline import process_document

    records = [
        f'{{"url": "https://x.test/{i}", "title": "Bridge {i}", "body": "The town’s bridge – “It’s overdue,” '
        f'said the mayor of the town on Monday evening, after the vote number {i}."}}'
        for i in range(3)
    ]
    f = tmp_path / "dump.jsonl"
    f.write_bytes("\r\n".join(records).encode(encoding))
    docs = split_documents(_input(f), read_bytes(_input(f)))
    # Split before decoding, UTF-16 fell apart after the first record; cp1252 lines were guessed one by one.
    assert [d.origin.rsplit("#", 1)[1] for d in docs] == [f"https://x.test/{i}" for i in range(3)]
    assert [d.record_no for d in docs] == [1, 2, 3]
    for i, doc in enumerate(docs):
        article = process_document(doc).article
        assert article is not None and article.title == f"Bridge {i}"
        assert article.body.startswith("The town’s bridge – “It’s overdue,”")


def test_a_jsonl_record_without_url_is_known_by_its_id_so_inserting_lines_changes_nothing(
    tmp_path: Path,
) -> None:
    f = tmp_path / "a.jsonl"
    f.write_bytes(b'{"id": 7, "text": "seven"}\n{"guid": "x-1", "text": "one"}\n{"id": true, "text": "t"}\n')
    first = split_documents(_input(f), read_bytes(_input(f)))
    assert [d.origin.rsplit("#", 1)[1] for d in first] == ["id:7", "id:x-1", "L3"]
    f.write_bytes(b'{"id": 9, "text": "new"}\n' + f.read_bytes())
    moved = split_documents(_input(f), read_bytes(_input(f)))
    assert {d.document_id for d in first[:2]} <= {d.document_id for d in moved}


_BODY = "The council approved the new tram line to the harbour on Tuesday evening after a long debate."


@pytest.mark.parametrize(
    ("name", "content", "keys"),
    [
        # one array of articles
        (
            "a.json",
            json.dumps([{"title": "A", "text": _BODY}, {"url": "https://x.test/b", "text": _BODY}]),
            ["item1", "https://x.test/b"],
        ),
        # an API dump: the list inside one object (NewsAPI's shape)
        (
            "news.json",
            json.dumps({"status": "ok", "articles": [{"url": "https://x.test/n", "content": _BODY}]}),
            ["https://x.test/n"],
        ),
        # one article object, printed over several lines, under a JSON lines name
        ("pretty.jsonl", json.dumps({"title": "P", "text": _BODY}, indent=2), ["item1"]),
        # a .jsonl file that is really one array
        ("array.jsonl", json.dumps([{"id": 4, "text": _BODY}]), ["id:4"]),
    ],
)
def test_a_file_holding_one_json_document_gives_its_records(
    tmp_path: Path, name: str, content: str, keys: list[str]
) -> None:
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    assert kind_of(f) == "jsonl"  # .json was an unsupported type
    docs = split_documents(_input(f), read_bytes(_input(f)))
    # Was: one invalid_json reject per line of a pretty-printed object, one for a whole array.
    assert [d.origin.rsplit("#", 1)[1] for d in docs] == keys
    assert all(json.loads(d.data) for d in docs)


@pytest.mark.parametrize(
    ("name", "data", "keys"),
    [
        # a lone surrogate in a .json file: was UnicodeEncodeError out of process_file, the whole run failed
        ("s.json", b'[{"text": "\\\\ud800 ' + _BODY.encode() + b'"}]', ["item1"]),
        ("s16.json", ('[{"text": "\\\\ud800 ' + _BODY + '"}]').encode("utf-16"), ["item1"]),
        # a record whose URL is literally another record's fallback key: was one origin twice, a
        # ConstraintException and a failed run
        (
            "k.jsonl",
            json.dumps({"url": "L2", "text": _BODY}).encode() + b"\n" + json.dumps({"text": _BODY}).encode(),
            ["L2", "L2'"],
        ),
        # JSON lines under a .json name: was one invalid_json reject for the whole file
        ("lines.json", b'{"text": "a"}\n{"text": "b"}\n', ["L1", "L2"]),
        # the list one level down (the Guardian's API) and a legacy code page
        ("g.json", json.dumps({"response": {"results": [{"id": "g1", "body": _BODY}]}}).encode(), ["id:g1"]),
        ("cp.json", json.dumps([{"text": "Café " + _BODY}], ensure_ascii=False).encode("cp1252"), ["item1"]),
        # jq's default output (pretty objects one after another): was one reject per line, 26 for 2 records
        (
            "jq.jsonl",
            (
                json.dumps({"id": "a", "text": _BODY}, indent=2)
                + "\n"
                + json.dumps({"id": "b", "text": _BODY}, indent=2)
            ).encode(),
            ["id:a", "id:b"],
        ),
        # an array with a trailing comma: was a reject per line, "[" and "]" included
        ("t.json", ("[\n" + json.dumps({"id": "c", "text": _BODY}) + ",\n]\n").encode(), ["id:c"]),
        # an API's response on each line (NewsAPI pages appended to a .jsonl): was one no_body reject a line
        (
            "n.jsonl",
            (
                json.dumps(
                    {
                        "status": "ok",
                        "articles": [
                            {"url": "https://e.org/1", "content": _BODY},
                            {"url": "https://e.org/2", "content": _BODY + " Two."},
                        ],
                    }
                )
                + "\n"
                + json.dumps(
                    {"status": "ok", "articles": [{"url": "https://e.org/3", "content": _BODY + " Three."}]}
                )
                + "\n"
            ).encode(),
            ["https://e.org/1", "https://e.org/2", "https://e.org/3"],
        ),
        # records each followed by a comma, one per line: read, and known by their line as before
        (
            "c.jsonl",
            (json.dumps({"text": _BODY}) + ",\n" + json.dumps({"text": _BODY + " Two."}) + ",\n").encode(),
            ["L1", "L2"],
        ),
    ],
)
def test_hostile_json_files_give_their_records(
    tmp_path: Path, name: str, data: bytes, keys: list[str]
) -> None:
    from flows.pipeline import process_file

    f = tmp_path / name
    f.write_bytes(data)
    result = process_file(_input(f))
    assert result.problem is None
    assert [p.document.origin.rsplit("#", 1)[1] for p in result.processed] == keys
    assert not [p.rejected for p in result.processed if p.rejected and p.rejected.reason == "invalid_json"]


def test_zero_padding_between_and_after_gzip_members_is_allowed(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl.gz"
    # Was: corrupt_gzip when the padding ran past a 64 KiB chunk or another member followed it.
    f.write_bytes(gzip.compress(b"a\n") + b"\0" * 10 + gzip.compress(b"b\n") + b"\0" * 200_000)
    assert read_bytes(_input(f)) == b"a\nb\n"


def test_many_gzip_members_are_all_read(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl.gz"
    f.write_bytes(gzip.compress(b"") * 5000 + gzip.compress(b'{"n": 1}\n') + b"\0" * 10)
    assert read_bytes(_input(f)) == b'{"n": 1}\n'


def _records(n: int) -> list[dict[str, str]]:
    return [{"url": f"https://x.test/{i}", "title": f"T{i}", "text": f"{_BODY} {i}"} for i in range(n)]


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        # json.dumps(records, indent=2) with one stray colon: was 32 line-by-line rejects, `#L10 ... Extra data`
        ("a.json", json.dumps(_records(3), indent=2).replace('"title":', '"title"::', 1), "line 4 column 13"),
        # cut short (a download or a copy that stopped)
        ("cut.json", json.dumps(_records(3), indent=2)[:400], "line 15 column 5"),
        # one article object, broken, and an array under a JSON lines name
        ("one.json", json.dumps(_records(1)[0], indent=2).replace(",", "", 1), "line 3 column 3"),
        (
            "array.jsonl",
            "[\n" + json.dumps(_records(2)[0]) + "\n" + json.dumps(_records(2)[1]) + "\n]",
            "line 3 column 1",
        ),
    ],
)
def test_json_that_does_not_parse_and_cannot_be_split_is_one_reject_saying_where(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    from flows.pipeline import process_file

    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    (p,) = process_file(_input(f)).processed
    assert p.document.origin == str(f) and p.rejected is not None
    assert (p.rejected.reason, p.rejected.detail.split(": ", 2)[2].split(" (char")[0]) == (
        "invalid_json",
        where,
    )


def test_a_broken_object_among_pretty_printed_ones_costs_itself_only(tmp_path: Path) -> None:
    from flows.pipeline import process_file

    good = [json.dumps(r, indent=2) for r in _records(5)]
    no_url = json.dumps({"title": "No URL", "text": f"{_BODY} Mine."}, indent=2)
    parts = [
        good[0],
        good[1].replace('"title":', '"title" oops:'),  # a stray word: lines 6-10
        no_url,  # known by its place in the stream, as before
        good[2][:-2],  # its closing brace lost: the next object starts on a line of its own
        good[3],
        good[4][:60],  # cut short at the end
    ]
    f = tmp_path / "stream.jsonl"
    f.write_text("\n".join(parts) + "\n", encoding="utf-8")
    result = process_file(_input(f))
    got = [
        (p.document.origin.rsplit("#", 1)[1], p.rejected.reason if p.rejected else None)
        for p in result.processed
    ]
    # Was: every line of the file a reject of its own, known by its line, and no record loaded.
    assert got == [
        ("https://x.test/0", None),
        ("L6", "invalid_json"),
        ("item3", None),
        ("L15", "invalid_json"),
        ("https://x.test/3", None),
        ("L24", "invalid_json"),
    ]
    assert [p.document.record_no for p in result.processed] == [1, 2, 3, 4, 5, 6]  # in order, for reprocess
    assert result.processed[1].rejected and "line 3 column 11" in result.processed[1].rejected.detail


def test_a_json_stream_whose_first_object_is_compact_and_the_next_pretty_is_a_stream(tmp_path: Path) -> None:
    from flows.pipeline import process_file

    records = _records(3)
    f = tmp_path / "mixed.json"  # under a JSON lines name, a first line that is JSON makes it JSON lines
    f.write_text(
        json.dumps(records[0])
        + "\n"
        + json.dumps(records[1], indent=2)
        + "\n"
        + json.dumps(records[2])
        + "\n",
        encoding="utf-8",
    )
    result = process_file(_input(f))
    # Was: read line by line, the pretty object's five lines each a reject.
    assert [(p.document.origin.rsplit("#", 1)[1], p.rejected) for p in result.processed] == [
        (f"https://x.test/{i}", None) for i in range(3)
    ]


@pytest.mark.parametrize(
    ("name", "lines", "keys"),
    [
        ("first.jsonl", ['{"text": "a",, "b": 1}', '{"text": "b"}', '{"text": "c"}'], ["L1", "L2", "L3"]),
        ("lines.json", ['{"text": "a"}', '{"text": "b"', '{"text": "c"}'], ["L1", "L2", "L3"]),
        ("all.jsonl", ['{"text": "a"', '{"text": "b"'], ["L1", "L2"]),
        ("array-first.jsonl", ['["a"]', '{"text": "b"', '{"text": "c"}'], ["L1", "L2", "L3"]),
    ],
)
def test_json_lines_with_broken_lines_are_still_read_line_by_line(
    tmp_path: Path, name: str, lines: list[str], keys: list[str]
) -> None:
    f = tmp_path / name
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = split_documents(_input(f), read_bytes(_input(f)))
    assert [d.origin.rsplit("#", 1)[1] for d in docs] == keys
    assert [d.data for d in docs] == [line.encode() for line in lines]  # the same documents as before


def test_a_linked_folder_out_of_the_named_one_is_walked_once(tmp_path: Path) -> None:
    from flows.read import discover

    store = tmp_path / "store"
    (store / "deep").mkdir(parents=True)
    (store / "x.txt").write_text("By Jane Doe\n\nText.\n", encoding="utf-8")
    (store / "blob123").write_text("By Jane Doe\n\nMore text.\n", encoding="utf-8")
    (store / "deep" / "back").symlink_to(tmp_path)  # a loop: walked once, not for ever
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "in").symlink_to(store)
    (linked / "again").symlink_to(store)
    # Was: a linked folder skipped without a word (0 files found).
    found = discover([linked])
    assert [Path(f.path).relative_to(linked).as_posix() for f in found.files] == ["again/x.txt"]
    # A link named directly is read by its own name's suffix (was: unsupported, by its target's).
    (linked / "article.txt").symlink_to(store / "blob123")
    assert [f.kind for f in discover([linked / "article.txt"]).files] == ["text"]


def test_a_pattern_that_matches_now_loses_its_reject(tmp_path: Path) -> None:
    from flows.read import discover

    pattern = str(tmp_path / "*.txt")
    assert [p.reason for p in discover([pattern]).problems] == ["missing_path"]
    (tmp_path / "a.txt").write_text("By Jane Doe\n\nText.\n", encoding="utf-8")
    # A pattern that matches is listed like a folder, so its "matches nothing" reject goes (it stayed).
    assert str(tmp_path / "*.txt") in discover([pattern]).folders


def _comma_records(urls: list[str]) -> bytes:
    """JSON lines records each followed by a comma (an array's items one per line, without brackets)."""
    return b"".join(
        json.dumps(
            {
                "title": f"Item {url[-2:]}",
                "url": url,
                "text": f"Item {url[-2:]}. The council approved the new budget for the town's schools on "
                "Tuesday after months of debate among its members.",
            }
        ).encode()
        + b",\n"
        for url in urls
    )


@pytest.mark.parametrize("name", ["commas.jsonl", "commas.json", "commas.jsonl.gz"])
def test_records_each_followed_by_a_comma_are_known_by_their_urls(tmp_path: Path, name: str) -> None:
    from flows.pipeline import process_file

    data = _comma_records(["https://ex.test/b1", "https://ex.test/b2"])
    f = tmp_path / name
    f.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    result = process_file(_input(f))
    # Was: path#L1 and path#L2, the key parsed without the comma the extractor reads past: a record
    # inserted above made the others new documents.
    assert [(p.document.origin, p.rejected) for p in result.processed] == [
        (f"{f}#https://ex.test/b1", None),
        (f"{f}#https://ex.test/b2", None),
    ]
    assert [p.document.data for p in result.processed] == data.splitlines()  # each record's own bytes


def _old_line_keys(db: Path, path: Path) -> None:
    """What ingest stored for records followed by commas before they were known by their URLs (the
    session's base tree, run over the same file, stored exactly these rows): ``path#L<line>``, its
    document id ``stable_id("doc", origin)``, everything else as now."""
    import duckdb

    from flows.records import stable_id

    with duckdb.connect(str(db)) as con:
        rows = con.execute("SELECT document_id, record_no FROM documents WHERE path = ?", [str(path)])
        for doc_id, line in rows.fetchall():
            origin = f"{path}#L{line}"
            new_id = stable_id("doc", origin)
            con.execute(
                "UPDATE documents SET document_id = ?, origin = ? WHERE document_id = ?",
                [new_id, origin, doc_id],
            )
            con.execute("UPDATE articles SET document_id = ? WHERE document_id = ?", [new_id, doc_id])


def _warehouse(db: Path) -> list[list[tuple[object, ...]]]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return [
            con.execute(sql).fetchall()
            for sql in (
                "SELECT origin, record_no, url, status, sha256, article_id, duplicate_by FROM documents "
                "ORDER BY origin",
                "SELECT article_id, document_id, url, title, body FROM articles ORDER BY article_id",
                "SELECT origin, reason FROM rejects ORDER BY origin",
            )
        ]


@pytest.mark.parametrize("change", ["touched", "inserted above"])
def test_records_followed_by_commas_stored_under_their_line_numbers_take_their_url_keys(
    tmp_path: Path, change: str
) -> None:
    from flows import ingest

    folder = tmp_path / "in"
    folder.mkdir()
    f = folder / "commas.jsonl"
    f.write_bytes(_comma_records(["https://ex.test/b1", "https://ex.test/b2"]))
    db = tmp_path / "old.duckdb"
    ingest.run_plain([str(folder)], db, workers=1)
    _old_line_keys(db, f)

    if change == "touched":
        os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 10**9))
        expected = (0, 0, 2, 0)
    else:
        f.write_bytes(_comma_records(["https://ex.test/b0"]) + f.read_bytes())
        # The record above is new; the two below it are the ones stored, unchanged.
        expected = (1, 0, 2, 0)
    s = ingest.run_plain([str(folder)], db, workers=1)
    fresh = tmp_path / "fresh.duckdb"
    ingest.run_plain([str(folder)], fresh, workers=1)
    # Each record once, under its URL, as a fresh ingest stores it: none a duplicate of its own old row.
    assert _warehouse(db) == _warehouse(fresh)
    assert all("#https://ex.test/b" in row[0] for row in _warehouse(db)[0])
    counts = (s.counts.loaded, s.counts.updated, s.counts.unchanged, s.counts.duplicate)
    # Inserted above: load._rekey matched by line before it had matched every record by its article, so
    # the new first record took line 1's stored document, and the run counted updated 1, duplicate 2.
    assert counts == expected
    again = ingest.run_plain([str(folder)], db, workers=1)
    assert again.counts.unchanged == again.counts.seen


@pytest.mark.parametrize("name", ["latin.jsonl", "latin.jsonl.gz"])
def test_a_json_lines_record_in_a_legacy_code_page_records_it(tmp_path: Path, name: str) -> None:
    from flows.pipeline import process_file

    line = (
        b'{"title": "L9", "url": "https://lat.ex/9", "text": "Caf\xe9 owners in the old town said on Monday '
        b'that the new parking rules had cost them many of their regular customers."}'
    )
    f = tmp_path / name
    f.write_bytes(gzip.compress(line + b"\n") if name.endswith(".gz") else line + b"\n")
    (p,) = process_file(_input(f)).processed
    # Was: utf-8, the file taken for one JSON document (its first line did not parse as bytes) and its
    # record dumped again as ASCII, where a .txt of the same bytes says cp1252.
    assert (p.encoding, p.document.data, p.rejected) == ("cp1252", line, None)
    assert p.article is not None and p.article.body.startswith("Café owners")
    assert p.document.origin == f"{f}#https://lat.ex/9"


def _old_comma_keys(db: Path, path: Path) -> None:
    """What the version before 536b958 stored for ``path``'s records followed by commas (checked against
    that tree, run over the same files): ``_old_line_keys``, and a record without a URL had its article
    keyed by that line too (``stable_id("doc", origin)``, as it still is for a record without URL or id)."""
    import duckdb

    from flows.records import stable_id

    with duckdb.connect(str(db)) as con:
        rows = con.execute(
            "SELECT origin, record_no FROM documents WHERE path = ? AND url IS NULL", [str(path)]
        ).fetchall()
        for origin, line in rows:
            old, new = stable_id("doc", f"{path}#L{line}"), stable_id("doc", origin)
            for table in ("documents", "articles", "article_authors"):
                con.execute(f"UPDATE {table} SET article_id = ? WHERE article_id = ?", [old, new])
    _old_line_keys(db, path)


def _story(n: int, body: str | None = None, **key: str) -> dict[str, str]:
    return {
        **key,
        "title": f"Story {n}",
        "text": (body or f"Body of record {n}. ") + "Some more words about the story here. " * 10,
    }


def _commas(records: list[dict[str, str]]) -> str:
    return "".join(json.dumps(r) + ",\n" for r in records)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(  # 3 articles, the old text of record 2 still live beside its edit, for good
            [_story(1, id="rid-1"), _story(2, id="rid-2")],
            [_story(1, id="rid-1"), _story(2, "Body of record 2 (corrected). ", id="rid-2")],
            id="id edited",
        ),
        pytest.param(  # 'Second A' stayed the article, where a fresh ingest has 'First A'
            [_story(1, url="https://ex.test/a"), _story(2, url="https://ex.test/a")],
            [
                _story(0, url="https://ex.test/n"),
                _story(1, url="https://ex.test/a"),
                _story(2, url="https://ex.test/a"),
            ],
            id="same URL, one inserted above",
        ),
        pytest.param(  # exit 3: B 'read/input_gone', its document and article lost until the next run
            [
                _story(1, "One body. ", url="https://ex.test/a"),
                _story(2, "One body. ", url="https://ex.test/b"),
            ],
            [
                _story(0, url="https://ex.test/n"),
                _story(1, "One body. ", url="https://ex.test/a"),
                _story(2, "One body. ", url="https://ex.test/b"),
            ],
            id="same body, one inserted above",
        ),
    ],
)
def test_records_followed_by_commas_an_older_version_keyed_by_line_are_each_taken_over_once(
    tmp_path: Path, before: list[dict[str, str]], after: list[dict[str, str]]
) -> None:
    from flows import ingest

    folder = tmp_path / "in"
    folder.mkdir()
    f = folder / "feed.jsonl"
    f.write_text(_commas(before), encoding="utf-8")
    db = tmp_path / "old.duckdb"
    ingest.run_plain([str(folder)], db, workers=1)
    _old_comma_keys(db, f)

    f.write_text(_commas(after), encoding="utf-8")
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 10**9))
    s = ingest.run_plain([str(folder)], db, workers=1)
    fresh = tmp_path / "fresh.duckdb"
    ingest.run_plain([str(folder)], fresh, workers=1)
    # Each record takes its own old row (by its bytes, or its line when it has only an id): the warehouse
    # is what a fresh ingest of the file makes, and no row is left under an old line key.
    assert _warehouse(db) == _warehouse(fresh)
    assert (s.problems, s.counts.seen) == ([], len(after))
    again = ingest.run_plain([str(folder)], db, workers=1)
    assert again.counts.unchanged == again.counts.seen


def test_a_record_with_an_id_on_the_line_of_one_without_leaves_it_in_the_archive(tmp_path: Path) -> None:
    from flows import ingest

    f = tmp_path / "feed.jsonl"
    f.write_text(_commas([_story(1), _story(2, id="rid-2")]), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    ingest.run_plain([str(f)], db, workers=1)
    f.write_text(_commas([_story(3, "Another story. ", id="rid-3"), _story(2, id="rid-2")]), encoding="utf-8")
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 10**9))
    s = ingest.run_plain([str(f)], db, workers=1)
    # path#L1 is today's key of a record without URL or id, not an older version's: the record with an id
    # now on its line is new, and the one it replaced stays (the warehouse is an archive).
    assert (s.counts.loaded, s.counts.updated, s.counts.unchanged) == (1, 0, 1)
    titles = _warehouse(db)[1]
    assert sorted(row[3] for row in titles) == ["Story 1", "Story 2", "Story 3"]


def test_a_named_link_that_loops_is_an_unreadable_input_not_a_crash(tmp_path: Path) -> None:
    from flows.read import discover

    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "ok.txt").write_text("Title: A\n\nText.\n", encoding="utf-8")
    # Was: "unexpected error: RuntimeError: Symlink loop from ...", exit 1 (review)
    found = discover([str(tmp_path / "a"), str(tmp_path / "ok.txt")])
    assert [(m.reason, m.detail) for m in found.problems] == [
        ("unreadable", f"{tmp_path / 'a'}: a symbolic link loop")
    ]
    assert [Path(f.path).name for f in found.files] == ["ok.txt"]
