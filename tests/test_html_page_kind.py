"""Pages that are no article are rejected with a reason; articles that look a little like them are not.

The pages are cut-down versions of the templates a review built after common CMS markup (WordPress, Ghost,
Substack, BBC-like promos); before this module, 23 of its 26 non-article pages were loaded as articles.
"""

from __future__ import annotations

import pytest

from flows.errors import RejectInput
from flows.extract_html import extract_html

HEAD = "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{meta}</head>"
NAV = (
    "<header class='site-header'><a class='logo' href='/'>The Daily Ledger</a><nav><ul>"
    "<li><a href='/news/'>News</a></li><li><a href='/politics/'>Politics</a></li>"
    "<li><a href='/sport/'>Sport</a></li></ul></nav></header>"
)
FOOT = "<footer><a href='/about'>About us</a> <a href='/privacy'>Privacy policy</a></footer></body></html>"
STORIES = [
    ("rail-strike", "Rail strike talks collapse as unions reject final offer",
     "Negotiators walked out after twelve hours, leaving commuters facing a week of disruption."),
    ("waiting-lists", "Hospital waiting lists hit new high despite extra funding",
     "Figures published on Tuesday show 7.6 million people are waiting for treatment."),
    ("flood-defences", "Flood defences to be rebuilt after winter storms",
     "The environment agency says the work will take at least three years to complete."),
    ("mayor-resigns", "Mayor resigns over expenses claims after weeks of pressure",
     "The mayor said she had done nothing wrong but did not want to be a distraction."),
    ("airport", "Airport expansion approved by planning inspectors",
     "Campaigners vowed to challenge the decision in the courts, citing climate targets."),
    ("teachers-pay", "Teachers offered five per cent pay rise in bid to end dispute",
     "The offer would be backdated to September, the education secretary told parliament."),
]  # fmt: skip
ARTICLE = "".join(
    f"<p>{p}</p>"
    for p in (
        "The council approved the new tram line to the harbour on Tuesday evening after a debate that "
        "lasted more than four hours and drew a crowd of residents to the public gallery.",
        "Supporters said the line would cut journey times across the city by a third and take thousands "
        "of cars off the road every day, while opponents warned about the cost and the years of works.",
        "Construction is due to start next spring, the mayor said, and the first trams should run before "
        "the end of 2027 if the national government confirms its share of the funding this autumn.",
    )
)


def page(title: str, main: str, meta: str = "", body_class: str = "") -> bytes:
    return (
        HEAD.format(title=title, meta=meta) + f"<body class='{body_class}'>{NAV}<main>{main}</main>{FOOT}"
    ).encode()


def cards(style: str) -> str:
    out = []
    for slug, headline, summary in STORIES:
        href = f"/news/2024/03/12/{slug}"
        if style == "heading-link":  # the headline link inside a heading, the summary beside it
            out.append(
                f"<article class='card'><a href='{href}'><img src='/i.jpg' alt=''></a><div><h3>"
                f"<a href='{href}'>{headline}</a></h3><p>{summary}</p><time>12 March 2024</time></div></article>"
            )
        elif style == "wrapping-link":  # the link wraps the headline and the summary (Ghost)
            out.append(
                f"<article class='post-card'><a href='{href}'><header><h2>{headline}</h2></header>"
                f"<section><p>{summary}</p></section></a><footer>4 min read</footer></article>"
            )
        elif style == "drupal-views":  # the link two wrappers inside its title field (Drupal's Views, review)
            out.append(
                f"<div class='views-row'><div class='views-field views-field-title'><span class='field-content'>"
                f"<a href='{href}'>{headline}</a></span></div><div class='views-field views-field-body'>"
                f"<div class='field-content'><p>{summary}</p></div></div></div>"
            )
        else:  # no heading at all: a title link and a description link (Substack)
            out.append(
                f"<div class='post-preview'><a class='post-preview-title' href='{href}'>{headline}</a>"
                f"<a class='post-preview-description' href='{href}'>{summary}</a>"
                "<div><time>12 March 2024</time> · <a href='/c'>12 comments</a></div></div>"
            )
    return "".join(out)


def reason(data: bytes) -> str | None:
    try:
        extract_html(data)
    except RejectInput as exc:
        return f"{exc.stage}/{exc.reason}"
    return None


