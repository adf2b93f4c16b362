from __future__ import annotations

import pytest

from herald.redact import Redactor, restore
from herald.scan.errors import InputError

REDACTOR = Redactor()


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "tr",
            "TC kimlik numaram 64255503426'dır, beni 0532 418 27 63'ten arayın.",
            "TC kimlik numaram [TR_TC_KIMLIK]'dır, beni [PHONE_NUMBER]'ten arayın.",
        ),
        (
            "es",
            "Mi contraseña es Perro#77 y mi DNI 12345678Z",
            "Mi contraseña es [PASSWORD] y mi DNI [ES_DNI]",
        ),
        (
            "en",
            "Card 4111 1111 1111 1111, mail john@gmail.com",
            "Card [CREDIT_CARD], mail [EMAIL_ADDRESS]",
        ),
        (
            "en",
            "Order 4182763915 shipped on 12.05.2024 for $1,299.00",
            "Order 4182763915 shipped on 12.05.2024 for $1,299.00",
        ),
        ("en", "Version 4.2.1.0 is out", "Version 4.2.1.0 is out"),
    ],
)
def test_masks_personal_data_and_credentials(lang: str, text: str, expected: str) -> None:
    assert REDACTOR.redact(text, lang).text == expected


def test_other_categories_are_left_alone() -> None:
    # A risky link is a policy problem, not personal data: redaction keeps it.
    assert REDACTOR.redact("see bit.ly/x", "en").text == "see bit.ly/x"


def test_reversible_redaction_round_trips() -> None:
    text = "Beni 0532 418 27 63'ten arayın; yine 0532 418 27 63, şifrem Kedi1234"
    result = REDACTOR.redact(text, "tr", reversible=True)
    assert (
        result.text
        == "Beni [PHONE_NUMBER_1]'ten arayın; yine [PHONE_NUMBER_1], şifrem [PASSWORD_1]"
    )
    assert result.mapping == {"[PHONE_NUMBER_1]": "0532 418 27 63", "[PASSWORD_1]": "Kedi1234"}
    assert restore(result.text, result.mapping) == text


def test_mapping_only_when_asked() -> None:
    result = REDACTOR.redact("Beni 0532 418 27 63'ten arayın", "tr")
    assert result.mapping is None
    (r,) = result.redactions
    assert (r.start, r.end, r.entity, r.rule_id) == (5, 19, "PHONE_NUMBER", "personal-data.phone")
    assert "mapping" not in result.to_dict()


def test_unknown_masks_stay() -> None:
    assert (
        restore("[PHONE_NUMBER_9] and [X]", {"[PHONE_NUMBER_1]": "1"}) == "[PHONE_NUMBER_9] and [X]"
    )


def test_empty_text_is_returned_as_is() -> None:
    assert REDACTOR.redact("   ", "tr").text == "   "


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(InputError):
        REDACTOR.redact("x" * 200_000, "en")
    with pytest.raises(InputError):
        REDACTOR.redact("hello there", "klingon")
