"""The peers the classifiers are compared with: a plain word list and a plain n-gram model."""

import pytest

from herald.nlp.classifier import shared_featurizer

pytest.importorskip("sklearn")


@pytest.mark.parametrize(
    ("task", "text", "lang", "expected"),
    [
        ("offensive", "shut up you stupid idiot", "en", "offensive"),
        ("offensive", "joder qué calor hace hoy", "es", "offensive"),  # swearing is all it sees
        ("offensive", "Mañana presentamos el informe anual", "es", "not"),
        ("sentiment", "I love this, great job", "en", "positive"),
        ("sentiment", "not bad at all", "en", "negative"),  # a list knows no negation
        ("sentiment", "Kargom gelmedi, rezalet", "tr", "negative"),
        ("sentiment", "The meeting is at ten", "en", "neutral"),
    ],
)
def test_the_word_list_peer_sees_words_not_context(
    task: str, text: str, lang: str, expected: str
) -> None:
    from training.baselines import word_list_label

    featurizer = shared_featurizer()
    features = featurizer.extract(text, lang)
    assert word_list_label(task, features, featurizer.lexicon.emoji_polarity) == expected


def test_peer_scores_are_per_language_dev_macro_f1() -> None:
    from training.baselines import peer_baselines
    from training.data import Example

    def rows(lang: str, n: int) -> list[Example]:
        scam = [f"WIN a free prize {i}, claim now at prize.example" for i in range(n)]
        ham = [f"see you at dinner tonight, table for {i}" for i in range(n)]
        return [Example(t, "scam", lang, "test") for t in scam] + [
            Example(t, "ham", lang, "test") for t in ham
        ]

    train = rows("en", 30)
    dev = [
        *rows("en", 3),
        # Grouped by the language column alone; the second row is mislabelled on purpose.
        Example("WIN a free prize 99, claim now at prize.example", "scam", "es", "test"),
        Example("see you at dinner tonight, table for 99", "scam", "es", "test"),
    ]
    featurizer = shared_featurizer()
    features = [featurizer.extract(r.text, r.lang) for r in train]
    scores = peer_baselines("scam", (train, dev), features, featurizer, c=1.0)
    assert set(scores) == {"en", "es"}
    assert scores["en"]["plain_ngrams"] == 1.0
    # Spanish: both gold rows are "scam"; the model calls the dinner row ham.
    assert scores["es"]["plain_ngrams"] == pytest.approx(1 / 3, abs=1e-3)
