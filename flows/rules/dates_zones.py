"""Zone abbreviations and locale conventions for dates (rules only; flows/dates*.py apply them).

A zone is either a fixed offset in minutes or an IANA name. An abbreviation that names one offset
(EST, CEST, JST) maps to that offset, because the writer told us which side of daylight saving they meant.
A generic name (ET, "Eastern Time", MSK) maps to an IANA zone, so the offset in force on that date is used:
``ET`` in October is UTC-4, not UTC-5 (which is what dateparser gives).
"""

from __future__ import annotations

Zone = int | str  # minutes east of UTC, or an IANA zone name

ZONES: dict[str, Zone] = {
    "UTC": 0,
    "GMT": 0,
    "UT": 0,
    "Z": 0,
    # North America: explicit standard/daylight forms are fixed; the generic ones follow the calendar.
    "EST": -300,
    "EDT": -240,
    "ET": "America/New_York",
    "Eastern Time": "America/New_York",
    "CDT": -300,
    "CT": "America/Chicago",
    "Central Time": "America/Chicago",
    "MST": -420,
    "MDT": -360,
    "MT": "America/Denver",
    "Mountain Time": "America/Denver",
    "PDT": -420,
    "PT": "America/Los_Angeles",
    "Pacific Time": "America/Los_Angeles",
    # Spelt out, as US papers print them ("2:23 p.m. Eastern Daylight Time", "2:23 p.m. Eastern").
    "Eastern Standard Time": -300,
    "Eastern Daylight Time": -240,
    "Central Standard Time": -360,
    "Central Daylight Time": -300,
    "Mountain Standard Time": -420,
    "Mountain Daylight Time": -360,
    "Pacific Standard Time": -480,
    "Pacific Daylight Time": -420,
    "Alaska Standard Time": -540,
    "Alaska Daylight Time": -480,
    "Hawaii Standard Time": -600,
    "Hawaii-Aleutian Standard Time": -600,
    "Atlantic Standard Time": -240,
    "Atlantic Daylight Time": -180,
    "Atlantic Time": "America/Halifax",
    "Newfoundland Time": "America/St_Johns",
    "India Standard Time": 330,
    "Japan Standard Time": 540,
    "Korea Standard Time": 540,
    "China Standard Time": 480,
    "Moscow Time": "Europe/Moscow",
    "Israel Time": "Asia/Jerusalem",
    "Israel time": "Asia/Jerusalem",
    # Written in the language of the page: "(hora de Brasília)", "heure de Paris", "(北京时间)".
    "hora de Brasília": "America/Sao_Paulo",
    "horário de Brasília": "America/Sao_Paulo",
    "heure de Paris": "Europe/Paris",
    "по московскому времени": "Europe/Moscow",
    "北京时间": 480,
    "北京時間": 480,
    "بتوقيت مكة": 180,
    "بتوقيت مكة المكرمة": 180,
    # "<time> بتوقيت القاهرة" (Arabic), "به وقت تهران" (Persian), "по киевскому времени" (Russian), "за київським
    # часом" (Ukrainian), "שעון ישראל" (Hebrew): a review found them read as UTC, hours off. One that is not
    # here drops the time (flows.dates_clock.UNKNOWN_ZONE); "بتوقيت عمان" is Amman or Oman: not here.
    "بتوقيت القاهرة": "Africa/Cairo",
    "بتوقيت مصر": "Africa/Cairo",
    "بتوقيت القدس": "Asia/Jerusalem",
    "بتوقيت بيروت": "Asia/Beirut",
    "بتوقيت لبنان": "Asia/Beirut",
    "بتوقيت دمشق": "Asia/Damascus",
    "بتوقيت سوريا": "Asia/Damascus",
    "بتوقيت بغداد": "Asia/Baghdad",
    "بتوقيت العراق": "Asia/Baghdad",
    "بتوقيت الرياض": "Asia/Riyadh",
    "بتوقيت السعودية": "Asia/Riyadh",
    "بتوقيت الدوحة": "Asia/Qatar",
    "بتوقيت قطر": "Asia/Qatar",
    "بتوقيت الكويت": "Asia/Kuwait",
    "بتوقيت الإمارات": "Asia/Dubai",
    "بتوقيت أبوظبي": "Asia/Dubai",
    "بتوقيت دبي": "Asia/Dubai",
    "بتوقيت الجزائر": "Africa/Algiers",
    "بتوقيت تونس": "Africa/Tunis",
    "بتوقيت المغرب": "Africa/Casablanca",
    "بتوقيت الرباط": "Africa/Casablanca",
    "بتوقيت غرينتش": 0,
    "بتوقيت جرينتش": 0,
    "بتوقيت غرينيتش": 0,
    "به وقت تهران": "Asia/Tehran",
    "به وقت ایران": "Asia/Tehran",
    "по киевскому времени": "Europe/Kyiv",
    "по минскому времени": "Europe/Minsk",
    "по бакинскому времени": "Asia/Baku",
    "по тбилисскому времени": "Asia/Tbilisi",
    "по ереванскому времени": "Asia/Yerevan",
    "по ташкентскому времени": "Asia/Tashkent",
    "по Гринвичу": 0,
    "за київським часом": "Europe/Kyiv",
    "за московським часом": "Europe/Moscow",
    "שעון ישראל": "Asia/Jerusalem",
    # Spanish, Portuguese, French, German and Italian local times a review found read in the source's zone
    # (hours off) or ignored: "14:23 hora de Madrid", "hora peninsular", "heure française", "Berliner Zeit".
    # A shape like these that is not listed drops the time (flows.dates_clock.UNKNOWN_ZONE).
    "hora de Madrid": "Europe/Madrid",
    "hora de España": "Europe/Madrid",
    "hora peninsular": "Europe/Madrid",
    "hora española": "Europe/Madrid",
    "hora canaria": "Atlantic/Canary",
    "hora de Canarias": "Atlantic/Canary",
    "hora de Argentina": "America/Argentina/Buenos_Aires",
    "hora argentina": "America/Argentina/Buenos_Aires",
    "hora de Buenos Aires": "America/Argentina/Buenos_Aires",
    "horario de Buenos Aires": "America/Argentina/Buenos_Aires",
    "hora de Ciudad de México": "America/Mexico_City",
    "hora de la Ciudad de México": "America/Mexico_City",
    "hora de CDMX": "America/Mexico_City",
    "hora de Chile": "America/Santiago",
    "hora de Colombia": "America/Bogota",
    "hora colombiana": "America/Bogota",
    "hora de Perú": "America/Lima",
    "hora de Venezuela": "America/Caracas",
    "hora de Uruguay": "America/Montevideo",
    "hora de México": "America/Mexico_City",
    "hora del centro de México": "America/Mexico_City",
    "hora de Lisboa": "Europe/Lisbon",
    "hora de Portugal": "Europe/Lisbon",
    "horário de Lisboa": "Europe/Lisbon",
    "heure française": "Europe/Paris",
    "heure de France": "Europe/Paris",
    "heure belge": "Europe/Brussels",
    "heure de Bruxelles": "Europe/Brussels",
    "heure suisse": "Europe/Zurich",
    "heure de Genève": "Europe/Zurich",
    "heure de Montréal": "America/Toronto",
    "heure du Québec": "America/Toronto",
    "heure de l'Est": "America/Toronto",
    "Berliner Zeit": "Europe/Berlin",
    "deutscher Zeit": "Europe/Berlin",
    "mitteleuropäischer Zeit": "Europe/Berlin",
    "mitteleuropäischer Sommerzeit": 120,
    "Wiener Zeit": "Europe/Vienna",
    "österreichischer Zeit": "Europe/Vienna",
    "Schweizer Zeit": "Europe/Zurich",
    "Moskauer Zeit": "Europe/Moscow",
    "ora italiana": "Europe/Rome",
    "ora di Roma": "Europe/Rome",
    # US Spanish (Univision, Telemundo): "10:00 a.m. hora del Este", zones with their daylight saving as ET,
    # MT; "hora del Centro" and "hora del Pacífico" are Mexico's with es_MX (AMBIGUOUS_ZONES below).
    "hora del Este": "America/New_York",
    "hora del este": "America/New_York",
    "tiempo del Este": "America/New_York",
    "tiempo del este": "America/New_York",
    "hora de la Montaña": "America/Denver",
    "hora de la montaña": "America/Denver",
    "hora de la Montana": "America/Denver",
    "tiempo de la Montaña": "America/Denver",
    "hora del Atlántico": "America/Puerto_Rico",
    "hora del Atlantico": "America/Puerto_Rico",
    # Windows' names, as some CMSes print them (each a zone with its daylight saving, not a fixed offset)
    "W. Europe Standard Time": "Europe/Berlin",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "E. Europe Standard Time": "Europe/Chisinau",
    "FLE Standard Time": "Europe/Kyiv",
    "GTB Standard Time": "Europe/Bucharest",
    "Russian Standard Time": "Europe/Moscow",
    "Tokyo Standard Time": 540,
    "Singapore Standard Time": 480,
    "SE Asia Standard Time": 420,
    "AUS Eastern Standard Time": "Australia/Sydney",
    # Chinese, Japanese and Korean, after the time ("14:23（日本時間）") or, like 北京时间, before the date
    # ("美东时间2022年7月12日14:23": ZONES_BEFORE_THE_DATE below).
    "美东时间": "America/New_York",
    "美東時間": "America/New_York",
    "美国东部时间": "America/New_York",
    "美國東部時間": "America/New_York",
    "美西时间": "America/Los_Angeles",
    "美西時間": "America/Los_Angeles",
    "日本時間": 540,
    "日本时间": 540,
    "东京时间": 540,
    "東京時間": 540,
    "韩国时间": 540,
    "韓國時間": 540,
    "首尔时间": 540,
    "한국시간": 540,
    "한국 시간": 540,
    "台北时间": 480,
    "台北時間": 480,
    "香港时间": 480,
    "香港時間": 480,
    "莫斯科时间": "Europe/Moscow",
    "伦敦时间": "Europe/London",
    "巴黎时间": "Europe/Paris",
    "柏林时间": "Europe/Berlin",
    "格林尼治时间": 0,
    "格林威治时间": 0,
    "Eastern": "America/New_York",
    "Central": "America/Chicago",
    "Mountain": "America/Denver",
    "Pacific": "America/Los_Angeles",
    # Quebec French: heure normale / avancée de l'Est
    "HNE": -300,
    "HAE": -240,
    "HNA": -240,  # Atlantique
    "HAA": -180,
    "HNC": -360,  # Centre
    "HAC": -300,
    "HNR": -420,  # Rocheuses
    "HAR": -360,
    "HNP": -480,  # Pacifique
    "HAP": -420,
    "HNEC": 60,  # French for CET ("heure normale d'Europe centrale")
    "HAEC": 120,  # French for CEST
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "ADT": -180,
    "NST": -210,
    "NDT": -150,
    # Europe
    "WET": 0,
    "WEST": 60,
    "CET": 60,
    "CEST": 120,
    "MEZ": 60,  # German for CET
    "MESZ": 120,  # German for CEST
    "OEZ": 120,  # German for EET
    "OESZ": 180,  # German for EEST
    "WEZ": 0,  # German for WET
    "WESZ": 60,  # German for WEST
    "EET": 120,
    "EEST": 180,
    # Moscow time was UTC+4 from 2011 to 2014 and UTC+3 before and since: the zone knows the history.
    "MSK": "Europe/Moscow",
    "MSD": 240,  # Moscow summer time (until 2011)
    "МСК": "Europe/Moscow",
    "мск": "Europe/Moscow",
    "TRT": 180,  # Turkey, fixed UTC+3 since 2016
    "IDT": 180,  # Israel Daylight Time (its standard time is IST, by locale below)
    "TSİ": 180,  # Türkiye Saati, as Turkish papers print it
    "TSI": 180,  # ... and as sites without Turkish letters print it
    "Central European Time": 60,
    "Central European Summer Time": 120,
    "Greenwich Mean Time": 0,
    "British Summer Time": 60,
    # Caucasus and Asia
    "AZT": 240,  # Azerbaijan Time; Azerbaijan dropped summer time (AZST, +5) in 2016
    "AZST": 300,
    "GET": 240,  # Georgia
    "AMT": 240,  # Armenia
    "GST": 240,  # Gulf Standard Time (UAE, Oman)
    "PKT": 300,
    "NPT": 345,
    "ICT": 420,
    "WIB": 420,
    "HKT": 480,
    "SGT": 480,
    "PHT": 480,
    "AWST": 480,
    "JST": 540,
    "KST": 540,
    "ACST": 570,
    "ACDT": 630,
    "AEST": 600,
    "AEDT": 660,
    "AET": "Australia/Sydney",  # generic Australian Eastern Time
    "NZST": 720,
    "NZDT": 780,
    # "standard/daylight" written together means "the local time there, whichever applies"
    "EST/EDT": "America/New_York",
    "CST/CDT": "America/Chicago",
    "MST/MDT": "America/Denver",
    "PST/PDT": "America/Los_Angeles",
    "CET/CEST": "Europe/Berlin",
    "MEZ/MESZ": "Europe/Berlin",
    "EET/EEST": "Europe/Athens",
    "GMT/BST": "Europe/London",
    "WITA": 480,
    "WIT": 540,
    "MYT": 480,
    "IRST": 210,
    "AFT": 270,
    # South America
    "BRT": -180,  # Brasília
    "ART": -180,  # Argentina
    "UYT": -180,
    "CLT": -240,
    "CLST": -180,
    "COT": -300,
    "PET": -300,
    "VET": -240,
    # In lower case, as some sites print them: only those that are no word of a language the parser reads
    # ("est", "ist", "cet" and "et" are French, German or Latin words, so they stay unread in lower case).
    "edt": -240,
    "cdt": -300,
    "mdt": -360,
    "pdt": -420,
    "cest": 120,
    "mesz": 120,
    "bst": 60,
    "jst": 540,
    "kst": 540,
    "aest": 600,
    "aedt": 660,
    "nzst": 720,
    "nzdt": 780,
    # Africa
    "WAT": 60,
    "CAT": 120,
    "SAST": 120,
    "EAT": 180,
}

