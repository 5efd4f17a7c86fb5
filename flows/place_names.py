"""Places written beside an author's name: "Jane Doe, New York", "John Roe — Los Angeles".

A byline's one-word place ("Jane Doe, Baku") is dropped beside full names already; a place of two words
or more looks like a second author. The names come from data that is maintained elsewhere: the city of
every IANA time zone (``tzdata``: "America/New_York" is New York) and CLDR's country names in the
languages bylines are written in (Babel), with a short list in ``rules/places.py`` for the large places
neither names (San Francisco, New Delhi, the multi-word US states). Built on first use: 25-40 ms.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from functools import cache

from babel import Locale, UnknownLocaleError

from .rules.places import EXTRA_PLACES, NOT_PLACES, PLACE_LANGUAGES, TZ_AREAS

_NOT_WORD = re.compile(r"[\W_]+")


def place_key(text: str) -> str:
    """Case, accents, dots and spacing folded: "São Paulo", "SAO PAULO" and "Sao  Paulo." are one key."""
    # Folded after the compatibility decomposition too: "𝕊" decomposes to "S" (Hypothesis found the key
    # of "𝕊" was "S", and the key of that "s").
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", bare).split())


def is_place(text: str) -> bool:
    """Whether ``text`` names a country, a time zone's city or a large place: not a person."""
    key = place_key(text)
    return bool(key) and key in _places()


@cache
def _places() -> frozenset[str]:
    names: set[str] = set(EXTRA_PLACES)
    for zone in zoneinfo.available_timezones():
        area, _, city = zone.partition("/")
        if area in TZ_AREAS and city:
            names.add(city.rsplit("/", 1)[-1].replace("_", " "))
    for language in PLACE_LANGUAGES:
        try:
            locale = Locale.parse(language)
        except (UnknownLocaleError, ValueError):  # a Babel without that language's data
            continue
        # Countries (two-letter codes), not regions ("001", "Central Asia"), "Unknown Region" or the
        # pseudo-locales' "Pseudo-Accents".
        names.update(
            name
            for code, name in locale.territories.items()
            if code.isalpha() and code not in ("ZZ", "XA", "XB")
        )
        names.update(zone["city"] for zone in locale.time_zones.values() if "city" in zone)
    keys = {place_key(name) for name in names}
    return frozenset(keys - {place_key(name) for name in NOT_PLACES})
