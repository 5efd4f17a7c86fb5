"""The written shapes of dates and times, as regex source (rules only; flows/dates_patterns.py compiles them).

Each pattern is linear: no nested quantifiers, bounded repetitions, so a hostile line costs microseconds.
Look-arounds keep a pattern from matching inside a longer number (a phone number, a version, an ID).
Placeholders ``{month}`` stand for the month-word alternation, which depends on the source's language
(``{month_word}``: the same words, without the group that captures one).
"""

from __future__ import annotations

# Unix time, when it is the whole string: 9-10 digits are seconds (1990 onwards), 12-13 are milliseconds.
EPOCH = r"(\d{9,10}|\d{12,13})(?:\.\d{1,6})?"

# ISO 8601 / RFC 3339, extended form: 2022-10-12, 2022-10-12T14:23, 2022-10-12 14:23:00.123 (the zone,
# if any, is read after it by ZONE). Groups: year, month, day, hour, minute, second. A colon after it
# before a word is a headline's ("2022-10-12: Release notes"; it was no date until the twenty-first session).
ISO = (
    r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})"
    r"(?:(?:T\s?|\s+)(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?(?!\d|:\d)"
)
# ISO basic form: 20221012T142300Z, or 20221012 alone (8 digits elsewhere are too often an ID).
ISO_BASIC = r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d{1,9})?|(?=$))(?!\d)"
# ISO week date with its weekday: 2022-W41-3, 2022W413.
ISO_WEEK = r"(?<!\d)(\d{4})-?W(\d{2})-?([1-7])(?!\d)"
# ISO ordinal date: 2022-285 (the 285th day), optionally with a time.
ISO_ORDINAL = r"(?<![\d-])(\d{4})-(\d{3})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?(?![\d-])"
# ISO year and month: 2022-10 (month precision).
ISO_MONTH = r"(?<![\d./-])(\d{4})-(\d{2})(?![\d-])"

# Year first with slashes or dots (2022/10/12, 2022.10.12, and /2022/10/12/ in URLs): always Y-M-D.
NUM_YMD = r"(?<![\d.-])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?!\d|[./]\d)"
# Chinese, Japanese and Korean: 2022年10月12日, 2022년 10월 12일; a Japanese era year in brackets may follow the
# year: 2022年（令和4年）10月12日.
NUM_YMD_CJK = (
    r"(?<!\d)(?:(\d{4})\s?[年년]\s?(?:[(（][^)）]{1,8}[)）]\s?)?)?"  # year optional: 10月12日
    r"(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]"
)
# Japanese era years: 令和4年10月12日 (Reiwa 4 = 2022), 平成30年 (Heisei 30 = 2018), 令和元年 (the first year),
# and the short form R4.10.12 / H30.10.12. Read as digits they were 2012 dates, or yearless dates given the
# year of the reference time (review). ERA_BASES: the Gregorian year before each era's first.
ERA_BASES = {
    "令和": 2018,
    "平成": 1988,
    "昭和": 1925,
    "大正": 1911,
    "R": 2018,
    "H": 1988,
    "S": 1925,
    "T": 1911,
}
NUM_ERA_JA = r"(令和|平成|昭和|大正)\s?(元|\d{1,2})\s?年\s?(?:(\d{1,2})\s?月\s?(?:(\d{1,2})\s?日)?)?"
NUM_ERA_SHORT = r"(?<![A-Za-z\d])([RHST])(\d{1,2})[./](\d{1,2})[./](\d{1,2})(?![\d./])"
# Japanese month/day before a weekday in brackets, yearless ("11/19(火) 16:23配信", Yahoo! Japan News):
# the weekday makes it a date, not a fraction or a score.
NUM_MD_JA = r"(?<![\d/])(\d{1,2})/(\d{1,2})\s?[(（][月火水木金土日][)）]"
# Korean with spaces after the dots: 2022. 10. 12. (year first).
NUM_YMD_SPACED = r"(?<![\d.])(\d{4})\.\s(\d{1,2})\.\s(\d{1,2})\.?(?!\d)"
# All digits, year first, to the minute or second: 202210121423, 20221012142305 (file names, URLs, APIs).
COMPACT = r"((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])([0-5]\d)([0-5]\d)?"
# Czech and Slovak space after each dot: 12. 10. 2022 (day first).
NUM_DMY_SPACED = r"(?<![\d.])(\d{1,2})\.\s(\d{1,2})\.\s(\d{4})(?!\d)"
# Day and month in either order, then a 2- or 4-digit year: 12.10.2022, 12/10/22, 10-12-2022.
# Which of the first two is the day is decided by flows.dates_find.day_month_order, not here.
NUM_DMY = r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|-(?!\d{1,2}:\d\d)|\.\d)"
# Day and month without a year ("Published 12.10., updated 13.10.2022"): read only before a numeric date
# with a year written with the same separator, which lends it its year; alone, "12/10" is as likely a
# score or a fraction.
NUM_DM = r"(?<![\d./:-])(\d{1,2})([./])(\d{1,2})\.?(?![\d/:]|\.\d)"

