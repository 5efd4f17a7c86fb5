"""Rules (data only) for telling pages that are no article from articles; the code is html_page_kind.py.

Every phrase here is the wording of a page's own furniture (a not-found notice, a consent dialog, a
subscription offer), not of news prose, and is matched case-insensitively.
"""

from __future__ import annotations

# schema.org types that say the page is one article (the generic WebPage and CreativeWork say nothing).
DECLARED_ARTICLE_TYPES = frozenset(
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
        "scholarlyarticle",
        "techarticle",
        "report",
    }
)
# schema.org types of a page that lists or shows other things.
LISTING_TYPES = frozenset({"collectionpage", "searchresultspage", "profilepage"})
MEDIA_TYPES = frozenset({"videoobject", "podcastepisode", "audioobject", "imagegallery", "mediagallery"})

# WordPress's (and Ghost's) <body> classes: what a listing page carries, and what an article or a page
# carries.
LISTING_BODY_CLASSES = {
    "error404": "not-found",
    "search-results": "search results",
    "search": "search results",
    "archive": "archive",
    "category": "category",
    "tag": "tag",
    "author": "author",
    "date": "date archive",
    "tag-template": "tag",  # Ghost's
    "author-template": "author",
}
SINGLE_BODY_CLASSES = frozenset({"single", "singular", "single-post", "page", "page-template", "attachment"})

# A title or headline saying the page was not found, in the languages the dates are read in.
NOT_FOUND_TITLE = (
    r"page\s+not\s+found|404\s+(?:error|not\s+found)|error\s+404|not\s+found\s*[|–—-]"
    r"|(?:seite|artikel)\s+(?:wurde\s+)?nicht\s+gefunden|fehler\s+404"
    r"|page\s+(?:introuvable|non\s+trouvée)|erreur\s+404"
    r"|página\s+no\s+encontrada|página\s+não\s+encontrada|pagina\s+non\s+trovata|pagina\s+niet\s+gevonden"
    r"|страница\s+не\s+найдена|sayfa\s+bulunamadı"
)
# A short text saying the article is gone, moved or not found: a page, article or story, then what
# happened to it, or "we could not find the page".
GONE_TEXT = (
    r"(?:page|article|story|content|seite|artikel|beitrag|contenu|página|artículo|contenido|pagina|"
    r"articolo|contenuto|страница|статья)\b[^.!?]{0,60}?\b(?:has\s+been\s+(?:re)?moved|has\s+moved"
    r"|(?:is|was)\s+no\s+longer\s+(?:available|online)|no\s+longer\s+exists|(?:could\s+not|couldn't|"
    r"cannot|can't)\s+be\s+found|was\s+not\s+found|does\s+not\s+exist|doesn't\s+exist"
    r"|(?:ist|wurde)\s+nicht\s+(?:mehr\s+)?(?:verfügbar|gefunden)|existiert\s+nicht"
    r"|n'est\s+plus\s+disponible|n'existe\s+(?:pas|plus)|ya\s+no\s+está\s+disponible|no\s+existe"
    r"|non\s+è\s+più\s+disponibile|non\s+esiste|не\s+найдена|удалена)"
    r"|(?:could\s+not|couldn't|cannot|can't)\s+find\s+(?:the|this|that)\s+page"
    r"|(?:konnten|können)\s+(?:wir\s+)?(?:die|diese)\s+(?:angeforderte\s+)?seite\s+nicht\s+finden"
    r"|la\s+page\s+que\s+vous\s+(?:recherchez|cherchez|demandez)"
)
# A title or headline of search results.
SEARCH_TITLE = (
    r"search\s+results|results\s+for\s|suchergebnisse|résultats\s+de\s+(?:la\s+)?recherche"
    r"|resultados\s+de\s+(?:la\s+)?búsqueda|risultati\s+(?:della\s+)?ricerca|результаты\s+поиска"
)
# A consent dialog's sentences (the IAB framework's, which most consent pages print) and buttons.
CONSENT_TEXT = (
    r"store\s+and/or\s+access\s+information\s+on\s+a\s+device|we\s+value\s+your\s+privacy"
    r"|we\s+and\s+our\s+\d*\s*partners|personali[sz]ed\s+ads\s+and\s+content|accept\s+all(?:\s+cookies)?"
    r"|manage\s+(?:your\s+)?(?:cookie\s+)?(?:preferences|settings|options)|reject\s+all"
    r"|wir\s+und\s+unsere\s+\d*\s*partner|alle\s+akzeptieren|nous\s+et\s+nos\s+\d*\s*partenaires"
    r"|tout\s+accepter|aceptar\s+todo|accetta\s+tutto|legitimate\s+interest"
)
# Substrings that every CONSENT_TEXT phrase holds one of (lower case): a paragraph without any is not
# searched with the phrases (searching every paragraph cost 1.2 ms a page).
CONSENT_HINTS = (
    "and/or access", "privacy", "partner", "parten", "ads and content", "accept", "akzept", "acept", "accett",
    "manage", "reject all", "legitimate",
)  # fmt: skip
# A subscription or sign-in wall's offer and buttons.
WALL_TEXT = (
    r"subscribe\s+now|already\s+a\s+subscriber|for\s+subscribers\s+only|subscribers\s+only"
    r"|unlimited\s+(?:digital\s+)?access|cancel\s+any\s?time|to\s+continue\s+reading|sign\s+in\s+to\s+continue"
    r"|log\s+in\s+to\s+continue|create\s+(?:an|a\s+free)\s+account|register\s+for\s+free|don't\s+have\s+an\s+account"
    r"|already\s+have\s+an\s+account|jetzt\s+abonnieren|bereits\s+abonnent|abonnez-vous|déjà\s+abonné"
    r"|suscríbete|ya\s+eres\s+suscriptor|abbonati|sei\s+già\s+abbonato"
)
# Substrings that every WALL_TEXT phrase holds one of (lower case), as CONSENT_HINTS.
WALL_HINTS = (
    "subscri",
    "unlimited",
    "cancel any",
    "continue",
    "account",
    "register",
    "abonn",
    "suscr",
    "abbonat",
)
