"""flows/json_input.py: JSON from inputs never carries a lone surrogate into the warehouse."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.json_input import loads, loads_record


def test_lone_surrogate_escapes_become_replacement_characters() -> None:
    text = r'{"t\ud800": ["a\udc00b", {"x": "\ud83d\ude00 ok"}], "n": 1}'
    assert loads(text) == {"t\ufffd": ["a\ufffdb", {"x": "\U0001f600 ok"}], "n": 1}
    assert loads(text.encode("utf-8")) == loads(text)
    assert loads('"\\uDBFF"') == "\ufffd"


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda kids: st.lists(kids) | st.dictionaries(st.text(), kids),
        max_leaves=20,
    )
)
def test_what_json_dumps_wrote_comes_back_encodable(value: object) -> None:
    back = loads(json.dumps(value))
    json.dumps(back, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate
    if "\\ud" not in json.dumps(value).lower():
        assert back == value


def test_a_record_followed_by_a_comma_is_read_and_other_errors_are_the_lines_own() -> None:
    # One rule for the extractor and for the key a record is known by (flows/read.py).
    assert loads_record(b'{"url": "https://x.test/1"},  \r\n') == {"url": "https://x.test/1"}
    assert loads_record('{"a": 1},') == {"a": 1}
    with pytest.raises(ValueError, match="Extra data"):
        loads_record('{"a": 1} {"b": 2},')  # two values: still an error
    with pytest.raises(ValueError):
        loads_record(b'{"a": 1},,')
