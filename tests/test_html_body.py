"""html_body's shortened trafilatura run gives what ``bare_extraction`` gives, and is the one in use."""

from __future__ import annotations

import gzip
import random
import sys
from copy import deepcopy
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import trafilatura

from flows import html_body
from flows.extract_html import parse_html
from flows.html_charset import decode_html

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "html"
BODIES = HERE.parent.parent / "shared" / "benchmarks" / "article-bodies" / "html"
URL = "https://news.example/2024/03/05/story"

_S = "The council said the new line would open next spring after years of delay and debate. "
_ARTICLE = f"<article><p>{_S * 4}</p></article>"
# Each page takes another branch of trafilatura's sequence (named by the test id).
PAGES = {
    "plain": f"<html><body><nav><a href='/'>Home</a></nav>{_ARTICLE}<p>{_S * 2}</p></body></html>",
    "bound_rules_out": f"<html><body>{_ARTICLE}<div class='comments'>{f'<p>{_S * 3}</p>' * 10}</div></body></html>",
    "html2txt_rules_out": f"<html><body>{_ARTICLE}<aside>{f'<p>{_S * 3}</p>' * 10}</aside></body></html>",
    "escalation": f"<html><body>{_ARTICLE}{f'<table><tr><td>{_S * 3}</td></tr></table>' * 10}</body></html>",
    "baseline_rescue": f"<html><body><div>{_S}</div><div>short</div></body></html>",
    "forum": (
        '<html><head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script></head>'
        f"<body><div class='comments'><p>{_S * 3}</p></div>{_ARTICLE}</body></html>"
    ),
    "nothing": "<html><body><div></div></body></html>",
}


def _both(tree: lxml.etree._Element) -> tuple[bytes | None, bytes | None]:
    doc = trafilatura.bare_extraction(deepcopy(tree), options=html_body._trafilatura_options(URL))
    ours = html_body._sequence_body(deepcopy(tree), html_body._trafilatura_options(URL))
    theirs = None if doc is None else doc.body
    return (
        None if theirs is None else lxml.etree.tostring(theirs),
        None if ours is None else lxml.etree.tostring(ours),
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_sequence_matches_bare_extraction(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    baseline = sys.modules["trafilatura.baseline"]
    calls: list[int] = []
    real = baseline.html2txt
    monkeypatch.setattr(baseline, "html2txt", lambda tree: calls.append(1) or real(tree))
    theirs, ours = _both(parse_html(PAGES[name]))
    assert ours == theirs
    # the bound spares the page-text pass where it can, and only there
    assert bool(calls) == (name in ("html2txt_rules_out", "escalation"))


def test_sequence_matches_on_fixtures_and_benchmark_pages() -> None:
    paths = sorted(FIXTURES.glob("*.html")) + (sorted(BODIES.iterdir())[:50] if BODIES.is_dir() else [])
    for path in paths:
        data = path.read_bytes()
        text, _ = decode_html(gzip.decompress(data) if path.suffix == ".gz" else data, None)
        theirs, ours = _both(parse_html(text))
        assert ours == theirs, path.name


def test_page_text_bound_is_an_upper_bound() -> None:
    from trafilatura.baseline import html2txt

    for html in [*PAGES.values(), "<html><body>a<br>b<div>c</div>d\x0b e</body></html>", "<html></html>"]:
        tree = parse_html(html)
        assert html_body._page_text_bound(tree) >= len(html2txt(tree))


def test_the_locked_trafilatura_takes_the_short_sequence() -> None:
    # Upgrading trafilatura falls back to bare_extraction (correct, slower): re-check _sequence_body
    # against the new release's trafilatura_sequence, then update _SEQUENCE_VERSION.
    assert trafilatura.__version__ == html_body._SEQUENCE_VERSION
    assert html_body._sequence_fits(html_body._trafilatura_options(URL))


def _link_share_every_cut(text: str, anchors: set[str]) -> int:
    """The plain version: every prefix of 25 down to 2 words looked up."""
    if len(text) > 400 or not anchors:
        return 0
    n = html_body._norm(text)
    if n in anchors:
        return len(text)
    words = n.split()
    for cut in range(min(len(words) - 1, 25), 1, -1):
        if " ".join(words[:cut]) in anchors:
            return int(len(text) * cut / len(words))
    return 0


def test_link_share_tries_only_the_link_lengths() -> None:
    rng = random.Random(5)
    vocab = ["news", "tram", "line", "Council", "votes", "more", "read", "the", "city", "x"]
    for _ in range(2000):
        anchors = {
            html_body._norm(" ".join(rng.choices(vocab, k=rng.randint(1, 30))))
            for _ in range(rng.randint(0, 6))
        }
        anchors = {a for a in anchors if " " in a}
        text = " ".join(rng.choices(vocab, k=rng.randint(1, 40))) + rng.choice(["", ".", " 12"])
        if anchors and rng.random() < 0.5:  # often a block that starts with one of the links
            text = f"{rng.choice(sorted(anchors)).title()}, {text}"
        want = _link_share_every_cut(text, anchors)
        assert html_body._link_share(text, anchors, html_body._anchor_sizes(anchors)) == want, (text, anchors)


_LEAD = "The council said on Monday that the new tram line would open next spring, after years of delay."
_NEXT = "Work on the depot starts in May, and the first trams arrive from the factory in the autumn."


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Einheit der Woche Lagen-Pyramide mit GA2", "Lagen-Pyramide mit GA2"),  # a kicker before it
        ("Tram line to open next spring 02.02.2022 • Verkehr , Allgemein", "Tram line to open next spring"),
        (
            "Pair With Me: Detecting Duplicate Allocations 09 Oct 2018",
            "Pair With Me: Detecting Duplicate Allocations",
        ),
        (
            "Interne Unterlagen im Netz Daten von Rheinmetall gehackt",
            "Daten von Rheinmetall gehackt - Interne Unterlagen im Netz",
        ),
        ("Kaeser verarscht Neubauer", "Siemens und die Kohlemine Adani: Kaeser verarscht Neubauer"),
        ("Classificação NASCAR sexta-feira, 22 de outubro de 2010 às 20:13", "Classificação NASCAR"),
    ],
)
def test_the_headline_printed_again_is_not_body(first: str, title: str) -> None:
    blocks = [html_body.Block(t, 0, "p") for t in (first, _LEAD, _NEXT)]
    assert [b.text for b in html_body.clean_blocks(blocks, blocks, title, None)] == [_LEAD, _NEXT]


@pytest.mark.parametrize(
    ("first", "title"),
    [
        (
            "Tram line to open next spring, the council said on Monday after a long debate.",
            "Tram line to open next spring",
        ),
        (
            "Tram line to open next spring! The council approved the plan on Monday after years of delay and a long debate in the chamber.",
            "Tram line to open next spring!",
        ),
    ],
)
def test_a_lead_that_begins_with_the_headline_stays(first: str, title: str) -> None:
    blocks = [html_body.Block(t, 0, "p") for t in (first, _LEAD)]
    assert [b.text for b in html_body.clean_blocks(blocks, blocks, title, None)] == [first, _LEAD]


def _body(page: str, title: str | None = None, description: str | None = None) -> str:
    return html_body.extract_body(lxml.html.document_fromstring(page), URL, title, description).text


