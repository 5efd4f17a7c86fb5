"""Reading local files again for ``reprocess`` and ``repair``: each file once, in order, part by part.

Reprocess asks for stored documents in batches of a few hundred, sorted by file and line. Reading the
whole file again for every batch made a JSON lines dump of 100,000 records cost the square of its size
(and held all of it in memory, each time). ``FileDocuments`` keeps one file open as a stream of its
documents, cut into parts as ingest cuts it (``flows/read_parts.py``), and hands each batch the next records.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from . import read_parts
from .read import InputFile, fallback_key, read_bytes, split_documents
from .records import Kind, RawDocument
from .spool import Spool


class FileDocuments:
    """The documents of the files read again, one file at a time, as a stream that later batches go on
    from; asking for an earlier record, or another file, starts that file's stream anew."""

    def __init__(self) -> None:
        self.spool = Spool()  # decompressed copies of large gzipped dumps, removed by ``close``
        self._path: str | None = None
        self._stream: Iterator[RawDocument] = iter(())
        self._ahead: RawDocument | None = None  # read, but after the records last asked for
        self._numbers: dict[str, dict[str, int]] = {}  # ``scan``'s, per file
        self._done = -1  # the record number of the last document handed out or passed over
        # Files a reprocess judged whole this run (``reprocess.judge_file``): their other rows are settled.
        self.judged: set[str] = set()

    def __enter__(self) -> FileDocuments:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stream = iter(())
        self.spool.remove()

    def take(self, path: str, kind: Kind, record_nos: Sequence[int | None]) -> list[RawDocument]:
        """The documents of ``path`` that hold these records (``None``: a file that is one document);
        raises ``OSError`` or ``RejectInput`` when the file cannot be read."""
        wanted = {n or 0 for n in record_nos}
        first, last = min(wanted), max(wanted)
        if path != self._path or first <= self._done:
            self._open(path, kind)
        out: list[RawDocument] = []
        while True:
            try:
                doc = self._ahead if self._ahead is not None else next(self._stream, None)
            except BaseException:
                self._path = None  # a stream that raised is over: the next batch starts the file anew
                raise
            self._ahead = None
            if doc is None:
                return out
            number = doc.record_no or 0
            if number > last:
                self._ahead = doc
                return out
            self._done = number
            if number in wanted:
                out.append(doc)

    def numbers(self, path: str) -> dict[str, int] | None:
        """Each document's record number in ``path`` as the file is now (``scan``), once a record was
        not on its stored line; None before."""
        return self._numbers.get(path)

    def scan(self, path: str, kind: Kind) -> dict[str, int]:
        """Read ``path`` once (per run) for where its documents are now: a record's line number is stored
        only when its bytes change, so records above it inserted or removed move it. Later batches ask
        for the lines it is on now and go on streaming; reading the file again for each batch with such a
        record made a reprocess of a large dump 2.4 times slower (review)."""
        known = self._numbers.get(path)
        if known is None:
            self._path = None  # the next ``take`` starts the file anew
            st = Path(path).stat()
            docs = _documents(InputFile(path, kind, st.st_size, st.st_mtime_ns), self.spool)
            known = self._numbers[path] = {doc.document_id: doc.record_no or 0 for doc in docs}
        return known

    def _open(self, path: str, kind: Kind) -> None:
        st = Path(path).stat()
        f = InputFile(path, kind, st.st_size, st.st_mtime_ns)
        self._path, self._ahead, self._done = path, None, -1
        self._stream = _documents(f, self.spool)


def _documents(f: InputFile, spool: Spool) -> Iterator[RawDocument]:
    """``f``'s documents in order, as reading it whole gives them (the same keys), a part at a time."""
    read_at = datetime.now(UTC)
    parts = read_parts.parts_of(f, spool)
    if parts == [f]:
        data = read_bytes(f)
        yield from split_documents(f, data, read_at) or [
            RawDocument(origin=f.path, kind=f.kind, data=data, path=f.path)
        ]
        return
    taken: set[str] = set()  # as ``PartKeys`` settles them: a key an earlier part took goes by line
    for part in parts:
        for doc in read_parts.part_documents(part, read_at):  # RejectInput: the file changed meanwhile
            key = doc.origin.removeprefix(f.path + "#")
            if key in taken:
                key = fallback_key(f"L{doc.record_no}", taken)
                doc = replace(doc, origin=f"{f.path}#{key}")
            taken.add(key)
            yield doc
