"""Unannounced company matters, read from how people leak them.

Without configured codenames the `confidential` detector cannot know a project name; but
leaks have a recognisable construction: the secrecy around them ("not announced yet, keep
it quiet", "daha duyurulmadı", "aún no es público", "you heard it here first"), a project
or code name written as one ("Project Falcon", "kod adı Mavikuş", "Proyecto Halcón"), a
deal in the first person ("we're acquiring", "satın alıyoruz", "vamos a comprar"), or an
internal document shown off ("internal memo", "yönetim kurulu sunumu", "correo interno").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from herald.detectors.base import Detection, Detector, register
from herald.detectors.constructions import CueSet
from herald.text.document import Document
from herald.types import Category, ScanContext

LEAKS: dict[str, dict[str, str]] = {
    "en": {
        "secrecy": r"not (?:announced|public) (?:yet|till|until)\w*(?: \w+)?|not public yet|(?:don'?t|do not) tell anyone|keep it quiet|you heard it here first|can'?t say much but|leaked it|leaked (?:board|the)",
        "internal document": r"internal memo|board meeting slides|(?:our )?(?:biggest )?client list|pricing deck|roadmap slide",
        "deal in the first person": r"we'?re acquiring|we are acquiring|(?:the )?merger with \w+|deal is signed|under nda",
        "unreleased plan": r"the layoffs|our new pricing goes live|(?:our )?q[1-4] revenue is|unreleased \w+ app",
    },
    "tr": {
        "secrecy": r"(?:daha|henuz) (?:duyurulmadi|aciklanmadi)|kimseye soylemeyin|sessiz olun|ilk burdan duydunuz|fazla bi(?:r)? sey diyemem|haftaya kadar gizli|elime gecti",
        "internal document": r"sirket ici yazisma|yonetim kurulu sunumu|musteri listesi",
        "deal in the first person": r"satin aliyoruz|ile birlesme|gizlilik sozlesmesi var",
        "unreleased plan": r"isten cikarmalar|yeni fiyatlarimiz|ceyrek cirosu",
    },
    "es": {
        "secrecy": r"aun no (?:esta anunciado|es publico)|no es publico hasta|no se lo digais a nadie|calladitos|lo habeis leido aqui primero|no puedo contar mucho|se ha filtrado|os lo adelanto",
        "internal document": r"correo interno|presentacion del consejo|lista de clientes",
        "deal in the first person": r"vamos a comprar|la fusion con|acuerdo de confidencialidad",
        "unreleased plan": r"los despidos|los nuevos precios entran|facturacion del \w+ trimestre",
    },
}
# Case matters here, so it runs on the original text: "Project Falcon", not "my project".
_CODENAME = regex.compile(
    r"\b(?:Project|Proje|Proyecto|[Cc]odename|[Cc]ode name|[Kk]od adı|[Nn]ombre en clave)"
    r"\s+\p{Lu}[\p{L}]+"
)


@register
class UnannouncedDetector(Detector):
    name = "unannounced"
    entities = ("UNANNOUNCED",)
    category = Category.CONFIDENTIAL

    _leaks = CueSet(LEAKS)

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        for m in _CODENAME.finditer(doc.text):
            yield Detection(
                "UNANNOUNCED",
                m.start(),
                m.end(),
                0.85,
                pattern="a project or code name",
                message_args={"construction": "a project or code name"},
            )
        view = doc.folded.folded
        for cue in self._leaks.finditer(view, doc.lang):
            start, end = doc.to_original(cue.start, cue.end)
            yield Detection(
                "UNANNOUNCED",
                start,
                end,
                0.85,
                pattern=cue.label,
                message_args={"construction": cue.label},
            )
