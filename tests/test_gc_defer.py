"""flows/gc_defer.py: fewer garbage collections while a loader is open, the collector restored after."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from flows.gc_defer import YOUNG_THRESHOLD, deferred_collections
from flows.ingest import Loader


def test_collections_are_deferred_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with deferred_collections():
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_freeze_count() > 0
        with deferred_collections():  # nested: the inner end restores nothing
            pass
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_cycle_made_inside_is_still_collected_without_being_asked() -> None:
    class Node:
        other: object = None

    with deferred_collections():
        node = Node()
        node.other = node
        ref = weakref.ref(node)
        del node
        junk = [[] for _ in range(2 * YOUNG_THRESHOLD)]  # allocations that start a collection on their own
        assert ref() is None
        del junk


def test_a_loader_defers_collections_while_open_even_when_its_block_fails(tmp_path: Path) -> None:
    before = gc.get_threshold()
    try:
        with Loader(tmp_path / "w.duckdb"):
            assert gc.get_threshold()[0] == YOUNG_THRESHOLD
            raise RuntimeError("a failing batch")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
