"""flows/locales.py: one check for every place that takes a locale."""

from __future__ import annotations

import pytest

from flows.errors import UserError
from flows.locales import check_locale


@pytest.mark.parametrize("locale", [None, "", "en", "en_GB", "en-US", "de-AT", "fr", "pt_BR.UTF-8", "es-419"])
def test_locales_the_parser_reads_pass(locale: str | None) -> None:
    check_locale(locale)


@pytest.mark.parametrize("locale", ["english", "xx", "US", "en-Latn-GB", "e", "en_GB_x"])
def test_other_locales_name_how_to_spell_one(locale: str) -> None:
    with pytest.raises(UserError, match="such as en, en_GB"):
        check_locale(locale)
