"""Places beside bylines: data from tzdata and CLDR, folded for comparison."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from flows.place_names import is_place, place_key


@pytest.mark.parametrize(
    "name",
    [
        "New York",  # a time zone's city (America/New_York)
        "Kuala Lumpur",
        "Buenos Aires",
        "São Paulo",  # CLDR's spelling, accents and all
        "SAO PAULO",
        "United Arab Emirates",  # CLDR's country names in the byline languages
        "Vereinigte Staaten",
        "Nueva York",
        "San Francisco",  # rules/places.py: large places no time zone is named after
        "New Delhi",
        "North Carolina",
        "St. Louis",
        "Washington, D.C.",
    ],
)
def test_places_are_places(name: str) -> None:
    assert is_place(name)


@pytest.mark.parametrize(
    "name",
    ["Jane Doe", "Florence Graham", "Diego Garcia", "Jan Mayen", "Lord Howe", "Paris Hilton", "", "  "],
)
def test_people_are_no_places(name: str) -> None:
    # Diego Garcia, Jan Mayen and Lord Howe name time zones' places, and people more often in a byline.
    assert not is_place(name)


@given(st.text(max_size=40))
@example("𝕊")  # decomposes to a capital after case folding (found by Hypothesis)
@example("ﬁ İ ẞ Ǆ")
def test_the_key_ignores_case_accents_and_punctuation(text: str) -> None:
    key = place_key(text)
    assert place_key(key) == key
    assert place_key(text.upper()) == place_key(text.lower()) or not text.isascii()
    assert place_key(f" {text}. ") == key
