"""flows/json_input.py: JSON from inputs never carries a lone surrogate into the warehouse."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from flows.json_input import loads


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
