"""Language id's cheaper word and view functions read texts exactly as before."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from herald.text.fold import lower
from herald.text.langid_fast import fast_view, fast_words

_NON_LETTERS = regex.compile(r"[^\p{L}]+")


def _reference_view(words: str) -> str:
    return " " + _NON_LETTERS.sub(" ", lower(words)).strip() + " "


@given(st.text(max_size=80))
def test_fast_view_as_before(text: str) -> None:
    assert fast_view(text) == _reference_view(text)
    assert fast_words(text) == _reference_view(text).split()


@given(st.text(alphabet=st.sampled_from("aİıIşŞñÑ é\u0301 1,.!?\t\n😀'"), max_size=60))
def test_fast_view_as_before_on_likely_characters(text: str) -> None:
    assert fast_view(text) == _reference_view(text)
    assert fast_words(text) == _reference_view(text).split()
