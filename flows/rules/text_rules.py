"""Rules for raw text articles, as data. The code that applies them is in ``flows/extract_text.py``
and ``flows/clean.py``; each rule says which real-world habit it exists for.
"""

from __future__ import annotations

import re

from flows.dates_patterns import alt
from flows.rules.dates_formats import PUBLISH_WORDS, UPDATE_WORDS
from flows.rules.dates_names import MONTHS as _DATE_NAMES
from flows.rules.html_metadata import I_JOINER

# Header keys scrapers write above the article, mapped to the field they fill. Keys are matched
# case-insensitively, with a colon, a tab, or (seed style, ``" date 2022-10-12 ..."``) a space.
HEADER_KEYS: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "source": "source",
    "publisher": "source",
    "site": "source",
    "author": "authors",
    "authors": "authors",
    "byline": "authors",
    "date": "published",
    "published": "published",
    "published on": "published",
    "published at": "published",
    "published_at": "published",
    "date published": "published",
    "publish date": "published",
    "pubdate": "published",
    "publication date": "published",
    "posted": "published",
    "posted on": "published",
    "datum": "published",  # de, nl, sv
    "fecha": "published",  # es
    "дата": "published",  # ru
    "updated": "modified",
    "updated on": "modified",
    "updated at": "modified",
    "last updated": "modified",
    "modified": "modified",
    "last modified": "modified",
    "language": "language",
    "lang": "language",
    "section": "section",
    "category": "section",
    "tags": "tags",
    "keywords": "tags",
    "description": "description",
    "summary": "description",
    # The same keys in the languages scrapers of other news write them (a review found a first key in
    # Russian, Arabic, Hebrew or Azerbaijani turning the whole header into body text, its date lost).
    # Value checks still hold outside a header block: a date needs a digit, a language at most two words.
    "titel": "title",  # de, nl, sv
    "titre": "title",
    "título": "title",
    "titolo": "title",
    "заголовок": "title",  # ru, uk
    "başlıq": "title",  # az
    "başlık": "title",  # tr
    "العنوان": "title",
    "عنوان": "title",  # fa
    "כותרת": "title",
    "autor": "authors",  # de, es, pt, pl, cs
    "auteur": "authors",
    "autore": "authors",
    "автор": "authors",
    "авторы": "authors",
    "müəllif": "authors",
    "yazar": "authors",
    "الكاتب": "authors",
    "الكاتبة": "authors",
    "نویسنده": "authors",
    "כותב": "authors",
    "quelle": "source",
    "fuente": "source",
    "fonte": "source",
    "источник": "source",
    "джерело": "source",
    "mənbə": "source",
    "kaynak": "source",
    "المصدر": "source",
    "منبع": "source",
    "מקור": "source",
    "ссылка": "url",
    "الرابط": "url",
    "date de publication": "published",
    # Italian and Portuguese "Data:" (a review found it unknown, the date lost): with its colon or a tab
    # only (STRICT_ONLY_KEYS), as "Data 2021: what the census tells us" is an English headline.
    "data": "published",
    "data de publicação": "published",
    "data di pubblicazione": "published",
    "fecha de publicación": "published",
    "tarix": "published",  # az
    "tarih": "published",  # tr
    "التاريخ": "published",
    "تاریخ": "published",
    "תאריך": "published",
    "sprache": "language",
    "langue": "language",
    "idioma": "language",
    "lingua": "language",
    "язык": "language",
    "мова": "language",
    "dil": "language",  # az, tr
    "اللغة": "language",
    "زبان": "language",
    "שפה": "language",
    "rubrik": "section",
    "rubrique": "section",
    "рубрика": "section",
    "القسم": "section",
}
# Marks an editor of right-to-left text puts at a line's start (LRM, RLM, ALM, embeddings, isolates): a
# "‏Title:" line with one was no header line (review).
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# A ``Key: value`` line whose key is no key we know ("Рубрика: Город", "Kategorie: Politik"): one to three
# words of letters before the colon, a short value that is no sentence. Inside a header block with two
# known keys or more it is set aside, not body; a lead paragraph that opens with its place ("New Delhi:
# The government on Tuesday passed ...") is no such line (a review found it deleted). Its value may be
# a link ("Image: https://img.example.it/a.jpg"), hold a full stop inside a word ("Credit: Reuters/J.Doe",
# "Views: 1.2k"), or be empty ("Author:", a scraper's field it found nothing for): such lines broke the
# header, its date and URL lost (review).
UNKNOWN_HEADER_LINE = re.compile(
    r"^\s*[^\W\d_]+(?:[ '-][^\W\d_]+){0,2}\s*:\s*"
    r"(?:(?:https?://|www\.)\S+|\S(?:(?:[^.!?]|[.!?](?=\S)){0,58}\S)?)?\s*$",
    re.I,
)

# Keys read only with a colon or a tab after them: with a space they start English prose.
STRICT_ONLY_KEYS = frozenset({"data"})
# As a trie: 90 keys tried one by one made the header 26 % slower to read than with the 48 English ones.
_KEY_ALTERNATION = alt(HEADER_KEYS)
_LOOSE_KEY_ALTERNATION = alt(k for k in HEADER_KEYS if k not in STRICT_ONLY_KEYS)
# ``key: value`` / ``key<TAB>value`` anywhere in the header block.
HEADER_STRICT = re.compile(rf"^\s*(?P<key>{_KEY_ALTERNATION})\s*(?::|\t)\s*(?P<value>\S.*?)\s*$", re.I)
# ``key value`` with only a space: accepted only where the whole block is header-shaped or the line is
# indented like the seed's, because prose can start with "Source ..." or "Title ...".
HEADER_LOOSE = re.compile(rf"^\s*(?P<key>{_LOOSE_KEY_ALTERNATION})\s+(?P<value>\S.*?)\s*$", re.I)