# "horario de Canarias" as "hora de Canarias".
ZONES.update(
    {"horario" + name[4:]: zone for name, zone in list(ZONES.items()) if name.startswith("hora de ")}
)

# German city adjectives before "Zeit" ("14:23 Uhr Münchner Zeit"), of cities in one zone, and a few of
# countries of one zone; an adjective not here keeps the time only with the source's zone
# (flows.dates_clock.UNKNOWN_ZONE).
GERMAN_ZONE_ADJECTIVES: dict[str, Zone] = {
    **dict.fromkeys(
        (
            "Münchner",
            "Hamburger",
            "Frankfurter",
            "Kölner",
            "Stuttgarter",
            "Düsseldorfer",
            "Dresdner",
            "Leipziger",
            "Bremer",
            "Nürnberger",
            "Bonner",
            "Hannoveraner",
            "Potsdamer",
        ),
        "Europe/Berlin",
    ),
    **dict.fromkeys(("Zürcher", "Berner", "Basler", "Genfer", "Luzerner"), "Europe/Zurich"),
    **dict.fromkeys(("Grazer", "Salzburger", "Innsbrucker", "Linzer"), "Europe/Vienna"),
    "Londoner": "Europe/London",
    "Pariser": "Europe/Paris",
    "Madrider": "Europe/Madrid",
    "Brüsseler": "Europe/Brussels",
    "Amsterdamer": "Europe/Amsterdam",
    "Warschauer": "Europe/Warsaw",
    "Prager": "Europe/Prague",
    "Budapester": "Europe/Budapest",
    "Kiewer": "Europe/Kyiv",
    "Istanbuler": "Europe/Istanbul",
    "Athener": "Europe/Athens",
    "Lissaboner": "Europe/Lisbon",
    "Stockholmer": "Europe/Stockholm",
    "Kopenhagener": "Europe/Copenhagen",
    "Osloer": "Europe/Oslo",
    "Kairoer": "Africa/Cairo",
    "Pekinger": "Asia/Shanghai",
    "Tokioter": "Asia/Tokyo",
    "New Yorker": "America/New_York",
    "chinesischer": "Asia/Shanghai",
    "japanischer": "Asia/Tokyo",
    "koreanischer": "Asia/Seoul",
    "indischer": "Asia/Kolkata",
    "israelischer": "Asia/Jerusalem",
    "türkischer": "Europe/Istanbul",
    "britischer": "Europe/London",
    "französischer": "Europe/Paris",
    "italienischer": "Europe/Rome",
    "spanischer": "Europe/Madrid",
    "polnischer": "Europe/Warsaw",
    "ukrainischer": "Europe/Kyiv",
}
ZONES.update({f"{adjective} Zeit": zone for adjective, zone in GERMAN_ZONE_ADJECTIVES.items()})

