"""Disparagement: the company or a competitor named in the same sentence as a put-down.

Policies ask employees not to run down competitors or their own employer in public. A
put-down alone ("this traffic is terrible") is not disparagement, and neither is a name
alone; both in one sentence are. Names come from the policy's organisation settings and
match with Turkish suffixes ("Finvera'nın", "Paybridge'i").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import regex
from pydantic import BaseModel, ConfigDict

from herald.detectors.base import Detection, Detector, register
from herald.text.document import Document
from herald.text.fold import fold_term
from herald.text.lexicon import TermMatcher
from herald.types import Category, OrgSettings, ScanContext

PUT_DOWNS: dict[str, tuple[str, ...]] = {
    "en": (
        "scam",
        "scammers",
        "fraud",
        "frauds",
        "rip-off",
        "ripoff",
        "garbage",
        "trash",
        "rubbish",
        "terrible",
        "awful",
        "useless",
        "worst",
        "incompetent",
        "liars",
        "crooks",
        "thieves",
        "pathetic",
        "joke",
        "clowns",
        "sucks",
        "suck",
        "disgrace",
        "shady",
        "a mess",
    ),
    "tr": (
        "dolandırıcı",
        "dolandırıcılar",
        "sahtekar",
        "sahtekâr",
        "çöp",
        "berbat",
        "rezil",
        "en kötü",
        "beceriksiz",
        "işe yaramaz",
        "yalancı",
        "hırsız",
        "kazıkçı",
        "soytarı",
        "rezalet",
        "felaket",
        "saçmalık",
        "vasat",
        "leş",
    ),
    "es": (
        "estafa",
        "estafadores",
        "fraude",
        "timo",
        "timadores",
        "basura",
        "pésimo",
        "pésima",
        "el peor",
        "la peor",
        "inútil",
        "inútiles",
        "incompetentes",
        "mentirosos",
        "ladrones",
        "patético",
        "una vergüenza",
        "un desastre",
        "chapuza",
        "cutre",
    ),
}
_SENTENCE_END = regex.compile(r"[.!?…\n]+")


class DisparagementParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    targets: list[str] = ["competitors", "company"]
    """Whom to protect: 'competitors', 'company' or both."""
    extra_terms: dict[str, list[str]] = {}
    """More put-downs per language (tr, es, en)."""


@register
class DisparagementDetector(Detector):
    name = "disparagement"
    entities = ("DISPARAGE_COMPETITOR", "DISPARAGE_COMPANY")
    category = Category.DISPARAGEMENT
    Params = DisparagementParams

    def __init__(self, params: BaseModel, org: OrgSettings) -> None:
        super().__init__(params, org)
        p = DisparagementParams.model_validate(params.model_dump())
        self._names: dict[str, str] = {}
        if "competitors" in p.targets:
            self._names.update(dict.fromkeys(org.competitors, "DISPARAGE_COMPETITOR"))
        if "company" in p.targets:
            self._names.update(dict.fromkeys(org.company_names, "DISPARAGE_COMPANY"))
        self._entity_by_folded = {fold_term(n).strip(): e for n, e in self._names.items()}
        self._name_matchers = {
            lang: TermMatcher(self._names, inflect=lang == "tr") for lang in ("tr", "es", "en")
        }
        every = [t for terms in PUT_DOWNS.values() for t in terms]
        self._put_downs = {
            lang: TermMatcher(
                [*PUT_DOWNS[lang], *p.extra_terms.get(lang, [])], inflect=lang == "tr"
            )
            for lang in ("tr", "es", "en")
        }
        self._put_downs["other"] = TermMatcher(every, inflect=False)
        self._name_matchers["other"] = TermMatcher(self._names, inflect=False)

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        if not self._names:
            return
        view = doc.folded.folded
        names = list(self._name_matchers[doc.lang].finditer(view))
        if not names:
            return
        put_downs = list(self._put_downs[doc.lang].finditer(view))
        if not put_downs:
            return
        bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(view)), len(view)]
        for lo, hi in itertools.pairwise(bounds):
            in_names = [m for m in names if lo <= m.start < hi]
            in_put_downs = [m for m in put_downs if lo <= m.start < hi]
            if not in_names or not in_put_downs:
                continue
            name, word = in_names[0], in_put_downs[0]
            start, end = doc.to_original(min(name.start, word.start), max(name.end, word.end))
            target = doc.text[slice(*doc.to_original(name.start, name.stem_end))]
            yield Detection(
                self._entity_by_folded.get(name.term, "DISPARAGE_COMPETITOR"),
                start,
                end,
                0.9,
                pattern=f"{name.term} + {word.term}",
                context_words=(word.term,),
                message_args={"target": target},
            )
