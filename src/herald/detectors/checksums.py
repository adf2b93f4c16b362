"""Check digits of numeric identifiers, computed without python-stdnum's per-call cost.

python-stdnum is the reference: each function here gives its ``is_valid`` answer for the
inputs the detectors pass (the tests compare the two on many numbers). It cleans its input
and raises and catches an exception for every invalid number, which costs more than the
arithmetic; these read ASCII digits directly and hand anything else (full-width or
Arabic-Indic digits, which it may map to ASCII) to python-stdnum, which decides.
It is imported only on that rare path: importing it costs `herald check` more than
checking a post.
"""

from __future__ import annotations


def _ascii_digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


def is_tc_kimlik(digits: str) -> bool:
    """TC Kimlik No: eleven digits, no leading zero, two check digits
    (``stdnum.tr.tckimlik.is_valid``; never ``check_kps()``, an online service)."""
    if len(digits) != 11:
        return False
    if not digits.isascii():
        from stdnum.tr import tckimlik

        return digits[0] != "0" and bool(tckimlik.is_valid(digits))
    if not digits.isdigit() or digits[0] == "0":
        return False
    d = digits.encode()
    odd = d[0] + d[2] + d[4] + d[6] + d[8] - 5 * 48
    even = d[1] + d[3] + d[5] + d[7] - 4 * 48
    check1 = (7 * odd - even) % 10
    return check1 == d[9] - 48 and (odd + even + check1) % 10 == d[10] - 48


_LUHN_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_valid(digits: str) -> bool:
    """The Luhn check digit is right (``stdnum.luhn.is_valid``)."""
    if not _ascii_digits(digits):
        from stdnum import luhn

        return bool(luhn.is_valid(digits))
    codes = digits.encode()[::-1]
    total = sum(codes[0::2]) - 48 * len(codes[0::2])
    total += sum(_LUHN_DOUBLED[c - 48] for c in codes[1::2])
    return total % 10 == 0


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_valid(number: str) -> bool:
    """A Spanish DNI, eight digits and the check letter, compact and upper-case
    (``stdnum.es.dni.is_valid``)."""
    if not number.isascii():
        from stdnum.es import dni

        return bool(dni.is_valid(number))
    body = number[:-1]
    return len(number) == 9 and body.isdigit() and _DNI_LETTERS[int(body) % 23] == number[-1]


def nie_valid(number: str) -> bool:
    """A Spanish NIE, X/Y/Z, seven digits and the check letter, compact and upper-case
    (``stdnum.es.nie.is_valid``)."""
    if not number.isascii():
        from stdnum.es import nie

        return bool(nie.is_valid(number))
    if len(number) != 9 or number[0] not in "XYZ" or not number[1:-1].isdigit():
        return False
    return _DNI_LETTERS[int(str("XYZ".index(number[0])) + number[1:-1]) % 23] == number[-1]


_SSN_NEVER_ISSUED = frozenset({"078051120", "457555462", "219099999"})
"""Numbers published in advertising and by mistake (python-stdnum's list)."""


def ssn_valid(number: str) -> bool:
    """A US Social Security number, nine digits or 3-2-4 with dashes
    (``stdnum.us.ssn.is_valid``): no all-zero part, no area 666 or 9xx."""
    if not number.isascii():
        from stdnum.us import ssn

        return bool(ssn.is_valid(number))
    if len(number) == 11 and number[3] == "-" and number[6] == "-":
        digits = number[:3] + number[4:6] + number[7:]
    elif len(number) == 9:
        digits = number
    else:
        from stdnum.us import ssn  # other dash placements: python-stdnum reads them

        return bool(ssn.is_valid(number))
    if not digits.isdigit():
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return False
    return digits not in _SSN_NEVER_ISSUED


__all__ = ["dni_valid", "is_tc_kimlik", "luhn_valid", "nie_valid", "ssn_valid"]
