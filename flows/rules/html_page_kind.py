"""Rules (data only) for telling pages that are no article from articles; the code is html_page_kind.py.

Every phrase here is the wording of a page's own furniture (a not-found notice, a consent dialog, a
subscription offer), not of news prose, and is matched case-insensitively.
"""

from __future__ import annotations

from .html_metadata import ARTICLE_TYPES

# schema.org types that say the page is one article: the metadata's article types but the generic
# WebPage and CreativeWork, and a social media post.
DECLARED_ARTICLE_TYPES = ARTICLE_TYPES - {"webpage", "creativework", "socialmediaposting"}
# schema.org types of a page that lists or shows other things.
LISTING_TYPES = frozenset({"collectionpage", "searchresultspage", "profilepage"})
# OpenGraph types of a video or audio page (an embedded player's JSON-LD VideoObject says nothing).
MEDIA_OG_TYPES = ("video", "music")
MEDIA_TYPES = frozenset({"podcastepisode", "audioobject"})

# WordPress's and Ghost's <body> classes. A listing needs its kind's own class beside the generic one
# ("archive category", "search search-results"): a newspaper's "archive article-page" is an article from
# its archive (found by review).
LISTING_BODY_CLASSES = (
    ({"search", "search-results"}, "search results"),
    ({"search", "search-no-results"}, "search results"),
    ({"archive", "category"}, "category"),
    ({"archive", "tag"}, "tag"),
    ({"archive", "author"}, "author"),
    ({"archive", "date"}, "date archive"),
    ({"archive", "post-type-archive"}, "archive"),
    ({"home", "blog"}, "home"),
    ({"tag-template"}, "tag"),
    ({"author-template"}, "author"),
)
SINGLE_BODY_CLASSES = frozenset(
    {"single", "singular", "single-post", "page", "page-template", "attachment", "post-template"}
)