# 12-hour markers: English ("p.m" without its last dot too), and the Arabic ص (morning) / م (evening).
AMPM = r"(?:(?P<pm>pm|p\.\s?m\.?|م|مساء|مساءً)|(?P<am>am|a\.\s?m\.?|ص|صباحا|صباحًا))(?![^\W\d_])"
# "9時5分前", "9時5分前ごろ", "3시 5분 전쯤", "17时30分前提交": five to nine, five to three, "by 17:30": the day
# only. A word that starts with 前/전 (前年同期比, 前原, 前知事, 前美国总统; 전일 대비, 전인대, 전송) keeps the
# time: those words are too many to list, the phrase's endings and deadline verbs are few.
_PUNCT = r"[,.:;、。，!?)」』（(…”\"'’・〜~·]"
_TO_END = r"(?:\s|$|" + _PUNCT + r")"  # an end, space or punctuation (full-width made ASCII)
_QIAN_TO = (  # after 前: an end, a particle, "about", or a deadline verb ("by 17:30, submit"), not the
    # start of a word that begins with one (以色列 Israel, 交通 transport, 将军 general, 上交所, 交易所;
    # 前交易日 the previous trading day)
    _TO_END + r"|ご?ろ|頃|くらい|ぐらい|[にからまでのはもとよりをがだへやで]"
    r"|提交|提出|报名|報名|报到|報到|集合|到|抵达|抵達|截止|完成|送达|着|迄|将(?!军|领)|須|须|必|务必|務必"
    r"|交(?!通|易所|易员|易員|易日|警)|上交(?!所)|上报|递交|进场|入场|入場|离开|撤离|返回|办理|登记|签到|缴纳|寄出|发出|停止|关闭"
    r"|结束|有效|以(?!色列)|回复|締|出発|出发|開場"
)
# Korean endings after 전, one to three stacked (전에, 전까지는, 전이었다, 전쯤이면); a single 이, 과 or 도
# before a space and a noun starts a noun instead (전이 암 metastasis, 전과 3범 a record, 전도 활동 mission
# work), and 전면, 전경, 전야 are nouns too.
_JEON_ENDING = (
    r"(?:입니다|이었다|였다|이지만|지만|인데|이다|이면|이라야|이라|이야|에야|까지면|까지|부터|으로|보다"
    r"|인|을|과|와|도|만|께|쯤|에|의|이|은|는|엔|다|데)"
)
# 전 then a space and a word is "former", "all" (전 대통령, 전 세계): the time stays ("전과 비교", "전이
# 아니라" stay "before"). After a colon time, 前 spaced as Chinese pages space digits ("请于 17:30 前提交"),
# but not "9:30 前のめり" (a word).
_JEON_TO = (
    r"(?!\s?전(?!(?:이|과|도)\s(?!후|비교|대비|가능|아니))(?:"
    + _JEON_ENDING
    + r"{1,3}"
    + _TO_END
    + r"|\s*(?:$|"
    + _PUNCT
    + r")))"
)
_NOT_TO = r"(?!\s?前(?:" + _QIAN_TO + r"))" + _JEON_TO
_NOT_TO_COLON = r"(?!(?:前|\s前(?!のめり))(?:" + _QIAN_TO + r"))" + _JEON_TO
# CJK write the part of the day before the time: afternoon and evening (下午, 傍晚, 夕方, 저녁: add 12),
# night (晚上, 晚, 夜, 밤: add 12 to 5-11 o'clock; 夜1時 is 1 am; 12 is unread), midday (中午1点, 昼1時,
# 낮 1시: 13:00), morning (dates_clock applies them).
CJK_DAYTIME = (
    r"(?:(?P<cpm>오후|午後|下午|午后|傍晚|夕方|저녁)\s?"
    r"|(?P<cnight>晚上|晚间|晚間|夜间|夜間|夜里|夜中|深夜|夜|(?<![最较較太偏早])晚|(?<![군알])밤)\s?"
    r"|(?P<cnoon>中午|正午|昼|낮)\s?|(?P<cam>오전|午前|上午|凌晨|早上|早晨|清晨|朝|새벽|아침)\s?)?"
)
# An hour alone, or with its half (8時半, 3시 반), its CJK hour word not starting another word: 時間/时间/
# 시간 (hours, a duration), 時点 (as of), 時期 (a period), 时速 (speed), 시즌 (season); Korean 시 only before
# a particle or an end (에, 쯤, 경, 께, 부터, 까지); no minutes after it ("3시 5분 전에": five to three, the
# day only).
_HOUR_ONLY = (
    r"(?:[時时](?:(?P<half>半)|(?![間间点限期段长速]))|시(?:\s?(?P<khalf>반))?(?=[\s,.)에쯤경께]|$|부터|까지))"
    r"(?!\s?\d)"
)
# "N hs" (Argentina's "21 hs") is a clock after "a/desde/hasta/entre/y las" ("a las 18 hs en el Estadio",
# "entre las 9 hs y las 13 hs"), at a range's start ("de 18 hs a 22 hs", "de 8hs-10hs"), and where a
# dateline's time stands: at the end of the line, before a separator or a bracket, an upper-case zone,
# "hora", "del", "por", "de la noche", "de hoy", "de Argentina". Not before other words, sentences or
# marks, where it is an amount of hours ("Paro de 12 hs en todo el país", "12 hs Sin Luz", "duró 18 hs.
# El servicio...", "¿Quién aguanta 6 hs?", "Las 12 hs de Sebring"), nor after words that make it one
# ("hace 3 hs", "durante 12 hs", "cada 8 hs", "dentro de 2 hs", "en las próximas 12 hs"), each a whole
# word ("vapor" ends in "por"). Three review rounds tried looser rules; each read durations as clocks.
_NOT_DURATION = "".join(
    rf"(?<!\b{word} \d)(?<!\b{word} \d\d)"
    for word in (
        "hace", "durante", "últimas", "ultimas", "próximas", "proximas", "unas", "unos", "por", "tras",
        "cada", "de", "en",
    )
)  # fmt: skip
_HS_CLOCK_END = (
    r"(?:\.?[ \t]*(?:$|\n)|\.?(?=\s*(?:[|,;:)(\[\]/·•–—-]|hora\b|del\b|por\b|aprox"
    r"|de\s+(?:la|hoy|mañana|ayer|argentina|uruguay|chile|paraguay|buenos\s+aires)\b"
    r"|(?-i:[A-Z]{2,4})\b)))"  # an upper-case zone: "9 hs GMT-3", "21 hs ART"
)
_HS_AT = r"\s?(?-i:[hH]s)"
_AFTER_LAS = "|".join(
    rf"(?<=\b{word} las \d)|(?<=\b{word} las \d\d)" for word in ("a", "desde", "hasta", "entre", "y")
)
_HS_RANGE = _HS_AT + r"\.?\s*(?:[-–]\s*|(?:a|al|hasta)\s+)(?:las\s+)?\d"  # "de 18 hs a 22 hs"
# A clock: 14:23, 14:23:05.5, 2:23 p.m., 9am, 14h23 and 14 h 23 (fr, pt), 14h; 14.23 only when "Uhr",
# an upper-case zone (14.23 BST, the Guardian's style; "(UTC+04:00)" in brackets too) or am/pm (2.23pm,
# the BBC's) follows, because
# 12.10 is far more often a day and a month.
TIME = (
    CJK_DAYTIME + r"(?<![\d:.第제])(?P<h>[01]?\d|2[0-3])"  # not 第3时期, 제3시 (the 3rd)
    r"(?:\s?[:h時时시]\s?(?P<m>[0-5]\d)(?:[分분]" + _NOT_TO + r"|(?![分분])" + _NOT_TO_COLON + r")"
    r"(?::(?P<s>[0-5]\d|60)(?:[.,]\d{1,9})?)?"  # :60, a leap second (read as :59: its zone was lost)
    + r"|\s?[時时시点點]\s?(?P<mc>[0-5]?\d)[分분]"  # "9时5分", "20点30分" (点 only with its 分)
    + _NOT_TO
    + r"|\.(?P<m2>[0-5]\d)(?=\s?(?:Uhr|\(?(?-i:[A-Z]{3,4})(?![^\W\d_])|[ap]\.?m\b))"  # "14.23 (UTC+04:00)"
    + (r"|\s?" + _HOUR_ONLY + _NOT_TO)  # "20时", "午後8時", "오후 8시에", not "3時間前", "3시즌"
    + r"|(?=\s?(?-i:Uhr)(?![^\W\d_]|\d))"  # "19 Uhr"
    + r"|(?="
    + _HS_AT
    + r"(?![^\W\d_]|\d))"  # "21 hs" (Argentina): where, in _HS_CLOCK_END's comment
    + r"(?:"
    + _AFTER_LAS
    + r"|(?="
    + _HS_RANGE
    + r")"
    + r"|"
    + _NOT_DURATION
    + r"(?="
    + _HS_AT
    + _HS_CLOCK_END
    + r"))"
    r"|h(?![^\W\d_]|\d)|(?=\s?" + AMPM + r")"
    r"|(?<=12)(?=\s?noon(?![^\W\d_])))"  # "at 12 noon ET" (the day only until the twenty-first session)
    r"(?![\d])(?:\s?" + AMPM.replace("?P<", "?P<x") + r")?"
)