# Cities as Spanish, Portuguese, French, Italian and German pages name them, in "hora de <city>", "heure
# de <city>", "ora di <city>" (flows.dates_clock reads those with the database's cities, accents folded:
# "hora de Bogotá" is America/Bogota, "heure de Dakar" Africa/Dakar): names the database spells otherwise,
# and cities it does not name of a zone that does.
CITY_NAMES: dict[str, str] = {
    "Alger": "Africa/Algiers",
    "Argel": "Africa/Algiers",
    "Rabat": "Africa/Casablanca",
    "Yaoundé": "Africa/Douala",
    "Cotonou": "Africa/Porto-Novo",
    "Caire": "Africa/Cairo",
    "Le Caire": "Africa/Cairo",
    "El Cairo": "Africa/Cairo",
    "Beyrouth": "Asia/Beirut",
    "Quito": "America/Guayaquil",
    "Miami": "America/New_York",
    "Nueva York": "America/New_York",
    "Nova Iorque": "America/New_York",
    "Boston": "America/New_York",
    "Atlanta": "America/New_York",
    "Houston": "America/Chicago",
    "Dallas": "America/Chicago",
    "San Francisco": "America/Los_Angeles",
    "Seattle": "America/Los_Angeles",
    "Montréal": "America/Toronto",
    "Montreal": "America/Toronto",
    "La Habana": "America/Havana",
    "Habana": "America/Havana",
    "San Salvador": "America/El_Salvador",
    "Ciudad de Guatemala": "America/Guatemala",
    "Ciudad de Panamá": "America/Panama",
    "Medellín": "America/Bogota",
    "Pointe-à-Pitre": "America/Guadeloupe",
    "Fort-de-France": "America/Martinique",
    "Papeete": "Pacific/Tahiti",
    "Port-Louis": "Indian/Mauritius",
    "Praia": "Atlantic/Cape_Verde",
    "Barcelona": "Europe/Madrid",
    "Londres": "Europe/London",
    "Londra": "Europe/London",
    "Parigi": "Europe/Paris",
    "Berlino": "Europe/Berlin",
    "Roma": "Europe/Rome",
    "Milano": "Europe/Rome",
    "Milán": "Europe/Rome",
    "Milan": "Europe/Rome",
    "Napoli": "Europe/Rome",
    "Torino": "Europe/Rome",
    "Genève": "Europe/Zurich",
    "Ginebra": "Europe/Zurich",
    "Bruxelles": "Europe/Brussels",
    "Bruselas": "Europe/Brussels",
    "Varsovie": "Europe/Warsaw",
    "Varsovia": "Europe/Warsaw",
    "Bucarest": "Europe/Bucharest",
    "Lisbonne": "Europe/Lisbon",
    "Lisboa": "Europe/Lisbon",
    "Atenas": "Europe/Athens",
    "Athènes": "Europe/Athens",
    "Atene": "Europe/Athens",
    "Moscou": "Europe/Moscow",
    "Moscú": "Europe/Moscow",
    "Moscovo": "Europe/Moscow",
    "Mosca": "Europe/Moscow",
    "Pékin": "Asia/Shanghai",
    "Pekín": "Asia/Shanghai",
    "Pequim": "Asia/Shanghai",
    "Pechino": "Asia/Shanghai",
    "Tokio": "Asia/Tokyo",
    "Tóquio": "Asia/Tokyo",
}