# A title segment (before the site's name) or a headline that is nothing but a not-found notice.
NOT_FOUND_NOTICE = (
    r"\W*(?:(?:oops|sorry|error|fehler|erreur|hoppla|ups|oups|упс|ошибка)\W*)?(?:404\W*)?"
    r"(?:page|seite|pagina|página|страница|strony)?\W*"
    r"(?:not\s+found|nicht\s+gefunden|introuvable|inexistante|non\s+trouvée|no\s+encontrada|não\s+encontrada|"
    r"non\s+trovata|niet\s+gevonden|не\s+найдена|bulunamadı)\W*(?:\(?404\)?)?\W*"
    r"|\W*nie\s+znaleziono\s+strony\W*|\W*такой\s+страницы\s+нет\W*|\W*ページが見つかりません\W*"
    r"|\W*الصفحة\s+غير\s+موجودة\W*"
    r"|\W*(?:error|fehler|erreur|ошибка)?\W*404(?:\W+(?:error|fehler|erreur|not\s+found))?\W*"
    # ... or that it is not available: "Page not available", "This page isn’t available", "Content
    # unavailable", "Error: página no disponible" (a review found such pages loaded).
    r"|\W*(?:(?:sorry|error|fehler|erreur)\W*)?(?:(?:this|diese|cette|esta|questa)\s+)?"
    r"(?:(?:page|content|article|story|service|seite|inhalt|artikel|contenu|página|contenido|pagina|"
    r"contenuto)\s+)?(?:is\s+)?(?:temporarily\s+)?(?:(?:not|no\s+longer|isn['’]t)\s+available|unavailable|"
    r"nicht\s+(?:mehr\s+)?verfügbar|indisponible|non\s+disponible|no\s+(?:está\s+)?disponible|"
    r"non\s+(?:è\s+)?disponibile)\W*"
)
# What a not-found or not-available page says to its reader beside its notice: an apology, a way on
# (a second review found outage briefs headlined "Service unavailable", a quoted "Page not available"
# and a film called "Not Found" rejected by their headline alone).
NOTICE_HELP = (
    r"(?:(?:^|[.!?]\s+)(?:we['’]re\s+|we\s+are\s+)?sorry\b|\bwe\s+apologi[sz]e|\boops|\btry\s+(?:again|searching|"
    r"the\s+search|our)|\bsearch\s+(?:box|bar)"
    r"|(?:go|return|back)\s+to\s+(?:the|our)\s+home\s*page|visit\s+our\s+home\s*page|the\s+link\s+you\s+"
    r"(?:followed|clicked|used)|(?:check|mistyped)\s+the\s+(?:url|address|link)|broken\s+link"
    r"|leider|versuchen\s+sie|zur\s+startseite|désolé|essayez|page\s+d['’]accueil|lo\s+sentimos|intente|"
    r"enlace\s+(?:esté\s+)?roto|página\s+de\s+inicio|ci\s+dispiace|riprova|pagina\s+iniziale|"
    r"przepraszamy|stron[aęy]\s+główn|извините|на\s+главную|申し訳|トップページ|عذرا|الصفحة\s+الرئيسية|"
    r"página\s+inicial|browse\s+our\s+latest)"
)
# Reporting: a brief whose headline is a notice ("Service unavailable") quotes and attributes; a
# notice page does neither (a third review's outage and pharmacy briefs were rejected).
REPORTING = (
    r"\b(?:said|says|told|according\s+to|spokes(?:man|woman|person)|sagte|erklärte|a\s+déclaré|selon|dijo|"
    r"según|ha\s+detto|secondo)\b|[“”«»„]|\"\w"
)
# A short text telling the reader that what they asked for is not here (reader-addressed: a news brief
# that "the page was no longer available" is reporting, found by review).
GONE_TEXT = (
    r"\b(?:page|article|story|content)\s+you(?:\s+are|['’]re|\s+were)?\s+(?:requested|looking\s+for|"
    r"tried\s+to\s+(?:reach|access|open))"
    r"|\bwe\s+(?:could\s+not|couldn['’]t|cannot|can['’]t)\s+find\s+(?:the|this|that)\s+page"
    # "Oops! That page can’t be found." (WordPress's default), "This page doesn’t exist" (review)
    r"|\bpage\s+(?:can['’]t|cannot|could\s+not|couldn['’]t)\s+be\s+found"
    r"|\b(?:this|that|the)\s+page\s+(?:doesn['’]t|does\s+not|no\s+longer)\s+exists?\b"
    r"|\bdie\s+gesuchte\s+seite"
    r"|\b(?:konnten|können)\s+(?:wir\s+)?(?:die|diese)\s+seite\s+nicht\s+finden"
    r"|\bla\s+page\s+que\s+vous\s+(?:recherchez|cherchez|demandez|avez\s+demandée)"
    r"|\bla\s+página\s+que\s+(?:buscas|busca|has\s+solicitado|solicitaste)"
    r"|\bla\s+pagina\s+che\s+(?:cerchi|stai\s+cercando|hai\s+richiesto)"
)
# A title segment of search results: the words, then the query in quotes or after a colon ("Search
# results for MH370 wreckage to be reviewed" is a headline, found by review).
SEARCH_TITLE = (
    r"\W*(?:search\s+results?\s+for\s*[:“\"'‘«]|search\s+results?\s*:|you\s+searched\s+for\s*[:“\"'‘«]"
    r"|suchergebnisse\s*(?:für\s*)?[:„“\"'«]"
    r"|résultats?\s+de\s+(?:la\s+)?recherche\s*(?:pour\s*)?[:«“\"']|resultados\s+de\s+(?:la\s+)?búsqueda\s*"
    r"(?:para\s*)?[:«“\"']|risultati\s+(?:della\s+)?ricerca\s*(?:per\s*)?[:«“\"'])"
)
# A consent dialog's own sentences and buttons, which reporting on consent rarely copies word for word
# ("accept all" and "legitimate interest" are quoted in such reports, and are not here).
CONSENT_TEXT = (
    r"store\s+and/or\s+access\s+information\s+on\s+a\s+device|we\s+value\s+your\s+privacy"
    r"|with\s+your\s+permission\s+we\s+and\s+our\s+partners|click\s+to\s+consent|change\s+your\s+preferences"
    r"|we\s+and\s+our\s+\d+\s+partners|personali[sz]ed\s+ads\s+and\s+content,\s+ad\s+and\s+content\s+measurement"
    r"|manage\s+(?:your\s+)?(?:cookie\s+)?(?:preferences|settings|options)|accept\s+all\s+cookies"
    r"|wir\s+und\s+unsere\s+\d+\s+partner|alle\s+akzeptieren|nous\s+et\s+nos\s+\d+\s+partenaires"
    r"|tout\s+accepter|aceptar\s+todo|accetta\s+tutto"
)
# Substrings that every CONSENT_TEXT phrase holds one of (lower case): a body without any is not
# searched with the phrases (searching every paragraph cost 1.2 ms a page).
CONSENT_HINTS = ("and/or access", "privacy", "partner", "parten", "ads and content", "manage", "accept", "akzept",
                 "acept", "accett", "consent", "preferences")  # fmt: skip