# Between a date and the time after it (GAP_AFTER below): connectors in any language ("at", "à", "в",
# "um", "a las"), punctuation, a weekday; never a digit (that would be another number, not a connector),
# nor a word that says the time is a later change: in "Published Oct 11, 2022 Updated 10:33 AM ET" it is
# the update's. Two digits before one are a year (YEAR_TAIL: "15 Jul 19 updated Oct 13, 2022").
UPDATE_WORDS = (
    r"updated?|modified|edited|last\s+changed"
    r"|aktualisiert|ge[äa]ndert|mis\s+[àa]\s+jour|modifi[ée]"
    r"|actualizad[oa]|modificad[oa]|atualizad[oa]|aggiornat[oa]|modificat[oa]|modifica"
    r"|uppdaterad|oppdatert|opdateret|p[äa]ivitetty|bijgewerkt|gewijzigd|zaktualizowano|aktualizacja"
    r"|revised|actualis[ée]|aangepast|(?:sist\s+)?endret|rettet|(?:senast\s+)?[äa]ndrad|muokattu"
    r"|edytowano|aktualizov[áa]no|aktualizace|actualizat[ăa]?|ultima\s+actualizare|data\s+actualiz[ăa]rii"
    r"|a[žz]urirano|zadnj[ae]\s+(?:izmjena|a[žz]uriranje)|rivisto|zuletzt\s+(?:ge[äa]ndert|aktualisiert)|ultima\s+modifica|[úu]ltima\s+actualizaci[óo]n"
    r"|обновлено|обновлени[ея]|изменено|g[üu]ncelle\w*|yenil[əe]n\w*|अपडेटेड|अपडेट|تحديث|تم\s+التحديث|محدّ?ث"
)
# Words of publication: a time after one belongs to this date only when none stands before it ("October
# 12, 2022 Posted by Anna at 2:23 PM"), not in "Updated 11:07 AM ET, October 11, 2022 Published 9:00 AM".
PUBLISH_WORDS = (
    r"published|posted|created|ver[öo]ffentlicht|publi[ée]|publicad[oa]|pubblicat[oa]|опубликовано"
    r"|yay[ıi]nlan\w*"
)