# Arabic writes the zone with or without "ب" ("in"): "(توقيت غرينتش)" as "بتوقيت غرينتش". A spelt-out zone
# is also written capitalised, starting a bracket or a sentence: "(Hora de Brasília)", "Heure de Paris".
ZONES.update(
    {name.removeprefix("ب"): zone for name, zone in list(ZONES.items()) if name.startswith("بتوقيت ")}
)
ZONES.update(
    {
        name[0].upper() + name[1:]: zone
        for name, zone in list(ZONES.items())
        if " " in name and name[0].islower()
    }
)

# Zones written before the date, as Chinese news writes "北京时间" (Beijing time) first: read as if written
# after its time.
ZONES_BEFORE_THE_DATE = (
    "北京时间", "北京時間", "美东时间", "美東時間", "美国东部时间", "美國東部時間", "美西时间", "美西時間",
    "日本時間", "日本时间", "东京时间", "東京時間", "韩国时间", "韓國時間", "首尔时间", "한국시간", "台北时间",
    "台北時間", "香港时间", "香港時間", "莫斯科时间", "伦敦时间", "巴黎时间", "柏林时间",
)  # fmt: skip

# Abbreviations that mean different zones in different places: resolved by the source's locale.
# Key "*" is the choice without a locale; the parser says in ``method`` that it assumed it.
# The regions of the usual meaning are listed too, so that their locale decides ("BST by locale" for en_GB,
# not "assumed").
AMBIGUOUS_ZONES: dict[str, dict[str, Zone]] = {
    # Indian (+5:30), Irish summer (+1, Europe/Dublin's own name for its summer time), Israel (+2).
    "IST": {
        "*": 330,
        "IN": 330,
        "hi": 330,
        "IE": "Europe/Dublin",
        "ga": "Europe/Dublin",
        "IL": 120,
        "he": 120,
    },
    # British Summer Time (+1) or Bangladesh Standard Time (+6).
    "BST": {"*": 60, "GB": 60, "BD": 360, "bn": 360},
    # US Central Standard (-6), China Standard (+8), Cuba Standard (-5).
    "CST": {"*": -360, "US": -360, "CN": 480, "zh": 480, "TW": 480, "CU": -300},
    # Pacific Standard (-8) or, in the Philippines, Philippine Standard Time (+8).
    "PST": {"*": -480, "US": -480, "PH": 480, "tl": 480, "fil": 480},
    # US Spanish: the US zones, as CT and PT; Mexico's Zona Centro and Zona Pacífico with es_MX.
    **{
        f"{hora} del {word}": {"*": us, "US": us, "MX": mexico}
        for hora in ("hora", "Hora", "tiempo", "Tiempo")
        for words, us, mexico in (
            (("Centro", "centro"), "America/Chicago", "America/Mexico_City"),
            (("Pacífico", "pacífico", "Pacifico", "pacifico"), "America/Los_Angeles", "America/Mazatlan"),
        )
        for word in words
    },
    # Atlantic Standard (-4) or Arabia Standard (+3, Saudi Arabia, Iraq, Kuwait, Qatar).
    "AST": {"*": -240, "CA": -240, "PR": -240, "ar": 180, "SA": 180, "IQ": 180, "KW": 180, "QA": 180},
}

# Regions that write numeric dates month first (10/12/2022 = October 12). Everywhere else is day first.
MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI"})
# A bare language with no region: English defaults to month first (what US-centric CMSes print and what
# dateparser assumes); every other language we know writes day first.
MONTH_FIRST_LANGUAGES = frozenset({"en"})
# Languages that write year-month-day (2022/10/12 and 2022.10.12 are read Y-M-D everywhere anyway).
YEAR_FIRST_LANGUAGES = frozenset({"zh", "ja", "ko", "hu", "lt"})
