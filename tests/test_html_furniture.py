"""Furniture by class and id: the words that mark it, and the cautions that keep the article."""

from __future__ import annotations

import lxml.html
import pytest

from flows.html_furniture import class_words, furniture_class, link_cards, paywall_box, scan_furniture


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        ("share-bar", True),
        ("social-links", True),
        ("related-stories", True),
        ("comments", True),
        ("newsletter-signup", True),
        ("cookie-banner", True),
        ("ad-slot top", True),
        ("site-footer", True),
        ("breadcrumbs", True),
        ("sidebar", True),
        ("article-disclaimer", True),  # "Welcome to our Daily Deals... Follow us on Twitter"
        ("jsx-4008421590 commerce-disclosure", True),  # "If you buy something through this post..."
        ("article-body", False),
        ("post hentry category-popular tag-sports", False),  # blog engines' post classes
        ("container no-sidebar content-wrap", False),  # a layout switch, not a region
        ("modal-body", False),  # readability's caution: "body" names content
        ("field field--name-field-body field--label-hidden", False),
        ("headline", False),  # "ad" only as a whole word
        ("shadow-box download", False),
        ("", False),
    ],
)
def test_furniture_class(cls: str, expected: bool) -> None:
    assert furniture_class(cls) is expected


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        ("mtbnewsFotoalbumCaption", True),  # photo-album captions
        ("relatedPost", True),  # a teaser box for another article
        ("commentsCon flex nowrap", True),  # a reader comment
        ("u-srOnly", True),  # screen-reader text ("Download")
        ("articleBody", False),
        ("id-Article id-Article--hasActionbox id-Article--layoutAdRight", False),  # a variant, not an ad
        ("content__inner--hasSidebar", False),
        ("headlineText", False),
    ],
)
def test_camel_case_class_names_are_read_word_by_word(cls: str, expected: bool) -> None:
    el = lxml.html.fragment_fromstring(f'<div class="{cls}">x</div>')
    assert furniture_class(class_words(el)) is expected


def test_paywall_box_is_short_and_prose_is_not_a_box() -> None:
    prompt = lxml.html.fragment_fromstring('<div class="paywall"><p>Subscribe to keep reading.</p></div>')
    walled = lxml.html.fragment_fromstring(
        '<p class="paywall">' + "Long article text goes on. " * 10 + "</p>"
    )
    assert paywall_box(prompt, "paywall")
    assert not paywall_box(walled, "paywall")


def test_a_paywall_prompt_is_measured_without_its_indentation() -> None:
    # A sign-up form's prompt: 90 characters of text in 1,000 of indentation.
    pad = "\n" + " " * 100
    fields = "".join(
        f"<div class='form-group'>{pad}<label>{label}</label>{pad}</div>"
        for label in ("E-mail", "Mot de passe")
    )
    prompt = lxml.html.fragment_fromstring(
        f"<div class='content-form-account-paywall'>{pad}<h2>Pour lire la suite, créez votre compte</h2>{pad}"
        f"<p>Ou si vous avez déjà un compte, connectez-vous ici</p>{pad}<form>{fields}</form>{pad}</div>"
    )
    assert len(prompt.text_content()) > 300
    assert paywall_box(prompt, "content-form-account-paywall")


def test_scan_finds_outermost_furniture_and_paywall() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><div class='related'><ul class='share'><li>x</li></ul></div>"
        "<article><p>Text of the story.</p><div class='regwall'>Log in</div></article></body></html>"
    )
    found, paywall = scan_furniture(tree)
    assert [el.get("class") for el in found] == ["related", "regwall"]
    assert paywall


@pytest.mark.parametrize(
    ("cls", "paywall"),
    [
        ("subscriber-only-tag", False),  # a badge on a free, complete article
        ("paywall-badge", False),
        ("paywall", True),
        ("c-paywall__box", True),
        ("js-paywall-wrap", True),
        ("subscriber-only", True),
        ("piano-inline-offer-box", True),
    ],
)
def test_a_paywall_badge_is_not_paywall_markup(cls: str, paywall: bool) -> None:
    page = f'<html><body><div class="{cls}">Subscribers only</div><p>{"Text. " * 40}</p></body></html>'
    assert scan_furniture(lxml.html.fromstring(page))[1] is paywall


def test_a_post_quoted_from_social_media_is_not_a_share_bar() -> None:
    assert not furniture_class("social-media-embed")
    assert not furniture_class("social-embed")
    assert furniture_class("social-media-links")


