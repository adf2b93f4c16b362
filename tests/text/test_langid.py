from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from herald.text import langid_fast
from herald.text.langid import (
    MAX_CHARS,
    MIN_LETTERS,
    LanguageGuess,
    detect_language,
    words_of,
)
from herald.text.langid_fast import FastLanguageModel, default_model_path, fast_model


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Yarın yeni ürünümüzü tanıtıyoruz, takipte kalın!", "tr"),
        ("Mañana lanzamos nuestro nuevo producto, ¡no te lo pierdas!", "es"),
        ("We are launching our new product tomorrow, stay tuned!", "en"),
        ("Wir stellen morgen unser neues Produkt vor, bleiben Sie dran!", "other"),
        ("Nous lançons notre nouveau produit demain, restez à l'écoute !", "other"),
    ],
)
def test_detects_the_three_languages_and_others(text: str, lang: str) -> None:
    guess = detect_language(text)
    assert guess.lang == lang
    assert guess.reliable


def test_no_letters_is_unreliable_other() -> None:
    guess = detect_language("12345 !!! 🚀")
    assert (guess.lang, guess.reliable) == ("other", False)


def test_very_short_text_is_unreliable() -> None:
    assert not detect_language("ok").reliable


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Mi DNI es 12345678Z y mi IBAN ES9121000418450200051332", "es"),
        ("TC kimlik numaram 10000000146, IBAN TR330006100519786457841326", "tr"),
        ("My card is 4111 1111 1111 1111, email me at ali@example.com", "en"),
    ],
)
def test_identifiers_and_links_do_not_decide_the_language(text: str, lang: str) -> None:
    assert detect_language(text).lang == lang


# The fast first pass (langid.npz) and its gate.

CLEAR_POSTS = [
    ("Kargom hâlâ gelmedi, müşteri hizmetleri cevap vermiyor. Rezalet!", "tr"),
    ("Dün akşam maçı çok güzeldi, tebrikler takım", "tr"),
    ("Toplantı yarın saat 10'da, gündem ekte", "tr"),
    ("El servicio es pésimo, llevo una semana esperando", "es"),
    ("¡Gracias a todos por venir al evento! Fue increíble", "es"),
    ("Eres un imbécil, no sabes de lo que hablas", "es"),
    ("Worst customer service ever, still waiting for a refund", "en"),
    ("Excited to announce our new partnership with @acme!", "en"),
    ("The quarterly report is out, link in bio", "en"),
]

OTHER_POSTS = [
    "Wir stellen morgen unser neues Produkt vor, bleiben Sie dran!",
    "Merci pour votre aide rapide, tout fonctionne maintenant",
    "Che bella giornata al mare con la famiglia",
    "Obrigado a todos que vieram ao evento, foi incrível",
    "Het eten was heerlijk, we komen zeker terug",
    "Quin dia més bonic a la platja amb la família",
    "Sabah yeni məhsulumuzu təqdim edirik, bizi izləməyə davam edin!",
    "Çox sağ ol, qardaş",
]


def _same(a: LanguageGuess, b: LanguageGuess) -> bool:
    """Equal guesses (lingua's confidence may differ in the last bit between calls)."""
    return (a.lang, a.reliable, a.best_supported) == (b.lang, b.reliable, b.best_supported) and (
        a.confidence == pytest.approx(b.confidence)
    )


def _model() -> FastLanguageModel:
    model = fast_model()
    assert model is not None, "the shipped langid.npz is missing"
    return model


@pytest.mark.parametrize(("text", "lang"), CLEAR_POSTS)
def test_clear_posts_take_the_fast_path(text: str, lang: str) -> None:
    score = _model().guess(words_of(text))
    assert score is not None
    assert score.lang == lang
    assert detect_language(text) == LanguageGuess(lang, score.confidence, True, lang)
    assert detect_language(text, fast=False).lang == lang  # lingua agrees


@pytest.mark.parametrize("text", OTHER_POSTS)
def test_other_languages_fall_through_to_lingua(text: str) -> None:
    assert _model().guess(words_of(text)) is None
    assert _same(detect_language(text), detect_language(text, fast=False))
    assert detect_language(text).lang == "other"


@pytest.mark.parametrize("text", ["ok thanks", "gracias", "teşekkürler", "ok", "🚀🚀 12345"])
def test_very_short_text_falls_through(text: str) -> None:
    assert _model().guess(words_of(text)) is None
    assert _same(detect_language(text), detect_language(text, fast=False))


def test_gate_is_at_least_as_strict_as_linguas_reliability() -> None:
    gate = _model().gate
    assert gate.min_letters >= MIN_LETTERS  # a fast answer is always a reliable one
    assert gate.min_words >= 2
    assert gate.min_known >= 0.7
    assert gate.max_foreign == 0


def test_shipped_model_loads_with_the_expected_shape() -> None:
    path = default_model_path()
    assert path.stat().st_size < 2_000_000
    model = FastLanguageModel.load(path)
    assert model.languages == ("tr", "es", "en")
    assert model.log_probs.shape == (1 << model.bits, 3)
    assert model.log_probs.dtype == np.float32
    assert np.all(model.log_probs < 0)
    assert all(len(k) == (1 << model.word_bits) // 8 for k in model.known)
    assert "ş" in model.alphabets[0]
    assert "ñ" in model.alphabets[1]
    assert "ə" not in model.alphabets[0]
    assert model.max_n == 4
    assert [bool(s) for s in model.stems] == [True, False, False]  # Turkish stems only
    assert model.stem_len == 5


def test_saved_model_round_trips(tmp_path: Path) -> None:
    model = _model()
    model.save(tmp_path / "langid.npz")
    again = FastLanguageModel.load(tmp_path / "langid.npz")
    assert again.gate == model.gate
    assert again.known == model.known
    assert again.stems == model.stems
    assert np.array_equal(again.log_probs, model.log_probs)
    for text, _ in CLEAR_POSTS:
        assert again.score(words_of(text)) == model.score(words_of(text))


def test_missing_model_file_means_lingua_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(langid_fast, "default_model_path", lambda: tmp_path / "langid.npz")
    fast_model.cache_clear()
    try:
        assert fast_model() is None
        for text, lang in CLEAR_POSTS[:3]:
            assert _same(detect_language(text), detect_language(text, fast=False))
            assert detect_language(text).lang == lang
    finally:
        monkeypatch.undo()
        fast_model.cache_clear()
    assert fast_model() is not None


_ORIGINAL_NOT_WORDS = regex.compile(r"\S*(?:://|www\.|@|\d)\S*|#")


@given(st.text(alphabet=st.sampled_from("ab é#@1٣:/.w \t\n\x1c\x85\u3000"), max_size=30))
def test_words_of_removes_what_the_original_pattern_removed(text: str) -> None:
    assert words_of(text) == _ORIGINAL_NOT_WORDS.sub(" ", text)[:MAX_CHARS]


def test_words_of_drops_links_mentions_numbers_and_hashes() -> None:
    assert words_of("Hi @ali see https://x.co/a #promo code A1B2 now").split() == [
        "Hi",
        "see",
        "promo",
        "code",
        "now",
    ]


def test_language_or_prefers_a_reliable_guess_then_our_likeliest_then_the_default() -> None:
    assert LanguageGuess("other", 0.9, True, "es").language_or("en") == "other"
    assert LanguageGuess("other", 0.2, False, "es").language_or("en") == "es"
    assert LanguageGuess("other", 0.0, False).language_or("tr") == "tr"
