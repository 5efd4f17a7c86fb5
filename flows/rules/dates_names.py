"""Words for months, weekdays and relative days, per language (rules only; flows/dates*.py apply them).

All keys are lower case; the parser matches case-insensitively on whole words. Full names include the
inflected forms news sites print (Russian genitive ``октября``, Arabic Levantine ``تشرين الأول``);
abbreviations are listed without their trailing dot (the parser allows one).
"""

from __future__ import annotations

_M = range(1, 13)


def _names(*rows: str) -> dict[str, int]:
    """One row per month, January first; each row holds that month's spellings separated by ``|``."""
    return {word: month for month, row in zip(_M, rows, strict=True) for word in row.split("|")}


def _hebrew(*rows: str) -> dict[str, int]:
    """Hebrew months: each spelling also with "ב" before it, and a shortened one (of fewer letters than
    the full name) only with its geresh or an apostrophe after it: bare, "בינו" is "between him" (review)."""
    table: dict[str, int] = {}
    for month, row in zip(_M, rows, strict=True):
        words = row.split("|")
        for word in words:
            forms = [f"{word}\u05f3", f"{word}'"] if len(word) < len(words[0]) else [word]
            for form in forms:
                table[form] = table["ב" + form] = month
    return table


MONTHS: dict[str, dict[str, int]] = {
    "en": _names(
        "january|jan",
        "february|feb",
        "march|mar",
        "april|apr",
        "may",
        "june|jun",
        "july|jul",
        "august|aug",
        "september|sep|sept",
        "october|oct",
        "november|nov",
        "december|dec",
    ),
    "ru": _names(
        "январь|января|янв",
        "февраль|февраля|фев|февр",
        "март|марта|мар",
        "апрель|апреля|апр",
        "май|мая",
        "июнь|июня|июн",
        "июль|июля|июл",
        "август|августа|авг",
        "сентябрь|сентября|сен|сент",
        "октябрь|октября|окт",
        "ноябрь|ноября|ноя|нояб",
        "декабрь|декабря|дек",
    ),
    # Azerbaijani (Latin script), with the genitive suffix sites use ("oktyabrın 12-si").
    "az": _names(
        "yanvar|yanvarın|yan",
        "fevral|fevralın|fev",
        "mart|martın",
        "aprel|aprelin|apr",
        "may|mayın",
        "iyun|iyunun",
        "iyul|iyulun",
        "avqust|avqustun|avq",
        "sentyabr|sentyabrın|sen",
        "oktyabr|oktyabrın|okt",
        "noyabr|noyabrın|noy",
        "dekabr|dekabrın|dek",
    ),
    # The ASCII spellings (kasim, aralik) are what upper-case headlines lower-case to (KASIM -> kasim,
    # as "I" lower-cases to a dotted "i") and what sites without Turkish fonts print.
    "tr": _names(
        "ocak|oca",
        "şubat|subat|şub",
        "mart|mar",
        "nisan|nis",
        "mayıs|mayis|may",
        "haziran|haz",
        "temmuz|tem",
        "ağustos|agustos|ağu",
        "eylül|eylul|eyl",
        "ekim|eki",
        "kasım|kasim|kas",
        "aralık|aralik|ara",
    ),
    # Austrian "Jänner" and the abbreviation "Mrz" are both in common use.
    "de": _names(
        "januar|jänner|jan|jän",
        "februar|feb",
        "märz|mär|mrz",
        "april|apr",
        "mai",
        "juni|jun",
        "juli|jul",
        "august|aug",
        "september|sep|sept",
        "oktober|okt",
        "november|nov",
        "dezember|dez",
    ),
    "fr": _names(
        "janvier|janv",
        "février|fevrier|févr|fév",
        "mars",
        "avril|avr",
        "mai",
        "juin",
        "juillet|juil",
        "août|aout",
        "septembre|sept",
        "octobre|oct",
        "novembre|nov",
        "décembre|decembre|déc",
    ),
    # "setiembre" is the spelling of several Latin American outlets.
    "es": _names(
        "enero|ene",
        "febrero|feb",
        "marzo|mar",
        "abril|abr",
        "mayo|may",
        "junio|jun",
        "julio|jul",
        "agosto|ago",
        "septiembre|setiembre|sep|sept",
        "octubre|oct",
        "noviembre|nov",
        "diciembre|dic",
    ),
    "it": _names(
        "gennaio|gen",
        "febbraio|feb",
        "marzo|mar",
        "aprile|apr",
        "maggio|mag",
        "giugno|giu",
        "luglio|lug",
        "agosto|ago",
        "settembre|set",
        "ottobre|ott",
        "novembre|nov",
        "dicembre|dic",
    ),
    "pt": _names(
        "janeiro|jan",
        "fevereiro|fev",
        "março|marco|mar",
        "abril|abr",
        "maio|mai",
        "junho|jun",
        "julho|jul",
        "agosto|ago",
        "setembro|set",
        "outubro|out",
        "novembro|nov",
        "dezembro|dez",
    ),
    # Egyptian/Gulf transliterations first, then the Levantine (Syriac) names used in Syria, Lebanon, Iraq.
    # Catalan ("12 de setembre de 2022", "12 d'abril 2022", "12 set. 2022"): until the twenty-first session
    # no date or a month (review). "des" (desembre) is French "of the": only with the locale (below).
    "ca": _names(
        "gener|gen",
        "febrer|febr",
        "març|marc",
        "abril|abr",
        "maig",
        "juny",
        "juliol|jul",
        "agost|ag",
        "setembre|set",
        "octubre|oct",
        "novembre|nov",
        "desembre|des",
    ),
    # Arabic: Egyptian and Gulf names, Levantine (Syriac) names, and the French-derived names of Algeria
    # and Tunisia (جانفي, جويلية, أوت) and Morocco (يوليوز, غشت, شتنبر), which a review found unread.
    "ar": _names(
        "يناير|كانون الثاني|جانفي",
        "فبراير|شباط|فيفري",
        "مارس|آذار|اذار",
        "أبريل|ابريل|إبريل|نيسان|أفريل|افريل",
        "مايو|أيار|ايار|ماي",
        "يونيو|يونيه|حزيران|جوان",
        "يوليو|يوليه|تموز|جويلية|يوليوز",
        "أغسطس|اغسطس|آب|أوت|اوت|غشت",
        "سبتمبر|أيلول|ايلول|شتنبر",
        "أكتوبر|اكتوبر|تشرين الأول|تشرين الاول",
        "نوفمبر|تشرين الثاني|نونبر",
        "ديسمبر|كانون الأول|كانون الاول|دجنبر",
    ),
    # Hindi, as Hindi news sites print it, with the common spellings (nukta written as its own mark, as
    # NFC text has it, and precomposed; anusvara or a nasal consonant: सितंबर / सितम्बर).
    "hi": _names(
        "जनवरी",
        "फ़रवरी|फ़रवरी|फरवरी",
        "मार्च",
        "अप्रैल|अप्रेल",
        "मई",
        "जून",
        "जुलाई",
        "अगस्त",
        "सितंबर|सितम्बर",
        "अक्टूबर|अक्तूबर",
        "नवंबर|नवम्बर",
        "दिसंबर|दिसम्बर",
    ),
    # Hebrew, with "ב" ("in") glued before the month as dates are written ("12 באוקטובר 2022"), and the
    # abbreviations with a geresh or an apostrophe ("12 באוק׳ 2022"; dateparser knew "אוק׳", not "באוק׳").
    "he": _hebrew(
        "ינואר|ינו",
        "פברואר|פבר",
        "מרץ",
        "אפריל|אפר",
        "מאי",
        "יוני",
        "יולי",
        "אוגוסט|אוג",
        "ספטמבר|ספט",
        "אוקטובר|אוק",
        "נובמבר|נוב",
        "דצמבר|דצמ",
    ),
    # Thai, full names and the abbreviations Thai news prints (``12 ต.ค. 2565``): their inner dots are
    # part of the word. Years beside them are mostly Buddhist-era (flows/dates_calendars.py).
    "th": _names(
        "มกราคม|ม.ค",
        "กุมภาพันธ์|ก.พ",
        "มีนาคม|มี.ค",
        "เมษายน|เม.ย",
        "พฤษภาคม|พ.ค",
        "มิถุนายน|มิ.ย",
        "กรกฎาคม|ก.ค",
        "สิงหาคม|ส.ค",
        "กันยายน|ก.ย",
        "ตุลาคม|ต.ค",
        "พฤศจิกายน|พ.ย",
        "ธันวาคม|ธ.ค",
    ),
}