def _whole(words: str) -> str:
    return r"(?i:(?<![^\W\d_])(?:" + words + r")(?![^\W\d_]))"


# After a day number: English ordinals, French 1er, Spanish/Portuguese 1º, German "12.", Azerbaijani and
# Turkish case suffixes (12-ci, 12-si), Russian 12-го / 12-е.
ORDINAL = r"(?:st|nd|rd|th|er|º|ª|\.|-?(?:ci|cı|cu|cü|si|sı|su|sü|го|е))?"
# The year after a day and month: ", 2022", " de 2022" (es, pt), " '22", "-22" (RFC 850). Two digits are
# no year when a colon, dot or "h" follows: "12 Oct 14:23" has no year, 14 is the hour; nor before am/pm,
# Uhr, h or noon: "12 October 10am" and "12 octobre, 20 h" are times, not the years 2010 and 2020; nor
# before a lower-case word, where they count something ("On 12 October 15 people died", "12 October, 10
# min read", "Mon 12 Oct, 12 comments": read as 2015, 2010 and 2012 until the twenty-first session; as
# "Oct 12, 22 people" after a month first), unless it joins a time ("12 Oct 22 at 14:23", Thai "เวลา")
# or an update ("15 Jul 19 updated Oct 13, 2022"); nor before a month ("12 October, 20 May" is two
# dates). A letter of a script without case (Arabic, Thai, CJK) counts as lower case. They stay a year
# before a capitalised word ("12 Oct 22 Reuters", "15 Jul 19 Updated Oct 13, 2022"), when dashes or
# slashes join the date ("Published 8-Aug-21 share", "12/Oct/22 news") and in RFC 822's shape ("Wed, 12
# Oct 22 share"; not "Mon 12 Oct 15 people"): the session's first guard refused them all and inferred
# their year (review). German nouns are capitalised: "12. Oktober, 10 Kommentare" is 2010, as it was.
# Four digits are an hour only before a digit: "12 October 2022: Government announces", "12. Juli 2022
# am Rande", "12 July 2022 PM Modi", "12 Jul 2022 AM 10:23" keep their year (it was dropped and inferred
# from the reference time, review). A full stop after a four-digit year ends a sentence ("on 12 October
# 2022."; its year was lost and inferred); one before a digit is a dotted time's ("12 Oct 10.30"), and
# two digits before one are an ordinal ("12. Oktober, 19. Oktober", "12. Oktober, 10. Spieltag": found
# by review). The Arabic comma separates too ("12 أكتوبر، 2022").
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽΆΈ-ΏΑ-ΫЀ-Я"
_RFC_822_DAY = "(?<![^\\W\\d_])(?:mon|tue|wed|thu|fri|sat|sun), "  # "Wed, 12 Oct 22" (patterns ignore case)
_TWO_DIGIT_YEAR_END = (
    r"(?![\d:h]|\.|\s?(?:[ap]\.?\s?m\.?|uhr|h|noon)(?![^\W\d_])"  # "Mon 12 Oct 12 noon"
    r"|(?<![^\W\d_][-/]\d\d)"  # "12-Oct-22 share", "12/Oct/22"
    + "".join(rf"(?<!{_RFC_822_DAY}{day} [^\W\d_]{{3}} \d\d)" for day in (r"\d\d", r"\d"))
    + r"\s?(?!(?:at|à|a\slas|um|às|alle|в|kl|klo|om|ore|เวลา)(?![^\W\d_])|"
    + _whole(UPDATE_WORDS)
    + r")(?-i:(?!["
    + _UPPER
    + r"])[^\W\d_])"
    r"|\s?{month_word})"  # "12 October, 20 May": the next date's day
)
# Four digits glued to am/pm, or one space from it, that make a 12-hour clock are one, not a year: "Thu 12
# Oct 1130am", "12 October 1230 pm" (errors, "date 1130-10-12 is before 1990", after the twenty-first
# session's first change); "12 July 2022 PM Modi" keeps its year, 20 being no such hour.
_CLOCK_NOT_YEAR = r"(?!(?:0\d|1[0-2])[0-5]\d\s?[ap]\.?\s?m\b)"
YEAR_TAIL = (
    r"(?:[\s,./\-\u060c]{1,3}(?:de\s|del\s)?\s?"
    r"(?P<y>"
    + _CLOCK_NOT_YEAR
    + r"\d{4}(?!\d|[.:]\d)|'\d{2}(?![\d:h]|\.|\s?(?:[ap]\.?\s?m\.?|uhr|h)(?![^\W\d_]))"
    r"|\d{2}" + _TWO_DIGIT_YEAR_END + r")"
    r"|" + _CLOCK_NOT_YEAR + r"(?P<y4>\d{4})(?!\d|:\d))?"  # military style, glued: 12OCT2019
)

