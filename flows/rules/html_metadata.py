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
META_SITE_NAME = ("og:site_name", "application-name", "twitter:site", "publisher", "dc.publisher")
META_SECTION = ("article:section", "section", "parsely-section", "article.section", "category")
META_AUTHOR = (
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
    "twitter:creator",
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
    }
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
    }
)
# Byline prefixes and joiners to strip ("By Jane Doe and John Roe", "Von Max Muster", "Par ...").
BYLINE_PREFIX = re.compile(
    r"^\s*(?:by|von|par|por|di|door|af|av|written by|posted by|words by)\s*[:\s]\s*", re.I
)
# Joiners are matched in lower case only, so the initials in "Sarah E. Needleman" or "Mary Y. Lee"
# are not taken for the Italian "e" or the Spanish "y".
BYLINE_SPLIT = re.compile(r"\s*(?:,|;|\||&|\s(?:and|und|et|y|e|en|with|og|och)\s|\sAND\s)\s*")
# Markup that holds bylines, by class or id fragment (lower-case substring match).
BYLINE_CLASSES = ("byline", "author", "writer", "contributor", "article-by", "posted-by")
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
