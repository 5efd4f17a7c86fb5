"""An article's first page that links to its second is flagged ``is_truncated``; other pagers are not."""

from __future__ import annotations

import pytest

from flows.extract_html import extract_html, parse_html
from flows.html_pagination import next_page

URL = "https://courier.example/news/2024/03/12/harbour-reopens/"
TEXT = "".join(
    f"<p>{p}</p>"
    for p in (
        "The harbour reopened on Tuesday after six weeks of repairs to the quay wall, the port authority "
        "said, and the first ferry left for the islands shortly after nine in the morning.",
        "Fishermen said the closure had cost them most of the winter season, and the council has promised "
        "a fund to cover part of the losses before the end of the month.",
    )
)


def article(pager: str, url: str = URL) -> bytes:
    return (
        f"<html><head><title>Harbour reopens</title><link rel='canonical' href='{url}'></head><body>"
        f"<header><a href='/'>Courier</a></header><article><h1>Harbour reopens</h1>{TEXT}{pager}</article>"
        "<footer><a href='/about'>About</a></footer></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "pager",
    [
        # WordPress's wp_link_pages, Arc's "Page 1 of 3 Next page", BLOX's "Continue to page 2", Drupal's
        # pager counting from 0, and a WordPress permalink with the page number in the path.
        "<div class='page-links'>Pages: <span>1</span> <a href='?page=2'>2</a> <a href='?page=3'>3</a></div>",
        "<nav class='article-pagination'><span>Page 1 of 3</span> <a href='?page=2' rel='next'>Next page ›</a></nav>",
        "<p><a href='?page=2' class='btn'>Continue to page 2</a></p>",
        "<p>Page 1 of 2 &nbsp; <a href='?page=1'>Next »</a></p>",
        f"<div class='page-links'><a href='{URL}2/'>Next page</a></div>",
    ],
)
def test_a_first_page_linking_to_its_second_is_truncated(pager: str) -> None:
    out = extract_html(article(pager), URL)
    assert out.is_truncated  # all four of a review's were loaded as whole articles
    assert "Page 1 of" not in out.body and "Fishermen said" in out.body


@pytest.mark.parametrize(
    "pager",
    [
        "",
        # Comments, a sidebar's list, the site's footer, and links to other articles or other sites.
        "<section class='comments'><nav class='pager'><a href='?page=1'>Next »</a></nav></section>",
        "<aside><a href='?page=2'>Next</a></aside>",
        "<div class='most-read'><a href='?page=2'>2</a></div>",
        "<p><a href='/news/2024/03/12/harbour-fund-2/'>Next</a> story: the fund.</p>",
        "<p><a href='https://other.example/news/2024/03/12/harbour-reopens/2/'>2</a></p>",
        "<p><a href='?page=2'>Read the council's report on the closure</a></p>",
        "<p><a href='?replytocom=2'>Reply</a></p>",
        # A second review: WordPress's next post of the same title ("-2"), and its "?p=2" post number.
        "<nav class='post-navigation'><a href='/news/2024/03/12/harbour-reopens-2/' rel='next'>Next »</a></nav>",
        "<p><a href='/news/2024/03/12/harbour-reopens-2.html'>Next</a></p>",
        "<p><a href='?p=2'>Next</a></p>",
    ],
)
def test_other_links_with_page_numbers_are_no_second_page(pager: str) -> None:
    assert not extract_html(article(pager), URL).is_truncated


@pytest.mark.parametrize(
    "box",
    [
        "<div class='block block-views'><div class='view view-latest-news'><ul><li><a href='/a'>Budget set</a>"
        "</li></ul><nav class='pager'><a href='?page=1'>Next ›</a></nav></div></div>",
        "<section class='more-stories'><ul><li><a href='/b'>Dredging</a></li></ul>"
        "<div class='story-list-pager'><a href='?page=2'>Next</a></div></section>",
        "<div class='latest-news'><ul><li><a href='/c'>School wins</a></li></ul><nav><a href='?page=2'>2</a></nav></div>",
    ],
)
def test_a_pager_of_a_box_beside_the_article_is_not_its_own(box: str) -> None:
    # A second review: a "Latest news" view's, a "More stories" list's and a "latest-news" box's pager,
    # all on the article's own address, flagged it.
    page = article("").replace(b"</article>", b"</article>" + box.encode())
    assert not extract_html(page, URL).is_truncated


def test_a_listing_of_the_same_script_is_no_second_page() -> None:
    # "news.php?page=2" is the news listing beside "news.php?id=4521", not the article's page 2.
    url = "https://courier.example/news.php?id=4521"
    assert not extract_html(article("<p><a href='news.php?page=2'>Next</a></p>", url), url).is_truncated
    assert extract_html(
        article("<p><a href='news.php?id=4521&amp;page=2'>Next</a></p>", url), url
    ).is_truncated


def test_the_second_page_itself_links_back_not_on() -> None:
    tree = parse_html(
        article("<div class='page-links'><a href='?page=1'>1</a> <span>2</span></div>").decode()
    )
    assert next_page(tree, URL + "?page=2") is None
    tree = parse_html(article("<div class='page-links'><a href='?page=2'>Next</a></div>").decode())
    assert next_page(tree, None) == "http://page.invalid/?page=2"  # a saved page without an address


def test_a_paragraph_that_cites_a_page_of_a_report_is_no_pager() -> None:
    # A second review: "Page 4 of 120: ..." paragraphs were cut as a pager's line.
    cited = "<p>Page 4 of 120: the summary of failings.</p><p>Page 88 of 120: the recommendations.</p>"
    body = extract_html(article(cited), URL).body
    assert "Page 4 of 120: the summary of failings." in body and "Page 88 of 120" in body


def test_what_a_third_review_found() -> None:
    # Missed: a page reached with tracking parameters, an AMP page whose pager names the canonical
    # page's second page, and ".../slug/1" beside ".../slug/2".
    pager = "<p><a href='?page=2'>Next page</a></p>"
    assert extract_html(article(pager), URL + "?utm_source=twitter&utm_medium=social").is_truncated
    amp = article(f"<p><a href='{URL}2/'>Next page ›</a></p>")
    assert extract_html(amp, URL + "amp/").is_truncated  # the canonical is URL
    one = "https://courier.example/news/48211/harbour/1"
    assert extract_html(article("<p><a href='/news/48211/harbour/2'>2</a></p>", one), one).is_truncated
    # Flagged: readers' responses, a forum's replies, an embedded table's pager; and Drupal's article
    # class "node--view-mode-full" is no view's.
    for box in (
        "<section class='reader-responses'><p>Great piece.</p><a href='?page=2'>Next ›</a></section>",
        "<div class='replies'><p>Agreed.</p><a href='?page=2'>Next</a></div>",
        "<div class='data-embed'><table><tr><td>School</td></tr></table><div class='table-pager'>Showing 1-20"
        " of 101 <a href='?page=2'>Next</a></div></div>",
    ):
        assert not extract_html(article(box), URL).is_truncated, box
    drupal = article("<p>Page 1 of 2 <a href='?page=1'>Next »</a></p>").replace(
        b"<article>", b"<article class='node node--view-mode-full'>"
    )
    assert extract_html(drupal, URL).is_truncated


def test_a_responsive_wrapper_is_no_readers_responses() -> None:
    page = (
        article("<p><a href='?page=2'>Next page</a></p>")
        .replace(b"<article>", b"<div class='responsive-wrapper'><article>")
        .replace(b"</article>", b"</article></div>")
    )
    assert extract_html(page, URL).is_truncated
