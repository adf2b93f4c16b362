"""Put-downs and accusations aimed at someone named, or at the author's own employer.

The `disparagement` detector knows the names a policy lists. Most posts name someone it
does not know: a competitor, a shop, an official, a colleague ("@SkyLinkMobile is a scam",
"Dr. Kaya sahtekarın teki", "el concejal Blanco es un corrupto"), or the author's own
employer in plain words ("my company is a joke", "çalıştığım banka", "donde curro"). This
detector reads the construction instead: a target (an @handle, a capitalised name that is
not an ordinary sentence opener, or a self-reference to the employer) and, within a few
words of it in the same sentence, a strong put-down or an accusation of a crime or of
dishonesty. Mild complaints ("terrible", "a mess") stay out: criticism of a situation is
not disparagement.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import BaseModel

from herald.detectors.base import Detection, Detector, register
from herald.detectors.constructions import Cue, CueSet, Sentences
from herald.detectors.illegal_conduct import BLOCKERS
from herald.text.document import Document
from herald.text.fold import fold_term
from herald.types import Category, OrgSettings, ScanContext

PUT_DOWNS: dict[str, dict[str, str]] = {
    "en": {
        "put-down": r"scam(?:mers)?|frauds?|rip-?off|garbage|trash|rubbish|junk|useless|incompetent|liars?|crooks?|thief|thieves|pathetic|(?:a|total|complete) joke|clowns|sucks|disgrace|shady|(?:a|total) disaster|dumpster fire|poison|like (?:garbage|dirt|trash)|knock-?offs|criminals|cheats?|corrupt",
    },
    "tr": {
        "put-down": r"dolandirici|sahtekar|cop\b|berbat|rezalet|rezil|beceriksiz|ise yaramaz|yalanci|hirsiz|kazik|soytari|les\b|acinasi|zehir|yangin yeri|(?:tam bir )?saka\b|kopek muamelesi|sabikali|duzenbaz|cakma urun",
    },
    "es": {
        "put-down": r"estafa\w*|estafador\w*|fraude|timo|timadores|basura|pesim\w*|inutil\w*|incompetentes|mentiros\w*|tramposo|ladron\w*|patetic\w*|una verg[uü]enza|un desastre|chapuza|cutre|(?:un|de) chiste|payasos|sinverg[uü]enzas|un robo|da pena|no sirven? para nada|una mierda|veneno|falsificaciones|como basura|delincuentes|corrupto",
    },
}

ACCUSATIONS: dict[str, dict[str, str]] = {
    "en": {
        "accusation": r"(?:is |are )?steal(?:s|ing)(?: from)?|stole (?:our|my|the|from)|takes bribes|launder(?:s|ing)?(?: money)?|poisons?|abuses?|forges?|cheats|lies about|rips (?:people |you )?off|sells (?:knockoffs|fakes|fake)|scams",
    },
    "tr": {
        "accusation": r"caliyor|caldi|rusvet aliyor|(?:kara )?para akliyor|dolandiriyor|zehirliyor|sahtecilik yapiyor|yolsuzluk yapiyor|soyuyor|yalan soyluyor|sahte ilac",
    },
    "es": {
        "accusation": r"roba|roban|robando|robaron|(?:nos|les|me|te|le) robo|cobra comisiones|blanquea\w*|estafa a|envenena|falsifica\w*|miente\w*|vende falsificaciones|curas falsas",
    },
}

SELF_REFERENCES: dict[str, dict[str, str]] = {
    "en": {
        "own employer": r"my (?:company(?:'s)?|employer|boss|job)|where i work|the (?:bank|clinic|company|store|shop|hospital|firm) i work (?:at|for)|our (?:network|coverage|product|stuff|service|app)|this company|management (?:here|at my company)",
    },
    "tr": {
        "own employer": r"sirketim\w*|isyerim\w*|calistigim (?:yer|sirket|banka|hastane|magaza)\w*|bizim (?:sebeke|urun|kapsama)\w*|bu sirket\w*|yoneticiler|mudurum|sattigimiz urunler",
    },
    "es": {
        "own employer": r"mi (?:empresa|jefe|curro)|donde (?:trabajo|curro)|el banco donde trabajo|la clinica donde curro|nuestra (?:red|cobertura|app)|lo que vendemos|esta empresa|los jefes",
    },
}

ROLES: dict[str, dict[str, str]] = {
    "en": {
        "named role": r"(?:our|the|my) (?:mayor|ceo|councillor|minister|manager|owner|director|coach|teacher|landlord)(?: of \w+)?"
    },
    "tr": {"named role": r"belediye baskan\w*|genel mudur\w*|sahibi|muhtar\w*"},
    "es": {"named role": r"el (?:alcalde|concejal|due[ñn]o|director|ministro)|el ceo de \w+"},
}

# Capitalised words that open ordinary sentences, or name days and months: not targets.
_OPENERS = frozenset(
    [
        "i",
        "i'm",
        "im",
        "my",
        "me",
        "we",
        "our",
        "us",
        "you",
        "your",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "the",
        "a",
        "an",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "there",
        "here",
        "what",
        "why",
        "how",
        "when",
        "who",
        "honestly",
        "lol",
        "ugh",
        "omg",
        "ok",
        "so",
        "and",
        "but",
        "just",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "ben",
        "biz",
        "sen",
        "siz",
        "o",
        "bu",
        "şu",
        "su",
        "bunlar",
        "bizim",
        "benim",
        "ya",
        "ama",
        "ve",
        "yani",
        "bugün",
        "dün",
        "yarın",
        "pazartesi",
        "salı",
        "çarşamba",
        "perşembe",
        "cuma",
        "cumartesi",
        "pazar",
        "ocak",
        "şubat",
        "mart",
        "nisan",
        "mayıs",
        "haziran",
        "temmuz",
        "ağustos",
        "eylül",
        "ekim",
        "kasım",
        "aralık",
        "yo",
        "mi",
        "mis",
        "tu",
        "tú",
        "nosotros",
        "nuestro",
        "nuestra",
        "el",
        "él",
        "la",
        "los",
        "las",
        "un",
        "una",
        "este",
        "esta",
        "estos",
        "estas",
        "eso",
        "esto",
        "que",
        "qué",
        "por",
        "pero",
        "y",
        "si",
        "hoy",
        "ayer",
        "mañana",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
)
_NAME = regex.compile(r"(?<![\p{L}\p{N}@])@\w{2,}|(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}'’.-]*\p{L}")
_WINDOW = 40
"""Characters between a target and its put-down (a few words)."""
_OPENER_WINDOW = 30
"""A capital that opens the sentence is taken for a name only this close to the put-down."""


def _names(doc: Document, lo: int, hi: int, cue_start: int) -> Iterator[tuple[int, int]]:
    """@handles and capitalised names in [lo, hi) of the original text, openers aside."""
    for m in _NAME.finditer(doc.text, lo, hi):
        word = m.group()
        if word.startswith("@"):
            yield m.span()
            continue
        bare = word.rstrip(".'’").split("'")[0].split("’")[0]
        folded = bare.casefold()
        if folded in _OPENERS or len(bare) < 2:
            continue
        opens_sentence = not doc.text[lo : m.start()].strip()
        camel = any(c.isupper() for c in bare[1:])
        far = cue_start - m.end() > _OPENER_WINDOW
        if opens_sentence and not camel and far:
            continue  # a capital that only opens the sentence, far from the put-down
        yield m.span()


@register
class PutDownDetector(Detector):
    name = "put_downs"
    entities = ("DISPARAGE_COMPANY", "DISPARAGE_OTHER", "DEFAMATION")
    category = Category.DISPARAGEMENT

    def __init__(self, params: BaseModel, org: OrgSettings) -> None:
        super().__init__(params, org)
        # Names the policy lists are the `disparagement` detector's; not counted twice.
        self._configured = tuple(
            fold_term(n).strip() for n in (*org.company_names, *org.competitors) if n.strip()
        )

    _put_downs = CueSet(PUT_DOWNS)
    _accusations = CueSet(ACCUSATIONS)
    _self = CueSet(SELF_REFERENCES)
    _roles = CueSet(ROLES)
    _frames = CueSet(
        {
            lang: {k: v for k, v in frames.items() if k != "accusation of another"}
            for lang, frames in BLOCKERS.items()
        }
    )

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        view = doc.folded.folded
        sentences = Sentences(view)
        cues = [
            *(("put-down", c) for c in self._put_downs.finditer(view, doc.lang)),
            *(("accusation", c) for c in self._accusations.finditer(view, doc.lang)),
        ]
        done: set[tuple[int, int]] = set()
        for kind, cue in sorted(cues, key=lambda kc: kc[1].start):
            lo, hi = sentences.around(cue.start)
            if self._frames.search(view, doc.lang, lo, hi) is not None:
                continue
            found = self._target(doc, view, cue, lo, hi)
            if found is None:
                continue
            entity, t_start, t_end, target = found
            if kind == "accusation" and entity != "DISPARAGE_COMPANY":
                entity = "DEFAMATION"
            start, end = doc.to_original(min(t_start, cue.start), max(t_end, cue.end))
            if (start, end) in done:
                continue
            done.add((start, end))
            yield Detection(
                entity,
                start,
                end,
                0.85,
                pattern=f"{target} + {view[cue.start : cue.end]}",
                context_words=(view[cue.start : cue.end],),
                message_args={"target": target},
            )

    def _target(
        self, doc: Document, view: str, cue: Cue, lo: int, hi: int
    ) -> tuple[str, int, int, str] | None:
        near_lo, near_hi = max(lo, cue.start - _WINDOW), min(hi, cue.end + _WINDOW)
        own = self._self.search(view, doc.lang, near_lo, near_hi)
        if own is not None:
            start, end = doc.to_original(own.start, own.end)
            return "DISPARAGE_COMPANY", start, end, doc.text[start:end]
        role = self._roles.search(view, doc.lang, near_lo, near_hi)
        if role is not None:
            start, end = doc.to_original(role.start, role.end)
            return "DISPARAGE_OTHER", start, end, doc.text[start:end]
        o_lo, o_hi = doc.to_original(near_lo, near_hi)
        s_lo, _ = doc.to_original(lo, lo)
        c_start, _ = doc.to_original(cue.start, cue.end)
        c_end = doc.to_original(cue.end, cue.end)[0]
        spans = [
            s
            for s in _names(doc, s_lo, o_hi, c_start)
            if s[1] > o_lo and not (s[0] < c_end and c_start < s[1])  # the cue itself
        ]
        if not spans:
            return None
        # The nearest name before the put-down, else the first after it.
        before = [s for s in spans if s[0] < c_start]
        start, end = before[-1] if before else spans[0]
        # "John Miller", "Dr. Patel": a name runs back over the capitals just before it.
        for prev_start, prev_end in reversed(spans[: spans.index((start, end))]):
            if doc.text[prev_end:start].strip(" ."):
                break
            start = prev_start
        if fold_term(doc.text[start:end]).startswith(self._configured or ("\0",)):
            return None
        return "DISPARAGE_OTHER", start, end, doc.text[start:end]
