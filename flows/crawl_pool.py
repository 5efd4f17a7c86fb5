"""Worker processes for parsing a crawl's or a reprocess run's documents, started only when worth it.

Shared by the web crawl, ``files`` sources and reprocess, so one pool serves a whole run.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import Executor
from contextlib import ExitStack
from typing import Any

from .ingest import worker_pool
from .pipeline import process_documents
from .records import Processed, RawDocument

# Below this many documents, starting worker processes costs more than parsing them here.
MIN_DOCS_FOR_POOL = 32


class LazyPool:
    """Worker processes for parsing, started only once a batch is big enough to be worth them.

    A crawl is mostly waiting on the network; most batches are parsed faster here than a pool starts.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._stack = ExitStack()
        self._pool: Executor | None = None

    def get(self, size: int) -> Executor | None:
        if self.workers <= 1 or size < MIN_DOCS_FOR_POOL:
            return None
        if self._pool is None:
            self._pool = self._stack.enter_context(worker_pool(self.workers, max(size, 1 << 30)))
        return self._pool

    def close(self) -> None:
        self._stack.close()
        self._pool = None

    def __enter__(self) -> LazyPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        # The exception reaches ``worker_pool``: on a failure or Ctrl-C its workers are stopped, not awaited.
        self._stack.__exit__(*exc)
        self._pool = None


def chunks(items: Sequence[Any], workers: int) -> list[list[Any]]:
    size = max(1, math.ceil(len(items) / (workers * 4)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def process_batch(docs: list[RawDocument], pool: LazyPool) -> list[Processed]:
    executor = pool.get(len(docs))
    if executor is None:
        return process_documents(docs)
    return [p for chunk in executor.map(process_documents, chunks(docs, pool.workers)) for p in chunk]
