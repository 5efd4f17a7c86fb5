"""flows.dates_fallback: dateparser only sees short strings with a digit and a word our tables do not know."""

from __future__ import annotations

from hypothesis import given, settings
from test_dates import REF, noisy

from flows.dates import _context
from flows.dates_fallback import FALLBACK_MAX, FALLBACK_TOKENS, worth_a_fallback


@settings(max_examples=200, deadline=None)
@given(text=noisy)
def test_dateparser_only_sees_short_strings_with_a_digit_and_an_unknown_word(text: str) -> None:
    ctx = _context("en", None, REF, None)
    if worth_a_fallback(text, ctx):
        assert len(text) <= FALLBACK_MAX and len(text.split()) <= FALLBACK_TOKENS
        assert any(ch.isdigit() for ch in text)


def test_fallback_prefilter_examples() -> None:
    ctx = _context("pl", None, REF, None)
    assert worth_a_fallback("12 października 2022", ctx)
    assert not worth_a_fallback("12 October 2022 14:23 UTC", ctx)  # every word is ours
    assert not worth_a_fallback("no digits at all", ctx)
    assert not worth_a_fallback("12 " + "słowo " * 20, ctx)  # too many tokens
    assert not worth_a_fallback("hello (world) #42", ctx)  # no word beside a number


def test_a_month_of_a_language_not_given_says_to_give_it() -> None:
    # Was a bare "no date found" (found by review): nothing said that the language would read it.
    from flows.dates import parse_date

    got = parse_date("12 października 2022")
    assert got.utc is None and got.error is not None and "say the language" in got.error
    assert parse_date("12 października 2022", locale="pl").utc is not None
    assert parse_date("12 Smarch 2022", locale="pl").error == "no date found"
