"""The stateless half of the listening pipeline: fold, match, classify, find crisis phrases.

Nothing here depends on the order of mentions, so chunks can be prepared in other
processes (``herald listen replay --workers``) while one process counts them in order.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from herald.listening.config import ListeningQuery
from herald.listening.crisis import crisis_terms
from herald.listening.dedup import dedup_text
from herald.listening.mention import Mention
from herald.listening.query import MatchInput, QuerySet
from herald.nlp.batch import language_of
from herald.nlp.classifier import load_classifier, shared_featurizer
from herald.text.fold import fold, fold_term
from herald.types import LANGUAGES, OTHER_LANGUAGE

CACHE_SIZE = 50_000
_KNOWN_LANGS = frozenset((*LANGUAGES, OTHER_LANGUAGE))


@dataclass(frozen=True, slots=True)
class Classified:
    lang: str
    negative: float
    positive: float
    sentiment: str
    scam: bool


@dataclass(frozen=True, slots=True)
class Prepared:
    mention: Mention
    key: str
    """The deduplication text (:func:`herald.listening.dedup.dedup_text`)."""
    classified: Classified
    crisis: tuple[str, ...]
    matched: tuple[str, ...]
    """Ids of the queries it matched (languages of the query checked)."""


class Preparer:
    """Prepares chunks of mentions; classifications are cached by deduplication text, so
    retweets and bot copies are classified once."""

    def __init__(self, queries: Sequence[ListeningQuery], *, cache_size: int = CACHE_SIZE) -> None:
        self.languages = {q.id: q.languages for q in queries}
        self.query_set = QuerySet(q.query for q in queries)
        self.cache_size = cache_size
        """Classifications kept (0: classify every mention)."""
        self._cache: OrderedDict[str, Classified] = OrderedDict()

    def classify(self, items: list[tuple[Mention, str]]) -> list[Classified]:
        """(mention, dedup text) -> classification, one feature pass and model call a chunk."""
        out: list[Classified | None] = []
        todo: list[int] = []
        for i, (mention, key) in enumerate(items):
            hit = self._cache.get(key)
            if hit is not None and (mention.lang is None or mention.lang == hit.lang):
                self._cache.move_to_end(key)
                out.append(hit)
            else:
                out.append(None)
                todo.append(i)
        if todo:
            texts = [items[i][0].text for i in todo]
            langs = []
            for i in todo:
                given = items[i][0].lang
                langs.append(given if given in _KNOWN_LANGS else language_of(items[i][0].text))
            features = shared_featurizer().extract_batch(texts, langs)
            sentiments = load_classifier("sentiment").predict_batch(features, langs)
            scams = load_classifier("scam").predict_batch(features, langs)
            for i, lang, sentiment, scam in zip(todo, langs, sentiments, scams, strict=True):
                result = Classified(
                    lang=lang,
                    negative=sentiment.scores["negative"],
                    positive=sentiment.scores["positive"],
                    sentiment=sentiment.label,
                    scam=scam.label == "scam",
                )
                out[i] = result
                if self.cache_size:
                    self._cache[items[i][1]] = result
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return [c for c in out if c is not None]

    def prepare(self, chunk: Sequence[Mention]) -> list[Prepared]:
        folded = [fold(m.text).folded for m in chunk]
        keys = [dedup_text(f) for f in folded]
        classified = self.classify(list(zip(chunk, keys, strict=True)))
        out = []
        for mention, view, key, result in zip(chunk, folded, keys, classified, strict=True):
            author = fold_term(mention.author.lstrip("@"))
            facts = MatchInput(view, result.lang, mention.network, author)
            matched = tuple(
                q.id for q in self.query_set.match(facts) if result.lang in self.languages[q.id]
            )
            crisis = crisis_terms(view, result.lang) if matched else ()
            out.append(Prepared(mention, key, result, crisis, matched))
        return out