@pytest.mark.parametrize("style", ["heading-link", "wrapping-link", "links-only", "drupal-views"])
def test_a_page_of_teasers_is_no_article(style: str) -> None:
    data = page("News | The Daily Ledger", f"<h1>News</h1><div class='grid'>{cards(style)}</div>")
    assert reason(data) == "extract/not_article"  # was loaded: the summaries read like prose


def test_a_list_article_with_its_own_prose_is_an_article() -> None:
    # Its items are cards, but it has more than a section page's description of its own.
    intro = ARTICLE + ARTICLE.replace("tram", "bus")
    data = page(
        "The best stories of the week", f"<h1>The best stories of the week</h1>{intro}{cards('heading-link')}"
    )
    assert reason(data) is None


def test_an_article_declared_as_one_is_not_judged_by_its_teasers() -> None:
    meta = "<meta property='og:type' content='article'>"
    data = page("Tram line approved", f"<h1>Tram line approved</h1>{cards('heading-link')}", meta)
    assert reason(data) is None


@pytest.mark.parametrize(
    ("title", "text", "body_class"),
    [
        ("Page not found | The Daily Ledger", "Sorry, we looked everywhere for it.", ""),
        ("Nothing here", "It looks like nothing was found at this location. Maybe try a search?", "error404"),
        ("Seite nicht gefunden", "Leider ist hier nichts. Versuchen Sie es mit der Suche.", ""),
        (
            "The Daily Ledger",
            "The article you requested has moved to a new address. You will be redirected.",
            "",
        ),
        ("The Daily Ledger", "Sorry, we couldn't find the page you were looking for. Try the home page.", ""),
    ],
)
def test_a_not_found_or_moved_page_is_no_article(title: str, text: str, body_class: str) -> None:
    data = page(
        title, f"<h1>{title}</h1><p>{text} Here are some links to help you find your way.</p>", "", body_class
    )
    assert reason(data) == "extract/not_found"


def test_a_brief_about_something_no_longer_available_is_an_article() -> None:
    text = (
        "The drug is no longer available in pharmacies after the regulator withdrew its licence on Monday, "
        "the health ministry said in a statement, adding that patients should speak to their doctor."
    )
    assert reason(page("Drug withdrawn", f"<h1>Drug withdrawn</h1><p>{text}</p>")) is None


@pytest.mark.parametrize(
    ("meta", "body_class", "title"),
    [
        ("", "archive category category-news", "Local News"),
        ("", "tag-template tag-politics", "Politics"),
        ("", "home blog", "The Daily Ledger"),
        ("<meta property='og:type' content='profile'>", "", "Sarah Collins"),
        ('<script type=\'application/ld+json\'>{"@type": "CollectionPage"}</script>', "", "Politics"),
        ("", "", "Search results for “budget” | The Daily Ledger"),
    ],
)
def test_a_page_that_says_it_lists_is_no_article(meta: str, body_class: str, title: str) -> None:
    data = page(title, f"<h1>{title}</h1>{ARTICLE}", meta, body_class)
    assert reason(data) == "extract/not_article"
    # The same text on a page that declares itself an article, or a WordPress post, is loaded.
    article = '<script type=\'application/ld+json\'>{"@type": "NewsArticle"}</script>'
    assert reason(page(title, f"<h1>{title}</h1>{ARTICLE}", meta + article, body_class)) is None
    assert reason(page(title, f"<h1>{title}</h1>{ARTICLE}", "", "single single-post")) is None


def test_a_video_page_with_a_caption_is_no_article_but_a_video_report_is() -> None:
    meta = "<meta property='og:type' content='video.other'>"
    caption = "<p>Footage shows the crane toppling onto the building site on Tuesday morning in the city centre.</p>"
    assert reason(page("Crane collapse", f"<h1>Crane collapse</h1>{caption}", meta)) == "extract/not_article"
    report = ARTICLE + ARTICLE.replace("tram", "bus") + ARTICLE.replace("tram", "cable car")
    assert reason(page("Crane collapse", f"<h1>Crane collapse</h1>{report}", meta)) is None


