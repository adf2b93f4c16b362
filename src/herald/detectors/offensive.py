"""Offensive or inflammatory language: the classifier and the insult lexicon, together.

The lexicon (insults, slurs, swearing; Turkish inflection and leetspeak tolerated) gives
exact spans and catches "s1kt1r" or "salaklar"; the classifier catches offence without
a listed word and scores the whole post. Praise that sounds violent ("maçı öldürdük",
"la rompimos", "we killed it at the marathon") is recognised and not flagged unless a
real insult is present. Every detection says which words and which model drove it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict, Field

from herald.detectors.base import Detection, Detector, register
from herald.nlp.classifier import load_classifier
from herald.nlp.lexicons import load_lexicon
from herald.nlp.offensive import OffensiveResult, offensive_from_features
from herald.text.document import Document
from herald.text.fold import fold_term
from herald.text.lexicon import TermMatcher
from herald.types import LANGUAGES, OTHER_LANGUAGE, Category, OrgSettings, ScanContext

INSULT = "INSULT"
PROFANITY = "PROFANITY"
OFFENSIVE = "OFFENSIVE_LANGUAGE"
SLANG_CAP = 0.2
"""Score ceiling for a post whose only violent words are praise (sports, music, games)."""
LOADED = frozenset({"insult", "derogatory", "profanity", "insult_targeted"})
"""Lexicon categories that make a classifier-only finding believable."""
# Dehumanising constructions: a group called vermin or animals, told to be thrown out.
_DEHUMANISING = regex.compile(
    r"\b(?:are|is|son|es|bunlar|insanlar|göçmenler|gocmenler)\s+(?:an?\s+|una?\s+)?"
    r"(?:animals|vermin|rats|parasites|plaga|animales|ratas|parásitos|hayvan|haşere|hasere|parazit)\w*"
    r"|\b(?:send them back|kick(?:ed)? (?:them )?out|echarlos|que los echen|geri gönderin|atılmalı\w*)",
    regex.IGNORECASE,
)


class OffensiveParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    insult_floor: float = Field(0.8, ge=0.0, le=1.0)
    """Score of a post containing a listed insult or slur, at least."""
    profanity_floor: float = Field(0.6, ge=0.0, le=1.0)
    """Score of a post containing listed swearing, at least."""
    use_classifier: bool = True
    extra_terms: list[str] = Field(default_factory=list)
    """Organisation-specific insults, matched like the built-in ones."""
    allowed_terms: list[str] = Field(default_factory=list)
    """Listed words this organisation does not want flagged (e.g. a brand name)."""


# Put-downs aimed at a person that the shared lexicon does not list as words (most are
# phrases; the lexicon also feeds the classifier's features, so it changes only with a
# retrained model). Matched like listed insults.
PERSON_PUT_DOWNS: dict[str, tuple[str, ...]] = {
    "en": ("braindead", "crybaby", "waste of oxygen", "ugly cow", "pathetic little worm", "loser"),
    "tr": ("oksijen israfı", "çirkin inek", "öküz", "hıyar herif", "loser", "zavallı solucan"),
    "es": ("desperdicio de oxígeno", "vaca fea", "gusano patético", "pendejo", "boludo"),
}
# An insult quoted in a message against bullying is the example, not the offence.
_ANTI_BULLYING = regex.compile(
    r"bully|bullying|harass|zorbal|taciz|acoso|acosador|report it|denúncialo|bildirin",
    regex.IGNORECASE,
)
# Names and set phrases that contain a swear word and are not swearing.
_BENIGN_PHRASES = regex.compile(
    r"hell'?s kitchen|hell(?:'s)? angels|hell,? yeah|hell,? yes|hello\w*|hellfire|hellcat",
    regex.IGNORECASE,
)
_QUOTED = regex.compile(r"[\"“«'‘]([^\"”»'’]{1,40})[\"”»'’]")


@cache
def _matchers(
    lang: str, extra: tuple[str, ...], allowed: tuple[str, ...]
) -> dict[str, TermMatcher]:
    lexicon = load_lexicon()
    skip = {fold_term(t) for t in allowed}
    out = {}
    for category in ("insult", "profanity"):
        terms = [t.rstrip("*") for t in lexicon.terms(lang, [category])]
        if category == "insult":
            terms += [*extra, *PERSON_PUT_DOWNS.get(lang, ())]
            if lang in ("en", "es"):
                terms += _plurals(terms, lang)
        terms = [t for t in terms if t and fold_term(t) not in skip]
        out[category] = TermMatcher(terms, inflect=lang in ("tr", OTHER_LANGUAGE), obfuscated=True)
    return out


def _plurals(terms: list[str], lang: str) -> list[str]:
    """English and Spanish plurals of one-word insults ("idiots", "imbéciles"): Turkish
    suffixes come from inflection, these languages' plurals from here."""
    out = []
    for term in terms:
        if " " in term or len(term) < 4 or not term.isalpha() or term.endswith("s"):
            continue
        vowel = term[-1] in "aeiouáéó"
        out.append(term + "s" if vowel or lang == "en" else term + "es")
        if lang == "es" and term.endswith("ón"):
            out.append(term[:-2] + "ones")
    return out


