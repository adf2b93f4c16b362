import pytest

from herald.nlp.normalize import EMAIL, NUMBER, PHONE, URL, USER, normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("İYİ günler IŞIK", "iyi gunler isik"),
        ("ÇOK GÜZEL ŞEHİR", "cok guzel sehir"),
        ("Compañía ÁRBOL", "compañia arbol"),
        ("güzeeeeel", "guzeel"),
        ("s1kt1r git", "siktir git"),
        ("a$$hole", "asshole"),
        ("@ahmet selam", f"{USER} selam"),
        ("bak http://bit.ly/x1 şuna", f"bak {URL} suna"),
        ("www.example.com adresine", f"{URL} adresine"),
        ("yaz a.b@x.com adresine", f"yaz {EMAIL} adresine"),
        ("ara 0532 123 45 67", f"ara {PHONE}"),
        ("win £1000 now", f"win £ {NUMBER} now"),
        ("süper 😍😍", "super 😍 😍"),
        ("harika 👍🏽", "harika 👍"),
        ("good :) bad :(", "good 🙂 bad 🙁"),
        ("love <3", "love ❤"),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_huge_text_is_cut_not_rejected() -> None:
    out = normalize("kelime " * 100_000)
    assert out.startswith("kelime kelime")
    assert len(out) <= 4000