_PARAS = [
    "Remember the long quest to find a state slogan? The council never did settle on one, after years.",
    "The state's new slogan for its anti-drug campaign drew a great deal of attention on social media.",
    "So many people were talking about the odd new slogan that it became a top trend by the evening.",
    "The report says a Minneapolis agency came up with the campaign, and the state has paid it so far.",
]
_TWEET = (
    "<div class='social-media-embed'><blockquote class='twitter-tweet'><p lang='en'>Yes this is real and"
    " yes the state spent nearly half a million dollars on it: <a href='https://t.co/x'>https://t.co/x</a>"
    "</p>— Dianna Anderson (@dianna) <a href='https://twitter.com/dianna/status/1'>November 18, 2019</a>"
    "</blockquote></div>"
)


def test_an_embedded_post_quoted_in_the_article_is_body() -> None:
    before, after = ("".join(f"<p>{p}</p>" for p in half) for half in (_PARAS[:2], _PARAS[2:]))
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><main><article><div class='entry-content'>"
        f"{before}{_TWEET}{after}</div></article></main>"
        "<div class='share-bar'><a href='/s'>Share on Facebook</a></div></body></html>"
    )
    assert "half a million dollars" in _body(page)


def test_a_link_in_a_sentence_is_not_cut_as_furniture() -> None:
    # Links to tag pages carry a furniture word ('tags'); cut out, they left holes in the sentence
    # ("actress came to co-write") beside the whole paragraph from the container pass.
    linked = (
        "The bizarre odyssey of how Oscar-winning actress <a class='alinks-tags-link' href='/t/ms'>Mary"
        " Steenburgen</a> came to co-write the power ballad began ten years ago, after a minor surgery."
    )
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><article><div class='entry-content'>"
        f"<p>{linked}</p>{''.join(f'<p>{p}</p>' for p in _PARAS)}</div></article></body></html>"
    )
    body = _body(page)
    assert body.count("The bizarre odyssey") == 1
    assert "actress Mary Steenburgen came" in body


def test_a_hover_card_inside_a_sentence_is_not_body() -> None:
    card = (
        "<span class='rollover-people'><a href='/people/kn'>Kristi Noem</a><span class='rollover-block'>"
        "<img src='/kn.jpg'><a href='/people/kn'>Kristi Lynn Noem</a><a href='/n/1'>Governor doubles"
        " down on campaign</a> <a href='/n/2'>State drops pipeline protest laws after lawsuit</a>"
        " <a href='/people/kn'>MORE</a></span></span>"
    )
    lead = (
        f"South Dakota Gov. {card} (R) is defending the launch of an anti-drug campaign with its new slogan."
    )
    page = (
        "<html><body><article><div class='field-items'>"
        f"<p>{lead}</p>{''.join(f'<p>{p}</p>' for p in _PARAS)}</div></article></body></html>"
    )
    body = _body(page)
    assert "South Dakota Gov. Kristi Noem (R) is defending" in body
    assert "Lynn" not in body and "pipeline" not in body


def test_furniture_inside_a_paragraph_is_cut_from_both_candidates() -> None:
    # The container pass read its paragraphs before the cut: 'Screenshot, Strava Ob Supermarkt...'
    # beside trafilatura's 'Ob Supermarkt...', the same paragraph twice.
    caption = (
        "Ob Supermarkt, Pumptrack oder die beliebtesten Startpunkte für Touren: Die neuen Points of"
        " Interest erleichtern die Routenplanung."
    )
    page = (
        "<html><body><article><div class='entry-content'>"
        f"{''.join(f'<p>{p}</p>' for p in _PARAS)}"
        f"<p><span class='copyright'>Screenshot, Strava</span> {caption}</p></div></article></body></html>"
    )
    body = _body(page)
    assert body.count("Pumptrack") == 1
    assert "Screenshot" not in body


def test_camel_case_captions_comments_and_teasers_are_not_body() -> None:
    # Themes that write class names in camelCase: "mtbnewsFotoalbumCaption", "commentsCon" and
    # "relatedPost" were glued into one word by lower-casing and read as article text.
    caption = (
        "O-Ring nicht vergessen! Andere Felgen setzen auf eine Gummischeibe oder kommen ohne Dichtung aus."
    )
    comment = "Hallo Dominik, super Idee. Hatte auch schon des öfteren den Fehler gemacht, das war zu kurz."
    teaser = (
        "Heu ist die Grundlage einer guten Pferdefütterung. Doch viele Ballen enthalten Staub und Schimmel."
    )
    page = (
        "<html><body><article><div class='entry-content'>"
        f"{''.join(f'<p>{p}</p>' for p in _PARAS[:2])}"
        f"<div class='fotoalbumItem'><img src='/a.jpg'><div class='siteFotoalbumCaption'>{caption}</div></div>"
        f"{''.join(f'<p>{p}</p>' for p in _PARAS[2:])}"
        f"<div class='teaserBox'><a class='relatedPost' href='/heu'><h4>Heu richtig lagern</h4><p>{teaser}</p>"
        "</a></div>"
        f"<div class='commentConWrap'><div class='commentsCon'><p class='commentText'>{comment}</p></div></div>"
        "</div></article></body></html>"
    )
    body = _body(page)
    assert "slogan" in body and "Minneapolis" in body
    assert "O-Ring" not in body and "Hallo Dominik" not in body and "Pferdefütterung" not in body


_RUNS = [
    "Following the larger model, the maker plans to release a smaller laptop with the new keyboard in"
    " the first half of next year, according to industry sources cited by <em><a href='/s'>a trade"
    " paper</a></em>. A preview of the report was shared with paying subscribers.",
    "The report claims the display size will remain the same, although given the source, we would not"
    " completely rule out hopes of a larger display. Two suppliers are said to make the keyboards.",
    "The larger model features a redesigned keyboard, largely based on the standalone one for desktops."
    " Given the tried-and-tested design, the keyboard should prove far more reliable than the old one.",
    "It would be hardly surprising if the maker completely moved past its old keyboards, which have"
    " suffered from sticky, repeating, or nonfunctional keys since their inception, as owners reported.",
]
_BR_ARTICLE = (
    "<div class='article'><h1>New keyboard for the small laptop</h1><div class='content'>"
    f"{_RUNS[0]}<br> <br><img src='/k.jpg'><center><em>The new keyboard, via a repair site</em></center>"
    f" <br>{_RUNS[1]}<br> <br>{_RUNS[2]}<br><br>{_RUNS[3]}<br><br>"
    "<div class='linkback'>Tag: <a href='/t/k'>keyboards</a></div></div></div>"
)
_ABOUT = (
    "<div id='fLeft'><p>The site attracts a broad audience of both consumers and professionals interested"
    " in the latest technologies and products, with an active community of readers.</p>"
    "<p>It also boasts an active community focused on purchasing decisions, repairs, and the technical"
    " aspects of phones, computers, watches, and the software that runs on them.</p></div>"
)


def test_text_between_brs_is_read_as_paragraphs() -> None:
    # An article written as runs of div text between <br><br>, no <p>: the container pass scored only
    # <p>s and took the footer's 'about us' box instead.
    tree = lxml.html.document_fromstring(
        f"<html><body>{_BR_ARTICLE}<div id='bottom'>{_ABOUT}</div></body></html>"
    )
    parts = html_body.container_parts(tree)
    assert [part.get("class") for part in parts] == ["content"]
    texts = [block.text for block in html_body._blocks_in(parts[0])]
    assert texts[:4] == [
        html_body._clean(lxml.html.fragment_fromstring(r, create_parent="div").text_content()) for r in _RUNS
    ]
    assert "Tag: keyboards" in texts  # a short div's text is a block too; the merge adds only prose


def test_one_br_is_a_line_break_inside_the_run() -> None:
    holder = lxml.html.fragment_fromstring("<div>First line<br>second line<br><br>Next <b>run</b></div>")
    assert [seg.text for seg in html_body._segments(holder)] == ["First line second line", "Next run"]