_WORD = regex.compile(r"[\p{L}\p{N}']+")


def _find_word(doc: Document, word: str) -> tuple[int, int] | None:
    """Original-text span of the first word whose normalised form starts with ``word``."""
    view = doc.deobfuscated
    for m in _WORD.finditer(view):
        if m.group().startswith(word[: max(3, len(word) - 2)]):
            return doc.to_original(m.start(), m.end())
    return None


def _rescale(probability: float, threshold: float) -> float:
    """Map the calibrated probability so the model's tuned threshold sits at 0.5."""
    if probability >= threshold:
        return 0.5 + 0.5 * (probability - threshold) / max(1.0 - threshold, 1e-6)
    return 0.5 * probability / max(threshold, 1e-6)


def _is_benign_slang(categories: set[str], has_lexicon_hit: bool) -> bool:
    if has_lexicon_hit:
        return False
    return "slang_phrase" in categories or (
        "slang_verb" in categories and "slang_context" in categories
    )


@register
class OffensiveDetector(Detector):
    name = "offensive"
    entities = (INSULT, PROFANITY, OFFENSIVE)
    category = Category.OFFENSIVE
    Params = OffensiveParams

    def __init__(self, params: BaseModel, org: OrgSettings) -> None:
        super().__init__(params, org)
        assert isinstance(params, OffensiveParams)
        self.options = params
        load_classifier("offensive")  # load the model now, not on the first keystroke

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        lang = doc.lang if doc.lang in LANGUAGES else OTHER_LANGUAGE
        features = load_classifier("offensive").featurizer.extract(doc.text, lang)
        result: OffensiveResult = offensive_from_features(features, lang)
        matchers = _matchers(
            lang, tuple(self.options.extra_terms), tuple(self.options.allowed_terms)
        )
        found: list[tuple[str, int, int, str]] = []
        example_only = False
        quoted = (
            [m.span(1) for m in _QUOTED.finditer(doc.text)]
            if _ANTI_BULLYING.search(doc.text)
            else []
        )
        for category, entity in (("insult", INSULT), ("profanity", PROFANITY)):
            for match in matchers[category].finditer(doc.deobfuscated):
                start, end = doc.to_original(match.start, match.end)
                if entity == PROFANITY and any(
                    b.start() <= start and end <= b.end()
                    for b in _BENIGN_PHRASES.finditer(doc.text)
                ):
                    example_only = True  # a name or set phrase: not a finding, nor tone
                    continue
                if any(q_start <= start and end <= q_end for q_start, q_end in quoted):
                    example_only = True
                    continue
                if not any(s < end and start < e for _, s, e, _ in found):
                    found.append((entity, start, end, match.term))

        model_score = (
            _rescale(result.score, result.threshold) if self.options.use_classifier else 0.0
        )
        categories = {h.category for h in features.hits}
        notes = [f"classifier: {result.score:.2f} (threshold {result.threshold:.2f}, {lang})"]
        if result.drivers:
            notes.append("words that raised the score: " + ", ".join(result.drivers))
        if _is_benign_slang(categories, bool(found)):
            model_score = min(model_score, SLANG_CAP)
            notes.append("violent words used as praise (sports, music or game slang)")

        drivers = ", ".join(result.drivers)
        for entity, start, end, term in found:
            floor = self.options.insult_floor if entity == INSULT else self.options.profanity_floor
            yield Detection(
                entity,
                start,
                end,
                round(max(floor, model_score), 4),
                pattern=f"lexicon: {term}",
                notes=(*notes, f"lexicon term: {term}"),
                message_args={"drivers": drivers or term},
            )
        if found or example_only:
            return
        dehumanising = _DEHUMANISING.search(doc.text)
        if dehumanising is not None:
            yield Detection(
                OFFENSIVE,
                dehumanising.start(),
                dehumanising.end(),
                round(max(model_score, 0.8), 4),
                pattern="construction: dehumanising a group",
                notes=tuple(notes),
                message_args={"drivers": dehumanising.group()},
            )
            return
        if model_score < 0.5:
            return
        # The classifier alone reads ordinary service and security messages ("nunca te
        # pediremos tu contraseña", "your data is confidential with us") as hostile: a
        # finding without a listed word needs a loaded word the lexicon knows.
        if not categories & LOADED:
            return
        span = _find_word(doc, result.drivers[0]) if result.drivers else None
        start, end = span if span is not None else (0, len(doc.text))
        yield Detection(
            OFFENSIVE,
            start,
            end,
            round(model_score, 4),
            pattern="classifier",
            notes=tuple(notes),
            message_args={"drivers": drivers or doc.text[start:end]},
        )
