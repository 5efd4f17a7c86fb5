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
# How a cut-off body ends: an ellipsis or a call to subscribe or to keep reading elsewhere.
TRUNCATION_END = re.compile(
    r"(?:\.\.\.|…|\[\.\.\.\]|\(\.\.\.\)|read more|continue reading|read the full (?:story|article)|"
    r"subscribe (?:now |today )?to (?:read|continue)|to continue reading|this article is for subscribers"
    r"|already a subscriber\??|sign in to read|log in to continue)\W*$",
    re.I,
)