# Languages whose sources print a neighbour's month names too, read beside their own (and English):
# Catalan pages are often bilingual, and "12 de enero de 2022" with the locale ca was no date once ca had
# its own table (before it, ca read every language's). No word names two months across a pair here.
MONTHS_ALSO: dict[str, tuple[str, ...]] = {"ca": ("es",)}

# Abbreviations that are also ordinary words in another language ("3 hours ago", "set", "out", "gen").
# They count as months only when the source's own language uses them.
FOREIGN_WORD_CLASH = frozenset(
    {"ago", "set", "out", "gen", "mag", "ara", "kas", "eki", "tem", "haz", "nis", "des", "ag", "marc"}
)

# Weekday names are noise around a date (the date itself decides the day); they are listed so the
# pre-filter recognises a weekday-only line as date-like and so the docs can say which languages we know.
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    "az": ("bazar ertəsi", "çərşənbə axşamı", "çərşənbə", "cümə axşamı", "cümə", "şənbə", "bazar"),
    "tr": ("pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "pt": (
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "sábado",
        "domingo",
    ),
    "ar": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "ca": ("dilluns", "dimarts", "dimecres", "dijous", "divendres", "dissabte", "diumenge"),
    "hi": ("सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार", "बृहस्पतिवार"),
}

# Weekday abbreviations, which sit between a time written first and its date ("2:23 PM ET, Wed Oct 12").
WEEKDAY_ABBREVIATIONS = (
    *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
    *("mo", "di", "mi", "do", "fr", "sa", "so"),  # de
    *("lun", "mar", "mer", "jeu", "ven", "sam", "dim"),  # fr
    *("mié", "jue", "vie", "sáb", "dom"),  # es
    *("пн", "вт", "ср", "чт", "пт", "сб", "вс"),  # ru
    *("pzt", "sal", "çar", "per", "cum", "cmt", "paz"),  # tr
)

