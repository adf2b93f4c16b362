"""Crisis constructions per language, and the jokes that borrow their words."""

from __future__ import annotations

import pytest

from herald.nlp.crisis import crisis_cues


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Verilerim sızdırılmış, avukatıma gidiyorum, BDDK'ya da yazdım", "tr", {"avukat", "bddk"}),
        ("Şubeyi başına yıkarım, yemin ederim", "tr", {"basina yikarim"}),
        ("Me vaciaron la cuenta, voy al Banco de España", "es", {"banco de españa"}),
        ("si ese gerente me vuelve a hablar así le rompo la cara", "es", {"le rompo la cara"}),
        (
            "There is a gas leak in your branch and staff told us to keep queueing",
            "en",
            {"gas leak"},
        ),
        ("I'm filing in small claims court tomorrow", "en", {"small claims"}),
    ],
)
def test_crisis_constructions_are_found(text: str, lang: str, expected: set[str]) -> None:
    assert expected <= set(crisis_cues(text, lang).constructions)


@pytest.mark.parametrize(
    ("text", "lang", "joke"),
    [
        ("this update is explosive 🔥", "en", "explosive"),
        ("gülmekten öldüm bu reklama", "tr", "gulmekten oldum"),
        ("me muero de risa con el anuncio jajaja", "es", "me muero de risa"),
    ],
)
def test_jokes_are_marked(text: str, lang: str, joke: str) -> None:
    assert joke in crisis_cues(text, lang).jokes


def test_ordinary_messages_have_no_crisis_words() -> None:
    cues = crisis_cues("Hi, how do I change my address in the app?", "en")
    assert cues.constructions == ()
    assert cues.jokes == ()


def test_an_unknown_language_is_read_with_every_list() -> None:
    assert "avukat" in crisis_cues("avukat", "other").constructions
