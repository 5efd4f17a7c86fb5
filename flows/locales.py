"""Locales as people write them (``en_GB``, ``de-AT``, ``pt_BR.UTF-8``): one check for every place
that takes one, so that ``english``, ``xx`` or ``US`` (read as the language "us") are refused instead
of silently meaning "day first"."""

from __future__ import annotations

import re
from functools import lru_cache

from .errors import UserError
from .rules.dates_names import MONTHS

# What flows/dates.py reads of a locale: the language, then a region (two letters; three digits such as
# 419 are accepted and mean no region); a POSIX ".UTF-8" or "@euro" tail is ignored. A script subtag
# ("az-Latn-AZ") is refused: the parser would not see the region after it.
_LOCALE = re.compile(r"([A-Za-z]{2,3})(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?(?:\.[\w-]+)?(?:@\w+)?")
LOCALE_HINT = "a language code, optionally with a region, such as en, en_GB, en-US, fr, de-AT"


def check_locale(locale: str | None) -> None:
    """A locale the date parser can use, else a ``UserError`` saying how to spell one: ``english``, ``xx``
    or ``US`` (read as the language "us") would otherwise silently mean "day first"."""
    if not locale:
        return
    m = _LOCALE.fullmatch(locale.strip())
    if m is None or m[1].lower() not in known_languages():
        raise UserError(
            f"unknown locale {locale!r}: use {LOCALE_HINT} (date words built in for "
            f"{', '.join(sorted(MONTHS))}; dateparser reads about 180 more languages)"
        )


@lru_cache(maxsize=256)  # once per distinct value, not per record (a bad one builds an error message)
def usable_locale(value: str | None) -> str | None:
    """``value`` when the date parser can use it as a locale, else None: for a language an input states
    about itself (``Language: fr``), where a value it cannot use is no one's mistake to report."""
    if not value or not value.strip():
        return None
    try:
        check_locale(value)
    except UserError:
        return None
    return value.strip()


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """Languages with month tables here, and those the dateparser fallback knows (~200)."""
    from dateparser.data.languages_info import language_order

    return frozenset(MONTHS) | frozenset(code.split("-")[0].lower() for code in language_order)