# Words naming a day relative to the reading time: value is the number of days back.
RELATIVE_DAYS: dict[str, int] = {
    # en
    "today": 0,
    "yesterday": 1,
    "day before yesterday": 2,
    # ru
    "сегодня": 0,
    "вчера": 1,
    "позавчера": 2,
    # az
    "bu gün": 0,
    "bugün": 0,
    "dünən": 1,
    "srağagün": 2,
    # tr ("bugün" shared with az)
    "dün": 1,
    "evvelsi gün": 2,
    # de
    "heute": 0,
    "gestern": 1,
    "vorgestern": 2,
    # fr
    "aujourd'hui": 0,
    "aujourd’hui": 0,
    "hier": 1,
    "avant-hier": 2,
    # es
    "hoy": 0,
    "ayer": 1,
    "anteayer": 2,
    # it
    "oggi": 0,
    "ieri": 1,
    "l'altro ieri": 2,
    # pt
    "hoje": 0,
    "ontem": 1,
    "anteontem": 2,
    # ar
    "اليوم": 0,
    "أمس": 1,
    "امس": 1,
    "أول أمس": 2,
    # hi ("कल" is yesterday and tomorrow alike: not listed)
    "आज": 0,
    # nl, sv, nb/da, pl
    "vandaag": 0,
    "gisteren": 1,
    "eergisteren": 2,
    "idag": 0,
    "i dag": 0,
    "igår": 1,
    "i går": 1,
    "i förrgår": 2,
    "i forgårs": 2,
    "dzisiaj": 0,
    "dziś": 0,
    "wczoraj": 1,
    "przedwczoraj": 2,
    # zh, ja, ko
    "今天": 0,
    "昨天": 1,
    "前天": 2,
    "今日": 0,
    "昨日": 1,
    "一昨日": 2,
    "오늘": 0,
    "어제": 1,
    "그제": 2,
}