def test_link_cards_are_the_innermost_link_cluster_beside_prose() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><p>The governor, <span class='who'><a href='/p'>Jane Roe</a><span class='card'>"
        "<a href='/p'>Jane Q. Roe</a><a href='/1'>Roe signs the budget</a><a href='/2'>Roe vetoes the"
        " bill</a></span></span>, said on Monday that the new line would open next spring after delays.</p>"
        "<p>Teams: <span><a href='/a'>Alpha United</a>, <a href='/b'>Beta City</a>, <a href='/c'>Gamma"
        " Town</a></span>.</p></body></html>"
    )
    assert [el.get("class") for el in link_cards(tree)] == ["card"]


_REST = (
    "<p>Democrats praised the pick, but several Republicans raised concerns about her record on agricultural"
    " exports, which have fallen for three straight years.</p>"
)


_LEAD = (
    "<p>The governor named a new agriculture secretary on Monday, a former state senator who farmed for thirty"
    " years.</p><p>She will take office next month, once the legislature confirms her.</p>"
)


def test_open_collapsed_shows_only_what_a_continue_reading_button_hides() -> None:
    # The paragraphs the buttons follow: what is hidden continues them (a third review: the test's page had
    # no article text at all, and an author's or an affiliate box's hidden text was opened as the article's).
    from flows.html_furniture import open_collapsed

    tree = lxml.html.document_fromstring(
        f"<html><body><div>{_LEAD}<button>Continue reading</button><div style='color: red; display: none;'>"
        f"{_REST}</div><button>Share</button><div hidden>{_REST}</div><p>Weiterlesen</p><div hidden>{_REST}</div>"
        "</div></body></html>"
    )
    open_collapsed(tree)
    rest, junk, rest2 = tree.xpath("//div/div")
    assert rest.get("style") == "color: red; " and junk.get("hidden") is not None
    assert rest2.get("hidden") is None


@pytest.mark.parametrize(
    ("box", "hidden"),
    [
        # A review: an author's "Read more" opened the bio, and its first line stayed at the end of the text.
        (f"<div class='about'><p>Jane Doe covers city hall.</p><button>Read more</button><div hidden>{_REST}</div></div>", True),
        (f"<div class='author-box'><button>Read more</button><div hidden>{_REST}</div></div>", True),
        (f"<div class='gallery'><button>Show more</button><div hidden>{_REST}</div></div>", True),
        (f"<aside><button>Read more</button><div hidden>{_REST}</div></aside>", True),
        # A third review: boxes whose class names no author, and one above the article's text
        (f"<div class='writer-info'><p>Jane Doe covers city hall.</p><button>Read more</button><div hidden>{_REST}</div></div>", True),
        (f"<div><p>Jane Doe covers city hall.</p><button>Read more</button><div hidden>{_REST}</div></div>", True),
        (f"<div class='autor-box'><p>Anna Schmidt ist Redakteurin.</p><button>Mehr anzeigen</button><div hidden>{_REST}</div></div>", True),
        # what is no prose: a list of other stories, a few words
        ("<button>Read more</button><ul hidden><li><a href='/a'>First other story of the day here</a></li>"
         "<li><a href='/b'>Second other story of the day here</a></li><li><a href='/c'>Third other story of the"
         " day here</a></li></ul>", True),
        ("<button>Read more</button><div hidden>Photo 2 of 12</div>", True),
        # the article's text, in an element named as such whatever else its class says, or in a wrapper that
        # holds only the button and what it hides
        (f"<button>Read more</button><div class='post hentry category-gallery' hidden>{_REST}</div>", False),
        (f"<div class='more'><button>Continue reading</button><div hidden>{_REST}</div></div>", False),
    ],
)  # fmt: skip
def test_open_collapsed_leaves_what_other_boxes_hide(box: str, hidden: bool) -> None:
    from flows.html_furniture import open_collapsed

    tree = lxml.html.document_fromstring(f"<html><body><article>{_LEAD}{box}</article></body></html>")
    open_collapsed(tree)
    assert (tree.xpath("//*[@hidden]") != []) is hidden


def test_open_collapsed_leaves_a_box_above_the_article() -> None:
    # A third review: an affiliate note's hidden rest, before the article's paragraphs, began the body.
    from flows.html_furniture import open_collapsed

    note = (
        "<div class='affiliate-note'><p>We may earn a commission from links on this page.</p><button>Read more"
        f"</button><div hidden>{_REST}</div></div>"
    )
    for box in (note, f"<button>Read more</button><div hidden>{_REST}</div>"):
        tree = lxml.html.document_fromstring(f"<html><body><article>{box}{_LEAD}</article></body></html>")
        open_collapsed(tree)
        assert tree.xpath("//*[@hidden]") != []
