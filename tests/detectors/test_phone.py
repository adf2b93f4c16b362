from __future__ import annotations

import pytest

from detectors.detect import MIN_SCORE, ORG, detections, found
from herald.detectors import build_detector
from herald.text.document import Document
from herald.types import OrgSettings, ScanContext

PHONE = "PHONE_NUMBER"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("tr", "Beni 0532 418 27 63'ten arayın.", [(PHONE, "0532 418 27 63")]),
        ("tr", "+90 (532) 418-27-63", [(PHONE, "+90 (532) 418-27-63")]),
        ("tr", "cep: 05324182763", [(PHONE, "05324182763")]),
        (
            "tr",
            "Tel (0212) 555 12 34 ya da 0533 111 22 33",
            [
                (PHONE, "(0212) 555 12 34"),
                (PHONE, "0533 111 22 33"),
            ],
        ),
        ("tr", "Sipariş 12345 0532 418 27 63 numarasından arandım", [(PHONE, "0532 418 27 63")]),
        ("tr", "12.05.2024 0532 418 27 63 aradı", [(PHONE, "0532 418 27 63")]),
        ("es", "Llámame al 612 34 56 78, gracias", [(PHONE, "612 34 56 78")]),
        ("es", "móvil +34 612 345 678", [(PHONE, "+34 612 345 678")]),
        ("es", "0034 612345678", [(PHONE, "0034 612345678")]),
        ("en", "Call (212) 555-0199 now", [(PHONE, "(212) 555-0199")]),
        ("en", "UK office +44 20 7946 0958.", [(PHONE, "+44 20 7946 0958")]),
        ("en", "text me at 07524 804794", [(PHONE, "07524 804794")]),
        ("tr", "Ulaşın (0535 377 70 50) — Ayşe", [(PHONE, "0535 377 70 50")]),
        ("en", "me ((206) 319-7627) - John", [(PHONE, "(206) 319-7627")]),
        ("es", "Llámame al 612.34.56.78", [(PHONE, "612.34.56.78")]),
    ],
)
def test_valid_numbers(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found("phone", text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Sipariş no 4182763915 hâlâ gelmedi"),  # a bare number after "sipariş"
        ("es", "pedido 612345679"),
        ("en", "Invoice 2024000123 is due"),
        ("tr", "TC 64255503426"),  # a valid TC Kimlik No is not read as a phone
        ("en", "SSN 823-55-1664"),  # an SSN shape is not a phone
        ("tr", "Kart 4423 9922 2650 3834"),  # nor is a card number or part of it
        ("tr", "IBAN TR33 0006 1005 1978 6457 8413 26"),  # nor IBAN digits
        ("tr", "Tarih 12.05.2024, fiyat 1.250.000 TL, sürüm 10.0.19041"),
        ("en", "Call 12345"),  # too short
        ("en", "Is it 4156 0066 5272 2947?"),  # a card-shaped number failing Luhn
        ("tr", "Bağlandığım adres 85.105.23.7 idi"),  # an IP address
        ("es", "Enviado el 2019-12-01 y el 13.05.2024"),  # dates
        ("en", "Posted 2017-08-12 23:50:56"),  # a date and a time
        ("en", "To claim call 09061701461 now"),  # premium rate: a business line
        ("en", "Call customer service on 0800 169 6031"),  # free-phone
        ("tr", "Bize +90 850 222 00 00'dan ulaşın"),  # the organisation's published line
    ],
)
def test_not_a_personal_phone(lang: str, text: str) -> None:
    assert found("phone", text, lang) == []


def test_default_region_reads_national_formats() -> None:
    # "0532 ..." is Turkish only with a Turkish reading; a Spanish post still finds it
    # through the organisation's default region.
    assert found("phone", "Tel 0532 418 27 63", "es") == [(PHONE, "0532 418 27 63")]
    no_region = OrgSettings()
    assert found("phone", "Tel 0532 418 27 63", "es", org=no_region) == [
        (PHONE, "0532 418 27 63")
    ]  # TR is among the fallback regions


def test_explains_region_and_context() -> None:
    (d,) = detections("phone", "Cep numaram 0532 418 27 63")
    assert d.validation == "valid TR number"
    assert d.pattern == "national phone number"
    assert d.context_words == ("cep", "numaram")
    assert d.message_args == {"region": "TR"}


def test_business_lines_explain_themselves() -> None:
    assert detections("phone", "call 09061701461", "en") == []  # below the threshold
    (d,) = build_detector("phone", {}, ORG).analyze(
        Document("call 09061701461", "en"), ScanContext(lang="en")
    )
    assert d.score < MIN_SCORE
    assert d.validation == "valid GB number (free-phone, premium or shared-cost: a business line)"


def test_bare_digits_need_context() -> None:
    (d,) = detections("phone", "5324182763")
    assert d.score < 0.8
    (named,) = detections("phone", "telefon 5324182763")
    assert named.score == 1.0
    assert ORG.default_region == "TR"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Sipariş no 532-418-2763 kargoda"),
        ("es", "Número de pedido 612-345-678 enviado"),
        ("en", "Tracking 415-555-0132 delivered"),
        ("tr", "Müşteri numarası 1234567890"),  # a bare run valid only in another country
    ],
)
def test_order_and_tracking_numbers_are_not_phones(lang: str, text: str) -> None:
    assert found("phone", text, lang) == []


def test_a_bracketed_area_code_without_a_space() -> None:
    assert found("phone", "United States: (415)555-0132", "en") == [
        ("PHONE_NUMBER", "(415)555-0132")
    ]