# The year after "October 12": "2022" (not "Oct 12 1130am"), "'22", or two digits after a comma when
# nothing but punctuation follows ("Oct 12, 22"; not "Oct 12, 22 people", "Oct 12, 10am" or "Oct 12, 14:23").
MDY_YEAR = (
    r"(?:\s?[,\u060c]?\s?(?P<y>" + _CLOCK_NOT_YEAR + r"\d{4}|'\d{2})(?!\d)"
    r"|[,\u060c]\s?(?P<y2>\d{2})(?![\d:.h])(?!\s?[^\W\d_]))?"
)

# The end of a range of days, read past so the date is the range's start and keeps its year: "October
# 12-13, 2021", "12–13 October 2022", "12 to 14 October 2021".
# Before the month only written tight ("12-13 October") after a space or the string's start, not after an
# "h" ("Formula 1 – 12 October 2022", "19h05–11 oct.", "19 h 05–11 oct.", "iOS 16.1–12 Oct" are the 12th
# and 11th), and only when it ends after it starts (flows/dates_find.py: "Results of 19–12 October" is the
# 12th).
DAY_RANGE_END = (
    r"(?:(?:(?<=^\d)|(?<=^\d\d)|(?<=[\s(,;]\d)|(?<=[\s(,;]\d\d))(?<![hH]\s\d)(?<![hH]\s\d\d)[-–]|\sto\s)"
    r"(?P<rend>\d{1,2})(?![\d:.])"
)
DAY_RANGE_END = "(?:" + DAY_RANGE_END + ")?"
# After "October 12" only when the year follows: "Oct 3 - 11 AM ET" is a time, not the days 3 to 11.
MDY_RANGE_END = r"(?:(?:\s?[-–]\s?|\sto\s)\d{1,2}(?=,?\s?\d{4}(?!\d)))?"

