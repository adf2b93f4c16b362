"""The local check-digit functions give python-stdnum's answers (it stays the reference)."""

from __future__ import annotations

import random

from stdnum import iban, luhn
from stdnum.es import ccc, dni, nie
from stdnum.tr import tckimlik
from stdnum.us import ssn

from herald.detectors.checksums import dni_valid, is_tc_kimlik, luhn_valid, nie_valid, ssn_valid
from herald.detectors.iban import _spanish_ccc_ok, iban_valid

_RNG = random.Random(16)
_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKEI"


def _digits(n: int) -> str:
    return "".join(_RNG.choice("0123456789") for _ in range(n))


def test_tc_kimlik_matches_stdnum() -> None:
    found = 0
    for _ in range(50_000):
        d = _digits(11)
        assert is_tc_kimlik(d) == (d[0] != "0" and tckimlik.is_valid(d)), d
        found += is_tc_kimlik(d)
    assert found > 100  # valid numbers were among them


def test_luhn_matches_stdnum() -> None:
    for _ in range(30_000):
        d = _digits(_RNG.randint(1, 20))
        assert luhn_valid(d) == luhn.is_valid(d), d
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")


def test_dni_and_nie_match_stdnum() -> None:
    for _ in range(30_000):
        d = _digits(8) + _RNG.choice(_LETTERS)
        assert dni_valid(d) == dni.is_valid(d), d
        n = _RNG.choice("XYZ") + _digits(7) + _RNG.choice(_LETTERS)
        assert nie_valid(n) == nie.is_valid(n), n


def test_ssn_matches_stdnum() -> None:
    cases = ["078-05-1120", "078051120", "000-12-1234", "666-12-1234", "900-12-1234"]
    cases += ["123-00-1234", "123-45-0000", "123-451234", "１２３４５６７８９"]
    for _ in range(30_000):
        d = _digits(9)
        cases.append(_RNG.choice([d, f"{d[:3]}-{d[3:5]}-{d[5:]}"]))
    for case in cases:
        assert ssn_valid(case) == ssn.is_valid(case), case


def test_iban_matches_stdnum() -> None:
    for country, length in (("TR", 22), ("ES", 20), ("DE", 18), ("GB", 0), ("BE", 12)):
        for _ in range(3_000):
            bban = ("WEST" + _digits(14)) if country == "GB" else _digits(length)
            check = iban.calc_check_digits(f"{country}00{bban}")
            number = f"{country}{_RNG.choice([check, _digits(2)])}{bban}"
            expected = iban.is_valid(number, check_country=country != "BE")
            assert iban_valid(number) == expected, number
    for _ in range(20_000):
        c = _digits(20)
        assert _spanish_ccc_ok("ES00" + c) == ccc.is_valid(c), c
