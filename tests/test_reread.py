"""flows/reread.py: a file's documents again, read once and in order, as ingest read them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows import read_parts
from flows.errors import RejectInput
from flows.read import InputFile, split_documents
from flows.reread import FileDocuments


def _dump(tmp_path: Path, n: int) -> Path:
    text = "The council voted on Tuesday to build the new tram line along the harbour road, record {}."
    records = [{"url": f"https://news.test/{i % 7}", "text": text.format(i)} for i in range(n)]
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_parts_give_the_documents_reading_it_whole_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_parts, "PART_BYTES", 1024)
    path = _dump(tmp_path, 40)
    f = InputFile(str(path), "jsonl", path.stat().st_size, 0)
    whole = [(d.origin, d.record_no, d.data) for d in split_documents(f, path.read_bytes())]
    with FileDocuments() as files:
        got = files.take(str(path), "jsonl", list(range(1, 21)))
        got += files.take(str(path), "jsonl", list(range(21, 41)))
    assert len(read_parts.parts_of(f)) > 3
    # URLs named again in later parts are known by their line, as in the whole file.
    assert [(d.origin, d.record_no, d.data) for d in got] == whole


def test_a_stream_that_failed_starts_again_for_the_next_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_parts, "PART_BYTES", 1024)
    path = _dump(tmp_path, 40)
    real = read_parts.part_documents
    calls = {"n": 0}

    def flaky(f: InputFile, at: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RejectInput("read", "changed", "changed while it was read")
        return real(f, at)  # type: ignore[arg-type]

    monkeypatch.setattr(read_parts, "part_documents", flaky)
    with FileDocuments() as files:
        with pytest.raises(RejectInput):
            files.take(str(path), "jsonl", list(range(1, 41)))
        # Was: the broken stream was kept, and this batch got nothing ("no longer in the file").
        assert len(files.take(str(path), "jsonl", list(range(30, 41)))) == 11
