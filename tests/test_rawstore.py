from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.rawstore import RawStore, RawStoreError


def test_put_get_roundtrip_and_layout(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    data = b"<html>hello</html>"
    key = store.put(data)
    assert key == hashlib.sha256(data).hexdigest()
    path = tmp_path / key[:2] / key[2:4] / f"{key}.gz"
    assert path.is_file()
    assert gzip.decompress(path.read_bytes()) == data
    assert store.has(key)
    assert store.get(key) == data


def test_put_is_idempotent_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    k1 = store.put(b"same")
    before = store.path_for(k1).stat().st_mtime_ns
    k2 = store.put(b"same")
    assert k1 == k2
    assert store.path_for(k1).stat().st_mtime_ns == before
    assert [p.name for p in tmp_path.rglob(".tmp-*")] == []


def test_missing_and_corrupt(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    missing = "0" * 64
    assert not store.has(missing)
    with pytest.raises(RawStoreError, match="no raw document"):
        store.get(missing)
    key = store.put(b"abc")
    store.path_for(key).write_bytes(gzip.compress(b"tampered"))
    with pytest.raises(RawStoreError, match="does not match"):
        store.get(key)
    store.path_for(key).write_bytes(b"not gzip")
    with pytest.raises(RawStoreError, match="corrupt"):
        store.get(key)


@pytest.mark.parametrize("key", ["", "abc", "../" + "0" * 61, "G" * 64])
def test_bad_keys_rejected(tmp_path: Path, key: str) -> None:
    with pytest.raises(RawStoreError, match="not a sha256"):
        RawStore(tmp_path).path_for(key)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=2048))
def test_roundtrip_property(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    store = RawStore(tmp_path_factory.mktemp("raw"))
    assert store.get(store.put(data)) == data
