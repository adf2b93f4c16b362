"""One spelling per identifier: what sign-in, uniqueness and throttling compare."""

from __future__ import annotations

import unicodedata


def fold_identifier(value: str) -> str:
    """NFKC + casefold (Unicode's NFKC_Casefold, closed under both): full-width letters,
    ligatures, "ſ", "ß" and case differences all give one key. Surrounding space goes."""
    once = unicodedata.normalize("NFKC", value.strip()).casefold()
    return unicodedata.normalize("NFKC", once)
