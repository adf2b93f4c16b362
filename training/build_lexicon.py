"""Build the shipped lexicon artefact (src/herald/nlp/models/lexicon.json).

Inputs: our curated lists in training/lexicons/ and the reviewed public word lists in
../shared/data/wordlists (see wordlist_review.py). The raw lists are never shipped; only
the folded, reviewed terms, with the sources credited in the artefact and the model card.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from herald.nlp.lexicons import MIN_STEM
from herald.text.fold import fold_term
from training.wordlist_review import EN_INCLUDED, ES_EXCLUDED, TR_EXCLUDED

LEXICON_DIR = Path(__file__).parent / "lexicons"
LANGS = ("tr", "es", "en")

SOURCES = [
    {"name": "Herald curated lexicons (training/lexicons)", "licence": "Apache-2.0"},
    {
        "name": "List of Dirty, Naughty, Obscene and Otherwise Bad Words (Shutterstock), "
        "reviewed subset",
        "licence": "CC BY 4.0",
    },
    {"name": "turkce-kufur-karaliste (ooguz), reviewed subset", "licence": "CC BY-SA 4.0"},
]


def _fold(term: str) -> str:
    star = term.endswith("*")
    core = fold_term(term.rstrip("*").strip())
    return core + ("*" if star else "")


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition("\t")
        pairs.append((key.strip(), value.strip()))
    return pairs


def _reviewed_wordlist(path: Path, excluded: set[str], min_letters: int = 3) -> list[str]:
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        term = fold_term(line.strip())
        if not term or term in excluded:
            continue
        if sum(ch.isalpha() for ch in term) < min_letters:
            continue
        kept.append(term)
    return kept


def _curated_cover(curated: set[str]) -> Callable[[str], bool]:
    """Whether a public word-list term is one we already filed: the same entry, or a
    single word one of our stems matches. Our category must win: an exact public entry
    would otherwise shadow the stem ("bitch" as swearing over our insult "bitch*"), and a
    word we call derogatory would turn into a swear word the scanner reports ("manyak")."""
    stems = tuple(t[:-1] for t in curated if t.endswith("*") and len(t) > MIN_STEM)

    def covered(term: str) -> bool:
        return term in curated or (" " not in term and term.startswith(stems))

    return covered


def build(wordlists: Path) -> dict[str, object]:
    langs: dict[str, dict[str, set[str]]] = {lang: defaultdict(set) for lang in LANGS}
    for lang in LANGS:
        for cat, term in _read_pairs(LEXICON_DIR / f"sentiment.{lang}.txt"):
            langs[lang][f"sentiment_{cat}"].add(_fold(term))
        for cat, term in _read_pairs(LEXICON_DIR / f"offensive.{lang}.txt"):
            langs[lang][cat].add(_fold(term))
    for path_name, cat in (
        ("negators.txt", "negator"),
        ("second_person.txt", "target"),
        ("scam.txt", "scam"),
    ):
        for lang, term in _read_pairs(LEXICON_DIR / path_name):
            langs[lang][cat].add(_fold(term))
    slang = _read_pairs(LEXICON_DIR / "benign_slang.txt")
    for kind, term in slang:
        for lang in LANGS:  # idioms and context words are shared: posts mix languages
            langs[lang][f"slang_{kind}"].add(_fold(term))

    tr_excluded = set().union(*TR_EXCLUDED.values())
    es_excluded = set().union(*ES_EXCLUDED.values())
    wl_tr = _reviewed_wordlist(wordlists / "turkce-kufur-karaliste.txt", tr_excluded)
    wl_tr += _reviewed_wordlist(wordlists / "ldnoobw-tr.txt", tr_excluded)
    wl_es = _reviewed_wordlist(wordlists / "ldnoobw-es.txt", es_excluded)
    wl_en = [
        t for t in _reviewed_wordlist(wordlists / "ldnoobw-en.txt", set(), 0) if t in EN_INCLUDED
    ]
    for lang, terms in (("tr", wl_tr), ("es", wl_es), ("en", wl_en)):
        covered = _curated_cover(
            langs[lang]["insult"] | langs[lang]["profanity"] | langs[lang]["derogatory"]
        )
        langs[lang]["profanity"] |= {t for t in terms if not covered(t)}

    emoji: dict[str, list[str]] = {}
    for cat, line in _read_pairs(LEXICON_DIR / "emoji.txt"):
        emoji[cat] = sorted(set(line.split()))
    return {
        "format": 1,
        "sources": SOURCES,
        "languages": {
            lang: {cat: sorted(terms) for cat, terms in sorted(cats.items())}
            for lang, cats in langs.items()
        },
        "emoji": emoji,
    }


def write(wordlists: Path, out: Path) -> dict[str, object]:
    artefact = build(wordlists)
    out.write_text(json.dumps(artefact, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    return artefact
