"""Small pieces of the messages users read (counts with their nouns), shared by the pipeline's stages and
the run reports, so that a reject says "1 word" where a summary says "1 file"."""

from __future__ import annotations


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 file``, ``4,000 files``, ``1 batch``, ``5 batches``: a count for a sentence."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"
