"""Building the shipped lexicon: our categories win over the public word lists."""

import pytest

from shared_data import DATA


def test_a_term_our_stem_or_entry_covers_is_ours() -> None:
    from training.build_lexicon import _curated_cover

    covered = _curated_cover({"bitch*", "manyak*", "mal", "got*"})
    assert covered("bitches")  # our insult stem matches it
    assert covered("manyaklar")
    assert covered("mal")
    assert not covered("malak")  # "mal" is an exact entry, not a stem
    assert not covered("gotler")  # "got*" is too short to be a stem: exact "got" only
    assert not covered("bitch slap")  # phrases keep their own entry


@pytest.mark.skipif(DATA is None, reason="../shared/data is not available")
def test_words_we_file_as_derogatory_are_never_public_swearing() -> None:
    from training.build_lexicon import build

    assert DATA is not None
    languages = build(DATA / "wordlists")["languages"]
    assert isinstance(languages, dict)
    turkish = languages["tr"]
    assert "hain" in turkish["derogatory"]
    assert "hain" not in turkish["insult"]
    assert "hain" not in turkish["profanity"]
    assert not any(term.startswith("manyak") for term in turkish["profanity"])
    english = languages["en"]
    assert "fucking" not in english["profanity"]  # our swearing stem "fuck*" matches it