def test_walls_are_no_article_but_a_teaser_with_an_offer_is() -> None:
    consent = (
        "<h1>We value your privacy</h1><p>We and our 842 partners store and/or access information on a "
        "device, such as cookies, and process personal data for personalised ads and content.</p>"
        "<p>You can accept all, or manage your preferences, including your right to object where legitimate "
        "interest is used.</p>"
    )
    assert reason(page("Privacy", consent)) == "extract/consent_wall"
    offer = (
        "<h1>Tram line approved</h1><p>This article is for subscribers only. Get unlimited access to our "
        "journalism on any device.</p><p>Just £1 for your first month, then £9.99 a month. Cancel anytime. "
        "Subscribe now</p><p>Already a subscriber? Log in</p>"
    )
    assert reason(page("Tram line approved", offer)) == "extract/wall"
    teaser = f"<h1>Tram line approved</h1>{ARTICLE}<p>Subscribe now for unlimited access. Cancel anytime.</p>"
    assert reason(page("Tram line approved", teaser)) is None


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # A second review's false positives: headlines and briefs that use the notices' words.
        (
            "Body of missing fisherman not found | The Valley Gazette",
            "Divers searched the estuary again today.",
        ),
        ("Page not found: why council websites keep breaking their links", "Links rot faster than expected."),
        ("GCSE results for Norfolk pupils better than expected", "Results rose in every subject this year."),
        ("Search results for MH370 wreckage to be reviewed by new team", "The team will meet in Perth."),
        ("Museum moves", "The local history museum has moved to the old library on the market square."),
        ("Outage", "The bank said its homepage was no longer available for two hours on Monday."),
    ],
)
def test_reporting_in_a_notice_s_words_is_an_article(title: str, text: str) -> None:
    prose = f"<p>{text} {ARTICLE[3:-4]}</p>"
    assert reason(page(title, f"<h1>{title.split(' | ')[0]}</h1>{prose}")) is None


def test_an_article_about_consent_or_subscriptions_quoting_the_buttons_is_an_article() -> None:
    meta = "<meta property='og:type' content='article'>"
    ruling = (
        "<h1>Court bans cookie banners without a reject button</h1><p>The court said a banner that offers "
        "only 'Alle akzeptieren' breaks the law.</p><p>The site had written 'Wir und unsere 812 Partner' "
        "above the button, the judges noted, without saying who the partners were.</p>"
    )
    assert reason(page("Cookie ruling", ruling, meta)) is None  # two phrases quoted in a declared article
    price = (
        "<h1>Streaming service raises prices</h1><p>New customers who create an account will pay more, "
        "though they can still cancel anytime, the company said.</p><p>Unlimited access now costs 12 pounds "
        "a month.</p>"
    )
    assert reason(page("Price rise", price)) is None


def test_list_articles_and_live_blogs_are_no_teaser_pages() -> None:
    # Items that link to a shop (a gift guide), and live entries with permalinks, are no teasers.
    items = "".join(
        f"<div class='pick'><h3><a href='https://shop.example.com/{slug}' rel='sponsored'>{headline}</a></h3>"
        f"<div>{summary}</div></div>"
        for slug, headline, summary in STORIES
    )
    assert reason(page("Gift guide", f"<h1>Gift guide</h1>{items}")) is None
    entries = "".join(
        f"<div class='live-entry'><time>11:0{i}</time><h3><a href='#post-{i}'>#</a>"
        f"<a href='/live/storm?post={i}'>{headline}</a></h3><p>{summary}</p></div>"
        for i, (_slug, headline, summary) in enumerate(STORIES)
    )
    assert reason(page("Storm: live", f"<h1>Storm: live</h1>{entries}")) is None


def test_a_link_too_broken_to_name_a_host_is_no_internal_error() -> None:
    # Two benchmark pages carry "http://[ccpa-preferences]": urlsplit's hostname raised ValueError.
    broken = "<div><a href='http://[ccpa-preferences]'>Do not sell or share my personal information</a></div>"
    assert reason(page("Tram line approved", f"<h1>Tram line approved</h1>{ARTICLE}{broken}")) is None


