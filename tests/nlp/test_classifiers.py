"""Golden examples per language: clear cases every shipped model must get right."""

import pytest

from herald.nlp.offensive import classify_offensive
from herald.nlp.scam import classify_scam
from herald.nlp.sentiment import classify_sentiment


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("tr", "Sen ne kadar salak bir insansın, şerefsiz", "offensive"),
        ("tr", "Bugün hava çok güzel, herkese iyi hafta sonları", "not"),
        ("es", "Eres un imbécil y un sinvergüenza", "offensive"),
        ("es", "Mañana presentamos el nuevo producto en Madrid", "not"),
        # Post style: a mention, no accents, an abbreviation, a masked insult.
        ("es", "@user q pndjo eres, cállate ya", "offensive"),
        ("es", "que pinche calor hace hoy en Monterrey", "not"),  # swearing at nobody
        ("es", "pedazo de c*brón, ya verás", "offensive"),  # a masked insult
        ("en", "You are a fucking idiot, shut up", "offensive"),
        ("en", "Looking forward to the conference next week", "not"),
    ],
)
def test_offensive_golden(lang: str, text: str, label: str) -> None:
    result = classify_offensive(text, lang)
    assert result.label == label, result
    assert 0.0 <= result.score <= 1.0


def test_offensive_explains_itself() -> None:
    result = classify_offensive("Sen ne kadar salak bir insansın, şerefsiz", "tr")
    assert "salak" in result.lexicon
    assert result.drivers  # the words that raised the score


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("tr", "Harika bir hizmet, çok teşekkür ederim 😍", "positive"),
        ("tr", "Rezalet, ürünü hiç beğenmedim, param çöpe gitti 😡", "negative"),
        ("es", "Me encanta, es precioso, gracias 😍", "positive"),
        ("es", "Qué asco de servicio, horrible, nunca más", "negative"),
        ("en", "I love this, amazing work, thank you!", "positive"),
        ("en", "Worst service ever, I hate this company", "negative"),
    ],
)
def test_sentiment_golden(lang: str, text: str, label: str) -> None:
    prediction = classify_sentiment(text, lang)
    assert prediction.label == label, prediction
    assert abs(sum(prediction.scores.values()) - 1.0) < 1e-3


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        (
            "tr",
            "Tebrikler! 5000 TL hediye çeki kazandınız, hemen tıklayın: kazan-hediye.xyz",
            "scam",
        ),
        ("tr", "Akşam yemeğe geliyor musun, annem seni sordu", "ham"),
        # Real SMS style: typed without Turkish letters, a short code and an opt-out footer.
        (
            "tr",
            "Kis indirimi basladi! Tum urunlerde %50 firsat sizi bekliyor. "
            "SMS almamak icin RET yazip 4455'e gonderin B001",
            "scam",
        ),
        ("tr", "slm kanka aksam maca geliyon mu, 8de kapida olurum", "ham"),
        ("es", "Su cuenta ha sido bloqueada. Verifique sus datos aquí: banco-verifica.com", "scam"),
        ("es", "Llego tarde, guárdame un sitio por favor", "ham"),
        ("en", "URGENT! You have won a £1000 prize. Call 09061701461 to claim now", "scam"),
        ("en", "Are we still meeting for lunch tomorrow?", "ham"),
    ],
)
def test_scam_golden(lang: str, text: str, label: str) -> None:
    result = classify_scam(text, lang)
    assert result.label == label, result


def test_scam_lists_cues() -> None:
    result = classify_scam("You have won a prize! Claim at http://win.example.com", "en")
    assert "link" in result.cues
    assert "prize" in result.cues


@pytest.mark.parametrize("text", ["", "   ", "😀", "x" * 200_000, "\x00\x01 bozuk"])
def test_odd_input_is_scored_not_crashed(text: str) -> None:
    for lang in ("tr", "es", "en", "other"):
        assert 0.0 <= classify_offensive(text, lang).score <= 1.0
        assert classify_sentiment(text, lang).label in ("negative", "neutral", "positive")
        assert classify_scam(text, lang).label in ("scam", "ham")
