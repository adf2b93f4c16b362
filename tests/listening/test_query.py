from __future__ import annotations

import pytest

from herald.listening.query import (
    MAX_DEPTH,
    MatchInput,
    QuerySet,
    QuerySyntaxError,
    compile_query,
    parse_query,
)
from herald.text.fold import fold


def matches(
    query: str, text: str, *, lang: str = "tr", network: str = "x", author: str = "ali"
) -> bool:
    queries = QuerySet([compile_query("q", query)])
    return bool(queries.match(MatchInput(fold(text).folded, lang, network, author)))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("akbank", "Akbank'ın uygulaması yine çöktü"),  # Turkish suffix after an apostrophe
        ("akbank", "AKBANKTAN kimse aramadı"),  # suffix without an apostrophe, upper case
        ("garanti", "Garantí BBVA no funciona"),  # Spanish accent
        ("şikayet", "sikayetlerimi dinleyen yok"),  # missing diacritics, plural + possessive
        ('"garanti bbva"', "garanti   BBVA app"),
        ("#nexora", "bugün #Nexora trend"),
        ("@nexora", "@NEXORA cevap verin"),
        ("nexora lang:tr", "Nexora şubesi"),
        ("nexora author:@ali", "nexora"),
        ("nexora network:x", "nexora"),
    ],
)
def test_matches(query: str, text: str) -> None:
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("bank", "nexorabank"),  # not inside another word
        ("nexora -spam", "nexora spam"),
        ("nexora NOT (bonus OR kampanya)", "Nexora kampanyası"),
        ("nexora AND finvera", "sadece nexora"),
        ("#nexora", "nexora"),  # a hashtag query wants the hashtag
        ("nexora lang:es", "nexora"),
        ("nexora author:veli", "nexora"),
    ],
)
def test_does_not_match(query: str, text: str) -> None:
    assert not matches(query, text)


def test_precedence_and_implicit_and() -> None:
    # a b OR c == (a AND b) OR c
    assert matches("nexora fatura OR finvera", "finvera")
    assert matches("nexora fatura OR finvera", "nexora fatura")
    assert not matches("nexora fatura OR finvera", "nexora")
    assert matches("nexora (fatura OR kart)", "nexora kart")


def test_phrase_does_not_hide_its_words() -> None:
    queries = QuerySet([compile_query("a", "garanti"), compile_query("b", '"garanti bbva"')])
    found = queries.match(MatchInput(fold("Garanti BBVA").folded, "tr", "x", "a"))
    assert [q.id for q in found] == ["a", "b"]


def test_mastodon_handle_matches_author() -> None:
    assert matches("author:@ali", "x", author="ali@mastodon.social")


@pytest.mark.parametrize(
    ("query", "code", "position"),
    [
        ("", "empty_query", 0),
        ("a AND", "missing_operand", 5),
        ("(a OR b", "unclosed_parenthesis", 0),
        ("a)", "unopened_parenthesis", 1),
        ('a "b c', "unclosed_quote", 2),
        ("a ()", "empty_parentheses", 2),
        ("lang:de", "unknown_language", 0),
        ("foo:bar", "unknown_field", 0),
        ("author:", "empty_field", 0),
        ("a OR !!!", "empty_term", 5),
    ],
)
def test_errors_have_code_and_position(query: str, code: str, position: int) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    assert (info.value.code, info.value.position) == (code, position)


def test_hostile_nesting_is_refused() -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse_query("(" * (MAX_DEPTH + 5) + "a" + ")" * (MAX_DEPTH + 5))
    assert info.value.code == "too_deep"
    with pytest.raises(QuerySyntaxError):
        parse_query("NOT " * 1000 + "a")


def test_url_like_term_is_a_term() -> None:
    assert matches("nexora.com", "bakın nexora.com adresine")
