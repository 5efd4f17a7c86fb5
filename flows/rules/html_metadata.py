"""Rules (data only) for reading article metadata out of HTML; the code applying them is html_metadata.py.

Each list is ordered by trust: the first source that yields a usable value wins.
"""

from __future__ import annotations

import re

# schema.org types whose JSON-LD object describes the article itself (not the site, a breadcrumb or a
# person). Blogs and press releases use the generic ones; news sites the specific ones.
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "satiricalarticle",
        "advertisercontentarticle",
        "webpage",  # last resort: many CMSs put datePublished on a plain WebPage
        "creativework",
    }
)

# <meta> names/properties per field, most trusted first. Lower-cased; matched on @property, @name and
# @itemprop. ``article:*`` is OpenGraph's article vocabulary; the rest are common CMS/analytics tags.
META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "bt:pubdate",
    "created",
)
META_MODIFIED = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
    "article.updated",
    "bt:moddate",
)
META_TITLE = ("og:title", "twitter:title", "dc.title", "headline", "parsely-title", "sailthru.title")
META_DESCRIPTION = ("og:description", "description", "twitter:description", "dc.description")
META_SITE_NAME = ("og:site_name", "application-name", "publisher", "dc.publisher")
# A Twitter handle names an account, not always the site ("@SputnikInt", "@bafa_bund"): a last resort.
META_SITE_HANDLE = ("twitter:site",)
META_SECTION = ("article:section", "section", "parsely-section", "article.section", "category")
META_AUTHOR = (
    "author",
    "article:author",
    "og:author",  # not OpenGraph's, but CNN's and others'
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
    "twitter:creator",
)
# Section values that say nothing: CMS defaults ("Uncategorized", German WordPress's "Allgemein"),
# the page type ("post", "Articles", "Beitrag") and catch-alls ("All"). Compared in lower case.
GENERIC_SECTIONS = frozenset(
    {"post", "posts", "article", "articles", "artikel", "beitrag", "beiträge", "thema", "themen", "all"}
    | {"page", "pages", "entry", "blog", "home", "homepage", "startseite", "default", "general"}
    | {"uncategorized", "uncategorised", "allgemein", "non classé", "sin categoría", "sonstiges"}
    | {"none", "null", "undefined", "section", "category", "categories"}
)
# Tags that are CMS switches, not topics (compared in lower case).
CMS_TAGS = frozenset(
    {"no autolink", "noautolink", "featured", "popular", "sticky", "videoarticle", "serversidehawk"}
)
META_TAGS = ("article:tag", "news_keywords", "parsely-tags", "sailthru.tags", "keywords")
META_IMAGE = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
META_LANGUAGE = ("og:locale", "content-language", "dc.language", "language")

