"""The peers the classifiers are measured against, scored on the same dev rows.

The classifier issue names two: a *plain word list* (offensive: any insult or swear word
found; sentiment: more positive than negative words, negation ignored; scam: any scam
cue) and a *plain n-gram model* (logistic regression on the same hashed word and
character n-grams, without the lexicon, negation, emoji and surface features, language
heads, NB scaling or calibration). The training run records both per language next to
the model's own score, so the benchmark can print the ratio.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

import numpy as np

from herald.nlp.classifier import TASKS
from herald.nlp.features import HASH_DIM, Features, Featurizer
from herald.nlp.metrics import evaluate
from training.data import Split
from training.fitting import fit_linear, sample_weights, to_matrix

_HIT_POLARITY = {"sentiment_pos": "pos", "sentiment_neg": "neg"}
_WORD_LIST_CATEGORIES = {
    "offensive": frozenset({"insult", "profanity"}),
    "scam": frozenset({"scam"}),
}


def word_list_label(task: str, features: Features, emoji_polarity: Mapping[str, str]) -> str:
    """The plain word-list peer's answer for one text."""
    if task == "sentiment":
        # A word list knows no negation: "not good" counts as positive.
        polarity = [_HIT_POLARITY.get(h.category, "") for h in features.hits]
        polarity += [emoji_polarity.get(token, "") for token in features.tokens]
        balance = polarity.count("pos") - polarity.count("neg")
        return "positive" if balance > 0 else "negative" if balance < 0 else "neutral"
    negative, positive = TASKS[task]  # model order: the "no" class first
    categories = _WORD_LIST_CATEGORIES[task]
    return positive if any(hit.category in categories for hit in features.hits) else negative


def peer_baselines(
    task: str,
    rows: Split,
    train_features: Sequence[Features],
    featurizer: Featurizer,
    c: float,
) -> dict[str, dict[str, float]]:
    """Dev macro-F1 per language of the plain word list and the plain n-gram model;
    ``train_features`` are those of the training rows, in order."""
    train, dev = rows
    classes = TASKS[task]
    print(f"  {task}: peer baselines", file=sys.stderr)
    dev_features = [featurizer.extract(r.text, r.lang) for r in dev]
    x = to_matrix(train_features)[:, :HASH_DIM]
    y = np.array([classes.index(r.label) for r in train])
    weights, bias = fit_linear(x, y, len(classes), c, sample_weights(train, classes))
    scores = np.asarray(to_matrix(dev_features)[:, :HASH_DIM] @ weights[:HASH_DIM] + bias)
    if len(classes) == 2:
        ngram = [classes[int(s > 0)] for s in scores[:, 0]]
    else:
        ngram = [classes[int(k)] for k in scores.argmax(axis=1)]
    emoji = featurizer.lexicon.emoji_polarity
    words = [word_list_label(task, f, emoji) for f in dev_features]
    out: dict[str, dict[str, float]] = {}
    for lang in sorted({r.lang for r in dev}):
        keep = [i for i, r in enumerate(dev) if r.lang == lang]
        gold = [dev[i].label for i in keep]
        out[lang] = {
            "plain_ngrams": round(evaluate(gold, [ngram[i] for i in keep], classes).macro_f1, 4),
            "word_list": round(evaluate(gold, [words[i] for i in keep], classes).macro_f1, 4),
        }
    return out