# Worded dates; {month} is the month alternation with its (?P<mon>...) group.
TEXT = {
    # 12 October 2022, 12. Oktober 2022, 12 de octubre de 2022, the 22nd of October 2022, 12-Oct-22.
    # Not the minutes of a clock: "14:30 Oct 12, 2022", "20h30, Oct 12, 2022" and "14.30, Oct 12, 2022"
    # are not 30 October 2012. A spaced "20 h 12 octobre 2022" is an hour and the day (found by review).
    "text-dmy": r"(?<!\d)(?<![\d][:.hH])(?P<d>\d{1,2})"
    + ORDINAL
    + DAY_RANGE_END
    + r"(?!\s-\s)(?:\s?(?:de|of)\s|\sd['’]|[\s/.,-]{0,3}){month}"  # "Oct 12 - Nov 3" is a range; ca "d'abril"
    + YEAR_TAIL,
    # Azerbaijani official style: 2022-ci il 12 oktyabr
    "text-ydm": r"(?<!\d)(?P<y>\d{4})(?:-?c[iıuü]\s+il(?:in)?)?,?\s(?P<d>\d{1,2})" + ORDINAL + r"\s{month}",
    # 2022 Oct 12, 2022. október 12 (the year-first orders)
    "text-ymd": r"(?<!\d)(?P<y>\d{4})[\s.,-]{1,3}{month}[\s.-]{1,2}(?P<d>\d{1,2})(?!\d)",
    # October 12, 2022; Oct. 12th 2022; Oct 12 (year from elsewhere on the line, or inferred)
    "text-mdy": r"{month}\s?(?P<d>\d{1,2})" + ORDINAL + MDY_RANGE_END + r"(?![\d:])" + MDY_YEAR,
    # October 2022 (month precision)
    "text-my": r"{month},?\s?" + _CLOCK_NOT_YEAR + r"(?P<y>\d{4})(?!\d)",
}

# Without a locale, a month abbreviation that is also a word of another language (dates_names.
# FOREIGN_WORD_CLASH: "set", "out", "ago") is read only between a day and a four-digit year, where it can
# be nothing else: "12 set 2022" is 12 September in Italian, Portuguese and Catalan alike (dateparser,
# given all three and English, read it as 2022-11-30 23:00, review). {month} is the alternation of those
# words that name one month in every language that has them.
TEXT_CLASH_DMY = r"(?<![\d.:])(?P<d>\d{1,2})\.?\s(?P<mon>{month})\.?\s(?P<y>\d{4})(?![\d:])"