# "hier" is German for "here": it means yesterday only on French pages.
RELATIVE_DAY_LANGUAGE_ONLY: dict[str, str] = {"hier": "fr"}

# Stand-ins for the two units that are not a number of seconds.
MONTH = -1
YEAR = -12

# Units of "N units ago": word -> seconds. Singular, plural and the Russian/Arabic case forms.
UNITS: dict[str, int] = {
    # Feeds and social widgets abbreviate: "2h ago", "5m ago", "3d ago" (m is minutes there; months are "mo").
    **dict.fromkeys(["second", "seconds", "sec", "secs", "s"], 1),
    **dict.fromkeys(["minute", "minutes", "min", "mins", "m"], 60),
    **dict.fromkeys(["hour", "hours", "hr", "hrs", "h"], 3600),
    **dict.fromkeys(["day", "days", "d"], 86400),
    **dict.fromkeys(["week", "weeks", "w", "wk", "wks"], 604800),
    **dict.fromkeys(["секунду", "секунды", "секунд"], 1),
    **dict.fromkeys(["минуту", "минуты", "минут", "мин"], 60),
    **dict.fromkeys(["час", "часа", "часов", "ч"], 3600),
    **dict.fromkeys(["сек"], 1),
    **dict.fromkeys(["день", "дня", "дней"], 86400),
    **dict.fromkeys(["неделю", "недели", "недель"], 604800),
    **dict.fromkeys(["saniyə", "saniye", "sn"], 1),
    **dict.fromkeys(["dəqiqə", "dakika", "dk", "dak"], 60),  # Turkish "3 dk önce"
    "saat": 3600,
    "gün": 86400,
    **dict.fromkeys(["həftə", "hafta"], 604800),
    **dict.fromkeys(["sekunde", "sekunden"], 1),
    **dict.fromkeys(["minute", "minuten"], 60),
    **dict.fromkeys(["stunde", "stunden", "std"], 3600),  # "vor 3 Std."
    **dict.fromkeys(["tag", "tagen"], 86400),
    **dict.fromkeys(["woche", "wochen"], 604800),
    **dict.fromkeys(["seconde", "secondes", "segundo", "segundos", "secondo", "secondi"], 1),
    **dict.fromkeys(["minuto", "minuti", "minutos"], 60),
    **dict.fromkeys(["heure", "heures", "hora", "horas", "ora", "ore"], 3600),
    **dict.fromkeys(["jour", "jours", "día", "días", "dia", "dias", "giorno", "giorni"], 86400),
    **dict.fromkeys(["semaine", "semaines", "semana", "semanas", "settimana", "settimane"], 604800),
    **dict.fromkeys(["ثانية", "ثوان", "ثواني"], 1),
    **dict.fromkeys(["دقيقة", "دقائق"], 60),
    **dict.fromkeys(["ساعة", "ساعات"], 3600),
    **dict.fromkeys(["يوم", "أيام", "ايام"], 86400),
    **dict.fromkeys(["أسبوع", "أسابيع"], 604800),
    # Arabic duals: "منذ ساعتين" is two hours ago (DUAL_UNITS)
    **dict.fromkeys(["ثانيتين"], 1),
    **dict.fromkeys(["دقيقتين"], 60),
    **dict.fromkeys(["ساعتين"], 3600),
    **dict.fromkeys(["يومين"], 86400),
    **dict.fromkeys(["أسبوعين", "اسبوعين"], 604800),
    **dict.fromkeys(["सेकंड", "सेकेंड"], 1),
    **dict.fromkeys(["मिनट"], 60),
    **dict.fromkeys(["घंटा", "घंटे", "घंटों"], 3600),
    **dict.fromkeys(["दिन", "दिनों"], 86400),
    **dict.fromkeys(["हफ्ता", "हफ्ते", "हफ़्ते", "हफ़्ते", "सप्ताह"], 604800),
    # Months and years count on the calendar, not in seconds; the result has month precision.
    **dict.fromkeys(
        ["month", "months", "mo", "mos", "monat", "monaten", "mois", "mes", "meses", "mese", "mesi"], MONTH
    ),
    **dict.fromkeys(["месяц", "месяца", "месяцев", "ay", "شهر", "أشهر", "شهور", "شهرين"], MONTH),
    **dict.fromkeys(["year", "years", "yr", "yrs", "jahr", "jahren", "an", "ans", "año", "años"], YEAR),
    **dict.fromkeys(["ano", "anos", "anno", "anni", "год", "года", "лет", "yıl", "il", "سنة", "سنوات"], YEAR),
    **dict.fromkeys(["عام", "أعوام", "سنتين", "عامين"], YEAR),
    **dict.fromkeys(["महीना", "महीने", "महीनों"], MONTH),
    **dict.fromkeys(["साल", "वर्ष"], YEAR),
}

