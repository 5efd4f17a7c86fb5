"""flows.dates_calendars through parse_date: Solar Hijri and Hijri dates become Gregorian when the calendar
is evident, impossible ones say why, and a Gregorian date beside them is still the one read.

Expected days are the calendars' well-known dates, not the parser's output: 20 Mehr 1401 was Wednesday 12
October 2022; Nowruz (1 Farvardin) 1390 was 21 March 2011, and 1403 was a leap year whose 30 Esfand was 20
March 2025 (Nowruz 1404 on the 21st); on Saudi Arabia's Umm al-Qura calendar 16 Rabi' al-Awwal 1444 was 12
October 2022, 1 Ramadan 1446 was 1 March 2025, 10 Dhu al-Hijjah 1443 (Eid al-Adha) was 9 July 2022, and
Ramadan 1444 had 29 days (Eid al-Fitr on 21 April 2023).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import hijridate
import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.dates import parse_date
from flows.dates_calendars import spellings
from flows.rules.dates_names import DARI_MONTHS, HIJRI_MONTHS, SOLAR_HIJRI_MONTHS

REF = datetime(2025, 6, 1, tzinfo=UTC)
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    ("text", "locale", "utc", "offset", "method"),
    [
        ("۲۰ مهر ۱۴۰۱", None, "2022-10-12T00:00", None, "text-dmy; Solar Hijri"),
        ("۲۰ مهرماه ۱۴۰۱", "fa", "2022-10-12T00:00", None, "Solar Hijri"),
        ("۲۰ مهر ماه ۱۴۰۱ ه.ش", "fa", "2022-10-12T00:00", None, "Solar Hijri"),
        ("چهارشنبه ۲۰ مهر ۱۴۰۱ - ۱۴:۲۳", None, "2022-10-12T14:23", None, "Solar Hijri"),
        ("۱۴:۲۳ - ۲۰ مهر ۱۴۰۱", "fa", "2022-10-12T14:23", None, "Solar Hijri"),
        ("۲۰ مهر ۱۴۰۱ ساعت ۱۴:۲۳ به وقت تهران", "fa", "2022-10-12T10:53", 210, "zone=به وقت تهران"),
        ("۲۰ مهر ۱۴۰۱ ۱۴:۲۳ +03:30", "fa", "2022-10-12T10:53", 210, "Solar Hijri"),
        ("۲۰ میزان ۱۴۰۱", "fa", "2022-10-12T00:00", None, "Solar Hijri"),  # Dari (Afghanistan)
        ("۳۰ اسفند ۱۴۰۳", None, "2025-03-20T00:00", None, "Solar Hijri"),  # a leap year's last day
        ("1401/07/20", "fa", "2022-10-12T00:00", None, "numeric-ymd; Solar Hijri"),
        # A numeric date from an Arabic source with a year no Gregorian news date has: Hijri (it was refused)
        ("16/03/1444", "ar", "2022-10-12T00:00", None, "Hijri (Umm al-Qura)"),
        ("1444-03-16 14:23", "ar", "2022-10-12T14:23", None, "Hijri (Umm al-Qura)"),
        ("1390/01/01", "fa_IR", "2011-03-21T00:00", None, "Solar Hijri"),
        ("۱۴۰۱-۰۷-۲۰ ۱۴:۲۳", "fa", "2022-10-12T14:23", None, "iso; Solar Hijri"),
        ("1401-07-20T14:23:00+03:30", "fa", "2022-10-12T10:53", 210, "iso; Solar Hijri"),
        ("۲۰/۰۷/۱۴۰۱", "fa", "2022-10-12T00:00", None, "numeric-dmy (by value); Solar Hijri"),
        ("1401/07/20 ه.ش", None, "2022-10-12T00:00", None, "Solar Hijri"),  # the era says which
        ("16 ربيع الأول 1444 هـ", None, "2022-10-12T00:00", None, "text-dmy; Hijri (Umm al-Qura)"),
        ("١٦ ربيع الأول ١٤٤٤هـ", "ar", "2022-10-12T00:00", None, "Hijri"),
        ("16 ربيع الاول 1444", "ar", "2022-10-12T00:00", None, "Hijri"),
        ("۱۶ ربیع\u200cالاول ۱۴۴۴", "fa", "2022-10-12T00:00", None, "Hijri"),  # Persian, with a ZWNJ
        ("1 رمضان 1446 هـ", None, "2025-03-01T00:00", None, "Hijri"),
        ("10 ذو الحجة 1443", "ar", "2022-07-09T00:00", None, "Hijri"),
        ("١٠ ذوالحجه ١٤٤٣ه", None, "2022-07-09T00:00", None, "Hijri"),
        ("16/03/1444هـ", "ar", "2022-10-12T00:00", None, "numeric-dmy (by value); Hijri"),
        ("1444/03/16 هـ", None, "2022-10-12T00:00", None, "numeric-ymd; Hijri"),
        # no locale and both numbers could be the month: the era says day first (Rabi' al-Awwal 1444 began
        # on 27 September 2022)
        ("05/03/1444 هـ", None, "2022-10-01T00:00", None, "numeric-dmy (by its era); Hijri"),
        ("Posted 1444-03-16 AH", None, "2022-10-12T00:00", None, "iso; Hijri"),
        ("16 ربيع الأول 1444 هـ 14:23 بتوقيت مكة المكرمة", "ar", "2022-10-12T11:23", 180, "Hijri"),
    ],
)
def test_evident_solar_hijri_and_hijri_dates_are_converted(
    text: str, locale: str | None, utc: str, offset: int | None, method: str
) -> None:
    got = parse_date(text, locale=locale, ref=REF)
    assert got.error is None, got.error
    assert got.utc is not None and f"{got.utc:%Y-%m-%dT%H:%M}" == utc
    assert got.offset_minutes == offset
    assert got.method is not None and method in got.method, got.method


@pytest.mark.parametrize(
    ("text", "locale", "error"),
    [
        ("۳۰ اسفند ۱۴۰۱", "fa", "1401 is no Solar Hijri leap year: Esfand has 29 days"),
        ("1401/13/01", "fa", "no month 13 in the Solar Hijri calendar"),
        ("1401/07/31", "fa", "no day 31 in month 7 of the Solar Hijri calendar"),
        ("30 رمضان 1444 هـ", "ar", "no day 30 in month 9 of 1444 in the Umm al-Qura Hijri calendar"),
        ("16 ربيع الأول 1340 هـ", None, "outside the Umm al-Qura calendar's table (1343-1500 AH)"),
        ("1444/00/16 هـ", None, "no month 0 in the Hijri calendar"),
    ],
)
def test_impossible_dates_of_these_calendars_say_why(text: str, locale: str | None, error: str) -> None:
    got = parse_date(text, locale=locale, ref=REF)
    assert got.utc is None and got.error is not None and error in got.error, got.error
    assert "internal error" not in got.error


@pytest.mark.parametrize(
    ("text", "locale", "error"),
    [
        # a year of either calendar, and nothing says which: not a guess
        ("1401/07/20", None, "converted when a month name, an era after the year"),
        ("1444-03-16", None, "the locale (fa: Solar Hijri, ar: Hijri) says which"),
        ("۱۴۰۱/۰۷/۲۰", "ur", "a Hijri or Solar Hijri year?"),
        # no day ("مهر ۱۴۰۱" is a month of another calendar, no Gregorian month) or no year ("20 arrows")
        ("مهر ۱۴۰۱", "fa", "no date found"),
        ("۲۰ تیر", "fa", "no date found"),
        ("۲۰ مهرداد ۱۴۰۱", "fa", "no date found"),  # a name that starts with a month's
        ("۲۰ میزان ۱۴۰۱", "ar", "no date found"),  # Dari names are Arabic words: not on Arabic pages
        # a two-digit year on a Persian page is still refused (1301 or 1401?)
        ("۰۱/۰۷/۲۰", "fa", "two-digit year"),
    ],
)
def test_a_calendar_that_is_not_evident_is_not_converted(text: str, locale: str | None, error: str) -> None:
    got = parse_date(text, locale=locale, ref=REF)
    assert got.utc is None and got.error is not None and error in got.error, got.error


@pytest.mark.parametrize(
    "text",
    [
        # Umm al-Qura says 11 October for 15 Rabi' al-Awwal; a site that sighted the moon a day later
        # prints 12 October beside it, and the Gregorian date is the one read, as before.
        "الأحد 15 ربيع الأول 1444 هـ - 12 أكتوبر 2022 م",
        "الأحد 16 ربيع الأول 1444 هـ - 12 أكتوبر 2022 م",
        "30 رمضان 1444 هـ - 12 أكتوبر 2022",  # an impossible Hijri date beside it is no error either
        "۲۰ مهر ۱۴۰۱ (2022-10-12)",
    ],
)
def test_a_gregorian_date_beside_them_is_the_one_read(text: str) -> None:
    got = parse_date(text, locale="ar" if "م" in text.split()[-1] else None, ref=REF)
    assert got.utc == datetime(2022, 10, 12, tzinfo=UTC), got
    assert got.method is not None and "Hijri" not in got.method


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Read year first in the Solar Hijri calendar these would be 1412/10/22 (2033) and 1405/11/22
        # (February 2027, after the reference): no news date, so the Gregorian reading stands (a review:
        # a page that declares Persian lost its dateline "12.10.22 | 14:23" and its time).
        ("12.10.22 | 14:23", datetime(2022, 10, 12, 14, 23, tzinfo=UTC)),
        ("05.11.22 | 09:15", datetime(2022, 11, 5, 9, 15, tzinfo=UTC)),
    ],
)
def test_a_two_digit_year_no_solar_hijri_day_can_be_is_read_on_a_persian_page(
    text: str, want: datetime
) -> None:
    got = parse_date(text, locale="fa", ref=datetime(2026, 11, 30, tzinfo=UTC))
    assert got.utc == want, got


def test_spellings_cover_the_letter_forms_of_both_keyboards() -> None:
    rabi = spellings("ربيع الأول")
    assert {"ربيع الأول", "ربيع الاول", "ربیع الاول", "ربیع الأول"} <= rabi
    assert {"ذوالحجة", "ذوالحجه", "ذي الحجه", "ذی الحجه"} <= spellings("ذو الحجة") | spellings("ذي الحجة")
    assert spellings("مهر") == {"مهر"}


# ---- property: any day of 1990-2040, written in either calendar by the libraries, reads back as that day

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
_SOLAR_NAMES = {month: [w for w, m in SOLAR_HIJRI_MONTHS.items() if m == month] for month in range(1, 13)}
_DARI_NAMES = {month: [w for w, m in DARI_MONTHS.items() if m == month] for month in range(1, 13)}
_HIJRI_NAMES = {
    month: sorted({s for w, m in HIJRI_MONTHS.items() if m == month for s in spellings(w)})
    for month in range(1, 13)
}
LATER = datetime(2041, 1, 1, tzinfo=UTC)


@settings(max_examples=300, deadline=None)
@given(day=DAYS, data=st.data())
def test_any_day_written_in_the_solar_hijri_calendar_reads_back(day: date, data: st.DataObject) -> None:
    jalali = jdatetime.date.fromgregorian(date=day)
    names = _SOLAR_NAMES[jalali.month] + _DARI_NAMES[jalali.month]
    digits = data.draw(st.sampled_from([PERSIAN_DIGITS, ARABIC_DIGITS, str.maketrans("", "")]))
    worded = f"{jalali.day} {data.draw(st.sampled_from(names))} {jalali.year}".translate(digits)
    numeric = f"{jalali.year}/{jalali.month:02d}/{jalali.day:02d}".translate(digits)
    for text, locale in ((worded, data.draw(st.sampled_from([None, "fa"]))), (numeric, "fa")):
        got = parse_date(text, locale=locale, ref=LATER)
        assert got.utc == datetime(day.year, day.month, day.day, tzinfo=UTC), (text, got)


@settings(max_examples=300, deadline=None)
@given(day=DAYS, data=st.data())
def test_any_day_written_in_the_hijri_calendar_reads_back(day: date, data: st.DataObject) -> None:
    hijri = hijridate.Gregorian(day.year, day.month, day.day).to_hijri()
    era = data.draw(st.sampled_from(["", " هـ", "هـ", " ه", " AH"]))
    digits = data.draw(st.sampled_from([ARABIC_DIGITS, str.maketrans("", "")]))
    name = data.draw(st.sampled_from(_HIJRI_NAMES[hijri.month]))
    worded = f"{hijri.day} {name} {hijri.year}{era}".translate(digits)
    numeric = f"{hijri.day:02d}/{hijri.month:02d}/{hijri.year}{era or ' هـ'}".translate(digits)
    for text in (worded, numeric):
        got = parse_date(text, locale=data.draw(st.sampled_from([None, "ar"])), ref=LATER)
        assert got.utc == datetime(day.year, day.month, day.day, tzinfo=UTC), (text, got)


# ---------------------------------------------------------------- Thai: the Buddhist era

# Thai news counts years in the Buddhist era, 543 years ahead: BE 2565 is 2022, and 2024 (BE 2567) had a
# 29 February although 2567 is no leap year number. Month abbreviations: ม.ค. January ... ธ.ค. December.
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_THAI_FULL = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
              "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")  # fmt: skip
_THAI_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
               "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "locale", "ref", "expected", "method"),
    [
        ("12 ต.ค. 2565", None, REF, "2022-10-12T00:00", "text-dmy; Buddhist era"),
        ("12 ต.ค. 2565 14:23 น.", None, REF, "2022-10-12T14:23", "Buddhist era"),
        ("12 ต.ค. 2565 เวลา 14.30 น.", None, REF, "2022-10-12T14:30", "Buddhist era"),
        ("เมื่อวันที่ 12 ต.ค.65 เวลา 14.30 น.", None, REF, "2022-10-12T14:30", "Buddhist era"),
        ("๑๒ ตุลาคม ๒๕๖๕ เวลา ๑๔:๒๓ น.", None, REF, "2022-10-12T14:23", "Buddhist era"),
        ("วันพุธที่ 12 ตุลาคม พ.ศ. 2565", None, REF, "2022-10-12T00:00", "Buddhist era"),
        ("29 กุมภาพันธ์ 2567", None, REF, "2024-02-29T00:00", "Buddhist era"),
        ("29/02/2567", "th", REF, "2024-02-29T00:00", "numeric-dmy (by value); Buddhist era"),
        ("12/10/65", "th", REF, "2022-10-12T00:00", "Buddhist era"),
        # Gregorian years stay: four digits before 2400, the Christian era's ค.ศ., and two digits whose
        # Buddhist-era reading is no year of news (BE 2522 is 1979)
        ("12 ต.ค. 2022", None, REF, "2022-10-12T00:00", "text-dmy"),
        ("12 ตุลาคม ค.ศ. 2022", None, REF, "2022-10-12T00:00", "text-dmy"),
        ("12/10/22 14:23", "th", REF, "2022-10-12T14:23", "numeric-dmy (by locale)"),
        # Thai digits alone make a Thai date (they lost the Buddhist era once turned into ASCII, review)
        ("๑๕/๐๘/๒๕๖๗", None, REF, "2024-08-15T00:00", "Buddhist era"),
        ("๒๕๖๗-๐๘-๑๕T๑๔:๓๐:๐๐+๐๗:๐๐", None, REF, "2024-08-15T07:30", "iso; Buddhist era"),
        # BE 2570 (2027) once it is no longer the future
        ("12 ม.ค. 70", None, datetime(2027, 2, 1, tzinfo=UTC), "2027-01-12T00:00", "Buddhist era"),
    ],
)
def test_thai_dates_in_the_buddhist_era_are_read(
    text: str, locale: str | None, ref: datetime, expected: str, method: str
) -> None:
    got = parse_date(text, locale=locale, ref=ref)
    assert got.error is None, got
    assert got.utc is not None and got.utc.strftime("%Y-%m-%dT%H:%M") == expected
    assert method in (got.method or "")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("30 กุมภาพันธ์ 2567", "day is out of range"),
        ("12 ม.ค. 70", "before 1990"),  # BE 2570 is after the reference, 1970 too early
        # A Persian month with a Gregorian year was said to be a "Thai Buddhist-era year?"
        ("۲۰ مهر ۲۰۲۲", "a Gregorian year with a Solar Hijri or Hijri month name?"),
    ],
)
def test_impossible_thai_dates_say_why(text: str, error: str) -> None:
    got = parse_date(text, ref=REF)
    assert got.utc is None and error in (got.error or ""), got


def test_a_solar_hijri_date_after_the_reference_is_no_gregorian_year() -> None:
    # Converted right (1405 is 2026), only later than the reference: no word of a Gregorian year (review)
    got = parse_date("۲۰ مهر ۱۴۰۵", locale="fa", ref=datetime(2024, 1, 1, tzinfo=UTC))
    assert got.error is not None and "after the reference time" in got.error and "Gregorian" not in got.error


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2025, 5, 31)), data=st.data())
def test_any_day_written_in_thai_reads_back(day: date, data: st.DataObject) -> None:
    month = data.draw(st.sampled_from([_THAI_FULL, _THAI_SHORT]))[day.month - 1]
    year = data.draw(st.sampled_from([str(day.year + 543), str(day.year + 543)[2:]]))  # 2565 or 65
    digits = data.draw(st.sampled_from([THAI_DIGITS, str.maketrans("", "")]))
    gap = data.draw(st.sampled_from([" ", " พ.ศ. "])) if len(year) == 4 else " "
    text = f"{day.day} {month}{gap}{year}".translate(digits)
    got = parse_date(text, locale=data.draw(st.sampled_from([None, "th"])), ref=REF)
    assert got.utc == datetime(day.year, day.month, day.day, tzinfo=UTC), (text, got)
