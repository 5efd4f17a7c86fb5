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
)

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
)
# The little words between the label and the date.
LABEL_JOINERS = ("on", "am", "le", "el", "il", "em", "at", "op", "den")