# Arabic dual forms of units: two of them, without a number ("منذ ساعتين", "منذ يومين").
DUAL_UNITS = frozenset(
    {"ثانيتين", "دقيقتين", "ساعتين", "يومين", "أسبوعين", "اسبوعين", "شهرين", "سنتين", "عامين"}
)

# The languages added last (nl, sv, nb/da, pl, zh, ja, ko): "ago" read only with that language's own
# units and a count in digits, so "BMW 320d sedan" is no "320 days ago", "日前" (recently), "주전" (a
# starter), "twee uur geleden" (a number word) and "kilka godzin temu" (several) are not read.
_NL = {"seconde": 1, "seconden": 1, "minuut": 60, "minuten": 60, "min": 60, "uur": 3600, "dag": 86400}
_NL |= {"dagen": 86400}
_NL |= {"week": 604800, "weken": 604800, "maand": MONTH, "maanden": MONTH, "jaar": YEAR}
_SV = {"sekund": 1, "sekunder": 1, "minut": 60, "minuter": 60, "min": 60, "timme": 3600, "timmar": 3600}
_SV |= {"tim": 3600}
_SV |= {"dag": 86400, "dagar": 86400, "vecka": 604800, "veckor": 604800}
_SV |= {"månad": MONTH, "månader": MONTH, "år": YEAR}
_NB_DA = {"sekund": 1, "sekunder": 1, "minutt": 60, "minutter": 60, "minut": 60, "min": 60, "time": 3600}
_NB_DA |= {"t": 3600}  # "3 t siden"
_NB_DA |= {"timer": 3600, "dag": 86400, "dager": 86400, "dage": 86400, "uke": 604800, "uker": 604800}
_NB_DA |= {"uge": 604800, "uger": 604800, "måned": MONTH, "måneder": MONTH, "år": YEAR}
_PL = {"sekundę": 1, "sekundy": 1, "sekund": 1, "sek.": 1, "minutę": 60, "minuty": 60, "minut": 60}
_PL |= {"min.": 60, "min": 60, "godz.": 3600, "godz": 3600}  # Onet, WP: "2 godz. temu", "15 min. temu"
_PL |= {"godzinę": 3600, "godziny": 3600, "godzin": 3600, "dzień": 86400, "dni": 86400}
_PL |= {"tydzień": 604800, "tygodnie": 604800, "tygodni": 604800}
_PL |= {"miesiąc": MONTH, "miesiące": MONTH, "miesięcy": MONTH, "rok": YEAR, "lata": YEAR, "lat": YEAR}
_KO = {"초": 1, "분": 60, "시간": 3600, "일": 86400, "주": 604800, "개월": MONTH, "년": YEAR}
_ZH_JA = {"秒": 1, "秒钟": 1, "秒鐘": 1, "分": 60, "分钟": 60, "分鐘": 60, "小时": 3600, "小時": 3600}
_ZH_JA |= {"時間": 3600, "天": 86400, "日": 86400, "周": 604800, "週": 604800, "週間": 604800}
_ZH_JA |= {"个月": MONTH, "個月": MONTH, "か月": MONTH, "ヶ月": MONTH, "カ月": MONTH, "年": YEAR}
# ago word -> (its units, whether it may follow the unit without a space, its languages)
PAIRED_AGO: dict[str, tuple[dict[str, int], bool, tuple[str, ...]]] = {
    "geleden": (_NL, False, ("nl",)),
    "sedan": (_SV, False, ("sv",)),  # also "then": see SINCE_WORDS
    "siden": (_NB_DA, False, ("nb", "no", "nn", "da")),  # also "since"
    "temu": (_PL, False, ("pl",)),
    "전": (_KO, True, ("ko",)),  # "3시간 전", "3시간전"
    "前": (_ZH_JA, True, ("zh", "ja")),  # "3小时前", "3時間前"
}
# "sedan" is also "then" ("Koka i 10 min sedan häll av") and "siden" "since" ("i 3 år siden fusjonen"): these
# are read as "ago" only after "för"/"for" or at the end of the string or before a separator.
SINCE_WORDS = frozenset({"sedan", "siden"})

