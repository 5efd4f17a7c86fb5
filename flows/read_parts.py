"""A large JSON lines file, read in parts: cut at line ends into runs of about ``PART_BYTES``, each its own
unit of work, so that a dump of any size is parsed on every core and loaded as it is read, in memory that
does not grow with it (a 141 MB file read whole took one core and 1,000 MB of peak RSS).

Plain UTF-8 JSON lines files are cut in place. A gzipped one cannot be read from the middle: it is
decompressed once, while it is cut, to a copy in the run's ``Spool`` (``flows/spool.py``), and its parts are
read from that copy. UTF-16 and legacy code pages (their encoding is found once, for the whole file) and
files that are one JSON document are read whole, as before. A part's records are known by their URL or id
as in a whole file; ``flows/part_keys.py`` (in the loading process) makes the keys unique across a file's
parts, in the file's order, so that the documents are those that reading it whole would give.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from typing import IO

from .errors import RejectInput
from .read import (
    InputFile,
    Part,
    gunzip_stream,
    looks_like_one_document,
    record_documents,
    written_time,
)
from .records import RawDocument
from .spool import Spool, mark_used

log = logging.getLogger("wirehouse")

PART_BYTES = 2 * 2**20
_NOT_SPACE = re.compile(rb"\S")


def cut(files: list[InputFile], spool: Spool | None = None) -> list[InputFile]:
    """``files`` with each large JSON lines file replaced by its parts, in order (gzipped ones only with a
    ``spool`` to decompress them into; first, what killed runs left beside it is removed)."""
    if spool is not None:
        spool.sweep()
    return [part for f in files for part in parts_of(f, spool)]


def may_be_cut(f: InputFile) -> bool:
    """Whether ``f`` is large enough to be cut (a gzipped file: to be worth decompressing to find out)."""
    gz = f.path.lower().endswith(".gz")
    return f.kind == "jsonl" and f.size_bytes > (PART_BYTES // 8 if gz else PART_BYTES)


def parts_of(f: InputFile, spool: Spool | None = None) -> list[InputFile]:
    """``f`` cut into parts, or ``[f]`` when it is to be read whole (see the module's docstring)."""
    if f.part is not None or not may_be_cut(f) or f.path.lower().endswith((".json", ".json.gz")):
        return [f]
    if not f.path.lower().endswith(".gz"):
        try:
            with open(f.path, "rb") as fh:
                return _parts(f, iter(lambda: fh.read(PART_BYTES), b""), None)
        except (OSError, UnicodeDecodeError):
            return [f]  # read whole: what cannot be read or decoded is said there, as for any file
    if spool is None:
        return [f]
    copy: str | None = None
    try:
        copy, out = spool.create()
        with out, open(f.path, "rb") as fh:
            parts = _parts(f, _slices(gunzip_stream(fh.read, f.path)), (copy, out))
    except OSError as exc:  # a full or unwritable temporary folder: read whole (up to 512 MiB), and say why
        log.warning("could not decompress %s to a temporary copy (%s): reading it whole", f.path, exc)
        parts = [f]
    except (UnicodeDecodeError, RejectInput):
        parts = [f]  # read whole: a corrupt gzip, ... is said there, as for any file
    if parts == [f] and copy is not None:
        with contextlib.suppress(OSError):
            os.unlink(copy)
    return parts


def _slices(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """``pieces`` in blocks of at most ``PART_BYTES``, as a plain file is read (a piece that one chunk of
    gzip input gives can be much larger)."""
    for piece in pieces:
        for at in range(0, len(piece), PART_BYTES):
            yield piece[at : at + PART_BYTES]


def _parts(f: InputFile, blocks: Iterable[bytes], copy: tuple[str, IO[bytes]] | None) -> list[InputFile]:
    """One pass over the file's bytes (decompressed, for a gzipped file, and then written to ``copy``): their
    hash, that they are UTF-8, and where each part starts and ends."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    write: Callable[[bytes], object] = copy[1].write if copy is not None else len
    spans: list[tuple[int, int, int, int, str]] = []  # start, end, first line, lines, hash
    start, line, pending, text, judged = 0, 1, b"", False, False
    for block in blocks:
        if b"\0" in block:  # UTF-16 (or binary): decoded whole
            return [f]
        utf8.decode(block)
        digest.update(block)
        write(block)
        text = text or _NOT_SPACE.search(block) is not None
        pending += block
        if len(pending) > 8 * PART_BYTES:  # no line end for 16 MiB ("\r" alone ends them?): read whole
            return [f]
        if not judged:
            # One JSON document, or JSON lines? Judged on the whole first line that is not blank:
            # records holding a page's HTML run to hundreds of KiB, and their dumps were read whole
            # when the judgement saw only the first 64 KiB (or a blank first line).
            head = pending[3:] if pending.startswith(codecs.BOM_UTF8) else pending
            head = head.lstrip(b" \t\r\n")
            if b"\n" not in head:
                continue
            if looks_like_one_document(head):
                return [f]
            judged = True
        end = pending.rfind(b"\n", len(pending) - len(block)) + 1 if len(pending) >= PART_BYTES else 0
        if end:
            piece = pending[:end]
            lines = len(piece.splitlines())  # as the whole file's splitlines counts them
            spans.append((start, start + end, line, lines, hashlib.sha256(piece).hexdigest()))
            start, line, pending = start + end, line + lines, pending[end:]
    utf8.decode(b"", final=True)
    if pending:
        spans.append(
            (
                start,
                start + len(pending),
                line,
                len(pending.splitlines()),
                hashlib.sha256(pending).hexdigest(),
            )
        )
    if len(spans) < 2 or not text:  # blank through: one input, the empty file's reject
        return [f]
    sha = digest.hexdigest()
    last = len(spans) - 1
    at = copy[0] if copy is not None else None
    return [
        replace(f, part=Part(a, b, first, n, i == last, sha, own, at))
        for i, (a, b, first, n, own) in enumerate(spans)
    ]


def part_documents(f: InputFile, read_at: datetime) -> list[RawDocument]:
    """The records of one part, numbered by their lines in the whole file."""
    part = f.part
    assert part is not None
    try:
        with open(part.copy or f.path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
    except OSError as exc:
        where = f"{f.path} (its decompressed copy {part.copy})" if part.copy else f.path
        raise RejectInput("read", "unreadable", f"cannot read {where}: {exc.strerror or exc}") from exc
    if part.copy:
        mark_used(part.copy)
    if len(data) != part.end - part.start or hashlib.sha256(data).hexdigest() != part.sha256:
        # Its old line ends would cut the new text into pieces that were never lines of any version.
        raise RejectInput("read", "changed", f"{f.path} changed while it was read: run again to read it")
    return record_documents(
        f, data.splitlines(), None, "L", part.first_line, read_at, written_time(f, read_at)
    )


def weight(f: InputFile) -> int:
    """How many documents ``f`` holds, about: its lines for a part, one for a whole file."""
    return f.part.lines if f.part is not None else 1


def parts_in(batch: list[InputFile]) -> int:
    return sum(1 for f in batch if f.part is not None)


def files_in(batch: list[InputFile]) -> int:
    """The files a batch finishes: each whole file, and each file whose last part it holds."""
    return sum(1 for f in batch if f.part is None or f.part.last)