# Front matter between "---" lines, as trafilatura writes its text output with metadata: its keys beyond
# HEADER_KEYS, mapped to the field they fill ("hostname" is the source without a "sitename").
FRONT_MATTER_KEYS: dict[str, str] = {
    "sitename": "source",
    "hostname": "hostname",
    "categories": "section",
    "filedate": "",  # the file's date, not the article's
}
FRONT_MATTER_MAX_LINES = 40
# A header value that tools write for nothing ("Publish Date: None", newspaper3k's fields printed as they
# are): no value, as in JSON input.
NO_VALUE = frozenset({"none", "null", "nan", "n/a"})
# A date's label on a line of its own at the text's top ("Published 5 March 2024, 14:30 GMT", "Updated:
# March 6, 2024", "Posted 3 hours ago", "Aktualisiert am 06.03.2024", "Mis à jour le ..."), the words
# the date parser reads as labels: an update's is the modification date. Such lines were dropped as
# furniture, the date lost without an error (review).
DATE_LABEL = re.compile(
    r"(?<![^\W\d_])(?:(?:last|first|originally)\s+)?"
    rf"(?:(?P<update>{UPDATE_WORDS})|(?P<publish>{PUBLISH_WORDS}))(?![^\W\d_])",
    re.I,
)
# What stands between such a label and its date: a colon or a dash, "on", "am", "le", "el", "em", "il".
DATE_LABEL_JOINER = re.compile(
    r"^\s*[:\-–—]?\s*(?:(?:on|at|am|um|le|il|el|em|den|op|à|às|a las|alle)\s+)?[:\-–—]?\s*", re.I
)

# Bylines: "By A", "By A and B", "Written by A", "Author: A", "A | Reporter", "A, Staff Writer".
BYLINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # Reuters' credit, at the top or (in brackets) the bottom: the reporters are the authors, not the
    # editors ("Reporting by Jane Doe; Editing by John Roe").
    re.compile(
        r"^\(?(?:additional\s+)?reporting\s+by\s+(?P<names>[^;()]+?)\s*"
        r"(?:[;,]\s*(?:additional\s+reporting|editing|writing|compiled|graphics)\b[^()]*)?\)?$",
        re.I,
    ),
    # "By", and its German, French, Spanish/Portuguese, Dutch and Nordic words (never "par ailleurs":
    # the names must look like names).
    re.compile(
        r"^(?:written\s+|reported\s+|story\s+|text\s+|words\s+)?(?:by|von|par|por|door|av|af|بقلم|מאת)[:\s]\s*"
        r"(?P<names>.+?)$",
        re.I,
    ),
    re.compile(
        # ... and Arabic, Persian, Hebrew and Hindi ("الكاتب:", "نویسنده:", "כתב:", "लेखक:"; a review found
        # them kept as the body's first line)
        r"^(?:author|authors|byline|autor|autorin|autoren|auteur|autore|автор|авторы|yazar|müəllif|"
        r"الكاتب|الكاتبة|كتب|كتبت|نویسنده|خبرنگار|כתב|כתבת|כותב|लेखक|संवाददाता)\s*[:|]\s*"
        r"(?P<names>.+?)$",
        re.I,
    ),
    re.compile(
        r"^(?P<names>[^|,]+?)\s*[|,–—-]\s*(?:senior\s+|staff\s+|chief\s+|special\s+)?"
        r"(?:reporter|correspondent|writer|editor|journalist|contributor|columnist)\b.*$",
        re.I,
    ),
)
# Separators between several names in one byline.
# The joiners of other languages in lower case only: "Kim Y. Lee", "И. Петров", "Jane ET Doe" hold initials.
# "i" only before a first name and a surname (I_JOINER): "Josep Puig i Cadafalch" is one person.
NAME_SPLIT = re.compile(
    r"\s*(?:,\s*and\s+|\band\s+|&|,|;|(?-i:\bund\b|\bet\b|\by\b|\bи\b|" + I_JOINER + r"))\s*", re.I
)
# Portuguese and Italian "e" before a first name and a surname: "João Silva e Maria Santos" names two
# people, which a text byline does not split ("José de Andrada e Silva Filho" is one person, and header
# and JSON names stay whole, review), so such a byline names no one, as before; "Maria da Silva e Souza"
# is one name.
E_JOINER = re.compile(I_JOINER.replace(r"(?<!\S)i", r"(?<!\S)e", 1))
# What follows a name after a comma without being one: "Martin Luther King, Jr.", "John Roe, III".
NAME_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv)\.?$", re.I)
# Trailing role or affiliation after a name: "Jane Doe, Reuters", "John Roe (AP)".
NAME_TRAILER = re.compile(r"\s*(?:\(.*?\)|\bfor\b.*|\bin\b\s+[A-Z].*)$")
# A byline is short; longer lines that start with "By" are prose ("By the end of the year ...").
MAX_BYLINE_WORDS = 14
# Words that are never part of a person's name in a byline.
NOT_A_PERSON = frozenset(
    {
        "staff",
        "staff writer",
        "reporter",
        "editor",
        "editors",
        "agencies",
        "newsroom",
        "admin",
        "news desk",
        "the associated press",
        "associated press",
        "reuters",
        "afp",
        "ap",
        "web desk",
        "correspondent",
    }
)