def test_what_a_third_review_found_rejected() -> None:
    # Paragraphs written as <div>s with a link to an earlier story each are no teaser cards.
    linked = "".join(
        f"<div class='text-block'>Earlier, <a href='/news/{slug}'>{headline}</a>, the paper reported. "
        f"{summary}</div>"
        for slug, headline, summary in STORIES
    )
    assert reason(page("Tram line approved", f"<h1>Tram line approved</h1>{linked}")) is None
    # A WebPage whose mainEntity is the NewsArticle declares an article.
    graph = '<script type="application/ld+json">{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle"}}</script>'
    brief = "<p>The council approved the new tram line on Tuesday evening after a long debate.</p>"
    assert reason(page("Tram", f"<h1>Tram</h1>{brief}{cards('heading-link')}", graph)) is None
    # Headlines that start like a search title or a not-found notice.
    for title in (
        "Search results ‘skewed’ towards Google Shopping, regulator finds",
        "Error 404 – the council website nobody can use",
    ):
        assert reason(page(title, f"<h1>{title}</h1>{ARTICLE}")) is None
    # A spokesperson quoting a shop's notice in a brief.
    quoted = (
        "<p>The toy is no longer available on our website or in stores, a spokesperson said on Monday, "
        "after the recall.</p>"
    )
    assert reason(page("Toy recalled", f"<h1>Toy recalled</h1>{quoted}")) is None


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Page Not Found (404)", "Try the search box or our home page."),
        ("The Daily Ledger", "Sorry, the page you’re looking for isn’t here. Try our home page."),
        ("Hoppla! Seite nicht gefunden", "Versuchen Sie es mit der Suche."),
    ],
)
def test_more_not_found_pages_are_no_article(title: str, text: str) -> None:
    assert (
        reason(page(title, f"<h1>{title}</h1><p>{text} Here are some links to help you.</p>"))
        == "extract/not_found"
    )


def test_a_page_that_names_its_author_is_judged_by_what_it_says_of_itself_only() -> None:
    # A fourth review: bylined briefs beside their own card in a "Latest" rail, a review of a novel called
    # "Page Not Found", a report quoting three banner buttons, all rejected by their text.
    byline = "<meta name='author' content='Jane Doe'>"
    brief = "<p>The council approved the new tram line on Tuesday evening after a long debate.</p>"
    rail = cards("heading-link").replace(
        "Rail strike talks collapse as unions reject final offer", "Tram approved"
    )
    assert reason(page("Tram approved", f"<h1>Tram approved</h1>{brief}{rail}", byline)) is None
    assert (
        reason(
            page(
                "Page Not Found",
                f"<h1>Page Not Found</h1>{ARTICLE}",
                byline,
            )
        )
        is None
    )
    consent = (
        "<p>Sites must offer 'Reject all' beside 'Accept all cookies', and 'Manage preferences' may not hide "
        "it, the regulator said.</p><p>It also objected to 'We value your privacy' banners.</p>"
    )
    assert reason(page("Cookie ruling", f"<h1>Cookie ruling</h1>{consent}", byline)) is None
    # What a page says of itself still decides: WordPress's not-found and category pages.
    assert reason(page("Oops", f"<h1>Oops</h1>{brief}", byline, "error404")) == "extract/not_found"
    assert (
        reason(page("News", f"<h1>News</h1>{ARTICLE}", byline, "archive category")) == "extract/not_article"
    )


def test_what_a_fifth_review_found_in_anonymous_briefs() -> None:
    # An anonymous brief whose own card in a rail repeats its lead under another headline.
    lead = "Negotiators walked out after twelve hours, leaving commuters facing a week of disruption."
    brief = f"<p>{lead}</p><p>Talks are due to resume on Friday, the union said.</p>"
    rail = cards("heading-link").replace(
        "Rail strike talks collapse as unions reject final offer", "Match report: talks fail"
    )
    assert (
        reason(page("Strike talks collapse", f"<h1>Strike talks collapse</h1>{brief}<aside>{rail}</aside>"))
        is None
    )
    # Service news in a wall's or a dialog's words, and reported speech of a notice.
    for text in (
        "<p>Cornwall's libraries have launched a free app for e-books.</p><p>Library members can register for "
        "free using their library card number. Anyone without a card can create a free account online in a "
        "few minutes.</p>",
        "<p>Our new website is live. Visitors can accept all cookies or manage your preferences at the bottom "
        "of each page, the council said.</p>",
        "<p>Residents say they cannot find the page for booking bulky waste collections since the site was "
        "redesigned, and the council has promised a fix.</p>",
    ):
        assert reason(page("Council news", f"<h1>Council news</h1>{text}")) is None, text
    # A WordPress single that wrongly carries CollectionPage JSON-LD.
    ld = '<script type="application/ld+json">{"@type": ["WebPage", "CollectionPage"]}</script>'
    assert reason(page("Tram", f"<h1>Tram</h1>{ARTICLE}", ld, "single single-news")) is None