# A subscription or sign-in wall's buttons and prompts (not "cancel anytime" or "unlimited access",
# which price-rise stories quote).
WALL_TEXT = (
    r"subscribe\s+now|already\s+a\s+subscriber|for\s+subscribers\s+only|to\s+continue\s+reading"
    r"|(?:sign|log)\s+in\s+to\s+continue|register\s+for\s+free|create\s+a\s+free\s+account"
    r"|don't\s+have\s+an\s+account|already\s+have\s+an\s+account|jetzt\s+abonnieren|bereits\s+abonnent"
    r"|déjà\s+abonné|ya\s+eres\s+suscriptor|sei\s+già\s+abbonato|don['’]t\s+have\s+an\s+account"
)
# A title segment or headline that is nothing but a sign-in, registration or subscription prompt ("Sign
# in", "Register to continue", "Article réservé aux abonnés"); a review found such pages loaded.
WALL_TITLE = (
    r"\W*(?:(?:sign|log)\s*(?:in|on)|login|register|sign\s+up|subscribe|create\s+(?:an|your|a\s+free)\s+account"
    r"|(?:subscribe|sign\s+in|log\s+in|register|sign\s+up)\s+(?:now\s+)?to\s+(?:continue|keep)(?:\s+reading)?"
    r"|(?:subscribe|sign\s+in|log\s+in|register)\s+to\s+read(?:\s+(?:this|the|more)(?:\s+(?:article|story))?)?"
    r"|(?:this\s+)?(?:article|story|content)\s+(?:is\s+)?(?:for|exclusive\s+to)\s+subscribers(?:\s+only)?"
    r"|subscribers?\s+only|subscription\s+required"
    r"|anmelden|einloggen|registrieren|jetzt\s+abonnieren|weiterlesen\s+mit\s+\S.{0,40}"
    r"|(?:nur|exklusiv)\s+für\s+abonnenten|connexion|se\s+connecter|s['’]identifier|abonnez-vous|créer\s+un\s+compte"
    r"|(?:article|contenu)\s+réservé\s+aux\s+abonnés|iniciar\s+sesión|inicia\s+sesión|regístrate|suscríbete"
    r"|(?:contenido|artículo)\s+(?:exclusivo\s+)?para\s+suscriptores|accedi|registrati|abbonati"
    r"|(?:articolo|contenuto)\s+riservato\s+agli\s+abbonati)\W*"
)
# A consent dialog's buttons ("Accept All Cookies", "Reject all", "Allow selection"), as short paragraphs
# on a page whose dialog lost the classes that cut it as furniture.
CONSENT_BUTTON = (
    r"\b(?:accept|allow|reject|decline|refuse|deny|agree|necessary|essential|settings|preferences|accepter|"
    r"refuser|paramétrer|paramètres|akzeptieren|zustimmen|ablehnen|einstellungen|aceptar|rechazar|"
    r"configurar|accetta|rifiuta|impostazioni)\b"
)
WALL_HINTS = ("subscri", "continue", "account", "register", "abonn", "suscr", "abbonat")
