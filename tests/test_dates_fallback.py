"""flows.dates_fallback: dateparser only sees short strings with a digit and a word our tables do not know."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
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


def test_a_month_of_a_language_not_given_is_looked_up_in_every_language() -> None:
    # Was "no date found: ... say the language (e.g. --locale pl)": a review fed Polish, Ukrainian, Czech
    # and Greek dates; the month word now picks the languages dateparser tries.
    from flows.dates import parse_date
    from flows.dates_fallback import month_languages

    assert month_languages("12 października 2022") == ["pl"]
    assert month_languages("12 жовтня 2022") == ["uk"]
    got = parse_date("12 października 2022")
    assert (got.utc, got.precision) == (datetime(2022, 10, 12, tzinfo=UTC), "day")
    assert parse_date("12 października 2022", locale="pl").utc == got.utc
    got = parse_date("12 Οκτωβρίου 2022 14:23", tz="Europe/Athens")
    assert got.utc == datetime(2022, 10, 12, 11, 23, tzinfo=UTC)
    assert (
        parse_date("12 Smarch 2022").error
        == "no date found: a word beside a number is no month name of any language"
    )
    assert parse_date("12 Smarch 2022", locale="pl").error == "no date found"


@pytest.mark.parametrize(
    ("text", "utc", "offset"),
    [
        # The zone after the time is read by the rules: dateparser gave the instant but no offset.
        ("12 października 2022 14:23 (UTC+02:00)", datetime(2022, 10, 12, 12, 23, tzinfo=UTC), 120),
        ("12 жовтня 2022 14:23 (UTC+03:00)", datetime(2022, 10, 12, 11, 23, tzinfo=UTC), 180),
        ("12. října 2022 14:23 GMT+2", datetime(2022, 10, 12, 12, 23, tzinfo=UTC), 120),
        ("12 października 2022 14:23 Europe/Warsaw", datetime(2022, 10, 12, 12, 23, tzinfo=UTC), 120),
        ("12 lokakuuta 2022 klo 14.23", datetime(2022, 10, 12, 14, 23, tzinfo=UTC), None),
        # The seed's form in another language: the ISO day first, the written time and offset after it.
        (
            "2022-10-12 12 października 2022 14:23 (UTC+02:00)",
            datetime(2022, 10, 12, 12, 23, tzinfo=UTC),
            120,
        ),
        ("2022-10-12 12 жовтня 2022 14:23 (UTC+03:00)", datetime(2022, 10, 12, 11, 23, tzinfo=UTC), 180),
        # ... but not a written date of another day than the ISO one: the ISO day stays.
        ("2022-10-12 13 października 2022 14:23 (UTC+02:00)", datetime(2022, 10, 12, tzinfo=UTC), None),
    ],
)
def test_a_foreign_date_keeps_its_time_and_offset(text: str, utc: datetime, offset: int | None) -> None:
    from flows.dates import parse_date

    got = parse_date(text, ref=datetime(2023, 1, 1, tzinfo=UTC))
    assert (got.utc, got.offset_minutes) == (utc, offset), got
