"""flows/records.py: records cross from the parsing processes to the loader by pickle, unchanged."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from flows.pipeline import process_file
from flows.read import discover
from flows.records import pickled_by_fields

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_what_a_worker_returns_comes_back_equal(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")  # a reject travels too
    files = discover([str(SEEDS), str(tmp_path)]).files
    results = [process_file(f) for f in files]
    assert any(p.article is not None for r in results for p in r.processed)
    assert any(p.rejected is not None or r.problem is not None for r in results for p in r.processed)
    back = pickle.loads(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == results
    assert [type(r) for r in back] == [type(r) for r in results]
    assert copy.deepcopy(results) == results


def test_a_record_that_cannot_be_rebuilt_from_its_fields_is_refused() -> None:
    with pytest.raises(TypeError, match="positional"):

        @pickled_by_fields
        @dataclass(slots=True)
        class Counted:
            name: str
            seen: int = field(default=0, init=False)

    with pytest.raises(TypeError, match="positional"):

        @pickled_by_fields
        @dataclass(slots=True, kw_only=True)
        class Named:
            name: str
            seen: int
