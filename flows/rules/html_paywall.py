"""Rules (data only) that mark a page as paywalled or its body as a teaser (html_metadata, extract_html)."""

from __future__ import annotations

import re

# Class/id fragments of containers that replace or cover the article for non-subscribers. Generic
# words like "premium" or "subscribe" are left out: newsletter boxes use them on free pages.
PAYWALL_CLASSES = (
    "paywall",
    "pay-wall",
    "regwall",
    "subscriber-only",
    "subscribers-only",
    "article-locked",
    "locked-content",
    "content-locked",
    "piano-inline-offer",
    "meteredcontent",
    "premium-lock",
    "snippet-promotion",  # the "continue reading with a subscription" box of common news CMSs
)
# ``article:content_tier`` values (OpenGraph) that say the content is not free.
PAYWALL_META = frozenset({"locked", "metered", "premium"})
# How a cut-off body ends: a call to keep reading elsewhere or to subscribe (always a sign) ...
CONTINUE_END = re.compile(
    r"(?:read more|continue reading|read the full (?:story|article)"
    r"|(?<![\s.!?:;»«“”\"')])\s+(?:more|mehr)\s*(?:\.\.\.|…)"  # "... avenue to more…", not "It opens. mehr..."
    r"|weiterlesen|lire la suite|leer más|subscribe (?:now |today )?to (?:read|continue)|to continue reading"
    r"|this article is for subscribers|already a subscriber\??|sign in to read|log in to continue)\W*$",
    re.I,
)
# ... or an ellipsis, which only marks a teaser on a short body (lists and quotes end in one too).
ELLIPSIS_END = re.compile(r"(?:\.\.\.|…|\[\.\.\.\]|\(\.\.\.\))\W*$")
ELLIPSIS_MAX_WORDS = 300
# A "more..." link after a finished sentence ("... eröffnen. mehr..."): a teaser list's label, not a cut.
MORE_LABEL = re.compile(r"(?<=[.!?\"“”»])\s+(?:more|mehr|plus|más)\s*(?:\.\.\.|…)\W*$", re.I)
# ... and only at the end of running text: a short closing line ("Weitere Termine folgen in Kürze…",
# "To be continued...") ends in an ellipsis by intent.
ELLIPSIS_MIN_LAST_WORDS = 10