# "ago" written before the number (vor 3 Stunden, il y a 3 heures, hace 3 horas, há 3 horas, منذ 3 ساعات)
AGO_BEFORE = ("il y a", "vor", "hace", "há", "ha", "منذ", "قبل")
# ... or after the unit (3 hours ago, 3 часа назад, 3 saat önce, 3 saat əvvəl, 3 ore fa, 3 घंटे पहले)
AGO_AFTER = ("ago", "назад", "önce", "əvvəl", "fa", "पहले")
# Count words for "an hour ago", "a day ago".
COUNT_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "un": 1,
    "une": 1,
    "una": 1,
    "uno": 1,
    "um": 1,
    "uma": 1,
    "ein": 1,
    "eine": 1,
    "einer": 1,
    "einem": 1,
}
# "just now" and friends: the reading time itself.
NOW_WORDS = (
    "just now",
    "только что",
    "az önce",
    "gerade eben",
    "à l'instant",
    "ahora mismo",
    "adesso",
    "agora",
    "अभी अभी",
    "अभी-अभी",
)


# Parts of the day beside a 12-hour clock, and what each does to its hour: "pm" adds 12 to 1-11, "night"
# adds 12 to 5-11 ("10:00 de la noche"; "1:30 de la noche" is 1:30) and leaves 12 unread (the night
# before or after?), "noon" adds 12 to 1-5 ("1:30 del mediodía", "4:15 дня"; "11:00 дня" is 11:00), "am"
# makes 12 into 0 (only where 12 in the morning is midnight: "12:30 de la madrugada"; "las 12 de la
# mañana" is noon), "midnight" leaves 12 unread too. Read right after the clock, past an hour word and a
# link ("7:30 de la tarde", "7.30 Uhr abends", "om 7.30 uur 's avonds", "10:00 ليلا", "7:30 ng gabi"), or
# in some languages right before it ("akşam 7:30", "शाम 7:30"). Not words that also mean something else
# there: Italian "sera" only after "di" (French "7h30 sera" is "will be"); see also DAY_PART_LANGUAGES
# and DAY_PART_NOT (dates_clock: and no capitalised word, which starts a headline or a name).
def _parts(kind: str, words: str) -> dict[str, str]:
    return dict.fromkeys(words.split("|"), kind)