@pytest.mark.parametrize(
    ("title", "main"),
    [
        # A sixth look at the reviews' pages that still loaded: sign-in pages, walls titled as such, and
        # notices that the page is not available.
        (
            "Sign in | The Daily Ledger",
            "<h1>Sign in</h1><p>Sign in to your Ledger account to read subscriber-only articles and manage "
            "your newsletters.</p><form><label>Email</label><input type='email'><label>Password</label>"
            "<input type='PASSWORD'><p>Sign in</p></form><p>New to the Ledger? <a href='/r'>Join us</a></p>",
        ),
        (
            "Register to continue | The Daily Ledger",
            "<h1>Register</h1><p>Already registered? Log in</p><p>Don’t have an account? Sign up in seconds.</p>",
        ),
        (
            "Article réservé aux abonnés | L’Écho du Port",
            "<h1>Cet article est réservé aux abonnés</h1><p>Abonnez-vous pour accéder à tous nos articles, à "
            "l’édition numérique du journal et aux newsletters.</p><p>Déjà abonné ? Se connecter</p>",
        ),
        (
            "Weiterlesen mit Weser-Bote+ | Weser-Bote",
            "<h1>Weiterlesen mit Weser-Bote+</h1><p>Sie möchten diesen Artikel lesen? Mit Weser-Bote+ erhalten "
            "Sie Zugang zu allen Artikeln.</p><p>Sie sind bereits Abonnent? Hier anmelden</p>",
        ),
    ],
)
def test_a_sign_in_or_subscription_page_is_a_wall(title: str, main: str) -> None:
    assert reason(page(title, main)) == "extract/wall"  # all four were loaded as articles


@pytest.mark.parametrize(
    "title",
    ["Page not available", "This page isn’t available", "Content unavailable", "Error: página no disponible"],
)
def test_a_page_that_says_it_is_not_available_is_not_found(title: str) -> None:
    main = (
        f"<h1>{title}</h1><p>Sorry, the link you followed may be broken, or the page may have been removed. "
        "Here are some of our most-read stories instead.</p>"
    )
    assert reason(page(f"{title} | The Daily Ledger", main)) == "extract/not_found"


def test_a_cookie_dialog_without_its_classes_is_a_consent_wall() -> None:
    # Its buttons as short blocks of text (as a review's page had them; <button> elements are no text).
    dialog = (
        "<div><p>Your privacy</p><p>By clicking “Accept All Cookies”, you agree to the storing of cookies on "
        "your device to enhance site navigation and analyse site usage. <a href='/c'>Cookie Policy</a></p>"
        "<div><p>Cookies Settings</p><p>Reject All</p><p>Accept All Cookies</p></div></div>"
    )
    assert reason(page("The Daily Ledger", dialog)) == "extract/consent_wall"  # was loaded
    french = (
        "<div><p>Vos choix concernant l’utilisation de cookies</p><p>Nous et nos partenaires stockons des "
        "informations sur un appareil, tels que des identifiants uniques dans les cookies.</p>"
        "<p>Accepter &amp; Fermer</p><p>Continuer sans accepter</p><p>Paramétrer</p></div>"
    )
    assert reason(page("L’Écho du Port", french)) == "extract/consent_wall"


def test_briefs_beside_a_login_form_or_about_cookies_or_sign_ins_are_articles() -> None:
    login = "<header><form class='login'><input name='u'><input type='password' name='p'></form></header>"
    brief = (
        "<p>Residents can now sign in to the council's new portal to report potholes and book bulky waste "
        "collections, the council said on Monday.</p><p>The old forms will close at the end of the month.</p>"
    )
    title = "How to sign in to the new council portal"
    assert reason(page(title, f"{login}<h1>{title}</h1>{brief}")) is None
    cookies = (
        "<p>Websites must let visitors reject cookies as easily as they accept them, the regulator said on "
        "Tuesday.</p><p>Banners that hide the reject button behind settings will be fined, it added.</p>"
    )
    assert reason(page("Cookie banners", f"<h1>Cookie banners</h1>{cookies}")) is None
    unavailable = (
        "<p>The bank's app was unavailable for six hours on Monday, leaving customers unable to pay, the bank "
        "said, blaming a software update.</p>"
    )
    assert (
        reason(page("App unavailable for hours", f"<h1>App unavailable for hours</h1>{unavailable}")) is None
    )


