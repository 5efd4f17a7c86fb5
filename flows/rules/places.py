"""Place names for bylines, as data (applied by ``flows/place_names.py``)."""

from __future__ import annotations

# Time zone areas whose last part is a city ("Etc/GMT+5" and "US/Eastern" are not).
TZ_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}
)
# The languages of CLDR's country and city names: the commonest byline languages after English. Each
# costs its CLDR data in the fork server and every worker (twelve languages were 16 MB a process, about
# 55 MB over a run's three; these four about 8 MB).
PLACE_LANGUAGES = ("en", "de", "fr", "es")
# Large places no time zone or country is named after, written beside bylines: cities of a million or
# more and capitals, the US states and Canadian provinces and Australian states of more than one word.
EXTRA_PLACES = frozenset(
    {
        "Abu Dhabi",
        "Ann Arbor",
        "Baton Rouge",
        "Belo Horizonte",
        "British Columbia",
        "Cape Town",
        "Capitol Hill",
        "Des Moines",
        "District of Columbia",
        "El Paso",
        "Fort Lauderdale",
        "Fort Worth",
        "Kansas City",
        "Las Vegas",
        "Long Beach",
        "Los Angeles",
        "New Brunswick",
        "New Delhi",
        "New Hampshire",
        "New Jersey",
        "New Mexico",
        "New Orleans",
        "New South Wales",
        "New York City",
        "North Carolina",
        "North Dakota",
        "Nova Scotia",
        "Oklahoma City",
        "Palm Beach",
        "Porto Alegre",
        "Prince Edward Island",
        "Quezon City",
        "Rhode Island",
        "Rio de Janeiro",
        "Salt Lake City",
        "San Antonio",
        "San Diego",
        "San Francisco",
        "San Jose",
        "San Salvador",
        "Santa Fe",
        "Silicon Valley",
        "South Australia",
        "South Carolina",
        "South Dakota",
        "St. Louis",
        "St. Paul",
        "St. Petersburg",
        "Tel Aviv",
        "The Hague",
        "Washington D.C.",
        "Washington DC",
        "West Bank",
        "West Virginia",
        "Western Australia",
    }
)
# Time zone cities and CLDR names that are also people's names, or no place a byline gives.
NOT_PLACES = frozenset({"Diego Garcia", "Jan Mayen", "Lord Howe", "Knox IN", "South Pole", "Casey"})
