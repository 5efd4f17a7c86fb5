"""Choosing the publication date among a page's renderings: each case is a small synthetic page, one line
each — structured data (JSON-LD, meta, microdata, <time>), the dateline printed under the headline, the
URL — and the date Wirehouse loads (UTC instant, the offset the page wrote, evidence)."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest

from flows.extract_html import extract_html
from flows.html_dates import first_date, headline, labelled_date, text_dates

BODY = "".join(
    f"<p>Paragraph {i} of the story says something long enough to be article text, with commas, "
    f"names and numbers such as {i * 17} so that every extractor keeps it as prose.</p>"
    for i in range(1, 7)
)
REF = datetime(2025, 1, 1, tzinfo=UTC)


def ld(published: str, modified: str | None = None) -> str:
    mod = f',"dateModified":"{modified}"' if modified else ""
    return (
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H",'
        f'"datePublished":"{published}"{mod}}}</script>'
    )


def meta(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{value}">'


UTC_NOV9 = ld("2023-11-09T03:28:35Z")  # 22:28 on 8 November in New York
# fmt: off
CASES = [
    # (head, above the headline, under the headline, url) -> (UTC instant, offset minutes, evidence)
    # A UTC instant with a naive local rendering of it elsewhere: the instant, at the offset that implies.
    (UTC_NOV9 + meta("publish-date", "2023-11-08 22:28:35"), "", "", None, ("2023-11-09T03:28:35", -300, "meta")),
    (UTC_NOV9, "", '<time datetime="2023-11-08 22:28:35">8 Nov</time>', None, ("2023-11-09T03:28:35", -300, "time-element")),
    (ld("2023-11-09T03:28:35+00:00") + meta("publish-date", "2023-11-09 04:28:35"), "", "", None, ("2023-11-09T03:28:35", 60, "meta")),
    (ld("2023-11-09T03:28:35.403Z"), "", "<p>November 8, 2023 10:28 PM</p>", None, ("2023-11-09T03:28:35", -300, "text")),  # to the minute
    # ... but not a naive string that is some other time, nor one more than 14 hours away.
    (UTC_NOV9 + meta("publish-date", "2023-11-08 22:29:35"), "", "", None, ("2023-11-09T03:28:35", 0, "json-ld")),
    (UTC_NOV9 + meta("publish-date", "2023-11-07 22:28:35"), "", "", None, ("2023-11-09T03:28:35", 0, "json-ld")),
    # The URL's day neighbours the UTC day: a rendering with an offset on the URL's day keeps the instant...
    (UTC_NOV9, "", '<time datetime="2023-11-08T22:28:35-05:00">8 Nov</time>', "https://n.example/2023/11/08/a/", ("2023-11-09T03:28:35", -300, "time-element")),
    # ... else the URL's day is taken, at day precision.
    (UTC_NOV9, "", "", "https://n.example/2023/11/08/a/", ("2023-11-08T00:00:00", None, "url")),
    (UTC_NOV9, "", "", "https://n.example/2023/11/09/a/", ("2023-11-09T03:28:35", 0, "json-ld")),
    (UTC_NOV9, "", "", "https://n.example/2023/11/07/a/", ("2023-11-09T03:28:35", 0, "json-ld")),  # two days off
    (ld("2023-11-09T03:28:35+01:00"), "", "", "https://n.example/2023/11/08/a/", ("2023-11-09T02:28:35", 60, "json-ld")),
    (ld("2023-11-09T23:28:35Z"), "", "", "https://n.example/2023/11/08/a/", ("2023-11-09T23:28:35", 0, "json-ld")),  # no offset reaches it
    # The printed dateline works like the URL's day, and wins over it.
    (UTC_NOV9, "", "<p>November 8, 2023</p>", None, ("2023-11-08T00:00:00", None, "text")),
    (UTC_NOV9, "", "<p>Published Nov. 8, 2023, 10:28 p.m. ET</p>", "https://n.example/2023/11/09/a/", ("2023-11-09T03:28:00", -300, "text")),
    # An "Updated" line with its time before the date (CNN) is no dateline: a review found it taken for
    # the publication, and preferred to JSON-LD's datePublished as the "printed" day.
    ("", "", '<div class="timestamp">Updated 3:15 PM EST, Tue February 13, 2024</div><div class="timestamp">Published 10:00 AM EST, Mon February 12, 2024</div>', None, ("2024-02-12T15:00:00", -300, "text")),
    (ld("2024-02-12T15:00:00.000Z", "2024-02-13T20:15:00.000Z"), "", '<div class="timestamp">Updated 3:15 PM EST, Tue February 13, 2024</div>', None, ("2024-02-12T15:00:00", 0, "json-ld")),
    # A standfirst ending in "update ..." right before the dateline is no label (a second review).
    ("", "", '<p class="dek">Commuters faced delays after a software update for the ticket machines went live</p><p>March 1, 2024</p>', None, ("2024-03-01T00:00:00", None, "text")),
    # A naive JSON-LD time beside the same clock time with its offset: the offset says where (review).
    (ld("2024-03-12T14:30:00") + meta("article:published_time", "2024-03-12T14:30:00+01:00"), "", "", None, ("2024-03-12T13:30:00", 60, "meta")),
    (ld("2024-03-12T14:30:00") + meta("article:published_time", "2024-03-12T15:30:00+01:00"), "", "", None, ("2024-03-12T14:30:00", None, "json-ld")),
    # The dateline arbitrates between structured candidates that disagree (published, modified, <time>).
    (ld("2021-01-01T11:00:00Z", "2023-04-01T10:00:00Z"), "", "<p>01.04.2023, 12:00</p>", None, ("2023-04-01T10:00:00", 120, "text")),
    (ld("2023-11-06T18:19+01:00") + meta("article:published_time", "2023-11-07T07:30+01:00"), "", "<p>07.11.2023</p>", None, ("2023-11-07T06:30:00", 60, "meta")),
    (ld("2022-01-21T09:43+01:00"), "", '<time datetime="2022-01-25T08:00:00+01:00">25.01.2022</time>', None, ("2022-01-25T07:00:00", 60, "time-element")),
    # ... not when it agrees with the published date, says "updated" (also just before), or matches nothing.
    (ld("2019-11-13T10:28:18-05:00") + meta("article:published_time", "2019-11-08T15:30:00-05:00"), "", "<span>Updated <time>Nov 13, 2019, 10:28am EST</time></span>", None, ("2019-11-13T15:28:18", -300, "json-ld")),
    (ld("2023-11-06T18:19+01:00", "2023-11-07T10:00+01:00"), "", "<p>6 November 2023</p>", None, ("2023-11-06T17:19:00", 60, "json-ld")),
    (ld("2019-10-15T16:59:59Z", "2020-03-12T14:42:17Z"), "", "<p>Updated Mar 12, 2020 @ 10:42 am</p>", None, ("2019-10-15T16:59:59", 0, "json-ld")),
    (ld("2019-10-15T16:59:59Z", "2020-03-12T14:42:17Z"), "", '<p class="updated">Mar 12, 2020</p>', None, ("2019-10-15T16:59:59", 0, "json-ld")),
    (ld("2022-01-21T09:43+01:00"), "", "<p>25.01.2022</p>", None, ("2022-01-21T08:43:00", 60, "json-ld")),
    # A structured value without an offset (naive, day only) gives way to an earlier dateline with a time.
    (meta("article:published_time", "2020-04-30"), "", "<p>29.04.2020, 12:01 Uhr</p>", None, ("2020-04-29T12:01:00", None, "text")),
    (meta("article:published_time", "2020-04-29T11:52:23"), "", "<p>Stand: 28.04.2020 18:00 Uhr</p>", None, ("2020-04-28T18:00:00", None, "text")),
    (meta("article:published_time", "2020-04-29T11:52:23"), "", "<p>28.04.2020</p>", None, ("2020-04-29T11:52:23", None, "meta")),
    (meta("article:published_time", "2020-04-29T11:52:23"), "", "<p>30.04.2020, 12:01 Uhr</p>", None, ("2020-04-29T11:52:23", None, "meta")),
    (meta("article:published_time", "2020-04-30T08:00:00+02:00"), "", "<p>29.04.2020, 12:01 Uhr</p>", None, ("2020-04-30T06:00:00", 120, "meta")),
    # Only text after the headline is a dateline: not a "today is" banner above it, nor a linked teaser.
    (ld("2019-10-15T16:59:59Z", "2020-03-12T14:42:17Z"), "<p>Thursday, March 12, 2020</p>", "", None, ("2019-10-15T16:59:59", 0, "json-ld")),
    (ld("2019-10-15T16:59:59Z", "2020-03-12T14:42:17Z"), "", '<a href="/x">Another story with a long linked title</a><p>Mar 12, 2020</p>', None, ("2019-10-15T16:59:59", 0, "json-ld")),
    (ld("2019-10-15T16:59:59Z", "2020-03-12T14:42:17Z"), "", "<p>The council met again, after a long pause, and voted on 12 March 2020.</p>", None, ("2019-10-15T16:59:59", 0, "json-ld")),  # prose, not a dateline
    (ld("2019-10-15T16:59:59Z", "2020-03-12T14:42:17Z"), "", f"<p>{'A standfirst that runs on. ' * 7}</p><p>{'Prose. ' * 25}</p><p>Mar 12, 2020</p>", None, ("2019-10-15T16:59:59", 0, "json-ld")),
    (ld("2019-10-15T16:59:59Z", "2020-03-12T14:42:17Z"), "", f"<p>{'A standfirst that runs on. ' * 7}</p><p>Mar 12, 2020</p>", None, ("2020-03-12T14:42:17", 0, "json-ld")),
    # Without structured dates the dateline is the candidate, before htmldate's search of the page;
    # a <time> holding it gives its instant when that names the printed day, else the printed text counts.
    ("", "", "<p>Written: 2023-11-07 15:03:30 / Updated: 2023-11-08</p>", None, ("2023-11-07T15:03:30", None, "text")),
    ("", "", '<p>Le <time datetime="2019-06-28T13:49:45Z">28 juin 2019</time></p>', None, ("2019-06-28T13:49:45", 0, "time-element")),
    ("", "", '<time datetime="2019-07-03T10:18:46Z">Publié le 29 juin 2019</time>', None, ("2019-06-29T00:00:00", None, "text")),
    ("", '<time class="published" datetime="2019-09-22T07:30:29Z">22 Sep</time>', '<p>Le <time datetime="2019-06-28T13:49:45Z">28 juin 2019</time></p>', None, ("2019-06-28T13:49:45", 0, "time-element")),
    ("", "", "<p>12 March 2020</p>", "https://n.example/2020/03/11/a/", ("2020-03-11T00:00:00", None, "url")),  # the URL comes first
    # No dateline: a date labelled as the publication anywhere in the text, not an update, not in a script.
    ("", "", f"{BODY}<p>Letzte Änderung: 31.10.2023 - 14:49<br>Erschienen am: 01.11.2023</p>", None, ("2023-11-01T00:00:00", None, "text")),
    ("", "", f"{BODY}<p>Posted on Fr, 24. Januar 2020 by Jo</p>", None, ("2020-01-24T00:00:00", None, "text")),
    ("", "", f"{BODY}<p>Publié le 2 novembre 2023 à 15h57</p>", None, ("2023-11-02T15:57:00", None, "text")),
    ("", '<time class="published" datetime="2020-03-11T07:30:29Z">11 Mar</time>', "<p>12 March 2020</p>", None, ("2020-03-11T07:30:29", 0, "time-element")),
]
# fmt: on


@pytest.mark.parametrize(("head", "above", "under", "url", "want"), CASES)
def test_published_choice(
    head: str, above: str, under: str, url: str | None, want: tuple[str | None, int | None, str | None]
) -> None:
    html = (
        f"<html><head>{head}</head><body>{above}<article><h1>Title</h1>{under}{BODY}</article></body></html>"
    )
    got = extract_html(html.encode(), url, ref=REF).published
    assert (got.utc, got.offset_minutes, got.evidence) == (
        datetime.fromisoformat(want[0]).replace(tzinfo=UTC) if want[0] else None,
        want[1],
        want[2],
    )


@pytest.mark.parametrize(
    ("candidates", "want"),
    [
        (
            [("2023-11-09T06:35:29Z", "json-ld"), ("2023-11-08 22:35:29", "meta")],
            ("2023-11-08 22:35:29", -480),
        ),
        (
            [("2023-11-09T06:35:29Z", "json-ld"), ("2023-11-09T06:35:29Z", "meta")],
            ("2023-11-09T06:35:29Z", 0),
        ),
        (
            [("2023-11-08 22:35:29", "meta"), ("2023-11-09T06:35:29Z", "json-ld")],
            ("2023-11-08 22:35:29", None),
        ),
        ([("2023-11-09", "meta"), ("2023-11-08 22:35:29", "meta")], ("2023-11-09", None)),
    ],
)
def test_first_date_pairs_utc_with_local_rendering(
    candidates: list[tuple[str, str]], want: tuple[str, int | None]
) -> None:
    got = first_date(candidates, locale=None, tz=None, ref=REF)
    assert (got.text, got.offset_minutes) == want


def test_the_dateline_follows_the_h1_that_holds_the_title() -> None:
    html = (
        "<html><head><title>Rain again in the north - News</title></head><body><h1>Site logo</h1>"
        "<p>Monday, 9 March 2020</p><article><h1>Rain again in the north <span>Subscribers</span></h1>"
        f"<p>11 March 2020</p>{BODY}</article></body></html>"
    )
    assert extract_html(html.encode(), None, ref=REF).published.text == "11 March 2020"


@pytest.mark.parametrize(
    ("html", "want"),
    [
        ("<p>Erschienen am: 01.11.2023</p>", "01.11.2023"),
        ("<p>Veröffentlicht am 19.10.19 um 14:34 Uhr</p><p>Published on 3 May 2019</p>", "3 May 2019"),
        ('<script>var x = {published: "2023-11-02"}</script><p>Published in our 2020 report</p>', None),
        ("<p>Published by the council, 2 November 2023</p>", None),  # too far from its label
        ("<p>Updated on 2 November 2023</p>", None),
        # Solar Hijri and Hijri dates after a Persian or Arabic label (they were not looked for)
        ("<p>تاریخ انتشار: ۲۰ مهر ۱۴۰۱ - ۱۴:۲۳</p>", "۲۰ مهر ۱۴۰۱ - ۱۴:۲۳"),
        ("<p>تاريخ النشر: 16 ربيع الأول 1444 هـ</p>", "16 ربيع الأول 1444 هـ"),
    ],
)
def test_labelled_date(html: str, want: str | None) -> None:
    got = labelled_date(lxml.html.document_fromstring(f"<html><body>{html}</body></html>"))
    assert (got[0] if got else None) == want


def test_a_source_zone_means_no_pairing() -> None:
    # With the source's zone known, a naive string is read in it; the UTC instant is kept as written.
    got = first_date(
        [("2023-11-09T06:35:29Z", "json-ld"), ("2023-11-08 22:35:29", "meta")],
        locale=None,
        tz="America/Los_Angeles",
        ref=REF,
    )
    assert (got.text, got.offset_minutes) == ("2023-11-09T06:35:29Z", 0)


@pytest.mark.parametrize(
    ("under", "want"),
    [
        ("<p>Publié le 12 mars 2024 à 10h15, mis à jour le 13 mars 2024 à 08h00</p>", "2024-03-13T08:00:00"),
        ("<p>12.03.2024, 17:45 Uhr</p><p>Aktualisiert: 13.03.2024, 09:10 Uhr</p>", "2024-03-13T09:10:00"),
        ("<p>Published March 12, 2024</p>", None),
    ],
)
def test_a_printed_update_is_the_modification_where_structured_data_names_none(
    under: str, want: str | None
) -> None:
    # A review: "mis à jour le ..." and "Aktualisiert: ..." gave no modified_at (only structured data did).
    html = f"<html><body><article><h1>Title</h1>{under}{BODY}</article></body></html>"
    got = extract_html(html.encode(), ref=REF).modified
    assert got.utc == (datetime.fromisoformat(want).replace(tzinfo=UTC) if want else None)


AR_BODY = (
    "<p>بحث رئيس الأركان العامة للجيش مع نظيره آفاق التعاون العسكري والوضع الإقليمي، حسبما أفادت وزارة الدفاع "
    "في بيان صدر اليوم، وأكد الجانبان أهمية تعزيز العلاقات بين البلدين في المرحلة المقبلة.</p>"
    "<p>وجرت المناقشات على هامش الاجتماع الدوري للجنة رؤساء الأركان في باكو، بحسب الوزارة، بمشاركة وفود من "
    "عدة دول، وتناولت سبل تطوير التدريبات المشتركة وتبادل الخبرات.</p>"
)


@pytest.mark.parametrize(
    ("lang", "under", "want"),
    [
        # Written dates in other scripts under the headline or in a date-classed element: the printed text,
        # with its time and zone (a review found htmldate's day, "2022-10-12", or no date at all).
        ("ru", '<div class="date">12 октября 2022, 14:23</div>', ("12 октября 2022, 14:23", "2022-10-12T14:23", None)),
        ("ru", "<time>12 октября 2022, 14:23</time>", ("12 октября 2022, 14:23", "2022-10-12T14:23", None)),
        ("uk", '<div class="date">12 жовтня 2022, 14:23</div>', ("12 жовтня 2022, 14:23", "2022-10-12T14:23", None)),
        ("ar", '<div class="date">١٢ أكتوبر ٢٠٢٢ - 14:23</div>', ("١٢ أكتوبر ٢٠٢٢ - 14:23", "2022-10-12T14:23", None)),
        ("ar", '<div class="date">الأربعاء، 12 أكتوبر 2022 02:23 م</div>', ("الأربعاء، 12 أكتوبر 2022 02:23 م", "2022-10-12T14:23", None)),
        ("hi", '<div class="date">१२ अक्टूबर २०२२, १४:२३ IST</div>', ("१२ अक्टूबर २०२२, १४:२३ IST", "2022-10-12T08:53", 330)),
        ("zh", '<div class="date">2022年10月12日 14時23分</div>', ("2022年10月12日 14時23分", "2022-10-12T14:23", None)),
        ("ja", '<p class="date">令和4年10月12日 14時23分</p>', ("令和4年10月12日 14時23分", "2022-10-12T14:23", None)),
        ("tr", '<div class="date">12 Şubat 2022 14:23</div>', ("12 Şubat 2022 14:23", "2022-02-12T14:23", None)),
        ("fa", '<div class="date">۱۲ اکتبر ۲۰۲۲، ۱۴:۲۳</div>', ("۱۲ اکتبر ۲۰۲۲، ۱۴:۲۳", "2022-10-12T14:23", None)),
        # A Levantine month of two words with a label and a zone; a Hijri date before the Gregorian one.
        ("ar", '<span class="date">نشر في 12 تشرين الأول 2022 | 14:23 بتوقيت بيروت</span>',
         ("نشر في 12 تشرين الأول 2022 | 14:23 بتوقيت بيروت", "2022-10-12T11:23", 180)),
        ("ar", '<div class="date">الثلاثاء 16 ربيع الأول 1444هـ - 11 أكتوبر 2022م</div>',
         ("الثلاثاء 16 ربيع الأول 1444هـ - 11 أكتوبر 2022م", "2022-10-11T00:00", None)),
        # Solar Hijri and Hijri datelines, converted (they were not looked for): with a weekday and a time,
        # in a date-classed element or in plain text under the headline.
        ("fa", '<span class="date">چهارشنبه ۲۰ مهر ۱۴۰۱ - ۱۴:۲۳</span>',
         ("چهارشنبه ۲۰ مهر ۱۴۰۱ - ۱۴:۲۳", "2022-10-12T14:23", None)),
        ("fa", "<p>۲۰ مهر ۱۴۰۱</p>", ("۲۰ مهر ۱۴۰۱", "2022-10-12T00:00", None)),
        ("fa", '<div class="news-time">۲۰ مهرماه ۱۴۰۱ ساعت ۱۴:۲۳ به وقت تهران</div>',
         ("۲۰ مهرماه ۱۴۰۱ ساعت ۱۴:۲۳ به وقت تهران", "2022-10-12T10:53", 210)),
        ("ar", '<div class="date">16 ربيع الأول 1444 هـ</div>', ("16 ربيع الأول 1444 هـ", "2022-10-12T00:00", None)),
        # A dotted date with a two-digit year, the time after a bar (Hebrew sites).
        ("he", "<time>12.10.22 | 14:23</time>", ("12.10.22 | 14:23", "2022-10-12T14:23", None)),
        # Hebrew's abbreviated month after "in" with its geresh (it was no date)
        ("he", "<p>פורסם: 12 באוק׳ 2022, 14:23</p>", ("פורסם: 12 באוק׳ 2022, 14:23", "2022-10-12T14:23", None)),
        # Thai datelines in the Buddhist era (abbreviated months, the era word, Thai digits, "น." after the
        # time) were no date: date-classed, and in plain text under the headline.
        ("th", '<span class="date">12 ต.ค. 2565 14:23 น.</span>', ("12 ต.ค. 2565 14:23 น.", "2022-10-12T14:23", None)),
        ("th", "<p>วันพุธที่ 12 ตุลาคม พ.ศ. 2565 เวลา 14.30 น.</p>",
         ("วันพุธที่ 12 ตุลาคม พ.ศ. 2565 เวลา 14.30 น.", "2022-10-12T14:30", None)),
        ("th", '<div class="meta">๑๒ ต.ค. ๖๕ ๑๔:๒๓ น.</div>', ("๑๒ ต.ค. ๖๕ ๑๔:๒๓ น.", "2022-10-12T14:23", None)),
        ("th", '<div class="post-date">29 ก.พ. 2567</div>', ("29 ก.พ. 2567", "2024-02-29T00:00", None)),
        # Numeric, with a Buddhist-era year in Thai or ASCII digits and no Thai letter beside it (review)
        ("th", '<div class="date">๑๕/๑๐/๒๕๖๕ ๑๔:๓๐</div>', ("๑๕/๑๐/๒๕๖๕ ๑๔:๓๐", "2022-10-15T14:30", None)),
        ("th", '<div class="date">15/10/2565 14:30 น.</div>', ("15/10/2565 14:30 น.", "2022-10-15T14:30", None)),
        ("th", '<span class="date">วันที่ 15/10/2565 14:30</span>', ("วันที่ 15/10/2565 14:30", "2022-10-15T14:30", None)),
        # An update line is no publication date: it is the modification (checked below), not read here.
        ("ru", '<div class="date">Обновлено: 13 октября 2022, 10:00</div>', (None, None, None)),
    ],
)  # fmt: skip
def test_written_dates_in_other_scripts(
    lang: str, under: str, want: tuple[str | None, str | None, int | None]
) -> None:
    rtl = ' dir="rtl"' if lang in ("ar", "he", "fa") else ""
    html = (
        f'<!DOCTYPE html><html lang="{lang}"{rtl}><head><meta charset="utf-8"><title>عنوان الخبر الرئيسي</title>'
        f"</head><body><h1>عنوان الخبر الرئيسي</h1>{under}{AR_BODY}</body></html>"
    )
    got = extract_html(html.encode(), ref=REF).published
    assert (got.text, got.utc, got.offset_minutes) == (
        want[0],
        datetime.fromisoformat(want[1]).replace(tzinfo=UTC) if want[1] else None,
        want[2],
    )


def test_an_update_line_in_another_script_is_the_modification() -> None:
    html = (
        '<html lang="ar" dir="rtl"><body><h1>عنوان الخبر الرئيسي</h1><div class="date">12 أكتوبر 2022 - 09:00</div>'
        f'<div class="date">آخر تحديث: 13 أكتوبر 2022 - 10:00</div>{AR_BODY}</body></html>'
    )
    got = extract_html(html.encode(), ref=REF)
    assert (got.published.utc, got.modified.utc) == (
        datetime(2022, 10, 12, 9, tzinfo=UTC),
        datetime(2022, 10, 13, 10, tzinfo=UTC),
    )


def _arabic_page(under: str, h1: str = "<h1>عنوان الخبر الرئيسي</h1>") -> bytes:
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>عنوان الخبر الرئيسي</title>'
        f"</head><body>{h1}{under}{AR_BODY}</body></html>"
    ).encode()


@pytest.mark.parametrize(
    "under",
    [
        # Arabic sites print the Hijri day and the Gregorian one, often in two elements; Umm al-Qura's 16
        # Rabi' al-Awwal 1444 is 12 October, the site's own Gregorian day 11 October: that one is taken.
        '<span class="date">الثلاثاء 16 ربيع الأول 1444 هـ</span> <span class="date">11 أكتوبر 2022</span>',
        '<div class="hijri">16 ربيع الأول 1444 هـ</div><div class="meta">الثلاثاء - 11 أكتوبر 2022</div>',
    ],
)
def test_an_arabic_dateline_with_a_hijri_and_a_gregorian_date_is_the_gregorian_one(under: str) -> None:
    got = extract_html(_arabic_page(under), ref=REF).published
    assert got.utc == datetime(2022, 10, 11, tzinfo=UTC) and "أكتوبر" in (got.text or "")


def test_date_classed_elements_put_a_gregorian_date_before_a_hijri_one() -> None:
    # Without a headline: the date-classed elements in page order, the Hijri-only one after the others.
    under = '<p class="date-hijri">16 ربيع الأول 1444 هـ</p><p class="date">11 أكتوبر 2022</p>'
    tree = lxml.html.document_fromstring(_arabic_page(under, h1=""))
    assert [text for text, _ in text_dates(tree, None)] == ["11 أكتوبر 2022", "16 ربيع الأول 1444 هـ"]


def test_a_solar_hijri_date_classed_element_without_a_headline() -> None:
    page = (
        '<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>نشست</title></head><body>'
        '<div class="post-date">چهارشنبه ۲۰ مهر ۱۴۰۱</div>'
        + "<p>وزیران امور خارجه در نشست امروز درباره همکاری های منطقه ای و آینده تجارت گفتگو کردند.</p>" * 4
        + "</body></html>"
    ).encode()
    got = extract_html(page, ref=REF).published
    assert got.utc == datetime(2022, 10, 12, tzinfo=UTC)


def test_a_hijri_update_line_is_the_modification() -> None:
    under = '<div class="date">16 ربيع الأول 1444 هـ</div><div class="date">آخر تحديث: 17 ربيع الأول 1444 هـ</div>'
    got = extract_html(_arabic_page(under), ref=REF)
    assert (got.published.utc, got.modified.utc) == (
        datetime(2022, 10, 12, tzinfo=UTC),
        datetime(2022, 10, 13, tzinfo=UTC),
    )


FA_BODY = (
    "<p>وزیران امور خارجه در نشست امروز درباره همکاری های منطقه ای و آینده تجارت میان کشورهای همسایه "
    "گفتگو کردند و توافق تازه را بررسی کردند تا گزارش آن هفته آینده منتشر شود.</p>"
) * 4


def _persian_page(under: str, html_tag: str = '<html lang="fa" dir="rtl">') -> bytes:
    return (
        f'<!DOCTYPE html>{html_tag}<head><meta charset="utf-8"><title>نشست وزیران امور خارجه</title>'
        f"</head><body><h1>نشست وزیران امور خارجه</h1>{under}{FA_BODY}</body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("page", "locale", "want"),
    [
        # Numeric Solar Hijri datelines on a page that declares Persian, in Persian or ASCII digits, dashed:
        # the numeric finders wanted a year 19xx or 20xx, and these pages got no date.
        (_persian_page('<span class="date">۱۴۰۱/۰۷/۲۰ - ۱۴:۲۳</span>'), None, ("۱۴۰۱/۰۷/۲۰ - ۱۴:۲۳", "2022-10-12T14:23")),
        (_persian_page("<p>1401/07/20</p>"), None, ("1401/07/20", "2022-10-12T00:00")),
        (_persian_page("<div>انتشار: ۱۴۰۱-۰۷-۲۰ ساعت ۰۹:۱۵</div>"), None, ("انتشار: ۱۴۰۱-۰۷-۲۰ ساعت ۰۹:۱۵", "2022-10-12T09:15")),
        # ... or with the source's locale fa on a page that declares nothing.
        (_persian_page("<p>۲۰/۰۷/۱۴۰۱</p>", "<html>"), "fa", ("۲۰/۰۷/۱۴۰۱", "2022-10-12T00:00")),
        # A Hijri date with its era after it on an Arabic page, in ASCII or Arabic-Indic digits.
        (_arabic_page('<div class="date">16/03/1444هـ</div>'), None, ("16/03/1444هـ", "2022-10-12T00:00")),
        (_arabic_page("<p>الأربعاء ١٦/٠٣/١٤٤٤ هـ</p>"), None, ("الأربعاء ١٦/٠٣/١٤٤٤ هـ", "2022-10-12T00:00")),
        # A Gregorian date beside it still wins (the site's own day, 11 October, not Umm al-Qura's 12th).
        (_arabic_page('<span class="date">16/03/1444هـ</span> <span class="date">11 أكتوبر 2022</span>'), None,
         ("11 أكتوبر 2022", "2022-10-11T00:00")),
        (_persian_page('<span class="date">۱۴۰۱/۰۷/۲۰</span><span class="date-en">2022-10-11</span>'), None,
         ("2022-10-11", "2022-10-11T00:00")),
        # A letter's number shaped like a date that no calendar has no longer holds the dateline's place.
        (_persian_page("<p>شماره: ۱۴۰۱/۱۳/۴۵</p><p>۱۴۰۱/۰۷/۲۰</p>"), None, ("۱۴۰۱/۰۷/۲۰", "2022-10-12T00:00")),
    ],
)  # fmt: skip
def test_numeric_calendar_dates_in_a_pages_text(
    page: bytes, locale: str | None, want: tuple[str, str]
) -> None:
    got = extract_html(page, locale=locale, ref=REF).published
    assert (got.text, got.utc) == (want[0], datetime.fromisoformat(want[1]).replace(tzinfo=UTC))


@pytest.mark.parametrize(
    "page",
    [
        # A number shaped like a Solar Hijri date is no date where nothing says it is one: an English page's
        # product code, an Arabic page's number without an era.
        _persian_page("<p>Spare part 1401/07/20 is back in stock at the depot.</p>", '<html lang="en">'),
        _arabic_page("<p>رقم القرار 1401/07/20</p>"),
    ],
)
def test_a_calendar_shaped_number_without_its_calendar_is_no_date(page: bytes) -> None:
    tree = lxml.html.document_fromstring(page)
    assert list(text_dates(tree, tree.find(".//h1"))) == []
    assert extract_html(page, ref=REF).published.utc is None


def test_a_numeric_calendar_date_in_a_date_classed_element_without_a_headline() -> None:
    # The Persian page's element after the Gregorian one, as worded calendar dates are.
    page = _persian_page('<div class="post-date">۱۴۰۱/۰۷/۲۰</div><div class="date">2022-10-11</div>')
    tree = lxml.html.document_fromstring(page.replace(b"<h1>", b"<p>").replace(b"</h1>", b"</p>"))
    assert [text for text, _ in text_dates(tree, None, "fa")] == ["2022-10-11", "۱۴۰۱/۰۷/۲۰"]
    assert [text for text, _ in text_dates(tree, None)] == ["2022-10-11"]


@pytest.mark.parametrize(
    ("html", "locale", "want"),
    [
        ("<p>تاریخ انتشار: ۱۴۰۱/۰۷/۲۰ - ۱۴:۲۳</p>", "fa", "۱۴۰۱/۰۷/۲۰ - ۱۴:۲۳"),
        ("<p>تاریخ انتشار: ۱۴۰۱/۰۷/۲۰ - ۱۴:۲۳</p>", None, None),  # which calendar? not said
        ("<p>تاريخ النشر: 16/03/1444هـ</p>", None, "16/03/1444هـ"),
    ],
)
def test_a_labelled_numeric_calendar_date(html: str, locale: str | None, want: str | None) -> None:
    got = labelled_date(lxml.html.document_fromstring(f"<html><body>{html}</body></html>"), locale)
    assert (got[0] if got else None) == want


def test_a_numeric_hijri_update_line_is_the_modification() -> None:
    under = '<div class="date">16/03/1444هـ</div><div class="date">آخر تحديث: 17/03/1444هـ 10:00</div>'
    got = extract_html(_arabic_page(under), ref=REF)
    assert (got.published.utc, got.modified.utc) == (
        datetime(2022, 10, 12, tzinfo=UTC),
        datetime(2022, 10, 13, 10, tzinfo=UTC),
    )


def test_a_gregorian_two_digit_dateline_on_a_page_that_declares_persian_keeps_its_time() -> None:
    # A review: with the page's Persian as the dates' locale, "12.10.22 | 14:23" was refused as a possible
    # Solar Hijri year and the page fell back to a day without its time.
    page = _persian_page("<span>12.10.22 | 14:23</span>")
    got = extract_html(page, ref=datetime(2026, 11, 30, tzinfo=UTC)).published
    assert (got.text, got.utc) == ("12.10.22 | 14:23", datetime(2022, 10, 12, 14, 23, tzinfo=UTC))


@pytest.mark.parametrize("number", ["Version 4.10.2560", "Hotline 02-12-2555", "Build 4.2.2450"])
def test_a_number_with_a_25xx_part_is_no_buddhist_era_date_on_a_page_without_thai(number: str) -> None:
    # A second review: "Version 4.10.2560" under the headline became 4 October 2017, before the dateline.
    body = "<p>" + "The article text goes on here with many words in its sentences. " * 10 + "</p>"
    html = (
        f'<html lang="en"><head><title>T</title></head><body><h1>A headline of the story</h1><p>{number}</p>'
        f"<p>October 12, 2022, 2:30 PM</p>{body}</body></html>"
    )
    got = extract_html(html.encode(), ref=REF).published
    assert (got.text, got.utc) == ("October 12, 2022, 2:30 PM", datetime(2022, 10, 12, 14, 30, tzinfo=UTC))


def _wordpress(header_times: str, head: str = "") -> bytes:
    return (
        f'<html lang="en-US"><head><title>Council approves parks budget</title>{head}</head><body>'
        '<article class="post type-post hentry"><header class="entry-header">'
        f'<h1 class="entry-title">Council approves parks budget</h1>{header_times}</header>'
        f'<div class="entry-content">{BODY}</div></article></body></html>'
    ).encode()


@pytest.mark.parametrize(
    ("utc", "want"),
    [
        ("2024-03-13T02:30:00+00:00", datetime(2024, 3, 13, 2, 30, tzinfo=UTC)),  # the next day in UTC
        ("2024-03-12T18:45:00+00:00", datetime(2024, 3, 12, 18, 45, tzinfo=UTC)),
    ],
)
def test_a_time_in_the_article_s_own_header_gives_the_utc_instant_its_offset(
    utc: str, want: datetime
) -> None:
    # A review: the <header>'s <time> was taken for furniture; the day printed under the headline won over
    # the meta's instant, or the instant kept offset 0.
    local = (want - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%S-05:00")
    times = f'<time class="entry-date published" datetime="{local}">March 12, 2024</time>'
    got = extract_html(_wordpress(times, meta("article:published_time", utc)), ref=REF).published
    assert (got.utc, got.offset_minutes) == (want, -300)


def test_a_wordpress_updated_time_is_the_modification_never_the_publication() -> None:
    # A review: the modified date was the day written in the text, without the time and offset.
    times = (
        '<div class="entry-meta"><time class="entry-date published" datetime="2024-04-02T08:15:00-07:00">'
        'April 2, 2024</time><time class="updated" datetime="2024-04-03T16:40:00-07:00">April 3, 2024</time>'
        "</div>"
    )
    got = extract_html(_wordpress(times), ref=REF)
    assert (got.published.utc, got.published.offset_minutes) == (
        datetime(2024, 4, 2, 15, 15, tzinfo=UTC),
        -420,
    )
    assert (got.modified.utc, got.modified.offset_minutes, got.modified.evidence) == (
        datetime(2024, 4, 3, 23, 40, tzinfo=UTC),
        -420,
        "time-element",
    )
    only_update = '<time class="updated" datetime="2024-04-03T16:40:00-07:00">April 3, 2024</time>'
    got = extract_html(_wordpress(only_update), ref=REF)
    assert got.published.utc != datetime(2024, 4, 3, 23, 40, tzinfo=UTC)
    assert got.modified.utc == datetime(2024, 4, 3, 23, 40, tzinfo=UTC)


# --- The headline the dateline follows: not an <h1> only screen readers see; an <h2> titling the article -


def _headline_text(body: str, title: str = "Council approves the parks budget") -> str | None:
    tree = lxml.html.document_fromstring(
        f"<html><head><title>{title} | City News</title></head><body>{body}</body></html>"
    )
    found = headline(tree, title)
    return None if found is None else f"{found.tag}: {found.text_content().strip()}"


@pytest.mark.parametrize(
    ("body", "want"),
    [
        # An <h1> only screen readers see (in the page's header, "Title | Site") is no headline: the <h2>
        # that titles the article is (a review found the dateline looked for in the site's navigation).
        ('<header><h1 class="visuallyhidden">Council approves the parks budget | City News</h1></header>'
         "<article><h2>Council approves the parks budget</h2></article>", "h2: Council approves the parks budget"),
        *(
            (f'<h1 class="title {cls}">Council approves the parks budget</h1><h2>Council approves the parks budget</h2>',
             "h2: Council approves the parks budget")
            for cls in ("visually-hidden", "sr-only", "screen-reader-text", "element-invisible", "govuk-visually-hidden")
        ),
        # A page without an <h1>, or whose <h1> is the site's name: the <h2> that holds the title.
        ("<article><h2>Council approves the parks budget</h2><p>Text</p></article>", "h2: Council approves the parks budget"),
        ('<h1 class="site">City News</h1><h2>Council approves the parks budget</h2>', "h2: Council approves the parks budget"),
        ("<article><header><h2>Council approves the parks budget</h2></header></article>", "h2: Council approves the parks budget"),
        # ... not an <h2> in a sidebar, an aside, a nav or a footer (another story of the same title), nor
        # one of fewer than ten characters, nor one past the first ten.
        ('<div class="sidebar"><h2>Council approves the parks budget</h2></div><article><h2>Council approves the parks budget</h2></article>',
         "h2: Council approves the parks budget"),
        ("<aside><h2>Council approves the parks budget</h2></aside><p>Text</p>", None),
        ("<nav><h2>Council approves the parks budget</h2></nav><footer><h2>Council approves the parks budget</h2></footer>", None),
        ("<h2>Parks</h2>", None),
        ("<h2>Other</h2>" * 10 + "<h2>Council approves the parks budget</h2>", None),
        # Unchanged: a visible <h1> that holds the title wins over an <h2> that does too, wherever it is,
        # and without a title's match the first visible <h1> stays the headline.
        ("<h2>Council approves the parks budget</h2><h1>Council approves the parks budget</h1>", "h1: Council approves the parks budget"),
        ('<h1 class="logo">City News</h1><h2>Weather</h2>', "h1: City News"),
        ('<h1 class="hidden-xs">Council approves the parks budget</h1><h2>Council approves the parks budget</h2>',
         "h1: Council approves the parks budget"),
    ],
)  # fmt: skip
def test_the_headline(body: str, want: str | None) -> None:
    assert _headline_text(body) == want


def test_the_dateline_follows_the_h2_that_titles_the_article_past_a_hidden_h1() -> None:
    # A review: the hidden <h1> in the header was the headline; the "today is" date after it was taken for
    # the dateline, and the structured date of another day stood. The dateline under the <h2> picks the
    # <time> with an offset on its day.
    html = (
        '<html lang="de"><head><title>Atomkraft ist nicht nachhaltig | Amt</title>'
        f"{meta('article:published_time', '2022-01-21T09:43+01:00')}</head><body><header>"
        '<h1 class="visuallyhidden">Atomkraft ist nicht nachhaltig | Amt</h1><p>Montag, 31. Januar 2022</p>'
        '</header><article><h2 class="title">Atomkraft ist nicht nachhaltig</h2>'
        f'<time datetime="2022-01-25T08:00:00+01:00">25.01.2022</time>{BODY}</article></body></html>'
    )
    got = extract_html(html.encode(), ref=REF).published
    assert (got.utc, got.offset_minutes, got.evidence) == (
        datetime(2022, 1, 25, 7, tzinfo=UTC),
        60,
        "time-element",
    )


@pytest.mark.parametrize("h1", ["", '<h1 class="logo">Theaterportal</h1>'])
def test_a_page_titled_by_an_h2_has_its_dateline(h1: str) -> None:
    # A review: without a headline no dateline was read, and htmldate's day of a teaser below was taken.
    html = (
        "<html><head><title>Queer Royal - Über Dragqueens auf der Bühne</title></head><body>"
        f"{h1}<div class='page-header'><h2>Queer Royal - Über Dragqueens auf der Bühne</h2></div>"
        f"<p>31. Oktober 2023.</p>{BODY}</body></html>"
    )
    got = extract_html(html.encode(), ref=REF).published
    assert (got.text, got.utc, got.evidence) == (
        "31. Oktober 2023.",
        datetime(2023, 10, 31, tzinfo=UTC),
        "text",
    )


@pytest.mark.parametrize(
    "heading", ["<h2>Lindvik gewinnt in Willingen</h2>", "<h1>Lindvik gewinnt in Willingen</h1>"]
)
def test_a_labelled_dateline_keeps_the_date_itself(heading: str) -> None:
    # A labelled line under the headline keeps the date itself, as a labelled date found anywhere does (a
    # review saw "Erstellt am: 30.01.2022 18:36\n / sk" stored once an <h2> was the headline).
    html = (
        f"<html><head><title>Lindvik gewinnt in Willingen</title></head><body><article>{heading}"
        f"<small>Erstellt am: 30.01.2022 18:36\n          / sk</small>{BODY}</article></body></html>"
    )
    got = extract_html(html.encode(), ref=REF).published
    assert (got.text, got.utc) == ("30.01.2022 18:36", datetime(2022, 1, 30, 18, 36, tzinfo=UTC))


@pytest.mark.parametrize(
    ("under", "want"),
    [
        ("<p>Published Wed, Nov 8, 2023, 10:28 p.m. ET</p>", "Wed, Nov 8, 2023, 10:28 p.m. ET"),  # weekday, time, zone kept
        ("<p>Veröffentlicht am 12.03.2024 um 17:45 Uhr · Lesezeit 3 Minuten</p>", "12.03.2024 um 17:45 Uhr"),
        # Unchanged: a line without a publication label is kept as printed.
        ("<p>Stand: 28.04.2020 18:00 Uhr</p>", "Stand: 28.04.2020 18:00 Uhr"),
        ("<p>( Pescasseroli, 14 Gennaio 2020 )</p>", "( Pescasseroli, 14 Gennaio 2020 )"),
    ],
)  # fmt: skip
def test_the_text_kept_of_a_dateline(under: str, want: str) -> None:
    html = f"<html><body><article><h1>Title of the story</h1>{under}{BODY}</article></body></html>"
    assert extract_html(html.encode(), ref=REF).published.text == want


# --- Slashed numeric datelines; a day, a month name and a two-digit year -----------------------------------


def _dated(head: str, under: str, lang: str = "") -> bytes:
    attr = f' lang="{lang}"' if lang else ""
    return (
        f"<html{attr}><head><title>Title of the story</title>{head}</head><body><article>"
        f"<h1>Title of the story</h1>{under}{BODY}</article></body></html>"
    ).encode()


# A structured publication (1 May) and modification (3 April), a <time> on 4 March: the dateline picks one.
MAY1_APR3 = ld("2022-05-01T10:00:00+02:00", "2022-04-03T10:00:00+02:00")
MAR4 = '<time datetime="2022-03-04T10:00:00+01:00"></time>'


@pytest.mark.parametrize(
    ("head", "under", "lang", "want"),
    [
        # A slashed date in the dateline arbitrates like a dotted one (a review: htmldate's day was taken).
        (ld("2022-02-09T10:00:00+01:00", "2022-02-17T08:00:00+01:00"), "<p>17/02/2022</p>", "", ("2022-02-17T07:00:00", 60, "json-ld")),
        (ld("2022-02-09T10:00:00+01:00", "2022-02-17T08:00:00+01:00"), "<p>Familie · 2/17/2022</p>", "", ("2022-02-17T07:00:00", 60, "json-ld")),
        # An ambiguous one is read in the page's locale with its country...
        (MAY1_APR3, f"{MAR4}<p>03/04/2022</p>", "en-US", ("2022-03-04T09:00:00", 60, "time-element")),
        (MAY1_APR3, f"{MAR4}<p>03/04/2022</p>", "en-GB", ("2022-04-03T08:00:00", 120, "json-ld")),
        # ... and refused, never guessed, without one (a bare "en" names no country): the next date below
        # is the dateline, or none is.
        (MAY1_APR3, f"{MAR4}<p>03/04/2022</p>", "", ("2022-05-01T08:00:00", 120, "json-ld")),
        (MAY1_APR3, f"{MAR4}<p>03/04/2022</p>", "en", ("2022-05-01T08:00:00", 120, "json-ld")),
        (MAY1_APR3, f"{MAR4}<p>03/04/2022</p><p>April 3, 2022</p>", "", ("2022-04-03T08:00:00", 120, "json-ld")),
        # A date that does not exist no longer holds the dateline's place either.
        (MAY1_APR3, "<p>31.02.2022</p><p>3 April 2022</p>", "", ("2022-04-03T08:00:00", 120, "json-ld")),
        # Not a date: a fraction, a path, a slashed date with a year of two digits.
        (MAY1_APR3, f"{MAR4}<p>Issue 3/4/22, page 12/2022/7</p>", "en-US", ("2022-05-01T08:00:00", 120, "json-ld")),
        # A day, a month name and a year of two digits (a review: an Italian park's news had no date)...
        (ld("2020-01-20T10:00:00+01:00", "2020-01-14T09:00:00+01:00"), "<p>( Pescasseroli, 14 Gennaio 20 )</p>", "", ("2020-01-14T08:00:00", 60, "json-ld")),
        ("", "<p>( Pescasseroli, 14 Gennaio 20 )</p>", "", ("2020-01-14T00:00:00", None, "text")),
        ("", "<p>3. Jan. 22, 14:30</p>", "", ("2022-01-03T14:30:00", None, "text")),
        # ... not a day, a month and a clock time: "14 March 20:30" is no 14 March 2020.
        (ld("2024-03-12T10:00:00+01:00", "2020-03-14T09:00:00+01:00"), "<p>14 March 20:30</p>", "", ("2024-03-12T09:00:00", 60, "json-ld")),
        (ld("2024-03-12T10:00:00+01:00", "2020-03-14T09:00:00+01:00"), "<p>14. März 20.30 Uhr</p>", "", ("2024-03-12T09:00:00", 60, "json-ld")),
    ],
)  # fmt: skip
def test_slashed_and_two_digit_year_datelines(
    head: str, under: str, lang: str, want: tuple[str, int | None, str]
) -> None:
    got = extract_html(_dated(head, under, lang), ref=REF).published
    assert (got.utc, got.offset_minutes, got.evidence) == (
        datetime.fromisoformat(want[0]).replace(tzinfo=UTC),
        want[1],
        want[2],
    )


@pytest.mark.parametrize(
    ("under", "lang", "locale", "want"),
    [
        # Without structured dates the slashed dateline is the date, as printed.
        ("<p>17/02/2022</p>", "", None, ("17/02/2022", "2022-02-17")),
        ("<p>( Pescasseroli, 14 Gennaio 20 )</p>", "it", None, ("( Pescasseroli, 14 Gennaio 20 )", "2020-01-14")),
        # An ambiguous one: in the user's locale, else the page's with its country (htmldate's day, read
        # again in it), never guessed: the written date below it then.
        ("<p>03/04/2022</p>", "", "en_US", ("03/04/2022", "2022-03-04")),
        ("<p>03/04/2022</p>", "en-US", None, ("03/04/2022", "2022-03-04")),
        ("<p>03/04/2022</p>", "en-GB", None, ("2022-04-03", "2022-04-03")),
        ("<p>03/04/2022</p><p>April 5, 2022</p>", "", None, ("April 5, 2022", "2022-04-05")),
    ],
)  # fmt: skip
def test_a_slashed_dateline_without_structured_dates(
    under: str, lang: str, locale: str | None, want: tuple[str, str]
) -> None:
    got = extract_html(_dated("", under, lang), locale=locale, ref=REF).published
    assert (got.text, got.utc) == (want[0], datetime.fromisoformat(want[1]).replace(tzinfo=UTC))


# --- An <h2> is the headline only on a page without an <h1> of its own; never the site's name -------------

# The reviewers' pages: a visible <h1> that words the headline unlike og:title and <title> (a social or SEO
# headline). The <h2> that the <title> merely held was taken for the headline: the site's name in the
# page's header (the "today" date bar under it became the dateline), a subhead in the article (the first
# date of its timeline).
SITE_H2 = (
    '<html lang="en"><head><title>Budget approved after marathon session | Riverside Gazette</title>'
    '<meta property="og:title" content="Budget approved after marathon session">{head}</head><body><header>'
    '<h2 class="site-title"><a href="/">Riverside Gazette</a></h2><div class="date-bar">Monday, December 2, '
    "2024</div></header><main><article><h1>Council passes city budget 7-2</h1><p class='byline'>By Jane Doe"
    "</p><p class='posted-on'>March 5, 2024</p><p>The council voted 7-2 on Tuesday night to approve the "
    "budget after a session that ran past midnight. Members said the plan would keep the library open.</p>"
    "<p>Opponents said the plan relied on optimistic forecasts for sales tax revenue.</p></article></main>"
    "</body></html>"
)
SUBHEAD_H2 = (
    '<html lang="en"><head><title>Budget vote: how we got here</title><meta property="og:title" '
    'content="Budget vote: how we got here"></head><body><main><article><h1>Late-night vote passes city '
    "budget</h1><p class='date'>5 March 2024</p><p>The council voted 7-2 on Tuesday night to approve the "
    "budget after a session that ran past midnight. Members said the plan would keep the library open.</p>"
    "<p>Opponents said the plan relied on optimistic forecasts for sales tax revenue.</p><h2>How we got here"
    "</h2><ul><li>12 January 2023: first draft published</li><li>3 June 2023: consultation opens</li></ul>"
    "</article></main></body></html>"
)


@pytest.mark.parametrize(
    ("html", "want"),
    [
        (SITE_H2.format(head=""), ("March 5, 2024", datetime(2024, 3, 5, tzinfo=UTC))),
        (SUBHEAD_H2, ("5 March 2024", datetime(2024, 3, 5, tzinfo=UTC))),
        # With a modification on the date bar's day, that was taken for the publication.
        (
            SITE_H2.format(
                head=meta("article:published_time", "2024-03-05T10:00:00-05:00")
                + meta("article:modified_time", "2024-12-02T09:00:00-05:00")
            ),
            ("2024-03-05T10:00:00-05:00", datetime(2024, 3, 5, 15, tzinfo=UTC)),
        ),
    ],
)
def test_a_visible_h1_stays_the_headline_whatever_the_h2s(html: str, want: tuple[str, datetime]) -> None:
    got = extract_html(html.encode(), ref=REF).published
    assert (got.text, got.utc) == want


def _headline_of(title_tag: str, body: str, title: str | None = None, head: str = "") -> str | None:
    tree = lxml.html.document_fromstring(
        f"<html><head><title>{title_tag}</title>{head}</head><body>{body}</body></html>"
    )
    found = headline(tree, title)
    return None if found is None else f"{found.tag}: {found.text_content().strip()}"


GAZETTE = "Budget approved after marathon session | Riverside Gazette"
BUDGET = "Budget approved after marathon session"


@pytest.mark.parametrize(
    ("title_tag", "title", "head", "body", "want"),
    [
        # The site's name is never the headline: the <title>'s site segment, og:site_name, a heading classed
        # or linked as the logo (it was: the <title> held it).
        (GAZETTE, BUDGET, "", f"<header><h2>Riverside Gazette</h2></header><article><h2>{BUDGET}</h2></article>", f"h2: {BUDGET}"),
        (GAZETTE, None, "", f"<header><h2>Riverside Gazette</h2></header><article><h2>{BUDGET}</h2></article>", f"h2: {BUDGET}"),
        (f"Riverside Gazette | {BUDGET}", BUDGET, "", f"<header><h2>Riverside Gazette</h2></header><h2>{BUDGET}</h2>", f"h2: {BUDGET}"),
        ("Riverside Gazette Today", "Riverside Gazette Today", meta("og:site_name", "Riverside Gazette"), "<h2>Riverside Gazette</h2>", None),
        ("Riverside Gazette", "Riverside Gazette", "", '<header><h2 class="site-title">Riverside Gazette</h2></header>', None),
        ("Riverside Gazette", "Riverside Gazette", "", '<div class="site-branding"><h2>Riverside Gazette</h2></div>', None),
        ("Riverside Gazette", "Riverside Gazette", "", '<h2><a href="/">Riverside Gazette</a></h2>', None),
        # An <h2> must begin like the headline, not merely stand in the title: a subhead.
        ("Budget vote: how we got here", "Budget vote: how we got here", "", "<article><h2>How we got here</h2></article>", None),
        (GAZETTE, BUDGET, "", "<article><h2>Marathon session</h2></article>", None),
        (GAZETTE, BUDGET, "", "<article><h2>Budget approved</h2></article>", None),  # its first words only
        ("", BUDGET, "", f"<h2>Why the {BUDGET} matters</h2>", None),
        # A title that is the whole <title> names no site: the <h2> that begins like it still titles the page.
        (GAZETTE, GAZETTE, "", f"<header><h2>Riverside Gazette</h2></header><h2>{BUDGET}</h2>", f"h2: {BUDGET}"),
        # Not while the page has a visible <h1> of its own that is no logo.
        (GAZETTE, BUDGET, "", f"<h1>Council passes city budget 7-2</h1><h2>{BUDGET}</h2>", "h1: Council passes city budget 7-2"),
        # Unchanged: the <h2> that holds the headline, with more after it or cut short, past a logo <h1>, a
        # hidden one, or one too short to be a headline (Naver prints the outlet's name in an <h1>).
        (GAZETTE, BUDGET, "", f"<h2>{BUDGET}: what it means</h2>", f"h2: {BUDGET}: what it means"),
        (GAZETTE, BUDGET, "", "<h2>Budget approved after marathon</h2>", "h2: Budget approved after marathon"),
        (GAZETTE, BUDGET, "", f'<h1 class="logo"><img src="/logo.png" alt="Riverside Gazette"></h1><h2>{BUDGET}</h2>', f"h2: {BUDGET}"),
        (GAZETTE, BUDGET, "", f'<h1><a href="https://riverside.example/">The Gazette</a></h1><h2>{BUDGET}</h2>', f"h2: {BUDGET}"),
        (GAZETTE, BUDGET, "", f'<h1 class="sr-only">Council passes city budget 7-2</h1><h2>{BUDGET}</h2>', f"h2: {BUDGET}"),
        ("[주간 뉴스타파] 부모를 빼앗긴 아기들", "[주간 뉴스타파] 부모를 빼앗긴 아기들", "",
         '<h1 class="ofhd_float_title">뉴스타파</h1><h2>[주간 뉴스타파] 부모를 빼앗긴 아기들</h2>', "h2: [주간 뉴스타파] 부모를 빼앗긴 아기들"),
        # A title that is the <title>'s second segment, under an <h2> of the whole <title>.
        ("Queer Royal - Über Dragqueens auf der Bühne", "Über Dragqueens auf der Bühne", "",
         "<h2>Queer Royal - Über Dragqueens auf der Bühne</h2>", "h2: Queer Royal - Über Dragqueens auf der Bühne"),
    ],
)  # fmt: skip
def test_an_h2_is_the_headline_only_on_a_page_without_an_h1(
    title_tag: str, title: str | None, head: str, body: str, want: str | None
) -> None:
    assert _headline_of(title_tag, body, title, head) == want


# --- A year of two digits is one at the end of the dateline, or before a clock time ------------------------


def test_a_count_after_a_day_and_a_month_is_no_year() -> None:
    # A review: "On 3 March 20 MPs voted" in the standfirst was dated 3 March 2020; the byline's date is it.
    html = (
        '<html lang="en"><head><title>MPs rebel over budget</title></head><body><main><article>'
        "<h1>MPs rebel over budget</h1><p class='standfirst'>On 3 March 20 MPs voted against the government "
        "for the first time</p><p class='byline'>By Jane Doe, 6 March 2024</p><p>The council voted 7-2 on "
        "Tuesday night to approve the budget after a session that ran past midnight. Members said the plan "
        "would keep the library open.</p><p>Opponents said the plan relied on optimistic forecasts for sales "
        "tax revenue.</p></article></main></body></html>"
    )
    got = extract_html(html.encode(), ref=REF).published
    assert (got.text, got.utc) == ("By Jane Doe, 6 March 2024", datetime(2024, 3, 6, tzinfo=UTC))


@pytest.mark.parametrize(
    ("under", "want"),
    [
        # Before a word the two digits count something: the next date is the dateline.
        ("<p>On 3 March 20 MPs voted</p><p>6 March 2024</p>", "6 March 2024"),
        ("<p>Issue 3 May 21 Pages</p><p>6 March 2024</p>", "6 March 2024"),
        ("<p>Season 3, 12 May 24 Hours special</p><p>6 March 2024</p>", "6 March 2024"),
        ("<p>( Pescasseroli, 14 Gennaio 20 ) Cronaca</p><p>6 March 2024</p>", "6 March 2024"),
        ("<p>14 Gennaio 20 - Cronaca</p><p>6 March 2024</p>", "6 March 2024"),
        # At the end of the text, or before a clock time (separators and brackets between), a year.
        ("<p>14 Gennaio 20</p><p>6 March 2024</p>", "14 Gennaio 20"),
        ("<p>( Pescasseroli, 14 Gennaio 20 )</p><p>6 March 2024</p>", "( Pescasseroli, 14 Gennaio 20 )"),
        ("<p>14 Gennaio 20 | 10:30</p><p>6 March 2024</p>", "14 Gennaio 20 | 10:30"),
        ("<p>14 Gennaio 20 ore 10.30</p><p>6 March 2024</p>", "14 Gennaio 20 ore 10.30"),
        ("<p>3. Jan. 22, 14:30</p><p>6 March 2024</p>", "3. Jan. 22, 14:30"),
    ],
)  # fmt: skip
def test_a_two_digit_year_ends_its_dateline(under: str, want: str) -> None:
    assert extract_html(_dated("", under), ref=REF).published.text == want


BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "publication-dates"


@pytest.mark.skipif(not BENCH.is_dir(), reason="shared benchmarks not present")
def test_the_italian_park_s_two_digit_year_is_still_read() -> None:
    # "( Pescasseroli, 14 Gennaio 20 )" under the headline, the reason the form is read at all.
    page = gzip.decompress((BENCH / "html" / "017.html.gz").read_bytes())
    got = extract_html(page, json.loads((BENCH / "expected.json").read_text("utf-8"))["017.html.gz"]["url"])
    assert got.published.utc is not None and got.published.utc.date() == date(2020, 1, 14)
