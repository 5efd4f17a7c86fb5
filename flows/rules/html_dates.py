"""Words that label a date written in a page: what the date is (publication or update).

Used by ``flows.html_dates`` to read a printed dateline. Lower case; matched case-insensitively.
"""

from __future__ import annotations

# A date right after one of these is an update, not the publication: the dateline looks past it.
# ("Stand" — German "as of" — is not here: news sites print their first publication that way too.)
UPDATE_WORDS = (
    "updated",
    "update",
    "modified",
    "edited",
    "revised",
    "aktualisiert",
    "geändert",
    "letzte änderung",
    "mis à jour",
    "actualizado",
    "aggiornato",
    "bijgewerkt",
    # The scripts whose written dates are read too (Russian, Ukrainian, Arabic "update" and "updated",
    # Hebrew, Hindi, Persian, Turkish, Azerbaijani, Japanese and Chinese): "Обновлено: 13 октября 2022",
    # "آخر تحديث 13 أكتوبر 2022", "更新日：2022年10月13日" are no publication.
    "обновлено",
    "обновлён",
    "обновлен",
    "оновлено",
    "تحديث",
    "محدث",
    "עודכן",
    "अपडेट",
    "بروزرسانی",
    "به‌روزرسانی",
    "güncelleme",
    "güncellendi",
    "yenilənib",
    "更新",
)

# Class words (split at spaces, hyphens and underscores) of a ``<time datetime>`` that holds the last
# update: WordPress's "updated", "date-modified", "last-updated", "dateModified" lower-cased. Not "update"
# alone: a live blog's "live-update" times its entries.
MODIFIED_TIME_WORDS = frozenset({"updated", "modified", "datemodified", "lastmod", "lastmodified"})

# A date right after one of these (with "on", "am", "le", ":"...) is the publication, said in words.
# When a page has no structured date and no dateline under its headline, such a labelled date anywhere
# in its text is read before htmldate's whole-page search (which takes e.g. the "last change" date
# printed before it).
PUBLISHED_WORDS = (
    "published",
    "posted",
    "written",
    "veröffentlicht",
    "erschienen",
    "erstellt",
    "publié",
    "publiée",
    "publicado",
    "publicada",
    "pubblicato",
    "gepubliceerd",
    # Persian "publication date" and "published", Arabic "publication date" ("تاریخ انتشار: ۲۰ مهر ۱۴۰۱")
    "تاریخ انتشار",
    "منتشر شده",
    "تاريخ النشر",
)
# The little words between the label and the date.
LABEL_JOINERS = ("on", "am", "le", "el", "il", "em", "at", "op", "den")

# Class or id words of the parts of a page that date other things than the article: readers' comments,
# sidebars and widgets, lists of related, recommended or most-read stories. Their dates are not the
# article's (a review: an undated page took its first comment's day, a "Most read" list's, a related
# story's). Matched at the start of a class token, so "no-sidebar" (a layout switch) is not one; a
# byline, also furniture to the body extractor, is not one either: it holds the article's own date.
# Not "widget": Blogger's post is a "widget Blog". An element that also names content ("content-area
# sidebar") or holds a headline is not one either (``html_furniture.dates_other_things``).
OTHER_DATES_CLASS = (
    r"(?:^|\s)(?:comments?|commentlist|comment-(?:list|area|body|meta|content|respond|section)|disqus|sidebar|"
    r"side-bar|related|recommend(?:ed|ations?)?|most-(?:read|popular|viewed|shared)|popular|trending|"
    r"more-(?:stories|news|from)|recent-(?:posts|stories|news|articles|comments)|read-next|up-next|recirc)"
    r"(?=$|[\s_-])"  # a whole word: "commentary-meta" and "popularity" are none of these (review)
)