def test_a_lead_in_a_div_beside_the_article_is_body() -> None:
    # The lead sits in its own div (text, no <p>) before the article's div: neither candidate took it,
    # and as the page's description outside the container it was dropped as a standfirst.
    lead = (
        "Three people have died during protests against the interim government that ousted the"
        " president, after violent clashes erupted between his supporters and security forces."
    )
    page = (
        "<html><body><div class='article'><h1 class='article__heading'>Three killed in protests</h1>"
        "<div class='article__share'><a href='/s'>Share</a></div>"
        f"<div class='article__summary summary'>\n  {lead}\n</div><div class='article__text text'>"
        f"{''.join(f'<p>{p}</p>' for p in _PARAS)}</div></div></body></html>"
    )
    assert _body(page, "Three killed in protests", lead).startswith(lead)


def test_a_last_paragraph_in_a_box_of_its_own_is_body_and_a_boxed_standfirst_above_is_not() -> None:
    last = "The new routes start in six months, and more may follow next year if demand holds up, officials said."
    dek = "Shift workers who have spent years waiting for a bus after midnight will finally get one, the city says."
    page = (
        "<html><body><main><h1>Night buses</h1><div class='dek'><p>{dek}</p></div><div class='article-body'>"
        f"{''.join(f'<p>{p}</p>' for p in _PARAS)}</div><div class='story-end'><div><p>{last}</p></div></div>"
        "</main></body></html>"
    ).replace("{dek}", dek)
    body = _body(page, "Night buses")
    # Was: the last paragraph lost (neither candidate took a <p> in a box beside the text's container).
    assert body.endswith(last) and body.startswith(_PARAS[0])


@pytest.mark.parametrize(
    "line",
    [
        "This document is subject to copyright. Apart from any fair dealing for the purpose of private study"
        " or research, no part may be reproduced without the written permission.",
        "SUGGESTED CITATION Sauer, Heiko: Expert*innen in der Krise, VerfBlog, 2020/4/09, https://blog.example/x/.",
        "Dieser Artikel wird von Spenden unserer Leserinnen und Lesern finanziert. Unterstützen Sie unsere"
        " gemeinnützige Arbeit mit Ihrer Spende.",
        "Tried this recipe? Tell us how it went. Tag us at @cook or leave a comment and rating below.",
        "Wir verwenden Cookies, um Inhalte zu personalisieren und zu messen. Wenn du auf unsere Webseite"
        " klickst, stimmst du der Erfassung von Informationen durch Cookies zu.",
    ],
)
def test_boxes_of_div_text_after_the_article_are_not_body(line: str) -> None:
    # Div text the container pass now reads: a copyright notice, a suggested citation, a donation call,
    # a recipe card's call to rate it, a cookie notice.
    blocks = [html_body.Block(t, 0, "p") for t in (_LEAD, _NEXT)] + [html_body.Block(line, 0, "text")]
    assert [b.text for b in html_body.clean_blocks(blocks, blocks, None, None)] == [_LEAD, _NEXT]


def _para(i: int) -> html_body.Block:
    return html_body.Block(
        f"Paragraph {i} of the story: the harbour authority said the quay stays closed.", 0, "p"
    )


@pytest.mark.parametrize("n", [10, 3000])  # below and above _MANY_BLOCKS (searches from the last place)
def test_merge_places_what_only_the_container_found_after_its_predecessor(n: int) -> None:
    primary = [_para(i) for i in range(n)]
    extra = html_body.Block(
        "A paragraph only the container found, long enough to count as prose, and ending like one.", 0, "p"
    )
    half = n // 2
    assert html_body.merge(primary, [*primary[:half], extra, *primary[half:]]) == [
        *primary[:half],
        extra,
        *primary[half:],
    ]
    # Out of page order (a block found far down, then the top again): still placed after its predecessor.
    again = html_body.merge(primary, [primary[n - 1], *primary[:half], extra])
    assert again == [*primary[:half], extra, *primary[half:]]
    # Only the secondary's text (nothing shared): every prose block lands at the top, in order.
    others = [
        html_body.Block(b.text.replace("Paragraph", "Section") + " And so on.", 0, "p") for b in primary
    ]
    assert html_body.merge(primary, others) == [*others, *primary]


def test_merge_of_texts_that_share_nothing_puts_the_secondary_where_it_stands_or_leaves_it_out() -> None:
    primary = [_para(i) for i in range(4)]
    others = [
        html_body.Block(b.text.replace("Paragraph", "Section") + " And so on.", 0, "p") for b in primary
    ]
    assert html_body.merge(primary, others, "after") == [*primary, *others]  # a split article
    assert html_body.merge(primary, others, "") == primary  # another article
    # Mostly no prose (teasers; one ends in a full stop): not the article's text, wherever it stands.
    teasers = [html_body.Block(f"Read next: story {i} […]", 0, "p") for i in range(5)] + others[:1]
    assert html_body.merge(primary, teasers, "after") == primary
    assert html_body.merge(primary, [*others, primary[0]], "") != primary  # shared: merged


def test_placement_counts_the_headlines_before_the_container() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><div id='top'><p>x</p></div><header><h1>Site</h1><h1>The story title</h1></header><div id='a'><p>a</p></div>"
        "<div><h1>The next story</h1><div id='b'><p>b</p></div></div></body></html>"
    )
    top, a, b = (tree.get_element_by_id(i) for i in ("top", "a", "b"))
    assert [html_body._placement([el]) for el in (top, a, b)] == ["before", "after", ""]
    # A cookie banner's headline is not an article's (a code review: it made the article "another").
    banner = lxml.html.document_fromstring(
        "<html><body><div class='cookie-banner'><h1>We value your privacy</h1></div>"
        "<h1>The story title here</h1><div id='a'><p>a</p></div></body></html>"
    )
    assert html_body._placement([banner.get_element_by_id("a")]) == "after"


_NEXT_POST_PAGE = (
    "<html><head><title>Quay stays closed</title></head><body><article><header><h1>Quay stays closed</h1>"
    "</header><div class='entry-content'>{main}</div></article><div class='next-post'><article><header>"
    "<h1>Library to be rebuilt</h1></header><div class='post-add-main'>{other}</div></article></div>"
    "</body></html>"
)


def test_a_longer_story_appended_below_the_article_is_not_its_body() -> None:
    # An endless-scroll theme appends the next post under its own headline; our container pass preferred
    # it (more text) and, sharing nothing with trafilatura's article, it went in first.
    main = "".join(
        f"<p>Main story paragraph {i}: the harbour authority said on Tuesday that the quay stays closed, "
        "and ferries will dock at the north pier until repairs end.</p>"
        for i in range(5)
    )
    other = "".join(
        f"<p>Next story paragraph {i}: the city council, after a long debate, voted to rebuild the old "
        "library, which had stood empty, damp and unloved, for a decade.</p>"
        for i in range(9)
    )
    body = _body(_NEXT_POST_PAGE.format(main=main, other=other), "Quay stays closed")
    assert body.startswith("Main story paragraph 0") and "Next story" not in body


def test_all_in_finds_keys_in_any_order() -> None:
    text = "one two three four five"
    assert html_body._all_in(text, ["one", "three", "five"])
    assert html_body._all_in(text, ["five", "one", "four"])  # back to the top when not found further on
    assert not html_body._all_in(text, ["one", "six"])
    assert html_body._all_in(text, [])