@pytest.mark.parametrize(
    ("title", "main"),
    [
        # A second review of the sign-in, not-available and cookie-button rules: briefs they rejected.
        ("Service unavailable", "<h1>Service unavailable</h1><p>Customers of the bank could not log in or pay by card for three hours on Monday after a software update failed, the bank said.</p>"),
        ("Page not available", "<h1>'Page not available'</h1><p>Residents trying to renew parking permits have been met with the message 'Page not available' since the council moved its website, with no date for a fix.</p>"),
        ("Not Found - review | Film | Daily Ledger", "<h1>Not Found</h1><p>The director's second feature follows a detective who cannot find anything, least of all the plot, in a city that looks like every other city in the genre.</p>"),
        ("Log on", "<h1>Log on</h1><p>The library's new computers let members log on with their card number, and classes for beginners start next week, the council said. Places can be booked online.</p>"),
        ("Marriage notice", "<div class='login-overlay'><h1>Log in</h1></div><h1>Register</h1><p>Smith and Jones were married at the registry office on Saturday and registered their union in the presence of both families and friends.</p>"),
        ("Cookie rules", "<h1>Cookie banners must offer a clear choice</h1><p>Websites must let visitors refuse cookies as easily as they accept them, the regulator said.</p><p>Accept all</p><p>Reject all</p><p>Sites that hide the second button will be fined, it added.</p>"),
        ("Biscuits", "<h1>Oat cookies</h1><p>Mix the oats, butter and sugar, and bake the cookies for twelve minutes.</p><p>Allow to cool slightly.</p><p>Allow the dough to rest.</p>"),
    ],
)  # fmt: skip
def test_briefs_with_a_notice_s_or_a_dialog_s_words_in_the_headline_are_articles(
    title: str, main: str
) -> None:
    assert reason(page(title, main)) is None


def test_what_a_review_of_this_session_s_rules_found_rejected() -> None:
    brief = (
        "<p>Residents can register births at the town hall again from Monday, the council said on Friday.</p>"
    )
    header_login = "<header><form class='login'><input name='u'><input type='password'></form></header>"
    assert reason(page("Register | The Daily Ledger", f"{header_login}<h1>Register</h1>{brief}")) is None
    outage = (
        "<p>Customers could not log in for most of Tuesday after a fault at its data centre. Users were "
        "told to try again later.</p><p>'We apologise for any inconvenience,' a spokesperson said.</p>"
    )
    assert reason(page("Service unavailable", f"<h1>Service unavailable</h1>{outage}")) is None
    player = "<h1>Content unavailable</h1><p>Sorry, this video is not available in your region.</p>"
    story = (
        "<h1>Storm damage in Sheerness</h1><p>Roofs were torn off three houses in the storm overnight.</p>"
    )
    assert reason(page("Storm damage in Sheerness", player + story)) is None
    bad_cms = (
        "<h1 class='site-title'>The Daily Ledger</h1><h2 class='entry-title'>Oat cookies</h2><p>Bake the "
        "cookies for twelve minutes at 180C, then take them out.</p><p>Allow cookies to cool</p>"
        "<p>Allow dough to rest</p>"
    )
    assert reason(page("The Daily Ledger", bad_cms)) is None


@pytest.mark.parametrize(
    "headline",
    [
        # Soft 404s a review loaded as 20-90-word articles: the notice is the headline, the body a few
        # words and a rail of top stories.
        "Sorry, the page you requested could not be found.",
        "Oops! That page can’t be found.",
        "We can’t find the page you’re looking for.",
        "This page doesn’t exist",
    ],
)
def test_a_not_found_notice_as_the_headline_above_a_rail(headline: str) -> None:
    rail = "".join(
        f"<p>{' '.join(['Top', 'story', 'summary', 'sentence', 'here'] * 3)} {i}.</p>" for i in range(4)
    )
    main = f"<h1>{headline}</h1><p>It may have been moved or deleted. Try searching our site.</p>{rail}"
    assert reason(page("The Oregon Ledger", main)) == "extract/not_found"