# "All rights reserved" in the languages of the sources (and the agencies' "This material may not be
# published ..."), after a copyright's sign or word.
RIGHTS_RESERVED = (
    r"\b(?:(?:all\s+)?rights\s+reserved|tous\s+droits\s+r[ée]serv[ée]s|alle\s+rechte\s+vorbehalten|"
    r"todos\s+(?:los|os)\s+(?:derechos|direitos)\s+reservados|tutti\s+i\s+diritti\s+riservati|"
    r"все\s+права\s+защищены|wszelkie\s+prawa\s+zastrzeżone|"
    r"this\s+material\s+may\s+not\s+be\s+(?:published|reproduced|redistributed))\b"
)
# A copyright's owner, named alone after "(c)" or "Copyright" ("(c) AFP", "Copyright The Associated
# Press.", "Copyright Fox News Network, LLC"): up to six words, each written with a capital, a year, an
# agency's name in lower case ("(c) dpa") or a particle ("of", "de", "plc"). A sentence has a word in lower
# case that is none of these within its first words ("Copyright Office officials said ...").
OWNER_LOWER = (
    r"(?:the|of|and|de|du|des|la|le|les|del|della|der|die|das|und|et|y|e|di|da|do|dos|van|von|"
    r"plc|gmbh|inc|ltd|llc|sa|ag|srl|spa|bv|dpa|afp|ap|apa|epa|efe|ansa|sda|ats|kna|epd|sid|dts|ddp|anp|"
    r"belga|lusa|pap|ctk|tasr|mti|bta|sta|hina)"
)
# The capitals of the scripts with case (Latin, Greek, Cyrillic, Armenian ...), as a class: Python's
# patterns have none, and [^\W\d_a-z] took "é" and "д" for capitals.
_CAPITALS = "".join(c for c in map(chr, range(0x2000)) if c.isupper() or c.istitle())
_OWNER_WORD = rf"(?:(?-i:[{_CAPITALS}])[\w'’&.\-]*|\d[\w.\-–/]*|{OWNER_LOWER}(?![\w'’&\-])\.?|&)"
COPYRIGHT_OWNER = rf"(?:\s+{_OWNER_WORD}(?:[\s,]+{_OWNER_WORD}){{0,5}})?"
# Labels of a link to another story, always with their colon after them: "Also read: ...", and the same in
# de, fr, es, it, pt, ru, az, tr, ar, fa, hi, he. A line such a label starts is furniture whatever follows
# (a list of headlines joined by "|", a headline with a full stop in it).
LINK_LABELS = (
    r"also read|read also|(?:à )?lire aussi|lesen sie auch|mehr zum thema|auch interessant|lee también|"
    r"leggi anche|leia também|leia mais|читайте также|смотрите также|ayrıca oxuyun|ayrıca okuyun|"
    r"ayrıca bakınız|həmçinin oxuyun|читайте також|дивіться також|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|إقرأ أيضاً|"
    r"اقرأ ايضا|بیشتر بخوانید|بخوانید|यह भी पढ़ें|ये भी पढ़ें|קראו גם|קרא גם"
)
# Labels that also start prose ("Related: the council said ...", "Weiterlesen: ..."): "Related:" and ABC
# News' "MORE:" in capitals, "Veja também:", "Te puede interesar:" were kept (review), but only a headline
# after them makes the line furniture (a text's one line, "Related: Council delays vote. The city council
# voted ...", was its whole body, a later review).
PROSE_LINK_LABELS = (
    r"related|(?-i:MORE)|(?:à )?voir aussi|weiterlesen|lea también|vea también|ver también|mira también|"
    r"(?:también )?te (?:puede|podría) interesar|(?:también )?puede interesarte|guarda anche|"
    r"(?:ti )?potrebbe interessar(?:e|ti)|veja também|saiba mais"
)
# What follows a link's label: a headline, one sentence at most (no sentence end after a word of three
# lower-case letters with more text after it), and no longer than a headline is.
_HEADLINE = r"(?!.*(?-i:[a-zß-öø-ÿ]{3})[.!?][\"'”’»)]*\s+\S).{0,200}"
# Whole lines that are site furniture, never article text, wherever they stand.
BOILERPLATE_LINE = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?: content)?|ad|"
    r"share(?: this)?(?: article| story| post)?|share on \w+|tweet|email|print|"
    # the same buttons in de, fr, es, it, pt: "Artikel teilen", "Partager sur Facebook", "Compartir en X"
    r"(?:artikel |beitrag |seite )?(?:teilen|drucken|versenden)|teilen auf \w+|per e-?mail (?:teilen|versenden)|"
    r"partager(?: (?:l'|cet )article)?(?: sur \w+)?|imprimer|"
    r"compartir(?: (?:en|por|vía) \w+)?|compartilhar(?: (?:no|na|via|por) \w+)?|imprimir|"
    r"enviar por (?:correo|e-?mail)|envoyer par (?:e-?mail|courriel)|"
    r"condividi(?: su \w+)?|stampa|"
    r"(?:click|tap) here.*|skip to (?:main )?content|"
    r"follow us(?: on .*)?|subscribe(?: now| to .*)?|sign up.*newsletter.*|"
    # "Read more: ...", "See also Headline", "Read more »"; not "Read more than 500 pages ..." or "See also
    # the statement ..." (a review found such sentences deleted mid-article), whose next word is lower case
    r"(?:read|see) (?:more|also)(?:\W*$|\s*[:»›>|–—-].*|\s+(?-i:[A-Z\"“‘'«]).*)|"
    r"related(?: articles| stories| news)?:?|more on this story|"
    # "Also read: ...", and the same in de, fr, es, it, pt, ru, az, tr: always with its colon (LINK_LABELS);
    # the labels that also start prose only before a headline (PROSE_LINK_LABELS)
    rf"(?:{LINK_LABELS})\s*:.*|(?:{PROSE_LINK_LABELS})\s*:{_HEADLINE}|"
    # "Follow us on Twitter and Facebook" in Arabic and Persian
    r"تابعونا على .*|ما را در .{1,40} دنبال کنید|"
    # "© 2022 Agency", "Copyright 2022 ...", "Copyright: ...", "(c) 2022 ...", a "rights reserved" in any
    # of the sources' languages, and a short line naming the owner alone ("(c) AFP", "(c) dpa", "Copyright
    # Reuters 2024.", "Copyright The Associated Press.", "Copyright Agence France-Presse.": COPYRIGHT_OWNER);
    # not a sentence about copyright, told by its shape, a word in lower case that is no particle or
    # agency ("Copyright holders will be ...", "Copyright Office officials said the human author must
    # ...", "(c) the right of staff to be consulted was set out in law"), nor a list's third item ("(c) the
    # work is disclosed."; ``clean`` keeps a "(c)" line under a "(b)" one). A year was required of "(c)"
    # lines and no full stop allowed without an English "rights reserved": the agencies' lines stayed at
    # the end of the text (review).
    r"(?:all rights reserved\.?)|©.{0,120}|(?:\(c\)|copyright)\s*(?:\d{4}|©|\(c\)|copyright|:).{0,120}|"
    rf"(?:\(c\)|copyright)(?!\s+(?!{OWNER_LOWER}(?!\w))(?-i:[a-z])).{{0,120}}?{RIGHTS_RESERVED}.{{0,120}}|"
    rf"(?:\(c\)|copyright){COPYRIGHT_OWNER}|"
    # "Photo: John Doe / AFP via Getty Images"; not "Photos: the ministry released images of ..."
    r"(?:photo|image|picture|credit|photograph)s?\s*(?:credit)?\s*[:/|]"
    r"(?!.{0,120}?(?-i:\b[a-z]+\s+[a-z]+\s+[a-z]+\s+[a-z]+\b)).{0,120}|"
    r"(?:getty images|reuters|ap photo|afp)(?: photo)?\W*|"
    r"(?:comments?|kommentare?|commentaires?|comentários?|comentarios?|commenti)(?: \(\d+\))?|"
    r"\d+ (?:comments?|kommentare?|commentaires?|comentários?|comentarios?|commenti)|loading\W*|continue reading\W*|"
    # reading time: "3 min read", "Lesezeit: 3 Minuten", "Temps de lecture : 4 min", "Tempo de leitura: 1 minuto"
    r"(?:estimated )?(?:reading time|read time|lesezeit|lesedauer|temps de lecture|tempo de leitura|"
    r"tiempo de lectura|tempo di lettura)\W*(?:ca\.?|about|approx\.?|~)?\s*\d+(?:\s*[-–]\s*\d+)?\s*(?:min\w*\.?)?|"
    r"\d+(?:\s*[-–]\s*\d+)?\s*min\w*\.?\s*(?:read|reading|lesezeit|lesen|de lecture|de leitura|de lectura|di lettura)|"
    # placeholders of embedded content that waits for consent ("Klicken Sie auf den unteren Button, um den
    # Inhalt von www.komoot.de zu laden."), and the refusal notice in its place
    r"(?:klicken sie|klicke) auf den (?:unteren |folgenden )?button,? um (?:den )?inhalte? von .{1,80} zu laden|"
    r"click (?:on )?the button below to load the content (?:of|from) .{1,80}|"
    r"mit dem laden des inhalts akzeptieren sie .{0,150})\W*$",
    re.I,
)
# Furniture lines written as a sentence's end ("Advertisement.", "Share this!", "Subscribe now!"): none
# ends a sentence wrapped onto the next line, as a name in capitals may ("... according to" / "Reuters.").
WRAPPED_END_FURNITURE = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored|ad|share|tweet|e-?mail|print|subscribe|follow|sign up|"
    r"click|tap|read more|see more|see also|related|comments?|loading|continue reading|skip)\b",
    re.I,
)
# Credit, copyright and photo lines by their shape ("Photo: Reuters.", "Getty Images.", "(c) AFP.", "© Reuters
# 2024.", "Copyright AFP.", "Credit: EPA."): never a wrapped sentence's end, though one may stop in capitals
# at a full stop; under a caption cut without one they were glued to it (review).
WRAPPED_END_CREDIT = re.compile(
    r"^\W*(?:©|\(c\)|copyright\b|(?:photo|image|picture|credit|photograph|foto|bild)s?\s*(?:credit)?\s*[:/|]|"
    r"getty\b|.{0,60}?\b(?:getty\s+images|photo|foto)\b)",
    re.I,
)
# Words a sentence cannot stop at (articles, prepositions, conjunctions, possessives, "told"): a line cut
# after one goes on on the next, so a short line of furniture words there may end the sentence ("... said
# in an" / "email", "... according to" / "Reuters."); after any other word it is a button or a credit
# ("... protests from residents" / "share" / "who said ...", review).
_OPEN_END = (
    "a an the of to in on at by for from with into onto about than via per and or but nor as its their "
    "his her our your my this these those told laut von vom zum zur der die das dem den des mit nach bei "
    "und oder selon de du la le les et ou par avec au aux según del el los las y o con por para do da "
    "dos das com pelo pela segundo secondo di della il lo e"
)
OPEN_END_WORDS = frozenset(_OPEN_END.split())
# The refusal notice in place of embedded content, anywhere in a line of up to about 400 characters.
# Apart from BOILERPLATE_LINE because a phrase that may start anywhere costs a scan of the line: it is
# only tried on lines that hold CONSENT_REFUSED_WORDS (lower-cased), which it cannot match without.
# The alternatives of BOILERPLATE_LINE that take a line of any length ("Read more: <forty headlines>"),
# by their start: lines over clean.MAX_FURNITURE_CHARS are tried against these only.
LONG_BOILERPLATE_LINE = re.compile(
    r"^\W*(?:(?:click|tap) here|follow us on |subscribe to |sign up.*newsletter|"
    r"(?:read|see) (?:more|also)(?:\s*[:»›>|–—-]|\s+(?-i:[A-Z\"“‘'«])))",
    re.I,
)
CONSENT_REFUSED_PHRASE = r"\bleider haben sie uns hierfür keine zustimmung gegeben\b"
# What the rule means; clean.consent_refused answers it in linear time (tests compare the two).
CONSENT_REFUSED_LINE = re.compile(rf"^\W*.{{0,200}}{CONSENT_REFUSED_PHRASE}.{{0,200}}\W*$", re.I)
CONSENT_REFUSED_WORDS = "keine zustimmung gegeben"
# Lines that are furniture only at the very top or bottom of a text (prose may quote them mid-article).
# Short edge lines that start with a navigation word or name a social network: furniture ("Home » World",
# "Updated: 2 hours ago", "Facebook Twitter WhatsApp", "Join our Telegram channel"), unless they are a
# sentence (clean.is_edge_furniture asks ``edge_sentence``): "News of the deal spread quickly." and "The
# ministry published the text on its Facebook page." opened or closed articles and were deleted.
EDGE_WORD_LINE = re.compile(
    r"^\W*(?:home|news|menu|log ?in|sign in|search|back to top|top stories|trending|"
    r"published|updated|posted|last updated|contribuer).{0,40}$|"
    r"^.{0,80}\b(?:facebook|twitter|whatsapp|telegram|linkedin|instagram)\b.{0,80}$",
    re.I,
)
# The navigation words of EDGE_WORD_LINE that are verbs. The line such a word starts is a call or a stamp
# ("Log in to continue.", "Updated at 10:42 a.m. on Monday."): its lower-case words are the label's object,
# place and time, and it takes four after the label to be a sentence ("Published figures show the deficit
# grew."); a line a noun starts takes three ("Home sales fell 2.1% in May.", "Twitter declined to comment.").
EDGE_VERB_LABEL = re.compile(r"^\W*(?:log ?in|sign in|published|updated|posted|last updated)\b", re.I)
# A line of EDGE_WORD_LINE whose network or navigation noun is the subject of a short sentence: the word,
# a name after it at most ("News Corp"), then a lower-case word that is no particle ("Twitter declined to
# comment.", "Facebook did not respond.", "Home sales fell 2.1% in May.", review). Such a line is a sentence
# with three lower-case words; any other takes four, as before ("Discuss this story on Facebook.", "Search
# for more stories." are furniture, a second review).
EDGE_SUBJECT = re.compile(
    r"^\W*(?:home|news|menu|facebook|twitter|whatsapp|telegram|linkedin|instagram)(?:\s+(?-i:[A-Z])\S*){0,2}\s+"
    r"(?!(?:for|to|of|on|in|at|with|from|by|via|about|and|or|us|our|your|this|these|the|an?|more)\b)(?-i:[a-z])",
    re.I,
)
# A call to follow or share: furniture even when written as a sentence ("Please follow us on Twitter.").
CALL_TO_ACTION = re.compile(
    r"^\W*(?:please\s+)?(?:join|follow|like|subscribe|share|download|get|find|check|visit|connect|stay|click|"
    r"tap)\b",
    re.I,
)
# The last word of an outlet's name of four words or more, in title case ("The New York Times", "The Wall
# Street Journal", "South China Morning Post", "Al Jazeera English"): over a byline, such a line is the
# masthead, no headline (review). Words a headline ends with as often ("News", "Today", "Record", "Star")
# are not here.
OUTLET_LAST_WORDS = frozenset(
    {
        "times", "post", "herald", "journal", "tribune", "gazette", "telegraph", "chronicle",
        "observer", "guardian", "inquirer", "enquirer", "examiner", "courier", "dispatch", "monitor",
        "bulletin", "magazine", "sentinel", "advertiser", "statesman", "english", "express", "daily",
        "weekly", "insider", "globe",
    }
)  # fmt: skip
# News sections' names, lower case, "&" as "and": over a byline, such a line is the
# section's label, no headline. A list, not a shape: "Money and Politics", "Storm of the Century" and
# "Life in Music" are headlines (review).
SECTION_NAMES = frozenset(
    {
        "health and science", "science and health", "arts and culture", "culture and arts",
        "science and technology", "science and tech", "business and economy", "business and finance",
        "money and markets", "food and drink", "travel and leisure", "style and fashion",
        "arts and entertainment", "science and environment", "climate and environment",
        "politics and policy", "world news", "us news", "uk news", "local news", "national news",
        "breaking news", "health and wellness", "home and garden", "books and authors",
        "nation and world", "world and nation", "crime and justice", "crime and courts", "crime and safety",
        "health and fitness", "food and dining", "arts and life", "arts and books", "sports news",
        "business news", "health news", "science news", "tech news", "technology news", "us and world",
        "politics news", "entertainment news", "travel news", "education news", "climate news",
        # one word: over a byline such a line is read as the masthead's only when it is one of these
        "business", "opinion", "politics", "sports", "sport", "world", "nation", "health", "science",
        "technology", "tech", "culture", "arts", "entertainment", "lifestyle", "travel", "food", "economy",
        "markets", "money", "climate", "environment", "education", "local", "national", "international",
        "metro", "weather", "obituaries", "editorial", "editorials", "commentary", "analysis", "features",
        "investigations", "news", "europe", "asia", "africa", "americas", "style", "books", "music", "film",
        "television", "media", "religion", "law", "crime", "courts", "science-environment", "us", "uk",
    }
)  # fmt: skip
# An audio player's label, alone or with what the player shows beside it ("Listen to this article · 5 min",
# "Listen to article (3 min)", "Listen to this article: Voiced by Amazon Polly", "Listen to this article ·
# 7:32 min Learn more"): a separator, a time or a player's word right after the label, then at most 80
# characters (linear: a first version matched the player's words one by one, and a line of Irish names
# took seconds: review). After a quote mark, or with the sentence going on ('"Listen to the story," she
# told reporters', "Listen to the story of one survivor."), it is what someone said or wrote; a tail that
# reads as prose (``clean.is_boilerplate``: two lower-case words not the player's) is the text's too.
# "Listen to this article" (or story) is the player's whatever follows it, as a sentence rarely begins so
# (the NYT's "Listen to this article with reporter commentary", The Economist's "Listen to this story.
# Enjoy more audio and podcasts on iOS or Android.", review): its ``this`` group says so.
AUDIO_PLAYER_LABEL = re.compile(
    r"^[^\w\"'“”‘’«»„]*listen to (?:(?P<this>this (?:article|story)\b(?!['’]))|(?:the )?(?:article|story))"
    r"(?P<tail>(?:\s*$|\s*[:·•|\-–—(\[.▶►⏵/]|\s*,\s*\d|\s+\d|\s+(?:now|here|in full|beta|loading|play|pause|audio)\b"
    r"|(?(this)\s|(?!)))[^\"“”«»„]{0,80})$",
    re.I,
)
# Lower-case words an audio player shows beside its label ("5 min read", "Voiced by Amazon Polly").
PLAYER_WORDS = frozenset(
    {"by", "min", "mins", "minute", "minutes", "read", "now", "here", "in", "full", "sec", "secs", "second",
     "seconds", "listen", "listening", "loading", "play", "pause", "audio", "beta", "of", "more", "x", "en",
     "español"}
)  # fmt: skip
# And what players write after "Listen to this article" (or story): the NYT's "with reporter commentary",
# The Economist's "Enjoy more audio and podcasts on iOS or Android", "Listen to more stories on audm",
# "Read by the author". A sentence has words beyond these ("Listen to this story and tell me it does not
# break your heart.", review).
LABEL_WORDS = PLAYER_WORDS | frozenset(
    {"with", "reporter", "commentary", "enjoy", "podcast", "podcasts", "on", "ios", "android", "or", "and",
     "narrated", "narration", "author", "authors", "the", "a", "an", "to", "this", "that", "article",
     "articles", "story", "stories", "audm", "learn", "voiced", "powered", "ai", "app", "apps", "narrator",
     "version", "available", "at", "speed", "download", "subscribe", "share", "tap", "click", "generated",
     "summary", "voice", "estimated", "time", "give", "feedback", "by", "using", "produced"}
)  # fmt: skip
EDGE_BOILERPLATE_LINE = re.compile(
    # a paywall's label above the text ("Article réservé aux abonnés", "Subscriber exclusive")
    r"^\W*(?:article\s+)?réservé\s+aux\s+abonnés\W*$|^\W*(?:subscriber|member)s?[- ](?:exclusive|only)\W*$|"
    r"^\W*(?:exclusive\s+)?(?:for|to)\s+subscribers(?:\s+only)?\W*$|^\W*nur\s+für\s+abonnenten\W*$|"
    r"^\W*(?:exclusivo|solo)\s+para\s+(?:assinantes|suscriptores)\W*$|^\W*riservato\s+agli\s+abbonati\W*$|"
    # a bare link under the text ("Source: Azernews" stays: the article-bodies benchmark counts such a
    # line, "SOURCE: Al Jazeera News", as the article's)
    r"^(?:https?://|www\.)\S+$|"
    # "Follow Sarah Collins on X: @scollins"
    r"^\W*follow\b.{1,60}\bon (?:x|threads|bluesky|mastodon|tiktok|youtube)\b.{0,80}$|"
    # a press release's label
    r"^\W*for immediate release\b.{0,30}$|"
    r"^\W*(?:(?:most )?popular (?:on|at) .{1,40}|trending (?:on|now)\b.{0,40}|"
    r"(?:filed under|posted in|tags|schlagwörter|schlagworte|catégories|categorias|etiquetas)\s*:.{0,150}|"
    r"(?:close\s+)?(?:we use|this (?:site|website) uses) cookies\b.{0,300})$|"
    # a login or registration form's messages, which some pages render where the article should be
    r"^.{0,40}\b(?:passwor[dt]|mot de passe|senha|contraseña)\b.{0,60}\b(?:mindestens|at least|au moins|pelo menos|"
    r"al menos|almeno)\s+\d+\s+(?:zeichen|characters|caractères|caracteres|caratteri)\b.{0,200}$|"
    r"^.{0,60}\b(?:registrierung|registration|inscription|cadastro|registro)\b.{0,20}\b(?:fehlgeschlagen|failed|"
    r"échoué|falhou|fallido|fallita)\b.{0,200}$|"
    r"^\W*(?:(?:sie sind|du bist) (?:aktuell |derzeit |zurzeit )?nicht (?:eingeloggt|angemeldet)|you are not "
    r"(?:currently )?(?:logged|signed) in|vous n'êtes pas connecté)\W*$",
    re.I,
)
# Furniture at an edge that is prose-like, found by a phrase anywhere in a short line: costly to scan
# for, so only tried on lines holding one of EDGE_PROSE_WORDS (lower-cased), which it cannot match
# without (a test checks that every branch needs one).
EDGE_BOILERPLATE_PROSE = re.compile(
    # calls to sign up for a newsletter ("... sign up to our daily newsletter here", "hol dir jetzt meinen
    # gratis Newsletter!", "Receba em seu email nosso ebook ..."), at most a few lines long
    r"^(?=.{0,320}$)(?:.*\b(?:sign(?:ing)? up|subscribe|subscribing|abonnier\w*|hol dir|holen sie sich|"
    r"melden sie sich|melde dich|trag(?:en sie sich|e dich)|abonnez-vous|inscrivez-vous|recevez|inscreva-se|"
    r"assine|suscr[ií]bete|iscriviti)\b.*\b(?:newsletters?|inbox|posteingang|lettre d'information|infolettre|"
    r"bolet[ií]n|boletim)\b|.*\b(?:newsletters?|inbox)\b.*\b(?:sign(?:ing)? up|subscribe)\b|"
    r".*\breceba (?:em|no) (?:seu )?e-?mail\b|.*\bdelivered (?:straight |directly )?to your inbox\b).*$|"
    # how to comment: log in first, comments are moderated ("Um einen Kommentar zu hinterlassen, loggen Sie
    # sich bitte ein.", "Comentários ... não serão aprovados pelo moderador.")
    r"^(?=.{0,500}$)(?:.*\b(?:log(?:ged)? in|sign(?:ed)? in|einloggen|loggen sie sich|connectez-vous|"
    r"identifiez-vous|inicia sesión|faça login|accedi)\b.{0,60}\b(?:comment\w*|kommentar\w*|commenter|"
    r"comentar\w*|commentare)\b|.*\b(?:comment\w*|kommentar\w*|commenter|comentar\w*|commentare)\b.{0,60}"
    r"\b(?:log(?:ged)? in|sign(?:ed)? in|einloggen|loggen sie sich|connectez-vous|identifiez-vous|"
    r"inicia sesión|faça login|accedi)\b|.*\b(?:kommentare?|comments?|comentários?|commentaires?|comentarios?|"
    r"commenti)\b.{0,100}\b(?:erscheinen|werden|will be|are|serão|seront|sono|serán)\b.{0,80}\b(?:moderat\w*|"
    r"freigabe|freigeschaltet|gegengelesen|geprüft|aprovad\w*|approved|approuvés|publicad\w*|entfern\w*|"
    r"removed|supprimés)\b|\W*(?:keine kommentare|no comments yet|be the first to comment|"
    r"sei der erste, der kommentiert|soyez le premier à commenter)\b).*$|"
    # call-outs for readers' stories ("Have you been affected by water shortages? Email us at ...") and
    # Le Monde's comment prompt ("Réagissez ou consultez l'ensemble des contributions")
    r"^(?=.{0,300}$).*\b(?:have you been affected|are you affected|do you have a story|share your "
    r"(?:story|experiences?))\b.*\b(?:e-?mail|get in touch|contact us|whatsapp)\b.*$|"
    r"^(?=.{0,200}$)\W*réagissez ou consultez l['’]ensemble des contributions\b.*$|"
    # an affiliate disclosure ("When you buy through our links, we may earn an affiliate commission.")
    r"^(?=.{0,300}$).*\b(?:we|us|our|this\s+(?:site|article|post|page|story)|as\s+an\s+amazon\s+associate)\b"
    r".{0,120}\b(?:earn|receive)s?\s+(?:an?\s+)?(?:small\s+)?(?:affiliate\s+)?(?:commission|commissions|"
    r"compensation|from\s+qualifying\s+purchases)\b.*$|"
    # app and letters-to-the-editor calls ("If you're on the ABC7 News app, click here to watch live", "Don't
    # forget to download the WSB-TV app."), not a third party's app named by what it is ("Passengers can
    # download the airline's app to claim a refund.", review; narrowing it more kept stations' own calls, a
    # second review)
    r"^(?=.{0,300}$).*\b(?:if you(?:['’]re| are) (?:on|using) (?:the|our) .{1,40}\bapp\b|(?:download|get) "
    r"(?:our|the(?! (?-i:[a-z])[\w-]*(?: (?-i:[a-z])[\w-]*){0,2}['’]s\s)) .{0,40}\bapp\b|"
    r"we(?:['’]d| would)? (?:like|want|love) to hear (?:what you think|from you)|submit a letter to the editor)"
    r".*$|"
    # a print edition's note ("A version of this article appears in print on June 8, 2023, Section A, Page 1
    # of the New York edition with the headline: ...", "This article appeared in the print edition ...")
    r"^(?=.{0,400}$)\W*(?:an?\s+(?:\w+\s+)?version\s+of\s+this\s+(?:article|story|review|essay|column)\s+"
    r"(?:appears|appeared)|this\s+(?:article|story)\s+(?:appears|appeared))\s+in\s+(?:print|the\s+"
    r"[^.]{0,60}?\b(?:print\s+edition|issue|edition))\b.*$",
    re.I,
)
EDGE_PROSE_WORDS = (
    "appear",
    "newsletter",
    "inbox",
    "posteingang",
    "lettre d'information",
    "infolettre",
    "bolet",
    "receba",
    "delivered",
    "comment",
    "komment",
    "coment",
    "app",
    "hear",
    "letter",
    "affected",
    "story",
    "experience",
    "contributions",
    "commission",
    "compensation",
    "qualifying",
)
# Each branch of EDGE_BOILERPLATE_PROSE starts with a look-ahead for a line of at most this many characters:
# a longer line is not scanned for the words at all.
EDGE_PROSE_MAX_CHARS = 500
# Lines that are furniture only at the very end: a heading left without the list or embed it introduced
# ("See more photos:", "Aus dem Datencenter:", "Weitere Informationen:").
TAIL_BOILERPLATE_LINE = re.compile(
    r"^\W*(?:[^\s.!?:]+\s+){0,5}[^\s.!?:]+\s*:$"
    # ... and the credit of the editors' initials and the agencies under the text ("aar/dpa/Reuters",
    # "svs/AFP", "(dpa)", Spiegel's and many German sites' habit; a helper found it kept as the last
    # paragraph): slash-separated short words, one of them an agency
    r"|^(?=.{0,60}$)(?=.*\b(?:dpa|afp|reuters|ap|epd|kna|sid|dts|apa|sda|ats|ansa|efe|anp|belga|tass|ria|ddp)\b)"
    r"\(?\s*[\w.]{2,8}(?:\s*/\s*[\w.]{2,8}){0,5}\s*\)?$",
    re.I,
)
# A heading over a list of other stories under the text ("Related:", "More on this story", "Read also",
# "Lesen Sie auch"): with the short headlines after it, not the article's (a review met them kept). "More
# from" with a name only ("More from BBC News", "More from the Guardian"): "More from the report" heads
# the text's own findings (review).
RELATED_HEADING = re.compile(
    r"^\W*(?:related(?:\s+(?:articles|stories|news|posts|coverage|content|links))?|more\s+on\s+this\s+story|"
    r"more\s+(?:stories|news)(?:\s+\w+){0,3}|more\s+from\s+(?:the\s+)?(?-i:[A-Z\d])\w*(?:\s+\w+){0,2}|(?:read|see)\s+(?:more|also)|also\s+read|you\s+may\s+also\s+like|"
    r"recommended(?:\s+for\s+you)?|most\s+read|top\s+stories|weitere\s+artikel|lesen\s+sie\s+auch|"
    r"mehr\s+zum\s+thema|(?:à\s+)?lire\s+aussi|читайте\s+также|leia\s+também|lee\s+también|leggi\s+anche|"
    r"ayrıca\s+(?:oxuyun|okuyun))\W*$",
    re.I,
)
# A headline of such a list is a short line that does not end as a sentence does.
RELATED_MAX_WORDS = 20


