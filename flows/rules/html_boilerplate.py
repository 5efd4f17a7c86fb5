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
# a review found all four deleted mid-article) is furniture only alone, before a separator or, for "See
# also", before a capital (a headline), as in the text rules.
BOILERPLATE_LINE = re.compile(
    r"^(?:"
    r"(?:read|see|watch|listen)(?: also| more)?\s*[:>»].{0,200}"
    r"|read more|more on this|mehr (?:zum thema|lesen)|lire (?:plus|aussi)|leer más|leggi anche"
    r"|also (?:read|see)(?:\W*$|\s*[:>»›|–—-].{0,200}|\s+(?-i:[A-Z\"“‘'«]).{0,200})"
    # "Also on CNN: ...", "ALSO ON ABC NEWS", not "Also on Oct. 20, the principal confirmed ..." (a shared
    # page's sentence)
    r"|also on (?:(?-i:[A-Z])[\w'’&-]*\s?){1,4}" + _LABEL_END + r".{0,200}"
    # a label in another language before the link it introduces, always with its colon
    r"|(?:veja também|leia também|leia mais|saiba mais|(?:também )?te (?:puede|podría) interesar|"
    r"(?:también )?puede interesarte|lee también|lea también|vea también|ver también|mira también|"
    r"lesen sie auch|weiterlesen|(?:à )?voir aussi|(?:ti )?potrebbe interessar(?:e|ti)|guarda anche|"
    r"читайте также|смотрите также)\s*:.{0,200}"
    r"|related(?: (?:articles?|stories|story|posts?|news|links|coverage|content))?" + _LABEL_END + r".{0,120}"
    r"|you may also like.{0,60}"
    # a table of contents' title (its jump links are all link, dropped as such), with its toggle
    r"|(?:table of contents|contents|in this article|on this page|inhaltsverzeichnis|inhalt|sommaire|"
    r"table des matières|índice|indice|contenidos?|conteúdos?|содержание)\W*"
    r"(?:\[?(?:hide|show|toggle|ausblenden|einblenden|anzeigen|masquer|afficher|ocultar|mostrar)\]?\W*)?"
    r"|recommended(?: (?:for you|reading|stories|articles|videos))?" + _LABEL_END + r".{0,60}"
    # "More from BBC News", not "More from the interview follows below."
    r"|more from (?:the )?(?-i:[A-Z\d])[^.!?]{0,50}"
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
    r"|copyright(?!\s+(?!" + OWNER_LOWER + r"(?!\w))(?-i:[a-z])).{0,120}?" + RIGHTS_RESERVED + r".{0,120}"
    r"|copyright" + COPYRIGHT_OWNER + r"(?:\W(?!.*(?<![\w'’-])(?-i:[a-z]{3,})).{0,150})?"
    r"|\[[a-z_]+ [^\]]*\].*\[/[a-z_]+\]"  # unrendered WordPress shortcodes
    r")$",
    re.I | re.S,
)
