"""Impersonation cues: look-alike handles, support claims, requests for card data."""

from __future__ import annotations

import pytest

from herald.nlp.impersonation import handle_key, impersonation_cues

OFFICIAL = ("@AcmeBank", "@acmebank@mastodon.social")


@pytest.mark.parametrize(
    "author", ["@AcmeBankk", "@Acme_Bank", "@AcmeBank_Destek", "@acmebank.yardim", "@4cmeBank"]
)
def test_lookalike_handles_are_recognised(author: str) -> None:
    cues = impersonation_cues("hello", "en", author, OFFICIAL, ("Acme Bank",))
    assert cues.lookalike_of is not None
    assert not cues.official_author


def test_the_official_handle_is_not_a_lookalike() -> None:
    cues = impersonation_cues("hello", "en", "@acmebank", OFFICIAL)
    assert cues.official_author
    assert cues.lookalike_of is None


def test_unrelated_handles_are_left_alone() -> None:
    cues = impersonation_cues("hello", "en", "@maria_gz", OFFICIAL, ("Acme Bank",))
    assert cues.lookalike_of is None
    assert not cues.brand_in_handle
    assert not cues.support_handle


@pytest.mark.parametrize(
    ("text", "lang", "asks"),
    [
        ("Kart numaranızı ve son kullanma tarihini DM'den iletiniz", "tr", "son kullanma tarihi"),
        ("Envíanos el número de tarjeta y el código SMS", "es", "numero de tarjeta"),
        ("Reply with your card number and OTP to verify", "en", "otp"),
    ],
)
def test_requests_for_card_data_are_found(text: str, lang: str, asks: str) -> None:
    assert asks in impersonation_cues(text, lang, "@x").credential_requests


def test_a_customer_reporting_a_scam_is_marked_as_reporting() -> None:
    cues = impersonation_cues(
        "Me ha llegado un SMS pidiendo el código, ¿es una estafa?", "es", "@marta", OFFICIAL
    )
    assert "me ha llegado" in cues.report_cues


def test_handle_key_reads_like_a_hurried_eye() -> None:
    assert handle_key("@Acme_Bank1@x.social") == "acmebankl"
    assert handle_key("@İstanbul") == "istanbul"
