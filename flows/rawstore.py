"""Content-addressed raw storage: every fetched body kept once, compressed, so articles can be re-derived.

The key is the SHA-256 of the uncompressed bytes, so the same body fetched twice is stored once and a
stored file can always be checked against its name. Files live at ``root/ab/cd/<sha>.gz``; writes go
to a temporary file in the same folder and are renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import tempfile
from pathlib import Path

from .errors import WirehouseError

_KEY = re.compile(r"[0-9a-f]{64}")


class RawStoreError(WirehouseError):
    """A raw document is missing, or its stored bytes do not match its key."""


class RawStore:
    """Raw bodies under ``root``, addressed by the SHA-256 of their content."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise RawStoreError(f"not a sha256 key: {key!r}")
        return self.root / key[:2] / key[2:4] / f"{key}.gz"

    def has(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def put(self, data: bytes) -> str:
        """Store ``data`` (idempotent) and return its key."""
        key = hashlib.sha256(data).hexdigest()
        target = self.path_for(key)
        if target.is_file():
            return key
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".gz", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as raw:
                # mtime=0 makes the compressed file itself reproducible.
                with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as gz:
                    gz.write(data)
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return key

    def get(self, key: str) -> bytes:
        """The stored bytes for ``key``; raises ``RawStoreError`` if missing or corrupt."""
        path = self.path_for(key)
        try:
            data = gzip.decompress(path.read_bytes())
        except FileNotFoundError as exc:
            raise RawStoreError(f"no raw document {key} under {self.root}") from exc
        except (OSError, EOFError) as exc:
            raise RawStoreError(f"raw document {path} is corrupt: {exc}") from exc
        if hashlib.sha256(data).hexdigest() != key:
            raise RawStoreError(f"raw document {path} does not match its key")
        return data
