"""flows/report.py: the pieces every run summary (ingest, crawl, reprocess) is made of."""

from __future__ import annotations

from collections import Counter

from flows.load import Counts
from flows.report import count_lines, reason_lines, reasons_markdown, repaired_lines, repaired_markdown


def test_rejects_are_listed_most_frequent_first_then_by_name() -> None:
    reasons = Counter({"decode/empty": 2, "clean/no_body": 2, "read/missing_path": 5})
    assert reason_lines(reasons) == [
        "    rejected read/missing_path: 5",
        "    rejected clean/no_body: 2",
        "    rejected decode/empty: 2",
    ]
    assert reasons_markdown(reasons, "documents")[3:] == [
        "| stage/reason | documents |",
        "|---|---:|",
        "| read/missing_path | 5 |",
        "| clean/no_body | 2 |",
        "| decode/empty | 2 |",
    ]


def test_empty_sections_print_nothing() -> None:
    assert reasons_markdown(Counter()) == []
    assert repaired_lines(Counts()) == repaired_markdown(Counts()) == []


def test_counts_line_up_with_thousands_separators() -> None:
    assert count_lines([("seen", 12345), ("loaded", 7)]) == ["  seen         12,345", "  loaded            7"]