# A zone right after a time: UTC / GMT with an optional offset (GMT+4, UTC+04:00, GMT+0400), a bare
# offset (+0400, -05:00, +04), an abbreviation from dates_zones ({abbreviations}), or an IANA name
# (Asia/Baku). Abbreviations come before IANA names so "CET/CEST" is read as one pair.
ZONE = (
    # "UTC+04:00", "GMT+0400", "UTC+04h00", "UTC +04 00", "UT+04:00"; "UTC+5.5" is +05:30. A signed number
    # the offset cannot read ("UTC+4.2") makes no zone at all rather than a bare UTC beside it.
    r"(?P<utc>(?i:UTC|GMT)|UT(?=\s?[+\-\u2212\u2013]\s?\d))(?!/)\s?(?:(?P<us>[+\-\u2212\u2013])\s?(?P<uh>\d{1,2})"
    r"(?:\.(?P<uf>5|25|75)(?![\d.])|(?:[:.h]|\s(?=\d\d(?!\d)))?(?P<um>\d{2}))?)?"
    r"(?![^\W\d_]|\s?\d{1,2}(?!\d)|\s?[+\-\u2212\u2013]\s?\d|[.:]\d)"  # "GMT 4" is no GMT; "UTC 2022" (asctime) is
    r"|(?P<ns>[+\-\u2212])(?P<nh>\d{2}):?(?P<nm>\d{2})?(?!\d)"
    r"|(?P<abbr>{abbreviations})(?![\w/])(?!(?:(?<=UTC)|(?<=GMT)|(?<=utc)|(?<=gmt))\s?[+\-\u2212\u2013]\s?\d)"
    r"|(?P<iana>[A-Z][A-Za-z_]+(?:/[A-Za-z_+0-9-]+){1,2})"
)
# What may stand between a time and its zone: "14:23 (UTC+04:00)", "14:23, GMT", "14:23 Uhr MESZ",
# "14:23 hrs IST" (Indian papers).
ZONE_LEAD = r"[\s(\[,]{0,3}(?:(?:Uhr|hrs|hours)[\s(\[,]{1,3})?"
# Words that say the time after them is a duration or another event's, not the date's: "12 Oct 2022
# Duration: 03:45", "12 October 2022 | Video 2:45", "Reading time 5:00", "Oct 12, 2022 Kickoff 7:30 PM",
# "Doors open 7:30 PM", "12. Oktober 2022, Anpfiff 20:30 Uhr", "12 octobre 2022, coup d'envoi à 21h" (read
# as the date's time until the twenty-first session). A time is not joined to the date across them, as
# across an update word.
EVENT_WORDS = (
    r"duration|length|run\s?time|video|videos|watch|listen|audio|podcast|reading\s+time|read|reading|min|mins"
    r"|kick-?off|kicks\s+off|doors(?:\s+open)?|starts?|begins?|start\s+time|live|tip-?off|first\s+pitch"
    r"|dauer|spieldauer|lesezeit|lesedauer|anpfiff|ansto(?:ß|ss)|beginn|spielbeginn|einlass|ab"
    r"|dur[ée]e|vid[ée]o|lecture|coup\s+d['’]envoi|d[ée]but|commence|ouverture\s+des\s+portes"
    r"|duraci[óo]n|v[íi]deo|lectura|comienza|empieza|inicio|arranca|saque\s+inicial|puertas"
    r"|durata|lettura|inizio|calcio\s+d['’]inizio|comincia|iniziano"
    r"|dura[çc][ãa]o|leitura|in[íi]cio|come[çc]a|pontap[ée]\s+inicial"
    r"|длительность|продолжительность|видео|начало|время\s+чтения|okuma\s+s[üu]resi|s[üu]re|ba[şs]lama"
)
# A time followed by a word of a duration is one: "12 Oct 2022, 1:45 (video)", "12 Oct 2022 3:45 min".
DURATION_AFTER = (
    r"\s?(?:[(\[]\s?(?i:video|vid[ée]o|v[íi]deo|audio|podcast|видео)|(?i:min|mins|minutes|minuten|minutos|minuti"
    r"|Min\.|мин))(?![^\W\d_])"
)
GAP_AFTER = r"(?:(?!" + _whole(UPDATE_WORDS) + r"|" + _whole(EVENT_WORDS) + r")[^\d]){0,25}"
PUBLISH_WORD = _whole(PUBLISH_WORDS)
UPDATE_WORD = _whole(UPDATE_WORDS)


