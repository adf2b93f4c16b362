from __future__ import annotations

import pytest

from herald.text.document import Document


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("see https://nexora.com/pay.", ["https://nexora.com/pay"]),
        ("(details: nexora.com/pay)", ["nexora.com/pay"]),
        ("visit www.example.org, now", ["www.example.org"]),
        (
            "wiki https://en.wikipedia.org/wiki/Falcon_(bird)!",
            ["https://en.wikipedia.org/wiki/Falcon_(bird)"],
        ),
        ("login at nexora.com.login-verify.ru/account", ["nexora.com.login-verify.ru/account"]),
        ("version 2.5.1 and e.g. this", []),
        ("mail me: ali@nexora.com", []),
        ("http://192.168.0.1/admin", ["http://192.168.0.1/admin"]),
    ],
)
def test_links(text: str, links: list[str]) -> None:
    doc = Document(text, "en")
    assert [link.text for link in doc.links] == links
    for link in doc.links:
        assert text[link.start : link.end] == link.text


def test_hashtags_and_mentions() -> None:
    doc = Document("Thanks @nexora_tr and @ali.veli! #işbirliği #ad, mail a@b.co &#39;", "tr")
    assert [h.text for h in doc.hashtags] == ["#işbirliği", "#ad"]
    assert [m.text for m in doc.mentions] == ["@nexora_tr", "@ali.veli"]


def test_views_share_offsets() -> None:
    doc = Document("İSTANBUL s1kt1r", "tr")
    assert doc.folded.folded == "istanbul s1kt1r"
    assert doc.deobfuscated == "istanbul siktir"