@pytest.mark.parametrize("n", [10, 3000])
def test_clean_blocks_drops_furniture_outside_the_container_on_pages_of_any_size(n: int) -> None:
    article = [_para(i) for i in range(n)]
    menu = html_body.Block("Home News Sport Weather Contact us and the rest of the menu.", 0, "p")
    out = html_body.clean_blocks(
        [menu, *article],
        article,
        None,
        None,
        lambda: "home news sport weather contact us and the rest of the menu.",
    )
    assert out == article  # outside the container and in the furniture: dropped; the article stays


def test_a_paragraph_of_thousands_of_elements_is_left_to_the_container_pass() -> None:
    # Trafilatura's pass over such a paragraph's text nodes grows with their square (12.7 s at 250 kB).
    lead = "<p>The harbour authority said on Tuesday that the quay stays closed for repairs while crews work.</p>"
    words = "<span>word</span> " * (html_body.MAX_PARAGRAPH_ELEMENTS + 1)
    tree = parse_html(f"<html><body><article>{lead * 3}<p>{words}</p></article></body></html>")
    assert html_body.crowded(tree)
    body = html_body.extract_body(tree, None).text
    assert body.count("word") == html_body.MAX_PARAGRAPH_ELEMENTS + 1 and "harbour authority" in body
    assert not html_body.crowded(parse_html(f"<html><body><p>{'<span>w</span> ' * 50}</p></body></html>"))


_ITEMS = [
    ("Your pickup day may change", "About a third of households move to a new collection day, and the schedule is online now."),
    ("Glass goes back in the blue bin", "After two years of separate drop-off, glass bottles and jars can go in curbside bins again."),
    ("No more plastic bags", "Bags tangle the sorting machines, so return them to grocery store drop-off points instead."),
    ("The monthly fee rises", "The council approved the increase in March to cover the higher contract price this year."),
]  # fmt: skip


@pytest.mark.parametrize(
    "item",
    [
        "<p><strong>{0}</strong><br>{1}</p>",
        "<li><strong>{0}</strong><br>{1}</li>",
        "<li><h3>{0}</h3><p>{1}</p></li>",
        "<li><h3>{0}</h3>{1}</li>",
        "<li><div>{0}</div><div>{1}</div></li>",
    ],
)
def test_a_listicle_s_items_are_in_the_body_once(item: str) -> None:
    # A heading and its text with no space between them in the markup: ours read "changeAbout" where
    # trafilatura reads "change About" (or the other way round), so every item was added twice (review).
    items = "".join(item.format(*pair) for pair in _ITEMS)
    if item.startswith("<li>"):
        items = f"<ol>{items}</ol>"
    page = (
        "<html><head><title>What the new recycling rules mean</title></head><body><nav><a href='/'>Home</a>"
        "</nav><article><h1>What the new recycling rules mean</h1><p>Starting Monday, the city will switch "
        f"to a new single-stream recycling contract, and here is what to know.</p>{items}<p>Questions can be "
        "sent to the public works department by email or phone.</p></article></body></html>"
    )
    body = _body(page, "What the new recycling rules mean")
    for head, text in _ITEMS:
        assert body.count(text[:40]) == 1, body
        assert head in body
    assert "changeAbout" not in body  # trafilatura's glued words get their space back


def test_respace_takes_our_spaces_only_when_the_rest_is_the_same() -> None:
    glued = html_body.Block("- Your pickup day may changeAbout a third move.", 0, "item")
    assert html_body._respace(glued, "Your pickup day may change About a third move.").text == (
        "- Your pickup day may change About a third move."
    )
    # Soft hyphens in ours: the words match, but trafilatura's text (without them) stands.
    clean = html_body.Block("Schon im Mittelalter war der Wein bekannt.", 0, "p")
    assert html_body._respace(clean, "Schon im Mit\xadtel\xadal\xadter war der Wein bekannt.") is clean


def test_a_paragraph_trafilatura_splits_at_a_br_is_not_added_again() -> None:
    # A blog's text between <br>s: ours reads "A<br>B" as one block "A B", trafilatura as two
    # paragraphs. Found in one piece across them, it is no new text (a benchmark blog post had four
    # such paragraphs twice while they were looked up one by one).
    lines = [
        "Aber was uns heute ins Haus geflattert ist, läßt mir dann doch eine Hasskappe wachsen.",
        "Die süßeste Tochter hat heute Post von der Bundeswehr bekommen, vom Personalmanagement.",
    ]
    theirs = [html_body.Block(t, 0, "p") for t in (_PARAS[0], *lines, _PARAS[1])]
    ours = [html_body.Block(t, 0, "p") for t in (_PARAS[0], " ".join(lines), _PARAS[1])]
    assert html_body.merge(theirs, ours) == theirs


def test_a_table_is_one_paragraph_per_row_without_its_rules() -> None:
    # A review: the rows were one line, with trafilatura's "|---|" rules under the header in it; a second
    # review: rows as paragraphs lost "Related models | ..." to the line rules, and empty cells.
    table = (
        "<table><caption>Average rates, week ending Aug. 1</caption><thead><tr><th>Loan</th><th>This week</th>"
        "<th>Last week</th></tr></thead><tbody><tr><td>30-year fixed</td><td>6.73%</td><td>6.78%</td></tr>"
        "<tr><td>Rate a | b</td><td></td><td>6.07%</td></tr><tr><td>Related models</td><td>Trek</td>"
        "<td>-</td></tr><tr><td>-</td><td>-</td><td>-</td></tr></tbody></table>"
    )
    page = f"<html><body><article><h1>Mortgage rates fall</h1><p>{_PARAS[0]}</p>{table}<p>{_PARAS[1]}</p></article></body></html>"
    paragraphs = _body(page).split("\n\n")
    assert "| Loan | This week | Last week |" in paragraphs
    assert "| 30-year fixed | 6.73% | 6.78% |" in paragraphs
    assert "| Rate a \\| b | | 6.07% |" in paragraphs  # the empty cell stays, the cell's "|" is escaped
    assert "| Related models | Trek | - |" in paragraphs
    assert not any("---" in p for p in paragraphs)


def test_an_old_site_s_layout_table_is_no_table_of_rows() -> None:
    # A third review: a site laid out in a table (menu, story, weather; a footer row) came out as
    # "| News Sport ... | Creek bridge ... |" rows where its story's paragraphs were before.
    story = "".join(f"<p>{p}</p>" for p in _PARAS)
    page = (
        "<html><body><table><tr><td>News Sport Letters Archive Contact</td>"
        f"<td><h1>Creek bridge to be restored</h1>{story}</td><td>Weather Sunny, 18C</td></tr>"
        "<tr><td>© 2004 Faversham News | Privacy</td><td></td><td></td></tr></table></body></html>"
    )
    paragraphs = _body(page).split("\n\n")
    assert _PARAS[0] in paragraphs and _PARAS[3] in paragraphs
    assert not any(p.startswith("|") for p in paragraphs), paragraphs


def test_a_latest_rail_under_a_short_brief_is_not_its_text() -> None:
    # A review: a two-paragraph brief got the five summaries of the "Latest" rail below it appended.
    rail = "".join(
        f"<article><h3><a href='/news/{i}'>Other story {i} about the county</a></h3>"
        f"<p>Summary of other story {i}, which the county board discussed at length on Tuesday night.</p></article>"
        for i in range(5)
    )
    page = (
        "<html><body><article><h1>Transformer failure cuts power</h1>"
        "<p>About 2,000 customers in Eastfield lost power early Wednesday after a transformer failed at a "
        "substation on Route 9, Valley Electric said.</p><p>Crews expected to restore service by 10 a.m.</p>"
        f"</article><section class='latest'><h2>Latest News</h2>{rail}</section></body></html>"
    )
    body = _body(page, "Transformer failure cuts power")
    assert body.startswith("About 2,000 customers") and "Other story" not in body and "Summary of" not in body