def _labelling(words: str) -> str:
    """One of ``words`` and what may stand between it and the date it labels: its time may come first
    ("Updated 18:02 GMT, 19 November 2024", "Updated 6:02 p.m. ET Nov. 19"), a preposition, a weekday
    ("Dienstag, den")."""
    return (
        _whole(words)
        + r"[\s:,.|·–—()-]{0,4}"
        + r"(?:\d{1,2}[:.h]\d{2}(?:\s?[ap]\.?\s?m\.?)?(?:\s?[A-Z]{1,5})?[\s,]{1,2})?"
        + r"(?i:(?:on|at|am|um|le|il|el|em|den|op|the|de|del|à|a|en|w|i)\s)?"
        + r"(?:[^\W\d_]+\.?,?\s){0,2}\Z"
    )


# An update word that labels the date right after it ("Updated Nov. 19", "modifica il 19 novembre",
# "Aktualisiert am Dienstag, 19.11."), not one used as a word ("edited by Jane Doe", "Modifica al
# regolamento -", "Updated iPhone 16 review |").
UPDATE_LABEL = _labelling(UPDATE_WORDS)
# A word of publication that labels the date right after it, as UPDATE_LABEL does an update's: "Updated
# Oct. 12, 2022, 5:02 PM EDT / Published Oct. 11, 2022", "Last Updated: October 13, 2022 | Originally
# Published: October 12, 2022", "Mis à jour le 13/10/2022 à 10h00 | Publié le 12/10/2022": the labelled
# publication's date is the answer, not the update's written first (flows/dates.py).
PUBLISH_LABEL = _labelling(PUBLISH_WORDS)
# Between a time written first (with its zone) and the date: punctuation and a weekday at most.
GAP_BEFORE = r"[\s,;|·–—\-，、]{0,4}(?:(?<![^\W\d_])(?:{weekdays})(?![^\W\d_])\.?,?\s?)?"

# Solar Hijri and Hijri dates (flows/dates_calendars.py): "۲۰ مهر ۱۴۰۱", "۲۰ مهرماه ۱۴۰۱", "16 ربيع الأول
# 1444 هـ", "١٦ ربيع الأول ١٤٤٤هـ" (digits are ASCII by then). Day, month word, four-digit year, and the era
# written after it if any. {month} is the month alternation with its (?P<mon>...) group; {edge} that no
# letter follows. A date without its year is not read: "۲۰ تیر" is as often "20 arrows".
CALENDAR_ERA = (
    r"(?:(?P<solar>ه\u0640?\.?\s?ش|هجری\sشمسی|ش)"  # ه.ش, هـ ش, ش: Solar Hijri
    r"|(?P<lunar>ه\u0640?\.?\s?ق|هجری\sقمری|هجرية|هجري|ه\u0640?|ھ|ق|A\.?H\.?))"  # ه.ق, هـ, AH: Hijri
)
# A numeric date with a year of these calendars (1300-1500) first or last, in ASCII, Persian or
# Arabic-Indic digits ("1401/07/20", "۱۴۰۱-۰۷-۲۰", "16/03/1444"): what the page finders look for
# (flows.html_dates) on a Persian page, or with CALENDAR_ERA after it on any page. Separators as NUM_YMD,
# ISO and NUM_DMY read them; the parser checks the month and day.
CALENDAR_NUMERIC = (
    r"(?<![\d./-])(?:[1۱١](?:[34۳۴٣٤]\d\d|[5۵٥][0۰٠][0۰٠])(?P<s1>[/.-])\d{1,2}(?P=s1)\d{1,2}"
    r"|\d{1,2}(?P<s2>[/.-])\d{1,2}(?P=s2)[1۱١](?:[34۳۴٣٤]\d\d|[5۵٥][0۰٠][0۰٠]))(?!\d|[./]\d)"
)
CALENDAR_DMY = (
    r"(?<!\d)(?P<d>\d{1,2})\s?{month}(?:\s?ماه)?{edge}[\s,\u060c]{1,3}(?P<y>\d{4})(?!\d)"
    r"(?:\s?" + CALENDAR_ERA + r"{edge})?"
)