# A written date with its day, in the languages the sources use most (en, de, fr, pt, es, it), with an
# optional weekday before it and a clock time after it: "November 08, 2023", "21. Jan 2022",
# "sexta-feira, 22 de outubro de 2010 às 20:13", "2021-10-16", "27.01.2022". Used to recognise a line
# that is only a dateline ("2021-10-16 | Botschaft", "Erstellt am: 01.11.2023").
_MONTHS = (
    r"jan(?:uary|uar|vier|eiro)?|jänner|feb(?:ruary|ruar)?|févr(?:ier)?|fevereiro|mar(?:ch|s|ço)?|märz|mär|"
    r"apr(?:il)?|avr(?:il)?|abril|may|mai|maio|jun[ei]?|juin|junho|jul[yi]?|juil(?:let)?|julho|aug(?:ust)?|"
    r"août|agosto|sep(?:t|tember|tembre)?|setembro|oct(?:ober|obre)?|okt(?:ober)?|outubro|nov(?:ember|embre|embro)?|"
    r"dec(?:ember)?|dez(?:ember|embro)?|déc(?:embre)?|enero|febrero|marzo|mayo|junio|julio|septiembre|setiembre|"
    r"octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
_WEEKDAYS = (
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonnabend|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?|sábado|domingo|lunes|martes|miércoles|jueves|viernes|"
    r"luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica"
)
# The month names of the other languages the date parser reads (Russian, Azerbaijani, Turkish, Arabic,
# Hindi, Hebrew, Thai), and Ukrainian's genitive and Persian's Gregorian months: a review found "12 октября 2022, 14:23", "12 Ekim 2022" and "١٢ أكتوبر
# ٢٠٢٢" alone under a header kept as the body's first line, the date lost. \d reads any script's digits.
# With their numbers: ``flows/html_dates`` reads the same words in a page's dateline.
_UKRAINIAN_MONTHS = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня"]
_UKRAINIAN_MONTHS += ["жовтня", "листопада", "грудня"]
# Persian's "مه" (May) is not among them: two letters, and also the word for "fog".
_PERSIAN_MONTHS = {
    "ژانویه": 1,
    "فوریه": 2,
    "مارس": 3,
    "آوریل": 4,
    "ژوئن": 6,
    "ژوئیه": 7,
    "اوت": 8,
    "سپتامبر": 9,
    "اکتبر": 10,
    "نوامبر": 11,
    "دسامبر": 12,
}
# Turkish and Azerbaijani names in plain ASCII ("may", English too, is not one).
_ASCII_TURKIC = {"ocak", "mart", "nisan", "haziran", "temmuz", "ekim", "yanvar", "fevral", "aprel", "iyun"}
_ASCII_TURKIC |= {"iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"}
MORE_MONTHS: dict[str, int] = {
    **{
        word: month
        for code in ("ru", "az", "tr", "ar", "hi", "he", "th")
        for word, month in _DATE_NAMES[code].items()
        if len(word) >= 3 and (not word.isascii() or word in _ASCII_TURKIC)
    },
    **{word: i + 1 for i, word in enumerate(_UKRAINIAN_MONTHS)},
    **_PERSIAN_MONTHS,
}
_MORE_MONTHS = alt(MORE_MONTHS)
_THAI_MONTHS = alt(_DATE_NAMES["th"])
DATE_TEXT = re.compile(
    rf"(?<!\d)(?:(?:{_WEEKDAYS})\.?,?\s+)?"
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日|"
    rf"\d{{1,2}}(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?(?:{_MONTHS}|{_MORE_MONTHS})\.?,?\s*(?:de\s+|[พค]\.\s?ศ\.\s*)?\d{{4}}|"
    rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}\s*(?:{_THAI_MONTHS})\.?\s*\d{{2}})"  # "12 ต.ค. 65": a two-digit Buddhist-era year
    r"(?:\s*(?:г\.|года|року|р\.|-?c[iıüu] il|il|م))?"  # "2022 г.", "2022 року", "2022-ci il", "2022م"
    r"(?:,?\s*(?:at|um|à|às|a las|alle|в|о|saat|เวลา|-|–)?\s*\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|uhr|h|น\.)?)?(?!\d)",
    re.I,
)
# At most this many other words beside the date, for a line to be a dateline ("21. Jan 2022 // Dominik Ricker"); an
# event line "7th Amsterdam Light Festival 29 November 2018" has more and stays.
DATELINE_MAX_WORDS = 3
