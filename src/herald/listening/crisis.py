"""Crisis signals: constructions that say a mention is about an incident, not a grumble.

Data leaks, emptied accounts, outages, fraud, safety, boycotts, legal action and
calls to spread the word, per language. Matched on the folded text with Turkish inflection
("sızdırıldı", "sızıntısı"), so a phrase is written once in its plain form.
"""

from __future__ import annotations

from functools import cache

from herald.text.lexicon import TermMatcher

CRISIS_PHRASES: dict[str, tuple[str, ...]] = {
    "tr": (
        "veri sızıntısı",
        "veriler sızdırıldı",
        "bilgilerim sızdırıldı",
        "sızdırıldı",
        "hesabım boşaltıldı",
        "hesabımı boşalttılar",
        "param çalındı",
        "paramı çaldılar",
        "dolandırıldım",
        "dolandırıcılık",
        "hacklendi",
        "hacklenmiş",
        "sistem çöktü",
        "herkesin hesabı",
        "erişim yok",
        "saatlerdir açılmıyor",
        "boykot",
        "boykot edin",
        "suç duyurusu",
        "dava açıyoruz",
        "zehirlendi",
        "yaralandı",
        "rezalet büyüyor",
        "herkes paylaşsın",
        "yayalım",
        "skandal",
    ),
    "es": (
        "filtración de datos",
        "filtraron mis datos",
        "datos filtrados",
        "me vaciaron la cuenta",
        "me robaron",
        "robo",
        "estafa",
        "estafados",
        "hackeo",
        "hackeado",
        "hackearon",
        "caída del sistema",
        "sistema caído",
        "nadie puede entrar",
        "boicot",
        "denuncia",
        "demanda colectiva",
        "intoxicados",
        "intoxicación",
        "escándalo",
        "compartan",
        "difundan",
    ),
    "en": (
        "data breach",
        "data leak",
        "leaked",
        "emptied my account",
        "stole my money",
        "money stolen",
        "fraud",
        "scammed",
        "hacked",
        "outage",
        "system down",
        "nobody can log in",
        "boycott",
        "class action",
        "lawsuit",
        "food poisoning",
        "recall",
        "scandal",
        "spread the word",
        "share this",
    ),
}


@cache
def crisis_matcher(lang: str) -> TermMatcher | None:
    """The matcher for ``lang``; None for a language without a crisis lexicon."""
    phrases = CRISIS_PHRASES.get(lang)
    return TermMatcher(phrases, inflect=True) if phrases else None


def crisis_terms(folded: str, lang: str) -> tuple[str, ...]:
    """The crisis phrases (folded) found in a folded text, in order, each once."""
    matcher = crisis_matcher(lang)
    if matcher is None:
        return ()
    return tuple(dict.fromkeys(m.term for m in matcher.finditer(folded, prefilter=False)))
