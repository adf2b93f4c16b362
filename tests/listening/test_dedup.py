from __future__ import annotations

from herald.listening.dedup import DedupIndex, dedup_text
from herald.text.fold import fold


def add(index: DedupIndex, text: str, now: float = 0.0) -> int:
    return index.add(fold(text).folded, now).copies


def test_retweet_link_and_number_changes_are_exact_copies() -> None:
    assert dedup_text(fold("RT @ali: Nexora çöktü!! https://t.co/x 123").folded) == "nexora coktu"
    index = DedupIndex()
    assert add(index, "Nexora 500 TL bonus kazan bit.ly/a1 #nexora") == 1
    assert add(index, "Nexora 700 TL bonus kazan bit.ly/b2 #nexora") == 2


def test_near_copy_with_a_word_added() -> None:
    index = DedupIndex()
    text = "Nexora uygulaması yine çöktü, para transferi yapamıyorum, maaşım da yatmadı, kimse telefonu açmıyor"
    add(index, text)
    assert add(index, text.replace("kimse", "hiç kimse")) == 2


def test_different_texts_are_not_copies() -> None:
    index = DedupIndex()
    add(index, "Nexora uygulaması yine çöktü, para transferi yapamıyorum bugün")
    assert add(index, "Bugün Nexora şubesinde çok güzel karşılandım, teşekkürler herkese") == 1


def test_index_is_bounded_in_time_and_size() -> None:
    index = DedupIndex(window=60.0, max_items=10)
    add(index, "nexora çöktü ya", 0.0)
    assert add(index, "nexora çöktü ya", 120.0) == 1  # the first copy expired
    for i in range(50):
        add(index, f"metin {'x' * (i + 1)}", 130.0)
    assert len(index) <= 11
