import numpy as np
import pytest

from herald.nlp.batch import classify_batch, language_of
from herald.nlp.classifier import load_classifier, shared_featurizer
from herald.nlp.features import char_ngram_indices, char_ngram_indices_batch

TEXTS = [
    ("tr", "Kargom hâlâ gelmedi, müşteri hizmetleri cevap vermiyor. Rezalet!"),
    ("tr", "Dün akşam maçı öldürdük, tebrikler takım 💪"),
    ("tr", "şerefsizler, hepiniz salaksınız"),
    ("es", "¡Gracias a todos por venir al evento! Fue increíble 🎉"),
    ("es", "Eres un imbécil, no sabes de lo que hablas"),
    ("en", "Worst customer service ever, still waiting for a refund"),
    ("en", "shut up you stupid idiot"),
    ("en", "Fuuuuck youuuu"),
    ("other", "Wir stellen morgen unser neues Produkt vor"),
    ("en", ""),
    ("en", "a"),
    ("tr", "😍"),
]


def test_batch_char_ngrams_equal_one_text_at_a_time() -> None:
    texts = [t for _, t in TEXTS] + ["ab", " "]
    for text, batch in zip(texts, char_ngram_indices_batch(texts), strict=True):
        assert np.array_equal(batch, char_ngram_indices(text)), text
    assert char_ngram_indices_batch([]) == []


def test_batch_features_equal_one_text_at_a_time() -> None:
    featurizer = shared_featurizer()
    batch = featurizer.extract_batch([t for _, t in TEXTS], [lang for lang, _ in TEXTS])
    for (lang, text), features in zip(TEXTS, batch, strict=True):
        single = featurizer.extract(text, lang)
        assert np.array_equal(features.indices, single.indices)
        assert np.array_equal(features.values, single.values)
        assert features.hits == single.hits


@pytest.mark.parametrize("task", ["offensive", "sentiment", "scam"])
def test_batch_predictions_equal_one_text_at_a_time(task: str) -> None:
    classifier = load_classifier(task)
    featurizer = shared_featurizer()
    features = [featurizer.extract(text, lang) for lang, text in TEXTS]
    langs = [lang for lang, _ in TEXTS]
    batch = classifier.predict_batch(features, langs)
    for f, lang, prediction in zip(features, langs, batch, strict=True):
        single = classifier.predict_features(f, lang)
        assert prediction.label == single.label
        assert prediction.scores == pytest.approx(single.scores, abs=2e-4)


def test_classify_batch_detects_languages_and_labels_insults() -> None:
    results = classify_batch([t for _, t in TEXTS])
    assert [r.lang for r in results[:7]] == ["tr", "tr", "tr", "es", "es", "en", "en"]
    labels = [r.predictions["offensive"].label for r in results]
    assert labels[2] == labels[4] == labels[6] == labels[7] == "offensive"
    assert labels[1] == labels[3] == "not"  # "maçı öldürdük" is sports slang
    assert results[5].predictions["sentiment"].label == "negative"
    assert results[3].predictions["sentiment"].label == "positive"
    assert set(results[0].predictions) == {"offensive", "sentiment"}


def test_classify_batch_uses_given_languages() -> None:
    [result] = classify_batch(["shut up you idiot"], tasks=("scam",), langs=["es"])
    assert result.lang == "es"
    assert set(result.predictions) == {"scam"}


def test_classify_batch_of_nothing_is_empty() -> None:
    assert classify_batch([]) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tasks": ("toxicity",)}, "unknown task"),
        ({"langs": ["de"]}, "unknown language"),
        ({"langs": ["en", "tr"]}, "1 texts but 2 languages"),
    ],
)
def test_classify_batch_rejects_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classify_batch(["hello there"], **kwargs)  # type: ignore[arg-type]


def test_short_text_falls_back_to_one_of_our_languages() -> None:
    assert language_of("ok") in ("tr", "es", "en")
