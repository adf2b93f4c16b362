from web.conftest import Herald


def test_findings_are_explained_in_the_readers_language(herald: Herald) -> None:
    herald.sign_in("compliance@acme.example")
    english = herald.client.get("/approvals").text
    # The Turkish demo post's finding, stored in Turkish, is shown in English...
    assert "Brand voice: prefer “uygun fiyatlı” to “ucuz”." in english
    assert "Marka dili" not in english
    herald.form("/locale", {"locale": "es", "next": "/approvals"}, page="/approvals")
    spanish = herald.client.get("/approvals").text
    # ... and in Spanish for a Spanish reader.
    assert "Tono de marca: prefiera «uygun fiyatlı» a «ucuz»." in spanish


def test_post_page_uses_the_readers_language_too(herald: Herald) -> None:
    herald.sign_in("compliance@acme.example")
    herald.form("/locale", {"locale": "tr", "next": "/approvals"}, page="/approvals")
    page = herald.client.get("/posts/4").text
    assert "duyurulmamış bir proje" in page
    assert "Yayını engeller" in page
