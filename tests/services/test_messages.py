from __future__ import annotations

import re

import pytest

from herald.services.messages import MESSAGES, TERMS, Term, message_lang, render


@pytest.mark.parametrize("table", [MESSAGES, TERMS], ids=["messages", "terms"])
def test_every_string_exists_in_three_languages_with_the_same_placeholders(
    table: dict[str, dict[str, str]],
) -> None:
    for key, versions in table.items():
        assert set(versions) == {"en", "tr", "es"}, key
        placeholders = {
            lang: set(re.findall(r"\{(\w+)\}", text)) for lang, text in versions.items()
        }
        assert placeholders["tr"] == placeholders["en"] == placeholders["es"], key


def test_terms_are_translated_inside_messages() -> None:
    assert render("not_found", "tr", what=Term("team"), key="x") == "ekip bulunamadı: x"
    assert render("not_found", "en", what="team", key="x") == "team not found: x"


def test_language_comes_from_herald_lang_then_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("HERALD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert message_lang() == "en"
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert message_lang() == "es"
    monkeypatch.setenv("HERALD_LANG", "tr")
    assert message_lang() == "tr"