_STORY = [
    f"<p>Paragraph {i}: the county commission voted on Tuesday to approve a new ambulance contract.</p>"
    for i in range(4)
]


@pytest.mark.parametrize(
    "box",
    [
        # Furniture a review found kept in the text: a donation box, a disclosure paragraph, pull quotes.
        "<div class='donation-cta'><p>Support local journalism: donate today to keep this reporting free.</p></div>",
        "<p class='disclosure-note'>This story was produced with support from a foundation grant program.</p>",
        "<blockquote class='pullquote'>The previous contract had no way to enforce the response times.</blockquote>",
        "<div class='pull-quote'>The previous contract had no way to enforce the response times.</div>",
    ],
)
def test_boxes_inside_the_text_that_are_not_its_text(box: str) -> None:
    text = "".join(_STORY[:2]) + box + "".join(_STORY[2:])
    page = f"<html><body><article><h1>Ambulance contract</h1>{text}</article></body></html>"
    body = _body(page, "Ambulance contract")
    assert body.count("Paragraph") == 4
    assert not any(w in body for w in ("donate", "foundation grant", "no way to enforce"))


@pytest.mark.parametrize(
    "label",
    [
        "Article réservé aux abonnés",
        "Subscriber exclusive",
        "When you buy through our links, we may earn an affiliate commission.",
    ],
)
def test_a_paywall_label_or_an_affiliate_note_above_the_text(label: str) -> None:
    from flows.clean import clean_body

    body = clean_body(
        f"{label}\n\n"
        + "\n\n".join(f"Paragraph {i} of the story, with enough words in it." for i in range(3))
    )
    assert body.startswith("Paragraph 0")
    # ... but a sentence of the story about commissions stays.
    kept = "Brokers may earn a commission on each sale, the regulator said on Monday in its report."
    assert clean_body(f"{kept}\n\nParagraph 1 of the story, with enough words in it.").startswith("Brokers")


# Spiegel's markup, as its pages have it: the text in blocks around an ad and a related box, the standfirst
# and the byline in the header. Trafilatura drops every text block (it discards classes with "-icon" in
# them, "RichText--iconLinks") and reads the header.
_SPIEGEL_PARAS = [
    "Die Gewerkschaft Deutscher Lokomotivführer (GDL) ruft erneut zu einem Streik bei der Deutschen Bahn"
    " auf. Im Güterverkehr soll der Ausstand am Mittwochabend beginnen, im Personenverkehr am Donnerstag.",
    "Der Streik soll 35 Stunden dauern, teilte die Gewerkschaft am Montagabend mit. Die Bahn kritisierte"
    " die kurze Vorlaufzeit scharf und sprach von einer Zumutung für Millionen Fahrgäste.",
    "Es ist bereits der sechste Arbeitskampf in dieser Tarifrunde. Die GDL fordert unter anderem eine"
    " Absenkung der Wochenarbeitszeit für Schichtarbeiter von 38 auf 35 Stunden bei vollem Lohnausgleich.",
    "Die Bahn hatte zuletzt angeboten, die Arbeitszeit in zwei Schritten auf 36 Stunden zu senken."
    " GDL-Chef Claus Weselsky lehnte das als unzureichend ab und warf dem Konzern vor, auf Zeit zu spielen.",
    "Nach Angaben der Bahn wird ein Notfahrplan erstellt, der im Fernverkehr nur etwa ein Fünftel der"
    " üblichen Verbindungen vorsieht. Im Regionalverkehr gebe es große regionale Unterschiede.",
    "Verkehrsminister Volker Wissing rief beide Seiten auf, an den Verhandlungstisch zurückzukehren."
    " Ein Schlichtungsverfahren war im Februar gescheitert.",
]
_SPIEGEL_STANDFIRST = (
    "Die Lokführergewerkschaft erhöht den Druck auf die Bahn: Ab Mittwochabend soll der Güterverkehr"
    " bestreikt werden, der Personenverkehr folgt einen Tag später."
)


def _spiegel_block(paras: list[str]) -> str:
    return (
        "<div class='lg:mt-32 md:mt-32 sm:mt-24 md:mb-48 lg:mb-48 sm:mb-32'><div class='RichText"
        " RichText--iconLinks lg:w-8/12 md:w-10/12 lg:mx-auto md:mx-auto lg:px-24 md:px-24 sm:px-16"
        f" break-words word-wrap'>{''.join(f'<p>{p}</p>' for p in paras)}</div></div>"
    )