DAY_PARTS_AFTER: dict[str, str] = {
    **_parts(  # the afternoon (and Spanish "tarde", which runs into the evening): its 12 o'clock is noon
        "pm",
        "tarde|après-midi|apres-midi|pomeriggio|nachmittags|middags|po południu|sore|chiều|afternoon|"
        "după-amiaza|odpoledne|délután|hapon|عصرا|عصراً|عصر|بعدازظهر|بعد از ظهر|ب.ظ|μ.μ.|μμ|אחר הצהריים|अपराह्न",
    ),
    **_parts(  # the evening: its 12 o'clock is unread, and a range may end at midnight ("7:00-12:00")
        "evening",
        "soir|di sera|della sera|abends|avonds|вечера|вечора|вечером|wieczorem|petang|tối|evening|seara|večer|"
        "مساءا|مساءاً|בערב|शाम",
    ),
    **_parts(
        "night",
        "noche|noite|nuit|notte|nachts|ночи|ночью|nocą|w nocy|malam|đêm|night|ليلا|ليلاً|شب|בלילה|gabi|gece|"
        "रात|रात्रि|noaptea|noću",
    ),
    **_parts("noon", "ظهرا|ظهراً|दोपहर|mediodía|mediodia|meio-dia|mezzogiorno|noon|дня"),
    **_parts("midday", "mittags"),  # German: 12 to about 2 o'clock
    **_parts("tonight", "tonight"),
    **_parts("am", "madrugada|morning|صباحا|صباحًا|صباحاً|ق.ظ|π.μ.|πμ|पूर्वाह्न"),
    **_parts("midnight", "midnight|medianoche|minuit|mezzanotte|mitternacht|полночь|meia-noite|gece yarısı"),
}
# Written before the clock (Turkish, Hindi, Urdu, Hungarian; CJK's are in dates_formats.CJK_DAYTIME), and
# am/pm as Korean sites write them in Latin letters ("2022.07.12 PM 2:23", read as 02:23 until the
# twenty-first session): in capitals only (MERIDIEM_BEFORE), as German "am" is "on".
MERIDIEM_BEFORE = frozenset({"am", "pm", "a.m.", "p.m."})
DAY_PARTS_BEFORE: dict[str, str] = {
    **_parts("pm", "öğleden sonra|délután|pm|p.m."),
    **_parts("am", "am|a.m."),
    **_parts("evening", "akşam|शाम|شام|este"),
    **_parts("night", "gece|रात|رات|éjjel"),
    **_parts("noon", "दोपहर|öğle"),
    # morning: "सुबह 10:00 - 6:00 शाम" starts at 10 am, not 10 pm ("सुबह 12:00": which 12 o'clock?)
    **_parts("morning", "सुबह|sabah|reggel|délelőtt|صبح"),
}
# Words read only in their language's text (a locale of another language, or none, leaves them alone):
# Hungarian "este" is Romanian "is" and Spanish "this", Indonesian "sore" English "sore", Tagalog "gabi"
# a name.
DAY_PART_LANGUAGES: dict[str, tuple[str, ...]] = {
    "este": ("hu",),
    "sore": ("id", "ms"),
    "petang": ("id", "ms"),
    "malam": ("id", "ms"),
    "gabi": ("tl", "fil"),
    "hapon": ("tl", "fil"),
    "عصر": ("fa",),  # Persian afternoon; Arabic "age" ("عصر الذكاء الاصطناعي")
    "شب": ("fa", "ur"),  # Persian night; Arabic "broke out" ("شب حريق")
    "sabah": ("tr",),  # Turkish morning; Azerbaijani "tomorrow", and a Malaysian state
    "reggel": ("hu",),
    "délelőtt": ("hu",),
    "صبح": ("fa", "ur", "ar"),
}
# A part-of-day word that starts another word there: "дня голосования" (of election day), "tarde demais"
# (too late), "noche de estreno" (premiere night), "nuit blanche", "gece kulübü" (nightclub); Vietnamese
# ones before any word but "nay", "qua", "mai", "ngày", "hôm", "thứ" ("tối đa" maximum, "tối ưu" optimal,
# "chiều dài" length, "chiều lòng" please); English ones before a noun without "the"/"this"/"at" before
# them and not a zone ("at 10:30 night shift workers", "7:30 evening News", "9:00 night-time curfew"; "7:30
# evening GMT" is read), not "7:30 in the evening, the mayor said".
DAY_PART_NOT = (
    r"дня\s+(?!по\s)[а-яё]|tarde\s+(?:demais|o\s+temprano)|no(?:che|ite)\s+de\s|nuit\s+blanche"
    r"|notte\s+bianca|gece\s+kulüb"
    r"|(?:tối|chiều|đêm)\s+(?!(?:nay|qua|mai|ngày|hôm|thứ)(?![^\W\d_]))[^\W\d_]"
    r"|(?<!the\s)(?<!this\s)(?<!at\s)(?:night|evening|morning|afternoon)\s+"
    r"(?!(?:eastern|pacific|central|mountain|atlantic)(?![^\W\d_]))(?-i:[a-z])"  # not "evening Beijing time"
    # Hindi "शाम" inside a longer word (शामिल, included) or opening the next time ("10:00 शाम 6:00")
    r"|शाम(?:[\u0900-\u0903\u093a-\u094f\u0962\u0963]|\s+\d)"
    r"|(?:night|evening|morning|afternoon)-[a-z]|night['’]s\s"
)
# Between the clock and the part of the day: an hour word, then a link.
DAY_PART_HOUR_WORDS = ("uhr", "uur", "heures", "heure", "horas", "hs", "hrs", "giờ", "बजे")
DAY_PART_LINKS = tuple(_parts("link", "de la|de l'|del|de|da|do|du|di|della|dell'|'s|ng|in the|this|at"))

