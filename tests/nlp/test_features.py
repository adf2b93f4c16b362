import numpy as np

from herald.nlp.classifier import shared_featurizer
from herald.nlp.features import (
    DENSE_FEATURES,
    DIM,
    HASH_DIM,
    char_ngram_indices,
    dense_index,
    word_index,
)


def _dense(text: str, lang: str) -> dict[str, float]:
    f = shared_featurizer().extract(text, lang)
    return {
        DENSE_FEATURES[i - HASH_DIM]: float(v)
        for i, v in zip(f.indices, f.values, strict=True)
        if i >= HASH_DIM
    }


def test_hash_is_stable_across_processes() -> None:
    # Fixed values: a change here silently invalidates every shipped model.
    assert word_index("w|merhaba") == 464926
    assert [int(i) for i in char_ngram_indices("ab")[:3]] == [331204, 673968, 901251]


def test_indices_stay_in_range() -> None:
    f = shared_featurizer().extract("Merhaba dünya! 😍 http://x.co @user 123", "tr")
    assert f.indices.min() >= 0
    assert f.indices.max() < DIM
    assert f.indices.dtype == np.int64


def test_turkish_verbal_negation_flips_a_positive_stem() -> None:
    dense = _dense("bu ürünü beğenmedim", "tr")
    assert dense.get("sentiment_pos_negated", 0) > 0
    assert "sentiment_pos" not in dense


def test_negator_scope_ends_at_punctuation() -> None:
    dense = _dense("not nice, but great", "en")
    assert dense.get("sentiment_pos_negated", 0) > 0
    assert dense.get("sentiment_pos", 0) > 0


def test_spanish_phrase_and_target() -> None:
    dense = _dense("eres un hijo de puta", "es")
    assert dense["insult"] > 0
    assert dense["insult_targeted"] > 0


def test_emoji_polarity_counts() -> None:
    dense = _dense("😍😍 😡", "tr")
    assert dense["emoji_pos"] > dense["emoji_neg"] > 0


def test_empty_text_has_features_in_range() -> None:
    f = shared_featurizer().extract("", "en")
    assert len(f.indices) == len(f.values)
    assert dense_index("length") == HASH_DIM + DENSE_FEATURES.index("length")


def test_word_block_weighting_leaves_the_rest_alone() -> None:
    f = shared_featurizer().extract("merhaba dünya", "tr")
    scaled = f.weighted(0.5)
    assert f.n_word > 0
    assert np.allclose(scaled[: f.n_word], f.values[: f.n_word] * 0.5)
    assert np.array_equal(scaled[f.n_word :], f.values[f.n_word :])
    assert f.weighted(1.0) is f.values


def test_turkish_degil_negates_the_word_before_it_only() -> None:
    dense = _dense("film güzel değil ama oyuncular harika", "tr")
    assert dense["sentiment_pos_negated"] == np.float32(np.log1p(1))
    assert dense["sentiment_pos"] == np.float32(np.log1p(1))


def test_turkish_hic_reinforces_a_negative_verb_without_flipping_it() -> None:
    # "hiç beğenmiyorum": the verb carries the negation; "hiç" must not flip it back.
    dense = _dense("bu markayı hiç beğenmiyorum", "tr")
    assert dense.get("sentiment_pos_negated", 0) > 0
    assert "sentiment_pos" not in dense


def test_turkish_infinitive_is_not_a_negation() -> None:
    dense = _dense("bu ürünü beğenmek kolay", "tr")
    assert dense["sentiment_pos"] > 0
    assert "sentiment_pos_negated" not in dense


def test_a_masked_insult_is_one_token_and_counts_as_an_insult() -> None:
    features = shared_featurizer().extract("eres un c*brón, y tú un p*to", "es")
    assert "c*bron" in features.tokens
    assert "p*to" in features.tokens
    dense = _dense("eres un c*brón, y tú un p*to", "es")
    assert dense["insult_targeted"] > 0
    # Asterisks around a word (emphasis) or between numbers are not masks.
    assert shared_featurizer().extract("*great* news", "en").tokens == ("great", "news")
