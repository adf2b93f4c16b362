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
            # more: violence and intimidation
            "wait outside", "waiting outside", "be waiting for", "coming down there",
            "getting hurt", "get hurt", "won't be smiling", "i know where", "watch your back",
            "make you pay", "smash", "punch", "punched", "stab", "knife", "weapon", "violent",
            "attacked", "assaulted", "bleeding", "threatened staff",
            # safety
            "carbon monoxide", "gas leak", "smell of gas", "electric shock", "electrocuted",
            "exposed wires", "sparking", "slipped", "broken her hip", "broke his", "fainted",
            "dizzy", "hospital", "a&e", "unsafe", "evacuated", "ceiling fell", "flood",
            # leaks, breaches
            "other customers", "6 other customers", "someone else's statements",
            "statements for", "without authentication", "no authentication", "endpoint",
            "vulnerability", "exposed", "for sale", "being sold", "telegram group",
            "customer list",
            # mass outage and fraud waves
            "whole east coast", "all can't", "nobody in", "none of the atms", "no atm",
            "friends all", "so many people", "everyone i know",
            "all of them", "same thing happened", "same sms", "same text", "facebook group",
            "people on", "nobody authorised", "nobody authorized", "across the country",
            # legal and regulators
            "small claims", "claims court", "legal action", "solicitor", "financial ombudsman",
            "trading standards", "regulators", "formal complaint to", "cfpb complaint",
            # press on a scandal
            "investigates", "we have evidence", "before we publish", "before publication",
            "for our story", "comment on reports", "allegedly", "alleged", "money laundering",
            "corruption", "misconduct", "fined",
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
            # şiddet ve tehdit
            "dışarıda bekleyeceğim", "kapıda bekleyeceğim", "gününü göreceksin",
            "gününü göreceğini", "pişman edeceğim", "pişman ederim", "başına yıkarım",
            "camları indiririm", "kırarım", "dağıtırım", "adresini biliyorum", "yerini biliyorum",
            "bıçak", "saldırdı", "saldırı", "darp", "dövdü", "yumruk", "tehdit",
            "şaka yapmıyorum", "yemin ederim",
            # güvenlik
            "elektrik kaçağı", "çarpıldı", "gaz kokusu", "gaz kaçağı", "karbonmonoksit",
            "hastaneye", "bayıldı", "tahliye", "itfaiye", "tavan çöktü",
            "kablolar", "güvenlik yok", "yaralandı",
            # sızıntı
            "telegram", "satılıyor", "satışa", "müşteri listesi", "kimlik doğrulamasız",
            "açık veriyor", "başkalarının", "başka birinin", "kayıt görünüyor",
            # toplu kesinti, dolandırıcılık dalgası
            "81 ilde", "ilde", "türkiye genelinde", "hiçbir atm", "hiçbir pos", "bütün arkadaşlar",
            "hepimizin", "hepsi acme", "tanıdığımın", "kişiyiz", "herkesin", "genelinde",
            "aynı dertte",
            # hukuk ve düzenleyici
            "tüketici mahkemesi", "icra", "hukuki süreç", "yasal yollara", "spk", "kvkk",
            "kişisel verileri koruma", "cumhurbaşkanlığı iletişim", "cimer",
            # basın ve skandal
            "yolsuzluk", "soruşturma", "soruşturmasında", "haberini doğruluyor", "gazete",
            "ifade verdi", "kara para", "usulsüzlük", "iddiası", "belgeler elimizde",
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
            # violencia y amenazas
            "la espero afuera", "lo espero afuera", "te espero", "que se cuide", "se va a enterar",
            "va a ver", "le rompo la cara", "romper todo", "a romper", "lo juro", "no estoy bromeando",
            "navaja", "cuchillo", "golpeó", "golpe", "violento", "agresión", "agredió",
            "empujaron", "amenaza", "sangrando",
            # seguridad
            "huele a gas", "fuga de gas", "bomberos", "cables pelados", "chispeando",
            "electrocutado", "descarga eléctrica", "hospital", "desmayó", "se cayó", "evacuar",
            "evacuaron", "sin seguridad", "dónde está la seguridad", "sin guardia",
            # filtraciones
            "dark web", "vendiéndose", "se venden", "datos ajenos", "datos de clientes",
            "sin autenticación", "endpoint", "registros", "de otra persona", "otros clientes",
            # caída masiva, oleada de fraude
            "nadie en", "ningún cajero", "cajeros caídos", "cajeros y app", "personas de mi empresa",
            "a 60 personas", "a todos", "mismo sms", "somos muchos", "varias personas",
            "en todo el país", "todo el mundo",
            # legal y reguladores
            "condusef", "cnbv", "superintendencia", "sernac", "indecopi", "cnmv", "acciones legales",
            "acción legal", "queja formal", "demanda colectiva", "fiscalía", "en representación de",
            # prensa y escándalo
            "lavado de activos", "blanqueo", "corrupción", "citado a declarar", "presunto",
            "investigación", "noticiero", "su versión", "lo confirman", "elDiario",
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
