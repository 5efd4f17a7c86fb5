"""The loading side of a JSON lines file read in parts (``flows/read_parts.py``)."""

from __future__ import annotations

from dataclasses import replace

from .pipeline import FileResult, process_document
from .read import fallback_key
from .records import Processed


class PartKeys:
    """For the loading process: the record keys that the earlier parts of a file took, and the documents
    they held. A URL or id named again in a later part makes that record known by its line number, as in a
    whole file (two documents with one key failed the whole batch), and the file's last part carries the
    file's number of documents for ``input_files``."""

    def __init__(self) -> None:
        self._taken: dict[str, set[str]] = {}
        self._documents: dict[str, int] = {}
        self._failed: set[str] = set()  # files a part of which could not be read: not marked read

    def settle(self, results: list[FileResult]) -> list[FileResult]:
        return [self._settle(r) if r.file.part is not None else r for r in results]

    def _settle(self, r: FileResult) -> FileResult:
        path, part = r.file.path, r.file.part
        assert part is not None
        taken = self._taken.setdefault(path, set())
        processed: list[Processed] = []
        for p in r.processed:
            key = p.document.origin.removeprefix(path + "#")
            if key in taken:
                key = fallback_key(f"L{p.document.record_no}", taken)
                p = process_document(replace(p.document, origin=f"{path}#{key}"))
            taken.add(key)
            processed.append(p)
        documents = self._documents.get(path, 0) + len(processed)
        self._documents[path] = documents
        if r.problem is not None:
            self._failed.add(path)
        if not part.last:
            return replace(r, processed=processed)
        del self._taken[path], self._documents[path]
        if path in self._failed:  # the next run reads the file again: what loaded is then unchanged
            self._failed.discard(path)
            return replace(r, processed=processed, sha256=None)
        return replace(r, processed=processed, documents=documents)
