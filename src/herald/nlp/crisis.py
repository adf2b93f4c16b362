"""Crisis constructions per language, and the jokes and slang that borrow their words.

A crisis is a safety incident, a data breach or leak, a mass outage, a fraud wave, a legal
threat to go to court or a regulator, a journalist on a scandal or a threat of violence.
These lists are evidence for the inbox model (which weighs them against the rest of the
message), and the explanation a reviewer reads: "data leaked", "going to the regulator".
The joke list holds what turns the same words into exaggeration ("dying of laughter",
"explosive update 🔥", a threat to sue followed by 😂).
"""

from __future__ import annotations

from dataclasses import dataclass

from herald.nlp.cues import CueList

CONSTRUCTIONS = CueList(
    {
        "en": [
            # breaches and leaks
            "data breach", "data leak", "leaked", "leak", "breach", "hacked", "got hacked",
            "my data is on", "data was stolen", "data exposed", "exposed data", "dark web",
            "other customers data", "someone else's account", "someone elses account",
            # mass outages
            "down for everyone", "down for all", "nobody can", "no one can", "everyone can't",
            "everyone cant", "all atms", "atms are down", "whole country", "nationwide",
            "for hours", "since this morning", "all day", "thousands of", "hundreds of",
            "everybody", "outage", "is down",
            # fraud waves
            "emptied", "drained", "many customers", "all of us", "my whole salary",
            "unauthorized transactions", "unauthorised transactions",
            # legal and regulators
            "lawyer", "attorney", "lawsuit", "sue you", "suing", "take you to court", "court",
            "class action", "regulator", "ombudsman", "fca", "cfpb", "financial conduct authority",
            "report you to", "police",
            # safety and violence
            "fire", "smoke", "explosion", "injured", "collapsed", "ambulance", "gun",
            "robbery", "robbed", "kill", "shoot", "bomb", "burn down", "blow up", "hurt you",
            "you will pay", "find you",
            # press on a scandal
            "journalist", "reporter", "investigating", "our investigation", "scandal",
            "allegations", "story on", "whistleblower",
        ],
        "tr": [
            "veri sızıntısı", "sızdı", "sızdırıldı", "sızdırılmış", "sızıntı", "hacklendi",
            "hacklenmiş", "bilgilerim satılıyor", "başkasının hesabı", "başka müşterilerin",
            "kimse giremiyor", "herkes", "hiç kimse", "tüm türkiye", "bütün şubeler",
            "tüm atmler", "saatlerdir", "sabahtan beri", "çöktü", "binlerce", "yüzlerce",
            "kesinti", "boşaltıldı", "boşalttılar", "hesabım boşaltıldı", "izinsiz işlem",
            "avukat", "dava", "dava açacağım", "mahkeme", "bddk", "savcılık", "suç duyurusu",
            "tüketici hakem heyeti", "şikayet edeceğim", "polis",
            "yangın", "duman", "patlama", "yaralı", "çöktü tavan", "ambulans", "silah",
            "soygun", "öldürürüm", "öldüreceğim", "bomba", "yakarım", "yakacağım",
            "gebertirim", "sizi bulacağım", "gazeteci", "muhabir", "haber yapıyoruz",
            "araştırıyoruz", "skandal", "iddialar", "iddia",
        ],
        "es": [
            "filtración", "filtrado", "filtrados", "brecha de datos", "hackeado", "hackearon",
            "mis datos están", "datos de otros clientes", "cuenta de otra persona",
            "no funciona para nadie", "nadie puede", "todos", "todo el país", "toda españa",
            "todos los cajeros", "desde esta mañana", "horas sin", "miles de", "cientos de",
            "caída", "caído", "vaciado", "vaciaron", "me vaciaron la cuenta",
            "cargos no autorizados", "abogado", "demanda", "demandar", "os denuncio",
            "denuncia", "denunciar", "juzgado", "tribunal", "banco de españa", "consumo",
            "ocu", "policía", "incendio", "humo", "explosión", "herido", "heridos",
            "ambulancia", "pistola", "atraco", "os voy a matar", "matar", "quemar", "bomba",
            "periodista", "reportero", "investigando", "escándalo", "acusaciones",
        ],
    }
)  # fmt: skip

JOKES = CueList(
    {
        "*": ["😂", "🤣", "😆", "😅", "😜", "😉", "🔥", "💯", "🚀", "😍", "lol", "lmao", "xd", "jk"],
        "en": [
            "dying of laughter", "dying laughing", "i'm dead", "im dead", "killing it",
            "killed it", "explosive", "the bomb", "da bomb", "fire update", "on fire",
            "haha", "hahaha", "just kidding", "kidding", "joking", "jokes aside",
            "sue you if you stop", "if you stop this", "insane deal", "crazy good",
        ],
        "tr": [
            "gülmekten öldüm", "gülmekten ölüyorum", "gülmekten öl", "öldüm", "ölüyorum",
            "bomba gibi", "patlama yaptı", "yaktınız", "yıktınız", "efsane", "şaka", "şaka bir yana",
            "haha", "ahaha", "sjsj", "asdf", "kdkd", "dava açarım ama", "kaldırırsanız",
        ],
        "es": [
            "muerto de risa", "me muero de risa", "me muero", "me parto", "explosiva",
            "explosivo", "una bomba", "es la bomba", "jaja", "jajaja", "jajajaja", "broma",
            "es broma", "os denuncio como", "si quitáis", "brutal", "increíble",
        ],
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CrisisCues:
    constructions: tuple[str, ...]
    """Crisis phrases found ("data leaked", "avukat", "banco de españa")."""
    jokes: tuple[str, ...]
    """What reads as exaggeration or a joke ("dying of laughter", "😂")."""


def crisis_cues(text: str, lang: str, folded: str | None = None) -> CrisisCues:
    return CrisisCues(
        CONSTRUCTIONS.find(text, lang, folded),
        JOKES.find(text, lang, folded),
    )
