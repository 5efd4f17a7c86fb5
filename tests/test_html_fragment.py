"""flows.html_fragment: markup in a plain-text field becomes paragraphs of its visible text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from flows.html_fragment import fragment_text, looks_like_html


def test_tags_entities_and_scripts_are_not_text() -> None:
    markup = (
        "<p>The mayor said <b>on Monday</b> that the bridge would reopen.</p>"
        "<p>Residents &amp; businesses welcomed it.<br>More later.</p><script>alert(1)</script>"
    )
    assert looks_like_html(markup)
    assert fragment_text(markup) == (
        "The mayor said on Monday that the bridge would reopen.\n\nResidents & businesses welcomed it.\nMore later."
    )


def test_nested_blocks_are_paragraphs() -> None:
    assert fragment_text("<div>One<div>Two</div>Three</div>") == "One\n\nTwo\n\nThree"


def test_plain_text_with_angle_brackets_is_not_markup() -> None:
    assert not looks_like_html("AT&T said x < y and a > b; <3 to all")
    assert not looks_like_html("The <Guardian> reported it")


@given(st.text(max_size=300))
def test_any_text_gives_text(text: str) -> None:
    assert isinstance(fragment_text(text), str)


def test_control_characters_and_table_cells() -> None:
    # Was: ValueError from lxml ("All strings must be XML compatible"), an internal_error reject.
    assert fragment_text("<p>a</p><script></script>\f") == "a"
    assert fragment_text("<table><tr><td>Apple</td><td>Banana</td></tr></table>") == "Apple\n\nBanana"


def test_deep_markup_and_comments_keep_their_text() -> None:
    # Was: libxml2's default depth limit dropped everything after 256 nested elements, silently.
    deep = "<p>alpha</p>" + "<div>" * 300 + "<p>beta</p>"
    assert fragment_text(deep) == "alpha\n\nbeta"
    assert fragment_text("<p>said <!-- note --> more</p>") == "said more"


def test_a_less_than_sign_in_the_text_is_text() -> None:
    markup = "<p>The index x<y stayed flat, traders said. The <b> tag is bold.</p><p>a<-b <o:p></o:p></p>"
    # Was: "The index x tag is bold.": "<y stayed ... The <b>" read as one tag.
    assert fragment_text(markup) == "The index x<y stayed flat, traders said. The tag is bold.\n\na<-b"
    assert fragment_text("<p>A <amp-img src=x></amp-img>caption</p><!-- c --><?php ?>") == "A caption"
    # Tags lxml's list lacks are tags too (a first version left "<picture></picture>" in the text).
    picture = "<p>One.</p><picture><source srcset='a.webp'><img src='a.jpg'></picture><p>Two.</p>"
    assert fragment_text(picture) == "One.\n\nTwo."
    assert fragment_text("<p>One <nobr>two</nobr> <slot>three</slot>.</p>") == "One two three."