# Words that show an "author" string is a role, desk or organisation rather than a person. Sites put
# these in author fields ("Staff", "CNN Wire", "Associated Press", "Editorial Board").
NON_PERSON_WORDS = frozenset(
    {
        "staff",
        "team",
        "desk",
        "editor",
        "editors",
        "editorial",
        "board",
        "newsroom",
        "news",
        "wire",
        "wires",
        "agency",
        "agencies",
        "press",
        "reporters",
        "correspondent",
        "contributor",
        "contributors",
        "admin",
        "administrator",
        "webmaster",
        "guest",
        "media",
        "group",
        "online",
        "redaktion",  # German "editorial office"
        "autoren",  # German "authors" ("Auswärtige Autoren")
        "authors",
        "rédaction",  # French
        "redacción",  # Spanish
        "unknown",
        "anonymous",
        "reuters",  # wire services credited as author; their names carry no other marker word
        "afp",
        "ap",
        "dpa",
        "pa",
        "bloomberg",
        "sponsored",
        "partner",
        "inc",
        "ltd",
        "llc",
        "com",
        "international",  # brand words: "Sputnik International", "CBS News Network"
        "magazine",
        "network",
        "bureau",
        "channel",
        "tv",
        "radio",
        "newspaper",
        "gazette",
        "tribune",
        "journal",
        "times",
        "university",  # an author's affiliation after a comma ("Professor of Economics, State University")
        "college",
        "institute",
        "universität",
        "université",
        "universidad",
        # The same in other scripts: agencies and wires credited as the author ("وكالات" is Arabic for
        # "agencies", "وكالة" for "agency"; "РИА Новости", "ТАСС", "Интерфакс", Reuters as each script
        # spells it), and desks ("المحرر" the editor, "מערכת" the editorial staff, "डेस्क"). A review found
        # them loaded as people.
        "وكالات",
        "الوكالات",
        "وكالة",
        "الأنباء",
        "رويترز",
        "رويتر",
        "فرانس",
        "برس",
        "سبوتنيك",
        "الأناضول",
        "المحرر",
        "محرر",
        "التحرير",
        "مراسل",
        "مراسلنا",
        "خبرگزاری",
        "رویترز",
        "ایرنا",
        "ایسنا",
        "агентство",
        "агентства",
        "агенція",
        "редакция",
        "редакція",
        "новости",
        "новини",
        "риа",
        "тасс",
        "интерфакс",
        "інтерфакс",
        "укрінформ",
        "уніан",
        "рейтер",
        "рейтерс",
        "סוכנויות",
        "סוכנות",
        "רויטרס",
        "מערכת",
        "एजेंसी",
        "एजेंसियां",
        "एजेंसियाँ",
        "डेस्क",
        "ब्यूरो",
        "रॉयटर्स",
        "रायटर्स",
    }
)
# A role written after a name in one run of text ("Jane Doe Staff Writer", "John Roe Political
# Correspondent", "JOHN ROE Associated Press"): cut off, where the whole byline was dropped (review).
ROLE_WORDS = frozenset(
    {"writer", "reporter", "correspondent", "editor", "columnist", "contributor", "producer", "analyst",
     "critic", "press", "photographer", "journalist", "redakteur", "redakteurin", "korrespondent",
     "korrespondentin", "writers", "reporters", "correspondents", "columnists", "producers",
     "photographers", "journalists", "editor-in-chief", "editors", "experte", "expertin", "kolumnist",
     "kolumnistin", "gastautor", "gastautorin"}
)  # fmt: skip
# News agencies whose name follows a reporter's after "i" ("and" in Catalan, Polish, Croatian): "Ivan
# Horvat i Hina", "Jan Kowalski i PAP" name one person and the agency (review).
AGENCIES = frozenset(
    {"hina", "pap", "acn", "efe", "ansa", "ntb", "tt", "čtk", "ctk", "tasr", "mti", "bta", "sta", "tanjug"}
    | {"fena", "apa", "anp", "belga", "lusa", "ritzau", "stt", "dpa", "afp", "ap", "reuters", "agerpres"}
)
# A byline element's whole text that is a button, not a name: the "more" of an author box (a benchmark
# page's class "author-info__more" said "Mehr").
NOT_A_NAME = frozenset({"mehr", "more", "plus", "más", "weiterlesen", "read more", "profil", "profile"})
ROLE_QUALIFIERS = frozenset(
    {"ap", "afp", "dpa", "staff", "senior", "chief", "political", "business", "health", "science", "sports", "sport", "foreign",
     "deputy", "associate", "associated", "managing", "executive", "special", "investigative", "digital",
     "local", "national", "economics", "education", "environment", "technology", "tech", "culture", "arts",
     "travel", "food", "music", "film", "legal", "crime", "data", "news", "assistant", "contributing",
     "freelance", "court", "city", "metro", "world", "europe", "politics"}
)  # fmt: skip
# Read by the HTML reader only (``clean`` shares the sets above with the text and JSON readers). A
# review of HTML bylines found a role's beat taken for a person: "Jane Doe Opinion Columnist" gave "Jane
# Doe Opinion", "Jane Doe Guest Columnist" nothing, "Chief Economist" a person.
BYLINE_ROLE_WORDS = ROLE_WORDS | {"economist", "commentator", "strategist", "economists", "commentators"}
BYLINE_QUALIFIERS = ROLE_QUALIFIERS | frozenset(
    {"opinion", "guest", "climate", "video", "features", "feature", "multimedia", "audio", "podcast",
     "visual", "graphics", "energy", "markets", "finance", "transport", "diplomatic", "defence", "defense",
     "security", "entertainment", "lifestyle", "religion", "community", "regional", "breaking"}
)  # fmt: skip
# Roles that stand before a name ("Senior Correspondent Jane Doe"): not "Press" ("Press Association
# Sport", "Press Officer" are no role and a name, review), nor plurals ("Editors Note Jane Doe").
PREFIX_ROLE_WORDS = frozenset(
    w for w in BYLINE_ROLE_WORDS if w not in {"press", "editors"} and not w.endswith("s")
)
# Newsrooms, agencies and offices credited as the author, by their first word (as a person's last word
# it is a surname: "Matt Daily"): "By DAILY MAIL
# REPORTER", "Agence France-Presse", "Agencias | Ciudad de México" were people (review).
NEWSROOM_WORDS = frozenset(
    {"daily", "weekly", "telegraph", "herald", "chronicle", "agence", "agencia", "agenzia", "agentur",
     "agências", "agencias", "agences", "agenzie", "agenturen", "redazione",
     # offices credited as the author, whose names run long with particles ("Oficina de Comunicación de
     # la Alcaldía de Bogotá", "Gabinete de Imprensa da Câmara de Lisboa"), review
     "oficina", "gabinete", "assessoria", "comunicación", "comunicação", "alcaldía", "prefeitura",
     "ayuntamiento", "ministerio", "ministério", "imprensa", "prensa", "gobierno", "governo"}
)  # fmt: skip
# Endings of one-word desk, team and blog names ("Newsdesk", "Campact-Team", "Onlineredaktion").
NON_PERSON_SUFFIXES = (
    "desk",
    "team",
    "redaktion",
    "rédaction",
    "redaccion",
    "redacción",
    "redacció",
    "staff",
    "blog",
)
# Lower-case words that do occur inside personal names ("Ludwig van Beethoven", "Ana de la Cruz").
NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "das",
        "do",
        "dos",
        "del",
        "della",
        "der",
        "den",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "vom",
        "zu",
        "ten",
        "ter",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "e",
        "st",
        "mc",
        "i",  # "Josep Puig i Cadafalch": a Catalan name's two surnames (I_JOINER tells it from "and")
    }
)
# Byline prefixes and joiners to strip ("By Jane Doe and John Roe", "Von Max Muster", "Par ...").
BYLINE_PREFIX = re.compile(
    r"^\s*(?:by|von|par|por|di|door|af|av|written by|posted by|words by)\s*[:\s]\s*", re.I
)
# Labels before or instead of a name in author markup: "Artikel von:", "Author", "Name *" (a comment
# form), "Show all articles of", "Alle Posts vom Autor". Longest first; matched case-insensitively at
# the start, followed by a colon, a space or (for the longer labels) a capitalised name glued on
# ("Alle Posts vom AutorTine"). A value that is only a label is no name.
AUTHOR_LABELS = (
    "show all articles of",
    "show all articles by",
    "view all posts by",
    "view all articles by",
    "see all posts by",
    "all posts by",
    "all articles by",
    "more posts by",
    "more articles by",
    "more stories by",
    "more from",
    "posts by",
    "articles by",
    "stories by",
    "written by",
    "posted by",
    "submitted by",
    "words by",
    "reported by",
    "story by",
    # What the piece is, before its author: "Opinion by Jane Doe", "Ein Kommentar von Anna Schmidt" were
    # no name, or the whole phrase one (review).
    "commentary by",
    "reporting by",
    "analysis by",
    "opinion by",
    "review by",
    "column by",
    "essay by",
    "ein gastkommentar von",
    "ein gastbeitrag von",
    "ein kommentar von",
    "eine analyse von",
    "eine kolumne von",
    "eine glosse von",
    "eine reportage von",
    "ein interview von",
    "gastkommentar von",
    "gastbeitrag von",
    "kommentar von",
    "analyse von",
    "une analyse de",
    "une chronique de",
    "une tribune de",
    "un éditorial de",
    "alle posts vom autor",
    "alle posts von",
    "alle artikel von",
    "alle beiträge von",
    "mehr artikel von",
    "mehr von",
    "ein beitrag von",
    "ein artikel von",
    "artikel von",
    "beiträge von",
    "beitrag von",
    "autorenseite von",
    "erstellt von",
    "eingestellt von",
    "geschrieben von",
    "verfasst von",
    "tous les articles de",
    "articles de",
    "un article de",
    "écrit par",
    "publié par",
    "escrito por",
    "publicado por",
    "scritto da",
    "authors",
    "author",
    "autoren",
    "autorin",
    "autor",
    "auteur",
    "autore",
    # Arabic "by the pen of", "wrote" (masculine, feminine), "prepared by"; Hebrew "by"; Hindi "author",
    # "by"; Persian "writer", "reporter", "by the pen of"; Russian "authors", "author": a review found the
    # Arabic and Hebrew ones, written without a colon, kept in the name ("بقلم سامر الخطيب", "מאת דנה כהן").
    "بقلم",
    "كتبت",
    "كتب",
    "إعداد",
    "מאת",
    "लेखक",
    "द्वारा",
    "نویسنده",
    "خبرنگار",
    "به قلم",
    "авторы",
    "автор",
    "name",
)
# "Jane Doe in New York", "Anna Schmidt aus Berlin", "Jean Dupont à Paris": what follows is the place a
# byline was written from (never "de", "da", "van": they are part of names; nor "i", which joins a
# Catalan name's two surnames, "Josep Puig i Cadafalch", and is Polish for "and").
PLACE_PREPOSITIONS = frozenset({"in", "aus", "à", "from", "desde", "em", "w", "из", "в"})
# Short byline words ("By", "Von"): stripped before a space or colon, or glued in lower case to a
# capitalised name ("vonFred Hüning"); never from a capitalised name ("DiMaggio", "Byron").
AUTHOR_SHORT_PREFIXES = ("by", "von", "vom", "par", "por", "door", "af", "av", "di")
# Joiners are matched in lower case only, so the initials in "Sarah E. Needleman" or "Mary Y. Lee"
# are not taken for the Italian "e" or the Spanish "y".
# A spaced dash separates a name from what follows it ("Jenny Smith – The Moon", "Jane Doe — Staff
# Writer"); a hyphen inside a name ("Anne-Marie", "Smith - Jones" is rare) does not.
# The spaced "and" of Arabic and Persian (و), Russian (и), Ukrainian (і, та), Hindi (और, एवं) and Turkish
# (ve) too; Arabic's و and Hebrew's ו glued to the next name are GLUED_JOINERS.
# Catalan, Polish and Croatian "i" ("and") joins two names only before a first name and a
# surname, words that start in capitals: "Jan Kowalski i Anna Nowak" is two authors, "Josep Puig i
# Cadafalch" one person with two surnames.
I_JOINER = r"(?<!\S)i\s+(?=[^\s,;&|]+\s+[^\W\d_a-z])"
_AND = r"and|und|et|y|e|en|with|og|och|و|и|і|та|और|एवं|ve"
# A comma takes the "and" after it with it: the serial comma ("Jane Doe, John Roe, and Mary Major") left
# "and Mary Major", which is no name, and the last author was lost (review).
BYLINE_SPLIT = re.compile(
    rf"\s*(?:,(?:\s*(?:{_AND}|AND|&)\s)?|;|\||&|\s(?:{_AND})\s|\sAND\s|\s[–—]\s|" + I_JOINER + r")\s*"
)
# "and" written as the first letter of the next word: Arabic "سامر الخطيب وأحمد محمد", Hebrew "דנה כהן
# ויוסי לוי". A name may start with that letter too (وليد, Walid; ויס, Weiss), so a byline is split there
# only into two names of two words or more, and not before a word in NAMES_WITH_JOINER_LETTER.
GLUED_JOINERS = ("و", "ו")
NAMES_WITH_JOINER_LETTER = frozenset(
    {"وليد", "وائل", "وسام", "وفاء", "وديع", "وحيد", "وجدي", "ولاء", "وداد", "وصفي", "وهبي", "وهبة", "وضاح"}
    | {"وجيه", "وفيق", "وسيم", "وعد", "ورد", "وردة", "وصال", "وهيب", "ولید", "وحید", "وحیده", "وزيري"}
    | {"ורד", "ויקטור", "וייס", "ויס", "וולף", "וקנין", "ויינברג", "ויצמן", "וסרמן", "ולדימיר", "וילנר"}
)  # fmt: skip
# A country's second-level labels under which sites register their names ("stuff.co.nz", "bbc.co.uk",
# "abc.net.au"): the name is the label before them, not "co" (a review found "| Stuff.co.nz" kept).
SECOND_LEVEL_LABELS = frozenset(
    {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gob", "nic"}
)
# Markup that holds bylines, by class or id fragment (lower-case substring match).
BYLINE_CLASSES = ("byline", "author", "writer", "contributor", "article-by", "posted-by")
# ... and, as whole class words, those of German, Spanish, Portuguese, Polish, Italian and French CMSs
# ("autor", "autorenzeile", "auteur", "signature"): a review found their bylines read only where a
# meta author was present; a second one, "autor" inside "autorefresh".
BYLINE_WORDS = frozenset(
    {
        "autor",
        "autorin",
        "autoren",
        "autore",
        "autori",
        "autores",
        "auteur",
        "auteurs",
        "verfasser",
        "signature",
        "submitted",  # Drupal's "Submitted by <a>Jane Doe</a> on ..."
    }
)
BYLINE_WORD_PREFIXES = ("autoren", "autorin", "verfasser")
# Class/id words (split on "-", "_" and spaces) of byline-classed elements that hold something else:
# the byline's category, comment count, avatar or share links ("cb-category cb-byline-element").
NOT_BYLINE_PARTS = frozenset(
    {"category", "categories", "cat", "tag", "tags", "comments", "count", "avatar", "img", "image", "photo"}
    | {"bio", "description", "social", "share", "follow", "icon", "title", "label", "quote"}
)
# Class/id words of areas whose names are readers', not the article's: comments and their forms.
COMMENT_PARTS = frozenset(
    {"comment", "comments", "respond", "reply", "replies", "discussion", "disqus", "kommentar", "kommentare",
     "commentaire", "commentaires", "comentario", "comentarios", "commento", "commenti"}
)  # fmt: skip
# Class/id words of lists of other articles, whose bylines name those articles' authors.
TEASER_PARTS = frozenset(
    {"related", "recommended", "recommendations", "ranking", "popular", "trending", "teasers"}
)
# Markup that holds the publication date, by class or id fragment: CMS themes name these consistently.
DATE_CLASSES = (
    "published",
    "publish",
    "pubdate",
    "post-date",
    "entry-date",
    "article-date",
    "posted-on",
    "date-header",
    "timestamp",
    "dateline",
    "byline",
    "meta-date",
    "date",
    "time",
)
