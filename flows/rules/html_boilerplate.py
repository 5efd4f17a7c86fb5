"""Rules (data only) for telling article text from page furniture; applied in html_body.py."""

from __future__ import annotations

import re

from .text_rules import COPYRIGHT_OWNER, OWNER_LOWER, RIGHTS_RESERVED

# Elements that never hold article text: their whole subtree is skipped by our own candidate.
SKIP_TAGS = frozenset(
    {
        "nav",
        "footer",
        "aside",
        "form",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "button",
        "select",
        "textarea",
        "iframe",
        "figcaption",
        "figure",
        "header",
        "menu",
        "dialog",
    }
)
# Class/id fragments (lower-case, substring match) of containers that hold furniture, not the story.
# Each is the common name CMS themes give to: navigation, share bars, related links, comments, ads,
# newsletter and cookie boxes, captions, author bios, affiliate and legal disclaimers, and footers.
# Not "widget": blog engines wrap the post itself in one.
BOILERPLATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|share|sharing|social|related|recommend\w*|"
    r"comments?|disqus|respond|sidebar|advert\w*|ads?|ad-\w+|sponsor\w*|promo\w*|newsletter|"
    r"signup|subscribe|subscription|cookie\w*|consent|gdpr|banner|caption|credit|footer|copyright|"
    r"author-bio|bio|byline|disclaimer|disclosure|tags?|tag-list|most-popular|popular|trending|read-more|"
    r"more-stories|outbrain|taboola|"
    # a "Latest" rail of other stories (review): the class alone or with what it lists, not "latest-update"
    r"latest(?=\s|$)|latest-(?:news|stories|articles|posts|headlines)|"
    # a pull quote repeats a sentence of the text; a donation box or another call to action is no text
    r"pull-?quote|donat\w*|cta|"
    r"modal|popup|toolbar|pagination|pager|visually-hidden|sr-only)(?:$|[\s_-])"
)
# The button that opens the rest of a collapsed article ("Continue reading", "Read full story", "Lire la
# suite"): the hidden element right after it is the article's text, shown when the reader asks for it.
EXPANDER_LABEL = re.compile(
    r"\W*(?:continue reading|keep reading|read (?:the )?(?:full|whole|rest of the) (?:story|article)|"
    r"read more|show (?:more|full (?:story|article))|(?:artikel )?weiterlesen|mehr (?:lesen|anzeigen)|"
    r"lire la suite|(?:continuer|poursuivre) la lecture|seguir leyendo|leer más|continuar lendo|ler mais|"
    r"continua (?:a leggere|la lettura)|leggi (?:tutto|di più)|читать далее)\W*",
    re.I,
)
# Class or id words of a box whose collapsed rest is its own, not the article's: an author's box ("about",
# "author-bio", "profile"), a gallery or slideshow (its other slides), a consent or cookie box. A "Read
# more" in an author's box opened the bio, and its first line was left at the end of the text (review).
EXPANDER_NOT_TEXT = re.compile(
    r"(?:^|[\s_-])(?:about|authors?|profile|bio\w*|contributors?|gallery|slideshow|slider|carousel|lightbox|"
    r"consent|cookie\w*|gdpr|modal|popup|comments?)(?:$|[\s_-])"
)
# Furniture classes that may sit on a <p> itself (other furniture paragraphs are left to trafilatura and
# the text rules: sites class their article paragraphs "caption", "bio" or "credit" too).
# Not "disclaimer": "The views expressed ... do not necessarily reflect ..." is the article's own line in the
# article-bodies benchmark.
PARAGRAPH_FURNITURE = re.compile(r"(?:^|[\s_-])(?:disclosure|donat\w*|cta)(?:$|[\s_-])")
# Class or id tokens (whole tokens, not fragments) that mark the article itself. An element carrying one
# is never furniture even when another token matches above: blog engines give the post element its
# categories and tags as classes ("post hentry category-popular tag-sports").
ARTICLE_TOKENS = frozenset(
    {
        "post",
        "hentry",
        "article",
        "entry",
        "story",
        "main",
        "content",
        "entry-content",
        "post-content",
        "post-body",
        "article-body",
        "article-content",
        "story-body",
        "story-content",
        "main-content",
        "blog-post",
        "single-post",
        "articlebody",
    }
)
# Substrings that make a furniture match doubtful, as in readability: "modal-body", "field--name-body",
# "main-column" name a region that holds content, whatever else the class says.
MAYBE_CONTENT = re.compile(r"body|main|column")
# Class tokens that are layout switches, not names of a region: "no-sidebar", "has-comments".
MODIFIER_PREFIXES = ("no-", "has-", "with-", "without-", "is-", "show-", "hide-")
# Class tokens of a post quoted in the article ("social-media-embed" around a tweet): "social" names the
# source of the quote, not a share bar.
EMBEDDED_POST = re.compile(r"^social[-_](?:media[-_])?(?:embed|post)(?:$|[-_])")
# What stands between a label and the link or headline it introduces ("Related: ...", "SEE ALSO » ...").
_LABEL_END = r"(?:\W*$|\s*[:>»›|–—-])"
# A word written in lower case, and three of them among the words that follow: a sentence's verb and what
# it governs ("... charges against two of her former aides were dropped"); a label has few or none.
_LOWER_WORD = r"\s+(?-i:[a-zß-öø-ÿ])\S*"
_THREE_LOWER = r"(?:(?:\s+\S+)*?" + _LOWER_WORD + r"){3}"
# What follows a label's word when it is no sentence ("Related Video", "More from around the web", "Also
# on WRAL.com"): a sentence ends with its full stop (or ! ?) and has three words in lower case. After a
# test of the line's length (the words are counted by trying them).
_NO_SENTENCE = r"(?!(?=.*[.!?][\"'”’»)\]]*$)" + _THREE_LOWER + r")"
# A copyright notice's own words in lower case ("reserved", "notice", "belongs to", "distributed by"), not
# the particles of an owner's name ("of", "plc", "dpa"): a sentence about copyright has three or more.
_NOT_OWNER = r"(?!" + OWNER_LOWER + r"(?![\w'’&\-]))"
_THREE_LOWER_NOT_OWNER = r"(?:(?:\s+\S+)*?\s+" + _NOT_OWNER + r"(?-i:[a-zß-öø-ÿ])\S*){3}"
# After "copyright", a rights-reserved notice's first word: not one in lower case ("Copyright holders
# said ..."), unless an owner's particle or "by" ("Copyright by Springfield Gazette - All rights reserved").
_NOTICE_START = r"(?!\s+(?!(?:" + OWNER_LOWER + r"|by)(?!\w))(?-i:[a-z]))"
# Where the owner's sentence ends, before another notice: a full stop or a dash after a word of four
# letters or more or an acronym, not after an abbreviation ("Copyright Office Dir. Jane Doe said ...").
_OWNER_END = r"(?:(?<=[\w'’&-]{4})|(?<=(?-i:[A-Z]{2})))(?:\.|\s[|–—-])\s"
# Labels of a link to another story in the text ("Veja também: <link>", "Te puede interesar: <link>",
# ABC News' "MORE: <link>"), with their separator. "More" and the others that also start sentences are
# read as such a label only when a link's text is all that follows (``html_body._clean_pass``): "More:
# the council said ..." is prose.
RELATED_LABEL = re.compile(
    r"^\W*(?:more|related(?: (?:articles?|stories|story|posts?|news|links|coverage|content))?|"
    r"(?:read|see)(?: also| more)?|also (?:read|see|on \w+(?: \w+){0,2})|watch|listen|recommended|"
    r"don'?t miss|previously|"
    r"veja também|leia também|leia mais|saiba mais|(?:também )?(?:pode|poderá) (?:te )?interessar|"
    r"(?:también )?te (?:puede|podría) interesar|(?:también )?puede interesarte|lee también|lea también|"
    r"vea también|ver también|mira también|lesen sie auch|auch interessant|mehr zum thema|weiterlesen|"
    r"(?:à )?lire aussi|(?:à )?voir aussi|leggi anche|(?:ti )?potrebbe interessar(?:e|ti)|guarda anche|"
    r"читайте также|смотрите также)\s*[:>»›|–—-]\s*",
    re.I,
)
# Whole paragraphs that are calls to action or furniture in any article (English and a few other
# languages). Matched case-insensitively against the full paragraph text, so they only remove a
# paragraph that is nothing but this. A label that also starts sentences ("Also on Tuesday, the Senate
# ...", "Related charges were dropped.", "Copyright disputes will ...", "Recommended rates will ...":
# a review found all four deleted mid-article) is furniture only alone, before a separator, before no
# sentence (a full stop and three lower-case words: "Related Video", "More from our partners", a second
# review) or, for "See also", before a capital (a headline), as in the text rules.
BOILERPLATE_LINE = re.compile(
    r"^(?:"
    r"(?:read|see|watch|listen)(?: also| more)?\s*[:>»].{0,200}"
    r"|read more|more on this|mehr (?:zum thema|lesen)|lire (?:plus|aussi)|leer más|leggi anche"
    r"|also (?:read|see)(?:\W*$|\s*[:>»›|–—-].{0,200}|\s+(?-i:[A-Z\"“‘'«]).{0,200})"
    # "Also on CNN: ...", "ALSO ON ABC NEWS", not "Also on Oct. 20, the principal confirmed ..." (a shared
    # page's sentence)
    r"|also on (?:(?-i:[A-Z])[\w'’&-]*\s?){1,4}" + _LABEL_END + r".{0,200}"
    # "Also on WRAL.com": no sentence after the label (a second review)
    r"|also on\b(?=.{0,200}$)" + _NO_SENTENCE + r".*"
    # a label in another language before the link it introduces, always with its colon
    r"|(?:veja também|leia também|leia mais|saiba mais|(?:também )?te (?:puede|podría) interesar|"
    r"(?:también )?puede interesarte|lee también|lea también|vea también|ver también|mira también|"
    r"lesen sie auch|weiterlesen|(?:à )?voir aussi|(?:ti )?potrebbe interessar(?:e|ti)|guarda anche|"
    r"читайте также|смотрите также)\s*:.{0,200}"
    r"|related(?: (?:articles?|stories|story|posts?|news|links|coverage|content))?" + _LABEL_END + r".{0,120}"
    r"|related\b(?=.{0,120}$)" + _NO_SENTENCE + r".*"  # "Related Video", "Related Topics"
    r"|you may also like.{0,60}"
    # a table of contents' title (its jump links are all link, dropped as such), with its toggle
    r"|(?:table of contents|contents|in this article|on this page|inhaltsverzeichnis|inhalt|sommaire|"
    r"table des matières|índice|indice|contenidos?|conteúdos?|содержание)\W*"
    r"(?:\[?(?:hide|show|toggle|ausblenden|einblenden|anzeigen|masquer|afficher|ocultar|mostrar)\]?\W*)?"
    r"|recommended(?: (?:for you|reading|stories|articles|videos))?" + _LABEL_END + r".{0,60}"
    r"|recommended\b(?=.{0,60}$)" + _NO_SENTENCE + r".*"  # "Recommended Video"
    # "More from BBC News", "More from around the web", not "More from the interview follows below."
    r"|more from\b(?=.{0,60}$)" + _NO_SENTENCE + r".*"
    r"|(?:like|enjoy(?:ed)?) this (?:story|article)\?.{0,100}"
    r"|share (?:this|on|via)\b.{0,80}|follow us on .{0,80}|sign up (?:for|to) .{0,150}"
    r"|(?:get|subscribe to) (?:our|the latest) .{0,120}(?:newsletter|inbox|updates).{0,60}"
    r"|thanks? (?:you )?for (?:signing up|subscribing|reading)[.!]?.{0,80}"
    r"|there was an error processing your (?:subscription|request)\.?.{0,40}"
    r"|keep an eye on your inbox.{0,80}"
    r"|(?:we use|this (?:site|website) uses|wir verwenden|(?:diese|unsere) (?:website|webseite|seite)"
    r" (?:verwendet|nutzt)) cookies.{0,500}"
    r"|tried this recipe\?.{0,200}"  # the recipe card's call to tag or rate it
    r"|this (?:document|article|content|material) is (?:subject to|protected by) copyright.{0,300}"
    r"|suggested citation\b.{0,300}"
    r"|(?:this (?:article|story|reporting|journalism) is|dieser artikel wird) (?:funded|made possible"
    r"|supported|finanziert|von spenden|durch spenden)\b.{0,300}"
    r"|advertisement|anzeige|publicité|werbung|sponsored(?: content)?|skip (?:to )?(?:ad|advert)\w*"
    r"|click here to .{0,120}|tell us what you think.{0,40}|have a (?:news )?tip\?.{0,200}"
    # a pager: "Page 1 of 2 Next »", not "Page 4 of 120: the summary of failings" (review)
    r"|(?:page|seite|página|pagina) \d+ (?:of|/|von|de|di) \d+(?:\W*(?:next|previous|prev|weiter|zurück|"
    r"suivant|précédent|siguiente|anterior|successiva|precedente|\d+))*\W*"
    # "© Reuters", "Copyright 2019 ...", "Copyright ⓒ Entermedia.co.kr. ...", a rights-reserved line, an owner
    # alone ("Copyright AFP", "copyright Inexhibit 2019 - ISSN: 2283-5474"); not a sentence ("Copyright
    # disputes will ...", "Copyright Office officials said ...": words in lower case after the owner)
    r"|©\s.{0,200}|all rights reserved\.?.{0,100}"
    r"|copyright\s*(?:\d{4}|©|ⓒ|\(c\)|:).{0,200}"
    r"|copyright" + _NOTICE_START + r".{0,120}?" + RIGHTS_RESERVED + r".{0,120}"
    r"|copyright" + COPYRIGHT_OWNER + r"(?:\W(?!.*(?<![\w'’-])(?-i:[a-z]{3,})).{0,150})?"
    # the owner's sentence ended, another notice after it ("Copyright Springfield Gazette. Not for
    # republication without permission."; not "Copyright Office Dir. Jane Doe said ...")
    r"|copyright(?=\s)" + COPYRIGHT_OWNER + _OWNER_END + r".{0,150}"
    # a notice with two words in lower case or fewer ("Copyright reserved.", "Copyright belongs to ...",
    # "Copyright Springfield Gazette 2024, distributed by Tribune Content Agency, LLC.", a second review);
    # "copyright" a word of its own, as before this rule: not "Copyright-infringement lawsuits ...",
    # "Copyright’s reach ...", "Copyright, trademark and patent filings ..." (a third review)
    r"|copyright(?=\s|$)(?=.{0,150}$)(?!" + _THREE_LOWER_NOT_OWNER + r").*"
    # a notice that says whose the text is or what may not be done with it, however many words it takes
    # ("Copyright Notice: This article may not be reproduced ...", "Copyright belongs to the original
    # author ...", "Copyright of this story solely belongs to ...", "Copyright protected. Reproduction ...",
    # a third review); not "Copyright protection lasts ..." or "Copyright owners sued ..."
    r"|copyright\s+(?:notice\b|protected\b|belongs?\s|(?:is\s+)?owned\s+by\b|"
    r"(?:of|for)\s+(?:this|the|syndicated|all)\s+(?:\w+\s+){0,2}?(?:story|article|content|material|"
    r"text|photos?|images?|pictures?)\b).{0,250}"
    r"|\[[a-z_]+ [^\]]*\].*\[/[a-z_]+\]"  # unrendered WordPress shortcodes
    r")$",
    re.I | re.S,
)
