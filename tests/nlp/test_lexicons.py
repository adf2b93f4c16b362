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


@pytest.mark.parametrize(
    ("lang", "token", "term"),
    [
        ("en", "fuuckk", "fuck*"),  # our stem: the public list's exact entry is folded in
        ("en", "shiit", "shit*"),
        ("tr", "ulaan", "ulan"),
        ("es", "cabroon", "cabron"),
    ],
)
def test_stretched_insults_and_swearing_are_found(lang: str, token: str, term: str) -> None:
    entry = load_lexicon().for_language(lang).lookup(token)
    assert entry is not None
    assert entry[0] == term


@pytest.mark.parametrize(
    ("lang", "token"),
    # Real double letters: read as stretched they would become "hata", "yara…", "lose".
    [("tr", "hatta"), ("tr", "yaratti"), ("en", "loose"), ("en", "cherry")],
)
def test_words_with_real_double_letters_are_not_unstretched(lang: str, token: str) -> None:
    assert load_lexicon().for_language(lang).lookup(token) is None


@pytest.mark.parametrize(
    ("lang", "token", "term", "category"),
    [
        ("es", "c*bron", "cabron", "insult"),
        ("es", "p*tos", "putos", "insult"),
        ("en", "f**k", "fuck*", "profanity"),
        ("en", "sh*t", "shit*", "profanity"),
        ("tr", "s*ktir", "siktir*", "insult"),  # "siktir (git)": aimed at someone
    ],
)
def test_masked_insults_and_swearing_are_found(
    lang: str, token: str, term: str, category: str
) -> None:
    entry = load_lexicon().for_language(lang).lookup(token)
    assert entry is not None
    assert entry[0] == term
    assert category in entry[1]


@pytest.mark.parametrize(
    ("lang", "token"),
    # Too little shown to read, or no insult behind the mask.
    [("en", "f***"), ("es", "***"), ("en", "gr*at"), ("es", "c*sa")],
)
def test_masks_match_only_insults_with_enough_letters_shown(lang: str, token: str) -> None:
    assert load_lexicon().for_language(lang).lookup(token) is None