_SPIEGEL_PAGE = f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Bahnstreik: GDL kündigt neuen Ausstand im Güterverkehr an - DER SPIEGEL</title>
<meta name="description" content="{_SPIEGEL_STANDFIRST}"></head><body>
<header data-area="navigation"><nav><a href="/">Startseite</a> <a href="/wirtschaft/">Wirtschaft</a></nav></header>
<main id="Inhalt"><article aria-label="Bahnstreik" data-area="article">
<header data-area="intro" class="lg:mt-32 md:mt-32 sm:mt-24">
<h2><span class="text-primary-base">Bahnstreik</span> <span>GDL kündigt neuen Ausstand im Güterverkehr an</span></h2>
<div class="RichText RichText--sans leading-loose lg:text-xl md:text-xl sm:text-l">{_SPIEGEL_STANDFIRST}</div>
<div class="font-sansUI" data-area="author">Von <a href="/impressum/autor-1">Anna Beispiel</a></div>
<div class="font-sansUI lg:text-base"><time datetime="2024-03-05 10:12:00">05.03.2024, 10.12 Uhr</time></div>
</header>
<section class="relative" data-area="body">
{_spiegel_block(_SPIEGEL_PARAS[:2])}
<div data-area="ad_container" class="ad-container"><div class="ad-label">Anzeige</div></div>
{_spiegel_block(_SPIEGEL_PARAS[2:5])}
<div data-area="related_articles" class="related"><h3>Mehr zum Thema</h3><ul>
<li><a href="/a1">Tarifstreit bei der Bahn: Was Fahrgäste jetzt wissen müssen</a></li>
<li><a href="/a2">Weselsky im Interview: Wir lassen uns nicht erpressen</a></li></ul></div>
{_spiegel_block(_SPIEGEL_PARAS[5:])}
<div data-area="footer" class="text-s">aar/dpa/Reuters</div>
</section></article></main>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer>
</body></html>"""


def test_a_text_split_into_blocks_around_an_ad_is_read_whole() -> None:
    from flows.extract_html import extract_html

    body = extract_html(_SPIEGEL_PAGE.encode(), URL).body
    # It was the largest block only; with the container whole, trafilatura's read of the header (the
    # standfirst, the byline), sharing nothing with it, stood below the text.
    assert body.split("\n\n") == [*_SPIEGEL_PARAS, "aar/dpa/Reuters"]


# A text split into several blocks around an ad, a teaser box or a sign-up box (common markup).
_STORY_PARAS = [
    "The City Council voted 11 to 2 on Tuesday to approve a long-delayed plan to rebuild the harbor"
    " seawall, which engineers have warned for years could fail in a major storm.",
    "The project, estimated to cost $240 million, will raise the wall by three feet along a mile and a"
    " half of waterfront and add a promenade, bike lanes and two small parks.",
    "“We have been talking about this wall since before some of us were elected,” said Councilwoman"
    " Denise Park, who represents the waterfront district.",
    "Opponents argued that the design did too little to protect neighborhoods farther inland, where"
    " flooding has worsened, and that the cost estimates were too optimistic.",
    "Construction is expected to begin next spring and take about four years. The city will pay for"
    " roughly half of the project, with the rest coming from state and federal grants.",
    "The vote followed a three-hour public hearing at which more than 60 residents spoke, many of them"
    " urging the council to move faster.",
]
_FURNITURE = {
    "ad": "<div class='ad-slot'><p class='ad-label'>Advertisement</p></div>",
    "newsletter": (
        "<div class='newsletter-signup'><h2>Sign up for the Morning Briefing</h2><p>Get the day's top"
        " stories in your inbox every weekday morning, with analysis from our editors.</p>"
        "<a href='/newsletters'>Sign Up</a></div>"
    ),
}


def _ps(paras: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paras)


def _elementor_widget(kind: str, wid: str, inner: str) -> str:
    return (
        f"<div class='elementor-element elementor-element-{wid} elementor-widget elementor-widget-{kind}'"
        f" data-id='{wid}' data-element_type='widget'><div class='elementor-widget-container'>{inner}</div></div>"
    )


_SPLIT_PAGES = {
    # Spiegel's other layout: paragraphs in several <div data-area="text"> blocks, one per section.
    "text_areas": "<article data-area='article'><header><h1>Seawall plan approved</h1></header>"
    + "<div class='inline-teaser'><span>Mehr zum Thema</span> <a href='/x'>Harbor flood maps redrawn</a></div>".join(
        f"<section class='article-section clearfix'><div data-area='text'>{_ps(chunk)}</div></section>"
        for chunk in (_STORY_PARAS[:2], _STORY_PARAS[2:5], _STORY_PARAS[5:])
    )
    + "</article>",
    # A news site's companion columns, with an ad and a sign-up box between them.
    "companion_columns": "<article id='story'><header><h1>Seawall plan approved</h1></header>"
    "<section name='articleBody'>"
    f"<div class='css-s99gbd StoryBodyCompanionColumn'><div class='css-53u6y8'>{_ps(_STORY_PARAS[:2])}</div></div>"
    f"{_FURNITURE['ad']}"
    f"<div class='css-s99gbd StoryBodyCompanionColumn'><div class='css-53u6y8'>{_ps(_STORY_PARAS[2:5])}</div></div>"
    f"{_FURNITURE['newsletter']}"
    f"<div class='css-s99gbd StoryBodyCompanionColumn'><div class='css-53u6y8'>{_ps(_STORY_PARAS[5:])}</div></div>"
    "</section></article>",
    # A WordPress page builder: text widgets (each with its id class) around an image widget with a
    # caption and a sign-up form widget whose text is a sentence.
    "page_builder": "<main class='site-main'><h1 class='entry-title'>Seawall plan approved</h1>"
    "<div class='elementor elementor-981'><div class='elementor-widget-wrap elementor-element-populated'>"
    + _elementor_widget("text-editor", "8f3c2aa", _ps(_STORY_PARAS[:2]))
    + _elementor_widget(
        "image",
        "91d0e4b",
        "<figure><img src='/wall.jpg' alt=''><figcaption>The old seawall at high tide, with waves breaking"
        " over the promenade railings.</figcaption></figure>",
    )
    + _elementor_widget("text-editor", "3aa71c2", _ps(_STORY_PARAS[2:5]))
    + _elementor_widget(
        "form",
        "c44e1d7",
        "<p>Stay in touch: get our weekly letter with news from the harbor, events and volunteering days.</p>"
        "<form><input type='email'><button>Subscribe</button></form>",
    )
    + _elementor_widget("text-editor", "0b9e3f5", _ps(_STORY_PARAS[5:]))
    + "</div></div></main>",
    # A WordPress block theme: group blocks around a newsletter group.
    "block_groups": "<main class='wp-block-group'><h1 class='wp-block-post-title'>Seawall plan approved</h1>"
    "<div class='entry-content wp-block-post-content'>"
    f"<div class='wp-block-group is-layout-flow'><div class='wp-block-group__inner-container'>{_ps(_STORY_PARAS[:2])}</div></div>"
    f"<div class='wp-block-group is-layout-flow'><div class='wp-block-group__inner-container'>{_FURNITURE['newsletter']}</div></div>"
    f"<div class='wp-block-group is-layout-flow'><div class='wp-block-group__inner-container'>{_ps(_STORY_PARAS[2:])}</div></div>"
    "</div></main>",
}


@pytest.mark.parametrize("name", sorted(_SPLIT_PAGES))
def test_the_container_pass_reads_every_block_of_a_split_text(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Trafilatura off, as on pages where it finds none of the text (it discards classes with "-icon" in
    # them, such as Spiegel's "RichText--iconLinks"): the container pass took the largest block only (the
    # other blocks are siblings of the block's wrapper, not of the element holding the paragraphs).
    monkeypatch.setattr(html_body, "trafilatura_blocks", lambda *args: [])
    page = f"<html><body><nav><a href='/'>Home</a> <a href='/metro'>Metro</a></nav>{_SPLIT_PAGES[name]}</body></html>"
    assert _body(page, "Seawall plan approved").split("\n\n") == _STORY_PARAS


_UNLIKE_BLOCKS = {
    # Sections of text and sections of a gallery, whose caption is a sentence.
    "gallery": "<main><h1>Seawall plan approved</h1>"
    f"<section><div class='wysiwyg'>{_ps(_STORY_PARAS[:4])}</div></section>"
    "<section><div class='slider'><div><img src='/a.jpg' alt=''><div><p>The old seawall at high tide, with"
    " waves breaking over the promenade railings on a stormy day.</p></div></div></div></section>"
    f"<section><div class='wysiwyg'>{_ps(_STORY_PARAS[4:])}</div></section></main>",
    # A grid row: the text's column beside a fact box column.
    "grid": "<div class='row'><div class='col-xs-12'><div class='statement'><p>The claim: the new wall will"
    " protect every home in the district from flooding for the next hundred years.</p></div></div>"
    f"<div class='col-xs-12 col-md-8 pull-left'><div id='article-content'><div class='wsw'>{_ps(_STORY_PARAS)}"
    "</div></div></div></div>",
    # The next story, appended under its own headline in a block like the text's.
    "next_story": "<div class='stream'>"
    f"<div class='entry'><div class='entry-content'>{_ps(_STORY_PARAS)}</div></div>"
    "<div class='entry'><div class='entry-content'><h1>Library to be rebuilt</h1><p>The city council, after a"
    " long debate, voted to rebuild the old library, which had stood empty for a decade.</p></div></div></div>",
    # A block like the text's holding a list of links (teasers).
    "teasers": "<section>"
    f"<div class='block'><div class='text'>{_ps(_STORY_PARAS)}</div></div>"
    "<div class='block'><div class='text'><p><a href='/a'>Harbor flood maps redrawn after a decade of"
    " storms, the port authority says.</a></p><p><a href='/b'>Ferry service to resume on the north route"
    " from Monday, the operator says.</a></p></div></div></section>",
}


@pytest.mark.parametrize("name", sorted(_UNLIKE_BLOCKS))
def test_blocks_unlike_the_text_s_are_not_read_as_its_continuation(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_body, "trafilatura_blocks", lambda *args: [])
    page = f"<html><body>{_UNLIKE_BLOCKS[name]}</body></html>"
    assert _body(page, "Seawall plan approved").split("\n\n") == _STORY_PARAS


def test_the_headline_below_the_container_s_lead_is_not_body() -> None:
    # The merge puts a lead only the container found above trafilatura's first block, the headline
    # printed with its kicker ("Wurmkiste Wurmkiste selber bauen"): no longer the first block, it stayed.
    lead, *rest = (html_body.Block(p, 0, "p") for p in _STORY_PARAS)
    echo = html_body.Block("Harbor Seawall plan approved", 0, "head")
    kept = html_body.clean_blocks([lead, echo, *rest], [lead, *rest], "Seawall plan approved", None)
    assert [b.text for b in kept] == _STORY_PARAS


@pytest.mark.parametrize(
    ("role", "kept"),
    [("Health correspondent", False), ("Senior economics editor", False), ("Health officials agree", True)],
)
def test_a_role_under_a_byline_is_no_body(role: str, kept: bool) -> None:
    page = (
        "<html><body><article><h1>Heat alert issued</h1><div class='contrib'><div>By Sarah Lane</div>"
        f"<div>{role}</div></div><div class='text'>{''.join(f'<p>{p}</p>' for p in _PARAS)}</div>"
        "</article></body></html>"
    )
    # Was: "Health correspondent" the body's first paragraph (the BBC's byline block).
    assert _body(page, "Heat alert issued").startswith(role) is kept


def _story(*blocks: str) -> str:
    """A page: the headline and the four paragraphs of ``_PARAS``, with ``blocks`` after the second."""
    paras = [f"<p>{p}</p>" for p in _PARAS]
    return (
        "<html><body><article><h1>State slogan campaign</h1><div class='article-body'>"
        f"{''.join(paras[:2])}{''.join(blocks)}{''.join(paras[2:])}</div></article></body></html>"
    )


@pytest.mark.parametrize(
    "line",
    [
        # A review found each deleted mid-article: the label's words starting a sentence.
        "Also on Tuesday, the Senate voted to extend funding for the Federal Aviation Administration.",
        "Also on Oct. 20, the principal confirmed the incident to the parents of each of the students.",
        "Related charges against two of her former aides were dropped in January.",
        "Copyright disputes with Chinese manufacturers will be among her first priorities.",
        "Copyright Office officials said the human author must have creative control over the work.",
        "Recommended tariff rates will be published in June.",
        "More from the interview with the minister follows below.",
        "Copyright Office Dir. Shira Perlmutter said the office would publish its guidance in the spring.",
        "Also on the agenda: a vote on the budget for the coming year.",
        # A third review: "copyright" glued to a hyphen, an apostrophe or a comma starts a sentence too.
        "Copyright-infringement lawsuits against AI companies have multiplied since last year.",
        "Copyright’s reach has grown with every new technology, and courts have usually adapted it.",
        "Copyright, trademark and patent filings all rose last year, the office said in its annual report.",
    ],
)
def test_a_sentence_that_starts_with_a_furniture_label_is_body(line: str) -> None:
    assert line in _body(_story(f"<p>{line}</p>"), "State slogan campaign").split("\n\n")


@pytest.mark.parametrize(
    "line",
    [
        "Also on CNN: Another headline here",
        "ALSO ON ABC NEWS",
        "Also see Another Headline Here",
        "Related: The 15 weirdest galaxies in our universe",
        "Related post: Pickled Brussels sprouts recipe",
        "Related coverage",
        "Recommended for you",
        "More from BBC News",
        "© Reuters",
        "Copyright 2022 The Associated Press. All rights reserved.",
        "Copyright ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지",
        "copyright Inexhibit 2019 - ISSN: 2283-5474",
        "Table of Contents",
        "Inhaltsverzeichnis [ausblenden]",
        # A second review: each kept as body once the labels before a sentence were (no sentence after them).
        "Related Video",
        "RELATED VIDEO",
        "Related Video: Council votes on budget",
        "Related Topics",
        "Recommended Video",
        "More from around the web",
        "More from our partners",
        "More from this author",
        "More from NBCNews.com",
        "Also on WRAL.com",
        "ALSO ON WRAL.COM",
        "Copyright Springfield Gazette. Not for republication without permission.",
        "Copyright reserved.",
        "Copyright notice",
        "Copyright by Springfield Gazette - All rights reserved",
        "Copyright belongs to Springfield Gazette.",
        "Copyright Springfield Gazette 2024, distributed by Tribune Content Agency, LLC.",
        # A fourth review: notices of three lower-case words or more.
        "Copyright Notice: This article may not be reproduced without permission.",
        "Copyright belongs to the original author. If there is any infringement, please contact us to delete.",
        "Copyright for syndicated content belongs to the linked Source",
        "Copyright of this story solely belongs to bignewsnetwork.com.",
        "Copyright protected. Reproduction in whole or in part is prohibited without written permission.",
        "Copyright owned by Example Media Group and may not be copied.",
    ],
)
def test_the_labels_alone_or_before_a_headline_are_not_body(line: str) -> None:
    from flows.rules.html_boilerplate import BOILERPLATE_LINE

    assert BOILERPLATE_LINE.match(line)
    assert line not in _body(_story(f"<p>{line}</p>"), "State slogan campaign")


@pytest.mark.parametrize(
    "label",
    ["MORE:", "More:", "Veja também:", "Te puede interesar:", "See also:", "Ti potrebbe interessare:"],
)
def test_a_label_before_a_link_to_another_story_is_not_body(label: str) -> None:
    # A review: ABC News' "MORE: <link>" and the Portuguese and Spanish labels stayed; "Read more:" went.
    link = f"<p><strong>{label} <a href='/x'>Former exchange executive pleads guilty</a></strong></p>"
    body = _body(_story(link), "State slogan campaign")
    assert "pleads guilty" not in body and body.count("\n\n") == 3


def test_the_same_label_before_prose_is_body() -> None:
    line = "More: the council said the new slogan had been <a href='/t'>tested with voters</a> in May."
    assert "More: the council said" in _body(_story(f"<p>{line}</p>"), "State slogan campaign")


def test_link_share_counts_a_link_after_its_label() -> None:
    anchors = {html_body._norm("Former exchange executive pleads guilty")}
    sizes = html_body._anchor_sizes(anchors)
    text = "MORE: Former exchange executive pleads guilty"
    assert html_body._link_share(text, anchors, sizes) == len(text) - len("MORE: ")
    assert html_body._link_share("Source: Former exchange executive pleads guilty", anchors, sizes) == 0


def test_a_table_of_contents_leaves_the_subheadings_it_links_to() -> None:
    # A review: every subheading equal to a jump link's text counted as all link and went, and the
    # contents' title stayed.
    toc = (
        "<div class='toc'><p>Table of Contents</p><ul><li><a href='#who'>Who is affected?</a></li>"
        "<li><a href='#when'>When do the rules start?</a></li></ul></div>"
    )
    sections = (
        "<h2 id='who'>Who is affected?</h2><p>The changes mainly affect skilled workers, care workers and overseas"
        " students, who face higher salary thresholds.</p><h2 id='when'>When do the rules start?</h2><p>Most of"
        " the measures come into force in the spring, although the threshold will not apply until April.</p>"
    )
    paragraphs = _body(_story(toc, sections), "State slogan campaign").split("\n\n")
    assert "Who is affected?" in paragraphs and "When do the rules start?" in paragraphs
    assert paragraphs.count("Who is affected?") == 1 and "Table of Contents" not in paragraphs


def test_a_link_to_another_page_still_counts_as_link() -> None:
    page = "<html><body><a href='#top'>Back to top</a><a href='/who'>Who is affected</a></body></html>"
    assert html_body._anchor_texts(lxml.html.document_fromstring(page)) == {"who is affected"}


def test_a_script_route_is_a_link_to_another_page() -> None:
    # A third review: "#/news/1201" and "#!/story" links to other stories were taken for jump links, and the
    # list of them after the article entered the body.
    page = (
        "<html><body><h2 id='who'>Who is affected?</h2><a name='when'></a><a href='#who'>Who is affected?</a>"
        "<a href='#when'>When do the rules start?</a><a href='#/news/1201'>Mayor vetoes the bus plan</a>"
        "<a href='#!/news/1202'>School board delays vote</a><a href='#gone'>No such place here</a></body></html>"
    )
    assert html_body._anchor_texts(lxml.html.document_fromstring(page)) == {
        "mayor vetoes the bus plan",
        "school board delays vote",
        "no such place here",
    }
    links = "".join(
        f"<p><a href='#/news/{n}'>{t}</a></p>"
        for n, t in enumerate(
            [
                "Mayor vetoes the bus plan after a long night of talks",
                "School board delays vote on new term dates until May",
                "Library branch to close on Sundays from June",
            ]
        )
    )
    paras = "".join(f"<p>{p}</p>" for p in _PARAS)
    page = f"<html><body><article><h1>State slogan campaign</h1>{paras}{links}</article></body></html>"
    assert _body(page, "State slogan campaign") == "\n\n".join(_PARAS)


_REST = (
    "Democrats praised the pick, but several Republicans raised concerns about her record on agricultural"
    " exports, which have fallen for three straight years."
)


@pytest.mark.parametrize(
    "button",
    [
        "<button>Continue reading</button>",
        "<div class='read-more'><a href='#'>Read full story</a></div>",
        "<span role='button'>Lire la suite</span>",
    ],
)
def test_text_collapsed_behind_a_continue_reading_button_is_body(button: str) -> None:
    # A review: the rest of the article, hidden until the reader clicks, was lost without a word.
    rest = f"<div id='article-rest' style='display: none'><p>{_REST}</p></div>"
    assert _REST in _body(_story(button, rest), "State slogan campaign")


def test_hidden_text_without_such_a_button_is_not_body() -> None:
    hidden = f"<button>Share</button><div style='display:none'><p>{_REST}</p></div>"
    assert _REST not in _body(_story(hidden), "State slogan campaign")


def test_what_an_author_box_hides_is_not_body() -> None:
    # A second review: the bio's "Read more" opened its rest, whose last line went as the author's bio, and
    # the bio's first line ended the body.
    from flows.extract_html import extract_html

    bio = (
        "<div class='about'><p>Jane Doe covers city hall for the Gazette.</p><button>Read more</button>"
        "<div style='display:none'><p>Jane Doe joined the Gazette in 2015 after ten years at the Springfield"
        " Times, where she covered schools and the state legislature.</p></div></div>"
    )
    paras = "".join(f"<p>{p}</p>" for p in _PARAS)
    page = (
        "<html><head><title>State slogan campaign</title><meta name='author' content='Jane Doe'></head><body>"
        f"<article><h1>State slogan campaign</h1>{paras}{bio}</article></body></html>"
    )
    body = extract_html(page.encode(), URL).body
    assert body.endswith(_PARAS[-1]) and "Jane Doe" not in body


@pytest.mark.parametrize(
    "box",
    [
        # A third review: a "Read more" opened boxes that are not the article, whatever their class.
        "<div class='writer-info'>{bio}</div>",
        "<div class='reporter'>{bio}</div>",
        "<div>{bio}</div>",
    ],
)
def test_what_a_box_after_the_article_hides_is_not_body(box: str) -> None:
    from flows.extract_html import extract_html

    bio = (
        "<p>Jane Doe covers city hall for the Gazette.</p><button>Read more</button><div style='display:none'>"
        "<p>Before joining the Gazette in 2015 she spent ten years at the Springfield Times, where she covered"
        " schools and courts.</p></div>"
    )
    paras = "".join(f"<p>{p}</p>" for p in _PARAS)
    page = (
        "<html><head><title>State slogan campaign</title><meta name='author' content='Jane Doe'></head><body>"
        f"<article><h1>State slogan campaign</h1>{paras}{box.format(bio=bio)}</article></body></html>"
    )
    assert "Springfield Times" not in extract_html(page.encode(), URL).body


def test_what_a_note_above_the_article_hides_is_not_body() -> None:
    # A third review: an affiliate note's hidden rest began the body.
    from flows.extract_html import extract_html

    note = (
        "<div class='affiliate-note'><p>We may earn a commission from links on this page.</p><button>Read more"
        "</button><div style='display:none'><p>Our editors choose every product on their own, and retailers have"
        " no say in our reviews. Prices were correct at the time of publishing.</p></div></div>"
    )
    paras = "".join(f"<p>{p}</p>" for p in _PARAS)
    page = (
        "<html><head><title>State slogan campaign</title></head><body>"
        f"<article><h1>State slogan campaign</h1>{note}{paras}</article></body></html>"
    )
    assert "Our editors" not in extract_html(page.encode(), URL).body


_FERRY = "".join(
    f"<p>The ferry company said the new timetable, {part}, would start in May after a long consultation.</p>"
    for part in ("agreed with the council", "costed at four million", "approved on Tuesday", "due in spring")
)
_LAST = (
    "The ferry company said the new timetable, due in spring, would start in May after a long consultation."
)
_NEXT = "Passengers will be able to book the later crossings online from the first of April, it said."
_LINKS = "".join(
    f"<li><a href='/news/{i}'>Harbour wall repairs begin on the north quay, part {i}</a></li>"
    for i in range(4)
)
_DATED = "".join(
    f"<li><a href='/news/{i}'>Harbour wall repairs begin on the north quay, part {i}</a> <span>5 March 2024</span></li>"
    for i in range(2)
)


def _ferry_body(tail: str) -> str:
    page = (
        "<html><head><title>Ferry timetable changes</title></head><body><article><h1>Ferry timetable changes</h1>"
        f"{_FERRY}{tail}</article><footer>Harbour News</footer></body></html>"
    )
    return html_body.extract_body(parse_html(page), URL, "Ferry timetable changes").text


@pytest.mark.parametrize(
    "tail",
    [
        # A bold line over a related box cut as furniture, by its label or not.
        f"<p><strong>You might also like</strong></p><ul class='related'>{_LINKS}</ul>",
        f"<p><strong>Explore the Harbour News</strong></p><div class='related-stories'><ul>{_LINKS}</ul></div>",
        # A heading over a list of links dropped as such; two headings left one after the other.
        f"<h2>Explore more</h2><ul>{_DATED}</ul>",
        f"<p><b>Explore more</b></p><ul>{_DATED}</ul><p><b>Across the region</b></p><ul class='more-stories'>{_DATED}</ul>",
    ],
)
def test_a_heading_left_without_its_links_does_not_end_the_body(tail: str) -> None:
    # Was: the heading stayed as the body's last line once its list was cut.
    assert _ferry_body(tail).split("\n\n")[-1] == _LAST


@pytest.mark.parametrize(
    ("tail", "last"),
    [
        # A subheading over text, a bold line of the article's ending it, a heading over a list kept.
        (f"<p><strong>What happens next</strong></p><p>{_NEXT}</p>", _NEXT),
        ("<p><strong>Jane Doe reports on transport</strong></p>", "Jane Doe reports on transport"),
        (
            "<h3>Sources</h3><ul><li>Council minutes, <a href='/m'>March 2024</a>, page 4 and the annex on costs</li></ul>",
            "- Council minutes, March 2024, page 4 and the annex on costs",
        ),
    ],
)
def test_a_heading_over_text_or_of_the_article_stays(tail: str, last: str) -> None:
    assert _ferry_body(tail).split("\n\n")[-1] == last
