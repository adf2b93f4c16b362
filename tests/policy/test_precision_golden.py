"""Hard negatives of the default pack: the trigger words without the violation.

Each case is a post that real reviewers saw flagged wrongly; it must come out with no
finding of the listed categories (findings of other categories are checked elsewhere).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from herald import AccountType, ScanContext, Scanner, load_policy

EXAMPLES = Path(__file__).parents[2] / "examples"
DEFAULT = Scanner()
NEXORA = Scanner(load_policy(EXAMPLES / "nexora-policy.yaml"))

# (language, account, text, categories that must not appear)
BRAND_SERVICE_MESSAGES = [
    ("en", "Your data is confidential with us. We never sell it to third parties."),
    (
        "en",
        "Don't share your verification code with anyone. Our team will never call to ask for it.",
    ),
    ("en", "Sorry for the trouble today, our team is on it and we'll update you within the hour."),
    ("tr", "Verileriniz bizde güvende ve gizli. İzniniz olmadan asla paylaşmayız."),
    ("tr", "Doğrulama kodunuzu kimseyle paylaşmayın. Ekibimiz sizi arayıp asla istemez."),
    ("tr", "Tıbbi kayıtlarınız gizlidir ve sadece doktorunuz görebilir."),
    ("es", "Tus datos están seguros y son confidenciales. Nunca los compartimos sin tu permiso."),
    ("es", "Nunca compartas tu código de un solo uso. Nuestro equipo nunca te lo pedirá."),
    ("es", "Odiamos los retrasos tanto como tú. Escríbenos por DM con tu número de pedido."),
    ("es", "Pide siempre tu ticket: te protege si algo falla con tu compra."),
]


@pytest.mark.parametrize(("lang", "text"), BRAND_SERVICE_MESSAGES)
def test_brand_service_and_security_messages_are_not_offensive_or_confidential(
    lang: str, text: str
) -> None:
    result = DEFAULT.scan(text, ScanContext(lang=lang, account_type=AccountType.BRAND))
    assert {f.category.value for f in result.findings} & {"offensive", "confidential"} == set()


@pytest.mark.parametrize(
    "text",
    [
        "my kid loves his Millennium Falcon lego set",
        "Falcon 9 launch tonight from Cape Canaveral, who's watching?",
        "Atlanta Falcons won again, unbelievable season",
        "The Maltese Falcon is still the best noir film",
        "saw a falcon hunting over the river today",
    ],
)
def test_codename_inside_a_famous_name_or_everyday_use_is_not_the_codename(text: str) -> None:
    result = NEXORA.scan(text, ScanContext(lang="en"))
    assert [f.rule_id for f in result.findings if f.rule_id == "confidential.codename"] == []


def test_codename_in_project_context_is_still_found() -> None:
    result = NEXORA.scan("The Falcon release is next week", ScanContext(lang="en"))
    assert [(f.rule_id, f.text) for f in result.findings] == [("confidential.codename", "Falcon")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            '"Whatever you are, be a good one, every single day of your life." — Abraham Lincoln',
        ),
        (
            "tr",
            'Mevlana\'nın dediği gibi "ya olduğun gibi görün ya da göründüğün gibi ol, her zaman"',
        ),
        (
            "es",
            "Como escribió García Márquez, «la vida no es la que uno vivió, sino la que recuerda»",
        ),
    ],
)
def test_quote_with_a_named_author_is_credited(lang: str, text: str) -> None:
    result = DEFAULT.scan(text, ScanContext(lang=lang))
    assert [f.rule_id for f in result.findings if f.category.value == "attribution"] == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Spring sale! Use discount code SPRING15 for 15% off everything"),
        ("tr", "Bahar indirimi! SPRING15 indirim kodu ile her şeyde %15 indirim"),
        ("es", "¡Rebajas! Con el código de descuento PRIMAVERA15 tienes un 15% en todo"),
    ],
)
def test_discount_code_on_a_brand_account_is_not_undisclosed_sponsorship(
    lang: str, text: str
) -> None:
    result = DEFAULT.scan(text, ScanContext(lang=lang, account_type=AccountType.BRAND))
    assert [f.rule_id for f in result.findings if f.category.value == "disclaimer"] == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", 'Bullying is never ok. If someone calls you "loser" online, report it.', []),
        ("tr", 'Zorbalık kabul edilemez. Biri size "ezik" derse buradan bildirin.', []),
        ("en", "these immigrants are animals, send them back", ["are animals"]),
        ("tr", "bu göçmenler hayvan, geri gönderin hepsini", ["göçmenler hayvan"]),
        ("es", "esta gente es una plaga y habría que echarlos", ["es una plaga"]),
    ],
)
def test_offensive_quoted_examples_and_dehumanising_constructions(
    lang: str, text: str, expected: list[str]
) -> None:
    result = DEFAULT.scan(text, ScanContext(lang=lang))
    assert [f.text for f in result.findings if f.category.value == "offensive"] == expected