# Months of the two other calendars news sites write in, as printed (flows/dates_calendars.py converts them
# and adds the spelling variants: Arabic or Persian yeh and kaf, hamza on the alef or not, ta marbuta or
# heh; a zero-width non-joiner is a space to the parser, so "ربیع‌الاول" is "ربیع الاول").
# Solar Hijri (Jalali, Shamsi): Iran's names, then Afghanistan's (Dari), month 1 (Farvardin, Hamal) first.
SOLAR_HIJRI_MONTHS = _names(
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد|امرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
# Dari names are Arabic words too (ثور bull, اسد lion, سرطان cancer, میزان scale): read on pages whose
# language is not Arabic only.
DARI_MONTHS = _names(
    "حمل", "ثور", "جوزا|جوزاء", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"
)
# Hijri (Islamic), as Arabic and Persian sites print it; converted on the Umm al-Qura calendar.
HIJRI_MONTHS = _names(
    "محرم|محرّم|المحرم",
    "صفر",
    "ربيع الأول|ربيع أول|ربيع الأوّل",
    "ربيع الآخر|ربيع الثاني|ربيع آخر|ربيع ثاني",
    "جمادى الأولى|جمادى الأول|جمادى أولى",
    "جمادى الآخرة|جمادى الآخر|جمادى الثانية|جمادى الثاني|جمادى ثاني",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال|شوّال",
    "ذو القعدة|ذي القعدة",
    "ذو الحجة|ذي الحجة",
)
