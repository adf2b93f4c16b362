from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from herald.text.fold import deobfuscate, fold
from herald.text.lexicon import TermMatcher


def _matches(matcher: TermMatcher, text: str, *, obfuscated: bool = False) -> list[str]:
    folded = fold(text)
    view = deobfuscate(folded.folded) if obfuscated else folded.folded
    out = []
    for m in matcher.finditer(view):
        start, end = folded.to_original(m.start, m.end)
        out.append(text[start:end])
    return out


CODENAMES = TermMatcher(["Falcon", "Kestrel"], inflect=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Falcon'un lansmanı", ["Falcon'un"]),
        ("Kestrel'i gördün mü?", ["Kestrel'i"]),
        ("Kestreli yarın açıklıyoruz", ["Kestreli"]),
        ("KESTREL'İN tarihi", ["KESTREL'İN"]),
        ("Falconlarımızdan biri", ["Falconlarımızdan"]),
        ("Falcon’un planı", ["Falcon’un"]),
        ("a bird called falcon", ["falcon"]),
    ],
)
def test_turkish_inflections_match(text: str, expected: list[str]) -> None:
    assert _matches(CODENAMES, text) == expected


@pytest.mark.parametrize(
    "text", ["falconry is an old sport", "Kestrelxyz", "superfalcon", "Falconet"]
)
def test_no_match_inside_unrelated_words(text: str) -> None:
    assert _matches(CODENAMES, text) == []


def test_short_stems_take_only_apostrophe_suffixes() -> None:
    matcher = TermMatcher(["am"], inflect=True)
    assert _matches(matcher, "ama neden") == []
    assert _matches(matcher, "am'a") == ["am'a"]


def test_final_consonant_softening() -> None:
    matcher = TermMatcher(["ahmak"], inflect=True)
    assert _matches(matcher, "ahmağı gördüm") == ["ahmağı"]
    assert _matches(matcher, "ahmag") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s1kt1r git", ["s1kt1r"]),
        ("p*ta madre", ["p*ta"]),
        ("fuuuuck this", ["fuuuuck"]),
        ("you a$$", ["a$$"]),
        ("sıııktir", ["sıııktir"]),
    ],
)
def test_obfuscated_terms(text: str, expected: list[str]) -> None:
    matcher = TermMatcher(["siktir", "puta", "fuck", "ass"], inflect=False, obfuscated=True)
    assert _matches(matcher, text, obfuscated=True) == expected


def test_masks_never_replace_first_or_last_letter() -> None:
    matcher = TermMatcher(["puta"], inflect=False, obfuscated=True)
    assert _matches(matcher, "*uta", obfuscated=True) == []
    assert _matches(matcher, "put*", obfuscated=True) == []


def test_stem_end_separates_suffix() -> None:
    view = fold("Kestrel'in").folded
    (match,) = list(CODENAMES.finditer(view))
    assert (match.term, view[match.start : match.stem_end], view[match.stem_end : match.end]) == (
        "kestrel",
        "kestrel",
        "'in",
    )


def test_empty_matcher_is_falsy_and_matches_nothing() -> None:
    matcher = TermMatcher(["  ", ""], inflect=True)
    assert not matcher
    assert list(matcher.finditer("anything")) == []


@pytest.mark.parametrize(
    "text",
    [
        "kiiiiiiiiiiiiiiiiiill it",
        "'fuck that",
        "*fuck that",
        "fuuu*k that",
        "f***ing k*ll",
        "KILL",
    ],
)
def test_prefilter_never_hides_a_match(text: str) -> None:
    matcher = TermMatcher(["kill", "fuck", "fucking"], inflect=False, obfuscated=True)
    view = deobfuscate(fold(text).folded)
    starts = matcher.candidates(view)
    assert starts is not None
    found = list(matcher.finditer(view))
    assert found
    assert all(m.start in starts for m in found)


def test_prefilter_skips_texts_without_candidates() -> None:
    matcher = TermMatcher(["kill", "fuck"], inflect=False, obfuscated=True)
    assert matcher.candidates("a lovely day at the beach 1.1.1.1") == []
    assert TermMatcher(["#ad"], inflect=False).candidates("anything") is None  # no filter


@example("1*ak")  # a term may begin inside a word, right after a mask
@example("x'kill")
@given(st.text(alphabet="akilfuc *'-.1İı", max_size=40))
def test_candidates_give_exactly_what_a_full_search_gives(text: str) -> None:
    matcher = TermMatcher(["kill", "fuck", "ak", "fu ck"], inflect=True, obfuscated=True)
    view = deobfuscate(fold(text).folded)
    full = [(m.start(), m.end()) for m in matcher.pattern().finditer(view)]
    assert [(m.start, m.end) for m in matcher.finditer(view)] == full
