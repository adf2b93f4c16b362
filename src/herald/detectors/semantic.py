"""Semantic classifiers: the meaning of a post when no construction rule matched it.

Construction rules (illegal acts, put-downs, claims, vague sources) are precise but only
know the wordings they list. The policy-post models (``herald.nlp.policy_models``) read
the whole post; each fires above the threshold chosen for it in cross-validation, with the
span of the word that weighed most and the words that drove it in the explanation. The
topic model says a personal post talks about the organisation's industry; it needs the
disclaimer only when none of the usual ones is there.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from herald.detectors.base import Detection, Detector, register
from herald.nlp.policy_models import TASKS, document_features, score
from herald.text.document import Document
from herald.types import Category, ScanContext

ENTITIES = {task: "MEANING_" + task.upper() for task in TASKS}
# The disclaimers the pack's own rule accepts, as a pattern (the model rule cannot read the
# conditional rule's list).
_DISCLAIMER = regex.compile(
    r"views? (?:are )?(?:my own|mine)|opinions? (?:are )?my own|görüş\w* (?:bana|kendime) ait"
    r"|kişisel görüş|fikirler bana ait|opiniones (?:son mías|son mias|propias|personales)",
    regex.IGNORECASE,
)


@register
class SemanticDetector(Detector):
    name = "semantic"
    entities = tuple(ENTITIES.values())
    category = Category.ILLEGAL_CONDUCT

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        features = document_features(doc)
        for task in TASKS:
            if task == "topic" and _DISCLAIMER.search(doc.text):
                continue
            result = score(task, features)
            if result.score < 0.5:
                continue
            span = _word_span(doc, result.words[0]) if result.words else None
            start, end = span if span is not None else (0, len(doc.text))
            words = ", ".join(result.words) or doc.text[start:end]
            yield Detection(
                ENTITIES[task],
                start,
                end,
                round(result.score, 4),
                pattern=f"model policy_{task}",
                notes=(
                    f"model: {result.probability:.2f} (threshold {result.threshold:.2f})",
                    f"words that raised the score: {words}",
                ),
                message_args={"drivers": words},
            )


_WORD = regex.compile(r"[\p{L}\p{N}']+")


def _word_span(doc: Document, word: str) -> tuple[int, int] | None:
    """Original-text span of the first word whose folded form is ``word``."""
    view = doc.folded.folded
    for m in _WORD.finditer(view):
        if m.group() == word or m.group().startswith(word):
            return doc.to_original(m.start(), m.end())
    return None
