"""Turkish inflection, as far as term matching needs it.

A Turkish term list must match "Kestrel'in", "Kestreli", "Falcon'un", "ürünlerimizden"
without matching inside unrelated words. We allow, after a stem, either an apostrophe
followed by any letters (proper nouns take their suffixes after an apostrophe), or a
chain of up to three common inflectional suffixes written without one. Suffixes are in
folded form (ı→i, ü→u, ö→o, ş→s, ç→c, ğ→g), matching the folded text.
"""

from __future__ import annotations

from functools import cache

# Plural, possessive, case, copula and verbal endings, folded. Derivational suffixes
# (-lık, -lı, -sız, -cı) are left out on purpose: they make new words ("ucuzluk" is not
# "ucuz"), and a term list should name those words itself.
_SUFFIXES = [
    "larimiz",
    "lerimiz",
    "lariniz",
    "leriniz",
    "larindan",
    "lerinden",
    "larinda",
    "lerinde",
    "larina",
    "lerine",
    "lari",
    "leri",
    "lar",
    "ler",
    "imizin",
    "imiz",
    "iniz",
    "umuz",
    "unuz",
    "indan",
    "inden",
    "undan",
    "unden",
    "ndan",
    "nden",
    "dan",
    "den",
    "tan",
    "ten",
    "inda",
    "inde",
    "unda",
    "unde",
    "nda",
    "nde",
    "da",
    "de",
    "ta",
    "te",
    "nin",
    "nun",
    "in",
    "un",
    "yla",
    "yle",
    "la",
    "le",
    "ina",
    "ine",
    "una",
    "une",
    "na",
    "ne",
    "ya",
    "ye",
    "a",
    "e",
    "yi",
    "yu",
    "ni",
    "nu",
    "si",
    "su",
    "i",
    "u",
    "im",
    "in",
    "um",
    "un",
    "m",
    "n",
    "dir",
    "dur",
    "tir",
    "tur",
    "ki",
    "dik",
    "duk",
    "tik",
    "tuk",
    "mis",
    "mus",
    "yor",
]

MAX_SUFFIXES = 3
_SOFTENING = {"k": "g", "p": "b", "t": "d", "c": "c"}


@cache
def suffix_pattern() -> str:
    """Regex (folded text) for an optional Turkish inflection after a stem."""
    chain = "(?:" + "|".join(sorted(set(_SUFFIXES), key=lambda s: (-len(s), s))) + ")"
    return rf"(?:'\p{{L}}+|{chain}{{1,{MAX_SUFFIXES}}})?"


def apostrophe_suffix_pattern() -> str:
    """Regex for a suffix after an apostrophe only (short stems, non-Turkish text)."""
    return r"(?:'\p{L}+)?"


def softened_final(stem: str) -> str | None:
    """The consonant a stem's last letter turns into before a vowel (kitap → kitabı)."""
    return _SOFTENING.get(stem[-1:]) if len(stem) > 3 else None
