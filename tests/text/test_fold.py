from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herald.text.fold import deobfuscate, fold, fold_term, lower


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("İSTANBUL", "istanbul"),
        ("ISPARTA", "isparta"),
        ("ılık", "ilik"),
        ("ŞİŞLİ'DEKİ", "sisli'deki"),
        ("Çağrı Öğün", "cagri ogun"),
        ("Compañía Española", "compañia española"),
        ("AÑO", "año"),
        ("Kestrel’in", "kestrel'in"),
    ],
)
def test_turkish_and_spanish_folding(text: str, folded: str) -> None:
    assert fold(text).folded == folded


def test_dotted_capital_i_keeps_offsets_unlike_str_lower() -> None:
    text = "İİİ kestrel"
    assert len(text.lower()) != len(text)  # the trap this module exists to avoid
    result = fold(text)
    assert result.index is None
    assert result.folded.index("kestrel") == text.index("kestrel")


def test_combining_marks_are_dropped_with_an_index_back() -> None:
    text = "cafe\u0301 Kestrel"  # 'é' written as e + combining acute
    result = fold(text)
    assert result.folded == "cafe kestrel"
    start = result.folded.index("kestrel")
    assert result.to_original(start, start + 7) == (6, 13)
    assert text[6:13] == "Kestrel"
    assert result.to_original(0, 4) == (0, 5)  # the mark travels with its letter


@given(st.text(max_size=60))
def test_offsets_always_map_into_the_original(text: str) -> None:
    result = fold(text)
    for i in range(len(result.folded)):
        start, end = result.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("s1kt1r", "siktir"),
        ("a$$hole", "asshole"),
        ("p@ssword", "password"),
        ("@user hello", "@user hello"),
        ("$100 and 2024", "$100 and 2024"),
        ("sh!t", "shit"),
        ("great!", "great!"),
        ("5hit f4ck a55hole", "shit fack asshole"),
        # Amounts with units, codes and short numbers are not words in disguise.
        ("100TL 50GB B001 RET4455 3340a", "100tl 50gb b001 ret4455 3340a"),
        ("covid19 4k 5g", "covid19 4k 5g"),
    ],
)
def test_deobfuscate_only_inside_words(text: str, view: str) -> None:
    out = deobfuscate(fold_term(text))
    assert out == view
    assert len(out) == len(text)


@pytest.mark.parametrize(
    ("text", "lowered"),
    [
        ("İSTANBUL'DA IŞIK", "istanbul'da işik"),
        ("Çağrı Öğün", "çağrı öğün"),
        ("AÑO Compañía", "año compañía"),
        ("São Paulo GROSSE Straße", "são paulo grosse straße"),
        ("MƏHSUL", "məhsul"),
        ("I am", "i am"),
    ],
)
def test_lower_keeps_diacritics_and_length(text: str, lowered: str) -> None:
    assert lower(text) == lowered
    assert len(lower(text)) == len(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_lower_of_ascii_text_is_the_table_lookup(text: str) -> None:
    from herald.text.fold import _lower_table

    assert lower(text) == text.translate(_lower_table())
