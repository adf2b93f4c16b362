import pytest

from herald.nlp.lexicons import load_lexicon


@pytest.mark.parametrize(
    ("lang", "token", "category"),
    [
        ("tr", "salaklar", "insult"),
        ("tr", "serefsizler", "insult"),
        ("es", "idiotas", "insult"),
        ("en", "idiots", "insult"),
        ("tr", "rezalet", "sentiment_neg"),
        ("es", "encanta", "sentiment_pos"),
    ],
)
def test_lookup_with_stems(lang: str, token: str, category: str) -> None:
    entry = load_lexicon().for_language(lang).lookup(token)
    assert entry is not None
    assert category in entry[1]


@pytest.mark.parametrize(
    "token",
    # Ordinary words that the raw word lists would have flagged once folded.
    ["ama", "am", "mal", "ana", "siki", "sikici", "dolu", "adi", "sikayet", "yaram"],
)
def test_reviewed_lexicon_leaves_ordinary_turkish_words_alone(token: str) -> None:
    entry = load_lexicon().for_language("tr").lookup(token)
    assert entry is None or not {"insult", "profanity"} & set(entry[1])


def test_sources_are_credited() -> None:
    names = " ".join(s["name"] for s in load_lexicon().sources)
    assert "turkce-kufur-karaliste" in names
    assert "Shutterstock" in names
